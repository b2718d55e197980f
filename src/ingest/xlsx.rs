//! XLSX workbooks, read with calamine: every sheet, or the one chosen. Cells typed as dates
//! become `YYYY-MM-DD`; numbers keep their digits; row numbers are the ones Excel shows.

use super::error::FileError;
use super::header::layout;
use super::row::Fields;
use super::sink::{is_blank, Sink};
use super::value::excel_serial_date;
use super::{FileReport, LoadOptions};
use crate::date::format_date;
use crate::store::Store;
use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

/// The text of one cell.
fn cell_text(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 9.0e15 {
                format!("{}", *f as i64)
            } else {
                format!("{f}")
            }
        }
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTime(d) => excel_serial_date(d.as_f64())
            .map(format_date)
            .unwrap_or_else(|| d.as_f64().to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// The sheet names of a workbook.
pub fn sheet_names(file: &str, bytes: &[u8]) -> Result<Vec<String>, FileError> {
    let wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| FileError::Spreadsheet {
        file: file.into(),
        message: e.to_string(),
    })?;
    Ok(wb.sheet_names().to_vec())
}

/// Loads the sheets of a workbook (the one named in `options.sheet`, or every non-empty
/// sheet); one report per sheet.
pub fn load_xlsx(
    store: &mut Store,
    file: &str,
    bytes: &[u8],
    options: &LoadOptions,
) -> Result<Vec<FileReport>, FileError> {
    let err = |e: calamine::XlsxError| FileError::Spreadsheet {
        file: file.into(),
        message: e.to_string(),
    };
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(err)?;
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
    // First every sheet's layout, so that a sheet that cannot be read stops the file before
    // any of its rows are loaded: a file loads whole or not at all.
    let mut plans = Vec::new();
    for name in names {
        let range = wb.worksheet_range(&name).map_err(err)?;
        let Some(start) = range
            .rows()
            .position(|r| r.iter().any(|c| !matches!(c, Data::Empty)))
        else {
            continue;
        };
        let first: Vec<String> = range
            .rows()
            .nth(start)
            .map(|r| r.iter().map(cell_text).collect())
            .unwrap_or_default();
        let l = match layout(
            file,
            Some(&name),
            &first,
            options.kind,
            options.has_header,
            &options.mapping,
        ) {
            Ok(l) => l,
            // In a workbook of several sheets, a sheet of another shape (a cover, notes) is
            // skipped unless it was chosen or a kind was named.
            Err(FileError::UnknownKind { .. })
                if options.sheet.is_none() && options.kind.is_none() =>
            {
                continue
            }
            Err(e) => return Err(e),
        };
        let width = l.headers.len().max(first.len());
        plans.push((range, start, l, width));
    }
    let mut reports = Vec::new();
    for (range, start, l, width) in plans {
        // Excel row number of the range's first row (1-based).
        let first_row = range.start().map_or(0, |(r, _)| r) as u64 + 1;
        let has_header = l.has_header;
        let mut sink = Sink::new(l, "xlsx");
        let mut data = Vec::new();
        let mut ends = Vec::new();
        for (i, r) in range
            .rows()
            .enumerate()
            .skip(start + usize::from(has_header))
        {
            data.clear();
            ends.clear();
            for c in r.iter().take(width) {
                data.extend_from_slice(cell_text(c).as_bytes());
                ends.push(data.len());
            }
            while ends.len() < width {
                ends.push(data.len());
            }
            let fields = Fields::new(&data, &ends);
            if !is_blank(&fields) {
                sink.record(fields, first_row + i as u64, &mut store.strings);
                if sink.pending() >= 4096 {
                    sink.flush(store);
                }
            }
        }
        sink.flush(store);
        reports.push(sink.report);
    }
    if reports.is_empty() {
        return Err(FileError::UnknownKind {
            file: file.into(),
            headers: Vec::new(),
        });
    }
    Ok(reports)
}
