//! Writes the generated CSV files again as GBK CSV, as XLSX or as Parquet, for the benchmark
//! and for the tests of real exports.

use super::Fail;
use credit_supervision::records::RecordKind;
use std::path::{Path, PathBuf};

/// The file variants the benchmark measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Variant {
    /// UTF-8 CSV, as generated.
    Csv,
    /// The same CSV encoded as GBK (Excel on a Chinese Windows PC).
    Gbk,
    /// The same rows in XLSX workbooks (one sheet per 1,000,000 rows).
    Xlsx,
    /// The same rows as Parquet files, as a Hive table exports them ([`write_parquet`]).
    Parquet,
}

impl Variant {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Variant::Csv => "csv",
            Variant::Gbk => "gbk",
            Variant::Xlsx => "xlsx",
            Variant::Parquet => "parquet",
        }
    }

    /// The file of `kind` in a variant folder.
    pub(crate) fn file(self, dir: &Path, kind: RecordKind) -> PathBuf {
        let ext = match self {
            Variant::Xlsx => "xlsx",
            Variant::Parquet => "parquet",
            Variant::Csv | Variant::Gbk => "csv",
        };
        dir.join(format!("{}.{ext}", kind.code()))
    }
}

/// Rows per sheet when writing XLSX (Excel's limit is 1,048,576).
const SHEET_ROWS: usize = 1_000_000;

/// Writes the variant of the CSV folder `src` into `dst` (skipped when complete).
pub(crate) fn convert(src: &Path, dst: &Path, variant: Variant) -> Result<(), Fail> {
    if variant == Variant::Csv || dst.join(".complete").exists() {
        return Ok(());
    }
    std::fs::create_dir_all(dst)?;
    for kind in RecordKind::ALL {
        let text = std::fs::read_to_string(src.join(kind.file_name()))?;
        let out = variant.file(dst, kind);
        match variant {
            Variant::Csv => {}
            Variant::Gbk => {
                let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
                if unmappable {
                    return Err(Fail(format!(
                        "{}: a character GBK cannot hold",
                        out.display()
                    )));
                }
                std::fs::write(&out, bytes)?;
            }
            Variant::Xlsx => write_xlsx(&text, &out)?,
            Variant::Parquet => write_parquet(&text, &out)?,
        }
    }
    std::fs::write(dst.join(".complete"), b"")?;
    Ok(())
}

fn write_xlsx(text: &str, out: &Path) -> Result<(), Fail> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows = reader.records();
    let header = rows.next().transpose()?.unwrap_or_default();
    let mut sheet_no = 0;
    let mut row = SHEET_ROWS;
    let mut ws: Option<&mut rust_xlsxwriter::Worksheet> = None;
    for rec in rows {
        let rec = rec?;
        if row >= SHEET_ROWS {
            sheet_no += 1;
            let sheet = wb.add_worksheet().set_name(format!("Sheet{sheet_no}"))?;
            for (c, h) in header.iter().enumerate() {
                sheet.write_string(0, c as u16, h)?;
            }
            ws = Some(sheet);
            row = 0;
        }
        let sheet = ws.as_mut().expect("a sheet was added");
        row += 1;
        for (c, v) in rec.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(row as u32, c as u16, v)?;
            }
        }
    }
    if sheet_no == 0 {
        let sheet = wb.add_worksheet();
        for (c, h) in header.iter().enumerate() {
            sheet.write_string(0, c as u16, h)?;
        }
    }
    wb.save(out)?;
    Ok(())
}

/// What a column of a Hive table holds, judged from every value of the CSV column.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ColumnType {
    /// `DATE` (every non-empty value is `YYYY-MM-DD`).
    Date,
    /// `BIGINT` (every non-empty value is a whole number of at most 15 digits).
    Int,
    /// `STRING`.
    Text,
}

