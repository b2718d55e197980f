//! A table written once, as CSV or as an XLSX sheet: typed columns with Chinese and English
//! headers, rows of typed cells. The CSV is UTF-8 with a BOM, CRLF, text cells formula-safe
//! ([`crate::text::formula_safe`]); the workbook has a bold frozen header row, columns sized
//! to their text, dates as real Excel dates (`yyyy-mm-dd`), numbers as numbers and every text
//! cell — the USCC above all — as text, so Excel keeps all 18 characters. The workbook's
//! creation time is a date given by the caller (the as-of date), never the clock: the same
//! inputs give the same bytes natively and in WebAssembly.

use crate::date::{format_date, Date};
use crate::text::formula_safe;
use chrono::Datelike;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use std::borrow::Cow;

/// The language of the headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Chinese (the default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Parses `zh` or `en`.
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// One of two texts.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text (written as a text cell).
    Text,
    /// A date.
    Date,
    /// A number.
    Number,
}

/// One column: its headers and kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    /// Header in Chinese.
    pub zh: &'static str,
    /// Header in English.
    pub en: &'static str,
    /// What it holds.
    pub kind: Kind,
}

/// A text column.
pub const fn text(zh: &'static str, en: &'static str) -> Column {
    Column {
        zh,
        en,
        kind: Kind::Text,
    }
}

/// A date column.
pub const fn date(zh: &'static str, en: &'static str) -> Column {
    Column {
        zh,
        en,
        kind: Kind::Date,
    }
}

/// A number column.
pub const fn number(zh: &'static str, en: &'static str) -> Column {
    Column {
        zh,
        en,
        kind: Kind::Number,
    }
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// Nothing.
    Empty,
    /// Text.
    Text(Cow<'a, str>),
    /// A date.
    Date(Date),
    /// A number, written with `decimals` places in CSV.
    Number(f64, usize),
    /// A number shown with `decimals` places (a score): the CSV writes it so, the workbook
    /// holds the value the CSV shows, formatted with as many places — the two files agree.
    Fixed(f64, usize),
    /// One of the program's own labels (a class letter, `-`, a status): written as it is in
    /// both, never made formula-safe (the program's labels are not formulas, and `-` stays `-`);
    /// an empty label is an empty cell of the workbook.
    Label(&'static str),
}

impl<'a> Cell<'a> {
    /// A text cell.
    pub fn text(s: impl Into<Cow<'a, str>>) -> Self {
        Cell::Text(s.into())
    }

    /// A date cell, or empty.
    pub fn date(d: Option<Date>) -> Self {
        d.map_or(Cell::Empty, Cell::Date)
    }

    /// An integer cell.
    pub fn int(n: u64) -> Self {
        Cell::Number(n as f64, 0)
    }
}

/// Where rows go: a CSV or a worksheet.
pub trait RowSink {
    /// Writes one row (as many cells as columns).
    fn row(&mut self, cells: &[Cell<'_>]) -> Result<(), SheetError>;
}

/// A write failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetError(pub String);

impl std::fmt::Display for SheetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "writing the table: {}", self.0)
    }
}

impl std::error::Error for SheetError {}

impl From<XlsxError> for SheetError {
    fn from(e: XlsxError) -> Self {
        SheetError(e.to_string())
    }
}

impl From<csv::Error> for SheetError {
    fn from(e: csv::Error) -> Self {
        SheetError(e.to_string())
    }
}

/// A CSV being written (UTF-8 with BOM, CRLF).
pub struct Csv {
    w: csv::Writer<Vec<u8>>,
}

impl Csv {
    /// A CSV with the header row of `columns` in `lang`.
    pub fn new(columns: &[Column], lang: Lang) -> Result<Csv, SheetError> {
        let headers: Vec<&str> = columns.iter().map(|c| lang.pick(c.zh, c.en)).collect();
        Csv::with_headers(&headers)
    }

    /// A CSV with the header row `headers` (written as they are).
    pub fn with_headers(headers: &[&str]) -> Result<Csv, SheetError> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(b"\xEF\xBB\xBF".to_vec());
        w.write_record(headers)?;
        Ok(Csv { w })
    }

    /// The bytes.
    pub fn finish(self) -> Result<Vec<u8>, SheetError> {
        self.w
            .into_inner()
            .map_err(|e| SheetError(e.error().to_string()))
    }
}

