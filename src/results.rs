//! The results of a scoring and a draw as a clerk sees them: rows in a chosen order, the draw
//! list, and the same as files — CSV for Excel (UTF-8 with BOM, Chinese headers) and JSON.

use crate::draw::Draw;
use crate::policy::{class_letter, Class, ValidPolicy};
use crate::records::EntId;
use crate::score::{round2, short_reasons_both, Scoring};
use crate::sheet::{self, Book, Cell, Column, Csv, Lang, RowSink, SheetError};
use crate::store::Store;
use crate::text::formula_safe;
use serde::Serialize;
use std::borrow::Cow;
use std::io::{self, Write};

/// How many reasons the short reason line of a result row lists.
pub const SHORT_REASONS: usize = 3;

/// One enterprise's result, as written to CSV/JSON and shown in the table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResultRow {
    /// Enterprise id in the store.
    pub id: EntId,
    /// USCC.
    pub uscc: String,
    /// Registered name.
    pub name: String,
    /// Entity type code.
    pub entity_type: &'static str,
    /// Entity type in Chinese.
    pub entity_type_zh: &'static str,
    /// Entity type in English words.
    pub entity_type_en: &'static str,
    /// Region.
    pub region: String,
    /// Registration status code.
    pub status: &'static str,
    /// Registration status in Chinese.
    pub status_zh: &'static str,
    /// Registration status in English words.
    pub status_en: &'static str,
    /// Score (rounded to 0.01).
    pub score: f64,
    /// Class letter or `-`.
    pub class: &'static str,
    /// Class before overrides.
    pub class_before_override: &'static str,
    /// The main reasons, in Chinese.
    pub reasons: String,
    /// The same reasons in English (not written to the CSV).
    pub reasons_en: String,
}

/// Builds the result row of `ent`.
pub fn result_row(store: &Store, scoring: &Scoring, policy: &ValidPolicy, ent: EntId) -> ResultRow {
    let reg = store.registration(ent);
    let i = ent as usize;
    let (reasons, reasons_en) = short_reasons_both(
        store,
        policy,
        &scoring.context,
        ent,
        scoring.as_of,
        &scoring.overlay,
        SHORT_REASONS,
    );
    ResultRow {
        id: ent,
        uscc: store.uscc(ent).to_string(),
        name: store.name(ent).to_string(),
        entity_type: reg.map_or("", |r| r.entity_type.code()),
        entity_type_zh: reg.map_or("未登记", |r| r.entity_type.zh()),
        entity_type_en: reg.map_or("unregistered", |r| r.entity_type.en()),
        region: reg.map_or("", |r| store.text(r.region)).to_string(),
        status: reg.map_or("", |r| r.status.code()),
        status_zh: reg.map_or("", |r| r.status.zh()),
        status_en: reg.map_or("", |r| r.status.en()),
        score: round2(scoring.scores[i]),
        class: class_letter(Class::from_code(scoring.classes[i])),
        class_before_override: class_letter(Class::from_code(scoring.raw_classes[i])),
        reasons,
        reasons_en,
    }
}

fn csv_writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out)
}

fn csv_err(e: csv::Error) -> io::Error {
    io::Error::other(e.to_string())
}

/// Sort keys of the result table ([`order`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// By score.
    Score,
    /// By class (unclassified last).
    Class,
    /// By USCC.
    Uscc,
    /// By name (code point order).
    Name,
    /// By region, then USCC.
    Region,
}

impl SortKey {
    /// Parses `score`, `class`, `uscc`, `name`, `region`.
    pub fn parse(s: &str) -> Option<SortKey> {
        Some(match s {
            "score" => SortKey::Score,
            "class" => SortKey::Class,
            "uscc" => SortKey::Uscc,
            "name" => SortKey::Name,
            "region" => SortKey::Region,
            _ => return None,
        })
    }
}

