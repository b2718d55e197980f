//! The abnormal-list duties of one enterprise as of a date (docs/RULES.md §5, §20):
//!
//! - **listing due**: an active registered enterprise, established by the end of the latest
//!   report year whose deadline (`params.annual_report_due_*`, 30 June) has passed, with no
//!   report for that year filed by the as-of date and no 经营异常名录 listing for a missing
//!   report since the deadline. Only when annual reports are loaded at all. The deadline is
//!   [`abnormal_listing_deadline`] counted from the report deadline.
//! - **removal due**: a listing in force whose cause the repair answer finds cured (a report
//!   filed after the listing): the removal is decided within the working days the law answer
//!   gives, counted from the filing.
//! - **objection open**: a listing in force still inside its objection period.
//! - **transfer due**: a listing the 2014 texts move to the serious list (in the reminder
//!   window or past its 3 years).

use super::labels::Item;
use super::Entry;
use crate::advice::repair::RepairReport;
use crate::date::Date;
use crate::law::lists::{abnormal, abnormal_listing_deadline};
use crate::policy::ValidPolicy;
use crate::records::*;
use crate::store::Store;
use chrono::Datelike;

/// The report year whose deadline is the latest one before `as_of`, and that deadline.
pub(super) fn report_year(policy: &ValidPolicy, as_of: Date) -> Option<(i32, Date)> {
    let p = &policy.policy().params;
    let deadline =
        |y: i32| Date::from_ymd_opt(y + 1, p.annual_report_due_month, p.annual_report_due_day);
    let y = as_of.year() - 1;
    match deadline(y)? {
        d if d < as_of => Some((y, d)),
        _ => Some((y - 1, deadline(y - 1)?)),
    }
}

/// The first day after `listed` (inclusive) and up to `as_of` on which the report of a year
/// was filed: the cure of a listing for a missing report.
pub(super) fn cured_on(store: &Store, ent: EntId, listed: Date, as_of: Date) -> Option<Date> {
    store
        .annual_reports
        .of(ent)
        .1
        .iter()
        .filter_map(|r| r.filed)
        .filter(|f| *f >= listed && *f <= as_of)
        .min()
}

/// Appends the abnormal-list duties of `ent` to `out`.
pub(super) fn abnormal_duties(
    out: &mut Vec<Entry>,
    store: &Store,
    policy: &ValidPolicy,
    ent: EntId,
    as_of: Date,
    excluded: &Exclusions,
    report: Option<&RepairReport>,
) {
    let rules = &policy.policy().rules;
    let (first, rows) = store.list_entries.of(ent);
    let reg = store.registration(ent);
    if let (Some(reg), false) = (reg, store.annual_reports.is_empty()) {
        if let Some((year, deadline)) = report_year(policy, as_of) {
            let existed = Date::from_ymd_opt(year, 12, 31).is_some_and(|e| reg.established <= e);
            let filed = store
                .annual_reports
                .of(ent)
                .1
                .iter()
                .any(|r| r.year as i32 == year && r.filed.is_some_and(|f| f <= as_of));
            let listed = rows.iter().any(|l| {
                l.list == ListKind::Abnormal
                    && l.reason == ListReason::NoAnnualReport
                    && l.listed > deadline
                    && l.listed <= as_of
            });
            if reg.status.is_active() && existed && !filed && !listed {
                let due = abnormal_listing_deadline(rules, policy.calendar(), deadline);
                out.push(Entry {
                    ent,
                    item: Item::ListingDue,
                    record: None,
                    date: deadline,
                    due: Some(due.due_date()),
                    now: false,
                    aux: year as u32,
                });
            }
        }
    }
    let entity = reg.map(|r| r.entity_type);
    for (i, l) in rows.iter().enumerate() {
        let r = RecordRef {
            kind: RecordKind::ListEntry,
            index: (first + i) as u32,
        };
        if l.list != ListKind::Abnormal || !l.in_force(as_of) || excluded.contains(&r) {
            continue;
        }
        let a = abnormal(rules, l, entity, as_of);
        let mut push = |item, date, due| {
            out.push(Entry {
                ent,
                item,
                record: Some(r),
                date,
                due: Some(due),
                now: false,
                aux: 0,
            })
        };
        let cured = report.is_some_and(|rep| {
            rep.options.iter().any(|o| {
                o.record_kind == r.kind
                    && o.record_index == r.index
                    && o.conditions
                        .iter()
                        .any(|c| c.id == "cause_cured" && c.met())
            })
        });
        if let Some(f) = cured
            .then(|| cured_on(store, ent, l.listed, as_of))
            .flatten()
        {
            let due = policy
                .calendar()
                .add_working_days(f, a.removal_decision_working_days);
            push(Item::RemovalDue, f, due.due_date());
        }
        if a.objection_open {
            if let Some(until) = crate::date::parse_date(&a.objection_until) {
                push(Item::ObjectionOpen, l.listed, until);
            }
        }
        if let Some(t) = a.transfer.filter(|t| t.due || t.in_reminder_window) {
            if let Some(on) = crate::date::parse_date(&t.on) {
                push(Item::TransferDue, l.listed, on);
            }
        }
    }
}
