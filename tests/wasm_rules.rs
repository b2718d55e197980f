//! The rules engine through the WebAssembly binding: the scenario tables of `rules_cases`,
//! run by `wasm-pack test --node` and (with `WASM_BINDGEN_USE_BROWSER=1`)
//! `wasm-pack test --headless --chrome`.
#![cfg(target_arch = "wasm32")]

mod rules_cases;

use credit_supervision::wasm::*;
use js_sys::{Array, Reflect};
use rules_cases::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn text(v: &JsValue, key: &str) -> String {
    get(v, key)
        .as_string()
        .unwrap_or_else(|| panic!("{key} is not a string"))
}

fn ws(as_of: &str) -> Workspace {
    let mut ws = Workspace::new();
    for (name, body) in files() {
        ws.load_csv(name, body.as_bytes(), None, None).unwrap();
    }
    ws.score(as_of, None).unwrap();
    ws
}

#[wasm_bindgen_test]
fn working_days_in_wasm() {
    let w = Workspace::new();
    for &(from, n, due, uncovered) in WORKING_DAYS {
        let r = w.add_working_days(from, n as f64).unwrap();
        assert_eq!(text(&r, "due"), due, "{from} + {n}");
        let u: Vec<i32> = Array::from(&get(&r, "uncoveredYears"))
            .iter()
            .map(|v| v.as_f64().unwrap() as i32)
            .collect();
        assert_eq!(u, uncovered);
    }
    for &(date, kind, working) in DAYS {
        let r = w.working_day(date).unwrap();
        assert_eq!(text(&r, "kind"), kind, "{date}");
        assert_eq!(get(&r, "working").as_bool(), Some(working));
    }
    assert_eq!(
        text(&w.months_after("2024-01-31", 1.0).unwrap(), "date"),
        "2024-02-29"
    );
    let e = w.add_working_days("2025-13-01", 1.0).unwrap_err();
    assert_eq!(text(&e, "code"), "date");
}

#[wasm_bindgen_test]
fn repair_across_the_regime_change_in_wasm() {
    for &(as_of, eligible, earliest, accept_by, due) in REPAIR_CO {
        let r = ws(as_of).repair(CO, None).unwrap();
        assert_eq!(text(&r, "regime"), "rules2021");
        let o = Array::from(&get(&r, "options")).get(0);
        assert_eq!(get(&o, "eligibleNow").as_bool(), Some(eligible), "{as_of}");
        assert_eq!(text(&o, "earliest"), earliest);
        assert_eq!(get(&o, "decisionWorkingDays").as_f64(), Some(15.0));
        assert_eq!(text(&o, "acceptBy"), accept_by, "{as_of}");
        assert_eq!(text(&o, "decisionDue"), due, "{as_of}");
        assert!(text(&o, "basis").contains("信用修复"));
        let wi = get(&o, "whatIf");
        assert!(get(&wi, "score").as_f64() > get(&wi, "scoreNow").as_f64());
    }
    for &as_of in REPAIR_CO_ENDED {
        let r = ws(as_of).repair(CO, None).unwrap();
        assert_eq!(text(&r, "regime"), "order107");
        let penalties = Array::from(&get(&r, "options"))
            .iter()
            .filter(|o| text(o, "recordKind") == "penalty")
            .count();
        assert_eq!(penalties, 0, "{as_of}");
    }
}

#[wasm_bindgen_test]
fn publicity_and_lists_in_wasm() {
    for &(uscc, date, as_of, published, months, ends, in_force, regime) in PUBLICITY {
        let r = ws(as_of).rules_for(uscc, None).unwrap();
        let rec = Array::from(&get(&r, "records"))
            .iter()
            .find(|x| text(x, "recordKind") == "penalty" && text(x, "date") == date)
            .unwrap();
        let p = get(&rec, "publicity");
        assert_eq!(get(&p, "published").as_bool(), Some(published));
        assert_eq!(get(&p, "periodMonths").as_f64(), Some(months as f64));
        assert_eq!(text(&p, "ends"), ends);
        assert_eq!(get(&p, "inForce").as_bool(), Some(in_force), "{as_of}");
        assert_eq!(text(&p, "regime"), regime);
    }
    for &(as_of, open) in SERIOUS_EARLY {
        let r = ws(as_of).rules_for(CO2, Some(as_of.into())).unwrap();
        let rec = Array::from(&get(&r, "records"))
            .iter()
            .find(|x| text(x, "recordKind") == "list_entry")
            .unwrap();
        let s = get(&rec, "serious");
        assert_eq!(get(&s, "earlyRemovalOpen").as_bool(), Some(open), "{as_of}");
    }
}

