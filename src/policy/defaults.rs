//! The default policy. Each figure's source is docs/RULES.md; [S] marks a secondary source,
//! [P] common practice — all of them are settings a bureau may change.

use super::*;

const fn s(
    points: f64,
    window_months: u32,
    max_count: u32,
    decay_to: Option<f64>,
) -> IndicatorSetting {
    IndicatorSetting {
        enabled: true,
        points,
        window_months,
        max_count,
        decay_to,
    }
}

/// Default settings, indexed by `Indicator as usize`.
pub(super) fn indicators() -> Vec<IndicatorSetting> {
    Indicator::ALL
        .iter()
        .map(|i| match i {
            // 基础属性 [P]
            Indicator::NewlyEstablished => s(-2.0, 12, 1, None),
            Indicator::LongEstablished => s(2.0, 1, 1, None),
            // 动态信息: reports are due by 30 June [L]; points [P].
            Indicator::AnnualReportMissing => s(-10.0, 24, 2, None),
            Indicator::AnnualReportLate => s(-3.0, 36, 3, None),
            Indicator::AnnualReportOnTime => s(3.0, 36, 1, None),
            // 监管信息: penalty −10 (Shenyang standard) [S]; publicity 3 years (Order 45) [L];
            // decay within the window [S].
            Indicator::Penalty => s(-10.0, 36, 3, Some(0.5)),
            Indicator::PenaltyMinor => s(-2.0, 12, 3, None),
            Indicator::PenaltyHeavy => s(-15.0, 36, 2, None),
            Indicator::PenaltyUnfulfilled => s(-5.0, 36, 2, None),
            Indicator::InspectionProblem => s(-5.0, 24, 3, Some(0.5)),
            Indicator::InspectionUnreachable => s(-10.0, 24, 1, None),
            Indicator::InspectionClean => s(2.0, 24, 2, None),
            Indicator::AbnormalList => s(-15.0, 1, 1, None),
            Indicator::AbnormalListRemoved => s(-3.0, 24, 1, None),
            // Serious list: 3-year standard period (Order 44 第二十一条) [L].
            Indicator::SeriousList => s(-40.0, 1, 1, None),
            Indicator::LicenceRevoked => s(-10.0, 36, 1, None),
            // Broken commitment −5, kept +5 (Shenyang) [S].
            Indicator::CommitmentBroken => s(-5.0, 36, 2, None),
            Indicator::CommitmentFalse => s(-10.0, 36, 1, None),
            Indicator::CommitmentKept => s(5.0, 36, 2, None),
            // 关联关系 [P]
            Indicator::SharedAddress => s(-3.0, 1, 1, None),
            Indicator::AddressWithSerious => s(-5.0, 1, 1, None),
            // 社会评价 [P]
            Indicator::ComplaintSubstantiated => s(-3.0, 12, 5, Some(0.5)),
        })
        .collect()
}

/// The default policy.
pub(super) fn policy() -> Policy {
    Policy {
        name: "默认政策 default (docs/RULES.md)".into(),
        // A clean enterprise starts in class A; cut-offs after the tax-credit template
        // (A ≥ 90, B 70–90, C 40–70, D < 40) [S].
        base_score: 90.0,
        min_score: 0.0,
        max_score: 100.0,
        cutoffs: Cutoffs {
            a: 90.0,
            b: 70.0,
            c: 40.0,
        },
        indicators: Indicator::ALL
            .iter()
            .zip(indicators())
            .map(|(i, s)| (i.id().to_string(), s))
            .collect(),
        params: Params {
            long_established_years: 10,
            address_cluster_size: 20,
            annual_report_due_month: 6,
            annual_report_due_day: 30,
        },
        // Serious list ⇒ D; abnormal list ⇒ at least C [S].
        overrides: Overrides {
            serious_list: Some(Class::D),
            abnormal_list: Some(Class::C),
            classify_inactive: false,
        },
        inspection: InspectionPolicy {
            // 5% general ratio (Dongxihu plan, 2025); 3% national floor [S].
            overall_ratio: 0.05,
            min_overall_ratio: 0.03,
            // Relative intensities after the 1/2/10/30% of a province (2021) [S].
            class_ratios: [
                (Class::A, 0.01),
                (Class::B, 0.02),
                (Class::C, 0.10),
                (Class::D, 0.30),
            ]
            .into_iter()
            .collect(),
            min_per_class: 1,
        },
        rules: super::RulesPolicy::default(),
        plan: super::PlanPolicy::default(),
        model: super::ModelPolicy::default(),
    }
}
