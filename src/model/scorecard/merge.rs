//! Merging pre-bins into bins: the exact optimal-IV partition (dynamic programming), ChiMerge
//! and a best-first tree, each under the same constraints — at most `max_bins` bins, each
//! holding at least `min_count` rows, and the bad rate following a trend. The pre-bins come in
//! order (numeric values ascending, or categories sorted by bad rate); a result is the list of
//! pre-bin indices where a new bin starts (0 excluded).

use super::settings::{Method, Trend};
use super::woe::{Counts, WoeRule};

/// The constraints of one merge.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Bins at most.
    pub max_bins: usize,
    /// Rows a bin holds at least.
    pub min_count: u64,
    /// ChiMerge's threshold.
    pub chi_threshold: f64,
}

fn sum(c: &[Counts], s: usize, e: usize) -> Counts {
    c[s..e].iter().copied().sum()
}

/// The IV of a partition given by its starts.
pub fn partition_iv(c: &[Counts], starts: &[usize], rule: &WoeRule) -> f64 {
    spans(c.len(), starts)
        .map(|(s, e)| rule.iv(sum(c, s, e)))
        .sum()
}

fn spans(n: usize, starts: &[usize]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut bounds = Vec::with_capacity(starts.len() + 2);
    bounds.push(0);
    bounds.extend_from_slice(starts);
    bounds.push(n);
    (0..bounds.len() - 1).map(move |i| (bounds[i], bounds[i + 1]))
}

/// Merges by `method` under `limits` and `trend` (`Auto`: the direction keeping more IV).
/// Returns the starts, and the trend the bins follow (`None` when unconstrained).
pub fn merge(
    c: &[Counts],
    method: Method,
    trend: Trend,
    limits: Limits,
    rule: &WoeRule,
) -> (Vec<usize>, Trend) {
    if c.len() <= 1 {
        return (Vec::new(), trend_of(c, &[]));
    }
    let run = |t: Trend| -> Vec<usize> {
        match method {
            Method::None => (1..c.len()).collect(),
            Method::Optimal => optimal(c, t, limits, rule),
            Method::Chimerge => enforce(c, chimerge(c, limits), t, rule, Loss::Chi),
            Method::Tree => enforce(c, tree(c, limits, rule), t, rule, Loss::Iv),
        }
    };
    match trend {
        Trend::Auto if method != Method::None => {
            let up = run(Trend::Ascending);
            let down = run(Trend::Descending);
            if partition_iv(c, &down, rule) > partition_iv(c, &up, rule) + 1e-12 {
                (down, Trend::Descending)
            } else {
                (up, Trend::Ascending)
            }
        }
        Trend::Auto => {
            let s = run(Trend::None);
            let t = trend_of(c, &s);
            (s, t)
        }
        t => (run(t), t),
    }
}

/// The trend a partition follows, if any.
fn trend_of(c: &[Counts], starts: &[usize]) -> Trend {
    let rates: Vec<f64> = spans(c.len(), starts)
        .map(|(s, e)| sum(c, s, e).rate())
        .collect();
    if rates.windows(2).all(|w| w[0] < w[1]) {
        Trend::Ascending
    } else if rates.windows(2).all(|w| w[0] > w[1]) {
        Trend::Descending
    } else {
        Trend::None
    }
}

fn follows(trend: Trend, before: f64, after: f64) -> bool {
    match trend {
        Trend::Ascending => before < after,
        Trend::Descending => before > after,
        Trend::Auto | Trend::None => true,
    }
}

/// The partition with the highest IV under the limits and the trend, by dynamic programming
/// over (bins so far, start and end of the last bin). Bins holding only goods or only bads are
/// avoided when a partition without them exists (their IV rests on the zero-count rule).
fn optimal(c: &[Counts], trend: Trend, limits: Limits, rule: &WoeRule) -> Vec<usize> {
    for (pure_ok, min_count) in [
        (false, limits.min_count),
        (true, limits.min_count),
        (true, 0),
    ] {
        if let Some(s) = optimal_with(c, trend, limits.max_bins, min_count, pure_ok, rule) {
            return s;
        }
    }
    Vec::new()
}