/// Enterprise ids of a scoring sorted by `key` (ties by USCC), optionally of one class only
/// (class code 0–4).
pub fn order(
    st: &Store,
    s: &Scoring,
    key: SortKey,
    descending: bool,
    class_filter: Option<u8>,
) -> Vec<EntId> {
    let mut ids: Vec<EntId> = (0..st.len() as EntId)
        .filter(|&e| class_filter.is_none_or(|c| s.classes[e as usize] == c))
        .collect();
    let class_key = |e: EntId| match s.classes[e as usize] {
        0 => 5,
        c => c,
    };
    // USCC symbols are in ASCII order, so the packed codes sort as the texts do.
    let tie = |e: EntId| st.uscc(e).packed();
    match key {
        SortKey::Score | SortKey::Class | SortKey::Uscc => {
            // Numeric keys: sort (key, code, id) triples, with no lookups while sorting.
            let primary = |e: EntId| -> u64 {
                match key {
                    SortKey::Score => sortable(s.scores[e as usize]),
                    SortKey::Class => u64::from(class_key(e)),
                    _ => 0,
                }
            };
            let mut keyed: Vec<(u64, u128, EntId)> =
                ids.iter().map(|&e| (primary(e), tie(e), e)).collect();
            if descending {
                keyed.sort_unstable_by(|a, b| {
                    let t = if key == SortKey::Uscc {
                        b.1.cmp(&a.1)
                    } else {
                        a.1.cmp(&b.1)
                    };
                    b.0.cmp(&a.0).then(t)
                });
            } else {
                keyed.sort_unstable();
            }
            ids = keyed.into_iter().map(|k| k.2).collect();
        }
        SortKey::Name | SortKey::Region => {
            let text = |e: EntId| match key {
                SortKey::Name => st.name(e),
                _ => st.registration(e).map_or("", |r| st.text(r.region)),
            };
            ids.sort_unstable_by(|&a, &b| {
                let primary = text(a).cmp(text(b));
                let primary = if descending {
                    primary.reverse()
                } else {
                    primary
                };
                primary.then(tie(a).cmp(&tie(b)))
            });
        }
    }
    ids
}

/// One drawn enterprise, as the draw list shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Drawn<'a> {
    /// Enterprise id in the store.
    pub id: EntId,
    /// USCC.
    pub uscc: String,
    /// Registered name.
    pub name: &'a str,
    /// Class letter.
    pub class: &'static str,
    /// Region.
    pub region: &'a str,
}

/// A draw with its list of drawn enterprises, as the page shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DrawView<'a> {
    /// The draw.
    #[serde(flatten)]
    pub draw: &'a Draw,
    /// The drawn enterprises, by class then USCC.
    pub selected: Vec<Drawn<'a>>,
}

/// The draw list of `draw` over the scoring it was drawn from.
pub fn draw_view<'a>(store: &'a Store, scoring: &Scoring, draw: &'a Draw) -> DrawView<'a> {
    let selected = draw
        .selected
        .iter()
        .map(|&e| Drawn {
            id: e,
            uscc: store.uscc(e).to_string(),
            name: store.name(e),
            class: class_letter(scoring.class(e)),
            region: store.registration(e).map_or("", |r| store.text(r.region)),
        })
        .collect();
    DrawView { draw, selected }
}

/// The columns of the results table, for the CSV (Chinese headers) and the workbook.
pub const RESULT_COLUMNS: [Column; 10] = [
    sheet::text("统一社会信用代码", "USCC"),
    sheet::text("企业名称", "name"),
    sheet::text("所属区域", "region"),
    sheet::text("市场主体类型", "entity type"),
    sheet::text("登记状态", "status"),
    sheet::number("分数", "score"),
    sheet::text("风险分类", "class"),
    sheet::text("覆盖前分类", "class before override"),
    sheet::text("主要原因", "main reasons"),
    sheet::date("评价基准日", "as of"),
];

