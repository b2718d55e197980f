//! The two lists: 经营异常名录 (with the individual businesses' 经营异常状态 mark) and
//! 严重违法失信名单 — periods, objection and removal deadlines, transfer, consequences.
//!
//! Dates: the 3-year periods run from the listing date up to, not including, the same day
//! three years later ([`crate::date::add_months`]); "within 30 days" counts calendar days
//! after the listing day; working-day deadlines follow [`super::Calendar`].

use super::regime::{Basis, Regime, Rule};
use super::settings::RulesPolicy;
use super::{Calendar, Condition};
use crate::date::{add_months, format_date, Date};
use crate::records::{EntityType, ListEntry, ListKind, ListReason, Penalty};
use serde::Serialize;

/// The move of a long-standing abnormal listing to the serious list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Transfer {
    /// The day the listing has lasted the full period: moved on or after this day.
    pub on: String,
    /// First day of the reminder window.
    pub reminder_from: String,
    /// Whether the as-of date is in the reminder window.
    pub in_reminder_window: bool,
    /// Whether the period is complete and the entry still listed on the as-of date.
    pub due: bool,
    /// Basis.
    #[serde(flatten)]
    pub basis: Basis,
}

/// One 经营异常名录 entry (or mark), as of a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AbnormalAnswer {
    /// Basis of the listing (reasons, 10 working days).
    #[serde(flatten)]
    pub basis: Basis,
    /// Listed (or marked) on.
    pub listed: String,
    /// Removed on, if removed.
    pub removed: Option<String>,
    /// Whether in force on the as-of date.
    pub in_force: bool,
    /// An individual business is marked (标记经营异常状态), not listed.
    pub marked: bool,
    /// `列入经营异常名录` or `标记为经营异常状态`.
    pub status_zh: &'static str,
    /// The reason.
    pub reason: ListReason,
    /// The reason in Chinese.
    pub reason_zh: &'static str,
    /// What cures it.
    pub cure_zh: &'static str,
    /// Listed within this many working days of the trigger.
    pub listing_within_working_days: u32,
    /// Removal decided within this many working days of the cure being shown.
    pub removal_decision_working_days: u32,
    /// The last day an objection may be raised.
    pub objection_until: String,
    /// Whether objections are still open on the as-of date.
    pub objection_open: bool,
    /// An objection is accepted or refused within this many working days …
    pub objection_accept_working_days: u32,
    /// … and verified within this many more.
    pub objection_verify_working_days: u32,
    /// The move to the serious list (not for marked individual businesses by default).
    pub transfer: Option<Transfer>,
    /// Listed entities cannot use simplified deregistration (简易注销).
    pub simplified_deregistration_blocked: bool,
    /// Basis of objections.
    pub objection_basis: Basis,
}

/// One 严重违法失信名单 entry, as of a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SeriousAnswer {
    /// Basis of the period.
    #[serde(flatten)]
    pub basis: Basis,
    /// Listed on.
    pub listed: String,
    /// Removed on, if removed.
    pub removed: Option<String>,
    /// Whether in force on the as-of date.
    pub in_force: bool,
    /// The reason.
    pub reason_zh: &'static str,
    /// The day the standard period ends (moved out on this day).
    pub period_ends: String,
    /// The last day of the period.
    pub last_day: String,
    /// First day early removal may be asked.
    pub early_removal_from: String,
    /// Whether the early-removal window is open on the as-of date.
    pub early_removal_open: bool,
    /// Consequences while listed.
    pub consequences: Vec<&'static str>,
    /// Basis of the consequences.
    pub consequences_basis: Basis,
}

/// Whether a penalty could found a serious-list listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SeriousEligibility {
    /// All checkable conditions met (the authority's judgment is still needed).
    pub candidate: bool,
    /// Each condition.
    pub conditions: Vec<Condition>,
    /// Basis.
    #[serde(flatten)]
    pub basis: Basis,
}