fn optimal_with(
    c: &[Counts],
    trend: Trend,
    max_bins: usize,
    min_count: u64,
    pure_ok: bool,
    rule: &WoeRule,
) -> Option<Vec<usize>> {
    let p = c.len();
    let mut prefix = vec![Counts::default(); p + 1];
    for i in 0..p {
        prefix[i + 1] = prefix[i] + c[i];
    }
    let span = |s: usize, e: usize| Counts {
        good: prefix[e].good - prefix[s].good,
        bad: prefix[e].bad - prefix[s].bad,
    };
    let ok = |s: usize, e: usize| {
        let x = span(s, e);
        x.total() >= min_count.max(1) && (pure_ok || (x.good > 0 && x.bad > 0))
    };
    let k_max = max_bins.min(p);
    let idx = |k: usize, s: usize, e: usize| ((k - 1) * p + s) * (p + 1) + e;
    let mut best = vec![f64::NEG_INFINITY; k_max * p * (p + 1)];
    let mut parent = vec![usize::MAX; best.len()];
    let iv: Vec<f64> = (0..p * (p + 1))
        .map(|i| {
            let (s, e) = (i / (p + 1), i % (p + 1));
            if s < e {
                rule.iv(span(s, e))
            } else {
                0.0
            }
        })
        .collect();
    let ivs = |s: usize, e: usize| iv[s * (p + 1) + e];
    for e in 1..=p {
        for s in 0..e {
            if !ok(s, e) {
                continue;
            }
            if s == 0 {
                best[idx(1, 0, e)] = ivs(0, e);
                continue;
            }
            let rate = span(s, e).rate();
            for k in 2..=k_max {
                let mut top = f64::NEG_INFINITY;
                let mut arg = usize::MAX;
                for s0 in 0..s {
                    let prev = best[idx(k - 1, s0, s)];
                    if prev > top && follows(trend, span(s0, s).rate(), rate) {
                        top = prev;
                        arg = s0;
                    }
                }
                if arg != usize::MAX {
                    best[idx(k, s, e)] = top + ivs(s, e);
                    parent[idx(k, s, e)] = arg;
                }
            }
        }
    }
    let mut answer: Option<(f64, usize, usize)> = None;
    for k in 1..=k_max {
        for s in 0..p {
            let v = best[idx(k, s, p)];
            if v > f64::NEG_INFINITY && answer.is_none_or(|(b, _, _)| v > b + 1e-12) {
                answer = Some((v, k, s));
            }
        }
    }
    let (_, mut k, mut s) = answer?;
    let mut e = p;
    let mut starts = Vec::new();
    while k > 1 {
        starts.push(s);
        let s0 = parent[idx(k, s, e)];
        e = s;
        s = s0;
        k -= 1;
    }
    starts.reverse();
    Some(starts)
}

/// χ² of two adjacent bins (a 2 × 2 table).
fn chi2(a: Counts, b: Counts) -> f64 {
    let n = (a.total() + b.total()) as f64;
    let goods = (a.good + b.good) as f64;
    let bads = (a.bad + b.bad) as f64;
    let mut chi = 0.0;
    for (row, obs) in [(a, [a.good, a.bad]), (b, [b.good, b.bad])] {
        for (col, &o) in [goods, bads].iter().zip(&obs) {
            let expected = row.total() as f64 * col / n;
            if expected > 0.0 {
                chi += (o as f64 - expected).powi(2) / expected;
            }
        }
    }
    chi
}

