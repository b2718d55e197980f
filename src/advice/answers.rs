//! One enterprise under the rules, as of a date: its records with their windows (publicity,
//! listing periods, scoring windows), its repair options and its measures — what the detail
//! view of the page shows, in one answer.

use super::measures::{measures_for, MeasureAnswer};
use super::repair::{repair_options, score_window_end, RepairReport};
use crate::date::{format_date, parse_date, Date};
use crate::law::lists::{
    abnormal, serious, serious_eligibility, AbnormalAnswer, SeriousAnswer, SeriousEligibility,
};
use crate::law::publicity::{publicity, PenaltyFacts, Publicity};
use crate::law::regime::Regime;
use crate::policy::{Indicator, ValidPolicy};
use crate::records::*;
use crate::score::{describe, describe_en, penalty_stops, score_one, Context, Overlay, Stop};
use crate::store::Store;
use serde::Serialize;

/// One record with its windows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordView {
    /// Record kind.
    pub record_kind: RecordKind,
    /// Row index in the store's table of that kind.
    pub record_index: u32,
    /// Its date.
    pub date: String,
    /// A short description.
    pub detail: String,
    /// The same description in English (record values such as numbers and items as written).
    pub detail_en: String,
    /// The scoring indicator that reads it, if any.
    pub indicator: Option<&'static str>,
    /// Whether the scoring counts it on the as-of date (window only; caps aside).
    pub in_score_window: bool,
    /// The first day the scoring no longer counts it.
    pub score_window_ends: Option<String>,
    /// Left out of scoring by an objection's correction or a repair.
    pub excluded: bool,
    /// Why the scoring stopped counting it before its window ended (e.g. `revoked`), when it
    /// has on the as-of date.
    pub score_stop: Option<Stop>,
    /// Penalty publicity.
    pub publicity: Option<Publicity>,
    /// Whether a penalty could found a serious-list listing.
    pub serious_eligibility: Option<SeriousEligibility>,
    /// An 经营异常名录 entry.
    pub abnormal: Option<AbnormalAnswer>,
    /// A 严重违法失信名单 entry.
    pub serious: Option<SeriousAnswer>,
}

/// Everything the rules say about one enterprise as of a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnterpriseRules {
    /// USCC.
    pub uscc: String,
    /// Name.
    pub name: String,
    /// As-of date.
    pub as_of: String,
    /// The regime in force on it.
    pub regime: Regime,
    /// Its name.
    pub regime_zh: &'static str,
    /// Its name in English.
    pub regime_en: &'static str,
    /// Records with their windows, newest first.
    pub records: Vec<RecordView>,
    /// Repair options.
    pub repair: RepairReport,
    /// Measures.
    pub measures: Vec<MeasureAnswer>,
}

fn window(policy: &ValidPolicy, ind: Indicator, date: Date, as_of: Date) -> (bool, Option<String>) {
    let s = policy.setting(ind);
    let end = score_window_end(date, s.window_months);
    (
        s.enabled && date <= as_of && as_of < end,
        Some(format_date(end)),
    )
}

