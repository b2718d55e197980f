//! A workspace: one store, one policy, the last scoring and draw — the state the page, the
//! npm package and the CLI work on, so the binding layers stay thin.

use crate::date::Date;
use crate::draw::{draw, Draw, DrawError};
use crate::ingest::{load_csv, FileError, FileReport};
use crate::policy::{Policy, PolicyError, ValidPolicy};
use crate::progress::{Cancelled, Progress};
use crate::records::{EntId, RecordKind};
use crate::report::{result_row, ResultRow};
use crate::score::{explain, score_all, Explanation, ScoreSummary, Scoring};
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
#[derive(Debug, Clone)]
pub struct Workspace {
    store: Store,
    policy: ValidPolicy,
    scoring: Option<Scoring>,
    draw: Option<Draw>,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            store: Store::new(),
            policy: ValidPolicy::default_checked(),
            scoring: None,
            draw: None,
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

    /// Drops every record and result.
    pub fn clear(&mut self) {
        self.store = Store::new();
        self.scoring = None;
        self.draw = None;
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
        Ok(load_csv(&mut self.store, file, bytes, kind, progress)?)
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
        let scoring = score_all(&mut self.store, &self.policy, as_of, progress)?;
        let summary = scoring.summary(&self.store);
        self.scoring = Some(scoring);
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
        ids.sort_by(|&a, &b| {
            let primary = match key {
                SortKey::Score => s.scores[a as usize].total_cmp(&s.scores[b as usize]),
                SortKey::Class => class_key(a).cmp(&class_key(b)),
                SortKey::Uscc => std::cmp::Ordering::Equal,
                SortKey::Name => st.name(a).cmp(st.name(b)),
                SortKey::Region => {
                    let r = |e| st.registration(e).map_or("", |r| st.text(r.region));
                    r(a).cmp(r(b))
                }
            };
            let primary = if descending {
                primary.reverse()
            } else {
                primary
            };
            let tie = st.uscc(a).cmp(&st.uscc(b));
            primary.then(if descending && key == SortKey::Uscc {
                tie.reverse()
            } else {
                tie
            })
        });
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
        let code =
            Uscc::parse(uscc).map_err(|e| WorkspaceError::Argument(format!("{uscc:?}: {e}")))?;
        let ent = self.store.find(&code).ok_or_else(|| {
            WorkspaceError::Argument(format!("no enterprise {code} in the loaded records"))
        })?;
        Ok(explain(&self.store, &self.policy, &s.context, ent, s.as_of))
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