/// ChiMerge: the adjacent pair with the smallest χ² is merged while there are more than
/// `max_bins` bins or some pair is below the threshold; then bins under `min_count` are merged
/// into the neighbour they differ from least.
fn chimerge(c: &[Counts], limits: Limits) -> Vec<usize> {
    let mut bins: Vec<(usize, Counts)> = c.iter().copied().enumerate().collect();
    loop {
        if bins.len() <= 1 {
            break;
        }
        let (i, chi) = (0..bins.len() - 1)
            .map(|i| (i, chi2(bins[i].1, bins[i + 1].1)))
            .fold((0, f64::INFINITY), |a, b| if b.1 < a.1 { b } else { a });
        if bins.len() > limits.max_bins || chi < limits.chi_threshold {
            let next = bins.remove(i + 1).1;
            bins[i].1 += next;
        } else {
            break;
        }
    }
    while bins.len() > 1 {
        let Some(i) = (0..bins.len())
            .filter(|&i| bins[i].1.total() < limits.min_count)
            .min_by_key(|&i| bins[i].1.total())
        else {
            break;
        };
        let last = i == bins.len() - 1;
        let j = if i == 0 {
            0
        } else if last || chi2(bins[i - 1].1, bins[i].1) <= chi2(bins[i].1, bins[i + 1].1) {
            i - 1
        } else {
            i
        };
        let next = bins.remove(j + 1).1;
        bins[j].1 += next;
    }
    bins.iter().skip(1).map(|b| b.0).collect()
}

/// A best-first tree: the bin whose best split gains most IV is split, while there are fewer
/// than `max_bins` bins and a split keeps both sides at `min_count` rows.
fn tree(c: &[Counts], limits: Limits, rule: &WoeRule) -> Vec<usize> {
    let mut starts: Vec<usize> = Vec::new();
    let best_split = |s: usize, e: usize| -> Option<(f64, usize)> {
        let whole = rule.iv(sum(c, s, e));
        let mut left = Counts::default();
        let mut best: Option<(f64, usize)> = None;
        for t in s + 1..e {
            left += c[t - 1];
            let right = sum(c, t, e);
            if left.total() < limits.min_count.max(1) || right.total() < limits.min_count.max(1) {
                continue;
            }
            let gain = rule.iv(left) + rule.iv(right) - whole;
            if best.is_none_or(|(g, _)| gain > g + 1e-12) {
                best = Some((gain, t));
            }
        }
        best
    };
    while starts.len() + 1 < limits.max_bins {
        let mut chosen: Option<(f64, usize)> = None;
        for (s, e) in spans(c.len(), &starts).collect::<Vec<_>>() {
            if let Some((g, t)) = best_split(s, e) {
                if g > 1e-9 && chosen.is_none_or(|(b, _)| g > b + 1e-12) {
                    chosen = Some((g, t));
                }
            }
        }
        let Some((_, t)) = chosen else { break };
        let at = starts.partition_point(|&x| x < t);
        starts.insert(at, t);
    }
    starts
}

#[derive(Clone, Copy)]
enum Loss {
    Chi,
    Iv,
}

