//! The records of an old Excel workbook stream (BIFF8, Excel 97–2003; BIFF5, Excel 5/95): the
//! sheets, the shared strings, which cell formats are dates, and each sheet's cell values.
//!
//! Only what a table needs is read: text (shared strings, labels, a formula's text result),
//! numbers (numbers, RK and MULRK, a formula's cached result), yes/no and error values. Every
//! length and offset is checked against the record it is in: a short record, a string
//! running past its record, a sheet offset past the stream, is an error or skipped, never a
//! panic.

use encoding_rs::Encoding;
use std::borrow::Cow;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn f64_at(b: &[u8], at: usize) -> Option<f64> {
    Some(f64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const CONTINUE: u16 = 0x003C;

/// The records of a stream from an offset: (type, data, the data of the CONTINUE records
/// after it).
struct Records<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<(u16, &'a [u8], Vec<&'a [u8]>), String>;

    fn next(&mut self) -> Option<Self::Item> {
        let one = |rest: &'a [u8]| -> Result<(u16, &'a [u8], &'a [u8]), String> {
            let typ = u16_at(rest, 0).ok_or("a record cut short")?;
            let len = usize::from(u16_at(rest, 2).ok_or("a record cut short")?);
            let data = rest
                .get(4..4 + len)
                .ok_or("a record runs past the end of the stream")?;
            Ok((typ, data, &rest[4 + len..]))
        };
        if self.rest.is_empty() {
            return None;
        }
        let (typ, data, mut rest) = match one(self.rest) {
            Ok(x) => x,
            Err(e) => {
                self.rest = &[];
                return Some(Err(e));
            }
        };
        let mut cont = Vec::new();
        while u16_at(rest, 0) == Some(CONTINUE) {
            match one(rest) {
                Ok((_, d, r)) => {
                    cont.push(d);
                    rest = r;
                }
                Err(e) => {
                    self.rest = &[];
                    return Some(Err(e));
                }
            }
        }
        self.rest = rest;
        Some(Ok((typ, data, cont)))
    }
}

/// Bytes spread over a record and its CONTINUE records, read in order.
struct Pieces<'a> {
    cur: &'a [u8],
    next: std::slice::Iter<'a, &'a [u8]>,
}

impl<'a> Pieces<'a> {
    fn new(first: &'a [u8], cont: &'a [&'a [u8]]) -> Self {
        Pieces {
            cur: first,
            next: cont.iter(),
        }
    }

    fn at_end(&mut self) -> bool {
        while self.cur.is_empty() {
            match self.next.next() {
                Some(n) => self.cur = n,
                None => return true,
            }
        }
        false
    }

    fn byte(&mut self) -> Option<u8> {
        if self.at_end() {
            return None;
        }
        let b = self.cur[0];
        self.cur = &self.cur[1..];
        Some(b)
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes([self.byte()?, self.byte()?]))
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes([
            self.byte()?,
            self.byte()?,
            self.byte()?,
            self.byte()?,
        ]))
    }

    fn skip(&mut self, mut n: usize) -> Option<()> {
        while n > 0 {
            if self.at_end() {
                return None;
            }
            let k = n.min(self.cur.len());
            self.cur = &self.cur[k..];
            n -= k;
        }
        Some(())
    }

    /// `cch` characters of a BIFF8 string whose flags byte was `flags`: one byte each
    /// (Latin-1) or two (UTF-16LE); a string continued in the next record starts there with a
    /// flags byte of its own.
    fn chars(&mut self, mut cch: usize, mut flags: u8, out: &mut String) -> Option<()> {
        let mut units: Vec<u16> = Vec::new();
        while cch > 0 {
            if self.cur.is_empty() {
                self.cur = self.next.next()?;
                flags = *self.cur.first()?;
                self.cur = &self.cur[1..];
                continue;
            }
            if flags & 1 == 0 {
                let k = cch.min(self.cur.len());
                units.extend(self.cur[..k].iter().map(|&b| u16::from(b)));
                self.cur = &self.cur[k..];
                cch -= k;
            } else {
                let k = cch.min(self.cur.len() / 2);
                if k == 0 {
                    // Half a character before the record's end.
                    return None;
                }
                units.extend(
                    self.cur[..2 * k]
                        .chunks_exact(2)
                        .map(|c| u16::from_le_bytes([c[0], c[1]])),
                );
                self.cur = &self.cur[2 * k..];
                cch -= k;
            }
        }
        out.extend(char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')));
        Some(())
    }
}

