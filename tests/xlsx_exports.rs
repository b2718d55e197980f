//! The XLSX exports beside the CSV ones (results, draw, rejected rows, audit trail), read back
//! with calamine: the same rows and values as the CSV, headers in either language, the USCC a
//! text cell of 18 characters, dates date cells, scores numbers; the header row frozen and
//! the columns sized (sheet1.xml); the creation date the as-of date, and the same bytes twice.
//! tests/wasm_api.rs asserts the demo's results workbook has the same bytes in wasm.

use calamine::{open_workbook_from_rs, Data, Range, Reader, Xlsx};
use credit_supervision::audit::Action;
use credit_supervision::date::parse_date;
use credit_supervision::policy::Class;
use credit_supervision::progress::NoProgress;
use credit_supervision::records::RecordKind;
use credit_supervision::seed::hex;
use credit_supervision::sheet::Lang;
use credit_supervision::synth::{generate_csv, SynthParams};
use credit_supervision::text::formula_safe;
use credit_supervision::workspace::Workspace;
use sha2::{Digest, Sha256};
use std::io::{Cursor, Read};

const AS_OF: &str = "2026-11-28";

/// The golden demo (as tests/determinism.rs makes it), scored and drawn.
fn demo() -> Workspace {
    let as_of = parse_date(AS_OF).unwrap();
    let mut ws = Workspace::new();
    ws.generate_demo(3000, "golden", as_of, &mut NoProgress)
        .unwrap();
    ws.score(as_of, &mut NoProgress).unwrap();
    ws.draw("golden-draw", None).unwrap();
    ws
}

/// The demo with a registration file of a few bad rows loaded too (report `index`), and an
/// audit trail of class adjustments; scored and drawn.
fn worked() -> (Workspace, usize) {
    let as_of = parse_date(AS_OF).unwrap();
    let mut ws = Workspace::new();
    ws.generate_demo(3000, "golden", as_of, &mut NoProgress)
        .unwrap();
    let params = SynthParams {
        enterprises: 4,
        seed: "bad rows".into(),
        as_of,
    };
    let good = generate_csv(&params, RecordKind::Registration, &mut NoProgress).unwrap();
    let text = String::from_utf8(good).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // Row 2: a USCC of 5 characters and a formula-like name; row 3: a USCC with a bad check
    // character.
    let fields: Vec<String> = lines[1].split(',').map(str::to_string).collect();
    let uscc = fields
        .iter()
        .position(|f| f.len() == 18)
        .expect("a USCC field");
    let name = (0..fields.len())
        .find(|&i| i != uscc && !fields[i].is_empty() && !fields[i].is_ascii())
        .expect("a name field");
    let mut bad = fields.clone();
    bad[uscc] = "12345".into();
    bad[name] = "=HYPERLINK(\"x\")".into();
    lines[1] = bad.join(",");
    let mut bad2: Vec<String> = lines[2].split(',').map(str::to_string).collect();
    let mut u: Vec<char> = bad2[uscc].chars().collect();
    u[17] = if u[17] == '0' { '1' } else { '0' };
    bad2[uscc] = u.into_iter().collect();
    lines[2] = bad2.join(",");
    let file = lines.join("\r\n") + "\r\n";
    ws.load_csv(
        "bad_registration.csv",
        file.as_bytes(),
        None,
        &mut NoProgress,
    )
    .unwrap();
    let index = ws.reports().len() - 1;
    assert!(
        ws.reports()[index].rejected >= 1,
        "{:?}",
        ws.reports()[index]
    );
    ws.score(as_of, &mut NoProgress).unwrap();
    let first = ws.rows(&[0]).unwrap()[0].uscc.clone();
    let second = ws.rows(&[1]).unwrap()[0].uscc.clone();
    ws.adjust_class(&first, Some(Class::D), "=张三", "'现场核实", as_of, "")
        .unwrap();
    ws.adjust_class(
        &second,
        Some(Class::B),
        "李四",
        "复核",
        as_of,
        "2026-11-28T09:00",
    )
    .unwrap();
    ws.adjust_class(&second, None, "李四", "撤回", as_of, "")
        .unwrap();
    ws.draw("golden-draw", None).unwrap();
    (ws, index)
}

fn book(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("a workbook calamine reads")
}

fn sheet(bytes: &[u8], n: usize) -> (String, Range<Data>) {
    let mut wb = book(bytes);
    let name = wb.sheet_names()[n].clone();
    let r = wb.worksheet_range(&name).unwrap();
    (name, r)
}

/// The CSV's records (BOM off), header first.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap();
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn rows(r: &Range<Data>) -> Vec<Vec<Data>> {
    r.rows().map(|row| row.to_vec()).collect()
}

