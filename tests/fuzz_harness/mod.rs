//! The fuzz harness: one function per fuzz target, shared by the cargo-fuzz targets in `fuzz/`
//! (nightly; they `#[path]`-include this file) and by `tests/fuzz_regressions.rs` (stable),
//! which replays every saved input under `tests/fuzz-regressions/<target>/` through the same
//! function. Each function takes the fuzzer's bytes, must never panic, and asserts what must
//! hold whatever the input: every load report balances, a file read whole and in random
//! chunks gives the same report, an exported audit trail imports again, a date read back is
//! the same date.
#![allow(dead_code)]

use arbitrary::{Arbitrary, Unstructured};
use chrono::Datelike;
use credit_supervision::calendar::{months_after, Calendar, MAX_WORKING_DAYS};
use credit_supervision::date::{
    add_months, checked_add_months, format_date, parse_date, parse_date_checked, Date,
};
use credit_supervision::ingest::{load_file, FileReport, Format, LoadOptions};
use credit_supervision::policy::Policy;
use credit_supervision::progress::NoProgress;
use credit_supervision::records::RecordKind;
use credit_supervision::store::Store;
use credit_supervision::workspace::Workspace;
use std::io::Write;
use std::sync::OnceLock;

/// A target's harness function.
pub type Harness = fn(&[u8]);

/// Every target, by name (the name of its fuzz target and of its regression folder).
pub const TARGETS: &[(&str, Harness)] = &[
    ("csv", csv),
    ("xlsx", xlsx),
    ("xls", xls),
    ("ods", ods),
    ("json", json),
    ("audit", audit),
    ("policy", policy),
    ("calendar", calendar),
];

/// A small deterministic stream (SplitMix64) for chunk sizes and generated files.
pub struct Mix(pub u64);

impl Mix {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn kind_option(b: u8) -> Option<RecordKind> {
    let i = b as usize % (RecordKind::ALL.len() + 1);
    (i < RecordKind::ALL.len()).then(|| RecordKind::ALL[i])
}

/// What must be equal between two reports of the same bytes.
fn report_key(r: &FileReport) -> impl PartialEq + std::fmt::Debug + '_ {
    (
        r.kind,
        &r.encoding,
        &r.delimiter,
        r.has_header,
        &r.headers,
        (r.rows_read, r.accepted, r.duplicates, r.rejected),
        &r.rejected_by_reason,
        &r.rejected_by_column,
        r.errors
            .iter()
            .map(|e| (e.line, e.column.clone(), e.reason))
            .collect::<Vec<_>>(),
    )
}

fn assert_balanced(r: &FileReport) {
    assert!(
        r.balanced(),
        "unbalanced report: read {} accepted {} duplicates {} rejected {} (rows kept {}, by reason {:?})",
        r.rows_read,
        r.accepted,
        r.duplicates,
        r.rejected,
        r.rejected_rows.len(),
        r.rejected_by_reason
    );
    assert!(r.errors.len() as u64 <= r.rejected);
}