/// One cell value.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value<'a> {
    Text(Cow<'a, str>),
    /// A number, and whether its format is a date.
    Number(f64, bool),
    Bool(bool),
    /// An error code (`#N/A`…).
    Error(u8),
}

/// A workbook stream read as far as its sheets.
pub(super) struct Book<'a> {
    stream: &'a [u8],
    biff8: bool,
    encoding: &'static Encoding,
    /// Dates count from 1904-01-01 (a Mac workbook).
    pub date1904: bool,
    sst: Vec<String>,
    /// For each cell format (XF), whether its number format is a date.
    xf_date: Vec<bool>,
    /// The worksheets: name and the offset of their records.
    pub sheets: Vec<(String, usize)>,
}

/// The encoding of an 8-bit string in a BIFF5 workbook (its CODEPAGE record).
fn codepage(cp: u16) -> &'static Encoding {
    match cp {
        936 => encoding_rs::GBK,
        950 => encoding_rs::BIG5,
        932 => encoding_rs::SHIFT_JIS,
        949 => encoding_rs::EUC_KR,
        874 => encoding_rs::WINDOWS_874,
        1250 => encoding_rs::WINDOWS_1250,
        1251 => encoding_rs::WINDOWS_1251,
        1253 => encoding_rs::WINDOWS_1253,
        1254 => encoding_rs::WINDOWS_1254,
        1255 => encoding_rs::WINDOWS_1255,
        1256 => encoding_rs::WINDOWS_1256,
        1257 => encoding_rs::WINDOWS_1257,
        1258 => encoding_rs::WINDOWS_1258,
        10000 => encoding_rs::MACINTOSH,
        65001 => encoding_rs::UTF_8,
        _ => encoding_rs::WINDOWS_1252,
    }
}

/// Whether a number format code shows a date: a year or day part outside quoted text,
/// escapes and brackets (`yyyy-mm-dd`, `yyyy"年"m"月"d"日"`, `[$-804]d/m/yy`).
fn is_date_format(code: &str) -> bool {
    let mut quoted = false;
    let mut bracket = false;
    let mut escape = false;
    for c in code.chars() {
        match c {
            _ if escape => escape = false,
            '"' => quoted = !quoted,
            _ if quoted => {}
            '\\' => escape = true,
            '[' => bracket = true,
            ']' => bracket = false,
            _ if bracket => {}
            // Only the first section (positive numbers) counts.
            ';' => return false,
            'y' | 'Y' | 'd' | 'D' | 'e' | 'E' => return true,
            _ => {}
        }
    }
    false
}

/// Whether a built-in number format is a date (Excel's, with the Chinese locale's 27–36 and
/// 50–58).
fn builtin_date(ifmt: u16) -> bool {
    matches!(ifmt, 14..=17 | 22 | 27..=36 | 50..=58)
}

