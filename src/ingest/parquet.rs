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

use super::arrow_text::column_texts;
use super::error::FileError;
use super::header::layout;
use super::row::Fields;
use super::sink::{is_blank, Sink};
use super::{FileReport, LoadOptions};
use crate::progress::{Progress, Throttled};
use crate::store::Store;
use arrow_array::RecordBatch;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

/// Rows decoded at a time.
const BATCH_ROWS: usize = 8192;

pub(super) fn parquet_error(file: &str, e: impl std::fmt::Display) -> FileError {
    FileError::Parquet {
        file: file.into(),
        message: e.to_string(),
    }
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
