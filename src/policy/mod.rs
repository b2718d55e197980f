//! The scoring and inspection policy: every number a bureau may set, as data.
//!
//! A [`Policy`] is what JSON holds (unknown fields rejected). [`Policy::check`] turns it into a
//! [`ValidPolicy`] — weights finite, windows positive, cut-offs ordered, ratios in range —
//! which is the only kind scoring and drawing accept. Defaults come from docs/RULES.md and
//! are marked there as rule [L], secondary source [S] or practice [P].
//!
//! The policy holds every setting a bureau may change: the scoring (indicators, cut-offs,
//! overrides), the inspection ratios, the rules engine's settings ([`rules`]: calendar,
//! publicity, lists, repair, audit), the measures catalogue ([`measures`]), the inspection
//! plan ([`plan`]) and the outcome a backtest judges the classes against ([`model`]).

mod class;
mod defaults;
pub mod form;
pub mod indicator;
pub mod measures;
pub mod model;
pub mod plan;
pub mod rules;

pub use class::{class_code, class_letter, Class};
pub use indicator::{Dimension, Indicator};
pub use measures::{Eligibility, Measure, MeasureKind};
pub use model::{BadEvents, Challenger, ChallengerClasses, ModelPolicy};
pub use plan::{FullCoverageGroup, PlanPolicy, RegionMatching, StratumBy, Triggers};
pub use rules::{Grade, RulesPolicy, Transition};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The settings of one indicator.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSetting {
    /// Whether the indicator counts at all (default true).
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Points per occurrence: negative lowers the score.
    pub points: f64,
    /// Impact window in months before the as-of date: a record older than this does not
    /// count. For `newly_established` it is the age below which an entity counts as new.
    pub window_months: u32,
    /// At most this many occurrences count (≥ 1).
    pub max_count: u32,
    /// Linear decay within the window: a record just inside the window's end counts
    /// `decay_to × points`, a record of the as-of date counts fully. `None`: no decay.
    #[serde(default)]
    pub decay_to: Option<f64>,
}

fn yes() -> bool {
    true
}

/// Score cut-offs: a score ≥ `a` is class A, ≥ `b` B, ≥ `c` C, otherwise D.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cutoffs {
    /// Lowest score of class A.
    pub a: f64,
    /// Lowest score of class B.
    pub b: f64,
    /// Lowest score of class C.
    pub c: f64,
}

/// Qualitative overrides applied after the cut-offs: the class becomes at least this bad.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// Class of an enterprise on 严重违法失信名单 (default D).
    pub serious_list: Option<Class>,
    /// Class at least, for an enterprise on 经营异常名录 (default C).
    pub abnormal_list: Option<Class>,
    /// Whether deregistered, revoked and moved-out entities are classified (default false).
    pub classify_inactive: bool,
}

/// Parameters of particular indicators.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// Age in years from which `long_established` counts.
    pub long_established_years: u32,
    /// Active entities at one address from which `shared_address` counts.
    pub address_cluster_size: u32,
    /// Month of the annual-report deadline in the following year (6: June) [L].
    pub annual_report_due_month: u32,
    /// Day of the annual-report deadline (30) [L].
    pub annual_report_due_day: u32,
}

/// Ratios of the differentiated random inspection (双随机、一公开).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InspectionPolicy {
    /// Share of classified enterprises drawn in all (0.05: the Dongxihu 2025 target) [S].
    pub overall_ratio: f64,
    /// The lowest overall ratio a draw may use (0.03: the national floor) [S].
    pub min_overall_ratio: f64,
    /// Relative draw intensity per class; scaled together to reach the overall ratio, each
    /// capped at the whole class. Every class must be > 0: no class is exempt [S].
    pub class_ratios: BTreeMap<Class, f64>,
    /// At least this many enterprises from each non-empty class (the control sample).
    pub min_per_class: u32,
}

/// A scoring and inspection policy as read from JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// A name for the policy, shown with results.
    pub name: String,
    /// Score of an enterprise before any indicator.
    pub base_score: f64,
    /// Lowest possible score.
    pub min_score: f64,
    /// Highest possible score.
    pub max_score: f64,
    /// Class cut-offs.
    pub cutoffs: Cutoffs,
    /// Indicator settings by id; an indicator not listed keeps its default setting.
    pub indicators: BTreeMap<String, IndicatorSetting>,
    /// Parameters of particular indicators.
    pub params: Params,
    /// Qualitative overrides.
    pub overrides: Overrides,
    /// Inspection draw ratios.
    pub inspection: InspectionPolicy,
    /// The rules engine's settings (calendar, publicity, lists, repair, measures, audit);
    /// absent in older policy files, whose rules are then the defaults.
    #[serde(default)]
    pub rules: RulesPolicy,
    /// The inspection plan's settings (cycle, rounds, frequencies, 100 % groups, strata,
    /// inspectors); absent in older policy files, whose plan settings are then the defaults.
    #[serde(default)]
    pub plan: PlanPolicy,
    /// The outcome a backtest judges the classes against (horizon, bad events) and the
    /// backtest's gains bands; absent in older policy files, whose settings are then the
    /// defaults.
    #[serde(default)]
    pub model: ModelPolicy,
}

