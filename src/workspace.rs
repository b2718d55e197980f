//! A workspace: one store, one policy, the last scoring and draw — the state the page, the
//! npm package and the CLI work on, so the binding layers stay thin.

use crate::audit::{
    parse_trail, Action, AuditEntry, AuditError, AuditTrail, ImportError, ImportSummary, Request,
};
use crate::date::Date;
use crate::draw::{draw, Draw, DrawError};
use crate::ingest::{load_csv, FileError, FileReport};
use crate::policy::Class;
use crate::policy::{Policy, PolicyError, ValidPolicy};
use crate::progress::{Cancelled, Progress};
use crate::records::{EntId, RecordKind};
use crate::report::{result_row, ResultRow};
use crate::rules::{
    enterprise_rules, months_after, DayInfo, EnterpriseRules, MeasureAnswer, MonthDeadline,
    RepairReport, WorkingDeadline,
};
use crate::score::{
    explain_excluding, score_all_excluding, score_one_excluding, Context, Exclusions, Explanation,
    Override, OverrideView, RecordRef, ScoreSummary, Scoring,
};
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
    /// The call was cancelled.
    #[error("cancelled")]
    Cancelled,
    /// A call came in the wrong order (e.g. a draw before scoring).
    #[error("{0}")]
    State(&'static str),
    /// An argument is not valid.
    #[error("{0}")]
    Argument(String),
    /// An audit entry was refused (e.g. no reason given).
    #[error(transparent)]
    Audit(#[from] AuditError),
    /// An imported audit trail was refused (which entry, which field, why).
    #[error(transparent)]
    AuditImport(#[from] ImportError),
}

impl From<Cancelled> for WorkspaceError {
    fn from(_: Cancelled) -> Self {
        WorkspaceError::Cancelled
    }
}

impl WorkspaceError {
    /// A stable code for the kind of error.
    pub fn code(&self) -> &'static str {
        match self {
            WorkspaceError::File(FileError::Cancelled { .. }) | WorkspaceError::Cancelled => {
                "cancelled"
            }
            WorkspaceError::File(_) => "csv",
            WorkspaceError::Policy(_) => "policy",
            WorkspaceError::Draw(_) => "argument",
            WorkspaceError::State(_) => "state",
            WorkspaceError::Argument(_) => "argument",
            WorkspaceError::Audit(_) | WorkspaceError::AuditImport(_) => "audit",
        }
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
}

/// Sort keys of [`Workspace::order`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// By score.
    Score,
    /// By class (unclassified last).
    Class,
    /// By USCC.
    Uscc,
    /// By name (code point order).
    Name,
    /// By region, then USCC.
    Region,
}

impl SortKey {
    /// Parses `score`, `class`, `uscc`, `name`, `region`.
    pub fn parse(s: &str) -> Option<SortKey> {
        Some(match s {
            "score" => SortKey::Score,
            "class" => SortKey::Class,
            "uscc" => SortKey::Uscc,
            "name" => SortKey::Name,
            "region" => SortKey::Region,
            _ => return None,
        })
    }
}

/// The state of one session of work.
#[derive(Debug)]
pub struct Workspace {
    store: Store,
    policy: ValidPolicy,
    scoring: Option<Scoring>,
    draw: Option<Draw>,
    audit: AuditTrail,
    streaming: Option<crate::ingest::CsvLoader>,
    reports: Vec<FileReport>,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            store: Store::new(),
            policy: ValidPolicy::default_checked(),
            scoring: None,
            draw: None,
            audit: AuditTrail::default(),
            streaming: None,
            reports: Vec::new(),
        }
    }
}

impl Workspace {
    /// An empty workspace with the default policy.
    pub fn new() -> Self {
        Self::default()
    }

    /// Checks and sets the policy from JSON; the last scoring is dropped.
    pub fn set_policy_json(&mut self, json: &str) -> Result<(), WorkspaceError> {
        self.policy = Policy::from_json(json)?.check()?;
        self.scoring = None;
        self.draw = None;
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
        self.store = Store::new();
        self.scoring = None;
        self.draw = None;
        self.streaming = None;
        self.reports.clear();
    }

    /// Counts of the store.
    pub fn counts(&self) -> StoreCounts {
        self.store.counts()
    }

    /// Loads one UTF-8 CSV file.
    pub fn load_csv(
        &mut self,
        file: &str,
        bytes: &[u8],
        kind: Option<RecordKind>,
        progress: &mut dyn Progress,
    ) -> Result<FileReport, WorkspaceError> {
        self.scoring = None;
        self.draw = None;
        let report = load_csv(&mut self.store, file, bytes, kind, progress)?;
        self.reports.push(report.clone());
        Ok(report)
    }

