//! The two lists: 经营异常名录 (with the individual businesses' 经营异常状态 mark) and
//! 严重违法失信名单 — periods, objection and removal deadlines, transfer, consequences.
//!
//! Dates: the 3-year periods run from the listing date up to, not including, the same day
//! three years later ([`crate::date::add_months`]); "within 30 days" counts calendar days
//! after the listing day; working-day deadlines follow [`crate::calendar::Calendar`].

use super::regime::{AbnormalText, Basis, Regime, Rule};
use super::Condition;
use crate::calendar::Calendar;
use crate::date::{add_months, format_date, Date};
use crate::policy::RulesPolicy;
use crate::records::{EntityType, ListEntry, ListKind, ListReason, Penalty};
use serde::Serialize;

/// The move of a long-standing abnormal listing to the serious list (the 2014 texts only).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Transfer {
    /// The day the listing has lasted the full period.
    pub on: String,
    /// First day of the reminder window.
    pub reminder_from: String,
    /// Whether the rule still moved listings on `on`: false when the period completes on or
    /// after `rules.abnormal.transfer_abolished` (the 2024 revision of the 条例).
    pub applies: bool,
    /// Whether the as-of date is in the reminder window (only when it applies).
    pub in_reminder_window: bool,
    /// Whether the period is complete and the entry still listed on the as-of date (only when
    /// it applies).
    pub due: bool,
    /// Why it does not apply, when it does not.
    pub note_zh: Option<String>,
    /// The same in English.
    pub note_en: Option<String>,
    /// Basis: the 2014 texts, or the 2024 decision that ended the rule.
    #[serde(flatten)]
    pub basis: Basis,
}

/// One 经营异常名录 entry (or mark), as of a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AbnormalAnswer {
    /// Basis of the listing: the article for its reason in the texts of the listing date.
    #[serde(flatten)]
    pub basis: Basis,
    /// The texts in force on the listing date (see [`AbnormalText`]).
    pub texts: AbnormalText,
    /// Listed (or marked) on.
    pub listed: String,
    /// Removed on, if removed.
    pub removed: Option<String>,
    /// Whether in force on the as-of date.
    pub in_force: bool,
    /// An individual business marked (标记经营异常状态) rather than listed: before Order 101.
    pub marked: bool,
    /// `列入经营异常名录` or `标记为经营异常状态`.
    pub status_zh: &'static str,
    /// The same in English (`listed as abnormal` or `marked as abnormal`).
    pub status_en: &'static str,
    /// The reason.
    pub reason: ListReason,
    /// The reason in Chinese.
    pub reason_zh: &'static str,
    /// The reason in English.
    pub reason_en: &'static str,
    /// What cures it.
    pub cure_zh: &'static str,
    /// What cures it, in English.
    pub cure_en: &'static str,
    /// Listed within this many working days of the trigger.
    pub listing_within_working_days: u32,
    /// Removal decided within this many working days of the cure being shown (by the regime
    /// that answers the question: `rules.abnormal.removal_decision_working_days`, or Order
    /// 107's `abnormal_decision_working_days`, the same the repair answer gives).
    pub removal_decision_working_days: u32,
    /// Basis of removal once cured.
    pub removal_basis: Basis,
    /// The last day an objection may be raised.
    pub objection_until: String,
    /// Whether objections are still open on the as-of date.
    pub objection_open: bool,
    /// An objection is accepted or refused within this many working days …
    pub objection_accept_working_days: u32,
    /// … and verified within this many more.
    pub objection_verify_working_days: u32,
    /// The move to the serious list (not for individual businesses by default).
    pub transfer: Option<Transfer>,
    /// Listed entities cannot use simplified deregistration (简易注销).
    pub simplified_deregistration_blocked: bool,
    /// Basis of objections.
    pub objection_basis: Basis,
    /// Remarks, e.g. a reason the texts of the listing date no longer list (Chinese).
    pub notes: Vec<String>,
    /// The same remarks in English, one for one.
    pub notes_en: Vec<String>,
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
    /// The reason in English.
    pub reason_en: &'static str,
    /// The day the standard period ends (moved out on this day).
    pub period_ends: String,
    /// The last day of the period.
    pub last_day: String,
    /// When a recorded restriction longer than the standard period sets `period_ends`, its
    /// end (Order 44 第二十一条).
    pub restriction_ends: Option<String>,
    /// First day early removal may be asked.
    pub early_removal_from: String,
    /// Whether the early-removal window is open on the as-of date.
    pub early_removal_open: bool,
    /// Consequences while listed.
    pub consequences: Vec<&'static str>,
    /// The same consequences in English, one for one.
    pub consequences_en: Vec<&'static str>,
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

