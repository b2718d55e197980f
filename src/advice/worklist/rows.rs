//! Rows of a work list as the page and the exports show them, with their texts in Chinese and
//! English. A row's texts are made again from the law and repair answers of its enterprise
//! (the lists keep compact entries), so they are the answers of the detail view.

use super::duties::cured_on;
use super::labels::{condition_en, Item, ListKind, COMMITMENT_ELIGIBLE};
use super::{Entry, WorkLists};
use crate::advice::repair::{repair_options_plain, RepairOption};
use crate::date::format_date;
use crate::law::lists::abnormal;
use crate::law::Status;
use crate::policy::{class_letter, Class, ValidPolicy};
use crate::records::RecordKind;
use crate::score::Scoring;
use crate::store::Store;
use serde::Serialize;

/// How many entries of one kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemCount {
    /// The item's code (a measure's id in the rosters).
    pub code: String,
    /// In Chinese.
    pub zh: String,
    /// In English.
    pub en: String,
    /// Entries (rosters: enterprises).
    pub count: u64,
}

/// The counts of one list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkCounts {
    /// The list.
    pub kind: ListKind,
    /// Its name in Chinese.
    pub zh: &'static str,
    /// Its name in English.
    pub en: &'static str,
    /// Rows of the list.
    pub total: u64,
    /// Distinct enterprises in it.
    pub enterprises: u64,
    /// Repairable list: rows whose every condition is met now.
    pub eligible_now: Option<u64>,
    /// Per item, in order.
    pub items: Vec<ItemCount>,
}

/// One row.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkRow {
    /// USCC.
    pub uscc: String,
    /// Name.
    pub name: String,
    /// Region as registered.
    pub region: String,
    /// Class letter or `-`.
    pub class: &'static str,
    /// The item's code (a measure's id for a restriction).
    pub item: String,
    /// In Chinese (rosters: the measures).
    pub item_zh: String,
    /// In English.
    pub item_en: String,
    /// The record behind it.
    pub record_kind: Option<RecordKind>,
    /// Its row index in the store.
    pub record_index: Option<u32>,
    /// The record's date or the day the duty arose.
    pub date: String,
    /// Earliest application, deadline or end (see the list's `dueZh`).
    pub due: Option<String>,
    /// Repairable list, commitments: every condition met now.
    pub eligible_now: Option<bool>,
    /// The legal basis (Chinese, as the rules name it).
    pub basis: String,
    /// The same in English.
    pub basis_en: String,
    /// What it rests on or what is still needed, in Chinese.
    pub detail_zh: String,
    /// … and in English.
    pub detail_en: String,
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkPage {
    /// The list's counts.
    pub counts: WorkCounts,
    /// The item filter, when one was given.
    pub item: Option<String>,
    /// Rows matching the filter.
    pub matching: u64,
    /// The first row's position among them.
    pub offset: u64,
    /// Header of the date column (Chinese, English).
    pub date_zh: &'static str,
    /// …
    pub date_en: &'static str,
    /// Header of the due column.
    pub due_zh: &'static str,
    /// …
    pub due_en: &'static str,
    /// The rows.
    pub rows: Vec<WorkRow>,
}

/// The item codes of a list's entry (a roster entry has one per measure).
fn matches(wl: &WorkLists, e: &Entry, item: &str) -> bool {
    match e.item {
        Item::Restriction => wl
            .measures
            .get(e.aux as usize)
            .is_some_and(|m| m.id == item),
        Item::Incentive => incentive_names(wl, e.aux)
            .iter()
            .any(|(code, _, _)| *code == item),
        other => other.code() == item,
    }
}

/// The (id, zh, en) of the measures in an incentive bit set.
fn incentive_names(wl: &WorkLists, bits: u32) -> Vec<(&str, &str, &str)> {
    let cb = wl.measures.len().min(31);
    let mut v: Vec<(&str, &str, &str)> = wl
        .measures
        .iter()
        .enumerate()
        .filter(|(i, _)| *i < 31 && bits & (1 << i) != 0)
        .map(|(_, m)| (m.id.as_str(), m.zh.as_str(), m.en.as_str()))
        .collect();
    if bits & (1 << cb) != 0 {
        v.push(COMMITMENT_ELIGIBLE);
    }
    v
}

