//! Issue 16, the ingest parts: files as offices write them load whole. An optional column's
//! unknown value is a warning on an accepted row; a title, a 制表单位 line and a two-row header
//! are found and skipped with their text; 合计/备注 lines are skipped, not rejected; 处罚种类
//! lists take every separator; a registration repeated with other contents is a conflict.

#![cfg(not(target_arch = "wasm32"))]
use credit_supervision::ingest::{load_file, FileReport, LoadOptions};
use credit_supervision::progress::NoProgress;
use credit_supervision::records::{EntityType, RecordKind, RegStatus};
use credit_supervision::store::Store;

fn load(store: &mut Store, name: &str, text: &str) -> FileReport {
    let r = load_file(
        store,
        name,
        text.as_bytes(),
        &LoadOptions::default(),
        &mut NoProgress,
    )
    .unwrap()
    .remove(0);
    assert!(r.balanced(), "{r:?}");
    r
}

#[test]
fn unknown_optional_values_are_warnings_on_accepted_rows() {
    // 914403001922038216 and 91330100716105852F have known regions; 91999999MA00000008-like
    // codes are built below with a valid check digit and an unknown region 999999.
    let unknown_region = credit_supervision::uscc::Uscc::with_check_digit(b"91999999MA0000000")
        .unwrap()
        .as_str()
        .to_string();
    let text = format!(
        "统一社会信用代码,企业名称,市场主体类型,成立日期,登记状态\n\
914403001922038216,甲公司,有限责任公司（外星人投资）X,2010-05-01,营业执照丢失\n\
91330100716105852F,乙公司,有限责任公司(自然人投资或控股),2015-03-02,存续（在营、开业、在册）\n\
{unknown_region},丙公司,宇宙飞船,2016-01-01,存续\n"
    );
    let mut s = Store::new();
    let r = load(&mut s, "reg.csv", &text);
    assert_eq!((r.rows_read, r.accepted, r.rejected), (3, 3, 0));
    assert_eq!(r.warned, 2);
    let w = |key: &str, reason: &str| {
        r.warnings
            .iter()
            .find(|w| w.key == key && w.reason == reason)
            .unwrap_or_else(|| panic!("{key} {reason}: {:?}", r.warnings))
    };
    let t = w("entity_type", "other_term");
    assert_eq!((t.count, t.column.as_str()), (1, "市场主体类型"));
    assert_eq!(t.examples[0].value, "宇宙飞船");
    assert_eq!(t.examples[0].line, 4);
    assert!(t.message_zh.contains("其他") && t.message.contains("other"));
    let st = w("status", "other_term");
    assert_eq!(
        (st.count, st.examples[0].value.as_str()),
        (1, "营业执照丢失")
    );
    let reg = w("uscc", "unknown_region");
    assert_eq!(reg.examples[0].value, unknown_region);
    // The rows keep the text and read as other.
    let ent = s
        .find(&credit_supervision::uscc::Uscc::parse("914403001922038216").unwrap())
        .unwrap();
    let g = s.registration(ent).unwrap();
    assert_eq!(g.status, RegStatus::Other);
    assert_eq!(s.strings.get(g.status_text), "营业执照丢失");
    let ent = s
        .find(&credit_supervision::uscc::Uscc::parse(&unknown_region).unwrap())
        .unwrap();
    let g = s.registration(ent).unwrap();
    assert_eq!(g.entity_type, EntityType::Other);
    assert_eq!(s.strings.get(g.entity_type_text), "宇宙飞船");

    // Other kinds: the optional vocabulary columns warn, the text is kept.
    let p = load(
        &mut s,
        "p.csv",
        "统一社会信用代码,处罚决定书文号,处罚决定日期,程序类型,处罚种类,违法领域\n\
914403001922038216,东市监罚〔2024〕1号,2024-03-01,听证程序,罚款/没收违法所得,网络交易\n",
    );
    assert_eq!((p.accepted, p.rejected), (1, 0));
    assert_eq!(p.warnings.len(), 2);
    let pen = s.penalties.rows()[0];
    assert_eq!(s.strings.get(pen.domain_text), "网络交易");
    assert_eq!(s.strings.get(pen.procedure_text), "听证程序");
    assert_eq!(pen.domain, credit_supervision::records::Domain::Other);
    assert_eq!(pen.kinds.to_zh(), "罚款;没收");
    // A required column's problem still rejects.
    let i = load(
        &mut s,
        "i.csv",
        "uscc,task_id,inspection_date,inspection_kind,result\n\
914403001922038216,T1,2024-06-01,飞行检查,未发现问题\n\
914403001922038216,T2,2024-06-01,双随机,还行\n",
    );
    assert_eq!((i.accepted, i.rejected, i.warned), (1, 1, 1));
    assert_eq!(i.errors[0].reason, "term");
}

