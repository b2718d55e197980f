//! Penalty publicity: whether a decision is published, from when, until when.
//!
//! - Only 普通程序 decisions are published, and not a warning alone (Order 45 art. 2) [L].
//! - Published within 20 working days of the decision (`publishBy` gives the latest lawful
//!   publication day); the period runs from the recorded 公示日期 (Order 45 第十三条), else
//!   from the decision date [P].
//! - Regime by the decision date. 2021 rules: 3 months for 通报批评 or a 较低数额罚款 only,
//!   otherwise 3 years, a longer legal restriction extends it; several kinds: the longest.
//!   Order 107 (第七条至第九条) [L]: the decision's grade — 轻微 (only a warning, only 通报批评
//!   or only a 较低数额罚款, which a 从重 fine never is), 严重 (by field and kind, see
//!   [`grade_of`]), else 一般 — gives 3 / 12 / 36 months.
//! - The period ends on `ends` (exclusive): the record is published up to and including
//!   `lastDay`.
//! - A decision revoked (撤销日期) is withdrawn from the day of the revocation, at the latest
//!   3 working days after it (`withdrawBy`, `rules.publicity.withdraw_within_working_days`).

use super::regime::{Basis, Regime, Rule};
use crate::calendar::Calendar;
use crate::date::{add_months, format_date, Date};
use crate::policy::{Grade, RulesPolicy};
use crate::records::{EntityType, Penalty, PenaltyKind, Procedure};
use serde::Serialize;

/// Which rule set the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodRule {
    /// 通报批评 or a 较低数额罚款 only: the short period.
    Short,
    /// The 3-year period.
    Long,
    /// A legal restriction longer than the period.
    Restriction,
    /// Order 107, by grade.
    Grade,
    /// A decision made before Order 107 took effect, asked about after: its Order 107 end,
    /// not before the day Order 107 took effect nor after its Order 45 end
    /// (`rules.transition` = `question_date`).
    Transition,
}

/// The period one penalty kind would carry on its own (2021 rules).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KindPeriod {
    /// The kind's code.
    pub kind: PenaltyKind,
    /// In Chinese.
    pub kind_zh: &'static str,
    /// In English.
    pub kind_en: &'static str,
    /// Months (0: not published on its own).
    pub months: u32,
}

/// The 较低数额罚款 test of one fine.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LowFineCheck {
    /// The fine, 元.
    pub amount: f64,
    /// The threshold applied, 元.
    pub threshold: f64,
    /// Whether a fine equal to the threshold is low.
    pub inclusive: bool,
    /// `person` or `organisation`.
    pub subject: &'static str,
    /// The outcome.
    pub low: bool,
}

/// A penalty's publicity, as of a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Publicity {
    /// Whether the decision is published at all.
    pub published: bool,
    /// Why (Chinese).
    pub reason_zh: String,
    /// Why, in English (from the same values as `reason_zh`).
    pub reason_en: String,
    /// Regime (by the decision date) and basis.
    #[serde(flatten)]
    pub basis: Basis,
    /// The decision date.
    pub decision_date: String,
    /// The last day it may lawfully be published (20 working days).
    pub publish_by: Option<String>,
    /// Basis of `publish_by`: Order 45 第九条 (第十条 when the authority is in another
    /// province: 10 working days to pass it on, then 10 for the home authority).
    pub publish_by_basis: Option<Basis>,
    /// Start of the period (the decision date) [P].
    pub start: Option<String>,
    /// The first day it is no longer published.
    pub ends: Option<String>,
    /// The last day it is published.
    pub last_day: Option<String>,
    /// The period in months.
    pub period_months: Option<u32>,
    /// Which rule set it.
    pub period_rule: Option<PeriodRule>,
    /// Order 107's grade (when that regime applies).
    pub grade: Option<Grade>,
    /// Per kind, under the 2021 rules (the longest applies).
    pub per_kind: Vec<KindPeriod>,
    /// The low-fine test, when a fine was imposed.
    pub low_fine: Option<LowFineCheck>,
    /// Whether it is published on the as-of date (false once revoked).
    pub in_force: bool,
    /// 撤销日期, when the decision was revoked.
    pub revoked: Option<String>,
    /// Whether the decision was revoked on or before the as-of date: its publicity is
    /// withdrawn, and `basis` names the withdrawal rule.
    pub withdrawn: bool,
    /// The last day the withdrawal is in time: the revocation date plus
    /// `rules.publicity.withdraw_within_working_days` working days (3) [L].
    pub withdraw_by: Option<String>,
    /// Years without holiday data met while counting working days.
    pub uncovered_years: Vec<i32>,
    /// Remarks, e.g. an unrecorded restriction length (Chinese).
    pub notes: Vec<String>,
    /// The same remarks in English, one for one.
    pub notes_en: Vec<String>,
}

