//! How each indicator reads an enterprise's records, as of a date.

use super::context::Context;
use crate::date::Date;
use crate::policy::{Indicator, ValidPolicy};
use crate::records::*;
use crate::store::Store;

/// One indicator that moved the score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// The indicator.
    pub indicator: Indicator,
    /// Points it added (negative: lowered the score), after decay.
    pub points: f64,
    /// The record behind it, if one.
    pub record: Option<RecordRef>,
    /// The date that placed it in its window.
    pub date: Option<Date>,
}

/// Flags the overrides look at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    /// On 严重违法失信名单 as of the date.
    pub serious: bool,
    /// On 经营异常名录 as of the date.
    pub abnormal: bool,
}

/// Why a penalty stops counting before its indicator window ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stop {
    /// The decision was revoked (撤销日期): from that day it no longer counts.
    Revoked,
    /// Its publicity ended by itself, and the policy stops scoring with publicity
    /// (`rules.publicity.scoring_ends_with_publicity`).
    PublicityEnded,
}

impl Stop {
    /// The reason in Chinese, for a stop on `date`.
    pub fn zh(self, date: Date) -> String {
        match self {
            Stop::Revoked => format!(
                "处罚决定已于{}撤销，不再计分",
                crate::date::format_date(date)
            ),
            Stop::PublicityEnded => format!(
                "公示期已于{}届满，按政策不再计分",
                crate::date::format_date(date)
            ),
        }
    }

    /// The reason in English, for a stop on `date`.
    pub fn en(self, date: Date) -> String {
        match self {
            Stop::Revoked => format!(
                "decision revoked on {}: no longer counted",
                crate::date::format_date(date)
            ),
            Stop::PublicityEnded => format!(
                "publicity ended on {}: no longer counted under the policy",
                crate::date::format_date(date)
            ),
        }
    }
}

/// The first day penalty `p` no longer counts in scoring apart from its indicator windows,
/// and why: its revocation, or — when the policy stops scoring with publicity — the end of its
/// publicity, whichever comes first. `None`: only the windows decide.
pub fn penalty_stops(
    policy: &ValidPolicy,
    entity: Option<EntityType>,
    p: &Penalty,
    as_of: Date,
) -> Option<(Stop, Date)> {
    let rules = &policy.policy().rules;
    let ended = if rules.publicity.scoring_ends_with_publicity {
        crate::law::publicity::publicity_end(rules, p, entity, as_of)
            .map(|d| (Stop::PublicityEnded, d))
    } else {
        None
    };
    let revoked = p.revoked.map(|d| (Stop::Revoked, d));
    match (revoked, ended) {
        (Some(r), Some(e)) => Some(if e.1 < r.1 { e } else { r }),
        (r, e) => r.or(e),
    }
}

/// Whether penalty `p` has stopped counting on `as_of` (see [`penalty_stops`]).
pub fn penalty_stopped(
    policy: &ValidPolicy,
    entity: Option<EntityType>,
    p: &Penalty,
    as_of: Date,
) -> Option<(Stop, Date)> {
    penalty_stops(policy, entity, p, as_of).filter(|&(_, d)| d <= as_of)
}

/// Collects the hits of one enterprise, enforcing each indicator's window and cap.
struct Acc<'a, F: FnMut(Hit)> {
    policy: &'a ValidPolicy,
    ctx: &'a Context,
    excluded: &'a Exclusions,
    as_of: Date,
    counts: [u32; 32],
    sum: f64,
    sink: F,
}

impl<F: FnMut(Hit)> Acc<'_, F> {
    /// The first day *outside* the window of `ind`: a record counts when dated after it.
    fn window_start(&self, ind: Indicator) -> Date {
        self.ctx
            .months_before(self.as_of, self.policy.setting(ind).window_months)
    }

    fn within(&self, ind: Indicator, date: Date) -> bool {
        date <= self.as_of && date > self.window_start(ind)
    }

    /// Counts `ind` for a record dated `date` (window checked when `windowed`).
    fn add(
        &mut self,
        ind: Indicator,
        date: Option<Date>,
        record: Option<RecordRef>,
        windowed: bool,
    ) {
        if !self.excluded.is_empty() && record.is_some_and(|r| self.excluded.contains(&r)) {
            return;
        }
        let s = *self.policy.setting(ind);
        if !s.enabled || self.counts[ind as usize] >= s.max_count {
            return;
        }
        let mut points = s.points;
        if windowed {
            let Some(d) = date else { return };
            if !self.within(ind, d) {
                return;
            }
            if let Some(floor) = s.decay_to {
                let start = self.window_start(ind);
                let len = (self.as_of - start).num_days() as f64;
                let age = (self.as_of - d).num_days() as f64;
                points *= 1.0 - (1.0 - floor) * (age / len);
            }
        }
        self.counts[ind as usize] += 1;
        self.sum += points;
        (self.sink)(Hit {
            indicator: ind,
            points,
            record,
            date,
        });
    }
}

