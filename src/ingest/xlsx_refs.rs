//! The cell references of a workbook's XML parts, checked before calamine reads a sheet.
//!
//! calamine turns a reference into a position with unchecked arithmetic (`col * 26`,
//! `row * 10`, a dimension's end minus its start): a malformed reference (ten letters, eleven
//! digits, row 0, `B5:A1`) wraps around and could place a cell somewhere it is not. So every
//! `r` of a `<row>` or a `<c>` and the `ref` of a `<dimension>` is read here first, from the
//! raw XML, and a workbook with one that is malformed or lies beyond XFD1048576 is refused with
//! the sheet and the reference named.
//!
//! Every XML part of the zip is scanned, not only the ones the workbook lists as sheets: what
//! calamine reads as a sheet is decided by relationships this module need not reproduce. The
//! sheet named in an error is found from `xl/workbook.xml` and its relationships (the part's
//! path when no sheet points to it).

use super::error::FileError;
use quick_xml::events::Event;
use std::io::{Read, Seek};

/// The last row and column (1-based): XFD1048576.
const LAST_ROW: u64 = 1_048_576;
const LAST_COL: u64 = 16_384;

/// What is wrong with a reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bad {
    /// Not a reference (letters then digits, or a row number; a range's end before its start).
    Malformed,
    /// A well-formed reference past XFD1048576.
    Beyond,
}

/// A cell reference (`A1`, `xfd1048576`): its 1-based row and column.
fn cell(r: &[u8]) -> Result<(u64, u64), Bad> {
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let digits = &r[letters..];
    if letters == 0 || digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return Err(Bad::Malformed);
    }
    let row = row_number(digits)?;
    if letters > 3 {
        return Err(Bad::Beyond);
    }
    let col = r[..letters].iter().fold(0u64, |n, b| {
        n * 26 + u64::from(b.to_ascii_uppercase() - b'A') + 1
    });
    if col > LAST_COL {
        return Err(Bad::Beyond);
    }
    Ok((row, col))
}

/// A row number (`1`…`1048576`).
fn row_number(digits: &[u8]) -> Result<u64, Bad> {
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return Err(Bad::Malformed);
    }
    let significant = &digits[digits.iter().take_while(|&&b| b == b'0').count()..];
    if significant.is_empty() {
        return Err(Bad::Malformed);
    }
    if significant.len() > 7 {
        return Err(Bad::Beyond);
    }
    let n = significant
        .iter()
        .fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
    if n > LAST_ROW {
        return Err(Bad::Beyond);
    }
    Ok(n)
}

/// A dimension: one cell or a range whose end is not before its start.
fn dimension(r: &[u8]) -> Result<(), Bad> {
    let mut parts = r.split(|&b| b == b':');
    let start = cell(parts.next().unwrap_or_default())?;
    match (parts.next(), parts.next()) {
        (None, _) => Ok(()),
        (Some(end), None) => {
            let end = cell(end)?;
            if end.0 < start.0 || end.1 < start.1 {
                return Err(Bad::Malformed);
            }
            Ok(())
        }
        (Some(_), Some(_)) => Err(Bad::Malformed),
    }
}

/// A reference found wrong: the part it is in, and the reference.
struct Found {
    part: String,
    reference: String,
    bad: Bad,
}

/// The longest `<c>`, `<row>` or `<dimension>` tag read (a longer one is refused: real ones
/// are a few dozen bytes).
const MAX_TAG: usize = 64 * 1024;

/// A check of a reference's text.
type RefCheck = fn(&[u8]) -> Result<(), Bad>;

