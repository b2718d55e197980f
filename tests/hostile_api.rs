//! Hostile arguments and policies through the API (issue 10): nothing hangs, panics or wraps;
//! every argument out of its range is an error naming it; every CSV the toolkit writes is
//! formula-safe, and the draw CSV's audit lines are CSV fields however the seed is written.

mod common;

use common::*;
use credit_supervision::calendar::{months_after, Calendar, MAX_MONTHS, MAX_WORKING_DAYS};
use credit_supervision::policy::Policy;
use credit_supervision::progress::NoProgress;
use credit_supervision::workspace::{Workspace, WorkspaceError};

fn argument(e: WorkspaceError) -> &'static str {
    assert_eq!(e.code(), "argument", "{e}");
    e.argument()
        .unwrap_or_else(|| panic!("no argument named: {e}"))
}

fn policy_with(f: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value = serde_json::from_str(&Policy::default().to_json()).unwrap();
    f(&mut v);
    v.to_string()
}

#[test]
fn calendar_arguments_are_range_checked_by_name() {
    let ws = Workspace::new();
    // Looped forever (release) or overflowed (debug) before.
    assert_eq!(
        argument(ws.months_after(d("2026-11-28"), 5_000_000).unwrap_err()),
        "months"
    );
    assert_eq!(
        argument(ws.months_after(d("2026-11-28"), i32::MIN).unwrap_err()),
        "months"
    );
    assert!(months_after(d("2026-11-28"), MAX_MONTHS as i32).is_ok());
    // Ran for minutes (u32::MAX working days) or past the last date before.
    assert_eq!(
        argument(ws.add_working_days(d("2026-01-05"), u32::MAX).unwrap_err()),
        "n"
    );
    assert_eq!(
        argument(ws.add_working_days(d("9999-12-31"), 1).unwrap_err()),
        "from"
    );
    assert!(ws
        .add_working_days(d("2026-01-05"), MAX_WORKING_DAYS)
        .is_ok());
    assert_eq!(
        argument(
            ws.working_day(credit_supervision::date::Date::from_ymd_opt(1000, 1, 1).unwrap())
                .unwrap_err()
        ),
        "date"
    );
    // The rules' own deadlines never panic, even from the last representable date.
    let last = chrono::NaiveDate::MAX;
    let w = Calendar::builtin().add_working_days(last, 10);
    assert_eq!(w.due, credit_supervision::date::format_date(last));
}

#[test]
fn huge_policy_numbers_are_refused_with_their_path() {
    let mut ws = Workspace::new();
    // 300,000 years hung scoring before (the month arithmetic left chrono's dates).
    let e = ws
        .set_policy_json(&policy_with(|v| {
            v["params"]["long_established_years"] = 300_000.into()
        }))
        .unwrap_err();
    assert_eq!(e.code(), "policy");
    let WorkspaceError::Policy(p) = e else {
        unreachable!()
    };
    assert_eq!(p.path, "params.long_established_years");
    for (path, set) in [
        (
            "indicators.penalty.max_count",
            "indicators/penalty/max_count",
        ),
        ("params.address_cluster_size", "params/address_cluster_size"),
        ("inspection.min_per_class", "inspection/min_per_class"),
        (
            "rules.publicity.publish_within_working_days",
            "rules/publicity/publish_within_working_days",
        ),
    ] {
        let json = policy_with(|v| *v.pointer_mut(&format!("/{set}")).unwrap() = u32::MAX.into());
        match ws.set_policy_json(&json).unwrap_err() {
            WorkspaceError::Policy(p) => assert_eq!(p.path, path),
            other => panic!("{other}"),
        }
    }
    let json = policy_with(|v| v["rules"]["order107_effective"] = "9999-12-31".into());
    match ws.set_policy_json(&json).unwrap_err() {
        WorkspaceError::Policy(p) => assert_eq!(p.path, "rules.order107_effective"),
        other => panic!("{other}"),
    }
}

/// A cap above 255 wrapped the per-indicator hit counter (a `u8`; debug builds panicked).
#[test]
fn more_than_255_hits_of_one_indicator_count() {
    let json = policy_with(|v| {
        let c = &mut v["indicators"]["complaint_substantiated"];
        c["max_count"] = 1000.into();
        c["points"] = (-0.125).into();
        c["decay_to"] = serde_json::Value::Null;
    });
    let reg = registrations(&[(1, "2020-01-01", "存续", "")]);
    let mut c = String::from("uscc,complaint_date,complaint_kind,substantiated,on_time\n");
    for _ in 0..300 {
        c.push_str(&format!("{},2026-06-01,投诉,是,是\n", uscc(1)));
    }
    let mut ws = workspace(&[("r.csv", &reg), ("c.csv", &c)]);
    ws.set_policy_json(&json).unwrap();
    ws.score(d("2026-09-01"), &mut NoProgress).unwrap();
    let hits = reasons(&ws, 1)
        .iter()
        .filter(|(id, _)| id == "complaint_substantiated")
        .count();
    assert_eq!(hits, 300);
    // 90 − 300 × 0.125 = 52.5.
    assert_eq!(ws.explain(&uscc(1)).unwrap().score, 52.5);
}

