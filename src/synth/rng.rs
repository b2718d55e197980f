//! Per-enterprise random streams.
//!
//! Each named stream has a 64-bit key drawn from the ChaCha20 generator of
//! [`crate::seed::rng`] (seed text and stream name hashed with SHA-256). Enterprise `i` of a
//! stream starts a SplitMix64 sequence at a state mixed from the key and `i`. SplitMix64 needs
//! no set-up, so the generator of any kind can recompute any enterprise's draws in a few
//! nanoseconds (a ChaCha20 stream switch costs a 256-byte block refill), and it uses only
//! wrapping integer arithmetic: the same on every platform, WebAssembly included.

use rand::RngCore;

/// The SplitMix64 / Stafford "mix13" finaliser: a bijection of `u64` with good avalanche.
#[inline]
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The key of the stream `name` under `seed`.
pub(crate) fn key(seed: &str, name: &str) -> u64 {
    crate::seed::rng(seed, name).next_u64()
}

/// A SplitMix64 sequence.
pub(crate) struct Stream(u64);

impl Stream {
    /// The stream of item `i` (an enterprise, a cluster address…) under `key`.
    #[inline]
    pub fn new(key: u64, i: u64) -> Self {
        Stream(mix(key ^ mix(i.wrapping_add(0x632B_E59B_D9B4_E019))))
    }

    /// The next 64 random bits.
    #[inline]
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// A number in `0..n` (`n` > 0), by multiply-shift (bias below 2⁻³² · n, negligible here).
    #[inline]
    pub fn below(&mut self, n: u32) -> u32 {
        (((self.next() >> 32) * n as u64) >> 32) as u32
    }

    /// A number in `0..n` for a signed bound; 0 when `n` ≤ 0.
    #[inline]
    pub fn below_i(&mut self, n: i32) -> i32 {
        if n <= 0 {
            0
        } else {
            self.below(n as u32) as i32
        }
    }

    /// True with probability `per_mille` / 1000.
    #[inline]
    pub fn chance(&mut self, per_mille: i32) -> bool {
        (self.below(1000) as i32) < per_mille
    }

    /// A number in `lo..=hi` (`lo` when `hi` < `lo`).
    #[inline]
    pub fn between(&mut self, lo: i32, hi: i32) -> i32 {
        if hi <= lo {
            lo
        } else {
            lo + self.below((hi - lo + 1) as u32) as i32
        }
    }

    /// One element of a non-empty slice.
    #[inline]
    pub fn pick<T: Copy>(&mut self, s: &[T]) -> T {
        s[self.below(s.len() as u32) as usize]
    }

    /// An index drawn with the weights whose running sums are `cum` (last > 0).
    #[inline]
    pub fn weighted(&mut self, cum: &[u32]) -> usize {
        let x = self.below(cum[cum.len() - 1]);
        cum.partition_point(|&c| c <= x)
    }

    /// The number of successes in `trials` trials of probability `per_mille` / 1000.
    #[inline]
    pub fn binomial(&mut self, trials: u32, per_mille: i32) -> u32 {
        (0..trials).filter(|_| self.chance(per_mille)).count() as u32
    }
}

/// Running sums of weights, for [`Stream::weighted`].
pub(crate) fn cumulative(weights: impl Iterator<Item = u32>) -> Vec<u32> {
    weights
        .scan(0u32, |s, w| {
            *s += w;
            Some(*s)
        })
        .collect()
}

/// 31³, half of the 6-symbol serial space.
const HALF: u32 = 29_791;
/// 31⁶: the number of distinct 6-symbol serials.
pub(crate) const SERIALS: u32 = HALF * HALF;

/// A keyed bijection of `0..31⁶` (a 4-round Feistel network over two base-31³ halves), so that
/// serial numbers derived from consecutive indices look unrelated and never collide.
pub(crate) fn scramble(key: u64, x: u32) -> u32 {
    debug_assert!(x < SERIALS);
    let (mut l, mut r) = (x / HALF, x % HALF);
    for round in 0..4u64 {
        let f = (mix(key ^ (round << 40) ^ r as u64) % HALF as u64) as u32;
        let next = (l + f) % HALF;
        l = r;
        r = next;
    }
    l * HALF + r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scramble_is_a_bijection_on_a_sample() {
        let mut seen = rustc_hash::FxHashSet::default();
        for x in (0..200_000u32).chain(SERIALS - 1000..SERIALS) {
            let y = scramble(42, x);
            assert!(y < SERIALS);
            assert!(seen.insert(y), "collision at {x}");
        }
    }

    #[test]
    fn weighted_and_below_stay_in_range() {
        let mut s = Stream::new(7, 3);
        let cum = cumulative([0u32, 5, 0, 1].into_iter());
        let mut hits = [0u32; 4];
        for _ in 0..6000 {
            assert!(s.below(10) < 10);
            assert!((5..=9).contains(&s.between(5, 9)));
            hits[s.weighted(&cum)] += 1;
        }
        assert_eq!(hits[0] + hits[2], 0);
        assert!(hits[1] > 4 * hits[3]);
    }
}
