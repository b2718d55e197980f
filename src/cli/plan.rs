//! `credit-supervision plan`: the inspection plan of a cycle, written as the internal plan,
//! the public lists and a JSON document with the summary and digest; and `plan verify`.

use super::{date, inputs, Fail, InputArgs};
use clap::{Args, Subcommand};
use credit_supervision::plan::public::PlanDoc;
use credit_supervision::plan::PlanSummary;
use credit_supervision::progress::NoProgress;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `plan`.
#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub(crate) struct PlanArgs {
    #[command(subcommand)]
    action: Option<PlanAction>,
    #[command(flatten)]
    input: Option<InputArgs>,
    /// The inspector roster (执法检查人员名录), CSV or workbook.
    #[arg(long)]
    inspectors: Option<PathBuf>,
    /// The item list (抽查事项清单), CSV or workbook.
    #[arg(long)]
    items: Option<PathBuf>,
    /// The seed text of the plan (publish it: the plan can be reproduced from it).
    #[arg(long)]
    plan_seed: Option<String>,
    /// The first day of the cycle (YYYY-MM-DD; default: the as-of date).
    #[arg(long, alias = "cycle")]
    cycle_start: Option<String>,
    /// A file of USCCs referred by other authorities, one per line: they must be checked.
    #[arg(long)]
    referrals: Option<PathBuf>,
    /// Folder for plan.csv (internal), public.csv and public-R<n>.csv (一公开), plan.json, and
    /// plan.xlsx (the internal plan and the public list, one sheet each).
    #[arg(long)]
    out_dir: Option<PathBuf>,
}

#[derive(Subcommand)]
enum PlanAction {
    /// Re-derive a published plan (its plan.json) from the same inputs and say whether it
    /// matches, and where it differs.
    Verify {
        #[command(flatten)]
        input: InputArgs,
        /// The inspector roster the plan was made with.
        #[arg(long)]
        inspectors: Option<PathBuf>,
        /// The item list the plan was made with.
        #[arg(long)]
        items: Option<PathBuf>,
        /// The published plan.json.
        #[arg(long)]
        plan: PathBuf,
    },
    /// What a cycle achieved, from the inspection records: random checks against the target
    /// and floor, 100 % groups covered, results published within 20 working days, results by
    /// class; writes the public results and the overdue list.
    Outcome {
        #[command(flatten)]
        input: InputArgs,
        /// The first day of the cycle (YYYY-MM-DD).
        #[arg(long, alias = "cycle")]
        cycle_start: String,
        /// The last day of the cycle (default: the policy's cycle from its first day).
        #[arg(long)]
        cycle_end: Option<String>,
        /// Judge publication on this day (default: the as-of date).
        #[arg(long)]
        on: Option<String>,
        /// Folder for results.csv (一公开: every random check's result and deadline) and
        /// overdue.csv.
        #[arg(long)]
        out_dir: Option<PathBuf>,
    },
}