fn string(d: &Data) -> &str {
    match d {
        Data::String(s) => s,
        other => panic!("{other:?} is not a text cell"),
    }
}

fn ymd(d: &Data) -> String {
    match d {
        Data::DateTime(x) => {
            assert!(x.is_datetime(), "{x:?}");
            let (y, m, dd, ..) = x.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{dd:02}")
        }
        other => panic!("{other:?} is not a date cell"),
    }
}

fn number(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("{other:?} is not a number cell"),
    }
}

/// The cell as the CSV writes it: texts formula-safe, numbers with `places`.
fn as_csv(d: &Data, places: Option<usize>) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => formula_safe(s).into_owned(),
        Data::DateTime(_) => ymd(d),
        Data::Float(_) | Data::Int(_) => {
            let dp = places.unwrap_or(0);
            format!("{:.dp$}", number(d))
        }
        other => panic!("unexpected cell {other:?}"),
    }
}

fn header(r: &Range<Data>) -> Vec<String> {
    rows(r)[0].iter().map(|d| string(d).to_string()).collect()
}

/// A part of the workbook's zip, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The header row is frozen, every column has a set width, the creation date is `created`.
fn layout(bytes: &[u8], sheet_xml: &str, columns: usize, created: &str) {
    let x = part(bytes, sheet_xml);
    assert!(
        x.contains("ySplit=\"1\"") && x.contains("state=\"frozen\""),
        "{sheet_xml}: no frozen header row"
    );
    let cols = x.matches("<col ").count();
    assert!(cols >= 1 && cols <= columns, "{sheet_xml}: {cols} <col>");
    let widths: usize = x
        .split("<col ")
        .skip(1)
        .map(|c| {
            assert!(c.contains("customWidth=\"1\""), "{c}");
            let min: usize = attr(c, "min").parse().unwrap();
            let max: usize = attr(c, "max").parse().unwrap();
            let w: f64 = attr(c, "width").parse().unwrap();
            assert!(w >= 8.0, "{c}");
            max - min + 1
        })
        .sum();
    assert_eq!(widths, columns, "{sheet_xml}: widths of every column");
    let core = part(bytes, "docProps/core.xml");
    assert!(
        core.contains(&format!(">{created}T00:00:00Z<")),
        "creation date: {core}"
    );
}

fn attr<'a>(tag: &'a str, name: &str) -> &'a str {
    let at = tag
        .find(&format!(" {name}=\""))
        .map(|i| i + 1)
        .unwrap_or_else(|| {
            assert!(tag.starts_with(&format!("{name}=\"")), "{name} in {tag}");
            0
        });
    let rest = &tag[at + name.len() + 2..];
    &rest[..rest.find('"').unwrap()]
}

#[test]
fn results_workbook_holds_the_csv_rows_typed() {
    let ws = demo();
    let csv = csv_rows(&ws.results_csv().unwrap());
    let x = ws.results_xlsx(Lang::Zh).unwrap();
    assert_eq!(&x[..2], b"PK");
    let (name, r) = sheet(&x, 0);
    assert_eq!(name, "评价结果");
    let xs = rows(&r);
    assert_eq!(xs.len(), csv.len(), "same rows, header included");
    assert_eq!(header(&r), csv[0]);
    assert_eq!(xs.len(), 3001);
    let mut digits_first = 0;
    for (x, c) in xs.iter().zip(&csv).skip(1) {
        assert_eq!(x.len(), c.len());
        let uscc = string(&x[0]);
        assert_eq!(uscc.chars().count(), 18, "{uscc}");
        digits_first += usize::from(uscc.bytes().take(8).all(|b| b.is_ascii_digit()));
        assert!(matches!(x[5], Data::Float(_)), "score {:?}", x[5]);
        assert_eq!(ymd(&x[9]), AS_OF);
        for (k, (xv, cv)) in x.iter().zip(c).enumerate() {
            let got = match k {
                5 => format!("{:.2}", number(xv)),
                // The program's labels (class `-`) are written as they are in both.
                3 | 4 | 6 | 7 => match xv {
                    Data::Empty => String::new(),
                    _ => string(xv).to_string(),
                },
                _ => as_csv(xv, None),
            };
            assert_eq!(&got, cv, "column {k} of {uscc}");
        }
    }
    assert!(digits_first > 0, "USCCs beginning with digits stay text");
    layout(&x, "xl/worksheets/sheet1.xml", 10, AS_OF);
    assert_eq!(
        x,
        ws.results_xlsx(Lang::Zh).unwrap(),
        "the same bytes twice"
    );

    let en = ws.results_xlsx(Lang::En).unwrap();
    let (name, r) = sheet(&en, 0);
    assert_eq!(name, "results");
    assert_eq!(header(&r)[0], "USCC");
    assert_eq!(header(&r)[5], "score");
    assert_eq!(rows(&r).len(), 3001);
}

