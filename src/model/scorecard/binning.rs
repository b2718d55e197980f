//! The bins of one feature: fitted from a column and the target (pre-binning, then
//! [`super::merge`]), with a bin of their own for missing values and for each special value,
//! and applied to any column of the same name.
//!
//! A numeric bin holds `lo ≤ x < hi` (the first has no `lo`, the last no `hi`). A categorical
//! bin is a set of levels; levels are ordered by bad rate before merging, so neighbouring
//! levels are alike. Bins come in this order: regular bins, special values, missing.

use super::merge::{merge, Limits};
use super::settings::{FeatureSettings, Prebinning, Trend, ValidSettings};
use super::woe::{Counts, WoeRule};
use crate::model::table::{Column, FeatureKind, MISSING};
use serde::{Deserialize, Serialize};

/// What a bin holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BinRule {
    /// Numbers `lo ≤ x < hi`.
    Range {
        /// Lower bound (inclusive); none for the first bin.
        lo: Option<f64>,
        /// Upper bound (exclusive); none for the last bin.
        hi: Option<f64>,
    },
    /// These categories.
    Levels {
        /// The levels.
        levels: Vec<String>,
    },
    /// One special value.
    Special {
        /// The value.
        value: f64,
    },
    /// Missing values.
    Missing,
}

impl BinRule {
    /// A short label: `[10, 20)`, `a, b`, `special -1`, `missing`.
    pub fn label(&self) -> String {
        let num = |v: f64| format!("{v}");
        match self {
            BinRule::Range { lo, hi } => format!(
                "[{}, {})",
                lo.map_or("-inf".into(), num),
                hi.map_or("inf".into(), num)
            ),
            BinRule::Levels { levels } => levels.join(", "),
            BinRule::Special { value } => format!("special {}", num(*value)),
            BinRule::Missing => "missing".into(),
        }
    }
}

/// One fitted bin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Bin {
    /// What it holds.
    pub rule: BinRule,
    /// Rows of the fit in it.
    pub count: u64,
    /// Bads among them.
    pub bad: u64,
    /// Bad rate (0 when empty).
    pub bad_rate: f64,
    /// Share of the fit's rows.
    pub share: f64,
    /// Weight of evidence, in the settings' sign (0 for an empty bin).
    pub woe: f64,
    /// The bin's part of the IV.
    pub iv: f64,
}

/// A feature's fitted bins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FeatureBins {
    /// The feature (column) name.
    pub name: String,
    /// Numeric or categorical.
    pub kind: FeatureKind,
    /// The bins, regular ones first, then special values, then missing (always present).
    pub bins: Vec<Bin>,
    /// The IV of the bins.
    pub iv: f64,
    /// The IV of the pre-bins (for a categorical feature: every level its own bin), before
    /// merging.
    pub iv_raw: f64,
    /// The trend the regular bins' bad rates follow (`none` when they follow none).
    pub trend: Trend,
    /// Share of the fit's rows that were missing.
    pub missing_share: f64,
    /// Whether the bins were given by hand.
    pub manual: bool,
}

/// Cut points of a numeric feature's regular bins, read off its [`FeatureBins`].
fn cuts_of(bins: &[Bin]) -> Vec<f64> {
    bins.iter()
        .filter_map(|b| match b.rule {
            BinRule::Range { lo: Some(lo), .. } => Some(lo),
            _ => None,
        })
        .collect()
}

/// Maps the rows of a column to bin indices of a fitted feature.
pub struct Assigner {
    kind: Assign,
    missing: usize,
}

enum Assign {
    Numeric {
        cuts: Vec<f64>,
        specials: Vec<(f64, usize)>,
    },
    Categorical {
        by_code: Vec<Option<usize>>,
    },
}

/// Where a row went that no bin holds.
pub const UNSEEN: usize = usize::MAX;

impl FeatureBins {
    /// The index of the missing bin.
    pub fn missing_bin(&self) -> usize {
        self.bins.len() - 1
    }

