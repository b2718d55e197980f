//! Delimited text read as a stream of chunks: encoding detected from the first 64 KiB and
//! converted on the fly, delimiter detected from the header line, line numbers counted as an
//! editor shows them.
//! Records are split by [`RecordSplitter`].
//!
//! Memory stays bounded by the chunk size and the longest record, so a 1 GB file never needs
//! a 1 GB string.

use super::encoding::{detect, Detected, TextEncoding, Transcoder, Why};
use super::error::FileError;
use super::header::{find_layout, layout, not_a_header, HEADER_SEARCH};
use super::row::Fields;
#[cfg(not(target_arch = "wasm32"))]
use super::sink::Batch;
use super::sink::{is_blank, Sink};
use super::split::RecordSplitter;
use super::{FileReport, LoadOptions};
use crate::records::RecordKind;
use crate::store::Store;
use crate::strpool::StrPool;

/// Bytes buffered before the encoding is decided.
const SNIFF: usize = 64 * 1024;

/// A delimited-text file being loaded chunk by chunk.
pub struct CsvLoader {
    file: String,
    options: LoadOptions,
    /// Raw bytes held until the encoding is decided.
    sniff: Vec<u8>,
    encoding: Option<TextEncoding>,
    /// How the encoding was decided.
    detected: Option<Detected>,
    transcoder: Option<Transcoder>,
    /// UTF-8 bytes of the header line, held until it is complete.
    head: Vec<u8>,
    splitter: Option<RecordSplitter>,
    delimiter: u8,
    /// Average bytes a line in the first chunk, to estimate the rows of the file.
    line_bytes: Option<u64>,
    sink: Option<Sink>,
    /// Rows to reserve in the store for the file (from its size), once the kind is known.
    reserve: Option<(RecordKind, usize)>,
    bytes_read: u64,
    /// The first rows, held while the header is looked for below a title (see
    /// [`find_layout`]): cells and line.
    pending: Vec<(Vec<String>, u64)>,
}

/// Records parsed on one thread are put into the store this many at a time.
const FLUSH_EVERY: usize = 1024;

/// Where parsing puts texts: the store (one thread: records also go in as they are
/// parsed), or only its string pool (the parsing thread of two).
enum Target<'a> {
    Store(&'a mut Store),
    #[cfg(not(target_arch = "wasm32"))]
    Strings(&'a mut StrPool),
}

impl Target<'_> {
    fn store(&mut self) -> Option<&mut Store> {
        match self {
            Target::Store(s) => Some(s),
            #[cfg(not(target_arch = "wasm32"))]
            Target::Strings(_) => None,
        }
    }

    fn strings(&mut self) -> &mut StrPool {
        match self {
            Target::Store(s) => &mut s.strings,
            #[cfg(not(target_arch = "wasm32"))]
            Target::Strings(p) => p,
        }
    }
}