fn rref(kind: RecordKind, first: usize, i: usize) -> Option<RecordRef> {
    Some(RecordRef {
        kind,
        index: (first + i) as u32,
    })
}

/// Evaluates every indicator for `ent` as of `as_of`, with the records in `excluded` left out
/// (list entries among them no longer trigger their overrides), calling `sink` for each hit.
/// Returns the sum of points and the override flags.
pub fn evaluate(
    store: &Store,
    policy: &ValidPolicy,
    ctx: &Context,
    ent: EntId,
    as_of: Date,
    excluded: &Exclusions,
    sink: impl FnMut(Hit),
) -> (f64, Flags) {
    let mut acc = Acc {
        policy,
        ctx,
        excluded,
        as_of,
        counts: [0; 32],
        sum: 0.0,
        sink,
    };
    let mut flags = Flags::default();
    let reg = store.registration(ent);
    let me = Some(RecordRef {
        kind: RecordKind::Registration,
        index: ent,
    });

    if let Some(r) = reg {
        acc.add(Indicator::NewlyEstablished, Some(r.established), me, true);
        let years = policy.policy().params.long_established_years;
        if r.established <= ctx.months_before(as_of, 12 * years) {
            acc.add(Indicator::LongEstablished, Some(r.established), me, false);
        }
    }

    if ctx.has_annual_reports {
        annual_reports(&mut acc, store, ent, reg.map(|r| r.established));
    }

    let entity = reg.map(|r| r.entity_type);
    let (first, rows) = store.penalties.of(ent);
    for (i, p) in rows.iter().enumerate().rev() {
        if penalty_stopped(policy, entity, p, as_of).is_some() {
            continue;
        }
        let r = rref(RecordKind::Penalty, first, i);
        let d = Some(p.date);
        if p.procedure == Procedure::Simple || p.kinds.warning_only() {
            acc.add(Indicator::PenaltyMinor, d, r, true);
        } else {
            acc.add(Indicator::Penalty, d, r, true);
            if !p.fulfilled {
                acc.add(Indicator::PenaltyUnfulfilled, d, r, true);
            }
        }
        if p.aggravated || p.kinds.any_heavy() {
            acc.add(Indicator::PenaltyHeavy, d, r, true);
        }
    }

    let (first, rows) = store.inspections.of(ent);
    for (i, x) in rows.iter().enumerate().rev() {
        let r = rref(RecordKind::Inspection, first, i);
        let d = Some(x.date);
        if x.result.found_problem() {
            acc.add(Indicator::InspectionProblem, d, r, true);
        } else if x.result == InspectionResult::Unreachable {
            acc.add(Indicator::InspectionUnreachable, d, r, true);
        } else if x.result == InspectionResult::NoProblem {
            acc.add(Indicator::InspectionClean, d, r, true);
        }
    }

    let (first, rows) = store.list_entries.of(ent);
    for (i, l) in rows.iter().enumerate().rev() {
        let r = rref(RecordKind::ListEntry, first, i);
        if !excluded.is_empty() && r.is_some_and(|r| excluded.contains(&r)) {
            continue;
        }
        if l.in_force(as_of) {
            match l.list {
                ListKind::Serious => {
                    flags.serious = true;
                    acc.add(Indicator::SeriousList, Some(l.listed), r, false);
                }
                ListKind::Abnormal => {
                    flags.abnormal = true;
                    acc.add(Indicator::AbnormalList, Some(l.listed), r, false);
                }
            }
        } else if l.list == ListKind::Abnormal && l.removed.is_some() {
            acc.add(Indicator::AbnormalListRemoved, l.removed, r, true);
        }
    }

    let (first, rows) = store.licences.of(ent);
    let start = acc.window_start(Indicator::LicenceRevoked);
    for (i, l) in rows.iter().enumerate().rev() {
        let revoked = matches!(l.status, LicenceStatus::Revoked | LicenceStatus::Withdrawn);
        let issued_before = l.issued.is_none_or(|d| d <= as_of);
        let term_in_window = l.expires.is_none_or(|d| d > start);
        if revoked && issued_before && term_in_window {
            let r = rref(RecordKind::Licence, first, i);
            acc.add(Indicator::LicenceRevoked, l.expires.or(l.issued), r, false);
        }
    }

    let (first, rows) = store.commitments.of(ent);
    for (i, c) in rows.iter().enumerate().rev() {
        let r = rref(RecordKind::Commitment, first, i);
        // The outcome is known from the verification date (or the due date).
        let d = c.verified.or(c.due);
        let ind = match c.outcome {
            CommitmentOutcome::Kept => Indicator::CommitmentKept,
            CommitmentOutcome::Broken => Indicator::CommitmentBroken,
            CommitmentOutcome::False => Indicator::CommitmentFalse,
            CommitmentOutcome::Pending => continue,
        };
        acc.add(ind, d.or(Some(c.committed)), r, true);
    }

    if let Some(reg) = reg {
        if reg.address.0 != 0 && reg.status.is_active() {
            let n = ctx.active_at(reg.address);
            if n >= policy.policy().params.address_cluster_size {
                acc.add(Indicator::SharedAddress, None, me, false);
            }
            let serious_here = if ctx.address_serious.is_empty() {
                0
            } else {
                ctx.address_serious.get(&reg.address).copied().unwrap_or(0)
            };
            if serious_here > u32::from(flags.serious) {
                acc.add(Indicator::AddressWithSerious, None, me, false);
            }
        }
    }

    let (first, rows) = store.complaints.of(ent);
    for (i, c) in rows.iter().enumerate().rev() {
        if c.substantiated {
            let r = rref(RecordKind::Complaint, first, i);
            acc.add(Indicator::ComplaintSubstantiated, Some(c.date), r, true);
        }
    }

    (acc.sum, flags)
}