/// The counts of a list.
pub fn counts(wl: &WorkLists, kind: ListKind) -> WorkCounts {
    let entries = wl.entries(kind);
    let mut items: Vec<ItemCount> = match kind {
        ListKind::Incentives | ListKind::Restrictions => {
            let want = if kind == ListKind::Incentives {
                crate::policy::MeasureKind::Incentive
            } else {
                crate::policy::MeasureKind::Restriction
            };
            let mut v: Vec<ItemCount> = wl
                .measures
                .iter()
                .filter(|m| m.kind == want)
                .map(|m| ItemCount {
                    code: m.id.clone(),
                    zh: m.zh.clone(),
                    en: m.en.clone(),
                    count: 0,
                })
                .collect();
            if kind == ListKind::Incentives {
                let (c, zh, en) = COMMITMENT_ELIGIBLE;
                v.push(ItemCount {
                    code: c.into(),
                    zh: zh.into(),
                    en: en.into(),
                    count: 0,
                });
            }
            v
        }
        _ => Item::of(kind)
            .iter()
            .map(|i| ItemCount {
                code: i.code().into(),
                zh: i.zh().into(),
                en: i.en().into(),
                count: 0,
            })
            .collect(),
    };
    let mut last = None;
    let mut enterprises = 0;
    let mut now = 0;
    for e in entries {
        if last != Some(e.ent) {
            enterprises += 1;
            last = Some(e.ent);
        }
        now += u64::from(e.now);
        for it in items.iter_mut() {
            if matches(wl, e, &it.code) {
                it.count += 1;
            }
        }
    }
    WorkCounts {
        kind,
        zh: kind.zh(),
        en: kind.en(),
        total: entries.len() as u64,
        enterprises,
        eligible_now: (kind == ListKind::Repairable).then_some(now),
        items,
    }
}

/// The entries of a list that match an item (all without one).
pub fn filtered<'a>(
    wl: &'a WorkLists,
    kind: ListKind,
    item: Option<&'a str>,
) -> impl Iterator<Item = &'a Entry> + 'a {
    wl.entries(kind)
        .iter()
        .filter(move |e| item.is_none_or(|i| matches(wl, e, i)))
}

/// A page of a list: `limit` rows from `offset` among those matching `item`.
#[allow(clippy::too_many_arguments)]
pub fn page(
    wl: &WorkLists,
    store: &Store,
    policy: &ValidPolicy,
    scoring: &Scoring,
    kind: ListKind,
    item: Option<&str>,
    offset: usize,
    limit: usize,
) -> WorkPage {
    let matching = filtered(wl, kind, item).count();
    let rows = filtered(wl, kind, item)
        .skip(offset)
        .take(limit)
        .map(|e| row(wl, store, policy, scoring, e))
        .collect();
    let (date_zh, date_en) = kind.date_header();
    let (due_zh, due_en) = kind.due_header();
    WorkPage {
        counts: counts(wl, kind),
        item: item.map(str::to_string),
        matching: matching as u64,
        offset: offset as u64,
        date_zh,
        date_en,
        due_zh,
        due_en,
        rows,
    }
}

/// "Now" or what is still needed, in both languages.
fn needs(o: &RepairOption) -> (String, String) {
    if o.eligible_now {
        return ("现在即可申请".into(), "can apply now".into());
    }
    if !o.repairable {
        return (o.summary_zh.clone(), "no repair by application".into());
    }
    let open: Vec<_> = o.conditions.iter().filter(|c| !c.met()).collect();
    let zh: Vec<String> = open
        .iter()
        .map(|c| match c.status {
            Status::Unknown => format!("{}（待核实）", c.zh),
            _ => c.zh.clone(),
        })
        .collect();
    let en: Vec<String> = open
        .iter()
        .map(|c| match c.status {
            Status::Unknown => format!("{} (to check)", condition_en(c.id)),
            _ => condition_en(c.id).to_string(),
        })
        .collect();
    (
        format!("尚需：{}", zh.join("；")),
        format!("still needed: {}", en.join("; ")),
    )
}

