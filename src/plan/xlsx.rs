//! The plan as a workbook: CSV files the plan module wrote (the internal plan, the public
//! list) as sheets of one XLSX — header row bold and frozen, every cell text, columns sized to
//! their text. The workbook's creation time is the plan's as-of date, so the same plan gives
//! the same bytes natively and in WebAssembly.

use crate::date::Date;
use chrono::Datelike;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

/// A workbook of the given (sheet name, CSV bytes) pairs, created "on" `created`. A CSV cell
/// made formula-safe ([`crate::text::formula_safe`]: a `'` before `=`, `+`, `-`, `@`…) is
/// written without the `'`: a workbook's text cell is never a formula.
pub fn workbook(sheets: &[(&str, &[u8])], created: Date) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let when = ExcelDateTime::from_ymd(
        created.year() as u16,
        created.month() as u8,
        created.day() as u8,
    )?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&when));
    let bold = Format::new().set_bold();
    for (name, csv_bytes) in sheets {
        let sheet = wb.add_worksheet().set_name(*name)?;
        let body = csv_bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(csv_bytes);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(body);
        let mut widths: Vec<usize> = Vec::new();
        for (r, rec) in reader.records().enumerate() {
            let Ok(rec) = rec else { continue };
            for (c, v) in rec.iter().enumerate() {
                let v = match v.strip_prefix('\'') {
                    Some(rest) if crate::text::formula_safe(rest) != rest => rest,
                    _ => v,
                };
                if r == 0 {
                    sheet.write_string_with_format(0, c as u16, v, &bold)?;
                } else if !v.is_empty() {
                    sheet.write_string(r as u32, c as u16, v)?;
                }
                if widths.len() <= c {
                    widths.resize(c + 1, 0);
                }
                widths[c] = widths[c].max(v.chars().count().min(60));
            }
        }
        for (c, w) in widths.iter().enumerate() {
            sheet.set_column_width(c as u16, (*w as f64 * 1.8).max(8.0))?;
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    wb.save_to_buffer()
}
