//! Where records of any format go: parsed into a batch, then the batch into the store, each
//! record counted as accepted, duplicate or rejected.

use super::error::RowProblem;
use super::header::Layout;
use super::parse::{self, Parsed};
use super::row::{Fields, Row};
use super::FileReport;
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
            batch: Batch::default(),
        }
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
            parse::parse_row(self.layout.kind, &row, strings, &mut self.batch.addresses)
        };
        match result {
            Ok(parsed) => self.batch.records.push(parsed),
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
