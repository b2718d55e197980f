//! The features of every enterprise as of a date T, as a [`Table`] a scorecard can be fitted
//! on, aligned row by row with the outcome after T (docs/RULES.md §18).
//!
//! Columns, by stable snake_case name (their Chinese labels are [`catalogue`]'s, and
//! docs/RULES.md §18's):
//! - for each scoring indicator `<id>`: `<id>_hits`, the occurrences it counted as of T (after
//!   its window and cap, [`crate::score::evaluate`]'s sink), and `<id>_points`, the points they
//!   added (after decay);
//! - raw numbers the records give as of T (see [`RAW`]);
//! - categories: `entity_type`, `industry_section`, `region`.
//!
//! Only records dated on or before T are read, so nothing after T leaks into a feature: a
//! penalty revoked after T still counts (it was in force on T), a licence counts by its term,
//! not its status (which carries no date). Records the audit overlay of T leaves out of
//! scoring are left out here too.

use super::outcome::{Outcomes, Window};
use super::table::{Column, FeatureKind, Table};
use super::ModelError;
use crate::date::{add_months, Date};
use crate::policy::{Indicator, ValidPolicy};
use crate::progress::Progress;
use crate::records::{CommitmentOutcome, EntId, Exclusions, RecordKind, RecordRef};
use crate::score::{evaluate, Flags, Overlay, Scoring};
use crate::store::Store;
use crate::strpool::StrId;
use rustc_hash::FxHashMap;
use serde::Serialize;

/// One feature: its name, kind and labels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeatureInfo {
    /// The column's name.
    pub name: String,
    /// Numeric or categorical.
    pub kind: FeatureKind,
    /// In Chinese (for the page).
    pub zh: String,
    /// In English.
    pub en: String,
}

/// The raw numeric features: name, Chinese label, English label.
pub const RAW: [(&str, &str, &str); 13] = [
    ("age_years", "成立年限（年）", "years since establishment"),
    (
        "penalties_12m",
        "近12个月行政处罚次数",
        "penalties in the last 12 months",
    ),
    (
        "penalties_36m",
        "近36个月行政处罚次数",
        "penalties in the last 36 months",
    ),
    (
        "penalty_amount_sum_36m",
        "近36个月罚款金额合计（元）",
        "sum of fines in the last 36 months (yuan)",
    ),
    (
        "penalty_amount_max_36m",
        "近36个月单笔最高罚款（元）",
        "largest fine in the last 36 months (yuan)",
    ),
    (
        "days_since_last_penalty",
        "距最近一次行政处罚天数（无处罚为空）",
        "days since the last penalty (missing if none)",
    ),
    (
        "inspections_36m",
        "近36个月抽查检查次数",
        "inspections in the last 36 months",
    ),
    (
        "inspection_problems_36m",
        "近36个月检查发现问题次数",
        "inspections that found a problem in the last 36 months",
    ),
    (
        "complaints_substantiated_12m",
        "近12个月投诉举报属实次数",
        "substantiated complaints in the last 12 months",
    ),
    (
        "licences_held",
        "持有行政许可数（有效期内）",
        "licences held (within their term)",
    ),
    (
        "annual_reports_missing_3y",
        "近3年未报送年度报告数",
        "annual reports due in the last 3 years not filed",
    ),
    (
        "annual_reports_late_3y",
        "近3年逾期报送年度报告数",
        "annual reports due in the last 3 years filed late",
    ),
    (
        "commitments_broken_36m",
        "近36个月未履行或虚假承诺次数",
        "commitments broken or false in the last 36 months",
    ),
];

/// The categorical features: name, Chinese label, English label.
pub const CATEGORICAL: [(&str, &str, &str); 3] = [
    ("entity_type", "市场主体类型", "entity type"),
    (
        "industry_section",
        "行业门类",
        "industry section (GB/T 4754)",
    ),
    ("region", "所属区域", "region"),
];

/// Every feature, in column order.
pub fn catalogue() -> Vec<FeatureInfo> {
    let mut out = Vec::new();
    for &ind in Indicator::ALL {
        out.push(FeatureInfo {
            name: format!("{}_hits", ind.id()),
            kind: FeatureKind::Numeric,
            zh: format!("{}（计次）", ind.zh()),
            en: format!("{} (occurrences)", ind.en()),
        });
        out.push(FeatureInfo {
            name: format!("{}_points", ind.id()),
            kind: FeatureKind::Numeric,
            zh: format!("{}（得分）", ind.zh()),
            en: format!("{} (points)", ind.en()),
        });
    }
    for (name, zh, en) in RAW {
        out.push(FeatureInfo {
            name: name.into(),
            kind: FeatureKind::Numeric,
            zh: zh.into(),
            en: en.into(),
        });
    }
    for (name, zh, en) in CATEGORICAL {
        out.push(FeatureInfo {
            name: name.into(),
            kind: FeatureKind::Categorical,
            zh: zh.into(),
            en: en.into(),
        });
    }
    out
}

