//! How well a score separates the enterprises that later got into trouble ("bad") from the
//! rest: AUC, Gini, KS, the gains table and the population stability index (PSI).
//!
//! Every function takes a **risk** orientation: a higher value means more likely bad. A
//! credit score where higher is better (the expert score, scorecard points) is passed
//! negated. Ties are handled exactly: tied values are one group, whose bad and good counts
//! move together (AUC counts a tied pair as half).

use serde::Serialize;

/// The bad and good counts of each distinct value, riskiest first.
fn groups(risk: &[f64], bad: &[bool]) -> Vec<(f64, u64, u64)> {
    assert_eq!(risk.len(), bad.len(), "one outcome per score");
    let mut pairs: Vec<(f64, bool)> = risk.iter().copied().zip(bad.iter().copied()).collect();
    pairs.sort_unstable_by(|a, b| b.0.total_cmp(&a.0));
    let mut out: Vec<(f64, u64, u64)> = Vec::new();
    for (r, b) in pairs {
        match out.last_mut() {
            Some(g) if g.0.total_cmp(&r).is_eq() => {
                if b {
                    g.1 += 1
                } else {
                    g.2 += 1
                }
            }
            _ => out.push((r, u64::from(b), u64::from(!b))),
        }
    }
    out
}

/// Area under the ROC curve: the chance that a random bad has a higher risk than a random
/// good (ties count half). `None` without at least one bad and one good.
pub fn auc(risk: &[f64], bad: &[bool]) -> Option<f64> {
    auc_of_groups(&groups(risk, bad))
}

fn auc_of_groups(g: &[(f64, u64, u64)]) -> Option<f64> {
    let (bads, goods) = totals(g);
    if bads == 0 || goods == 0 {
        return None;
    }
    // Walk from the safest value up: every bad beats the goods already passed.
    let mut goods_below = 0u64;
    let mut wins = 0f64;
    for &(_, b, n) in g.iter().rev() {
        wins += b as f64 * (goods_below as f64 + n as f64 / 2.0);
        goods_below += n;
    }
    Some(wins / (bads as f64 * goods as f64))
}

fn totals(g: &[(f64, u64, u64)]) -> (u64, u64) {
    g.iter().fold((0, 0), |(b, n), x| (b + x.1, n + x.2))
}

/// Gini = 2 × AUC − 1.
pub fn gini(risk: &[f64], bad: &[bool]) -> Option<f64> {
    auc(risk, bad).map(|a| 2.0 * a - 1.0)
}

/// The Kolmogorov–Smirnov statistic of a score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ks {
    /// The largest gap between the cumulative bad and good shares, riskiest first (0–1).
    pub value: f64,
    /// The risk value at which the gap is largest (the cut: risk ≥ `at`).
    pub at: f64,
}

/// KS: the largest gap between the share of bads and the share of goods above a cut.
/// `None` without at least one bad and one good.
pub fn ks(risk: &[f64], bad: &[bool]) -> Option<Ks> {
    ks_of_groups(&groups(risk, bad))
}

fn ks_of_groups(g: &[(f64, u64, u64)]) -> Option<Ks> {
    let (bads, goods) = totals(g);
    if bads == 0 || goods == 0 {
        return None;
    }
    let (mut cb, mut cg) = (0u64, 0u64);
    let mut best = Ks {
        value: 0.0,
        at: g[0].0,
    };
    for &(r, b, n) in g {
        cb += b;
        cg += n;
        let gap = (cb as f64 / bads as f64 - cg as f64 / goods as f64).abs();
        if gap > best.value {
            best = Ks { value: gap, at: r };
        }
    }
    Some(best)
}

/// Points of the ROC curve (false-positive rate, true-positive rate), one per distinct value,
/// riskiest first, from (0, 0) to (1, 1); at most `max_points` (thinned evenly, the ends kept).
pub fn roc(risk: &[f64], bad: &[bool], max_points: usize) -> Vec<(f64, f64)> {
    roc_of_groups(&groups(risk, bad), max_points)
}

