//! OpenDocument spreadsheets (`.ods`, as LibreOffice and WPS save them), read from their
//! `content.xml` as a stream and loaded as `.xlsx` is: the same header search, skipped rows,
//! reports and limits.
//!
//! Not calamine's reader: it builds each sheet as a dense range (a row of one value repeated
//! over a million rows is a million rows held at once) and repeats a `<text:s text:c="…"/>`
//! space as often as the file says. Here a repeated row or cell counts as often as it is
//! repeated against [`LoadOptions::xlsx_max_cells`], empty repeats (LibreOffice's trailing
//! `number-rows-repeated="1048553"`) cost nothing, a cell past XFD1048576 is refused, and a
//! run of spaces is at most [`MAX_SPACES`]. The zip's parts are checked as a workbook's
//! (their declared size at most [`LoadOptions::xlsx_max_bytes`]).

use super::error::FileError;
use super::sheet::{self, SheetBuilder, SheetRows};
use super::xlsx::{MAX_COL, MAX_ROW, XLSX_MAX_CELLS};
use super::{FileReport, LoadOptions, ODS_MIMETYPE};
use crate::store::Store;
use quick_xml::events::{BytesStart, Event};
use std::io::{BufReader, Cursor, Read};

/// The most spaces one `<text:s>` adds.
pub const MAX_SPACES: u64 = 1024;

fn spreadsheet_error(file: &str, message: impl std::fmt::Display) -> FileError {
    FileError::Spreadsheet {
        file: file.into(),
        message: message.to_string(),
    }
}

/// What the walk through `content.xml` meets.
enum Ev<'a> {
    /// A sheet begins; the answer says whether its rows are wanted.
    Table(&'a str),
    /// A row with values: its index (0-based), its cells (column, text) and how many times
    /// it repeats.
    Row(u64, &'a [(u64, Vec<u8>)], u64),
    /// The sheet ends.
    EndTable,
}

/// The value of the attribute whose local name is `key`, unescaped.
fn attr(e: &BytesStart, key: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.clone().into_owned())
        })
}

/// A repeat count (`number-rows-repeated`, `number-columns-repeated`): 1 when absent or not
/// a positive number.
fn repeats(e: &BytesStart, key: &str) -> u64 {
    attr(e, key)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(1)
}