/// An all-digit USCC (the demo's have letters) is a text cell of 18 characters, not a number
/// Excel would round to 15 digits.
#[test]
fn an_all_digit_uscc_stays_text() {
    let reg = "统一社会信用代码,企业名称,市场主体类型,成立日期,登记状态,所属区域,住所\n\
               914403001922038216,甲公司,公司,2010-05-01,存续,吴家山街道,一号\n";
    let mut ws = Workspace::new();
    ws.load_csv("reg.csv", reg.as_bytes(), None, &mut NoProgress)
        .unwrap();
    ws.score(parse_date(AS_OF).unwrap(), &mut NoProgress)
        .unwrap();
    let (_, r) = sheet(&ws.results_xlsx(Lang::Zh).unwrap(), 0);
    assert_eq!(rows(&r)[1][0], Data::String("914403001922038216".into()));
}

#[test]
fn draw_workbook_holds_the_list_and_what_the_draw_binds() {
    let ws = demo();
    let csv = csv_rows(&ws.draw_csv().unwrap());
    let blank = csv.iter().position(|r| r.len() == 1 && r[0].is_empty());
    let list_end = blank.unwrap_or_else(|| csv.iter().position(|r| r[0].starts_with('#')).unwrap());
    let audit: Vec<&Vec<String>> = csv.iter().filter(|r| r[0].starts_with("# ")).collect();
    let x = ws.draw_xlsx(Lang::Zh).unwrap();
    let (name, r) = sheet(&x, 0);
    assert_eq!(name, "抽查名单");
    let xs = rows(&r);
    assert_eq!(header(&r), csv[0]);
    assert_eq!(xs.len(), list_end, "same rows as the CSV's list");
    assert!(xs.len() > 10);
    for (x, c) in xs.iter().zip(&csv).skip(1) {
        assert_eq!(format!("{}", number(&x[0])), c[0]);
        assert_eq!(string(&x[1]).chars().count(), 18);
        assert_eq!(as_csv(&x[1], None), c[1]);
        assert_eq!(as_csv(&x[2], None), c[2]);
        assert_eq!(as_csv(&x[3], None), c[3]);
        assert_eq!(string(&x[4]), c[4]);
        assert_eq!(format!("{:.2}", number(&x[5])), c[5]);
    }
    layout(&x, "xl/worksheets/sheet1.xml", 6, AS_OF);
    // What the draw binds: the CSV's audit lines, one a row.
    let (name, r) = sheet(&x, 1);
    assert_eq!(name, "抽查校验");
    let ps = rows(&r);
    assert_eq!(ps.len(), audit.len() + 1);
    for (p, a) in ps.iter().skip(1).zip(&audit) {
        assert!(a[0].starts_with(&format!("# {}", string(&p[0]))), "{a:?}");
        let v = match &p[1] {
            Data::DateTime(_) => ymd(&p[1]),
            Data::Float(f) => f.to_string(),
            other => as_csv(other, None),
        };
        assert_eq!(v, a[1]);
    }
    assert_eq!(ymd(&ps[2][1]), AS_OF);
    layout(&x, "xl/worksheets/sheet2.xml", 2, AS_OF);
    assert_eq!(x, ws.draw_xlsx(Lang::Zh).unwrap());
    let (name, r) = sheet(&ws.draw_xlsx(Lang::En).unwrap(), 1);
    assert_eq!(name, "provenance");
    assert_eq!(string(&rows(&r)[1][0]), "seed");
}

#[test]
fn rejected_rows_workbook_has_the_files_headers_and_the_rows_as_read() {
    let (ws, index) = worked();
    let report = &ws.reports()[index];
    let csv = csv_rows(&ws.rejected_csv(index).unwrap());
    let x = ws.rejected_xlsx(index, Lang::Zh).unwrap();
    let (name, r) = sheet(&x, 0);
    assert_eq!(name, "未导入的行");
    let xs = rows(&r);
    let h = header(&r);
    let n = report.headers.len();
    assert_eq!(h[..n], report.headers[..]);
    assert_eq!(h[n..], ["行号", "错误原因"]);
    assert_eq!(xs.len(), csv.len(), "same rows");
    assert_eq!(xs.len() as u64, report.rejected + 1);
    let mut formula = false;
    for (i, (x, c)) in xs.iter().zip(&csv).enumerate().skip(1) {
        let raw = report.rejected_row(i - 1).unwrap();
        for k in 0..n {
            let v = match &x[k] {
                Data::Empty => String::new(),
                d => string(d).to_string(),
            };
            assert_eq!(v, raw[k], "field {k} as read");
            // The CSV escapes it; the workbook holds it as read.
            assert_eq!(
                credit_supervision::ingest::rejected::escape_cell(&v),
                c[k].as_str()
            );
            formula |= v.starts_with('=');
        }
        let line = number(&x[n]) as u64;
        assert!(c[n].starts_with(&format!("第{line}行 ")), "{}", c[n]);
        assert!(
            c[n].ends_with(string(&x[n + 1])),
            "{} / {:?}",
            c[n],
            x[n + 1]
        );
    }
    assert!(formula, "a formula-like field kept as read");
    layout(&x, "xl/worksheets/sheet1.xml", n + 2, AS_OF);
    assert_eq!(x, ws.rejected_xlsx(index, Lang::Zh).unwrap());
    let (_, r) = sheet(&ws.rejected_xlsx(index, Lang::En).unwrap(), 0);
    assert_eq!(header(&r)[n..], ["line", "error"]);
    assert!(ws.rejected_xlsx(index + 1, Lang::Zh).is_err());
}

