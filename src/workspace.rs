//! A workspace: one store, one policy, one audit trail, the last scoring and draw — the
//! state the page, the npm package and the CLI work on, so the binding layers stay thin.
//!
//! It is a facade: it loads, records audit entries, and answers queries by calling the layers
//! below with the overlay the audit trail gives, and keeps no rule of its own.

use crate::advice::worklist::{self, ClassShares, WorkCounts, WorkListKind, WorkLists, WorkPage};
use crate::advice::{enterprise_rules, EnterpriseRules, MeasureAnswer, RepairReport};
use crate::audit::{
    parse_trail, Action, AuditEntry, AuditError, AuditTrail, ImportError, ImportSummary, Request,
};
use crate::calendar::{DayInfo, WorkingDeadline};
use crate::date::{check_in_range, ArgumentError, Date};
use crate::draw::{draw, Draw, DrawError, Provenance};
use crate::ingest::{load_csv, FileError, FileReport};
use crate::model::backtest::{backtest, Backtest};
use crate::model::features::{training_data, TrainingData};
use crate::model::migration::{
    classes_at, migration, movers, ClassesAt, Migration, MoverFilter, MoversPage,
};
use crate::model::outcome::Window;
use crate::model::ModelError;
use crate::plan::public::{visit_rows, PlanDoc, PlanView, VisitRow};
use crate::plan::{plan, Outcome, Plan, PlanError, PlanRequest, Verification};
use crate::policy::Class;
use crate::policy::{Policy, PolicyError, ValidPolicy};
use crate::progress::{Cancelled, Progress, Scaled};
use crate::records::{EntId, RecordKind, RecordRef};
use crate::results::{draw_view, result_row, DrawView, ResultRow, SortKey};
use crate::score::{
    explain, histogram, score_all, score_one, Context, Explanation, Overlay, ScoreHistogram,
    ScoreSummary, Scoring,
};
use crate::sheet::Lang;
use crate::store::{Store, StoreCounts};
use crate::synth::{generate_csv, SynthParams};
use crate::uscc::Uscc;
use serde::Serialize;

/// What went wrong in a workspace call.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WorkspaceError {
    /// A file could not be loaded.
    #[error(transparent)]
    File(#[from] FileError),
    /// The policy failed its checks.
    #[error(transparent)]
    Policy(#[from] PolicyError),
    /// A draw could not be made.
    #[error(transparent)]
    Draw(#[from] DrawError),
    /// A plan could not be made.
    #[error(transparent)]
    Plan(#[from] PlanError),
    /// The call was cancelled.
    #[error("cancelled")]
    Cancelled,
    /// A call came in the wrong order (e.g. a draw before scoring).
    #[error("{0}")]
    State(&'static str),
    /// An argument is not valid: which one, the value and why.
    #[error(transparent)]
    Argument(#[from] ArgumentError),
    /// An audit entry was refused (e.g. no reason given).
    #[error(transparent)]
    Audit(#[from] AuditError),
    /// An imported audit trail was refused (which entry, which field, why).
    #[error(transparent)]
    AuditImport(#[from] ImportError),
    /// A backtest, a migration or the features could not be made (e.g. an outcome window
    /// that runs past the data).
    #[error(transparent)]
    Model(ModelError),
    /// A scorecard could not be fitted (one class only, no feature left, the regression).
    #[error("scorecard: {0}")]
    Scorecard(String),
    /// A table could not be written (e.g. more rows than a worksheet holds).
    #[error("{0}")]
    Export(String),
}

impl From<ModelError> for WorkspaceError {
    fn from(e: ModelError) -> Self {
        match e {
            ModelError::Cancelled => WorkspaceError::Cancelled,
            ModelError::NoChallenger => {
                WorkspaceError::State("the policy has no challenger (model.challenger)")
            }
            ModelError::Challenger(p) => WorkspaceError::Policy(p),
            other => WorkspaceError::Model(other),
        }
    }
}

impl From<Cancelled> for WorkspaceError {
    fn from(_: Cancelled) -> Self {
        WorkspaceError::Cancelled
    }
}

/// The most characters a text argument may hold (a seed, who, a reason, a correction, a
/// timestamp): 10,000.
pub const MAX_TEXT_CHARS: usize = 10_000;

fn arg(argument: &'static str, value: impl ToString, message: impl Into<String>) -> WorkspaceError {
    WorkspaceError::Argument(ArgumentError {
        argument,
        value: value.to_string(),
        message: message.into(),
    })
}

/// `text` when it holds at most [`MAX_TEXT_CHARS`] characters.
fn text_arg(argument: &'static str, text: &str) -> Result<(), WorkspaceError> {
    let n = text.chars().count();
    if n > MAX_TEXT_CHARS {
        return Err(arg(
            argument,
            format!("({n} characters)"),
            format!("at most {MAX_TEXT_CHARS} characters"),
        ));
    }
    Ok(())
}

impl WorkspaceError {
    /// The name of the argument at fault, when one is: `asOf`, `from`, `n`, `months`, `seed`,
    /// `overallRatio`, …
    pub fn argument(&self) -> Option<&'static str> {
        match self {
            WorkspaceError::Argument(a) => Some(a.argument),
            WorkspaceError::Draw(DrawError::Ratio { .. }) => Some("overallRatio"),
            WorkspaceError::Draw(DrawError::EmptySeed) => Some("seed"),
            WorkspaceError::Plan(PlanError::EmptySeed) => Some("seed"),
            WorkspaceError::Plan(PlanError::Start(_)) => Some("cycleStart"),
            WorkspaceError::Plan(PlanError::Referral(..)) => Some("referrals"),
            WorkspaceError::Model(ModelError::WindowIncomplete { .. }) => Some("at"),
            WorkspaceError::Model(ModelError::Horizon(_)) => Some("horizon"),
            WorkspaceError::Model(ModelError::Order { .. }) => Some("to"),
            _ => None,
        }
    }

    /// A stable code for the kind of error.
    pub fn code(&self) -> &'static str {
        match self {
            WorkspaceError::File(FileError::Cancelled { .. }) | WorkspaceError::Cancelled => {
                "cancelled"
            }
            WorkspaceError::File(_) => "csv",
            WorkspaceError::Policy(_) => "policy",
            WorkspaceError::Draw(_) | WorkspaceError::Plan(_) | WorkspaceError::Model(_) => {
                "argument"
            }
            WorkspaceError::State(_) => "state",
            WorkspaceError::Argument(_) => "argument",
            WorkspaceError::Audit(_) | WorkspaceError::AuditImport(_) => "audit",
            WorkspaceError::Scorecard(_) => "fit",
            WorkspaceError::Export(_) => "export",
        }
    }
}

/// `policy` with `bad` as its `model.bad` (checked), or `policy` itself.
fn with_outcome(
    policy: &ValidPolicy,
    bad: Option<crate::policy::BadEvents>,
) -> Result<std::borrow::Cow<'_, ValidPolicy>, PolicyError> {
    match bad {
        Some(b) if b != policy.policy().model.bad => {
            let mut p = policy.policy().clone();
            p.model.bad = b;
            Ok(std::borrow::Cow::Owned(p.check()?))
        }
        _ => Ok(std::borrow::Cow::Borrowed(policy)),
    }
}

/// What loading several files did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoadReport {
    /// One report per file.
    pub files: Vec<FileReport>,
    /// Enterprises now in the store.
    pub enterprises: usize,
    /// Of which with a registration.
    pub registered: usize,
    /// Records now in the store.
    pub records: usize,
    /// Inspectors now in the roster.
    pub inspectors: usize,
    /// Items now in the item list.
    pub items: usize,
}

/// The largest demo district: 5,000,000 enterprises natively; 3,000,000 in WebAssembly, whose
/// memory is at most 4 GiB (measured under Node, generate + load + score: 3,000,000 take
/// 2.7 GB of wasm memory, 4,000,000 take 3.5 GB, 5,000,000 would need ~4.4 GB), leaving room
/// for the table, the draw and the exports.
pub const DEMO_MAX: usize = if cfg!(target_arch = "wasm32") {
    3_000_000
} else {
    5_000_000
};

/// The most classes [`Workspace::classes_at`] returns at once (dates × enterprises):
/// 2^28 = 268,435,456 bytes, e.g. 120 dates of 2,000,000 enterprises or 89 of 3,000,000.
pub const MAX_CLASSES_AT: usize = 1 << 28;

/// The most dates [`Workspace::classes_at`] takes at once: 120 (ten years of months).
pub const MAX_CLASS_DATES: usize = 120;

/// The state of one session of work.
#[derive(Debug)]
pub struct Workspace {
    store: Store,
    policy: ValidPolicy,
    scoring: Option<Scoring>,
    draw: Option<Draw>,
    plan: Option<Plan>,
    /// The records digest, kept until the records change ([`Store::digest`] reads them all).
    records_digest: Option<String>,
    audit: AuditTrail,
    /// The two scorings of the last migration, kept for its pages of movers.
    migration: Option<Box<(Scoring, Scoring)>>,
    streaming: Option<crate::ingest::CsvLoader>,
    /// The scoring and draw set aside while a file streams in ([`Workspace::begin_file`]).
    set_aside: Option<Results>,
    reports: Vec<FileReport>,
    /// The events that make an enterprise bad in backtests and fits, in place of the policy's
    /// `model.bad` ([`Workspace::set_outcome`]).
    outcome: Option<crate::policy::BadEvents>,
    /// Counts changes of the records: a scoring is compared with the one before it only when
    /// both scored the same records.
    generation: u64,
    /// The generation of the records the last scoring scored.
    scored_generation: u64,
    /// The classes of the scoring before the last one, with what it was made under.
    previous: Option<Previous>,
    /// How the last scoring's classes differ from the one before it.
    change: Option<RunChange>,
    /// The work lists of the last scoring, made on first use and dropped with it.
    worklists: Option<Box<WorkLists>>,
}

/// A scoring's classes kept to compare the next scoring with.
#[derive(Debug, Clone)]
struct Previous {
    classes: Vec<u8>,
    as_of: Date,
    policy_digest: String,
    generation: u64,
}

/// How the classes of one scoring differ from those of the scoring before it, on the same
/// records (after a change of the policy, the as-of date or the audit trail).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RunChange {
    /// The as-of date of the scoring before.
    pub from_as_of: String,
    /// Its policy's digest.
    pub from_policy_digest: String,
    /// The as-of date of the last scoring.
    pub to_as_of: String,
    /// Its policy's digest.
    pub to_policy_digest: String,
    /// `matrix[from][to]`: enterprises by class code before and now (0 unclassified, 1–4 A–D).
    pub matrix: [[usize; 5]; 5],
    /// Enterprises whose class changed.
    pub moved: usize,
}

/// A scoring, a draw, the records digest and the records' generation set aside while a file
/// loads.
#[derive(Debug)]
struct Results(Option<Scoring>, Option<Draw>, Option<String>, u64);

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            store: Store::new(),
            policy: ValidPolicy::default_checked(),
            scoring: None,
            draw: None,
            plan: None,
            records_digest: None,
            audit: AuditTrail::default(),
            migration: None,
            streaming: None,
            set_aside: None,
            reports: Vec::new(),
            outcome: None,
            generation: 0,
            scored_generation: 0,
            previous: None,
            change: None,
            worklists: None,
        }
    }
}