/// Records parsed from a file and what the store needs before they go in: the parse side
/// of [`CsvLoader`] hands these to whoever owns the store.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) struct ParsedChunk {
    /// Rows to reserve first.
    pub reserve: Option<(RecordKind, usize)>,
    /// The records.
    pub batch: Batch,
    /// Raw bytes and rows read when the batch was taken.
    pub bytes_read: u64,
    /// Rows read so far.
    pub rows_read: u64,
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
            detected: None,
            transcoder: None,
            head: Vec::new(),
            splitter: None,
            delimiter: b',',
            line_bytes: None,
            sink: None,
            reserve: None,
            bytes_read: 0,
            pending: Vec::new(),
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

    /// Feeds the next chunk of the file; its records go into the store.
    pub fn push(&mut self, store: &mut Store, chunk: &[u8]) -> Result<(), FileError> {
        self.parse_into(chunk, &mut Target::Store(store))?;
        self.flush(store);
        Ok(())
    }

    /// Ends the file: flushes the last record and returns the report.
    pub fn finish(mut self, store: &mut Store) -> Result<FileReport, FileError> {
        self.parse_end_into(&mut Target::Store(store))?;
        self.flush(store);
        self.into_report()
    }

    /// Parses the next chunk, keeping its records for [`CsvLoader::take_parsed`]; their
    /// texts go into `strings`, the store's pool.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn parse(&mut self, chunk: &[u8], strings: &mut StrPool) -> Result<(), FileError> {
        self.parse_into(chunk, &mut Target::Strings(strings))
    }

    /// Parses the end of the file (the last record).
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn parse_end(&mut self, strings: &mut StrPool) -> Result<(), FileError> {
        self.parse_end_into(&mut Target::Strings(strings))
    }

    fn parse_into(&mut self, chunk: &[u8], strings: &mut Target) -> Result<(), FileError> {
        self.bytes_read += chunk.len() as u64;
        // The bytes actually read count, not the size hint (which only sizes reservations;
        // the page checks a file's size itself before reading it).
        if let Some(limit) = self.options.file_size_limit() {
            if self.bytes_read > limit {
                return Err(FileError::TooLarge {
                    file: self.file.clone(),
                    size: self.bytes_read,
                    limit,
                });
            }
        }
        if self.encoding.is_some() {
            return self.text(chunk, false, strings);
        }
        self.sniff.extend_from_slice(chunk);
        if self.sniff.len() < SNIFF {
            return Ok(());
        }
        let held = std::mem::take(&mut self.sniff);
        let skip = self.decide_encoding(&held)?;
        self.text(&held[skip..], false, strings)
    }

    fn parse_end_into(&mut self, strings: &mut Target) -> Result<(), FileError> {
        if self.encoding.is_none() {
            let held = std::mem::take(&mut self.sniff);
            if held.is_empty() {
                return Err(FileError::Empty {
                    file: self.file.clone(),
                });
            }
            let skip = self.decide_encoding(&held)?;
            self.text(&held[skip..], true, strings)
        } else {
            self.text(&[], true, strings)
        }
    }

    /// The records parsed since last asked, if any; `spare` (an emptied batch) takes their
    /// place.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn take_parsed(&mut self, spare: impl FnOnce() -> Batch) -> Option<ParsedChunk> {
        let sink = self.sink.as_mut()?;
        if sink.pending() == 0 && self.reserve.is_none() {
            return None;
        }
        Some(ParsedChunk {
            reserve: self.reserve.take(),
            batch: sink.take_batch(spare()),
            bytes_read: self.bytes_read,
            rows_read: sink.report.rows_read,
        })
    }

    /// Puts the records parsed so far into the store.
    fn flush(&mut self, store: &mut Store) {
        if let Some((kind, rows)) = self.reserve.take() {
            store.reserve(kind, rows);
        }
        if let Some(sink) = self.sink.as_mut() {
            sink.flush(store);
        }
    }

    /// The report once the file is parsed; the counts of records applied elsewhere (see
    /// [`CsvLoader::take_parsed`]) are the caller's to add.
    pub(crate) fn into_report(self) -> Result<FileReport, FileError> {
        let mut sink = self.sink.ok_or(FileError::Empty {
            file: self.file.clone(),
        })?;
        sink.report.encoding = self.encoding.map(|e| e.label().to_string());
        sink.report.encoding_reason = self.detected.map(|d| d.reason());
        sink.report.encoding_reason_zh = self.detected.map(|d| d.reason_zh());
        sink.report.delimiter = Some((self.delimiter as char).to_string());
        Ok(sink.into_report())
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
        self.detected = Some(match self.options.encoding {
            Some(e) if e != det.encoding || det.why != Why::Bom => Detected {
                encoding: e,
                bom: 0,
                binary: false,
                why: Why::Given,
            },
            _ => det,
        });
        if enc != TextEncoding::Utf8 {
            self.transcoder = Some(Transcoder::new(enc));
        }
        Ok(if enc == det.encoding { det.bom } else { 0 })
    }

    /// Handles raw bytes once the encoding is known.
    fn text(&mut self, raw: &[u8], last: bool, strings: &mut Target) -> Result<(), FileError> {
        if let Some(mut t) = self.transcoder.take() {
            let utf8 = t.feed(raw, last).to_vec();
            self.transcoder = Some(t);
            self.utf8(&utf8, last, strings)
        } else {
            self.utf8(raw, last, strings)
        }
    }

    /// Handles UTF-8 bytes: first the header line, then records.
    fn utf8(&mut self, text: &[u8], last: bool, strings: &mut Target) -> Result<(), FileError> {
        if self.splitter.is_some() {
            return self.records(text, last, strings);
        }
        self.head.extend_from_slice(text);
        let Some(nl) = self.head.iter().position(|&b| b == b'\n') else {
            if last && !self.head.is_empty() {
                let head = std::mem::take(&mut self.head);
                self.start(&head)?;
                return self.records(&head, true, strings);
            }
            return Ok(());
        };
        let mut line_end = nl;
        if self.options.delimiter.is_none() && !has_delimiter(&self.head[..nl]) {
            // A title line above the header has no delimiter: take it from the first line
            // that has one, within the first lines.
            let ends: Vec<usize> = memchr::memchr_iter(b'\n', &self.head)
                .take(HEADER_SEARCH)
                .collect();
            let mut start = 0;
            let mut found = None;
            for &e in &ends {
                if has_delimiter(&self.head[start..e]) {
                    found = Some((start, e));
                    break;
                }
                start = e + 1;
            }
            match found {
                Some((s, e)) => {
                    let head = std::mem::take(&mut self.head);
                    self.start_with(&head[..nl], &head[s..e])?;
                    return self.records(&head, last, strings);
                }
                None if ends.len() < HEADER_SEARCH && !last => return Ok(()),
                None => line_end = nl,
            }
        }
        let head = std::mem::take(&mut self.head);
        self.start(&head[..line_end])?;
        self.records(&head, last, strings)
    }

    /// Sets up the reader from the first line, the delimiter from `delimited` (a later line).
    fn start_with(&mut self, first_line: &[u8], delimited: &[u8]) -> Result<(), FileError> {
        self.start(first_line)?;
        if let Ok(line) = std::str::from_utf8(delimited) {
            self.delimiter = detect_delimiter(line);
            self.splitter = Some(RecordSplitter::new(self.delimiter));
        }
        Ok(())
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
    fn records(&mut self, text: &[u8], last: bool, strings: &mut Target) -> Result<(), FileError> {
        let mut splitter = self.splitter.take().expect("started before records");
        let r = splitter.feed(text, last, &mut |fields, line| {
            self.deliver(fields, line, strings)
        });
        self.splitter = Some(splitter);
        r?;
        if last && self.sink.is_none() && !self.pending.is_empty() {
            self.decide_layout(strings)?;
        }
        Ok(())
    }

    /// Finds the header among the rows held ([`find_layout`]), then reads them: the rows above
    /// it skipped with their text, the rows below it as records.
    fn decide_layout(&mut self, target: &mut Target) -> Result<(), FileError> {
        let pending = std::mem::take(&mut self.pending);
        let rows: Vec<Vec<String>> = pending.iter().map(|(r, _)| r.clone()).collect();
        let found = find_layout(
            &self.file,
            None,
            &rows,
            self.options.kind,
            self.options.has_header,
            &self.options.mapping,
        )?;
        if let (Some(size), Some(avg)) = (self.options.size, self.line_bytes) {
            self.reserve = Some((found.layout.kind, (size / avg.max(1)) as usize));
        }
        let mut sink = Sink::new(found.layout, "csv", &self.options);
        for (cells, line) in &pending[..found.above] {
            let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
            sink.skip(*line, "above_header", &cells);
        }
        let mut data = Vec::new();
        let mut ends = Vec::new();
        for (cells, line) in &pending[found.above + found.header_rows..] {
            data.clear();
            ends.clear();
            for c in cells {
                data.extend_from_slice(c.as_bytes());
                ends.push(data.len());
            }
            sink.record(Fields::new(&data, &ends), *line, target.strings());
        }
        self.sink = Some(sink);
        Ok(())
    }

    fn deliver(&mut self, fields: Fields, line: u64, target: &mut Target) -> Result<(), FileError> {
        match &mut self.sink {
            Some(sink) => {
                if !is_blank(&fields) {
                    sink.record(fields, line, target.strings());
                    // On one thread, records go into the store while their batch is still
                    // in cache.
                    if sink.pending() >= FLUSH_EVERY {
                        if let Some(store) = target.store() {
                            sink.flush(store);
                        }
                    }
                }
            }
            None if !self.pending.is_empty() => {
                if !is_blank(&fields) {
                    self.pending.push((fields.to_strings(), line));
                    if self.pending.len() >= HEADER_SEARCH {
                        self.decide_layout(target)?;
                    }
                }
            }
            None => {
                let first: Vec<String> = fields.to_strings();
                let l = match layout(
                    &self.file,
                    None,
                    &first,
                    self.options.kind,
                    self.options.has_header,
                    &self.options.mapping,
                ) {
                    Ok(l) => l,
                    // Not a header: perhaps a title above it; look in the next rows.
                    Err(e) if self.options.has_header != Some(false) && not_a_header(&e) => {
                        self.pending.push((first, line));
                        return Ok(());
                    }
                    Err(e) => return Err(e),
                };
                let has_header = l.has_header;
                if let (Some(size), Some(avg)) = (self.options.size, self.line_bytes) {
                    self.reserve = Some((l.kind, (size / avg.max(1)) as usize));
                }
                let mut sink = Sink::new(l, "csv", &self.options);
                if !has_header {
                    sink.record(fields, line, target.strings());
                }
                self.sink = Some(sink);
            }
        }
        Ok(())
    }
}