/// The largest magnitude a score, a cut-off or an indicator's points may have: 1,000,000.
pub const MAX_SCORE_MAGNITUDE: f64 = 1_000_000.0;
/// The most occurrences an indicator may count (`max_count`): 10,000.
pub const MAX_COUNT: u32 = 10_000;
/// The most years `params.long_established_years` may be: 200.
pub const MAX_YEARS: u32 = 200;
/// The largest `params.address_cluster_size` and `inspection.min_per_class`: 1,000,000.
pub const MAX_ENTITIES: u32 = 1_000_000;
/// The most characters of the policy's name: 200.
pub const MAX_NAME_CHARS: usize = 200;

/// A policy that failed its checks: the JSON path and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("policy {path}: {message}")]
pub struct PolicyError {
    /// Where in the policy, e.g. `cutoffs.b` or `indicators.penalty.window_months`.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

fn err(path: impl Into<String>, message: impl Into<String>) -> PolicyError {
    PolicyError {
        path: path.into(),
        message: message.into(),
    }
}

/// A checked policy: the only kind scoring and drawing accept.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidPolicy {
    policy: Policy,
    settings: Vec<IndicatorSetting>,
    digest: String,
    calendar: crate::calendar::Calendar,
}

impl Default for Policy {
    fn default() -> Self {
        defaults::policy()
    }
}

impl Policy {
    /// Reads a policy from JSON text (unknown fields are errors; `line:column` in the message).
    pub fn from_json(text: &str) -> Result<Policy, PolicyError> {
        serde_json::from_str(text).map_err(|e| {
            err(
                format!("(line {}, column {})", e.line(), e.column()),
                e.to_string(),
            )
        })
    }

