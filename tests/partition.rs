//! A Spark job's partitions scored by the core (issue 15): the district's records, split by
//! USCC into partitions and handed over as Arrow long tables, give every enterprise the result
//! and the input digest the whole district gives it; the row accounting adds up to the files'
//! own; the draw made from the partitions' results alone is the CLI's draw, digest and CSV
//! bytes. The plan made on a driver from the partitions' results and facts, with the roster
//! and item list handed to every partition, is the CLI's plan: the same JSON, visits, teams
//! and digest. A long table without a kind column, or with a kind that is not one, is
//! refused.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use arrow_array::builder::{Int64Builder, StringBuilder};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_cast::display::{ArrayFormatter, FormatOptions};
use arrow_schema::{ArrowError, DataType, Field, Schema};
use common::*;
use credit_supervision::ingest::long_table::{KIND_COLUMN, ROW_COLUMN};
use credit_supervision::partition::{
    draw_results, plan_results, score_partition, score_partition_for, ForPlan, PartitionError,
};
use credit_supervision::policy::ValidPolicy;
use credit_supervision::progress::NoProgress;
use credit_supervision::records::RecordKind;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Every row of one record file: its kind, its row number and its cells by header.
struct Rows {
    kind: RecordKind,
    headers: Vec<String>,
    rows: Vec<Vec<Option<String>>>,
}

/// The cells of a Parquet file as text (dates as `YYYY-MM-DD`, nulls as `None`).
fn read_rows(path: &std::path::Path) -> Rows {
    let stem = path.file_stem().unwrap().to_str().unwrap();
    let kind = RecordKind::parse(stem).unwrap();
    let bytes = bytes::Bytes::from(std::fs::read(path).unwrap());
    let reader = ParquetRecordBatchReaderBuilder::try_new(bytes)
        .unwrap()
        .build()
        .unwrap();
    let mut headers = Vec::new();
    let mut rows = Vec::new();
    for b in reader {
        let b = b.unwrap();
        headers = b
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        rows.extend(cells(&b));
    }
    Rows {
        kind,
        headers,
        rows,
    }
}

/// A USCC cell as the job keys it: trimmed and in upper case.
fn uscc_key(cell: Option<&str>) -> String {
    cell.unwrap_or("").trim().to_ascii_uppercase()
}

/// The partition of a key, hashed.
fn partition_of(key: &str, n: u64) -> usize {
    let h = key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    (h % n) as usize
}

/// The files' rows split into `n` long tables by USCC (all columns text, plus the kind and
/// the row's number in its file), in file order then row order.
fn long_tables(files: &[Rows], n: u64) -> Vec<RecordBatch> {
    let mut columns: Vec<String> = vec![KIND_COLUMN.into(), ROW_COLUMN.into()];
    for f in files {
        for h in &f.headers {
            if !columns.contains(h) {
                columns.push(h.clone());
            }
        }
    }
    let mut parts: Vec<(Vec<StringBuilder>, Int64Builder)> = (0..n)
        .map(|_| {
            (
                (0..columns.len()).map(|_| StringBuilder::new()).collect(),
                Int64Builder::new(),
            )
        })
        .collect();
    let uscc_at = |f: &Rows| {
        let uscc = f.kind.columns()[0];
        f.headers
            .iter()
            .position(|h| h == uscc.zh || h == uscc.key)
            .expect("a USCC column")
    };
    // Enterprises registered at one address go to one partition (the address counts of the
    // address indicators), with all their records: the key of a USCC is the trimmed address
    // of its first registration row, else the USCC.
    let mut address: BTreeMap<String, String> = BTreeMap::new();
    for f in files.iter().filter(|f| f.kind == RecordKind::Registration) {
        let at = f
            .headers
            .iter()
            .position(|h| h == "住所")
            .expect("an address column");
        for row in &f.rows {
            let a = row[at].as_deref().unwrap_or("").trim();
            if !a.is_empty() {
                address
                    .entry(uscc_key(row[uscc_at(f)].as_deref()))
                    .or_insert_with(|| a.to_string());
            }
        }
    }
    for f in files {
        let at = uscc_at(f);
        for (r, row) in f.rows.iter().enumerate() {
            let u = uscc_key(row[at].as_deref());
            let key = address
                .get(&u)
                .map_or(format!("u:{u}"), |a| format!("a:{a}"));
            let (texts, numbers) = &mut parts[partition_of(&key, n)];
            texts[0].append_value(f.kind.code());
            texts[1].append_null();
            numbers.append_value(r as i64 + 1);
            for (c, name) in columns.iter().enumerate().skip(2) {
                let cell = f
                    .headers
                    .iter()
                    .position(|h| h == name)
                    .and_then(|i| row[i].as_deref());
                texts[c].append_option(cell);
            }
        }
    }
    let schema = Arc::new(Schema::new(
        columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let t = if i == 1 {
                    DataType::Int64
                } else {
                    DataType::Utf8
                };
                Field::new(c, t, true)
            })
            .collect::<Vec<_>>(),
    ));
    parts
        .into_iter()
        .map(|(mut texts, mut numbers)| {
            let mut arrays: Vec<ArrayRef> = texts
                .iter_mut()
                .map(|b| Arc::new(b.finish()) as ArrayRef)
                .collect();
            arrays[1] = Arc::new(numbers.finish());
            RecordBatch::try_new(schema.clone(), arrays).unwrap()
        })
        .collect()
}

