//! Loading real-world files: every encoding and format, broken rows reported exactly,
//! nothing lost (read = accepted + duplicates + rejected).
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::*;
use credit_supervision::ingest::{load_file, FileError, FileReport, LoadOptions, TextEncoding};
use credit_supervision::progress::NoProgress;
use credit_supervision::records::RecordKind;
use credit_supervision::store::Store;

/// A penalty file (Chinese headers) with one bad USCC on line 4 and one bad date on line 5,
/// and a repeat of line 2 on line 6.
fn penalty_text(sep: &str, eol: &str) -> String {
    let (u1, u2, u3) = (uscc(1), uscc(2), uscc(3));
    let rows = [
        vec![
            "统一社会信用代码",
            "处罚决定书文号",
            "处罚决定日期",
            "处罚种类",
            "罚款金额",
            "违法领域",
        ],
        vec![
            &u1,
            "武东市监处罚〔2025〕1号",
            "2025/3/1",
            "罚款",
            "￥5000元",
            "食品",
        ],
        vec![
            &u2,
            "武东市监处罚〔2025〕2号",
            "2025年4月2日",
            "警告；罚款",
            "1万元",
            "价格",
        ],
        vec![
            "91420112MA4K00001X",
            "武东市监处罚〔2025〕3号",
            "2025-05-01",
            "罚款",
            "100",
            "广告",
        ],
        vec![
            &u3,
            "武东市监处罚〔2025〕4号",
            "2025-02-30",
            "罚款",
            "100",
            "广告",
        ],
        vec![
            &u1,
            "武东市监处罚〔2025〕1号",
            "2025/3/1",
            "罚款",
            "￥5000元",
            "食品",
        ],
    ];
    rows.iter()
        .map(|r| {
            r.iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(sep)
        })
        .collect::<Vec<_>>()
        .join(eol)
        + eol
}

fn load(name: &str, bytes: &[u8], options: &LoadOptions) -> (Store, Vec<FileReport>) {
    let mut s = Store::new();
    let r = load_file(&mut s, name, bytes, options, &mut NoProgress).unwrap();
    (s, r)
}

fn assert_penalty_report(r: &FileReport) {
    assert_eq!(r.kind, RecordKind::Penalty);
    assert_eq!(
        (r.rows_read, r.accepted, r.duplicates, r.rejected),
        (5, 2, 1, 2),
        "{:?}",
        r.errors
    );
    assert!(r.balanced());
    let e = &r.errors[0];
    assert_eq!(
        (e.line, e.column.as_str(), e.value.as_str(), e.reason),
        (4, "统一社会信用代码", "91420112MA4K00001X", "uscc")
    );
    let e = &r.errors[1];
    assert_eq!(
        (e.line, e.column.as_str(), e.value.as_str(), e.reason),
        (5, "处罚决定日期", "2025-02-30", "date")
    );
    assert_eq!(
        e.message_zh,
        "不是有效日期（应如 2023-01-05、2023/1/5、20230105、2023年1月5日）"
    );
}

#[test]
fn utf8_with_and_without_bom_crlf_and_every_delimiter() {
    for (sep, name) in [
        (",", "p.csv"),
        (";", "p.csv"),
        ("\t", "p.tsv"),
        ("|", "p.txt"),
    ] {
        for eol in ["\n", "\r\n"] {
            for bom in [false, true] {
                let mut bytes = if bom {
                    b"\xEF\xBB\xBF".to_vec()
                } else {
                    Vec::new()
                };
                bytes.extend_from_slice(penalty_text(sep, eol).as_bytes());
                let (s, r) = load(name, &bytes, &LoadOptions::default());
                assert_eq!(r[0].encoding.as_deref(), Some("utf-8"));
                assert_eq!(r[0].delimiter.as_deref(), Some(sep));
                assert_penalty_report(&r[0]);
                let p = &s.penalties.rows()[1];
                assert_eq!(p.fine, Some(10_000.0), "1万元 in 元");
            }
        }
    }
}

