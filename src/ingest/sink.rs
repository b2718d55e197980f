//! Where records of any format go: parsed into a batch, then the batch into the store, each
//! record counted as accepted, duplicate or rejected.

use super::error::{RowError, RowProblem};
use super::header::Layout;
use super::parse::{self, Applied, Parsed};
use super::rejected::{unescape_cell, RejectedRows, REJECTED_HEADER};
use super::row::{Fields, Row};
use super::{notes, FileReport, LoadOptions, MAX_ERRORS};
use crate::store::Store;
use crate::strpool::StrPool;

/// Records parsed and not yet in the store (their texts are already in its pool, but for
/// addresses, held here).
#[derive(Default)]
pub(crate) struct Batch {
    records: Vec<Parsed>,
    addresses: StrPool,
    /// The file and sheet the records come from (for where a registration was read).
    file: String,
    sheet: Option<String>,
    /// Rows rejected when their records went into the store (a roster id held with other
    /// content), for whoever applied them to count ([`reject_late`]).
    pub rejected: Vec<Late>,
}

/// A row rejected when its record went into the store, with the warnings (see
/// [`Row::warnings`]) it was counted with when parsed, which [`reject_late`] takes back.
#[derive(Debug)]
pub(crate) struct Late {
    pub error: RowError,
    pub warnings: u64,
}

