//! Command-line parsing and the commands.

mod bench;
mod convert;
mod inputs;
mod model;
mod plan;
mod report;
mod scorecard;
mod worklist;

use clap::{Args, Parser, Subcommand};
use credit_supervision::date::{parse_date, Date};
use credit_supervision::policy::Policy;
use credit_supervision::progress::NoProgress;
use credit_supervision::sheet::Lang;
use credit_supervision::synth::{write_dir, SynthParams};
use std::path::PathBuf;
use std::process::ExitCode;

/// Enterprise credit-risk classes and inspection draws from a bureau's records.
#[derive(Parser)]
#[command(name = "credit-supervision", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Load record files (or the demo district), score every enterprise, write the results.
    Score {
        #[command(flatten)]
        input: InputArgs,
        /// Write every enterprise's result as CSV (UTF-8 with BOM), or as an XLSX workbook
        /// when the name ends in `.xlsx`.
        #[arg(long)]
        out_csv: Option<PathBuf>,
        /// Headers of an XLSX workbook in English (default: Chinese).
        #[arg(long)]
        english: bool,
        /// Write the summary and every result with its reasons as JSON.
        #[arg(long)]
        out_json: Option<PathBuf>,
        /// Write every enterprise's result as a Parquet file (typed columns named by keys,
        /// for Hive and Spark).
        #[arg(long)]
        out_parquet: Option<PathBuf>,
        /// Print only the summary, as one line of JSON, on standard output.
        #[arg(long)]
        summary_json: bool,
    },
    /// Score, then draw enterprises for inspection from a seed.
    Draw {
        #[command(flatten)]
        input: InputArgs,
        /// The seed text (publish it: the draw can be reproduced from it).
        #[arg(long)]
        draw_seed: String,
        /// Overall ratio (default: the policy's).
        #[arg(long)]
        ratio: Option<f64>,
        /// Write the drawn list as CSV, or as an XLSX workbook (the list and what the draw
        /// binds) when the name ends in `.xlsx`.
        #[arg(long)]
        out_csv: Option<PathBuf>,
        /// Headers of an XLSX workbook in English (default: Chinese).
        #[arg(long)]
        english: bool,
    },
    /// Score, then make the inspection plan of a cycle (双随机、一公开): both randoms, rounds,
    /// joint visits, public lists, digest; `plan verify` checks a published plan.
    Plan(Box<plan::PlanArgs>),
    /// WoE scorecards on any table with a binary target: `scorecard fit`, `scorecard apply`.
    Scorecard(scorecard::ScorecardArgs),
    /// Score as of --as-of (the data's date), then backtest the classes as of --at against
    /// the outcomes over the horizon after it (docs/RULES.md §18); prints JSON.
    Backtest(Box<model::BacktestArgs>),
    /// The migration of the classes from --from to --to over the same records: prints the
    /// summary as JSON; --out writes every mover with why as CSV.
    Migrate(Box<model::MigrateArgs>),
    /// Score, then explain one enterprise's score.
    Explain {
        #[command(flatten)]
        input: InputArgs,
        /// The enterprise's USCC.
        #[arg(long)]
        uscc: String,
    },
    /// Score, then print what the rules say about one enterprise: records with their windows,
    /// repair options (with what-if scores) and measures, as JSON.
    Rules {
        #[command(flatten)]
        input: InputArgs,
        /// The enterprise's USCC.
        #[arg(long)]
        uscc: String,
    },
    /// Score, then print one enterprise's credit-repair options as JSON.
    Repair {
        #[command(flatten)]
        input: InputArgs,
        /// The enterprise's USCC.
        #[arg(long)]
        uscc: String,
    },
    /// Score, then print the measures (incentives, restrictions) of one enterprise as JSON.
    Measures {
        #[command(flatten)]
        input: InputArgs,
        /// The enterprise's USCC.
        #[arg(long)]
        uscc: String,
    },
    /// The working-day calendar: describe a day, or count working days or months from it.
    Calendar {
        /// The date (YYYY-MM-DD).
        date: String,
        /// Print the N-th working day after the date (the date itself not counted).
        #[arg(long)]
        add_working_days: Option<u32>,
        /// Print the date N months later (end-of-month rule).
        #[arg(long, allow_hyphen_values = true)]
        add_months: Option<i32>,
        /// A policy JSON file whose `rules.holiday_years` add to the built-in years.
        #[arg(long)]
        policy: Option<PathBuf>,
    },
    /// Write the synthetic demo district as one CSV file per record kind, with its inspector
    /// roster (inspector.csv) and item list (item.csv).
    Generate {
        /// Number of enterprises.
        #[arg(long, default_value_t = 130_000)]
        enterprises: usize,
        /// Seed text.
        #[arg(long, default_value = "demo")]
        seed: String,
        /// The date the data is generated up to (YYYY-MM-DD).
        #[arg(long)]
        as_of: String,
        /// Output folder.
        #[arg(long)]
        out: PathBuf,
    },
    /// Write a folder of record CSV files (as `generate` writes them) again in another form:
    /// GBK CSV, XLSX, or Parquet as a Hive table exports it (dates as DATE, whole numbers as
    /// BIGINT, the rest STRING).
    Convert {
        /// The folder of CSV files.
        #[arg(long)]
        from: PathBuf,
        /// The folder to write.
        #[arg(long)]
        out: PathBuf,
        /// The form to write.
        #[arg(long, value_enum)]
        to: convert::Variant,
    },
    /// Print the default policy as JSON.
    Policy,
    /// Time ingest + score at fixed sizes and seed; print enterprises/s and peak memory.
    Bench(bench::BenchArgs),
    /// Time a one-year inspection plan over the generated district and its roster.
    BenchPlan(bench::BenchPlanArgs),
    /// Time scorecard fits (binning, selection, regression, scoring) on generated tables.
    BenchScorecard(bench::BenchScorecardArgs),
    /// Time the classes of every enterprise at 12 monthly dates, a backtest and a migration.
    BenchModel(bench::BenchModelArgs),
    /// Score, then write one work list of the district (docs/RULES.md §20) as CSV or XLSX, or
    /// print every list's counts as JSON.
    Worklist(Box<worklist::WorklistArgs>),
    /// Time the pass that makes every work list, and their CSV and XLSX.
    BenchWorklist(worklist::BenchWorklistArgs),
    /// (internal) One measured ingest + score run over a folder, for `bench`.
    #[command(hide = true)]
    BenchRun(bench::BenchRunArgs),
}