impl<'a> Book<'a> {
    /// Reads the workbook globals: version, code page, date system, formats, shared strings
    /// and sheets.
    pub fn new(stream: &'a [u8]) -> Result<Self, String> {
        let mut book = Book {
            stream,
            biff8: true,
            encoding: encoding_rs::WINDOWS_1252,
            date1904: false,
            sst: Vec::new(),
            xf_date: Vec::new(),
            sheets: Vec::new(),
        };
        let mut records = Records { rest: stream };
        match records.next() {
            Some(Ok((BOF, data, _))) => match u16_at(data, 0) {
                Some(0x0600) => {}
                Some(0x0500) => book.biff8 = false,
                v => {
                    return Err(format!(
                        "an Excel version this reader does not know (BIFF {v:04x?}): \
                         save it as .xlsx"
                    ))
                }
            },
            Some(Err(e)) => return Err(e),
            _ => return Err("the workbook stream does not start with a BOF record".into()),
        }
        let mut date_formats: Vec<u16> = Vec::new();
        let mut xf_formats: Vec<u16> = Vec::new();
        for r in records {
            let (typ, data, cont) = r?;
            match typ {
                EOF => break,
                // FILEPASS: encrypted.
                0x002F => return Err("the workbook is password-protected".into()),
                // CODEPAGE
                0x0042 => book.encoding = codepage(u16_at(data, 0).unwrap_or(1252)),
                // DATEMODE
                0x0022 => book.date1904 = u16_at(data, 0) == Some(1),
                // FORMAT
                0x041E => {
                    let Some(ifmt) = u16_at(data, 0) else {
                        continue;
                    };
                    let code = if book.biff8 {
                        let mut p = Pieces::new(&data[2..], &cont);
                        let mut s = String::new();
                        match (p.u16(), p.byte()) {
                            (Some(cch), Some(flags)) => {
                                let _ = p.chars(usize::from(cch), flags, &mut s);
                            }
                            _ => continue,
                        }
                        s
                    } else {
                        book.byte_string(data.get(2..).unwrap_or_default(), 1)
                    };
                    if is_date_format(&code) {
                        date_formats.push(ifmt);
                    }
                }
                // XF: its number format.
                0x00E0 => xf_formats.push(u16_at(data, 2).unwrap_or(0)),
                // BOUNDSHEET: worksheets only (not charts, macro or VB sheets).
                0x0085 => {
                    let (Some(pos), Some(&kind)) = (u32_at(data, 0), data.get(5)) else {
                        continue;
                    };
                    if kind != 0 {
                        continue;
                    }
                    let name = book.short_string(data.get(6..).unwrap_or_default());
                    book.sheets.push((name, pos as usize));
                }
                // SST
                0x00FC => book.sst = read_sst(data, &cont)?,
                _ => {}
            }
        }
        book.xf_date = xf_formats
            .iter()
            .map(|f| builtin_date(*f) || date_formats.contains(f))
            .collect();
        Ok(book)
    }

    /// An 8-bit string whose length takes `len_bytes` bytes (BIFF5), in the code page.
    fn byte_string(&self, b: &[u8], len_bytes: usize) -> String {
        let cch = match len_bytes {
            1 => b.first().map(|&n| usize::from(n)),
            _ => u16_at(b, 0).map(usize::from),
        }
        .unwrap_or(0);
        let body = b.get(len_bytes..).unwrap_or_default();
        let body = &body[..cch.min(body.len())];
        self.encoding
            .decode_without_bom_handling(body)
            .0
            .into_owned()
    }

    /// A sheet name: BIFF8's length byte, flags byte and characters; BIFF5's length byte
    /// and bytes.
    fn short_string(&self, b: &[u8]) -> String {
        if !self.biff8 {
            return self.byte_string(b, 1);
        }
        let mut s = String::new();
        if let (Some(&cch), Some(&flags)) = (b.first(), b.get(1)) {
            let _ = Pieces::new(&b[2..], &[]).chars(usize::from(cch), flags, &mut s);
        }
        s
    }