/// One tag of interest, from its `<` to its `>` (exclusive): the reference attribute's
/// value checked. `None`: nothing wrong (or not a tag of interest).
fn check_tag(tag: &[u8]) -> Option<(Bad, String)> {
    // The name, without its prefix.
    let name_end = tag
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'/')
        .unwrap_or(tag.len());
    let name = &tag[..name_end];
    let local = &name[name.iter().rposition(|&b| b == b':').map_or(0, |i| i + 1)..];
    let (key, check): (&[u8], RefCheck) = match local {
        b"c" => (b"r", |r| cell(r).map(|_| ())),
        b"row" => (b"r", |r| row_number(r).map(|_| ())),
        b"dimension" => (b"ref", dimension),
        _ => return None,
    };
    // The attributes: name = "value" or 'value'.
    let mut rest = &tag[name_end..];
    loop {
        let start = rest
            .iter()
            .position(|b| !b.is_ascii_whitespace() && *b != b'/')?;
        rest = &rest[start..];
        let eq = rest.iter().position(|&b| b == b'=')?;
        let attr = rest[..eq].trim_ascii();
        let attr_local = &attr[attr.iter().rposition(|&b| b == b':').map_or(0, |i| i + 1)..];
        rest = rest[eq + 1..].trim_ascii_start();
        let quote = *rest.first()?;
        if quote != b'"' && quote != b'\'' {
            return Some((Bad::Malformed, String::from_utf8_lossy(rest).into()));
        }
        let close = rest[1..].iter().position(|&b| b == quote)?;
        let value = &rest[1..1 + close];
        rest = &rest[close + 2..];
        if attr_local == key {
            if let Err(bad) = check(value) {
                let shown: String = String::from_utf8_lossy(value).chars().take(40).collect();
                return Some((bad, shown));
            }
        }
    }
}

/// Scans one part as bytes (a streaming pass far cheaper than an XML parser): every `<c>`,
/// `<row>` and `<dimension>` tag, whatever its prefix, its attributes read with their quotes.
/// The first bad reference, if any.
fn scan(part: &str, mut reader: impl Read) -> Option<Found> {
    let mut buf = vec![0u8; 256 * 1024];
    let mut held = 0usize;
    let mut eof = false;
    loop {
        if !eof && held < buf.len() {
            match reader.read(&mut buf[held..]) {
                Ok(0) | Err(_) => eof = true,
                Ok(n) => held += n,
            }
            if !eof && held < buf.len() {
                continue;
            }
        }
        // Tags wholly in `buf[..held]`; `keep` is where an unfinished one starts.
        let data = &buf[..held];
        let mut at = 0;
        let mut keep = held;
        while let Some(i) = memchr::memchr(b'<', &data[at..]) {
            let open = at + i;
            let body = &data[open + 1..];
            // Comments, CDATA and processing instructions end at their own marks (a quote
            // in them is text); a tag at the first `>` outside quotes.
            let special = [
                (&b"!--"[..], &b"-->"[..]),
                (b"![CDATA[", b"]]>"),
                (b"?", b"?>"),
            ]
            .into_iter()
            .find(|(start, _)| body.starts_with(start));
            let end = match special {
                Some((_, close)) => memchr::memmem::find(body, close).map(|e| e + close.len() - 1),
                None => {
                    let mut quote = 0u8;
                    body.iter().position(|&b| {
                        match (quote, b) {
                            (0, b'"' | b'\'') => quote = b,
                            (0, b'>') => return true,
                            (q, b) if q == b => quote = 0,
                            _ => {}
                        }
                        false
                    })
                }
            };
            let Some(end) = end else {
                keep = open;
                break;
            };
            if special.is_none() {
                if let Some((bad, reference)) = check_tag(&body[..end]) {
                    return Some(Found {
                        part: part.to_string(),
                        reference,
                        bad,
                    });
                }
            }
            at = open + 1 + end + 1;
        }
        if eof {
            // A tag left unfinished at the end: not XML; calamine says so.
            return None;
        }
        if keep == 0 && held == buf.len() {
            // One tag fills the buffer.
            if held >= MAX_TAG {
                let tag = &buf[1..held.min(64)];
                let b = check_tag(tag).map_or(Bad::Malformed, |(b, _)| b);
                let name = &tag[..tag
                    .iter()
                    .position(|b| b.is_ascii_whitespace())
                    .unwrap_or(tag.len())];
                if matches!(
                    name.rsplit(|&b| b == b':').next(),
                    Some(b"c" | b"row" | b"dimension")
                ) {
                    return Some(Found {
                        part: part.to_string(),
                        reference: String::from_utf8_lossy(name).into(),
                        bad: b,
                    });
                }
                // Some other huge tag: skip past it.
                keep = held;
            }
        }
        buf.copy_within(keep..held, 0);
        held -= keep;
    }
}