#[test]
fn workspace_arguments_name_themselves() {
    let reg = registrations(&[(1, "2020-01-01", "存续", "")]);
    let mut ws = workspace(&[("r.csv", &reg)]);
    assert_eq!(
        argument(ws.score(d("9999-01-01"), &mut NoProgress).unwrap_err()),
        "asOf"
    );
    ws.score(d("2026-09-01"), &mut NoProgress).unwrap();
    assert_eq!(
        argument(
            ws.rules_for(
                &uscc(1),
                Some(credit_supervision::date::Date::from_ymd_opt(1000, 1, 1).unwrap())
            )
            .unwrap_err()
        ),
        "asOf"
    );
    assert_eq!(argument(ws.explain("x").unwrap_err()), "uscc");
    assert_eq!(argument(ws.rows(&[7]).unwrap_err()), "ids");
    assert_eq!(argument(ws.rejected_csv(3).unwrap_err()), "index");
    assert_eq!(
        argument(
            ws.order(credit_supervision::results::SortKey::Score, false, Some(9))
                .unwrap_err()
        ),
        "classFilter"
    );
    let long = "x".repeat(credit_supervision::workspace::MAX_TEXT_CHARS + 1);
    assert_eq!(argument(ws.draw(&long, None).unwrap_err()), "seed");
    assert_eq!(
        argument(ws.draw("s", Some(f64::NAN)).unwrap_err()),
        "overallRatio"
    );
    assert_eq!(
        argument(
            ws.adjust_class(&uscc(1), None, &long, "r", d("2026-09-01"), "")
                .unwrap_err()
        ),
        "who"
    );
    assert_eq!(
        argument(
            ws.adjust_class(&uscc(1), None, "w", "r", d("9999-09-01"), "")
                .unwrap_err()
        ),
        "at"
    );
    let mut demo = Workspace::new();
    assert_eq!(
        argument(
            demo.generate_demo(0, "s", d("2026-01-01"), &mut NoProgress)
                .unwrap_err()
        ),
        "enterprises"
    );
}

const TRIGGERS: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

/// The fields of every line of a CSV text (BOM stripped), read with the csv crate.
fn records(bytes: &[u8]) -> Vec<Vec<String>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

fn hostile_workspace() -> Workspace {
    let reg = format!(
        "uscc,name,entity_type,established,status,region,address\n\
         {},\"=HYPERLINK(\"\"http://x\"\",\"\"点\"\")\",公司,2020-01-01,存续,+东西湖,\n\
         {},＠企业,公司,2020-01-01,存续,-区,\n",
        uscc(1),
        uscc(2)
    );
    let mut ws = workspace(&[("r.csv", &reg)]);
    ws.score(d("2026-09-01"), &mut NoProgress).unwrap();
    ws
}

#[test]
fn results_csv_text_cells_are_formula_safe_and_numbers_are_not_touched() {
    let ws = hostile_workspace();
    let rows = records(&ws.results_csv().unwrap());
    for row in &rows {
        for cell in row {
            assert!(!cell.starts_with(TRIGGERS), "{cell:?} in {row:?}");
        }
    }
    let one = rows.iter().find(|r| r[0] == uscc(1)).unwrap();
    assert_eq!(one[1], "'=HYPERLINK(\"http://x\",\"点\")");
    assert_eq!(one[2], "'+东西湖");
    assert_eq!(one[5], "90.00");
    // JSON keeps the exact values.
    let mut json = Vec::new();
    credit_supervision::results::write_results_json(
        &mut json,
        ws.store(),
        ws.scoring().unwrap(),
        ws.policy(),
    )
    .unwrap();
    assert!(String::from_utf8(json)
        .unwrap()
        .contains("\"region\":\"+东西湖\""));
}

#[test]
fn draw_csv_audit_lines_are_fields_however_the_seed_is_written() {
    let mut ws = hostile_workspace();
    let seed = "=第4期,\"x\"\r\n# 校验值 SHA-256,forged";
    let digest = ws.draw(seed, Some(1.0)).unwrap().draw.digest.clone();
    let rows = records(&ws.draw_csv().unwrap());
    for row in &rows {
        for cell in row {
            assert!(!cell.starts_with(TRIGGERS), "{cell:?} in {row:?}");
        }
    }
    let audit: Vec<&Vec<String>> = rows.iter().filter(|r| r[0].starts_with('#')).collect();
    assert_eq!(audit.len(), 7, "{rows:?}");
    assert!(audit.iter().all(|r| r.len() == 2), "{audit:?}");
    assert_eq!(audit[0][1], format!("'{seed}"));
    assert_eq!(audit[6], &vec!["# 校验值 SHA-256".to_string(), digest]);
    // An ordinary seed keeps the file as it was: `# label,value` lines after an empty line.
    ws.draw("2026年第4期", Some(1.0)).unwrap();
    let text = String::from_utf8(ws.draw_csv().unwrap()).unwrap();
    assert!(
        text.contains("\r\n\r\n# 随机种子 seed,2026年第4期\r\n# 评价基准日 as of,2026-09-01\r\n"),
        "{text}"
    );
}
