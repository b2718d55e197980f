//! Reading a table of any shape (CSV in UTF-8, GBK or UTF-16, or the first sheet of an XLSX
//! workbook) into a feature [`Table`] and a binary target, for a scorecard fit or for
//! applying a card. Every row read is either accepted or reported with its line, column,
//! value and reason: a row of another width, a target that is neither bad nor good, a text in
//! a column that must be numeric.

use super::scorecard::settings::ValidSettings;
use super::table::{Column, FeatureKind, Table, MISSING};
use serde::Serialize;
use std::collections::BTreeMap;

/// What to read.
pub struct ReadOptions<'a> {
    /// The settings (missing-value texts, target vocabularies, forced kinds, ignored columns).
    pub settings: &'a ValidSettings,
    /// The target column, required when given.
    pub target: Option<&'a str>,
    /// Kinds forced by name (a card's features), besides the settings'.
    pub kinds: BTreeMap<String, FeatureKind>,
}

/// A row left out, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RowIssue {
    /// The line (CSV) or row (sheet) number, from 1 for the header.
    pub line: u64,
    /// The column, when one cell is to blame.
    pub column: Option<String>,
    /// Its value.
    pub value: Option<String>,
    /// Why, in English.
    pub reason: String,
}

/// A table read from a file.
#[derive(Debug, Clone)]
pub struct ReadTable {
    /// The accepted rows' features (every column but the target and the ignored).
    pub table: Table,
    /// The target of each accepted row (true = bad), when a target column was named.
    pub target: Option<Vec<bool>>,
    /// The line number of each accepted row.
    pub lines: Vec<u64>,
    /// Data rows read (accepted + rejected).
    pub rows_read: u64,
    /// Rows left out.
    pub rejected: Vec<RowIssue>,
}

/// A file that cannot be read as a table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {message}")]
pub struct ReadError {
    /// The file.
    pub file: String,
    /// What is wrong.
    pub message: String,
}

fn read_err(file: &str, message: impl Into<String>) -> ReadError {
    ReadError {
        file: file.into(),
        message: message.into(),
    }
}

/// Where the rows come from: CSV text (read twice, one record at a time, nothing kept per
/// cell), or a sheet's cells.
enum Source<'a> {
    Csv {
        text: std::borrow::Cow<'a, str>,
        delim: u8,
    },
    Sheet(Vec<Vec<String>>),
}

impl Source<'_> {
    /// Calls `f` with every row that has a non-blank cell: its line and its fields.
    fn each_row(
        &self,
        file: &str,
        mut f: impl FnMut(u64, &[&str]) -> Result<(), ReadError>,
    ) -> Result<(), ReadError> {
        match self {
            Source::Csv { text, delim } => {
                let mut r = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .delimiter(*delim)
                    .from_reader(text.as_bytes());
                let mut rec = csv::StringRecord::new();
                loop {
                    match r.read_record(&mut rec) {
                        Ok(true) => {}
                        Ok(false) => break,
                        Err(e) => return Err(read_err(file, e.to_string())),
                    }
                    if rec.iter().all(|c| c.trim().is_empty()) {
                        continue;
                    }
                    let line = rec.position().map_or(0, |p| p.line());
                    let fields: Vec<&str> = rec.iter().collect();
                    f(line, &fields)?;
                }
            }
            Source::Sheet(rows) => {
                for (i, row) in rows.iter().enumerate() {
                    if row.iter().all(|c| c.trim().is_empty()) {
                        continue;
                    }
                    let fields: Vec<&str> = row.iter().map(String::as_str).collect();
                    f(i as u64 + 1, &fields)?;
                }
            }
        }
        Ok(())
    }
}

fn csv_source<'a>(file: &str, bytes: &'a [u8]) -> Result<Source<'a>, ReadError> {
    let det = crate::ingest::encoding::detect(bytes);
    if det.binary {
        return Err(read_err(file, "the file is not text (a binary file?)"));
    }
    let body = &bytes[det.bom..];
    let enc = match det.encoding {
        crate::ingest::TextEncoding::Utf8 => encoding_rs::UTF_8,
        crate::ingest::TextEncoding::Gb18030 => encoding_rs::GB18030,
        crate::ingest::TextEncoding::Utf16Le => encoding_rs::UTF_16LE,
        crate::ingest::TextEncoding::Utf16Be => encoding_rs::UTF_16BE,
    };
    let (text, _) = enc.decode_without_bom_handling(body);
    let first = text.lines().next().unwrap_or("");
    let delim = [b',', b'\t', b';', b'|']
        .into_iter()
        .max_by_key(|&d| first.bytes().filter(|&b| b == d).count())
        .unwrap_or(b',');
    Ok(Source::Csv { text, delim })
}

