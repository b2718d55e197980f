//! Parquet in and out of the native core (issue 15): a district exported as a Hive table
//! exports it (typed columns, nulls, Snappy) scores exactly as its CSV files do, with every row
//! accounted for; the results come out as a Parquet file that reads back to the same rows;
//! a hand-made file with the national exports' names, binary strings, a timestamp, an empty
//! row and a bad date is read row by row; a broken file is a file error.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use arrow_array::builder::{BinaryBuilder, StringBuilder, TimestampSecondBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::Float64Type;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, TimeUnit};
use common::*;
use credit_supervision::ingest::{FileError, LoadOptions};
use credit_supervision::progress::NoProgress;
use credit_supervision::workspace::{Workspace, WorkspaceError};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use std::sync::Arc;

#[test]
fn a_hive_export_of_the_district_scores_as_its_csv_files_do() {
    let dir = district("district", 4000);
    let csvs: Vec<_> = files(&dir.join("csv"), "csv")
        .into_iter()
        .filter(|p| !p.ends_with("inspector.csv") && !p.ends_with("item.csv"))
        .collect();
    let parquets = files(&dir.join("parquet"), "parquet");
    assert_eq!(
        parquets.len(),
        csvs.len(),
        "one Parquet file per record file"
    );
    // Typed as a Hive table would be: dates as DATE, whole numbers as BIGINT, text as STRING.
    let reg = std::fs::read(dir.join("parquet/registration.parquet")).unwrap();
    let schema = ParquetRecordBatchReaderBuilder::try_new(bytes::Bytes::from(reg))
        .unwrap()
        .schema()
        .clone();
    let types: Vec<_> = schema
        .fields()
        .iter()
        .map(|f| f.data_type().clone())
        .collect();
    assert!(
        types.contains(&DataType::Date32) && types.contains(&DataType::Utf8),
        "{types:?}"
    );

    let (mut a, ra) = load(&csvs);
    let (mut b, rb) = load(&parquets);
    for (x, y) in ra.iter().zip(&rb) {
        assert!(y.balanced(), "{}: not every row accounted for", y.file);
        assert_eq!(y.format, "parquet");
        assert_eq!(
            (
                x.kind,
                x.rows_read,
                x.accepted,
                x.duplicates,
                x.rejected,
                x.skipped
            ),
            (
                y.kind,
                y.rows_read,
                y.accepted,
                y.duplicates,
                y.rejected,
                y.skipped
            ),
            "{} and {}",
            x.file,
            y.file
        );
    }
    let sa = a.score(d(AS_OF), &mut NoProgress).unwrap();
    let sb = b.score(d(AS_OF), &mut NoProgress).unwrap();
    assert_eq!(sa, sb);
    assert_eq!(a.results_csv().unwrap(), b.results_csv().unwrap());
    // The CLI says the same: Parquet files in, the same results CSV out.
    let out_a = dir.join("a.csv");
    let out_b = dir.join("b.csv");
    let mut args_a = vec![
        "score",
        "-q",
        "--as-of",
        AS_OF,
        "--out-csv",
        out_a.to_str().unwrap(),
    ];
    args_a.extend(csvs.iter().map(|p| p.to_str().unwrap()));
    let mut args_b = vec![
        "score",
        "-q",
        "--as-of",
        AS_OF,
        "--out-csv",
        out_b.to_str().unwrap(),
    ];
    args_b.extend(parquets.iter().map(|p| p.to_str().unwrap()));
    assert!(cli(&args_a).0 && cli(&args_b).0);
    assert_eq!(std::fs::read(out_a).unwrap(), std::fs::read(out_b).unwrap());
}

