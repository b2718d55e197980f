//! Why an enterprise has its score: every indicator that counted, with its record.

use super::indicators::{penalty_stopped, Stop};
use super::{round2, score_with, Context, EntScore, Hit, Overlay, Override};
use crate::date::add_months;
use crate::date::{format_date, Date};
use crate::policy::{class_letter, Indicator, ValidPolicy};
use crate::records::{EntId, Procedure, RecordKind};
use crate::store::Store;
use serde::Serialize;

/// One reason, ready to show.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReasonView {
    /// Indicator id.
    pub indicator: &'static str,
    /// Dimension code.
    pub dimension: crate::policy::Dimension,
    /// Dimension in Chinese.
    pub dimension_zh: &'static str,
    /// Indicator in Chinese.
    pub zh: &'static str,
    /// Indicator in English.
    pub en: &'static str,
    /// Points (rounded to 0.01).
    pub points: f64,
    /// The kind of record behind it.
    pub record_kind: Option<RecordKind>,
    /// Its row index in the store.
    pub record_index: Option<u32>,
    /// The date that placed it in its window.
    pub record_date: Option<String>,
    /// A short description of the record (number, result, list…).
    pub detail: String,
    /// The same description in English (record values such as numbers and items as written).
    pub detail_en: String,
}

/// An enterprise's score with its reasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    /// USCC.
    pub uscc: String,
    /// Registered name.
    pub name: String,
    /// As-of date.
    pub as_of: String,
    /// Final score.
    pub score: f64,
    /// The policy's base score.
    pub base_score: f64,
    /// Class letter or `-`.
    pub class: &'static str,
    /// Class letter before overrides.
    pub class_before_override: &'static str,
    /// The override that applied, if any.
    #[serde(rename = "override")]
    pub override_rule: Option<OverrideView>,
    /// Every indicator that counted.
    pub reasons: Vec<ReasonView>,
    /// Records inside their window that do not count, and why (e.g. a revoked decision).
    pub excluded: Vec<ExcludedView>,
}

/// A record inside its scoring window that does not count.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExcludedView {
    /// The kind of record.
    pub record_kind: RecordKind,
    /// Its row index in the store.
    pub record_index: u32,
    /// Its date.
    pub record_date: String,
    /// A short description of the record.
    pub detail: String,
    /// The same description in English.
    pub detail_en: String,
    /// Why it does not count.
    pub cause: Stop,
    /// The first day it no longer counted.
    pub since: String,
    /// Why, in Chinese.
    pub zh: String,
    /// Why, in English.
    pub en: String,
}

/// An override, described.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverrideView {
    /// Rule code.
    pub rule: Override,
    /// Chinese description.
    pub zh: &'static str,
    /// English description.
    pub en: &'static str,
}

/// A short description of a record, for reasons.
pub fn describe(store: &Store, kind: RecordKind, index: u32) -> String {
    let i = index as usize;
    match kind {
        RecordKind::Registration => {
            let r = store.registration(index);
            r.map(|r| {
                format!(
                    "成立日期 {}；住所 {}",
                    format_date(r.established),
                    store.address(r)
                )
            })
            .unwrap_or_default()
        }
        RecordKind::AnnualReport => {
            let r = &store.annual_reports.rows()[i];
            match r.filed {
                Some(f) => format!("{}年度报告，{}报送", r.year, format_date(f)),
                None => format!("{}年度报告未报送", r.year),
            }
        }
        RecordKind::Licence => {
            let l = &store.licences.rows()[i];
            format!(
                "{} {}（{}）",
                store.text(l.kind),
                store.text(l.number),
                l.status.zh()
            )
        }
        RecordKind::Penalty => {
            let p = &store.penalties.rows()[i];
            let mut s = format!(
                "{} {}；{}",
                store.text(p.decision_no),
                p.domain.zh(),
                p.kinds.to_zh()
            );
            if let Some(f) = p.fine {
                s.push_str(&format!("；罚款{f}元"));
            }
            if p.aggravated {
                s.push_str("；从重");
            }
            if !p.fulfilled {
                s.push_str("；未履行完毕");
            }
            s
        }
        RecordKind::Inspection => {
            let x = &store.inspections.rows()[i];
            format!("{} {}：{}", store.text(x.task), x.kind.zh(), x.result.zh())
        }
        RecordKind::ListEntry => {
            let l = &store.list_entries.rows()[i];
            let mut s = format!(
                "{}（{}），{}列入",
                l.list.zh(),
                l.reason.zh(),
                format_date(l.listed)
            );
            if let Some(r) = l.removed {
                s.push_str(&format!("，{}移出", format_date(r)));
            }
            s
        }
        RecordKind::Commitment => {
            let c = &store.commitments.rows()[i];
            format!("{}：{}", store.text(c.item), c.outcome.zh())
        }
        RecordKind::Inspector => store
            .roster
            .inspectors
            .get(i)
            .map(|x| format!("{} {}（{}）", x.id, x.name, x.unit))
            .unwrap_or_default(),
        RecordKind::Item => store
            .roster
            .items
            .get(i)
            .map(|x| format!("{} {}（{}）", x.code, x.name, x.department))
            .unwrap_or_default(),
        RecordKind::Complaint => {
            let c = &store.complaints.rows()[i];
            format!(
                "{}，{}",
                c.kind.zh(),
                if c.substantiated {
                    "属实"
                } else {
                    "不属实"
                }
            )
        }
    }
}

