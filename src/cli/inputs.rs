//! Loading the inputs of a command: files or the demo district, policy, as-of date.

use super::{date, Fail, InputArgs};
use credit_supervision::date::Date;
use credit_supervision::ingest::{FileReport, LoadOptions};
use credit_supervision::progress::NoProgress;
use credit_supervision::score::ScoreSummary;
use credit_supervision::text::formula_safe;
use credit_supervision::workspace::Workspace;
use std::path::Path;

/// A workspace with the policy file applied, if one is named.
fn workspace_with_policy(policy: Option<&Path>) -> Result<Workspace, Fail> {
    let mut ws = Workspace::new();
    if let Some(p) = policy {
        let text = std::fs::read_to_string(p).map_err(|e| Fail(format!("{}: {e}", p.display())))?;
        ws.set_policy_json(&text)
            .map_err(|e| Fail(format!("{}: {e}", p.display())))?;
    }
    Ok(ws)
}

/// Loads the records the arguments name and reports on standard error.
pub(crate) fn load(args: &InputArgs) -> Result<(Workspace, Date), Fail> {
    let as_of = date(&args.as_of)?;
    let mut ws = workspace_with_policy(args.policy.as_deref())?;
    let mut reports: Vec<FileReport> = Vec::new();
    let mut failed = 0;
    match (args.demo, args.files.is_empty()) {
        (Some(n), true) => {
            reports = ws
                .generate_demo(n, &args.seed, as_of, &mut NoProgress)?
                .files;
        }
        (Some(_), false) => return Err(Fail("give either files or --demo, not both".into())),
        (None, true) => return Err(Fail("no input: give CSV files or --demo N".into())),
        (None, false) => {
            for path in &args.files {
                let name = path.display().to_string();
                match ws.load_path(&name, path, &LoadOptions::default(), &mut NoProgress) {
                    Ok(r) => reports.extend(r),
                    Err(e) => {
                        failed += 1;
                        eprintln!("error: {e}");
                    }
                }
            }
        }
    }
    if !args.quiet {
        for r in &reports {
            eprintln!("{}", super::report::report_text(r));
        }
    }
    if let Some(p) = &args.errors {
        let mut w = csv::Writer::from_path(p).map_err(|e| Fail(format!("{}: {e}", p.display())))?;
        w.write_record([
            "file",
            "line",
            "record",
            "column",
            "value",
            "reason",
            "message",
            "message_zh",
        ])?;
        for e in reports.iter().flat_map(|r| r.rejected_errors()) {
            // Text cells formula-safe (the value is what the file held; the messages quote it).
            w.write_record([
                &*formula_safe(&e.file),
                &e.line.to_string(),
                &e.record.to_string(),
                &*formula_safe(&e.column),
                &*formula_safe(&e.value),
                e.reason,
                &*formula_safe(&e.message),
                &*formula_safe(&e.message_zh),
            ])?;
        }
        w.flush()?;
    }
    if failed > 0 && reports.is_empty() {
        return Err(Fail("no file could be loaded".into()));
    }
    if let Some(p) = &args.audit {
        let bytes = std::fs::read(p).map_err(|e| Fail(format!("{}: {e}", p.display())))?;
        let s = ws
            .import_audit(&bytes)
            .map_err(|e| Fail(format!("{}: {e}", p.display())))?;
        if !args.quiet {
            eprintln!("{}: {} audit entries applied", p.display(), s.imported);
        }
    }
    Ok((ws, as_of))
}

/// Prints a scoring summary for people.
pub(crate) fn print_summary(s: &ScoreSummary) {
    let pct = |n: usize| {
        if s.classified == 0 {
            0.0
        } else {
            n as f64 * 100.0 / s.classified as f64
        }
    };
    println!(
        "as of {}: {} enterprises, {} classified",
        s.as_of, s.enterprises, s.classified
    );
    for (l, n) in [
        ("A", s.counts.A),
        ("B", s.counts.B),
        ("C", s.counts.C),
        ("D", s.counts.D),
    ] {
        println!("  {l}: {n:>9}  {:>6.2}%", pct(n));
    }
    println!("  not classified (inactive): {}", s.unclassified);
    if s.unregistered > 0 {
        println!("  with records but no registration: {}", s.unregistered);
    }
    println!(
        "  mean score {:.2}; overridden {}; policy {}",
        s.mean_score,
        s.overridden,
        &s.policy_digest[..12]
    );
}
