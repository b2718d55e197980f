//! Results as Arrow record batches and Parquet files (issue 15; native only): the in-memory
//! form at the boundary with big-data platforms, and the file a Hive table or Spark reads.
//!
//! The results table has one row per enterprise, in the store's order, with typed columns
//! named by keys (Hive folds column names to lower case, so no Chinese headers here):
//! `uscc`, `name`, `region`, `entity_type`, `status` (codes), `score` (double, rounded to
//! 0.01 as everywhere), `class` and `class_before_override` (`A`–`D`, `-` unclassified),
//! `override` (what decided the class when an override did: `serious_list`, `abnormal_list`
//! or `manual`, else null), `reasons` (the main reasons, in Chinese), `as_of` (date) and
//! `digest` (the digest of the enterprise's inputs, [`Store::enterprise_digests`], as 32 hex
//! digits: the same for the same records wherever they were scored). The
//! Parquet file is written with Snappy compression (Spark's default) and no time stamp, so the
//! same scoring gives the same bytes.

use crate::policy::ValidPolicy;
use crate::results::result_row;
use crate::score::{Override, Scoring};
use crate::store::{EnterpriseDigest, Store};
use arrow_array::builder::{Date32Builder, Float64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use std::io::Write;
use std::sync::Arc;

/// Days from 1970-01-01 (Arrow's `Date32`).
fn days(d: crate::date::Date) -> i32 {
    let epoch = crate::date::Date::from_ymd_opt(1970, 1, 1).expect("a valid date");
    (d - epoch).num_days() as i32
}

/// The schema of [`results_batch`].
pub fn results_schema() -> Schema {
    let text = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    Schema::new(vec![
        text("uscc", false),
        text("name", false),
        text("region", false),
        text("entity_type", false),
        text("status", false),
        Field::new("score", DataType::Float64, false),
        text("class", false),
        text("class_before_override", false),
        text("override", true),
        text("reasons", false),
        Field::new("as_of", DataType::Date32, false),
        text("digest", false),
    ])
}

/// Every enterprise's result of `scoring` as one record batch (see the module's doc);
/// `digests` are the store's [`Store::enterprise_digests`].
pub fn results_batch(
    store: &Store,
    scoring: &Scoring,
    policy: &ValidPolicy,
    digests: &[EnterpriseDigest],
) -> Result<RecordBatch, ArrowError> {
    if digests.len() != store.len() {
        return Err(ArrowError::InvalidArgumentError(format!(
            "{} digests for {} enterprises",
            digests.len(),
            store.len()
        )));
    }
    let n = store.len();
    let text = || StringBuilder::with_capacity(n, n * 8);
    let (mut uscc, mut name, mut region) = (text(), text(), text());
    let (mut kind, mut status, mut class, mut before, mut over, mut reasons) =
        (text(), text(), text(), text(), text(), text());
    let mut score = Float64Builder::with_capacity(n);
    let mut as_of = Date32Builder::with_capacity(n);
    let mut digest = StringBuilder::with_capacity(n, n * 32);
    let day = days(scoring.as_of);
    for ent in 0..n as crate::records::EntId {
        let r = result_row(store, scoring, policy, ent);
        uscc.append_value(&r.uscc);
        name.append_value(&r.name);
        region.append_value(&r.region);
        kind.append_value(r.entity_type);
        status.append_value(r.status);
        score.append_value(r.score);
        class.append_value(r.class);
        before.append_value(r.class_before_override);
        match Override::from_u8(scoring.overrides[ent as usize]) {
            Some(o) if o != Override::None => over.append_value(o.code()),
            _ => over.append_null(),
        }
        reasons.append_value(&r.reasons);
        as_of.append_value(day);
        digest.append_value(crate::seed::hex(&digests[ent as usize]));
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(uscc.finish()),
        Arc::new(name.finish()),
        Arc::new(region.finish()),
        Arc::new(kind.finish()),
        Arc::new(status.finish()),
        Arc::new(score.finish()),
        Arc::new(class.finish()),
        Arc::new(before.finish()),
        Arc::new(over.finish()),
        Arc::new(reasons.finish()),
        Arc::new(as_of.finish()),
        Arc::new(digest.finish()),
    ];
    RecordBatch::try_new(Arc::new(results_schema()), columns)
}

/// Writes record batches (of one schema) as a Parquet file: Snappy, one row group per batch.
pub fn write_parquet<W: Write + Send>(out: W, batches: &[RecordBatch]) -> Result<(), ParquetError> {
    let Some(first) = batches.first() else {
        return Err(ParquetError::General("no record batch to write".into()));
    };
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_created_by(concat!("credit-supervision ", env!("CARGO_PKG_VERSION")).into())
        .build();
    let mut w = ArrowWriter::try_new(out, first.schema(), Some(props))?;
    for b in batches {
        w.write(b)?;
    }
    w.close()?;
    Ok(())
}