/// Whether a line holds a delimiter `detect_delimiter` chooses from.
fn has_delimiter(line: &[u8]) -> bool {
    line.iter().any(|b| matches!(b, b',' | b'\t' | b';' | b'|'))
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
pub(crate) fn sniff_binary(b: &[u8]) -> String {
    if b.starts_with(b"PK\x03\x04") {
        "a ZIP archive, e.g. an XLSX or ODS workbook: load it as a spreadsheet".into()
    } else if b.starts_with(b"\xD0\xCF\x11\xE0") {
        "an old Excel .xls or other OLE file: load it as a spreadsheet (format xls)".into()
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
    on_chunk: impl FnMut(u64, u64) -> bool,
) -> Result<FileReport, FileError> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let chunk = chunk.max(1);
        load_threaded(
            store,
            file,
            options,
            |each: &mut dyn FnMut(&[u8]) -> Result<(), FileError>| {
                bytes.chunks(chunk).try_for_each(each)
            },
            on_chunk,
        )
    }
    #[cfg(target_arch = "wasm32")]
    {
        let mut on_chunk = on_chunk;
        let mut loader = CsvLoader::new(file, options.clone());
        for part in bytes.chunks(chunk.max(1)) {
            loader.push(store, part)?;
            if !on_chunk(loader.bytes_read(), loader.rows_read()) {
                return Err(FileError::Cancelled { file: file.into() });
            }
        }
        loader.finish(store)
    }
}