/// Facts about a penalty that the records may not carry.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PenaltyFacts {
    /// The length of a legal restriction (限制从业/限制经营), in months, when known.
    pub restriction_months: Option<u32>,
}

impl PenaltyFacts {
    /// The facts the penalty record carries.
    pub fn of(p: &Penalty) -> Self {
        PenaltyFacts {
            restriction_months: p.restriction_months.map(u32::from),
        }
    }
}

/// Whether kinds `k` are restrictions whose length can extend the period.
fn is_restriction(k: PenaltyKind) -> bool {
    matches!(
        k,
        PenaltyKind::RestrictOperation | PenaltyKind::RestrictPractice
    )
}

/// The 较低数额罚款 test of the 2021 rules: the provincial threshold of
/// `rules.publicity.low_fine` (Order 45 第十三条第二款).
pub fn low_fine(rules: &RulesPolicy, entity: Option<EntityType>, amount: f64) -> LowFineCheck {
    let lf = &rules.publicity.low_fine;
    let person = entity == Some(EntityType::Individual) && lf.individual_business_as_person;
    let threshold = if person { lf.person } else { lf.organisation };
    LowFineCheck {
        amount,
        threshold,
        inclusive: lf.inclusive,
        subject: if person { "person" } else { "organisation" },
        low: if lf.inclusive {
            amount <= threshold
        } else {
            amount < threshold
        },
    }
}

/// The 较低数额罚款 test of Order 107 (第七条第三款): at most `rules.order107.low_fine` on a
/// business (经营主体, individual businesses included), and not decided 从重.
pub fn low_fine_107(rules: &RulesPolicy, amount: f64, aggravated: bool) -> LowFineCheck {
    let threshold = rules.order107.low_fine;
    LowFineCheck {
        amount,
        threshold,
        inclusive: true,
        subject: "business",
        low: amount <= threshold && !aggravated,
    }
}

/// The 较低数额罚款 test of `p` under the regime of its decision date.
pub fn low_fine_of(
    rules: &RulesPolicy,
    entity: Option<EntityType>,
    p: &Penalty,
    regime: Regime,
) -> Option<LowFineCheck> {
    let fine = p.fine?;
    Some(match regime {
        Regime::Rules2021 => low_fine(rules, entity, fine),
        Regime::Order107 => low_fine_107(rules, fine, p.aggravated),
    })
}

/// Whether a decision carries only the short period (通报批评 or a low fine, possibly with a
/// warning); a fine without a recorded amount counts as low.
fn short_only(p: &Penalty, low: Option<&LowFineCheck>) -> bool {
    p.kinds.iter().all(|k| match k {
        PenaltyKind::Warning | PenaltyKind::Criticism => true,
        PenaltyKind::Fine => low.is_none_or(|l| l.low),
        _ => false,
    })
}

/// Order 107's grade of a decision [L]: 轻微 when only a warning, 通报批评 or a 较低数额罚款
/// (第七条); 严重 when it imposes a restriction, suspension, demotion, revocation or closure,
/// or is in one of `rules.order107.serious_domains` (第八条); 一般 otherwise (第九条).
pub fn grade_of(rules: &RulesPolicy, p: &Penalty) -> Grade {
    let low = p.fine.map(|f| low_fine_107(rules, f, p.aggravated));
    if p.kinds.any_heavy() {
        Grade::Serious
    } else if short_only(p, low.as_ref()) {
        Grade::Minor
    } else if rules.order107.serious_domains.contains(&p.domain) {
        Grade::Serious
    } else {
        Grade::General
    }
}

