//! XLSX workbooks, read with calamine: every sheet, or the one chosen. Cells typed as dates
//! become `YYYY-MM-DD`; numbers keep their digits; row numbers are the ones Excel shows.
//!
//! A workbook is untrusted input: its numbers (a cell's position, the count of shared strings,
//! the size of its parts) are checked before anything is allocated from them.
//!
//! - The zip's parts are checked first, from its directory: their declared uncompressed size
//!   in total at most [`LoadOptions::xlsx_max_bytes`] (default [`XLSX_MAX_BYTES`]). The zip
//!   reader refuses to inflate a part past its declared size, so the declared sizes bound what
//!   is decompressed: a small file of repetitive XML that would expand to gigabytes is refused
//!   before it is inflated.
//! - The shared-strings part's `uniqueCount` (which the reader reserves room for) must be
//!   possible in its size (each `<si/>` takes at least 5 bytes) and within the cell limit.
//! - Every cell reference (`<c r>`, `<row r>`, `<dimension ref>`) is checked before a sheet
//!   is read ([`super::xlsx_refs`]): calamine's arithmetic on a malformed one wraps around.
//! - Cells are read as a stream (calamine's cell reader), never as a dense range: a workbook
//!   whose only cell is at XFD1048576 costs one cell, not 17 billion. At most
//!   [`LoadOptions::xlsx_max_cells`] cells (default [`XLSX_MAX_CELLS`]) are read per workbook.
//!
//! Every sheet is read (into a compact buffer of cell texts) before any of its rows go into
//! the store, so a workbook loads whole or not at all.

use super::error::FileError;
use super::sheet::{self, SheetBuilder, SheetRows};
use super::value::excel_serial_date;
use super::{FileReport, LoadOptions};
use crate::date::format_date;
use crate::store::Store;
use calamine::{DataRef, Reader, Xlsx};
use std::io::{Cursor, Read};

/// Default of [`LoadOptions::xlsx_max_bytes`]: 4 GiB of decompressed parts per workbook.
/// The generator's largest workbook (5,000,000 enterprises: annual reports, 5 sheets of
/// 1,000,000 rows) is about 3.4 GB of XML.
pub const XLSX_MAX_BYTES: u64 = 4 << 30;

/// Default of [`LoadOptions::xlsx_max_cells`]: 64 Mi cells per workbook (the generator's
/// largest workbook has about 50 million).
pub const XLSX_MAX_CELLS: u64 = 64 << 20;

/// The last row and column of a worksheet (0-based): XFD1048576.
pub(super) const MAX_ROW: u32 = 1_048_575;
pub(super) const MAX_COL: u32 = 16_383;

fn spreadsheet_error(file: &str, e: impl std::fmt::Display) -> FileError {
    FileError::Spreadsheet {
        file: file.into(),
        message: e.to_string(),
    }
}

fn limit_error(file: &str, sheet: Option<&str>, what: String) -> FileError {
    FileError::Limit {
        file: file.into(),
        sheet: sheet.map(str::to_string),
        what,
    }
}

/// Appends the text of one cell to `out`.
fn push_cell_text(c: &DataRef, out: &mut Vec<u8>) {
    use std::io::Write;
    match c {
        DataRef::Empty => {}
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            out.extend_from_slice(s.as_bytes())
        }
        DataRef::SharedString(s) => out.extend_from_slice(s.as_bytes()),
        DataRef::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 9.0e15 {
                let _ = write!(out, "{}", *f as i64);
            } else {
                let _ = write!(out, "{f}");
            }
        }
        DataRef::Int(i) => {
            let _ = write!(out, "{i}");
        }
        DataRef::Bool(b) => out.extend_from_slice(if *b { "是" } else { "否" }.as_bytes()),
        DataRef::DateTime(d) => match excel_serial_date(d.as_f64()) {
            Some(date) => out.extend_from_slice(format_date(date).as_bytes()),
            None => {
                let _ = write!(out, "{}", d.as_f64());
            }
        },
        DataRef::Error(e) => {
            let _ = write!(out, "#{e:?}");
        }
    }
}

/// Checks the zip's parts before the reader allocates anything from them; with `refs`, the
/// cell references of its XML parts too ([`super::xlsx_refs`]), before any sheet is read.
pub(super) fn precheck(
    file: &str,
    bytes: &[u8],
    options: &LoadOptions,
    refs: bool,
) -> Result<(), FileError> {
    let max_bytes = options.xlsx_max_bytes.unwrap_or(XLSX_MAX_BYTES);
    let max_cells = options.xlsx_max_cells.unwrap_or(XLSX_MAX_CELLS);
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| spreadsheet_error(file, e))?;
    let mut total: u64 = 0;
    let mut shared: Option<(usize, u64)> = None;
    for i in 0..zip.len() {
        let f = zip
            .by_index_raw(i)
            .map_err(|e| spreadsheet_error(file, e))?;
        total = total.saturating_add(f.size());
        if f.name()
            .is_ok_and(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"))
        {
            shared = Some((i, f.size()));
        }
    }
    if total > max_bytes {
        return Err(limit_error(
            file,
            None,
            format!("its parts decompress to {total} bytes, more than the limit of {max_bytes} (xlsxMaxBytes)"),
        ));
    }
    if let Some((i, size)) = shared {
        let mut head = Vec::new();
        let f = zip.by_index(i).map_err(|e| spreadsheet_error(file, e))?;
        f.take(64 * 1024)
            .read_to_end(&mut head)
            .map_err(|e| spreadsheet_error(file, e))?;
        if let Some(n) = sst_unique_count(&head) {
            if n > size / 5 + 1 || n > max_cells {
                return Err(limit_error(
                    file,
                    None,
                    format!(
                        "its shared-strings table declares {n} strings in {size} bytes \
                         (at most {} possible; cell limit {max_cells}, xlsxMaxCells)",
                        size / 5 + 1
                    ),
                ));
            }
        }
    }
    if refs {
        super::xlsx_refs::check(file, &mut zip)?;
    }
    Ok(())
}

