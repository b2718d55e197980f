//! The load report the command line prints on standard error, one block per file (or sheet):
//! the counts, the first rejected rows, and for warnings, skipped rows and conflicts the count
//! and a first example of each kind.

use credit_supervision::ingest::FileReport;
use std::fmt::Write;

/// Rejected rows printed in full per file.
const ERRORS_SHOWN: usize = 10;

/// The report of one file (or sheet) as lines of text, without their final newline.
pub(crate) fn report_text(r: &FileReport) -> String {
    let mut out = String::new();
    let sheet = r
        .sheet
        .as_ref()
        .map(|s| format!(" [{s}]"))
        .unwrap_or_default();
    let _ = write!(
        out,
        "{}{sheet}: {} ({}) read {}, accepted {}, duplicates {}, rejected {}, conflicts {}, \
         skipped {}, warned {}",
        r.file,
        r.kind.code(),
        r.kind_zh,
        r.rows_read,
        r.accepted,
        r.duplicates,
        r.rejected,
        r.conflicts,
        r.skipped,
        r.warned,
    );
    if !r.unknown_columns.is_empty() {
        let _ = write!(out, "; unknown columns: {}", r.unknown_columns.join(", "));
    }
    for e in r.errors.iter().take(ERRORS_SHOWN) {
        let _ = write!(out, "\n  {e}");
    }
    if r.rejected > ERRORS_SHOWN as u64 {
        let _ = write!(
            out,
            "\n  … {} more rejected rows (use --errors FILE)",
            r.rejected - ERRORS_SHOWN as u64
        );
    }
    for w in &r.warnings {
        let _ = write!(
            out,
            "\n  warning: column {} ({}, {}): {} rows accepted: {}",
            w.column, w.key, w.reason, w.count, w.message
        );
        if let Some(e) = w.examples.first() {
            let _ = write!(out, "; e.g. line {}, value {:?}", e.line, e.value);
        }
    }
    let mut reasons: Vec<&str> = Vec::new();
    for s in &r.skipped_rows {
        if reasons.contains(&s.reason) {
            continue;
        }
        reasons.push(s.reason);
        let n = r
            .skipped_rows
            .iter()
            .filter(|x| x.reason == s.reason)
            .count();
        let what = match s.reason {
            "above_header" => "above the header",
            _ => "total or note lines",
        };
        let _ = write!(
            out,
            "\n  skipped ({}, {what}): {n}{} rows; e.g. line {}: {}",
            s.reason,
            if r.skipped_rows.len() as u64 == r.skipped {
                ""
            } else {
                "+"
            },
            s.line,
            s.text
        );
    }
    if let Some(c) = r.conflict_rows.first() {
        // The line kept may be in a file loaded before.
        let kept = if c.kept.file == r.file && c.kept.sheet == r.sheet {
            format!("line {}", c.kept.line)
        } else {
            let sheet = c
                .kept
                .sheet
                .as_ref()
                .map(|s| format!(" [{s}]"))
                .unwrap_or_default();
            format!("{}{sheet} line {}", c.kept.file, c.kept.line)
        };
        let _ = write!(
            out,
            "\n  conflicts: {} registrations repeat a USCC with another {}; e.g. {}: {kept} \
             ({}, {}, {}) kept, line {} ({}, {}, {}) not loaded",
            r.conflicts,
            c.differs.join("/"),
            c.uscc,
            c.kept.name,
            c.kept.entity_type,
            c.kept.status,
            c.repeat.line,
            c.repeat.name,
            c.repeat.entity_type,
            c.repeat.status,
        );
    }
    out
}
