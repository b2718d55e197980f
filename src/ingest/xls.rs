//! Old Excel workbooks (`.xls`: BIFF8 from Excel 97–2003, BIFF5 from Excel 5/95), read by the
//! toolkit's own reader ([`super::cfb`] for the compound file, [`super::biff`] for its
//! records) and loaded as `.xlsx` is: the same header search, skipped rows, reports and
//! limits.
//!
//! Not calamine's reader: on a malformed file it slices records without checking their
//! length (its formula parser, a short sector at the end of the file), which is a panic, and it
//! holds each sheet as a dense range from its first to its last cell (a cell at row 65536,
//! column 65536 is four billion cells). This reader checks every length and streams the
//! cells; at most [`LoadOptions::xlsx_max_cells`] are read, and a cell past XFD1048576 is
//! refused, as for `.xlsx`.

use super::biff::{Book, Value};
use super::error::FileError;
use super::sheet::{self, SheetBuilder, SheetRows};
use super::value::excel_serial_date;
use super::xlsx::{XLSX_MAX_BYTES, XLSX_MAX_CELLS};
use super::{FileReport, LoadOptions};
use crate::date::format_date;
use crate::store::Store;

/// Why reading stopped: the reader's words, or the loader's own error.
enum Stop {
    Read(String),
    File(FileError),
}

impl From<String> for Stop {
    fn from(s: String) -> Self {
        Stop::Read(s)
    }
}

impl From<FileError> for Stop {
    fn from(e: FileError) -> Self {
        Stop::File(e)
    }
}

fn spreadsheet_error(file: &str, message: impl std::fmt::Display) -> FileError {
    FileError::Spreadsheet {
        file: file.into(),
        message: message.to_string(),
    }
}

/// The workbook stream of a `.xls` file, its size checked against
/// [`LoadOptions::xlsx_max_bytes`].
fn workbook_stream(file: &str, bytes: &[u8], options: &LoadOptions) -> Result<Vec<u8>, FileError> {
    let stream =
        super::cfb::stream(bytes, &["Workbook", "Book"]).map_err(|e| spreadsheet_error(file, e))?;
    let max = options.xlsx_max_bytes.unwrap_or(XLSX_MAX_BYTES);
    if stream.len() as u64 > max {
        return Err(FileError::Limit {
            file: file.into(),
            sheet: None,
            what: format!(
                "its workbook stream holds {} bytes, more than the limit of {max} (xlsxMaxBytes)",
                stream.len()
            ),
        });
    }
    Ok(stream)
}

/// The sheet names of a `.xls` workbook (worksheets only, not charts).
pub fn sheet_names(file: &str, bytes: &[u8]) -> Result<Vec<String>, FileError> {
    let stream = workbook_stream(file, bytes, &LoadOptions::default())?;
    let book = Book::new(&stream).map_err(|e| spreadsheet_error(file, e))?;
    Ok(book.sheets.into_iter().map(|(n, _)| n).collect())
}

/// Appends the text of one cell to `out`, as the `.xlsx` reader writes the same cell.
fn push_text(v: &Value, date1904: bool, out: &mut Vec<u8>) {
    use std::io::Write;
    match v {
        Value::Text(s) => out.extend_from_slice(s.as_bytes()),
        Value::Number(f, true) => {
            let serial = if date1904 { f + 1462.0 } else { *f };
            match excel_serial_date(serial) {
                Some(d) => out.extend_from_slice(format_date(d).as_bytes()),
                None => {
                    let _ = write!(out, "{f}");
                }
            }
        }
        Value::Number(f, false) => {
            if f.fract() == 0.0 && f.abs() < 9.0e15 {
                let _ = write!(out, "{}", *f as i64);
            } else {
                let _ = write!(out, "{f}");
            }
        }
        Value::Bool(b) => out.extend_from_slice(if *b { "是" } else { "否" }.as_bytes()),
        Value::Error(e) => out.extend_from_slice(error_text(*e).as_bytes()),
    }
}

