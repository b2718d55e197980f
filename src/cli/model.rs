//! `credit-supervision backtest` and `migrate`: the classes against the outcomes after a date,
//! and the classes' migration between two dates (docs/RULES.md §18).

use super::{inputs, Fail, InputArgs};
use clap::Args;
use credit_supervision::date::{parse_date, Date};
use credit_supervision::model::migration::MoverFilter;
use credit_supervision::policy::{Challenger, ChallengerClasses};
use credit_supervision::progress::NoProgress;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `backtest`.
#[derive(Args)]
pub(crate) struct BacktestArgs {
    #[command(flatten)]
    input: InputArgs,
    /// T: the date the classes are taken on (YYYY-MM-DD); T + horizon must not be after
    /// --as-of, the data's date.
    #[arg(long)]
    at: String,
    /// The outcome horizon in months (default: the policy's model.horizon_months, 12).
    #[arg(long)]
    horizon: Option<u32>,
    /// Backtest the policy's challenger (model.challenger) beside the expert classes and print
    /// both (docs/RULES.md §19.6).
    #[arg(long)]
    challenger: bool,
    /// Backtest this fitted card (a `scorecard fit --out` file) as the challenger, its classes
    /// by the expert classes' shares, beside the expert classes.
    #[arg(long, conflicts_with = "challenger")]
    card: Option<PathBuf>,
}

/// Arguments of `migrate`.
#[derive(Args)]
pub(crate) struct MigrateArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The first date (YYYY-MM-DD).
    #[arg(long)]
    from: String,
    /// The second, later date (YYYY-MM-DD).
    #[arg(long)]
    to: String,
    /// Only movers of this class on the first date (A–D, or - for unclassified).
    #[arg(long)]
    from_class: Option<String>,
    /// Only movers of this class on the second date (A–D, or -).
    #[arg(long)]
    to_class: Option<String>,
    /// Write every mover (matching the class filters) with why as CSV to this file.
    #[arg(long)]
    out: Option<PathBuf>,
}

fn date_arg(name: &str, text: &str) -> Result<Date, Fail> {
    parse_date(text).ok_or_else(|| Fail(format!("--{name} {text:?} is not a date (YYYY-MM-DD)")))
}

fn class_arg(name: &str, text: Option<&str>) -> Result<Option<u8>, Fail> {
    Ok(match text.map(str::trim) {
        None => None,
        Some("-") => Some(0),
        Some(t) => Some(
            credit_supervision::policy::Class::from_letter(t)
                .ok_or_else(|| Fail(format!("--{name} {t:?} is not a class (A–D or -)")))?
                as u8,
        ),
    })
}

/// Scores as of --as-of (the data's date), backtests the classes as of --at, prints the JSON.
pub(crate) fn backtest(args: BacktestArgs) -> Result<ExitCode, Fail> {
    let at = date_arg("at", &args.at)?;
    let card = match &args.card {
        Some(p) => {
            let text =
                std::fs::read_to_string(p).map_err(|e| Fail(format!("{}: {e}", p.display())))?;
            Some(Challenger {
                name: p
                    .file_stem()
                    .map_or_else(String::new, |s| s.to_string_lossy().into_owned()),
                card: serde_json::from_str(&text)
                    .map_err(|e| Fail(format!("{}: {e}", p.display())))?,
                classes: ChallengerClasses::Shares,
            })
        }
        None => None,
    };
    let (mut ws, as_of) = inputs::load(&args.input)?;
    ws.score(as_of, &mut NoProgress)?;
    if args.challenger || card.is_some() {
        let c = ws.challenge(at, args.horizon, card.as_ref(), &mut NoProgress)?;
        println!("{}", serde_json::to_string_pretty(&c)?);
    } else {
        let b = ws.backtest(at, args.horizon, &mut NoProgress)?;
        println!("{}", serde_json::to_string_pretty(&b)?);
    }
    Ok(ExitCode::SUCCESS)
}

/// The migration from --from to --to: prints the JSON summary, writes the movers' CSV.
pub(crate) fn migrate(args: MigrateArgs) -> Result<ExitCode, Fail> {
    let from = date_arg("from", &args.from)?;
    let to = date_arg("to", &args.to)?;
    let filter = MoverFilter {
        from: class_arg("from-class", args.from_class.as_deref())?,
        to: class_arg("to-class", args.to_class.as_deref())?,
    };
    let (mut ws, _) = inputs::load(&args.input)?;
    let m = ws.migration(from, to, &mut NoProgress)?;
    println!("{}", serde_json::to_string_pretty(&m)?);
    if let Some(p) = args.out {
        let bytes = ws.migration_movers_csv(from, to, filter)?;
        std::fs::write(&p, bytes).map_err(|e| Fail(format!("{}: {e}", p.display())))?;
    }
    Ok(ExitCode::SUCCESS)
}