/// Whether `d` lies in the `months` months up to `at`: (at − months, at].
fn within(d: Date, at: Date, months: i32) -> bool {
    d <= at && d > add_months(at, -months)
}

/// The raw numbers of one enterprise as of `at`, in [`RAW`] order.
fn raw(
    store: &Store,
    policy: &ValidPolicy,
    ent: EntId,
    at: Date,
    excluded: &Exclusions,
) -> [f64; 13] {
    let skip = |kind, first: usize, i: usize| {
        !excluded.is_empty()
            && excluded.contains(&RecordRef {
                kind,
                index: (first + i) as u32,
            })
    };
    let reg = store.registration(ent);
    let age = reg.map_or(f64::NAN, |r| {
        (at - r.established).num_days() as f64 / 365.25
    });

    let (mut p12, mut p36, mut sum36, mut max36) = (0.0, 0.0, 0.0, 0.0f64);
    let mut last: Option<Date> = None;
    let (first, rows) = store.penalties.of(ent);
    for (i, p) in rows.iter().enumerate() {
        if p.date > at || p.revoked.is_some_and(|r| r <= at) || skip(RecordKind::Penalty, first, i)
        {
            continue;
        }
        last = Some(last.map_or(p.date, |l| l.max(p.date)));
        if within(p.date, at, 12) {
            p12 += 1.0;
        }
        if within(p.date, at, 36) {
            p36 += 1.0;
            let fine = p.fine.unwrap_or(0.0);
            sum36 += fine;
            max36 = max36.max(fine);
        }
    }
    let since = last.map_or(f64::NAN, |l| (at - l).num_days() as f64);

    let (mut checks, mut problems) = (0.0, 0.0);
    let (first, rows) = store.inspections.of(ent);
    for (i, x) in rows.iter().enumerate() {
        if within(x.date, at, 36) && !skip(RecordKind::Inspection, first, i) {
            checks += 1.0;
            if x.result.found_problem() {
                problems += 1.0;
            }
        }
    }

    let mut complaints = 0.0;
    let (first, rows) = store.complaints.of(ent);
    for (i, c) in rows.iter().enumerate() {
        if c.substantiated && within(c.date, at, 12) && !skip(RecordKind::Complaint, first, i) {
            complaints += 1.0;
        }
    }

    let mut licences = 0.0;
    let (first, rows) = store.licences.of(ent);
    for (i, l) in rows.iter().enumerate() {
        let issued = l.issued.is_none_or(|d| d <= at);
        let in_term = l.expires.is_none_or(|d| d > at);
        if issued && in_term && !skip(RecordKind::Licence, first, i) {
            licences += 1.0;
        }
    }

    let (missing, late) = if store.annual_reports.is_empty() {
        (f64::NAN, f64::NAN)
    } else {
        annual_reports(store, policy, ent, at, excluded)
    };

    let mut broken = 0.0;
    let (first, rows) = store.commitments.of(ent);
    for (i, c) in rows.iter().enumerate() {
        let bad = matches!(
            c.outcome,
            CommitmentOutcome::Broken | CommitmentOutcome::False
        );
        let known = c.verified.or(c.due).unwrap_or(c.committed);
        if bad && within(known, at, 36) && !skip(RecordKind::Commitment, first, i) {
            broken += 1.0;
        }
    }
    [
        age, p12, p36, sum36, max36, since, checks, problems, complaints, licences, missing, late,
        broken,
    ]
}

/// Annual reports due in the 36 months before `at` (deadline before `at`, in a year the
/// enterprise existed in): (not filed by `at`, filed late by `at`).
fn annual_reports(
    store: &Store,
    policy: &ValidPolicy,
    ent: EntId,
    at: Date,
    excluded: &Exclusions,
) -> (f64, f64) {
    use chrono::Datelike;
    let params = policy.policy().params;
    let established = store.registration(ent).map(|r| r.established);
    let (first, rows) = store.annual_reports.of(ent);
    let start = add_months(at, -36);
    let (mut missing, mut late) = (0.0, 0.0);
    for year in at.year() - 4..=at.year() {
        let Some(due) = Date::from_ymd_opt(
            year + 1,
            params.annual_report_due_month,
            params.annual_report_due_day,
        ) else {
            continue;
        };
        let existed = established.is_none_or(|e| e.year() <= year);
        if !(due < at && due > start && existed) {
            continue;
        }
        let filed = rows
            .iter()
            .enumerate()
            .filter(|(i, r)| {
                r.year as i32 == year
                    && !excluded.contains(&RecordRef {
                        kind: RecordKind::AnnualReport,
                        index: (first + i) as u32,
                    })
            })
            .filter_map(|(_, r)| r.filed)
            .filter(|&f| f <= at)
            .min();
        match filed {
            None => missing += 1.0,
            Some(f) if f > due => late += 1.0,
            Some(_) => {}
        }
    }
    (missing, late)
}

