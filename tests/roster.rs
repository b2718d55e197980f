//! The planning inputs (issue 11): the inspector roster (执法检查人员名录库) and the item list
//! (抽查事项清单) load like records — Chinese headers, every bad cell rejected with file, line,
//! column and value, unknown words warned about, repeated ids handled — into the store's
//! roster, bound by its own digest and not by the records digest.

mod common;

use common::{d, uscc, workspace};
use credit_supervision::ingest::{load_csv, load_file, FileReport, LoadOptions};
use credit_supervision::progress::NoProgress;
use credit_supervision::records::{EntityType, RecordKind};
use credit_supervision::store::Store;
use credit_supervision::synth::{generate_csv, roster_size, SynthParams};
use credit_supervision::workspace::Workspace;

const ROSTER: &str = "序号,执法证号,姓名,所属部门,专业领域,负责区域,回避企业,是否在岗\n\
1,HB-0001,张三,区市场监管局食品安全监管科,食品安全、特种设备；计量,吴家山街道,,在岗\n\
2,ＨＢ-0002,李四,区市场监管局吴家山市场监管所,公示信息 / 价格,,\"914403001922038216,武汉某某餐饮有限公司（东西湖店）\",是\n\
3,HB-0003,王五,区卫生健康局卫生监督所,公共卫生,径河街道,91330100716105852f,退休\n";

const ITEMS: &str = "抽查事项编码,事项名称,实施部门,检查依据,检查对象,适用行业,许可类别,事项类别,所需资质\n\
SX-01,企业公示信息抽查,区市场监管局,《企业信息公示暂行条例》第十四条,企业,,,一般检查事项,公示信息\n\
SX-02,食品销售者监督检查,区市场监管局,《中华人民共和国食品安全法》第一百一十条,,F52、5121,食品经营许可,重点,食品安全\n\
SX-03,特种设备使用单位监督检查,区市场监管局,,个体工商户;股份有限公司（上市、自然人投资或控股）,C、h62,特种设备使用登记,,特种设备\n";

fn load(store: &mut Store, name: &str, text: &str) -> FileReport {
    let r = load_csv(store, name, text.as_bytes(), None, &mut NoProgress).unwrap();
    assert!(r.balanced(), "{name}: {r:?}");
    r
}

#[test]
fn a_chinese_roster_loads_with_lists_conflicts_and_duty() {
    let mut s = Store::new();
    let r = load(&mut s, "执法人员.csv", ROSTER);
    assert_eq!(r.kind, RecordKind::Inspector);
    assert_eq!(r.kind_zh, "执法检查人员");
    assert_eq!((r.rows_read, r.accepted, r.rejected), (3, 3, 0));
    assert_eq!(r.unknown_columns, ["序号"]);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let x = &s.roster.inspectors;
    assert_eq!(x[0].id, "HB-0001");
    assert_eq!(x[0].qualifications, ["食品安全", "特种设备", "计量"]);
    assert_eq!(x[0].region, "吴家山街道");
    assert_eq!(x[0].line, 2);
    assert!(x[0].active);
    // Full-width ids are read as ASCII; a USCC and a name in one cell go apart.
    assert_eq!(x[1].id, "HB-0002");
    assert_eq!(x[1].qualifications, ["公示信息", "价格"]);
    assert_eq!(x[1].conflict_usccs, ["914403001922038216"]);
    assert_eq!(x[1].conflict_names, ["武汉某某餐饮有限公司（东西湖店）"]);
    // A lower-case USCC is stored upper case; 退休 is off duty.
    assert_eq!(x[2].conflict_usccs, ["91330100716105852F"]);
    assert!(x[2].conflict_names.is_empty());
    assert!(!x[2].active);
    assert_eq!(s.counts().inspectors, 3);
    assert_eq!(s.counts().records, 0, "inspectors are no records");
    assert_eq!(s.len(), 0, "nor enterprises");
}

