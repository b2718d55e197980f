//! Fitting a card: bins for every feature, selection, the regression on the WoE of the
//! selected ones (refitted without a feature whose coefficient runs against its WoE), points,
//! and a report with the figures of the fit and, when given, of a test sample.

use super::binning::{fit_feature, sig12, FeatureBins, FitContext, UNSEEN};
use super::card::{Card, CardBin, CardFeature, FittedOn, Scaling, Scored, FORMAT, VERSION};
use super::logistic;
use super::select::{correlation, vif, Dropped};
use super::settings::{ValidSettings, WoeSign};
use super::woe::WoeRule;
use crate::model::metrics::{self, GainsRow, Ks};
use crate::model::table::Table;
use crate::progress::{Cancelled, Progress};
use ndarray::{Array2, ShapeBuilder};
use serde::Serialize;

/// Why a fit failed.
#[derive(Debug, thiserror::Error)]
pub enum FitError {
    /// The target has one class only, or no rows.
    #[error("the target needs bad and good rows: {bads} bad, {goods} good")]
    Target {
        /// Bad rows.
        bads: u64,
        /// Good rows.
        goods: u64,
    },
    /// One target per row.
    #[error("{rows} rows but {targets} targets")]
    Shape {
        /// Rows of the table.
        rows: usize,
        /// Targets given.
        targets: usize,
    },
    /// No feature passed the selection.
    #[error("no feature passed the selection (minimum IV {min_iv})")]
    NoFeature {
        /// The IV threshold.
        min_iv: f64,
    },
    /// The regression failed.
    #[error(transparent)]
    Logistic(#[from] logistic::FitError),
    /// A test sample lacks a column the card reads.
    #[error(transparent)]
    Test(#[from] super::card::CardError),
    /// Cancelled.
    #[error("cancelled")]
    Cancelled,
}

impl From<Cancelled> for FitError {
    fn from(_: Cancelled) -> Self {
        FitError::Cancelled
    }
}

/// One feature in the report.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FeatureReport {
    /// Its bins, WoE and IV.
    #[serde(flatten)]
    pub bins: FeatureBins,
    /// Whether it is in the card.
    pub selected: bool,
    /// Why not.
    pub dropped: Option<Dropped>,
    /// Its coefficient, when selected.
    pub coefficient: Option<f64>,
    /// PSI of its bins between the fit and the test sample.
    pub psi: Option<f64>,
}

/// How well a score separates bads from goods on one sample.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Performance {
    /// Rows.
    pub rows: usize,
    /// Bads.
    pub bads: usize,
    /// KS.
    pub ks: Option<Ks>,
    /// AUC.
    pub auc: Option<f64>,
    /// Gini.
    pub gini: Option<f64>,
    /// The gains table by score, riskiest (lowest score) first, in ten bands.
    pub gains: Vec<GainsRow>,
    /// ROC points, at most 101.
    pub roc: Vec<RocPoint>,
    /// Rows with an unseen category, per card feature with any.
    pub unseen: Vec<Unseen>,
}

/// A point of a ROC curve.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RocPoint {
    /// False-positive rate (share of goods above the cut).
    pub fpr: f64,
    /// True-positive rate (share of bads above the cut).
    pub tpr: f64,
}

/// Rows of a feature whose category the fit never saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unseen {
    /// The feature.
    pub feature: String,
    /// Rows.
    pub rows: u64,
}

impl Performance {
    /// The figures of a scored sample (risk = −score).
    pub fn of(card: &Card, scored: &Scored, bad: &[bool]) -> Performance {
        let risk: Vec<f64> = scored.scores.iter().map(|s| -s).collect();
        let f = metrics::figures(&risk, bad, 10, 101);
        let mut gains = f.gains;
        // Shown in points: a band's scores run from −max to −min of the risks.
        for g in &mut gains {
            let (lo, hi) = (-g.max, -g.min);
            g.min = lo;
            g.max = hi;
        }
        Performance {
            rows: bad.len(),
            bads: bad.iter().filter(|&&b| b).count(),
            ks: f.ks.map(|k| Ks { at: -k.at, ..k }),
            auc: f.auc,
            gini: f.gini,
            gains,
            roc: f
                .roc
                .into_iter()
                .map(|(fpr, tpr)| RocPoint { fpr, tpr })
                .collect(),
            unseen: card
                .features
                .iter()
                .zip(&scored.unseen)
                .filter(|(_, &u)| u > 0)
                .map(|(f, &u)| Unseen {
                    feature: f.name.clone(),
                    rows: u,
                })
                .collect(),
        }
    }
}

