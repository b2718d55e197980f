//! Scoring one partition on a big-data platform (issue 15; native only): a Spark executor
//! hands over the records of the enterprises of its partition as an Arrow long table
//! ([`crate::ingest::long_table`]); they are scored as of a date under a policy exactly as the
//! command-line tool scores a whole district, and the results come back as Arrow
//! ([`crate::columnar::results_batch`], with each enterprise's input digest), together with
//! the row accounting of every kind read ([`report_batch`]).
//!
//! An enterprise is scored from its own records and from the enterprises registered at its
//! address (the address indicators count the active ones there, and those on the serious
//! list): a partition that holds all the records of its enterprises, and every enterprise of
//! each registered address it holds, gives each enterprise the result and the digest the
//! whole district gives it. A job therefore partitions by one key: the registered address
//! (trimmed) of the enterprise's first registration row the core accepts (the row it keeps),
//! or its USCC (trimmed, upper case) when it has none. The driver puts the digests together with
//! [`crate::store::combine_digests`] and draws with [`draw_results`].

use crate::audit::AuditTrail;
use crate::columnar::results_batch;
use crate::date::Date;
use crate::draw::{draw_classes, Draw, DrawError, Provenance, Request};
use crate::ingest::long_table::load_long_table;
use crate::ingest::{FileError, FileReport, LoadOptions};
use crate::policy::Class;
use crate::policy::ValidPolicy;
use crate::progress::NoProgress;
use crate::results::{write_draw_lines_csv, DrawnLine};
use crate::score::{score_all, Overlay};
use crate::store::Store;
use crate::store::{combine_digests, EnterpriseDigest};
use crate::uscc::Uscc;
use arrow_array::builder::{Int64Builder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::Float64Type;
use arrow_array::StringArray;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema};
use std::sync::Arc;

mod plan;
pub use plan::{facts_batch, facts_fields, load_roster, plan_results, DriverPlan};

/// Why a partition cannot be scored.
#[derive(Debug, thiserror::Error)]
pub enum PartitionError {
    /// The long table cannot be read (no kind column, an unknown kind, a kind without one of
    /// its required columns…).
    #[error(transparent)]
    File(#[from] FileError),
    /// The results cannot be built, or results given cannot be read.
    #[error("arrow: {0}")]
    Arrow(#[from] ArrowError),
    /// The draw cannot be made.
    #[error(transparent)]
    Draw(DrawError),
    /// The plan cannot be made.
    #[error(transparent)]
    Plan(crate::plan::PlanError),
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

/// What a partition works out for the plan besides its results: the facts as of the
/// cycle's first day, with this roster and item list (a long table of the kinds `inspector`
/// and `item`; see [`plan_results`]).
#[derive(Debug, Clone, Copy)]
pub struct ForPlan<'a> {
    /// The cycle's first day.
    pub cycle_start: Date,
    /// The roster and the item list.
    pub roster: &'a [RecordBatch],
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
    score_partition_for(batches, policy, as_of, None)
}

/// [`score_partition`], and with `plan` the plan's facts of each enterprise as more columns
/// of its results ([`facts_fields`]).
pub fn score_partition_for<I>(
    batches: I,
    policy: &ValidPolicy,
    as_of: Date,
    plan: Option<ForPlan>,
) -> Result<Partition, PartitionError>
where
    I: IntoIterator<Item = Result<RecordBatch, ArrowError>>,
{
    let mut store = Store::new();
    let reports = read_all(&mut store, batches)?;
    if let Some(r) = reports.iter().find(|r| r.kind.is_planning()) {
        return Err(FileError::Parquet {
            file: "long table".into(),
            message: format!(
                "{} rows among the records: give the roster and the item list for the plan",
                r.kind.code()
            ),
        }
        .into());
    }
    if let Some(p) = &plan {
        load_roster(&mut store, p.roster)?;
    }
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
    let mut results = results_batch(&store, &scoring, policy, &digests)?;
    if let Some(p) = plan {
        let facts = facts_batch(&store, &scoring, policy, p.cycle_start)?;
        let mut fields: Vec<Field> = results
            .schema()
            .fields()
            .iter()
            .map(|f| f.as_ref().clone())
            .collect();
        fields.extend(facts_fields());
        let mut columns = results.columns().to_vec();
        columns.extend(facts.columns().iter().cloned());
        results = RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)?;
    }
    let report = report_batch(&reports)?;
    Ok(Partition {
        results,
        report,
        reports,
    })
}

/// Reads one partition's long table without scoring it: the row accounting alone (the
/// report of [`score_partition`]), for a job that needs to know which rows the core accepts
/// before it partitions (the registration row an enterprise is keyed by).
pub fn read_partition<I>(batches: I) -> Result<RecordBatch, PartitionError>
where
    I: IntoIterator<Item = Result<RecordBatch, ArrowError>>,
{
    let mut store = Store::new();
    let reports = read_all(&mut store, batches)?;
    Ok(report_batch(&reports)?)
}

/// Reads a long table into `store`, every rejected row kept in the reports.
pub(crate) fn read_all<I>(store: &mut Store, batches: I) -> Result<Vec<FileReport>, FileError>
where
    I: IntoIterator<Item = Result<RecordBatch, ArrowError>>,
{
    let options = LoadOptions {
        max_errors: Some(usize::MAX),
        ..LoadOptions::default()
    };
    load_long_table(store, batches, &options, &mut NoProgress)
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

/// A draw made by a driver from the results of its partitions, with the drawn USCCs.
#[derive(Debug, Clone)]
pub struct DriverDraw {
    /// The draw (its `selected` ids are empty: see `usccs`).
    pub draw: Draw,
    /// The drawn enterprises, by class then USCC.
    pub usccs: Vec<Uscc>,
}

/// The `Utf8` column `name` of `batch`.
pub(crate) fn text_column<'a>(
    batch: &'a RecordBatch,
    name: &str,
) -> Result<&'a StringArray, ArrowError> {
    batch
        .column_by_name(name)
        .and_then(|c| c.as_string_opt::<i32>())
        .ok_or_else(|| {
            ArrowError::InvalidArgumentError(format!("the results need a text column `{name}`"))
        })
}

