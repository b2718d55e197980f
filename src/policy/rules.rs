//! The rules engine's settings: every duration, threshold and working-day count a bureau may
//! set, with the defaults of docs/RULES.md §3–§6 and §9. They live in the policy under `rules`
//! (absent in older policy files: the defaults apply).
//!
//! Marks as in docs/RULES.md: [L] legal text, [S] secondary source, [P] practice.

use super::measures::{default_catalogue, Measure};
use super::PolicyError;
use crate::calendar::HolidayYear;
use crate::date::Date;
use crate::records::{Domain, PenaltyKind};
use serde::{Deserialize, Serialize};

/// Order 107's grades of a failing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// 轻微失信.
    Minor,
    /// 一般失信.
    General,
    /// 严重失信.
    Serious,
}

impl Grade {
    /// The Chinese term.
    pub fn zh(self) -> &'static str {
        match self {
            Grade::Minor => "轻微",
            Grade::General => "一般",
            Grade::Serious => "严重",
        }
    }

    /// The English term.
    pub fn en(self) -> &'static str {
        match self {
            Grade::Minor => "minor",
            Grade::General => "general",
            Grade::Serious => "serious",
        }
    }
}

/// 较低数额罚款: the provincial threshold of a "lower amount" fine [S].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LowFine {
    /// Threshold for a natural person, in 元 (Shanghai: 5,000) [S].
    pub person: f64,
    /// Threshold for an organisation, in 元 (Shanghai: 50,000) [S].
    pub organisation: f64,
    /// `true`: a fine equal to the threshold is low (≤, Shanghai); `false`: only below it
    /// (<, Fujian, Guizhou) [S]. Hubei's rule is not known: set it.
    pub inclusive: bool,
    /// Whether an individual business (个体工商户) takes the person threshold [P].
    pub individual_business_as_person: bool,
}

/// Penalty publicity (Order 45, 2021) [L].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicitySettings {
    /// Published within this many working days of the decision (20) [L].
    pub publish_within_working_days: u32,
    /// Withdrawn within this many working days of a revocation (3) [L].
    pub withdraw_within_working_days: u32,
    /// Period for 通报批评 or a 较低数额罚款 only, in months (3) [L].
    pub short_months: u32,
    /// Period otherwise, in months (36) [L].
    pub long_months: u32,
    /// The provincial 较低数额罚款 threshold.
    pub low_fine: LowFine,
    /// Whether a published penalty stops counting in scoring the day its publicity ends by
    /// itself (e.g. a 较低数额罚款 after 3 months), even when its indicator's window
    /// (`indicators.penalty.window_months`, 36) is longer. `false` (the default): the windows
    /// alone decide. Unpublished decisions (简易程序, a warning alone) keep their window either
    /// way. [P]
    #[serde(default)]
    pub scoring_ends_with_publicity: bool,
}

/// 经营异常名录 [L/S].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AbnormalSettings {
    /// Listed within this many working days of the trigger (10).
    pub listing_within_working_days: u32,
    /// Instant information is due within this many working days of arising (20).
    pub instant_info_within_working_days: u32,
    /// Removal decided within this many working days of the cure being shown (5).
    pub removal_decision_working_days: u32,
    /// Objections within this many calendar days after the listing day (30).
    pub objection_days: u32,
    /// An objection is accepted or refused within this many working days (5).
    pub objection_accept_working_days: u32,
    /// An accepted objection is verified within this many working days (20).
    pub objection_verify_working_days: u32,
    /// Still listed after this many months → moved to the serious list (36).
    pub transfer_after_months: u32,
    /// The reminder window before the transfer, in days (60).
    pub reminder_days: u32,
    /// Whether an individual business marked 经营异常 is moved to the serious list after the
    /// period too (false) [P].
    pub transfer_individual_businesses: bool,
    /// The day the transfer rule ended (2024-05-01) [L]: the 2024 revision of 企业信息公示暂行
    /// 条例 (国务院关于修改和废止部分行政法规的决定, 2024-03-10) no longer moves a listing of
    /// 3 years to the serious list. A listing whose period completes before this day was moved
    /// under the 2014 text; one completing on or after it is not.
    #[serde(default = "default_transfer_abolished")]
    pub transfer_abolished: Date,
    /// The day SAMR Order 101 took effect (2025-03-18, the day it was published) [L]: listings
    /// from this day follow the revised 企业经营异常名录管理办法 and 个体工商户年度报告办法, under
    /// which individual businesses are listed rather than marked.
    #[serde(default = "default_order101_effective")]
    pub order101_effective: Date,
}

