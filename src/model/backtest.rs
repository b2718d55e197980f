//! A backtest of the classes: the classes as of T against the outcomes after T (docs/RULES.md
//! §18) — per class the enterprises, the bads and the bad rate; the lift of D over A; whether
//! the bad rates rise strictly from A to D; KS, AUC and Gini of the expert score (risk =
//! −score); the gains table; ROC points for a chart; the outcome kinds counted.

use super::metrics::{self, GainsRow, Ks};
use super::outcome::{outcomes, Excluded, KindCount, Outcomes, Window};
use super::ModelError;
use crate::date::format_date;
use crate::policy::{Class, ValidPolicy};
use crate::progress::Progress;
use crate::records::Exclusions;
use crate::score::{Overlay, Scoring};
use crate::store::Store;
use serde::Serialize;

/// The points of the ROC curve a backtest keeps (thinned evenly, both ends kept).
pub const ROC_POINTS: usize = 101;

/// The outcome of one class.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassOutcome {
    /// The class.
    pub class: Class,
    /// Enterprises of the class on T.
    pub count: usize,
    /// Of which bad in the window.
    pub bad: usize,
    /// `bad / count`; `null` for an empty class.
    pub bad_rate: Option<f64>,
}

/// The classes as of T against the outcomes after T.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Backtest {
    /// T.
    pub at: String,
    /// The horizon in months.
    pub horizon_months: u32,
    /// T + horizon: the window's last day.
    pub window_end: String,
    /// The data's as-of date (the workspace's scoring date).
    pub data_as_of: String,
    /// The digest of the policy the classes and the outcome follow.
    pub policy_digest: String,
    /// Enterprises classified on T (the rows).
    pub population: usize,
    /// Of which bad.
    pub bad: usize,
    /// `bad / population` (0 for an empty population).
    pub bad_rate: f64,
    /// Enterprises left out, by why.
    pub excluded: Excluded,
    /// A, B, C, D.
    pub classes: Vec<ClassOutcome>,
    /// D's bad rate over A's; `null` when either class is empty or A has no bad.
    pub lift_d_over_a: Option<f64>,
    /// Whether the bad rates rise strictly A < B < C < D (false when a class is empty).
    pub order_holds: bool,
    /// AUC of the expert score (`null` without a bad and a good).
    pub auc: Option<f64>,
    /// 2 × AUC − 1.
    pub gini: Option<f64>,
    /// KS of the expert score; its `at` is a risk value (−score).
    pub ks: Option<Ks>,
    /// The gains table over `model.gains_bands` bands, riskiest first; `min` and `max` are
    /// risk values (−score).
    pub gains: Vec<GainsRow>,
    /// ROC points `[false-positive rate, true-positive rate]`, at most [`ROC_POINTS`].
    pub roc: Vec<[f64; 2]>,
    /// Per outcome kind: enterprises with such an event, enterprises whose first event it is,
    /// events.
    pub outcome_kinds: Vec<KindCount>,
}

/// The backtest figures of `o` (see [`Backtest`]).
pub fn summarise(policy: &ValidPolicy, o: &Outcomes) -> Backtest {
    let bad = o.bad();
    let risk: Vec<f64> = o.scores.iter().map(|s| -s).collect();
    let mut classes: Vec<ClassOutcome> = Class::ALL
        .iter()
        .map(|&class| ClassOutcome {
            class,
            count: 0,
            bad: 0,
            bad_rate: None,
        })
        .collect();
    for (&c, &b) in o.classes.iter().zip(&bad) {
        if let Some(row) = classes.get_mut(usize::from(c).wrapping_sub(1)) {
            row.count += 1;
            row.bad += usize::from(b);
        }
    }
    for row in &mut classes {
        row.bad_rate = (row.count > 0).then(|| row.bad as f64 / row.count as f64);
    }
    let rates: Vec<Option<f64>> = classes.iter().map(|c| c.bad_rate).collect();
    let order_holds = rates.iter().all(Option::is_some) && rates.windows(2).all(|w| w[0] < w[1]);
    let lift_d_over_a = match (rates[0], rates[3]) {
        (Some(a), Some(d)) if a > 0.0 => Some(d / a),
        _ => None,
    };
    let n_bad = bad.iter().filter(|&&b| b).count();
    let bands = policy.policy().model.gains_bands as usize;
    let f = metrics::figures(&risk, &bad, bands, ROC_POINTS);
    Backtest {
        at: format_date(o.window.at),
        horizon_months: o.window.horizon_months,
        window_end: format_date(o.window.end),
        data_as_of: format_date(o.window.data_as_of),
        policy_digest: policy.digest().to_string(),
        population: o.ents.len(),
        bad: n_bad,
        bad_rate: if o.ents.is_empty() {
            0.0
        } else {
            n_bad as f64 / o.ents.len() as f64
        },
        excluded: o.excluded,
        classes,
        lift_d_over_a,
        order_holds,
        auc: f.auc,
        gini: f.gini,
        ks: f.ks,
        gains: f.gains,
        roc: f.roc.into_iter().map(|(x, y)| [x, y]).collect(),
        outcome_kinds: o.kinds.clone(),
    }
}

/// Scores every enterprise as of the window's T under `overlay` (the audit overlay of T,
/// [`super::score_at`]) and
/// judges the outcomes after it: the scoring and the outcomes. `excluded_events` are records
/// that never count as events.
pub fn classes_and_outcomes(
    store: &mut Store,
    policy: &ValidPolicy,
    window: Window,
    overlay: &Overlay,
    excluded_events: &Exclusions,
    progress: &mut dyn Progress,
) -> Result<(Scoring, Outcomes), ModelError> {
    let scoring = super::score_at(store, policy, window.at, overlay, progress)?;
    let o = outcomes(store, policy, &scoring, window, excluded_events);
    Ok((scoring, o))
}

/// The backtest of the classes as of the window's T against the outcomes in the window (see
/// [`Window::new`] for the windows refused).
pub fn backtest(
    store: &mut Store,
    policy: &ValidPolicy,
    window: Window,
    overlay: &Overlay,
    excluded_events: &Exclusions,
    progress: &mut dyn Progress,
) -> Result<Backtest, ModelError> {
    let (_, o) = classes_and_outcomes(store, policy, window, overlay, excluded_events, progress)?;
    Ok(summarise(policy, &o))
}