#[test]
fn the_results_come_out_as_parquet_and_read_back_to_the_same_rows() {
    let mut ws = Workspace::new();
    ws.generate_demo(3000, "demo", d(AS_OF), &mut NoProgress)
        .unwrap();
    let s = ws.score(d(AS_OF), &mut NoProgress).unwrap();
    let bytes = ws.results_parquet().unwrap();
    assert_eq!(
        bytes,
        ws.results_parquet().unwrap(),
        "the same scoring, the same bytes"
    );
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
    let reader = ParquetRecordBatchReaderBuilder::try_new(bytes::Bytes::from(bytes))
        .unwrap()
        .build()
        .unwrap();
    let batches: Vec<RecordBatch> = reader.map(Result::unwrap).collect();
    let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
    assert_eq!(rows, s.enterprises);
    let csv = String::from_utf8(ws.results_csv().unwrap()).unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().skip(1).collect();
    let mut i = 0;
    let mut counts = [0usize; 4];
    for b in &batches {
        let uscc = b.column_by_name("uscc").unwrap().as_string::<i32>();
        let class = b.column_by_name("class").unwrap().as_string::<i32>();
        let score = b
            .column_by_name("score")
            .unwrap()
            .as_primitive::<Float64Type>();
        for r in 0..b.num_rows() {
            let cells: Vec<&str> = lines[i].split(',').collect();
            assert_eq!(uscc.value(r), cells[0].trim_start_matches('\''));
            assert_eq!(format!("{:.2}", score.value(r)), cells[5]);
            assert_eq!(class.value(r), cells[6]);
            if let Some(k) = "ABCD".find(class.value(r)) {
                counts[k] += 1;
            }
            i += 1;
        }
    }
    assert_eq!(counts, [s.counts.A, s.counts.B, s.counts.C, s.counts.D]);
}

/// A registration table with the national exports' Chinese column names: a binary name, a
/// timestamp for the date of establishment, an empty row, a row with an unreadable date.
fn hand_made() -> Vec<u8> {
    let schema = Arc::new(Schema::new(vec![
        Field::new("统一社会信用代码", DataType::Utf8, true),
        Field::new("企业名称", DataType::Binary, true),
        Field::new(
            "成立日期",
            DataType::Timestamp(TimeUnit::Second, None),
            true,
        ),
        Field::new("登记状态", DataType::Utf8, true),
    ]));
    let mut code = StringBuilder::new();
    let mut name = BinaryBuilder::new();
    let mut est = TimestampSecondBuilder::new();
    let mut status = StringBuilder::new();
    // 2020-05-01 08:30:00 and 2021-01-01 00:00:00 (seconds since 1970).
    for (c, n, e, s) in [
        (
            Some(uscc(1)),
            Some("武汉甲公司".as_bytes()),
            Some(1_588_321_800i64),
            Some("存续"),
        ),
        (
            Some(uscc(2)),
            Some("武汉乙公司".as_bytes()),
            Some(1_609_459_200),
            None,
        ),
        (None, None, None, None),
        (
            Some(uscc(3)),
            Some("武汉丙公司".as_bytes()),
            Some(-5_000_000_000),
            Some("存续"),
        ),
    ] {
        code.append_option(c);
        name.append_option(n);
        est.append_option(e);
        status.append_option(s);
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(code.finish()),
        Arc::new(name.finish()),
        Arc::new(est.finish()),
        Arc::new(status.finish()),
    ];
    let batch = RecordBatch::try_new(schema, columns).unwrap();
    let mut out = Vec::new();
    credit_supervision::columnar::write_parquet(&mut out, &[batch]).unwrap();
    out
}

#[test]
fn a_hand_made_export_is_read_row_by_row_with_every_row_accounted_for() {
    let mut ws = Workspace::new();
    let r = ws
        .load_file(
            "登记.parquet",
            &hand_made(),
            &LoadOptions::default(),
            &mut NoProgress,
        )
        .unwrap();
    let r = &r[0];
    assert_eq!(r.kind.code(), "registration");
    assert_eq!(r.format, "parquet");
    assert_eq!(
        (r.rows_read, r.accepted, r.rejected, r.skipped),
        (4, 2, 1, 1),
        "{r:?}"
    );
    assert!(r.balanced());
    assert_eq!(r.skipped_rows[0].line, 3);
    assert_eq!(r.skipped_rows[0].reason, "empty_row");
    let e = &r.errors[0];
    assert_eq!((e.line, e.column.as_str()), (4, "成立日期"), "{e:?}");
    assert!(e.value.starts_with("1811-"), "{}", e.value);
    ws.score(d(AS_OF), &mut NoProgress).unwrap();
    let csv = String::from_utf8(ws.results_csv().unwrap()).unwrap();
    assert!(
        csv.contains("武汉甲公司") && csv.contains("武汉乙公司"),
        "{csv}"
    );
}

