//! What a file is, before it is loaded: format, encoding, delimiter, header line and record
//! kind, found by the same functions the loaders use ([`detect_format`], [`detect`],
//! [`detect_delimiter`], [`looks_like_data`], [`detect_kind`]), so that a caller (the page's
//! worker) asks instead of guessing again.
//!
//! The bytes may be the whole file or its first part (64 KiB are plenty): only the first
//! record is read. A workbook is only recognised as one (its sheets and rows need the whole
//! file: [`super::sheet_names`], [`super::load_file`]).

use super::csv_stream::{detect_delimiter, sniff_binary};
use super::encoding::{detect, TextEncoding, Transcoder};
use super::error::FileError;
use super::header::{detect_kind, looks_like_data};
use super::split::RecordSplitter;
use super::{detect_format, Format, LoadOptions};
use crate::records::RecordKind;
use serde::Serialize;
use serde_json::Value;

/// What [`sniff`] found. Options given in [`LoadOptions`] are taken as they are, as the
/// loaders take them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Sniff {
    /// File name as given.
    pub file: String,
    /// `csv` (delimited text: CSV, TSV…), `xlsx`, `xls`, `ods` or `json`.
    pub format: Format,
    /// The text encoding (delimited text; JSON is read as UTF-8).
    pub encoding: Option<TextEncoding>,
    /// Whether the text starts with a byte-order mark.
    pub bom: bool,
    /// The delimiter of delimited text, as one character (`"\t"` for TSV).
    pub delimiter: Option<String>,
    /// Whether the first record is a header (`None` when there is no record to tell from).
    pub has_header: Option<bool>,
    /// The 1-based line of the header (`None` without a header).
    pub header_line: Option<u64>,
    /// The headers as written (the keys of the first object for JSON); empty without a
    /// header.
    pub headers: Vec<String>,
    /// The record kind (given, or detected from the headers); `None` when it cannot be told.
    pub kind: Option<RecordKind>,
    /// The kind's Chinese name.
    pub kind_zh: Option<&'static str>,
}

/// Finds the format, encoding, delimiter, header line and record kind of a file from its name
/// and its first bytes. Fails as loading would on a file that is not a text table (binary,
/// empty, a header that is not text, JSON that does not parse); a header whose kind cannot be
/// told is not an error here (`kind: None`, with the headers to map).
pub fn sniff(file: &str, bytes: &[u8], options: &LoadOptions) -> Result<Sniff, FileError> {
    let format = options.format.unwrap_or_else(|| detect_format(file, bytes));
    let mut out = Sniff {
        file: file.to_string(),
        format,
        encoding: None,
        bom: false,
        delimiter: None,
        has_header: None,
        header_line: None,
        headers: Vec::new(),
        kind: options.kind,
        kind_zh: None,
    };
    if bytes.is_empty() {
        return Err(FileError::Empty { file: file.into() });
    }
    match format {
        Format::Xlsx | Format::Xls | Format::Ods | Format::Parquet => {}
        Format::Json => sniff_json(&mut out, bytes, options)?,
        Format::Csv => sniff_text(&mut out, bytes, options)?,
    }
    out.kind_zh = out.kind.map(RecordKind::zh);
    Ok(out)
}

/// Delimited text: as [`super::CsvLoader`] reads it (encoding from the first bytes, the
/// delimiter from the first line, the first record as the header unless it holds a USCC).
fn sniff_text(out: &mut Sniff, bytes: &[u8], options: &LoadOptions) -> Result<(), FileError> {
    let file = out.file.clone();
    let det = detect(bytes);
    if det.binary && options.encoding.is_none() {
        return Err(FileError::NotText {
            file,
            what: sniff_binary(bytes),
        });
    }
    let encoding = options.encoding.unwrap_or(det.encoding);
    let bom = if encoding == det.encoding { det.bom } else { 0 };
    out.encoding = Some(encoding);
    out.bom = bom > 0;
    let body = &bytes[bom..];
    let mut transcoder;
    let text: &[u8] = if encoding == TextEncoding::Utf8 {
        body
    } else {
        transcoder = Transcoder::new(encoding);
        transcoder.feed(body, true)
    };
    let first_line = &text[..memchr::memchr(b'\n', text).unwrap_or(text.len())];
    let line = std::str::from_utf8(first_line).map_err(|e| {
        // A prefix may end inside a character; anything else is not text in this encoding.
        if e.error_len().is_none() && first_line.len() == text.len() {
            FileError::Empty { file: file.clone() }
        } else {
            FileError::Encoding { file: file.clone() }
        }
    })?;
    let delimiter = options.delimiter.unwrap_or_else(|| detect_delimiter(line));
    out.delimiter = Some((delimiter as char).to_string());

    let mut first: Option<(Vec<String>, u64)> = None;
    let mut splitter = RecordSplitter::new(delimiter);
    let _ = splitter.feed(text, true, &mut |fields, at| {
        first = Some((fields.to_strings(), at));
        Err(())
    });
    let Some((fields, at)) = first else {
        return Err(FileError::Empty { file });
    };
    header(out, fields, at, options)
}