/// An error value as the `.xlsx` reader writes it.
fn error_text(code: u8) -> &'static str {
    match code {
        0x00 => "#Null",
        0x07 => "#Div0",
        0x0F => "#Value",
        0x17 => "#Ref",
        0x1D => "#Name",
        0x24 => "#Num",
        0x2A => "#NA",
        _ => "#GettingData",
    }
}

/// Reads sheet `i`: its cells (at most the cell limit, across the workbook), sorted by row
/// and column, into a [`SheetBuilder`].
fn read_sheet(
    book: &Book,
    i: usize,
    file: &str,
    options: &LoadOptions,
    skip_unknown: bool,
    cells: &mut u64,
    walked: &mut usize,
) -> Result<Option<SheetRows>, FileError> {
    let name = &book.sheets[i].0;
    let max_cells = options.xlsx_max_cells.unwrap_or(XLSX_MAX_CELLS);
    // Row, column and where its text is in `texts`.
    let mut found: Vec<(u32, u32, usize, usize)> = Vec::new();
    let mut texts: Vec<u8> = Vec::new();
    let read = book.cells::<Stop>(i, &mut |r, c, v| {
        *cells += 1;
        if *cells > max_cells {
            return Err(Stop::File(FileError::Limit {
                file: file.into(),
                sheet: Some(name.clone()),
                what: format!("more than {max_cells} cells (xlsxMaxCells)"),
            }));
        }
        if c > super::xlsx::MAX_COL {
            return Err(Stop::File(FileError::Limit {
                file: file.into(),
                sheet: Some(name.clone()),
                what: format!(
                    "a cell at row {}, column {} lies beyond XFD1048576",
                    u64::from(r) + 1,
                    u64::from(c) + 1
                ),
            }));
        }
        let start = texts.len();
        push_text(&v, book.date1904, &mut texts);
        if texts.len() > start {
            found.push((r, c, start, texts.len()));
        }
        Ok(())
    });
    match read {
        Ok(n) => {
            // Sheets that point into one another would be read again and again.
            *walked = walked.saturating_add(n);
            if *walked > book.stream_len() {
                return Err(spreadsheet_error(
                    file,
                    format!("sheet {name:?} overlaps another sheet's records"),
                ));
            }
        }
        Err(Stop::File(e)) => return Err(e),
        Err(Stop::Read(m)) => return Err(spreadsheet_error(file, format!("sheet {name:?}: {m}"))),
    }
    // Cells are written row by row, but nothing in the format makes them so.
    found.sort_by_key(|&(r, c, _, _)| (r, c));
    let mut sheet = SheetBuilder::new(file, name, options, skip_unknown);
    for (r, c, start, end) in found {
        sheet.cell(r, c, |out| out.extend_from_slice(&texts[start..end]))?;
        if sheet.skipped() {
            return Ok(None);
        }
    }
    sheet.finish()
}

/// Loads the sheets of a `.xls` workbook (the one named in `options.sheet`, or every
/// worksheet); one report per sheet.
pub fn load_xls(
    store: &mut Store,
    file: &str,
    bytes: &[u8],
    options: &LoadOptions,
) -> Result<Vec<FileReport>, FileError> {
    let stream = workbook_stream(file, bytes, options)?;
    let book = Book::new(&stream).map_err(|e| spreadsheet_error(file, e))?;
    let names: Vec<String> = book.sheets.iter().map(|(n, _)| n.clone()).collect();
    let chosen = sheet::chosen(file, &names, options)?;
    let skip_unknown = sheet::skip_unknown(options);
    let (mut cells, mut walked) = (0u64, 0usize);
    let mut sheets = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if !chosen.contains(name) {
            continue;
        }
        if let Some(s) = read_sheet(
            &book,
            i,
            file,
            options,
            skip_unknown,
            &mut cells,
            &mut walked,
        )? {
            sheets.push(s);
        }
    }
    sheet::load_sheets(store, file, "xls", sheets, options)
}
