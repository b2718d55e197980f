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
use super::header::{find_layout, layout, not_a_header, Layout, HEADER_SEARCH};
use super::notes;
use super::row::Fields;
use super::sink::{is_blank, Sink};
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
const MAX_ROW: u32 = 1_048_575;
const MAX_COL: u32 = 16_383;

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
fn precheck(file: &str, bytes: &[u8], options: &LoadOptions, refs: bool) -> Result<(), FileError> {
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

/// The rows of one sheet read so far: cell texts end to end, `width` fields a row.
struct SheetRows {
    layout: Layout,
    width: usize,
    data: Vec<u8>,
    /// End of each field, relative to its row's start.
    ends: Vec<u32>,
    /// Excel row number and start in `data` of each row.
    rows: Vec<(u64, usize)>,
    /// Rows above the header (titles, notes): Excel row number and text.
    skipped: Vec<(u64, String)>,
}

/// Reads one sheet's cells as a stream: the first non-empty row gives the layout (`None`
/// when the sheet is empty or, with `skip_unknown`, of another shape); the rest are kept.
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
    let mut sheet: Option<SheetRows> = None;
    // The row being gathered: its number and (column, text) of its non-empty cells.
    let mut cur_row: Option<u32> = None;
    let mut cur: Vec<(u32, Vec<u8>)> = Vec::new();
    let mut spare: Vec<Vec<u8>> = Vec::new();
    // The first rows, while the header is looked for (see [`find_layout`]).
    let mut pending: Vec<(u32, Vec<String>)> = Vec::new();
    loop {
        let next = reader.next_cell().map_err(|e| spreadsheet_error(file, e))?;
        let pos = next.as_ref().map(|c| c.get_position());
        if let Some((r, c)) = pos {
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
            if cur_row.is_some_and(|cr| r < cr) {
                return Err(spreadsheet_error(
                    file,
                    format!(
                        "sheet {name:?}: cells out of order at row {}",
                        u64::from(r) + 1
                    ),
                ));
            }
        }
        // A row is complete when the next cell is on a later row, or at the end.
        if let Some(row) = cur_row.filter(|&cr| pos.is_none_or(|(r, _)| r != cr)) {
            match &mut sheet {
                None => {
                    let width = cur.iter().map(|(c, _)| *c as usize + 1).max().unwrap_or(0);
                    let mut cells = vec![String::new(); width];
                    for (c, t) in &cur {
                        cells[*c as usize] = String::from_utf8_lossy(t).into_owned();
                    }
                    pending.push((row, cells));
                    if pending.len() == 1 {
                        // The first row: the header (or data) as before, unless it is a title.
                        match layout(
                            file,
                            Some(name),
                            &pending[0].1,
                            options.kind,
                            options.has_header,
                            &options.mapping,
                        ) {
                            Ok(_) => sheet = Some(decide(&mut pending, file, name, options)?),
                            Err(e) if options.has_header != Some(false) && not_a_header(&e) => {}
                            Err(FileError::UnknownKind { .. }) if skip_unknown => return Ok(None),
                            Err(e) => return Err(e),
                        }
                    } else if pending.len() >= HEADER_SEARCH {
                        match decide(&mut pending, file, name, options) {
                            Ok(s) => sheet = Some(s),
                            Err(FileError::UnknownKind { .. }) if skip_unknown => return Ok(None),
                            Err(e) => return Err(e),
                        }
                    }
                }
                Some(s) => s.push_row(row, &mut cur),
            }
            spare.extend(cur.drain(..).map(|(_, t)| t));
            cur_row = None;
        }
        let Some(cell) = next else {
            if sheet.is_none() && !pending.is_empty() {
                match decide(&mut pending, file, name, options) {
                    Ok(s) => sheet = Some(s),
                    Err(FileError::UnknownKind { .. }) if skip_unknown => return Ok(None),
                    Err(e) => return Err(e),
                }
            }
            break;
        };
        let (r, c) = cell.get_position();
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let mut text = spare.pop().unwrap_or_default();
        text.clear();
        push_cell_text(cell.get_value(), &mut text);
        cur_row = Some(r);
        cur.push((c, text));
    }
    Ok(sheet)
}