#[test]
fn gbk_and_utf16_are_detected_and_can_be_forced() {
    let text = penalty_text(",", "\r\n");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let (_, r) = load("p.csv", &gbk, &LoadOptions::default());
    assert_eq!(r[0].encoding.as_deref(), Some("gb18030"));
    assert_penalty_report(&r[0]);

    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let (_, r) = load("p.csv", &utf16, &LoadOptions::default());
    assert_eq!(r[0].encoding.as_deref(), Some("utf-16le"));
    assert_penalty_report(&r[0]);

    // Forcing the wrong encoding makes the headers unreadable: a clear file error (bytes
    // that do not decode are not replaced by U+FFFD, so the header is not text at all).
    let forced = LoadOptions {
        encoding: Some(TextEncoding::Utf16Le),
        ..LoadOptions::default()
    };
    let mut s = Store::new();
    let e = load_file(&mut s, "p.csv", &gbk, &forced, &mut NoProgress).unwrap_err();
    assert!(
        matches!(
            e,
            FileError::Encoding { .. } | FileError::UnknownKind { .. }
        ),
        "{e}"
    );
}

#[test]
fn chunk_boundaries_do_not_change_anything() {
    let text = penalty_text(",", "\r\n")
        .replace("武东市监处罚〔2025〕1号", "\"武东市监处罚〔2025〕\n1号\"");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let whole = {
        let (_, r) = load("p.csv", &gbk, &LoadOptions::default());
        r[0].clone()
    };
    for chunk in [1usize, 2, 3, 7, 64] {
        let mut s = Store::new();
        let mut loader =
            credit_supervision::ingest::CsvLoader::new("p.csv", LoadOptions::default());
        for part in gbk.chunks(chunk) {
            loader.push(&mut s, part).unwrap();
        }
        let r = loader.finish(&mut s).unwrap();
        assert_eq!(r, whole, "chunk size {chunk}");
    }
    // The quoted newline makes line numbers of later rows one higher.
    assert_eq!(whole.errors[0].line, 5);
}

#[test]
fn header_variants_fullwidth_and_user_mapping() {
    let text = format!(
        "信用代码, 处罚 文书号 ,决定日期,处罚类别,罚款金额（元）\n{},Ｎｏ．１,２０２５－０３－０１,罚款,５０００\n",
        uscc(1).replace('9', "９")
    );
    let mut s = Store::new();
    let e = load_file(
        &mut s,
        "p.csv",
        text.as_bytes(),
        &LoadOptions::default(),
        &mut NoProgress,
    )
    .unwrap_err();
    assert!(matches!(e, FileError::UnknownKind { .. }), "{e}");
    let mut options = LoadOptions::default();
    options
        .mapping
        .insert("处罚文书号".into(), "decision_no".into());
    let (s, r) = load("p.csv", text.as_bytes(), &options);
    assert_eq!((r[0].accepted, r[0].rejected), (1, 0), "{:?}", r[0].errors);
    assert_eq!(s.penalties.rows()[0].fine, Some(5000.0));
    assert_eq!(s.uscc(0).to_string(), uscc(1));
}

#[test]
fn headerless_files_with_a_named_kind() {
    let text = format!("{},2024,2025-05-01\n{},2024,\n", uscc(1), uscc(2));
    let mut s = Store::new();
    assert!(load_file(
        &mut s,
        "a.csv",
        text.as_bytes(),
        &LoadOptions::default(),
        &mut NoProgress
    )
    .is_err());
    let options = LoadOptions {
        kind: Some(RecordKind::AnnualReport),
        ..LoadOptions::default()
    };
    let (_, r) = load("a.csv", text.as_bytes(), &options);
    assert!(!r[0].has_header);
    assert_eq!((r[0].rows_read, r[0].accepted), (2, 2));
}