fn roc_of_groups(g: &[(f64, u64, u64)], max_points: usize) -> Vec<(f64, f64)> {
    let (bads, goods) = totals(g);
    if bads == 0 || goods == 0 {
        return Vec::new();
    }
    let mut pts = vec![(0.0, 0.0)];
    let (mut cb, mut cg) = (0u64, 0u64);
    for &(_, b, n) in g {
        cb += b;
        cg += n;
        pts.push((cg as f64 / goods as f64, cb as f64 / bads as f64));
    }
    thin(pts, max_points)
}

fn thin(pts: Vec<(f64, f64)>, max_points: usize) -> Vec<(f64, f64)> {
    let max = max_points.max(2);
    if pts.len() <= max {
        return pts;
    }
    let last = pts.len() - 1;
    (0..max).map(|i| pts[i * last / (max - 1)]).collect()
}

/// One band of a gains table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GainsRow {
    /// 1 = the riskiest band.
    pub band: usize,
    /// The lowest risk value in the band.
    pub min: f64,
    /// The highest risk value in the band.
    pub max: f64,
    /// Rows in the band.
    pub count: u64,
    /// Bads in the band.
    pub bad: u64,
    /// Bad rate in the band.
    pub bad_rate: f64,
    /// Share of all bads in this band and the riskier ones (capture rate).
    pub cum_bad_share: f64,
    /// Share of all goods in this band and the riskier ones.
    pub cum_good_share: f64,
    /// `cum_bad_share − cum_good_share`.
    pub ks: f64,
    /// The band's bad rate over the overall bad rate.
    pub lift: f64,
}

/// A gains table: the rows cut into `bands` bands of about equal size by risk, riskiest first.
/// Tied values never straddle two bands, so a band can be larger than its share, and there
/// can be fewer bands than asked.
pub fn gains(risk: &[f64], bad: &[bool], bands: usize) -> Vec<GainsRow> {
    gains_of_groups(&groups(risk, bad), bands)
}

fn gains_of_groups(g: &[(f64, u64, u64)], bands: usize) -> Vec<GainsRow> {
    let (bads, goods) = totals(g);
    let total = bads + goods;
    if total == 0 || bands == 0 {
        return Vec::new();
    }
    let overall = bads as f64 / total as f64;
    let mut out = Vec::new();
    let (mut cb, mut cg, mut seen) = (0u64, 0u64, 0u64);
    let mut i = 0;
    while i < g.len() {
        let band = out.len() + 1;
        // The band takes an equal share of the rows left over the bands left, so a large
        // group of ties in one band does not leave a sliver to the next.
        let left_bands = (bands - out.len()).max(1) as u64;
        let target = seen + (total - seen).div_ceil(left_bands);
        let (max, mut count, mut b) = (g[i].0, 0u64, 0u64);
        let mut min = max;
        while i < g.len() && (count == 0 || seen + count < target || band == bands) {
            min = g[i].0;
            b += g[i].1;
            count += g[i].1 + g[i].2;
            i += 1;
        }
        seen += count;
        cb += b;
        cg += count - b;
        let share = |x: u64, of: u64| if of == 0 { 0.0 } else { x as f64 / of as f64 };
        let rate = b as f64 / count as f64;
        out.push(GainsRow {
            band,
            min,
            max,
            count,
            bad: b,
            bad_rate: rate,
            cum_bad_share: share(cb, bads),
            cum_good_share: share(cg, goods),
            ks: share(cb, bads) - share(cg, goods),
            lift: if overall > 0.0 { rate / overall } else { 0.0 },
        });
    }
    out
}

/// AUC, Gini, KS, the gains table and the ROC points of one score, from a single sort.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Figures {
    /// See [`auc`].
    pub auc: Option<f64>,
    /// See [`gini`].
    pub gini: Option<f64>,
    /// See [`ks`].
    pub ks: Option<Ks>,
    /// See [`gains`].
    pub gains: Vec<GainsRow>,
    /// See [`roc`].
    pub roc: Vec<(f64, f64)>,
}

