//! Headers: normalising what a file says, matching it to documented columns (with the user's
//! own mapping first), and deciding whether the first row is a header at all.

use super::error::FileError;
use crate::records::kind::{match_normalised, normalise};
use crate::records::RecordKind;
use crate::text::halfwidth;
use crate::uscc::Uscc;
use std::collections::BTreeMap;

/// Where each documented column of a kind is in the file.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The record kind.
    pub kind: RecordKind,
    /// File name.
    pub file: String,
    /// Sheet, for spreadsheets.
    pub sheet: Option<String>,
    /// The headers as written (or `column 1`… when the file has none).
    pub headers: Vec<String>,
    /// For each documented column (position in `kind.columns()`), its field index.
    pub fields: Vec<Option<usize>>,
    /// Headers that name no documented column.
    pub unknown: Vec<String>,
    /// Whether the first row was a header.
    pub has_header: bool,
}

/// The user's header mapping: normalised header → column key, per kind or for all kinds.
pub type Mapping = BTreeMap<String, String>;

pub(super) fn column_for(kind: RecordKind, header: &str, mapping: &Mapping) -> Option<usize> {
    if header.trim().is_empty() {
        // An empty cell names no column (a wide header row has thousands of them).
        return None;
    }
    let n = normalise(header);
    // The user's mapping first; a key that is not a column of this kind (a mapping made for
    // another kind) falls back to the documented names.
    if let Some(key) = mapping.get(&n).or_else(|| mapping.get(header)) {
        if let Some(c) = kind.columns().iter().position(|c| c.key == key) {
            return Some(c);
        }
    }
    match_normalised(kind, &n)
}

/// Guesses the kind from headers (after the user's mapping): the kind whose signature column
/// is present; `None` when none or several match. When both a record kind of enterprises and
/// a planning kind match (`事项名称` names the item of a 告知承诺 and of an 抽查事项), a USCC
/// column decides: with one the file holds records of enterprises, without one a roster or an
/// item list.
pub fn detect_kind(headers: &[String], mapping: &Mapping) -> Option<RecordKind> {
    let mut found: Vec<RecordKind> = RecordKind::EVERY
        .into_iter()
        .filter(|&kind| {
            let sig = kind
                .columns()
                .iter()
                .position(|c| c.key == kind.signature());
            headers.iter().any(|h| column_for(kind, h, mapping) == sig)
        })
        .collect();
    if found.iter().any(|k| k.is_planning()) && found.iter().any(|k| !k.is_planning()) {
        // Every record kind of enterprises has the USCC as its first column.
        let uscc = headers
            .iter()
            .any(|h| column_for(RecordKind::Registration, h, mapping) == Some(0));
        found.retain(|k| k.is_planning() != uscc);
    }
    match found[..] {
        [kind] => Some(kind),
        _ => None,
    }
}

/// Whether a first row looks like data rather than a header: a cell holds a valid USCC.
pub fn looks_like_data(first: &[String]) -> bool {
    first.iter().any(|c| Uscc::parse(&halfwidth(c)).is_ok())
}

