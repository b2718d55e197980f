//! Loading record files into the [`Store`].
//!
//! Every data row read ends up either accepted into the store or rejected with a
//! [`RowError`] saying file, line, column, value and reason; the [`FileReport`] counts both
//! (`rows_read == accepted + rejected`). A file that cannot be read at all is a [`FileError`],
//! and other files still load.

#[cfg(not(target_arch = "wasm32"))]
mod arrow_text;
mod biff;
mod cfb;
pub mod csv_stream;
pub mod encoding;
pub mod error;
pub mod header;
mod json;
#[cfg(not(target_arch = "wasm32"))]
pub mod long_table;
pub mod notes;
mod ods;
#[cfg(not(target_arch = "wasm32"))]
mod parquet;
mod parse;
pub mod rejected;
mod row;
mod sheet;
mod sink;
pub mod sniff;
mod split;
pub mod value;
mod xls;
mod xlsx;
mod xlsx_refs;

pub use csv_stream::CsvLoader;
pub use encoding::TextEncoding;
pub use error::{FileError, RowError, RowProblem};
pub use header::Mapping;
pub use notes::{ColumnWarning, Conflict, ConflictLine, SkippedRow, WarningExample};
pub use xlsx::first_sheet_text;

use crate::progress::{Progress, Throttled};
use crate::records::RecordKind;
use crate::store::Store;
use serde::{Deserialize, Serialize};

/// How to read a file; every field may be left out (detected).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct LoadOptions {
    /// The record kind (detected from the headers when absent).
    pub kind: Option<RecordKind>,
    /// The text encoding (detected when absent).
    pub encoding: Option<TextEncoding>,
    /// The delimiter of delimited text (detected from the header line when absent).
    #[serde(with = "delimiter_serde")]
    pub delimiter: Option<u8>,
    /// Whether the first row is a header (detected when absent: a USCC in the first row
    /// means data).
    pub has_header: Option<bool>,
    /// The spreadsheet sheet to read (every sheet when absent).
    pub sheet: Option<String>,
    /// The user's header mapping: header as written (or normalised) → column key.
    pub mapping: Mapping,
    /// The format (detected from the bytes and the file name when absent).
    pub format: Option<Format>,
    /// The file's size in bytes, when known before it is read (a streamed file): lets the
    /// loader reserve room for its rows up front instead of growing as it goes.
    pub size: Option<u64>,
    /// Rejected rows whose full error (with both messages) is kept in the report's `errors`
    /// (default [`MAX_ERRORS`]); every rejected row is still counted by reason and column
    /// and written to the rejected-rows CSV.
    pub max_errors: Option<usize>,
    /// The largest file accepted, in bytes (default: none natively; [`BROWSER_MAX_BYTES`] in
    /// WebAssembly): a larger one is refused with "too large for the browser: use the
    /// command-line tool" — a file held whole before any of it is read, a streamed one at the
    /// chunk that passes the limit (the page checks `File.size` before reading).
    pub max_file_bytes: Option<u64>,
    /// The most a workbook's parts may decompress to, in bytes (default
    /// [`xlsx::XLSX_MAX_BYTES`], 4 GiB); for an `.xls`, the size of its workbook stream.
    pub xlsx_max_bytes: Option<u64>,
    /// The most cells read from a workbook, `.xlsx`, `.xls` or `.ods` (default
    /// [`xlsx::XLSX_MAX_CELLS`], 64 Mi); also the most fields kept for a sheet's rows, their
    /// empty cells up to the header's width counted.
    pub xlsx_max_cells: Option<u64>,
}

/// Default of [`LoadOptions::max_errors`].
pub const MAX_ERRORS: usize = 1000;

/// Default of [`LoadOptions::max_file_bytes`] in WebAssembly: 2 GiB. A module's memory is at
/// most 4 GiB; loading a CSV file takes about 1.4 bytes of memory per byte of file (records,
/// indexes, texts) and the page holds a chunk at a time, so 2 GiB of files is the most the
/// browser can load (the CLI has no limit).
pub const BROWSER_MAX_BYTES: u64 = 2 << 30;

impl LoadOptions {
    /// The file-size limit in force ([`LoadOptions::max_file_bytes`] or the platform's
    /// default).
    pub fn file_size_limit(&self) -> Option<u64> {
        if self.max_file_bytes.is_some() {
            return self.max_file_bytes;
        }
        if cfg!(target_arch = "wasm32") {
            Some(BROWSER_MAX_BYTES)
        } else {
            None
        }
    }

