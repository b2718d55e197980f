//! A fast CSV writer for the generator: one pre-sized buffer, hand-formatted numbers and dates.
//!
//! The generator writes the fields of a row in its own fixed order (`fields`). The header is
//! the kind's documented columns in [`RecordKind::columns`] order; when the two orders agree
//! (the usual case) fields go straight into the output, otherwise a row is assembled in a
//! scratch buffer and emitted in header order, with empty cells for columns the generator
//! does not fill.

use crate::date::Date;
use crate::records::RecordKind;
use chrono::Datelike;

/// `YYYY-MM-DD` texts and years for a range of day numbers (days from the common era).
pub(crate) struct DateTable {
    lo: i32,
    text: Vec<[u8; 10]>,
    year: Vec<i16>,
}

fn date_of(day: i32) -> Date {
    Date::from_num_days_from_ce_opt(day).unwrap_or(Date::MIN)
}

fn format10(d: Date) -> Option<[u8; 10]> {
    let (y, m, dd) = (d.year(), d.month(), d.day());
    if !(0..=9999).contains(&y) {
        return None;
    }
    let y = y as u32;
    Some([
        b'0' + (y / 1000) as u8,
        b'0' + (y / 100 % 10) as u8,
        b'0' + (y / 10 % 10) as u8,
        b'0' + (y % 10) as u8,
        b'-',
        b'0' + (m / 10) as u8,
        b'0' + (m % 10) as u8,
        b'-',
        b'0' + (dd / 10) as u8,
        b'0' + (dd % 10) as u8,
    ])
}

impl DateTable {
    /// A table for the days `lo..=hi` (within the years 0–9999; other days are formatted
    /// on demand).
    pub fn new(lo: i32, hi: i32) -> Self {
        let first = Date::from_ymd_opt(0, 1, 1).map_or(lo, |d| d.num_days_from_ce());
        let last = Date::from_ymd_opt(9999, 12, 31).map_or(hi, |d| d.num_days_from_ce());
        let (lo, hi) = (lo.max(first), hi.min(last));
        let mut text = Vec::with_capacity((hi - lo + 1).max(0) as usize);
        let mut year = Vec::with_capacity(text.capacity());
        for day in lo..=hi {
            let d = date_of(day);
            text.push(format10(d).unwrap_or(*b"0000-01-01"));
            year.push(d.year().clamp(i16::MIN as i32, i16::MAX as i32) as i16);
        }
        DateTable { lo, text, year }
    }

    #[inline]
    fn index(&self, day: i32) -> Option<usize> {
        let k = day.wrapping_sub(self.lo);
        (k >= 0 && (k as usize) < self.text.len()).then_some(k as usize)
    }

    /// The month (1–12) of a day.
    #[inline]
    pub fn month(&self, day: i32) -> u32 {
        match self.index(day) {
            Some(k) => {
                let t = &self.text[k];
                ((t[5] - b'0') * 10 + (t[6] - b'0')) as u32
            }
            None => date_of(day).month(),
        }
    }

    /// The year of a day.
    #[inline]
    pub fn year(&self, day: i32) -> i32 {
        match self.index(day) {
            Some(k) => self.year[k] as i32,
            None => date_of(day).year(),
        }
    }
}

/// The output of one kind.
pub(crate) struct Writer {
    buf: Vec<u8>,
    scratch: Vec<u8>,
    ends: Vec<usize>,
    /// For each header column, the generator field that fills it.
    map: Vec<Option<usize>>,
    direct: bool,
    nfield: usize,
    ncols: usize,
}

/// Whether a text needs RFC 4180 quoting.
#[inline]
fn needs_quotes(b: &[u8]) -> bool {
    b.iter().any(|&c| matches!(c, b',' | b'"' | b'\n' | b'\r'))
}

