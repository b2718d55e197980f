//! Every rejected row of a file, kept compactly so that it can be written out to fix and load
//! again: its fields as read (one copy of their bytes), its line, and an index into the
//! file's few distinct reasons — not a [`RowError`] with two messages each. The report keeps
//! only the first rows' full errors ([`super::LoadOptions::max_errors`]) and counts of the
//! rest by reason and by column.
//!
//! The rejected-rows CSV ([`super::FileReport::write_rejected_csv`]) is written from here as
//! a stream. Its text cells are made formula-safe ([`escape_cell`]) and read back exactly
//! when the file is loaded again ([`unescape_cell`]): a file whose last header is
//! [`REJECTED_HEADER`] is one the toolkit wrote.

use super::error::{RowError, RowProblem};
use super::row::Fields;
use crate::text::formula_safe;
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// The header of the reason column the toolkit adds to a rejected-rows CSV; a file whose last
/// header is this one had its cells escaped by [`escape_cell`], and they are unescaped when
/// it is loaded.
pub const REJECTED_HEADER: &str = "错误原因 error";

/// Whether a spreadsheet would take `s` for a formula ([`formula_safe`] would change it).
fn formula_like(s: &str) -> bool {
    matches!(formula_safe(s), Cow::Owned(_))
}

/// A text cell made formula-safe, reversibly: a leading `'` is added when the text, after any
/// leading `'`s, would be taken for a formula (so `=1` → `'=1`, `'=1` → `''=1`). Other texts
/// are borrowed. [`unescape_cell`] undoes it exactly.
pub fn escape_cell(s: &str) -> Cow<'_, str> {
    if formula_like(s.trim_start_matches('\'')) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// The text [`escape_cell`] was given.
pub fn unescape_cell(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if formula_like(rest.trim_start_matches('\'')) => rest,
        _ => s,
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Row {
    line: u64,
    record: u64,
    /// End of the row's fields in `ends`.
    fields_end: usize,
    /// End of the row's value in `values`.
    value_end: usize,
    /// Index into `messages`.
    message: u32,
    /// Index into `columns` (`u32::MAX`: a problem of the whole row).
    column: u32,
}

/// The rejected rows of one file (or sheet).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RejectedRows {
    /// The fields of every row, end to end.
    data: Vec<u8>,
    /// End of each field in `data`.
    ends: Vec<usize>,
    /// The offending value of every row, end to end.
    values: String,
    rows: Vec<Row>,
    /// Distinct (problem, message, message in Chinese).
    messages: Vec<(RowProblem, String, String)>,
    message_index: FxHashMap<String, u32>,
    /// Distinct column headers named by errors.
    columns: Vec<String>,
}

impl RejectedRows {
    /// Number of rows held.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether no row is held.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Bytes held (for tests and reports).
    pub fn heap_bytes(&self) -> usize {
        self.data.capacity()
            + self.ends.capacity() * std::mem::size_of::<usize>()
            + self.values.capacity()
            + self.rows.capacity() * std::mem::size_of::<Row>()
            + self
                .messages
                .iter()
                .map(|m| 2 * (m.1.len() + m.2.len()))
                .sum::<usize>()
    }

    /// Keeps the row `fields` that `e` rejected.
    pub(crate) fn push(&mut self, e: &RowError, fields: &Fields) {
        for i in 0..fields.len() {
            self.data.extend_from_slice(fields.get(i));
            self.ends.push(self.data.len());
        }
        self.values.push_str(&e.value);
        let message = match self.message_index.get(&e.message) {
            Some(&m) => m,
            None => {
                let m = self.messages.len() as u32;
                self.messages
                    .push((e.problem.clone(), e.message.clone(), e.message_zh.clone()));
                self.message_index.insert(e.message.clone(), m);
                m
            }
        };
        let column = if e.column.is_empty() {
            u32::MAX
        } else {
            match self.columns.iter().position(|c| *c == e.column) {
                Some(c) => c as u32,
                None => {
                    self.columns.push(e.column.clone());
                    self.columns.len() as u32 - 1
                }
            }
        };
        self.rows.push(Row {
            line: e.line,
            record: e.record,
            fields_end: self.ends.len(),
            value_end: self.values.len(),
            message,
            column,
        });
    }

    /// Puts the rows in line order (stable: rows of one line keep their order). Rows are
    /// kept in the order rejected, which is line order but for rows rejected only when their
    /// records went into the store (a repeated roster id).
    pub(crate) fn sort_by_line(&mut self) {
        if self.rows.windows(2).all(|w| w[0].line <= w[1].line) {
            return;
        }
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        order.sort_by_key(|&i| self.rows[i].line);
        let mut data = Vec::with_capacity(self.data.len());
        let mut ends = Vec::with_capacity(self.ends.len());
        let mut values = String::with_capacity(self.values.len());
        let mut rows = Vec::with_capacity(self.rows.len());
        for i in order {
            let r = self.rows[i];
            let (f0, v0) = if i == 0 {
                (0, 0)
            } else {
                (self.rows[i - 1].fields_end, self.rows[i - 1].value_end)
            };
            for k in f0..r.fields_end {
                let start = if k == 0 { 0 } else { self.ends[k - 1] };
                data.extend_from_slice(&self.data[start..self.ends[k]]);
                ends.push(data.len());
            }
            values.push_str(&self.values[v0..r.value_end]);
            rows.push(Row {
                fields_end: ends.len(),
                value_end: values.len(),
                ..r
            });
        }
        (self.data, self.ends, self.values, self.rows) = (data, ends, values, rows);
    }

    /// Row `i`: its fields as read (lossy text) and its error (file and sheet from `file`,
    /// `sheet`).
    pub(crate) fn get(&self, i: usize, file: &str, sheet: Option<&str>) -> (Vec<String>, RowError) {
        let r = self.rows[i];
        let (f0, v0) = if i == 0 {
            (0, 0)
        } else {
            (self.rows[i - 1].fields_end, self.rows[i - 1].value_end)
        };
        let raw: Vec<String> = (f0..r.fields_end)
            .map(|k| {
                let start = if k == 0 { 0 } else { self.ends[k - 1] };
                String::from_utf8_lossy(&self.data[start..self.ends[k]]).into_owned()
            })
            .collect();
        let (problem, message, message_zh) = &self.messages[r.message as usize];
        let e = RowError {
            file: file.to_string(),
            sheet: sheet.map(str::to_string),
            line: r.line,
            record: r.record,
            column: self
                .columns
                .get(r.column as usize)
                .cloned()
                .unwrap_or_default(),
            value: self.values[v0..r.value_end].to_string(),
            reason: problem.code(),
            message: message.clone(),
            message_zh: message_zh.clone(),
            raw: Vec::new(),
            problem: problem.clone(),
        };
        (raw, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_is_formula_safe_and_reversible() {
        for s in [
            "=1+1",
            "+86",
            "-3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "＝x",
            "'=1",
            "''=1",
            "'",
            "''",
            "'a",
            "a",
            "",
            "东西湖区",
            "=",
        ] {
            let e = escape_cell(s);
            assert!(!formula_like(&e), "{s:?} → {e:?} would be a formula");
            assert_eq!(unescape_cell(&e), s, "{s:?} → {e:?}");
        }
        assert_eq!(escape_cell("=1"), "'=1");
        assert_eq!(escape_cell("'=1"), "''=1");
        assert_eq!(escape_cell("'a"), "'a");
    }
}