/// A decision's publicity period, before any revocation (what [`publicity`] and
/// [`publicity_end`] share).
struct Period {
    /// Per kind, under the 2021 rules.
    per_kind: Vec<KindPeriod>,
    /// Months.
    months: u32,
    /// Which rule set it.
    rule: PeriodRule,
    /// Order 107's grade, when that regime applies.
    grade: Option<Grade>,
    /// A restriction kind whose length is not recorded.
    restriction_unrecorded: bool,
    /// First day published (the recorded 公示日期, else the decision date).
    start: Date,
    /// Under [`PeriodRule::Transition`], the end the 2021 rules gave.
    ends_2021: Option<Date>,
    /// First day no longer published.
    ends: Date,
}

/// Why a decision is not published at all (Chinese, English), or its period.
fn period(
    rules: &RulesPolicy,
    p: &Penalty,
    entity: Option<EntityType>,
    facts: PenaltyFacts,
    regime: Regime,
) -> Result<Period, (&'static str, &'static str)> {
    if p.procedure == Procedure::Simple {
        return Err((
            "简易程序作出的行政处罚不公示",
            "decisions under the simplified procedure are not published",
        ));
    }
    if p.kinds.warning_only() {
        return Err((
            "仅受到警告行政处罚的不予公示",
            "a decision that is a warning only is not published",
        ));
    }
    if p.kinds.is_empty() {
        return Err((
            "处罚种类为空，无法判断",
            "no penalty kind recorded: cannot tell",
        ));
    }
    let pub_rules = &rules.publicity;
    let low = p.fine.map(|f| low_fine(rules, entity, f));
    let low = low.as_ref();
    let per_kind: Vec<KindPeriod> = p
        .kinds
        .iter()
        .map(|k| KindPeriod {
            kind: k,
            kind_zh: k.zh(),
            kind_en: k.en(),
            months: match k {
                PenaltyKind::Warning => 0,
                PenaltyKind::Criticism => pub_rules.short_months,
                PenaltyKind::Fine if low.is_none_or(|l| l.low) => pub_rules.short_months,
                k if is_restriction(k) => facts
                    .restriction_months
                    .unwrap_or(0)
                    .max(pub_rules.long_months),
                _ => pub_rules.long_months,
            },
        })
        .collect();
    let longest_2021 = per_kind.iter().map(|k| k.months).max().unwrap_or(0);
    let restricted = p.kinds.iter().any(is_restriction);
    let restriction_extends = restricted
        && facts
            .restriction_months
            .is_some_and(|m| m > pub_rules.long_months);
    let (months, rule, grade) = match regime {
        Regime::Rules2021 => {
            let rule = if restriction_extends {
                PeriodRule::Restriction
            } else if longest_2021 <= pub_rules.short_months {
                PeriodRule::Short
            } else {
                PeriodRule::Long
            };
            (longest_2021, rule, None)
        }
        Regime::Order107 => {
            let g = grade_of(rules, p);
            let o = &rules.order107;
            let by_grade = match g {
                Grade::Minor => o.minor_months,
                Grade::General => o.general_months,
                Grade::Serious => o.serious_months,
            };
            match facts.restriction_months {
                Some(m) if restricted && m > by_grade => (m, PeriodRule::Restriction, Some(g)),
                _ => (by_grade, PeriodRule::Grade, Some(g)),
            }
        }
    };
    // Periods run from publication (Order 45 第十三条); without a recorded publication date,
    // from the decision (publication follows within 20 working days).
    let start = p.published.unwrap_or(p.date);
    let mut ends = add_months(start, months as i32);
    let (mut rule, mut ends_2021) = (rule, None);
    if regime == Regime::Order107 && p.date < rules.order107_effective {
        // Asked under Order 107 about an earlier decision: never longer than the 2021 period
        // it was published under, never ended before Order 107 took effect.
        let old = add_months(start, longest_2021 as i32);
        ends = ends.max(rules.order107_effective).min(old);
        rule = PeriodRule::Transition;
        ends_2021 = Some(old);
    }
    Ok(Period {
        per_kind,
        months,
        rule,
        grade,
        restriction_unrecorded: restricted && facts.restriction_months.is_none(),
        start,
        ends_2021,
        ends,
    })
}

