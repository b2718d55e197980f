//! Typed access to the fields of one record, with errors that say where.

use super::error::{RowError, RowProblem};
use super::header::Layout;
use super::value::{parse_amount, parse_date_value, AmountError, Unit};
use crate::date::{Date, DateError};
use crate::records::vocab::parse_bool;
use crate::text::halfwidth;
use crate::uscc::Uscc;

/// The fields of one record: `data[ends[i-1]..ends[i]]` is field `i`.
#[derive(Clone, Copy)]
pub struct Fields<'a> {
    /// Field bytes end to end.
    pub data: &'a [u8],
    /// End offset of each field.
    pub ends: &'a [usize],
    /// Bytes between one field's end and the next one's start: 0 when the fields are stored
    /// end to end, 1 when `data` is the record line itself with one delimiter between fields.
    pub sep: usize,
    /// `data` as text when it is valid UTF-8 (checked once for the whole record, so each
    /// field need not be); `None` when some field is not, which that field then reports.
    pub text: Option<&'a str>,
}

impl<'a> Fields<'a> {
    /// The fields of `data` split at `ends`, checking the UTF-8 once.
    pub fn new(data: &'a [u8], ends: &'a [usize]) -> Self {
        Fields {
            data,
            ends,
            sep: 0,
            text: simdutf8::basic::from_utf8(data).ok(),
        }
    }

    /// Number of fields.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Field `i` (empty when out of range).
    pub fn get(&self, i: usize) -> &'a [u8] {
        if i >= self.ends.len() {
            return &[];
        }
        &self.data[self.start(i)..self.ends[i]]
    }

    fn start(&self, i: usize) -> usize {
        if i == 0 {
            0
        } else {
            self.ends[i - 1] + self.sep
        }
    }

    /// Field `i` as text; `None` when it is not valid UTF-8.
    pub fn get_str(&self, i: usize) -> Option<&'a str> {
        if i >= self.ends.len() {
            return Some("");
        }
        let start = self.start(i);
        match self.text {
            // Fields end at delimiters (ASCII), so these offsets are character boundaries.
            Some(t) => t.get(start..self.ends[i]),
            None => std::str::from_utf8(&self.data[start..self.ends[i]]).ok(),
        }
    }

    /// Every field as text (lossy), for error reports.
    pub fn to_strings(self) -> Vec<String> {
        (0..self.len())
            .map(|i| String::from_utf8_lossy(self.get(i)).into_owned())
            .collect()
    }
}

/// `s` without leading and trailing white space (Unicode's, so the ideographic space U+3000
/// too), cheap when there is none.
fn trim(mut s: &str) -> &str {
    loop {
        let Some(&b) = s.as_bytes().first() else {
            return s;
        };
        if b < 0x80 {
            if !(b as char).is_whitespace() {
                break;
            }
            s = &s[1..];
        } else {
            match s.chars().next() {
                Some(c) if c.is_whitespace() => s = &s[c.len_utf8()..],
                _ => break,
            }
        }
    }
    loop {
        let Some(&b) = s.as_bytes().last() else {
            return s;
        };
        if b < 0x80 {
            if !(b as char).is_whitespace() {
                return s;
            }
            s = &s[..s.len() - 1];
        } else {
            match s.chars().next_back() {
                Some(c) if c.is_whitespace() => s = &s[..s.len() - c.len_utf8()],
                _ => return s,
            }
        }
    }
}

/// One record being parsed.
pub(crate) struct Row<'a> {
    pub layout: &'a Layout,
    pub fields: Fields<'a>,
    pub line: u64,
    pub record: u64,
    /// The previous row's USCC text and code: consecutive rows often name the same one.
    pub last_uscc: &'a std::cell::RefCell<(Vec<u8>, Option<Uscc>)>,
    /// The warnings of this row: bit `c` set when documented column `c` held a value that is
    /// not recognised and was read as "other" ([`Row::optional_term`]) or, for 行业代码, is
    /// no GB/T 4754-2017 code or name ([`Row::warn`]); [`REGION_BIT`] when
    /// the USCC's region is unknown to GB/T 2260. Zero for a clean row.
    pub warnings: &'a std::cell::Cell<u64>,
}

/// The bit of [`Row::warnings`] for a USCC whose region (positions 3–8) GB/T 2260 does not
/// know, current or abolished.
pub(crate) const REGION_BIT: u64 = 1 << 63;

impl<'a> Row<'a> {
    /// Builds the error for documented column `col` with `problem`.
    pub fn error(&self, col: Option<usize>, problem: RowProblem) -> Box<RowError> {
        let (column, value) = match col.and_then(|c| self.layout.fields[c]) {
            Some(f) => (
                self.layout.headers.get(f).cloned().unwrap_or_default(),
                String::from_utf8_lossy(self.fields.get(f)).into_owned(),
            ),
            None => (String::new(), String::new()),
        };
        Box::new(RowError {
            file: self.layout.file.clone(),
            sheet: self.layout.sheet.clone(),
            line: self.line,
            record: self.record,
            column,
            value,
            reason: problem.code(),
            message: problem.to_string(),
            message_zh: problem.message_zh(),
            raw: self.fields.to_strings(),
            problem,
        })
    }