fn default_transfer_abolished() -> Date {
    Date::from_ymd_opt(2024, 5, 1).expect("valid")
}

fn default_order101_effective() -> Date {
    Date::from_ymd_opt(2025, 3, 18).expect("valid")
}

/// 严重违法失信名单 (Order 44, 2021) [L].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriousSettings {
    /// Standard period, in months (36) [第二十一条].
    pub period_months: u32,
    /// Early removal may be asked after this many months (12) [第十六条].
    pub early_removal_after_months: u32,
    /// The fields in which a 较重行政处罚 can lead to listing (all: 第五条至第十一条 name
    /// conduct in every field the records carry; a bureau may narrow it).
    pub domains: Vec<Domain>,
}

/// Credit repair under the 2021 rules [S].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Repair2021Settings {
    /// Penalty publicity may end early after this many months (6).
    pub min_months: u32,
    /// … and after this many in the sensitive fields (12).
    pub min_months_sensitive: u32,
    /// The sensitive fields (food, drugs, special equipment).
    pub sensitive_domains: Vec<Domain>,
    /// Kinds for which publicity never ends early.
    pub excluded_kinds: Vec<PenaltyKind>,
    /// Repair decisions within this many working days of acceptance (15).
    pub decision_working_days: u32,
    /// An application is accepted or refused within this many working days of its receipt
    /// (2): Order 44 第十七条 for the serious list [L], which the 2021 measures repeat [S].
    #[serde(default = "default_accept_2021")]
    pub accept_working_days: u32,
}

fn default_accept_2021() -> u32 {
    2
}

/// Credit repair under Order 107 (市场监督管理信用修复管理办法, 2025) [L]: defaults read in
/// the published text; articles in brackets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Order107Settings {
    /// 轻微: stops by itself after this many months (3) [第七条].
    pub minor_months: u32,
    /// 一般: repair may be asked after this many months (3) [第九条].
    pub general_repair_after_months: u32,
    /// 一般: stops by itself after this many months (12) [第九条].
    pub general_months: u32,
    /// 严重: repair may be asked after this many months (12) [第八条, 第十三条].
    pub serious_repair_after_months: u32,
    /// 严重: stops by itself after this many months (36) [第八条, 第十三条].
    pub serious_months: u32,
    /// Decisions on penalty, inspection and serious-list repair within this many working days
    /// of acceptance (7) [第十六条第二款].
    pub decision_working_days: u32,
    /// The grade of a broken or false commitment, which Order 107 does not name (一般) [P].
    pub other_records_grade: Grade,
    /// Kinds for which repair is never granted: 降低资质等级、吊销许可证件、吊销营业执照、
    /// 责令关闭, published 3 years [第八条第一款第三项、第五款].
    pub excluded_kinds: Vec<PenaltyKind>,
    /// Fields in which any decision other than a 轻微 one is 严重: food, drugs (with medical
    /// devices and cosmetics), special equipment, and 重点工业产品, taken here as the product
    /// quality field [第八条第一款第一项; the product-quality mapping is P].
    #[serde(default = "default_serious_domains")]
    pub serious_domains: Vec<Domain>,
    /// 较低数额罚款: a fine at or below this amount on a business (经营主体, individual
    /// businesses included), 元 (50,000) [第七条第三款]. A fine decided 从重 is never low (the
    /// article requires the 从轻 or 减轻 level, which the records do not otherwise carry).
    #[serde(default = "default_low_fine_107")]
    pub low_fine: f64,
    /// Removal from the 经营异常名录 decided within this many working days of acceptance (2)
    /// [第十六条第一款].
    #[serde(default = "default_abnormal_decision_107")]
    pub abnormal_decision_working_days: u32,
    /// The grade of a negative inspection result (抽查检查结果负面信息): 轻微, as one that led to
    /// no penalty or a 轻微 one stops after 3 months by itself; one that led to a heavier
    /// penalty or a listing stops with it, which the records do not link [第十条; P].
    #[serde(default = "default_inspection_grade")]
    pub inspection_grade: Grade,
    /// An application is accepted or refused within this many working days of its receipt.
    /// Order 107 runs its decision periods from acceptance (第十六条); how long acceptance may
    /// take was not read in the text, so by default none is assumed (`null`: the answer takes
    /// acceptance on the day the application is received, and says so).
    #[serde(default)]
    pub accept_working_days: Option<u32>,
}

