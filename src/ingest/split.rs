//! Records split out of UTF-8 text that arrives in chunks.
//!
//! Two paths. A line without quotes or stray carriage returns (nearly every line of a
//! bureau's export) is split in place at its delimiters, found with `memchr`, and checked as
//! UTF-8 once. Any other record — quoted fields, embedded newlines, CR-only line ends, the
//! last line without a newline — goes through csv-core. The paths hand over to each other
//! only at record boundaries, so the records are csv-core's on every input; a test below
//! checks that against the `csv` crate on random text cut into random chunks.

use super::row::Fields;

/// A line longer than this without a line feed is handed to csv-core rather than held whole
/// (a file with CR-only line ends has no line feed at all).
const LONG_LINE: usize = 1 << 20;

/// Splits delimited text into records, keeping editor line numbers.
pub(crate) struct RecordSplitter {
    reader: csv_core::Reader,
    delimiter: u8,
    /// csv-core holds part of a record: the next bytes go to it until the record ends.
    mid_record: bool,
    /// The start of a line whose end is in a later chunk (for the in-place path).
    carry: Vec<u8>,
    /// Field ends of the record being split in place.
    split_ends: Vec<usize>,
    out: Vec<u8>,
    ends: Vec<usize>,
    out_len: usize,
    ends_len: usize,
    /// Lines longer than this without a line feed go to csv-core ([`LONG_LINE`]).
    long_line: usize,
    /// Line feeds consumed so far.
    lines_done: u64,
    /// The line the record held by csv-core starts on.
    start_line: Option<u64>,
}

impl RecordSplitter {
    /// A splitter for fields separated by `delimiter`.
    pub fn new(delimiter: u8) -> Self {
        Self::with_long_line(delimiter, LONG_LINE)
    }

    /// A splitter that hands lines longer than `long_line` bytes to csv-core.
    fn with_long_line(delimiter: u8, long_line: usize) -> Self {
        RecordSplitter {
            long_line,
            reader: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            delimiter,
            mid_record: false,
            carry: Vec::new(),
            split_ends: Vec::new(),
            out: vec![0; 4096],
            ends: vec![0; 64],
            out_len: 0,
            ends_len: 0,
            lines_done: 0,
            start_line: None,
        }
    }

    /// Splits the next chunk of text, calling `each` with every complete record and the line
    /// it starts on; `last` marks the end of the text. A line begun in an earlier chunk is
    /// completed first.
    pub fn feed<E>(
        &mut self,
        mut input: &[u8],
        last: bool,
        each: &mut impl FnMut(Fields, u64) -> Result<(), E>,
    ) -> Result<(), E> {
        if !self.carry.is_empty() {
            let mut held = std::mem::take(&mut self.carry);
            match memchr::memchr(b'\n', input) {
                Some(nl) => {
                    held.extend_from_slice(&input[..=nl]);
                    input = &input[nl + 1..];
                    // A whole line: nothing of it is carried again.
                    let r = self.split(&held, false, each);
                    held.clear();
                    self.carry = held;
                    r?;
                }
                None if !last && held.len() + input.len() < self.long_line => {
                    held.extend_from_slice(input);
                    self.carry = held;
                    return Ok(());
                }
                None => {
                    // The last line, or a very long one: csv-core takes over.
                    held.extend_from_slice(input);
                    return self.split(&held, last, each);
                }
            }
        }
        self.split(input, last, each)
    }

    /// Splits `input`: whole plain lines in place, anything else through csv-core. An
    /// unfinished plain line at the end is carried to the next chunk.
    fn split<E>(
        &mut self,
        mut input: &[u8],
        last: bool,
        each: &mut impl FnMut(Fields, u64) -> Result<(), E>,
    ) -> Result<(), E> {
        loop {
            if !self.mid_record {
                loop {
                    let Some(nl) = memchr::memchr(b'\n', input) else {
                        if input.is_empty() {
                            return Ok(());
                        }
                        if !last && input.len() < self.long_line {
                            self.carry.extend_from_slice(input);
                            return Ok(());
                        }
                        break;
                    };
                    let line = &input[..nl];
                    let body = line.strip_suffix(b"\r").unwrap_or(line);
                    if memchr::memchr2(b'"', b'\r', body).is_some() {
                        break;
                    }
                    self.lines_done += 1;
                    input = &input[nl + 1..];
                    if !body.is_empty() {
                        self.split_in_place(body, each)?;
                    }
                }
            }
            input = self.core_record(input, last, each)?;
            if input.is_empty() && (!last || !self.mid_record) {
                return Ok(());
            }
        }
    }

    /// Splits one plain line at its delimiters, without copying it.
    fn split_in_place<E>(
        &mut self,
        body: &[u8],
        each: &mut impl FnMut(Fields, u64) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut ends = std::mem::take(&mut self.split_ends);
        ends.clear();
        ends.extend(memchr::memchr_iter(self.delimiter, body));
        ends.push(body.len());
        let fields = Fields {
            data: body,
            ends: &ends,
            sep: 1,
            text: simdutf8::basic::from_utf8(body).ok(),
        };
        let r = each(fields, self.lines_done);
        self.split_ends = ends;
        r
    }