/// The header decision of [`super::header::layout`], without failing on an unknown kind.
fn header(
    out: &mut Sniff,
    first: Vec<String>,
    line: u64,
    options: &LoadOptions,
) -> Result<(), FileError> {
    let has_header = options
        .has_header
        .unwrap_or_else(|| !looks_like_data(&first));
    out.has_header = Some(has_header);
    if !has_header {
        return Ok(());
    }
    if first.iter().all(|h| h.trim().is_empty()) {
        return Err(FileError::Empty {
            file: out.file.clone(),
        });
    }
    out.header_line = Some(line);
    if out.kind.is_none() {
        out.kind = detect_kind(&first, &options.mapping);
    }
    out.headers = first.iter().map(|h| h.trim().to_string()).collect();
    Ok(())
}

/// JSON: the keys of the first object are the headers (of an array, or of JSON Lines).
fn sniff_json(out: &mut Sniff, bytes: &[u8], options: &LoadOptions) -> Result<(), FileError> {
    let file = out.file.clone();
    out.encoding = Some(TextEncoding::Utf8);
    let body = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(b) => {
            out.bom = true;
            b
        }
        None => bytes,
    };
    let start = body.iter().position(|b| !b.is_ascii_whitespace());
    let Some(mut at) = start else {
        return Err(FileError::Empty { file });
    };
    if body[at] == b'[' {
        at += 1;
        at += body[at..]
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(body.len() - at);
    }
    let line = body[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let mut values = serde_json::Deserializer::from_slice(&body[at..]).into_iter::<Value>();
    match values.next() {
        Some(Ok(Value::Object(m))) => {
            let keys: Vec<String> = m.keys().cloned().collect();
            header(
                out,
                keys,
                line,
                &LoadOptions {
                    has_header: Some(true),
                    ..options.clone()
                },
            )
        }
        // An empty array, or a first element that is not an object: no headers to read.
        None | Some(Ok(_)) => Ok(()),
        // The first object runs past the bytes given (a prefix of the file).
        Some(Err(e)) if e.is_eof() => Ok(()),
        Some(Err(e)) => Err(FileError::Json {
            file,
            line: line + e.line() as u64 - 1,
            message: e.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> LoadOptions {
        LoadOptions::default()
    }

    #[test]
    fn utf8_csv_with_bom_detects_kind_and_header_line() {
        let text = "\u{feff}统一社会信用代码,处罚决定书文号,处罚决定日期,处罚种类\n914403001922038216,x,2024-01-01,警告\n";
        let s = sniff("p.csv", text.as_bytes(), &opts()).unwrap();
        assert_eq!(s.format, Format::Csv);
        assert_eq!(s.encoding, Some(TextEncoding::Utf8));
        assert!(s.bom);
        assert_eq!(s.delimiter.as_deref(), Some(","));
        assert_eq!((s.has_header, s.header_line), (Some(true), Some(1)));
        assert_eq!(s.kind, Some(RecordKind::Penalty));
        assert_eq!(s.kind_zh, Some(RecordKind::Penalty.zh()));
        assert_eq!(s.headers[0], "统一社会信用代码");
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["encoding"], "utf-8");
        assert_eq!(json["kind"], "penalty");
        assert_eq!(json["headerLine"], 1);
    }

    #[test]
    fn gbk_tsv_is_gb18030_with_a_tab() {
        let (gbk, _, _) = encoding_rs::GBK.encode("统一社会信用代码\t企业名称\t成立日期\n");
        let s = sniff("r.txt", &gbk, &opts()).unwrap();
        assert_eq!(s.encoding, Some(TextEncoding::Gb18030));
        assert_eq!(s.delimiter.as_deref(), Some("\t"));
        assert_eq!(s.kind, Some(RecordKind::Registration));
        assert_eq!(s.headers, ["统一社会信用代码", "企业名称", "成立日期"]);
    }

    #[test]
    fn delimiters_inside_quotes_do_not_count_and_quoted_headers_are_one_field() {
        let text = "\"a;b;c;d\",uscc,name,established\n";
        let s = sniff("x.csv", text.as_bytes(), &opts()).unwrap();
        assert_eq!(s.delimiter.as_deref(), Some(","));
        assert_eq!(s.headers, ["a;b;c;d", "uscc", "name", "established"]);
        assert_eq!(s.kind, Some(RecordKind::Registration));
    }

    #[test]
    fn no_header_when_the_first_row_holds_a_uscc_and_options_win() {
        let s = sniff("x.csv", b"914403001922038216,a\n", &opts()).unwrap();
        assert_eq!(
            (s.has_header, s.header_line, s.kind),
            (Some(false), None, None)
        );
        let o = LoadOptions {
            kind: Some(RecordKind::Registration),
            delimiter: Some(b';'),
            encoding: Some(TextEncoding::Utf8),
            ..opts()
        };
        let s = sniff("x.csv", b"a,b;c\n", &o).unwrap();
        assert_eq!(s.delimiter.as_deref(), Some(";"));
        assert_eq!(s.kind, Some(RecordKind::Registration));
        assert_eq!(s.headers, ["a,b", "c"]);
    }

    #[test]
    fn the_unknown_kind_keeps_its_headers() {
        let s = sniff("x.csv", b"a,b\n1,2\n", &opts()).unwrap();
        assert_eq!((s.kind, s.headers.len()), (None, 2));
    }

    #[test]
    fn failures_are_file_errors_with_their_reasons() {
        let reason = |name: &str, b: &[u8]| sniff(name, b, &opts()).unwrap_err().reason();
        assert_eq!(reason("e.csv", b""), "empty");
        assert_eq!(
            reason("b.bin", b"\x00\x01\x02\x03binary\x00\x80\n"),
            "not_text"
        );
        assert_eq!(reason("j.json", b"[{\"a\": }]"), "json");
        assert_eq!(reason("j.json", b"  "), "empty");
        let e = sniff("w.csv", b"PK\x03\x04\x14\x00\x00\x00", &opts()).unwrap_err();
        assert!(matches!(e, FileError::NotText { what, .. } if what.contains("XLSX")));
    }

    #[test]
    fn workbooks_and_json() {
        let s = sniff("w.xlsx", b"PK\x03\x04\x14\x00", &opts()).unwrap();
        assert_eq!((s.format, s.encoding, s.kind), (Format::Xlsx, None, None));
        let text = "[\n  {\"uscc\": \"914403001922038216\", \"year\": 2024, \"filed\": \"2025-01-01\"},\n  {\"uscc\": \"x\", \"year\": 2";
        let s = sniff("a.json", text.as_bytes(), &opts()).unwrap();
        assert_eq!(s.format, Format::Json);
        assert_eq!(s.header_line, Some(2));
        assert_eq!(s.kind, Some(RecordKind::AnnualReport));
        assert_eq!(s.headers, ["filed", "uscc", "year"]);
        // JSON Lines, and a first object cut off by the end of the bytes given.
        let s = sniff("a.jsonl", b"{\"uscc\": \"1\", \"year\": 1}\n{", &opts()).unwrap();
        assert_eq!(s.kind, Some(RecordKind::AnnualReport));
        let s = sniff("a.json", b"[{\"uscc\": \"91", &opts()).unwrap();
        assert_eq!((s.kind, s.headers.len()), (None, 0));
    }

    #[test]
    fn the_loader_agrees() {
        use crate::progress::NoProgress;
        use crate::store::Store;
        let (gbk, _, _) =
            encoding_rs::GBK.encode("uscc|name|established\n914403001922038216|甲|2010-01-01\n");
        let s = sniff("r.csv", &gbk, &opts()).unwrap();
        let r = super::super::load_file(&mut Store::new(), "r.csv", &gbk, &opts(), &mut NoProgress)
            .unwrap()
            .remove(0);
        assert_eq!(s.encoding.map(|e| e.label().to_string()), r.encoding);
        assert_eq!(s.delimiter, r.delimiter);
        assert_eq!(s.kind, Some(r.kind));
        assert_eq!(s.headers, r.headers);
        assert_eq!(s.has_header, Some(r.has_header));
    }
}
