//! Issue 16, old Excel files: `.xls` (BIFF8) and `.ods` workbooks load with the same reports,
//! header search, skipped rows, limits and row accounting as `.xlsx`. The fixtures are one
//! registration sheet (a title row, a 制表单位 line, the header, four enterprises, a 合计 line)
//! and a notes sheet, saved in the three formats by `tests/fixtures/old-excel/make.py`.
//! A hostile `.xls` (cut short, wrong sizes, loops) is a file error, never a panic.
#![cfg(not(target_arch = "wasm32"))]

use credit_supervision::ingest::{
    detect_format, load_file, sheet_names, sniff::sniff, FileError, FileReport, Format, LoadOptions,
};
use credit_supervision::progress::NoProgress;
use credit_supervision::store::Store;

const XLS: &[u8] = include_bytes!("fixtures/old-excel/registration.xls");
const ODS: &[u8] = include_bytes!("fixtures/old-excel/registration.ods");
const XLSX: &[u8] = include_bytes!("fixtures/old-excel/registration.xlsx");

fn load(name: &str, bytes: &[u8], options: &LoadOptions) -> Result<Vec<FileReport>, FileError> {
    load_file(&mut Store::new(), name, bytes, options, &mut NoProgress)
}

/// A report as JSON, without what differs by format (the file name and the format).
fn comparable(r: &FileReport) -> serde_json::Value {
    let mut v = serde_json::to_value(r).unwrap();
    let o = v.as_object_mut().unwrap();
    o.remove("file");
    o.remove("format");
    for e in o["errors"].as_array_mut().unwrap() {
        e.as_object_mut().unwrap().remove("file");
    }
    for c in o["conflictRows"].as_array_mut().unwrap() {
        for side in ["kept", "repeat"] {
            c[side].as_object_mut().unwrap().remove("file");
        }
    }
    v
}

#[test]
fn formats_are_told_from_the_bytes_and_the_name() {
    assert_eq!(detect_format("r.xls", XLS), Format::Xls);
    assert_eq!(detect_format("export", XLS), Format::Xls);
    assert_eq!(detect_format("r.ods", ODS), Format::Ods);
    assert_eq!(detect_format("export.zip", ODS), Format::Ods);
    assert_eq!(detect_format("r.xlsx", XLSX), Format::Xlsx);
    for (name, bytes, format) in [
        ("r.xls", XLS, "xls"),
        ("r.ods", ODS, "ods"),
        ("r.xlsx", XLSX, "xlsx"),
    ] {
        let s = sniff(name, bytes, &LoadOptions::default()).unwrap();
        assert_eq!(serde_json::to_value(s.format).unwrap(), format);
        assert_eq!(
            sheet_names(name, bytes).unwrap(),
            ["登记信息", "说明"],
            "{name}"
        );
    }
}

#[test]
fn xls_and_ods_load_with_the_same_report_as_xlsx() {
    let xlsx = load("r.xlsx", XLSX, &LoadOptions::default()).unwrap();
    assert_eq!(xlsx.len(), 1, "the notes sheet is skipped");
    let r = &xlsx[0];
    assert_eq!(r.format, "xlsx");
    assert_eq!(r.sheet.as_deref(), Some("登记信息"));
    // Title and 制表单位 above the header, 合计 below: skipped with their text.
    assert_eq!(
        (r.rows_read, r.skipped, r.accepted, r.rejected),
        (7, 3, 3, 1)
    );
    let skipped: Vec<(u64, &str, &str)> = r
        .skipped_rows
        .iter()
        .map(|s| (s.line, s.reason, s.text.as_str()))
        .collect();
    assert_eq!(
        skipped,
        [
            (
                1,
                "above_header",
                "东西湖区市场主体登记信息表（截至2026年11月）"
            ),
            (2, "above_header", "制表单位：东西湖区市场监督管理局"),
            (8, "summary", "合计 | 4户 | 162.5"),
        ]
    );
    assert_eq!((r.errors[0].line, r.errors[0].reason), (7, "uscc"));
    assert_eq!(r.warnings[0].reason, "unknown_industry");
    assert!(r.balanced());
    for (name, bytes, format) in [("r.xls", XLS, "xls"), ("r.ods", ODS, "ods")] {
        let got = load(name, bytes, &LoadOptions::default()).unwrap();
        assert_eq!(got.len(), 1, "{name}");
        assert_eq!(got[0].format, format);
        assert_eq!(comparable(&got[0]), comparable(r), "{name}");
    }
    // The store holds the same: dates read from date cells, numbers as numbers.
    for (name, bytes) in [("r.xls", XLS), ("r.ods", ODS), ("r.xlsx", XLSX)] {
        let mut s = Store::new();
        load_file(
            &mut s,
            name,
            bytes,
            &LoadOptions::default(),
            &mut NoProgress,
        )
        .unwrap();
        let u = credit_supervision::uscc::Uscc::parse("91330100716105852F").unwrap();
        let g = s.registration(s.find(&u).unwrap()).unwrap();
        assert_eq!(
            credit_supervision::date::format_date(g.established),
            "2015-03-02",
            "{name}"
        );
        assert_eq!(g.capital, Some(12.5), "{name}");
    }
}