    /// Feeds csv-core until it completes one record or `input` runs out; returns the rest of
    /// `input`. csv-core takes an empty input as the end of the file, so it is given one
    /// only when `last`.
    fn core_record<'i, E>(
        &mut self,
        mut input: &'i [u8],
        last: bool,
        each: &mut impl FnMut(Fields, u64) -> Result<(), E>,
    ) -> Result<&'i [u8], E> {
        if input.is_empty() && !last {
            return Ok(input);
        }
        loop {
            let reader = &mut self.reader;
            let (res, nin, nout, nend) = reader.read_record(
                input,
                &mut self.out[self.out_len..],
                &mut self.ends[self.ends_len..],
            );
            let consumed = &input[..nin];
            if self.start_line.is_none() {
                if let Some(k) = consumed.iter().position(|&b| b != b'\n' && b != b'\r') {
                    self.start_line = Some(self.lines_done + count_newlines(&consumed[..k]) + 1);
                }
            }
            self.lines_done += count_newlines(consumed);
            input = &input[nin..];
            // csv-core writes field ends as offsets into the whole row.
            self.out_len += nout;
            self.ends_len += nend;
            self.mid_record = true;
            match res {
                csv_core::ReadRecordResult::InputEmpty => {}
                csv_core::ReadRecordResult::OutputFull => {
                    let n = self.out.len() * 2;
                    self.out.resize(n, 0);
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    let n = self.ends.len() * 2;
                    self.ends.resize(n, 0);
                }
                csv_core::ReadRecordResult::Record => {
                    self.mid_record = false;
                    let line = self.start_line.take().unwrap_or(self.lines_done);
                    let (out_len, ends_len) = (self.out_len, self.ends_len);
                    self.out_len = 0;
                    self.ends_len = 0;
                    let out = std::mem::take(&mut self.out);
                    let ends = std::mem::take(&mut self.ends);
                    let r = each(Fields::new(&out[..out_len], &ends[..ends_len]), line);
                    self.out = out;
                    self.ends = ends;
                    r?;
                    return Ok(input);
                }
                csv_core::ReadRecordResult::End => {
                    self.mid_record = false;
                    return Ok(input);
                }
            }
            if input.is_empty() && !last {
                return Ok(input);
            }
        }
    }
}

fn count_newlines(b: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', b).count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    /// Records as (fields, start line), split by the `csv` crate over the whole text. The
    /// line is counted as an editor does: line feeds before the record's first byte, plus 1.
    fn oracle(text: &[u8], delimiter: u8) -> Vec<(Vec<Vec<u8>>, u64)> {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text);
        let mut out = Vec::new();
        let mut rec = csv::ByteRecord::new();
        while r.read_byte_record(&mut rec).expect("csv reads any bytes") {
            let mut at = rec.position().expect("position").byte() as usize;
            while matches!(text.get(at), Some(b'\r' | b'\n')) {
                at += 1;
            }
            let line = text[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
            out.push((rec.iter().map(<[u8]>::to_vec).collect(), line));
        }
        out
    }

    fn split_chunks(
        text: &[u8],
        delimiter: u8,
        cuts: &[usize],
        long: usize,
    ) -> Vec<(Vec<Vec<u8>>, u64)> {
        let mut s = RecordSplitter::with_long_line(delimiter, long);
        let mut out = Vec::new();
        let mut each = |f: Fields, line: u64| -> Result<(), ()> {
            out.push(((0..f.len()).map(|i| f.get(i).to_vec()).collect(), line));
            Ok(())
        };
        let mut at = 0;
        for &c in cuts {
            s.feed(&text[at..c], false, &mut each).unwrap();
            at = c;
        }
        s.feed(&text[at..], true, &mut each).unwrap();
        out
    }

    #[test]
    fn same_records_as_the_csv_crate_on_random_text_in_random_chunks() {
        let alphabet: [&[u8]; 9] = [
            b"a",
            b"bc",
            b",",
            b";",
            b"\"",
            b"\r",
            b"\n",
            b"\r\n",
            "中".as_bytes(),
        ];
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        for case in 0..1500 {
            let mut text = Vec::new();
            for _ in 0..rng.gen_range(0..80) {
                // Mostly plain text so both paths and the hand-overs between them are used.
                let k = if rng.gen_bool(0.7) {
                    rng.gen_range(0..3)
                } else {
                    rng.gen_range(0..9)
                };
                text.extend_from_slice(alphabet[if k == 2 && case % 2 == 1 { 3 } else { k }]);
            }
            let delimiter = if case % 2 == 1 { b';' } else { b',' };
            let mut cuts: Vec<usize> = (0..rng.gen_range(0..6))
                .map(|_| rng.gen_range(0..=text.len()))
                .collect();
            cuts.sort_unstable();
            let long = if case % 3 == 0 { 4 } else { LONG_LINE };
            let want = oracle(&text, delimiter);
            let got = split_chunks(&text, delimiter, &cuts, long);
            assert_eq!(
                got,
                want,
                "case {case}: {:?} cut at {cuts:?}",
                String::from_utf8_lossy(&text)
            );
        }
    }

    #[test]
    fn plain_lines_are_checked_as_utf8_once() {
        let mut s = RecordSplitter::new(b',');
        let mut seen = Vec::new();
        let text = [&b"a,"[..], "中".as_bytes(), b"\nb,\xff\n"].concat();
        s.feed(&text, false, &mut |f: Fields, _| -> Result<(), ()> {
            seen.push((
                f.text.is_some(),
                f.get_str(0).map(str::to_owned),
                f.get_str(1).map(str::to_owned),
            ));
            Ok(())
        })
        .unwrap();
        assert_eq!(seen[0], (true, Some("a".to_owned()), Some("中".to_owned())));
        // An invalid byte leaves the record unchecked as a whole and fails only its field.
        assert_eq!(seen[1], (false, Some("b".to_owned()), None));
    }
}