/// [`describe`] in English: the same values, the record's own texts (decision number, task,
/// item, licence kind and number, address) as written.
pub fn describe_en(store: &Store, kind: RecordKind, index: u32) -> String {
    let i = index as usize;
    match kind {
        RecordKind::Registration => store
            .registration(index)
            .map(|r| {
                format!(
                    "established {}; address {}",
                    format_date(r.established),
                    store.address(r)
                )
            })
            .unwrap_or_default(),
        RecordKind::AnnualReport => {
            let r = &store.annual_reports.rows()[i];
            match r.filed {
                Some(f) => format!("annual report {}, filed {}", r.year, format_date(f)),
                None => format!("annual report {} not filed", r.year),
            }
        }
        RecordKind::Licence => {
            let l = &store.licences.rows()[i];
            format!(
                "{} {} ({})",
                store.text(l.kind),
                store.text(l.number),
                l.status.en()
            )
        }
        RecordKind::Penalty => {
            let p = &store.penalties.rows()[i];
            let mut s = format!(
                "{} {}; {}",
                store.text(p.decision_no),
                p.domain.en(),
                p.kinds.to_en()
            );
            if let Some(f) = p.fine {
                s.push_str(&format!("; {f} yuan"));
            }
            if p.aggravated {
                s.push_str("; aggravated");
            }
            if !p.fulfilled {
                s.push_str("; not fully performed");
            }
            s
        }
        RecordKind::Inspection => {
            let x = &store.inspections.rows()[i];
            format!("{} {}: {}", store.text(x.task), x.kind.en(), x.result.en())
        }
        RecordKind::ListEntry => {
            let l = &store.list_entries.rows()[i];
            let mut s = format!(
                "{} ({}), listed {}",
                l.list.en(),
                l.reason.en(),
                format_date(l.listed)
            );
            if let Some(r) = l.removed {
                s.push_str(&format!(", removed {}", format_date(r)));
            }
            s
        }
        RecordKind::Commitment => {
            let c = &store.commitments.rows()[i];
            format!("{}: {}", store.text(c.item), c.outcome.en())
        }
        RecordKind::Inspector => store
            .roster
            .inspectors
            .get(i)
            .map(|x| format!("{} {} ({})", x.id, x.name, x.unit))
            .unwrap_or_default(),
        RecordKind::Item => store
            .roster
            .items
            .get(i)
            .map(|x| format!("{} {} ({})", x.code, x.name, x.department))
            .unwrap_or_default(),
        RecordKind::Complaint => {
            let c = &store.complaints.rows()[i];
            format!(
                "{}, {}",
                c.kind.en(),
                if c.substantiated {
                    "substantiated"
                } else {
                    "not substantiated"
                }
            )
        }
    }
}