    /// An assigner for a column of this feature: numbers for a numeric feature; for a
    /// categorical one, the column's levels matched by name ([`UNSEEN`] for a level the fit
    /// never saw). A numeric column given to a categorical feature is matched by its text.
    pub fn assigner(&self, column: &Column) -> Assigner {
        let missing = self.missing_bin();
        let kind = match self.kind {
            FeatureKind::Numeric => Assign::Numeric {
                cuts: cuts_of(&self.bins),
                specials: self
                    .bins
                    .iter()
                    .enumerate()
                    .filter_map(|(i, b)| match b.rule {
                        BinRule::Special { value } => Some((value, i)),
                        _ => None,
                    })
                    .collect(),
            },
            FeatureKind::Categorical => {
                let mut index = rustc_hash::FxHashMap::default();
                for (i, b) in self.bins.iter().enumerate() {
                    if let BinRule::Levels { levels } = &b.rule {
                        for l in levels {
                            index.insert(l.as_str(), i);
                        }
                    }
                }
                let by_code = match column {
                    Column::Categorical { levels, .. } => levels
                        .iter()
                        .map(|l| index.get(l.as_str()).copied())
                        .collect(),
                    Column::Numeric(_) => Vec::new(),
                };
                Assign::Categorical { by_code }
            }
        };
        Assigner { kind, missing }
    }
}

impl Assigner {
    /// The bin of row `i` of `column` ([`UNSEEN`] for an unseen category or a kind mismatch).
    #[inline]
    pub fn bin(&self, column: &Column, i: usize) -> usize {
        match (&self.kind, column) {
            (Assign::Numeric { cuts, specials }, Column::Numeric(v)) => {
                let x = v[i];
                if x.is_nan() {
                    return self.missing;
                }
                if let Some(&(_, b)) = specials.iter().find(|(s, _)| *s == x) {
                    return b;
                }
                cuts.partition_point(|&c| c <= x)
            }
            (Assign::Categorical { by_code }, Column::Categorical { codes, .. }) => {
                let c = codes[i];
                if c == MISSING {
                    return self.missing;
                }
                by_code.get(c as usize).copied().flatten().unwrap_or(UNSEEN)
            }
            (_, c) if c.is_missing(i) => self.missing,
            _ => UNSEEN,
        }
    }
}

/// The numbers at the sorted positions `pos` (ascending) of `v`, by repeated selection.
fn select_positions(v: &mut [f64], pos: &[usize], out: &mut Vec<f64>) {
    if pos.is_empty() || v.is_empty() {
        return;
    }
    let mid = pos.len() / 2;
    let k = pos[mid];
    let (left, at, right) = v.select_nth_unstable_by(k, f64::total_cmp);
    let at = *at;
    select_positions(left, &pos[..mid], out);
    out.push(at);
    let shifted: Vec<usize> = pos[mid + 1..].iter().map(|p| p - k - 1).collect();
    select_positions(right, &shifted, out);
}

/// Pre-bin cut points of the regular values `v` (not empty).
fn prebin_cuts(v: &mut [f64], how: Prebinning, n: usize) -> Vec<f64> {
    let (min, max) = v
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
            (a.min(x), b.max(x))
        });
    let mut cuts: Vec<f64> = match how {
        Prebinning::Quantile => {
            let pos: Vec<usize> = (1..n).map(|k| k * v.len() / n).collect();
            let mut out = Vec::with_capacity(pos.len());
            select_positions(v, &pos, &mut out);
            out
        }
        Prebinning::EqualWidth => (1..n)
            .map(|k| min + (max - min) * k as f64 / n as f64)
            .collect(),
    };
    cuts.retain(|&c| c > min && c <= max);
    cuts.dedup();
    cuts
}

/// Everything a feature's fit needs besides its column.
pub struct FitContext<'a> {
    /// The settings.
    pub settings: &'a ValidSettings,
    /// The target, one per row (true = bad).
    pub target: &'a [bool],
    /// WoE over the fit's totals.
    pub rule: WoeRule,
}