/// Finds the header among the first rows of a sheet ([`find_layout`]) and keeps the rows
/// below it; the rows above are kept as skipped.
fn decide(
    pending: &mut Vec<(u32, Vec<String>)>,
    file: &str,
    name: &str,
    options: &LoadOptions,
) -> Result<SheetRows, FileError> {
    let rows: Vec<Vec<String>> = pending.iter().map(|(_, r)| r.clone()).collect();
    let found = find_layout(
        file,
        Some(name),
        &rows,
        options.kind,
        options.has_header,
        &options.mapping,
    )?;
    let width = rows
        .get(found.above + found.header_rows.max(1) - 1)
        .map_or(0, Vec::len)
        .max(found.layout.headers.len());
    let mut s = SheetRows {
        layout: found.layout,
        width,
        data: Vec::new(),
        ends: Vec::new(),
        rows: Vec::new(),
        skipped: pending[..found.above]
            .iter()
            .map(|(r, cells)| {
                let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
                (u64::from(*r) + 1, notes::row_text(&cells))
            })
            .collect(),
    };
    for (r, cells) in pending.drain(..).skip(found.above + found.header_rows) {
        let mut cells: Vec<(u32, Vec<u8>)> = cells
            .into_iter()
            .enumerate()
            .filter(|(_, t)| !t.is_empty())
            .map(|(c, t)| (c as u32, t.into_bytes()))
            .collect();
        s.push_row(r, &mut cells);
    }
    pending.clear();
    Ok(s)
}

impl SheetRows {
    /// Keeps row `row` (0-based) of `cells` (column, text), its first `width` columns.
    fn push_row(&mut self, row: u32, cells: &mut [(u32, Vec<u8>)]) {
        cells.sort_by_key(|(c, _)| *c);
        let start = self.data.len();
        let mut col = 0usize;
        for (c, t) in cells.iter() {
            let c = *c as usize;
            if c >= self.width || c < col {
                continue;
            }
            while col < c {
                self.ends.push((self.data.len() - start) as u32);
                col += 1;
            }
            self.data.extend_from_slice(t);
            self.ends.push((self.data.len() - start) as u32);
            col += 1;
        }
        while col < self.width {
            self.ends.push((self.data.len() - start) as u32);
            col += 1;
        }
        self.rows.push((u64::from(row) + 1, start));
    }
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
    let names: Vec<String> = match &options.sheet {
        Some(s) => {
            if !wb.sheet_names().contains(s) {
                return Err(FileError::Spreadsheet {
                    file: file.into(),
                    message: format!("no sheet {s:?}; sheets: {}", wb.sheet_names().join(", ")),
                });
            }
            vec![s.clone()]
        }
        None => wb.sheet_names().to_vec(),
    };
    // First every sheet is read, so that a sheet that cannot be read stops the file before
    // any of its rows are loaded: a file loads whole or not at all. In a workbook of several
    // sheets, a sheet of another shape (a cover, notes) is skipped unless it was chosen or a
    // kind was named.
    let skip_unknown = options.sheet.is_none() && options.kind.is_none();
    let mut cells = 0u64;
    let mut sheets = Vec::new();
    for name in names {
        if let Some(s) = read_sheet(&mut wb, file, &name, options, skip_unknown, &mut cells)? {
            sheets.push(s);
        }
    }
    let mut reports = Vec::new();
    let mut ends = Vec::new();
    for s in sheets {
        let mut sink = Sink::new(s.layout, "xlsx", options);
        for (line, text) in &s.skipped {
            sink.skip(*line, "above_header", &[text.as_str()]);
        }
        for (i, &(line, start)) in s.rows.iter().enumerate() {
            let end = s.rows.get(i + 1).map_or(s.data.len(), |r| r.1);
            ends.clear();
            ends.extend(
                s.ends[i * s.width..(i + 1) * s.width]
                    .iter()
                    .map(|&e| e as usize),
            );
            let fields = Fields::new(&s.data[start..end], &ends);
            if !is_blank(&fields) {
                sink.record(fields, line, &mut store.strings);
                if sink.pending() >= 4096 {
                    sink.flush(store);
                }
            }
        }
        sink.flush(store);
        reports.push(sink.into_report());
    }
    if reports.is_empty() {
        return Err(FileError::UnknownKind {
            file: file.into(),
            headers: Vec::new(),
        });
    }
    Ok(reports)
}
