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
use quick_xml::events::{BytesStart, Event};
use std::io::{BufReader, Read, Seek};

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

/// The value of the attribute whose local name is `key` (raw bytes: references hold no
/// entities).
fn attr<'a>(e: &'a BytesStart<'a>, key: &str) -> Option<std::borrow::Cow<'a, str>> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .map(|a| a.value)
}

/// A reference found wrong: the part it is in, and the reference.
struct Found {
    part: String,
    reference: String,
    bad: Bad,
}

/// Scans one part; the first bad reference, if any. XML that does not parse ends the scan
/// (calamine reports it when it reads the part).
fn scan(part: &str, reader: impl Read) -> Option<Found> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::with_capacity(64 * 1024, reader));
    xml.config_mut().check_end_names = false;
    let mut buf = Vec::with_capacity(1024);
    loop {
        buf.clear();
        let e = match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => e,
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => continue,
        };
        let checked = match e.local_name().as_ref() {
            "c" => attr(&e, "r").map(|r| (cell(r.as_bytes()).err(), r)),
            "row" => attr(&e, "r").map(|r| (row_number(r.as_bytes()).err(), r)),
            "dimension" => attr(&e, "ref").map(|r| (dimension(r.as_bytes()).err(), r)),
            _ => None,
        };
        if let Some((Some(bad), r)) = checked {
            return Some(Found {
                part: part.to_string(),
                reference: r.chars().take(40).collect(),
                bad,
            });
        }
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
    }
}