fn column_type(values: &[&str]) -> ColumnType {
    let filled = || values.iter().filter(|v| !v.is_empty());
    if filled().next().is_none() {
        return ColumnType::Text;
    }
    let date = |v: &str| {
        v.len() == 10
            && credit_supervision::date::parse_date(v).is_some()
            && v.as_bytes()[4] == b'-'
    };
    if filled().all(|v| date(v)) {
        return ColumnType::Date;
    }
    // Not a USCC or code with leading zeros: those stay text, as in a real export.
    let int = |v: &str| {
        v.len() <= 15
            && v.bytes().all(|b| b.is_ascii_digit())
            && !(v.len() > 1 && v.starts_with('0'))
    };
    if filled().all(|v| int(v)) {
        return ColumnType::Int;
    }
    ColumnType::Text
}

/// Writes a CSV table as a Parquet file the way a Hive table is exported to one: the header's
/// names as the columns, dates as `DATE`, whole numbers as `BIGINT`, the rest as `STRING`, empty
/// cells as nulls, Snappy compressed, row groups of 100,000 rows.
pub(crate) fn write_parquet(text: &str, out: &Path) -> Result<(), Fail> {
    use arrow_array::builder::{Date32Builder, Int64Builder, StringBuilder};
    use arrow_array::{ArrayRef, RecordBatch};
    use arrow_schema::{DataType, Field, Schema};
    use std::sync::Arc;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut rows = reader.records();
    let header = rows.next().transpose()?.unwrap_or_default();
    let records: Vec<csv::StringRecord> = rows.collect::<Result<_, _>>()?;
    let types: Vec<ColumnType> = (0..header.len())
        .map(|c| {
            column_type(
                &records
                    .iter()
                    .map(|r| r.get(c).unwrap_or(""))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    let schema = Arc::new(Schema::new(
        header
            .iter()
            .zip(&types)
            .map(|(h, t)| {
                let dt = match t {
                    ColumnType::Date => DataType::Date32,
                    ColumnType::Int => DataType::Int64,
                    ColumnType::Text => DataType::Utf8,
                };
                Field::new(h, dt, true)
            })
            .collect::<Vec<_>>(),
    ));
    let epoch = credit_supervision::date::Date::from_ymd_opt(1970, 1, 1).expect("a valid date");
    let mut batches = Vec::new();
    for chunk in records.chunks(100_000) {
        let columns: Vec<ArrayRef> = types
            .iter()
            .enumerate()
            .map(|(c, t)| -> ArrayRef {
                fn cell(r: &csv::StringRecord, c: usize) -> Option<&str> {
                    r.get(c).filter(|v| !v.is_empty())
                }
                match t {
                    ColumnType::Date => {
                        let mut b = Date32Builder::with_capacity(chunk.len());
                        for r in chunk {
                            b.append_option(
                                cell(r, c)
                                    .and_then(credit_supervision::date::parse_date)
                                    .map(|d| (d - epoch).num_days() as i32),
                            );
                        }
                        Arc::new(b.finish())
                    }
                    ColumnType::Int => {
                        let mut b = Int64Builder::with_capacity(chunk.len());
                        for r in chunk {
                            b.append_option(cell(r, c).and_then(|v| v.parse::<i64>().ok()));
                        }
                        Arc::new(b.finish())
                    }
                    ColumnType::Text => {
                        let mut b = StringBuilder::with_capacity(chunk.len(), chunk.len() * 8);
                        for r in chunk {
                            b.append_option(cell(r, c));
                        }
                        Arc::new(b.finish())
                    }
                }
            })
            .collect();
        batches
            .push(RecordBatch::try_new(schema.clone(), columns).map_err(|e| Fail(e.to_string()))?);
    }
    if batches.is_empty() {
        batches.push(RecordBatch::new_empty(schema));
    }
    let f = std::fs::File::create(out)?;
    credit_supervision::columnar::write_parquet(std::io::BufWriter::new(f), &batches)
        .map_err(|e| Fail(format!("{}: {e}", out.display())))?;
    Ok(())
}