/// A number as written in a cell (`1,200` read as 1200), if it is one.
fn number(t: &str) -> Option<f64> {
    let t = t.trim();
    t.parse::<f64>().ok().filter(|v| v.is_finite()).or_else(|| {
        if !t.contains(',') {
            return None;
        }
        let plain: String = t.chars().filter(|&c| c != ',').collect();
        plain.parse::<f64>().ok().filter(|v| v.is_finite())
    })
}

/// Reads `bytes` (named `file`) as a table.
pub fn read_table(file: &str, bytes: &[u8], opts: &ReadOptions) -> Result<ReadTable, ReadError> {
    let format = crate::ingest::detect_format(file, bytes);
    let source = if format.is_workbook() {
        Source::Sheet(
            crate::ingest::first_sheet_text(file, bytes)
                .map_err(|e| read_err(file, e.to_string()))?,
        )
    } else {
        csv_source(file, bytes)?
    };
    let s = opts.settings;
    // Pass 1: the header, and whether each column holds only numbers.
    let mut names: Vec<String> = Vec::new();
    let mut numeric: Vec<bool> = Vec::new();
    let mut header = true;
    source.each_row(file, |_, r| {
        if header {
            header = false;
            names = r
                .iter()
                .enumerate()
                .map(|(i, h)| match h.trim() {
                    "" => format!("column_{}", i + 1),
                    h => h.to_string(),
                })
                .collect();
            numeric = vec![true; names.len()];
            return Ok(());
        }
        for (i, c) in r.iter().enumerate().take(numeric.len()) {
            if numeric[i] && !s.is_missing_text(c) && number(c).is_none() {
                numeric[i] = false;
            }
        }
        Ok(())
    })?;
    if header {
        return Err(read_err(file, "the file is empty or has no header row"));
    }
    for (i, n) in names.iter().enumerate() {
        if names[..i].contains(n) {
            return Err(read_err(
                file,
                format!("column `{n}` appears twice in the header"),
            ));
        }
    }
    let target_at = match opts.target {
        Some(t) => Some(names.iter().position(|n| n == t).ok_or_else(|| {
            read_err(
                file,
                format!("no target column `{t}` (columns: {})", names.join(", ")),
            )
        })?),
        None => None,
    };
    let features: Vec<usize> = (0..names.len())
        .filter(|&i| Some(i) != target_at && !s.get().ignore.contains(&names[i]))
        .collect();
    // Kinds: forced, else numeric when every value of the column is a number or missing.
    let kinds: Vec<FeatureKind> = features
        .iter()
        .map(|&i| {
            opts.kinds
                .get(&names[i])
                .copied()
                .or_else(|| s.get().features.get(&names[i]).and_then(|f| f.kind))
                .unwrap_or(if numeric[i] {
                    FeatureKind::Numeric
                } else {
                    FeatureKind::Categorical
                })
        })
        .collect();
    // Pass 2: the rows.
    let mut nums: Vec<Vec<f64>> = vec![Vec::new(); features.len()];
    let mut codes: Vec<Vec<u32>> = vec![Vec::new(); features.len()];
    let mut dicts: Vec<rustc_hash::FxHashMap<String, u32>> =
        vec![Default::default(); features.len()];
    let mut levels: Vec<Vec<String>> = vec![Vec::new(); features.len()];
    let mut target = target_at.map(|_| Vec::new());
    let mut lines = Vec::new();
    let mut rejected = Vec::new();
    let mut rows_read = 0u64;
    let mut header = true;
    let mut parsed: Vec<f64> = vec![0.0; features.len()];
    source.each_row(file, |line, r| {
        if header {
            header = false;
            return Ok(());
        }
        rows_read += 1;
        if r.len() != names.len() {
            rejected.push(RowIssue {
                line,
                column: None,
                value: None,
                reason: format!("has {} fields, the header {}", r.len(), names.len()),
            });
            return Ok(());
        }
        let mut bad = false;
        if let Some(t) = target_at {
            match s.target(r[t]) {
                Some(b) => bad = b,
                None => {
                    rejected.push(RowIssue {
                        line,
                        column: Some(names[t].clone()),
                        value: Some(r[t].to_string()),
                        reason: "the target is neither a bad nor a good value".into(),
                    });
                    return Ok(());
                }
            }
        }
        for (k, &i) in features.iter().enumerate() {
            if kinds[k] == FeatureKind::Numeric {
                parsed[k] = if s.is_missing_text(r[i]) {
                    f64::NAN
                } else if let Some(v) = number(r[i]) {
                    v
                } else {
                    rejected.push(RowIssue {
                        line,
                        column: Some(names[i].clone()),
                        value: Some(r[i].to_string()),
                        reason: "not a number in a numeric column".into(),
                    });
                    return Ok(());
                };
            }
        }
        for (k, &i) in features.iter().enumerate() {
            match kinds[k] {
                FeatureKind::Numeric => nums[k].push(parsed[k]),
                FeatureKind::Categorical => {
                    let cell = r[i];
                    let code = if s.is_missing_text(cell) {
                        MISSING
                    } else {
                        let v = cell.trim();
                        match dicts[k].get(v) {
                            Some(&c) => c,
                            None => {
                                let c = levels[k].len() as u32;
                                levels[k].push(v.to_string());
                                dicts[k].insert(v.to_string(), c);
                                c
                            }
                        }
                    };
                    codes[k].push(code);
                }
            }
        }
        if let Some(t) = target.as_mut() {
            t.push(bad);
        }
        lines.push(line);
        Ok(())
    })?;
    let mut table = Table::default();
    for (k, &i) in features.iter().enumerate() {
        let col = match kinds[k] {
            FeatureKind::Numeric => Column::Numeric(std::mem::take(&mut nums[k])),
            FeatureKind::Categorical => Column::Categorical {
                codes: std::mem::take(&mut codes[k]),
                levels: std::mem::take(&mut levels[k]),
            },
        };
        table
            .push(names[i].clone(), col)
            .map_err(|e| read_err(file, e.to_string()))?;
    }
    Ok(ReadTable {
        table,
        target,
        lines,
        rows_read,
        rejected,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_accepted_or_reported() {
        let csv = "id,age,kind,bad\n1,30,a,0\n2,NA,b,1\n3,x,a,0\n4,40,a\n5,50,b,maybe\n6,\"1,200\",c,yes\n";
        let s = ValidSettings::default();
        let mut st = crate::model::scorecard::settings::Settings::defaults();
        st.ignore = vec!["id".into()];
        let s2 = st.check().unwrap();
        let t = read_table(
            "t.csv",
            csv.as_bytes(),
            &ReadOptions {
                settings: &s2,
                target: Some("bad"),
                kinds: [("age".to_string(), FeatureKind::Numeric)].into(),
            },
        )
        .unwrap();
        assert_eq!(t.rows_read, 6);
        assert_eq!(t.table.rows() as u64 + t.rejected.len() as u64, 6);
        assert_eq!(t.table.names, vec!["age", "kind"]);
        assert_eq!(t.target, Some(vec![false, true, true]));
        assert_eq!(t.lines, vec![2, 3, 7]);
        let reasons: Vec<(u64, Option<&str>)> = t
            .rejected
            .iter()
            .map(|r| (r.line, r.column.as_deref()))
            .collect();
        assert_eq!(reasons, vec![(4, Some("age")), (5, None), (6, Some("bad"))]);
        match t.table.column("age").unwrap() {
            Column::Numeric(v) => {
                assert_eq!(v[0], 30.0);
                assert!(v[1].is_nan());
                assert_eq!(v[2], 1200.0);
            }
            c => panic!("{c:?}"),
        }
        // Without a forced kind, a column with a text is categorical.
        let t = read_table(
            "t.csv",
            csv.as_bytes(),
            &ReadOptions {
                settings: &s,
                target: None,
                kinds: BTreeMap::new(),
            },
        )
        .unwrap();
        assert_eq!(
            t.table.column("age").unwrap().kind(),
            FeatureKind::Categorical
        );
        let e = read_table(
            "t.csv",
            csv.as_bytes(),
            &ReadOptions {
                settings: &s,
                target: Some("outcome"),
                kinds: BTreeMap::new(),
            },
        )
        .unwrap_err();
        assert!(e.message.contains("outcome"), "{e}");
    }
}
