//! The logistic regression of the bad outcome on the WoE features, by linfa-logistic
//! (L-BFGS over an ndarray matrix).

use linfa::prelude::*;
use linfa_logistic::LogisticRegression;
use ndarray::{Array1, Array2};

use super::settings::Logistic;

/// A fitted regression: `logit P(bad) = intercept + Σ coefficient × WoE`.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    /// The intercept.
    pub intercept: f64,
    /// One coefficient per column.
    pub coefficients: Vec<f64>,
}

/// Why the regression failed.
#[derive(Debug, thiserror::Error)]
#[error("logistic regression: {0}")]
pub struct FitError(pub String);

/// Fits `y` (true = bad) on the columns of `x` (rows × features).
pub fn fit(x: Array2<f64>, y: &[bool], s: &Logistic) -> Result<Fitted, FitError> {
    let n = x.nrows();
    if n == 0 {
        return Err(FitError("no rows".into()));
    }
    if !y.iter().any(|&b| b) || y.iter().all(|&b| b) {
        return Err(FitError("the target needs both bad and good rows".into()));
    }
    // Large samples start from the fit of every k-th row (about 50,000 rows), so L-BFGS
    // needs few passes over all of them; the answer is the full sample's all the same.
    let start = if n > 4 * WARM_ROWS {
        let step = n / WARM_ROWS;
        let rows: Vec<usize> = (0..n).step_by(step).collect();
        let xs = x.select(ndarray::Axis(0), &rows);
        let ys: Vec<bool> = rows.iter().map(|&i| y[i]).collect();
        if ys.iter().any(|&b| b) && !ys.iter().all(|&b| b) {
            Some(raw_fit(xs, &ys, s, None)?)
        } else {
            None
        }
    } else {
        None
    };
    let raw = raw_fit(x, y, s, start)?;
    let p = raw.len() - 1;
    // linfa's parameters come out as the log-odds of the first label (false, good): negated,
    // they are those of bad (the test below pins this down).
    Ok(Fitted {
        intercept: -raw[p],
        coefficients: raw.iter().take(p).map(|b| -b).collect(),
    })
}

/// Rows of the warm-start sample.
const WARM_ROWS: usize = 50_000;

/// linfa's parameters (coefficients, then the intercept), from `start` if given.
fn raw_fit(
    x: Array2<f64>,
    y: &[bool],
    s: &Logistic,
    start: Option<Array1<f64>>,
) -> Result<Array1<f64>, FitError> {
    let n = x.nrows();
    let targets: Array1<bool> = y.iter().copied().collect();
    let data = Dataset::new(x, targets);
    let mut params = LogisticRegression::default()
        .alpha(s.l2)
        .max_iterations(s.max_iterations)
        .gradient_tolerance(s.tolerance * n as f64);
    if let Some(p) = start {
        params = params.initial_params(p);
    }
    let model = params.fit(&data).map_err(|e| FitError(e.to_string()))?;
    let mut raw = model.params().to_vec();
    raw.push(model.intercept());
    Ok(Array1::from(raw))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_a_known_slope_and_models_the_bad_class() {
        // Rows at x = −2…2 with bad chances from logit = −1 + 1.5 x, in exact proportions.
        let mut xs = Vec::new();
        let mut ys = Vec::new();
        for k in -2..=2 {
            let x = k as f64;
            let p = 1.0 / (1.0 + (-(-1.0 + 1.5 * x)).exp());
            let bads = (p * 1000.0).round() as usize;
            for i in 0..1000 {
                xs.push(x);
                ys.push(i < bads);
            }
        }
        let x = Array2::from_shape_vec((xs.len(), 1), xs).unwrap();
        let s = Logistic {
            l2: 0.0,
            ..Logistic::default()
        };
        let f = fit(x, &ys, &s).unwrap();
        assert!((f.coefficients[0] - 1.5).abs() < 0.02, "{f:?}");
        assert!((f.intercept + 1.0).abs() < 0.02, "{f:?}");
    }

    #[test]
    fn one_class_is_an_error() {
        let x = Array2::zeros((3, 1));
        assert!(fit(x, &[true, true, true], &Logistic::default()).is_err());
    }
}