impl Workspace {
    /// An empty workspace with the default policy.
    pub fn new() -> Self {
        Self::default()
    }

    /// Checks and sets the policy from JSON (a challenger's card included, against the
    /// features the records give); the last scoring is dropped.
    pub fn set_policy_json(&mut self, json: &str) -> Result<(), WorkspaceError> {
        let policy = Policy::from_json(json)?.check()?;
        if let Some(c) = &policy.policy().model.challenger {
            crate::model::challenger::challenger_card(c)?;
        }
        self.policy = policy;
        self.keep_previous();
        self.worklists = None;
        self.draw = None;
        self.plan = None;
        self.migration = None;
        Ok(())
    }

    /// The policy in force.
    pub fn policy(&self) -> &ValidPolicy {
        &self.policy
    }

    /// The store.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The last scoring, if any.
    pub fn scoring(&self) -> Option<&Scoring> {
        self.scoring.as_ref()
    }

    /// The last draw, if any.
    pub fn last_draw(&self) -> Option<&Draw> {
        self.draw.as_ref()
    }

    /// Drops every record and result (the audit trail is kept: nothing is deleted silently).
    pub fn clear(&mut self) {
        self.records_digest = None;
        self.generation += 1;
        self.store = Store::new();
        self.scoring = None;
        self.worklists = None;
        self.draw = None;
        self.plan = None;
        self.migration = None;
        self.streaming = None;
        self.set_aside = None;
        self.reports.clear();
    }

    /// Counts of the store.
    pub fn counts(&self) -> StoreCounts {
        self.store.counts()
    }

    /// Takes the scoring and draw away while a file loads (see [`Workspace::loaded`]).
    /// The last plan is dropped whatever the file: a roster or an item list changes it.
    fn loading(&mut self) -> Results {
        self.plan = None;
        self.migration = None;
        let generation = self.generation;
        self.generation += 1;
        self.worklists = None;
        Results(
            self.scoring.take(),
            self.draw.take(),
            self.records_digest.take(),
            generation,
        )
    }

