//! JSON arrays of objects and JSON Lines: each object is a row, its keys the headers.

use super::error::FileError;
use super::header::layout;
use super::row::Fields;
use super::sink::{is_blank, Sink};
use super::{FileReport, LoadOptions};
use crate::store::Store;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// One element: an object, or the text of a value that is not one.
type Item = Result<Map<String, Value>, String>;

/// The line of increasing offsets in a text, counted on from the last one asked: each byte
/// is scanned once, whatever the number of elements (not once per element from the start).
struct Lines<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: u64,
    /// Bytes scanned so far (at most the text's length).
    scanned: usize,
}

impl<'a> Lines<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Lines {
            bytes,
            offset: 0,
            line: 1,
            scanned: 0,
        }
    }

    /// The 1-based line of `offset` (not before the last one asked).
    fn line_of(&mut self, offset: usize) -> u64 {
        let offset = offset.min(self.bytes.len());
        if offset > self.offset {
            let part = &self.bytes[self.offset..offset];
            self.line += memchr::memchr_iter(b'\n', part).count() as u64;
            self.scanned += part.len();
            self.offset = offset;
        }
        self.line
    }
}

/// Loads a JSON array of objects or JSON Lines.
pub fn load_json(
    store: &mut Store,
    file: &str,
    bytes: &[u8],
    options: &LoadOptions,
) -> Result<FileReport, FileError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let trimmed = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    // Each item: its line and the object (or the non-object value, rejected as a row).
    let mut items: Vec<(u64, Item)> = Vec::new();
    let json_err = |e: serde_json::Error| FileError::Json {
        file: file.into(),
        line: e.line() as u64,
        message: e.to_string(),
    };
    if bytes.get(trimmed) == Some(&b'[') {
        let raws: Vec<&RawValue> = serde_json::from_slice(bytes).map_err(json_err)?;
        let mut lines = Lines::new(bytes);
        for raw in raws {
            let offset = raw.get().as_ptr() as usize - bytes.as_ptr() as usize;
            let line = lines.line_of(offset);
            let item = match serde_json::from_str::<Value>(raw.get()).map_err(json_err)? {
                Value::Object(m) => Ok(m),
                other => Err(other.to_string()),
            };
            items.push((line, item));
        }
    } else {
        for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let v: Value = serde_json::from_slice(line).map_err(|e| FileError::Json {
                file: file.into(),
                line: i as u64 + 1,
                message: e.to_string(),
            })?;
            let item = match v {
                Value::Object(m) => Ok(m),
                other => Err(other.to_string()),
            };
            items.push((i as u64 + 1, item));
        }
    }
    // Headers: every key, in order of first appearance.
    let mut headers: Vec<String> = Vec::new();
    for (_, item) in &items {
        if let Ok(m) = item {
            for k in m.keys() {
                if !headers.contains(k) {
                    headers.push(k.clone());
                }
            }
        }
    }
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
    let mut sink = Sink::new(l, "json", options);
    let mut data = Vec::new();
    let mut ends = Vec::new();
    for (line, item) in &items {
        data.clear();
        ends.clear();
        match item {
            Ok(m) => {
                for h in &headers {
                    if let Some(v) = m.get(h) {
                        data.extend_from_slice(text(v).as_bytes());
                    }
                    ends.push(data.len());
                }
            }
            Err(v) => {
                // Not an object: one field holding the value, rejected by the field count.
                data.extend_from_slice(v.as_bytes());
                ends.push(data.len());
            }
        }
        let fields = Fields::new(&data, &ends);
        if item.is_err() || !is_blank(&fields) {
            sink.record(fields, *line, &mut store.strings);
            if sink.pending() >= 4096 {
                sink.flush(store);
            }
        }
    }
    sink.flush(store);
    Ok(sink.into_report())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::NoProgress;

    #[test]
    fn lines_of_a_large_array_are_counted_in_one_pass() {
        let obj = "{\"uscc\": \"914403001922038216\",\n \"year\": 2024, \"filed\": \"2025-05-01\"}";
        let n = 40_000;
        let text = format!("[\n{}\n]", vec![obj; n].join(",\n"));
        let bytes = text.as_bytes();
        let mut lines = Lines::new(bytes);
        let mut last = 0;
        let mut offsets = memchr::memmem::find_iter(bytes, b"{").collect::<Vec<_>>();
        offsets.dedup();
        for (i, &o) in offsets.iter().enumerate() {
            let l = lines.line_of(o);
            assert_eq!(l, 2 + 2 * i as u64);
            last = l;
        }
        assert_eq!(last, 2 * n as u64);
        // Linear: every byte scanned at most once (rescanning from the start would be
        // n²/2 × 60 bytes ≈ 48 GB here).
        assert!(
            lines.scanned <= bytes.len(),
            "{} > {}",
            lines.scanned,
            bytes.len()
        );
        // And the loader gives each element its line.
        let mut s = Store::new();
        let r = crate::ingest::load_file(
            &mut s,
            "a.json",
            bytes,
            &LoadOptions::default(),
            &mut NoProgress,
        )
        .unwrap();
        let r = &r[0];
        assert_eq!(
            (r.rows_read, r.duplicates + r.accepted),
            (n as u64, n as u64)
        );
    }
}
