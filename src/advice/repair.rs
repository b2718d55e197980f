//! Credit repair (信用修复) per negative record, as of a date.
//!
//! The regime of each record is chosen by `rules.transition` (by default the one in force on the
//! as-of date, the day repair would be asked; see [`Regime::for_question`]), the same one
//! that answers the record's publicity or listing. For each
//! negative record the answer gives: repairable at all, eligible now, the earliest day it may
//! be asked, each condition met / unmet / unknown, the day it stops by itself (publicity or
//! listing period) and the day the scoring stops counting it (its indicator's window), the
//! decision deadline in working days, and a what-if: the score and class after the repair.
//!
//! 2021 rules [S]: penalty publicity may end early after 6 months (food, drugs, special
//! equipment: 12) if obligations are fulfilled, harm eliminated, no repeat penalty in the same
//! field (a revoked decision is none) and not on either list; never for 停产停业, 限制经营, 限制从业, 降级, 吊销许可/执照.
//! Serious list: early removal when listed ≥ 1 year and < 3 years, restrictions expired,
//! obligations fulfilled, harm eliminated, no further 较重处罚. Abnormal list: by curing the
//! cause, no wait. Decisions in 15 working days (abnormal removal: 5).
//! Order 107 [L]: 轻微 stops by itself; 一般 repair after 3 months; 严重 after 12 (降级, 吊销
//! and 责令关闭 never); negative inspection results are graded `rules.order107.inspection_grade`
//! (轻微 by default, 第十条: they stop after 3 months by themselves), other negative records
//! `other_records_grade` (一般 [P]); decisions in 7 working days, 2 for the abnormal list.

use crate::calendar::Calendar;
use crate::date::{add_months, format_date, Date};
use crate::law::publicity::{publicity, PenaltyFacts};
use crate::law::regime::{Basis, Regime, Rule};
use crate::law::Condition;
use crate::policy::{class_letter, Grade, Indicator, ValidPolicy};
use crate::records::*;
use crate::score::{describe, describe_en, penalty_stops, round2, score_one, Context, Overlay};
use crate::store::Store;
use serde::Serialize;

/// The score and class the enterprise would have after a repair.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WhatIf {
    /// Score now.
    pub score_now: f64,
    /// Class now (letter or `-`).
    pub class_now: &'static str,
    /// Score with the record no longer counting.
    pub score: f64,
    /// Class with the record no longer counting.
    pub class: &'static str,
    /// Score change.
    pub delta: f64,
}

/// The repair answer for one negative record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RepairOption {
    /// Record kind.
    pub record_kind: RecordKind,
    /// Row index in the store's table of that kind.
    pub record_index: u32,
    /// The record's date (decision, inspection, listing, verification).
    pub record_date: String,
    /// A short description of the record.
    pub detail: String,
    /// The same description in English (record values such as numbers and items as written).
    pub detail_en: String,
    /// Whether repair can be asked for it at all (now or later).
    pub repairable: bool,
    /// Whether every condition is met on the as-of date.
    pub eligible_now: bool,
    /// Regime and basis.
    #[serde(flatten)]
    pub basis: Basis,
    /// The answer in one sentence (Chinese).
    pub summary_zh: String,
    /// The answer in one sentence, in English (from the same values as `summary_zh`).
    pub summary_en: String,
    /// Order 107's grade, when that regime applies.
    pub grade: Option<Grade>,
    /// The earliest day repair may be asked.
    pub earliest: Option<String>,
    /// Each condition.
    pub conditions: Vec<Condition>,
    /// The day the publicity or listing stops by itself (`None`: never by itself).
    pub stops_by_itself: Option<String>,
    /// The first day the scoring no longer counts the record (its indicator's window).
    pub score_window_ends: Option<String>,
    /// The decision is due within this many working days of acceptance.
    pub decision_working_days: Option<u32>,
    /// An application is accepted or refused within this many working days of receipt
    /// (`None`: the text as read gives no period; acceptance is taken on receipt).
    pub accept_working_days: Option<u32>,
    /// If asked on the later of the as-of date and `earliest`: the last day of acceptance.
    pub accept_by: Option<String>,
    /// … and the decision's due date, counted from that acceptance. `None` while a condition
    /// other than the waiting period is unmet or unknown: see `decision_after_zh`.
    pub decision_due: Option<String>,
    /// What must happen before the application can be decided, when `decision_due` is `None`.
    pub decision_after_zh: Option<String>,
    /// The same in English.
    pub decision_after_en: Option<String>,
    /// Years without holiday data met counting `decision_due`.
    pub uncovered_years: Vec<i32>,
    /// Score and class after the repair.
    pub what_if: Option<WhatIf>,
}