/// The cells of a batch as text (dates as `YYYY-MM-DD`), row by row; nulls as `None`.
fn cells(b: &RecordBatch) -> Vec<Vec<Option<String>>> {
    let options = FormatOptions::default();
    let f: Vec<_> = b
        .columns()
        .iter()
        .map(|c| ArrayFormatter::try_new(c.as_ref(), &options).unwrap())
        .collect();
    (0..b.num_rows())
        .map(|i| {
            b.columns()
                .iter()
                .zip(&f)
                .map(|(c, f)| (!c.is_null(i)).then(|| f.value(i).to_string()))
                .collect()
        })
        .collect()
}

/// The rows of result batches as text, sorted by USCC.
fn sorted_rows(batches: &[RecordBatch]) -> Vec<Vec<Option<String>>> {
    let mut rows: Vec<_> = batches.iter().flat_map(cells).collect();
    rows.sort();
    rows
}

/// Writes into the district what real exports hold: a USCC in lower case between spaces
/// (accepted, and scored with its enterprise), an impossible date and a bad check digit
/// (rejected), a repeated inspection (a duplicate).
fn dirty(csv: &std::path::Path) {
    let edit = |file: &str, f: &dyn Fn(&mut Vec<String>)| {
        let p = csv.join(file);
        let text = std::fs::read_to_string(&p).unwrap();
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        f(&mut lines);
        std::fs::write(&p, lines.join("\n") + "\n").unwrap();
    };
    edit("penalty.csv", &|l| {
        let mut cells: Vec<String> = l[1].split(',').map(String::from).collect();
        cells[0] = format!(" {} ", cells[0].to_ascii_lowercase());
        l[1] = cells.join(",");
        let mut cells: Vec<String> = l[2].split(',').map(String::from).collect();
        cells[2] = "2026-02-30".into();
        l[2] = cells.join(",");
    });
    edit("inspection.csv", &|l| l.push(l[1].clone()));
    edit("registration.csv", &|l| {
        let mut cells: Vec<String> = l[1].split(',').map(String::from).collect();
        let mut code = cells[0].clone();
        let last = if code.ends_with('X') { "Y" } else { "X" };
        code.replace_range(17.., last);
        cells[0] = code;
        cells[1] = "校验码错误的企业".into();
        l.push(cells.join(","));
    });
}

/// Fails at the first row that differs (not printing thousands of rows).
fn same_rows(a: &[Vec<Option<String>>], b: &[Vec<Option<String>>]) {
    for (x, y) in a.iter().zip(b) {
        assert_eq!(x, y, "the first row that differs");
    }
    assert_eq!(a.len(), b.len());
}

fn ok(b: RecordBatch) -> Result<RecordBatch, ArrowError> {
    Ok(b)
}

