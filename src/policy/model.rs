//! The outcome a backtest judges the classes against, and the backtest's figures
//! (docs/RULES.md §18). They live in the policy under `model` (absent in older policy files:
//! the defaults apply).
//!
//! An enterprise is **bad** over the horizon after a date T when one of the events switched on
//! here happens to it in (T, T + `horizon_months`]. Every default is practice [P]: no rule
//! says what a credit-risk class must predict; these are the negative records the national
//! system itself publishes against an enterprise (a penalty decided by the general procedure,
//! an inspection that found a problem, a listing), so a class that works should see more of
//! them later.

use super::{err, PolicyError};
use serde::{Deserialize, Serialize};

/// Which events make an enterprise bad in the outcome window.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BadEvents {
    /// An inspection dated in the window whose result is a problem of the enterprise's own
    /// making (发现问题已责令改正, 发现问题待后续处理, 未按规定公示应当公示的信息, 公示信息隐瞒真实情况弄虚作假,
    /// 不予配合情节严重) (default on) [P].
    pub inspection_problem: bool,
    /// A penalty decided in the window and not revoked (default on) [P].
    pub penalty: bool,
    /// With `penalty`: only a decision fining at least this many yuan counts — a decision
    /// without a recorded fine, or a smaller one, does not — unless it is heavy (a 较重 kind
    /// such as 吊销 or 停产停业, or 从重), which always counts. `null` (the default): any amount,
    /// and decisions without a fine [P].
    pub penalty_min_amount: Option<f64>,
    /// With `penalty`: only decisions by the general procedure (普通程序) that are not a
    /// warning alone count — those are what Order 45 publishes, and what the `penalty`
    /// indicator counts; an on-the-spot 简易程序 decision or a warning alone does not
    /// (default true) [P]. `false`: every decision counts.
    pub penalty_general_only: bool,
    /// A listing on 经营异常名录 (or marking as abnormal) dated in the window (default on) [P].
    pub abnormal_list: bool,
    /// A listing on 严重违法失信名单 dated in the window (default on) [P].
    pub serious_list: bool,
}

/// The outcome and backtest settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelPolicy {
    /// Months after T over which the outcome is observed (12: the year after a
    /// classification, as the classes are recomputed and inspections planned yearly) [P].
    pub horizon_months: u32,
    /// The events that count as bad.
    pub bad: BadEvents,
    /// Bands of the gains table (10: deciles) [P].
    pub gains_bands: u32,
    /// A learned indicator set scored beside the expert points (the champion) and backtested
    /// against the same outcomes: a fitted scorecard (docs/RULES.md §19). Absent by default;
    /// it never changes the classes the toolkit gives, only what a backtest compares.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenger: Option<Challenger>,
}

/// A challenger: a scorecard fitted on the features of [`crate::model::features`] — its
/// points are the learned indicator set — and how its scores become classes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Challenger {
    /// A name to show beside the expert points (at most 100 characters).
    pub name: String,
    /// The fitted card, the JSON document `credit-supervision/scorecard` version 1 exactly as
    /// written by a fit (its points are stored, so its scores never change). The policy checks
    /// only that it is such a document; the card itself is checked where it is used, and when
    /// a workspace takes the policy (errors under `model.challenger.card`).
    pub card: serde_json::Value,
    /// How the card's scores become classes A–D.
    #[serde(default)]
    pub classes: ChallengerClasses,
}

/// How a challenger's scores become classes. In both, the legal overrides still apply as for
/// the expert points: an enterprise on 严重违法失信名单 (or classed by hand) keeps its expert
/// class, and one on 经营异常名录 is at least `overrides.abnormal_list`.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "by", deny_unknown_fields)]
pub enum ChallengerClasses {
    /// As many enterprises in each class as the expert classes have on the same date (among
    /// those the overrides leave free), the lowest card scores in D, the abnormal-list floor
    /// taking places of its class: a like-for-like comparison of the two orderings (the
    /// default).
    #[default]
    Shares,
    /// Score cut-offs on the card's scale: A from `a` up, B from `b`, C from `c`, D below.
    CutOffs {
        /// The lowest score of A.
        a: f64,
        /// The lowest score of B.
        b: f64,
        /// The lowest score of C.
        c: f64,
    },
}

/// The longest challenger name, in characters.
pub const MAX_CHALLENGER_NAME: usize = 100;
/// The format a challenger's card must declare.
pub const CARD_FORMAT: &str = "credit-supervision/scorecard";

impl Default for ModelPolicy {
    fn default() -> Self {
        ModelPolicy {
            horizon_months: 12,
            bad: BadEvents {
                inspection_problem: true,
                penalty: true,
                penalty_min_amount: None,
                penalty_general_only: true,
                abnormal_list: true,
                serious_list: true,
            },
            gains_bands: 10,
            challenger: None,
        }
    }
}

/// The longest outcome horizon: 120 months.
pub const MAX_HORIZON_MONTHS: u32 = 120;
/// The most bands of a gains table: 100.
pub const MAX_GAINS_BANDS: u32 = 100;
/// The largest `penalty_min_amount`: 10^15 yuan (the largest amount a record may hold).
pub const MAX_AMOUNT: f64 = 1e15;