/// Writes a number as the `.xlsx` reader writes the same cell.
fn push_number(text: &str, out: &mut Vec<u8>) {
    use std::io::Write;
    match text.trim().parse::<f64>() {
        Ok(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => {
            let _ = write!(out, "{}", f as i64);
        }
        Ok(f) => {
            let _ = write!(out, "{f}");
        }
        Err(_) => out.extend_from_slice(text.as_bytes()),
    }
}

/// The text of a cell from its content (paragraphs on lines of their own, `<text:s>`
/// spaces, tabs, line breaks; annotations left out), read up to the cell's end.
fn cell_text<R: std::io::BufRead>(
    xml: &mut quick_xml::Reader<R>,
    out: &mut Vec<u8>,
) -> Result<(), quick_xml::Error> {
    let mut buf = Vec::new();
    let mut paragraphs = 0usize;
    let mut depth = 0usize;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf)? {
            Event::Start(e) => {
                depth += 1;
                match e.local_name().as_ref() {
                    "annotation" => {
                        let mut skip = Vec::new();
                        xml.read_to_end_into(e.name(), &mut skip)?;
                        depth -= 1;
                    }
                    "p" | "h" => {
                        if paragraphs > 0 {
                            out.push(b'\n');
                        }
                        paragraphs += 1;
                    }
                    _ => {}
                }
            }
            Event::Empty(e) => match e.local_name().as_ref() {
                "s" => {
                    let n = repeats(&e, "c").min(MAX_SPACES) as usize;
                    out.extend(std::iter::repeat_n(b' ', n));
                }
                "tab" => out.push(b'\t'),
                "line-break" => out.push(b'\n'),
                "p" | "h" => {
                    if paragraphs > 0 {
                        out.push(b'\n');
                    }
                    paragraphs += 1;
                }
                _ => {}
            },
            Event::Text(t) => {
                out.extend_from_slice(t.xml10_content().as_bytes());
            }
            Event::GeneralRef(r) => {
                if let Some(s) = quick_xml::escape::resolve_predefined_entity(&r) {
                    out.extend_from_slice(s.as_bytes());
                } else if let Ok(Some(c)) = r.resolve_char_ref() {
                    let mut b = [0; 4];
                    out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
                }
            }
            Event::CData(t) => out.extend_from_slice(t.as_bytes()),
            Event::End(_) => {
                if depth == 0 {
                    return Ok(());
                }
                depth -= 1;
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// The text of a cell element: its typed value (a number as written by the `.xlsx` reader, a
/// date's day, 是/否) or else its text content, read to its end when it has content.
fn read_cell<R: std::io::BufRead>(
    xml: &mut quick_xml::Reader<R>,
    e: &BytesStart,
    has_content: bool,
    out: &mut Vec<u8>,
) -> Result<(), quick_xml::Error> {
    let kind = attr(e, "value-type");
    let typed = match kind.as_deref() {
        Some("float" | "percentage" | "currency") => attr(e, "value").map(|v| {
            push_number(&v, out);
        }),
        Some("date") => attr(e, "date-value").map(|v| {
            out.extend_from_slice(v.get(..10).unwrap_or(&v).as_bytes());
        }),
        Some("boolean") => attr(e, "boolean-value").map(|v| {
            let yes = v.eq_ignore_ascii_case("true") || v == "1";
            out.extend_from_slice(if yes { "是" } else { "否" }.as_bytes());
        }),
        Some("string") => attr(e, "string-value").map(|v| out.extend_from_slice(v.as_bytes())),
        _ => None,
    };
    if has_content {
        if typed.is_some() {
            let mut skip = Vec::new();
            xml.read_to_end_into(e.name(), &mut skip)?;
        } else {
            cell_text(xml, out)?;
        }
    }
    Ok(())
}

/// Walks `content.xml`, telling `f` of each sheet and each row with values. Rows of empty
/// cells only advance the row number, cells of nothing only the column.
fn walk(
    file: &str,
    content: impl Read,
    f: &mut dyn FnMut(Ev) -> Result<bool, FileError>,
) -> Result<(), FileError> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::with_capacity(64 * 1024, content));
    xml.config_mut().check_end_names = false;
    let xml_error = |e: quick_xml::Error| spreadsheet_error(file, format!("content.xml: {e}"));
    let mut buf = Vec::new();
    // In a wanted sheet: the next row's index; in a sheet not wanted: None.
    let mut table: Option<Option<u64>> = None;
    // The row being read: its cells, its next column, its repeats.
    let mut cells: Vec<(u64, Vec<u8>)> = Vec::new();
    let mut spare: Vec<Vec<u8>> = Vec::new();
    let mut col = 0u64;
    let mut row_repeats = 1u64;
    loop {
        buf.clear();
        let (e, empty) = match xml.read_event_into(&mut buf).map_err(xml_error)? {
            Event::Start(e) => (e.into_owned(), false),
            Event::Empty(e) => (e.into_owned(), true),
            Event::End(e) => {
                match (e.local_name().as_ref(), table) {
                    ("table", Some(_)) => {
                        table = None;
                        f(Ev::EndTable)?;
                    }
                    ("table-row", Some(Some(row))) => {
                        if !cells.is_empty() {
                            f(Ev::Row(row, &cells, row_repeats))?;
                            spare.extend(cells.drain(..).map(|(_, t)| t));
                        }
                        table = Some(Some(row.saturating_add(row_repeats)));
                    }
                    _ => {}
                }
                continue;
            }
            Event::Eof => return Ok(()),
            _ => continue,
        };
        match (e.local_name().as_ref(), table) {
            ("table", None) => {
                let name = attr(&e, "name").unwrap_or_default();
                let wanted = f(Ev::Table(&name))?;
                table = Some(wanted.then_some(0));
                if empty {
                    table = None;
                    f(Ev::EndTable)?;
                }
            }
            ("table", Some(_)) if !empty => {
                // A table inside a cell: not a sheet.
                xml.read_to_end_into(e.name(), &mut Vec::new())
                    .map_err(xml_error)?;
            }
            ("table-row", Some(Some(row))) => {
                cells.clear();
                col = 0;
                row_repeats = repeats(&e, "number-rows-repeated");
                if empty {
                    table = Some(Some(row.saturating_add(row_repeats)));
                }
            }
            ("table-cell" | "covered-table-cell", Some(Some(_))) => {
                let n = repeats(&e, "number-columns-repeated");
                let mut text = spare.pop().unwrap_or_default();
                text.clear();
                read_cell(&mut xml, &e, !empty, &mut text).map_err(xml_error)?;
                if text.is_empty() {
                    spare.push(text);
                } else {
                    // Copies up to the first past XFD (which the row's check refuses); none
                    // after one is there.
                    if cells.last().is_none_or(|(c, _)| *c <= u64::from(MAX_COL)) {
                        let copies = n.min((u64::from(MAX_COL) + 1).saturating_sub(col) + 1);
                        for k in 0..copies {
                            cells.push((col + k, text.clone()));
                        }
                    }
                    spare.push(text);
                }
                col = col.saturating_add(n);
            }
            // Rows of a sheet not wanted are not read.
            ("table-row" | "table-cell" | "covered-table-cell", Some(None)) if !empty => {
                xml.read_to_end_into(e.name(), &mut Vec::new())
                    .map_err(xml_error)?;
            }
            ("annotation", _) if !empty => {
                xml.read_to_end_into(e.name(), &mut Vec::new())
                    .map_err(xml_error)?;
            }
            _ => {}
        }
    }
}

/// Opens the zip after the workbook checks, and checks that it is a spreadsheet.
fn open<'a>(
    file: &str,
    bytes: &'a [u8],
    options: &LoadOptions,
) -> Result<zip::ZipArchive<Cursor<&'a [u8]>>, FileError> {
    super::xlsx::precheck(file, bytes, options, false)?;
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| spreadsheet_error(file, e))?;
    if let Ok(m) = zip.by_name("mimetype") {
        let mut head = Vec::new();
        m.take(128)
            .read_to_end(&mut head)
            .map_err(|e| spreadsheet_error(file, e))?;
        if head.trim_ascii() != ODS_MIMETYPE {
            return Err(spreadsheet_error(
                file,
                format!(
                    "an OpenDocument file of another kind ({}), not a spreadsheet",
                    String::from_utf8_lossy(&head).trim()
                ),
            ));
        }
    }
    Ok(zip)
}

