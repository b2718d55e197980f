//! `credit-supervision scorecard fit` and `scorecard apply`: a WoE scorecard on any table with
//! a binary target (CSV or XLSX), and a saved card applied to another table.

use super::{inputs, Fail, InputArgs};
use clap::{Args, Subcommand};
use credit_supervision::date::{format_date, parse_date};
use credit_supervision::model::read::{read_table, ReadOptions, ReadTable};
use credit_supervision::model::scorecard::{self, Card, Sample, Settings, ValidSettings};
use credit_supervision::progress::NoProgress;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `scorecard`.
#[derive(Args)]
pub(crate) struct ScorecardArgs {
    #[command(subcommand)]
    action: Action,
}

#[derive(Subcommand)]
enum Action {
    /// Fit a card: prints a JSON summary (per feature IV and bins; train and test KS, AUC,
    /// Gini) and writes the card.
    Fit {
        /// The training table (CSV or XLSX, first sheet).
        #[arg(long)]
        train: PathBuf,
        /// The target column (bad: 1/bad/true/yes/是; good: 0/good/false/no/否, by default).
        #[arg(long)]
        target: String,
        /// A test table with the same columns (out of sample or out of time).
        #[arg(long)]
        test: Option<PathBuf>,
        /// Settings as JSON (binning, woe, selection, logistic, points; see docs/RULES.md §18).
        #[arg(long)]
        settings: Option<PathBuf>,
        /// Where to write the card (JSON).
        #[arg(long)]
        out: PathBuf,
        /// Also write the full report (every bin of every feature, gains, ROC) as JSON.
        #[arg(long)]
        report: Option<PathBuf>,
        /// Write the rows left out (line, column, value, reason) as CSV.
        #[arg(long)]
        rejected: Option<PathBuf>,
    },
    /// Fit a card on the records (files or the demo district): the features of every
    /// enterprise classified as of --at against the outcome over the horizon after it (the
    /// policy's outcome, docs/RULES.md §18); --test-at tests it out of time. Prints the same
    /// summary as `fit` and writes the card.
    Records {
        #[command(flatten)]
        input: InputArgs,
        /// T: the date the features are taken on (YYYY-MM-DD).
        #[arg(long)]
        at: String,
        /// A later date to test the card on (features then, the outcome after).
        #[arg(long)]
        test_at: Option<String>,
        /// The outcome horizon in months (default: the policy's model.horizon_months).
        #[arg(long)]
        horizon: Option<u32>,
        /// Settings as JSON (as for `fit`).
        #[arg(long)]
        settings: Option<PathBuf>,
        /// Where to write the card (JSON).
        #[arg(long)]
        out: PathBuf,
        /// Also write the full report as JSON.
        #[arg(long)]
        report: Option<PathBuf>,
    },
    /// Apply a saved card: writes every row's score, probability of bad and reason codes as
    /// CSV (standard output, or --out); prints a JSON summary on standard error.
    Apply {
        /// The card (JSON written by `scorecard fit`).
        #[arg(long)]
        card: PathBuf,
        /// The table to score.
        file: PathBuf,
        /// A column to copy to the output as the row's id (default: the line number only).
        #[arg(long)]
        id: Option<String>,
        /// Write the scores here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

fn read(
    path: &Path,
    target: Option<&str>,
    s: &ValidSettings,
    kinds: BTreeMap<String, credit_supervision::model::table::FeatureKind>,
) -> Result<ReadTable, Fail> {
    let bytes = std::fs::read(path).map_err(|e| Fail(format!("{}: {e}", path.display())))?;
    let name = path.display().to_string();
    Ok(read_table(
        &name,
        &bytes,
        &ReadOptions {
            settings: s,
            target,
            kinds,
        },
    )?)
}

fn write_rejected(path: &Path, sets: &[(&Path, &ReadTable)]) -> Result<(), Fail> {
    let mut w = csv::Writer::from_path(path)?;
    w.write_record(["file", "line", "column", "value", "reason"])?;
    for (file, t) in sets {
        for r in &t.rejected {
            w.write_record([
                file.display().to_string(),
                r.line.to_string(),
                r.column.clone().unwrap_or_default(),
                r.value.clone().unwrap_or_default(),
                r.reason.clone(),
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}

/// The JSON summary of a fit: the card's file and digest, the rows, per feature IV and bins,
/// the train and test figures, the score's PSI.
fn summary_json(
    out: &Path,
    rep: &scorecard::FitReport,
    rows: serde_json::Value,
) -> serde_json::Value {
    let perf = |p: &scorecard::fit::Performance| {
        serde_json::json!({
            "rows": p.rows, "bads": p.bads,
            "ks": p.ks.map(|k| k.value), "auc": p.auc, "gini": p.gini,
        })
    };
    serde_json::json!({
        "card": out.display().to_string(),
        "cardDigest": rep.card_digest,
        "rows": rows,
        "features": rep.features.iter().map(|f| serde_json::json!({
            "name": f.bins.name, "kind": f.bins.kind, "iv": f.bins.iv, "ivRaw": f.bins.iv_raw,
            "bins": f.bins.bins.iter().map(|b| serde_json::json!({
                "bin": b.rule.label(), "count": b.count, "badRate": b.bad_rate, "woe": b.woe, "iv": b.iv,
            })).collect::<Vec<_>>(),
            "selected": f.selected, "dropped": f.dropped, "coefficient": f.coefficient, "psi": f.psi,
        })).collect::<Vec<_>>(),
        "train": perf(&rep.train),
        "test": rep.test.as_ref().map(perf),
        "scorePsi": rep.score_psi,
    })
}

fn settings_file(path: Option<&Path>) -> Result<ValidSettings, Fail> {
    Ok(match path {
        Some(p) => Settings::from_json(&std::fs::read_to_string(p)?)?,
        None => Settings::defaults(),
    }
    .check()?)
}

/// Runs `scorecard`.
pub(crate) fn run(args: ScorecardArgs) -> Result<ExitCode, Fail> {
    match args.action {
        Action::Fit {
            train,
            target,
            test,
            settings,
            out,
            report,
            rejected,
        } => {
            let s = settings_file(settings.as_deref())?;
            let tr = read(&train, Some(&target), &s, BTreeMap::new())?;
            // The test table is read with the training table's kinds.
            let kinds = tr
                .table
                .names
                .iter()
                .zip(&tr.table.columns)
                .map(|(n, c)| (n.clone(), c.kind()))
                .collect();
            let te = match &test {
                Some(p) => Some(read(p, Some(&target), &s, kinds)?),
                None => None,
            };
            let (card, rep) = scorecard::fit(
                Sample {
                    table: &tr.table,
                    target: tr.target.as_deref().unwrap_or(&[]),
                },
                &target,
                te.as_ref().map(|t| Sample {
                    table: &t.table,
                    target: t.target.as_deref().unwrap_or(&[]),
                }),
                &s,
                &mut NoProgress,
            )?;
            std::fs::write(&out, card.to_json())?;
            if let Some(p) = report {
                std::fs::write(p, serde_json::to_string_pretty(&rep)?)?;
            }
            if let Some(p) = rejected {
                let mut sets = vec![(train.as_path(), &tr)];
                if let (Some(p), Some(t)) = (&test, &te) {
                    sets.push((p.as_path(), t));
                }
                write_rejected(&p, &sets)?;
            }
            let rows = serde_json::json!({
                "train": { "read": tr.rows_read, "accepted": tr.table.rows(), "rejected": tr.rejected.len() },
                "test": te.as_ref().map(|t| serde_json::json!({ "read": t.rows_read, "accepted": t.table.rows(), "rejected": t.rejected.len() })),
            });
            let summary = summary_json(&out, &rep, rows);
            println!("{}", serde_json::to_string_pretty(&summary)?);
            Ok(ExitCode::SUCCESS)
        }
        Action::Records {
            input,
            at,
            test_at,
            horizon,
            settings,
            out,
            report,
        } => {
            let date = |name: &str, t: &str| {
                parse_date(t)
                    .ok_or_else(|| Fail(format!("--{name} {t:?} is not a date (YYYY-MM-DD)")))
            };
            let at = date("at", &at)?;
            let test_at = test_at.map(|t| date("test-at", &t)).transpose()?;
            let s = settings_file(settings.as_deref())?;
            let (mut ws, as_of) = inputs::load(&input)?;
            ws.score(as_of, &mut NoProgress)?;
            let (card, rep) = ws.scorecard_fit(at, horizon, test_at, &s, &mut NoProgress)?;
            std::fs::write(&out, card.to_json())?;
            if let Some(p) = report {
                std::fs::write(p, serde_json::to_string_pretty(&rep)?)?;
            }
            let rows = serde_json::json!({
                "train": { "at": format_date(at), "rows": rep.train.rows },
                "test": test_at.map(|t| serde_json::json!({ "at": format_date(t), "rows": rep.test.as_ref().map_or(0, |p| p.rows) })),
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&summary_json(&out, &rep, rows))?
            );
            Ok(ExitCode::SUCCESS)
        }
        Action::Apply {
            card,
            file,
            id,
            out,
        } => {
            let card = Card::from_json(&std::fs::read_to_string(&card)?)?;
            let s = card.settings.clone().check()?;
            let mut kinds = card.kinds();
            if let Some(id) = &id {
                kinds
                    .entry(id.clone())
                    .or_insert(credit_supervision::model::table::FeatureKind::Categorical);
            }
            let t = read(&file, None, &s, kinds)?;
            let scored = card.apply(&t.table)?;
            let csv = scorecard::export::scores_csv(&card, &t, &scored, id.as_deref());
            match &out {
                Some(p) => std::fs::write(p, &csv)?,
                None => std::io::stdout().lock().write_all(&csv)?,
            }
            let summary = serde_json::json!({
                "rowsRead": t.rows_read,
                "scored": scored.scores.len(),
                "rejected": t.rejected,
                "unseen": card.features.iter().zip(&scored.unseen).filter(|(_, &u)| u > 0)
                    .map(|(f, &u)| (f.name.clone(), u)).collect::<BTreeMap<_, _>>(),
                "cardDigest": card.digest(),
            });
            eprintln!("{}", serde_json::to_string(&summary)?);
            Ok(ExitCode::SUCCESS)
        }
    }
}