impl Writer {
    /// A writer whose rows hold `fields` (column keys, in the order the generator writes
    /// them), with the header of `kind` written and `capacity` bytes reserved.
    #[cfg(test)]
    pub fn new(kind: RecordKind, fields: &[&str], capacity: usize) -> Self {
        Self::reusing(kind, fields, capacity, Vec::new())
    }

    /// Like [`Writer::new`], writing into `buf` (cleared; its allocation is reused).
    pub fn reusing(kind: RecordKind, fields: &[&str], capacity: usize, mut buf: Vec<u8>) -> Self {
        buf.clear();
        buf.reserve(capacity);
        let cols = kind.columns();
        let map: Vec<Option<usize>> = cols
            .iter()
            .map(|c| fields.iter().position(|f| *f == c.key))
            .collect();
        let direct =
            map.len() == fields.len() && map.iter().enumerate().all(|(i, m)| *m == Some(i));
        let mut w = Writer {
            buf,
            scratch: Vec::new(),
            ends: Vec::with_capacity(fields.len()),
            map,
            direct,
            nfield: 0,
            ncols: cols.len(),
        };
        for (i, c) in cols.iter().enumerate() {
            if i > 0 {
                w.buf.push(b',');
            }
            w.push_text_raw(c.zh.as_bytes(), true);
        }
        w.buf.push(b'\n');
        w
    }

    /// Reserves room for `n` more bytes.
    pub fn reserve(&mut self, n: usize) {
        self.buf.reserve(n);
    }

    /// The finished output.
    pub fn finish(self) -> Vec<u8> {
        self.buf
    }

    #[inline]
    fn out(&mut self) -> &mut Vec<u8> {
        if self.direct {
            &mut self.buf
        } else {
            &mut self.scratch
        }
    }

    /// Starts a field.
    #[inline]
    pub fn begin(&mut self) {
        if self.direct && self.nfield > 0 {
            self.buf.push(b',');
        }
    }

    /// Ends a field.
    #[inline]
    pub fn end(&mut self) {
        if !self.direct {
            self.ends.push(self.scratch.len());
        }
        self.nfield += 1;
    }

    /// Appends bytes to the current field (no quoting: the caller's text is known plain).
    #[inline]
    pub fn push(&mut self, b: &[u8]) {
        self.out().extend_from_slice(b);
    }

    /// Appends a text to the current field (no quoting: pool words are known plain).
    #[inline]
    pub fn push_str(&mut self, s: &str) {
        self.push(s.as_bytes());
    }

    /// The length of the current output, to mark a field's start.
    #[inline]
    pub fn mark(&mut self) -> usize {
        self.out().len()
    }

    /// The bytes written since `mark`.
    #[inline]
    pub fn since(&mut self, mark: usize) -> &[u8] {
        &self.out()[mark..]
    }

    /// Drops what was written since `mark`.
    #[inline]
    pub fn truncate(&mut self, mark: usize) {
        self.out().truncate(mark);
    }

    fn push_text_raw(&mut self, b: &[u8], to_buf: bool) {
        let out = if to_buf { &mut self.buf } else { self.out() };
        if needs_quotes(b) {
            out.push(b'"');
            for &c in b {
                if c == b'"' {
                    out.push(b'"');
                }
                out.push(c);
            }
            out.push(b'"');
        } else {
            out.extend_from_slice(b);
        }
    }

