//! Where records of any format go: parsed into the store, each one counted as accepted,
//! duplicate or rejected.

use super::error::RowProblem;
use super::header::Layout;
use super::parse;
use super::row::{Fields, Row};
use super::FileReport;
use crate::store::Store;

/// Receives the records of one file (or sheet).
pub(crate) struct Sink {
    pub layout: Layout,
    pub report: FileReport,
    last_uscc: std::cell::RefCell<(Vec<u8>, Option<crate::uscc::Uscc>)>,
}

impl Sink {
    /// A sink for a file whose layout is known.
    pub fn new(layout: Layout, format: &'static str) -> Self {
        let report = FileReport {
            file: layout.file.clone(),
            sheet: layout.sheet.clone(),
            format,
            encoding: None,
            delimiter: None,
            kind: layout.kind,
            kind_zh: layout.kind.zh(),
            has_header: layout.has_header,
            headers: layout.headers.clone(),
            rows_read: 0,
            accepted: 0,
            duplicates: 0,
            rejected: 0,
            unknown_columns: layout.unknown.clone(),
            errors: Vec::new(),
        };
        Sink {
            layout,
            report,
            last_uscc: Default::default(),
        }
    }

    /// Parses one record that starts on `line`.
    pub fn record(&mut self, store: &mut Store, fields: Fields, line: u64) {
        self.report.rows_read += 1;
        let row = Row {
            layout: &self.layout,
            fields,
            line,
            record: self.report.rows_read,
            last_uscc: &self.last_uscc,
        };
        let expected = self.layout.headers.len();
        let result = if self.layout.has_header && fields.len() != expected {
            Err(row.error(
                None,
                RowProblem::FieldCount {
                    found: fields.len(),
                    expected,
                },
            ))
        } else {
            parse::add_row(self.layout.kind, &row, store)
        };
        match result {
            Ok(true) => self.report.accepted += 1,
            Ok(false) => self.report.duplicates += 1,
            Err(e) => {
                self.report.rejected += 1;
                self.report.errors.push(*e);
            }
        }
    }
}

/// Whether a record is blank (every field empty or white space): skipped, not counted.
pub(crate) fn is_blank(fields: &Fields) -> bool {
    (0..fields.len()).all(|i| fields.get(i).iter().all(u8::is_ascii_whitespace))
}