/// The `uniqueCount` attribute of the `<sst>` element at the start of a shared-strings part.
fn sst_unique_count(head: &[u8]) -> Option<u64> {
    let at = memchr::memmem::find(head, b"<sst").or_else(|| memchr::memmem::find(head, b":sst"))?;
    let tag = &head[at..];
    let tag = &tag[..memchr::memchr(b'>', tag).unwrap_or(tag.len())];
    let key = memchr::memmem::find(tag, b"uniqueCount")?;
    let rest = &tag[key + "uniqueCount".len()..];
    let start = rest.iter().position(u8::is_ascii_digit)?;
    if !rest[..start]
        .iter()
        .all(|b| matches!(b, b'=' | b'"' | b'\'' | b' '))
    {
        return None;
    }
    let digits = rest[start..].iter().take_while(|b| b.is_ascii_digit());
    Some(digits.fold(0u64, |n, d| {
        n.saturating_mul(10).saturating_add(u64::from(d - b'0'))
    }))
}

/// Opens a workbook after checking its parts (and, with `refs`, its cell references).
fn open<'a>(
    file: &str,
    bytes: &'a [u8],
    options: &LoadOptions,
    refs: bool,
) -> Result<Xlsx<Cursor<&'a [u8]>>, FileError> {
    precheck(file, bytes, options, refs)?;
    Xlsx::new(Cursor::new(bytes)).map_err(|e| spreadsheet_error(file, e))
}

/// The sheet names of a workbook.
pub fn sheet_names(file: &str, bytes: &[u8]) -> Result<Vec<String>, FileError> {
    let wb = open(file, bytes, &LoadOptions::default(), false)?;
    Ok(wb.sheet_names().to_vec())
}

/// Reads one sheet's cells as a stream into a [`SheetBuilder`]; `None` when the sheet is
/// empty or, with `skip_unknown`, of another shape.
fn read_sheet<RS: std::io::Read + std::io::Seek>(
    wb: &mut Xlsx<RS>,
    file: &str,
    name: &str,
    options: &LoadOptions,
    skip_unknown: bool,
    cells: &mut u64,
) -> Result<Option<SheetRows>, FileError> {
    let max_cells = options.xlsx_max_cells.unwrap_or(XLSX_MAX_CELLS);
    let mut reader = wb
        .worksheet_cells_reader(name)
        .map_err(|e| spreadsheet_error(file, e))?;
    let mut sheet = SheetBuilder::new(file, name, options, skip_unknown);
    while let Some(cell) = reader.next_cell().map_err(|e| spreadsheet_error(file, e))? {
        let (r, c) = cell.get_position();
        *cells += 1;
        if *cells > max_cells {
            return Err(limit_error(
                file,
                Some(name),
                format!("more than {max_cells} cells (xlsxMaxCells)"),
            ));
        }
        if r > MAX_ROW || c > MAX_COL {
            return Err(limit_error(
                file,
                Some(name),
                format!(
                    "a cell at row {}, column {} lies beyond XFD1048576",
                    u64::from(r) + 1,
                    u64::from(c) + 1
                ),
            ));
        }
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        sheet.cell(r, c, |out| push_cell_text(cell.get_value(), out))?;
        if sheet.skipped() {
            return Ok(None);
        }
    }
    sheet.finish()
}

/// Loads the sheets of a workbook (the one named in `options.sheet`, or every non-empty
/// sheet); one report per sheet.
pub fn load_xlsx(
    store: &mut Store,
    file: &str,
    bytes: &[u8],
    options: &LoadOptions,
) -> Result<Vec<FileReport>, FileError> {
    let mut wb = open(file, bytes, options, true)?;
    let names = sheet::chosen(file, &wb.sheet_names(), options)?;
    // First every sheet is read, so that a sheet that cannot be read stops the file before
    // any of its rows are loaded: a file loads whole or not at all.
    let skip_unknown = sheet::skip_unknown(options);
    let mut cells = 0u64;
    let mut sheets = Vec::new();
    for name in names {
        if let Some(s) = read_sheet(&mut wb, file, &name, options, skip_unknown, &mut cells)? {
            sheets.push(s);
        }
    }
    sheet::load_sheets(store, file, "xlsx", sheets, options)
}

/// The cells of a workbook's first sheet as text, row by row, for a table of any shape (a
/// scorecard's training file); the references are checked first as for records. `Err(Empty)`
/// when the workbook has no sheet.
pub fn first_sheet_text(file: &str, bytes: &[u8]) -> Result<Vec<Vec<String>>, FileError> {
    let mut wb = open(file, bytes, &LoadOptions::default(), true)?;
    let Some(name) = wb.sheet_names().first().cloned() else {
        return Err(FileError::Empty { file: file.into() });
    };
    let range = wb
        .worksheet_range(&name)
        .map_err(|e| spreadsheet_error(file, e))?;
    Ok(range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect())
}