/// Which texts answer a question about a record made before Order 107 took effect, asked on
/// or after that day. Order 107 has no transitional article; one setting decides both the
/// publicity and the repair, so one answer never mixes the two regimes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transition {
    /// The texts in force on the day the question is asked (default) [P]: from
    /// 2025-12-25 an earlier decision is graded and repaired under Order 107, and its
    /// publicity ends on its Order 107 end — not before 2025-12-25, not after its Order 45
    /// end. Reasons: the 2021 repair measures gave way to Order 107 that day, repair is a
    /// procedure asked for under the rules then in force, and Order 107's periods are never
    /// longer than Order 45's, so the party is not worse off (从旧兼从轻, by analogy with
    /// 行政处罚法 第三十七条).
    #[default]
    QuestionDate,
    /// The texts in force on the record's own date (decision, listing, inspection): an
    /// earlier record keeps Order 45's publicity and the 2021 repair rules.
    RecordDate,
}

fn default_serious_domains() -> Vec<Domain> {
    vec![
        Domain::Food,
        Domain::Drugs,
        Domain::SpecialEquipment,
        Domain::ProductQuality,
    ]
}

fn default_low_fine_107() -> f64 {
    50_000.0
}

fn default_abnormal_decision_107() -> u32 {
    2
}

fn default_inspection_grade() -> Grade {
    Grade::Minor
}

/// Objections and manual adjustments [P].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditSettings {
    /// Whether a disputed record keeps counting until it is corrected or confirmed (true).
    pub disputed_record_counts: bool,
}

/// All settings of the rules engine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RulesPolicy {
    /// The day Order 107 takes effect (2025-12-25).
    pub order107_effective: Date,
    /// Holiday years added to, or replacing, the built-in 2020–2026.
    pub holiday_years: Vec<HolidayYear>,
    /// Penalty publicity.
    pub publicity: PublicitySettings,
    /// 经营异常名录.
    pub abnormal: AbnormalSettings,
    /// 严重违法失信名单.
    pub serious: SeriousSettings,
    /// Repair under the 2021 rules.
    pub repair2021: Repair2021Settings,
    /// Repair under Order 107.
    pub order107: Order107Settings,
    /// The catalogue of incentives and restrictions.
    pub measures: Vec<Measure>,
    /// Objections and adjustments.
    pub audit: AuditSettings,
    /// Which texts answer a question about an earlier record after Order 107 took effect.
    pub transition: Transition,
}

impl Default for RulesPolicy {
    fn default() -> Self {
        use Domain::*;
        use PenaltyKind::*;
        RulesPolicy {
            order107_effective: Date::from_ymd_opt(2025, 12, 25).expect("valid"),
            holiday_years: Vec::new(),
            publicity: PublicitySettings {
                publish_within_working_days: 20,
                withdraw_within_working_days: 3,
                short_months: 3,
                long_months: 36,
                low_fine: LowFine {
                    person: 5_000.0,
                    organisation: 50_000.0,
                    inclusive: true,
                    individual_business_as_person: true,
                },
                scoring_ends_with_publicity: false,
            },
            abnormal: AbnormalSettings {
                listing_within_working_days: 10,
                instant_info_within_working_days: 20,
                removal_decision_working_days: 5,
                objection_days: 30,
                objection_accept_working_days: 5,
                objection_verify_working_days: 20,
                transfer_after_months: 36,
                reminder_days: 60,
                transfer_individual_businesses: false,
                transfer_abolished: default_transfer_abolished(),
                order101_effective: default_order101_effective(),
            },
            serious: SeriousSettings {
                period_months: 36,
                early_removal_after_months: 12,
                // Order 44 第五条至第十一条 name conduct in every field the records carry:
                // food; drugs, devices, cosmetics; quality and special equipment, metrology and
                // certification (第七条、第八条第三项); consumers; competition, prices,
                // advertising (第九条); licences, registration, obstruction (第十条).
                domains: Domain::ALL.to_vec(),
            },
            repair2021: Repair2021Settings {
                min_months: 6,
                min_months_sensitive: 12,
                sensitive_domains: vec![Food, Drugs, SpecialEquipment],
                excluded_kinds: vec![
                    SuspendOperation,
                    RestrictOperation,
                    RestrictPractice,
                    Demotion,
                    LicenceRevoked,
                    BusinessLicenceRevoked,
                ],
                decision_working_days: 15,
                accept_working_days: 2,
            },
            order107: Order107Settings {
                minor_months: 3,
                general_repair_after_months: 3,
                general_months: 12,
                serious_repair_after_months: 12,
                serious_months: 36,
                decision_working_days: 7,
                other_records_grade: Grade::General,
                excluded_kinds: vec![Demotion, LicenceRevoked, BusinessLicenceRevoked, Closure],
                serious_domains: default_serious_domains(),
                low_fine: default_low_fine_107(),
                abnormal_decision_working_days: default_abnormal_decision_107(),
                inspection_grade: default_inspection_grade(),
                accept_working_days: None,
            },
            measures: default_catalogue(),
            audit: AuditSettings {
                disputed_record_counts: true,
            },
            transition: Transition::default(),
        }
    }
}