#[test]
fn a_chinese_item_list_loads_with_types_industries_and_class() {
    let mut s = Store::new();
    let r = load(&mut s, "事项清单.csv", ITEMS);
    assert_eq!(r.kind, RecordKind::Item);
    assert_eq!((r.rows_read, r.accepted, r.rejected), (3, 3, 0));
    let it = &s.roster.items;
    assert_eq!(it[0].code, "SX-01");
    assert_eq!(
        it[0].entity_types,
        [
            EntityType::Company,
            EntityType::Partnership,
            EntityType::SoleProprietorship,
            EntityType::Branch
        ]
    );
    assert!(it[0].industries.is_empty() && it[0].licence_kinds.is_empty());
    assert!(!it[0].key);
    assert_eq!(it[0].qualification, "公示信息");
    assert_eq!(it[0].basis, "《企业信息公示暂行条例》第十四条");
    // Digits without their letter get it from GB/T 4754.
    assert_eq!(it[1].industries, ["F52", "F5121"]);
    assert_eq!(it[1].licence_kinds, ["食品经营许可"]);
    assert!(it[1].key);
    // A type name with a 、 inside brackets is one entry; letters are read upper case; an
    // empty class is 一般.
    assert_eq!(
        it[2].entity_types,
        [EntityType::Individual, EntityType::Company]
    );
    assert_eq!(it[2].industries, ["C", "H62"]);
    assert!(!it[2].key);
    assert_eq!(it[2].line, 4);
    assert_eq!(s.counts().items, 3);
}

#[test]
fn every_bad_cell_is_rejected_with_file_line_column_and_value() {
    let roster = "执法证号,姓名,所属单位,执法资质,回避对象\n\
A1,张三,食品科,食品安全,\n\
,李四,食品科,食品安全,\n\
A3,,食品科,食品安全,\n\
A4,赵六,,食品安全,\n\
A5,钱七,食品科,食品安全,\"武汉甲公司、914403001922038217\"\n\
A6,孙八,食品科,食品安全,91420112ma4k00000x\n";
    let mut s = Store::new();
    let r = load(&mut s, "roster.csv", roster);
    assert_eq!((r.rows_read, r.accepted, r.rejected), (6, 1, 5));
    let got: Vec<(u64, &str, &str, &str)> = r
        .errors
        .iter()
        .map(|e| (e.line, e.column.as_str(), e.value.as_str(), e.reason))
        .collect();
    assert_eq!(
        got,
        [
            (3, "执法证号", "", "missing"),
            (4, "姓名", "", "missing"),
            (5, "所属单位", "", "missing"),
            (6, "回避对象", "武汉甲公司、914403001922038217", "uscc"),
            (7, "回避对象", "91420112ma4k00000x", "uscc"),
        ]
    );
    assert!(r.errors.iter().all(|e| e.file == "roster.csv"));
    assert_eq!(
        r.errors[3].message,
        "entry \"914403001922038217\": invalid USCC: check digit is '7' but should be '6'"
    );
    assert_eq!(
        r.errors[3].message_zh,
        "“914403001922038217”：统一社会信用代码校验位为“7”，应为“6”"
    );
    assert_eq!(r.rejected_by_column["回避对象"], 2);
    assert_eq!(s.roster.inspectors.len(), 1);

    let items = "事项编码,事项名称,实施部门,行业代码\n\
X1,甲,区市场监管局,F52\n\
X2,,区市场监管局,\n\
X3,丙,,\n\
X4,丁,区市场监管局,F52;C5212\n\
X5,戊,区市场监管局,零售业\n\
X6,己,区市场监管局,F9999\n\
X7,庚,区市场监管局,U\n";
    let r = load(&mut s, "items.csv", items);
    assert_eq!((r.rows_read, r.accepted, r.rejected), (7, 1, 6));
    let got: Vec<(u64, &str, &str, &str)> = r
        .errors
        .iter()
        .map(|e| (e.line, e.column.as_str(), e.value.as_str(), e.reason))
        .collect();
    assert_eq!(
        got,
        [
            (3, "事项名称", "", "missing"),
            (4, "实施部门", "", "missing"),
            (5, "行业代码", "F52;C5212", "industry"),
            (6, "行业代码", "零售业", "industry"),
            (7, "行业代码", "F9999", "industry"),
            (8, "行业代码", "U", "industry"),
        ]
    );
    assert!(r.errors[2]
        .message
        .starts_with("entry \"C5212\": not a GB/T 4754-2017"));
    assert!(r.errors[2]
        .message_zh
        .starts_with("“C5212”：不是 GB/T 4754-2017"));
    // The rejected rows go back out as a CSV to fix, with their reasons.
    let csv = String::from_utf8(r.rejected_csv()).unwrap();
    assert!(csv.contains("F52;C5212") && csv.contains("第5行"), "{csv}");
}