/// The management measures of the serious list, in the order of Order 44 第十五条.
pub const SERIOUS_CONSEQUENCES: [&str; 4] = [
    "在审查行政许可、资质、资格、委托承担政府采购项目、工程招投标时作为重要考量因素",
    "列为重点监管对象，提高检查频次，依法严格监管",
    "不适用告知承诺制",
    "不予授予市场监督管理部门荣誉称号等表彰奖励",
];

/// [`SERIOUS_CONSEQUENCES`] in English, one for one.
pub const SERIOUS_CONSEQUENCES_EN: [&str; 4] = [
    "weighed as an important factor when reviewing licences, qualifications, government procurement and tenders",
    "key supervision: more frequent checks, strict supervision by law",
    "no notification-and-commitment procedure",
    "no honours or awards of the market-regulation authorities",
];

/// What cures a listing, in Chinese and English.
fn cure(reason: ListReason) -> (&'static str, &'static str) {
    match reason {
        ListReason::NoAnnualReport => (
            "补报未报年份的年度报告并公示",
            "file and publish the missing annual reports",
        ),
        ListReason::InstantInfo => (
            "履行即时信息公示义务",
            "publish the instant information as required",
        ),
        ListReason::FalseInformation => ("更正其公示的信息", "correct the published information"),
        ListReason::Unreachable => (
            "依法办理住所或经营场所变更登记，或者申请恢复联系",
            "register the change of address or premises, or apply to be reachable again",
        ),
        ListReason::NameChange => (
            "依法完成企业名称变更登记",
            "register the change of the enterprise name",
        ),
        _ => ("消除列入事由", "remove the cause of the listing"),
    }
}

/// An 经营异常名录 entry as of `as_of`. The texts of the listing date decide whether an
/// individual business is marked or listed, which articles apply, and whether a listing of
/// 3 years moves to the serious list ([`AbnormalText`]).
pub fn abnormal(
    rules: &RulesPolicy,
    entry: &ListEntry,
    entity: Option<EntityType>,
    as_of: Date,
) -> AbnormalAnswer {
    let a = &rules.abnormal;
    let regime = Regime::for_question(rules, entry.listed, as_of);
    let texts = AbnormalText::on(entry.listed, a.transfer_abolished, a.order101_effective);
    let individual = entity == Some(EntityType::Individual);
    let marked = individual && texts.marks_individuals();
    let in_force = entry.in_force(as_of);
    let objection_until = entry.listed + chrono::Days::new(a.objection_days as u64);
    let transfer = (!individual || a.transfer_individual_businesses).then(|| {
        let on = add_months(entry.listed, a.transfer_after_months as i32);
        let from = on - chrono::Days::new(a.reminder_days as u64);
        let applies = on < a.transfer_abolished;
        Transfer {
            on: format_date(on),
            reminder_from: format_date(from),
            applies,
            in_reminder_window: applies && in_force && from <= as_of && as_of < on,
            due: applies && in_force && as_of >= on,
            note_zh: (!applies).then(|| {
                format!(
                    "{}起施行的修订后《企业信息公示暂行条例》不再规定列入经营异常名录届满3年转入严重违法失信名单",
                    format_date(a.transfer_abolished)
                )
            }),
            note_en: (!applies).then(|| {
                format!(
                    "the Interim Regulations on Enterprise Information Publicity as revised from {} no longer move a listing of 3 years to the serious violations list",
                    format_date(a.transfer_abolished)
                )
            }),
            basis: if applies {
                AbnormalText::transfer(regime)
            } else {
                AbnormalText::transfer_abolished(regime)
            },
        }
    });
    let mut notes = Vec::new();
    let mut notes_en = Vec::new();
    if !individual && !texts.lists_for(entry.reason) {
        let day = format_date(a.order101_effective);
        let (zh, en) = match entry.reason {
            ListReason::FalseInformation => (
                format!(
                    "{day}起修订后的《企业经营异常名录管理办法》不再以公示信息隐瞒真实情况、弄虚作假列入经营异常名录（依《企业信息公示暂行条例》第十八条第二款处罚，情节严重的列入严重违法失信名单）"
                ),
                format!(
                    "from {day} the revised Measures for the List of Enterprises with Abnormal Operations no longer list false published information (it is fined under art. 18, para. 2 of the Interim Regulations on Enterprise Information Publicity, and serious cases go to the serious violations list)"
                ),
            ),
            _ => (
                format!("列入日期早于{day}，当时的《企业经营异常名录管理暂行办法》未规定此列入事由"),
                format!(
                    "listed before {day}: the Interim Measures then in force did not list this reason"
                ),
            ),
        };
        notes.push(zh);
        notes_en.push(en);
    }
    let (cure_zh, cure_en) = cure(entry.reason);
    AbnormalAnswer {
        basis: texts.listing(entry.reason, individual, regime),
        texts,
        listed: format_date(entry.listed),
        removed: entry.removed.map(format_date),
        in_force,
        marked,
        status_zh: if marked {
            "标记为经营异常状态"
        } else {
            "列入经营异常名录"
        },
        status_en: if marked {
            "marked as abnormal"
        } else {
            "on the abnormal-operations list"
        },
        reason: entry.reason,
        reason_zh: entry.reason.zh(),
        reason_en: entry.reason.en(),
        cure_zh,
        cure_en,
        listing_within_working_days: a.listing_within_working_days,
        removal_decision_working_days: match regime {
            Regime::Rules2021 => a.removal_decision_working_days,
            Regime::Order107 => rules.order107.abnormal_decision_working_days,
        },
        removal_basis: texts.removal(entry.reason, individual, regime),
        objection_until: format_date(objection_until),
        objection_open: entry.listed <= as_of && as_of <= objection_until,
        objection_accept_working_days: a.objection_accept_working_days,
        objection_verify_working_days: a.objection_verify_working_days,
        transfer,
        simplified_deregistration_blocked: in_force,
        objection_basis: texts.objection(individual, regime),
        notes,
        notes_en,
    }
}