/// The content part of an open spreadsheet.
fn content<'z, 'a>(
    file: &str,
    zip: &'z mut zip::ZipArchive<Cursor<&'a [u8]>>,
) -> Result<zip::read::ZipFile<'z, Cursor<&'a [u8]>>, FileError> {
    zip.by_name("content.xml")
        .map_err(|e| spreadsheet_error(file, format!("content.xml: {e}")))
}

/// The sheet names of an `.ods` spreadsheet.
pub fn sheet_names(file: &str, bytes: &[u8]) -> Result<Vec<String>, FileError> {
    let mut zip = open(file, bytes, &LoadOptions::default())?;
    let mut names = Vec::new();
    walk(file, content(file, &mut zip)?, &mut |ev| {
        if let Ev::Table(name) = ev {
            names.push(name.to_string());
        }
        Ok(false)
    })?;
    Ok(names)
}

/// Loads the sheets of an `.ods` spreadsheet (the one named in `options.sheet`, or every
/// sheet); one report per sheet.
pub fn load_ods(
    store: &mut Store,
    file: &str,
    bytes: &[u8],
    options: &LoadOptions,
) -> Result<Vec<FileReport>, FileError> {
    let mut zip = open(file, bytes, options)?;
    let max_cells = options.xlsx_max_cells.unwrap_or(XLSX_MAX_CELLS);
    let skip_unknown = sheet::skip_unknown(options);
    let mut cells = 0u64;
    let mut names = Vec::new();
    let mut sheets: Vec<SheetRows> = Vec::new();
    let mut current: Option<SheetBuilder> = None;
    walk(file, content(file, &mut zip)?, &mut |ev| match ev {
        Ev::Table(name) => {
            names.push(name.to_string());
            let wanted = options.sheet.as_deref().is_none_or(|s| s == name);
            current = wanted.then(|| SheetBuilder::new(file, name, options, skip_unknown));
            Ok(wanted)
        }
        Ev::Row(row, row_cells, times) => {
            let Some(b) = current.as_mut().filter(|b| !b.skipped()) else {
                return Ok(true);
            };
            let sheet = || names.last().cloned();
            cells = cells.saturating_add((row_cells.len() as u64).saturating_mul(times));
            if cells > max_cells {
                return Err(FileError::Limit {
                    file: file.into(),
                    sheet: sheet(),
                    what: format!("more than {max_cells} cells (xlsxMaxCells)"),
                });
            }
            let last_row = row.saturating_add(times - 1);
            let last_col = row_cells.iter().map(|(c, _)| *c).max().unwrap_or(0);
            if last_row > u64::from(MAX_ROW) || last_col > u64::from(MAX_COL) {
                return Err(FileError::Limit {
                    file: file.into(),
                    sheet: sheet(),
                    what: format!(
                        "a cell at row {}, column {} lies beyond XFD1048576",
                        last_row + 1,
                        last_col + 1
                    ),
                });
            }
            // Both below XFD1048576: they fit.
            for r in row..=last_row {
                for (c, t) in row_cells {
                    b.cell(r as u32, *c as u32, |out| out.extend_from_slice(t))?;
                }
                if b.skipped() {
                    break;
                }
            }
            Ok(true)
        }
        Ev::EndTable => {
            if let Some(s) = current
                .take()
                .map(SheetBuilder::finish)
                .transpose()?
                .flatten()
            {
                sheets.push(s);
            }
            Ok(true)
        }
    })?;
    sheet::chosen(file, &names, options)?;
    sheet::load_sheets(store, file, "ods", sheets, options)
}
