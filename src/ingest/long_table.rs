//! An Arrow long table (issue 15): the records of many kinds in one table, with a `kind`
//! column naming each row's record kind and one column per record column, named by key (or by
//! any header the kind's mapping knows), as a Spark job hands over the partition of
//! enterprises it is scoring. Each kind is read as a file of that kind would be: its columns
//! are the table's columns it knows, mapped as a CSV's header row is; every row read is
//! accepted, rejected or skipped, and each kind has its own [`FileReport`] (named by the
//! kind's code).
//!
//! Rows are numbered by the optional [`ROW_COLUMN`] (the row's number in the table it came
//! from, so an error names the row as the source counts it), else by their position in the
//! long table from 1.
//!
//! The planning inputs (the inspector roster and the item list) may be given the same way,
//! with the kinds `inspector` and `item`: a driver hands them to every partition it plans.

use super::arrow_text::{column_texts, Texts};
use super::error::FileError;
use super::header::{column_for, layout};
use super::row::Fields;
use super::sink::{is_blank, Sink};
use super::{FileReport, LoadOptions};
use crate::progress::{Progress, Throttled};
use crate::records::RecordKind;
use crate::store::Store;
use arrow_array::cast::AsArray;
use arrow_array::types::Int64Type;
use arrow_array::{Array, RecordBatch};
use arrow_schema::{ArrowError, DataType, SchemaRef};

/// The column naming each row's record kind (a code such as `penalty`, or the Chinese name).
pub const KIND_COLUMN: &str = "kind";
/// The optional column giving each row's number in the table it came from (64-bit integer).
pub const ROW_COLUMN: &str = "_row";
/// The name errors about the long table itself give as the file.
const TABLE: &str = "long table";

fn table_error(message: impl Into<String>) -> FileError {
    FileError::Parquet {
        file: TABLE.into(),
        message: message.into(),
    }
}

/// One kind being read: its sink and the table columns it reads, in its layout's order.
struct KindReader {
    sink: Sink,
    columns: Vec<usize>,
}

/// Reads a long table's batches (all of one schema) into `store`; returns one report per
/// record kind present, in kind order. A table without a `kind` column, a batch of another
/// schema, a row whose kind is missing or is no record kind, or a kind
/// without one of its required columns is a [`FileError`] naming the row.
pub fn load_long_table<I>(
    store: &mut Store,
    batches: I,
    options: &LoadOptions,
    progress: &mut dyn Progress,
) -> Result<Vec<FileReport>, FileError>
where
    I: IntoIterator<Item = Result<RecordBatch, ArrowError>>,
{
    let mut schema: Option<SchemaRef> = None;
    let mut readers: Vec<Option<KindReader>> = (0..RecordKind::EVERY.len()).map(|_| None).collect();
    let mut ticker = Throttled::new(progress);
    let mut position: u64 = 0;
    let mut data = Vec::new();
    let mut ends = Vec::new();
    for batch in batches {
        let batch = batch.map_err(|e| table_error(e.to_string()))?;
        let s = batch.schema();
        match &schema {
            None => schema = Some(s.clone()),
            Some(first) if first.fields() != s.fields() => {
                return Err(table_error(
                    "the batches of a long table must all have the same schema",
                ))
            }
            Some(_) => {}
        }
        let headers: Vec<String> = s.fields().iter().map(|f| f.name().clone()).collect();
        let kind_ix = headers
            .iter()
            .position(|h| h == KIND_COLUMN)
            .ok_or_else(|| table_error(format!("no `{KIND_COLUMN}` column")))?;
        let kinds = column_texts(TABLE, batch.column(kind_ix).as_ref())?;
        let rows = row_numbers(&batch, &headers)?;
        let texts = batch
            .columns()
            .iter()
            .map(|c| column_texts(TABLE, c.as_ref()))
            .collect::<Result<Vec<Texts>, _>>()?;
        for i in 0..batch.num_rows() {
            position += 1;
            let line = rows.as_ref().map_or(Ok(position), |r| r(i))?;
            let text = kinds.get(i);
            let kind = RecordKind::parse(text).ok_or_else(|| {
                table_error(format!(
                    "row {line}: `{text}` in column `{KIND_COLUMN}` is not a record kind ({})",
                    RecordKind::EVERY.map(RecordKind::code).join(", ")
                ))
            })?;
            let slot = &mut readers[RecordKind::EVERY
                .iter()
                .position(|k| *k == kind)
                .expect("a kind of EVERY")];
            if slot.is_none() {
                *slot = Some(reader(kind, &headers, options)?);
            }
            let r = slot.as_mut().expect("set above");
            data.clear();
            ends.clear();
            for &c in &r.columns {
                data.extend_from_slice(texts[c].get(i).as_bytes());
                ends.push(data.len());
            }
            let fields = Fields::new(&data, &ends);
            if is_blank(&fields) {
                r.sink.skip(line, "empty_row", &[]);
                continue;
            }
            r.sink.record(fields, line, &mut store.strings);
            if r.sink.pending() >= 4096 {
                r.sink.flush(store);
            }
        }
        if ticker
            .tick("load:long table", position as usize, 0)
            .is_err()
        {
            return Err(FileError::Cancelled { file: TABLE.into() });
        }
    }
    Ok(readers
        .into_iter()
        .flatten()
        .map(|mut r| {
            r.sink.flush(store);
            r.sink.into_report()
        })
        .collect())
}

/// The reader of `kind`: the table's columns the kind knows, laid out as a file of that kind
/// with those headers would be.
fn reader(
    kind: RecordKind,
    headers: &[String],
    options: &LoadOptions,
) -> Result<KindReader, FileError> {
    let columns: Vec<usize> = headers
        .iter()
        .enumerate()
        .filter(|(_, h)| {
            h.as_str() != KIND_COLUMN
                && h.as_str() != ROW_COLUMN
                && column_for(kind, h, &options.mapping).is_some()
        })
        .map(|(i, _)| i)
        .collect();
    let own: Vec<String> = columns.iter().map(|&i| headers[i].clone()).collect();
    let l = layout(
        kind.code(),
        None,
        &own,
        Some(kind),
        Some(true),
        &options.mapping,
    )?;
    Ok(KindReader {
        sink: Sink::new(l, "arrow", options),
        columns,
    })
}

/// The row numbers of the [`ROW_COLUMN`], when the table has one.
#[allow(clippy::type_complexity)]
fn row_numbers<'a>(
    batch: &'a RecordBatch,
    headers: &[String],
) -> Result<Option<Box<dyn Fn(usize) -> Result<u64, FileError> + 'a>>, FileError> {
    let Some(ix) = headers.iter().position(|h| h == ROW_COLUMN) else {
        return Ok(None);
    };
    let column = batch.column(ix);
    let column = match column.data_type() {
        DataType::Int64 => column.clone(),
        DataType::Int32 | DataType::UInt32 | DataType::UInt64 | DataType::Int16 => {
            arrow_cast::cast(column, &DataType::Int64).map_err(|e| table_error(e.to_string()))?
        }
        other => {
            return Err(table_error(format!(
                "column `{ROW_COLUMN}` must hold whole numbers, not {other}"
            )))
        }
    };
    // Kept alive by the closure.
    let column = std::sync::Arc::new(column);
    Ok(Some(Box::new(move |i| {
        let a = column.as_primitive::<Int64Type>();
        if a.is_null(i) || a.value(i) < 1 {
            return Err(table_error(format!(
                "column `{ROW_COLUMN}` must give every row a number from 1"
            )));
        }
        Ok(a.value(i) as u64)
    })))
}