/// Repair options of one enterprise.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RepairReport {
    /// USCC.
    pub uscc: String,
    /// The as-of date.
    pub as_of: String,
    /// The regime in force on it.
    pub regime: Regime,
    /// Its name.
    pub regime_zh: &'static str,
    /// Its name in English.
    pub regime_en: &'static str,
    /// One answer per negative record.
    pub options: Vec<RepairOption>,
}

/// The first day on which a record dated `date` is outside a `months`-month scoring window
/// (a record counts while `date > as_of − months`).
pub fn score_window_end(date: Date, months: u32) -> Date {
    let m = months as i32;
    let mut e = add_months(date, m);
    while let Some(p) = e.pred_opt() {
        if add_months(p, -m) >= date {
            e = p;
        } else {
            break;
        }
    }
    while add_months(e, -m) < date {
        e = e.succ_opt().expect("in range");
    }
    e
}

struct Ctx<'a> {
    store: &'a Store,
    policy: &'a ValidPolicy,
    cal: &'a Calendar,
    ent: EntId,
    as_of: Date,
    excluded: &'a Exclusions,
}

impl Ctx<'_> {
    fn window_end(&self, ind: Indicator, date: Date) -> Option<String> {
        let s = self.policy.setting(ind);
        s.enabled
            .then(|| format_date(score_window_end(date, s.window_months)))
    }

    fn on_a_list(&self) -> Vec<&ListEntry> {
        let (first, rows) = self.store.list_entries.of(self.ent);
        rows.iter()
            .enumerate()
            .filter(|(i, l)| {
                l.in_force(self.as_of)
                    && !self.excluded.contains(&RecordRef {
                        kind: RecordKind::ListEntry,
                        index: (first + i) as u32,
                    })
            })
            .map(|(_, l)| l)
            .collect()
    }

    /// Fills the acceptance and decision dates of a repairable option, or says what must
    /// happen first.
    fn schedule(&self, o: &mut RepairOption, earliest: Date) {
        let Some(days) = o.decision_working_days.filter(|_| o.repairable) else {
            return;
        };
        let rules = &self.policy.policy().rules;
        let accept = match o.basis.regime {
            Regime::Rules2021 => Some(rules.repair2021.accept_working_days),
            Regime::Order107 => rules.order107.accept_working_days,
        };
        o.accept_working_days = accept;
        let blocking: Vec<&Condition> = o
            .conditions
            .iter()
            .filter(|k| !k.met() && k.id != "min_period")
            .collect();
        let (accepted_zh, accepted_en) = match accept {
            Some(a) => (
                format!("收到申请后{a}个工作日内决定是否受理，"),
                format!("accepted or refused within {a} working days of receipt, "),
            ),
            None => (String::new(), String::new()),
        };
        if !blocking.is_empty() {
            let from = format_date(earliest.max(self.as_of));
            o.decision_after_zh = Some(format!(
                "须先满足：{}；满足后（{from} 起）提出申请，{accepted_zh}受理后{days}个工作日内作出决定",
                blocking
                    .iter()
                    .map(|k| k.zh.as_str())
                    .collect::<Vec<_>>()
                    .join("；"),
            ));
            o.decision_after_en = Some(format!(
                "first: {}; then apply (from {from}): {accepted_en}decided within {days} working days of acceptance",
                blocking
                    .iter()
                    .map(|k| k.en.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            ));
            return;
        }
        let applied = earliest.max(self.as_of);
        let accepted = match accept {
            Some(a) => {
                let w = self.cal.add_working_days(applied, a);
                o.uncovered_years.extend(w.uncovered_years.iter().copied());
                let d = w.due_date();
                o.accept_by = Some(w.due);
                d
            }
            None => applied,
        };
        let w = self.cal.add_working_days(accepted, days);
        for y in w.uncovered_years.iter().copied() {
            if !o.uncovered_years.contains(&y) {
                o.uncovered_years.push(y);
            }
        }
        o.decision_due = Some(w.due);
    }

    fn min_period(&self, earliest: Date) -> Condition {
        let from = format_date(earliest);
        Condition::new(
            "min_period",
            (
                "已满最短公示（列入）期限",
                "the minimum period of publicity (listing) has passed",
            ),
            Some(self.as_of >= earliest),
            (format!("{from} 起可申请"), format!("may apply from {from}")),
        )
    }
}