#[test]
fn a_broken_parquet_file_is_a_file_error_that_names_it() {
    let mut ws = Workspace::new();
    let mut bytes = hand_made();
    let n = bytes.len();
    bytes.truncate(n - 12);
    bytes.extend_from_slice(b"PAR1");
    let e = ws
        .load_file(
            "坏.parquet",
            &bytes,
            &LoadOptions::default(),
            &mut NoProgress,
        )
        .unwrap_err();
    let WorkspaceError::File(f) = e else {
        panic!("{e:?}")
    };
    assert_eq!(f.reason(), "parquet");
    assert_eq!(f.file(), "坏.parquet");
    assert!(matches!(f, FileError::Parquet { .. }));
    assert!(
        f.message_zh().contains("无法读取 Parquet 文件"),
        "{}",
        f.message_zh()
    );
}

/// A registration table as the national systems' data exchange names its columns (field
/// codes, in any case): types and statuses as codes or as text, the capital as a number.
#[test]
fn a_table_with_the_national_field_codes_is_read_without_a_mapping() {
    let text = |name: &str| Field::new(name, DataType::Utf8, true);
    let schema = Arc::new(Schema::new(vec![
        text("UNISCID"),
        text("ENTNAME"),
        text("ENTTYPE"),
        text("INDUSTRYCO"),
        Field::new("ESTDATE", DataType::Date32, true),
        Field::new("REGCAP", DataType::Float64, true),
        text("REGSTATE"),
        text("DOM"),
        text("REGORG"),
    ]));
    let s = |v: [&str; 2]| -> ArrayRef { Arc::new(arrow_array::StringArray::from(v.to_vec())) };
    let columns: Vec<ArrayRef> = vec![
        s([&uscc(1), &uscc(2)]),
        s(["武汉甲有限公司", "东西湖区乙商店"]),
        s(["1100", "9500"]),
        s(["F5191", "F5261"]),
        Arc::new(arrow_array::Date32Array::from(vec![18_000, 19_000])),
        Arc::new(arrow_array::Float64Array::from(vec![100.0, 3.5])),
        s(["1", "2"]),
        s(["武汉市东西湖区吴家山1号", "武汉市东西湖区径河2号"]),
        s(["东西湖区市场监督管理局", "东西湖区市场监督管理局"]),
    ];
    let batch = RecordBatch::try_new(schema, columns).unwrap();
    let mut bytes = Vec::new();
    credit_supervision::columnar::write_parquet(&mut bytes, &[batch]).unwrap();
    let mut ws = Workspace::new();
    let r = ws
        .load_file(
            "gs_ent_info.parquet",
            &bytes,
            &LoadOptions::default(),
            &mut NoProgress,
        )
        .unwrap();
    let r = &r[0];
    assert_eq!(r.kind.code(), "registration");
    assert_eq!((r.rows_read, r.accepted, r.rejected), (2, 2, 0), "{r:?}");
    assert_eq!(r.unknown_columns, ["REGORG"]);
    ws.score(d(AS_OF), &mut NoProgress).unwrap();
    let rows = ws
        .rows(&[0, 1])
        .unwrap()
        .into_iter()
        .map(|r| (r.entity_type, r.status))
        .collect::<Vec<_>>();
    assert_eq!(
        rows,
        [("company", "active"), ("individual", "revoked")],
        "codes read through the national code tables"
    );
}