/// The largest amount (元) a fine threshold may be: 10¹².
pub const MAX_AMOUNT: f64 = 1e12;

fn err(path: &str, message: impl Into<String>) -> PolicyError {
    PolicyError {
        path: format!("rules.{path}"),
        message: message.into(),
    }
}

impl RulesPolicy {
    /// Checks every setting; errors name the JSON path under `rules`.
    pub fn check(&self) -> Result<(), PolicyError> {
        use crate::calendar::{MAX_MONTHS, MAX_WORKING_DAYS};
        let months = |path: &str, v: u32| {
            if (1..=MAX_MONTHS).contains(&v) {
                Ok(())
            } else {
                Err(err(path, format!("must be 1–{MAX_MONTHS} months")))
            }
        };
        let days = |path: &str, v: u32| {
            if (1..=MAX_WORKING_DAYS).contains(&v) {
                Ok(())
            } else {
                Err(err(path, format!("must be 1–{MAX_WORKING_DAYS} days")))
            }
        };
        let date = |path: &str, d: Date| {
            crate::date::check_in_range("date", d)
                .map(|_| ())
                .map_err(|e| err(path, e.message))
        };
        let amount = |path: &str, v: f64| {
            if v.is_finite() && (0.0..=MAX_AMOUNT).contains(&v) {
                Ok(())
            } else {
                Err(err(
                    path,
                    format!("must be a finite amount 0–{MAX_AMOUNT} (元)"),
                ))
            }
        };
        date("order107_effective", self.order107_effective)?;
        date(
            "abnormal.transfer_abolished",
            self.abnormal.transfer_abolished,
        )?;
        date(
            "abnormal.order101_effective",
            self.abnormal.order101_effective,
        )?;
        let p = &self.publicity;
        days(
            "publicity.publish_within_working_days",
            p.publish_within_working_days,
        )?;
        days(
            "publicity.withdraw_within_working_days",
            p.withdraw_within_working_days,
        )?;
        months("publicity.short_months", p.short_months)?;
        months("publicity.long_months", p.long_months)?;
        if p.short_months > p.long_months {
            return Err(err("publicity.short_months", "must not exceed long_months"));
        }
        amount("publicity.low_fine.person", p.low_fine.person)?;
        amount("publicity.low_fine.organisation", p.low_fine.organisation)?;
        let a = &self.abnormal;
        days(
            "abnormal.listing_within_working_days",
            a.listing_within_working_days,
        )?;
        days(
            "abnormal.instant_info_within_working_days",
            a.instant_info_within_working_days,
        )?;
        days(
            "abnormal.removal_decision_working_days",
            a.removal_decision_working_days,
        )?;
        days("abnormal.objection_days", a.objection_days)?;
        days(
            "abnormal.objection_accept_working_days",
            a.objection_accept_working_days,
        )?;
        days(
            "abnormal.objection_verify_working_days",
            a.objection_verify_working_days,
        )?;
        months("abnormal.transfer_after_months", a.transfer_after_months)?;
        days("abnormal.reminder_days", a.reminder_days)?;
        let s = &self.serious;
        months("serious.period_months", s.period_months)?;
        months(
            "serious.early_removal_after_months",
            s.early_removal_after_months,
        )?;
        if s.early_removal_after_months >= s.period_months {
            return Err(err(
                "serious.early_removal_after_months",
                format!("must be below period_months ({})", s.period_months),
            ));
        }
        let r = &self.repair2021;
        months("repair2021.min_months", r.min_months)?;
        months("repair2021.min_months_sensitive", r.min_months_sensitive)?;
        days("repair2021.decision_working_days", r.decision_working_days)?;
        days("repair2021.accept_working_days", r.accept_working_days)?;
        let o = &self.order107;
        months("order107.minor_months", o.minor_months)?;
        months(
            "order107.general_repair_after_months",
            o.general_repair_after_months,
        )?;
        months("order107.general_months", o.general_months)?;
        months(
            "order107.serious_repair_after_months",
            o.serious_repair_after_months,
        )?;
        months("order107.serious_months", o.serious_months)?;
        days("order107.decision_working_days", o.decision_working_days)?;
        if let Some(d) = o.accept_working_days {
            days("order107.accept_working_days", d)?;
        }
        days(
            "order107.abnormal_decision_working_days",
            o.abnormal_decision_working_days,
        )?;
        amount("order107.low_fine", o.low_fine)?;
        if o.low_fine <= 0.0 {
            return Err(err("order107.low_fine", "must be a positive amount"));
        }
        if o.general_repair_after_months > o.general_months {
            return Err(err(
                "order107.general_repair_after_months",
                "must not exceed general_months",
            ));
        }
        if o.serious_repair_after_months > o.serious_months {
            return Err(err(
                "order107.serious_repair_after_months",
                "must not exceed serious_months",
            ));
        }
        for (i, y) in self.holiday_years.iter().enumerate() {
            let path = format!("holiday_years[{i}]");
            if !(1949..=2200).contains(&y.year) {
                return Err(err(&format!("{path}.year"), "must be a year 1949–2200"));
            }
            if self.holiday_years[..i].iter().any(|o| o.year == y.year) {
                return Err(err(&format!("{path}.year"), "year given twice"));
            }
            for (j, h) in y.holidays.iter().enumerate() {
                if h.first > h.last || (h.last - h.first).num_days() > 31 {
                    return Err(err(
                        &format!("{path}.holidays[{j}]"),
                        "first must not be after last, and a holiday lasts at most 32 days",
                    ));
                }
                use chrono::Datelike;
                if h.last.year() != y.year && h.first.year() != y.year {
                    return Err(err(
                        &format!("{path}.holidays[{j}]"),
                        format!("lies outside {}", y.year),
                    ));
                }
            }
        }
        let mut ids = std::collections::BTreeSet::new();
        for (i, m) in self.measures.iter().enumerate() {
            if m.id.trim().is_empty() {
                return Err(err(&format!("measures[{i}].id"), "must not be empty"));
            }
            if !ids.insert(m.id.as_str()) {
                return Err(err(&format!("measures[{i}].id"), "id given twice"));
            }
            if m.exit.trim().is_empty() {
                return Err(err(
                    &format!("measures[{i}].exit"),
                    "every measure needs its exit condition",
                ));
            }
            m.eligibility
                .check()
                .map_err(|msg| err(&format!("measures[{i}].eligibility"), msg))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_check_and_round_trip() {
        let r = RulesPolicy::default();
        r.check().unwrap();
        let j = serde_json::to_string(&r).unwrap();
        let back: RulesPolicy = serde_json::from_str(&j).unwrap();
        assert_eq!(back, r);
        // An empty object is the defaults.
        let empty: RulesPolicy = serde_json::from_str("{}").unwrap();
        assert_eq!(empty, r);
        // A publicity section written before `scoring_ends_with_publicity` existed: off.
        let mut v = serde_json::to_value(&r).unwrap();
        v["publicity"]
            .as_object_mut()
            .unwrap()
            .remove("scoring_ends_with_publicity");
        let old: RulesPolicy = serde_json::from_value(v).unwrap();
        assert!(!old.publicity.scoring_ends_with_publicity);
    }

    #[test]
    fn bad_settings_name_their_path() {
        let mut r = RulesPolicy::default();
        r.serious.early_removal_after_months = 36;
        assert_eq!(
            r.check().unwrap_err().path,
            "rules.serious.early_removal_after_months"
        );
        let mut r = RulesPolicy::default();
        r.publicity.low_fine.person = f64::NAN;
        assert_eq!(
            r.check().unwrap_err().path,
            "rules.publicity.low_fine.person"
        );
        let mut r = RulesPolicy::default();
        r.measures[0].exit = String::new();
        assert_eq!(r.check().unwrap_err().path, "rules.measures[0].exit");
        assert!(serde_json::from_str::<RulesPolicy>(r#"{"bogus":1}"#).is_err());
        let r = RulesPolicy {
            order107_effective: Date::from_ymd_opt(9999, 12, 31).unwrap(),
            ..RulesPolicy::default()
        };
        assert_eq!(r.check().unwrap_err().path, "rules.order107_effective");
        let mut r = RulesPolicy::default();
        r.abnormal.transfer_abolished = Date::MAX;
        assert_eq!(
            r.check().unwrap_err().path,
            "rules.abnormal.transfer_abolished"
        );
        let mut r = RulesPolicy::default();
        r.order107.low_fine = 1e300;
        assert_eq!(r.check().unwrap_err().path, "rules.order107.low_fine");
        let mut r = RulesPolicy::default();
        r.publicity.publish_within_working_days = 4_000_000;
        assert_eq!(
            r.check().unwrap_err().path,
            "rules.publicity.publish_within_working_days"
        );
    }
}
