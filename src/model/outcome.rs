//! The outcome after a date T: for every enterprise classified on T, whether it was **bad** in
//! (T, T + horizon] — one of the events the policy's `model.bad` switches on happened to it —
//! with the first such event kept to say why (docs/RULES.md §18).
//!
//! The window must be complete: T + horizon on or before the data's as-of date, else
//! [`Window::new`] refuses it ([`ModelError::WindowIncomplete`]); an outcome is never judged on
//! a window the records do not cover yet.

use super::{by_uscc, existed, ModelError};
use crate::date::{add_months, format_date, Date};
use crate::policy::{BadEvents, ValidPolicy};
use crate::records::{EntId, Exclusions, ListKind, Penalty, Procedure, RecordKind, RecordRef};
use crate::score::Scoring;
use crate::store::Store;
use serde::Serialize;

/// A kind of event that makes an enterprise bad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// An inspection that found a problem of the enterprise's own making.
    InspectionProblem,
    /// A penalty decision (as `model.bad` narrows it).
    Penalty,
    /// A listing on 经营异常名录 (or marking as abnormal).
    AbnormalList,
    /// A listing on 严重违法失信名单.
    SeriousList,
}

impl OutcomeKind {
    /// Every kind, in the order ties on one day are broken.
    pub const ALL: [OutcomeKind; 4] = [
        OutcomeKind::SeriousList,
        OutcomeKind::Penalty,
        OutcomeKind::AbnormalList,
        OutcomeKind::InspectionProblem,
    ];

    /// The code (its serde name).
    pub fn code(self) -> &'static str {
        match self {
            OutcomeKind::InspectionProblem => "inspection_problem",
            OutcomeKind::Penalty => "penalty",
            OutcomeKind::AbnormalList => "abnormal_list",
            OutcomeKind::SeriousList => "serious_list",
        }
    }

    /// In Chinese.
    pub fn zh(self) -> &'static str {
        match self {
            OutcomeKind::InspectionProblem => "检查发现问题",
            OutcomeKind::Penalty => "受到行政处罚",
            OutcomeKind::AbnormalList => "列入经营异常名录",
            OutcomeKind::SeriousList => "列入严重违法失信名单",
        }
    }

    /// In English.
    pub fn en(self) -> &'static str {
        match self {
            OutcomeKind::InspectionProblem => "inspection found a problem",
            OutcomeKind::Penalty => "administrative penalty",
            OutcomeKind::AbnormalList => "listed as abnormal",
            OutcomeKind::SeriousList => "put on the serious-violation list",
        }
    }

    fn rank(self) -> usize {
        Self::ALL.iter().position(|&k| k == self).unwrap_or(0)
    }
}

/// One bad event: its kind, the record and its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    /// The kind.
    pub kind: OutcomeKind,
    /// The record.
    pub record: RecordRef,
    /// The day it happened (decision, inspection or listing date).
    pub date: Date,
}

impl Event {
    /// The order "first" follows: earliest date, then [`OutcomeKind::ALL`] order, then record.
    fn key(&self) -> (Date, usize, u32) {
        (self.date, self.kind.rank(), self.record.index)
    }
}

/// The outcome window (T, T + horizon].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// T: the date the classes are taken on.
    pub at: Date,
    /// The horizon in months.
    pub horizon_months: u32,
    /// T + horizon: the last day of the window.
    pub end: Date,
    /// The data's as-of date, on or after `end`.
    pub data_as_of: Date,
}

impl Window {
    /// The window after `at`, refused when it ends after `data_as_of` (the outcome is not known
    /// yet) or the horizon is outside 1–120 months.
    pub fn new(at: Date, horizon_months: u32, data_as_of: Date) -> Result<Window, ModelError> {
        if !(1..=crate::policy::model::MAX_HORIZON_MONTHS).contains(&horizon_months) {
            return Err(ModelError::Horizon(horizon_months));
        }
        let end = add_months(at, horizon_months as i32);
        if end > data_as_of {
            return Err(ModelError::WindowIncomplete {
                at,
                horizon_months,
                end,
                data_as_of,
            });
        }
        Ok(Window {
            at,
            horizon_months,
            end,
            data_as_of,
        })
    }

    /// Whether `d` falls in (T, T + horizon].
    pub fn contains(&self, d: Date) -> bool {
        d > self.at && d <= self.end
    }
}

/// Whether a penalty decision counts as a bad event under `bad` (its date aside): not revoked;
/// by the general procedure and more than a warning when `penalty_general_only`; fining at
/// least `penalty_min_amount` when set, unless heavy (a 较重 kind, or 从重).
pub fn penalty_counts(p: &Penalty, bad: &BadEvents) -> bool {
    if p.revoked.is_some() {
        return false;
    }
    if bad.penalty_general_only && (p.procedure == Procedure::Simple || p.kinds.warning_only()) {
        return false;
    }
    if let Some(min) = bad.penalty_min_amount {
        let heavy = p.aggravated || p.kinds.any_heavy();
        if !heavy && !p.fine.is_some_and(|f| f >= min) {
            return false;
        }
    }
    true
}