#[test]
fn partitions_of_the_district_score_and_draw_as_the_whole_district_does() {
    let dir = district_with("partition-district", 3000, dirty);
    let csvs: Vec<_> = files(&dir.join("csv"), "csv")
        .into_iter()
        .filter(|p| !p.ends_with("inspector.csv") && !p.ends_with("item.csv"))
        .collect();
    let parquets = files(&dir.join("parquet"), "parquet");
    assert_eq!(csvs.len(), parquets.len());

    // The whole district, as the CLI scores and draws it.
    let (mut ws, reports) = load(&csvs);
    ws.score(d(AS_OF), &mut NoProgress).unwrap();
    let whole = ws.results_batch().unwrap();
    let seed = "2026年第四季度双随机抽查";
    let cli_draw = ws.draw(seed, None).unwrap().draw.clone();
    let cli_csv = ws.draw_csv().unwrap();
    let count = |kind: RecordKind, f: fn(&credit_supervision::ingest::FileReport) -> u64| {
        reports
            .iter()
            .filter(|r| r.kind == kind)
            .map(f)
            .sum::<u64>()
    };
    assert_eq!(count(RecordKind::Penalty, |r| r.rejected), 1);
    assert_eq!(count(RecordKind::Registration, |r| r.rejected), 1);
    assert!(count(RecordKind::Inspection, |r| r.duplicates) >= 1);

    // The same records in 5 partitions.
    let rows: Vec<Rows> = parquets.iter().map(|p| read_rows(p)).collect();
    let policy = ValidPolicy::default_checked();
    let tables = long_tables(&rows, 5);
    assert!(tables.iter().all(|t| t.num_rows() > 0));
    let parts: Vec<_> = tables
        .into_iter()
        .map(|t| score_partition([ok(t)], &policy, d(AS_OF)).unwrap())
        .collect();
    let results: Vec<RecordBatch> = parts.iter().map(|p| p.results.clone()).collect();
    assert_eq!(
        results.iter().map(RecordBatch::num_rows).sum::<usize>(),
        whole.num_rows()
    );
    same_rows(
        &sorted_rows(&results),
        &sorted_rows(std::slice::from_ref(&whole)),
    );

    // The row accounting adds up to the files'.
    let mut counted: BTreeMap<RecordKind, [u64; 5]> = BTreeMap::new();
    for p in &parts {
        for r in &p.reports {
            assert!(r.balanced(), "{}: not every row accounted for", r.file);
            let c = counted.entry(r.kind).or_default();
            for (x, y) in
                c.iter_mut()
                    .zip([r.rows_read, r.accepted, r.duplicates, r.rejected, r.skipped])
            {
                *x += y;
            }
        }
        let rejected_rows = p.reports.iter().map(|r| r.rejected).sum::<u64>() as usize;
        let listed = (0..p.report.num_rows())
            .filter(|&i| {
                p.report
                    .column(1)
                    .as_any()
                    .downcast_ref::<arrow_array::StringArray>()
                    .unwrap()
                    .value(i)
                    == "rejected"
            })
            .count();
        assert_eq!(
            listed, rejected_rows,
            "every rejected row listed in the report batch"
        );
    }
    for r in &reports {
        assert_eq!(
            counted[&r.kind],
            [r.rows_read, r.accepted, r.duplicates, r.rejected, r.skipped],
            "{}",
            r.file
        );
    }

    // The draw from the partitions' results alone.
    let dd = draw_results(&results, &policy, d(AS_OF), seed, None).unwrap();
    assert_eq!(dd.draw.records_digest, cli_draw.records_digest);
    assert_eq!(dd.draw.digest, cli_draw.digest);
    assert_eq!(dd.draw.per_class, cli_draw.per_class);
    assert_eq!(dd.csv(&results).unwrap(), cli_csv);
    // Another seed draws another list.
    let other = draw_results(&results, &policy, d(AS_OF), "another seed", None).unwrap();
    assert_ne!(other.usccs, dd.usccs);
}