    /// The trimmed text of column `col`; empty when the file lacks the column.
    pub fn text(&self, col: usize) -> Result<&'a str, Box<RowError>> {
        let Some(f) = self.layout.fields[col] else {
            return Ok("");
        };
        let s = self
            .fields
            .get_str(f)
            .ok_or_else(|| self.error(Some(col), RowProblem::Encoding))?;
        Ok(trim(s))
    }

    /// Non-empty text of a required column.
    pub fn required(&self, col: usize) -> Result<&'a str, Box<RowError>> {
        let t = self.text(col)?;
        if t.is_empty() {
            return Err(self.error(Some(col), RowProblem::Missing));
        }
        Ok(t)
    }

    /// A required USCC (full-width characters and lower case accepted).
    pub fn uscc(&self, col: usize) -> Result<Uscc, Box<RowError>> {
        let t = self.required(col)?;
        {
            let last = self.last_uscc.borrow();
            if let (true, Some(u)) = (last.0 == t.as_bytes(), last.1) {
                if !crate::records::tables::region_known(&u.as_bytes()[2..8]) {
                    self.warnings.set(self.warnings.get() | REGION_BIT);
                }
                return Ok(u);
            }
        }
        let parsed = if t.is_ascii() {
            Uscc::parse_bytes(t.as_bytes())
        } else {
            Uscc::parse(&halfwidth(t))
        };
        if let Ok(u) = &parsed {
            if !crate::records::tables::region_known(&u.as_bytes()[2..8]) {
                self.warnings.set(self.warnings.get() | REGION_BIT);
            }
        }
        if let Ok(u) = parsed {
            let mut last = self.last_uscc.borrow_mut();
            last.0.clear();
            last.0.extend_from_slice(t.as_bytes());
            last.1 = Some(u);
        }
        parsed.map_err(|e| self.error(Some(col), e.into()))
    }

    /// A required date.
    pub fn date(&self, col: usize) -> Result<Date, Box<RowError>> {
        let t = self.required(col)?;
        parse_date_value(t).map_err(|e| self.date_error(col, e))
    }

    /// An optional date (empty → `None`).
    pub fn opt_date(&self, col: usize) -> Result<Option<Date>, Box<RowError>> {
        let t = self.text(col)?;
        if t.is_empty() {
            return Ok(None);
        }
        parse_date_value(t)
            .map(Some)
            .map_err(|e| self.date_error(col, e))
    }

    fn date_error(&self, col: usize, e: DateError) -> Box<RowError> {
        let problem = match e {
            DateError::Form => RowProblem::Date,
            DateError::Range => RowProblem::DateRange,
        };
        self.error(Some(col), problem)
    }

    /// An optional non-negative amount in `unit`.
    pub fn opt_amount(&self, col: usize, unit: Unit) -> Result<Option<f64>, Box<RowError>> {
        let t = self.text(col)?;
        if t.is_empty() {
            return Ok(None);
        }
        match parse_amount(t, unit) {
            Ok(v) => Ok(Some(v)),
            Err(AmountError::Negative) => {
                Err(self.error(Some(col), RowProblem::Range("must be ≥ 0")))
            }
            Err(AmountError::NotANumber) => Err(self.error(Some(col), RowProblem::Number)),
            Err(AmountError::TooLarge) => Err(self.error(Some(col), RowProblem::AmountRange)),
        }
    }

    /// An optional yes/no value, `default` when empty.
    pub fn flag(&self, col: usize, default: bool) -> Result<bool, Box<RowError>> {
        let t = self.text(col)?;
        if t.is_empty() {
            return Ok(default);
        }
        parse_bool(&halfwidth(t)).ok_or_else(|| self.error(Some(col), RowProblem::Bool))
    }

    /// A term of an optional column's vocabulary: `empty` when the cell is empty; `other`
    /// when the text is not recognised — the row is not rejected for it: the column's bit of
    /// [`Row::warnings`] is set, and the caller keeps the text as written.
    pub fn optional_term<T>(
        &self,
        col: usize,
        parse: fn(&str) -> Option<T>,
        empty: T,
        other: T,
    ) -> Result<T, Box<RowError>> {
        let t = self.text(col)?;
        if t.is_empty() {
            return Ok(empty);
        }
        Ok(match parse(t).or_else(|| parse(&halfwidth(t))) {
            Some(v) => v,
            None => {
                self.warnings.set(self.warnings.get() | 1 << col);
                other
            }
        })
    }

    /// Sets the warning bit of column `col` (a value kept as written that its table does not
    /// know; the row is accepted).
    pub fn warn(&self, col: usize) {
        self.warnings.set(self.warnings.get() | 1 << col);
    }

    /// Whether column `col` was read as "other" in this row.
    pub fn warned(&self, col: usize) -> bool {
        self.warnings.get() & (1 << col) != 0
    }

    /// A term of a vocabulary, `default` when empty (required when `default` is `None`).
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
        parse(t)
            .or_else(|| parse(&halfwidth(t)))
            .ok_or_else(|| self.error(Some(col), RowProblem::Term(accepted())))
    }
}

#[cfg(test)]
mod tests {
    use super::trim;

    #[test]
    fn trim_agrees_with_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a ",
            "\u{3000}径河街道\u{3000}",
            "径河街道",
            "\t1,2\r",
            "\u{a0}x",
            "x\u{2003}",
            "中 文",
            "  \u{3000} ",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }
}