    /// The policy as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a policy always serialises")
    }

    /// Checks every setting and returns the policy ready for use. Every number has a range
    /// (docs/RULES.md §13): scores, cut-offs and points within ±[`MAX_SCORE_MAGNITUDE`];
    /// windows 1–[`crate::calendar::MAX_MONTHS`] months; `max_count` 1–[`MAX_COUNT`];
    /// `long_established_years` 1–[`MAX_YEARS`]; `address_cluster_size` 2–[`MAX_ENTITIES`];
    /// `min_per_class` 0–[`MAX_ENTITIES`]; ratios in (0, 1]; the `rules` as in
    /// [`RulesPolicy::check`].
    pub fn check(mut self) -> Result<ValidPolicy, PolicyError> {
        let finite = |path: &str, v: f64| {
            if v.is_finite() && v.abs() <= MAX_SCORE_MAGNITUDE {
                Ok(())
            } else {
                Err(err(
                    path,
                    format!("must be a finite number within ±{MAX_SCORE_MAGNITUDE}"),
                ))
            }
        };
        if self.name.chars().count() > MAX_NAME_CHARS {
            return Err(err("name", format!("at most {MAX_NAME_CHARS} characters")));
        }
        finite("base_score", self.base_score)?;
        finite("min_score", self.min_score)?;
        finite("max_score", self.max_score)?;
        if self.min_score >= self.max_score {
            return Err(err("min_score", "must be below max_score"));
        }
        if !(self.min_score..=self.max_score).contains(&self.base_score) {
            return Err(err(
                "base_score",
                "must lie between min_score and max_score",
            ));
        }
        let c = self.cutoffs;
        finite("cutoffs.a", c.a)?;
        finite("cutoffs.b", c.b)?;
        finite("cutoffs.c", c.c)?;
        if c.b >= c.a {
            return Err(err(
                "cutoffs.b",
                format!("must be below cutoffs.a ({})", c.a),
            ));
        }
        if c.c >= c.b {
            return Err(err(
                "cutoffs.c",
                format!("must be below cutoffs.b ({})", c.b),
            ));
        }
        for id in self.indicators.keys() {
            if Indicator::from_id(id).is_none() {
                let known: Vec<&str> = Indicator::ALL.iter().map(|i| i.id()).collect();
                return Err(err(
                    format!("indicators.{id}"),
                    format!("unknown indicator; known: {}", known.join(", ")),
                ));
            }
        }
        let defaults = defaults::indicators();
        let mut settings = Vec::with_capacity(Indicator::ALL.len());
        for &ind in Indicator::ALL {
            let s = *self
                .indicators
                .entry(ind.id().to_string())
                .or_insert(defaults[ind as usize]);
            let p = |field: &str| format!("indicators.{}.{field}", ind.id());
            finite(&p("points"), s.points)?;
            let max_months = crate::calendar::MAX_MONTHS;
            if s.window_months == 0 || s.window_months > max_months {
                return Err(err(
                    p("window_months"),
                    format!("must be 1–{max_months} months"),
                ));
            }
            if s.max_count == 0 || s.max_count > MAX_COUNT {
                return Err(err(p("max_count"), format!("must be 1–{MAX_COUNT}")));
            }
            if let Some(d) = s.decay_to {
                if !(0.0..=1.0).contains(&d) {
                    return Err(err(p("decay_to"), "must be between 0 and 1, or null"));
                }
            }
            settings.push(s);
        }
        let pa = self.params;
        if pa.long_established_years == 0 || pa.long_established_years > MAX_YEARS {
            return Err(err(
                "params.long_established_years",
                format!("must be 1–{MAX_YEARS} years"),
            ));
        }
        if !(2..=MAX_ENTITIES).contains(&pa.address_cluster_size) {
            return Err(err(
                "params.address_cluster_size",
                format!("must be 2–{MAX_ENTITIES}"),
            ));
        }
        if !(1..=12).contains(&pa.annual_report_due_month) {
            return Err(err(
                "params.annual_report_due_month",
                "must be a month 1–12",
            ));
        }
        if chrono::NaiveDate::from_ymd_opt(
            2001,
            pa.annual_report_due_month,
            pa.annual_report_due_day,
        )
        .is_none()
        {
            return Err(err(
                "params.annual_report_due_day",
                "month and day do not form a date",
            ));
        }
        let i = &self.inspection;
        let ratio = |path: &str, v: f64| {
            if v.is_finite() && v > 0.0 && v <= 1.0 {
                Ok(())
            } else {
                Err(err(path, "must be a ratio above 0 and at most 1"))
            }
        };
        ratio("inspection.overall_ratio", i.overall_ratio)?;
        ratio("inspection.min_overall_ratio", i.min_overall_ratio)?;
        if i.overall_ratio < i.min_overall_ratio {
            return Err(err(
                "inspection.overall_ratio",
                format!(
                    "must be at least min_overall_ratio ({})",
                    i.min_overall_ratio
                ),
            ));
        }
        if i.min_per_class > MAX_ENTITIES {
            return Err(err(
                "inspection.min_per_class",
                format!("must be 0–{MAX_ENTITIES}"),
            ));
        }
        for class in Class::ALL {
            match i.class_ratios.get(&class) {
                Some(&v) => ratio(&format!("inspection.class_ratios.{}", class.letter()), v)?,
                None => {
                    return Err(err(
                        format!("inspection.class_ratios.{}", class.letter()),
                        "missing: every class needs a ratio (no class is exempt)",
                    ))
                }
            }
        }
        self.rules.check()?;
        self.plan.check()?;
        self.model.check()?;
        let calendar = crate::calendar::Calendar::with_years(&self.rules.holiday_years);
        // The digest covers the whole policy, every indicator listed: whatever a setting
        // changes (a score, a class, a draw, a deadline), two policies that differ in it
        // differ in their digest.
        let digest = digest_of(&self);
        Ok(ValidPolicy {
            policy: self,
            settings,
            digest,
            calendar,
        })
    }
}

/// SHA-256 (hex) of a policy's canonical JSON (struct fields in declaration order, maps in key
/// order).
fn digest_of(policy: &Policy) -> String {
    let json = serde_json::to_string(policy).expect("a policy always serialises");
    crate::seed::hex(&crate::seed::digest("policy", &json))
}

impl ValidPolicy {
    /// The default policy, checked.
    pub fn default_checked() -> ValidPolicy {
        Policy::default()
            .check()
            .expect("the default policy passes its own checks")
    }

    /// The policy's values (with every indicator listed).
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The setting of one indicator.
    pub fn setting(&self, ind: Indicator) -> &IndicatorSetting {
        &self.settings[ind as usize]
    }

    /// The working-day calendar: built-in holiday years plus the policy's.
    pub fn calendar(&self) -> &crate::calendar::Calendar {
        &self.calendar
    }

    /// SHA-256 (hex) of the policy's canonical JSON, every setting included, to tie results
    /// and draws to the policy used.
    pub fn digest(&self) -> &str {
        &self.digest
    }