    /// Refuses a file of `size` bytes larger than [`LoadOptions::file_size_limit`].
    pub fn check_size(&self, file: &str, size: u64) -> Result<(), FileError> {
        match self.file_size_limit() {
            Some(limit) if size > limit => Err(FileError::TooLarge {
                file: file.into(),
                size,
                limit,
            }),
            _ => Ok(()),
        }
    }
}

mod delimiter_serde {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<u8>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(b) => s.serialize_some(&(*b as char).to_string()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u8>, D::Error> {
        let v: Option<String> = Option::deserialize(d)?;
        match v.as_deref() {
            None | Some("") => Ok(None),
            Some("\\t") | Some("tab") => Ok(Some(b'\t')),
            Some(t) if t.len() == 1 && t.is_ascii() => Ok(Some(t.as_bytes()[0])),
            Some(t) => Err(serde::de::Error::custom(format!(
                "delimiter must be one ASCII character, not {t:?}"
            ))),
        }
    }
}

/// File formats the toolkit reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Delimited text (CSV, TSV…).
    Csv,
    /// An XLSX workbook.
    Xlsx,
    /// An old Excel workbook (`.xls`: Excel 97–2003 or 5/95).
    Xls,
    /// An OpenDocument spreadsheet (`.ods`: LibreOffice, WPS).
    Ods,
    /// A JSON array of objects, or JSON Lines.
    Json,
    /// An Apache Parquet file (a Hive table's export): read by the native core only.
    Parquet,
}

impl Format {
    /// Every format the page reads, in the order it lists them ([`Format::Parquet`] is read
    /// natively only).
    pub const ALL: [Format; 5] = [
        Format::Csv,
        Format::Xlsx,
        Format::Xls,
        Format::Ods,
        Format::Json,
    ];

    /// Whether the format is a workbook (sheets; read whole).
    pub fn is_workbook(self) -> bool {
        matches!(self, Format::Xlsx | Format::Xls | Format::Ods)
    }
}

/// The `mimetype` part an OpenDocument spreadsheet starts with (stored first, uncompressed,
/// so its name and text are at fixed places of the zip).
const ODS_MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// Whether zip bytes are an OpenDocument spreadsheet: their first part is `mimetype` holding
/// [`ODS_MIMETYPE`] (30 bytes of local header, the 8-byte name, the text).
fn is_ods_zip(bytes: &[u8]) -> bool {
    bytes.get(30..38) == Some(b"mimetype".as_slice())
        && bytes
            .get(38..)
            .is_some_and(|rest| rest.starts_with(ODS_MIMETYPE))
}

/// The magic bytes a Parquet file starts and ends with.
pub const PARQUET_MAGIC: &[u8] = b"PAR1";

