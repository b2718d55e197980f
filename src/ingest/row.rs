//! Typed access to the fields of one CSV row, with errors that say where.

use super::error::{RowError, RowProblem};
use crate::date::{parse_date, Date};
use crate::records::vocab::parse_bool;
use crate::uscc::Uscc;
use csv::ByteRecord;

/// Where a file's columns are: for each documented column of the kind (by its position in
/// [`crate::records::RecordKind::columns`]), the field index in the file, if present.
pub(crate) struct Layout<'a> {
    pub file: &'a str,
    pub headers: &'a [String],
    pub fields: Vec<Option<usize>>,
}

/// One row being parsed.
pub(crate) struct Row<'a> {
    pub layout: &'a Layout<'a>,
    pub rec: &'a ByteRecord,
    pub line: u64,
    pub record: u64,
}

impl<'a> Row<'a> {
    /// Builds the error for column `col` (documented position) with `problem`.
    pub fn error(&self, col: Option<usize>, problem: RowProblem) -> Box<RowError> {
        let (column, value) = match col.and_then(|c| self.layout.fields[c]) {
            Some(f) => (
                self.layout.headers[f].clone(),
                String::from_utf8_lossy(self.rec.get(f).unwrap_or_default()).into_owned(),
            ),
            None => (String::new(), String::new()),
        };
        Box::new(RowError {
            file: self.layout.file.to_string(),
            line: self.line,
            record: self.record,
            column,
            value,
            reason: problem.code(),
            message: problem.to_string(),
            message_zh: problem.message_zh(),
            problem,
        })
    }

    /// The trimmed text of column `col`; empty when the file lacks the column.
    pub fn text(&self, col: usize) -> Result<&'a str, Box<RowError>> {
        let Some(f) = self.layout.fields[col] else {
            return Ok("");
        };
        let bytes = self.rec.get(f).unwrap_or_default();
        std::str::from_utf8(bytes)
            .map(str::trim)
            .map_err(|_| self.error(Some(col), RowProblem::Encoding))
    }

    /// Non-empty text of a required column.
    pub fn required(&self, col: usize) -> Result<&'a str, Box<RowError>> {
        let t = self.text(col)?;
        if t.is_empty() {
            return Err(self.error(Some(col), RowProblem::Missing));
        }
        Ok(t)
    }

    /// A required USCC.
    pub fn uscc(&self, col: usize) -> Result<Uscc, Box<RowError>> {
        let t = self.required(col)?;
        Uscc::parse(t).map_err(|e| self.error(Some(col), e.into()))
    }

    /// A required date.
    pub fn date(&self, col: usize) -> Result<Date, Box<RowError>> {
        let t = self.required(col)?;
        parse_date(t).ok_or_else(|| self.error(Some(col), RowProblem::Date))
    }

    /// An optional date (empty → `None`).
    pub fn opt_date(&self, col: usize) -> Result<Option<Date>, Box<RowError>> {
        let t = self.text(col)?;
        if t.is_empty() {
            return Ok(None);
        }
        parse_date(t)
            .map(Some)
            .ok_or_else(|| self.error(Some(col), RowProblem::Date))
    }

    /// An optional non-negative amount; accepts `1,234.5`, `¥1234`, `1234元`.
    pub fn opt_amount(&self, col: usize) -> Result<Option<f64>, Box<RowError>> {
        let t = self.text(col)?;
        if t.is_empty() {
            return Ok(None);
        }
        let cleaned: String = t
            .trim_start_matches(['¥', '￥'])
            .trim_end_matches('元')
            .chars()
            .filter(|c| *c != ',' && !c.is_whitespace())
            .collect();
        match cleaned.parse::<f64>() {
            Ok(v) if v.is_finite() && v >= 0.0 => Ok(Some(v)),
            Ok(_) => Err(self.error(Some(col), RowProblem::Range("must be ≥ 0"))),
            Err(_) => Err(self.error(Some(col), RowProblem::Number)),
        }
    }

    /// An optional yes/no value, `default` when empty.
    pub fn flag(&self, col: usize, default: bool) -> Result<bool, Box<RowError>> {
        let t = self.text(col)?;
        if t.is_empty() {
            return Ok(default);
        }
        parse_bool(t).ok_or_else(|| self.error(Some(col), RowProblem::Bool))
    }

    /// A term of a vocabulary, `default` when empty (or required when `default` is `None`).
    pub fn term<T>(
        &self,
        col: usize,
        parse: fn(&str) -> Option<T>,
        accepted: fn() -> String,
        default: Option<T>,
    ) -> Result<T, Box<RowError>> {
        let t = self.text(col)?;
        if t.is_empty() {
            return default.ok_or_else(|| self.error(Some(col), RowProblem::Missing));
        }
        parse(t).ok_or_else(|| self.error(Some(col), RowProblem::Term(accepted())))
    }
}