    /// The class of a score under the cut-offs.
    pub fn class_of(&self, score: f64) -> Class {
        let c = &self.policy.cutoffs;
        if score >= c.a {
            Class::A
        } else if score >= c.b {
            Class::B
        } else if score >= c.c {
            Class::C
        } else {
            Class::D
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_policy_checks_and_round_trips() {
        let p = ValidPolicy::default_checked();
        let json = p.policy().to_json();
        let again = Policy::from_json(&json).unwrap().check().unwrap();
        assert_eq!(again.digest(), p.digest());
        assert_eq!(p.policy().indicators.len(), Indicator::ALL.len());
    }

    #[test]
    fn unknown_fields_are_rejected() {
        let mut v: serde_json::Value = serde_json::from_str(&Policy::default().to_json()).unwrap();
        v["cutoffs"]["e"] = 1.into();
        let e = Policy::from_json(&v.to_string()).unwrap_err();
        assert!(e.message.contains("unknown field `e`"), "{e}");
    }

    #[test]
    fn partial_indicators_keep_defaults_and_unknown_ids_fail() {
        let mut p = Policy::default();
        p.indicators.clear();
        p.indicators.insert(
            "penalty".into(),
            IndicatorSetting {
                enabled: true,
                points: -20.0,
                window_months: 24,
                max_count: 1,
                decay_to: None,
            },
        );
        let v = p.clone().check().unwrap();
        assert_eq!(v.setting(Indicator::Penalty).points, -20.0);
        assert_eq!(
            v.setting(Indicator::SeriousList),
            &defaults::indicators()[Indicator::SeriousList as usize]
        );
        p.indicators
            .insert("bogus".into(), v.setting(Indicator::Penalty).to_owned());
        assert_eq!(p.check().unwrap_err().path, "indicators.bogus");
    }

    #[test]
    fn checks_name_the_path() {
        let mut p = Policy::default();
        p.cutoffs.b = 95.0;
        assert_eq!(p.check().unwrap_err().path, "cutoffs.b");
        let mut p = Policy::default();
        p.inspection.class_ratios.remove(&Class::A);
        assert_eq!(p.check().unwrap_err().path, "inspection.class_ratios.A");
        let mut p = Policy::default();
        p.inspection.overall_ratio = 0.01;
        assert_eq!(p.check().unwrap_err().path, "inspection.overall_ratio");
        let mut p = Policy::default();
        p.indicators.get_mut("penalty").unwrap().window_months = 0;
        assert_eq!(
            p.check().unwrap_err().path,
            "indicators.penalty.window_months"
        );
        let p = Policy {
            base_score: f64::NAN,
            ..Policy::default()
        };
        assert_eq!(p.check().unwrap_err().path, "base_score");
    }

    #[test]
    fn cutoffs_are_inclusive_lower_bounds() {
        let p = ValidPolicy::default_checked();
        let c = p.policy().cutoffs;
        assert_eq!(p.class_of(c.a), Class::A);
        assert_eq!(p.class_of(c.a - 0.01), Class::B);
        assert_eq!(p.class_of(c.b), Class::B);
        assert_eq!(p.class_of(c.c), Class::C);
        assert_eq!(p.class_of(c.c - 0.01), Class::D);
    }

    /// Every number of the policy has a bound, named by its path (300,000 years hung scoring,
    /// a cap above 255 wrapped the hit counter).
    #[test]
    fn every_number_is_bounded_and_named() {
        type Set = Box<dyn Fn(&mut Policy)>;
        let cases: Vec<(&str, Set)> = vec![
            (
                "params.long_established_years",
                Box::new(|p| p.params.long_established_years = 300_000),
            ),
            (
                "params.long_established_years",
                Box::new(|p| p.params.long_established_years = 0),
            ),
            (
                "params.address_cluster_size",
                Box::new(|p| p.params.address_cluster_size = u32::MAX),
            ),
            (
                "params.annual_report_due_month",
                Box::new(|p| p.params.annual_report_due_month = 13),
            ),
            (
                "inspection.min_per_class",
                Box::new(|p| p.inspection.min_per_class = u32::MAX),
            ),
            (
                "indicators.penalty.max_count",
                Box::new(|p| p.indicators.get_mut("penalty").unwrap().max_count = 1_000_000),
            ),
            (
                "indicators.penalty.points",
                Box::new(|p| p.indicators.get_mut("penalty").unwrap().points = -1e300),
            ),
            (
                "indicators.penalty.window_months",
                Box::new(|p| p.indicators.get_mut("penalty").unwrap().window_months = 5_000_000),
            ),
            (
                "base_score",
                Box::new(|p| {
                    p.base_score = 1e9;
                    p.max_score = 2e9;
                }),
            ),
            ("cutoffs.a", Box::new(|p| p.cutoffs.a = 1e300)),
            (
                "name",
                Box::new(|p| p.name = "x".repeat(MAX_NAME_CHARS + 1)),
            ),
        ];
        for (path, set) in cases {
            let mut p = Policy::default();
            set(&mut p);
            assert_eq!(p.check().unwrap_err().path, path);
        }
        let mut p = Policy::default();
        p.params.long_established_years = MAX_YEARS;
        p.indicators.get_mut("penalty").unwrap().max_count = MAX_COUNT;
        p.check().unwrap();
    }
}
