//! A fitted scorecard as a value: its bins, WoE and points per feature, the intercept and the
//! scale. Saved as JSON and loaded back with every number as it was (points are stored, not
//! recomputed), so a card scores the same after a reload; applied to a table row by row, with
//! reason codes (the bins that cost most points).

use super::binning::{Bin, BinRule, FeatureBins, UNSEEN};
use super::settings::{Settings, Unseen, WoeSign};
use crate::model::table::{FeatureKind, Table};
use serde::{Deserialize, Serialize};

/// The card format's name, in every card.
pub const FORMAT: &str = "credit-supervision/scorecard";
/// The card format's version.
pub const VERSION: u32 = 1;

/// The points scale: `score = offset + factor × ln(good:bad odds)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scaling {
    /// Points at `base_odds`.
    pub base_score: f64,
    /// Goods per bad at the base score.
    pub base_odds: f64,
    /// Points to double the odds.
    pub pdo: f64,
    /// `pdo / ln 2`.
    pub factor: f64,
    /// `base_score − factor × ln(base_odds)`.
    pub offset: f64,
    /// Decimals of the points.
    pub decimals: u8,
}

impl Scaling {
    /// The scale of the settings' points.
    pub fn of(p: &super::settings::Points) -> Scaling {
        let factor = p.pdo / std::f64::consts::LN_2;
        Scaling {
            base_score: p.base_score,
            base_odds: p.base_odds,
            pdo: p.pdo,
            factor,
            offset: p.base_score - factor * p.base_odds.ln(),
            decimals: p.decimals,
        }
    }

    /// Rounds points to the card's decimals; never −0 (a card's JSON must not say `-0.0`,
    /// which JavaScript reads as a number unequal in sign to 0).
    pub fn round(&self, v: f64) -> f64 {
        let m = 10f64.powi(i32::from(self.decimals));
        (v * m).round() / m + 0.0
    }

    /// The chance of bad that a score stands for.
    pub fn probability(&self, score: f64) -> f64 {
        let ln_odds_good = (score - self.offset) / self.factor;
        1.0 / (1.0 + ln_odds_good.exp())
    }
}

/// One bin of a card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CardBin {
    /// What it holds.
    pub rule: BinRule,
    /// Its WoE.
    pub woe: f64,
    /// Its points.
    pub points: f64,
    /// Rows of the fit in it.
    pub count: u64,
    /// Their bad rate.
    pub bad_rate: f64,
}

/// One feature of a card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CardFeature {
    /// The column it reads.
    pub name: String,
    /// Numeric or categorical.
    pub kind: FeatureKind,
    /// Its coefficient in the regression.
    pub coefficient: f64,
    /// Its IV in the fit.
    pub iv: f64,
    /// The bins, regular ones first, then special values, then missing.
    pub bins: Vec<CardBin>,
}

impl CardFeature {
    fn as_bins(&self) -> FeatureBins {
        FeatureBins {
            name: self.name.clone(),
            kind: self.kind,
            bins: self
                .bins
                .iter()
                .map(|b| Bin {
                    rule: b.rule.clone(),
                    count: b.count,
                    bad: 0,
                    bad_rate: b.bad_rate,
                    share: 0.0,
                    woe: b.woe,
                    iv: 0.0,
                })
                .collect(),
            iv: self.iv,
            iv_raw: self.iv,
            trend: super::settings::Trend::None,
            missing_share: 0.0,
            manual: false,
        }
    }

    /// The most points any bin gives.
    pub fn max_points(&self) -> f64 {
        self.bins
            .iter()
            .map(|b| b.points)
            .fold(f64::NEG_INFINITY, f64::max)
    }

    fn min_points(&self) -> f64 {
        self.bins
            .iter()
            .map(|b| b.points)
            .fold(f64::INFINITY, f64::min)
    }
}

/// What the card was fitted on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FittedOn {
    /// Rows.
    pub rows: u64,
    /// Bads among them.
    pub bads: u64,
}