/// Builds the layout of a file from its first row.
pub fn layout(
    file: &str,
    sheet: Option<&str>,
    first: &[String],
    kind: Option<RecordKind>,
    has_header: Option<bool>,
    mapping: &Mapping,
) -> Result<Layout, FileError> {
    let has_header = has_header.unwrap_or_else(|| !looks_like_data(first));
    if !has_header {
        let kind = kind.ok_or_else(|| FileError::UnknownKind {
            file: file.into(),
            headers: Vec::new(),
        })?;
        let n = kind.columns().len();
        return Ok(Layout {
            kind,
            file: file.into(),
            sheet: sheet.map(Into::into),
            headers: kind.columns().iter().map(|c| c.zh.to_string()).collect(),
            fields: (0..n).map(|i| (i < first.len()).then_some(i)).collect(),
            unknown: Vec::new(),
            has_header,
        });
    }
    if first.iter().all(|h| h.trim().is_empty()) {
        return Err(FileError::Empty { file: file.into() });
    }
    let kind = match kind {
        Some(k) => k,
        None => detect_kind(first, mapping).ok_or_else(|| FileError::UnknownKind {
            file: file.into(),
            headers: first.iter().map(|h| h.trim().to_string()).collect(),
        })?,
    };
    let cols = kind.columns();
    let mut fields = vec![None; cols.len()];
    let mut unknown = Vec::new();
    for (i, h) in first.iter().enumerate() {
        match column_for(kind, h, mapping) {
            Some(c) if fields[c].is_none() => fields[c] = Some(i),
            _ if !h.trim().is_empty() => unknown.push(h.trim().to_string()),
            _ => {}
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
            headers: first.iter().map(|h| h.trim().to_string()).collect(),
        });
    }
    Ok(Layout {
        kind,
        file: file.into(),
        sheet: sheet.map(Into::into),
        headers: first.iter().map(|h| h.trim().to_string()).collect(),
        fields,
        unknown,
        has_header,
    })
}

/// Rows searched for the header when the first row is not one.
pub const HEADER_SEARCH: usize = 10;

/// Where the header of a file was found (see [`find_layout`]).
#[derive(Debug, Clone)]
pub struct Found {
    /// The layout.
    pub layout: Layout,
    /// Rows before the header (titles, notes): skipped.
    pub above: usize,
    /// Rows the header takes: 0 (no header), 1, or 2 (a group row above the column names).
    pub header_rows: usize,
}

/// Whether a layout error means "this row is not the header" (so a later row may be).
pub fn not_a_header(e: &FileError) -> bool {
    matches!(
        e,
        FileError::UnknownKind { .. } | FileError::MissingColumns { .. } | FileError::Empty { .. }
    )
}

/// The layout of a file from its first rows (at most [`HEADER_SEARCH`]): the first row when
/// it is a header (or data, see [`layout`]); otherwise the row — or two rows, a group row
/// with merged cells above the column names, joined ([`join_header`]) — naming the most
/// documented columns of a kind. The rows above it are reported as skipped by the caller.
/// When no row is a header, the first row's error.
pub fn find_layout(
    file: &str,
    sheet: Option<&str>,
    rows: &[Vec<String>],
    kind: Option<RecordKind>,
    has_header: Option<bool>,
    mapping: &Mapping,
) -> Result<Found, FileError> {
    let first = rows.first().map(Vec::as_slice).unwrap_or(&[]);
    let err = match layout(file, sheet, first, kind, has_header, mapping) {
        Ok(l) => {
            let header_rows = usize::from(l.has_header);
            return Ok(Found {
                layout: l,
                above: 0,
                header_rows,
            });
        }
        Err(e) => e,
    };
    if has_header == Some(false) || !not_a_header(&err) {
        return Err(err);
    }
    let mut best: Option<(usize, Found)> = None;
    let n = rows.len().min(HEADER_SEARCH);
    for i in 0..n {
        let single = (i > 0).then(|| (rows[i].clone(), 1));
        let joined = (i > 0).then(|| (join_header(&rows[i - 1], &rows[i], mapping), 2));
        for (cells, header_rows) in [single, joined].into_iter().flatten() {
            if looks_like_data(&cells) {
                continue;
            }
            if let Ok(l) = layout(file, sheet, &cells, kind, Some(true), mapping) {
                let score = l.fields.iter().filter(|f| f.is_some()).count();
                if best.as_ref().is_none_or(|(s, _)| score > *s) {
                    best = Some((
                        score,
                        Found {
                            layout: l,
                            above: i + 1 - header_rows,
                            header_rows,
                        },
                    ));
                }
            }
        }
    }
    best.map(|(_, f)| f).ok_or(err)
}

/// Whether any kind has a column named `h`.
fn names_a_column(h: &str, mapping: &Mapping) -> bool {
    RecordKind::EVERY
        .iter()
        .any(|&k| column_for(k, h, mapping).is_some())
}