#[test]
fn json_array_and_json_lines() {
    let arr = format!(
        "[\n {{\"uscc\": \"{}\", \"year\": 2024, \"filed\": \"2025-05-01\"}},\n {{\"uscc\": \"{}\", \"year\": \"x\"}},\n 42\n]",
        uscc(1),
        uscc(2)
    );
    let (_, r) = load("a.json", arr.as_bytes(), &LoadOptions::default());
    assert_eq!(
        (r[0].format, r[0].rows_read, r[0].accepted, r[0].rejected),
        ("json", 3, 1, 2)
    );
    assert_eq!(
        (r[0].errors[0].line, r[0].errors[0].column.as_str()),
        (3, "year")
    );
    assert_eq!(
        (r[0].errors[1].line, r[0].errors[1].reason),
        (4, "field_count")
    );
    let lines = format!("{{\"统一社会信用代码\":\"{}\",\"投诉日期\":\"2026-01-02\",\"是否属实\":true}}\n\n{{\"统一社会信用代码\":\"{}\",\"投诉日期\":45000}}\n", uscc(1), uscc(2));
    let (s, r) = load("c.jsonl", lines.as_bytes(), &LoadOptions::default());
    assert_eq!((r[0].kind, r[0].accepted), (RecordKind::Complaint, 2));
    assert!(s.complaints.rows()[0].substantiated);
    assert_eq!(
        s.complaints.rows()[1].date,
        d("2023-03-15"),
        "Excel serial 45000"
    );
    let mut st = Store::new();
    let e = load_file(
        &mut st,
        "bad.json",
        b"[{\"a\": 1},",
        &LoadOptions::default(),
        &mut NoProgress,
    )
    .unwrap_err();
    assert!(matches!(e, FileError::Json { line: 1, .. }), "{e}");
}