fn with_roster(
    input: &InputArgs,
    inspectors: &Option<PathBuf>,
    items: &Option<PathBuf>,
) -> InputArgs {
    let mut out = input.clone();
    out.files.extend(inspectors.iter().cloned());
    out.files.extend(items.iter().cloned());
    out
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Fail> {
    std::fs::write(path, bytes).map_err(|e| Fail(format!("{}: {e}", path.display())))
}

/// Runs `plan` or `plan verify`.
pub(crate) fn run(args: PlanArgs) -> Result<ExitCode, Fail> {
    if let Some(PlanAction::Verify {
        input,
        inspectors,
        items,
        plan,
    }) = args.action
    {
        let input = with_roster(&input, &inspectors, &items);
        let (mut ws, as_of) = inputs::load(&input)?;
        ws.score(as_of, &mut NoProgress)?;
        let text =
            std::fs::read_to_string(&plan).map_err(|e| Fail(format!("{}: {e}", plan.display())))?;
        let v = ws.verify_plan(&text)?;
        if v.matches {
            println!("match: the published plan is the one these inputs and its seed give");
            return Ok(ExitCode::SUCCESS);
        }
        println!("differ:");
        for (en, zh) in v.differences.iter().zip(&v.differences_zh) {
            println!("  {en}\n  {zh}");
        }
        return Ok(ExitCode::from(2));
    }
    if let Some(PlanAction::Outcome {
        input,
        cycle_start,
        cycle_end,
        on,
        out_dir,
    }) = args.action
    {
        let (mut ws, as_of) = inputs::load(&input)?;
        ws.score(as_of, &mut NoProgress)?;
        let start = date(&cycle_start)?;
        let end = cycle_end.as_deref().map(date).transpose()?;
        let on = on.as_deref().map(date).transpose()?;
        let o = ws.plan_outcome(start, end, on)?;
        let pct = |r: f64| r * 100.0;
        println!(
            "cycle {} – {} (publication judged on {})",
            o.cycle_start, o.cycle_end, o.as_of
        );
        println!(
            "random checks: {} of {} enterprises ({:.2}%; target {:.2}% {}, floor {:.2}% {})",
            o.randomly_checked,
            o.population,
            pct(o.random_ratio),
            pct(o.target_ratio),
            if o.target_met { "met" } else { "NOT met" },
            pct(o.floor_ratio),
            if o.floor_met { "met" } else { "NOT met" }
        );
        for g in &o.groups {
            println!(
                "  100% {}: {} of {} checked ({:.1}%){}",
                g.name,
                g.checked,
                g.members,
                pct(g.coverage),
                if g.met { "" } else { " — NOT met" }
            );
        }
        let p = &o.publication;
        println!(
            "results published: {} checks, {} on time ({:.1}%), {} late, {} overdue, {} pending",
            p.checks,
            p.on_time,
            pct(p.on_time_ratio),
            p.late,
            p.overdue,
            p.pending
        );
        for c in &o.by_class {
            println!(
                "  {}: {} of {} checked, {} checks, {} found a problem ({:.1}%)",
                c.class.letter(),
                c.checked,
                c.enterprises,
                c.checks,
                c.problems,
                pct(c.problem_rate)
            );
        }
        if let Some(dir) = out_dir {
            std::fs::create_dir_all(&dir).map_err(|e| Fail(format!("{}: {e}", dir.display())))?;
            write(
                &dir.join("results.csv"),
                &ws.plan_results_csv(start, end, on, false)?,
            )?;
            write(
                &dir.join("overdue.csv"),
                &ws.plan_results_csv(start, end, on, true)?,
            )?;
            eprintln!("wrote results.csv and overdue.csv to {}", dir.display());
        }
        return Ok(ExitCode::SUCCESS);
    }
    let input = args
        .input
        .ok_or_else(|| Fail("plan needs --as-of and files or --demo N".into()))?;
    let seed = args
        .plan_seed
        .ok_or_else(|| Fail("plan needs --plan-seed (publish it with the plan)".into()))?;
    let input = with_roster(&input, &args.inspectors, &args.items);
    let (mut ws, as_of) = inputs::load(&input)?;
    ws.score(as_of, &mut NoProgress)?;
    let start = args.cycle_start.as_deref().map(date).transpose()?;
    let referrals: Vec<String> = match &args.referrals {
        Some(p) => std::fs::read_to_string(p)
            .map_err(|e| Fail(format!("{}: {e}", p.display())))?
            .lines()
            .map(|l| l.trim().trim_start_matches('\u{feff}').to_string())
            .filter(|l| !l.is_empty())
            .collect(),
        None => Vec::new(),
    };
    let clock = std::time::Instant::now();
    let summary = ws.plan(&seed, start, &referrals)?.summary.clone();
    if !input.quiet {
        eprintln!("planned in {} ms", clock.elapsed().as_millis());
    }
    let doc = ws.plan_doc()?;
    print_summary(&doc, &summary);
    if let Some(dir) = args.out_dir {
        std::fs::create_dir_all(&dir).map_err(|e| Fail(format!("{}: {e}", dir.display())))?;
        write(&dir.join("plan.csv"), &ws.plan_csv()?)?;
        write(&dir.join("public.csv"), &ws.plan_public_csv(None)?)?;
        for r in &summary.rounds {
            let n = r.round.round;
            write(
                &dir.join(format!("public-R{n}.csv")),
                &ws.plan_public_csv(Some(n))?,
            )?;
        }
        write(
            &dir.join("plan.json"),
            serde_json::to_string_pretty(&doc)?.as_bytes(),
        )?;
        write(&dir.join("plan.xlsx"), &ws.plan_xlsx()?)?;
        eprintln!("wrote the plan to {}", dir.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn print_summary(doc: &PlanDoc, s: &PlanSummary) {
    let pct = |r: f64| r * 100.0;
    println!(
        "plan {} – {}, seed {:?}, as of {}",
        doc.cycle_start, doc.cycle_end, doc.seed, doc.as_of
    );
    println!(
        "drawn {} of {} ({:.2}%; target {:.2}%, floor {:.2}%: {}); planned {} ({:.2}%)",
        s.drawn,
        s.population,
        pct(s.drawn_ratio),
        pct(s.target_ratio),
        pct(s.floor_ratio),
        if s.floor_met { "met" } else { "NOT met" },
        s.planned,
        pct(s.coverage_ratio)
    );
    for c in &s.per_class {
        println!(
            "  {}: {:>8} of {:>9} planned ({:.2}%), drawn {}, 100% groups {}, triggers {}, recently inspected {}; {} visits ({:.2} each, asked {})",
            c.class.letter(),
            c.planned,
            c.population,
            pct(c.ratio),
            c.drawn,
            c.full_coverage,
            c.triggered,
            c.recently_inspected,
            c.visits,
            c.frequency_reached,
            c.frequency
        );
    }
    for g in &s.groups {
        println!(
            "  100% {}: {} of {} planned, {} staffed{}",
            g.name,
            g.planned,
            g.members,
            g.staffed,
            if g.met {
                String::new()
            } else {
                format!(" — {}", g.why)
            }
        );
    }
    for r in &s.rounds {
        println!(
            "  round {} ({} – {}): {} visits, {} joint (saved {}), {} unstaffed; {} inspectors, load {}–{} (median {})",
            r.round.round,
            r.round.start,
            r.round.end,
            r.visits,
            r.joint_visits,
            r.visits_saved,
            r.unstaffed,
            r.inspectors_used,
            r.load_min,
            r.load_max,
            r.load_median
        );
    }
    for f in &s.shortfalls {
        println!("  ! {}", f.message);
    }
    for n in &s.notes {
        println!("  note: {n}");
    }
    println!("visits {}; SHA-256 {}", s.visits, doc.digest);
}