/// Guesses the format from the first bytes and the file name: `PAR1` first is Parquet,
/// an OLE2 compound file is an old Excel workbook, a zip whose `mimetype` says so (or named `.ods`) an OpenDocument
/// spreadsheet, another zip an XLSX workbook (unless named `.csv`).
pub fn detect_format(file: &str, bytes: &[u8]) -> Format {
    let lower = file.to_ascii_lowercase();
    // The start is enough (the reader checks the footer and names what is wrong with it): a
    // file read from disk is sniffed from its first bytes only.
    if bytes.starts_with(PARQUET_MAGIC) {
        return Format::Parquet;
    }
    if bytes.starts_with(cfb::SIGNATURE) && !lower.ends_with(".csv") {
        return Format::Xls;
    }
    if bytes.starts_with(b"PK\x03\x04") && !lower.ends_with(".csv") {
        if is_ods_zip(bytes) || (lower.ends_with(".ods") && !lower.ends_with(".xlsx")) {
            return Format::Ods;
        }
        return Format::Xlsx;
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    if lower.ends_with(".json")
        || lower.ends_with(".jsonl")
        || lower.ends_with(".ndjson")
        || matches!(first, Some(b'[') | Some(b'{'))
    {
        return Format::Json;
    }
    Format::Csv
}

/// What loading one file (or one sheet) did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileReport {
    /// File name as given.
    pub file: String,
    /// Sheet, for spreadsheets.
    pub sheet: Option<String>,
    /// `csv`, `xlsx`, `xls`, `ods` or `json`.
    pub format: &'static str,
    /// The text encoding read (delimited text).
    pub encoding: Option<String>,
    /// Why that encoding (delimited text): given by the caller, a byte-order mark, or what the
    /// first 64 KiB decode as.
    pub encoding_reason: Option<String>,
    /// The same in Chinese.
    pub encoding_reason_zh: Option<String>,
    /// The delimiter (delimited text).
    pub delimiter: Option<String>,
    /// The record kind read.
    pub kind: RecordKind,
    /// The kind's Chinese name.
    pub kind_zh: &'static str,
    /// Whether the first row was a header.
    pub has_header: bool,
    /// The headers as written.
    pub headers: Vec<String>,
    /// Rows read (header and blank rows excluded; rows skipped as titles or totals included).
    pub rows_read: u64,
    /// Rows accepted into the store.
    pub accepted: u64,
    /// Rows repeating a record already held (same decision number, task, year…): counted,
    /// not added again.
    pub duplicates: u64,
    /// Registrations repeating a USCC already held with a different name, type or status:
    /// not loaded, listed in `conflict_rows` (the rule: `conflict_rule`).
    pub conflicts: u64,
    /// The first conflicting repeats ([`LoadOptions::max_errors`]), each with the line held
    /// and the repeat.
    pub conflict_rows: Vec<notes::Conflict>,
    /// Which line is kept when a USCC repeats (registration files; `None` for other kinds).
    pub conflict_rule: Option<&'static str>,
    /// The same in Chinese.
    pub conflict_rule_zh: Option<&'static str>,
    /// Rows skipped, not records: titles and notes above the header, 合计/总计/备注 lines.
    pub skipped: u64,
    /// The first skipped rows ([`notes::SKIPPED_KEPT`]) with their text.
    pub skipped_rows: Vec<notes::SkippedRow>,
    /// Accepted (or duplicate) rows with at least one warning.
    pub warned: u64,
    /// Warnings per column: values of optional columns read as "other", USCCs whose region
    /// GB/T 2260 does not know. Such rows are accepted.
    pub warnings: Vec<notes::ColumnWarning>,
    /// Rows rejected (every one in the rejected-rows CSV; the first ones in `errors`).
    pub rejected: u64,
    /// Rejected rows by reason code.
    pub rejected_by_reason: std::collections::BTreeMap<String, u64>,
    /// Rejected rows by the header of the offending column (problems of a whole row, such as
    /// a wrong number of fields, are not counted here).
    pub rejected_by_column: std::collections::BTreeMap<String, u64>,
    /// Headers that name no documented column; their values are not used.
    pub unknown_columns: Vec<String>,
    /// The first rejected rows ([`LoadOptions::max_errors`], default [`MAX_ERRORS`]); fewer
    /// than `rejected` when there were more.
    pub errors: Vec<RowError>,
    /// Every rejected row, compactly (for the rejected-rows CSV).
    #[serde(skip)]
    pub rejected_rows: std::sync::Arc<rejected::RejectedRows>,
}

impl FileReport {
    /// Whether every row read is accounted for: read = accepted + duplicates + conflicts +
    /// rejected + skipped.
    pub fn balanced(&self) -> bool {
        self.rows_read
            == self.accepted + self.duplicates + self.conflicts + self.rejected + self.skipped
            && self.rejected == self.rejected_rows.len() as u64
            && self.rejected == self.rejected_by_reason.values().sum::<u64>()
    }