#[test]
fn audit_workbook_holds_the_trail_as_entered() {
    let (ws, _) = worked();
    let csv = csv_rows(&ws.audit_csv());
    let x = ws.audit_xlsx(Lang::Zh).unwrap();
    let (name, r) = sheet(&x, 0);
    assert_eq!(name, "审计记录");
    let xs = rows(&r);
    assert_eq!(header(&r), csv[0]);
    assert_eq!(xs.len(), csv.len());
    assert_eq!(xs.len(), 4);
    for (x, c) in xs.iter().zip(&csv).skip(1) {
        assert_eq!(format!("{}", number(&x[0])), c[0]);
        assert_eq!(ymd(&x[1]), c[1]);
        assert_eq!(string(&x[5]).chars().count(), 18);
        for k in 2..12 {
            let v = match &x[k] {
                Data::Empty => String::new(),
                d => string(d).to_string(),
            };
            // The CSV escapes what a person wrote (reversibly); the workbook holds it as is.
            assert_eq!(
                credit_supervision::text::formula_restore(&c[k]),
                v.as_str(),
                "column {k}"
            );
        }
    }
    assert_eq!(string(&xs[1][3]), "=张三");
    assert_eq!(string(&xs[1][11]), "'现场核实");
    layout(&x, "xl/worksheets/sheet1.xml", 12, AS_OF);
    assert_eq!(x, ws.audit_xlsx(Lang::Zh).unwrap());
    let (_, r) = sheet(&ws.audit_xlsx(Lang::En).unwrap(), 0);
    assert_eq!(header(&r)[0], "no.");
    assert_eq!(string(&rows(&r)[1][4]), Action::AdjustClass.en());
}

#[test]
fn csv_exports_did_not_move() {
    // The results and draw CSV are written through the shared table writer now: their bytes
    // are those tests/golden/demo-3000.sha256 holds (tests/determinism.rs); here the shapes.
    let ws = demo();
    let results = String::from_utf8(ws.results_csv().unwrap()).unwrap();
    assert!(results.starts_with(
        "\u{feff}统一社会信用代码,企业名称,所属区域,市场主体类型,登记状态,分数,风险分类,覆盖前分类,主要原因,评价基准日\r\n"
    ));
    let draw = String::from_utf8(ws.draw_csv().unwrap()).unwrap();
    assert!(draw.starts_with("\u{feff}序号,统一社会信用代码,企业名称,所属区域,风险分类,分数\r\n1,"));
    assert!(draw.contains("\r\n\r\n# 随机种子 seed,golden-draw\r\n"));
}

#[test]
fn an_empty_trail_and_no_scoring_still_give_workbooks() {
    let ws = Workspace::new();
    let x = ws.audit_xlsx(Lang::Zh).unwrap();
    let (_, r) = sheet(&x, 0);
    assert_eq!(rows(&r).len(), 1);
    layout(&x, "xl/worksheets/sheet1.xml", 12, "2000-01-01");
    assert_eq!(ws.results_xlsx(Lang::Zh).unwrap_err().code(), "state");
    assert_eq!(ws.draw_xlsx(Lang::Zh).unwrap_err().code(), "state");
}

/// The SHA-256 of the demo's results workbook (Chinese headers): tests/wasm_api.rs asserts the
/// same in wasm.
#[test]
fn demo_results_workbook_matches_the_golden_digest() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/results-xlsx-demo-3000.sha256"
    );
    let ws = demo();
    let got = hex(&Sha256::digest(ws.results_xlsx(Lang::Zh).unwrap()));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, format!("{got}\n")).unwrap();
    }
    let want = std::fs::read_to_string(path).expect("golden file (UPDATE_GOLDEN=1 to create)");
    assert_eq!(
        got,
        want.trim(),
        "the results workbook changed: if intended, run UPDATE_GOLDEN=1 cargo test"
    );
}