impl FitContext<'_> {
    fn limits(&self) -> Limits {
        let b = &self.settings.get().binning;
        Limits {
            max_bins: b.max_bins,
            min_count: (b.min_bin_share * self.target.len() as f64).ceil() as u64,
            chi_threshold: b.chi_threshold,
        }
    }

    fn bin(&self, rule: BinRule, c: Counts) -> Bin {
        let n = self.target.len().max(1) as f64;
        Bin {
            rule,
            count: c.total(),
            bad: c.bad,
            bad_rate: c.rate(),
            share: c.total() as f64 / n,
            woe: self.rule.woe(c),
            iv: self.rule.iv(c),
        }
    }
}

/// Fits the bins of one feature.
pub fn fit_feature(name: &str, column: &Column, cx: &FitContext) -> FeatureBins {
    let fs = cx.settings.feature(name);
    match column {
        Column::Numeric(v) => fit_numeric(name, v, &fs, cx),
        Column::Categorical { codes, levels } => fit_categorical(name, codes, levels, &fs, cx),
    }
}

fn counts_add(c: &mut Counts, bad: bool) {
    if bad {
        c.bad += 1
    } else {
        c.good += 1
    }
}

fn fit_numeric(name: &str, v: &[f64], fs: &FeatureSettings, cx: &FitContext) -> FeatureBins {
    let b = &cx.settings.get().binning;
    let specials: Vec<f64> = fs
        .special_values
        .clone()
        .unwrap_or_else(|| b.special_values.clone());
    let mut regular: Vec<f64> = Vec::with_capacity(v.len());
    let mut missing = Counts::default();
    let mut special = vec![Counts::default(); specials.len()];
    for (&x, &bad) in v.iter().zip(cx.target) {
        if x.is_nan() {
            counts_add(&mut missing, bad);
        } else if let Some(k) = specials.iter().position(|&s| s == x) {
            counts_add(&mut special[k], bad);
        } else {
            regular.push(x);
        }
    }
    let manual = fs.breaks.is_some();
    let pre = match &fs.breaks {
        Some(br) => br.clone(),
        None if regular.is_empty() => Vec::new(),
        None => prebin_cuts(&mut regular, b.prebinning, b.max_prebins),
    };
    drop(regular);
    let mut pc = vec![Counts::default(); pre.len() + 1];
    for (&x, &bad) in v.iter().zip(cx.target) {
        if x.is_nan() || specials.contains(&x) {
            continue;
        }
        counts_add(&mut pc[pre.partition_point(|&c| c <= x)], bad);
    }
    // Empty pre-bins (equal widths over a gap) are dropped with the cut that opened them.
    let mut cuts = Vec::with_capacity(pre.len());
    let mut cc: Vec<Counts> = Vec::with_capacity(pc.len());
    for (i, c) in pc.iter().enumerate() {
        if c.total() == 0 && !manual {
            continue;
        }
        if !cc.is_empty() {
            cuts.push(pre[i - 1]);
        }
        cc.push(*c);
    }
    if cc.is_empty() {
        cc.push(Counts::default());
    }
    let iv_raw = iv_of(
        cx,
        cc.iter()
            .chain(&special)
            .chain(std::iter::once(&missing))
            .copied(),
    );
    let trend = fs.trend.unwrap_or(b.trend);
    let (starts, trend) = if manual {
        ((1..cc.len()).collect(), Trend::None)
    } else {
        merge(&cc, b.method, trend, cx.limits(), &cx.rule)
    };
    let mut bins = Vec::new();
    let mut bounds = vec![0];
    bounds.extend(&starts);
    bounds.push(cc.len());
    for w in bounds.windows(2) {
        let c: Counts = cc[w[0]..w[1]].iter().copied().sum();
        let lo = (w[0] > 0).then(|| cuts[w[0] - 1]);
        let hi = (w[1] < cc.len()).then(|| cuts[w[1] - 1]);
        bins.push(cx.bin(BinRule::Range { lo, hi }, c));
    }
    let trend = if manual {
        observed_trend(&bins)
    } else {
        trend_or_none(&bins, trend)
    };
    for (k, &s) in specials.iter().enumerate() {
        if special[k].total() > 0 {
            bins.push(cx.bin(BinRule::Special { value: s }, special[k]));
        }
    }
    bins.push(cx.bin(BinRule::Missing, missing));
    finish(name, FeatureKind::Numeric, bins, iv_raw, trend, manual, cx)
}