/// Checks every XML part of the workbook `zip` (see the module's documentation).
pub(super) fn check<R: Read + Seek>(
    file: &str,
    zip: &mut zip::ZipArchive<R>,
) -> Result<(), FileError> {
    let mut found = None;
    for i in 0..zip.len() {
        let Ok(f) = zip.by_index(i) else {
            continue;
        };
        let name = f.name().unwrap_or_default().to_string();
        if !name.to_ascii_lowercase().ends_with(".xml") {
            continue;
        }
        if let Some(x) = scan(&name, f) {
            found = Some(x);
            break;
        }
    }
    let Some(found) = found else {
        return Ok(());
    };
    let sheet = sheet_of(zip, &found.part).unwrap_or_else(|| found.part.clone());
    Err(match found.bad {
        Bad::Beyond => FileError::Limit {
            file: file.into(),
            sheet: Some(sheet),
            what: format!(
                "the cell reference {:?} lies beyond XFD1048576",
                found.reference
            ),
        },
        Bad::Malformed => FileError::Spreadsheet {
            file: file.into(),
            message: format!(
                "sheet {sheet:?}: {:?} is not a cell reference",
                found.reference
            ),
        },
    })
}

/// Reads a small part whole (at most 16 MiB).
fn read_part<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, name: &str) -> Option<Vec<u8>> {
    let f = zip.by_name(name).ok()?;
    let mut out = Vec::new();
    f.take(16 << 20).read_to_end(&mut out).ok()?;
    Some(out)
}

/// The attributes of every element called `tag` (local name) in `xml`: (local key, value
/// unescaped).
fn elements(xml: &[u8], tag: &str) -> Vec<Vec<(String, String)>> {
    let mut r = quick_xml::Reader::from_reader(xml);
    let mut out = Vec::new();
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.local_name().as_ref() == tag => {
                out.push(
                    e.attributes()
                        .with_checks(false)
                        .flatten()
                        .map(|a| {
                            let v = a
                                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .map(|v| v.into_owned())
                                .unwrap_or_else(|_| a.value.clone().into_owned());
                            (a.key.local_name().as_ref().to_string(), v)
                        })
                        .collect(),
                );
            }
            Ok(Event::Eof) | Err(_) => return out,
            _ => {}
        }
    }
}