/// The day a serious listing ends by itself and, when it is later than the standard period,
/// the restriction that sets it: 3 years after listing, or the end of a longer recorded
/// restriction (限制经营 / 停产停业 / 限制从业) imposed by a penalty decided on or before the
/// listing and not revoked by `as_of` (Order 44 第二十一条; Order 107 第八条第二款).
pub fn serious_ends(
    rules: &RulesPolicy,
    entry: &ListEntry,
    penalties: &[Penalty],
    as_of: Date,
) -> (Date, Option<Date>) {
    let standard = add_months(entry.listed, rules.serious.period_months as i32);
    let longest = penalties
        .iter()
        .filter(|p| p.date <= entry.listed && !p.revoked_by(as_of) && p.restricts())
        .filter_map(Penalty::restriction_ends)
        .max();
    match longest {
        Some(end) if end > standard => (end, Some(end)),
        _ => (standard, None),
    }
}

/// A 严重违法失信名单 entry as of `as_of`; `penalties` are the enterprise's (see
/// [`serious_ends`]).
pub fn serious(
    rules: &RulesPolicy,
    entry: &ListEntry,
    penalties: &[Penalty],
    as_of: Date,
) -> SeriousAnswer {
    let s = &rules.serious;
    let regime = Regime::for_question(rules, entry.listed, as_of);
    let (ends, restriction) = serious_ends(rules, entry, penalties, as_of);
    let early = add_months(entry.listed, s.early_removal_after_months as i32);
    let in_force = entry.in_force(as_of);
    SeriousAnswer {
        basis: Rule::SeriousPeriod.basis(regime),
        listed: format_date(entry.listed),
        removed: entry.removed.map(format_date),
        in_force,
        reason_zh: entry.reason.zh(),
        reason_en: entry.reason.en(),
        period_ends: format_date(ends),
        last_day: format_date(ends.pred_opt().expect("in range")),
        restriction_ends: restriction.map(format_date),
        early_removal_from: format_date(early),
        early_removal_open: in_force && early <= as_of && as_of < ends,
        consequences: SERIOUS_CONSEQUENCES.to_vec(),
        consequences_en: SERIOUS_CONSEQUENCES_EN.to_vec(),
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
            (
                "受到较重行政处罚（从重罚款、降级、吊销许可或执照、限制经营、停产停业、关闭、限制从业）",
                "a heavier administrative penalty (aggravated fine, demotion, licence or business licence revoked, operation restricted, suspension, closure, practice restricted)",
            ),
            Some(heavy),
            (p.kinds.to_zh(), p.kinds.to_en()),
        ),
        Condition::new(
            "domain",
            (
                "属于第五条至第十一条所列违法行为的领域（食品，药品、医疗器械、化妆品，质量安全，侵害消费者权益，破坏公平竞争和扰乱市场秩序，无证经营、虚假登记、妨碍检查等）",
                "in a field of arts. 5–11 (food; drugs, medical devices, cosmetics; quality and safety; consumer rights; fair competition and market order; unlicensed business, false registration, obstructing checks, etc.)",
            ),
            Some(domain),
            (p.domain.zh().to_string(), p.domain.en().to_string()),
        ),
        Condition::new(
            "judged_serious",
            (
                "经认定性质恶劣、情节严重、社会危害较大",
                "judged vile in nature, serious in circumstances and of great social harm",
            ),
            None,
            (
                "由作出决定的机关认定".to_string(),
                "for the deciding authority to judge".to_string(),
            ),
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
) -> crate::calendar::WorkingDeadline {
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
            reason_text: crate::strpool::StrId(0),
            ent: 0,
            list,
            reason: ListReason::NoAnnualReport,
            listed: d(listed),
            removed: None,
            authority: StrId(0),
        }
    }

    #[test]
    fn abnormal_objection_boundaries() {
        let r = RulesPolicy::default();
        let e = entry(ListKind::Abnormal, "2023-07-10");
        let a = abnormal(&r, &e, Some(EntityType::Company), d("2023-08-09"));
        assert_eq!(a.objection_until, "2023-08-09");
        assert!(a.objection_open);
        assert!(!abnormal(&r, &e, None, d("2023-08-10")).objection_open);
        assert!(a.objection_basis.basis.ends_with("第68号）第十六条"));
        assert!(a.basis.basis.ends_with("第四条第（一）项、第六条"));
        assert!(a.removal_basis.basis.ends_with("第十一条"));
    }

    /// The 3-year transfer (2014 条例第十七条第二款) applies when the period completes before
    /// 2024-05-01, the day the revised 条例 took effect; not from that day.
    #[test]
    fn transfer_only_under_the_2014_texts() {
        let r = RulesPolicy::default();
        let e = entry(ListKind::Abnormal, "2021-04-30");
        let t = |as_of: &str| abnormal(&r, &e, None, d(as_of)).transfer.unwrap();
        assert_eq!(t("2024-01-01").on, "2024-04-30");
        assert_eq!(t("2024-01-01").reminder_from, "2024-03-01");
        assert!(t("2024-01-01").applies);
        assert!(!t("2024-02-29").in_reminder_window);
        assert!(t("2024-03-01").in_reminder_window);
        assert!(t("2024-04-29").in_reminder_window && !t("2024-04-29").due);
        assert!(t("2024-04-30").due && !t("2024-04-30").in_reminder_window);
        assert!(t("2024-04-30").basis.basis.contains("第十七条第二款"));
        // Completing on the day the rule ended: no transfer, and the answer says why.
        let e = entry(ListKind::Abnormal, "2021-05-01");
        let t = abnormal(&r, &e, None, d("2024-05-01")).transfer.unwrap();
        assert_eq!(t.on, "2024-05-01");
        assert!(!t.applies && !t.due && !t.in_reminder_window);
        assert!(t.note_zh.unwrap().starts_with("2024-05-01起"));
        assert!(t.basis.basis.contains("修改和废止部分行政法规的决定"));
        // … nor a listing whose reminder window would have begun before it.
        let e = entry(ListKind::Abnormal, "2021-06-01");
        let t = abnormal(&r, &e, None, d("2024-04-15")).transfer.unwrap();
        assert!(!t.applies && !t.in_reminder_window);
        // The policy moves the day.
        let mut r2 = r.clone();
        r2.abnormal.transfer_abolished = d("2024-06-02");
        assert!(
            abnormal(&r2, &e, None, d("2024-06-01"))
                .transfer
                .unwrap()
                .due
        );
    }

    /// Individual businesses are marked before Order 101 and listed from its day; neither is
    /// moved to the serious list by default.
    #[test]
    fn individual_businesses_marked_then_listed() {
        let r = RulesPolicy::default();
        let ind = Some(EntityType::Individual);
        let a = abnormal(
            &r,
            &entry(ListKind::Abnormal, "2025-03-17"),
            ind,
            d("2025-06-01"),
        );
        assert!(a.marked && a.transfer.is_none());
        assert_eq!(a.status_zh, "标记为经营异常状态");
        assert!(a.basis.basis.starts_with("个体工商户年度报告暂行办法"));
        assert!(a.basis.basis.ends_with("第十三条"));
        let a = abnormal(
            &r,
            &entry(ListKind::Abnormal, "2025-03-18"),
            ind,
            d("2025-06-01"),
        );
        assert!(!a.marked && a.transfer.is_none());
        assert_eq!(a.status_zh, "列入经营异常名录");
        assert!(a.basis.basis.starts_with("个体工商户年度报告办法（2025年"));
        assert!(a.objection_basis.basis.ends_with("第十九条"));
        assert_eq!(a.texts, AbnormalText::Order101);
    }

    /// From Order 101, false information is no longer an abnormal-list reason for enterprises;
    /// a listing recorded with it says so.
    #[test]
    fn reasons_follow_the_texts_of_the_listing_date() {
        let r = RulesPolicy::default();
        let mut e = entry(ListKind::Abnormal, "2025-04-01");
        e.reason = ListReason::FalseInformation;
        let a = abnormal(&r, &e, Some(EntityType::Company), d("2025-06-01"));
        assert_eq!(a.notes.len(), 1, "{:?}", a.notes);
        assert!(a.basis.basis.ends_with("第十八条第二款"));
        e.listed = d("2025-03-17");
        assert!(abnormal(&r, &e, None, d("2025-06-01")).notes.is_empty());
        e.reason = ListReason::NameChange;
        assert_eq!(abnormal(&r, &e, None, d("2025-06-01")).notes.len(), 1);
        e.listed = d("2025-03-18");
        let a = abnormal(&r, &e, None, d("2025-06-01"));
        assert!(a.notes.is_empty());
        assert_eq!(a.cure_zh, "依法完成企业名称变更登记");
        assert!(a.objection_basis.basis.ends_with("第101号修订）第十五条"));
    }

    /// Order 44 第九条第三项 (价格串通、哄抬价格) makes a pricing 从重 fine a candidate; the
    /// authority's judgment stays unknown; a bureau may narrow the fields.
    #[test]
    fn serious_candidates_follow_order44_fields() {
        let mut p = crate::law::publicity::tests::pen("2024-03-01", "罚款", Some(80_000.0));
        p.domain = crate::records::Domain::Price;
        p.aggravated = true;
        let r = RulesPolicy::default();
        let e = serious_eligibility(&r, &p);
        assert!(e.candidate);
        assert_eq!(e.conditions[2].status, super::super::Status::Unknown);
        assert!(e.basis.basis.ends_with("第二条、第五条至第十二条"));
        p.aggravated = false;
        assert!(!serious_eligibility(&r, &p).candidate);
        p.aggravated = true;
        let mut narrow = r.clone();
        narrow.serious.domains = vec![crate::records::Domain::Food];
        assert!(!serious_eligibility(&narrow, &p).candidate);
        let s = serious(
            &r,
            &entry(ListKind::Serious, "2024-02-29"),
            &[],
            d("2024-03-01"),
        );
        assert_eq!(s.consequences[2], "不适用告知承诺制");
        assert!(s.consequences_basis.basis.ends_with("第十五条"));
    }

    /// A restriction longer than 3 years keeps the listing until it ends (Order 44 第二十一条);
    /// one decided after the listing, or revoked, does not.
    #[test]
    fn serious_period_runs_to_a_longer_restriction() {
        use crate::law::publicity::tests::pen;
        let r = RulesPolicy::default();
        let e = entry(ListKind::Serious, "2024-03-01");
        let mut p = pen("2024-02-20", "限制从业", None);
        p.restriction_months = Some(60);
        let s = serious(&r, &e, std::slice::from_ref(&p), d("2026-01-01"));
        assert_eq!(s.period_ends, "2029-02-20");
        assert_eq!(s.restriction_ends.as_deref(), Some("2029-02-20"));
        assert!(s.early_removal_open);
        assert!(serious(&r, &e, std::slice::from_ref(&p), d("2029-02-19")).in_force);
        let mut short = p;
        short.restriction_months = Some(24);
        let s = serious(&r, &e, &[short], d("2026-01-01"));
        assert_eq!(
            (s.period_ends.as_str(), s.restriction_ends),
            ("2027-03-01", None)
        );
        let mut later = p;
        later.date = d("2024-03-02");
        assert_eq!(
            serious(&r, &e, &[later], d("2026-01-01")).period_ends,
            "2027-03-01"
        );
        let mut revoked = p;
        revoked.revoked = Some(d("2025-01-01"));
        assert_eq!(
            serious(&r, &e, &[revoked], d("2026-01-01")).period_ends,
            "2027-03-01"
        );
    }

    #[test]
    fn serious_period_and_early_window() {
        let r = RulesPolicy::default();
        let e = entry(ListKind::Serious, "2024-02-29");
        let s = |as_of: &str| serious(&r, &e, &[], d(as_of));
        assert_eq!(s("2024-03-01").early_removal_from, "2025-02-28");
        assert!(!s("2025-02-27").early_removal_open);
        assert!(s("2025-02-28").early_removal_open);
        assert_eq!(s("2025-02-28").period_ends, "2027-02-28");
        assert!(s("2027-02-27").in_force);
        assert!(!s("2027-02-28").early_removal_open);
    }
}