    /// A cell's text (LABEL, RSTRING, STRING): BIFF8's 16-bit length, flags and characters
    /// (continued in the records after it); BIFF5's 16-bit length and bytes.
    fn string(&self, b: &'a [u8], cont: &[&'a [u8]]) -> Option<String> {
        if !self.biff8 {
            return Some(self.byte_string(b, 2));
        }
        let mut p = Pieces::new(b, cont);
        let cch = p.u16()?;
        let flags = p.byte()?;
        let mut s = String::new();
        p.chars(usize::from(cch), flags, &mut s)?;
        Some(s)
    }

    /// The length of the workbook stream.
    pub fn stream_len(&self) -> usize {
        self.stream.len()
    }

    fn is_date(&self, xf: Option<u16>) -> bool {
        xf.and_then(|x| self.xf_date.get(usize::from(x)).copied())
            .unwrap_or(false)
    }

    /// Every cell value of sheet `i`, in file order: `f(row, col, value)` (0-based). A record
    /// cut short is skipped; a stream that ends inside the sheet is an error. Returns the
    /// bytes of the stream the sheet took (sheets do not overlap: the caller bounds the sum).
    pub fn cells<E: From<String>>(
        &self,
        i: usize,
        f: &mut dyn FnMut(u32, u32, Value<'_>) -> Result<(), E>,
    ) -> Result<usize, E> {
        let Some(&(_, pos)) = self.sheets.get(i) else {
            return Ok(0);
        };
        let rest = self
            .stream
            .get(pos..)
            .ok_or_else(|| E::from("a sheet lies past the end of the workbook stream".into()))?;
        let mut records = Records { rest };
        match records.next() {
            Some(Ok((BOF, _, _))) => {}
            _ => return Err(E::from("a sheet does not start with a BOF record".into())),
        }
        // A BOF inside the sheet opens a substream (an embedded chart) until its EOF.
        let mut depth = 0usize;
        let mut pending_formula: Option<(u32, u32)> = None;
        for r in records.by_ref() {
            let (typ, data, cont) = r.map_err(E::from)?;
            if depth > 0 {
                match typ {
                    BOF => depth += 1,
                    EOF => depth -= 1,
                    _ => {}
                }
                continue;
            }
            let pos = || Some((u32::from(u16_at(data, 0)?), u32::from(u16_at(data, 2)?)));
            let xf = u16_at(data, 4);
            match typ {
                BOF => depth += 1,
                EOF => return Ok(rest.len() - records.rest.len()),
                // LABELSST
                0x00FD => {
                    if let (Some((r, c)), Some(s)) = (
                        pos(),
                        u32_at(data, 6).and_then(|i| self.sst.get(i as usize)),
                    ) {
                        f(r, c, Value::Text(Cow::Borrowed(s)))?;
                    }
                }
                // LABEL, RSTRING
                0x0204 | 0x00D6 => {
                    if let (Some((r, c)), Some(s)) =
                        (pos(), self.string(data.get(6..).unwrap_or_default(), &cont))
                    {
                        f(r, c, Value::Text(Cow::Owned(s)))?;
                    }
                }
                // NUMBER
                0x0203 => {
                    if let (Some((r, c)), Some(v)) = (pos(), f64_at(data, 6)) {
                        f(r, c, Value::Number(v, self.is_date(xf)))?;
                    }
                }
                // RK
                0x027E => {
                    if let (Some((r, c)), Some(rk)) = (pos(), u32_at(data, 6)) {
                        f(r, c, Value::Number(rk_value(rk), self.is_date(xf)))?;
                    }
                }
                // MULRK: row, first column, (XF, RK) per column, last column.
                0x00BD => {
                    let (Some(row), Some(first)) = (u16_at(data, 0), u16_at(data, 2)) else {
                        continue;
                    };
                    let body = data
                        .get(4..data.len().saturating_sub(2))
                        .unwrap_or_default();
                    for (k, x) in body.chunks_exact(6).enumerate() {
                        let xf = u16_at(x, 0);
                        let rk = u32_at(x, 2).unwrap_or(0);
                        let col = u32::from(first) + k as u32;
                        f(
                            u32::from(row),
                            col,
                            Value::Number(rk_value(rk), self.is_date(xf)),
                        )?;
                    }
                }
                // BOOLERR
                0x0205 => {
                    if let (Some((r, c)), Some(&v), Some(&is_err)) =
                        (pos(), data.get(6), data.get(7))
                    {
                        let v = if is_err == 0 {
                            Value::Bool(v != 0)
                        } else {
                            Value::Error(v)
                        };
                        f(r, c, v)?;
                    }
                }
                // FORMULA: its cached result; a text result follows in a STRING record.
                0x0006 => {
                    let (Some((r, c)), Some(res)) = (pos(), data.get(6..14)) else {
                        continue;
                    };
                    if res[6..8] == [0xFF, 0xFF] {
                        match res[0] {
                            0 => pending_formula = Some((r, c)),
                            1 => f(r, c, Value::Bool(res[2] != 0))?,
                            2 => f(r, c, Value::Error(res[2]))?,
                            _ => {}
                        }
                    } else if let Some(v) = f64_at(res, 0) {
                        f(r, c, Value::Number(v, self.is_date(xf)))?;
                    }
                }
                // STRING: the text result of the formula before it.
                0x0207 => {
                    if let (Some((r, c)), Some(s)) =
                        (pending_formula.take(), self.string(data, &cont))
                    {
                        f(r, c, Value::Text(Cow::Owned(s)))?;
                    }
                }
                _ => {}
            }
        }
        Err(E::from(
            "a sheet runs past the end of the workbook stream".into(),
        ))
    }
}