/// Merges adjacent bins until the bad rate follows `trend`: each time the violating pair that
/// differs least (χ²) or loses least IV.
fn enforce(
    c: &[Counts],
    mut starts: Vec<usize>,
    trend: Trend,
    rule: &WoeRule,
    loss: Loss,
) -> Vec<usize> {
    if matches!(trend, Trend::None | Trend::Auto) {
        return starts;
    }
    loop {
        let bins: Vec<Counts> = spans(c.len(), &starts).map(|(s, e)| sum(c, s, e)).collect();
        let mut pick: Option<(f64, usize)> = None;
        for i in 0..bins.len().saturating_sub(1) {
            if follows(trend, bins[i].rate(), bins[i + 1].rate()) {
                continue;
            }
            let cost = match loss {
                Loss::Chi => chi2(bins[i], bins[i + 1]),
                Loss::Iv => {
                    rule.iv(bins[i]) + rule.iv(bins[i + 1]) - rule.iv(bins[i] + bins[i + 1])
                }
            };
            if pick.is_none_or(|(b, _)| cost < b) {
                pick = Some((cost, i));
            }
        }
        match pick {
            Some((_, i)) => {
                starts.remove(i);
            }
            None => return starts,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::settings::{WoeSign, ZeroCount};
    use super::*;

    fn counts(pairs: &[(u64, u64)]) -> Vec<Counts> {
        pairs
            .iter()
            .map(|&(good, bad)| Counts { good, bad })
            .collect()
    }

    fn rule(c: &[Counts]) -> WoeRule {
        let t: Counts = c.iter().copied().sum();
        WoeRule {
            sign: WoeSign::BadOverGood,
            zero: ZeroCount::Add(0.5),
            goods: t.good,
            bads: t.bad,
            adjust: (0.0, 0.0),
        }
    }

    fn limits(max_bins: usize, min_count: u64) -> Limits {
        Limits {
            max_bins,
            min_count,
            chi_threshold: 3.841,
        }
    }

    /// Every contiguous partition, for checking the dynamic programme by brute force.
    fn all_partitions(p: usize) -> Vec<Vec<usize>> {
        (0..1u32 << (p - 1))
            .map(|mask| (1..p).filter(|i| mask & (1 << (i - 1)) != 0).collect())
            .collect()
    }

    #[test]
    fn optimal_is_the_best_feasible_partition() {
        let c = counts(&[
            (90, 5),
            (80, 9),
            (60, 12),
            (70, 30),
            (40, 25),
            (30, 40),
            (20, 10),
        ]);
        let r = rule(&c);
        for trend in [Trend::Ascending, Trend::Descending, Trend::None] {
            for max_bins in 1..=5 {
                let l = limits(max_bins, 60);
                let got = optimal(&c, trend, l, &r);
                let feasible = |s: &Vec<usize>| {
                    s.len() < max_bins
                        && spans(c.len(), s).all(|(a, b)| {
                            let x = sum(&c, a, b);
                            x.total() >= 60 && x.good > 0 && x.bad > 0
                        })
                        && {
                            let rates: Vec<f64> = spans(c.len(), s)
                                .map(|(a, b)| sum(&c, a, b).rate())
                                .collect();
                            rates.windows(2).all(|w| follows(trend, w[0], w[1]))
                        }
                };
                let best = all_partitions(c.len())
                    .into_iter()
                    .filter(feasible)
                    .map(|s| partition_iv(&c, &s, &r))
                    .fold(f64::NEG_INFINITY, f64::max);
                assert!(feasible(&got), "{trend:?} {max_bins}: {got:?}");
                assert!(
                    (partition_iv(&c, &got, &r) - best).abs() < 1e-9,
                    "{trend:?} {max_bins}"
                );
            }
        }
    }

    #[test]
    fn auto_picks_the_direction_of_the_data() {
        let c = counts(&[(90, 5), (80, 9), (60, 12), (70, 30), (40, 25), (30, 40)]);
        let r = rule(&c);
        for m in [Method::Optimal, Method::Chimerge, Method::Tree] {
            let (s, t) = merge(&c, m, Trend::Auto, limits(6, 1), &r);
            assert_eq!(t, Trend::Ascending, "{m:?}");
            assert_eq!(trend_of(&c, &s), Trend::Ascending, "{m:?} {s:?}");
            let rev: Vec<Counts> = c.iter().rev().copied().collect();
            let (s, t) = merge(&rev, m, Trend::Auto, limits(6, 1), &r);
            assert_eq!(t, Trend::Descending, "{m:?}");
            assert_eq!(trend_of(&rev, &s), Trend::Descending);
        }
    }

    #[test]
    fn chimerge_and_tree_respect_the_limits() {
        let c = counts(&[
            (50, 1),
            (50, 2),
            (50, 1),
            (5, 0),
            (50, 20),
            (50, 22),
            (50, 40),
        ]);
        let r = rule(&c);
        for m in [Method::Chimerge, Method::Tree, Method::Optimal] {
            let (s, _) = merge(&c, m, Trend::None, limits(3, 20), &r);
            assert!(s.len() < 3, "{m:?} {s:?}");
            for (a, b) in spans(c.len(), &s) {
                assert!(sum(&c, a, b).total() >= 20, "{m:?} {s:?}");
            }
        }
        // ChiMerge keeps pairs that differ: the clean and the dirty halves stay apart.
        let (s, _) = merge(&c, Method::Chimerge, Trend::None, limits(6, 1), &r);
        assert!(s.contains(&4), "{s:?}");
        assert!(chi2(c[0], c[6]) > 3.841 && chi2(c[0], c[0]) < 1e-12);
    }
}
