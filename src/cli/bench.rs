//! The benchmark: fixed seed and sizes, generated files on disk, each size measured in a fresh
//! process (so peak memory is that run's own).

use super::convert::{convert, Variant};
use super::{date, Fail};
use clap::Args;
use credit_supervision::ingest::LoadOptions;
use credit_supervision::progress::NoProgress;
use credit_supervision::records::RecordKind;
use credit_supervision::synth::{write_dir, SynthParams};
use credit_supervision::workspace::Workspace;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

/// Arguments of `bench`.
#[derive(Args)]
pub(crate) struct BenchArgs {
    /// Enterprise counts to measure, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "10000,100000,1000000")]
    sizes: Vec<usize>,
    /// Seed of the generated data.
    #[arg(long, default_value = "bench")]
    seed: String,
    /// Date the data is generated up to and scored as of.
    #[arg(long, default_value = "2026-11-28")]
    as_of: String,
    /// Folder for the generated files (kept between runs).
    #[arg(long, default_value = "bench-data")]
    dir: PathBuf,
    /// Repeat each measurement this many times and keep the fastest.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    /// File variants to measure: csv (UTF-8), gbk (GBK CSV), xlsx.
    #[arg(long, value_delimiter = ',', default_value = "csv")]
    variants: Vec<Variant>,
    /// Largest size measured as XLSX (writing big workbooks takes long).
    #[arg(long, default_value_t = 100_000)]
    xlsx_max: usize,
}

/// Arguments of the hidden `bench-run`.
#[derive(Args)]
pub(crate) struct BenchRunArgs {
    /// Folder with one CSV per kind.
    #[arg(long)]
    dir: PathBuf,
    /// Score as of this date.
    #[arg(long)]
    as_of: String,
    /// The file variant in the folder.
    #[arg(long, default_value = "csv")]
    variant: Variant,
    /// Read each file whole and load it from memory (`Workspace::load_file`, what the
    /// package's `loadFile` does) instead of streaming it from disk.
    #[arg(long)]
    read_whole: bool,
}

/// The folder for one size, generating its files when missing.
pub(crate) fn ensure_data(dir: &Path, n: usize, seed: &str, as_of: &str) -> Result<PathBuf, Fail> {
    let d = dir.join(format!("{n}-{seed}-{as_of}"));
    let done = d.join(".complete");
    if !done.exists() {
        std::fs::create_dir_all(&d)?;
        let t = Instant::now();
        let params = SynthParams {
            enterprises: n,
            seed: seed.to_string(),
            as_of: date(as_of)?,
        };
        let bytes = write_dir(&params, &d, &mut NoProgress)?;
        eprintln!(
            "generated {n} enterprises: {:.1} MB of CSV in {:.2} s",
            bytes as f64 / 1e6,
            t.elapsed().as_secs_f64()
        );
        std::fs::write(&done, bytes.to_string())?;
    }
    Ok(d)
}

