//! Delimited text read as a stream of chunks: encoding detected from the first 64 KiB and
//! converted on the fly, delimiter detected from the header line, line numbers counted as an
//! editor shows them.
//! Records are split by [`RecordSplitter`].
//!
//! Memory stays bounded by the chunk size and the longest record, so a 1 GB file never needs
//! a 1 GB string.

use super::encoding::{detect, TextEncoding, Transcoder};
use super::error::FileError;
use super::header::layout;
use super::row::Fields;
use super::sink::{is_blank, Sink};
use super::split::RecordSplitter;
use super::{FileReport, LoadOptions};
use crate::store::Store;

/// Bytes buffered before the encoding is decided.
const SNIFF: usize = 64 * 1024;

/// A delimited-text file being loaded chunk by chunk.
pub struct CsvLoader {
    file: String,
    options: LoadOptions,
    /// Raw bytes held until the encoding is decided.
    sniff: Vec<u8>,
    encoding: Option<TextEncoding>,
    transcoder: Option<Transcoder>,
    /// UTF-8 bytes of the header line, held until it is complete.
    head: Vec<u8>,
    splitter: Option<RecordSplitter>,
    delimiter: u8,
    /// Average bytes a line in the first chunk, to estimate the rows of the file.
    line_bytes: Option<u64>,
    sink: Option<Sink>,
    bytes_read: u64,
}

impl std::fmt::Debug for CsvLoader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvLoader")
            .field("file", &self.file)
            .field("encoding", &self.encoding)
            .field("bytes_read", &self.bytes_read)
            .field("rows_read", &self.rows_read())
            .finish()
    }
}

impl CsvLoader {
    /// Starts loading `file`.
    pub fn new(file: &str, options: LoadOptions) -> Self {
        CsvLoader {
            file: file.to_string(),
            options,
            sniff: Vec::new(),
            encoding: None,
            transcoder: None,
            head: Vec::new(),
            splitter: None,
            delimiter: b',',
            line_bytes: None,
            sink: None,
            bytes_read: 0,
        }
    }

    /// Raw bytes consumed so far.
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    /// Data rows read so far.
    pub fn rows_read(&self) -> u64 {
        self.sink.as_ref().map_or(0, |s| s.report.rows_read)
    }

    /// Feeds the next chunk of the file.
    pub fn push(&mut self, store: &mut Store, chunk: &[u8]) -> Result<(), FileError> {
        self.bytes_read += chunk.len() as u64;
        if self.encoding.is_some() {
            return self.text(store, chunk, false);
        }
        self.sniff.extend_from_slice(chunk);
        if self.sniff.len() < SNIFF {
            return Ok(());
        }
        let held = std::mem::take(&mut self.sniff);
        let skip = self.decide_encoding(&held)?;
        self.text(store, &held[skip..], false)
    }

    /// Ends the file: flushes the last record and returns the report.
    pub fn finish(mut self, store: &mut Store) -> Result<FileReport, FileError> {
        if self.encoding.is_none() {
            let held = std::mem::take(&mut self.sniff);
            if held.is_empty() {
                return Err(FileError::Empty { file: self.file });
            }
            let skip = self.decide_encoding(&held)?;
            self.text(store, &held[skip..], true)?;
        } else {
            self.text(store, &[], true)?;
        }
        let mut sink = self.sink.ok_or(FileError::Empty {
            file: self.file.clone(),
        })?;
        sink.report.encoding = self.encoding.map(|e| e.label().to_string());
        sink.report.delimiter = Some((self.delimiter as char).to_string());
        Ok(sink.report)
    }

    /// Decides the encoding from the first bytes; returns the length of a BOM to skip.
    fn decide_encoding(&mut self, held: &[u8]) -> Result<usize, FileError> {
        let det = detect(held);
        if det.binary && self.options.encoding.is_none() {
            return Err(FileError::NotText {
                file: self.file.clone(),
                what: sniff_binary(held),
            });
        }
        let lines = memchr::memchr_iter(b'\n', held).count() as u64;
        if lines > 1 {
            self.line_bytes = Some(held.len() as u64 / lines);
        }
        let enc = self.options.encoding.unwrap_or(det.encoding);
        self.encoding = Some(enc);
        if enc != TextEncoding::Utf8 {
            self.transcoder = Some(Transcoder::new(enc));
        }
        Ok(if enc == det.encoding { det.bom } else { 0 })
    }