/// The publicity of `p` as of `as_of`.
///
/// A decision revoked on or before `as_of` (撤销日期) is withdrawn: not in force, with the
/// withdrawal deadline of `rules.publicity.withdraw_within_working_days` working days after
/// the revocation (Order 45).
pub fn publicity(
    rules: &RulesPolicy,
    cal: &Calendar,
    p: &Penalty,
    entity: Option<EntityType>,
    facts: PenaltyFacts,
    as_of: Date,
) -> Publicity {
    let regime = Regime::for_question(rules, p.date, as_of);
    let low = low_fine_of(rules, entity, p, regime);
    let mut out = Publicity {
        published: false,
        reason_zh: String::new(),
        reason_en: String::new(),
        basis: Rule::PublicityScope.basis(regime),
        decision_date: format_date(p.date),
        publish_by: None,
        publish_by_basis: None,
        start: None,
        ends: None,
        last_day: None,
        period_months: None,
        period_rule: None,
        grade: None,
        per_kind: Vec::new(),
        low_fine: low.clone(),
        in_force: false,
        revoked: p.revoked.map(format_date),
        withdrawn: false,
        withdraw_by: None,
        uncovered_years: Vec::new(),
        notes: Vec::new(),
        notes_en: Vec::new(),
    };
    let per = match period(rules, p, entity, facts, regime) {
        Ok(per) => per,
        Err((zh, en)) => {
            out.reason_zh = zh.into();
            out.reason_en = en.into();
            if let Some(r) = p.revoked {
                out.notes.push(format!(
                    "处罚决定已于{}撤销（未公示，无需撤回）",
                    format_date(r)
                ));
                out.notes_en.push(format!(
                    "decision revoked on {} (not published, nothing to withdraw)",
                    format_date(r)
                ));
            }
            return out;
        }
    };
    let pub_rules = &rules.publicity;
    let by = cal.add_working_days(p.date, pub_rules.publish_within_working_days);
    out.publish_by = Some(by.due.clone());
    out.publish_by_basis = Some(Rule::PublicityDeadline.basis(regime));
    out.uncovered_years = by.uncovered_years;
    out.published = true;
    if per.restriction_unrecorded {
        out.notes.push(format!(
            "限制期限未记录：按{}个月计；法定限制期限更长的，公示期延至限制期满",
            pub_rules.long_months
        ));
        out.notes_en.push(format!(
            "restriction length not recorded: counted as {} months; a longer legal restriction extends publicity to its end",
            pub_rules.long_months
        ));
    }
    out.basis = match regime {
        Regime::Rules2021 => Rule::PublicityPeriod.basis(regime),
        Regime::Order107 => Rule::Order107Grading.basis(regime),
    };
    out.grade = per.grade;
    out.per_kind = per.per_kind;
    if p.published.is_none() {
        out.notes.push(format!(
            "公示日期未载明，公示期按处罚决定日期起算（实际公示不晚于决定后{}个工作日）",
            pub_rules.publish_within_working_days
        ));
        out.notes_en.push(format!(
            "publication date not recorded: the period counts from the decision date (published within {} working days of the decision)",
            pub_rules.publish_within_working_days
        ));
    }
    let months = per.months;
    let ends_2021 = per.ends_2021.map(format_date).unwrap_or_default();
    out.reason_en = match per.rule {
        PeriodRule::Short => {
            format!("public criticism or a lower-amount fine only: published {months} months")
        }
        PeriodRule::Long => format!("published {months} months (the longest of the kinds)"),
        PeriodRule::Restriction => format!(
            "the legal restriction is longer than the period: published until it ends ({months} months)"
        ),
        PeriodRule::Grade => format!(
            "published {months} months for its grade of failing \"{}\"",
            out.grade.map_or("", Grade::en)
        ),
        PeriodRule::Transition => format!(
            "decided before {}: published {months} months for its Order 107 grade \"{}\", ending not before Order 107 took effect and not after its earlier end ({ends_2021})",
            format_date(rules.order107_effective),
            out.grade.map_or("", Grade::en),
        ),
    };
    out.reason_zh = match per.rule {
        PeriodRule::Short => format!("仅通报批评或较低数额罚款，公示{months}个月"),
        PeriodRule::Long => format!("公示{months}个月（多种处罚取最长）"),
        PeriodRule::Restriction => {
            format!("法定限制期限长于公示期，公示至限制期满（{months}个月）")
        }
        PeriodRule::Grade => format!(
            "按失信程度「{}」公示{months}个月",
            out.grade.map_or("", Grade::zh)
        ),
        PeriodRule::Transition => format!(
            "{}前作出的决定：按第107号令失信程度「{}」公示{months}个月，不早于第107号令施行之日、不晚于原公示期满（{}）停止公示",
            format_date(rules.order107_effective),
            out.grade.map_or("", Grade::zh),
            ends_2021
        ),
    };
    out.start = Some(format_date(per.start));
    out.ends = Some(format_date(per.ends));
    out.last_day = per.ends.pred_opt().map(format_date);
    out.period_months = Some(months);
    out.period_rule = Some(per.rule);
    out.in_force = per.start <= as_of && as_of < per.ends;
    if let Some(r) = p.revoked {
        let w = cal.add_working_days(r, pub_rules.withdraw_within_working_days);
        for y in w.uncovered_years {
            if !out.uncovered_years.contains(&y) {
                out.uncovered_years.push(y);
            }
        }
        out.withdraw_by = Some(w.due.clone());
        if r <= as_of {
            out.withdrawn = true;
            out.in_force = false;
            out.basis = Rule::PublicityWithdraw.basis(regime);
            out.reason_zh = format!(
                "处罚决定已于{}撤销，公示信息应于{}前撤回（{}个工作日内）",
                format_date(r),
                w.due,
                pub_rules.withdraw_within_working_days
            );
            out.reason_en = format!(
                "decision revoked on {}: its publicity is to be withdrawn by {} (within {} working days)",
                format_date(r),
                w.due,
                pub_rules.withdraw_within_working_days
            );
        } else {
            out.notes
                .push(format!("处罚决定于{}撤销，此前照常公示", format_date(r)));
            out.notes_en.push(format!(
                "decision revoked on {}: published as usual until then",
                format_date(r)
            ));
        }
    }
    out
}