#[test]
fn unknown_duty_class_and_entity_type_words_warn_and_are_read_as_the_default() {
    let mut s = Store::new();
    let r = load(
        &mut s,
        "r.csv",
        "执法证号,姓名,所属单位,在岗状态\nA1,张三,食品科,借调\nA2,李四,食品科,离岗\n",
    );
    assert_eq!((r.accepted, r.rejected, r.warned), (2, 0, 1));
    let w = &r.warnings[0];
    assert_eq!((w.key, w.reason, w.count), ("active", "other_term", 1));
    assert_eq!(
        (w.examples[0].line, w.examples[0].value.as_str()),
        (2, "借调")
    );
    assert!(w.message_zh.contains("在岗"), "{}", w.message_zh);
    assert!(s.roster.inspectors[0].active);
    assert!(!s.roster.inspectors[1].active);

    let r = load(
        &mut s,
        "i.csv",
        "事项编码,事项名称,实施部门,事项类别,检查对象\n\
X1,甲,区市场监管局,专项检查事项,\n\
X2,乙,区市场监管局,重点事项,食品经营者、个体工商户\n\
X3,丙,区市场监管局,,食品生产者\n",
    );
    assert_eq!((r.accepted, r.rejected, r.warned), (3, 0, 3));
    let keys: Vec<(&str, u64)> = r.warnings.iter().map(|w| (w.key, w.count)).collect();
    assert_eq!(keys, [("item_class", 1), ("entity_types", 2)]);
    assert!(r.warnings[0].message_zh.contains("一般"));
    assert!(r.warnings[1].message.contains("left out"));
    let it = &s.roster.items;
    assert!(!it[0].key && it[1].key);
    // The entry naming no type is left out; a cell naming none applies to every type.
    assert_eq!(it[1].entity_types, [EntityType::Individual]);
    assert!(it[2].entity_types.is_empty());
}

#[test]
fn a_repeated_id_is_a_duplicate_when_the_same_and_rejected_naming_the_first_when_not() {
    let text = "执法证号,姓名,所属单位,执法资质\n\
A1,张三,食品科,食品安全\n\
A2,李四,食品科,食品安全\n\
A1,张三,食品科,食品安全\n\
A2,李四,特种设备科,特种设备\n\
,缺号,食品科,\n";
    // Natively a CSV file loads on two threads; streamed, on one: the same report.
    let mut s = Store::new();
    let two = load_file(
        &mut s,
        "r.csv",
        text.as_bytes(),
        &LoadOptions::default(),
        &mut NoProgress,
    )
    .unwrap()
    .remove(0);
    let mut ws = Workspace::new();
    ws.begin_file("r.csv", LoadOptions::default());
    for chunk in text.as_bytes().chunks(7) {
        ws.push_chunk(chunk).unwrap();
    }
    let one = ws.finish_file().unwrap();
    assert_eq!(two, one);
    assert!(one.balanced());
    assert_eq!(
        (one.rows_read, one.accepted, one.duplicates, one.rejected),
        (5, 2, 1, 2)
    );
    // Rejected rows stay in line order, those rejected on going into the store included.
    let got: Vec<(u64, &str, String)> = one
        .rejected_errors()
        .map(|e| (e.line, e.reason, e.column))
        .collect();
    assert_eq!(
        got,
        [
            (5, "duplicate_id", "执法证号".to_string()),
            (6, "missing", "执法证号".to_string())
        ]
    );
    let e = &one.errors[0];
    assert_eq!((e.line, e.value.as_str()), (5, "A2"));
    assert_eq!(
        e.message,
        "the id is already held (r.csv, line 3) with different content: the entry read first is kept"
    );
    assert_eq!(
        e.message_zh,
        "编号已存在（r.csv 第3行）且内容不同：以先读入者为准"
    );
    assert_eq!(e.raw, ["A2", "李四", "特种设备科", "特种设备"]);
    assert_eq!(s.roster.inspectors.len(), 2);
    assert_eq!(s.roster.inspectors[1].unit, "食品科");

    // Across files: the same roster again is all duplicates; a changed one names the file
    // whose entry is kept.
    let again = load(&mut s, "again.csv", text);
    assert_eq!(
        (again.accepted, again.duplicates, again.rejected),
        (0, 3, 2)
    );
    let changed = load(
        &mut s,
        "new.csv",
        "执法证号,姓名,所属单位,执法资质\nA1,张三,食品科,食品安全、计量\n",
    );
    assert_eq!(changed.rejected, 1);
    assert!(
        changed.errors[0].message.contains("(r.csv, line 2)"),
        "{}",
        changed.errors[0].message
    );
    // The rejected-rows CSV loads again: the same rows, the same reasons.
    let mut fresh = s.clone();
    let reloaded = load(
        &mut fresh,
        "rejected.csv",
        std::str::from_utf8(&one.rejected_csv()).unwrap(),
    );
    assert_eq!(reloaded.kind, RecordKind::Inspector);
    assert_eq!(reloaded.rejected, 2);

    let items =
        "事项编码,事项名称,实施部门\nX1,甲,区市场监管局\nX1,甲,区市场监管局\nX1,乙,区市场监管局\n";
    let r = load(&mut s, "items.csv", items);
    assert_eq!((r.accepted, r.duplicates, r.rejected), (1, 1, 1));
    assert_eq!(r.errors[0].reason, "duplicate_id");
}