/// Everything the rules say about `ent` as of `as_of` under an overlay; class-based measures
/// use the class scored under the same overlay on the same day.
pub fn enterprise_rules(
    store: &Store,
    policy: &ValidPolicy,
    ctx: &Context,
    ent: EntId,
    as_of: Date,
    overlay: &Overlay,
) -> EnterpriseRules {
    let excluded = &overlay.excluded;
    let class = score_one(store, policy, ctx, ent, as_of, overlay).class;
    let rules = &policy.policy().rules;
    let cal = policy.calendar();
    let entity = store.registration(ent).map(|r| r.entity_type);
    let mut records = Vec::new();
    let view = |kind, index: usize, date: Date, ind: Option<Indicator>| {
        let rref = RecordRef {
            kind,
            index: index as u32,
        };
        let (in_w, ends) = ind.map_or((false, None), |i| window(policy, i, date, as_of));
        RecordView {
            record_kind: kind,
            record_index: index as u32,
            date: format_date(date),
            detail: describe(store, kind, index as u32),
            detail_en: describe_en(store, kind, index as u32),
            indicator: ind.map(Indicator::id),
            in_score_window: in_w,
            score_window_ends: ends,
            excluded: excluded.contains(&rref),
            score_stop: None,
            publicity: None,
            serious_eligibility: None,
            abnormal: None,
            serious: None,
        }
    };
    let (f, rows) = store.penalties.of(ent);
    for (i, p) in rows.iter().enumerate() {
        let minor = p.procedure == Procedure::Simple || p.kinds.warning_only();
        let ind = if minor {
            Indicator::PenaltyMinor
        } else {
            Indicator::Penalty
        };
        let mut v = view(RecordKind::Penalty, f + i, p.date, Some(ind));
        if let Some((stop, since)) = penalty_stops(policy, entity, p, as_of) {
            let window_end = v.score_window_ends.as_deref().and_then(parse_date);
            if window_end.is_none_or(|e| since < e) {
                v.score_window_ends = Some(format_date(since));
            }
            if since <= as_of {
                v.in_score_window = false;
                v.score_stop = Some(stop);
            }
        }
        v.publicity = Some(publicity(rules, cal, p, entity, PenaltyFacts::of(p), as_of));
        // A revoked decision cannot found a listing.
        if (p.aggravated || p.kinds.any_heavy()) && !p.revoked_by(as_of) {
            v.serious_eligibility = Some(serious_eligibility(rules, p));
        }
        records.push(v);
    }
    let (f, rows) = store.inspections.of(ent);
    for (i, x) in rows.iter().enumerate() {
        let ind = if x.result.found_problem() {
            Some(Indicator::InspectionProblem)
        } else if x.result == InspectionResult::Unreachable {
            Some(Indicator::InspectionUnreachable)
        } else if x.result == InspectionResult::NoProblem {
            Some(Indicator::InspectionClean)
        } else {
            None
        };
        records.push(view(RecordKind::Inspection, f + i, x.date, ind));
    }
    let (f, rows) = store.list_entries.of(ent);
    for (i, l) in rows.iter().enumerate() {
        let mut v = view(RecordKind::ListEntry, f + i, l.listed, None);
        v.in_score_window = l.in_force(as_of) && !v.excluded;
        match l.list {
            ListKind::Abnormal => v.abnormal = Some(abnormal(rules, l, entity, as_of)),
            ListKind::Serious => {
                v.serious = Some(serious(rules, l, store.penalties.of(ent).1, as_of))
            }
        }
        records.push(v);
    }
    let (f, rows) = store.commitments.of(ent);
    for (i, c) in rows.iter().enumerate() {
        let ind = match c.outcome {
            CommitmentOutcome::Kept => Indicator::CommitmentKept,
            CommitmentOutcome::Broken => Indicator::CommitmentBroken,
            CommitmentOutcome::False => Indicator::CommitmentFalse,
            CommitmentOutcome::Pending => continue,
        };
        let d = c.verified.or(c.due).unwrap_or(c.committed);
        records.push(view(RecordKind::Commitment, f + i, d, Some(ind)));
    }
    records.sort_by(|a, b| b.date.cmp(&a.date));
    let regime = Regime::on(as_of, rules.order107_effective);
    EnterpriseRules {
        uscc: store.uscc(ent).to_string(),
        name: store.name(ent).to_string(),
        as_of: format_date(as_of),
        regime,
        regime_zh: regime.zh(),
        regime_en: regime.en(),
        records,
        repair: repair_options(store, policy, ctx, ent, as_of, overlay),
        measures: measures_for(
            store,
            &rules.measures,
            rules.order107_effective,
            ent,
            class,
            as_of,
            excluded,
        ),
    }
}
