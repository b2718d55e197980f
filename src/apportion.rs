//! Sharing a whole number of places over groups: the class allocation of the draw and the
//! plan (water-filling over intensities, then largest remainder) and the proportional split of
//! a sample over strata.

/// Sample sizes per class (A–D) for populations `pop`, class intensities `r`, overall target:
/// the intensities scaled by one factor (water-filling: a class whose share exceeds its
/// population is taken whole and the rest scaled up), whole numbers by largest remainder
/// (ties: the riskier class first), and every non-empty class at least `min_per_class`.
pub fn allocate(pop: [usize; 4], r: [f64; 4], target: usize, min_per_class: usize) -> [usize; 4] {
    let total: usize = pop.iter().sum();
    let target = target.min(total);
    let mut alloc = [0f64; 4];
    let mut saturated = [false; 4];
    // Water-filling: scale the free classes, saturate any that exceed their population.
    loop {
        let fixed: f64 = (0..4)
            .filter(|&c| saturated[c])
            .map(|c| pop[c] as f64)
            .sum();
        let weight: f64 = (0..4)
            .filter(|&c| !saturated[c])
            .map(|c| r[c] * pop[c] as f64)
            .sum();
        let remaining = target as f64 - fixed;
        if weight <= 0.0 {
            break;
        }
        let scale = remaining / weight;
        let mut changed = false;
        for c in 0..4 {
            if !saturated[c] {
                alloc[c] = scale * r[c] * pop[c] as f64;
                if alloc[c] >= pop[c] as f64 {
                    alloc[c] = pop[c] as f64;
                    saturated[c] = true;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    // Whole numbers by largest remainder (ties: the riskier class first).
    let mut n: [usize; 4] = alloc.map(|a| a.floor() as usize);
    let mut short = target.saturating_sub(n.iter().sum());
    let mut order: Vec<usize> = (0..4).collect();
    order.sort_by(|&a, &b| {
        let fa = alloc[a] - alloc[a].floor();
        let fb = alloc[b] - alloc[b].floor();
        fb.total_cmp(&fa).then(b.cmp(&a))
    });
    for &c in order.iter().cycle().take(16) {
        if short == 0 {
            break;
        }
        if n[c] < pop[c] {
            n[c] += 1;
            short -= 1;
        }
    }
    for c in 0..4 {
        n[c] = n[c].max(min_per_class.min(pop[c]));
    }
    n
}

/// Splits `total` over groups of sizes `sizes` in proportion to `size × weight`, each at most
/// its size, by largest remainder (ties: the earlier group first). The parts add up to
/// `min(total, Σ sizes)`.
pub fn proportional(total: usize, sizes: &[usize], weights: &[f64]) -> Vec<usize> {
    let n = sizes.len();
    let cap: usize = sizes.iter().sum();
    let total = total.min(cap);
    let mut out = vec![0usize; n];
    let mut saturated = vec![false; n];
    let mut exact = vec![0f64; n];
    loop {
        let fixed: usize = (0..n).filter(|&i| saturated[i]).map(|i| sizes[i]).sum();
        let weight: f64 = (0..n)
            .filter(|&i| !saturated[i])
            .map(|i| sizes[i] as f64 * weights[i].max(0.0))
            .sum();
        if weight <= 0.0 {
            break;
        }
        let scale = (total - fixed) as f64 / weight;
        let mut changed = false;
        for i in 0..n {
            if !saturated[i] {
                exact[i] = scale * sizes[i] as f64 * weights[i].max(0.0);
                if exact[i] >= sizes[i] as f64 {
                    exact[i] = sizes[i] as f64;
                    saturated[i] = true;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    for i in 0..n {
        out[i] = (exact[i].floor() as usize).min(sizes[i]);
    }
    let mut short = total.saturating_sub(out.iter().sum());
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        let fa = exact[a] - exact[a].floor();
        let fb = exact[b] - exact[b].floor();
        fb.total_cmp(&fa).then(a.cmp(&b))
    });
    // One each by remainder, then whatever room is left, in the same order (weights of zero,
    // rounding).
    for &i in &order {
        if short == 0 {
            break;
        }
        if out[i] < sizes[i] {
            out[i] += 1;
            short -= 1;
        }
    }
    for &i in &order {
        let take = short.min(sizes[i] - out[i]);
        out[i] += take;
        short -= take;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocation_reaches_the_target_and_respects_intensities() {
        let pop = [6500, 2500, 800, 200];
        let n = allocate(pop, [0.01, 0.02, 0.10, 0.30], 500, 1);
        assert_eq!(n.iter().sum::<usize>(), 500);
        // Ratios follow the intensities (1 : 2 : 10 : 30) up to rounding.
        let r: Vec<f64> = (0..4).map(|c| n[c] as f64 / pop[c] as f64).collect();
        assert!((r[1] / r[0] - 2.0).abs() < 0.1, "{r:?}");
        assert!((r[3] / r[0] - 30.0).abs() < 1.0, "{r:?}");
    }

    #[test]
    fn saturated_classes_are_capped_and_the_rest_scaled_up() {
        let n = allocate([1000, 100, 10, 5], [0.01, 0.02, 0.5, 1.0], 200, 1);
        assert_eq!(n[3], 5);
        assert_eq!(n[2], 10);
        assert_eq!(n.iter().sum::<usize>(), 200);
    }

    #[test]
    fn every_nonempty_class_gets_its_control_sample() {
        let n = allocate([10000, 10, 0, 3], [0.0001, 0.0001, 0.1, 0.1], 1, 1);
        assert!(n[0] >= 1 && n[1] >= 1 && n[3] >= 1);
        assert_eq!(n[2], 0);
    }

    #[test]
    fn target_above_population_takes_everyone() {
        assert_eq!(
            allocate([3, 2, 1, 0], [0.1, 0.2, 0.3, 0.4], 100, 1),
            [3, 2, 1, 0]
        );
    }

    #[test]
    fn proportional_shares_add_up_and_follow_weights() {
        let p = proportional(100, &[500, 300, 200], &[1.0, 1.0, 1.0]);
        assert_eq!(p, vec![50, 30, 20]);
        let p = proportional(100, &[500, 300, 200], &[1.0, 1.0, 2.0]);
        assert_eq!(p.iter().sum::<usize>(), 100);
        assert!(p[2] > 30, "{p:?}");
        // Capped at the group, the rest shared out.
        let p = proportional(100, &[500, 10, 200], &[1.0, 100.0, 1.0]);
        assert_eq!(p[1], 10);
        assert_eq!(p.iter().sum::<usize>(), 100);
        assert_eq!(proportional(5, &[1, 1], &[1.0, 1.0]), vec![1, 1]);
        assert_eq!(proportional(3, &[0, 0, 9], &[1.0, 1.0, 0.0]), vec![0, 0, 3]);
    }
}