/// The consequences of the serious list (DOMAIN.md §5).
pub const SERIOUS_CONSEQUENCES: [&str; 4] = [
    "列为重点监管对象，提高抽查检查比例和频次",
    "不适用告知承诺制",
    "在行政许可、政府采购、招标投标等工作中依法予以限制",
    "不得授予相关荣誉称号",
];

fn cure(reason: ListReason) -> &'static str {
    match reason {
        ListReason::NoAnnualReport => "补报未报年份的年度报告并公示",
        ListReason::InstantInfo => "履行即时信息公示义务",
        ListReason::FalseInformation => "更正其公示的信息",
        ListReason::Unreachable => "依法办理住所或经营场所变更登记，或者申请恢复联系",
        _ => "消除列入事由",
    }
}

/// An 经营异常名录 entry as of `as_of`.
pub fn abnormal(
    rules: &RulesPolicy,
    entry: &ListEntry,
    entity: Option<EntityType>,
    as_of: Date,
) -> AbnormalAnswer {
    let a = &rules.abnormal;
    let regime = Regime::on(as_of, rules.order107_effective);
    let marked = entity == Some(EntityType::Individual);
    let in_force = entry.in_force(as_of);
    let objection_until = entry.listed + chrono::Days::new(a.objection_days as u64);
    let transfer = (!marked || a.transfer_individual_businesses).then(|| {
        let on = add_months(entry.listed, a.transfer_after_months as i32);
        let from = on - chrono::Days::new(a.reminder_days as u64);
        Transfer {
            on: format_date(on),
            reminder_from: format_date(from),
            in_reminder_window: in_force && from <= as_of && as_of < on,
            due: in_force && as_of >= on,
            basis: Rule::AbnormalTransfer.basis(regime),
        }
    });
    AbnormalAnswer {
        basis: if marked {
            Rule::IndividualMarked.basis(regime)
        } else {
            Rule::AbnormalListing.basis(regime)
        },
        listed: format_date(entry.listed),
        removed: entry.removed.map(format_date),
        in_force,
        marked,
        status_zh: if marked {
            "标记为经营异常状态"
        } else {
            "列入经营异常名录"
        },
        reason: entry.reason,
        reason_zh: entry.reason.zh(),
        cure_zh: cure(entry.reason),
        listing_within_working_days: a.listing_within_working_days,
        removal_decision_working_days: a.removal_decision_working_days,
        objection_until: format_date(objection_until),
        objection_open: entry.listed <= as_of && as_of <= objection_until,
        objection_accept_working_days: a.objection_accept_working_days,
        objection_verify_working_days: a.objection_verify_working_days,
        transfer,
        simplified_deregistration_blocked: in_force,
        objection_basis: Rule::AbnormalObjection.basis(regime),
    }
}

/// A 严重违法失信名单 entry as of `as_of`.
pub fn serious(rules: &RulesPolicy, entry: &ListEntry, as_of: Date) -> SeriousAnswer {
    let s = &rules.serious;
    let regime = Regime::on(as_of, rules.order107_effective);
    let ends = add_months(entry.listed, s.period_months as i32);
    let early = add_months(entry.listed, s.early_removal_after_months as i32);
    let in_force = entry.in_force(as_of);
    SeriousAnswer {
        basis: Rule::SeriousPeriod.basis(regime),
        listed: format_date(entry.listed),
        removed: entry.removed.map(format_date),
        in_force,
        reason_zh: entry.reason.zh(),
        period_ends: format_date(ends),
        last_day: format_date(ends.pred_opt().expect("in range")),
        early_removal_from: format_date(early),
        early_removal_open: in_force && early <= as_of && as_of < ends,
        consequences: SERIOUS_CONSEQUENCES.to_vec(),
        consequences_basis: Rule::SeriousConsequences.basis(regime),
    }
}