    /// Appends a decimal number.
    #[inline]
    pub fn push_u64(&mut self, mut n: u64) {
        let mut tmp = [0u8; 20];
        let mut i = tmp.len();
        loop {
            i -= 1;
            tmp[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.push(&tmp[i..]);
    }

    /// Appends a decimal number padded with zeros to `width` digits.
    #[inline]
    pub fn push_padded(&mut self, n: u64, width: usize) {
        let mut tmp = [b'0'; 20];
        let mut i = tmp.len();
        let mut v = n;
        loop {
            i -= 1;
            tmp[i] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        let start = i.min(tmp.len() - width.min(tmp.len()));
        self.push(&tmp[start..]);
    }

    /// Appends a date as `YYYY-MM-DD`.
    #[inline]
    pub fn push_date(&mut self, dates: &DateTable, day: i32) {
        match dates.index(day) {
            Some(k) => {
                let t = dates.text[k];
                self.push(&t);
            }
            None => {
                let t = crate::date::format_date(date_of(day));
                self.push(t.as_bytes());
            }
        }
    }

    /// A whole field of plain text (quoted if it needs it).
    #[inline]
    pub fn text(&mut self, s: &str) {
        self.begin();
        self.push_text_raw(s.as_bytes(), false);
        self.end();
    }

    /// A whole field holding a number.
    #[inline]
    pub fn num(&mut self, n: u64) {
        self.begin();
        self.push_u64(n);
        self.end();
    }

    /// A whole field holding a date.
    #[inline]
    pub fn date(&mut self, dates: &DateTable, day: i32) {
        self.begin();
        self.push_date(dates, day);
        self.end();
    }

    /// A whole field holding a date, or empty.
    #[inline]
    pub fn opt_date(&mut self, dates: &DateTable, day: Option<i32>) {
        self.begin();
        if let Some(d) = day {
            self.push_date(dates, d);
        }
        self.end();
    }

    /// A whole field holding 是 or 否.
    #[inline]
    pub fn yes_no(&mut self, b: bool) {
        self.text(if b { "是" } else { "否" });
    }

    /// Ends a row.
    #[inline]
    pub fn end_row(&mut self) {
        if self.direct {
            debug_assert_eq!(self.nfield, self.ncols);
            self.buf.push(b'\n');
        } else {
            for (c, m) in self.map.iter().enumerate() {
                if c > 0 {
                    self.buf.push(b',');
                }
                if let Some(f) = *m {
                    if f < self.ends.len() {
                        let a = if f == 0 { 0 } else { self.ends[f - 1] };
                        self.buf.extend_from_slice(&self.scratch[a..self.ends[f]]);
                    }
                }
            }
            self.buf.push(b'\n');
            self.scratch.clear();
            self.ends.clear();
        }
        self.nfield = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_table_matches_chrono() {
        let d0 = Date::from_ymd_opt(2019, 12, 25).unwrap().num_days_from_ce();
        let t = DateTable::new(d0 - 1000, d0 + 1000);
        let mut w = Writer::new(RecordKind::AnnualReport, &["uscc", "year", "filed"], 0);
        w.truncate(0);
        for day in (d0 - 1200..d0 + 1200).step_by(7) {
            let m = w.mark();
            w.push_date(&t, day);
            let got = String::from_utf8(w.since(m).to_vec()).unwrap();
            assert_eq!(got, crate::date::format_date(date_of(day)));
            assert_eq!(t.year(day), date_of(day).year());
        }
    }

    #[test]
    fn quoting_and_reordering() {
        // Fields written in another order than the header: reassembled in header order.
        let mut w = Writer::new(RecordKind::AnnualReport, &["filed", "uscc", "bogus"], 0);
        w.text("a,b");
        w.text("X\"Y");
        w.num(7);
        w.end_row();
        let s = String::from_utf8(w.finish()).unwrap();
        assert_eq!(
            s,
            "统一社会信用代码,年报年度,报送日期\n\"X\"\"Y\",,\"a,b\"\n"
        );
    }

    #[test]
    fn numbers() {
        let mut w = Writer::new(RecordKind::AnnualReport, &["uscc", "year", "filed"], 0);
        w.truncate(0);
        w.push_u64(0);
        w.push(b" ");
        w.push_u64(1234567890);
        w.push(b" ");
        w.push_padded(42, 5);
        w.push(b" ");
        w.push_padded(123456, 3);
        assert_eq!(w.finish(), b"0 1234567890 00042 123456");
    }
}