const TITLED: &str = "东西湖区市场主体登记信息表（截至2026年11月）,,,,,\n\
制表单位：东西湖区市场监督管理局,,,导出日期：2026-11-28,,\n\
统一社会信用代码,基本信息,,注册资本,登记信息,\n\
,企业名称,成立日期,(万元),登记状态,住所\n\
914403001922038216,甲公司,2010-05-01,100,存续,吴家山\n\
91330100716105852F,乙公司,2015-03-02,50,在业,径河\n\
合计,2户,,150,,\n\
备注：数据来源于国家企业信用信息公示系统,,,,,\n";

#[test]
fn title_rows_two_row_header_and_totals_in_csv() {
    let mut s = Store::new();
    let r = load(&mut s, "titled.csv", TITLED);
    assert_eq!(r.kind, RecordKind::Registration);
    assert_eq!((r.accepted, r.rejected, r.skipped), (2, 0, 4));
    assert_eq!(r.rows_read, 6);
    assert_eq!(r.headers[3], "注册资本(万元)");
    let reasons: Vec<_> = r.skipped_rows.iter().map(|k| (k.line, k.reason)).collect();
    assert_eq!(
        reasons,
        [
            (1, "above_header"),
            (2, "above_header"),
            (7, "summary"),
            (8, "summary")
        ]
    );
    assert_eq!(
        r.skipped_rows[0].text,
        "东西湖区市场主体登记信息表（截至2026年11月）"
    );
    assert_eq!(r.skipped_rows[2].text, "合计 | 2户 | 150");
    assert_eq!(s.registration(0).unwrap().capital, Some(100.0));
    // A single title without a delimiter above a tab-separated header.
    let tsv =
        "登记信息表\n统一社会信用代码\t企业名称\t成立日期\n914403001922038216\t甲\t2010-05-01\n";
    let r = load(&mut Store::new(), "t.tsv", tsv);
    assert_eq!(
        (r.accepted, r.skipped, r.delimiter.as_deref()),
        (1, 1, Some("\t"))
    );
    // A row with a valid USCC is a record even when it starts like a note.
    let r = load(
        &mut Store::new(),
        "n.csv",
        "备注,统一社会信用代码,企业名称,成立日期\n合计,914403001922038216,甲,不是日期\n",
    );
    assert_eq!((r.rejected, r.skipped), (1, 0));
}

