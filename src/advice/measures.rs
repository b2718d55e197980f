//! Which measures of the catalogue (`rules.measures`, [`crate::policy::measures`]) apply to an
//! enterprise as of a date, and why (docs/RULES.md §9).
//!
//! A *negative record* here is [P]: a published penalty (普通程序, not a warning alone), a
//! listing, a broken or false commitment, or an inspection that found a problem or could not
//! reach the entity. Records corrected by an objection or repaired, and decisions revoked, do
//! not count.

use crate::date::{add_months, format_date, Date};
use crate::law::Regime;
use crate::policy::{Class, Eligibility, Measure, MeasureKind};
use crate::records::*;
use crate::score::{describe, describe_en};
use crate::store::Store;
use serde::Serialize;

/// One measure for one enterprise.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MeasureAnswer {
    /// Measure id.
    pub id: String,
    /// Incentive or restriction.
    pub kind: MeasureKind,
    /// Name.
    pub zh: String,
    /// Name in English.
    pub en: String,
    /// Basis of the measure (from the catalogue).
    pub basis: String,
    /// The basis in English: the catalogue's `basis_en`, else the built-in English of a
    /// default text, else the Chinese ([`Measure::basis_english`]).
    pub basis_en: String,
    /// The regime on the as-of date.
    pub regime: Regime,
    /// Whether it applies on the as-of date.
    pub applies: bool,
    /// Why (Chinese), one line per fact.
    pub why: Vec<String>,
    /// Why in English, one for one with `why`.
    pub why_en: Vec<String>,
    /// The records that decided it.
    pub records: Vec<RecordRef>,
    /// Exit condition.
    pub exit: String,
    /// Exit condition in English (same fallback as `basis_en`).
    pub exit_en: String,
}

/// The negative records of `ent` dated after `since` (or in force on `as_of`), not excluded.
fn negatives(
    store: &Store,
    ent: EntId,
    since: Date,
    as_of: Date,
    excluded: &Exclusions,
) -> Vec<(RecordRef, Date)> {
    let mut out = Vec::new();
    let mut push = |kind, first: usize, i: usize, date: Date| {
        let r = RecordRef {
            kind,
            index: (first + i) as u32,
        };
        if !excluded.contains(&r) {
            out.push((r, date));
        }
    };
    let inside = |d: Date| d > since && d <= as_of;
    let (f, rows) = store.penalties.of(ent);
    for (i, p) in rows.iter().enumerate() {
        if p.procedure == Procedure::General
            && !p.kinds.warning_only()
            && inside(p.date)
            && !p.revoked_by(as_of)
        {
            push(RecordKind::Penalty, f, i, p.date);
        }
    }
    let (f, rows) = store.list_entries.of(ent);
    for (i, l) in rows.iter().enumerate() {
        if inside(l.listed) || l.in_force(as_of) {
            push(RecordKind::ListEntry, f, i, l.listed);
        }
    }
    let (f, rows) = store.commitments.of(ent);
    for (i, c) in rows.iter().enumerate() {
        let d = c.verified.or(c.due).unwrap_or(c.committed);
        if matches!(
            c.outcome,
            CommitmentOutcome::Broken | CommitmentOutcome::False
        ) && inside(d)
        {
            push(RecordKind::Commitment, f, i, d);
        }
    }
    let (f, rows) = store.inspections.of(ent);
    for (i, x) in rows.iter().enumerate() {
        if (x.result.found_problem() || x.result == InspectionResult::Unreachable) && inside(x.date)
        {
            push(RecordKind::Inspection, f, i, x.date);
        }
    }
    out
}

fn listed(
    store: &Store,
    ent: EntId,
    kind: ListKind,
    as_of: Date,
    excluded: &Exclusions,
) -> Vec<RecordRef> {
    let (f, rows) = store.list_entries.of(ent);
    rows.iter()
        .enumerate()
        .map(|(i, l)| {
            (
                RecordRef {
                    kind: RecordKind::ListEntry,
                    index: (f + i) as u32,
                },
                l,
            )
        })
        .filter(|(r, l)| l.list == kind && l.in_force(as_of) && !excluded.contains(r))
        .map(|(r, _)| r)
        .collect()
}