/// The day publicity of `p` ends by itself (exclusive), as answered on `as_of` (see
/// [`Regime::for_question`]), or `None` when it is not published. A revocation is not taken
/// into account (see [`Penalty::revoked`]). No calendar is needed: cheap enough to call for
/// every penalty of a scoring.
pub fn publicity_end(
    rules: &RulesPolicy,
    p: &Penalty,
    entity: Option<EntityType>,
    as_of: Date,
) -> Option<Date> {
    let regime = Regime::for_question(rules, p.date, as_of);
    period(rules, p, entity, PenaltyFacts::of(p), regime)
        .ok()
        .map(|per| per.ends)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::records::{Domain, PenaltyKinds};
    use crate::strpool::StrId;

    fn d(s: &str) -> Date {
        crate::date::parse_date(s).unwrap()
    }

    pub(crate) fn pen(date: &str, kinds: &str, fine: Option<f64>) -> Penalty {
        Penalty {
            procedure_text: crate::strpool::StrId(0),
            domain_text: crate::strpool::StrId(0),
            ent: 0,
            decision_no: StrId(0),
            date: d(date),
            procedure: Procedure::General,
            kinds: PenaltyKinds::parse(kinds).unwrap(),
            fine,
            domain: Domain::Price,
            aggravated: false,
            fulfilled: true,
            harm_eliminated: true,
            published: None,
            restriction_months: None,
            revoked: None,
        }
    }

    fn run(p: &Penalty, as_of: &str) -> Publicity {
        let r = RulesPolicy::default();
        publicity(
            &r,
            &Calendar::builtin(),
            p,
            None,
            PenaltyFacts::default(),
            d(as_of),
        )
    }

    #[test]
    fn warnings_and_simple_procedure_are_not_published() {
        assert!(!run(&pen("2024-03-01", "警告", None), "2024-04-01").published);
        let mut p = pen("2024-03-01", "罚款", Some(100.0));
        p.procedure = Procedure::Simple;
        let x = run(&p, "2024-04-01");
        assert!(!x.published && x.reason_zh.contains("简易"));
    }

    #[test]
    fn low_fine_threshold_inclusive_or_not() {
        let mut r = RulesPolicy::default();
        let p = pen("2024-03-01", "罚款", Some(50_000.0));
        let run = |r: &RulesPolicy| {
            let cal = Calendar::builtin();
            publicity(r, &cal, &p, None, PenaltyFacts::default(), d("2024-03-01"))
        };
        let x = run(&r);
        assert_eq!(
            (x.period_months, x.period_rule),
            (Some(3), Some(PeriodRule::Short))
        );
        assert_eq!(x.last_day.as_deref(), Some("2024-05-31"));
        r.publicity.low_fine.inclusive = false;
        let x = run(&r);
        assert_eq!(
            (x.period_months, x.period_rule),
            (Some(36), Some(PeriodRule::Long))
        );
    }

    #[test]
    fn longest_kind_and_longer_restriction() {
        let p = pen("2024-03-01", "通报批评;没收违法所得", None);
        assert_eq!(run(&p, "2024-03-01").period_months, Some(36));
        let p = pen("2024-03-01", "罚款;限制从业", Some(1000.0));
        let r = RulesPolicy::default();
        let x = publicity(
            &r,
            &Calendar::builtin(),
            &p,
            None,
            PenaltyFacts {
                restriction_months: Some(60),
            },
            d("2024-03-01"),
        );
        assert_eq!(
            (x.period_months, x.period_rule),
            (Some(60), Some(PeriodRule::Restriction))
        );
        assert!(run(&p, "2024-03-01").notes[0].contains("限制期限未记录"));
    }

    #[test]
    fn order107_grades() {
        let x = run(&pen("2025-12-25", "罚款", Some(100_000.0)), "2026-01-01");
        assert_eq!((x.grade, x.period_months), (Some(Grade::General), Some(12)));
        assert_eq!(x.basis.regime, Regime::Order107);
        // A decision of the day before, asked about after: graded under Order 107 too, its
        // publicity ending on its Order 107 end (not before 2025-12-25, not after 36 months).
        let x = run(&pen("2025-12-24", "罚款", Some(100_000.0)), "2026-01-01");
        assert_eq!((x.grade, x.period_months), (Some(Grade::General), Some(12)));
        assert_eq!(x.period_rule, Some(PeriodRule::Transition));
        assert_eq!(x.ends.as_deref(), Some("2026-12-24"));
        assert_eq!(x.basis.regime, Regime::Order107);
        let old = run(&pen("2023-01-10", "罚款", Some(100_000.0)), "2026-01-01");
        assert_eq!(old.ends.as_deref(), Some("2025-12-25"));
        assert!(!old.in_force);
        // Asked before 2025-12-25, or with `transition` = `record_date`: the 2021 rules.
        let x = run(&pen("2025-12-24", "罚款", Some(100_000.0)), "2025-12-24");
        assert_eq!((x.grade, x.period_months), (None, Some(36)));
        let r = RulesPolicy {
            transition: crate::policy::Transition::RecordDate,
            ..RulesPolicy::default()
        };
        let p = pen("2025-12-24", "罚款", Some(100_000.0));
        let x = publicity(
            &r,
            &Calendar::builtin(),
            &p,
            None,
            PenaltyFacts::default(),
            d("2026-01-01"),
        );
        assert_eq!((x.grade, x.period_months), (None, Some(36)));
        assert_eq!(x.basis.regime, Regime::Rules2021);
        let x = run(
            &pen("2026-01-05", "罚款;吊销许可证件", Some(1.0)),
            "2026-01-05",
        );
        assert_eq!((x.grade, x.period_months), (Some(Grade::Serious), Some(36)));
    }
}