fn observed_trend(bins: &[Bin]) -> Trend {
    let rates: Vec<f64> = bins.iter().map(|b| b.bad_rate).collect();
    if rates.len() > 1 && rates.windows(2).all(|w| w[0] < w[1]) {
        Trend::Ascending
    } else if rates.len() > 1 && rates.windows(2).all(|w| w[0] > w[1]) {
        Trend::Descending
    } else {
        Trend::None
    }
}

fn trend_or_none(bins: &[Bin], asked: Trend) -> Trend {
    match asked {
        Trend::Ascending | Trend::Descending if observed_trend(bins) == asked => asked,
        _ => observed_trend(bins),
    }
}

fn fit_categorical(
    name: &str,
    codes: &[u32],
    levels: &[String],
    fs: &FeatureSettings,
    cx: &FitContext,
) -> FeatureBins {
    let b = &cx.settings.get().binning;
    let mut by_level = vec![Counts::default(); levels.len()];
    let mut missing = Counts::default();
    for (&c, &bad) in codes.iter().zip(cx.target) {
        if c == MISSING {
            counts_add(&mut missing, bad);
        } else {
            counts_add(&mut by_level[c as usize], bad);
        }
    }
    // Seen levels by bad rate, then by name, so the order never depends on the file.
    let mut seen: Vec<usize> = (0..levels.len())
        .filter(|&i| by_level[i].total() > 0)
        .collect();
    seen.sort_by(|&a, &b| {
        by_level[a]
            .rate()
            .total_cmp(&by_level[b].rate())
            .then_with(|| levels[a].cmp(&levels[b]))
    });
    let iv_raw = seen.iter().map(|&i| cx.rule.iv(by_level[i])).sum::<f64>() + cx.rule.iv(missing);
    let mut bins = Vec::new();
    let manual = fs.groups.is_some();
    let mut trend = Trend::None;
    if let Some(groups) = &fs.groups {
        let mut listed = std::collections::BTreeSet::new();
        let mut out: Vec<(Vec<String>, Counts)> = Vec::new();
        for g in groups {
            let c = g
                .iter()
                .filter_map(|l| levels.iter().position(|x| x == l))
                .map(|i| by_level[i])
                .sum();
            listed.extend(g.iter().cloned());
            out.push((g.clone(), c));
        }
        let rest: Vec<usize> = seen
            .iter()
            .copied()
            .filter(|&i| !listed.contains(&levels[i]))
            .collect();
        if !rest.is_empty() {
            let c = rest.iter().map(|&i| by_level[i]).sum();
            out.push((rest.iter().map(|&i| levels[i].clone()).collect(), c));
        }
        for (g, c) in out {
            bins.push(cx.bin(BinRule::Levels { levels: g }, c));
        }
    } else if !seen.is_empty() {
        // More levels than pre-bins: neighbouring levels (by bad rate) grouped by count.
        let total: u64 = seen.iter().map(|&i| by_level[i].total()).sum();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        if seen.len() <= b.max_prebins {
            groups = seen.iter().map(|&i| vec![i]).collect();
        } else {
            let mut acc = 0u64;
            for &i in &seen {
                let slot = ((acc as u128 * b.max_prebins as u128) / total as u128) as usize;
                if groups.len() <= slot {
                    groups.push(Vec::new());
                }
                groups.last_mut().expect("pushed").push(i);
                acc += by_level[i].total();
            }
        }
        let cc: Vec<Counts> = groups
            .iter()
            .map(|g| g.iter().map(|&i| by_level[i]).sum())
            .collect();
        let (starts, _) = merge(&cc, b.method, Trend::None, cx.limits(), &cx.rule);
        let mut bounds = vec![0];
        bounds.extend(&starts);
        bounds.push(cc.len());
        for w in bounds.windows(2) {
            let members: Vec<String> = groups[w[0]..w[1]]
                .iter()
                .flatten()
                .map(|&i| levels[i].clone())
                .collect();
            let c = cc[w[0]..w[1]].iter().copied().sum();
            bins.push(cx.bin(BinRule::Levels { levels: members }, c));
        }
        trend = Trend::Ascending;
    }
    bins.push(cx.bin(BinRule::Missing, missing));
    finish(
        name,
        FeatureKind::Categorical,
        bins,
        iv_raw,
        trend,
        manual,
        cx,
    )
}