/// Calls `f` with every bad event of `ent` in the window, kind by kind (records in `excluded`
/// — corrected by an objection — left out).
pub fn events(
    store: &Store,
    bad: &BadEvents,
    window: &Window,
    excluded: &Exclusions,
    ent: EntId,
    mut f: impl FnMut(Event),
) {
    let mut emit = |kind, rkind, first: usize, i: usize, date| {
        let record = RecordRef {
            kind: rkind,
            index: (first + i) as u32,
        };
        if window.contains(date) && (excluded.is_empty() || !excluded.contains(&record)) {
            f(Event { kind, record, date });
        }
    };
    if bad.penalty {
        let (first, rows) = store.penalties.of(ent);
        for (i, p) in rows.iter().enumerate() {
            if penalty_counts(p, bad) {
                emit(OutcomeKind::Penalty, RecordKind::Penalty, first, i, p.date);
            }
        }
    }
    if bad.inspection_problem {
        let (first, rows) = store.inspections.of(ent);
        for (i, x) in rows.iter().enumerate() {
            if x.result.found_problem() {
                let k = OutcomeKind::InspectionProblem;
                emit(k, RecordKind::Inspection, first, i, x.date);
            }
        }
    }
    if bad.abnormal_list || bad.serious_list {
        let (first, rows) = store.list_entries.of(ent);
        for (i, l) in rows.iter().enumerate() {
            let kind = match l.list {
                ListKind::Abnormal if bad.abnormal_list => OutcomeKind::AbnormalList,
                ListKind::Serious if bad.serious_list => OutcomeKind::SeriousList,
                _ => continue,
            };
            emit(kind, RecordKind::ListEntry, first, i, l.listed);
        }
    }
}

/// The first bad event of `ent` in the window (see [`events`]), if any.
pub fn first_event(
    store: &Store,
    bad: &BadEvents,
    window: &Window,
    excluded: &Exclusions,
    ent: EntId,
) -> Option<Event> {
    let mut first: Option<Event> = None;
    events(store, bad, window, excluded, ent, |e| {
        if first.is_none_or(|f| e.key() < f.key()) {
            first = Some(e);
        }
    });
    first
}

/// How many enterprises of the population had events of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KindCount {
    /// The kind.
    pub kind: OutcomeKind,
    /// In Chinese.
    pub zh: &'static str,
    /// Enterprises with at least one event of this kind in the window.
    pub enterprises: usize,
    /// Enterprises whose first event is of this kind (these add up to the bads).
    pub first: usize,
    /// Events of this kind in the window, over the population.
    pub events: usize,
}

/// Enterprises left out of the population on T, by why.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Excluded {
    /// Not classified on T: inactive (deregistered, revoked, moved out — by the registration's
    /// status as loaded, which carries no date).
    pub unclassified: usize,
    /// Established after T: they did not exist yet.
    pub not_established: usize,
}

/// The outcome of every enterprise classified on T.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcomes {
    /// The window.
    pub window: Window,
    /// The rows: the enterprises classified on T, in USCC order.
    pub ents: Vec<EntId>,
    /// The class code on T (1–4) per row.
    pub classes: Vec<u8>,
    /// The score on T per row.
    pub scores: Vec<f64>,
    /// The first bad event per row (`None`: good).
    pub first: Vec<Option<Event>>,
    /// Per kind, in [`OutcomeKind::ALL`] order.
    pub kinds: Vec<KindCount>,
    /// Who was left out.
    pub excluded: Excluded,
}

impl Outcomes {
    /// Whether each row was bad.
    pub fn bad(&self) -> Vec<bool> {
        self.first.iter().map(Option::is_some).collect()
    }
}

/// The outcome of every enterprise classified on the window's T in `at_t` (a scoring of the
/// same store as of T by [`super::score_at`]): established on or before T, active then, with a
/// class. `excluded` are the records that never count as events (corrected by an objection).
pub fn outcomes(
    store: &Store,
    policy: &ValidPolicy,
    at_t: &Scoring,
    window: Window,
    excluded: &Exclusions,
) -> Outcomes {
    debug_assert_eq!(at_t.as_of, window.at, "the scoring is as of T");
    let bad = &policy.policy().model.bad;
    let mut out = Outcomes {
        window,
        ents: Vec::new(),
        classes: Vec::new(),
        scores: Vec::new(),
        first: Vec::new(),
        kinds: OutcomeKind::ALL
            .iter()
            .map(|&kind| KindCount {
                kind,
                zh: kind.zh(),
                enterprises: 0,
                first: 0,
                events: 0,
            })
            .collect(),
        excluded: Excluded::default(),
    };
    for ent in by_uscc(store) {
        if !existed(store, ent, window.at) {
            out.excluded.not_established += 1;
            continue;
        }
        let class = at_t.classes[ent as usize];
        if class == 0 {
            out.excluded.unclassified += 1;
            continue;
        }
        let mut first: Option<Event> = None;
        let mut seen = [false; 4];
        events(store, bad, &window, excluded, ent, |e| {
            let k = e.kind.rank();
            out.kinds[k].events += 1;
            seen[k] = true;
            if first.is_none_or(|f| e.key() < f.key()) {
                first = Some(e);
            }
        });
        for (k, s) in seen.iter().enumerate() {
            out.kinds[k].enterprises += usize::from(*s);
        }
        if let Some(f) = first {
            out.kinds[f.kind.rank()].first += 1;
        }
        out.ents.push(ent);
        out.classes.push(class);
        out.scores.push(at_t.scores[ent as usize]);
        out.first.push(first);
    }
    out
}

/// A bad event ready to show: kind, record and date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EventView {
    /// The kind.
    pub kind: OutcomeKind,
    /// In Chinese.
    pub zh: &'static str,
    /// The record's kind.
    pub record_kind: RecordKind,
    /// The record's index in the store.
    pub record_index: u32,
    /// The date.
    pub date: String,
    /// A short description of the record.
    pub detail: String,
}

impl EventView {
    /// The view of `e`.
    pub fn of(store: &Store, e: &Event) -> EventView {
        EventView {
            kind: e.kind,
            zh: e.kind.zh(),
            record_kind: e.record.kind,
            record_index: e.record.index,
            date: format_date(e.date),
            detail: crate::score::describe(store, e.record.kind, e.record.index),
        }
    }
}