fn yes_no(b: bool) -> (String, String) {
    let (zh, en) = if b { ("是", "yes") } else { ("否", "no") };
    (zh.to_string(), en.to_string())
}

/// A text in Chinese and English.
type Texts = (String, String);

fn texts(zh: &str, en: &str) -> Texts {
    (zh.to_string(), en.to_string())
}

/// A repairable option with its earliest date, conditions and decision deadline.
fn repairable(
    c: &Ctx,
    rref: RecordRef,
    date: Date,
    basis: Basis,
    earliest: Date,
    conditions: Vec<Condition>,
    decision_working_days: u32,
) -> RepairOption {
    let mut o = option(
        c,
        rref,
        date,
        basis,
        true,
        Texts::default(),
        Some(earliest),
        conditions,
    );
    o.decision_working_days = Some(decision_working_days);
    o
}

#[allow(clippy::too_many_arguments)]
fn option(
    c: &Ctx,
    rref: RecordRef,
    date: Date,
    basis: Basis,
    repairable: bool,
    (summary_zh, summary_en): Texts,
    earliest: Option<Date>,
    conditions: Vec<Condition>,
) -> RepairOption {
    let eligible_now = repairable && conditions.iter().all(Condition::met);
    RepairOption {
        record_kind: rref.kind,
        record_index: rref.index,
        record_date: format_date(date),
        detail: describe(c.store, rref.kind, rref.index),
        detail_en: describe_en(c.store, rref.kind, rref.index),
        repairable,
        eligible_now,
        basis,
        summary_zh,
        summary_en,
        grade: None,
        earliest: earliest.map(format_date),
        conditions,
        stops_by_itself: None,
        score_window_ends: None,
        decision_working_days: None,
        accept_working_days: None,
        accept_by: None,
        decision_due: None,
        decision_after_zh: None,
        decision_after_en: None,
        uncovered_years: Vec::new(),
        what_if: None,
    }
}