impl Batch {
    /// Number of records held.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Adds every record to the store; returns (accepted, duplicates). A registration
    /// repeating a USCC is neither: it waits in the store for [`resolve_repeats`]; nor is a
    /// roster entry whose id is held with other content: its row's error is kept in
    /// [`Batch::rejected`].
    pub fn apply(&mut self, store: &mut Store) -> (u64, u64) {
        let (mut accepted, mut duplicates) = (0, 0);
        if self.records.is_empty() {
            return (0, 0);
        }
        let source = store.source_id(&self.file, self.sheet.as_deref());
        for r in self.records.drain(..) {
            match r.apply(&self.addresses, store, source) {
                Applied::Added => accepted += 1,
                Applied::Duplicate => duplicates += 1,
                Applied::Pending => {}
                Applied::Rejected(e, warnings) => self.rejected.push(Late {
                    error: *e,
                    warnings,
                }),
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
    /// The warnings of the row being parsed (see [`Row::warnings`]).
    row_warnings: std::cell::Cell<u64>,
    /// Records parsed since the last [`Sink::flush`].
    batch: Batch,
    /// Every rejected row (the report keeps the first `max_errors` in full).
    rejected: RejectedRows,
    max_errors: usize,
    /// The file is a rejected-rows CSV the toolkit wrote: its cells are unescaped.
    unescape: bool,
    /// Rows rejected when their records went into the store ([`Batch::rejected`]), counted
    /// in the report by [`Sink::into_report`].
    late: Vec<Late>,
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
            conflicts: 0,
            conflict_rows: Vec::new(),
            conflict_rule: (layout.kind == crate::records::RecordKind::Registration)
                .then_some(notes::CONFLICT_RULE),
            conflict_rule_zh: (layout.kind == crate::records::RecordKind::Registration)
                .then_some(notes::CONFLICT_RULE_ZH),
            skipped: 0,
            skipped_rows: Vec::new(),
            warned: 0,
            warnings: Vec::new(),
            rejected: 0,
            rejected_by_reason: Default::default(),
            rejected_by_column: Default::default(),
            unknown_columns: layout.unknown.clone(),
            errors: Vec::new(),
            rejected_rows: Default::default(),
        };
        let (layout_file, layout_sheet) = (layout.file.clone(), layout.sheet.clone());
        Sink {
            unescape: layout.has_header
                && layout.headers.last().map(String::as_str) == Some(REJECTED_HEADER),
            layout,
            report,
            last_uscc: Default::default(),
            row_warnings: Default::default(),
            batch: Batch {
                file: layout_file,
                sheet: layout_sheet,
                ..Batch::default()
            },
            rejected: RejectedRows::default(),
            max_errors: options.max_errors.unwrap_or(MAX_ERRORS),
            late: Vec::new(),
        }
    }

    /// The report, with every rejected row.
    pub fn into_report(mut self) -> FileReport {
        self.report.rejected_rows = std::sync::Arc::new(self.rejected);
        reject_late(&mut self.report, self.late, self.max_errors);
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
    pub fn take_batch(&mut self, mut spare: Batch) -> Batch {
        spare.file.clone_from(&self.batch.file);
        spare.sheet.clone_from(&self.batch.sheet);
        std::mem::replace(&mut self.batch, spare)
    }

    /// Adds the records parsed so far to the store and counts them.
    pub fn flush(&mut self, store: &mut Store) {
        let (accepted, duplicates) = self.batch.apply(store);
        self.report.accepted += accepted;
        self.report.duplicates += duplicates;
        self.late.append(&mut self.batch.rejected);
        resolve_repeats(store, &mut self.report, self.max_errors);
    }

    /// Counts a row skipped as a title, note or total (`reason`: see [`notes::SKIP_REASONS`]),
    /// keeping its text.
    pub fn skip(&mut self, line: u64, reason: &'static str, cells: &[&str]) {
        let r = &mut self.report;
        r.rows_read += 1;
        r.skipped += 1;
        if r.skipped_rows.len() < notes::SKIPPED_KEPT {
            r.skipped_rows.push(notes::SkippedRow {
                line,
                reason,
                text: notes::row_text(cells),
            });
        }
    }

    /// Counts the warnings of an accepted row (`mask`: see [`Row::warnings`]).
    fn warn(&mut self, mask: u64, fields: &Fields, line: u64) {
        self.report.warned += 1;
        let cols = self.layout.kind.columns();
        for col in 0..64 {
            if mask & (1 << col) == 0 {
                continue;
            }
            let (c, reason) = if 1u64 << col == super::row::REGION_BIT {
                (0, "unknown_region")
            } else if cols.get(col).is_some_and(|c| c.key == "industry") {
                (col, "unknown_industry")
            } else {
                (col, "other_term")
            };
            let Some(f) = self.layout.fields.get(c).copied().flatten() else {
                continue;
            };
            let value = fields.get_str(f).unwrap_or("").trim().to_string();
            let header = self.layout.headers.get(f).cloned().unwrap_or_default();
            let key = cols[c].key;
            let at = match self
                .report
                .warnings
                .iter()
                .position(|w| w.key == key && w.reason == reason)
            {
                Some(i) => i,
                None => {
                    let (message, message_zh) = warning_words(self.layout.kind, c, reason);
                    self.report.warnings.push(notes::ColumnWarning {
                        column: header,
                        key,
                        reason,
                        message,
                        message_zh,
                        count: 0,
                        examples: Vec::new(),
                    });
                    self.report.warnings.len() - 1
                }
            };
            let w = &mut self.report.warnings[at];
            w.count += 1;
            if w.examples.len() < notes::WARNING_EXAMPLES {
                w.examples.push(notes::WarningExample { line, value });
            }
        }
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
        self.row_warnings.set(0);
        let row = Row {
            layout: &self.layout,
            fields,
            line,
            record: self.report.rows_read,
            last_uscc: &self.last_uscc,
            warnings: &self.row_warnings,
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
            Ok(parsed) => {
                self.batch.records.push(parsed);
                let mask = self.row_warnings.get();
                if mask != 0 {
                    self.warn(mask, &fields, line);
                }
            }
            Err(e) => {
                // A 合计/备注 line is no record: skipped with its text, unless it holds a
                // valid USCC (then it is a record, and its problem is reported).
                let cells: Vec<&str> = (0..fields.len())
                    .map(|i| fields.get_str(i).unwrap_or(""))
                    .collect();
                if notes::is_summary(&cells) && !self.holds_uscc(&fields) {
                    self.report.rows_read -= 1;
                    self.skip(line, "summary", &cells);
                } else {
                    self.reject(*e, &fields)
                }
            }
        }
    }

    /// Whether the row's USCC column holds a valid USCC (never for a planning kind, which
    /// has none).
    fn holds_uscc(&self, fields: &Fields) -> bool {
        if self.layout.kind.is_planning() {
            return false;
        }
        self.layout.fields[0]
            .and_then(|f| fields.get_str(f))
            .is_some_and(|t| crate::uscc::Uscc::parse(&crate::text::halfwidth(t.trim())).is_ok())
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

/// The words of a warning on column `col` of `kind`.
fn warning_words(kind: crate::records::RecordKind, col: usize, reason: &str) -> (String, String) {
    if reason == "unknown_region" {
        return (
            "positions 3–8 of the USCC are no GB/T 2260 region code, current or abolished: \
             the rows are accepted"
                .into(),
            "统一社会信用代码第3–8位不是 GB/T 2260 现行或已撤销的行政区划代码：已接受".into(),
        );
    }
    if kind.columns().get(col).map(|c| c.key) == Some("entity_types") {
        return (
            "an entry names no entity type (公司, 个体工商户, 农民专业合作社…, a national type code, \
             企业): the rows are accepted, the entry left out (a cell that names no type applies \
             to every type)"
                .into(),
            "有条目不是可识别的市场主体类型（公司、个体工商户、农民专业合作社……、国家类型代码、企业）：\
             已接受，该条目不计（未列出任何类型即适用于所有类型）"
                .into(),
        );
    }
    if reason == "unknown_industry" {
        return (
            "not a GB/T 4754-2017 industry (a 门类 letter, a 2-, 3- or 4-digit code with or \
             without its letter, or a name of the table): the rows are accepted, the text kept \
             as written"
                .into(),
            "不是 GB/T 4754-2017 国民经济行业分类的门类字母、代码或名称：已接受，按原文保留".into(),
        );
    }
    let (code, zh) = super::parse::read_as(kind, col);
    (
        format!(
            "not a recognised term: the rows are accepted, the text kept as written and read as \
             {zh} ({code})"
        ),
        format!("不是可识别的取值：已接受，按原文保留，归为“{zh}”"),
    )
}

/// Counts rows rejected when their records went into the store (see [`Batch::rejected`]) in
/// `report` and puts them among its other rejected rows, in line order (so are its first
/// `max` errors).
pub(crate) fn reject_late(report: &mut FileReport, late: Vec<Late>, max: usize) {
    if late.is_empty() {
        return;
    }
    let mut rows = std::mem::take(std::sync::Arc::make_mut(&mut report.rejected_rows));
    let mut data = Vec::new();
    let mut ends = Vec::new();
    for Late { error: e, warnings } in late {
        if warnings != 0 {
            unwarn(report, warnings, e.line);
        }
        report.rejected += 1;
        *report
            .rejected_by_reason
            .entry(e.reason.to_string())
            .or_default() += 1;
        if !e.column.is_empty() {
            *report
                .rejected_by_column
                .entry(e.column.clone())
                .or_default() += 1;
        }
        data.clear();
        ends.clear();
        for c in &e.raw {
            data.extend_from_slice(c.as_bytes());
            ends.push(data.len());
        }
        rows.push(&e, &Fields::new(&data, &ends));
    }
    rows.sort_by_line();
    report.errors = (0..rows.len().min(max))
        .map(|i| {
            let (raw, mut e) = rows.get(i, &report.file, report.sheet.as_deref());
            e.raw = raw;
            e
        })
        .collect();
    report.rejected_rows = std::sync::Arc::new(rows);
}

/// Takes back the warnings (a [`Row::warnings`] mask) of the row on `line`, rejected after
/// they were counted: a warned row is an accepted one.
fn unwarn(report: &mut FileReport, mask: u64, line: u64) {
    report.warned = report.warned.saturating_sub(1);
    let cols = report.kind.columns();
    for col in 0..64 {
        if mask & (1 << col) == 0 {
            continue;
        }
        let (key, reason) = if 1u64 << col == super::row::REGION_BIT {
            (cols[0].key, "unknown_region")
        } else {
            match cols.get(col) {
                Some(c) => (c.key, "other_term"),
                None => continue,
            }
        };
        if let Some(w) = report
            .warnings
            .iter_mut()
            .find(|w| w.key == key && w.reason == reason)
        {
            w.count = w.count.saturating_sub(1);
            if let Some(i) = w.examples.iter().position(|x| x.line == line) {
                w.examples.remove(i);
            }
        }
    }
    report.warnings.retain(|w| w.count > 0);
}

/// Sorts the registrations repeating a USCC (kept in the store by [`Batch::apply`]) into
/// duplicates (the same name, type and status) and conflicts, listed with both lines.
pub(crate) fn resolve_repeats(store: &mut Store, report: &mut FileReport, max: usize) {
    let repeats = store.take_repeats();
    for r in repeats {
        let Some(held) = store.registration(r.ent) else {
            continue;
        };
        let text = |id| store.strings.get(id).trim().to_string();
        let mut differs = Vec::new();
        if text(held.name) != text(r.reg.name) {
            differs.push("name");
        }
        if held.entity_type != r.reg.entity_type {
            differs.push("entity_type");
        }
        if held.status != r.reg.status {
            differs.push("status");
        }
        if differs.is_empty() {
            report.duplicates += 1;
            continue;
        }
        report.conflicts += 1;
        if report.conflict_rows.len() >= max {
            continue;
        }
        let (file, sheet, line) = store
            .registration_origin(r.ent)
            .map(|(f, s, l)| (f.to_string(), s.map(str::to_string), u64::from(l)))
            .unwrap_or_default();
        let line_of = |reg: &crate::records::Registration, file, sheet, line| notes::ConflictLine {
            file,
            sheet,
            line,
            name: text(reg.name),
            entity_type: text(reg.entity_type_text),
            status: text(reg.status_text),
        };
        let kept = line_of(held, file, sheet, line);
        let repeat = line_of(
            &r.reg,
            report.file.clone(),
            report.sheet.clone(),
            u64::from(r.line),
        );
        report.conflict_rows.push(notes::Conflict {
            uscc: store.uscc(r.ent).as_str().to_string(),
            differs,
            kept,
            repeat,
        });
    }
}

/// Whether a record is blank (every field empty or white space): skipped, not counted.
pub(crate) fn is_blank(fields: &Fields) -> bool {
    (0..fields.len()).all(|i| fields.get(i).iter().all(u8::is_ascii_whitespace))
}
