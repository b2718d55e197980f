//! Feature selection on the WoE features: IV, missing share, correlation, then the variance
//! inflation factor (VIF), each step naming why a feature left.

use serde::Serialize;

/// Why a feature is not in the model.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Dropped {
    /// Excluded by the settings.
    Excluded,
    /// IV below `selection.min_iv`.
    LowIv,
    /// Missing share above `selection.max_missing_share`.
    Missing,
    /// Correlated above `selection.max_correlation` with a feature of higher IV.
    Correlated {
        /// That feature.
        with: String,
        /// The correlation.
        r: f64,
    },
    /// VIF above `selection.max_vif`.
    Vif {
        /// Its VIF when dropped.
        vif: f64,
    },
    /// Past `selection.max_features`.
    TooMany,
    /// Its coefficient came out against its WoE (a sign of collinearity); refitted without it.
    Sign,
    /// Every row fell in one bin: it cannot separate anything.
    Constant,
}

/// Why a feature left the model, by its `reason` code: Chinese and English labels (the
/// page's `vocabulary().scorecardDropped`).
pub const DROPPED_TERMS: [(&str, &str, &str); 8] = [
    ("excluded", "按设置排除", "excluded by the settings"),
    ("low_iv", "信息值（IV）过低", "information value too low"),
    ("missing", "缺失比例过高", "too many missing values"),
    (
        "correlated",
        "与信息值更高的特征高度相关",
        "correlated with a feature of higher IV",
    ),
    (
        "vif",
        "方差膨胀因子（VIF）过高",
        "variance inflation factor too high",
    ),
    (
        "too_many",
        "超出特征数上限",
        "past the most features allowed",
    ),
    (
        "sign",
        "系数方向与证据权重相反",
        "coefficient against its WoE",
    ),
    ("constant", "全部落在同一分箱", "every row in one bin"),
];

/// The Pearson correlation matrix of the columns (each a feature's WoE on the sampled rows).
/// A constant column correlates 0 with every other.
pub fn correlation(cols: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let p = cols.len();
    let n = cols.first().map_or(0, Vec::len) as f64;
    let centred: Vec<(Vec<f64>, f64)> = cols
        .iter()
        .map(|c| {
            let mean = c.iter().sum::<f64>() / n.max(1.0);
            let d: Vec<f64> = c.iter().map(|x| x - mean).collect();
            let norm = d.iter().map(|x| x * x).sum::<f64>().sqrt();
            (d, norm)
        })
        .collect();
    let mut r = vec![vec![0.0; p]; p];
    for i in 0..p {
        r[i][i] = 1.0;
        for j in i + 1..p {
            let (a, na) = &centred[i];
            let (b, nb) = &centred[j];
            let v = if *na > 0.0 && *nb > 0.0 {
                a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>() / (na * nb)
            } else {
                0.0
            };
            r[i][j] = v;
            r[j][i] = v;
        }
    }
    r
}

/// The VIF of each feature: the diagonal of the inverse correlation matrix (Gauss–Jordan with
/// partial pivoting). A singular matrix gives infinite VIFs for the features involved.
pub fn vif(r: &[Vec<f64>]) -> Vec<f64> {
    let p = r.len();
    let mut a: Vec<Vec<f64>> = r
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let mut v = row.clone();
            v.extend((0..p).map(|j| f64::from(u8::from(i == j))));
            v
        })
        .collect();
    let mut singular = vec![false; p];
    for col in 0..p {
        let pivot = (col..p)
            .max_by(|&x, &y| a[x][col].abs().total_cmp(&a[y][col].abs()))
            .expect("rows left");
        if a[pivot][col].abs() < 1e-10 {
            singular[col] = true;
            continue;
        }
        a.swap(col, pivot);
        let d = a[col][col];
        for v in a[col].iter_mut() {
            *v /= d;
        }
        for row in 0..p {
            if row != col {
                let f = a[row][col];
                if f != 0.0 {
                    let pivot_row = a[col].clone();
                    for (v, pv) in a[row].iter_mut().zip(&pivot_row) {
                        *v -= f * pv;
                    }
                }
            }
        }
    }
    (0..p)
        .map(|i| {
            if singular[i] {
                f64::INFINITY
            } else {
                a[i][p + i]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_has_its_labels() {
        let all = [
            Dropped::Excluded,
            Dropped::LowIv,
            Dropped::Missing,
            Dropped::Correlated {
                with: "x".into(),
                r: 0.9,
            },
            Dropped::Vif { vif: 12.0 },
            Dropped::TooMany,
            Dropped::Sign,
            Dropped::Constant,
        ];
        let codes: Vec<String> = all
            .iter()
            .map(|d| {
                serde_json::to_value(d).unwrap()["reason"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        let terms: Vec<&str> = DROPPED_TERMS.iter().map(|t| t.0).collect();
        assert_eq!(codes, terms);
    }

    #[test]
    fn independent_columns_have_vif_one_and_copies_infinite() {
        let a: Vec<f64> = (0..100).map(|i| (i % 2) as f64).collect();
        let b: Vec<f64> = (0..100).map(|i| ((i / 2) % 2) as f64).collect();
        let r = correlation(&[a.clone(), b.clone()]);
        assert!(r[0][1].abs() < 1e-12);
        let v = vif(&r);
        assert!(v.iter().all(|x| (x - 1.0).abs() < 1e-9), "{v:?}");
        let r = correlation(&[a.clone(), b, a]);
        assert!((r[0][2] - 1.0).abs() < 1e-12);
        assert!(vif(&r).iter().any(|x| x.is_infinite() || *x > 1e6));
    }

    #[test]
    fn vif_matches_one_over_one_minus_r_squared_for_two() {
        let a: Vec<f64> = (0..200).map(|i| (i % 7) as f64).collect();
        let b: Vec<f64> = (0..200)
            .map(|i| (i % 7) as f64 + ((i * 13) % 5) as f64)
            .collect();
        let r = correlation(&[a, b]);
        let v = vif(&r);
        let want = 1.0 / (1.0 - r[0][1] * r[0][1]);
        assert!((v[0] - want).abs() < 1e-9 && (v[1] - want).abs() < 1e-9);
    }
}
