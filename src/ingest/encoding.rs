//! Text encodings of input files: detection and streaming conversion to UTF-8.
//!
//! Excel on a Chinese Windows PC writes CSV in GBK (read here as its superset GB18030);
//! other tools write UTF-8 with or without a BOM, or UTF-16LE with a BOM.

use serde::{Deserialize, Serialize};

/// A supported text encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextEncoding {
    /// UTF-8 (a BOM, if any, is skipped).
    #[serde(rename = "utf-8", alias = "utf8", alias = "UTF-8")]
    Utf8,
    /// GB18030, the superset of GBK and GB2312.
    #[serde(
        rename = "gb18030",
        alias = "gbk",
        alias = "GBK",
        alias = "gb2312",
        alias = "GB18030"
    )]
    Gb18030,
    /// UTF-16, little-endian.
    #[serde(rename = "utf-16le", alias = "UTF-16LE")]
    Utf16Le,
    /// UTF-16, big-endian.
    #[serde(rename = "utf-16be", alias = "UTF-16BE")]
    Utf16Be,
}

impl TextEncoding {
    /// Every supported encoding.
    pub const ALL: [TextEncoding; 4] = [
        TextEncoding::Utf8,
        TextEncoding::Gb18030,
        TextEncoding::Utf16Le,
        TextEncoding::Utf16Be,
    ];

    /// The name shown to a user (GB18030 also reads GBK and GB2312).
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Gb18030 => "GB18030 (GBK)",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
        }
    }

    /// Parses a label: `utf-8`, `gbk`, `gb18030`, `gb2312`, `utf-16le`, `utf-16be`.
    pub fn parse(label: &str) -> Option<Self> {
        match label.trim().to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Some(TextEncoding::Utf8),
            "gbk" | "gb18030" | "gb2312" | "cp936" => Some(TextEncoding::Gb18030),
            "utf-16le" | "utf16le" | "utf-16" => Some(TextEncoding::Utf16Le),
            "utf-16be" | "utf16be" => Some(TextEncoding::Utf16Be),
            _ => None,
        }
    }

    /// The label used in reports.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Gb18030 => "gb18030",
            TextEncoding::Utf16Le => "utf-16le",
            TextEncoding::Utf16Be => "utf-16be",
        }
    }

    fn encoding_rs(self) -> &'static encoding_rs::Encoding {
        match self {
            TextEncoding::Utf8 => encoding_rs::UTF_8,
            TextEncoding::Gb18030 => encoding_rs::GB18030,
            TextEncoding::Utf16Le => encoding_rs::UTF_16LE,
            TextEncoding::Utf16Be => encoding_rs::UTF_16BE,
        }
    }
}

/// Bytes of a file's start that decide its encoding: 64 KiB, whatever the chunk size.
pub const WINDOW: usize = 64 * 1024;

/// Why an encoding was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// The caller named it.
    Given,
    /// A byte-order mark.
    Bom,
    /// NUL bytes in every other position: UTF-16 without a BOM.
    Utf16Nuls,
    /// The window is valid UTF-8.
    Utf8Valid,
    /// The window is not UTF-8 (first invalid byte at the offset) and decodes cleanly as
    /// GB18030.
    Gb18030Clean(usize),
    /// The window is neither UTF-8 (first invalid byte at the offset) nor GB18030: read as
    /// UTF-8, and the rows that do not decode are rejected.
    Utf8Fallback(usize),
    /// NUL bytes: not text.
    Binary,
}

/// What the first bytes of a file say about its encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    /// The encoding.
    pub encoding: TextEncoding,
    /// Length of the byte-order mark to skip.
    pub bom: usize,
    /// Whether the bytes look binary (NUL bytes outside UTF-16).
    pub binary: bool,
    /// Why.
    pub why: Why,
}

impl Detected {
    /// Why the encoding was chosen, in English.
    pub fn reason(&self) -> String {
        let name = self.encoding.name();
        match self.why {
            Why::Given => format!("{name}: set by the user"),
            Why::Bom => format!("{name}: the file starts with a byte-order mark"),
            Why::Utf16Nuls => format!("{name}: every other byte of the first 4 KiB is NUL"),
            Why::Utf8Valid => "UTF-8: the first 64 KiB are valid UTF-8".into(),
            Why::Gb18030Clean(at) => format!(
                "GB18030 (GBK): the first 64 KiB are not UTF-8 (byte {at}) and decode cleanly as GB18030"
            ),
            Why::Utf8Fallback(at) => format!(
                "UTF-8: the first 64 KiB are not valid UTF-8 (byte {at}) nor GB18030; rows that do not decode are rejected"
            ),
            Why::Binary => "binary data (NUL bytes)".into(),
        }
    }

