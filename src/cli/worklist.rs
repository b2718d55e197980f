//! `credit-supervision worklist` and `bench-worklist`: the district's work lists (docs/RULES.md
//! §20) written as CSV or XLSX, and their timing.

use super::bench::ensure_data;
use super::{date, inputs, Fail, InputArgs};
use clap::Args;
use credit_supervision::advice::worklist::WorkListKind;
use credit_supervision::ingest::LoadOptions;
use credit_supervision::progress::NoProgress;
use credit_supervision::records::RecordKind;
use credit_supervision::sheet::Lang;
use credit_supervision::workspace::Workspace;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `worklist`.
#[derive(Args)]
pub(crate) struct WorklistArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The list: repairable, abnormal_duties, commitments, incentives, restrictions, or
    /// shares (class shares by region and industry).
    #[arg(long)]
    kind: String,
    /// Write the list to this file: `.xlsx` for a workbook, anything else for CSV. Without
    /// it, the counts of every list are printed as JSON.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Headers in English.
    #[arg(long)]
    english: bool,
}

/// Writes one list (or prints every list's counts).
pub(crate) fn worklist(args: WorklistArgs) -> Result<ExitCode, Fail> {
    let kind = match args.kind.as_str() {
        "shares" => None,
        k => Some(WorkListKind::parse(k).ok_or_else(|| {
            Fail(format!(
                "--kind {k:?}: one of repairable, abnormal_duties, commitments, incentives, restrictions, shares"
            ))
        })?),
    };
    let (mut ws, as_of) = inputs::load(&args.input)?;
    ws.score(as_of, &mut NoProgress)?;
    let lang = if args.english { Lang::En } else { Lang::Zh };
    let Some(out) = args.out else {
        let counts = ws.work_counts(&mut NoProgress)?;
        println!("{}", serde_json::to_string_pretty(&counts)?);
        return Ok(ExitCode::SUCCESS);
    };
    let xlsx = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let bytes = match kind {
        Some(k) => ws.work_list_file(k, xlsx, lang, &mut NoProgress)?,
        None => ws.class_shares_file(xlsx, lang, &mut NoProgress)?,
    };
    std::fs::write(&out, bytes).map_err(|e| Fail(format!("{}: {e}", out.display())))?;
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `bench-worklist`.
#[derive(Args)]
pub(crate) struct BenchWorklistArgs {
    /// Enterprise counts to measure, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "10000,100000,1000000")]
    sizes: Vec<usize>,
    /// Seed of the generated data.
    #[arg(long, default_value = "bench")]
    seed: String,
    /// As-of date of the data and the scoring.
    #[arg(long, default_value = "2026-11-28")]
    as_of: String,
    /// Folder for the generated files (kept between runs).
    #[arg(long, default_value = "bench-data")]
    dir: PathBuf,
    /// Runs per size; the fastest and the median are printed.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
}

/// Times the pass that makes every work list, then the CSV and XLSX of the restricted roster
/// and the repairable list, over the generated district loaded and scored once.
pub(crate) fn bench_worklist(args: BenchWorklistArgs) -> Result<ExitCode, Fail> {
    println!("| enterprises | lists s (min) | lists s (median) | lists CPU s (min) | rows | repairable CSV s | repairable XLSX s | restrictions XLSX s |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    let as_of = date(&args.as_of)?;
    for &n in &args.sizes {
        let d = ensure_data(&args.dir, n, &args.seed, &args.as_of)?;
        let mut ws = Workspace::new();
        for kind in RecordKind::ALL {
            let options = LoadOptions {
                kind: Some(kind),
                ..LoadOptions::default()
            };
            ws.load_path(
                &kind.file_name(),
                &d.join(kind.file_name()),
                &options,
                &mut NoProgress,
            )?;
        }
        let mut times = Vec::new();
        let mut cpu = Vec::new();
        let mut rows = 0;
        for _ in 0..args.repeat.max(1) {
            // Scoring again drops the lists; only the pass is timed.
            ws.score(as_of, &mut NoProgress)?;
            let (t, c0) = (Instant::now(), cpu_seconds());
            let c = ws.work_counts(&mut NoProgress)?;
            times.push(t.elapsed().as_secs_f64());
            cpu.push(cpu_seconds() - c0);
            rows = c.iter().map(|c| c.total).sum::<u64>();
        }
        times.sort_by(f64::total_cmp);
        cpu.sort_by(f64::total_cmp);
        let mut time = |k, xlsx| -> Result<f64, Fail> {
            let t = Instant::now();
            ws.work_list_file(k, xlsx, Lang::Zh, &mut NoProgress)?;
            Ok(t.elapsed().as_secs_f64())
        };
        let csv_s = time(WorkListKind::Repairable, false)?;
        let xlsx_s = time(WorkListKind::Repairable, true)?;
        let rest_s = time(WorkListKind::Restrictions, true)?;
        println!(
            "| {} | {:.3} | {:.3} | {:.3} | {} | {:.3} | {:.3} | {:.3} |",
            ws.store().len(),
            times[0],
            times[times.len() / 2],
            cpu[0],
            rows,
            csv_s,
            xlsx_s,
            rest_s
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The time this thread has run on a CPU, in seconds (Linux `/proc/thread-self/schedstat`;
/// 0 elsewhere): on a shared machine, wall time also counts the time others ran.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}