/// Writes every enterprise's result row to `sink` ([`RESULT_COLUMNS`]). Text from the records
/// (USCC, name, region, the reasons) is text (formula-safe in CSV); the program's labels as
/// they are (in English codes with [`Lang::En`]); the reasons in `lang`; the score with two
/// places; the as-of date a date.
pub fn write_results(
    sink: &mut dyn RowSink,
    store: &Store,
    scoring: &Scoring,
    policy: &ValidPolicy,
    lang: Lang,
) -> Result<(), SheetError> {
    for ent in 0..store.len() as EntId {
        let r = result_row(store, scoring, policy, ent);
        let entity_type = match (lang, r.entity_type) {
            (Lang::Zh, _) => r.entity_type_zh,
            (Lang::En, "") => "unregistered",
            (Lang::En, code) => code,
        };
        sink.row(&[
            Cell::text(r.uscc.as_str()),
            Cell::text(r.name.as_str()),
            Cell::text(r.region.as_str()),
            Cell::Label(entity_type),
            Cell::Label(lang.pick(r.status_zh, r.status)),
            Cell::Fixed(r.score, 2),
            Cell::Label(r.class),
            Cell::Label(r.class_before_override),
            Cell::text(lang.pick(&r.reasons, &r.reasons_en)),
            Cell::Date(scoring.as_of),
        ])?;
    }
    Ok(())
}

/// Writes every enterprise's result as CSV (UTF-8 with BOM so Excel reads the Chinese,
/// Chinese headers). Text from the records (name, region, the reasons) is written formula-safe
/// ([`crate::text::formula_safe`]); numbers and the program's own labels as they are.
pub fn write_results_csv<W: Write>(
    mut out: W,
    store: &Store,
    scoring: &Scoring,
    policy: &ValidPolicy,
) -> io::Result<()> {
    let mut c = Csv::new(&RESULT_COLUMNS, Lang::Zh).map_err(sheet_err)?;
    write_results(&mut c, store, scoring, policy, Lang::Zh).map_err(sheet_err)?;
    out.write_all(&c.finish().map_err(sheet_err)?)?;
    out.flush()
}

/// Every enterprise's result as an XLSX workbook of one sheet ([`RESULT_COLUMNS`], headers in
/// `lang`), created on the scoring's as-of date. Fails when there are more enterprises than
/// a worksheet has rows.
pub fn results_xlsx(
    store: &Store,
    scoring: &Scoring,
    policy: &ValidPolicy,
    lang: Lang,
) -> Result<Vec<u8>, SheetError> {
    fits(store.len())?;
    let mut b = Book::new(scoring.as_of)?;
    let mut s = b.sheet(lang.pick("评价结果", "results"), &RESULT_COLUMNS, lang)?;
    write_results(&mut s, store, scoring, policy, lang)?;
    s.done()?;
    b.finish()
}

/// `rows` rows (and the header) fit in a worksheet.
fn fits(rows: usize) -> Result<(), SheetError> {
    if rows >= sheet::MAX_ROWS as usize {
        return Err(SheetError(format!(
            "{rows} rows: more than a worksheet holds ({} with the header); export CSV instead",
            sheet::MAX_ROWS
        )));
    }
    Ok(())
}

fn sheet_err(e: SheetError) -> io::Error {
    io::Error::other(e.0)
}

/// The columns of the draw list, for the CSV (Chinese headers) and the workbook.
pub const DRAW_COLUMNS: [Column; 6] = [
    sheet::number("序号", "no."),
    sheet::text("统一社会信用代码", "USCC"),
    sheet::text("企业名称", "name"),
    sheet::text("所属区域", "region"),
    sheet::text("风险分类", "class"),
    sheet::number("分数", "score"),
];

/// One drawn enterprise as the draw's list shows it.
#[derive(Debug, Clone, Copy)]
pub struct DrawnLine<'a> {
    /// The USCC.
    pub uscc: crate::uscc::Uscc,
    /// The name.
    pub name: &'a str,
    /// The region.
    pub region: &'a str,
    /// The final class.
    pub class: Option<Class>,
    /// The score.
    pub score: f64,
}