fn bad(row: usize, column: &str, value: &str, why: &str) -> ArrowError {
    ArrowError::InvalidArgumentError(format!(
        "results row {row}, column `{column}`: `{value}` {why}"
    ))
}

/// Draws from the results of every partition (batches with the `uscc`, `class` and `digest`
/// columns of [`crate::columnar::results_schema`], every enterprise once, in any order) as
/// the command-line tool draws from the whole district: the records digest is put together
/// from the enterprises' digests, the audit trail is empty, and the same seed, ratio, policy
/// and as-of date give the same list and the same draw digest.
pub fn draw_results(
    results: &[RecordBatch],
    policy: &ValidPolicy,
    as_of: Date,
    seed_text: &str,
    overall_ratio: Option<f64>,
) -> Result<DriverDraw, PartitionError> {
    let n: usize = results.iter().map(RecordBatch::num_rows).sum();
    let mut pairs = Vec::with_capacity(n);
    let mut classified = Vec::with_capacity(n);
    let mut row = 0;
    for b in results {
        let (uscc, class, digest) = (
            text_column(b, "uscc")?,
            text_column(b, "class")?,
            text_column(b, "digest")?,
        );
        for i in 0..b.num_rows() {
            row += 1;
            let u = Uscc::parse(uscc.value(i))
                .map_err(|e| bad(row, "uscc", uscc.value(i), &e.to_string()))?;
            let d = digest.value(i);
            let h = parse_digest(d).ok_or_else(|| bad(row, "digest", d, "is not 32 hex digits"))?;
            pairs.push((u.packed(), h));
            let c = class.value(i);
            if c != "-" {
                let c = Class::from_letter(c).ok_or_else(|| bad(row, "class", c, "is no class"))?;
                classified.push((u, c));
            }
        }
    }
    let provenance = Provenance {
        records_digest: combine_digests(pairs),
        audit_digest: AuditTrail::default().digest(as_of),
    };
    let request = Request {
        policy,
        seed_text,
        overall_ratio,
        as_of,
        policy_digest: policy.digest(),
        provenance,
    };
    let (draw, usccs) = draw_classes(classified, request).map_err(PartitionError::Draw)?;
    Ok(DriverDraw { draw, usccs })
}

/// 32 hex digits as a digest.
pub(crate) fn parse_digest(text: &str) -> Option<EnterpriseDigest> {
    let b = text.as_bytes();
    if b.len() != 32 {
        return None;
    }
    let mut out = [0u8; 16];
    for (i, pair) in b.chunks(2).enumerate() {
        let s = std::str::from_utf8(pair).ok()?;
        out[i] = u8::from_str_radix(s, 16).ok()?;
    }
    Some(out)
}

impl DriverDraw {
    /// The draw as the command-line tool writes it as CSV (the same bytes), the drawn
    /// enterprises' name, region, class and score taken from `results` (batches with those
    /// columns of [`crate::columnar::results_schema`] holding at least the drawn enterprises).
    pub fn csv(&self, results: &[RecordBatch]) -> Result<Vec<u8>, PartitionError> {
        let mut at = rustc_hash::FxHashMap::default();
        at.reserve(self.usccs.len());
        for u in &self.usccs {
            at.insert(*u, None);
        }
        for (bi, b) in results.iter().enumerate() {
            let uscc = text_column(b, "uscc")?;
            for i in 0..b.num_rows() {
                if let Ok(u) = Uscc::parse(uscc.value(i)) {
                    if let Some(slot) = at.get_mut(&u) {
                        *slot = Some((bi, i));
                    }
                }
            }
        }
        let mut lines = Vec::with_capacity(self.usccs.len());
        for u in &self.usccs {
            let Some((bi, i)) = at[u] else {
                return Err(ArrowError::InvalidArgumentError(format!(
                    "drawn enterprise {} is not in the results given",
                    u.as_str()
                ))
                .into());
            };
            let b = &results[bi];
            let score = b
                .column_by_name("score")
                .and_then(|c| c.as_primitive_opt::<Float64Type>())
                .ok_or_else(|| {
                    ArrowError::InvalidArgumentError(
                        "the results need a double column `score`".into(),
                    )
                })?;
            let class = text_column(b, "class")?.value(i);
            lines.push(DrawnLine {
                uscc: *u,
                name: text_column(b, "name")?.value(i),
                region: text_column(b, "region")?.value(i),
                class: Class::from_letter(class),
                score: score.value(i),
            });
        }
        let mut out = Vec::new();
        write_draw_lines_csv(&mut out, &self.draw, lines)
            .map_err(|e| ArrowError::ExternalError(Box::new(e)))?;
        Ok(out)
    }
}
