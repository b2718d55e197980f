//! A work list, or the class shares, as a table ([`crate::sheet`]): CSV or an XLSX sheet, with
//! Chinese or English headers.

use super::labels::ListKind;
use super::rows::{filtered, row};
use super::{ClassShares, WorkLists};
use crate::date::parse_date;
use crate::policy::ValidPolicy;
use crate::score::Scoring;
use crate::sheet::{self, Book, Cell, Column, Csv, Lang, RowSink, SheetError};
use crate::store::Store;

/// The columns of a list (the date and due headers depend on the list).
pub fn columns(kind: ListKind) -> Vec<Column> {
    let (dz, de) = kind.date_header();
    let (uz, ue) = kind.due_header();
    let mut c = vec![
        sheet::text("统一社会信用代码", "USCC"),
        sheet::text("企业名称", "name"),
        sheet::text("所属区域", "region"),
        sheet::text("风险分类", "class"),
        sheet::text("事项", "item"),
        sheet::date(dz, de),
    ];
    if !uz.is_empty() {
        c.push(sheet::date(uz, ue));
    }
    if kind == ListKind::Repairable || kind == ListKind::Commitments {
        c.push(sheet::text("现在即可申请修复", "repairable now"));
    }
    c.push(sheet::text("依据", "basis"));
    c.push(sheet::text("说明", "detail"));
    c
}

/// Writes every row of a list.
pub fn write_list(
    sink: &mut dyn RowSink,
    wl: &WorkLists,
    store: &Store,
    policy: &ValidPolicy,
    scoring: &Scoring,
    kind: ListKind,
    lang: Lang,
) -> Result<(), SheetError> {
    let has_due = !kind.due_header().0.is_empty();
    let has_now = kind == ListKind::Repairable || kind == ListKind::Commitments;
    for e in filtered(wl, kind, None) {
        let r = row(wl, store, policy, scoring, e);
        let mut cells = vec![
            Cell::text(r.uscc),
            Cell::text(r.name),
            Cell::text(r.region),
            Cell::text(r.class),
            Cell::text(lang.pick(&r.item_zh, &r.item_en).to_string()),
            Cell::date(parse_date(&r.date)),
        ];
        if has_due {
            cells.push(Cell::date(r.due.as_deref().and_then(parse_date)));
        }
        if has_now {
            cells.push(match r.eligible_now {
                Some(b) => Cell::text(match (b, lang) {
                    (true, Lang::Zh) => "是",
                    (false, Lang::Zh) => "否",
                    (true, Lang::En) => "yes",
                    (false, Lang::En) => "no",
                }),
                None => Cell::Empty,
            });
        }
        cells.push(Cell::text(lang.pick(&r.basis, &r.basis_en).to_string()));
        cells.push(Cell::text(
            lang.pick(&r.detail_zh, &r.detail_en).to_string(),
        ));
        sink.row(&cells)?;
    }
    Ok(())
}

/// A list as CSV bytes (UTF-8 with BOM).
pub fn list_csv(
    wl: &WorkLists,
    store: &Store,
    policy: &ValidPolicy,
    scoring: &Scoring,
    kind: ListKind,
    lang: Lang,
) -> Result<Vec<u8>, SheetError> {
    let mut c = Csv::new(&columns(kind), lang)?;
    write_list(&mut c, wl, store, policy, scoring, kind, lang)?;
    c.finish()
}

/// A list as an XLSX workbook of one sheet, created on the as-of date.
pub fn list_xlsx(
    wl: &WorkLists,
    store: &Store,
    policy: &ValidPolicy,
    scoring: &Scoring,
    kind: ListKind,
    lang: Lang,
) -> Result<Vec<u8>, SheetError> {
    let mut b = Book::new(wl.as_of)?;
    let mut s = b.sheet(sheet_name(kind, lang), &columns(kind), lang)?;
    write_list(&mut s, wl, store, policy, scoring, kind, lang)?;
    s.done()?;
    b.finish()
}

/// A sheet name (at most 31 characters, none of `[]:*?/\`).
fn sheet_name(kind: ListKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (ListKind::Repairable, Lang::Zh) => "可申请信用修复",
        (ListKind::AbnormalDuties, Lang::Zh) => "经营异常名录待办",
        (ListKind::Commitments, Lang::Zh) => "告知承诺核查",
        (ListKind::Incentives, Lang::Zh) => "守信激励名单",
        (ListKind::Restrictions, Lang::Zh) => "失信惩戒名单",
        (ListKind::Repairable, Lang::En) => "Repairable",
        (ListKind::AbnormalDuties, Lang::En) => "Abnormal-list duties",
        (ListKind::Commitments, Lang::En) => "Commitments",
        (ListKind::Incentives, Lang::En) => "Incentives",
        (ListKind::Restrictions, Lang::En) => "Restrictions",
    }
}

const SHARE_COLUMNS: [Column; 13] = [
    sheet::text("维度", "dimension"),
    sheet::text("代码", "key"),
    sheet::text("名称", "name"),
    sheet::number("企业数", "enterprises"),
    sheet::number("未分类", "unclassified"),
    sheet::number("A类", "A"),
    sheet::number("B类", "B"),
    sheet::number("C类", "C"),
    sheet::number("D类", "D"),
    sheet::number("A类占比", "A share"),
    sheet::number("B类占比", "B share"),
    sheet::number("C类占比", "C share"),
    sheet::number("D类占比", "D share"),
];

fn write_shares(
    sink: &mut dyn RowSink,
    shares: &ClassShares,
    lang: Lang,
    which: Option<bool>,
) -> Result<(), SheetError> {
    for (industry, rows) in [(false, &shares.regions), (true, &shares.industries)] {
        if which.is_some_and(|w| w != industry) {
            continue;
        }
        let dim = match (industry, lang) {
            (false, Lang::Zh) => "区域",
            (true, Lang::Zh) => "行业门类",
            (false, Lang::En) => "region",
            (true, Lang::En) => "industry section",
        };
        for r in rows {
            let mut cells = vec![
                Cell::text(dim),
                Cell::text(r.key.as_str()),
                Cell::text(lang.pick(&r.zh, &r.en).to_string()),
                Cell::int(r.total),
            ];
            cells.extend(r.counts.iter().map(|n| Cell::int(*n)));
            cells.extend(r.shares.iter().map(|s| Cell::Number(*s, 4)));
            sink.row(&cells)?;
        }
    }
    Ok(())
}

/// The class shares as CSV bytes: regions, then industry sections.
pub fn shares_csv(shares: &ClassShares, lang: Lang) -> Result<Vec<u8>, SheetError> {
    let mut c = Csv::new(&SHARE_COLUMNS, lang)?;
    write_shares(&mut c, shares, lang, None)?;
    c.finish()
}

/// The class shares as an XLSX workbook: a sheet of regions and one of industry sections.
pub fn shares_xlsx(
    shares: &ClassShares,
    as_of: crate::date::Date,
    lang: Lang,
) -> Result<Vec<u8>, SheetError> {
    let mut b = Book::new(as_of)?;
    for (industry, name) in [
        (false, lang.pick("按区域", "by region")),
        (true, lang.pick("按行业", "by industry")),
    ] {
        let mut s = b.sheet(name, &SHARE_COLUMNS, lang)?;
        write_shares(&mut s, shares, lang, Some(industry))?;
        s.done()?;
    }
    b.finish()
}