#[test]
fn title_rows_two_row_header_and_totals_in_xlsx() {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("登记").unwrap();
    for (r, line) in TITLED.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            if !cell.is_empty() {
                ws.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    let bytes = wb.save_to_buffer().unwrap();
    let mut s = Store::new();
    let r = load_file(
        &mut s,
        "t.xlsx",
        &bytes,
        &LoadOptions::default(),
        &mut NoProgress,
    )
    .unwrap()
    .remove(0);
    assert!(r.balanced());
    assert_eq!((r.accepted, r.rejected, r.skipped), (2, 0, 4));
    assert_eq!(r.skipped_rows[1].line, 2);
    assert_eq!(r.skipped_rows[3].reason, "summary");
}

#[test]
fn conflicting_registrations_are_listed_with_both_lines() {
    let mut s = Store::new();
    let first = load(
        &mut s,
        "a.csv",
        "uscc,name,entity_type,established,status\n\
914403001922038216,甲公司,公司,2010-05-01,存续\n\
914403001922038216,甲公司,有限责任公司,2010-05-01,在业\n",
    );
    // The same type and status spelled another way: a duplicate.
    assert_eq!(
        (first.accepted, first.duplicates, first.conflicts),
        (1, 1, 0)
    );
    assert!(first.conflict_rule.unwrap().contains("first line read"));
    let second = load(
        &mut s,
        "b.csv",
        "uscc,name,entity_type,established,status\n\
914403001922038216,甲有限公司,公司,2010-05-01,注销\n",
    );
    assert_eq!(
        (second.accepted, second.duplicates, second.conflicts),
        (0, 0, 1)
    );
    let c = &second.conflict_rows[0];
    assert_eq!(c.uscc, "914403001922038216");
    assert_eq!(c.differs, ["name", "status"]);
    assert_eq!((c.kept.file.as_str(), c.kept.line), ("a.csv", 2));
    assert_eq!(
        (c.kept.name.as_str(), c.kept.status.as_str()),
        ("甲公司", "存续")
    );
    assert_eq!((c.repeat.file.as_str(), c.repeat.line), ("b.csv", 2));
    assert_eq!(c.repeat.status, "注销");
    // The first line is the one held.
    assert_eq!(s.name(0), "甲公司");
}

#[test]
fn the_page_fixture_of_an_office_export_loads_whole() {
    let text = std::fs::read_to_string("tests/e2e/fixtures/registration-office.csv").unwrap();
    let r = load(&mut Store::new(), "registration-office.csv", &text);
    assert_eq!(
        (r.rows_read, r.accepted, r.conflicts, r.rejected, r.skipped),
        (7, 3, 1, 0, 3)
    );
    let reasons: Vec<_> = r.warnings.iter().map(|w| (w.key, w.reason)).collect();
    assert_eq!(
        reasons,
        [
            ("status", "other_term"),
            ("entity_type", "other_term"),
            ("uscc", "unknown_region")
        ]
    );
}

#[test]
fn industries_gb_t_4754_does_not_know_are_warnings_with_the_text_kept() {
    let text = "统一社会信用代码,企业名称,行业代码,成立日期\n\
914403001922038216,甲公司,F5212,2010-05-01\n\
91330100716105852F,乙公司,5212,2015-03-02\n\
92420112MA4K000015,丙商店,F,2016-01-01\n\
91420112MA4KL0XX03,丁公司,F52,2016-01-01\n\
91420112MA4KM0XX1A,戊公司,百货零售,2016-01-01\n\
91420112MA4KN0XX2B,己公司,Z9999,2016-01-01\n\
91420112MA4KP0XX3C,庚公司,A5212,2016-01-01\n\
91420112MA4KQ0XX4D,辛公司,,2016-01-01\n";
    // The USCCs above with valid check digits.
    let text = fix_check_digits(text);
    let mut s = Store::new();
    let r = load(&mut s, "reg.csv", &text);
    assert_eq!(
        (r.rows_read, r.accepted, r.rejected),
        (8, 8, 0),
        "{:?}",
        r.errors
    );
    assert_eq!(r.warned, 2, "{:?}", r.warnings);
    let w = r
        .warnings
        .iter()
        .find(|w| w.key == "industry")
        .expect("an industry warning");
    assert_eq!(
        (w.reason, w.column.as_str(), w.count),
        ("unknown_industry", "行业代码", 2)
    );
    let seen: Vec<(u64, &str)> = w
        .examples
        .iter()
        .map(|e| (e.line, e.value.as_str()))
        .collect();
    assert_eq!(seen, [(7, "Z9999"), (8, "A5212")]);
    assert!(w.message.contains("GB/T 4754-2017") && w.message_zh.contains("GB/T 4754-2017"));
    // The text is kept as written.
    let u = credit_supervision::uscc::Uscc::parse(
        text.lines().nth(6).unwrap().split(',').next().unwrap(),
    )
    .unwrap();
    let g = s.registration(s.find(&u).unwrap()).unwrap();
    assert_eq!(s.strings.get(g.industry), "Z9999");
}

/// Replaces the check digit of every USCC at the start of a line of `text` with the right one.
fn fix_check_digits(text: &str) -> String {
    text.lines()
        .map(|l| match l.split_once(',') {
            Some((code, rest)) if code.len() == 18 && code.is_ascii() => {
                let u = credit_supervision::uscc::Uscc::with_check_digit(
                    code.as_bytes()[..17].try_into().unwrap(),
                )
                .unwrap();
                format!("{},{rest}\n", u.as_str())
            }
            _ => format!("{l}\n"),
        })
        .collect()
}