impl RowSink for Csv {
    fn row(&mut self, cells: &[Cell<'_>]) -> Result<(), SheetError> {
        let fields: Vec<Cow<'_, str>> = cells
            .iter()
            .map(|c| match c {
                Cell::Empty => Cow::Borrowed(""),
                Cell::Text(s) => formula_safe(s),
                Cell::Date(d) => Cow::Owned(format_date(*d)),
                Cell::Number(n, dp) | Cell::Fixed(n, dp) => Cow::Owned(format!("{n:.dp$}")),
                Cell::Label(s) => Cow::Borrowed(*s),
            })
            .collect();
        self.w.write_record(fields.iter().map(|f| f.as_ref()))?;
        Ok(())
    }
}

/// A workbook being written, created "on" a given date.
pub struct Book {
    wb: Workbook,
}

impl Book {
    /// An empty workbook whose creation date is `created`.
    pub fn new(created: Date) -> Result<Book, SheetError> {
        let mut wb = Workbook::new();
        let when = ExcelDateTime::from_ymd(
            created.year().clamp(1900, 9999) as u16,
            created.month() as u8,
            created.day() as u8,
        )?;
        wb.set_properties(&DocProperties::new().set_creation_datetime(&when));
        Ok(Book { wb })
    }

    /// Adds a sheet named `name` with the header row of `columns` in `lang`.
    pub fn sheet(
        &mut self,
        name: &str,
        columns: &[Column],
        lang: Lang,
    ) -> Result<SheetRows<'_>, SheetError> {
        let headers: Vec<&str> = columns.iter().map(|c| lang.pick(c.zh, c.en)).collect();
        let kinds: Vec<Kind> = columns.iter().map(|c| c.kind).collect();
        self.sheet_with_headers(name, &headers, &kinds)
    }

    /// Adds a sheet named `name` whose header row is `headers` (as they are: a file's own
    /// headers), of columns of `kinds` (one per header).
    pub fn sheet_with_headers(
        &mut self,
        name: &str,
        headers: &[&str],
        kinds: &[Kind],
    ) -> Result<SheetRows<'_>, SheetError> {
        let ws = self.wb.add_worksheet().set_name(name)?;
        let bold = Format::new().set_bold();
        let mut widths = Vec::with_capacity(headers.len());
        for (c, (h, kind)) in headers.iter().zip(kinds).enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &bold)?;
            widths.push(display_width(h).max(match kind {
                Kind::Date => 10,
                _ => 6,
            }));
        }
        ws.set_freeze_panes(1, 0)?;
        Ok(SheetRows {
            ws,
            kinds: kinds[..widths.len()].to_vec(),
            widths,
            row: 1,
            date: Format::new().set_num_format("yyyy-mm-dd"),
            fixed: Vec::new(),
        })
    }

    /// The workbook's bytes.
    pub fn finish(mut self) -> Result<Vec<u8>, SheetError> {
        Ok(self.wb.save_to_buffer()?)
    }
}

/// The rows of one sheet being written; [`SheetRows::done`] sets the column widths.
pub struct SheetRows<'a> {
    ws: &'a mut Worksheet,
    kinds: Vec<Kind>,
    widths: Vec<usize>,
    row: u32,
    date: Format,
    /// The number formats of [`Cell::Fixed`] cells, by places (`0`, `0.0`, `0.00`, …).
    fixed: Vec<Format>,
}