/// A two-row header joined: a group row (`基本信息`, `登记信息` over several columns, written
/// in the first cell of the merged span; or a column name merged down both rows) above the
/// column names. Each column takes the name below when it names a column; else the group
/// above (carried right across its merged span) and the name below together, when they name
/// one (`注册资本` over `(万元)`); else the name below, or the one above when below is empty.
pub fn join_header(above: &[String], below: &[String], mapping: &Mapping) -> Vec<String> {
    let width = above.len().max(below.len());
    let mut group = String::new();
    (0..width)
        .map(|j| {
            let a = above.get(j).map_or("", |s| s.trim());
            let b = below.get(j).map_or("", |s| s.trim());
            if !a.is_empty() {
                group = a.to_string();
            }
            if b.is_empty() {
                // A name merged down both rows (or a lone group cell).
                return a.to_string();
            }
            if names_a_column(b, mapping) || group.is_empty() {
                return b.to_string();
            }
            let both = format!("{group}{b}");
            if names_a_column(&both, mapping) {
                both
            } else {
                b.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn normalises_fullwidth_spaces_and_case() {
        assert_eq!(normalise(" 统一 社会信用代码 "), "统一社会信用代码");
        assert_eq!(normalise("注册资本（万元）"), "注册资本(万元)");
        assert_eq!(normalise("\u{feff}USCC"), "uscc");
        assert_eq!(normalise("Decision No"), "decision_no");
        assert_eq!(normalise("licence-no"), "licence_no");
        assert_eq!(normalise("*企业名称*"), "企业名称");
    }

    #[test]
    fn variants_and_user_mapping() {
        let m = Mapping::new();
        assert_eq!(
            detect_kind(&s(&["信用代码", "处罚文书号", "决定日期"]), &m),
            None
        );
        let mut m = Mapping::new();
        m.insert("处罚文书号".into(), "decision_no".into());
        assert_eq!(
            detect_kind(&s(&["信用代码", "处罚文书号", "决定日期"]), &m),
            Some(RecordKind::Penalty)
        );
        let l = layout(
            "p.csv",
            None,
            &s(&["信用代码", "处罚文书号", "决定日期", "处罚种类", "备注"]),
            None,
            None,
            &m,
        )
        .unwrap();
        assert_eq!(l.fields[..5], [Some(0), Some(1), Some(2), None, Some(3)]);
        assert_eq!(l.unknown, ["备注"]);
    }

    #[test]
    fn headerless_files_need_a_kind() {
        let first = s(&["914403001922038216", "2024", "2025-05-01"]);
        assert!(looks_like_data(&first));
        assert!(matches!(
            layout("a.csv", None, &first, None, None, &Mapping::new()),
            Err(FileError::UnknownKind { .. })
        ));
        let l = layout(
            "a.csv",
            None,
            &first,
            Some(RecordKind::AnnualReport),
            None,
            &Mapping::new(),
        )
        .unwrap();
        assert!(!l.has_header);
        assert_eq!(l.fields, [Some(0), Some(1), Some(2)]);
    }

    #[test]
    fn detects_kind_from_chinese_and_english_headers() {
        let m = Mapping::new();
        assert_eq!(
            detect_kind(
                &s(&["统一社会信用代码", "处罚决定书文号", "处罚决定日期"]),
                &m
            ),
            Some(RecordKind::Penalty)
        );
        assert_eq!(
            detect_kind(&s(&["\u{feff}USCC", "Name", "Established"]), &m),
            Some(RecordKind::Registration)
        );
        assert_eq!(detect_kind(&s(&["uscc", "foo"]), &m), None);
    }

    #[test]
    fn header_found_below_a_title_and_joined_over_two_rows() {
        let m = Mapping::new();
        let rows = vec![
            s(&["东西湖区市场主体登记信息表（截至2026年11月）"]),
            s(&[
                "制表单位：东西湖区市场监督管理局",
                "",
                "导出日期：2026-11-28",
            ]),
            s(&[
                "统一社会信用代码",
                "基本信息",
                "",
                "注册资本",
                "登记信息",
                "",
            ]),
            s(&["", "企业名称", "成立日期", "(万元)", "登记状态", "住所"]),
            s(&["914403001922038216", "甲", "2010-01-01", "10", "存续", "x"]),
        ];
        let f = find_layout("r.csv", None, &rows, None, None, &m).unwrap();
        assert_eq!((f.above, f.header_rows), (2, 2));
        assert_eq!(f.layout.kind, RecordKind::Registration);
        assert_eq!(
            f.layout.headers,
            [
                "统一社会信用代码",
                "企业名称",
                "成立日期",
                "注册资本(万元)",
                "登记状态",
                "住所"
            ]
        );
        // A file whose first row is the header is read as before.
        let f = find_layout("r.csv", None, &rows[3..], None, None, &m);
        assert!(
            f.is_err(),
            "a row of names without the USCC column is no header"
        );
        let f = find_layout("r.csv", None, &[rows[0].clone()], None, None, &m);
        assert!(matches!(f, Err(FileError::UnknownKind { .. })));
    }

    #[test]
    fn signatures_are_unambiguous() {
        let m = Mapping::new();
        for k in RecordKind::EVERY {
            let headers: Vec<String> = k.columns().iter().map(|c| c.zh.to_string()).collect();
            assert_eq!(detect_kind(&headers, &m), Some(k), "{k:?} zh headers");
            let headers: Vec<String> = k.columns().iter().map(|c| c.key.to_string()).collect();
            assert_eq!(detect_kind(&headers, &m), Some(k), "{k:?} keys");
        }
    }

    #[test]
    fn realistic_roster_and_item_headers_are_told_from_records() {
        let m = Mapping::new();
        let roster = s(&[
            "序号",
            "姓名",
            "执法证号",
            "所属部门",
            "专业领域",
            "负责区域",
            "回避企业",
            "是否在岗",
        ]);
        assert_eq!(detect_kind(&roster, &m), Some(RecordKind::Inspector));
        let roster = s(&["工号", "人员姓名", "科室", "资质", "状态"]);
        assert_eq!(detect_kind(&roster, &m), Some(RecordKind::Inspector));
        let items = s(&[
            "序号",
            "抽查事项编码",
            "事项名称",
            "检查对象",
            "实施部门",
            "检查依据",
            "事项类别",
        ]);
        assert_eq!(detect_kind(&items, &m), Some(RecordKind::Item));
        let items = s(&["编码", "检查事项", "责任部门", "适用行业", "所需资质"]);
        assert_eq!(detect_kind(&items, &m), Some(RecordKind::Item));
        // 事项名称 also names the item of a commitment: a USCC column makes it one.
        let commitments = s(&["统一社会信用代码", "事项名称", "承诺日期", "核查结果"]);
        assert_eq!(detect_kind(&commitments, &m), Some(RecordKind::Commitment));
        // An inspection history naming its inspectors is still an inspection file.
        let inspections = s(&[
            "统一社会信用代码",
            "任务编号",
            "检查日期",
            "检查结果",
            "检查人员",
        ]);
        assert_eq!(detect_kind(&inspections, &m), Some(RecordKind::Inspection));
        // Two planning kinds at once are no kind.
        assert_eq!(detect_kind(&s(&["执法证号", "事项编码"]), &m), None);
        // A roster written below a title row is found there.
        let rows = vec![
            s(&["东西湖区市场监管局执法检查人员名录库"]),
            s(&["执法证号", "姓名", "所属单位", "执法资质"]),
            s(&["42011200001", "张三", "食品安全监管科", "食品安全"]),
        ];
        let f = find_layout("r.csv", None, &rows, None, None, &m).unwrap();
        assert_eq!((f.layout.kind, f.above), (RecordKind::Inspector, 1));
    }
}