#[wasm_bindgen_test]
fn objections_and_adjustments_in_wasm() {
    let mut w = ws("2024-06-01");
    let e = w
        .object(
            CO,
            "penalty",
            0.0,
            "dispute",
            "张三",
            "",
            "2024-06-01",
            None,
            None,
        )
        .unwrap_err();
    assert_eq!(text(&e, "code"), "audit");
    let m = Array::from(&w.measures(CO3, None).unwrap());
    let nc = m.iter().find(|x| text(x, "id") == "no_commitment").unwrap();
    assert_eq!(get(&nc, "applies").as_bool(), Some(true));
    let before = get(&w.explain(CO).unwrap(), "score").as_f64().unwrap();
    let r = w.rules_for(CO, None).unwrap();
    let rec = Array::from(&get(&r, "records")).get(0);
    let idx = get(&rec, "recordIndex").as_f64().unwrap();
    let entry = w
        .object(
            CO,
            "penalty",
            idx,
            "correct",
            "张三",
            "复议撤销",
            "2024-06-01",
            Some("已撤销".into()),
            Some("2024-06-01T09:00".into()),
        )
        .unwrap();
    assert_eq!(text(&entry, "action"), "correct");
    assert!(get(&w.explain(CO).unwrap(), "score").as_f64().unwrap() > before);
    w.adjust_class(CO, "C", "李四", "专项整治", "2024-06-01", None)
        .unwrap();
    assert_eq!(text(&w.explain(CO).unwrap(), "class"), "C");
    assert_eq!(Array::from(&w.audit_trail().unwrap()).length(), 2);
    let csv = w.audit_csv().to_vec();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    assert!(w.audit_json().contains("复议撤销"));
}

#[wasm_bindgen_test]
fn revoked_decision_in_wasm() {
    for &(as_of, counted, withdrawn, repair, _) in REVOCATION {
        let mut w = Workspace::new();
        for (name, body) in revocation_files() {
            w.load_csv(name, body.as_bytes(), None, None).unwrap();
        }
        w.score(as_of, None).unwrap();
        let x = w.explain(REV).unwrap();
        let counts = Array::from(&get(&x, "reasons"))
            .iter()
            .any(|r| get(&r, "recordDate").as_string().as_deref() == Some(REVOKED_DECISION));
        assert_eq!(counts, counted, "{as_of}");
        let excluded = Array::from(&get(&x, "excluded"));
        assert_eq!(excluded.length(), u32::from(!counted), "{as_of}");
        if !counted {
            assert_eq!(text(&excluded.get(0), "cause"), "revoked");
        }
        let r = w.rules_for(REV, None).unwrap();
        let rec = Array::from(&get(&r, "records"))
            .iter()
            .find(|x| text(x, "recordKind") == "penalty" && text(x, "date") == REVOKED_DECISION)
            .unwrap();
        let p = get(&rec, "publicity");
        assert_eq!(get(&p, "withdrawn").as_bool(), Some(withdrawn), "{as_of}");
        assert_eq!(text(&p, "withdrawBy"), WITHDRAW_BY);
        let options = Array::from(&get(&w.repair(REV, None).unwrap(), "options"));
        let has = options
            .iter()
            .any(|o| text(&o, "recordDate") == REVOKED_DECISION);
        assert_eq!(has, repair, "{as_of}");
    }
}

#[wasm_bindgen_test]
fn audit_trail_round_trip_in_wasm() {
    let mut w = ws("2024-06-01");
    let r = w.rules_for(CO, None).unwrap();
    let rec = Array::from(&get(&r, "records")).get(0);
    let idx = get(&rec, "recordIndex").as_f64().unwrap();
    w.object(
        CO,
        "penalty",
        idx,
        "correct",
        "张三",
        "复议撤销",
        "2024-06-01",
        Some("已撤销".into()),
        None,
    )
    .unwrap();
    w.adjust_class(IND, "D", "李四", "专项整治", "2024-06-01", None)
        .unwrap();
    let json = w.audit_json();
    let csv = w.audit_csv();
    let score = |w: &Workspace, u: &str| get(&w.explain(u).unwrap(), "score").as_f64();
    for data in [JsValue::from(json.as_str()), JsValue::from(csv.clone())] {
        let mut again = ws("2024-06-01");
        let s = again.import_audit(data).unwrap();
        assert_eq!(get(&s, "imported").as_f64(), Some(2.0));
        assert_eq!(score(&again, CO), score(&w, CO));
        assert_eq!(text(&again.explain(IND).unwrap(), "class"), "D");
        assert_eq!(again.audit_json(), json);
        assert_eq!(again.audit_csv().to_vec(), csv.to_vec());
    }
    // An entry for an enterprise that is not loaded: a real Error naming entry and field.
    let mut empty = Workspace::new();
    let e = empty
        .import_audit(JsValue::from(json.as_str()))
        .unwrap_err();
    assert!(e.is_instance_of::<js_sys::Error>());
    assert_eq!(text(&e, "code"), "audit");
    assert_eq!(text(&e, "path"), "[0].uscc");
    assert_eq!(get(&e, "entry").as_f64(), Some(1.0));
    let e = empty.import_audit(JsValue::from(3)).unwrap_err();
    assert_eq!(text(&e, "code"), "argument");
}