    /// Every rejected row's error, in file order (the report's `errors` hold only the first).
    pub fn rejected_errors(&self) -> impl Iterator<Item = RowError> + '_ {
        (0..self.rejected_rows.len()).map(|i| {
            self.rejected_rows
                .get(i, &self.file, self.sheet.as_deref())
                .1
        })
    }

    /// The fields of the `i`-th rejected row as read (`None` past the last).
    pub fn rejected_row(&self, i: usize) -> Option<Vec<String>> {
        (i < self.rejected_rows.len()).then(|| {
            self.rejected_rows
                .get(i, &self.file, self.sheet.as_deref())
                .0
        })
    }

    /// The rejected rows as a CSV file the user can fix and load again: the original
    /// headers, each rejected row as read, and a last column with the reason.
    pub fn rejected_csv(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let _ = self.write_rejected_csv(&mut out);
        out
    }

    /// Writes the rejected-rows CSV (see [`FileReport::rejected_csv`]) to `w` as a stream:
    /// UTF-8 with a BOM, CRLF; every text cell made formula-safe with
    /// [`rejected::escape_cell`], which loading the file again undoes (its last header,
    /// [`rejected::REJECTED_HEADER`], marks it).
    pub fn write_rejected_csv(&self, mut w: impl std::io::Write) -> std::io::Result<()> {
        w.write_all(b"\xEF\xBB\xBF")?;
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .terminator(csv::Terminator::CRLF)
            .from_writer(w);
        let mut row: Vec<String> = self
            .headers
            .iter()
            .map(|h| rejected::escape_cell(h).into_owned())
            .collect();
        row.push(rejected::REJECTED_HEADER.into());
        w.write_record(&row)?;
        for i in 0..self.rejected_rows.len() {
            let (raw, e) = self.rejected_rows.get(i, &self.file, self.sheet.as_deref());
            row.clear();
            row.extend(raw.iter().map(|c| rejected::escape_cell(c).into_owned()));
            row.resize(self.headers.len().max(row.len()), String::new());
            let col = if e.column.is_empty() {
                String::new()
            } else {
                format!("{}：", e.column)
            };
            row.push(format!(
                "第{}行 {col}{}（{}）",
                e.line, e.message_zh, e.message
            ));
            w.write_record(&row)?;
        }
        w.flush()?;
        Ok(())
    }

    /// The rejected rows as an XLSX workbook of one sheet, created on `created`: the original
    /// headers and each rejected row as read (every field a text cell, as read — a workbook's
    /// text cell is never a formula, so nothing is escaped), then the reason columns: the line
    /// (a number) and the reason, with headers and reason in `lang`. The reason column is not
    /// [`rejected::REJECTED_HEADER`]: that header marks escaped cells, which these are not.
    pub fn rejected_xlsx(
        &self,
        created: crate::date::Date,
        lang: crate::sheet::Lang,
    ) -> Result<Vec<u8>, crate::sheet::SheetError> {
        use crate::sheet::{Book, Cell, Kind, RowSink, SheetError};
        let n = self.rejected_rows.len();
        if n >= crate::sheet::MAX_ROWS as usize {
            return Err(SheetError(format!(
                "{n} rejected rows: more than a worksheet holds; export CSV instead"
            )));
        }
        let rows: Vec<(Vec<String>, RowError)> = (0..n)
            .map(|i| self.rejected_rows.get(i, &self.file, self.sheet.as_deref()))
            .collect();
        let width = rows
            .iter()
            .map(|r| r.0.len())
            .max()
            .unwrap_or(0)
            .max(self.headers.len());
        let mut headers: Vec<&str> = self.headers.iter().map(String::as_str).collect();
        headers.resize(width, "");
        headers.push(lang.pick("行号", "line"));
        headers.push(lang.pick("错误原因", "error"));
        let mut kinds = vec![Kind::Text; width];
        kinds.extend([Kind::Number, Kind::Text]);
        let mut b = Book::new(created)?;
        let mut s =
            b.sheet_with_headers(lang.pick("未导入的行", "rejected rows"), &headers, &kinds)?;
        let mut cells: Vec<Cell<'_>> = Vec::with_capacity(width + 2);
        for (raw, e) in &rows {
            cells.clear();
            cells.extend(raw.iter().map(|f| match f.as_str() {
                "" => Cell::Empty,
                f => Cell::text(f),
            }));
            cells.resize(width, Cell::Empty);
            let col = |sep: &str| {
                if e.column.is_empty() {
                    String::new()
                } else {
                    format!("{}{sep}", e.column)
                }
            };
            cells.push(Cell::int(e.line));
            cells.push(Cell::text(match lang {
                crate::sheet::Lang::Zh => {
                    format!("{}{}（{}）", col("："), e.message_zh, e.message)
                }
                crate::sheet::Lang::En => format!("{}{}", col(": "), e.message),
            }));
            s.row(&cells)?;
        }
        s.done()?;
        b.finish()
    }
}