/// Every figure of [`Figures`] at once: the values are sorted once.
pub fn figures(risk: &[f64], bad: &[bool], bands: usize, roc_points: usize) -> Figures {
    let g = groups(risk, bad);
    let auc = auc_of_groups(&g);
    Figures {
        auc,
        gini: auc.map(|a| 2.0 * a - 1.0),
        ks: ks_of_groups(&g),
        gains: gains_of_groups(&g, bands),
        roc: roc_of_groups(&g, roc_points),
    }
}

/// The population stability index between two distributions over the same bins, given as
/// counts: Σ (a − e) × ln(a / e) over the bins' shares. A bin empty on one side counts with
/// half a row there (so the index stays finite); bins empty on both sides are skipped.
pub fn psi_counts(expected: &[u64], actual: &[u64]) -> f64 {
    assert_eq!(expected.len(), actual.len(), "the same bins on both sides");
    let te: u64 = expected.iter().sum();
    let ta: u64 = actual.iter().sum();
    if te == 0 || ta == 0 {
        return 0.0;
    }
    let mut psi = 0.0;
    for (&e, &a) in expected.iter().zip(actual) {
        if e == 0 && a == 0 {
            continue;
        }
        let pe = (e as f64).max(0.5) / te as f64;
        let pa = (a as f64).max(0.5) / ta as f64;
        psi += (pa - pe) * (pa / pe).ln();
    }
    psi
}