/// Annual reports: for each report year whose deadline has passed as of the date and that the
/// enterprise existed in, the report is on time, late, or missing.
fn annual_reports<F: FnMut(Hit)>(
    acc: &mut Acc<'_, F>,
    store: &Store,
    ent: EntId,
    established: Option<Date>,
) {
    let params = acc.policy.policy().params;
    let deadline = |year: i32| {
        Date::from_ymd_opt(
            year + 1,
            params.annual_report_due_month,
            params.annual_report_due_day,
        )
        .expect("checked by the policy")
    };
    let (first, rows) = store.annual_reports.of(ent);
    let as_of = acc.as_of;
    let oldest = acc
        .window_start(Indicator::AnnualReportOnTime)
        .min(acc.window_start(Indicator::AnnualReportMissing))
        .min(acc.window_start(Indicator::AnnualReportLate));
    let mut year = {
        use chrono::Datelike;
        as_of.year()
    };
    let mut all_on_time = true;
    let mut any_due = false;
    let mut latest_on_time: Option<(Date, usize)> = None;
    // Newest due year first, so the caps keep the most recent occurrences.
    while deadline(year) > oldest {
        let due = deadline(year);
        let existed =
            established.is_none_or(|e| e <= Date::from_ymd_opt(year, 12, 31).unwrap_or(e));
        if due < as_of && existed {
            let found = rows
                .iter()
                .position(|r| r.year as i32 == year && r.filed.is_some_and(|f| f <= as_of));
            let on_time_window = due > acc.window_start(Indicator::AnnualReportOnTime);
            match found {
                Some(i) if rows[i].filed.is_some_and(|f| f <= due) => {
                    if on_time_window {
                        any_due = true;
                        latest_on_time.get_or_insert((due, i));
                    }
                }
                Some(i) => {
                    if on_time_window {
                        any_due = true;
                        all_on_time = false;
                    }
                    let r = rref(RecordKind::AnnualReport, first, i);
                    acc.add(Indicator::AnnualReportLate, rows[i].filed, r, true);
                }
                None => {
                    if on_time_window {
                        any_due = true;
                        all_on_time = false;
                    }
                    let i = rows.iter().position(|r| r.year as i32 == year);
                    let r = i.and_then(|i| rref(RecordKind::AnnualReport, first, i));
                    acc.add(Indicator::AnnualReportMissing, Some(due), r, true);
                }
            }
        }
        year -= 1;
    }
    if any_due && all_on_time {
        if let Some((due, i)) = latest_on_time {
            let r = rref(RecordKind::AnnualReport, first, i);
            acc.add(Indicator::AnnualReportOnTime, Some(due), r, false);
        }
    }
}