/// Loads delimited text read from `reader` in chunks, natively: the file is never held
/// whole, and reading and parsing run on a second thread (see [`load_all`]).
#[cfg(not(target_arch = "wasm32"))]
pub fn load_reader(
    store: &mut Store,
    file: &str,
    mut reader: impl std::io::Read + Send,
    options: &LoadOptions,
    on_chunk: impl FnMut(u64, u64) -> bool,
) -> Result<FileReport, FileError> {
    load_threaded(
        store,
        file,
        options,
        |each: &mut dyn FnMut(&[u8]) -> Result<(), FileError>| {
            let mut buf = vec![0u8; 1 << 20];
            loop {
                let n = match reader.read(&mut buf) {
                    Ok(0) => return Ok(()),
                    Ok(n) => n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        return Err(FileError::Read {
                            file: file.into(),
                            message: e.to_string(),
                        })
                    }
                };
                each(&buf[..n])?;
            }
        },
        on_chunk,
    )
}

/// The parsing thread's work: every chunk of `source` parsed and sent on.
#[cfg(not(target_arch = "wasm32"))]
fn parse_all(
    loader: &mut CsvLoader,
    source: impl FnOnce(&mut dyn FnMut(&[u8]) -> Result<(), FileError>) -> Result<(), FileError>,
    tx: &std::sync::mpsc::SyncSender<ParsedChunk>,
    spares: &std::sync::mpsc::Receiver<Batch>,
    strings: &mut StrPool,
) -> Result<(), FileError> {
    let spare = || spares.try_recv().unwrap_or_default();
    source(&mut |part: &[u8]| {
        loader.parse(part, strings)?;
        if let Some(p) = loader.take_parsed(spare) {
            if tx.send(p).is_err() {
                // The receiver stopped: cancelled.
                return Err(FileError::Cancelled {
                    file: loader.file.clone(),
                });
            }
        }
        Ok(())
    })?;
    loader.parse_end(strings)?;
    if let Some(p) = loader.take_parsed(Batch::default) {
        let _ = tx.send(p);
    }
    Ok(())
}