/// An RK number: a float's upper 30 bits or a 30-bit integer, perhaps divided by 100.
fn rk_value(rk: u32) -> f64 {
    let v = if rk & 2 != 0 {
        f64::from((rk as i32) >> 2)
    } else {
        f64::from_bits(u64::from(rk & 0xFFFF_FFFC) << 32)
    };
    if rk & 1 != 0 {
        v / 100.0
    } else {
        v
    }
}

/// The shared-strings table: each string's 16-bit length, flags, optional run count and
/// extension size, characters (perhaps continued in the next record), runs and extension.
fn read_sst(data: &[u8], cont: &[&[u8]]) -> Result<Vec<String>, String> {
    let mut p = Pieces::new(data.get(8..).unwrap_or_default(), cont);
    let mut out = Vec::new();
    while !p.at_end() {
        let broken = || "the shared-strings table is cut short".to_string();
        let cch = p.u16().ok_or_else(broken)?;
        let flags = p.byte().ok_or_else(broken)?;
        let runs = if flags & 8 != 0 {
            p.u16().ok_or_else(broken)?
        } else {
            0
        };
        let ext = if flags & 4 != 0 {
            p.u32().ok_or_else(broken)?
        } else {
            0
        };
        let mut s = String::new();
        p.chars(usize::from(cch), flags, &mut s)
            .ok_or_else(broken)?;
        p.skip(usize::from(runs) * 4).ok_or_else(broken)?;
        p.skip(ext as usize).ok_or_else(broken)?;
        out.push(s);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rk_numbers() {
        // 1 as an integer; 1.5 as a float; 12.34 as an integer divided by 100.
        assert_eq!(rk_value(1 << 2 | 2), 1.0);
        assert_eq!(rk_value((1.5f64.to_bits() >> 32) as u32), 1.5);
        assert_eq!(rk_value(1234 << 2 | 3), 12.34);
        assert_eq!(rk_value(((-7i32) << 2) as u32 | 2), -7.0);
    }

    #[test]
    fn date_formats() {
        assert!(is_date_format("yyyy-mm-dd"));
        assert!(is_date_format("YYYY\"年\"M\"月\"D\"日\""));
        assert!(is_date_format("[$-804]yyyy/m/d;@"));
        assert!(!is_date_format("0.00"));
        assert!(!is_date_format("\"day\"0"));
        assert!(!is_date_format("[Red]0.00"));
        assert!(!is_date_format("hh:mm:ss"));
        assert!(builtin_date(14) && builtin_date(31) && !builtin_date(2));
    }

    #[test]
    fn strings_continue_across_records_with_their_own_flags() {
        // "ab" in Latin-1, then "中" in UTF-16 in the next record.
        let first = [3u8, 0, 0, b'a', b'b'];
        let next: &[u8] = &[1, 0x2D, 0x4E];
        let cont = [next];
        let mut p = Pieces::new(&first, &cont);
        let cch = p.u16().unwrap();
        let flags = p.byte().unwrap();
        let mut s = String::new();
        p.chars(usize::from(cch), flags, &mut s).unwrap();
        assert_eq!(s, "ab中");
        // Cut short: no panic, no string.
        let mut p = Pieces::new(&first, &[]);
        p.skip(3).unwrap();
        assert!(p.chars(3, 0, &mut String::new()).is_none());
        assert!(read_sst(&[0; 8], &[]).unwrap().is_empty());
        assert!(read_sst(&[0, 0, 0, 0, 0, 0, 0, 0, 5, 0], &[]).is_err());
    }

    #[test]
    fn hostile_streams_are_errors() {
        assert!(Book::new(&[]).is_err());
        assert!(Book::new(&[0x09, 0x08, 0xFF, 0xFF]).is_err());
        assert!(Book::new(&[0x09, 0x08, 2, 0, 0x00, 0x06]).is_ok());
        let b = Book::new(&[0x09, 0x08, 2, 0, 0x00, 0x06]).unwrap();
        let mut none = |_, _, _: Value<'_>| -> Result<(), String> { Ok(()) };
        assert_eq!(b.cells(0, &mut none).ok(), Some(0));
    }
}