#[test]
fn a_rejected_row_is_named_by_its_row_in_the_source_table() {
    let reg = registrations(&[(1, "2020-01-01", "存续", "A路1号")]);
    let mut lines = reg.lines();
    let headers: Vec<&str> = lines.next().unwrap().split(',').collect();
    let good: Vec<&str> = lines.next().unwrap().split(',').collect();
    let mut bad = good.clone();
    bad[3] = "2020-13-45";
    let mut columns: Vec<StringBuilder> = (0..headers.len() + 1)
        .map(|_| StringBuilder::new())
        .collect();
    let mut rows = Int64Builder::new();
    for (n, cells) in [(7, &good), (9, &bad)] {
        columns[0].append_value("registration");
        for (c, v) in cells.iter().enumerate() {
            columns[c + 1].append_value(v);
        }
        rows.append_value(n);
    }
    let mut fields = vec![Field::new(KIND_COLUMN, DataType::Utf8, false)];
    fields.extend(headers.iter().map(|h| Field::new(*h, DataType::Utf8, true)));
    fields.push(Field::new(ROW_COLUMN, DataType::Int64, false));
    let mut arrays: Vec<ArrayRef> = columns
        .iter_mut()
        .map(|b| Arc::new(b.finish()) as ArrayRef)
        .collect();
    arrays.push(Arc::new(rows.finish()));
    let batch = RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays).unwrap();
    let policy = ValidPolicy::default_checked();
    let p = score_partition([ok(batch.clone())], &policy, d(AS_OF)).unwrap();
    let r = &p.reports[0];
    assert_eq!((r.rows_read, r.accepted, r.rejected), (2, 1, 1));
    assert_eq!(r.errors[0].line, 9);
    assert_eq!(r.errors[0].column, "established");
    assert_eq!(r.errors[0].value, "2020-13-45");
    assert_eq!(p.results.num_rows(), 1);

    // A kind that is not one, and a table without kinds, are refused.
    let mut wrong = batch.columns().to_vec();
    wrong[0] = Arc::new(arrow_array::StringArray::from(vec![
        "registration",
        "penalties",
    ]));
    let wrong = RecordBatch::try_new(batch.schema(), wrong).unwrap();
    let e = score_partition([ok(wrong)], &policy, d(AS_OF)).unwrap_err();
    assert!(matches!(e, PartitionError::File(_)), "{e}");
    assert!(
        e.to_string().contains("row 9") && e.to_string().contains("penalties"),
        "{e}"
    );
    let no_kind = batch
        .project(&(1..batch.num_columns()).collect::<Vec<_>>())
        .unwrap();
    let e = score_partition([ok(no_kind)], &policy, d(AS_OF)).unwrap_err();
    assert!(e.to_string().contains("no `kind` column"), "{e}");
}

/// The rows of a CSV file without quoted cells (the generated roster and item list).
fn csv_rows(path: &std::path::Path) -> Rows {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let headers: Vec<String> = lines.next().unwrap().split(',').map(String::from).collect();
    let rows = lines
        .map(|l| {
            l.split(',')
                .map(|c| (!c.is_empty()).then(|| c.to_string()))
                .collect()
        })
        .collect();
    Rows {
        kind: RecordKind::parse(path.file_stem().unwrap().to_str().unwrap()).unwrap(),
        headers,
        rows,
    }
}

/// Conflicts of interest in the roster: the first inspector with the first enterprise (by
/// USCC), the second with the second (by name), each of the first twenty with one more.
fn conflicts(csv: &std::path::Path) {
    let regs = std::fs::read_to_string(csv.join("registration.csv")).unwrap();
    let ents: Vec<Vec<String>> = regs
        .lines()
        .skip(1)
        .take(40)
        .map(|l| l.split(',').map(String::from).collect())
        .collect();
    let p = csv.join("inspector.csv");
    let text = std::fs::read_to_string(&p).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    for (i, line) in lines.iter_mut().enumerate().skip(1).take(20) {
        let mut cells: Vec<String> = line.split(',').map(String::from).collect();
        // By USCC for odd lines, by name for even ones.
        cells[5] = if i % 2 == 1 {
            ents[i][0].clone()
        } else {
            ents[i][1].clone()
        };
        *line = cells.join(",");
    }
    std::fs::write(&p, lines.join("\n") + "\n").unwrap();
}

/// The roster and item list as one long table (the kind, then every header as text).
fn roster_table(files: &[Rows]) -> RecordBatch {
    let mut columns: Vec<String> = vec![KIND_COLUMN.into()];
    for f in files {
        for h in &f.headers {
            if !columns.contains(h) {
                columns.push(h.clone());
            }
        }
    }
    let mut texts: Vec<StringBuilder> = columns.iter().map(|_| StringBuilder::new()).collect();
    for f in files {
        for row in &f.rows {
            texts[0].append_value(f.kind.code());
            for (c, name) in columns.iter().enumerate().skip(1) {
                let cell = f
                    .headers
                    .iter()
                    .position(|h| h == name)
                    .and_then(|i| row[i].as_deref());
                texts[c].append_option(cell);
            }
        }
    }
    let schema = Schema::new(
        columns
            .iter()
            .map(|c| Field::new(c, DataType::Utf8, true))
            .collect::<Vec<_>>(),
    );
    let arrays: Vec<ArrayRef> = texts
        .iter_mut()
        .map(|b| Arc::new(b.finish()) as ArrayRef)
        .collect();
    RecordBatch::try_new(Arc::new(schema), arrays).unwrap()
}