/// A fitted scorecard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Card {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`VERSION`].
    pub version: u32,
    /// The target column it was fitted to.
    pub target: String,
    /// The scale.
    pub scaling: Scaling,
    /// The regression's intercept.
    pub intercept: f64,
    /// Points every row starts with (the intercept's share of the score).
    pub base_points: f64,
    /// The WoE sign of the bins.
    pub woe_sign: WoeSign,
    /// Where unseen categories go.
    pub unseen: Unseen,
    /// Reason codes per row.
    pub reasons: usize,
    /// The features.
    pub features: Vec<CardFeature>,
    /// What it was fitted on.
    pub fitted_on: FittedOn,
    /// The settings of the fit.
    pub settings: Settings,
}

/// A card that cannot be loaded or applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("scorecard {path}: {message}")]
pub struct CardError {
    /// Where: a JSON path of the card, or `column <name>` of the table.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

fn card_err(path: impl Into<String>, message: impl Into<String>) -> CardError {
    CardError {
        path: path.into(),
        message: message.into(),
    }
}

/// A reason code: a feature whose bin cost points.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    /// The feature.
    pub feature: String,
    /// The bin the row fell in (`unseen` for an unseen category).
    pub bin: String,
    /// Its points.
    pub points: f64,
    /// Points below the feature's best bin.
    pub cost: f64,
}

/// A table scored by a card.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// The score of each row.
    pub scores: Vec<f64>,
    /// The bin of each row, per card feature (`u16::MAX`: unseen category).
    pub bins: Vec<Vec<u16>>,
    /// Rows with an unseen category, per card feature.
    pub unseen: Vec<u64>,
}

impl Card {
    /// Parses and checks a card.
    pub fn from_json(text: &str) -> Result<Card, CardError> {
        let card: Card = serde_json::from_str(text).map_err(|e| card_err("", e.to_string()))?;
        card.check()?;
        Ok(card)
    }