    /// Gives the scoring and draw back when every file loaded was a roster or an item list,
    /// which leave the records, and so the scores and the draw's binding, as they were.
    fn loaded<'a>(&mut self, kept: Results, reports: impl IntoIterator<Item = &'a FileReport>) {
        let mut reports = reports.into_iter().peekable();
        if reports.peek().is_some() && reports.all(|r| r.kind.is_planning()) {
            (self.scoring, self.draw, self.records_digest) = (kept.0, kept.1, kept.2);
            self.generation = kept.3;
        }
    }

    /// Loads one UTF-8 CSV file. The last scoring and draw are dropped, unless the file is a
    /// roster or an item list ([`RecordKind::PLANNING`]), which change no record.
    pub fn load_csv(
        &mut self,
        file: &str,
        bytes: &[u8],
        kind: Option<RecordKind>,
        progress: &mut dyn Progress,
    ) -> Result<FileReport, WorkspaceError> {
        let kept = self.loading();
        let report = load_csv(&mut self.store, file, bytes, kind, progress)?;
        self.loaded(kept, [&report]);
        self.reports.push(report.clone());
        Ok(report)
    }

    /// Loads one file of any supported format (CSV/TSV in any supported encoding, XLSX,
    /// JSON); a workbook gives one report per sheet. The last scoring and draw are kept only
    /// when every sheet read is a roster or an item list.
    pub fn load_file(
        &mut self,
        file: &str,
        bytes: &[u8],
        options: &crate::ingest::LoadOptions,
        progress: &mut dyn Progress,
    ) -> Result<Vec<FileReport>, WorkspaceError> {
        let kept = self.loading();
        let reports = crate::ingest::load_file(&mut self.store, file, bytes, options, progress)?;
        self.loaded(kept, &reports);
        self.reports.extend(reports.iter().cloned());
        Ok(reports)
    }

    /// Loads one file from disk (natively), streaming delimited text rather than reading it
    /// whole; see [`crate::ingest::load_path`].
    #[cfg(not(target_arch = "wasm32"))]
    pub fn load_path(
        &mut self,
        file: &str,
        path: &std::path::Path,
        options: &crate::ingest::LoadOptions,
        progress: &mut dyn Progress,
    ) -> Result<Vec<FileReport>, WorkspaceError> {
        let kept = self.loading();
        let reports = crate::ingest::load_path(&mut self.store, file, path, options, progress)?;
        self.loaded(kept, &reports);
        self.reports.extend(reports.iter().cloned());
        Ok(reports)
    }

    /// The reports of every file loaded since the last [`Workspace::clear`], in load order.
    pub fn reports(&self) -> &[FileReport] {
        &self.reports
    }

    /// The rejected rows of the `index`-th report as a CSV file to fix and load again.
    pub fn rejected_csv(&self, index: usize) -> Result<Vec<u8>, WorkspaceError> {
        self.reports
            .get(index)
            .map(FileReport::rejected_csv)
            .ok_or_else(|| {
                arg(
                    "index",
                    index,
                    format!("no file report {index} ({} loaded)", self.reports.len()),
                )
            })
    }

    /// The rejected rows of the `index`-th report as an XLSX workbook, headers and reasons in
    /// `lang`: the file's own headers and each rejected row as read, then the line and the
    /// reason ([`FileReport::rejected_xlsx`]); created on [`Workspace::workbook_date`].
    pub fn rejected_xlsx(&self, index: usize, lang: Lang) -> Result<Vec<u8>, WorkspaceError> {
        let r = self.reports.get(index).ok_or_else(|| {
            arg(
                "index",
                index,
                format!("no file report {index} ({} loaded)", self.reports.len()),
            )
        })?;
        r.rejected_xlsx(self.workbook_date(), lang)
            .map_err(sheet_error)
    }

    /// The creation date of the workbooks that have no date of their own (the rejected rows,
    /// the audit trail): the as-of date of the last scoring, or 2000-01-01 before any — never
    /// the clock, so the same state gives the same bytes natively and in WebAssembly.
    pub fn workbook_date(&self) -> Date {
        self.scoring
            .as_ref()
            .map_or(Date::from_ymd_opt(2000, 1, 1).expect("a valid date"), |s| {
                s.as_of
            })
    }

    /// Starts loading a delimited-text file chunk by chunk (see [`Workspace::push_chunk`]).
    /// The last scoring and draw are set aside, and given back by
    /// [`Workspace::finish_file`] when the file is a roster or an item list.
    pub fn begin_file(&mut self, file: &str, options: crate::ingest::LoadOptions) {
        let kept = self.loading();
        self.streaming = Some(crate::ingest::CsvLoader::new(file, options));
        self.set_aside = Some(kept);
    }

    /// Feeds the next chunk of the file begun with [`Workspace::begin_file`]; returns
    /// (bytes, rows) read so far.
    pub fn push_chunk(&mut self, chunk: &[u8]) -> Result<(u64, u64), WorkspaceError> {
        let loader = self
            .streaming
            .as_mut()
            .ok_or(WorkspaceError::State("begin a file first"))?;
        self.records_digest = None;
        self.generation += 1;
        if let Err(e) = loader.push(&mut self.store, chunk) {
            self.streaming = None;
            self.set_aside = None;
            return Err(e.into());
        }
        Ok((loader.bytes_read(), loader.rows_read()))
    }

    /// Ends the file begun with [`Workspace::begin_file`] and returns its report.
    pub fn finish_file(&mut self) -> Result<FileReport, WorkspaceError> {
        let loader = self
            .streaming
            .take()
            .ok_or(WorkspaceError::State("begin a file first"))?;
        let kept = self
            .set_aside
            .take()
            .unwrap_or(Results(None, None, None, u64::MAX));
        let report = loader.finish(&mut self.store)?;
        self.loaded(kept, [&report]);
        self.reports.push(report.clone());
        Ok(report)
    }

    /// Generates the synthetic district — its records, inspector roster and item list
    /// ([`RecordKind::EVERY`]) — and loads it file by file through the CSV path; at most
    /// [`DEMO_MAX`] enterprises.
    pub fn generate_demo(
        &mut self,
        enterprises: usize,
        seed: &str,
        as_of: Date,
        progress: &mut dyn Progress,
    ) -> Result<LoadReport, WorkspaceError> {
        if enterprises == 0 || enterprises > DEMO_MAX {
            return Err(arg(
                "enterprises",
                enterprises,
                format!("must be 1–{DEMO_MAX}, not {enterprises}"),
            ));
        }
        text_arg("seed", seed)?;
        check_in_range("asOf", as_of)?;
        self.clear();
        let params = SynthParams {
            enterprises,
            seed: seed.to_string(),
            as_of,
        };
        let mut files = Vec::new();
        let n = RecordKind::EVERY.len() as f64;
        for (i, kind) in RecordKind::EVERY.into_iter().enumerate() {
            let mut sub = Scaled {
                inner: progress,
                offset: i as f64 / n,
                span: 1.0 / n,
            };
            let bytes = generate_csv(&params, kind, &mut sub)?;
            let report = load_csv(
                &mut self.store,
                &kind.file_name(),
                &bytes,
                Some(kind),
                &mut sub,
            )?;
            self.reports.push(report.clone());
            files.push(report);
        }
        Ok(self.load_report(files))
    }

    /// A [`LoadReport`] over `files` with the store's current counts.
    pub fn load_report(&self, files: Vec<FileReport>) -> LoadReport {
        let c = self.store.counts();
        LoadReport {
            files,
            enterprises: c.enterprises,
            registered: c.registered,
            records: c.records,
            inspectors: c.inspectors,
            items: c.items,
        }
    }

    /// Scores every enterprise as of `as_of`.
    pub fn score(
        &mut self,
        as_of: Date,
        progress: &mut dyn Progress,
    ) -> Result<ScoreSummary, WorkspaceError> {
        check_in_range("asOf", as_of)?;
        self.draw = None;
        self.plan = None;
        self.store.index();
        let overlay = self.overlay(as_of);
        let scoring = score_all(&mut self.store, &self.policy, as_of, progress, &overlay)?;
        let summary = scoring.summary(&self.store);
        self.keep_previous();
        self.change = self
            .previous
            .as_ref()
            .filter(|p| p.generation == self.generation && p.classes.len() == scoring.classes.len())
            .map(|p| {
                let mut matrix = [[0usize; 5]; 5];
                for (&a, &b) in p.classes.iter().zip(&scoring.classes) {
                    matrix[usize::from(a).min(4)][usize::from(b).min(4)] += 1;
                }
                RunChange {
                    from_as_of: crate::date::format_date(p.as_of),
                    from_policy_digest: p.policy_digest.clone(),
                    to_as_of: crate::date::format_date(as_of),
                    to_policy_digest: scoring.policy_digest.clone(),
                    moved: (0..5)
                        .map(|i| matrix[i].iter().sum::<usize>() - matrix[i][i])
                        .sum(),
                    matrix,
                }
            });
        self.scoring = Some(scoring);
        self.scored_generation = self.generation;
        self.worklists = None;
        Ok(summary)
    }

    /// Sets the last scoring aside as the one the next scoring is compared with.
    fn keep_previous(&mut self) {
        if let Some(s) = self.scoring.take() {
            self.previous = Some(Previous {
                classes: s.classes,
                as_of: s.as_of,
                policy_digest: s.policy_digest,
                generation: self.scored_generation,
            });
        }
    }

    /// How the last scoring's classes differ from the scoring before it, when both scored the
    /// same records (`None` after the first scoring, or when the records changed between).
    pub fn last_change(&self) -> Option<&RunChange> {
        self.change.as_ref()
    }

    /// The last scoring's scores in bins of `width` points by final class, with the cut-offs
    /// (what the page draws as the score histogram).
    pub fn score_histogram(&self, width: f64) -> Result<ScoreHistogram, WorkspaceError> {
        let s = self.scored()?;
        histogram(s, self.policy.policy(), width).map_err(|e| arg("width", width, e.0))
    }

    /// What the audit trail lays over the records on `as_of`.
    fn overlay(&self, as_of: Date) -> Overlay {
        let counts = self.policy.policy().rules.audit.disputed_record_counts;
        self.audit.overlay(&self.store, as_of, counts)
    }

    fn ent(&self, uscc: &str) -> Result<EntId, WorkspaceError> {
        let code = Uscc::parse(uscc).map_err(|e| arg("uscc", uscc, e.to_string()))?;
        self.store
            .find(&code)
            .ok_or_else(|| arg("uscc", code, "no such enterprise in the loaded records"))
    }

    /// Everything the rules say about one enterprise: records with their windows, repair
    /// options with what-if scores, measures. `as_of` defaults to the last scoring's date.
    pub fn rules_for(
        &self,
        uscc: &str,
        as_of: Option<Date>,
    ) -> Result<EnterpriseRules, WorkspaceError> {
        if let Some(d) = as_of {
            check_in_range("asOf", d)?;
        }
        let s = self.scored()?;
        let ent = self.ent(uscc)?;
        let r = match as_of.filter(|&d| d != s.as_of) {
            None => enterprise_rules(
                &self.store,
                &self.policy,
                &s.context,
                ent,
                s.as_of,
                &s.overlay,
            ),
            Some(d) => {
                let ctx = Context::new(&self.store, d);
                enterprise_rules(&self.store, &self.policy, &ctx, ent, d, &self.overlay(d))
            }
        };
        Ok(r)
    }

    /// The repair options of one enterprise (see [`Workspace::rules_for`]).
    pub fn repair(&self, uscc: &str, as_of: Option<Date>) -> Result<RepairReport, WorkspaceError> {
        Ok(self.rules_for(uscc, as_of)?.repair)
    }

    /// The measures that apply to one enterprise (see [`Workspace::rules_for`]).
    pub fn measures(
        &self,
        uscc: &str,
        as_of: Option<Date>,
    ) -> Result<Vec<MeasureAnswer>, WorkspaceError> {
        Ok(self.rules_for(uscc, as_of)?.measures)
    }

    /// One day of the working-day calendar (`date` in the years
    /// [`crate::date::MIN_YEAR`]–[`crate::date::MAX_YEAR`]).
    pub fn working_day(&self, date: Date) -> Result<DayInfo, WorkspaceError> {
        Ok(self.policy.calendar().checked_day(date)?)
    }

    /// The `n`-th working day after `from` (`from` in the years
    /// [`crate::date::MIN_YEAR`]–[`crate::date::MAX_YEAR`], `n` at most
    /// [`crate::calendar::MAX_WORKING_DAYS`]).
    pub fn add_working_days(&self, from: Date, n: u32) -> Result<WorkingDeadline, WorkspaceError> {
        Ok(self.policy.calendar().checked_add_working_days(from, n)?)
    }

    /// `from` + `months` months (see [`crate::calendar::months_after`]).
    pub fn months_after(
        &self,
        from: Date,
        months: i32,
    ) -> Result<crate::calendar::MonthDeadline, WorkspaceError> {
        Ok(crate::calendar::months_after(from, months)?)
    }

    /// Checks the texts and date of an audit request.
    fn check_request(
        who: &str,
        reason: &str,
        at: Date,
        correction: Option<&str>,
        timestamp: &str,
    ) -> Result<(), WorkspaceError> {
        text_arg("who", who)?;
        text_arg("reason", reason)?;
        text_arg("timestamp", timestamp)?;
        if let Some(c) = correction {
            text_arg("correction", c)?;
        }
        check_in_range("at", at)?;
        Ok(())
    }

    /// Records an objection action (`dispute`, `correct`, `confirm`) or a granted `repair` on
    /// one record of an enterprise; the enterprise's score and class recompute.
    #[allow(clippy::too_many_arguments)]
    pub fn object(
        &mut self,
        uscc: &str,
        record_kind: RecordKind,
        record_index: u32,
        action: Action,
        who: &str,
        reason: &str,
        at: Date,
        correction: Option<String>,
        timestamp: &str,
    ) -> Result<AuditEntry, WorkspaceError> {
        if action == Action::AdjustClass {
            return Err(arg(
                "action",
                "adjust_class",
                "use adjustClass for class adjustments",
            ));
        }
        Self::check_request(who, reason, at, correction.as_deref(), timestamp)?;
        self.store.index();
        let ent = self.ent(uscc)?;
        let r = RecordRef {
            kind: record_kind,
            index: record_index,
        };
        if !self.store.owns(ent, r) {
            return Err(arg(
                "recordIndex",
                record_index,
                format!(
                    "{} record {record_index} is not a record of {uscc}",
                    record_kind.code()
                ),
            ));
        }
        let req = Request {
            at,
            timestamp: timestamp.to_string(),
            who: who.to_string(),
            reason: reason.to_string(),
            action,
            record: Some(r),
            correction,
            class_to: None,
        };
        let e = self.audit.record(&self.store, ent, None, req)?.clone();
        self.rescore(ent);
        Ok(e)
    }

    /// Adjusts an enterprise's class by hand (`None` removes the adjustment), with who, when
    /// and a required reason; the computed class is kept in the entry.
    pub fn adjust_class(
        &mut self,
        uscc: &str,
        class: Option<Class>,
        who: &str,
        reason: &str,
        at: Date,
        timestamp: &str,
    ) -> Result<AuditEntry, WorkspaceError> {
        Self::check_request(who, reason, at, None, timestamp)?;
        let ent = self.ent(uscc)?;
        let computed = self.scoring.as_ref().and_then(|s| {
            score_one(
                &self.store,
                &self.policy,
                &s.context,
                ent,
                s.as_of,
                &s.overlay,
            )
            .computed
        });
        let req = Request {
            at,
            timestamp: timestamp.to_string(),
            who: who.to_string(),
            reason: reason.to_string(),
            action: Action::AdjustClass,
            record: None,
            correction: None,
            class_to: class,
        };
        let e = self.audit.record(&self.store, ent, computed, req)?.clone();
        self.rescore(ent);
        Ok(e)
    }

    /// Recomputes one enterprise of the last scoring after an audit entry.
    fn rescore(&mut self, ent: EntId) {
        self.migration = None;
        self.worklists = None;
        let Some(as_of) = self.scoring.as_ref().map(|s| s.as_of) else {
            return;
        };
        let overlay = self.overlay(as_of);
        let s = self.scoring.as_mut().expect("checked above");
        s.rescore(&self.store, &self.policy, ent, overlay);
        self.draw = None;
        self.plan = None;
    }

    /// The audit trail, oldest first.
    pub fn audit_entries(&self) -> &[AuditEntry] {
        self.audit.entries()
    }

    /// The audit trail as CSV bytes (UTF-8 with BOM).
    pub fn audit_csv(&self) -> Vec<u8> {
        crate::audit::to_csv(self.audit.entries())
    }

    /// The audit trail as an XLSX workbook (headers, actions and record kinds in `lang`),
    /// created on [`Workspace::workbook_date`].
    pub fn audit_xlsx(&self, lang: Lang) -> Result<Vec<u8>, WorkspaceError> {
        crate::audit::to_xlsx(self.audit.entries(), self.workbook_date(), lang).map_err(sheet_error)
    }

    /// The audit trail as JSON text.
    pub fn audit_json(&self) -> String {
        crate::audit::to_json(self.audit.entries())
    }

    /// Loads an exported audit trail — the JSON of [`Workspace::audit_json`] or the CSV of
    /// [`Workspace::audit_csv`] — into the workspace. Every entry is checked before any is
    /// applied: its fields, and that the enterprise and the record it names are among the
    /// loaded records (load the records the trail was made on first). The entries are appended
    /// in order, so scores recompute as they were; the trail must be empty or hold exactly the
    /// file's first entries (those are kept). The enterprises touched are rescored.
    pub fn import_audit(&mut self, bytes: &[u8]) -> Result<ImportSummary, WorkspaceError> {
        self.store.index();
        let entries = parse_trail(bytes, &self.store)?;
        let mut touched: Vec<EntId> = entries
            .iter()
            .filter_map(|e| Uscc::parse(&e.uscc).ok())
            .filter_map(|u| self.store.find(&u))
            .collect();
        touched.sort_unstable();
        touched.dedup();
        let summary = self.audit.import(entries)?;
        self.migration = None;
        for ent in touched {
            self.rescore(ent);
        }
        Ok(summary)
    }

    fn scored(&self) -> Result<&Scoring, WorkspaceError> {
        self.scoring
            .as_ref()
            .ok_or(WorkspaceError::State("score the records first"))
    }

    /// Result rows of the given enterprise ids (ids out of range are an error).
    pub fn rows(&self, ids: &[EntId]) -> Result<Vec<ResultRow>, WorkspaceError> {
        let s = self.scored()?;
        ids.iter()
            .map(|&e| {
                if (e as usize) < self.store.len() {
                    Ok(result_row(&self.store, s, &self.policy, e))
                } else {
                    Err(arg("ids", e, format!("no enterprise with id {e}")))
                }
            })
            .collect()
    }

    /// Enterprise ids sorted by `key` (ties by USCC), optionally one class only (0–4).
    pub fn order(
        &self,
        key: SortKey,
        descending: bool,
        class_filter: Option<u8>,
    ) -> Result<Vec<EntId>, WorkspaceError> {
        if let Some(c) = class_filter.filter(|&c| c > 4) {
            return Err(arg("classFilter", c, "must be 0 (none) or 1–4 (A–D)"));
        }
        let s = self.scored()?;
        Ok(crate::results::order(
            &self.store,
            s,
            key,
            descending,
            class_filter,
        ))
    }

    /// Explains one enterprise's score.
    pub fn explain(&self, uscc: &str) -> Result<Explanation, WorkspaceError> {
        let s = self.scored()?;
        let ent = self.ent(uscc)?;
        Ok(explain(
            &self.store,
            &self.policy,
            &s.context,
            ent,
            s.as_of,
            &s.overlay,
        ))
    }

    /// Draws enterprises for inspection from the last scoring; the draw binds the records
    /// loaded and the audit trail applied.
    pub fn draw(
        &mut self,
        seed: &str,
        overall_ratio: Option<f64>,
    ) -> Result<DrawView<'_>, WorkspaceError> {
        text_arg("seed", seed)?;
        let records_digest = self.records_digest();
        let s = self.scored()?;
        let provenance = Provenance {
            records_digest,
            audit_digest: self.audit.digest(s.as_of),
        };
        let d = draw(
            &self.store,
            s,
            &self.policy,
            seed,
            overall_ratio,
            provenance,
        )?;
        let d = self.draw.insert(d);
        let s = self.scoring.as_ref().expect("scored above");
        Ok(draw_view(&self.store, s, d))
    }

    /// Makes the inspection plan of a cycle from the last scoring, the roster and item list
    /// loaded, and the seed; keeps it for the exports.
    pub fn plan(
        &mut self,
        seed: &str,
        cycle_start: Option<Date>,
        referrals: &[String],
    ) -> Result<&Plan, WorkspaceError> {
        text_arg("seed", seed)?;
        if let Some(d) = cycle_start {
            check_in_range("cycleStart", d)?;
        }
        let records_digest = self.records_digest();
        let s = self.scored()?;
        let request = PlanRequest {
            seed: seed.to_string(),
            cycle_start,
            referrals: referrals.to_vec(),
            records_digest,
            audit_digest: self.audit.digest(s.as_of),
        };
        let p = plan(&self.store, s, &self.policy, &request)?;
        Ok(self.plan.insert(p))
    }

    /// The records digest ([`Store::digest`]), computed once until the records change.
    fn records_digest(&mut self) -> String {
        if self.records_digest.is_none() {
            self.records_digest = Some(self.store.digest());
        }
        self.records_digest.clone().unwrap_or_default()
    }

    /// The cycle `[start, end]` and the day its publication is judged on (`end` defaults to
    /// the policy's cycle from `start`; `on` to the scoring's as-of date).
    fn cycle(
        &self,
        start: Date,
        end: Option<Date>,
        on: Option<Date>,
    ) -> Result<(Date, Date, Date), WorkspaceError> {
        check_in_range("cycleStart", start)?;
        let s = self.scored()?;
        let end = match end {
            Some(e) => check_in_range("cycleEnd", e)?,
            None => {
                let months = self.policy.policy().plan.cycle_months as i32;
                let next = crate::date::add_months(start, months);
                next.pred_opt().unwrap_or(next)
            }
        };
        if end < start {
            return Err(arg(
                "cycleEnd",
                crate::date::format_date(end),
                "must not be before cycleStart",
            ));
        }
        let on = match on {
            Some(d) => check_in_range("on", d)?,
            None => s.as_of,
        };
        Ok((start, end, on))
    }

    /// What the cycle from `start` achieved, from the inspection records loaded: the random
    /// ratio against target and floor, each 100 % group's coverage, results published on time,
    /// results by class (the classes of the last scoring).
    pub fn plan_outcome(
        &self,
        start: Date,
        end: Option<Date>,
        on: Option<Date>,
    ) -> Result<Outcome, WorkspaceError> {
        let (start, end, on) = self.cycle(start, end, on)?;
        let s = self.scored()?;
        Ok(crate::plan::outcome(&self.store, s, &self.policy, start, end, on).0)
    }

    /// The public results (一公开) of the cycle's random checks as CSV bytes, with each
    /// result's deadline and whether it was met; only the overdue ones with `overdue_only`.
    /// No class, score or reason.
    pub fn plan_results_csv(
        &self,
        start: Date,
        end: Option<Date>,
        on: Option<Date>,
        overdue_only: bool,
    ) -> Result<Vec<u8>, WorkspaceError> {
        let (start, end, on) = self.cycle(start, end, on)?;
        let s = self.scored()?;
        let (_, lines) = crate::plan::outcome(&self.store, s, &self.policy, start, end, on);
        let mut out = Vec::new();
        crate::plan::outcome::write_results_csv(&mut out, &self.store, &lines, overdue_only)
            .map_err(|e| WorkspaceError::State(io_message(e)))?;
        Ok(out)
    }

    /// The last plan, if any.
    pub fn last_plan(&self) -> Option<&Plan> {
        self.plan.as_ref()
    }

    fn planned(&self) -> Result<&Plan, WorkspaceError> {
        self.plan
            .as_ref()
            .ok_or(WorkspaceError::State("make a plan first"))
    }

    /// The last plan without its visits: dates, digests, items and summary.
    pub fn plan_view(&self) -> Result<PlanView, WorkspaceError> {
        Ok(PlanView::of(self.planned()?))
    }

    /// The visits of one round (every round when `None`) from `offset`, at most `limit`
    /// (at most 10,000 at a time).
    pub fn plan_rows(
        &self,
        round: Option<u32>,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<VisitRow>, WorkspaceError> {
        let p = self.planned()?;
        if limit > 10_000 {
            return Err(arg("limit", limit, "at most 10000 rows at a time"));
        }
        Ok(visit_rows(
            p,
            &self.store,
            self.policy.policy(),
            round,
            offset,
            limit,
        ))
    }

    /// The last plan as a workbook: the internal plan and the public list, a sheet each.
    pub fn plan_xlsx(&self) -> Result<Vec<u8>, WorkspaceError> {
        let p = self.planned()?;
        let internal = self.plan_csv()?;
        let public = self.plan_public_csv(None)?;
        crate::plan::xlsx::workbook(&[("内部计划", &internal), ("公示名单", &public)], p.as_of)
            .map_err(|_| WorkspaceError::State("the workbook could not be written"))
    }

    /// The last plan as its published document (JSON bytes: summary, digests and visits),
    /// which [`Workspace::verify_plan`] reads back.
    pub fn plan_json(&self) -> Result<Vec<u8>, WorkspaceError> {
        let doc = self.plan_doc()?;
        Ok(serde_json::to_vec_pretty(&doc).expect("a plan always serialises"))
    }

    /// The last plan as its published document (summary, digests and visits).
    pub fn plan_doc(&self) -> Result<PlanDoc, WorkspaceError> {
        Ok(PlanDoc::of(self.planned()?, &self.store))
    }

    /// The public list (一公开) of one round, or of every round, as CSV bytes: no class,
    /// score or reason.
    pub fn plan_public_csv(&self, round: Option<u32>) -> Result<Vec<u8>, WorkspaceError> {
        let p = self.planned()?;
        let mut out = Vec::new();
        crate::plan::public::write_public_csv(&mut out, p, &self.store, round)
            .map_err(|e| WorkspaceError::State(io_message(e)))?;
        Ok(out)
    }

    /// The internal plan (every visit with its class, reason and team) as CSV bytes.
    pub fn plan_csv(&self) -> Result<Vec<u8>, WorkspaceError> {
        let p = self.planned()?;
        let mut out = Vec::new();
        crate::plan::public::write_internal_csv(&mut out, p, &self.store, self.policy.policy())
            .map_err(|e| WorkspaceError::State(io_message(e)))?;
        Ok(out)
    }

    /// Re-derives a published plan (its JSON document) from the records, policy, audit trail
    /// and roster loaded here, with its seed, cycle start and referrals, and compares. The
    /// workspace must be scored as of the plan's as-of date.
    pub fn verify_plan(&mut self, json: &str) -> Result<Verification, WorkspaceError> {
        let published: PlanDoc = serde_json::from_str(json).map_err(|e| {
            arg(
                "plan",
                format!("(line {}, column {})", e.line(), e.column()),
                e.to_string(),
            )
        })?;
        let start = crate::date::parse_date(&published.cycle_start)
            .ok_or_else(|| arg("plan", &published.cycle_start, "cycleStart is not a date"))?;
        let keep = self.plan.take();
        let made = self
            .plan(&published.seed, Some(start), &published.referrals)
            .map(|_| ());
        let derived = made.map(|()| PlanDoc::of(self.plan.as_ref().expect("made"), &self.store));
        self.plan = keep;
        Ok(crate::plan::verify(&published, &derived?))
    }

    /// The records corrected by an objection as of `as_of`: they never count as outcome events.
    fn corrected(&self, as_of: Date) -> crate::records::Exclusions {
        self.audit
            .record_states(&self.store, as_of)
            .into_iter()
            .filter(|(_, _, a)| *a == Action::Correct)
            .map(|(_, r, _)| r)
            .collect()
    }

    /// The outcome window after `at` over `horizon` months (default: the policy's
    /// `model.horizon_months`), which must end on or before the data's as-of date — the last
    /// scoring's.
    fn window(&self, at: Date, horizon: Option<u32>) -> Result<Window, WorkspaceError> {
        check_in_range("at", at)?;
        let data_as_of = self.scored()?.as_of;
        let h = horizon.unwrap_or(self.policy.policy().model.horizon_months);
        Ok(Window::new(at, h, data_as_of)?)
    }

    /// What a backtest and a scorecard's training data share: the outcome window after `at`,
    /// the audit overlay of `at`, and the records corrected by the window's end.
    fn outcome_inputs(
        &self,
        at: Date,
        horizon: Option<u32>,
    ) -> Result<(Window, Overlay, crate::records::Exclusions), WorkspaceError> {
        let window = self.window(at, horizon)?;
        let overlay = self.overlay(at);
        let excluded = self.corrected(window.data_as_of);
        Ok((window, overlay, excluded))
    }

    /// Backtests the classes as of `at` (scored under the audit overlay of `at`) against the
    /// outcomes over the `horizon` months after it (default: the policy's), on the records
    /// loaded, whose as-of date is the last scoring's (score first). Records corrected by an
    /// objection by then are no outcome events. Refused (`argument: "at"`) when the window runs
    /// past the data's as-of date.
    pub fn backtest(
        &mut self,
        at: Date,
        horizon: Option<u32>,
        progress: &mut dyn Progress,
    ) -> Result<Backtest, WorkspaceError> {
        let (window, overlay, excluded) = self.outcome_inputs(at, horizon)?;
        let policy = with_outcome(&self.policy, self.outcome)?;
        Ok(backtest(
            &mut self.store,
            &policy,
            window,
            &overlay,
            &excluded,
            progress,
        )?)
    }

    /// Sets the events that make an enterprise bad in this workspace's backtests, fits and
    /// challenges, in place of the policy's `model.bad` (`None`: the policy's again). The
    /// policy in force, its scoring, draw and plan are untouched; the results of those calls
    /// carry the digest of the policy they judged by (the policy with these events). Checked
    /// as the policy's (`model.bad`).
    pub fn set_outcome(
        &mut self,
        bad: Option<crate::policy::BadEvents>,
    ) -> Result<(), WorkspaceError> {
        with_outcome(&self.policy, bad)?;
        self.outcome = bad;
        Ok(())
    }

    /// The events a backtest judges by: [`Workspace::set_outcome`]'s, else the policy's.
    pub fn outcome(&self) -> crate::policy::BadEvents {
        self.outcome.unwrap_or(self.policy.policy().model.bad)
    }

    /// The policy in force with `challenger` as its `model.challenger` (checked, card
    /// included), as JSON text — to save and load later; the policy in force is unchanged.
    pub fn policy_with_challenger(
        &self,
        challenger: crate::policy::Challenger,
    ) -> Result<String, WorkspaceError> {
        crate::model::challenger::challenger_card(&challenger)?;
        let mut p = self.policy.policy().clone();
        p.model.challenger = Some(challenger);
        Ok(p.check()?.policy().to_json())
    }

    /// The expert classes (the champion) and a challenger card — `challenger`, or else the
    /// policy's `model.challenger` — backtested side by side over the same window as
    /// [`Workspace::backtest`] (docs/RULES.md §19.6). Refused (`state`) without either; a card
    /// that does not fit the features is a `policy` error under `model.challenger.card`.
    pub fn challenge(
        &mut self,
        at: Date,
        horizon: Option<u32>,
        challenger: Option<&crate::policy::Challenger>,
        progress: &mut dyn Progress,
    ) -> Result<crate::model::challenger::Challenge, WorkspaceError> {
        let (window, overlay, excluded) = self.outcome_inputs(at, horizon)?;
        let policy = with_outcome(&self.policy, self.outcome)?;
        Ok(crate::model::challenger::challenge(
            &mut self.store,
            &policy,
            challenger,
            window,
            &overlay,
            &excluded,
            progress,
        )?)
    }

    /// The features as of `at` and the outcome after it, row by row, with each row's
    /// enterprise: what a scorecard is fitted on (the same window, population and overlay as
    /// [`Workspace::backtest`]).
    pub fn training_data(
        &mut self,
        at: Date,
        horizon: Option<u32>,
        progress: &mut dyn Progress,
    ) -> Result<TrainingData, WorkspaceError> {
        let (window, overlay, excluded) = self.outcome_inputs(at, horizon)?;
        let policy = with_outcome(&self.policy, self.outcome)?;
        Ok(training_data(
            &mut self.store,
            &policy,
            window,
            &overlay,
            &excluded,
            progress,
        )?)
    }

    /// Fits a WoE scorecard on the records loaded (docs/RULES.md §19): the features of every
    /// enterprise classified as of `at` (`model::features`) against the outcome over the
    /// horizon after it; with `test_at` (a later date), tested out of time on the features as
    /// of `test_at` and the outcome after that, both windows within the data.
    pub fn scorecard_fit(
        &mut self,
        at: Date,
        horizon: Option<u32>,
        test_at: Option<Date>,
        settings: &crate::model::scorecard::ValidSettings,
        progress: &mut dyn Progress,
    ) -> Result<
        (
            crate::model::scorecard::Card,
            crate::model::scorecard::FitReport,
        ),
        WorkspaceError,
    > {
        use crate::model::scorecard::{fit, FitError, Sample};
        if let Some(t) = test_at {
            if t <= at {
                return Err(arg(
                    "test_at",
                    crate::date::format_date(t),
                    "must be after at",
                ));
            }
        }
        let train = self.training_data(at, horizon, progress)?;
        let test = match test_at {
            Some(t) => Some(self.training_data(t, horizon, progress)?),
            None => None,
        };
        fit(
            Sample {
                table: &train.table,
                target: &train.bad,
            },
            "bad",
            test.as_ref().map(|t| Sample {
                table: &t.table,
                target: &t.bad,
            }),
            settings,
            progress,
        )
        .map_err(|e| match e {
            FitError::Cancelled => WorkspaceError::Cancelled,
            e => WorkspaceError::Scorecard(e.to_string()),
        })
    }

    /// The two scorings of a migration, made (each under the audit overlay of its date) unless
    /// the last migration was between the same dates.
    fn migration_pair(
        &mut self,
        from: Date,
        to: Date,
        progress: &mut dyn Progress,
    ) -> Result<&(Scoring, Scoring), WorkspaceError> {
        check_in_range("from", from)?;
        check_in_range("to", to)?;
        if to <= from {
            return Err(ModelError::Order {
                earlier: from,
                later: to,
            }
            .into());
        }
        let cached = self
            .migration
            .as_ref()
            .is_some_and(|p| p.0.as_of == from && p.1.as_of == to);
        if !cached {
            self.migration = None;
            let (oa, ob) = (self.overlay(from), self.overlay(to));
            let mut first = Scaled {
                inner: &mut *progress,
                offset: 0.0,
                span: 0.5,
            };
            let a = crate::model::score_at(&mut self.store, &self.policy, from, &oa, &mut first)?;
            let mut second = Scaled {
                inner: &mut *progress,
                offset: 0.5,
                span: 0.5,
            };
            let b = crate::model::score_at(&mut self.store, &self.policy, to, &ob, &mut second)?;
            self.migration = Some(Box::new((a, b)));
        }
        Ok(self.migration.as_deref().expect("made above"))
    }

    /// The migration of the classes from `from` to `to` (a later date) over the records loaded:
    /// the 5 × 5 matrix, the moves up and down, the classes of each date counted. Its scorings
    /// are kept for [`Workspace::migration_movers`].
    pub fn migration(
        &mut self,
        from: Date,
        to: Date,
        progress: &mut dyn Progress,
    ) -> Result<Migration, WorkspaceError> {
        self.migration_pair(from, to, progress)?;
        let (a, b) = self.migration.as_deref().expect("made above");
        Ok(migration(&self.store, &self.policy, a, b))
    }

    /// One page of the enterprises whose class changed from `from` to `to`, by USCC, with why
    /// (the indicators whose hits changed): those of class `filter.from` on the first date and
    /// `filter.to` on the second (codes 0–4; `None` any), from `offset`, at most `limit`
    /// (≤ 10,000).
    pub fn migration_movers(
        &mut self,
        from: Date,
        to: Date,
        filter: MoverFilter,
        offset: usize,
        limit: usize,
    ) -> Result<MoversPage, WorkspaceError> {
        for (name, c) in [("fromClass", filter.from), ("toClass", filter.to)] {
            if let Some(c) = c.filter(|&c| c > 4) {
                return Err(arg(name, c, "must be 0 (none) or 1–4 (A–D)"));
            }
        }
        if limit > 10_000 {
            return Err(arg("limit", limit, "at most 10000 movers at a time"));
        }
        self.migration_pair(from, to, &mut crate::progress::NoProgress)?;
        let (a, b) = self.migration.as_deref().expect("made above");
        Ok(movers(
            &self.store,
            &self.policy,
            a,
            b,
            filter,
            offset,
            limit,
        ))
    }

    /// Every mover from `from` to `to` matching `filter` as CSV bytes (UTF-8 with BOM), by USCC,
    /// with why (see [`crate::results::write_movers_csv`]).
    pub fn migration_movers_csv(
        &mut self,
        from: Date,
        to: Date,
        filter: MoverFilter,
    ) -> Result<Vec<u8>, WorkspaceError> {
        let total = self.migration_movers(from, to, filter, 0, 0)?.total;
        let mut out = Vec::new();
        let (a, b) = self.migration.as_deref().expect("made above");
        let page = movers(&self.store, &self.policy, a, b, filter, 0, total);
        crate::results::write_movers_csv(&mut out, &page)
            .map_err(|e| WorkspaceError::State(io_message(e)))?;
        Ok(out)
    }

    /// The class of every enterprise at each of `dates` (1–[`MAX_CLASS_DATES`] dates, any
    /// order, at most [`MAX_CLASSES_AT`] classes in all), each under the audit overlay of its
    /// date, one byte per enterprise per date
    /// (see [`ClassesAt`]), with each date's counts. The records are not reloaded.
    pub fn classes_at(
        &mut self,
        dates: &[Date],
        progress: &mut dyn Progress,
    ) -> Result<ClassesAt, WorkspaceError> {
        if dates.is_empty() || dates.len() > MAX_CLASS_DATES {
            return Err(arg(
                "dates",
                dates.len(),
                format!("give 1–{MAX_CLASS_DATES} dates"),
            ));
        }
        for &d in dates {
            check_in_range("dates", d)?;
        }
        let classes = dates.len().saturating_mul(self.store.len());
        if classes > MAX_CLASSES_AT {
            return Err(arg(
                "dates",
                dates.len(),
                format!(
                    "{} dates × {} enterprises = {classes} classes, more than {MAX_CLASSES_AT} at once: ask for fewer dates",
                    dates.len(),
                    self.store.len()
                ),
            ));
        }
        let overlays: Vec<Overlay> = dates.iter().map(|&d| self.overlay(d)).collect();
        Ok(classes_at(
            &mut self.store,
            &self.policy,
            dates,
            &overlays,
            progress,
        )?)
    }

    /// Every result as CSV bytes (UTF-8 with BOM).
    pub fn results_csv(&self) -> Result<Vec<u8>, WorkspaceError> {
        let s = self.scored()?;
        let mut out = Vec::new();
        crate::results::write_results_csv(&mut out, &self.store, s, &self.policy)
            .map_err(|e| WorkspaceError::State(io_message(e)))?;
        Ok(out)
    }

    /// Every result of the last scoring as one Arrow record batch ([`crate::columnar`];
    /// native only).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn results_batch(&mut self) -> Result<arrow_array::RecordBatch, WorkspaceError> {
        self.scored()?;
        let digests = self.store.enterprise_digests();
        let s = self.scored()?;
        crate::columnar::results_batch(&self.store, s, &self.policy, &digests)
            .map_err(|e| WorkspaceError::Export(e.to_string()))
    }

    /// Every result of the last scoring as a Parquet file ([`crate::columnar`]; native only).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn results_parquet(&mut self) -> Result<Vec<u8>, WorkspaceError> {
        let batch = self.results_batch()?;
        let mut out = Vec::new();
        crate::columnar::write_parquet(&mut out, &[batch])
            .map_err(|e| WorkspaceError::Export(e.to_string()))?;
        Ok(out)
    }

    /// The last draw as CSV bytes (UTF-8 with BOM).
    pub fn draw_csv(&self) -> Result<Vec<u8>, WorkspaceError> {
        let s = self.scored()?;
        let d = self
            .draw
            .as_ref()
            .ok_or(WorkspaceError::State("make a draw first"))?;
        let mut out = Vec::new();
        crate::results::write_draw_csv(&mut out, &self.store, s, d)
            .map_err(|e| WorkspaceError::State(io_message(e)))?;
        Ok(out)
    }

    /// Every result as an XLSX workbook (headers in `lang`), created on the as-of date; an
    /// `export` error when there are more enterprises than a worksheet has rows (1,048,575).
    pub fn results_xlsx(&self, lang: Lang) -> Result<Vec<u8>, WorkspaceError> {
        let s = self.scored()?;
        crate::results::results_xlsx(&self.store, s, &self.policy, lang).map_err(sheet_error)
    }

    /// The last draw as an XLSX workbook (headers in `lang`): the drawn enterprises and what
    /// the draw binds, created on its as-of date.
    pub fn draw_xlsx(&self, lang: Lang) -> Result<Vec<u8>, WorkspaceError> {
        let s = self.scored()?;
        let d = self
            .draw
            .as_ref()
            .ok_or(WorkspaceError::State("make a draw first"))?;
        crate::results::draw_xlsx(&self.store, s, d, lang).map_err(sheet_error)
    }

    /// The work lists of the last scoring (made once per scoring, in one pass).
    pub fn work_lists(
        &mut self,
        progress: &mut dyn Progress,
    ) -> Result<&WorkLists, WorkspaceError> {
        if self.worklists.is_none() {
            let s = self.scored()?;
            let wl = worklist::work_lists(&self.store, &self.policy, s, progress)?;
            self.worklists = Some(Box::new(wl));
        }
        Ok(self.worklists.as_deref().expect("made above"))
    }

    /// The counts of every work list.
    pub fn work_counts(
        &mut self,
        progress: &mut dyn Progress,
    ) -> Result<Vec<WorkCounts>, WorkspaceError> {
        let wl = self.work_lists(progress)?;
        Ok(WorkListKind::ALL
            .iter()
            .map(|k| worklist::rows::counts(wl, *k))
            .collect())
    }

    /// One page of a work list: `limit` rows from `offset` among those of `item` (all when
    /// `None`; an item code or, in the rosters, a measure id).
    pub fn work_page(
        &mut self,
        kind: WorkListKind,
        item: Option<&str>,
        offset: usize,
        limit: usize,
        progress: &mut dyn Progress,
    ) -> Result<WorkPage, WorkspaceError> {
        self.work_lists(progress)?;
        let (wl, s) = self.lists_and_scoring()?;
        Ok(worklist::rows::page(
            wl,
            &self.store,
            &self.policy,
            s,
            kind,
            item,
            offset,
            limit,
        ))
    }

    fn lists_and_scoring(&self) -> Result<(&WorkLists, &Scoring), WorkspaceError> {
        let s = self.scored()?;
        let wl = self
            .worklists
            .as_deref()
            .ok_or(WorkspaceError::State("score first"))?;
        Ok((wl, s))
    }

    /// A whole work list as CSV (UTF-8 with BOM) or XLSX bytes, with headers in `lang`.
    pub fn work_list_file(
        &mut self,
        kind: WorkListKind,
        xlsx: bool,
        lang: Lang,
        progress: &mut dyn Progress,
    ) -> Result<Vec<u8>, WorkspaceError> {
        self.work_lists(progress)?;
        let (wl, s) = self.lists_and_scoring()?;
        let f = if xlsx {
            worklist::export::list_xlsx
        } else {
            worklist::export::list_csv
        };
        f(wl, &self.store, &self.policy, s, kind, lang).map_err(sheet_error)
    }

    /// Class counts and shares by region and industry section.
    pub fn class_shares(
        &mut self,
        progress: &mut dyn Progress,
    ) -> Result<ClassShares, WorkspaceError> {
        Ok(self.work_lists(progress)?.shares.clone())
    }

    /// The class shares as CSV or XLSX bytes.
    pub fn class_shares_file(
        &mut self,
        xlsx: bool,
        lang: Lang,
        progress: &mut dyn Progress,
    ) -> Result<Vec<u8>, WorkspaceError> {
        let wl = self.work_lists(progress)?;
        if xlsx {
            worklist::export::shares_xlsx(&wl.shares, wl.as_of, lang)
        } else {
            worklist::export::shares_csv(&wl.shares, lang)
        }
        .map_err(sheet_error)
    }
}

/// Writing to memory fails only if the CSV writer does.
fn io_message(_: std::io::Error) -> &'static str {
    "the CSV could not be written"
}

/// Writing a table to memory fails only on Excel's limits (too many rows, a text too long).
fn sheet_error(e: crate::sheet::SheetError) -> WorkspaceError {
    WorkspaceError::Export(e.to_string())
}
