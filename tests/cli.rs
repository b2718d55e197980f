//! The command-line tool, run as a user would.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::*;
use std::process::Command;

fn cli(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_credit-supervision"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn tmp(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("cs-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn scores_files_writes_csv_json_and_reports_bad_rows() {
    let dir = tmp("files");
    let reg = dir.join("reg.csv");
    let mut text = registrations(&[(1, "2020-01-01", "存续", ""), (2, "2021-01-01", "在业", "")]);
    text.push_str("91420112MA4K00001X,坏,公司,2020-01-01,存续,吴家山街道,\n");
    std::fs::write(&reg, text).unwrap();
    let (csv, json, errs) = (
        dir.join("out.csv"),
        dir.join("out.json"),
        dir.join("errors.csv"),
    );
    let (ok, stdout, stderr) = cli(&[
        "score",
        reg.to_str().unwrap(),
        "--as-of",
        "2026-11-28",
        "--out-csv",
        csv.to_str().unwrap(),
        "--out-json",
        json.to_str().unwrap(),
        "--errors",
        errs.to_str().unwrap(),
    ]);
    assert!(ok, "{stderr}");
    assert!(
        stderr.contains(
            "read 3, accepted 2, duplicates 0, rejected 1, conflicts 0, skipped 0, warned 0"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 4, column uscc, value \"91420112MA4K00001X\""),
        "{stderr}"
    );
    assert!(stdout.contains("2 enterprises, 2 classified"), "{stdout}");
    let out = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(out.lines().count(), 3);
    assert!(out.contains(&uscc(1)));
    let j: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(j["summary"]["classified"], 2);
    assert_eq!(j["results"].as_array().unwrap().len(), 2);
    let e = std::fs::read_to_string(&errs).unwrap();
    assert_eq!(e.lines().count(), 2);
    assert!(e.contains("91420112MA4K00001X"));
}

#[test]
fn demo_summary_json_and_draw_are_reproducible() {
    let args = [
        "score",
        "--demo",
        "2000",
        "--seed",
        "cli",
        "--as-of",
        "2026-11-28",
        "--summary-json",
    ];
    let (ok, a, err) = cli(&args);
    assert!(ok, "{err}");
    let (_, b, _) = cli(&args);
    assert_eq!(a, b);
    let s: serde_json::Value = serde_json::from_str(&a).unwrap();
    assert_eq!(s["enterprises"], 2000);
    let c = &s["counts"];
    let sum: u64 = ["A", "B", "C", "D"]
        .iter()
        .map(|k| c[k].as_u64().unwrap())
        .sum();
    assert_eq!(sum + s["unclassified"].as_u64().unwrap(), 2000);

    let draw = [
        "draw",
        "--demo",
        "2000",
        "--seed",
        "cli",
        "--as-of",
        "2026-11-28",
        "--draw-seed",
        "x",
    ];
    let (ok, d1, err) = cli(&draw);
    assert!(ok, "{err}");
    let (_, d2, _) = cli(&draw);
    assert_eq!(d1, d2);
    assert!(d1.contains("SHA-256"), "{d1}");
}

#[test]
fn bad_arguments_fail_with_a_message() {
    let (ok, _, err) = cli(&["score", "--demo", "10", "--as-of", "2026-02-30"]);
    assert!(!ok);
    assert!(
        err.contains("--as-of \"2026-02-30\" is not a date"),
        "{err}"
    );
    let (ok, _, err) = cli(&["score", "--as-of", "2026-01-01"]);
    assert!(!ok);
    assert!(err.contains("no input"), "{err}");
    let dir = tmp("policy");
    let p = dir.join("p.json");
    std::fs::write(&p, "{\"name\":\"x\"}").unwrap();
    let (ok, _, err) = cli(&[
        "score",
        "--demo",
        "10",
        "--as-of",
        "2026-01-01",
        "--policy",
        p.to_str().unwrap(),
    ]);
    assert!(!ok);
    assert!(err.contains("p.json: policy"), "{err}");
}

#[test]
fn default_policy_prints_and_loads_back() {
    let (ok, out, _) = cli(&["policy"]);
    assert!(ok);
    let dir = tmp("policy-ok");
    let p = dir.join("p.json");
    std::fs::write(&p, out).unwrap();
    let (ok, _, err) = cli(&[
        "score",
        "--demo",
        "50",
        "--as-of",
        "2026-01-01",
        "--policy",
        p.to_str().unwrap(),
        "-q",
    ]);
    assert!(ok, "{err}");
}

#[test]
fn generate_writes_one_file_per_kind() {
    let dir = tmp("gen");
    let (ok, _, err) = cli(&[
        "generate",
        "--enterprises",
        "300",
        "--as-of",
        "2026-11-28",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    for k in credit_supervision::records::RecordKind::EVERY {
        assert!(dir.join(k.file_name()).exists(), "{k:?}");
    }
}

#[test]
fn an_audit_trail_from_the_page_is_applied_before_scoring() {
    use credit_supervision::policy::Class;
    let dir = tmp("audit");
    let reg = dir.join("reg.csv");
    let text = registrations(&[(1, "2020-01-01", "存续", ""), (2, "2021-01-01", "在业", "")]);
    std::fs::write(&reg, &text).unwrap();
    // The trail as the page exports it: enterprise 1 set to D by hand, with who and why.
    let mut ws = workspace(&[("reg.csv", &text)]);
    ws.score(
        d("2026-11-28"),
        &mut credit_supervision::progress::NoProgress,
    )
    .unwrap();
    ws.adjust_class(
        &uscc(1),
        Some(Class::D),
        "张三",
        "复核后人工调整",
        d("2026-11-28"),
        "2026-11-28T09:00",
    )
    .unwrap();
    let trail = dir.join("trail.json");
    std::fs::write(&trail, ws.audit_json()).unwrap();
    let out = dir.join("out.csv");
    let class_of = |csv: &str, u: &str| -> String {
        let line = csv.lines().find(|l| l.starts_with(u)).unwrap().to_string();
        line.split(',')
            .find(|f| ["A", "B", "C", "D"].contains(f))
            .unwrap()
            .to_string()
    };
    let run = |audit: Option<&std::path::Path>| {
        let mut args = vec![
            "score".to_string(),
            reg.to_str().unwrap().into(),
            "--as-of".into(),
            "2026-11-28".into(),
            "--out-csv".into(),
            out.to_str().unwrap().into(),
        ];
        if let Some(a) = audit {
            args.extend(["--audit".into(), a.to_str().unwrap().into()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (ok, _, stderr) = cli(&args);
        assert!(ok, "{stderr}");
        (std::fs::read_to_string(&out).unwrap(), stderr)
    };
    let (plain, _) = run(None);
    assert_ne!(class_of(&plain, &uscc(1)), "D");
    let (audited, stderr) = run(Some(&trail));
    assert!(stderr.contains("1 audit entries applied"), "{stderr}");
    assert_eq!(class_of(&audited, &uscc(1)), "D");
    assert_eq!(class_of(&audited, &uscc(2)), class_of(&plain, &uscc(2)));
    // A trail naming an enterprise that is not loaded is refused, not dropped.
    let other = dir.join("other.csv");
    std::fs::write(&other, registrations(&[(2, "2021-01-01", "在业", "")])).unwrap();
    let (ok, _, stderr) = cli(&[
        "score",
        other.to_str().unwrap(),
        "--as-of",
        "2026-11-28",
        "--audit",
        trail.to_str().unwrap(),
    ]);
    assert!(!ok, "a trail for an enterprise not loaded must fail");
    assert!(stderr.contains("trail.json"), "{stderr}");
}

#[test]
fn the_load_summary_shows_warnings_skipped_rows_and_conflicts_per_file() {
    let dir = tmp("notes");
    let reg = dir.join("office.csv");
    std::fs::write(
        &reg,
        "东西湖区市场主体登记信息表\n\
统一社会信用代码,企业名称,市场主体类型,行业代码,成立日期,登记状态\n\
914403001922038216,甲公司,有限责任公司,F5212,2010-05-01,营业执照丢失\n\
91330100716105852F,乙公司,有限责任公司,Z9999,2015-03-02,存续\n\
91330100716105852F,乙贸易公司,有限责任公司,F5212,2015-03-02,存续\n\
合计,3户,,,,\n",
    )
    .unwrap();
    let (ok, _, stderr) = cli(&["score", reg.to_str().unwrap(), "--as-of", "2026-06-01"]);
    assert!(ok, "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("office.csv: registration"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(
        lines[at].ends_with(
            "read 5, accepted 2, duplicates 0, rejected 0, conflicts 1, skipped 2, warned 2"
        ),
        "{stderr}"
    );
    let block = lines[at + 1..].join("\n");
    for want in [
        "  warning: column 登记状态 (status, other_term): 1 rows accepted: not a recognised term",
        "; e.g. line 3, value \"营业执照丢失\"",
        "  warning: column 行业代码 (industry, unknown_industry): 1 rows accepted: not a GB/T 4754-2017 industry",
        "; e.g. line 4, value \"Z9999\"",
        "  skipped (above_header, above the header): 1 rows; e.g. line 1: 东西湖区市场主体登记信息表",
        "  skipped (summary, total or note lines): 1 rows; e.g. line 6: 合计 | 3户",
        "  conflicts: 1 registrations repeat a USCC with another name; e.g. 91330100716105852F: \
         line 4 (乙公司, 有限责任公司, 存续) kept, line 5 (乙贸易公司, 有限责任公司, 存续) not loaded",
    ] {
        assert!(block.contains(want), "missing {want:?} in\n{stderr}");
    }
    // --quiet prints none of it.
    let (ok, _, stderr) = cli(&[
        "score",
        reg.to_str().unwrap(),
        "--as-of",
        "2026-06-01",
        "--quiet",
    ]);
    assert!(ok && !stderr.contains("warning:"), "{stderr}");
}

#[test]
fn backtest_prints_json_and_refuses_an_incomplete_window() {
    let args = ["backtest", "--demo", "2000", "--as-of", "2026-11-28", "-q"];
    let (ok, out, err) = cli(&[&args[..], &["--at", "2025-11-28"]].concat());
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["windowEnd"], "2026-11-28");
    assert_eq!(v["classes"].as_array().unwrap().len(), 4);
    assert!(v["auc"].as_f64().unwrap() > 0.5);
    let (ok, out, _) = cli(&[&args[..], &["--at", "2025-11-28", "--horizon", "6"]].concat());
    assert!(ok);
    assert!(out.contains("\"windowEnd\": \"2026-05-28\""), "{out}");
    let (ok, _, err) = cli(&[&args[..], &["--at", "2026-06-01"]].concat());
    assert!(!ok);
    assert!(
        err.contains("2027-06-01") && err.contains("2025-11-28"),
        "{err}"
    );
    let (ok, _, err) = cli(&[&args[..], &["--at", "2026-13-01"]].concat());
    assert!(!ok);
    assert!(err.contains("--at \"2026-13-01\" is not a date"), "{err}");
}

#[test]
fn migrate_prints_the_matrix_and_writes_the_movers() {
    let dir = tmp("migrate");
    let out_csv = dir.join("movers.csv");
    let (ok, out, err) = cli(&[
        "migrate",
        "--demo",
        "2000",
        "--as-of",
        "2026-11-28",
        "-q",
        "--from",
        "2025-11-28",
        "--to",
        "2026-11-28",
        "--out",
        out_csv.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let total: u64 = v["matrix"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r.as_array().unwrap().iter().map(|x| x.as_u64().unwrap()))
        .sum();
    assert_eq!(total, 2000);
    let csv = String::from_utf8(std::fs::read(&out_csv).unwrap()).unwrap();
    let movers = 2000 - v["same"].as_u64().unwrap() as usize;
    assert_eq!(csv.lines().count(), movers + 1);
    assert!(csv.starts_with("\u{feff}统一社会信用代码,企业名称,2025-11-28分类"));
    assert!(csv.contains("新增：") || csv.contains("消失："), "{csv}");
    let (ok, _, err) = cli(&[
        "migrate",
        "--demo",
        "200",
        "--as-of",
        "2026-11-28",
        "-q",
        "--from",
        "2026-11-28",
        "--to",
        "2025-11-28",
    ]);
    assert!(!ok);
    assert!(err.contains("must be after"), "{err}");
}

#[test]
fn worklist_prints_counts_and_writes_csv_and_xlsx() {
    let (ok, stdout, stderr) = cli(&[
        "worklist",
        "--demo",
        "2000",
        "--as-of",
        "2026-11-28",
        "--kind",
        "repairable",
        "-q",
    ]);
    assert!(ok, "{stderr}");
    let counts: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let kinds: Vec<&str> = counts
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "repairable",
            "abnormal_duties",
            "commitments",
            "incentives",
            "restrictions"
        ]
    );
    let dir = tmp("worklist");
    let (csv, xlsx) = (dir.join("r.csv"), dir.join("r.xlsx"));
    for out in [&csv, &xlsx] {
        let (ok, _, stderr) = cli(&[
            "worklist",
            "--demo",
            "2000",
            "--as-of",
            "2026-11-28",
            "--kind",
            "restrictions",
            "--out",
            out.to_str().unwrap(),
            "-q",
        ]);
        assert!(ok, "{stderr}");
    }
    let rows = std::fs::read_to_string(&csv).unwrap().lines().count() as u64;
    let restricted = counts[4]["total"].as_u64().unwrap();
    assert_eq!(rows, restricted + 1, "a header and one line per row");
    assert_eq!(&std::fs::read(&xlsx).unwrap()[..2], b"PK");
    let (ok, _, stderr) = cli(&[
        "worklist",
        "--demo",
        "100",
        "--as-of",
        "2026-11-28",
        "--kind",
        "nope",
    ]);
    assert!(!ok && stderr.contains("--kind"), "{stderr}");
}

#[test]
fn score_and_draw_write_a_workbook_for_an_xlsx_path() {
    use credit_supervision::date::parse_date;
    use credit_supervision::progress::NoProgress;
    use credit_supervision::sheet::Lang;
    let dir = tmp("xlsx");
    let (results, draw) = (dir.join("results.xlsx"), dir.join("draw.XLSX"));
    let (ok, _, stderr) = cli(&[
        "score",
        "--demo",
        "500",
        "--as-of",
        "2026-11-28",
        "--out-csv",
        results.to_str().unwrap(),
        "-q",
    ]);
    assert!(ok, "{stderr}");
    let (ok, _, stderr) = cli(&[
        "draw",
        "--demo",
        "500",
        "--as-of",
        "2026-11-28",
        "--draw-seed",
        "xlsx",
        "--english",
        "--out-csv",
        draw.to_str().unwrap(),
        "-q",
    ]);
    assert!(ok, "{stderr}");
    // The same bytes as the workspace writes.
    let as_of = parse_date("2026-11-28").unwrap();
    let mut ws = credit_supervision::workspace::Workspace::new();
    ws.generate_demo(500, "demo", as_of, &mut NoProgress)
        .unwrap();
    ws.score(as_of, &mut NoProgress).unwrap();
    assert_eq!(
        std::fs::read(&results).unwrap(),
        ws.results_xlsx(Lang::Zh).unwrap()
    );
    ws.draw("xlsx", None).unwrap();
    assert_eq!(
        std::fs::read(&draw).unwrap(),
        ws.draw_xlsx(Lang::En).unwrap()
    );
}