/// The drawn enterprises of `draw`, in its order.
fn drawn_lines<'a>(
    store: &'a Store,
    scoring: &'a Scoring,
    draw: &'a Draw,
) -> impl Iterator<Item = DrawnLine<'a>> + 'a {
    draw.selected.iter().map(move |&ent| DrawnLine {
        uscc: store.uscc(ent),
        name: store.name(ent),
        region: store.registration(ent).map_or("", |r| store.text(r.region)),
        class: Class::from_code(scoring.classes[ent as usize]),
        score: scoring.scores[ent as usize],
    })
}

/// Writes one row per drawn enterprise ([`DRAW_COLUMNS`]).
fn write_draw_rows<'a>(
    sink: &mut dyn RowSink,
    lines: impl IntoIterator<Item = DrawnLine<'a>>,
) -> Result<(), SheetError> {
    for (n, l) in lines.into_iter().enumerate() {
        sink.row(&[
            Cell::int(n as u64 + 1),
            Cell::text(l.uscc.as_str()),
            Cell::text(l.name),
            Cell::text(l.region),
            Cell::Label(class_letter(l.class)),
            Cell::Fixed(l.score, 2),
        ])?;
    }
    Ok(())
}

/// What a draw binds (its audit lines), in Chinese and English.
const DRAW_AUDIT: [(&str, &str); 7] = [
    ("随机种子", "seed"),
    ("评价基准日", "as of"),
    ("抽查比例", "ratio"),
    ("评分政策校验值", "policy SHA-256"),
    ("数据校验值", "records SHA-256"),
    ("审计记录校验值", "audit SHA-256"),
    ("校验值", "SHA-256"),
];

/// Writes a draw as CSV (UTF-8 with BOM): one row per drawn enterprise, then the audit lines
/// (`# what,value`). Every line goes through the CSV writer, so a seed holding a comma, a quote
/// or a line break stays one quoted field; text cells (names, regions, the seed) are
/// formula-safe ([`crate::text::formula_safe`]: a seed beginning with `=` is written `'=…`).
pub fn write_draw_csv<W: Write>(
    out: W,
    store: &Store,
    scoring: &Scoring,
    draw: &Draw,
) -> io::Result<()> {
    write_draw_lines_csv(out, draw, drawn_lines(store, scoring, draw))
}

/// Like [`write_draw_csv`], with the drawn enterprises given as lines (in the draw's order),
/// as a driver holding only the results of its partitions gives them: the same bytes for the
/// same draw.
pub fn write_draw_lines_csv<'a, W: Write>(
    mut out: W,
    draw: &Draw,
    lines: impl IntoIterator<Item = DrawnLine<'a>>,
) -> io::Result<()> {
    let mut c = Csv::new(&DRAW_COLUMNS, Lang::Zh).map_err(sheet_err)?;
    write_draw_rows(&mut c, lines).map_err(sheet_err)?;
    out.write_all(&c.finish().map_err(sheet_err)?)?;
    // An empty line between the list and the audit lines (the writer would write `""`).
    out.write_all(b"\r\n")?;
    let mut w = csv_writer(out);
    let ratio = draw.overall_ratio.to_string();
    let values: [Cow<'_, str>; 7] = [
        formula_safe(&draw.seed),
        draw.as_of.as_str().into(),
        ratio.as_str().into(),
        draw.policy_digest.as_str().into(),
        draw.records_digest.as_str().into(),
        draw.audit_digest.as_str().into(),
        draw.digest.as_str().into(),
    ];
    for ((zh, en), value) in DRAW_AUDIT.iter().zip(&values) {
        w.write_record([format!("# {zh} {en}").as_str(), value])
            .map_err(csv_err)?;
    }
    w.flush()
}

