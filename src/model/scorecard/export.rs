//! A scored table as CSV: the row's line, an id column if asked, the score, the probability
//! of bad the score stands for, and the reason codes (UTF-8 with a BOM, for Excel).

use super::card::{Card, Scored};
use crate::model::read::ReadTable;
use crate::model::table::Column;

/// The CSV of a scored table; `id` names a column to copy beside the line number.
pub fn scores_csv(card: &Card, table: &ReadTable, scored: &Scored, id: Option<&str>) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let mut head = vec!["line".to_string()];
    let id_col = id.and_then(|n| table.table.column(n).map(|c| (n, c)));
    if let Some((n, _)) = id_col {
        head.push(n.to_string());
    }
    head.extend(["score", "probability_bad"].map(String::from));
    for k in 1..=card.reasons {
        head.push(format!("reason_{k}"));
    }
    w.write_record(&head).expect("in memory");
    for (i, &score) in scored.scores.iter().enumerate() {
        let mut rec = vec![table.lines[i].to_string()];
        if let Some((_, col)) = id_col {
            rec.push(match col {
                Column::Categorical { codes, levels } => {
                    levels.get(codes[i] as usize).cloned().unwrap_or_default()
                }
                Column::Numeric(v) if v[i].is_nan() => String::new(),
                Column::Numeric(v) => v[i].to_string(),
            });
        }
        rec.push(score.to_string());
        rec.push(format!("{:.6}", card.scaling.probability(score)));
        let reasons = card.reasons(scored, i);
        for k in 0..card.reasons {
            rec.push(reasons.get(k).map_or(String::new(), |r| {
                format!("{}: {} ({:+})", r.feature, r.bin, -r.cost)
            }));
        }
        w.write_record(&rec).expect("in memory");
    }
    w.into_inner().expect("in memory")
}
