//! Scoring one partition on a big-data platform (issue 15; native only): a Spark executor
//! hands over the records of the enterprises of its partition as an Arrow long table
//! ([`crate::ingest::long_table`]); they are scored as of a date under a policy exactly as the
//! command-line tool scores a whole district, and the results come back as Arrow
//! ([`crate::columnar::results_batch`], with each enterprise's input digest), together with
//! the row accounting of every kind read ([`report_batch`]).
//!
//! Every enterprise is scored from its own records alone, so a partition holding all the
//! records of its enterprises gives each the result and the digest the whole district gives
//! it. The driver puts the digests together with [`crate::store::combine_digests`] and draws
//! with [`crate::draw::draw_classes`].

use crate::columnar::results_batch;
use crate::date::Date;
use crate::ingest::long_table::load_long_table;
use crate::ingest::{FileError, FileReport, LoadOptions};
use crate::policy::ValidPolicy;
use crate::progress::NoProgress;
use crate::score::{score_all, Overlay};
use crate::store::Store;
use arrow_array::builder::{Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema};
use std::sync::Arc;

/// Why a partition cannot be scored.
#[derive(Debug, thiserror::Error)]
pub enum PartitionError {
    /// The long table cannot be read (no kind column, an unknown kind, a kind without one of
    /// its required columns…).
    #[error(transparent)]
    File(#[from] FileError),
    /// The results cannot be built.
    #[error("arrow: {0}")]
    Arrow(#[from] ArrowError),
}

/// A scored partition.
#[derive(Debug)]
pub struct Partition {
    /// One row per enterprise ([`crate::columnar::results_schema`]).
    pub results: RecordBatch,
    /// The row accounting ([`report_schema`]).
    pub report: RecordBatch,
    /// The reports themselves, one per kind present.
    pub reports: Vec<FileReport>,
}

/// Scores the enterprises of one partition's long table as of `as_of` under `policy`. Every
/// rejected row is listed in the report (not only the first ones).
pub fn score_partition<I>(
    batches: I,
    policy: &ValidPolicy,
    as_of: Date,
) -> Result<Partition, PartitionError>
where
    I: IntoIterator<Item = Result<RecordBatch, ArrowError>>,
{
    let mut store = Store::new();
    let options = LoadOptions {
        max_errors: Some(usize::MAX),
        ..LoadOptions::default()
    };
    let reports = load_long_table(&mut store, batches, &options, &mut NoProgress)?;
    let scoring = score_all(
        &mut store,
        policy,
        as_of,
        &mut NoProgress,
        &Overlay::default(),
    )
    .map_err(|_| FileError::Cancelled {
        file: "long table".into(),
    })?;
    let digests = store.enterprise_digests();
    let results = results_batch(&store, &scoring, policy, &digests)?;
    let report = report_batch(&reports)?;
    Ok(Partition {
        results,
        report,
        reports,
    })
}

/// The schema of [`report_batch`].
pub fn report_schema() -> Schema {
    let text = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    let count = |name: &str| Field::new(name, DataType::Int64, true);
    Schema::new(vec![
        text("kind", false),
        text("row_type", false),
        count("rows_read"),
        count("accepted"),
        count("duplicates"),
        count("conflicts"),
        count("rejected"),
        count("skipped"),
        count("row"),
        text("column", true),
        text("value", true),
        text("reason", true),
        text("message", true),
    ])
}

/// The row accounting of `reports` as one batch: per kind, one `counts` row (rows read,
/// accepted, duplicates, conflicts, rejected, skipped: the counts add up over partitions),
/// then one `rejected` row per rejected row kept and one `skipped` row per skipped row kept,
/// with its row number, column, value and reason.
pub fn report_batch(reports: &[FileReport]) -> Result<RecordBatch, ArrowError> {
    let mut b = ReportBuilder::default();
    for r in reports {
        let kind = r.kind.code();
        b.row(
            kind,
            "counts",
            [
                r.rows_read,
                r.accepted,
                r.duplicates,
                r.conflicts,
                r.rejected,
                r.skipped,
            ]
            .map(Some),
            None,
            [None, None, None, None],
        );
        for e in &r.errors {
            b.row(
                kind,
                "rejected",
                [None; 6],
                Some(e.line),
                [
                    Some(&e.column),
                    Some(&e.value),
                    Some(e.reason),
                    Some(&e.message),
                ],
            );
        }
        for s in &r.skipped_rows {
            b.row(
                kind,
                "skipped",
                [None; 6],
                Some(s.line),
                [None, Some(&s.text), Some(s.reason), None],
            );
        }
    }
    b.finish()
}

/// The columns of [`report_batch`] being built.
#[derive(Default)]
struct ReportBuilder {
    kind: StringBuilder,
    row_type: StringBuilder,
    counts: [Int64Builder; 6],
    row: Int64Builder,
    texts: [StringBuilder; 4],
}

impl ReportBuilder {
    fn row(
        &mut self,
        kind: &str,
        row_type: &str,
        counts: [Option<u64>; 6],
        row: Option<u64>,
        texts: [Option<&str>; 4],
    ) {
        self.kind.append_value(kind);
        self.row_type.append_value(row_type);
        for (b, c) in self.counts.iter_mut().zip(counts) {
            b.append_option(c.map(|c| c as i64));
        }
        self.row.append_option(row.map(|r| r as i64));
        for (b, t) in self.texts.iter_mut().zip(texts) {
            b.append_option(t);
        }
    }

    fn finish(mut self) -> Result<RecordBatch, ArrowError> {
        let mut columns: Vec<ArrayRef> = vec![
            Arc::new(self.kind.finish()),
            Arc::new(self.row_type.finish()),
        ];
        columns.extend(
            self.counts
                .iter_mut()
                .map(|b| Arc::new(b.finish()) as ArrayRef),
        );
        columns.push(Arc::new(self.row.finish()));
        columns.extend(
            self.texts
                .iter_mut()
                .map(|b| Arc::new(b.finish()) as ArrayRef),
        );
        RecordBatch::try_new(Arc::new(report_schema()), columns)
    }
}
