//! Parquet files, as big-data platforms export Hive tables (issue 15), read natively: the
//! columns of the file's schema are the headers (mapped to record columns exactly as a CSV's
//! header row is: national export names, our keys, the user's mapping), each row a record.
//! Rows are numbered from 1 in the file's order, so an error names the row as Spark or Hive
//! would count it; every row read is accepted or rejected, as for CSV.
//!
//! Cells become the text the row parser reads: strings as they are (binary columns written
//! without a UTF-8 annotation by older Hive and Impala writers, when they hold UTF-8), dates
//! as `YYYY-MM-DD`, timestamps as `YYYY-MM-DDTHH:MM:SS` (the date part counts), numbers and
//! decimals as written, booleans as 是/否 (as for JSON), nulls empty; any other type as Arrow
//! displays it. Not in the WebAssembly build: there a Parquet file is refused with a message
//! to use the command-line tool.

use super::error::FileError;
use super::header::layout;
use super::row::Fields;
use super::sink::{is_blank, Sink};
use super::{FileReport, LoadOptions};
use crate::progress::{Progress, Throttled};
use crate::store::Store;
use arrow_array::cast::AsArray;
use arrow_array::{Array, RecordBatch};
use arrow_cast::display::{ArrayFormatter, FormatOptions};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

/// Rows decoded at a time.
const BATCH_ROWS: usize = 8192;

fn parquet_error(file: &str, e: impl std::fmt::Display) -> FileError {
    FileError::Parquet {
        file: file.into(),
        message: e.to_string(),
    }
}

/// The texts of one column of a batch, ready to be read cell by cell: strings borrowed from
/// the batch; every other type written once into one buffer (no allocation per cell).
enum Texts<'a> {
    /// A string column, read in place.
    Utf8(&'a arrow_array::StringArray),
    /// Cell texts end to end, with the end of each.
    Written { data: String, ends: Vec<usize> },
}

impl Texts<'_> {
    /// The text of row `i` (empty for a null).
    fn get(&self, i: usize) -> &str {
        match self {
            Texts::Utf8(a) => {
                if a.is_null(i) {
                    ""
                } else {
                    a.value(i)
                }
            }
            Texts::Written { data, ends } => {
                let start = if i == 0 { 0 } else { ends[i - 1] };
                &data[start..ends[i]]
            }
        }
    }
}

/// The texts of every cell of `column`.
fn column_texts<'a>(file: &str, column: &'a dyn Array) -> Result<Texts<'a>, FileError> {
    use std::fmt::Write;
    if let DataType::Utf8 = column.data_type() {
        return Ok(Texts::Utf8(column.as_string::<i32>()));
    }
    let n = column.len();
    let mut data = String::with_capacity(n * 10);
    let mut ends = Vec::with_capacity(n);
    match column.data_type() {
        DataType::Boolean => {
            let a = column.as_boolean();
            for i in 0..n {
                if !a.is_null(i) {
                    data.push_str(if a.value(i) { "是" } else { "否" });
                }
                ends.push(data.len());
            }
        }
        DataType::Binary | DataType::LargeBinary | DataType::BinaryView => {
            let value = |i: usize| -> &[u8] {
                match column.data_type() {
                    DataType::Binary => column.as_binary::<i32>().value(i),
                    DataType::LargeBinary => column.as_binary::<i64>().value(i),
                    _ => column.as_binary_view().value(i),
                }
            };
            for i in 0..n {
                if !column.is_null(i) {
                    // Text written as bytes is read as text; other bytes as hex, which no
                    // column parses, so the row is rejected with the value shown.
                    match std::str::from_utf8(value(i)) {
                        Ok(s) => data.push_str(s),
                        Err(_) => value(i).iter().for_each(|b| {
                            let _ = write!(data, "{b:02x}");
                        }),
                    }
                }
                ends.push(data.len());
            }
        }
        _ => {
            let options = FormatOptions::default().with_display_error(false);
            let f =
                ArrayFormatter::try_new(column, &options).map_err(|e| parquet_error(file, e))?;
            for i in 0..n {
                if !column.is_null(i) {
                    write!(data, "{}", f.value(i)).map_err(|e| parquet_error(file, e))?;
                }
                ends.push(data.len());
            }
        }
    }
    Ok(Texts::Written { data, ends })
}

/// Loads a Parquet file held in memory.
pub fn load_parquet(
    store: &mut Store,
    file: &str,
    bytes: &[u8],
    options: &LoadOptions,
    progress: &mut dyn Progress,
) -> Result<FileReport, FileError> {
    let data = bytes::Bytes::copy_from_slice(bytes);
    let builder = ParquetRecordBatchReaderBuilder::try_new(data)
        .map_err(|e| parquet_error(file, e))?
        .with_batch_size(BATCH_ROWS);
    let total = builder.metadata().file_metadata().num_rows().max(0) as usize;
    let headers: Vec<String> = builder
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    if headers.is_empty() {
        return Err(FileError::Empty { file: file.into() });
    }
    let l = layout(
        file,
        None,
        &headers,
        options.kind,
        Some(true),
        &options.mapping,
    )?;
    let reader = builder.build().map_err(|e| parquet_error(file, e))?;
    let mut sink = Sink::new(l, "parquet", options);
    let mut ticker = Throttled::new(progress);
    let stage = format!("load:{file}");
    let mut data = Vec::new();
    let mut ends = Vec::new();
    let mut row: u64 = 0;
    for batch in reader {
        let batch: RecordBatch = batch.map_err(|e| parquet_error(file, e))?;
        let columns = batch
            .columns()
            .iter()
            .map(|c| column_texts(file, c.as_ref()))
            .collect::<Result<Vec<_>, _>>()?;
        for i in 0..batch.num_rows() {
            row += 1;
            data.clear();
            ends.clear();
            for texts in &columns {
                data.extend_from_slice(texts.get(i).as_bytes());
                ends.push(data.len());
            }
            let fields = Fields::new(&data, &ends);
            if is_blank(&fields) {
                // Counted and kept as skipped: a row read is never dropped unsaid.
                sink.skip(row, "empty_row", &[]);
                continue;
            }
            sink.record(fields, row, &mut store.strings);
            if sink.pending() >= 4096 {
                sink.flush(store);
            }
        }
        if ticker.tick(&stage, row as usize, total.max(1)).is_err() {
            return Err(FileError::Cancelled { file: file.into() });
        }
    }
    sink.flush(store);
    Ok(sink.into_report())
}