/// A draw as an XLSX workbook, created on its as-of date: a sheet of the drawn enterprises
/// ([`DRAW_COLUMNS`]) and a sheet of what the draw binds (seed, as-of date, ratio, digests).
pub fn draw_xlsx(
    store: &Store,
    scoring: &Scoring,
    draw: &Draw,
    lang: Lang,
) -> Result<Vec<u8>, SheetError> {
    fits(draw.selected.len())?;
    let as_of = crate::date::parse_date(&draw.as_of).unwrap_or(scoring.as_of);
    let mut b = Book::new(as_of)?;
    let mut s = b.sheet(lang.pick("抽查名单", "draw"), &DRAW_COLUMNS, lang)?;
    write_draw_rows(&mut s, drawn_lines(store, scoring, draw))?;
    s.done()?;
    let columns = [sheet::text("项目", "item"), sheet::text("值", "value")];
    let mut s = b.sheet(lang.pick("抽查校验", "provenance"), &columns, lang)?;
    let values = [
        Cell::text(draw.seed.as_str()),
        Cell::Date(as_of),
        Cell::Number(draw.overall_ratio, 4),
        Cell::text(draw.policy_digest.as_str()),
        Cell::text(draw.records_digest.as_str()),
        Cell::text(draw.audit_digest.as_str()),
        Cell::text(draw.digest.as_str()),
    ];
    for (&(zh, en), value) in DRAW_AUDIT.iter().zip(values) {
        s.row(&[Cell::Label(lang.pick(zh, en)), value])?;
    }
    s.done()?;
    b.finish()
}

/// Writes the summary and every result row with its reasons as one JSON document.
pub fn write_results_json<W: Write>(
    mut out: W,
    store: &Store,
    scoring: &Scoring,
    policy: &ValidPolicy,
) -> io::Result<()> {
    let summary = scoring.summary(store);
    out.write_all(b"{\"summary\":")?;
    serde_json::to_writer(&mut out, &summary)?;
    out.write_all(b",\"results\":[")?;
    for ent in 0..store.len() as EntId {
        if ent > 0 {
            out.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut out, &result_row(store, scoring, policy, ent))?;
    }
    out.write_all(b"]}\n")?;
    Ok(())
}

/// `x`'s bits made to sort as the number does (`f64::total_cmp` order).
fn sortable(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 1 {
        !b
    } else {
        b | (1 << 63)
    }
}

/// The movers of a migration as CSV (UTF-8 with BOM, for Excel): enterprise, class and score on
/// each date, the overrides, and the indicators whose hits changed with their points
/// (`新增`/`消失`/`变化`).
pub fn write_movers_csv<W: Write>(
    mut out: W,
    page: &crate::model::migration::MoversPage,
) -> io::Result<()> {
    use crate::model::migration::Change;
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut w = csv_writer(out);
    let from = format!("{}分类", page.from);
    let to = format!("{}分类", page.to);
    let score_from = format!("{}分数", page.from);
    let score_to = format!("{}分数", page.to);
    w.write_record([
        "统一社会信用代码",
        "企业名称",
        &from,
        &to,
        &score_from,
        &score_to,
        "原覆盖规则",
        "现覆盖规则",
        "变化的指标",
    ])
    .map_err(csv_err)?;
    for m in &page.movers {
        let changes: Vec<String> = m
            .changes
            .iter()
            .map(|c| match c.change {
                Change::Appeared => format!("新增：{} {:+}", c.zh, c.points_to),
                Change::Disappeared => format!("消失：{} {:+}", c.zh, c.points_from),
                Change::Changed => format!(
                    "变化：{} {:+} → {:+}（{}次 → {}次）",
                    c.zh, c.points_from, c.points_to, c.hits_from, c.hits_to
                ),
            })
            .collect();
        w.write_record([
            &*formula_safe(&m.uscc),
            &*formula_safe(&m.name),
            m.from,
            m.to,
            &m.score_from.map_or(String::new(), |s| format!("{s:.2}")),
            &format!("{:.2}", m.score_to),
            m.override_from.zh(),
            m.override_to.zh(),
            &*formula_safe(&changes.join("；")),
        ])
        .map_err(csv_err)?;
    }
    w.flush()
}
