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

/// What the first bytes of a file say about its encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    /// The encoding.
    pub encoding: TextEncoding,
    /// Length of the byte-order mark to skip.
    pub bom: usize,
    /// Whether the bytes look binary (NUL bytes outside UTF-16).
    pub binary: bool,
}

/// Detects the encoding from a file's first bytes (64 KiB are plenty).
pub fn detect(prefix: &[u8]) -> Detected {
    let d = |encoding, bom| Detected {
        encoding,
        bom,
        binary: false,
    };
    if prefix.starts_with(b"\xEF\xBB\xBF") {
        return d(TextEncoding::Utf8, 3);
    }
    if prefix.starts_with(b"\xFF\xFE") {
        return d(TextEncoding::Utf16Le, 2);
    }
    if prefix.starts_with(b"\xFE\xFF") {
        return d(TextEncoding::Utf16Be, 2);
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
            return d(TextEncoding::Utf16Le, 0);
        }
        if even * 3 > sample.len() && odd == 0 {
            return d(TextEncoding::Utf16Be, 0);
        }
        return Detected {
            encoding: TextEncoding::Utf8,
            bom: 0,
            binary: true,
        };
    }
    match std::str::from_utf8(prefix) {
        Ok(_) => d(TextEncoding::Utf8, 0),
        // A sequence cut at the end of the prefix is not evidence against UTF-8.
        Err(e) if e.error_len().is_none() => d(TextEncoding::Utf8, 0),
        Err(_) => d(TextEncoding::Gb18030, 0),
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

    /// Converts one chunk (`last` for the final one); malformed sequences become U+FFFD.
    /// Returns the UTF-8 text converted so far from this chunk.
    pub fn feed(&mut self, mut chunk: &[u8], last: bool) -> &[u8] {
        self.out.clear();
        loop {
            let need = self
                .decoder
                .max_utf8_buffer_length(chunk.len())
                .unwrap_or(chunk.len() * 3 + 16);
            let start = self.out.len();
            self.out.resize(start + need.max(16), 0);
            let (result, read, written, _) =
                self.decoder
                    .decode_to_utf8(chunk, &mut self.out[start..], last);
            self.out.truncate(start + written);
            chunk = &chunk[read..];
            if result == encoding_rs::CoderResult::InputEmpty {
                break;
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