#[test]
fn a_warned_row_rejected_for_its_id_is_no_longer_counted_as_warned() {
    let mut s = Store::new();
    let r = load(
        &mut s,
        "r.csv",
        "执法证号,姓名,所属单位,在岗状态\nA1,张三,食品科,借调\nA1,张三,价格科,借调\nA2,李四,食品科,借调\n",
    );
    assert_eq!((r.accepted, r.rejected, r.warned), (2, 1, 2));
    assert_eq!(r.warnings[0].count, 2);
    let lines: Vec<u64> = r.warnings[0].examples.iter().map(|x| x.line).collect();
    assert_eq!(lines, [2, 4]);
    let r = load(
        &mut s,
        "again.csv",
        "执法证号,姓名,所属单位,在岗状态\nA2,李四,价格科,借调\n",
    );
    assert_eq!((r.rejected, r.warned), (1, 0));
    assert!(r.warnings.is_empty());
}

#[test]
fn the_records_digest_ignores_the_roster_which_has_a_digest_of_its_own() {
    let reg =
        common::registrations(&[(1, "2020-01-01", "存续", ""), (2, "2021-01-01", "在业", "")]);
    let mut s = Store::new();
    load(&mut s, "reg.csv", &reg);
    let records = s.digest();
    let empty = s.roster_digest();
    load(&mut s, "roster.csv", ROSTER);
    load(&mut s, "items.csv", ITEMS);
    assert_eq!(s.digest(), records);
    let with_roster = s.roster_digest();
    assert_ne!(with_roster, empty);

    // Rows in another order (and files in another order): the same roster digest.
    let reorder = |text: &str| {
        let mut lines: Vec<&str> = text.lines().collect();
        lines[1..].reverse();
        lines.join("\n") + "\n"
    };
    let mut t = Store::new();
    load(&mut t, "items.csv", &reorder(ITEMS));
    load(&mut t, "roster.csv", &reorder(ROSTER));
    assert_eq!(t.roster_digest(), with_roster);

    // One qualification changed: another digest.
    let mut u = Store::new();
    load(&mut u, "roster.csv", &ROSTER.replace("计量", "价格"));
    load(&mut u, "items.csv", ITEMS);
    assert_ne!(u.roster_digest(), with_roster);
}