/// Loads one file of any supported format held in memory. A workbook gives one report per
/// sheet read.
pub fn load_file(
    store: &mut Store,
    file: &str,
    bytes: &[u8],
    options: &LoadOptions,
    progress: &mut dyn Progress,
) -> Result<Vec<FileReport>, FileError> {
    options.check_size(file, bytes.len() as u64)?;
    match options.format.unwrap_or_else(|| detect_format(file, bytes)) {
        Format::Xlsx => xlsx::load_xlsx(store, file, bytes, options),
        Format::Xls => xls::load_xls(store, file, bytes, options),
        Format::Ods => ods::load_ods(store, file, bytes, options),
        Format::Json => Ok(vec![json::load_json(store, file, bytes, options)?]),
        #[cfg(not(target_arch = "wasm32"))]
        Format::Parquet => Ok(vec![parquet::load_parquet(
            store, file, bytes, options, progress,
        )?]),
        #[cfg(target_arch = "wasm32")]
        Format::Parquet => Err(FileError::Parquet {
            file: file.into(),
            message: "Parquet files are read by the command-line tool (and Spark), not in the \
                      browser; save the table as CSV or XLSX for the page"
                .into(),
        }),
        Format::Csv => {
            let total = bytes.len();
            let mut ticker = Throttled::new(progress);
            let stage = format!("load:{file}");
            let mut options = options.clone();
            options.size.get_or_insert(total as u64);
            let r = csv_stream::load_all(store, file, bytes, &options, 1 << 20, |done, _| {
                ticker.tick(&stage, done as usize, total).is_ok()
            })?;
            Ok(vec![r])
        }
    }
}

/// Loads one file from disk, natively. Delimited text is read and parsed in 1 MiB chunks on a
/// second thread while this one fills the store, so it is never held whole; a workbook or
/// JSON file is read whole. `file` names it in reports and errors.
#[cfg(not(target_arch = "wasm32"))]
pub fn load_path(
    store: &mut Store,
    file: &str,
    path: &std::path::Path,
    options: &LoadOptions,
    progress: &mut dyn Progress,
) -> Result<Vec<FileReport>, FileError> {
    use std::io::Read;
    let read_error = |e: std::io::Error| FileError::Read {
        file: file.to_string(),
        message: e.to_string(),
    };
    let mut f = std::fs::File::open(path).map_err(read_error)?;
    let total = f.metadata().map_err(read_error)?.len();
    options.check_size(file, total)?;
    let mut head = Vec::with_capacity(4096);
    (&mut f)
        .take(4096)
        .read_to_end(&mut head)
        .map_err(read_error)?;
    let format = options.format.unwrap_or_else(|| detect_format(file, &head));
    if format != Format::Csv {
        let mut bytes = head;
        f.read_to_end(&mut bytes).map_err(read_error)?;
        return load_file(store, file, &bytes, options, progress);
    }
    let mut options = options.clone();
    options.size.get_or_insert(total);
    let mut ticker = Throttled::new(progress);
    let stage = format!("load:{file}");
    let reader = std::io::Cursor::new(head).chain(f);
    let r = csv_stream::load_reader(store, file, reader, &options, |done, _| {
        ticker.tick(&stage, done as usize, total as usize).is_ok()
    })?;
    Ok(vec![r])
}

/// Loads one delimited-text file held in memory (`kind` detected when `None`).
pub fn load_csv(
    store: &mut Store,
    file: &str,
    bytes: &[u8],
    kind: Option<RecordKind>,
    progress: &mut dyn Progress,
) -> Result<FileReport, FileError> {
    let options = LoadOptions {
        kind,
        format: Some(Format::Csv),
        ..LoadOptions::default()
    };
    let mut r = load_file(store, file, bytes, &options, progress)?;
    Ok(r.remove(0))
}