pub(crate) fn bench(args: BenchArgs) -> Result<ExitCode, Fail> {
    let exe = std::env::current_exe()?;
    println!("| files | enterprises | records | MB | load s | score s | total s | enterprises/s | peak RSS MB |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for &n in &args.sizes {
        let csv_dir = ensure_data(&args.dir, n, &args.seed, &args.as_of)?;
        for &variant in &args.variants {
            if variant == Variant::Xlsx && n > args.xlsx_max {
                continue;
            }
            let d = if variant == Variant::Csv {
                csv_dir.clone()
            } else {
                let d = csv_dir.with_extension(variant.name());
                convert(&csv_dir, &d, variant)?;
                d
            };
            let mut best: Option<serde_json::Value> = None;
            for _ in 0..args.repeat.max(1) {
                let out = Command::new(&exe)
                    .args(["bench-run", "--dir"])
                    .arg(&d)
                    .args(["--as-of", &args.as_of, "--variant", variant.name()])
                    .output()?;
                if !out.status.success() {
                    return Err(Fail(format!(
                        "bench-run failed: {}",
                        String::from_utf8_lossy(&out.stderr)
                    )));
                }
                let v: serde_json::Value = serde_json::from_slice(&out.stdout)?;
                let faster = best
                    .as_ref()
                    .is_none_or(|b| v["total_s"].as_f64() < b["total_s"].as_f64());
                if faster {
                    best = Some(v);
                }
            }
            let v = best.expect("at least one run");
            let f = |k: &str| v[k].as_f64().unwrap_or(0.0);
            println!(
                "| {} | {} | {} | {:.1} | {:.2} | {:.2} | {:.2} | {:.0} | {:.0} |",
                variant.name(),
                v["enterprises"],
                v["records"],
                f("file_mb"),
                f("load_s"),
                f("score_s"),
                f("total_s"),
                f("enterprises_per_s"),
                f("peak_rss_mb")
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

pub(crate) fn bench_run(args: BenchRunArgs) -> Result<ExitCode, Fail> {
    let as_of = date(&args.as_of)?;
    let mut ws = Workspace::new();
    let mut bytes_total = 0usize;
    let t0 = Instant::now();
    let mut per_file = serde_json::Map::new();
    for kind in RecordKind::ALL {
        let tf = Instant::now();
        let path = args.variant.file(&args.dir, kind);
        bytes_total += std::fs::metadata(&path)?.len() as usize;
        let name = path
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        let options = LoadOptions {
            kind: Some(kind),
            ..LoadOptions::default()
        };
        let reports = if args.read_whole {
            let bytes = std::fs::read(&path)?;
            ws.load_file(&name, &bytes, &options, &mut NoProgress)?
        } else {
            ws.load_path(&name, &path, &options, &mut NoProgress)?
        };
        for r in reports {
            if r.rejected > 0 {
                return Err(Fail(format!(
                    "{}: {} rows rejected",
                    path.display(),
                    r.rejected
                )));
            }
        }
        per_file.insert(kind.code().to_string(), tf.elapsed().as_secs_f64().into());
    }
    let load_s = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let s = ws.score(as_of, &mut NoProgress)?;
    let score_s = t1.elapsed().as_secs_f64();
    let total_s = t0.elapsed().as_secs_f64();
    let c = ws.counts();
    println!(
        "{}",
        serde_json::json!({
            "enterprises": s.enterprises,
            "records": c.records,
            "file_mb": bytes_total as f64 / 1e6,
            "load_s": load_s,
            "score_s": score_s,
            "total_s": total_s,
            "enterprises_per_s": s.enterprises as f64 / total_s,
            "peak_rss_mb": peak_rss_mb(),
            "counts": s.counts,
            "load_s_per_kind": per_file,
        })
    );
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `bench-plan`.
#[derive(Args)]
pub(crate) struct BenchPlanArgs {
    /// Enterprise counts to measure, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "10000,100000,1000000")]
    sizes: Vec<usize>,
    /// Seed of the generated data.
    #[arg(long, default_value = "bench")]
    seed: String,
    /// Date the data is generated up to and scored as of.
    #[arg(long, default_value = "2026-11-28")]
    as_of: String,
    /// Folder for the generated files (kept between runs).
    #[arg(long, default_value = "bench-data")]
    dir: PathBuf,
    /// Plans made per size; the fastest and the median are printed.
    #[arg(long, default_value_t = 5)]
    repeat: usize,
}

/// The roster and item list of a bench folder, written when missing (folders generated
/// before the roster existed).
fn ensure_roster(d: &Path, n: usize, seed: &str, as_of: &str) -> Result<(), Fail> {
    let params = SynthParams {
        enterprises: n,
        seed: seed.to_string(),
        as_of: date(as_of)?,
    };
    for kind in RecordKind::PLANNING {
        let path = d.join(kind.file_name());
        if !path.exists() {
            let bytes = credit_supervision::synth::generate_csv(&params, kind, &mut NoProgress)?;
            std::fs::write(&path, bytes)?;
        }
    }
    Ok(())
}

/// Times a one-year plan (4 rounds) over the generated district and its roster: the records
/// are loaded and scored once, the records digest computed by a draw, then the plan is made
/// `repeat` times.
pub(crate) fn bench_plan(args: BenchPlanArgs) -> Result<ExitCode, Fail> {
    println!("| enterprises | inspectors | items | visits | unstaffed | plan s (min) | plan s (median) | digest |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---|");
    let as_of = date(&args.as_of)?;
    for &n in &args.sizes {
        let d = ensure_data(&args.dir, n, &args.seed, &args.as_of)?;
        ensure_roster(&d, n, &args.seed, &args.as_of)?;
        let mut ws = Workspace::new();
        for kind in RecordKind::EVERY {
            let path = d.join(kind.file_name());
            let options = LoadOptions {
                kind: Some(kind),
                ..LoadOptions::default()
            };
            ws.load_path(&kind.file_name(), &path, &options, &mut NoProgress)?;
        }
        ws.score(as_of, &mut NoProgress)?;
        ws.draw("bench-plan", None)?;
        let start = date("2027-01-01")?;
        let mut times = Vec::new();
        let mut digest = String::new();
        for _ in 0..args.repeat.max(1) {
            let t = Instant::now();
            let p = ws.plan("bench-plan", Some(start), &[])?;
            times.push(t.elapsed().as_secs_f64());
            if !digest.is_empty() && digest != p.digest {
                return Err(Fail("the same plan twice gave two digests".into()));
            }
            digest = p.digest.clone();
        }
        times.sort_by(f64::total_cmp);
        let p = ws.last_plan().expect("planned above");
        println!(
            "| {} | {} | {} | {} | {} | {:.3} | {:.3} | {} |",
            p.summary.population,
            p.summary.inspectors,
            p.items.len(),
            p.summary.visits,
            p.summary.unstaffed_visits,
            times[0],
            times[times.len() / 2],
            &digest[..16]
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `bench-scorecard`.
#[derive(Args)]
pub(crate) struct BenchScorecardArgs {
    /// Tables to fit (CSV or XLSX), e.g. the ones bench/scorecard/gen.py writes.
    #[arg(long, value_delimiter = ',', required = true)]
    data: Vec<PathBuf>,
    /// The target column.
    #[arg(long, default_value = "bad")]
    target: String,
    /// Fits per table; the fastest and the median are shown.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    /// Settings as JSON (default: the defaults).
    #[arg(long)]
    settings: Option<PathBuf>,
}

/// Records when each stage of a fit starts.
struct Stages {
    start: Instant,
    seen: Vec<(String, f64)>,
}

impl credit_supervision::progress::Progress for Stages {
    fn report(
        &mut self,
        stage: &str,
        _: f64,
    ) -> Result<(), credit_supervision::progress::Cancelled> {
        if self.seen.last().is_none_or(|(s, _)| s != stage) {
            self.seen
                .push((stage.to_string(), self.start.elapsed().as_secs_f64()));
        }
        Ok(())
    }
}

/// `bench-scorecard`: reads each table, then fits a card with the default settings
/// `--repeat` times, timing binning, selection (bins of every row, WoE, correlation, VIF),
/// the regression and the scoring of every row.
pub(crate) fn bench_scorecard(args: BenchScorecardArgs) -> Result<ExitCode, Fail> {
    use credit_supervision::model::read::{read_table, ReadOptions};
    use credit_supervision::model::scorecard::{fit, Sample, ValidSettings};
    println!("| rows | features | read s | bin s | select s | fit s | score s | total s (min) | total s (median) | train AUC | card digest |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    let s = match &args.settings {
        Some(p) => {
            credit_supervision::model::scorecard::Settings::from_json(&std::fs::read_to_string(p)?)?
                .check()?
        }
        None => ValidSettings::default(),
    };
    for path in &args.data {
        let t0 = Instant::now();
        let bytes = std::fs::read(path)?;
        let t = read_table(
            &path.display().to_string(),
            &bytes,
            &ReadOptions {
                settings: &s,
                target: Some(&args.target),
                kinds: Default::default(),
            },
        )?;
        drop(bytes);
        let read_s = t0.elapsed().as_secs_f64();
        let y = t.target.clone().unwrap_or_default();
        let mut runs: Vec<(f64, Vec<(String, f64)>)> = Vec::new();
        let mut digest = String::new();
        let mut auc = 0.0;
        for _ in 0..args.repeat.max(1) {
            let mut st = Stages {
                start: Instant::now(),
                seen: Vec::new(),
            };
            let (_, rep) = fit(
                Sample {
                    table: &t.table,
                    target: &y,
                },
                &args.target,
                None,
                &s,
                &mut st,
            )?;
            let total = st.start.elapsed().as_secs_f64();
            if !digest.is_empty() && digest != rep.card_digest {
                return Err(Fail("the same fit twice gave two cards".into()));
            }
            digest = rep.card_digest.clone();
            auc = rep.train.auc.unwrap_or(0.0);
            st.seen.push(("end".into(), total));
            runs.push((total, st.seen));
        }
        runs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (total, seen) = &runs[0];
        let phase = |name: &str| {
            let i = seen.iter().position(|(s, _)| s == name);
            i.map_or(0.0, |i| seen[i + 1].1 - seen[i].1)
        };
        println!(
            "| {} | {} | {:.2} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.4} | `{}` |",
            t.table.rows(),
            t.table.names.len(),
            read_s,
            phase("bin"),
            phase("select"),
            phase("fit"),
            phase("score"),
            total,
            runs[runs.len() / 2].0,
            auc,
            &digest[..16]
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `bench-model`.
#[derive(Args)]
pub(crate) struct BenchModelArgs {
    /// Enterprise counts to measure, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "10000,100000,1000000")]
    sizes: Vec<usize>,
    /// Seed of the generated data.
    #[arg(long, default_value = "bench")]
    seed: String,
    /// Date the data is generated up to: the last of the monthly dates.
    #[arg(long, default_value = "2026-11-28")]
    as_of: String,
    /// Folder for the generated files (kept between runs).
    #[arg(long, default_value = "bench-data")]
    dir: PathBuf,
    /// Monthly dates classified, ending on --as-of.
    #[arg(long, default_value_t = 12)]
    dates: usize,
    /// Runs per size; the fastest and the median are printed.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
}

/// SHA-256 (hex) of the class bytes, to compare native and WebAssembly runs.
fn classes_digest(classes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    credit_supervision::seed::hex(&Sha256::digest(classes))
}

/// Times the classes of every enterprise at `dates` monthly dates (one byte per enterprise per
/// date, `Workspace::classes_at`), then a backtest (T = as-of − 12 months) and a migration
/// (as-of − 12 months → as-of), over the generated district loaded once.
pub(crate) fn bench_model(args: BenchModelArgs) -> Result<ExitCode, Fail> {
    println!("| enterprises | dates | classes_at s (min) | classes_at s (median) | s per date | backtest s | migration s | classes digest |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---|");
    let as_of = date(&args.as_of)?;
    let dates: Vec<_> = (0..args.dates.max(1))
        .rev()
        .map(|k| credit_supervision::date::add_months(as_of, -(k as i32)))
        .collect();
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
        ws.score(as_of, &mut NoProgress)?;
        let mut times = Vec::new();
        let mut digest = String::new();
        for _ in 0..args.repeat.max(1) {
            let t = Instant::now();
            let c = ws.classes_at(&dates, &mut NoProgress)?;
            times.push(t.elapsed().as_secs_f64());
            let dg = classes_digest(&c.classes);
            if !digest.is_empty() && digest != dg {
                return Err(Fail("the same classes twice gave two digests".into()));
            }
            digest = dg;
        }
        times.sort_by(f64::total_cmp);
        let t = Instant::now();
        let at = credit_supervision::date::add_months(as_of, -12);
        ws.backtest(at, None, &mut NoProgress)?;
        let backtest_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        ws.migration(at, as_of, &mut NoProgress)?;
        let migration_s = t.elapsed().as_secs_f64();
        println!(
            "| {} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {} |",
            ws.store().len(),
            dates.len(),
            times[0],
            times[times.len() / 2],
            times[0] / dates.len() as f64,
            backtest_s,
            migration_s,
            &digest[..16]
        );
    }
    Ok(ExitCode::SUCCESS)
}
