//! Classes at several dates over the same records (docs/RULES.md §18): the migration between
//! two dates — a 5 × 5 matrix (unclassified, A, B, C, D) from → to, the moves up and down, and
//! who moved and why (the indicators whose hits changed) — and the classes of every enterprise
//! at each of a list of dates, one byte per enterprise per date, without reloading.
//!
//! A class at a date is the one [`super::score_at`] gives (scoring as of that date under the
//! audit overlay of that date; none for an enterprise established after the date; an enterprise
//! revoked only after the date classified as it was).

use super::{by_uscc, existed};
use crate::date::{format_date, Date};
use crate::policy::{class_letter, Class, ValidPolicy};
use crate::progress::{Cancelled, Progress};
use crate::records::EntId;
use crate::score::{explain, ClassCounts, Explanation, Overlay, Override, Scoring};
use crate::store::Store;
use serde::Serialize;

/// The classes of one date, counted.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DateSummary {
    /// The date.
    pub as_of: String,
    /// Enterprises in the store.
    pub enterprises: usize,
    /// With a class on the date.
    pub classified: usize,
    /// Existing on the date but not classified (inactive).
    pub unclassified: usize,
    /// Established after the date.
    pub not_established: usize,
    /// Per class.
    pub counts: ClassCounts,
}

fn summary(store: &Store, date: Date, codes: &[u8]) -> DateSummary {
    let mut counts = ClassCounts::default();
    let mut not_established = 0;
    for (ent, &c) in codes.iter().enumerate() {
        match Class::from_code(c) {
            Some(Class::A) => counts.A += 1,
            Some(Class::B) => counts.B += 1,
            Some(Class::C) => counts.C += 1,
            Some(Class::D) => counts.D += 1,
            None => not_established += usize::from(!existed(store, ent as EntId, date)),
        }
    }
    let classified = counts.A + counts.B + counts.C + counts.D;
    DateSummary {
        as_of: format_date(date),
        enterprises: codes.len(),
        classified,
        unclassified: codes.len() - classified - not_established,
        not_established,
        counts,
    }
}

/// The class codes of a scoring made by [`super::score_at`].
fn codes(scoring: &Scoring) -> &[u8] {
    &scoring.classes
}

/// The classes of every enterprise at each date.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassesAt {
    /// The dates, as asked.
    pub dates: Vec<Date>,
    /// Enterprises (by id, as [`Scoring::classes`]).
    pub enterprises: usize,
    /// Class codes (0 none, 1–4 A–D), date by date: date `d`'s classes are
    /// `classes[d * enterprises .. (d + 1) * enterprises]`.
    pub classes: Vec<u8>,
    /// Per date, counted.
    pub summaries: Vec<DateSummary>,
}

impl ClassesAt {
    /// The classes of the `d`-th date, by enterprise id.
    pub fn of(&self, d: usize) -> &[u8] {
        &self.classes[d * self.enterprises..(d + 1) * self.enterprises]
    }
}

/// Scores every enterprise at each of `dates` under the overlay of that date
/// (`overlays[i]` for `dates[i]`) and keeps only the classes: one byte per enterprise per
/// date. The same classes as [`super::score_at`] at each date ([`super::classes_by_date`]).
pub fn classes_at(
    store: &mut Store,
    policy: &ValidPolicy,
    dates: &[Date],
    overlays: &[Overlay],
    progress: &mut dyn Progress,
) -> Result<ClassesAt, Cancelled> {
    let classes = super::classes_by_date(store, policy, dates, overlays, progress)?;
    let n = store.len();
    let summaries = dates
        .iter()
        .enumerate()
        .map(|(i, &date)| summary(store, date, &classes[i * n..(i + 1) * n]))
        .collect();
    Ok(ClassesAt {
        dates: dates.to_vec(),
        enterprises: n,
        classes,
        summaries,
    })
}