/// The width of a text in Excel's character units (a CJK character counts two), capped.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) < 0x2E80 { 1 } else { 2 })
        .sum::<usize>()
        .min(60)
}

impl SheetRows<'_> {
    /// Sets the column widths from the widest cells.
    pub fn done(self) -> Result<(), SheetError> {
        for (c, w) in self.widths.iter().enumerate() {
            self.ws.set_column_width(c as u16, *w as f64 + 2.0)?;
        }
        Ok(())
    }
}

/// Excel's last row (1,048,576 rows, the header included).
pub const MAX_ROWS: u32 = 1_048_576;

impl RowSink for SheetRows<'_> {
    fn row(&mut self, cells: &[Cell<'_>]) -> Result<(), SheetError> {
        if self.row >= MAX_ROWS {
            return Err(SheetError(format!(
                "more rows than a worksheet holds ({MAX_ROWS}); export CSV instead"
            )));
        }
        let r = self.row;
        for (c, cell) in cells.iter().enumerate().take(self.kinds.len()) {
            let col = c as u16;
            let w = match cell {
                Cell::Empty | Cell::Label("") => 0,
                Cell::Text(s) => {
                    self.ws.write_string(r, col, s.as_ref())?;
                    display_width(s)
                }
                Cell::Date(d) => {
                    let x = ExcelDateTime::from_ymd(
                        d.year().clamp(1900, 9999) as u16,
                        d.month() as u8,
                        d.day() as u8,
                    )?;
                    self.ws.write_datetime_with_format(r, col, &x, &self.date)?;
                    10
                }
                Cell::Number(n, dp) => {
                    self.ws.write_number(r, col, *n)?;
                    format!("{n:.dp$}").len()
                }
                Cell::Fixed(n, dp) => {
                    let dp = (*dp).min(15);
                    let shown = format!("{n:.dp$}");
                    while self.fixed.len() <= dp {
                        let places = self.fixed.len();
                        let code = match places {
                            0 => "0".to_string(),
                            p => format!("0.{}", "0".repeat(p)),
                        };
                        self.fixed.push(Format::new().set_num_format(code));
                    }
                    let value = shown.parse::<f64>().unwrap_or(*n);
                    self.ws
                        .write_number_with_format(r, col, value, &self.fixed[dp])?;
                    shown.len()
                }
                Cell::Label(s) => {
                    self.ws.write_string(r, col, *s)?;
                    display_width(s)
                }
            };
            if w > self.widths[c] {
                self.widths[c] = w;
            }
        }
        self.row += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_a_bom_crlf_and_formula_safe_text() {
        let cols = [
            text("名称", "name"),
            date("日期", "date"),
            number("分数", "score"),
        ];
        let mut c = Csv::new(&cols, Lang::En).unwrap();
        let d = crate::date::parse_date("2026-01-02");
        c.row(&[Cell::text("=1+1"), Cell::date(d), Cell::Number(1.5, 2)])
            .unwrap();
        let b = c.finish().unwrap();
        assert_eq!(
            String::from_utf8(b).unwrap(),
            "\u{feff}name,date,score\r\n'=1+1,2026-01-02,1.50\r\n"
        );
    }

    #[test]
    fn labels_are_not_escaped_and_fixed_numbers_show_their_places() {
        let cols = [text("分类", "class"), number("分数", "score")];
        let mut c = Csv::new(&cols, Lang::Zh).unwrap();
        c.row(&[Cell::Label("-"), Cell::Fixed(73.456, 2)]).unwrap();
        c.row(&[Cell::text("-"), Cell::Fixed(5.0, 0)]).unwrap();
        let b = c.finish().unwrap();
        assert_eq!(
            String::from_utf8(b).unwrap(),
            "\u{feff}分类,分数\r\n-,73.46\r\n'-,5\r\n"
        );
    }

    #[test]
    fn widths_count_cjk_twice() {
        assert_eq!(display_width("ab"), 2);
        assert_eq!(display_width("企业"), 4);
    }
}