    /// The card as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a card serialises")
    }

    /// SHA-256 of the card's compact JSON, hex: names the card in a comparison.
    pub fn digest(&self) -> String {
        use sha2::{Digest, Sha256};
        let bytes = serde_json::to_vec(self).expect("a card serialises");
        Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    fn check(&self) -> Result<(), CardError> {
        if self.format != FORMAT {
            return Err(card_err("format", format!("must be `{FORMAT}`")));
        }
        if self.version != VERSION {
            return Err(card_err(
                "version",
                format!("this build reads version {VERSION}"),
            ));
        }
        let finite = |path: String, v: f64| {
            if v.is_finite() {
                Ok(())
            } else {
                Err(card_err(path, "must be a finite number"))
            }
        };
        finite("basePoints".into(), self.base_points)?;
        finite("scaling.factor".into(), self.scaling.factor)?;
        finite("scaling.offset".into(), self.scaling.offset)?;
        if self.scaling.factor == 0.0 {
            return Err(card_err("scaling.factor", "must not be 0"));
        }
        let mut names = std::collections::BTreeSet::new();
        for (i, f) in self.features.iter().enumerate() {
            let at = |k: &str| format!("features[{i}].{k}");
            if !names.insert(&f.name) {
                return Err(card_err(at("name"), format!("`{}` appears twice", f.name)));
            }
            if !matches!(f.bins.last().map(|b| &b.rule), Some(BinRule::Missing)) {
                return Err(card_err(at("bins"), "the last bin must be the missing bin"));
            }
            let mut last_hi: Option<f64> = None;
            for (j, b) in f.bins.iter().enumerate() {
                finite(at(&format!("bins[{j}].points")), b.points)?;
                finite(at(&format!("bins[{j}].woe")), b.woe)?;
                let ok = match (&b.rule, f.kind) {
                    (BinRule::Range { lo, hi }, FeatureKind::Numeric) => {
                        let first = j == 0;
                        let lo_ok = if first {
                            lo.is_none()
                        } else {
                            *lo == last_hi && lo.is_some()
                        };
                        last_hi = *hi;
                        lo_ok && (hi.is_none() || hi > lo)
                    }
                    (BinRule::Special { value }, FeatureKind::Numeric) => value.is_finite(),
                    (BinRule::Levels { .. }, FeatureKind::Categorical) => true,
                    (BinRule::Missing, _) => j + 1 == f.bins.len(),
                    _ => false,
                };
                if !ok {
                    return Err(card_err(
                        at(&format!("bins[{j}].rule")),
                        "does not fit the bins before it or the feature's kind",
                    ));
                }
            }
            if f.kind == FeatureKind::Numeric
                && !f
                    .bins
                    .iter()
                    .any(|b| matches!(b.rule, BinRule::Range { hi: None, .. }))
            {
                return Err(card_err(at("bins"), "the last range must be open-ended"));
            }
        }
        Ok(())
    }

    /// The feature kinds the card reads, by column name (to read a file for it).
    pub fn kinds(&self) -> std::collections::BTreeMap<String, FeatureKind> {
        self.features
            .iter()
            .map(|f| (f.name.clone(), f.kind))
            .collect()
    }

    fn unseen_points(&self, f: &CardFeature) -> f64 {
        match self.unseen {
            Unseen::Missing => f.bins.last().map_or(0.0, |b| b.points),
            Unseen::Riskiest => f.min_points(),
            Unseen::Neutral => 0.0,
        }
    }

    /// Scores every row of `table`; a column the card reads must be there.
    pub fn apply(&self, table: &Table) -> Result<Scored, CardError> {
        let n = table.rows();
        let mut scores = vec![self.base_points; n];
        let mut bins = Vec::with_capacity(self.features.len());
        let mut unseen = Vec::with_capacity(self.features.len());
        for f in &self.features {
            let col = table.column(&f.name).ok_or_else(|| {
                card_err(format!("column {}", f.name), "the table has no such column")
            })?;
            let fb = f.as_bins();
            let a = fb.assigner(col);
            let points: Vec<f64> = f.bins.iter().map(|b| b.points).collect();
            let other = self.unseen_points(f);
            let mut idx = Vec::with_capacity(n);
            let mut missed = 0u64;
            for (i, s) in scores.iter_mut().enumerate() {
                let b = a.bin(col, i);
                if b == UNSEEN {
                    missed += 1;
                    *s += other;
                    idx.push(u16::MAX);
                } else {
                    *s += points[b];
                    idx.push(b as u16);
                }
            }
            bins.push(idx);
            unseen.push(missed);
        }
        let round = |v: f64| self.scaling.round(v);
        for s in &mut scores {
            *s = round(*s);
        }
        Ok(Scored {
            scores,
            bins,
            unseen,
        })
    }

    /// The reason codes of row `row` of a scored table: the features whose bin cost most
    /// points below their best bin, at most `self.reasons`, costliest first.
    pub fn reasons(&self, scored: &Scored, row: usize) -> Vec<Reason> {
        let mut out: Vec<Reason> = self
            .features
            .iter()
            .zip(&scored.bins)
            .filter_map(|(f, idx)| {
                let b = idx[row];
                let (label, points) = if b == u16::MAX {
                    ("unseen".to_string(), self.unseen_points(f))
                } else {
                    let bin = &f.bins[b as usize];
                    (bin.rule.label(), bin.points)
                };
                let cost = self.scaling.round(f.max_points() - points);
                (cost > 0.0).then(|| Reason {
                    feature: f.name.clone(),
                    bin: label,
                    points,
                    cost,
                })
            })
            .collect();
        out.sort_by(|a, b| b.cost.total_cmp(&a.cost));
        out.truncate(self.reasons);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounded_points_are_never_negative_zero() {
        let s = Scaling::of(&crate::model::scorecard::settings::Settings::defaults().points);
        for v in [-0.4, -0.0, 0.0, 0.3] {
            let r = s.round(v);
            assert_eq!(r, 0.0);
            assert!(r.is_sign_positive(), "{v} rounds to {r}");
        }
        assert_eq!(s.round(-0.6), -1.0);
        assert!(crate::model::scorecard::binning::sig12(-0.0).is_sign_positive());
    }
}