/// `v` to 12 significant digits: logarithms differ in their last bits between the native
/// maths library and WebAssembly's, and a card must be byte-identical on both.
pub fn sig12(v: f64) -> f64 {
    if v == 0.0 {
        return 0.0;
    }
    if !v.is_finite() {
        return v;
    }
    format!("{v:.11e}").parse().unwrap_or(v)
}

/// The IV of a set of bins under the fit's zero-count rule.
fn iv_of(cx: &FitContext, bins: impl Iterator<Item = Counts> + Clone) -> f64 {
    let rule = cx.rule.adjusted_for(bins.clone());
    sig12(bins.map(|c| rule.iv(c)).sum())
}

fn finish(
    name: &str,
    kind: FeatureKind,
    bins: Vec<Bin>,
    iv_raw: f64,
    trend: Trend,
    manual: bool,
    cx: &FitContext,
) -> FeatureBins {
    let missing = bins.last().map_or(0, |b| b.count);
    let counts = |b: &Bin| Counts {
        good: b.count - b.bad,
        bad: b.bad,
    };
    let rule = cx.rule.adjusted_for(bins.iter().map(counts));
    let mut bins = bins;
    for b in &mut bins {
        b.woe = sig12(rule.woe(counts(b)));
        b.iv = sig12(rule.iv(counts(b)));
    }
    FeatureBins {
        name: name.to_string(),
        kind,
        iv: sig12(bins.iter().map(|b| b.iv).sum()),
        bins,
        iv_raw,
        trend,
        missing_share: missing as f64 / cx.target.len().max(1) as f64,
        manual,
    }
}

#[cfg(test)]
mod tests {
    use super::super::settings::{Method, Settings};
    use super::*;

    fn ctx<'a>(s: &'a ValidSettings, target: &'a [bool]) -> FitContext<'a> {
        let bads = target.iter().filter(|&&b| b).count() as u64;
        FitContext {
            settings: s,
            target,
            rule: WoeRule {
                sign: s.get().woe.sign,
                zero: s.get().woe.zero_count,
                goods: target.len() as u64 - bads,
                bads,
                adjust: (0.0, 0.0),
            },
        }
    }

    /// A value from 0 to 99 whose bad chance rises with it; every 10th missing, every 25th
    /// the special value −1.
    fn data() -> (Vec<f64>, Vec<bool>) {
        let mut v = Vec::new();
        let mut t = Vec::new();
        for i in 0..5000u64 {
            let x = (i * 7919 % 100) as f64;
            let h = (i * 2654435761) % 1000;
            v.push(if i % 10 == 0 {
                f64::NAN
            } else if i % 25 == 3 {
                -1.0
            } else {
                x
            });
            t.push((h as f64) < 50.0 + 6.0 * x);
        }
        (v, t)
    }