#[test]
fn inspections_name_their_inspectors_without_moving_the_records_digest() {
    let without = format!(
        "统一社会信用代码,任务编号,检查日期,检查结果\n{},T1,2026-03-01,未发现问题\n",
        uscc(1)
    );
    let with = format!(
        "统一社会信用代码,任务编号,检查日期,检查结果,检查人员\n{},T1,2026-03-01,未发现问题,\"HB-0002，ＨＢ-0001\"\n",
        uscc(1)
    );
    let mut a = Store::new();
    let ra = load(&mut a, "a.csv", &without);
    let mut b = Store::new();
    let rb = load(&mut b, "b.csv", &with);
    assert_eq!(
        (ra.kind, rb.kind),
        (RecordKind::Inspection, RecordKind::Inspection)
    );
    assert_eq!(a.digest(), b.digest());
    assert_ne!(a.roster_digest(), b.roster_digest());
    let x = b.inspections.rows()[0];
    assert_eq!(b.text(x.inspectors), "HB-0002;HB-0001");
    assert_eq!(
        x.inspector_ids(&b.strings).collect::<Vec<_>>(),
        ["HB-0002", "HB-0001"]
    );
    assert_eq!(a.text(a.inspections.rows()[0].inspectors), "");
}

fn params(n: usize) -> SynthParams {
    SynthParams {
        enterprises: n,
        seed: "roster".into(),
        as_of: d("2026-11-28"),
    }
}

#[test]
fn the_synthetic_roster_has_one_inspector_per_600_enterprises_and_at_least_four() {
    for (n, want) in [(0, 4), (100, 4), (3000, 5), (30_000, 50), (130_000, 216)] {
        assert_eq!(roster_size(n), want, "{n}");
    }
    for n in [0, 3000, 12_000] {
        let bytes = generate_csv(&params(n), RecordKind::Inspector, &mut NoProgress).unwrap();
        let mut s = Store::new();
        let r = load_csv(&mut s, "inspector.csv", &bytes, None, &mut NoProgress).unwrap();
        assert_eq!(r.kind, RecordKind::Inspector);
        assert_eq!(r.accepted as usize, roster_size(n), "{n}");
        assert_eq!((r.rejected, r.warned), (0, 0), "{:?}", r.errors);
    }
}

#[test]
fn the_generated_district_loads_back_with_its_roster_items_and_who_inspected() {
    let p = params(12_000);
    let mut ws = Workspace::new();
    for kind in RecordKind::EVERY {
        let bytes = generate_csv(&p, kind, &mut NoProgress).unwrap();
        let r = ws
            .load_csv(&kind.file_name(), &bytes, None, &mut NoProgress)
            .unwrap();
        assert_eq!(r.kind, kind);
        assert!(r.balanced());
        assert_eq!(r.rejected, 0, "{kind:?}: {:?}", r.errors);
        if kind.is_planning() {
            assert!(r.warnings.is_empty(), "{kind:?}: {:?}", r.warnings);
        }
    }
    let s = ws.store();
    let roster = &s.roster;
    assert_eq!(roster.inspectors.len(), roster_size(12_000));
    assert!((15..=25).contains(&roster.items.len()));
    // Every unit starts with the department that checks items, so joint visits can be
    // staffed; every item's qualification is held by someone.
    for x in &roster.inspectors {
        assert!(
            roster
                .items
                .iter()
                .any(|it| x.unit.starts_with(&it.department)),
            "{}",
            x.unit
        );
        assert!(!x.qualifications.is_empty());
    }
    for it in &roster.items {
        assert!(
            roster
                .inspectors
                .iter()
                .any(|x| x.qualifications.contains(&it.qualification)),
            "{}",
            it.code
        );
        // The licence kinds are those the generator writes.
        for l in &it.licence_kinds {
            assert!(
                s.licences.rows().iter().any(|r| s.text(r.kind) == l),
                "{}: {l}",
                it.code
            );
        }
    }
    // Who inspected: two inspectors of the roster each, never one who must avoid the
    // enterprise.
    let ids: std::collections::HashSet<&str> =
        roster.inspectors.iter().map(|x| x.id.as_str()).collect();
    let mut named = 0;
    for x in s.inspections.rows() {
        let who: Vec<&str> = x.inspector_ids(&s.strings).collect();
        assert_eq!(who.len(), 2);
        assert_ne!(who[0], who[1]);
        assert!(who.iter().all(|w| ids.contains(w)));
        let u = s.uscc(x.ent).to_string();
        for w in &who {
            let i = roster.inspectors.iter().find(|i| i.id == *w).unwrap();
            assert!(!i.conflict_usccs.contains(&u));
        }
        named += 1;
    }
    assert!(named > 1000);
    // Generating the district again gives the same roster.
    let mut again = Store::new();
    for kind in RecordKind::EVERY.into_iter().rev() {
        let bytes = generate_csv(&p, kind, &mut NoProgress).unwrap();
        load_csv(&mut again, &kind.file_name(), &bytes, None, &mut NoProgress).unwrap();
    }
    assert_eq!(again.roster, *roster);
    assert_eq!(again.roster_digest(), s.roster_digest());
    assert_eq!(again.digest(), s.clone().digest());
}