/// Delimited text: byte 0 chooses the kind (or detection) and the error limit, byte 1 seeds
/// the chunk sizes; the rest is the file. Loaded whole (`load_file`) and in random chunks
/// (`begin_file` + `push_chunk` + `finish_file`): both balance and agree.
pub fn csv(data: &[u8]) {
    if data.len() < 2 {
        return;
    }
    let (head, bytes) = data.split_at(2);
    let options = LoadOptions {
        kind: kind_option(head[0]),
        format: Some(Format::Csv),
        max_errors: (head[0] & 0x80 != 0).then_some(2),
        ..LoadOptions::default()
    };
    let mut store = Store::new();
    let whole = load_file(&mut store, "fuzz.csv", bytes, &options, &mut NoProgress);
    if let Ok(reports) = &whole {
        assert_eq!(reports.len(), 1);
        assert_balanced(&reports[0]);
        let _ = reports[0].rejected_csv();
    }

    let mut ws = Workspace::new();
    ws.begin_file("fuzz.csv", options);
    let mut mix = Mix(u64::from(head[1]));
    let mut rest = bytes;
    let mut pushed = Ok(());
    while !rest.is_empty() {
        let n = match mix.below(4) {
            0 => 1,
            1 => 1 + mix.below(8),
            _ => 1 + mix.below(rest.len() as u64),
        } as usize;
        let (chunk, tail) = rest.split_at(n.min(rest.len()));
        rest = tail;
        if let Err(e) = ws.push_chunk(chunk) {
            pushed = Err(e);
            break;
        }
    }
    let chunked = pushed.and_then(|()| ws.finish_file());
    match (&whole, &chunked) {
        (Ok(w), Ok(c)) => {
            assert_balanced(c);
            assert_eq!(report_key(&w[0]), report_key(c), "whole vs chunked");
        }
        (Err(w), Err(c)) => assert_eq!(w.to_string(), c.to_string(), "whole vs chunked"),
        (w, c) => panic!(
            "whole and chunked disagree: whole {:?}, chunked {:?}",
            w.as_ref()
                .map(|r| report_key(&r[0]))
                .map_err(|e| e.to_string()),
            c.as_ref().map(report_key).map_err(|e| e.to_string()),
        ),
    }
}

/// JSON (an array of objects or JSON lines): byte 0 chooses the kind; the rest is the file.
pub fn json(data: &[u8]) {
    let Some((&k, bytes)) = data.split_first() else {
        return;
    };
    let options = LoadOptions {
        kind: kind_option(k),
        format: Some(Format::Json),
        max_errors: (k & 0x80 != 0).then_some(2),
        ..LoadOptions::default()
    };
    let mut store = Store::new();
    if let Ok(reports) = load_file(&mut store, "fuzz.json", bytes, &options, &mut NoProgress) {
        for r in &reports {
            assert_balanced(r);
            let _ = r.rejected_csv();
        }
    }
}

// ---------------------------------------------------------------------------------------
// XLSX: a structure-aware generator. The fuzzer's bytes become a small workbook (sheets with
// random cells at random positions, row numbers, dimensions, shared strings and their declared
// counts, a date style), zipped with the `zip` crate.

/// A cell's text drawn from values the loader knows, or any text.
#[derive(Debug, Arbitrary)]
enum Text {
    Header(u8),
    Uscc(u8),
    Date(u8),
    Number(u8),
    Any(String),
}

const HEADERS: &[&str] = &[
    "统一社会信用代码",
    "企业名称",
    "成立日期",
    "uscc",
    "name",
    "established",
    "decision_no",
    "decision_date",
    "penalty_kinds",
    "fine",
    "year",
    "filed",
    "task_id",
    "inspection_date",
    "result",
    "complaint_date",
    "list",
    "listed_date",
    "错误原因 error",
];
const USCCS: &[&str] = &[
    "914403001922038216",
    "91330100716105852F",
    "92420112MA4K000015",
    "914403001922038217",
    "",
];
const DATES: &[&str] = &[
    "2024-03-01",
    "2023/1/5",
    "20230105",
    "2023年1月5日",
    "0000-01-01",
    "9999-12-31",
    "45000",
];
const NUMBERS: &[&str] = &["0", "-1", "1e308", "60000", "1,000万元", "NaN", "２０２３"];

impl Text {
    fn render(&self) -> String {
        let pick = |list: &[&str], i: u8| list[i as usize % list.len()].to_string();
        match self {
            Text::Header(i) => pick(HEADERS, *i),
            Text::Uscc(i) => pick(USCCS, *i),
            Text::Date(i) => pick(DATES, *i),
            Text::Number(i) => pick(NUMBERS, *i),
            Text::Any(s) => s.chars().take(40).collect(),
        }
    }
}

