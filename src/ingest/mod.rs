//! Loading record files into the [`Store`].
//!
//! Every data row read ends up either accepted into the store or rejected with a
//! [`RowError`] saying file, line, column, value and reason; the [`FileReport`] counts both
//! (`rows_read == accepted + rejected`). A file that cannot be read at all is a [`FileError`],
//! and other files still load.

pub mod error;
mod parse;
mod row;

pub use error::{FileError, RowError, RowProblem};

use crate::progress::{Progress, Throttled};
use crate::records::kind::{detect_kind, match_column};
use crate::records::RecordKind;
use crate::store::Store;
use row::{Layout, Row};
use serde::Serialize;

/// What loading one file did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileReport {
    /// File name as given.
    pub file: String,
    /// The record kind read.
    pub kind: RecordKind,
    /// The kind's Chinese name.
    pub kind_zh: &'static str,
    /// Data rows read (header excluded).
    pub rows_read: u64,
    /// Rows accepted into the store.
    pub accepted: u64,
    /// Rows rejected (each one in `errors`).
    pub rejected: u64,
    /// Headers that name no documented column; their values are not used.
    pub unknown_columns: Vec<String>,
    /// Every rejected row.
    pub errors: Vec<RowError>,
}

/// Loads one UTF-8 CSV file (a leading BOM is skipped) into `store`.
///
/// `kind` is detected from the headers when `None`. Rows are parsed one at a time; a bad row
/// is rejected and reported, good rows load.
pub fn load_csv(
    store: &mut Store,
    file: &str,
    bytes: &[u8],
    kind: Option<RecordKind>,
    progress: &mut dyn Progress,
) -> Result<FileReport, FileError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut rec = csv::ByteRecord::new();
    let csv_err = |e: csv::Error| FileError::Csv {
        file: file.to_string(),
        line: e.position().map(|p| p.line()).unwrap_or(0),
        message: e.to_string(),
    };
    if !reader.read_byte_record(&mut rec).map_err(csv_err)? {
        return Err(FileError::Empty { file: file.into() });
    }
    let headers: Vec<String> = rec
        .iter()
        .map(|h| std::str::from_utf8(h).map(|s| s.trim().to_string()))
        .collect::<Result<_, _>>()
        .map_err(|_| FileError::Encoding { file: file.into() })?;
    if headers.iter().all(|h| h.is_empty()) {
        return Err(FileError::Empty { file: file.into() });
    }
    let kind = match kind {
        Some(k) => k,
        None => detect_kind(&headers).ok_or_else(|| FileError::UnknownKind {
            file: file.into(),
            headers: headers.join(", "),
        })?,
    };
    let layout = layout(file, kind, &headers)?;
    let unknown_columns = headers
        .iter()
        .enumerate()
        .filter(|(i, h)| !h.is_empty() && !layout.fields.contains(&Some(*i)))
        .map(|(_, h)| h.clone())
        .collect();
    let mut report = FileReport {
        file: file.into(),
        kind,
        kind_zh: kind.zh(),
        rows_read: 0,
        accepted: 0,
        rejected: 0,
        unknown_columns,
        errors: Vec::new(),
    };
    let total = bytes.len();
    let mut ticker = Throttled::new(progress);
    let stage = format!("load:{file}");
    loop {
        match reader.read_byte_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_err(e)),
        }
        // Skip blank lines that a spreadsheet leaves at the end.
        if rec.len() == 1 && rec[0].iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        report.rows_read += 1;
        let pos = rec
            .position()
            .expect("records read from a reader have positions");
        let row = Row {
            layout: &layout,
            rec: &rec,
            line: pos.line(),
            record: report.rows_read,
        };
        let result = if rec.len() != headers.len() {
            Err(row.error(
                None,
                RowProblem::FieldCount {
                    found: rec.len(),
                    expected: headers.len(),
                },
            ))
        } else {
            parse::add_row(kind, &row, store)
        };
        match result {
            Ok(()) => report.accepted += 1,
            Err(e) => {
                report.rejected += 1;
                report.errors.push(*e);
            }
        }
        if report.rows_read % 4096 == 0 {
            ticker
                .tick(&stage, pos.byte() as usize, total)
                .map_err(|_| FileError::Cancelled { file: file.into() })?;
        }
    }
    ticker
        .tick(&stage, total, total)
        .map_err(|_| FileError::Cancelled { file: file.into() })?;
    Ok(report)
}

fn layout<'a>(
    file: &'a str,
    kind: RecordKind,
    headers: &'a [String],
) -> Result<Layout<'a>, FileError> {
    let cols = kind.columns();
    let mut fields = vec![None; cols.len()];
    for (i, h) in headers.iter().enumerate() {
        if let Some(c) = match_column(kind, h) {
            // The first column naming a field wins; a repeat is reported as unknown.
            if fields[c].is_none() {
                fields[c] = Some(i);
            }
        }
    }
    let missing: Vec<String> = cols
        .iter()
        .zip(&fields)
        .filter(|(c, f)| c.required && f.is_none())
        .map(|(c, _)| format!("{}/{}", c.key, c.zh))
        .collect();
    if !missing.is_empty() {
        return Err(FileError::MissingColumns {
            file: file.into(),
            kind: kind.code(),
            missing: missing.join(", "),
        });
    }
    Ok(Layout {
        file,
        headers,
        fields,
    })
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
        assert_eq!((r.rows_read, r.accepted, r.rejected), (3, 1, 2));
        assert_eq!(r.errors[0].line, 4);
        assert_eq!(r.errors[0].reason, "duplicate_registration");
        assert_eq!(r.errors[1].line, 5);
        assert_eq!(r.errors[1].reason, "field_count");
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
                b"\xff\xfe\x00\x01,\x80\n",
                None,
                &mut NoProgress
            ),
            Err(FileError::Encoding { .. })
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
