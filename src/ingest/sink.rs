//! Where records of any format go: parsed into a batch, then the batch into the store, each
//! record counted as accepted, duplicate or rejected.

use super::error::RowProblem;
use super::header::Layout;
use super::parse::{self, Parsed};
use super::rejected::{unescape_cell, RejectedRows, REJECTED_HEADER};
use super::row::{Fields, Row};
use super::{FileReport, LoadOptions, MAX_ERRORS};
use crate::store::Store;
use crate::strpool::StrPool;

/// Records parsed and not yet in the store (their texts are already in its pool, but for
/// addresses, held here).
#[derive(Default)]
pub(crate) struct Batch {
    records: Vec<Parsed>,
    addresses: StrPool,
}

impl Batch {
    /// Number of records held.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Adds every record to the store; returns (accepted, duplicates).
    pub fn apply(&mut self, store: &mut Store) -> (u64, u64) {
        let (mut accepted, mut duplicates) = (0, 0);
        for r in self.records.drain(..) {
            if r.apply(&self.addresses, store) {
                accepted += 1;
            } else {
                duplicates += 1;
            }
        }
        self.addresses.clear();
        (accepted, duplicates)
    }
}

/// Receives the records of one file (or sheet).
pub(crate) struct Sink {
    pub layout: Layout,
    pub report: FileReport,
    last_uscc: std::cell::RefCell<(Vec<u8>, Option<crate::uscc::Uscc>)>,
    /// Records parsed since the last [`Sink::flush`].
    batch: Batch,
    /// Every rejected row (the report keeps the first `max_errors` in full).
    rejected: RejectedRows,
    max_errors: usize,
    /// The file is a rejected-rows CSV the toolkit wrote: its cells are unescaped.
    unescape: bool,
}

impl Sink {
    /// A sink for a file whose layout is known.
    pub fn new(layout: Layout, format: &'static str, options: &LoadOptions) -> Self {
        let report = FileReport {
            file: layout.file.clone(),
            sheet: layout.sheet.clone(),
            format,
            encoding: None,
            encoding_reason: None,
            encoding_reason_zh: None,
            delimiter: None,
            kind: layout.kind,
            kind_zh: layout.kind.zh(),
            has_header: layout.has_header,
            headers: layout.headers.clone(),
            rows_read: 0,
            accepted: 0,
            duplicates: 0,
            rejected: 0,
            rejected_by_reason: Default::default(),
            rejected_by_column: Default::default(),
            unknown_columns: layout.unknown.clone(),
            errors: Vec::new(),
            rejected_rows: Default::default(),
        };
        Sink {
            unescape: layout.has_header
                && layout.headers.last().map(String::as_str) == Some(REJECTED_HEADER),
            layout,
            report,
            last_uscc: Default::default(),
            batch: Batch::default(),
            rejected: RejectedRows::default(),
            max_errors: options.max_errors.unwrap_or(MAX_ERRORS),
        }
    }

    /// The report, with every rejected row.
    pub fn into_report(mut self) -> FileReport {
        self.report.rejected_rows = std::sync::Arc::new(self.rejected);
        self.report
    }

    /// Records parsed and not yet applied.
    pub fn pending(&self) -> usize {
        self.batch.len()
    }

    /// Takes the records parsed so far, to be applied elsewhere (e.g. on another thread),
    /// leaving `spare` (an emptied batch, to reuse its memory) in their place; whoever
    /// applies them adds the counts to the report.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn take_batch(&mut self, spare: Batch) -> Batch {
        std::mem::replace(&mut self.batch, spare)
    }

    /// Adds the records parsed so far to the store and counts them.
    pub fn flush(&mut self, store: &mut Store) {
        let (accepted, duplicates) = self.batch.apply(store);
        self.report.accepted += accepted;
        self.report.duplicates += duplicates;
    }

    /// Parses one record that starts on `line` into the batch (rejected at once when it is
    /// not valid), its texts into `strings` (the store's pool).
    pub fn record(&mut self, fields: Fields, line: u64, strings: &mut StrPool) {
        if self.unescape {
            // A rejected-rows CSV the toolkit wrote: each cell back to what was read.
            let mut data = Vec::with_capacity(fields.data.len());
            let mut ends = Vec::with_capacity(fields.len());
            for i in 0..fields.len() {
                match fields.get_str(i) {
                    Some(t) => data.extend_from_slice(unescape_cell(t).as_bytes()),
                    None => data.extend_from_slice(fields.get(i)),
                }
                ends.push(data.len());
            }
            return self.record_fields(Fields::new(&data, &ends), line, strings);
        }
        self.record_fields(fields, line, strings)
    }

    fn record_fields(&mut self, fields: Fields, line: u64, strings: &mut StrPool) {
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
        } else if fields.text.is_none() {
            // Bytes that do not decode, in whichever field: the row is rejected (a column
            // the parser does not read would otherwise let them pass unseen).
            Err(self.undecodable(&row))
        } else {
            parse::parse_row(self.layout.kind, &row, strings, &mut self.batch.addresses)
        };
        match result {
            Ok(parsed) => self.batch.records.push(parsed),
            Err(e) => self.reject(*e, &fields),
        }
    }

    /// The error of a row with a field that is not valid text: the first such field.
    fn undecodable(&self, row: &Row) -> Box<super::error::RowError> {
        let bad = (0..row.fields.len())
            .find(|&i| row.fields.get_str(i).is_none())
            .unwrap_or(0);
        // The documented column of that field, if any (for its header and value).
        match self.layout.fields.iter().position(|f| *f == Some(bad)) {
            Some(col) => row.error(Some(col), RowProblem::Encoding),
            None => {
                let mut e = row.error(None, RowProblem::Encoding);
                e.column = self.layout.headers.get(bad).cloned().unwrap_or_default();
                e.value = String::from_utf8_lossy(row.fields.get(bad)).into_owned();
                e
            }
        }
    }

    /// Counts and keeps a rejected row.
    fn reject(&mut self, e: super::error::RowError, fields: &Fields) {
        let r = &mut self.report;
        r.rejected += 1;
        *r.rejected_by_reason
            .entry(e.reason.to_string())
            .or_default() += 1;
        if !e.column.is_empty() {
            *r.rejected_by_column.entry(e.column.clone()).or_default() += 1;
        }
        self.rejected.push(&e, fields);
        if r.errors.len() < self.max_errors {
            r.errors.push(e);
        }
    }
}

/// Whether a record is blank (every field empty or white space): skipped, not counted.
pub(crate) fn is_blank(fields: &Fields) -> bool {
    (0..fields.len()).all(|i| fields.get(i).iter().all(u8::is_ascii_whitespace))
}