    #[test]
    fn numeric_bins_cover_every_row_once_and_follow_the_trend() {
        let (v, t) = data();
        let mut s = Settings::defaults();
        s.binning.special_values = vec![-1.0];
        let s = s.check().unwrap();
        let cx = ctx(&s, &t);
        let col = Column::Numeric(v.clone());
        let f = fit_feature("x", &col, &cx);
        assert_eq!(f.trend, Trend::Ascending);
        assert!(f.bins.len() <= 6 + 2);
        assert_eq!(f.bins.iter().map(|b| b.count).sum::<u64>(), 5000);
        assert!(matches!(f.bins[f.missing_bin()].rule, BinRule::Missing));
        assert_eq!(f.bins[f.missing_bin()].count, 500);
        assert!(f
            .bins
            .iter()
            .any(|b| b.rule == BinRule::Special { value: -1.0 }));
        assert!(
            f.iv > 0.3 && f.iv <= f.iv_raw + 1e-9,
            "{} {}",
            f.iv,
            f.iv_raw
        );
        // The assigner puts every row in the bin the fit counted it in.
        let a = f.assigner(&col);
        let mut counts = vec![0u64; f.bins.len()];
        for i in 0..v.len() {
            counts[a.bin(&col, i)] += 1;
        }
        assert_eq!(counts, f.bins.iter().map(|b| b.count).collect::<Vec<_>>());
        for b in &f.bins {
            if let BinRule::Range { .. } = b.rule {
                assert!(b.share >= 0.05, "{b:?}");
            }
        }
    }

    #[test]
    fn manual_breaks_are_kept_as_given() {
        let (v, t) = data();
        let s = Settings::from_json(r#"{"features": {"x": {"breaks": [20, 50, 80]}}}"#)
            .unwrap()
            .check()
            .unwrap();
        let f = fit_feature("x", &Column::Numeric(v), &ctx(&s, &t));
        assert!(f.manual);
        assert_eq!(cuts_of(&f.bins), vec![20.0, 50.0, 80.0]);
    }

    #[test]
    fn categories_group_by_bad_rate_and_unseen_levels_are_flagged() {
        let levels = ["a", "b", "c", "d"];
        let mut vals = Vec::new();
        let mut t = Vec::new();
        for i in 0..4000usize {
            let l = i % 4;
            vals.push(if i % 50 == 0 { None } else { Some(levels[l]) });
            t.push((i * 37) % 100 < [5, 30, 6, 32][l]);
        }
        let col = Column::categorical(vals);
        let s = ValidSettings::default();
        let f = fit_feature("k", &col, &ctx(&s, &t));
        let groups: Vec<&BinRule> = f.bins.iter().map(|b| &b.rule).collect();
        assert_eq!(
            groups[0],
            &BinRule::Levels {
                levels: vec!["a".into(), "c".into()]
            }
        );
        let other = Column::categorical([Some("b"), Some("zz"), None]);
        let a = f.assigner(&other);
        assert_eq!(a.bin(&other, 1), UNSEEN);
        assert_eq!(a.bin(&other, 2), f.missing_bin());
        assert_eq!(f.bins[a.bin(&other, 0)].rule, f.bins[1].rule);
        // Each level its own bin: the raw IV.
        let raw: f64 = {
            let mut s2 = Settings::defaults();
            s2.binning.method = Method::None;
            let s2 = s2.check().unwrap();
            let g = fit_feature("k", &col, &ctx(&s2, &t));
            assert_eq!(g.bins.len(), 5);
            g.iv
        };
        assert!((raw - f.iv_raw).abs() < 1e-12);
    }

    #[test]
    fn quantile_cuts_never_split_ties() {
        let mut v: Vec<f64> = (0..1000)
            .map(|i| if i < 700 { 0.0 } else { (i % 7) as f64 })
            .collect();
        let cuts = prebin_cuts(&mut v, Prebinning::Quantile, 20);
        assert!(cuts.windows(2).all(|w| w[0] < w[1]));
        assert!(cuts.iter().all(|&c| c > 0.0));
    }
}
