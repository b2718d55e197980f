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
}

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
}