/// What a fit reports.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FitReport {
    /// Every feature: bins, IV, selection.
    pub features: Vec<FeatureReport>,
    /// The features by IV, highest first (names).
    pub iv_ranking: Vec<String>,
    /// The intercept.
    pub intercept: f64,
    /// Figures on the fit's rows.
    pub train: Performance,
    /// Figures on the test rows, when given.
    pub test: Option<Performance>,
    /// PSI of the score between fit and test.
    pub score_psi: Option<f64>,
    /// The card's digest.
    pub card_digest: String,
}

/// A test sample: its table and targets.
pub struct Sample<'a> {
    /// The rows.
    pub table: &'a Table,
    /// True = bad.
    pub target: &'a [bool],
}

/// Fits a card to `train` with target `target` (true = bad), reports on it and on `test`.
pub fn fit(
    train: Sample,
    target_name: &str,
    test: Option<Sample>,
    settings: &ValidSettings,
    progress: &mut dyn Progress,
) -> Result<(Card, FitReport), FitError> {
    let (table, y) = (train.table, train.target);
    if table.rows() != y.len() {
        return Err(FitError::Shape {
            rows: table.rows(),
            targets: y.len(),
        });
    }
    let s = settings.get();
    let bads = y.iter().filter(|&&b| b).count() as u64;
    let goods = y.len() as u64 - bads;
    if bads == 0 || goods == 0 {
        return Err(FitError::Target { bads, goods });
    }
    let rule = WoeRule {
        sign: s.woe.sign,
        zero: s.woe.zero_count,
        goods,
        bads,
        adjust: (0.0, 0.0),
    };
    let cx = FitContext {
        settings,
        target: y,
        rule,
    };
    // Bins for every column but the target and the ignored.
    let names: Vec<usize> = (0..table.names.len())
        .filter(|&i| table.names[i] != target_name && !s.ignore.contains(&table.names[i]))
        .collect();
    let mut reports = Vec::with_capacity(names.len());
    for (k, &i) in names.iter().enumerate() {
        progress.report("bin", k as f64 / names.len().max(1) as f64)?;
        let fb = fit_feature(&table.names[i], &table.columns[i], &cx);
        reports.push(FeatureReport {
            bins: fb,
            selected: false,
            dropped: None,
            coefficient: None,
            psi: None,
        });
    }
    progress.report("bin", 1.0)?;
    progress.report("select", 0.0)?;
    // Selection: the simple filters first.
    let mut ranked: Vec<usize> = (0..reports.len()).collect();
    ranked.sort_by(|&a, &b| {
        reports[b]
            .bins
            .iv
            .total_cmp(&reports[a].bins.iv)
            .then_with(|| reports[a].bins.name.cmp(&reports[b].bins.name))
    });
    let iv_ranking = ranked
        .iter()
        .map(|&i| reports[i].bins.name.clone())
        .collect();
    let mut kept: Vec<usize> = Vec::new();
    for &i in &ranked {
        let r = &reports[i];
        let fs = settings.feature(&r.bins.name);
        let nonempty = r.bins.bins.iter().filter(|b| b.count > 0).count();
        let why = if nonempty <= 1 {
            Some(Dropped::Constant)
        } else if fs.keep {
            None
        } else if fs.exclude {
            Some(Dropped::Excluded)
        } else if r.bins.iv < s.selection.min_iv {
            Some(Dropped::LowIv)
        } else if r.bins.missing_share > s.selection.max_missing_share {
            Some(Dropped::Missing)
        } else {
            None
        };
        match why {
            Some(d) => reports[i].dropped = Some(d),
            None => kept.push(i),
        }
    }
    // Bin of every row, for the kept features.
    let bin_of = |i: usize| -> Vec<u16> {
        let col = &table.columns[names[i]];
        let a = reports[i].bins.assigner(col);
        (0..table.rows())
            .map(|r| {
                let b = a.bin(col, r);
                if b == UNSEEN {
                    u16::MAX
                } else {
                    b as u16
                }
            })
            .collect()
    };
    let mut row_bins: Vec<Option<Vec<u16>>> = vec![None; reports.len()];
    for &i in &kept {
        row_bins[i] = Some(bin_of(i));
    }
    let woe_col = |i: usize, rows: &mut dyn Iterator<Item = usize>| -> Vec<f64> {
        let bins = row_bins[i].as_ref().expect("kept");
        let woe: Vec<f64> = reports[i].bins.bins.iter().map(|b| b.woe).collect();
        rows.map(|r| woe[bins[r] as usize]).collect()
    };
    // Correlation, greedily by IV, on every k-th row.
    let step = table
        .rows()
        .div_ceil(s.selection.max_rows_for_correlation)
        .max(1);
    let sample_cols: Vec<Vec<f64>> = kept
        .iter()
        .map(|&i| woe_col(i, &mut (0..table.rows()).step_by(step)))
        .collect();
    let r = correlation(&sample_cols);
    let mut alive: Vec<usize> = Vec::new(); // positions in `kept`
    for a in 0..kept.len() {
        let keep = settings.feature(&reports[kept[a]].bins.name).keep;
        let clash = alive
            .iter()
            .copied()
            .find(|&b| r[a][b].abs() > s.selection.max_correlation);
        match clash {
            Some(b) if !keep => {
                reports[kept[a]].dropped = Some(Dropped::Correlated {
                    with: reports[kept[b]].bins.name.clone(),
                    r: r[a][b],
                })
            }
            _ => alive.push(a),
        }
    }
    // VIF: the highest above the limit leaves, one at a time.
    loop {
        let sub: Vec<Vec<f64>> = alive
            .iter()
            .map(|&a| alive.iter().map(|&b| r[a][b]).collect())
            .collect();
        let v = vif(&sub);
        let worst = (0..alive.len())
            .filter(|&k| !settings.feature(&reports[kept[alive[k]]].bins.name).keep)
            .filter(|&k| v[k] > s.selection.max_vif)
            .max_by(|&x, &y| v[x].total_cmp(&v[y]));
        let Some(k) = worst else { break };
        reports[kept[alive[k]]].dropped = Some(Dropped::Vif { vif: v[k] });
        alive.remove(k);
    }
    let mut chosen: Vec<usize> = alive.iter().map(|&a| kept[a]).collect();
    if let Some(m) = s.selection.max_features {
        for &i in chosen.iter().skip(m) {
            reports[i].dropped = Some(Dropped::TooMany);
        }
        chosen.truncate(m);
    }
    // The regression; a coefficient against its WoE sends its feature away.
    let want_positive = s.woe.sign == WoeSign::BadOverGood;
    let n = table.rows();
    let fitted = loop {
        if chosen.is_empty() {
            return Err(FitError::NoFeature {
                min_iv: s.selection.min_iv,
            });
        }
        progress.report("fit", 0.0)?;
        let p = chosen.len();
        // The regression's rows: all, or every k-th (`logistic.max_rows`).
        let step = s.logistic.max_rows.map_or(1, |m| n.div_ceil(m).max(1));
        let rows: Vec<usize> = (0..n).step_by(step).collect();
        let ys: Vec<bool> = rows.iter().map(|&r| y[r]).collect();
        // Column-major: the gradient's Xᵀ·r then reads each column contiguously.
        let mut x = Vec::with_capacity(rows.len() * p);
        for &i in &chosen {
            let bins = row_bins[i].as_ref().expect("kept");
            let woe: Vec<f64> = reports[i].bins.bins.iter().map(|b| b.woe).collect();
            x.extend(rows.iter().map(|&r| woe[bins[r] as usize]));
        }
        let x = Array2::from_shape_vec((rows.len(), p).f(), x).expect("rows × p");
        let mut f = logistic::fit(x, &ys, &s.logistic)?;
        // As the WoE: the last bits of an optimisation differ between native code and wasm.
        f.intercept = sig12(f.intercept);
        for c in &mut f.coefficients {
            *c = sig12(*c);
        }
        let wrong: Vec<usize> = (0..p)
            .filter(|&k| {
                let c = f.coefficients[k];
                let bad_sign = if want_positive { c < 0.0 } else { c > 0.0 };
                s.selection.drop_wrong_sign
                    && bad_sign
                    && !settings.feature(&reports[chosen[k]].bins.name).keep
            })
            .collect();
        match wrong.iter().min_by(|&&a, &&b| {
            reports[chosen[a]]
                .bins
                .iv
                .total_cmp(&reports[chosen[b]].bins.iv)
        }) {
            Some(&k) => {
                reports[chosen[k]].dropped = Some(Dropped::Sign);
                chosen.remove(k);
            }
            None => break f,
        }
    };
    progress.report("fit", 1.0)?;
    // Points.
    let scaling = Scaling::of(&s.points);
    let features: Vec<CardFeature> = chosen
        .iter()
        .zip(&fitted.coefficients)
        .map(|(&i, &beta)| {
            let fb = &reports[i].bins;
            CardFeature {
                name: fb.name.clone(),
                kind: fb.kind,
                coefficient: beta,
                iv: fb.iv,
                bins: fb
                    .bins
                    .iter()
                    .map(|b| CardBin {
                        rule: b.rule.clone(),
                        woe: b.woe,
                        points: scaling.round(-scaling.factor * beta * b.woe),
                        count: b.count,
                        bad_rate: b.bad_rate,
                    })
                    .collect(),
            }
        })
        .collect();
    for (&i, &beta) in chosen.iter().zip(&fitted.coefficients) {
        reports[i].selected = true;
        reports[i].coefficient = Some(beta);
    }
    let card = Card {
        format: FORMAT.into(),
        version: VERSION,
        target: target_name.into(),
        base_points: scaling.round(scaling.offset - scaling.factor * fitted.intercept),
        scaling,
        intercept: fitted.intercept,
        woe_sign: s.woe.sign,
        unseen: s.woe.unseen,
        reasons: s.points.reasons,
        features,
        fitted_on: FittedOn {
            rows: n as u64,
            bads,
        },
        settings: s.clone(),
    };
    progress.report("score", 0.0)?;
    let train_scored = card.apply(table)?;
    let train_perf = Performance::of(&card, &train_scored, y);
    let mut test_perf = None;
    let mut score_psi = None;
    if let Some(t) = test {
        if t.table.rows() != t.target.len() {
            return Err(FitError::Shape {
                rows: t.table.rows(),
                targets: t.target.len(),
            });
        }
        let scored = card.apply(t.table)?;
        test_perf = Some(Performance::of(&card, &scored, t.target));
        score_psi = Some(metrics::psi_values(
            &train_scored.scores,
            &scored.scores,
            10,
        ));
        for r in reports.iter_mut() {
            if let Some(col) = t.table.column(&r.bins.name) {
                let a = r.bins.assigner(col);
                let mut counts = vec![0u64; r.bins.bins.len()];
                let mut expected: Vec<u64> = r.bins.bins.iter().map(|b| b.count).collect();
                let mut unseen = 0u64;
                for i in 0..t.table.rows() {
                    match a.bin(col, i) {
                        UNSEEN => unseen += 1,
                        b => counts[b] += 1,
                    }
                }
                counts.push(unseen);
                expected.push(0);
                r.psi = Some(metrics::psi_counts(&expected, &counts));
            }
        }
    }
    progress.report("score", 1.0)?;
    let report = FitReport {
        features: reports,
        iv_ranking,
        intercept: card.intercept,
        train: train_perf,
        test: test_perf,
        score_psi,
        card_digest: card.digest(),
    };
    Ok((card, report))
}