/// Which measures of `catalogue` apply to `ent` as of `as_of`, and why.
pub fn measures_for(
    store: &Store,
    catalogue: &[Measure],
    order107_effective: Date,
    ent: EntId,
    class: Option<Class>,
    as_of: Date,
    excluded: &Exclusions,
) -> Vec<MeasureAnswer> {
    let regime = Regime::on(as_of, order107_effective);
    // Each record described in both languages: (Chinese lines, English lines).
    let describe_all = |refs: &[RecordRef]| -> (Vec<String>, Vec<String>) {
        refs.iter()
            .map(|r| {
                (
                    describe(store, r.kind, r.index),
                    describe_en(store, r.kind, r.index),
                )
            })
            .unzip()
    };
    let one = |zh: &str, en: &str| (vec![zh.to_string()], vec![en.to_string()]);
    catalogue
        .iter()
        .map(|ms| {
            let (applies, (why, why_en), records) = match &ms.eligibility {
                Eligibility::NoNegativeWithin { months } | Eligibility::ClassIn { months, .. } => {
                    let since = add_months(as_of, -(*months as i32));
                    let neg: Vec<RecordRef> = if *months == 0 {
                        Vec::new()
                    } else {
                        negatives(store, ent, since, as_of, excluded)
                            .into_iter()
                            .map(|(r, _)| r)
                            .collect()
                    };
                    let (mut why, mut why_en) = (Vec::new(), Vec::new());
                    let mut ok = neg.is_empty();
                    if *months > 0 {
                        if neg.is_empty() {
                            let since = format_date(since);
                            why.push(format!("{since} 之后无失信记录（{months}个月）"));
                            why_en.push(format!(
                                "no negative record after {since} ({months} months)"
                            ));
                        } else {
                            let n = neg.len();
                            why.push(format!("{months}个月内有{n}条失信记录"));
                            why_en.push(format!(
                                "{n} negative record{} within {months} months",
                                if n == 1 { "" } else { "s" }
                            ));
                        }
                        let (zh, en) = describe_all(&neg);
                        why.extend(zh);
                        why_en.extend(en);
                    }
                    if let Eligibility::ClassIn { classes, .. } = &ms.eligibility {
                        let in_class = class.is_some_and(|c| classes.contains(&c));
                        ok &= in_class;
                        let wanted = classes
                            .iter()
                            .map(|c| c.letter())
                            .collect::<Vec<_>>()
                            .join("/");
                        why.push(format!(
                            "风险分类为{}，要求{wanted}",
                            class.map_or("未分类", Class::letter)
                        ));
                        why_en.push(format!(
                            "risk class {}, required {wanted}",
                            class.map_or("unclassified", Class::letter)
                        ));
                    }
                    (ok, (why, why_en), neg)
                }
                Eligibility::OnSeriousList => {
                    let r = listed(store, ent, ListKind::Serious, as_of, excluded);
                    let why = if r.is_empty() {
                        one(
                            "未列入严重违法失信名单",
                            "not on the serious violations list",
                        )
                    } else {
                        describe_all(&r)
                    };
                    (!r.is_empty(), why, r)
                }
                Eligibility::OnAbnormalList => {
                    let r = listed(store, ent, ListKind::Abnormal, as_of, excluded);
                    let why = if r.is_empty() {
                        one("未列入经营异常名录", "not on the abnormal-operations list")
                    } else {
                        describe_all(&r)
                    };
                    (!r.is_empty(), why, r)
                }
                Eligibility::SeriousListOrFalseCommitment => {
                    let mut r = listed(store, ent, ListKind::Serious, as_of, excluded);
                    let (f, rows) = store.commitments.of(ent);
                    for (i, c) in rows.iter().enumerate() {
                        let rr = RecordRef {
                            kind: RecordKind::Commitment,
                            index: (f + i) as u32,
                        };
                        let d = c.verified.or(c.due).unwrap_or(c.committed);
                        if c.outcome == CommitmentOutcome::False
                            && d <= as_of
                            && !excluded.contains(&rr)
                        {
                            r.push(rr);
                        }
                    }
                    let why = if r.is_empty() {
                        one(
                            "未列入严重违法失信名单，无未修复的虚假承诺",
                            "not on the serious violations list, no unrepaired false commitment",
                        )
                    } else {
                        describe_all(&r)
                    };
                    (!r.is_empty(), why, r)
                }
            };
            MeasureAnswer {
                id: ms.id.clone(),
                kind: ms.kind,
                zh: ms.zh.clone(),
                en: ms.en.clone(),
                basis: ms.basis.clone(),
                basis_en: ms.basis_english(),
                regime,
                applies,
                why,
                why_en,
                records,
                exit: ms.exit.clone(),
                exit_en: ms.exit_english(),
            }
        })
        .collect()
}