#[test]
fn the_plan_made_on_a_driver_from_the_partitions_is_the_clis_plan() {
    let dir = district_with("partition-plan", 3000, |csv| {
        dirty(csv);
        conflicts(csv);
    });
    let csvs = files(&dir.join("csv"), "csv");
    let parquets = files(&dir.join("parquet"), "parquet");

    // The whole district with its roster, as the CLI plans it; a referral of an enterprise
    // of the district, and one of an enterprise nobody registered.
    let (mut ws, _) = load(&csvs);
    ws.score(d(AS_OF), &mut NoProgress).unwrap();
    let whole = ws.results_batch().unwrap();
    let referred = cells(&whole)[7][0].clone().unwrap();
    let referrals = vec![referred.clone(), uscc(29_999)];
    let seed = "2027年度双随机抽查计划";
    let start = d("2027-01-01");
    let summary = ws
        .plan(seed, Some(start), &referrals)
        .unwrap()
        .summary
        .clone();
    let cli_json = serde_json::to_string_pretty(&ws.plan_doc().unwrap()).unwrap();
    // The plan is not a trivial one: draws, triggers, teams, the unknown referral.
    assert!(
        summary.drawn > 100 && summary.visits > summary.drawn,
        "{summary:?}"
    );
    assert!(
        summary.triggers.contains_key("referral"),
        "{:?}",
        summary.triggers
    );
    assert!(summary.triggers.len() >= 2, "{:?}", summary.triggers);
    assert!(summary.inspectors > 0 && !summary.default_items);
    assert_eq!(summary.unknown_referrals, vec![uscc(29_999)]);

    // The same records in 5 partitions, each given the roster and item list.
    let policy = ValidPolicy::default_checked();
    let roster_rows: Vec<Rows> = ["inspector.csv", "item.csv"]
        .map(|f| csv_rows(&dir.join("csv").join(f)))
        .into();
    let roster = vec![roster_table(&roster_rows)];
    let rows: Vec<Rows> = parquets.iter().map(|p| read_rows(p)).collect();
    let for_plan = ForPlan {
        cycle_start: start,
        roster: &roster,
    };
    let results: Vec<RecordBatch> = long_tables(&rows, 5)
        .into_iter()
        .map(|t| {
            score_partition_for([ok(t)], &policy, d(AS_OF), Some(for_plan))
                .unwrap()
                .results
        })
        .collect();
    // The facts carry the roster's conflicts of interest (by USCC and by name).
    let with_conflicts: usize = results
        .iter()
        .map(|b| {
            let c = b
                .column_by_name("plan_conflicts")
                .unwrap()
                .as_any()
                .downcast_ref::<arrow_array::ListArray>()
                .unwrap();
            (0..c.len())
                .filter(|&i| c.is_valid(i) && !c.value(i).is_empty())
                .count()
        })
        .sum();
    assert!(
        with_conflicts >= 3,
        "{with_conflicts} enterprises with a conflict"
    );
    let driver = plan_results(
        &results,
        &roster,
        &policy,
        d(AS_OF),
        seed,
        Some(start),
        &referrals,
    )
    .unwrap();
    assert!(driver
        .roster_reports
        .iter()
        .all(|r| r.balanced() && r.rejected == 0));
    assert_eq!(driver.json(), cli_json);
    assert_eq!(driver.plan.digest, ws.plan_doc().unwrap().digest);

    // Another seed, another plan; facts worked out for another cycle are refused.
    let other = plan_results(
        &results,
        &roster,
        &policy,
        d(AS_OF),
        "another",
        Some(start),
        &[],
    )
    .unwrap();
    assert_ne!(other.plan.digest, driver.plan.digest);
    let e = plan_results(
        &results,
        &roster,
        &policy,
        d(AS_OF),
        seed,
        Some(d("2027-04-01")),
        &[],
    )
    .unwrap_err();
    assert!(
        e.to_string().contains("plan_start") && e.to_string().contains("2027-04-01"),
        "{e}"
    );
    // An enterprise given twice (in two partitions) is refused.
    let twice = [results[0].clone(), results[0].clone()];
    let e = plan_results(&twice, &roster, &policy, d(AS_OF), seed, Some(start), &[]).unwrap_err();
    assert!(e.to_string().contains("given twice"), "{e}");
}