/// The migration between two dates.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Migration {
    /// The first date.
    pub from: String,
    /// The second date.
    pub to: String,
    /// The digest of the policy both scorings follow.
    pub policy_digest: String,
    /// Enterprises in the store (the matrix's total).
    pub enterprises: usize,
    /// `matrix[from][to]`: enterprises by class code on each date (0 unclassified — inactive
    /// or not established yet — then A, B, C, D).
    pub matrix: Vec<Vec<usize>>,
    /// Classified on both dates, in a riskier class on the second (A → B, …).
    pub up: usize,
    /// Classified on both dates, in a safer class on the second.
    pub down: usize,
    /// In the same class on both dates (unclassified on both included).
    pub same: usize,
    /// Unclassified on the first date, classified on the second.
    pub entered: usize,
    /// Classified on the first date, unclassified on the second.
    pub left: usize,
    /// The first date's classes, counted.
    pub from_summary: DateSummary,
    /// The second date's classes, counted.
    pub to_summary: DateSummary,
}

/// The migration between the classes of two scorings of the same store, made by
/// [`super::score_at`].
pub fn migration(store: &Store, policy: &ValidPolicy, from: &Scoring, to: &Scoring) -> Migration {
    let (a, b) = (codes(from), codes(to));
    let mut matrix = vec![vec![0usize; 5]; 5];
    let (mut up, mut down, mut same, mut entered, mut left) = (0, 0, 0, 0, 0);
    for (&x, &y) in a.iter().zip(b) {
        matrix[x as usize][y as usize] += 1;
        match (x, y) {
            _ if x == y => same += 1,
            (0, _) => entered += 1,
            (_, 0) => left += 1,
            _ if y > x => up += 1,
            _ => down += 1,
        }
    }
    Migration {
        from: format_date(from.as_of),
        to: format_date(to.as_of),
        policy_digest: policy.digest().to_string(),
        enterprises: a.len(),
        matrix,
        up,
        down,
        same,
        entered,
        left,
        from_summary: summary(store, from.as_of, a),
        to_summary: summary(store, to.as_of, b),
    }
}

/// How one indicator's hits changed between the two dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Counted on the second date only.
    Appeared,
    /// Counted on the first date only.
    Disappeared,
    /// Counted on both, with other hits or points.
    Changed,
}

/// One indicator whose hits changed between the two dates.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorChange {
    /// The indicator's id.
    pub indicator: &'static str,
    /// In Chinese.
    pub zh: &'static str,
    /// In English.
    pub en: &'static str,
    /// Appeared, disappeared or changed.
    pub change: Change,
    /// Occurrences counted on the first date.
    pub hits_from: u32,
    /// Occurrences counted on the second date.
    pub hits_to: u32,
    /// Points on the first date (rounded to 0.01).
    pub points_from: f64,
    /// Points on the second date (rounded to 0.01).
    pub points_to: f64,
}

/// One enterprise whose class changed, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Mover {
    /// Its id in the store.
    pub id: EntId,
    /// USCC.
    pub uscc: String,
    /// Registered name.
    pub name: String,
    /// Class on the first date (`-`: none).
    pub from: &'static str,
    /// Class on the second date.
    pub to: &'static str,
    /// Score on the first date; `null` when not established yet.
    pub score_from: Option<f64>,
    /// Score on the second date.
    pub score_to: f64,
    /// The override that set the class on the first date.
    pub override_from: Override,
    /// The override that set the class on the second date.
    pub override_to: Override,
    /// The indicators whose hits changed, in catalogue order.
    pub changes: Vec<IndicatorChange>,
}

/// One page of the movers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MoversPage {
    /// The first date.
    pub from: String,
    /// The second date.
    pub to: String,
    /// Movers matching the filter.
    pub total: usize,
    /// Where the page starts among them.
    pub offset: usize,
    /// The page, by USCC.
    pub movers: Vec<Mover>,
}

/// Which movers a page lists: by class code (0–4) on each date, `None` for any.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MoverFilter {
    /// The class on the first date.
    pub from: Option<u8>,
    /// The class on the second date.
    pub to: Option<u8>,
}

