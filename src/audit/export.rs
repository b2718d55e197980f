//! The audit trail as files: CSV (UTF-8 with BOM, for Excel) and JSON. Both load back with
//! [`super::import`].

use super::trail::{date_text, AuditEntry};
use crate::date::Date;
use crate::policy::class_letter;
use crate::sheet::{self, Book, Cell, Column, Lang, RowSink, SheetError};
use crate::text::formula_safe_reversible as cell;

/// The columns of the trail, for the CSV and the workbook: their Chinese headers are the
/// CSV's ([`CSV_HEADER`]).
pub const COLUMNS: [Column; 12] = [
    sheet::number("序号", "no."),
    sheet::date("生效日期", "effective date"),
    sheet::text("时间戳", "timestamp"),
    sheet::text("操作人", "who"),
    sheet::text("操作", "action"),
    sheet::text("统一社会信用代码", "USCC"),
    sheet::text("记录类型", "record kind"),
    sheet::text("原记录", "record"),
    sheet::text("更正为", "correction"),
    sheet::text("原分类", "class before"),
    sheet::text("调整为", "class set"),
    sheet::text("理由", "reason"),
];

/// The header of the CSV export (and of a CSV trail to import), in column order.
pub const CSV_HEADER: [&str; 12] = {
    let mut h = [""; 12];
    let mut i = 0;
    while i < 12 {
        h[i] = COLUMNS[i].zh;
        i += 1;
    }
    h
};

/// The trail as CSV bytes (UTF-8 with BOM), one row per entry, oldest first. Text a person
/// wrote (timestamp, who, the record, the correction, the reason) is formula-safe: a cell
/// beginning with `=`, `+`, `-`, `@`, tab or CR (or `'`) is written with a leading `'`, which
/// the import takes off again ([`crate::text::formula_restore`]).
pub fn to_csv(entries: &[AuditEntry]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(vec![0xEF, 0xBB, 0xBF]);
    w.write_record(CSV_HEADER).expect("writing to memory");
    for e in entries {
        let class = |c| {
            if e.action == super::Action::AdjustClass {
                class_letter(c).to_string()
            } else {
                String::new()
            }
        };
        w.write_record([
            e.seq.to_string(),
            date_text(e.at),
            cell(&e.timestamp).into_owned(),
            cell(&e.who).into_owned(),
            e.action.zh().to_string(),
            cell(&e.uscc).into_owned(),
            e.record_kind
                .map(|k| k.zh().to_string())
                .unwrap_or_default(),
            cell(e.record.as_deref().unwrap_or_default()).into_owned(),
            cell(e.correction.as_deref().unwrap_or_default()).into_owned(),
            class(e.class_from),
            class(e.class_to),
            cell(&e.reason).into_owned(),
        ])
        .expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
}

/// The trail as an XLSX workbook of one sheet ([`COLUMNS`], headers in `lang`), created on
/// `created`. Cells hold the texts as entered (a workbook's text cell is never a formula, so
/// nothing is escaped); the sequence number is a number, the effective date a date; the
/// action and the record kind in `lang`.
pub fn to_xlsx(entries: &[AuditEntry], created: Date, lang: Lang) -> Result<Vec<u8>, SheetError> {
    let mut b = Book::new(created)?;
    let mut s = b.sheet(lang.pick("审计记录", "audit trail"), &COLUMNS, lang)?;
    for e in entries {
        let class = |c| {
            if e.action == super::Action::AdjustClass {
                Cell::Label(class_letter(c))
            } else {
                Cell::Empty
            }
        };
        s.row(&[
            Cell::int(u64::from(e.seq)),
            Cell::Date(e.at),
            text(Some(&e.timestamp)),
            text(Some(&e.who)),
            Cell::Label(lang.pick(e.action.zh(), e.action.en())),
            Cell::text(e.uscc.as_str()),
            e.record_kind
                .map_or(Cell::Empty, |k| Cell::Label(lang.pick(k.zh(), k.code()))),
            text(e.record.as_deref()),
            text(e.correction.as_deref()),
            class(e.class_from),
            class(e.class_to),
            Cell::text(e.reason.as_str()),
        ])?;
    }
    s.done()?;
    b.finish()
}

/// A text cell, or an empty one for no text.
fn text(t: Option<&str>) -> Cell<'_> {
    match t {
        None | Some("") => Cell::Empty,
        Some(t) => Cell::text(t),
    }
}

/// The trail as pretty JSON (an array of entries, camelCase fields).
pub fn to_json(entries: &[AuditEntry]) -> String {
    serde_json::to_string_pretty(entries).expect("entries always serialise")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::Action;

    #[test]
    fn csv_has_bom_header_and_rows() {
        let e = AuditEntry {
            seq: 1,
            at: crate::date::parse_date("2026-01-05").unwrap(),
            timestamp: "2026-01-05T09:00".into(),
            who: "李四".into(),
            reason: "现场核实，住所可以联系".into(),
            action: Action::AdjustClass,
            uscc: "914403001922038216".into(),
            record_kind: None,
            record: None,
            correction: None,
            class_from: Some(crate::policy::Class::C),
            class_to: None,
        };
        let csv = String::from_utf8(to_csv(std::slice::from_ref(&e))).unwrap();
        assert!(csv.starts_with("\u{FEFF}序号,生效日期"));
        assert!(
            csv.contains(
                "1,2026-01-05,2026-01-05T09:00,李四,人工调整分类,914403001922038216,,,,C,-,"
            ),
            "{csv}"
        );
        let j = to_json(&[e]);
        let back: Vec<AuditEntry> = serde_json::from_str(&j).unwrap();
        assert_eq!(back[0].who, "李四");
    }

    #[test]
    fn text_cells_are_formula_safe_and_nothing_else_changes() {
        let e = AuditEntry {
            seq: 1,
            at: crate::date::parse_date("2026-01-05").unwrap(),
            timestamp: "+2026".into(),
            who: "=HYPERLINK(\"http://x\")".into(),
            reason: "＠查".into(),
            action: Action::Correct,
            uscc: "914403001922038216".into(),
            record_kind: Some(crate::records::RecordKind::Penalty),
            record: Some("-1".into()),
            correction: Some("'已改".into()),
            class_from: None,
            class_to: None,
        };
        let csv = String::from_utf8(to_csv(std::slice::from_ref(&e))).unwrap();
        let row = csv.lines().nth(1).unwrap();
        assert_eq!(
            row,
            "1,2026-01-05,'+2026,\"'=HYPERLINK(\"\"http://x\"\")\",更正,914403001922038216,行政处罚,'-1,''已改,,,'＠查"
        );
    }
}