impl ModelPolicy {
    /// Checks every setting: the horizon 1–[`MAX_HORIZON_MONTHS`] months, the bands
    /// 2–[`MAX_GAINS_BANDS`], the amount a finite number 0–[`MAX_AMOUNT`] (or null), and at
    /// least one kind of event switched on.
    pub fn check(&self) -> Result<(), PolicyError> {
        if !(1..=MAX_HORIZON_MONTHS).contains(&self.horizon_months) {
            return Err(err(
                "model.horizon_months",
                format!("must be 1–{MAX_HORIZON_MONTHS} months"),
            ));
        }
        if !(2..=MAX_GAINS_BANDS).contains(&self.gains_bands) {
            return Err(err(
                "model.gains_bands",
                format!("must be 2–{MAX_GAINS_BANDS}"),
            ));
        }
        if let Some(a) = self.bad.penalty_min_amount {
            if !(a.is_finite() && (0.0..=MAX_AMOUNT).contains(&a)) {
                return Err(err(
                    "model.bad.penalty_min_amount",
                    "must be an amount in yuan from 0 to 10^15, or null",
                ));
            }
        }
        let b = &self.bad;
        if !(b.inspection_problem || b.penalty || b.abnormal_list || b.serious_list) {
            return Err(err(
                "model.bad",
                "switch on at least one kind of event (inspection_problem, penalty, abnormal_list, serious_list)",
            ));
        }
        if let Some(c) = &self.challenger {
            c.check()?;
        }
        Ok(())
    }
}

impl Challenger {
    /// Checks the name, the cut-offs (finite, a > b > c) and that the card declares the
    /// scorecard format (the card's own check is the model's, `model::challenger`).
    pub fn check(&self) -> Result<(), PolicyError> {
        if self.name.chars().count() > MAX_CHALLENGER_NAME {
            return Err(err(
                "model.challenger.name",
                format!("at most {MAX_CHALLENGER_NAME} characters"),
            ));
        }
        if self.card.get("format").and_then(|f| f.as_str()) != Some(CARD_FORMAT) {
            return Err(err(
                "model.challenger.card.format",
                format!("must be a scorecard document (format \"{CARD_FORMAT}\")"),
            ));
        }
        if let ChallengerClasses::CutOffs { a, b, c } = self.classes {
            for (name, v) in [("a", a), ("b", b), ("c", c)] {
                if !v.is_finite() || v.abs() > 1e9 {
                    return Err(err(
                        format!("model.challenger.classes.{name}"),
                        "must be a finite score within ±10^9",
                    ));
                }
            }
            if !(a > b && b > c) {
                return Err(err(
                    "model.challenger.classes",
                    "the cut-offs must fall: a > b > c",
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_pass_their_checks() {
        ModelPolicy::default().check().unwrap();
    }

    #[test]
    fn every_setting_is_checked_with_its_path() {
        let mut p = ModelPolicy {
            horizon_months: 0,
            ..Default::default()
        };
        assert_eq!(p.check().unwrap_err().path, "model.horizon_months");
        p.horizon_months = 121;
        assert_eq!(p.check().unwrap_err().path, "model.horizon_months");
        let mut p = ModelPolicy {
            gains_bands: 1,
            ..Default::default()
        };
        assert_eq!(p.check().unwrap_err().path, "model.gains_bands");
        p.gains_bands = 10;
        for bad in [f64::NAN, -1.0, f64::INFINITY, 2e15] {
            p.bad.penalty_min_amount = Some(bad);
            assert_eq!(
                p.check().unwrap_err().path,
                "model.bad.penalty_min_amount",
                "{bad}"
            );
        }
        p.bad.penalty_min_amount = Some(5000.0);
        p.check().unwrap();
        p.bad = BadEvents {
            inspection_problem: false,
            penalty: false,
            penalty_min_amount: None,
            penalty_general_only: true,
            abnormal_list: false,
            serious_list: false,
        };
        assert_eq!(p.check().unwrap_err().path, "model.bad");
    }

    #[test]
    fn a_challenger_is_checked_and_absent_from_the_default_json() {
        let json = serde_json::to_string(&ModelPolicy::default()).unwrap();
        assert!(!json.contains("challenger"), "{json}");
        let mut p = ModelPolicy {
            challenger: Some(Challenger {
                name: "learned".into(),
                card: serde_json::json!({"format": CARD_FORMAT}),
                classes: ChallengerClasses::Shares,
            }),
            ..Default::default()
        };
        p.check().unwrap();
        let c = p.challenger.as_mut().unwrap();
        c.card = serde_json::json!({"format": "other"});
        assert_eq!(p.check().unwrap_err().path, "model.challenger.card.format");
        let c = p.challenger.as_mut().unwrap();
        c.card = serde_json::json!({"format": CARD_FORMAT});
        c.classes = ChallengerClasses::CutOffs {
            a: 600.0,
            b: 620.0,
            c: 500.0,
        };
        assert_eq!(p.check().unwrap_err().path, "model.challenger.classes");
        let c = p.challenger.as_mut().unwrap();
        c.classes = ChallengerClasses::CutOffs {
            a: f64::NAN,
            b: 520.0,
            c: 500.0,
        };
        assert_eq!(p.check().unwrap_err().path, "model.challenger.classes.a");
        let c = p.challenger.as_mut().unwrap();
        c.classes = ChallengerClasses::CutOffs {
            a: 640.0,
            b: 600.0,
            c: 560.0,
        };
        c.name = "x".repeat(101);
        assert_eq!(p.check().unwrap_err().path, "model.challenger.name");
        let parsed: Challenger = serde_json::from_str(
            r#"{"name":"c","card":{"format":"credit-supervision/scorecard"},"classes":{"by":"cut_offs","a":640,"b":600,"c":560}}"#,
        )
        .unwrap();
        assert!(matches!(parsed.classes, ChallengerClasses::CutOffs { a, .. } if a == 640.0));
    }
}