    /// Loads one file of any supported format (CSV/TSV in any supported encoding, XLSX,
    /// JSON); a workbook gives one report per sheet.
    pub fn load_file(
        &mut self,
        file: &str,
        bytes: &[u8],
        options: &crate::ingest::LoadOptions,
        progress: &mut dyn Progress,
    ) -> Result<Vec<FileReport>, WorkspaceError> {
        self.scoring = None;
        self.draw = None;
        let reports = crate::ingest::load_file(&mut self.store, file, bytes, options, progress)?;
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
        self.scoring = None;
        self.draw = None;
        let reports = crate::ingest::load_path(&mut self.store, file, path, options, progress)?;
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
            .ok_or_else(|| WorkspaceError::Argument(format!("no file report {index}")))
    }

    /// Starts loading a delimited-text file chunk by chunk (see [`Workspace::push_chunk`]).
    pub fn begin_file(&mut self, file: &str, options: crate::ingest::LoadOptions) {
        self.scoring = None;
        self.draw = None;
        self.streaming = Some(crate::ingest::CsvLoader::new(file, options));
    }

    /// Feeds the next chunk of the file begun with [`Workspace::begin_file`]; returns
    /// (bytes, rows) read so far.
    pub fn push_chunk(&mut self, chunk: &[u8]) -> Result<(u64, u64), WorkspaceError> {
        let loader = self
            .streaming
            .as_mut()
            .ok_or(WorkspaceError::State("begin a file first"))?;
        if let Err(e) = loader.push(&mut self.store, chunk) {
            self.streaming = None;
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
        let report = loader.finish(&mut self.store)?;
        self.reports.push(report.clone());
        Ok(report)
    }

    /// Generates the synthetic district and loads it file by file through the CSV path.
    pub fn generate_demo(
        &mut self,
        enterprises: usize,
        seed: &str,
        as_of: Date,
        progress: &mut dyn Progress,
    ) -> Result<LoadReport, WorkspaceError> {
        if enterprises == 0 || enterprises > 5_000_000 {
            return Err(WorkspaceError::Argument(format!(
                "enterprises must be 1–5,000,000, not {enterprises}"
            )));
        }
        self.clear();
        let params = SynthParams {
            enterprises,
            seed: seed.to_string(),
            as_of,
        };
        let mut files = Vec::new();
        let n = RecordKind::ALL.len() as f64;
        for (i, kind) in RecordKind::ALL.into_iter().enumerate() {
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
        }
    }

    /// Scores every enterprise as of `as_of`.
    pub fn score(
        &mut self,
        as_of: Date,
        progress: &mut dyn Progress,
    ) -> Result<ScoreSummary, WorkspaceError> {
        self.draw = None;
        self.store.index();
        let excluded = self.exclusions(as_of);
        let mut scoring =
            score_all_excluding(&mut self.store, &self.policy, as_of, progress, &excluded)?;
        for (uscc, class, _) in self.audit.adjustments(as_of) {
            if let Some(ent) = Uscc::parse(uscc).ok().and_then(|u| self.store.find(&u)) {
                scoring.classes[ent as usize] = class as u8;
                scoring.overrides[ent as usize] = Override::Manual as u8;
            }
        }
        let summary = scoring.summary(&self.store);
        self.scoring = Some(scoring);
        Ok(summary)
    }

    /// The records left out of scoring on `as_of` by the audit trail.
    fn exclusions(&self, as_of: Date) -> Exclusions {
        let counts = self.policy.policy().rules.audit.disputed_record_counts;
        self.audit.exclusions(&self.store, as_of, counts)
    }

    fn ent(&self, uscc: &str) -> Result<EntId, WorkspaceError> {
        let code =
            Uscc::parse(uscc).map_err(|e| WorkspaceError::Argument(format!("{uscc:?}: {e}")))?;
        self.store.find(&code).ok_or_else(|| {
            WorkspaceError::Argument(format!("no enterprise {code} in the loaded records"))
        })
    }

    /// Everything the rules say about one enterprise: records with their windows, repair
    /// options with what-if scores, measures. `as_of` defaults to the last scoring's date.
    pub fn rules_for(
        &self,
        uscc: &str,
        as_of: Option<Date>,
    ) -> Result<EnterpriseRules, WorkspaceError> {
        let s = self.scored()?;
        let ent = self.ent(uscc)?;
        let as_of = as_of.unwrap_or(s.as_of);
        let ctx;
        let ctx_ref = if as_of == s.as_of {
            &s.context
        } else {
            ctx = Context::new(&self.store, as_of);
            &ctx
        };
        let excluded = self.exclusions(as_of);
        let class = if as_of == s.as_of { s.class(ent) } else { None };
        let mut r = enterprise_rules(
            &self.store,
            &self.policy,
            ctx_ref,
            ent,
            class,
            as_of,
            &excluded,
        );
        if let Some((_, c, _)) = self
            .audit
            .adjustments(as_of)
            .into_iter()
            .find(|(u, _, _)| *u == r.uscc)
        {
            for o in &mut r.repair.options {
                if let Some(w) = &mut o.what_if {
                    w.class_now = c.letter();
                    w.class = c.letter();
                }
            }
        }
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

    /// One day of the working-day calendar.
    pub fn working_day(&self, date: Date) -> DayInfo {
        self.policy.calendar().day(date)
    }

    /// The `n`-th working day after `from`.
    pub fn add_working_days(&self, from: Date, n: u32) -> WorkingDeadline {
        self.policy.calendar().add_working_days(from, n)
    }

    /// `from` + `months` months (end-of-month rule).
    pub fn months_after(&self, from: Date, months: i32) -> MonthDeadline {
        months_after(from, months)
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
            return Err(WorkspaceError::Argument(
                "use adjustClass for class adjustments".into(),
            ));
        }
        self.store.index();
        let ent = self.ent(uscc)?;
        let r = RecordRef {
            kind: record_kind,
            index: record_index,
        };
        if !self.belongs(ent, r) {
            return Err(WorkspaceError::Argument(format!(
                "{} record {record_index} is not a record of {uscc}",
                record_kind.code()
            )));
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
        let ent = self.ent(uscc)?;
        let computed = self.scoring.as_ref().and_then(|s| {
            let excl = self.exclusions(s.as_of);
            score_one_excluding(&self.store, &self.policy, &s.context, ent, s.as_of, &excl).class
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

    fn belongs(&self, ent: EntId, r: RecordRef) -> bool {
        let st = &self.store;
        let (first, len) = match r.kind {
            RecordKind::Penalty => (st.penalties.of(ent).0, st.penalties.of(ent).1.len()),
            RecordKind::Inspection => (st.inspections.of(ent).0, st.inspections.of(ent).1.len()),
            RecordKind::ListEntry => (st.list_entries.of(ent).0, st.list_entries.of(ent).1.len()),
            RecordKind::Commitment => (st.commitments.of(ent).0, st.commitments.of(ent).1.len()),
            RecordKind::Complaint => (st.complaints.of(ent).0, st.complaints.of(ent).1.len()),
            RecordKind::Licence => (st.licences.of(ent).0, st.licences.of(ent).1.len()),
            RecordKind::AnnualReport => (
                st.annual_reports.of(ent).0,
                st.annual_reports.of(ent).1.len(),
            ),
            RecordKind::Registration => return r.index == ent,
        };
        (first..first + len).contains(&(r.index as usize))
    }

    /// Recomputes one enterprise of the last scoring after an audit entry.
    fn rescore(&mut self, ent: EntId) {
        let Some(s) = self.scoring.as_ref() else {
            return;
        };
        let as_of = s.as_of;
        let excl = self.exclusions(as_of);
        let one = score_one_excluding(&self.store, &self.policy, &s.context, ent, as_of, &excl);
        let uscc = self.store.uscc(ent).to_string();
        let manual = self
            .audit
            .adjustments(as_of)
            .into_iter()
            .find(|(u, _, _)| *u == uscc)
            .map(|(_, c, _)| c);
        let s = self.scoring.as_mut().expect("checked above");
        let i = ent as usize;
        s.scores[i] = one.score;
        s.raw_classes[i] = crate::policy::class_code(one.class_before_override);
        s.classes[i] = crate::policy::class_code(manual.or(one.class));
        s.overrides[i] = if manual.is_some() {
            Override::Manual as u8
        } else {
            one.override_rule as u8
        };
        self.draw = None;
    }

    /// The audit trail, oldest first.
    pub fn audit_entries(&self) -> &[AuditEntry] {
        self.audit.entries()
    }

    /// The audit trail as CSV bytes (UTF-8 with BOM).
    pub fn audit_csv(&self) -> Vec<u8> {
        crate::audit::to_csv(self.audit.entries())
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

    /// Enterprise ids sorted by `key` (ties by USCC), optionally one class only (0–4).
    pub fn order(
        &self,
        key: SortKey,
        descending: bool,
        class_filter: Option<u8>,
    ) -> Result<Vec<EntId>, WorkspaceError> {
        let s = self.scored()?;
        let st = &self.store;
        let mut ids: Vec<EntId> = (0..st.len() as EntId)
            .filter(|&e| class_filter.is_none_or(|c| s.classes[e as usize] == c))
            .collect();
        let class_key = |e: EntId| match s.classes[e as usize] {
            0 => 5,
            c => c,
        };
        // USCC symbols are in ASCII order, so the packed codes sort as the texts do.
        let tie = |e: EntId| st.uscc(e).packed();
        match key {
            SortKey::Score | SortKey::Class | SortKey::Uscc => {
                // Numeric keys: sort (key, code, id) triples, with no lookups while sorting.
                let primary = |e: EntId| -> u64 {
                    match key {
                        SortKey::Score => sortable(s.scores[e as usize]),
                        SortKey::Class => u64::from(class_key(e)),
                        _ => 0,
                    }
                };
                let mut keyed: Vec<(u64, u128, EntId)> =
                    ids.iter().map(|&e| (primary(e), tie(e), e)).collect();
                if descending {
                    keyed.sort_unstable_by(|a, b| {
                        let t = if key == SortKey::Uscc {
                            b.1.cmp(&a.1)
                        } else {
                            a.1.cmp(&b.1)
                        };
                        b.0.cmp(&a.0).then(t)
                    });
                } else {
                    keyed.sort_unstable();
                }
                ids = keyed.into_iter().map(|k| k.2).collect();
            }
            SortKey::Name | SortKey::Region => {
                let text = |e: EntId| match key {
                    SortKey::Name => st.name(e),
                    _ => st.registration(e).map_or("", |r| st.text(r.region)),
                };
                ids.sort_unstable_by(|&a, &b| {
                    let primary = text(a).cmp(text(b));
                    let primary = if descending {
                        primary.reverse()
                    } else {
                        primary
                    };
                    primary.then(tie(a).cmp(&tie(b)))
                });
            }
        }
        Ok(ids)
    }

    /// Result rows of the given enterprise ids (ids out of range are an error).
    pub fn rows(&self, ids: &[EntId]) -> Result<Vec<ResultRow>, WorkspaceError> {
        let s = self.scored()?;
        ids.iter()
            .map(|&e| {
                if (e as usize) < self.store.len() {
                    Ok(result_row(&self.store, s, &self.policy, e))
                } else {
                    Err(WorkspaceError::Argument(format!(
                        "no enterprise with id {e}"
                    )))
                }
            })
            .collect()
    }

    /// Explains one enterprise's score.
    pub fn explain(&self, uscc: &str) -> Result<Explanation, WorkspaceError> {
        let s = self.scored()?;
        let ent = self.ent(uscc)?;
        let excl = self.exclusions(s.as_of);
        let mut x = explain_excluding(&self.store, &self.policy, &s.context, ent, s.as_of, &excl);
        if s.overrides[ent as usize] == Override::Manual as u8 {
            x.class = crate::policy::class_letter(s.class(ent));
            x.override_rule = Some(OverrideView {
                rule: Override::Manual,
                zh: Override::Manual.zh(),
                en: Override::Manual.en(),
            });
        }
        Ok(x)
    }

    /// Draws enterprises for inspection from the last scoring.
    pub fn draw(
        &mut self,
        seed: &str,
        overall_ratio: Option<f64>,
    ) -> Result<&Draw, WorkspaceError> {
        let s = self.scored()?;
        let d = draw(&self.store, s, &self.policy, seed, overall_ratio)?;
        Ok(self.draw.insert(d))
    }

    /// Every result as CSV bytes (UTF-8 with BOM).
    pub fn results_csv(&self) -> Result<Vec<u8>, WorkspaceError> {
        let s = self.scored()?;
        let mut out = Vec::new();
        crate::report::write_results_csv(&mut out, &self.store, s, &self.policy)
            .map_err(|e| WorkspaceError::Argument(e.to_string()))?;
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
        crate::report::write_draw_csv(&mut out, &self.store, s, d)
            .map_err(|e| WorkspaceError::Argument(e.to_string()))?;
        Ok(out)
    }
}

/// Maps a sub-task's 0–1 progress into a slice of the whole.
struct Scaled<'a> {
    inner: &'a mut dyn Progress,
    offset: f64,
    span: f64,
}

impl Progress for Scaled<'_> {
    fn report(&mut self, stage: &str, fraction: f64) -> Result<(), Cancelled> {
        self.inner.report(stage, self.offset + self.span * fraction)
    }
}

/// `x`'s bits made to sort as the number does (`f64::total_cmp` order).
fn sortable(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 1 {
        !b
    } else {
        b | (1 << 63)
    }
}