/// The name of the sheet whose part is `part`, from `xl/workbook.xml` and its relationships.
fn sheet_of<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, part: &str) -> Option<String> {
    let book = read_part(zip, "xl/workbook.xml")?;
    let rels = read_part(zip, "xl/_rels/workbook.xml.rels")?;
    let get = |attrs: &[(String, String)], k: &str| {
        attrs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    let target = elements(&rels, "Relationship").into_iter().find_map(|a| {
        let t = get(&a, "Target")?;
        let path = match t.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => format!("xl/{t}"),
        };
        path.eq_ignore_ascii_case(part)
            .then(|| get(&a, "Id"))
            .flatten()
    })?;
    elements(&book, "sheet")
        .into_iter()
        .find(|a| get(a, "id").as_deref() == Some(target.as_str()))
        .and_then(|a| get(&a, "name"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(cell(b"A1"), Ok((1, 1)));
        assert_eq!(cell(b"xfd1048576"), Ok((1_048_576, 16_384)));
        assert_eq!(cell(b"XFE1"), Err(Bad::Beyond));
        assert_eq!(cell(b"A1048577"), Err(Bad::Beyond));
        assert_eq!(cell(b"AAAAAAAAAA1"), Err(Bad::Beyond));
        assert_eq!(cell(b"A99999999999"), Err(Bad::Beyond));
        assert_eq!(cell(b"A0"), Err(Bad::Malformed));
        assert_eq!(cell(b"1A"), Err(Bad::Malformed));
        assert_eq!(cell(b"$A$1"), Err(Bad::Malformed));
        assert_eq!(cell(b"A"), Err(Bad::Malformed));
        assert_eq!(cell(b""), Err(Bad::Malformed));
        assert_eq!(row_number(b"0007"), Ok(7));
        assert_eq!(row_number(b"0"), Err(Bad::Malformed));
        assert_eq!(row_number(b"-1"), Err(Bad::Malformed));
        assert_eq!(dimension(b"A1:F20"), Ok(()));
        assert_eq!(dimension(b"A1"), Ok(()));
        assert_eq!(dimension(b"B5:A1"), Err(Bad::Malformed));
        assert_eq!(dimension(b"A1:B2:C3"), Err(Bad::Malformed));
        assert_eq!(dimension(b"A1:XFD1048577"), Err(Bad::Beyond));
    }

    #[test]
    fn scan_finds_the_first_bad_reference_of_any_prefix() {
        let xml = br#"<x:worksheet xmlns:x="s"><x:dimension ref="A1:B2"/><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="ZZZZ1"/></x:row></x:sheetData></x:worksheet>"#;
        let f = scan("xl/worksheets/sheet1.xml", &xml[..]).unwrap();
        assert_eq!((f.reference.as_str(), f.bad), ("ZZZZ1", Bad::Beyond));
        assert!(scan(
            "p",
            &br#"<worksheet><row r="2"><c r="B2" t="s"/></row></worksheet>"#[..]
        )
        .is_none());
        let f = scan("p", &br#"<worksheet><row r="0"/></worksheet>"#[..]).unwrap();
        assert_eq!(f.bad, Bad::Malformed);
        // A quote in a comment or CDATA is text: the tag after it is read.
        let f = scan(
            "p",
            &br#"<!-- it's --><![CDATA[ ' ]]><?pi ' ?><c r="A0"/><!-- ' -->"#[..],
        )
        .unwrap();
        assert_eq!(f.reference, "A0");
        // A `>` inside a quoted value does not end the tag; single quotes; spaces around `=`.
        let f = scan("p", &br#"<c t=">" r = 'AAAAAAAAAA1'/>"#[..]).unwrap();
        assert_eq!((f.reference.as_str(), f.bad), ("AAAAAAAAAA1", Bad::Beyond));
        // Tags cut by the reader's chunks are read whole.
        let mut xml = Vec::new();
        for i in 1..=20_000 {
            xml.extend_from_slice(
                format!(r#"<row r="{i}"><c r="B{i}" t="s"><v>1</v></c></row>"#).as_bytes(),
            );
        }
        xml.extend_from_slice(br#"<c r="B0"/>"#);
        let f = scan("p", std::io::Cursor::new(&xml)).unwrap();
        assert_eq!(f.reference, "B0");
        // A huge cell tag is refused; other huge tags are passed over.
        let mut huge = br#"<c r="A1" x=""#.to_vec();
        huge.extend(std::iter::repeat_n(b'a', 300 * 1024));
        huge.extend_from_slice(br#""/>"#);
        assert!(scan("p", &huge[..]).is_some());
        let mut other = br#"<x y=""#.to_vec();
        other.extend(std::iter::repeat_n(b'a', 300 * 1024));
        other.extend_from_slice(br#""/><c r="A1"/>"#);
        assert!(scan("p", &other[..]).is_none());
    }
}