#[wasm_bindgen_test]
fn scoring_ends_with_publicity_in_wasm() {
    let mut policy: serde_json::Value = serde_json::from_str(&default_policy()).unwrap();
    policy["rules"]["publicity"]["scoring_ends_with_publicity"] = true.into();
    let reg = format!("uscc,name,established\n{REV},戊公司,2012-01-01\n");
    let pen = format!(
        "uscc,decision_no,decision_date,penalty_kinds,fine,domain\n{REV},低1,2024-03-01,罚款,20000,价格\n"
    );
    let excluded = |on: bool| {
        let mut w = Workspace::new();
        if on {
            w.set_policy(&policy.to_string()).unwrap();
        }
        w.load_csv("r.csv", reg.as_bytes(), None, None).unwrap();
        w.load_csv("p.csv", pen.as_bytes(), None, None).unwrap();
        w.score("2024-06-01", None).unwrap();
        Array::from(&get(&w.explain(REV).unwrap(), "excluded"))
    };
    assert_eq!(excluded(false).length(), 0);
    let on = excluded(true);
    assert_eq!(on.length(), 1);
    assert_eq!(text(&on.get(0), "cause"), "publicity_ended");
    assert_eq!(text(&on.get(0), "since"), "2024-06-01");
}

#[wasm_bindgen_test]
fn order107_grades_periods_and_repair_in_wasm() {
    let mut w = Workspace::new();
    for (name, body) in order107_files() {
        w.load_csv(name, body.as_bytes(), None, None).unwrap();
    }
    w.score(ORDER107_AS_OF, None).unwrap();
    for &(uscc, no, grade, months, ends, repairable, earliest, basis) in ORDER107 {
        let r = w.rules_for(uscc, None).unwrap();
        let rec = Array::from(&get(&r, "records"))
            .iter()
            .find(|x| text(x, "recordKind") == "penalty" && text(x, "detail").contains(no))
            .unwrap();
        let p = get(&rec, "publicity");
        assert_eq!(text(&p, "regime"), "order107", "{no}");
        assert_eq!(text(&p, "grade"), grade, "{no}");
        assert_eq!(
            get(&p, "periodMonths").as_f64(),
            Some(months as f64),
            "{no}"
        );
        assert_eq!(text(&p, "ends"), ends, "{no}");
        let rep = w.repair(uscc, None).unwrap();
        let o = Array::from(&get(&rep, "options"))
            .iter()
            .find(|o| text(o, "detail").contains(no))
            .unwrap();
        assert_eq!(get(&o, "repairable").as_bool(), Some(repairable), "{no}");
        assert_eq!(get(&o, "earliest").as_string().as_deref(), earliest, "{no}");
        assert!(text(&o, "basis").ends_with(basis), "{no}");
        assert_eq!(text(&o, "basisMark"), "L");
    }
}

#[wasm_bindgen_test]
fn abnormal_texts_by_listing_date_in_wasm() {
    // IND's mark of 2023-07-10 was made under the 2014 texts: marked, objection under the
    // 暂行办法, and individual businesses are not moved to the serious list.
    let r = ws("2023-08-01").rules_for(IND, None).unwrap();
    let rec = Array::from(&get(&r, "records"))
        .iter()
        .find(|x| text(x, "recordKind") == "list_entry")
        .unwrap();
    let a = get(&rec, "abnormal");
    assert_eq!(get(&a, "marked").as_bool(), Some(true));
    assert_eq!(text(&a, "texts"), "rules2014");
    assert!(text(&a, "basis").starts_with("个体工商户年度报告暂行办法"));
    assert!(text(&get(&a, "objectionBasis"), "basis").ends_with("第十九条"));
    assert!(get(&a, "transfer").is_null());
}

/// As natively: decisions of 2025-12-24, -25 and -26 asked about in 2027 get their publicity
/// and their repair from one regime, as `rules.transition` says.
#[wasm_bindgen_test]
fn decisions_around_2025_12_25_in_wasm() {
    for &(date, as_of, transition, regime, ends, earliest) in TRANSITION {
        let mut w = Workspace::new();
        let policy = w.policy().replace(
            "\"transition\": \"question_date\"",
            &format!("\"transition\": \"{transition}\""),
        );
        assert!(policy.contains(transition), "{policy}");
        w.set_policy(&policy).unwrap();
        for (name, body) in transition_files() {
            w.load_csv(name, body.as_bytes(), None, None).unwrap();
        }
        w.score(as_of, None).unwrap();
        let r = w.rules_for(TRANS, None).unwrap();
        let rec = Array::from(&get(&r, "records"))
            .iter()
            .find(|x| text(x, "recordKind") == "penalty" && text(x, "date") == date)
            .unwrap();
        let p = get(&rec, "publicity");
        assert_eq!(text(&p, "regime"), regime, "{date} {transition}");
        assert_eq!(text(&p, "ends"), ends, "{date} {transition}");
        let rep = w.repair(TRANS, None).unwrap();
        let o = Array::from(&get(&rep, "options"))
            .iter()
            .find(|o| text(o, "recordDate") == date)
            .unwrap();
        assert_eq!(text(&o, "regime"), regime, "{date} {transition}");
        assert_eq!(text(&o, "stopsByItself"), ends);
        assert_eq!(text(&o, "earliest"), earliest);
    }
}
