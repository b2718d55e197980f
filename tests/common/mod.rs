//! Helpers shared by the behaviour tests: small record files built in code.
#![allow(dead_code)]

use credit_supervision::date::{parse_date, Date};
use credit_supervision::progress::NoProgress;
use credit_supervision::uscc::{Uscc, CHARSET};
use credit_supervision::workspace::Workspace;

/// A valid USCC numbered `n` (company prefix 91420112).
pub fn uscc(n: u32) -> String {
    let mut p = *b"91420112MA4K00000";
    let mut k = n;
    for i in (12..17).rev() {
        p[i] = CHARSET[(k % 31) as usize];
        k /= 31;
    }
    Uscc::with_check_digit(&p).unwrap().to_string()
}

/// A date from text.
pub fn d(s: &str) -> Date {
    parse_date(s).unwrap()
}

/// Registration CSV (English headers) for `rows` of (n, established, status, address).
pub fn registrations(rows: &[(u32, &str, &str, &str)]) -> String {
    let mut s = String::from("uscc,name,entity_type,established,status,region,address\n");
    for (n, est, status, addr) in rows {
        s.push_str(&format!(
            "{},企业{n},公司,{est},{status},吴家山街道,{addr}\n",
            uscc(*n)
        ));
    }
    s
}

/// A workspace loaded with the given (file name, text) pairs; panics on a rejected row.
pub fn workspace(files: &[(&str, &str)]) -> Workspace {
    let mut ws = Workspace::new();
    for (name, text) in files {
        let r = ws
            .load_csv(name, text.as_bytes(), None, &mut NoProgress)
            .unwrap();
        assert_eq!(r.rejected, 0, "{name}: {:?}", r.errors);
    }
    ws
}

/// The indicator ids of an enterprise's reasons with their points.
pub fn reasons(ws: &Workspace, n: u32) -> Vec<(String, f64)> {
    ws.explain(&uscc(n))
        .unwrap()
        .reasons
        .iter()
        .map(|r| (r.indicator.to_string(), r.points))
        .collect()
}

/// Runs the command-line tool built with the tests (natively): (success, stdout, stderr).
#[cfg(not(target_arch = "wasm32"))]
pub fn cli(args: &[&str]) -> (bool, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_credit-supervision"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// A fresh folder of this test process under the system's temporary folder.
#[cfg(not(target_arch = "wasm32"))]
pub fn tmp(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("cs-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The as-of date of the generated districts.
pub const AS_OF: &str = "2026-11-28";

/// The demo district of `n` enterprises written as CSV files (`csv/`) and converted to
/// Parquet by the CLI (`parquet/`), in a new temporary folder.
#[cfg(not(target_arch = "wasm32"))]
pub fn district(name: &str, n: usize) -> std::path::PathBuf {
    district_with(name, n, |_| {})
}

/// Like [`district`], with `edit` given the CSV folder before it is converted.
#[cfg(not(target_arch = "wasm32"))]
pub fn district_with(
    name: &str,
    n: usize,
    edit: impl FnOnce(&std::path::Path),
) -> std::path::PathBuf {
    let dir = tmp(name);
    let csv = dir.join("csv");
    let (ok, _, err) = cli(&[
        "generate",
        "--enterprises",
        &n.to_string(),
        "--seed",
        "demo",
        "--as-of",
        AS_OF,
        "--out",
        csv.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    edit(&csv);
    let pq = dir.join("parquet");
    let (ok, _, err) = cli(&[
        "convert",
        "--from",
        csv.to_str().unwrap(),
        "--out",
        pq.to_str().unwrap(),
        "--to",
        "parquet",
    ]);
    assert!(ok, "{err}");
    dir
}

/// The files of `dir` ending in `.ext`, sorted.
#[cfg(not(target_arch = "wasm32"))]
pub fn files(dir: &std::path::Path, ext: &str) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    v.sort();
    v
}

/// A workspace loaded with `paths` (named by their file names), and the reports.
#[cfg(not(target_arch = "wasm32"))]
pub fn load(
    paths: &[std::path::PathBuf],
) -> (
    credit_supervision::workspace::Workspace,
    Vec<credit_supervision::ingest::FileReport>,
) {
    let mut ws = credit_supervision::workspace::Workspace::new();
    let mut reports = Vec::new();
    for p in paths {
        let name = p.file_name().unwrap().to_str().unwrap();
        reports.extend(
            ws.load_path(
                name,
                p,
                &credit_supervision::ingest::LoadOptions::default(),
                &mut NoProgress,
            )
            .unwrap(),
        );
    }
    (ws, reports)
}