/// Explains the score of `ent` as of `as_of` under an overlay (the store must be indexed).
pub fn explain(
    store: &Store,
    policy: &ValidPolicy,
    ctx: &Context,
    ent: EntId,
    as_of: Date,
    overlay: &Overlay,
) -> Explanation {
    let mut hits: Vec<Hit> = Vec::new();
    let s: EntScore = score_with(store, policy, ctx, ent, as_of, overlay, |h| hits.push(h));
    let reasons = hits
        .iter()
        .map(|h| ReasonView {
            indicator: h.indicator.id(),
            dimension: h.indicator.dimension(),
            dimension_zh: h.indicator.dimension().zh(),
            zh: h.indicator.zh(),
            en: h.indicator.en(),
            points: round2(h.points),
            record_kind: h.record.map(|r| r.kind),
            record_index: h.record.map(|r| r.index),
            record_date: h.date.map(format_date),
            detail: h
                .record
                .map(|r| describe(store, r.kind, r.index))
                .unwrap_or_default(),
            detail_en: h
                .record
                .map(|r| describe_en(store, r.kind, r.index))
                .unwrap_or_default(),
        })
        .collect();
    Explanation {
        uscc: store.uscc(ent).to_string(),
        name: store.name(ent).to_string(),
        as_of: format_date(as_of),
        score: round2(s.score),
        base_score: policy.policy().base_score,
        class: class_letter(s.class),
        class_before_override: class_letter(s.class_before_override),
        override_rule: (s.override_rule != Override::None).then(|| OverrideView {
            rule: s.override_rule,
            zh: s.override_rule.zh(),
            en: s.override_rule.en(),
        }),
        reasons,
        excluded: stopped(store, policy, ent, as_of),
    }
}

/// The penalties of `ent` inside their indicator's window on `as_of` that no longer count
/// (see [`penalty_stopped`]).
fn stopped(store: &Store, policy: &ValidPolicy, ent: EntId, as_of: Date) -> Vec<ExcludedView> {
    let entity = store.registration(ent).map(|r| r.entity_type);
    let (first, rows) = store.penalties.of(ent);
    rows.iter()
        .enumerate()
        .rev()
        .filter_map(|(i, p)| {
            let (cause, since) = penalty_stopped(policy, entity, p, as_of)?;
            let ind = if p.procedure == Procedure::Simple || p.kinds.warning_only() {
                Indicator::PenaltyMinor
            } else {
                Indicator::Penalty
            };
            let s = policy.setting(ind);
            let start = add_months(as_of, -(s.window_months as i32));
            if !(s.enabled && p.date <= as_of && p.date > start) {
                return None;
            }
            let index = (first + i) as u32;
            Some(ExcludedView {
                record_kind: RecordKind::Penalty,
                record_index: index,
                record_date: format_date(p.date),
                detail: describe(store, RecordKind::Penalty, index),
                detail_en: describe_en(store, RecordKind::Penalty, index),
                cause,
                since: format_date(since),
                zh: cause.zh(since),
                en: cause.en(since),
            })
        })
        .collect()
}

/// The reasons of `ent` as one short Chinese line, most negative first (at most `max`).
pub fn short_reasons(
    store: &Store,
    policy: &ValidPolicy,
    ctx: &Context,
    ent: EntId,
    as_of: Date,
    overlay: &Overlay,
    max: usize,
) -> String {
    short_reasons_both(store, policy, ctx, ent, as_of, overlay, max).0
}

/// [`short_reasons`] in Chinese and in English (indicator names joined with `；` and `; `),
/// from one scoring of the enterprise.
pub fn short_reasons_both(
    store: &Store,
    policy: &ValidPolicy,
    ctx: &Context,
    ent: EntId,
    as_of: Date,
    overlay: &Overlay,
    max: usize,
) -> (String, String) {
    let mut hits: Vec<Hit> = Vec::new();
    score_with(store, policy, ctx, ent, as_of, overlay, |h| hits.push(h));
    // Merge by indicator, then sort by total points ascending (most negative first).
    let mut merged: Vec<(crate::policy::Indicator, f64, u32)> = Vec::new();
    for h in hits {
        match merged.iter_mut().find(|m| m.0 == h.indicator) {
            Some(m) => {
                m.1 += h.points;
                m.2 += 1;
            }
            None => merged.push((h.indicator, h.points, 1)),
        }
    }
    merged.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    let line = |name: fn(crate::policy::Indicator) -> &'static str, sep: &str| {
        merged
            .iter()
            .take(max)
            .map(|(i, p, n)| {
                let times = if *n > 1 {
                    format!("×{n}")
                } else {
                    String::new()
                };
                format!("{}{} {:+}", name(*i), times, round2(*p))
            })
            .collect::<Vec<_>>()
            .join(sep)
    };
    (
        line(crate::policy::Indicator::zh, "；"),
        line(crate::policy::Indicator::en, "; "),
    )
}