    /// Why the encoding was chosen, in Chinese.
    pub fn reason_zh(&self) -> String {
        let name = self.encoding.name();
        match self.why {
            Why::Given => format!("{name}：由用户指定"),
            Why::Bom => format!("{name}：文件以字节顺序标记（BOM）开头"),
            Why::Utf16Nuls => format!("{name}：前 4 KiB 每隔一个字节为 NUL"),
            Why::Utf8Valid => "UTF-8：前 64 KiB 是有效的 UTF-8".into(),
            Why::Gb18030Clean(at) => format!(
                "GB18030 (GBK)：前 64 KiB 不是 UTF-8（第 {at} 字节），且可完整按 GB18030 解码"
            ),
            Why::Utf8Fallback(at) => format!(
                "UTF-8：前 64 KiB 既不是有效的 UTF-8（第 {at} 字节）也不是 GB18030；无法解码的行被拒收"
            ),
            Why::Binary => "二进制数据（含 NUL 字节）".into(),
        }
    }
}

/// Whether `window` decodes without error in `encoding` (a sequence cut at its end is not an
/// error).
fn decodes_cleanly(encoding: &'static encoding_rs::Encoding, window: &[u8]) -> bool {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = vec![0u8; 16 * 1024];
    let mut rest = window;
    loop {
        let (result, read, _) = decoder.decode_to_utf8_without_replacement(rest, &mut out, false);
        rest = &rest[read..];
        match result {
            encoding_rs::DecoderResult::InputEmpty => return true,
            encoding_rs::DecoderResult::OutputFull => {}
            encoding_rs::DecoderResult::Malformed(..) => return false,
        }
    }
}

/// Detects the encoding from a file's first bytes: only the first [`WINDOW`] bytes are
/// looked at. A BOM decides; NULs mean UTF-16 or binary; otherwise UTF-8 when the window is
/// valid UTF-8, GB18030 only when it is not and decodes cleanly as GB18030, and UTF-8 again
/// when neither (the rows that do not decode are then rejected, not turned to mojibake).
pub fn detect(prefix: &[u8]) -> Detected {
    let prefix = &prefix[..prefix.len().min(WINDOW)];
    let d = |encoding, bom, why| Detected {
        encoding,
        bom,
        binary: false,
        why,
    };
    if prefix.starts_with(b"\xEF\xBB\xBF") {
        return d(TextEncoding::Utf8, 3, Why::Bom);
    }
    if prefix.starts_with(b"\xFF\xFE") {
        return d(TextEncoding::Utf16Le, 2, Why::Bom);
    }
    if prefix.starts_with(b"\xFE\xFF") {
        return d(TextEncoding::Utf16Be, 2, Why::Bom);
    }
    let sample = &prefix[..prefix.len().min(4096)];
    let nul = sample.iter().filter(|&&b| b == 0).count();
    if nul > 0 {
        // UTF-16 without a BOM: ASCII text has a NUL in every other byte.
        let odd = sample
            .iter()
            .skip(1)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count();
        let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
        if odd * 3 > sample.len() && even == 0 {
            return d(TextEncoding::Utf16Le, 0, Why::Utf16Nuls);
        }
        if even * 3 > sample.len() && odd == 0 {
            return d(TextEncoding::Utf16Be, 0, Why::Utf16Nuls);
        }
        return Detected {
            encoding: TextEncoding::Utf8,
            bom: 0,
            binary: true,
            why: Why::Binary,
        };
    }
    match std::str::from_utf8(prefix) {
        Ok(_) => d(TextEncoding::Utf8, 0, Why::Utf8Valid),
        // A sequence cut at the end of the prefix is not evidence against UTF-8.
        Err(e) if e.error_len().is_none() => d(TextEncoding::Utf8, 0, Why::Utf8Valid),
        Err(e) if decodes_cleanly(encoding_rs::GB18030, prefix) => {
            d(TextEncoding::Gb18030, 0, Why::Gb18030Clean(e.valid_up_to()))
        }
        Err(e) => d(TextEncoding::Utf8, 0, Why::Utf8Fallback(e.valid_up_to())),
    }
}

/// Converts a stream of bytes in one encoding to UTF-8, chunk by chunk.
pub struct Transcoder {
    decoder: encoding_rs::Decoder,
    out: Vec<u8>,
}

impl Transcoder {
    /// A converter from `encoding` (BOM already stripped by the caller).
    pub fn new(encoding: TextEncoding) -> Self {
        Transcoder {
            decoder: encoding.encoding_rs().new_decoder_without_bom_handling(),
            out: Vec::new(),
        }
    }