/// Where records come from, and the scoring date and policy.
#[derive(Args, Clone)]
struct InputArgs {
    /// CSV files of records (kind detected from the headers).
    files: Vec<PathBuf>,
    /// Use the generated demo district of this many enterprises instead of files.
    #[arg(long)]
    demo: Option<usize>,
    /// Seed of the demo district.
    #[arg(long, default_value = "demo")]
    seed: String,
    /// Score as of this date (YYYY-MM-DD).
    #[arg(long)]
    as_of: String,
    /// A policy JSON file (default: the built-in policy).
    #[arg(long)]
    policy: Option<PathBuf>,
    /// Write every rejected row to this CSV file.
    #[arg(long)]
    errors: Option<PathBuf>,
    /// An audit trail exported from the page or the package (CSV or JSON): its objections,
    /// corrections and manual class adjustments are applied, in order, before scoring.
    #[arg(long)]
    audit: Option<PathBuf>,
    /// Say nothing on standard error about loading.
    #[arg(long, short)]
    quiet: bool,
}

/// An error for the user: printed, exit code 1.
pub(crate) struct Fail(String);

impl<E: std::fmt::Display> From<E> for Fail {
    fn from(e: E) -> Self {
        Fail(e.to_string())
    }
}

/// Whether `path` names an XLSX workbook (its extension is `xlsx`, in any case).
fn is_xlsx(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// The headers' language of the `--english` flag.
fn lang(english: bool) -> Lang {
    if english {
        Lang::En
    } else {
        Lang::Zh
    }
}

fn date(text: &str) -> Result<Date, Fail> {
    parse_date(text).ok_or_else(|| Fail(format!("--as-of {text:?} is not a date (YYYY-MM-DD)")))
}

/// Parses the arguments and runs the command.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Fail(msg)) => {
            eprintln!("error: {msg}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Fail> {
    match cli.command {
        Command::Score {
            input,
            out_csv,
            english,
            out_json,
            out_parquet,
            summary_json,
        } => {
            let (mut ws, as_of) = inputs::load(&input)?;
            let summary = ws.score(as_of, &mut NoProgress)?;
            if let Some(p) = out_csv {
                let bytes = if is_xlsx(&p) {
                    ws.results_xlsx(lang(english))?
                } else {
                    ws.results_csv()?
                };
                std::fs::write(&p, bytes).map_err(|e| Fail(format!("{}: {e}", p.display())))?;
            }
            if let Some(p) = out_parquet {
                std::fs::write(&p, ws.results_parquet()?)
                    .map_err(|e| Fail(format!("{}: {e}", p.display())))?;
            }
            if let Some(p) = out_json {
                let f =
                    std::fs::File::create(&p).map_err(|e| Fail(format!("{}: {e}", p.display())))?;
                let scoring = ws.scoring().expect("scored above");
                credit_supervision::results::write_results_json(
                    std::io::BufWriter::new(f),
                    ws.store(),
                    scoring,
                    ws.policy(),
                )?;
            }
            if summary_json {
                println!("{}", serde_json::to_string(&summary)?);
            } else {
                inputs::print_summary(&summary);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Draw {
            input,
            draw_seed,
            ratio,
            out_csv,
            english,
        } => {
            let (mut ws, as_of) = inputs::load(&input)?;
            ws.score(as_of, &mut NoProgress)?;
            let d = ws.draw(&draw_seed, ratio)?.draw.clone();
            println!(
                "seed {:?}, as of {}, ratio {}",
                d.seed, d.as_of, d.overall_ratio
            );
            for c in &d.per_class {
                println!(
                    "  {}: {:>8} of {:>9}  ({:.2}%)",
                    c.class.letter(),
                    c.sample,
                    c.population,
                    c.ratio * 100.0
                );
            }
            println!(
                "drawn {} of {}; SHA-256 {}",
                d.sample_size, d.population, d.digest
            );
            if let Some(p) = out_csv {
                let bytes = if is_xlsx(&p) {
                    ws.draw_xlsx(lang(english))?
                } else {
                    ws.draw_csv()?
                };
                std::fs::write(&p, bytes).map_err(|e| Fail(format!("{}: {e}", p.display())))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Plan(args) => plan::run(*args),
        Command::Scorecard(args) => scorecard::run(args),
        Command::Explain { input, uscc } => {
            let (mut ws, as_of) = inputs::load(&input)?;
            ws.score(as_of, &mut NoProgress)?;
            let e = ws.explain(&uscc)?;
            println!("{}", serde_json::to_string_pretty(&e)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { input, uscc } => {
            let (mut ws, as_of) = inputs::load(&input)?;
            ws.score(as_of, &mut NoProgress)?;
            println!(
                "{}",
                serde_json::to_string_pretty(&ws.rules_for(&uscc, None)?)?
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Repair { input, uscc } => {
            let (mut ws, as_of) = inputs::load(&input)?;
            ws.score(as_of, &mut NoProgress)?;
            println!(
                "{}",
                serde_json::to_string_pretty(&ws.repair(&uscc, None)?)?
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Measures { input, uscc } => {
            let (mut ws, as_of) = inputs::load(&input)?;
            ws.score(as_of, &mut NoProgress)?;
            println!(
                "{}",
                serde_json::to_string_pretty(&ws.measures(&uscc, None)?)?
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Calendar {
            date: text,
            add_working_days,
            add_months,
            policy,
        } => {
            let mut ws = credit_supervision::workspace::Workspace::new();
            if let Some(p) = policy {
                let t = std::fs::read_to_string(&p)
                    .map_err(|e| Fail(format!("{}: {e}", p.display())))?;
                ws.set_policy_json(&t)
                    .map_err(|e| Fail(format!("{}: {e}", p.display())))?;
            }
            let d = parse_date(&text)
                .ok_or_else(|| Fail(format!("{text:?} is not a date (YYYY-MM-DD)")))?;
            let out = match (add_working_days, add_months) {
                (Some(n), None) => serde_json::to_string_pretty(&ws.add_working_days(d, n)?)?,
                (None, Some(m)) => serde_json::to_string_pretty(&ws.months_after(d, m)?)?,
                (None, None) => serde_json::to_string_pretty(&ws.working_day(d)?)?,
                _ => {
                    return Err(Fail(
                        "give --add-working-days or --add-months, not both".into(),
                    ))
                }
            };
            println!("{out}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Convert { from, out, to } => {
            convert::convert(&from, &out, to)?;
            println!("wrote {} files to {}", to.name(), out.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate {
            enterprises,
            seed,
            as_of,
            out,
        } => {
            let params = SynthParams {
                enterprises,
                seed,
                as_of: date(&as_of)?,
            };
            std::fs::create_dir_all(&out).map_err(|e| Fail(format!("{}: {e}", out.display())))?;
            let bytes = write_dir(&params, &out, &mut NoProgress)?;
            eprintln!("wrote {bytes} bytes of CSV to {}", out.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Policy => {
            println!("{}", Policy::default().to_json());
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench(args) => bench::bench(args),
        Command::BenchRun(args) => bench::bench_run(args),
        Command::BenchPlan(args) => bench::bench_plan(args),
        Command::BenchScorecard(args) => bench::bench_scorecard(args),
        Command::BenchModel(args) => bench::bench_model(args),
        Command::Worklist(args) => worklist::worklist(*args),
        Command::BenchWorklist(args) => worklist::bench_worklist(args),
        Command::Backtest(args) => model::backtest(*args),
        Command::Migrate(args) => model::migrate(*args),
    }
}