#[derive(Debug, Arbitrary)]
enum Cell {
    Inline(Text),
    Str(Text),
    Shared(u32),
    Number(f64),
    DateNumber(f64),
    Bool(bool),
    Error,
    Empty,
    Raw(String),
}

#[derive(Debug, Arbitrary)]
struct XCell {
    /// Column (0-based; any value, also past XFD).
    col: Option<u32>,
    /// A reference of its own, or none (the reader then counts).
    no_ref: bool,
    cell: Cell,
}

#[derive(Debug, Arbitrary)]
struct XRow {
    /// Row number as written (1-based; any value, also 0 or past 1048576), or none.
    r: Option<u32>,
    cells: Vec<XCell>,
}

#[derive(Debug, Arbitrary)]
struct XSheet {
    name: Text,
    dimension: Option<(u32, u32, u32, u32)>,
    rows: Vec<XRow>,
}

#[derive(Debug, Arbitrary)]
struct XShared {
    count: Option<u32>,
    unique_count: Option<u32>,
    strings: Vec<Text>,
}

#[derive(Debug, Arbitrary)]
struct XBook {
    sheets: Vec<XSheet>,
    shared: Option<XShared>,
    styles: bool,
    deflate: bool,
    choose_sheet: Option<u8>,
    kind: u8,
    small_limits: bool,
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 cannot hold.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn col_name(mut col: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

fn cell_xml(out: &mut String, row: u32, c: &XCell) {
    let r = match (c.no_ref, c.col) {
        (false, Some(col)) => format!(r#" r="{}{row}""#, col_name(col)),
        _ => String::new(),
    };
    match &c.cell {
        Cell::Inline(t) => out.push_str(&format!(
            r#"<c{r} t="inlineStr"><is><t>{}</t></is></c>"#,
            escape(&t.render())
        )),
        Cell::Str(t) => out.push_str(&format!(
            r#"<c{r} t="str"><v>{}</v></c>"#,
            escape(&t.render())
        )),
        Cell::Shared(i) => out.push_str(&format!(r#"<c{r} t="s"><v>{i}</v></c>"#)),
        Cell::Number(f) => out.push_str(&format!(r#"<c{r}><v>{f}</v></c>"#)),
        Cell::DateNumber(f) => out.push_str(&format!(r#"<c{r} s="1"><v>{f}</v></c>"#)),
        Cell::Bool(b) => out.push_str(&format!(r#"<c{r} t="b"><v>{}</v></c>"#, u8::from(*b))),
        Cell::Error => out.push_str(&format!(r#"<c{r} t="e"><v>#N/A</v></c>"#)),
        Cell::Empty => out.push_str(&format!(r#"<c{r}/>"#)),
        Cell::Raw(s) => out.push_str(&format!(r#"<c{r}><v>{}</v></c>"#, escape(s))),
    }
}

const MAX_SHEETS: usize = 4;
const MAX_ROWS: usize = 64;
const MAX_CELLS: usize = 24;

fn sheet_xml(s: &XSheet) -> String {
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    );
    if let Some((c0, r0, c1, r1)) = s.dimension {
        out.push_str(&format!(
            r#"<dimension ref="{}{}:{}{}"/>"#,
            col_name(c0),
            r0,
            col_name(c1),
            r1
        ));
    }
    out.push_str("<sheetData>");
    for (i, row) in s.rows.iter().take(MAX_ROWS).enumerate() {
        let n = row.r.unwrap_or(i as u32 + 1);
        match row.r {
            Some(r) => out.push_str(&format!(r#"<row r="{r}">"#)),
            None => out.push_str("<row>"),
        }
        for c in row.cells.iter().take(MAX_CELLS) {
            cell_xml(&mut out, n, c);
        }
        out.push_str("</row>");
    }
    out.push_str("</sheetData></worksheet>");
    out
}

fn book_bytes(b: &XBook) -> Vec<u8> {
    let sheets = &b.sheets[..b.sheets.len().min(MAX_SHEETS)];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let method = if b.deflate {
        zip::CompressionMethod::Deflated
    } else {
        zip::CompressionMethod::Stored
    };
    let opts = zip::write::SimpleFileOptions::default().compression_method(method);
    let mut part = |name: &str, body: &[u8]| {
        zip.start_file(name, opts).unwrap();
        zip.write_all(body).unwrap();
    };
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    );
    let mut names = Vec::new();
    let mut book = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (i, s) in sheets.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        let name = escape(&s.name.render());
        book.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#
        ));
        names.push(name);
        rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
    }
    book.push_str("</sheets></workbook>");
    rels.push_str(r#"<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#);
    types.push_str("</Types>");
    part("[Content_Types].xml", types.as_bytes());
    part(
        "_rels/.rels",
        br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    part("xl/workbook.xml", book.as_bytes());
    part("xl/_rels/workbook.xml.rels", rels.as_bytes());
    for (i, s) in sheets.iter().enumerate() {
        part(
            &format!("xl/worksheets/sheet{}.xml", i + 1),
            sheet_xml(s).as_bytes(),
        );
    }
    if let Some(sh) = &b.shared {
        let mut x = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#,
        );
        if let Some(c) = sh.count {
            x.push_str(&format!(r#" count="{c}""#));
        }
        if let Some(c) = sh.unique_count {
            x.push_str(&format!(r#" uniqueCount="{c}""#));
        }
        x.push('>');
        for t in sh.strings.iter().take(MAX_ROWS) {
            x.push_str(&format!("<si><t>{}</t></si>", escape(&t.render())));
        }
        x.push_str("</sst>");
        part("xl/sharedStrings.xml", x.as_bytes());
    }
    if b.styles {
        part(
            "xl/styles.xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#,
        );
    }
    let _ = names;
    zip.finish().unwrap().into_inner()
}

/// XLSX: the bytes drive [`XBook`]; the workbook built from it is loaded (every sheet, or one
/// chosen), under the default limits or small ones. Must not panic; every report balances.
pub fn xlsx(data: &[u8]) {
    let Ok(book) = XBook::arbitrary_take_rest(Unstructured::new(data)) else {
        return;
    };
    let bytes = book_bytes(&book);
    let sheet = book
        .choose_sheet
        .and_then(|i| book.sheets.get(i as usize % MAX_SHEETS))
        .map(|s| s.name.render());
    let options = LoadOptions {
        kind: kind_option(book.kind),
        format: Some(Format::Xlsx),
        sheet,
        xlsx_max_bytes: book.small_limits.then_some(4096),
        xlsx_max_cells: book.small_limits.then_some(50),
        max_errors: book.small_limits.then_some(2),
        ..LoadOptions::default()
    };
    let mut store = Store::new();
    if let Ok(reports) = load_file(&mut store, "fuzz.xlsx", &bytes, &options, &mut NoProgress) {
        for r in &reports {
            assert_balanced(r);
            let _ = r.rejected_csv();
        }
    }
}

/// The bytes of the workbook [`xlsx`] builds from `data` (for writing seeds).
pub fn xlsx_workbook(data: &[u8]) -> Option<Vec<u8>> {
    XBook::arbitrary_take_rest(Unstructured::new(data))
        .ok()
        .map(|b| book_bytes(&b))
}

// ---------------------------------------------------------------------------------------
// Old Excel and OpenDocument workbooks: the fuzzer's bytes are the file (the seeds are real
// workbooks, tests/fixtures/old-excel/), loaded after one byte of options.

fn workbook_bytes(format: Format, name: &str, data: &[u8]) {
    let Some((&o, bytes)) = data.split_first() else {
        return;
    };
    let options = LoadOptions {
        kind: kind_option(o & 0x0F),
        format: Some(format),
        xlsx_max_cells: (o & 0x40 != 0).then_some(40),
        xlsx_max_bytes: (o & 0x40 != 0).then_some(4096),
        max_errors: (o & 0x80 != 0).then_some(2),
        ..LoadOptions::default()
    };
    let _ = credit_supervision::ingest::sheet_names(name, bytes);
    let mut store = Store::new();
    if let Ok(reports) = load_file(&mut store, name, bytes, &options, &mut NoProgress) {
        for r in &reports {
            assert_balanced(r);
            assert_eq!(r.format, if format == Format::Xls { "xls" } else { "ods" });
            let _ = r.rejected_csv();
        }
    }
}

/// XLS: byte 0 chooses the kind (low nibble), small limits (0x40) and the error limit
/// (0x80); the rest is the file. Must not panic; every report balances.
pub fn xls(data: &[u8]) {
    workbook_bytes(Format::Xls, "fuzz.xls", data);
}

/// ODS: as [`xls`].
pub fn ods(data: &[u8]) {
    workbook_bytes(Format::Ods, "fuzz.ods", data);
}

// ---------------------------------------------------------------------------------------
// A small loaded district for the audit and policy targets.

/// Three enterprises with a penalty, an inspection and a list entry.
pub const SMALL_FILES: &[(&str, &str)] = &[
    (
        "registration.csv",
        "uscc,name,entity_type,established,status,region,address\n\
         914403001922038216,甲公司,公司,2010-05-01,存续,吴家山街道,一号\n\
         91330100716105852F,乙食品公司,公司,2015-03-02,存续,径河街道,二号\n\
         92420112MA4K000015,丙商店,个体工商户,2018-03-02,存续,径河街道,三号\n",
    ),
    (
        "penalty.csv",
        "uscc,decision_no,decision_date,procedure,penalty_kinds,fine,domain,aggravated,fulfilled,harm_eliminated\n\
         914403001922038216,东市监罚〔2024〕1号,2024-03-01,普通,罚款,60000,价格,否,是,是\n\
         91330100716105852F,东市监罚〔2024〕2号,2024-03-01,普通,吊销许可证件,,食品,否,是,是\n",
    ),
    (
        "inspection.csv",
        "uscc,task_id,inspection_date,inspection_kind,result\n\
         92420112MA4K000015,T1,2024-02-01,双随机,发现问题已责令改正\n",
    ),
    (
        "list_entry.csv",
        "uscc,list,reason,listed_date,removed_date,authority\n\
         92420112MA4K000015,经营异常名录,未按规定报送年度报告,2023-07-10,,东市监\n",
    ),
];

/// The as-of date of the small district.
pub const SMALL_AS_OF: &str = "2024-06-01";

/// A workspace holding [`SMALL_FILES`], scored as of [`SMALL_AS_OF`].
pub fn small_workspace() -> Workspace {
    let mut ws = Workspace::new();
    for (name, text) in SMALL_FILES {
        ws.load_csv(name, text.as_bytes(), None, &mut NoProgress)
            .unwrap();
    }
    ws.score(parse_date(SMALL_AS_OF).unwrap(), &mut NoProgress)
        .unwrap();
    ws
}

/// The audit import: the bytes are a trail (CSV or JSON) imported into the small district.
/// Must not panic; a trail that imports exports again (JSON and CSV), and each export imports
/// into a fresh district to the same trail.
pub fn audit(data: &[u8]) {
    let mut ws = small_workspace();
    if ws.import_audit(data).is_err() {
        return;
    }
    let as_of = parse_date(SMALL_AS_OF).unwrap();
    ws.score(as_of, &mut NoProgress).unwrap();
    let json = ws.audit_json();
    let csv = ws.audit_csv();
    for export in [json.as_bytes(), &csv[..]] {
        let mut again = small_workspace();
        again
            .import_audit(export)
            .unwrap_or_else(|e| panic!("an exported trail does not import: {e}"));
        assert_eq!(
            again.audit_json(),
            json,
            "the trail changed on its way back"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Policy → check → score.

/// A value to put somewhere in the default policy.
#[derive(Debug, Arbitrary)]
enum PValue {
    Int(i64),
    Float(f64),
    Interesting(u8),
    Text(String),
    Bool(bool),
    Null,
    EmptyArray,
    EmptyObject,
    Remove,
}

#[derive(Debug, Arbitrary)]
struct PEdit {
    /// Which leaf (or object) of the policy, by index in document order.
    at: u16,
    value: PValue,
}

#[derive(Debug, Arbitrary)]
struct PInput {
    edits: Vec<PEdit>,
    as_of: (u16, u8, u8),
    ratio: Option<f64>,
}

fn interesting(i: u8) -> serde_json::Value {
    let v: &[serde_json::Value] = &[
        0.into(),
        (-1).into(),
        1.into(),
        255.into(),
        256.into(),
        65536.into(),
        300_000.into(),
        u32::MAX.into(),
        i64::MAX.into(),
        i64::MIN.into(),
        1e308.into(),
        (-1e308).into(),
        0.5.into(),
        1e-300.into(),
        "2025-12-25".into(),
        "9999-12-31".into(),
        "0000-01-01".into(),
    ];
    v[i as usize % v.len()].clone()
}

fn paths(v: &serde_json::Value, here: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(here.clone());
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                here.push(k.clone());
                paths(x, here, out);
                here.pop();
            }
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                here.push(i.to_string());
                paths(x, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

fn edit(root: &mut serde_json::Value, path: &[String], value: Option<serde_json::Value>) {
    let Some((last, parents)) = path.split_last() else {
        if let Some(v) = value {
            *root = v;
        }
        return;
    };
    let mut v = root;
    for p in parents {
        v = match v {
            serde_json::Value::Object(m) => m.get_mut(p).unwrap(),
            serde_json::Value::Array(a) => &mut a[p.parse::<usize>().unwrap()],
            _ => unreachable!(),
        };
    }
    match (v, value) {
        (serde_json::Value::Object(m), Some(x)) => {
            m.insert(last.clone(), x);
        }
        (serde_json::Value::Object(m), None) => {
            m.remove(last);
        }
        (serde_json::Value::Array(a), Some(x)) => a[last.parse::<usize>().unwrap()] = x,
        (serde_json::Value::Array(a), None) => {
            a.remove(last.parse::<usize>().unwrap());
        }
        _ => unreachable!(),
    }
}

fn scored_district() -> &'static std::sync::Mutex<Workspace> {
    static WS: OnceLock<std::sync::Mutex<Workspace>> = OnceLock::new();
    WS.get_or_init(|| std::sync::Mutex::new(small_workspace()))
}

/// Policy → check → score: byte 0 chooses between the bytes as policy JSON text and a
/// structure-aware edit of the default policy (any leaf replaced or removed). A policy that
/// passes `check()` scores the small district (and draws from it) without panicking.
pub fn policy(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (text, as_of, ratio) = if mode & 1 == 0 {
        let Ok(text) = std::str::from_utf8(rest) else {
            return;
        };
        (text.to_string(), parse_date(SMALL_AS_OF).unwrap(), None)
    } else {
        let Ok(input) = PInput::arbitrary_take_rest(Unstructured::new(rest)) else {
            return;
        };
        let mut v: serde_json::Value = serde_json::from_str(&Policy::default().to_json()).unwrap();
        for e in input.edits.iter().take(8) {
            let mut all = Vec::new();
            paths(&v, &mut Vec::new(), &mut all);
            let path = &all[e.at as usize % all.len()];
            let value = match &e.value {
                PValue::Int(i) => Some((*i).into()),
                PValue::Float(f) => serde_json::Number::from_f64(*f).map(Into::into),
                PValue::Interesting(i) => Some(interesting(*i)),
                PValue::Text(s) => Some(s.clone().into()),
                PValue::Bool(b) => Some((*b).into()),
                PValue::Null => Some(serde_json::Value::Null),
                PValue::EmptyArray => Some(serde_json::json!([])),
                PValue::EmptyObject => Some(serde_json::json!({})),
                PValue::Remove => None,
            };
            edit(&mut v, path, value);
        }
        let (y, m, d) = input.as_of;
        let as_of = Date::from_ymd_opt(1900 + i32::from(y % 400), u32::from(m % 12) + 1, 1)
            .unwrap()
            .with_day(u32::from(d % 28) + 1)
            .unwrap();
        (v.to_string(), as_of, input.ratio)
    };
    let Ok(policy) = Policy::from_json(&text) else {
        return;
    };
    if policy.check().is_err() {
        return;
    }
    let mut ws = scored_district().lock().unwrap_or_else(|e| e.into_inner());
    ws.set_policy_json(&text).expect("a checked policy sets");
    let scored = ws.score(as_of, &mut NoProgress);
    if scored.is_ok() {
        let _ = ws.draw("fuzz", ratio);
        let _ = ws.results_csv();
    }
    ws.set_policy_json(&Policy::default().to_json()).unwrap();
}

// ---------------------------------------------------------------------------------------
// The calendar and date API.

#[derive(Debug, Arbitrary)]
struct CInput {
    year: i32,
    month: u32,
    day: u32,
    months: i32,
    n: u32,
    text: String,
}

fn calendar_builtin() -> &'static Calendar {
    static CAL: OnceLock<Calendar> = OnceLock::new();
    CAL.get_or_init(Calendar::builtin)
}

/// The calendar and date API with any numbers: `add_months` (total), `checked_add_months`,
/// `months_after`, `Calendar::checked_add_working_days`, `Calendar::checked_day`,
/// `parse_date_checked`. Must not panic or hang; results keep their documented properties.
pub fn calendar(data: &[u8]) {
    let Ok(c) = CInput::arbitrary_take_rest(Unstructured::new(data)) else {
        return;
    };
    // Also years near the ones callers use, so checked paths get past their range checks.
    let year = if c.year & 1 == 0 {
        c.year
    } else {
        1890 + (c.year >> 1).rem_euclid(330)
    };
    let months = if c.months & 1 == 0 {
        c.months
    } else {
        (c.months >> 1) % 1300
    };
    let n = if c.n & 1 == 0 { c.n } else { (c.n >> 1) % 4000 };
    if let Some(date) = Date::from_ymd_opt(year, c.month % 13, c.day % 32) {
        let total = add_months(date, months);
        match checked_add_months(date, months) {
            Some(d) => {
                assert_eq!(total, d);
                assert!(d.day() <= date.day());
                let m = i64::from(d.year()) * 12 + i64::from(d.month0());
                let m0 = i64::from(date.year()) * 12 + i64::from(date.month0());
                assert_eq!(m - m0, i64::from(months));
            }
            None => assert!(total == Date::MIN || total == Date::MAX),
        }
        if let Ok(md) = months_after(date, months) {
            assert_eq!(md.from, format_date(date));
            assert!(md.date.len() == 10);
        }
        let cal = calendar_builtin();
        if let Ok(day) = cal.checked_day(date) {
            let _ = day;
        }
        match cal.checked_add_working_days(date, n) {
            Ok(w) => {
                assert!(n <= MAX_WORKING_DAYS);
                let due = parse_date(&w.due).expect("a due date reads back");
                assert!(due >= date);
                assert!(n == 0 || cal.is_working_day(due));
                assert_eq!(cal.working_days_between(date, due), n);
            }
            Err(e) => assert!(e.argument == "from" || e.argument == "n"),
        }
    }
    if let Ok(d) = parse_date_checked(&c.text) {
        assert!((1900..=9999).contains(&d.year()), "{:?} → {d}", c.text);
        assert_eq!(parse_date_checked(&format_date(d)), Ok(d));
    }
}