/// Loading on two threads: one takes the chunks `source` gives, splits and parses them; the
/// other (this one) puts the parsed records into the store as they come. The records go in
/// in file order, so the store ends exactly as when one thread does both.
#[cfg(not(target_arch = "wasm32"))]
fn load_threaded(
    store: &mut Store,
    file: &str,
    options: &LoadOptions,
    source: impl FnOnce(&mut dyn FnMut(&[u8]) -> Result<(), FileError>) -> Result<(), FileError> + Send,
    mut on_chunk: impl FnMut(u64, u64) -> bool,
) -> Result<FileReport, FileError> {
    // The parsing thread stores and interns the texts, so it holds the string pool until
    // the file is read; nothing on this side reads the pool meanwhile.
    let mut strings = std::mem::take(&mut store.strings);
    std::thread::scope(|scope| {
        // A few batches in flight keep both threads busy without holding the file twice.
        let (tx, rx) = std::sync::mpsc::sync_channel::<ParsedChunk>(4);
        // Applied batches go back to be filled again: no fresh memory per chunk.
        let (spare_tx, spares) = std::sync::mpsc::sync_channel::<Batch>(8);
        let parser = scope.spawn(move || -> (StrPool, Result<FileReport, FileError>) {
            let mut loader = CsvLoader::new(file, options.clone());
            let r = parse_all(&mut loader, source, &tx, &spares, &mut strings);
            (strings, r.and_then(|()| loader.into_report()))
        });

        let (mut accepted, mut duplicates) = (0, 0);
        let mut late = Vec::new();
        let mut cancelled = false;
        for mut p in rx.iter() {
            if let Some((kind, rows)) = p.reserve {
                store.reserve(kind, rows);
            }
            let (a, d) = p.batch.apply(store);
            accepted += a;
            duplicates += d;
            late.append(&mut p.batch.rejected);
            let _ = spare_tx.try_send(p.batch);
            if !on_chunk(p.bytes_read, p.rows_read) {
                cancelled = true;
                break;
            }
        }
        drop(rx);
        let (strings, parsed) = parser
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        store.strings = strings;
        if cancelled {
            return Err(FileError::Cancelled { file: file.into() });
        }
        let mut report = parsed?;
        report.accepted += accepted;
        report.duplicates += duplicates;
        let max = options.max_errors.unwrap_or(super::MAX_ERRORS);
        super::sink::reject_late(&mut report, late, max);
        super::sink::resolve_repeats(store, &mut report, max);
        Ok(report)
    })
}