fn penalty_option(c: &Ctx, rref: RecordRef, p: &Penalty) -> Option<RepairOption> {
    let regime = Regime::for_question(&c.policy.policy().rules, p.date, c.as_of);
    let rules = &c.policy.policy().rules;
    let entity = c.store.registration(c.ent).map(|r| r.entity_type);
    let pb = publicity(rules, c.cal, p, entity, PenaltyFacts::of(p), c.as_of);
    if !pb.published || !pb.in_force {
        return None;
    }
    let ends = pb.ends.as_deref().and_then(crate::date::parse_date)?;
    // Minimum periods run from publication, like the period itself.
    let start = pb
        .start
        .as_deref()
        .and_then(crate::date::parse_date)
        .unwrap_or(p.date);
    // Same field, later decision, general procedure, up to the as-of date, not revoked.
    let (first, rows) = c.store.penalties.of(c.ent);
    let repeat = rows.iter().enumerate().any(|(i, q)| {
        (first + i) as u32 != rref.index
            && q.domain == p.domain
            && q.date > p.date
            && q.date <= c.as_of
            && q.procedure == Procedure::General
            && !q.kinds.warning_only()
            && !q.revoked_by(c.as_of)
    });
    let lists = c.on_a_list();
    let common = |earliest: Date| {
        vec![
            c.min_period(earliest),
            Condition::new(
                "fulfilled",
                FULFILLED,
                Some(p.fulfilled),
                yes_no(p.fulfilled),
            ),
            Condition::new(
                "harm_eliminated",
                HARM_ELIMINATED,
                Some(p.harm_eliminated),
                yes_no(p.harm_eliminated),
            ),
            Condition::new(
                "no_repeat",
                (
                    "未再受到同一领域的行政处罚",
                    "no later penalty in the same field",
                ),
                Some(!repeat),
                if repeat {
                    texts("此后同一领域另有处罚", "a later penalty in the same field")
                } else {
                    texts("无", "none")
                },
            ),
        ]
    };
    let mut o = match regime {
        Regime::Rules2021 => {
            let r = &rules.repair2021;
            let basis = Rule::PenaltyRepair2021.basis(regime);
            let excluded: Vec<PenaltyKind> = p
                .kinds
                .iter()
                .filter(|k| r.excluded_kinds.contains(k))
                .collect();
            let (excluded_zh, excluded_en) = kinds_text(&excluded);
            let months = if r.sensitive_domains.contains(&p.domain) {
                r.min_months_sensitive
            } else {
                r.min_months
            };
            let earliest = add_months(start, months as i32);
            if !excluded.is_empty() {
                let mut o = option(
                    c,
                    rref,
                    p.date,
                    Rule::PenaltyNeverEarly.basis(regime),
                    false,
                    (
                        format!("含{excluded_zh}，不得提前停止公示，期满自动停止"),
                        format!("includes {excluded_en}: publicity cannot end early; it stops when the period ends"),
                    ),
                    None,
                    vec![Condition::new(
                        "kind_not_excluded",
                        KIND_NOT_EXCLUDED,
                        Some(false),
                        (excluded_zh.clone(), excluded_en.clone()),
                    )],
                );
                o.stops_by_itself = pb.ends.clone();
                o
            } else if earliest >= ends {
                let mut o = option(
                    c,
                    rref,
                    p.date,
                    basis,
                    false,
                    {
                        let months = pb.period_months.unwrap_or(0);
                        (
                            format!("公示期（{months}个月）短于最短申请期限，期满自动停止"),
                            format!("the publicity period ({months} months) is shorter than the minimum before applying: it stops when it ends"),
                        )
                    },
                    None,
                    Vec::new(),
                );
                o.stops_by_itself = pb.ends.clone();
                o
            } else {
                // The 2021 measures (第六条) also require being on neither list; Order 107
                // (第十一条) does not.
                let mut conds = common(earliest);
                conds.push(Condition::new(
                    "not_listed",
                    (
                        "未被列入经营异常名录或严重违法失信名单",
                        "on neither the abnormal-operations list nor the serious violations list",
                    ),
                    Some(lists.is_empty()),
                    (
                        lists
                            .iter()
                            .map(|l| l.list.zh())
                            .collect::<Vec<_>>()
                            .join("、"),
                        lists
                            .iter()
                            .map(|l| l.list.en())
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                ));
                conds.push(Condition::new(
                    "kind_not_excluded",
                    KIND_NOT_EXCLUDED,
                    Some(true),
                    (p.kinds.to_zh(), p.kinds.to_en()),
                ));
                repairable(
                    c,
                    rref,
                    p.date,
                    basis,
                    earliest,
                    conds,
                    r.decision_working_days,
                )
            }
        }
        Regime::Order107 => {
            let r = &rules.order107;
            let grade = crate::law::publicity::grade_of(rules, p);
            let basis = match grade {
                Grade::Minor => Rule::Order107Minor,
                Grade::General => Rule::Order107General,
                Grade::Serious => Rule::Order107Serious,
            }
            .basis(regime);
            let excluded: Vec<PenaltyKind> = p
                .kinds
                .iter()
                .filter(|k| r.excluded_kinds.contains(k))
                .collect();
            let (excluded_zh, excluded_en) = kinds_text(&excluded);
            let mut o = match grade {
                Grade::Minor => option(
                    c,
                    rref,
                    p.date,
                    basis,
                    false,
                    (
                        format!("轻微失信，届满{}个月自动停止公示，无需申请", r.minor_months),
                        format!(
                            "minor failing: publicity stops by itself after {} months, no application needed",
                            r.minor_months
                        ),
                    ),
                    None,
                    Vec::new(),
                ),
                _ if !excluded.is_empty() => option(
                    c,
                    rref,
                    p.date,
                    basis,
                    false,
                    (
                        format!(
                            "含{excluded_zh}，不得申请信用修复，公示期满{}个月停止公示",
                            r.serious_months
                        ),
                        format!(
                            "includes {excluded_en}: no credit repair; publicity stops after {} months",
                            r.serious_months
                        ),
                    ),
                    None,
                    Vec::new(),
                ),
                g => {
                    let after = if g == Grade::Serious {
                        r.serious_repair_after_months
                    } else {
                        r.general_repair_after_months
                    };
                    let earliest = add_months(start, after as i32);
                    if earliest >= ends {
                        option(
                            c,
                            rref,
                            p.date,
                            basis,
                            false,
                            texts(
                                "公示期满前不足最短申请期限，期满自动停止",
                                "the publicity period ends before the minimum period for applying: it stops by itself",
                            ),
                            None,
                            Vec::new(),
                        )
                    } else {
                        let mut conds = common(earliest);
                        if p.restricts() {
                            let (met, detail) = match p.restriction_ends() {
                                Some(end) => (Some(c.as_of >= end), restricted_until(end)),
                                None => (
                                    None,
                                    texts(
                                        "记录未载明限制期限，请核对处罚决定书",
                                        "the record gives no restriction length: check the decision",
                                    ),
                                ),
                            };
                            conds.push(Condition::new(
                                "restriction_expired",
                                (
                                    "限制经营、限制从业、停产停业等期限已届满",
                                    "the restriction, suspension or practice ban has expired",
                                ),
                                met,
                                detail,
                            ));
                        }
                        repairable(
                            c,
                            rref,
                            p.date,
                            basis,
                            earliest,
                            conds,
                            r.decision_working_days,
                        )
                    }
                }
            };
            o.grade = Some(grade);
            o
        }
    };
    o.stops_by_itself = pb.ends.clone();
    let ind = if p.aggravated || p.kinds.any_heavy() {
        Indicator::PenaltyHeavy
    } else {
        Indicator::Penalty
    };
    o.score_window_ends = c
        .window_end(ind, p.date)
        .or_else(|| c.window_end(Indicator::Penalty, p.date));
    if let Some((_, since)) = penalty_stops(c.policy, entity, p, c.as_of) {
        let window_end = o
            .score_window_ends
            .as_deref()
            .and_then(crate::date::parse_date);
        if window_end.is_none_or(|e| since < e) {
            o.score_window_ends = Some(format_date(since));
        }
    }
    Some(o)
}

/// Order 107 repair of a record that the 2021 rules had no repair for (inspection results,
/// commitments).
fn other_option(
    c: &Ctx,
    rref: RecordRef,
    date: Date,
    ind: Indicator,
    fixed_text: (&str, &str),
    fixed: Option<bool>,
) -> RepairOption {
    let regime = Regime::for_question(&c.policy.policy().rules, date, c.as_of);
    let rules = &c.policy.policy().rules;
    let mut o = match regime {
        Regime::Rules2021 => option(
            c,
            rref,
            date,
            Rule::Repair2021Scope.basis(regime),
            false,
            texts(
                "2021年规则未规定此类信息的信用修复；评分窗口届满后不再计分",
                "the 2021 rules provide no credit repair for this kind of record; it stops counting when its scoring window ends",
            ),
            None,
            Vec::new(),
        ),
        Regime::Order107 => {
            let r = &rules.order107;
            let inspection = rref.kind == RecordKind::Inspection;
            // Negative inspection results are Order 107's (第十条); commitments are not named
            // by it and follow the policy's grade (P).
            let (g, basis) = if inspection {
                (r.inspection_grade, Rule::Order107Inspection.basis(regime))
            } else {
                let mut b = Rule::Order107Repair.basis(regime);
                b.basis_mark = "P";
                (r.other_records_grade, b)
            };
            let (after, total) = match g {
                Grade::Minor => (0, r.minor_months),
                Grade::General => (r.general_repair_after_months, r.general_months),
                Grade::Serious => (r.serious_repair_after_months, r.serious_months),
            };
            let earliest = add_months(date, after as i32);
            let mut o = if g == Grade::Minor {
                option(
                    c,
                    rref,
                    date,
                    basis,
                    false,
                    (
                        format!("轻微失信，公示满{}个月自动停止，无需申请", r.minor_months),
                        format!(
                            "minor failing: publicity stops by itself after {} months, no application needed",
                            r.minor_months
                        ),
                    ),
                    None,
                    Vec::new(),
                )
            } else {
                let conds = vec![
                    c.min_period(earliest),
                    Condition::new("corrected", fixed_text, fixed, Texts::default()),
                ];
                repairable(
                    c,
                    rref,
                    date,
                    basis,
                    earliest,
                    conds,
                    r.decision_working_days,
                )
            };
            o.grade = Some(g);
            o.stops_by_itself = Some(format_date(add_months(date, total as i32)));
            o
        }
    };
    o.score_window_ends = c.window_end(ind, date);
    o
}

fn list_option(c: &Ctx, rref: RecordRef, l: &ListEntry) -> RepairOption {
    let regime = Regime::for_question(&c.policy.policy().rules, l.listed, c.as_of);
    let rules = &c.policy.policy().rules;
    match l.list {
        ListKind::Abnormal => {
            // A missing annual report is cured by filing it: a report filed after the listing.
            let cured = match l.reason {
                ListReason::NoAnnualReport => Some(
                    c.store
                        .annual_reports
                        .of(c.ent)
                        .1
                        .iter()
                        .any(|r| r.filed.is_some_and(|f| f >= l.listed && f <= c.as_of)),
                ),
                _ => None,
            };
            let a = crate::law::lists::abnormal(rules, l, None, c.as_of);
            let conds = vec![Condition::new(
                "cause_cured",
                (a.cure_zh, a.cure_en),
                cured,
                match cured {
                    Some(true) => texts(
                        "列入后已报送年度报告",
                        "an annual report was filed after the listing",
                    ),
                    Some(false) => texts(
                        "列入后未见报送年度报告",
                        "no annual report filed since the listing",
                    ),
                    None => texts(
                        "由当事人提交材料证明",
                        "for the enterprise to show with documents",
                    ),
                },
            )];
            let mut o = option(
                c,
                rref,
                l.listed,
                Rule::AbnormalRemoval.basis(regime),
                true,
                texts(
                    "消除列入事由后即可申请移出，无等待期",
                    "removal may be asked as soon as the cause is cured, without waiting",
                ),
                Some(l.listed),
                conds,
            );
            o.decision_working_days = Some(match regime {
                Regime::Rules2021 => rules.abnormal.removal_decision_working_days,
                Regime::Order107 => rules.order107.abnormal_decision_working_days,
            });
            o
        }
        ListKind::Serious => {
            let s = &rules.serious;
            let earliest = add_months(l.listed, s.early_removal_after_months as i32);
            let (_, pens) = c.store.penalties.of(c.ent);
            let (ends, _) = crate::law::lists::serious_ends(rules, l, pens, c.as_of);
            // Revoked decisions impose nothing and are no further penalty.
            let pens: Vec<&Penalty> = pens.iter().filter(|p| !p.revoked_by(c.as_of)).collect();
            let before: Vec<&Penalty> = pens
                .iter()
                .copied()
                .filter(|p| p.date <= l.listed)
                .collect();
            let later_heavy = pens.iter().any(|p| {
                p.date > l.listed && p.date <= c.as_of && (p.aggravated || p.kinds.any_heavy())
            });
            let restricted = before.iter().any(|p| p.restricts());
            let fulfilled = before.iter().all(|p| p.fulfilled);
            let harm = before.iter().all(|p| p.harm_eliminated);
            let conds = vec![
                c.min_period(earliest),
                Condition::new(
                    "within_period",
                    (
                        "未满列入期限（期满自动移出）",
                        "the listing period has not ended (removed by itself when it ends)",
                    ),
                    Some(c.as_of < ends),
                    {
                        let e = format_date(ends);
                        (format!("{e} 期满"), format!("ends {e}"))
                    },
                ),
                restriction_condition(&before, restricted, c.as_of),
                Condition::new("fulfilled", FULFILLED, Some(fulfilled), yes_no(fulfilled)),
                Condition::new("harm_eliminated", HARM_ELIMINATED, Some(harm), yes_no(harm)),
                Condition::new(
                    "no_new_heavy_penalty",
                    (
                        "列入后未再受到较重行政处罚",
                        "no heavier penalty since the listing",
                    ),
                    Some(!later_heavy),
                    if later_heavy {
                        texts("列入后另有较重处罚", "a heavier penalty since the listing")
                    } else {
                        texts("无", "none")
                    },
                ),
            ];
            let (basis, days) = match regime {
                Regime::Rules2021 => (
                    Rule::SeriousRepair2021.basis(regime),
                    rules.repair2021.decision_working_days,
                ),
                Regime::Order107 => (
                    Rule::Order107SeriousList.basis(regime),
                    rules.order107.decision_working_days,
                ),
            };
            let mut o = option(
                c,
                rref,
                l.listed,
                basis,
                true,
                Texts::default(),
                Some(earliest),
                conds,
            );
            o.decision_working_days = Some(days);
            o.stops_by_itself = Some(format_date(ends));
            o
        }
    }
}

/// The repair options of `ent` as of `as_of`, with a what-if per record. Records the overlay
/// leaves out (corrected or already repaired) are skipped and stay out of the what-if scores;
/// a class set by hand stays in them.
pub fn repair_options(
    store: &Store,
    policy: &ValidPolicy,
    ctx: &Context,
    ent: EntId,
    as_of: Date,
    overlay: &Overlay,
) -> RepairReport {
    options_of(store, policy, Some(ctx), ent, as_of, overlay)
}

/// The repair options of `ent` as of `as_of` without the what-if scores (`what_if` is `None`):
/// the same answers, for lists over a whole district.
pub fn repair_options_plain(
    store: &Store,
    policy: &ValidPolicy,
    ent: EntId,
    as_of: Date,
    overlay: &Overlay,
) -> RepairReport {
    options_of(store, policy, None, ent, as_of, overlay)
}

fn options_of(
    store: &Store,
    policy: &ValidPolicy,
    ctx: Option<&Context>,
    ent: EntId,
    as_of: Date,
    overlay: &Overlay,
) -> RepairReport {
    let excluded = &overlay.excluded;
    let rules = &policy.policy().rules;
    let regime = Regime::on(as_of, rules.order107_effective);
    let c = Ctx {
        store,
        policy,
        cal: policy.calendar(),
        ent,
        as_of,
        excluded,
    };
    let mut options = Vec::new();
    let skip = |r: &RecordRef| excluded.contains(r);

    let (first, rows) = store.penalties.of(ent);
    for (i, p) in rows.iter().enumerate() {
        let r = RecordRef {
            kind: RecordKind::Penalty,
            index: (first + i) as u32,
        };
        // A revoked decision leaves nothing to repair.
        if !skip(&r) && p.date <= as_of && !p.revoked_by(as_of) {
            options.extend(penalty_option(&c, r, p));
        }
    }
    let (first, rows) = store.inspections.of(ent);
    for (i, x) in rows.iter().enumerate() {
        let r = RecordRef {
            kind: RecordKind::Inspection,
            index: (first + i) as u32,
        };
        let ind = if x.result.found_problem() {
            Indicator::InspectionProblem
        } else if x.result == InspectionResult::Unreachable {
            Indicator::InspectionUnreachable
        } else {
            continue;
        };
        let s = policy.setting(ind);
        if skip(&r) || x.date > as_of || score_window_end(x.date, s.window_months) <= as_of {
            continue;
        }
        let fixed = (x.result == InspectionResult::ProblemCorrected).then_some(true);
        options.push(other_option(
            &c,
            r,
            x.date,
            ind,
            ("问题已整改", "the problem has been corrected"),
            fixed,
        ));
    }
    let (first, rows) = store.list_entries.of(ent);
    for (i, l) in rows.iter().enumerate() {
        let r = RecordRef {
            kind: RecordKind::ListEntry,
            index: (first + i) as u32,
        };
        if !skip(&r) && l.in_force(as_of) {
            options.push(list_option(&c, r, l));
        }
    }
    let (first, rows) = store.commitments.of(ent);
    for (i, cm) in rows.iter().enumerate() {
        let r = RecordRef {
            kind: RecordKind::Commitment,
            index: (first + i) as u32,
        };
        let ind = match cm.outcome {
            CommitmentOutcome::Broken => Indicator::CommitmentBroken,
            CommitmentOutcome::False => Indicator::CommitmentFalse,
            _ => continue,
        };
        let date = cm.verified.or(cm.due).unwrap_or(cm.committed);
        let window_over = score_window_end(date, policy.setting(ind).window_months) <= as_of;
        // A false commitment blocks 告知承诺 until repaired, whatever the scoring window.
        if skip(&r) || date > as_of || (window_over && ind != Indicator::CommitmentFalse) {
            continue;
        }
        options.push(other_option(
            &c,
            r,
            date,
            ind,
            (
                "已纠正失信行为并作出信用承诺",
                "the failing has been corrected and a credit commitment made",
            ),
            None,
        ));
    }

    let now = ctx.map(|ctx| (ctx, score_one(store, policy, ctx, ent, as_of, overlay)));
    for o in &mut options {
        if let Some(d) = o.earliest.as_deref().and_then(crate::date::parse_date) {
            c.schedule(o, d);
        }
        if let Some((ctx, now)) = &now {
            let mut ex = overlay.clone();
            ex.excluded.insert(RecordRef {
                kind: o.record_kind,
                index: o.record_index,
            });
            let after = score_one(store, policy, ctx, ent, as_of, &ex);
            o.what_if = Some(WhatIf {
                score_now: round2(now.score),
                class_now: class_letter(now.class),
                score: round2(after.score),
                class: class_letter(after.class),
                delta: round2(after.score - now.score),
            });
        }
        if o.summary_zh.is_empty() {
            (o.summary_zh, o.summary_en) = if o.eligible_now {
                texts("现在即可申请信用修复", "credit repair may be asked now")
            } else {
                let unmet: Vec<&Condition> = o.conditions.iter().filter(|c| !c.met()).collect();
                let from = o.earliest.as_deref().unwrap_or("-");
                (
                    format!(
                        "{from} 起可申请；尚需：{}",
                        unmet
                            .iter()
                            .map(|c| c.zh.as_str())
                            .collect::<Vec<_>>()
                            .join("；")
                    ),
                    format!(
                        "may apply from {from}; still needed: {}",
                        unmet
                            .iter()
                            .map(|c| c.en.as_str())
                            .collect::<Vec<_>>()
                            .join("; ")
                    ),
                )
            };
        }
    }
    RepairReport {
        uscc: store.uscc(ent).to_string(),
        as_of: format_date(as_of),
        regime,
        regime_zh: regime.zh(),
        regime_en: regime.en(),
        options,
    }
}

const FULFILLED: (&str, &str) = (
    "已履行行政处罚决定规定的义务",
    "the obligations of the penalty decision have been performed",
);
const HARM_ELIMINATED: (&str, &str) = (
    "已消除危害后果和不良社会影响",
    "the harm and the adverse social effects have been eliminated",
);
const KIND_NOT_EXCLUDED: (&str, &str) = (
    "处罚种类不属于不得提前停止公示的种类",
    "no penalty kind whose publicity may never end early",
);

/// `限制期限至 D` in both languages.
fn restricted_until(end: Date) -> Texts {
    let e = format_date(end);
    (format!("限制期限至 {e}"), format!("restricted until {e}"))
}

/// Penalty kinds joined, in both languages.
fn kinds_text(kinds: &[PenaltyKind]) -> Texts {
    (
        kinds.iter().map(|k| k.zh()).collect::<Vec<_>>().join("、"),
        kinds.iter().map(|k| k.en()).collect::<Vec<_>>().join(", "),
    )
}

/// Whether the restrictions of the penalties behind a serious listing have expired: met when
/// every restriction's end is recorded and past, unknown when one is not recorded.
fn restriction_condition(before: &[&Penalty], restricted: bool, as_of: Date) -> Condition {
    const EXPIRED: (&str, &str) = (
        "依法被限制的期限已届满",
        "the period of the legal restriction has expired",
    );
    if !restricted {
        return Condition::new(
            "restriction_expired",
            EXPIRED,
            Some(true),
            texts("无限制类处罚", "no restricting penalty"),
        );
    }
    let restricting: Vec<&&Penalty> = before.iter().filter(|p| p.restricts()).collect();
    let ends: Option<Vec<Date>> = restricting.iter().map(|p| p.restriction_ends()).collect();
    match ends.and_then(|e| e.into_iter().max()) {
        Some(last) => Condition::new(
            "restriction_expired",
            EXPIRED,
            Some(as_of >= last),
            restricted_until(last),
        ),
        None => Condition::new(
            "restriction_expired",
            EXPIRED,
            None,
            texts(
                "记录未载明限制期限，请核对",
                "the record gives no restriction length: to check",
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        crate::date::parse_date(s).unwrap()
    }

    #[test]
    fn score_window_end_matches_the_scoring_rule() {
        // README: a 36-month window of a decision of 2023-03-01 ends with 2026-02-28.
        assert_eq!(score_window_end(d("2023-03-01"), 36), d("2026-03-01"));
        assert_eq!(score_window_end(d("2024-02-29"), 12), d("2025-03-01"));
        assert_eq!(score_window_end(d("2024-01-31"), 1), d("2024-03-01"));
    }
}