#[test]
fn a_chosen_sheet_and_a_missing_one() {
    for (name, bytes) in [("r.xls", XLS), ("r.ods", ODS)] {
        let o = LoadOptions {
            sheet: Some("登记信息".into()),
            ..LoadOptions::default()
        };
        assert_eq!(load(name, bytes, &o).unwrap()[0].accepted, 3);
        let o = LoadOptions {
            sheet: Some("无此表".into()),
            ..LoadOptions::default()
        };
        let e = load(name, bytes, &o).unwrap_err();
        assert!(e.to_string().contains("登记信息, 说明"), "{e}");
        // The notes sheet chosen: of no known kind.
        let o = LoadOptions {
            sheet: Some("说明".into()),
            ..LoadOptions::default()
        };
        assert_eq!(load(name, bytes, &o).unwrap_err().reason(), "unknown_kind");
    }
}

#[test]
fn the_cell_limit_counts_as_for_xlsx() {
    for (name, bytes) in [("r.xls", XLS), ("r.ods", ODS), ("r.xlsx", XLSX)] {
        let o = LoadOptions {
            xlsx_max_cells: Some(20),
            ..LoadOptions::default()
        };
        let e = load(name, bytes, &o).unwrap_err();
        assert_eq!(e.reason(), "limit", "{name}: {e}");
        assert!(e.to_string().contains("xlsxMaxCells"), "{e}");
        let o = LoadOptions {
            xlsx_max_bytes: Some(1000),
            ..LoadOptions::default()
        };
        let e = load(name, bytes, &o).unwrap_err();
        assert_eq!(e.reason(), "limit", "{name}: {e}");
        let o = LoadOptions {
            max_file_bytes: Some(100),
            ..LoadOptions::default()
        };
        assert_eq!(load(name, bytes, &o).unwrap_err().reason(), "too_large");
    }
}

/// Every cut of the file, and the file with bytes changed at many places, loads or fails as
/// a file error: never a panic.
#[test]
fn hostile_xls_and_ods_are_file_errors_never_panics() {
    for (name, bytes) in [("r.xls", XLS), ("r.ods", ODS)] {
        let o = LoadOptions::default();
        for cut in (0..bytes.len()).step_by(13) {
            let r = load(name, &bytes[..cut], &o);
            if let Err(e) = r {
                assert!(!e.to_string().is_empty());
            }
        }
        // Sizes, sector numbers and record lengths set to extremes, one place at a time.
        for at in (0..bytes.len()).step_by(11) {
            for v in [0x00, 0xFF] {
                let mut b = bytes.to_vec();
                b[at] = v;
                if let Ok(reports) = load(name, &b, &o) {
                    assert!(reports.iter().all(FileReport::balanced));
                }
                let _ = sheet_names(name, &b);
            }
        }
    }
}

#[test]
fn a_truncated_xls_says_what_is_wrong() {
    let e = load("cut.xls", &XLS[..XLS.len() - 700], &LoadOptions::default()).unwrap_err();
    assert_eq!(e.reason(), "spreadsheet", "{e}");
    assert!(
        e.to_string()
            .starts_with("cut.xls: cannot read the spreadsheet: "),
        "{e}"
    );
    let e = load("tiny.xls", &XLS[..100], &LoadOptions::default()).unwrap_err();
    assert!(e.to_string().contains("not an OLE compound file"), "{e}");
}