/// The enterprises whose class differs between the scorings, matching `filter`, by USCC.
pub fn mover_ids(store: &Store, from: &Scoring, to: &Scoring, filter: MoverFilter) -> Vec<EntId> {
    let (a, b) = (codes(from), codes(to));
    by_uscc(store)
        .into_iter()
        .filter(|&e| {
            let (x, y) = (a[e as usize], b[e as usize]);
            x != y && filter.from.is_none_or(|f| f == x) && filter.to.is_none_or(|t| t == y)
        })
        .collect()
}

/// Per indicator: (hits, points) of an explanation.
fn by_indicator(e: &Explanation) -> Vec<(&'static str, u32, f64)> {
    let mut out: Vec<(&'static str, u32, f64)> = Vec::new();
    for r in &e.reasons {
        match out.iter_mut().find(|x| x.0 == r.indicator) {
            Some(x) => {
                x.1 += 1;
                x.2 += r.points;
            }
            None => out.push((r.indicator, 1, r.points)),
        }
    }
    out
}

/// Why `ent` moved: its classes, scores, overrides and the indicators whose hits changed.
pub fn mover(
    store: &Store,
    policy: &ValidPolicy,
    from: &Scoring,
    to: &Scoring,
    ent: EntId,
) -> Mover {
    let ea = explain(store, policy, &from.context, ent, from.as_of, &from.overlay);
    let eb = explain(store, policy, &to.context, ent, to.as_of, &to.overlay);
    let was = existed(store, ent, from.as_of);
    let ha = if was { by_indicator(&ea) } else { Vec::new() };
    let hb = by_indicator(&eb);
    let round = crate::score::round2;
    let changes = crate::policy::Indicator::ALL
        .iter()
        .filter_map(|ind| {
            let id = ind.id();
            let a = ha.iter().find(|x| x.0 == id).map(|x| (x.1, x.2));
            let b = hb.iter().find(|x| x.0 == id).map(|x| (x.1, x.2));
            let change = match (a, b) {
                (None, None) => return None,
                (None, Some(_)) => Change::Appeared,
                (Some(_), None) => Change::Disappeared,
                (Some(x), Some(y)) if x.0 == y.0 && round(x.1) == round(y.1) => return None,
                _ => Change::Changed,
            };
            let (a, b) = (a.unwrap_or((0, 0.0)), b.unwrap_or((0, 0.0)));
            Some(IndicatorChange {
                indicator: id,
                zh: ind.zh(),
                en: ind.en(),
                change,
                hits_from: a.0,
                hits_to: b.0,
                points_from: round(a.1),
                points_to: round(b.1),
            })
        })
        .collect();
    let rule = |e: &Explanation| e.override_rule.as_ref().map_or(Override::None, |o| o.rule);
    Mover {
        id: ent,
        uscc: store.uscc(ent).to_string(),
        name: store.name(ent).to_string(),
        from: class_letter(Class::from_code(from.classes[ent as usize])),
        to: class_letter(Class::from_code(to.classes[ent as usize])),
        score_from: was.then_some(ea.score),
        score_to: eb.score,
        override_from: if was { rule(&ea) } else { Override::None },
        override_to: rule(&eb),
        changes,
    }
}

/// One page of the movers between the scorings matching `filter`, from `offset`, at most
/// `limit`.
pub fn movers(
    store: &Store,
    policy: &ValidPolicy,
    from: &Scoring,
    to: &Scoring,
    filter: MoverFilter,
    offset: usize,
    limit: usize,
) -> MoversPage {
    let ids = mover_ids(store, from, to, filter);
    let page = ids
        .iter()
        .skip(offset)
        .take(limit)
        .map(|&e| mover(store, policy, from, to, e))
        .collect();
    MoversPage {
        from: format_date(from.as_of),
        to: format_date(to.as_of),
        total: ids.len(),
        offset,
        movers: page,
    }
}
