//! A registration export in the national form loads whole: every 市场主体类型 of the national
//! code table (by name, by code, and as the new foreign-investment names), every 登记状态 as
//! the publicity system writes it, and inspection results in their national spellings.

mod common;
use common::*;
use credit_supervision::progress::NoProgress;
use credit_supervision::records::tables;
use credit_supervision::records::{EntityType, RegStatus};
use credit_supervision::uscc::Uscc;
use credit_supervision::workspace::Workspace;

/// A valid USCC for row `i` (a company code of Wuhan 东西湖区, 420112).
fn code(i: usize) -> String {
    let first17 = format!("91420112{:09}", 100_000_000 + i);
    let mut b = [0u8; 17];
    b.copy_from_slice(first17.as_bytes());
    Uscc::with_check_digit(&b).unwrap().as_str().to_string()
}

/// One registration row per national entity type and status, spelled as exports write them.
fn national_registrations() -> (String, usize) {
    let mut types: Vec<String> = tables::entity_types()
        .entries()
        .iter()
        .flat_map(|e| [e.name.to_string(), e.code.to_string()])
        .collect();
    types.extend(
        [
            "有限责任公司（法人独资）",
            "有限责任公司(外商投资、非独资)",
            "股份有限公司（港澳台投资、未上市）",
            "有限责任公司分公司(自然人投资或控股)",
        ]
        .map(String::from),
    );
    let statuses: Vec<&str> = tables::reg_statuses()
        .entries()
        .iter()
        .map(|e| e.name)
        .chain([
            "存续（在营、开业、在册）",
            "吊销，未注销",
            "吊销(已注销)",
            "在营（开业）企业",
        ])
        .collect();
    let mut csv =
        String::from("统一社会信用代码,企业名称,市场主体类型,成立日期,登记状态,所属区域,住所\n");
    let rows = types.len().max(statuses.len());
    for i in 0..rows {
        let t = &types[i % types.len()];
        let s = statuses[i % statuses.len()];
        // Texts with commas are quoted, as Excel writes them.
        csv.push_str(&format!(
            "{},企业{i},\"{t}\",2015-03-02,\"{s}\",吴家山街道,东西湖区{i}号\n",
            code(i)
        ));
    }
    (csv, rows)
}

#[test]
fn a_national_registration_export_loads_whole() {
    let (csv, rows) = national_registrations();
    let mut ws = Workspace::new();
    let r = ws
        .load_csv("登记.csv", csv.as_bytes(), None, &mut NoProgress)
        .unwrap();
    assert!(
        r.errors.is_empty(),
        "{:?}",
        &r.errors[..r.errors.len().min(5)]
    );
    assert_eq!(r.accepted as usize, rows);
    assert!(r.balanced());
    ws.score(d("2026-11-28"), &mut NoProgress).unwrap();
    // The coarse types and statuses the scoring uses, and the text as written kept.
    let st = ws.store();
    let find = |i: usize| st.find(&Uscc::parse(&code(i)).unwrap()).unwrap();
    let reg = |i: usize| *st.registration(find(i)).unwrap();
    let type_of = |text: &str| {
        (0..rows)
            .map(reg)
            .find(|r| st.text(r.entity_type_text) == text)
            .unwrap_or_else(|| panic!("{text} not kept"))
            .entity_type
    };
    assert_eq!(
        type_of("有限责任公司(自然人投资或控股)"),
        EntityType::Company
    );
    assert_eq!(type_of("1130"), EntityType::Company);
    assert_eq!(type_of("个体工商户"), EntityType::Individual);
    assert_eq!(type_of("农民专业合作社"), EntityType::Cooperative);
    assert_eq!(
        type_of("有限责任公司分公司(自然人投资或控股)"),
        EntityType::Branch
    );
    let status_of = |text: &str| {
        (0..rows)
            .map(reg)
            .find(|r| st.text(r.status_text) == text)
            .unwrap_or_else(|| panic!("{text} not kept"))
            .status
    };
    assert_eq!(status_of("存续（在营、开业、在册）"), RegStatus::Active);
    assert_eq!(status_of("吊销，未注销"), RegStatus::Revoked);
    assert_eq!(status_of("吊销(已注销)"), RegStatus::Deregistered);
    assert_eq!(status_of("迁出"), RegStatus::MovedOut);
    // The national code of a text as written.
    let r = tables::read_entity_type("有限责任公司（自然人投资或控股）").unwrap();
    assert_eq!(r.code, Some("1130"));
}

#[test]
fn inspection_results_in_their_national_spellings_load() {
    let mut ws = Workspace::new();
    let mut csv = String::from("统一社会信用代码,任务编号,检查日期,检查类型,检查结果\n");
    let results: Vec<&str> = tables::inspection_results()
        .entries()
        .iter()
        .map(|e| e.name)
        .collect();
    for (i, r) in results.iter().enumerate() {
        csv.push_str(&format!("{},T{i},2026-03-01,双随机,{r}\n", code(i)));
    }
    let rep = ws
        .load_csv("检查.csv", csv.as_bytes(), None, &mut NoProgress)
        .unwrap();
    assert!(rep.errors.is_empty(), "{:?}", rep.errors);
    assert_eq!(rep.accepted as usize, results.len());
}