/// The names of a workbook's sheets (XLSX, XLS or ODS, told from the bytes and the name).
pub fn sheet_names(file: &str, bytes: &[u8]) -> Result<Vec<String>, FileError> {
    match detect_format(file, bytes) {
        Format::Xls => xls::sheet_names(file, bytes),
        Format::Ods => ods::sheet_names(file, bytes),
        _ => xlsx::sheet_names(file, bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::NoProgress;

    const REG: &str = "统一社会信用代码,企业名称,市场主体类型,成立日期,登记状态,所属区域,备注\n\
914403001922038216,甲公司,公司,2010-05-01,存续,吴家山街道,x\n\
91330100716105852F,乙公司,公司,2015/3/2,在业,径河街道,\n\
914403001922038217,坏代码,公司,2015-03-02,存续,,\n\
91420112MA4KXXXX0X,短,公司,2015-03-02,存续,,\n";

    #[test]
    fn good_rows_load_and_bad_rows_are_reported_with_position() {
        let mut s = Store::new();
        let r = load_csv(&mut s, "reg.csv", REG.as_bytes(), None, &mut NoProgress).unwrap();
        assert_eq!(r.kind, RecordKind::Registration);
        assert_eq!((r.rows_read, r.accepted, r.rejected), (4, 2, 2));
        assert_eq!(r.unknown_columns, vec!["备注".to_string()]);
        let e = &r.errors[0];
        assert_eq!((e.line, e.record), (4, 3));
        assert_eq!(e.column, "统一社会信用代码");
        assert_eq!(e.value, "914403001922038217");
        assert_eq!(e.reason, "uscc");
        assert_eq!(
            e.message,
            "invalid USCC: check digit is '7' but should be '6'"
        );
        assert_eq!(e.message_zh, "统一社会信用代码校验位为“7”，应为“6”");
        assert_eq!(r.errors[1].line, 5);
        assert_eq!(s.counts().registered, 2);
    }

    #[test]
    fn field_count_and_duplicates_and_quoted_newlines() {
        let text = "uscc,name,established\n\
914403001922038216,\"多行\n名称\",2010-05-01\n\
914403001922038216,again,2010-05-01\n\
91330100716105852F,short\n";
        let mut s = Store::new();
        let r = load_csv(&mut s, "r.csv", text.as_bytes(), None, &mut NoProgress).unwrap();
        // The repeat names the enterprise differently: a conflict, not a duplicate.
        assert_eq!(
            (
                r.rows_read,
                r.accepted,
                r.duplicates,
                r.conflicts,
                r.rejected
            ),
            (3, 1, 0, 1, 1)
        );
        assert_eq!(r.conflict_rows[0].differs, ["name"]);
        assert_eq!(r.errors[0].line, 5);
        assert_eq!(r.errors[0].reason, "field_count");
        assert!(r.balanced());
        assert_eq!(s.name(0), "多行\n名称");
    }

    #[test]
    fn missing_required_column_is_a_file_error() {
        let mut s = Store::new();
        let e = load_csv(
            &mut s,
            "p.csv",
            "统一社会信用代码,处罚决定书文号\n".as_bytes(),
            None,
            &mut NoProgress,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "p.csv: missing required column(s) for penalty: decision_date/处罚决定日期, penalty_kinds/处罚种类"
        );
    }

    #[test]
    fn unknown_kind_and_empty_and_binary() {
        let mut s = Store::new();
        assert!(matches!(
            load_csv(&mut s, "x.csv", b"a,b\n1,2\n", None, &mut NoProgress),
            Err(FileError::UnknownKind { .. })
        ));
        assert!(matches!(
            load_csv(&mut s, "e.csv", b"", None, &mut NoProgress),
            Err(FileError::Empty { .. })
        ));
        assert!(matches!(
            load_csv(
                &mut s,
                "b.bin",
                b"\x00\x01\x02\x03binary\x00\x80\n",
                None,
                &mut NoProgress
            ),
            Err(FileError::NotText { .. })
        ));
        assert!(matches!(
            load_csv(&mut s, "w.csv", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", None, &mut NoProgress),
            Err(FileError::NotText { what, .. }) if what.contains("XLSX")
        ));
    }

    #[test]
    fn every_kind_parses_a_good_row() {
        let rows = [
            "uscc,year,filed\n914403001922038216,2024,2025-05-01\n",
            "uscc,licence_no,licence_kind,issued,expires,licence_status\n914403001922038216,JY1,食品经营,2020-01-01,2025-01-01,有效\n",
            "uscc,decision_no,decision_date,procedure,penalty_kinds,fine,domain,aggravated,fulfilled,harm_eliminated\n914403001922038216,东市监罚〔2024〕1号,2024-03-01,普通,罚款;没收,\"5,000\",食品,否,是,是\n",
            "uscc,task_id,inspection_date,inspection_kind,result\n914403001922038216,T1,2024-06-01,双随机,未发现问题\n",
            "uscc,list,reason,listed_date,removed_date,authority\n914403001922038216,经营异常名录,未按规定报送年度报告,2023-07-10,,东西湖区市场监督管理局\n",
            "uscc,item,committed_date,due_date,verified_date,outcome\n914403001922038216,食品经营许可,2024-01-01,2024-03-01,2024-02-20,履行承诺\n",
            "uscc,complaint_date,complaint_kind,substantiated,on_time\n914403001922038216,2024-08-01,投诉,是,是\n",
        ];
        let mut s = Store::new();
        for text in rows {
            let r = load_csv(&mut s, "f.csv", text.as_bytes(), None, &mut NoProgress).unwrap();
            assert_eq!((r.accepted, r.rejected), (1, 0), "{:?}", r.errors);
        }
        assert_eq!(s.counts().records, 7);
        assert_eq!(s.penalties.rows()[0].fine, Some(5000.0));
    }
}