/// Whether `p` meets the checkable conditions of a serious-list listing. The judgment that the
/// conduct was 性质恶劣、情节严重、社会危害较大 is the authority's and is reported as unknown.
pub fn serious_eligibility(rules: &RulesPolicy, p: &Penalty) -> SeriousEligibility {
    let heavy = p.kinds.any_heavy() || (p.aggravated && p.fine.is_some());
    let domain = rules.serious.domains.contains(&p.domain);
    let conditions = vec![
        Condition::new(
            "heavy_penalty",
            "受到较重行政处罚（从重罚款、降级、吊销许可或执照、限制经营、停产停业、关闭、限制从业）",
            Some(heavy),
            p.kinds.to_zh(),
        ),
        Condition::new(
            "domain",
            "属于食品、药品、产品及特种设备安全、公平竞争、侵害消费者权益等领域",
            Some(domain),
            p.domain.zh().to_string(),
        ),
        Condition::new(
            "judged_serious",
            "经认定性质恶劣、情节严重、社会危害较大",
            None,
            "由作出决定的机关认定".to_string(),
        ),
    ];
    SeriousEligibility {
        candidate: heavy && domain,
        conditions,
        basis: Rule::SeriousListing.basis(Regime::on(p.date, rules.order107_effective)),
    }
}

/// The listing deadline for a trigger on `trigger` (10 working days after).
pub fn abnormal_listing_deadline(
    rules: &RulesPolicy,
    cal: &Calendar,
    trigger: Date,
) -> super::calendar::WorkingDeadline {
    cal.add_working_days(trigger, rules.abnormal.listing_within_working_days)
}

/// Whether `entry` is on `kind`.
pub fn is(entry: &ListEntry, kind: ListKind) -> bool {
    entry.list == kind
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strpool::StrId;

    fn d(s: &str) -> Date {
        crate::date::parse_date(s).unwrap()
    }

    fn entry(list: ListKind, listed: &str) -> ListEntry {
        ListEntry {
            ent: 0,
            list,
            reason: ListReason::NoAnnualReport,
            listed: d(listed),
            removed: None,
            authority: StrId(0),
        }
    }

    #[test]
    fn abnormal_objection_and_transfer_boundaries() {
        let r = RulesPolicy::default();
        let e = entry(ListKind::Abnormal, "2023-07-10");
        let a = abnormal(&r, &e, Some(EntityType::Company), d("2023-08-09"));
        assert_eq!(a.objection_until, "2023-08-09");
        assert!(a.objection_open);
        assert!(!abnormal(&r, &e, None, d("2023-08-10")).objection_open);
        let t = |as_of: &str| abnormal(&r, &e, None, d(as_of)).transfer.unwrap();
        assert_eq!(t("2026-05-10").on, "2026-07-10");
        assert_eq!(t("2026-05-10").reminder_from, "2026-05-11");
        assert!(!t("2026-05-10").in_reminder_window);
        assert!(t("2026-05-11").in_reminder_window);
        assert!(t("2026-07-09").in_reminder_window && !t("2026-07-09").due);
        assert!(t("2026-07-10").due && !t("2026-07-10").in_reminder_window);
    }

    #[test]
    fn individual_businesses_are_marked_not_transferred() {
        let r = RulesPolicy::default();
        let e = entry(ListKind::Abnormal, "2023-07-10");
        let a = abnormal(&r, &e, Some(EntityType::Individual), d("2026-07-10"));
        assert!(a.marked && a.transfer.is_none());
        assert_eq!(a.status_zh, "标记为经营异常状态");
    }

    #[test]
    fn serious_period_and_early_window() {
        let r = RulesPolicy::default();
        let e = entry(ListKind::Serious, "2024-02-29");
        let s = |as_of: &str| serious(&r, &e, d(as_of));
        assert_eq!(s("2024-03-01").early_removal_from, "2025-02-28");
        assert!(!s("2025-02-27").early_removal_open);
        assert!(s("2025-02-28").early_removal_open);
        assert_eq!(s("2025-02-28").period_ends, "2027-02-28");
        assert!(s("2027-02-27").in_force);
        assert!(!s("2027-02-28").early_removal_open);
    }
}
