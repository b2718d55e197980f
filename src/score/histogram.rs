//! The scores of a scoring counted into bins of equal width, by final class — the numbers the
//! page draws as a histogram with the policy's cut-offs over it. Bins start at the policy's
//! lowest score; the last bin holds the highest score too. Unclassified enterprises (inactive)
//! have no class and are left out; classes set by an override stay where their score is.

use super::Scoring;
use crate::policy::Policy;
use serde::Serialize;

/// At most this many bins.
pub const MAX_BINS: usize = 1_000;

/// One bin: `[from, to)`, or `[from, to]` for the last.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HistogramBin {
    /// Lowest score in the bin.
    pub from: f64,
    /// Upper bound (excluded, but for the last bin).
    pub to: f64,
    /// Enterprises in the bin by final class, A to D.
    pub counts: [u64; 4],
}

/// A score histogram.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreHistogram {
    /// The as-of date of the scoring.
    pub as_of: String,
    /// The width of a bin.
    pub width: f64,
    /// The policy's lowest and highest scores.
    pub min: f64,
    /// The policy's highest score.
    pub max: f64,
    /// The cut-offs: the lowest score of A, B and C.
    pub cutoffs: [f64; 3],
    /// Classified enterprises counted.
    pub total: u64,
    /// The bins, lowest scores first.
    pub bins: Vec<HistogramBin>,
}

/// Why a histogram cannot be made.
#[derive(Debug, Clone, PartialEq)]
pub struct WidthError(pub String);

/// Counts the classified enterprises of `scoring` into bins of `width` points between the
/// policy's lowest and highest score.
pub fn histogram(
    scoring: &Scoring,
    policy: &Policy,
    width: f64,
) -> Result<ScoreHistogram, WidthError> {
    let (min, max) = (policy.min_score, policy.max_score);
    if !(width.is_finite() && width > 0.0) {
        return Err(WidthError("must be a number above 0".into()));
    }
    let n = ((max - min) / width).ceil().max(1.0);
    if n > MAX_BINS as f64 {
        return Err(WidthError(format!(
            "gives {n} bins between {min} and {max}; at most {MAX_BINS}"
        )));
    }
    let n = n as usize;
    let mut bins: Vec<HistogramBin> = (0..n)
        .map(|i| HistogramBin {
            from: min + i as f64 * width,
            to: (min + (i + 1) as f64 * width).min(max),
            counts: [0; 4],
        })
        .collect();
    let mut total = 0;
    for (&score, &class) in scoring.scores.iter().zip(&scoring.classes) {
        if !(1..=4).contains(&class) {
            continue;
        }
        let i = (((score - min) / width).floor().max(0.0) as usize).min(n - 1);
        bins[i].counts[class as usize - 1] += 1;
        total += 1;
    }
    Ok(ScoreHistogram {
        as_of: crate::date::format_date(scoring.as_of),
        width,
        min,
        max,
        cutoffs: [policy.cutoffs.a, policy.cutoffs.b, policy.cutoffs.c],
        total,
        bins,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::parse_date;
    use crate::policy::Policy;
    use crate::score::{Context, Overlay};

    fn scoring(scores: &[f64], classes: &[u8]) -> Scoring {
        Scoring {
            as_of: parse_date("2026-11-28").unwrap(),
            policy_digest: String::new(),
            scores: scores.to_vec(),
            classes: classes.to_vec(),
            raw_classes: classes.to_vec(),
            overrides: vec![0; classes.len()],
            context: Context::default(),
            overlay: Overlay::default(),
        }
    }

    #[test]
    fn bins_hold_each_classified_score_once_and_the_top_score_in_the_last_bin() {
        let p = Policy::default();
        let s = scoring(
            &[0.0, 4.99, 5.0, 89.99, 90.0, 100.0, 55.0],
            &[4, 4, 4, 2, 1, 1, 0],
        );
        let h = histogram(&s, &p, 5.0).unwrap();
        assert_eq!(h.bins.len(), 20);
        assert_eq!(h.total, 6);
        assert_eq!(h.bins[0].counts, [0, 0, 0, 2]);
        assert_eq!(h.bins[1].counts, [0, 0, 0, 1]);
        assert_eq!(h.bins[17].counts, [0, 1, 0, 0]);
        assert_eq!(h.bins[18].counts, [1, 0, 0, 0]);
        assert_eq!(h.bins[19].counts, [1, 0, 0, 0]);
        assert_eq!((h.bins[19].from, h.bins[19].to), (95.0, 100.0));
        assert_eq!(h.cutoffs, [90.0, 70.0, 40.0]);
    }

    #[test]
    fn an_uneven_width_ends_the_last_bin_at_the_highest_score() {
        let p = Policy::default();
        let h = histogram(&scoring(&[100.0], &[1]), &p, 30.0).unwrap();
        assert_eq!(h.bins.len(), 4);
        assert_eq!((h.bins[3].from, h.bins[3].to), (90.0, 100.0));
        assert_eq!(h.bins[3].counts, [1, 0, 0, 0]);
    }

    #[test]
    fn a_width_of_zero_or_too_many_bins_is_refused() {
        let p = Policy::default();
        let s = scoring(&[], &[]);
        for w in [0.0, -1.0, f64::NAN, f64::INFINITY, 0.01] {
            assert!(histogram(&s, &p, w).is_err(), "{w}");
        }
        assert_eq!(histogram(&s, &p, 0.1).unwrap().bins.len(), 1_000);
    }
}