    /// Converts one chunk (`last` for the final one). A malformed sequence becomes the byte
    /// 0xFF, which is never valid UTF-8: the row holding it is rejected ("not valid text in
    /// the file's encoding") instead of loading with a U+FFFD in place of its characters.
    /// Returns the text converted so far from this chunk.
    pub fn feed(&mut self, mut chunk: &[u8], last: bool) -> &[u8] {
        self.out.clear();
        loop {
            let need = self
                .decoder
                .max_utf8_buffer_length_without_replacement(chunk.len())
                .unwrap_or(chunk.len() * 3 + 16);
            let start = self.out.len();
            self.out.resize(start + need.max(16), 0);
            let (result, read, written) = self.decoder.decode_to_utf8_without_replacement(
                chunk,
                &mut self.out[start..],
                last,
            );
            self.out.truncate(start + written);
            chunk = &chunk[read..];
            match result {
                encoding_rs::DecoderResult::InputEmpty => break,
                encoding_rs::DecoderResult::OutputFull => {}
                encoding_rs::DecoderResult::Malformed(..) => self.out.push(0xFF),
            }
        }
        &self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_boms_utf8_gbk_utf16_and_binary() {
        assert_eq!(detect(b"\xEF\xBB\xBFa,b").encoding, TextEncoding::Utf8);
        assert_eq!(detect(b"\xEF\xBB\xBFa,b").bom, 3);
        assert_eq!(
            detect("统一社会信用代码".as_bytes()).encoding,
            TextEncoding::Utf8
        );
        let (gbk, _, _) = encoding_rs::GBK.encode("统一社会信用代码,企业名称");
        assert_eq!(detect(&gbk).encoding, TextEncoding::Gb18030);
        assert_eq!(
            detect(b"\xFF\xFEu\x00s\x00").encoding,
            TextEncoding::Utf16Le
        );
        assert_eq!(
            detect(b"u\x00s\x00c\x00c\x00,\x00").encoding,
            TextEncoding::Utf16Le
        );
        assert!(detect(b"PK\x03\x04\x00\x00\x08\x00\x99\x00").binary);
        // A UTF-8 character cut by the end of the sample is still UTF-8.
        let s = "统一".as_bytes();
        assert_eq!(detect(&s[..4]).encoding, TextEncoding::Utf8);
    }

    #[test]
    fn decides_on_the_first_64_kib_and_gb18030_only_when_it_decodes_cleanly() {
        // Valid UTF-8 for 64 KiB, then a stray byte: UTF-8 (the byte is past the window).
        let mut text = "企业名称,甲公司\n".repeat(5000).into_bytes();
        assert!(text.len() > WINDOW);
        text.push(0xFF);
        let det = detect(&text);
        assert_eq!(
            (det.encoding, det.why),
            (TextEncoding::Utf8, Why::Utf8Valid)
        );
        // A stray byte inside the window that GB18030 cannot decode either (0xFF): UTF-8.
        let mut text = "企业名称,甲公司\n".repeat(100).into_bytes();
        text.extend_from_slice(b"\xFF\n");
        let det = detect(&text);
        assert_eq!(det.encoding, TextEncoding::Utf8);
        assert!(matches!(det.why, Why::Utf8Fallback(_)), "{det:?}");
        assert!(det.reason().contains("rejected"));
        // Real GBK: GB18030, with the offset of the first byte that is not UTF-8.
        let (gbk, _, _) = encoding_rs::GBK.encode("统一社会信用代码,企业名称\n");
        let det = detect(&gbk);
        assert_eq!(det.encoding, TextEncoding::Gb18030);
        assert!(matches!(det.why, Why::Gb18030Clean(_)), "{det:?}");
    }

    #[test]
    fn malformed_sequences_are_marked_not_replaced() {
        let mut t = Transcoder::new(TextEncoding::Gb18030);
        let out = t.feed(b"ab\xFFcd", true).to_vec();
        assert_eq!(out, b"ab\xFFcd");
        assert!(std::str::from_utf8(&out).is_err());
    }

    #[test]
    fn transcodes_across_chunk_boundaries() {
        let (gbk, _, _) = encoding_rs::GBK.encode("统一社会信用代码,企业名称\n");
        let mut t = Transcoder::new(TextEncoding::Gb18030);
        let mut out = Vec::new();
        for chunk in gbk.chunks(3) {
            out.extend_from_slice(t.feed(chunk, false));
        }
        out.extend_from_slice(t.feed(&[], true));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "统一社会信用代码,企业名称\n"
        );
    }

    #[test]
    fn labels_round_trip() {
        for e in [
            TextEncoding::Utf8,
            TextEncoding::Gb18030,
            TextEncoding::Utf16Le,
            TextEncoding::Utf16Be,
        ] {
            assert_eq!(TextEncoding::parse(e.label()), Some(e));
        }
        assert_eq!(TextEncoding::parse("GBK"), Some(TextEncoding::Gb18030));
    }
}