    /// Handles raw bytes once the encoding is known.
    fn text(&mut self, store: &mut Store, raw: &[u8], last: bool) -> Result<(), FileError> {
        if let Some(mut t) = self.transcoder.take() {
            let utf8 = t.feed(raw, last).to_vec();
            self.transcoder = Some(t);
            self.utf8(store, &utf8, last)
        } else {
            self.utf8(store, raw, last)
        }
    }

    /// Handles UTF-8 bytes: first the header line, then records.
    fn utf8(&mut self, store: &mut Store, text: &[u8], last: bool) -> Result<(), FileError> {
        if self.splitter.is_some() {
            return self.records(store, text, last);
        }
        self.head.extend_from_slice(text);
        let Some(nl) = self.head.iter().position(|&b| b == b'\n') else {
            if last && !self.head.is_empty() {
                let head = std::mem::take(&mut self.head);
                self.start(&head)?;
                return self.records(store, &head, true);
            }
            return Ok(());
        };
        let head = std::mem::take(&mut self.head);
        self.start(&head[..nl])?;
        self.records(store, &head, last)
    }

    /// Sets up the reader from the first line.
    fn start(&mut self, first_line: &[u8]) -> Result<(), FileError> {
        let line = std::str::from_utf8(first_line).map_err(|_| FileError::Encoding {
            file: self.file.clone(),
        })?;
        self.delimiter = self
            .options
            .delimiter
            .unwrap_or_else(|| detect_delimiter(line));
        self.splitter = Some(RecordSplitter::new(self.delimiter));
        Ok(())
    }

    /// Splits records out of UTF-8 text and hands them on.
    fn records(&mut self, store: &mut Store, text: &[u8], last: bool) -> Result<(), FileError> {
        let mut splitter = self.splitter.take().expect("started before records");
        let r = splitter.feed(text, last, &mut |fields, line| {
            self.deliver(store, fields, line)
        });
        self.splitter = Some(splitter);
        r
    }

    fn deliver(&mut self, store: &mut Store, fields: Fields, line: u64) -> Result<(), FileError> {
        match &mut self.sink {
            Some(sink) => {
                if !is_blank(&fields) {
                    sink.record(store, fields, line);
                }
            }
            None => {
                let first: Vec<String> = fields.to_strings();
                let l = layout(
                    &self.file,
                    None,
                    &first,
                    self.options.kind,
                    self.options.has_header,
                    &self.options.mapping,
                )?;
                let has_header = l.has_header;
                if let (Some(size), Some(avg)) = (self.options.size, self.line_bytes) {
                    store.reserve(l.kind, (size / avg.max(1)) as usize);
                }
                let mut sink = Sink::new(l, "csv");
                if !has_header {
                    sink.record(store, fields, line);
                }
                self.sink = Some(sink);
            }
        }
        Ok(())
    }
}

/// The delimiter of a header line: the most frequent of `,` `\t` `;` `|` outside quotes
/// (`,` when none occurs).
pub fn detect_delimiter(line: &str) -> u8 {
    let mut counts = [0usize; 4];
    let cands = [b',', b'\t', b';', b'|'];
    let mut quoted = false;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(i) = cands.iter().position(|&c| c == b) {
                counts[i] += 1;
            }
        }
    }
    let (best, n) = counts
        .iter()
        .enumerate()
        .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))
        .expect("four candidates");
    if *n == 0 {
        b','
    } else {
        cands[best]
    }
}

/// What a binary file looks like, for the error message.
fn sniff_binary(b: &[u8]) -> String {
    if b.starts_with(b"PK\x03\x04") {
        "a ZIP archive, e.g. an XLSX workbook: load it as a spreadsheet".into()
    } else if b.starts_with(b"\xD0\xCF\x11\xE0") {
        "an old Excel .xls or other OLE file: save it as .xlsx or CSV".into()
    } else if b.starts_with(b"%PDF") {
        "a PDF document".into()
    } else {
        "binary data".into()
    }
}

/// Loads a whole delimited-text file held in memory, in chunks.
pub fn load_all(
    store: &mut Store,
    file: &str,
    bytes: &[u8],
    options: &LoadOptions,
    chunk: usize,
    mut on_chunk: impl FnMut(u64, u64) -> bool,
) -> Result<FileReport, FileError> {
    let mut loader = CsvLoader::new(file, options.clone());
    for part in bytes.chunks(chunk.max(1)) {
        loader.push(store, part)?;
        if !on_chunk(loader.bytes_read(), loader.rows_read()) {
            return Err(FileError::Cancelled { file: file.into() });
        }
    }
    loader.finish(store)
}