/// The features of the enterprises `rows` as of the scoring's date, with its context and
/// overlay, in the order of `rows` (see the module's documentation).
pub fn features(store: &Store, policy: &ValidPolicy, at_t: &Scoring, rows: &[EntId]) -> Table {
    features_and_flags(store, policy, at_t, rows).0
}

/// [`features`], with the list flags each row had on the date (what the overrides look at).
pub fn features_and_flags(
    store: &Store,
    policy: &ValidPolicy,
    at_t: &Scoring,
    rows: &[EntId],
) -> (Table, Vec<Flags>) {
    let at = at_t.as_of;
    let mut flags = Vec::with_capacity(rows.len());
    let excluded = &at_t.overlay.excluded;
    let n_ind = Indicator::ALL.len();
    let mut hits: Vec<Vec<f64>> = vec![Vec::with_capacity(rows.len()); n_ind];
    let mut points: Vec<Vec<f64>> = vec![Vec::with_capacity(rows.len()); n_ind];
    let mut raws: Vec<Vec<f64>> = vec![Vec::with_capacity(rows.len()); RAW.len()];
    let mut sections: FxHashMap<StrId, Option<&'static str>> = FxHashMap::default();
    let mut etype: Vec<Option<&'static str>> = Vec::with_capacity(rows.len());
    let mut industry: Vec<Option<&'static str>> = Vec::with_capacity(rows.len());
    let mut region: Vec<Option<&str>> = Vec::with_capacity(rows.len());
    for &ent in rows {
        let mut h = [0u32; 32];
        let mut p = [0f64; 32];
        let (_, f) = evaluate(store, policy, &at_t.context, ent, at, excluded, |hit| {
            h[hit.indicator as usize] += 1;
            p[hit.indicator as usize] += hit.points;
        });
        flags.push(f);
        for i in 0..n_ind {
            hits[i].push(f64::from(h[i]));
            points[i].push(p[i]);
        }
        for (col, v) in raws.iter_mut().zip(raw(store, policy, ent, at, excluded)) {
            col.push(v);
        }
        let reg = store.registration(ent);
        etype.push(reg.map(|r| r.entity_type.code()));
        industry.push(reg.and_then(|r| {
            *sections
                .entry(r.industry)
                .or_insert_with(|| crate::records::tables::industry_section(store.text(r.industry)))
        }));
        region.push(reg.map(|r| store.text(r.region)).filter(|t| !t.is_empty()));
    }
    let mut table = Table::default();
    let mut push = |name: String, c: Column| {
        table
            .push(name, c)
            .expect("the catalogue's names are unique and every column has a value per row");
    };
    for (i, (h, p)) in hits.into_iter().zip(points).enumerate() {
        let id = Indicator::ALL[i].id();
        push(format!("{id}_hits"), Column::Numeric(h));
        push(format!("{id}_points"), Column::Numeric(p));
    }
    for ((name, _, _), col) in RAW.iter().zip(raws) {
        push(name.to_string(), Column::Numeric(col));
    }
    push("entity_type".into(), Column::categorical(etype));
    push("industry_section".into(), Column::categorical(industry));
    push("region".into(), Column::categorical(region));
    (table, flags)
}

/// What a scorecard is fitted on: the features as of T, the outcome after T, row by row.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainingData {
    /// The features, one row per enterprise classified on T, in USCC order.
    pub table: Table,
    /// Whether each row was bad in the window.
    pub bad: Vec<bool>,
    /// The enterprise of each row.
    pub ents: Vec<EntId>,
    /// The outcomes behind `bad` (classes, scores, first events, counts).
    pub outcomes: Outcomes,
}

/// The features as of the window's T and the outcome after it, aligned row by row: scores every
/// enterprise as of T under `overlay`, keeps those classified on T (see
/// [`super::outcome::outcomes`]), and reads their features.
pub fn training_data(
    store: &mut Store,
    policy: &ValidPolicy,
    window: Window,
    overlay: &Overlay,
    excluded_events: &Exclusions,
    progress: &mut dyn Progress,
) -> Result<TrainingData, ModelError> {
    let (scoring, o) = super::backtest::classes_and_outcomes(
        store,
        policy,
        window,
        overlay,
        excluded_events,
        progress,
    )?;
    let table = features(store, policy, &scoring, &o.ents);
    Ok(TrainingData {
        table,
        bad: o.bad(),
        ents: o.ents.clone(),
        outcomes: o,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_names_are_unique_snake_case_and_labelled() {
        let c = catalogue();
        assert_eq!(
            c.len(),
            Indicator::ALL.len() * 2 + RAW.len() + CATEGORICAL.len()
        );
        let mut names: Vec<&str> = c.iter().map(|f| f.name.as_str()).collect();
        for n in &names {
            assert!(
                n.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{n}"
            );
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), c.len());
        assert!(c.iter().all(|f| !f.zh.is_empty() && !f.en.is_empty()));
    }
}