fn workbook() -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
    let ws = wb.add_worksheet().set_name("说明").unwrap();
    ws.write_string(0, 0, "本工作簿为测试数据").unwrap();
    let ws = wb.add_worksheet().set_name("登记").unwrap();
    let head = [
        "统一社会信用代码",
        "企业名称",
        "市场主体类型",
        "成立日期",
        "注册资本",
        "登记状态",
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, uscc(1)).unwrap();
    ws.write_string(1, 1, "甲公司").unwrap();
    ws.write_string(1, 2, "有限责任公司").unwrap();
    ws.write_datetime_with_format(
        1,
        3,
        ExcelDateTime::from_ymd(2015, 6, 1).unwrap(),
        &date_fmt,
    )
    .unwrap();
    ws.write_number(1, 4, 500.0).unwrap();
    ws.write_string(1, 5, "存续").unwrap();
    ws.write_string(2, 0, uscc(2)).unwrap();
    ws.write_string(2, 1, "乙公司").unwrap();
    ws.write_string(2, 2, "公司").unwrap();
    ws.write_string(2, 3, "2016年1月2日").unwrap();
    ws.write_number(2, 4, 1_000_000.0).unwrap();
    // Row 4: a number where a USCC belongs, and a bad date.
    ws.write_number(3, 0, 914403001922038216.0).unwrap();
    ws.write_string(3, 1, "丙公司").unwrap();
    ws.write_string(3, 3, "不详").unwrap();
    let ws = wb.add_worksheet().set_name("处罚").unwrap();
    let head = [
        "统一社会信用代码",
        "处罚决定书文号",
        "处罚决定日期",
        "处罚种类",
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    ws.write_string(3, 0, uscc(1)).unwrap();
    ws.write_string(3, 1, "罚1").unwrap();
    ws.write_number(3, 2, 45352.0).unwrap();
    ws.write_string(3, 3, "罚款").unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn xlsx_every_sheet_or_the_one_chosen() {
    let bytes = workbook();
    let (s, r) = load("数据.xlsx", &bytes, &LoadOptions::default());
    assert_eq!(r.len(), 2, "the cover sheet is skipped");
    assert_eq!(
        (r[0].sheet.as_deref(), r[0].kind),
        (Some("登记"), RecordKind::Registration)
    );
    assert_eq!((r[0].rows_read, r[0].accepted, r[0].rejected), (3, 2, 1));
    let e = &r[0].errors[0];
    assert_eq!(
        (e.sheet.as_deref(), e.line, e.column.as_str()),
        (Some("登记"), 4, "统一社会信用代码")
    );
    // An 18-digit number typed as a number has lost its last digits in Excel itself.
    assert_eq!((e.value.as_str(), e.reason), ("914403001922038300", "uscc"));
    let reg = s.registration(0).unwrap();
    assert_eq!(reg.established, d("2015-06-01"));
    assert_eq!(reg.capital, Some(500.0));
    assert_eq!((r[1].sheet.as_deref(), r[1].accepted), (Some("处罚"), 1));
    assert_eq!(s.penalties.rows()[0].date, d("2024-03-01"), "serial 45352");
    let only = LoadOptions {
        sheet: Some("处罚".into()),
        ..LoadOptions::default()
    };
    let (_, r) = load("数据.xlsx", &bytes, &only);
    assert_eq!(r.len(), 1);
    let mut st = Store::new();
    let none = LoadOptions {
        sheet: Some("无".into()),
        ..LoadOptions::default()
    };
    let e = load_file(&mut st, "数据.xlsx", &bytes, &none, &mut NoProgress).unwrap_err();
    assert!(e.to_string().contains("no sheet \"无\""), "{e}");
    // A truncated workbook is a clear error for that file.
    let e = load_file(
        &mut st,
        "坏.xlsx",
        &bytes[..bytes.len() / 2],
        &LoadOptions::default(),
        &mut NoProgress,
    )
    .unwrap_err();
    assert!(matches!(e, FileError::Spreadsheet { .. }), "{e}");
}

#[test]
fn rejected_rows_export_can_be_fixed_and_loaded_again() {
    let text = penalty_text(",", "\n");
    let (_, r) = load("p.csv", text.as_bytes(), &LoadOptions::default());
    let out = String::from_utf8(r[0].rejected_csv()).unwrap();
    let lines: Vec<&str> = out.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].ends_with("错误原因 error"));
    assert!(lines[1].starts_with("91420112MA4K00001X,"));
    assert!(lines[2].contains("2025-02-30") && lines[2].contains("第5行"));
    // Fix the date and the code, load the file again: the reason column is ignored.
    let fixed = out
        .replace("2025-02-30", "2025-02-28")
        .replace("91420112MA4K00001X", &uscc(9));
    let (_, r2) = load("p-rejected.csv", fixed.as_bytes(), &LoadOptions::default());
    assert_eq!(
        (r2[0].accepted, r2[0].rejected),
        (2, 0),
        "{:?}",
        r2[0].errors
    );
    assert_eq!(r2[0].unknown_columns, ["错误原因 error"]);
}

#[test]
fn garbage_never_panics() {
    let mut seed = 0x9E3779B97F4A7C15u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let base = penalty_text(",", "\n").into_bytes();
    for _ in 0..300 {
        let mut b = base.clone();
        for _ in 0..(next() % 20) {
            let i = (next() as usize) % b.len();
            b[i] = next() as u8;
        }
        let cut = (next() as usize) % (b.len() + 1);
        let mut s = Store::new();
        if let Ok(reports) = load_file(
            &mut s,
            "f.csv",
            &b[..cut],
            &LoadOptions::default(),
            &mut NoProgress,
        ) {
            for r in reports {
                assert!(r.balanced());
            }
        }
        let _ = load_file(
            &mut s,
            "f.xlsx",
            &b[..cut],
            &LoadOptions::default(),
            &mut NoProgress,
        );
        let _ = load_file(
            &mut s,
            "f.json",
            &b[..cut],
            &LoadOptions::default(),
            &mut NoProgress,
        );
    }
}