/// The row of one entry.
pub fn row(
    wl: &WorkLists,
    store: &Store,
    policy: &ValidPolicy,
    scoring: &Scoring,
    e: &Entry,
) -> WorkRow {
    let reg = store.registration(e.ent);
    let rules = &policy.policy().rules;
    let mut r = WorkRow {
        uscc: store.uscc(e.ent).to_string(),
        name: store.name(e.ent).to_string(),
        region: reg.map_or("", |r| store.text(r.region)).to_string(),
        class: class_letter(Class::from_code(scoring.classes[e.ent as usize])),
        item: e.item.code().into(),
        item_zh: e.item.zh().into(),
        item_en: e.item.en().into(),
        record_kind: e.record.map(|r| r.kind),
        record_index: e.record.map(|r| r.index),
        date: format_date(e.date),
        due: e.due.map(format_date),
        eligible_now: None,
        basis: String::new(),
        basis_en: String::new(),
        detail_zh: String::new(),
        detail_en: String::new(),
    };
    match e.item {
        Item::PenaltyPublicity | Item::SeriousList | Item::Broken | Item::False => {
            let rep = repair_options_plain(store, policy, e.ent, wl.as_of, &scoring.overlay);
            let o = rep.options.iter().find(|o| {
                e.record
                    .is_some_and(|r| r.kind == o.record_kind && r.index == o.record_index)
            });
            if let Some(o) = o {
                r.eligible_now = Some(o.eligible_now);
                r.basis = o.basis.basis.clone();
                r.basis_en = o.basis.basis_en.clone();
                (r.detail_zh, r.detail_en) = needs(o);
            }
        }
        Item::ListingDue => {
            let year = e.aux;
            let d = format_date(e.date);
            // The basis of a listing for a missing report, as the law answers it.
            let entry = crate::records::ListEntry {
                ent: e.ent,
                list: crate::records::ListKind::Abnormal,
                reason: crate::records::ListReason::NoAnnualReport,
                reason_text: crate::strpool::StrId(0),
                listed: e.due.unwrap_or(e.date),
                removed: None,
                authority: crate::strpool::StrId(0),
            };
            let b = abnormal(rules, &entry, reg.map(|r| r.entity_type), wl.as_of).basis;
            (r.basis, r.basis_en) = (b.basis, b.basis_en);
            r.detail_zh = format!("{year}年度报告未在{d}前报送，尚未列入经营异常名录");
            r.detail_en = format!("annual report {year} not filed by {d}; not listed yet");
        }
        Item::RemovalDue | Item::ObjectionOpen | Item::TransferDue => {
            let Some(rr) = e.record else { return r };
            let l = &store.list_entries.rows()[rr.index as usize];
            let a = abnormal(rules, l, reg.map(|r| r.entity_type), wl.as_of);
            let listed = format_date(l.listed);
            match e.item {
                Item::RemovalDue => {
                    r.basis = a.removal_basis.basis.clone();
                    r.basis_en = a.removal_basis.basis_en.clone();
                    let f = cured_on(store, e.ent, l.listed, wl.as_of)
                        .map_or(String::new(), format_date);
                    r.detail_zh = format!(
                        "{listed}因{}列入；{f}已报送年度报告，{}个工作日内作出移出决定",
                        a.reason_zh, a.removal_decision_working_days
                    );
                    r.detail_en = format!(
                        "listed {listed}; annual report filed {f}: decide the removal within {} working days",
                        a.removal_decision_working_days
                    );
                }
                Item::ObjectionOpen => {
                    r.basis = a.objection_basis.basis.clone();
                    r.basis_en = a.objection_basis.basis_en.clone();
                    r.detail_zh = format!(
                        "{listed}因{}列入；异议期至{}",
                        a.reason_zh, a.objection_until
                    );
                    r.detail_en =
                        format!("listed {listed}; objections until {}", a.objection_until);
                }
                _ => {
                    if let Some(t) = &a.transfer {
                        r.basis = t.basis.basis.clone();
                        r.basis_en = t.basis.basis_en.clone();
                        r.detail_zh = format!("{listed}列入，{}满3年", t.on);
                        r.detail_en = format!("listed {listed}; 3 years on {}", t.on);
                    }
                }
            }
        }
        Item::VerificationOverdue => {
            if let Some(rr) = e.record {
                let c = &store.commitments.rows()[rr.index as usize];
                let item = store.text(c.item);
                let due = e.due.map_or(String::new(), format_date);
                let regime = crate::law::Regime::on(wl.as_of, rules.order107_effective);
                let b = crate::law::Rule::CommitmentExcluded.basis(regime);
                (r.basis, r.basis_en) = (b.basis, b.basis_en);
                r.detail_zh = format!("承诺事项：{item}；核查期限{due}，尚未核查");
                r.detail_en = format!("item: {item}; verification due {due}, not verified");
            }
        }
        Item::Incentive => {
            let names = incentive_names(wl, e.aux);
            r.item = names.iter().map(|n| n.0).collect::<Vec<_>>().join(";");
            r.item_zh = names.iter().map(|n| n.1).collect::<Vec<_>>().join("；");
            r.item_en = names.iter().map(|n| n.2).collect::<Vec<_>>().join("; ");
            let applied = || {
                wl.measures
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i < 31 && e.aux & (1 << i) != 0)
                    .map(|(_, m)| m)
            };
            r.basis = dedup_join(
                &applied().map(|m| m.basis.as_str()).collect::<Vec<_>>(),
                "；",
            );
            r.basis_en = dedup_join(
                &applied().map(|m| m.basis_en.as_str()).collect::<Vec<_>>(),
                "; ",
            );
            r.detail_zh = format!("风险分类{}，无限制性措施", r.class);
            r.detail_en = format!("class {}, no restrictive measure", r.class);
        }
        Item::Restriction => {
            if let Some(m) = wl.measures.get(e.aux as usize) {
                r.item = m.id.clone();
                r.item_zh = m.zh.clone();
                r.item_en = m.en.clone();
                r.basis = m.basis.clone();
                r.basis_en = m.basis_en.clone();
                r.detail_zh = format!("退出条件：{}", m.exit);
                r.detail_en = match e.due {
                    Some(d) => format!("ends {}", format_date(d)),
                    None => "until the listing is removed".into(),
                };
            }
        }
    }
    r
}

fn dedup_join(v: &[&str], sep: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for s in v {
        if !out.contains(s) {
            out.push(s);
        }
    }
    out.join(sep)
}