/// The PSI of a continuous value between two samples: bins at the deciles (or `bins`-iles)
/// of `expected`, each sample counted into them.
pub fn psi_values(expected: &[f64], actual: &[f64], bins: usize) -> f64 {
    let mut sorted: Vec<f64> = expected.iter().copied().filter(|v| !v.is_nan()).collect();
    sorted.sort_unstable_by(f64::total_cmp);
    if sorted.is_empty() || bins < 2 {
        return 0.0;
    }
    let mut cuts: Vec<f64> = (1..bins)
        .map(|i| sorted[(i * sorted.len() / bins).min(sorted.len() - 1)])
        .collect();
    cuts.dedup();
    let count = |xs: &[f64]| {
        let mut c = vec![0u64; cuts.len() + 1];
        for &x in xs.iter().filter(|v| !v.is_nan()) {
            c[cuts.partition_point(|&cut| cut <= x)] += 1;
        }
        c
    };
    psi_counts(&count(expected), &count(actual))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brute_auc(risk: &[f64], bad: &[bool]) -> f64 {
        let (mut w, mut n) = (0.0, 0.0);
        for (i, &bi) in bad.iter().enumerate() {
            for (j, &bj) in bad.iter().enumerate() {
                if bi && !bj {
                    n += 1.0;
                    w += if risk[i] > risk[j] {
                        1.0
                    } else if risk[i] == risk[j] {
                        0.5
                    } else {
                        0.0
                    };
                }
            }
        }
        w / n
    }

    #[test]
    fn auc_matches_the_pairwise_count_with_ties() {
        let risk = [0.9, 0.8, 0.8, 0.5, 0.3, 0.3, 0.3, 0.1];
        let bad = [true, false, true, true, false, true, false, false];
        let a = auc(&risk, &bad).unwrap();
        assert!((a - brute_auc(&risk, &bad)).abs() < 1e-12, "{a}");
        assert!((gini(&risk, &bad).unwrap() - (2.0 * a - 1.0)).abs() < 1e-12);
        // Reversed orientation gives 1 − AUC.
        let neg: Vec<f64> = risk.iter().map(|r| -r).collect();
        assert!((auc(&neg, &bad).unwrap() - (1.0 - a)).abs() < 1e-12);
    }

    #[test]
    fn perfect_and_no_separation() {
        let risk = [4.0, 3.0, 2.0, 1.0];
        let bad = [true, true, false, false];
        assert_eq!(auc(&risk, &bad), Some(1.0));
        let k = ks(&risk, &bad).unwrap();
        assert_eq!((k.value, k.at), (1.0, 3.0));
        assert_eq!(auc(&[1.0; 4], &bad), Some(0.5));
        assert_eq!(ks(&[1.0; 4], &bad).unwrap().value, 0.0);
        assert_eq!(auc(&risk, &[false; 4]), None);
        assert!(ks(&risk, &[true; 4]).is_none());
    }

    #[test]
    fn ks_is_the_largest_cumulative_gap() {
        let risk = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
        let bad = [true, false, true, true, false, false];
        // After 0.6: bads 3/3, goods 1/3 → 2/3.
        let k = ks(&risk, &bad).unwrap();
        assert!((k.value - 2.0 / 3.0).abs() < 1e-12 && k.at == 0.6, "{k:?}");
    }

    #[test]
    fn gains_bands_cover_every_row_and_keep_ties_together() {
        let risk: Vec<f64> = (0..100).map(|i| (i / 3) as f64).collect();
        let bad: Vec<bool> = (0..100).map(|i| i % 4 == 0 || i > 80).collect();
        let t = gains(&risk, &bad, 10);
        assert_eq!(t.iter().map(|r| r.count).sum::<u64>(), 100);
        assert_eq!(
            t.iter().map(|r| r.bad).sum::<u64>(),
            bad.iter().filter(|&&b| b).count() as u64
        );
        for w in t.windows(2) {
            assert!(w[0].min > w[1].max, "ties straddle bands: {w:?}");
        }
        let last = t.last().unwrap();
        assert!(
            (last.cum_bad_share - 1.0).abs() < 1e-12 && (last.cum_good_share - 1.0).abs() < 1e-12
        );
        assert!(t[0].lift > 1.0, "the riskiest band holds the late bads");
        let best = t.iter().map(|r| r.ks).fold(0.0, f64::max);
        assert!(best <= ks(&risk, &bad).unwrap().value + 1e-12);
    }

    #[test]
    fn a_large_tie_does_not_leave_a_sliver_band() {
        // 45 % tied at the top, then distinct values: nine more bands share the rest evenly.
        let risk: Vec<f64> = (0..1000)
            .map(|i| if i < 450 { 1e9 } else { i as f64 })
            .collect();
        let bad: Vec<bool> = (0..1000).map(|i| i % 3 == 0).collect();
        let t = gains(&risk, &bad, 10);
        assert_eq!(t[0].count, 450);
        assert!(
            t[1..].iter().all(|r| r.count >= 61 && r.count <= 62),
            "{t:?}"
        );
        let f = figures(&risk, &bad, 10, 50);
        assert_eq!(f.gains, t);
        assert_eq!(f.auc, auc(&risk, &bad));
        assert_eq!(f.ks, ks(&risk, &bad));
        assert_eq!(f.roc, roc(&risk, &bad, 50));
    }

    #[test]
    fn psi_is_zero_for_the_same_sample_and_grows_with_a_shift() {
        let a: Vec<f64> = (0..1000).map(|i| i as f64).collect();
        assert!(psi_values(&a, &a, 10).abs() < 1e-12);
        let shifted: Vec<f64> = a.iter().map(|x| x + 300.0).collect();
        let p = psi_values(&a, &shifted, 10);
        assert!(p > 0.25, "{p}");
        assert!((psi_counts(&[10, 0], &[0, 10]) - psi_counts(&[0, 10], &[10, 0])).abs() < 1e-12);
        assert!(psi_counts(&[10, 0], &[0, 10]).is_finite());
    }

    #[test]
    fn roc_runs_from_origin_to_one_one() {
        let risk = [0.9, 0.8, 0.7, 0.6];
        let bad = [true, false, true, false];
        let r = roc(&risk, &bad, 100);
        assert_eq!(r.first(), Some(&(0.0, 0.0)));
        assert_eq!(r.last(), Some(&(1.0, 1.0)));
        assert_eq!(roc(&risk, &bad, 3).len(), 3);
    }
}