#[test]
#[cfg(not(target_arch = "wasm32"))]
fn the_generated_folder_holds_roster_and_items_and_loads_back() {
    let dir = std::env::temp_dir().join(format!("roster-gen-{}", std::process::id()));
    let p = params(3000);
    credit_supervision::synth::write_dir(&p, &dir, &mut NoProgress).unwrap();
    let mut ws = Workspace::new();
    for kind in RecordKind::EVERY {
        let path = dir.join(kind.file_name());
        let reports = ws
            .load_path(
                &kind.file_name(),
                &path,
                &LoadOptions::default(),
                &mut NoProgress,
            )
            .unwrap();
        assert!(reports.iter().all(|r| r.balanced() && r.rejected == 0));
    }
    let c = ws.counts();
    assert_eq!((c.inspectors, c.items), (roster_size(3000), 21));
    let head = std::fs::read_to_string(dir.join("inspector.csv")).unwrap();
    assert!(head.starts_with("执法证号,姓名,所属单位,执法资质,所属区域,回避对象,在岗状态\n"));
    let head = std::fs::read_to_string(dir.join("item.csv")).unwrap();
    assert!(head.starts_with(
        "事项编码,事项名称,实施部门,检查依据,检查对象,行业代码,许可类别,事项类别,所需资质\n"
    ));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn loading_a_roster_keeps_the_scores_and_loading_records_drops_them() {
    let reg =
        common::registrations(&[(1, "2020-01-01", "存续", ""), (2, "2021-01-01", "在业", "")]);
    let mut ws = workspace(&[("reg.csv", &reg)]);
    ws.score(d("2026-11-28"), &mut NoProgress).unwrap();
    ws.draw("seed", Some(0.5)).unwrap();
    let r = ws
        .load_csv("roster.csv", ROSTER.as_bytes(), None, &mut NoProgress)
        .unwrap();
    assert_eq!(r.kind, RecordKind::Inspector);
    assert!(ws.scoring().is_some() && ws.last_draw().is_some());
    ws.begin_file("items.csv", LoadOptions::default());
    ws.push_chunk(ITEMS.as_bytes()).unwrap();
    ws.finish_file().unwrap();
    assert!(ws.scoring().is_some() && ws.last_draw().is_some());
    assert_eq!(ws.counts().items, 3);
    ws.load_csv("reg2.csv", reg.as_bytes(), None, &mut NoProgress)
        .unwrap();
    assert!(ws.scoring().is_none());
    // A store holding a roster and no enterprise scores (nothing) without trouble.
    let mut ws = Workspace::new();
    ws.load_csv("roster.csv", ROSTER.as_bytes(), None, &mut NoProgress)
        .unwrap();
    let summary = ws.score(d("2026-11-28"), &mut NoProgress).unwrap();
    assert_eq!(summary.classified, 0);
}

#[test]
fn the_demo_workspace_loads_roster_and_items_too() {
    let mut ws = Workspace::new();
    let load = ws
        .generate_demo(3000, "demo", d("2026-11-28"), &mut NoProgress)
        .unwrap();
    assert_eq!(load.files.len(), RecordKind::EVERY.len());
    assert_eq!((load.inspectors, load.items), (roster_size(3000), 21));
    assert!(load.files.iter().all(|f| f.rejected == 0));
}

/// Random roster and item files (natively; the wasm tests of the binding load fixed ones).
#[cfg(not(target_arch = "wasm32"))]
mod random {
    use super::*;

    /// Cells of a roster or item file, good and bad: lists with every separator, brackets,
    /// USCCs valid, lower-case, full-width and failing, industry letters and codes good and bad.
    fn cell(key: &str, choice: u8) -> String {
        let pick = |v: &[&str]| v[choice as usize % v.len()].to_string();
        match key {
            "inspector_id" | "item_code" => pick(&["A1", "A2", "Ａ1", "", " A3 ", "=1"]),
            "conflicts" => pick(&[
                "",
                "914403001922038216",
                "914403001922038217",
                "91330100716105852f、甲公司",
                "（甲，乙）公司; 914403001922038216",
                "ABCDEFGHJKLMNPQRTU",
                "９１４４０３００１９２２０３８２１６",
            ]),
            "industries" => pick(&["", "C", "F52、5121", "c5212", "U", "F5", "零售", "H62 H61"]),
            "entity_types" => pick(&[
                "",
                "企业",
                "个体工商户；农民专业合作社",
                "股份有限公司（上市、自然人投资或控股）",
                "食品经营者",
                "全部",
            ]),
            "active" => pick(&["", "在岗", "退休", "借调", "否"]),
            "item_class" => pick(&["", "重点", "一般检查事项", "专项"]),
            _ => pick(&[
                "",
                "甲",
                "食品安全、计量",
                "a,b",
                "引\"号",
                "换\n行",
                "（括、号）",
            ]),
        }
    }

    fn render(kind: RecordKind, rows: &[Vec<u8>]) -> String {
        let field = |s: &str| {
            if s.contains(['"', '\n', ',']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.to_string()
            }
        };
        let cols = kind.columns();
        let mut out: Vec<String> = vec![cols.iter().map(|c| c.zh).collect::<Vec<_>>().join(",")];
        for r in rows {
            let cells: Vec<String> = cols
                .iter()
                .enumerate()
                .map(|(i, c)| field(&cell(c.key, r.get(i).copied().unwrap_or(0))))
                .collect();
            out.push(cells.join(","));
        }
        out.join("\n") + "\n"
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]

        /// Any roster or item file balances, on two threads as on one, every entry read is in the
        /// roster once, and its rejected rows loaded again give the same errors.
        #[test]
        fn any_roster_or_item_file_balances_and_its_rejected_rows_reload_the_same(
            item in proptest::prelude::any::<bool>(),
            rows in proptest::collection::vec(proptest::collection::vec(0u8..255, 9), 0..24),
        ) {
            let kind = if item { RecordKind::Item } else { RecordKind::Inspector };
            let text = render(kind, &rows);
            let mut s = Store::new();
            let r = load_file(&mut s, "f.csv", text.as_bytes(), &LoadOptions::default(), &mut NoProgress)
                .unwrap()
                .remove(0);
            proptest::prop_assert!(r.balanced());
            proptest::prop_assert_eq!(r.kind, kind);
            let held = s.counts().inspectors + s.counts().items;
            proptest::prop_assert_eq!(held as u64, r.accepted);
            let mut ws = Workspace::new();
            ws.begin_file("f.csv", LoadOptions::default());
            for chunk in text.as_bytes().chunks(13) {
                ws.push_chunk(chunk).unwrap();
            }
            proptest::prop_assert_eq!(&ws.finish_file().unwrap(), &r);
            if r.rejected > 0 {
                let mut again = s.clone();
                let csv = r.rejected_csv();
                let back = load_csv(&mut again, "rejected.csv", &csv, Some(kind), &mut NoProgress).unwrap();
                proptest::prop_assert!(back.balanced());
                let errors = |rep: &FileReport| -> Vec<(String, String, &'static str)> {
                    rep.rejected_errors().map(|e| (e.column, e.value, e.reason)).collect()
                };
                proptest::prop_assert_eq!(errors(&back), errors(&r));
            }
        }
    }
}
