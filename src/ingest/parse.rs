//! One parser per record kind: a CSV row in, a typed record out; then the record into the
//! store.
//!
//! The two halves are apart so they can run on two threads: parsing (checking and
//! converting every field, storing and interning texts) needs the row and the store's string
//! pool, and [`Parsed::apply`] (finding the enterprise, recognising repeats, adding the
//! record) needs the rest of the store. A parsed record names its enterprise by USCC; its
//! texts are already in the pool, and an identifying number also travels as a 96-bit hash
//! so that repeats are recognised without reading the pool.
//!
//! Column numbers are positions in [`RecordKind::columns`]; a unit test below checks each
//! against its key so the two cannot drift apart.
//!
//! The planning kinds (roster, item list) go into [`Store::roster`] when applied; an id held
//! already is a duplicate (same content) or rejected there with reason `duplicate_id` (other
//! content), see [`crate::store::RosterAdd`] — so a parsed entry carries the error its row
//! would get.

use super::error::{RowError, RowProblem};
use super::row::Row;
use super::value::Unit;
use crate::records::*;
use crate::store::{NumberKey, NumberTable, Store};
use crate::strpool::StrPool;
use crate::uscc::Uscc;

/// A record parsed from one row, not yet in the store: `ent` fields are unset.
#[derive(Debug, Clone)]
pub(crate) enum Parsed {
    Registration(Uscc, Registration, u32),
    AnnualReport(Uscc, AnnualReport),
    Licence(Uscc, Licence, NumberKey),
    Penalty(Uscc, Penalty, NumberKey),
    Inspection(Uscc, Inspection),
    ListEntry(Uscc, ListEntry),
    Commitment(Uscc, Commitment),
    Complaint(Uscc, Complaint),
    Inspector(Box<Planned<Inspector>>),
    Item(Box<Planned<Item>>),
}

/// A roster or item-list entry parsed, with the error of its row (on its id column) should
/// its id be held already with other content.
#[derive(Debug, Clone)]
pub(crate) struct Planned<T> {
    pub entry: T,
    pub repeat: RowError,
    /// The row's warnings ([`Row::warnings`]), taken back should it be rejected.
    pub warnings: u64,
}

/// What applying a parsed record did.
#[derive(Debug)]
pub(crate) enum Applied {
    /// Added to the store.
    Added,
    /// A repeat of a record held: counted as a duplicate.
    Duplicate,
    /// A registration repeating a USCC, kept in the store for the loader to tell a duplicate
    /// from a conflict.
    Pending,
    /// Rejected on applying (a roster id held with other content), with the warnings its
    /// row was counted with ([`Row::warnings`]).
    Rejected(Box<RowError>, u64),
}

/// Parses one row of `kind`, its texts stored in `texts` (the store's pool) — except the
/// address, which goes into `addresses` (the batch's) for [`Parsed::apply`] to intern: the
/// thread that applies records has the lighter load while a registration file is read.
pub(crate) fn parse_row(
    kind: RecordKind,
    row: &Row,
    texts: &mut StrPool,
    addresses: &mut StrPool,
) -> Result<Parsed, Box<RowError>> {
    match kind {
        RecordKind::Registration => registration(row, texts, addresses),
        RecordKind::AnnualReport => annual_report(row),
        RecordKind::Licence => licence(row, texts),
        RecordKind::Penalty => penalty(row, texts),
        RecordKind::Inspection => inspection(row, texts),
        RecordKind::ListEntry => list_entry(row, texts),
        RecordKind::Commitment => commitment(row, texts),
        RecordKind::Complaint => complaint(row, texts),
        RecordKind::Inspector => inspector(row),
        RecordKind::Item => item(row),
    }
}

impl Parsed {
    /// Adds the record to the store (see [`Applied`]). Reads nothing of the store's string
    /// pool; an address is taken from `addresses`, the batch's; `source` is the file's id
    /// ([`Store::source_id`]).
    pub(crate) fn apply(self, addresses: &StrPool, store: &mut Store, source: u32) -> Applied {
        let added = match self {
            Parsed::Registration(uscc, mut r, line) => {
                let ent = store.ent_id(uscc);
                if store.registration(ent).is_some() {
                    r.address = crate::strpool::StrId(0);
                    store.push_repeat(crate::store::RegRepeat { ent, reg: r, line });
                    return Applied::Pending;
                }
                r.address = store.addresses.intern(addresses.get(r.address));
                store.set_registration_origin(ent, source, line);
                store.set_registration(ent, r)
            }
            Parsed::AnnualReport(uscc, mut r) => {
                r.ent = store.ent_id(uscc);
                store.add_annual_report(r)
            }
            Parsed::Licence(uscc, mut r, number) => {
                r.ent = store.ent_id(uscc);
                store.claim_number(NumberTable::Licence, r.ent, number) && store.add_licence(r)
            }
            Parsed::Penalty(uscc, mut r, number) => {
                r.ent = store.ent_id(uscc);
                store.claim_number(NumberTable::Penalty, r.ent, number) && store.add_penalty(r)
            }
            Parsed::Inspection(uscc, mut r) => {
                r.ent = store.ent_id(uscc);
                store.add_inspection(r)
            }
            Parsed::ListEntry(uscc, mut r) => {
                r.ent = store.ent_id(uscc);
                store.add_list_entry(r)
            }
            Parsed::Commitment(uscc, mut r) => {
                r.ent = store.ent_id(uscc);
                store.add_commitment(r)
            }
            Parsed::Complaint(uscc, mut r) => {
                r.ent = store.ent_id(uscc);
                store.add_complaint(r)
            }
            Parsed::Inspector(p) => {
                let Planned {
                    entry,
                    repeat,
                    warnings,
                } = *p;
                let added = store.add_inspector(entry, source);
                return roster_outcome(store, RecordKind::Inspector, added, repeat, warnings);
            }
            Parsed::Item(p) => {
                let Planned {
                    entry,
                    repeat,
                    warnings,
                } = *p;
                let added = store.add_item(entry, source);
                return roster_outcome(store, RecordKind::Item, added, repeat, warnings);
            }
        };
        if added {
            Applied::Added
        } else {
            Applied::Duplicate
        }
    }
}

/// What adding a roster or item-list entry did, as the loader counts it.
fn roster_outcome(
    store: &Store,
    kind: RecordKind,
    added: crate::store::RosterAdd,
    repeat: RowError,
    warnings: u64,
) -> Applied {
    use crate::store::RosterAdd;
    match added {
        RosterAdd::Added => Applied::Added,
        RosterAdd::Duplicate => Applied::Duplicate,
        RosterAdd::Conflict { index } => {
            let held = store.roster_origin(kind, index);
            let line = match kind {
                RecordKind::Inspector => store.roster.inspectors.get(index).map(|x| x.line),
                _ => store.roster.items.get(index).map(|x| x.line),
            };
            let problem = RowProblem::DuplicateId {
                file: held.map(|(f, s, _)| match s {
                    Some(s) => format!("{f} [{s}]"),
                    None => f.to_string(),
                }),
                line: line.unwrap_or(0),
            };
            Applied::Rejected(Box::new(repeat.with_problem(problem)), warnings)
        }
    }
}

fn registration(
    row: &Row,
    texts: &mut StrPool,
    addresses: &mut StrPool,
) -> Result<Parsed, Box<RowError>> {
    let uscc = row.uscc(0)?;
    let name = row.required(1)?;
    let entity_type_text = row.text(2)?;
    let entity_type = row.optional_term(
        2,
        |t| tables::read_entity_type(t).map(|r| r.kind),
        EntityType::Other,
        EntityType::Other,
    )?;
    let industry = row.text(3)?;
    if !industry.is_empty() && tables::industry(industry).is_none() {
        // Optional: a code GB/T 4754-2017 does not know is kept as written, with a warning.
        row.warn(3);
    }
    let established = row.date(4)?;
    let capital = row.opt_amount(5, Unit::TenThousandYuan)?;
    let status_text = row.text(6)?;
    let status = row.optional_term(
        6,
        |t| tables::read_reg_status(t).map(|r| r.status),
        RegStatus::Active,
        RegStatus::Other,
    )?;
    let region = row.text(7)?;
    let address = row.text(8)?;
    let r = Registration {
        name: texts.push(name),
        entity_type,
        entity_type_text: texts.intern(entity_type_text),
        industry: texts.intern(industry),
        established,
        capital,
        status,
        status_text: texts.intern(status_text),
        region: texts.intern(region),
        address: addresses.push(address),
    };
    Ok(Parsed::Registration(
        uscc,
        r,
        row.line.min(u32::MAX.into()) as u32,
    ))
}

fn annual_report(row: &Row) -> Result<Parsed, Box<RowError>> {
    let uscc = row.uscc(0)?;
    let year_text = row.required(1)?;
    let year: u16 = year_text
        .trim_end_matches(['年', '度'])
        .parse()
        .map_err(|_| row.error(Some(1), RowProblem::Number))?;
    if !(1990..=2100).contains(&year) {
        return Err(row.error(Some(1), RowProblem::Range("year must be 1990–2100")));
    }
    let filed = row.opt_date(2)?;
    Ok(Parsed::AnnualReport(
        uscc,
        AnnualReport {
            ent: 0,
            year,
            filed,
        },
    ))
}

fn licence(row: &Row, texts: &mut StrPool) -> Result<Parsed, Box<RowError>> {
    let uscc = row.uscc(0)?;
    let number = row.required(1)?;
    let kind = row.text(2)?;
    let issued = row.opt_date(3)?;
    let expires = row.opt_date(4)?;
    let status = row.optional_term(
        5,
        LicenceStatus::parse,
        LicenceStatus::Valid,
        LicenceStatus::Valid,
    )?;
    let r = Licence {
        status_text: unread(row, 5, texts)?,
        ent: 0,
        number: texts.push(number),
        kind: texts.intern(kind),
        issued,
        expires,
        status,
    };
    Ok(Parsed::Licence(uscc, r, NumberKey::of(number)))
}

fn penalty(row: &Row, texts: &mut StrPool) -> Result<Parsed, Box<RowError>> {
    let uscc = row.uscc(0)?;
    let decision_no = row.required(1)?;
    let date = row.date(2)?;
    let procedure =
        row.optional_term(3, Procedure::parse, Procedure::General, Procedure::General)?;
    let kinds_text = row.required(4)?;
    let kinds = PenaltyKinds::parse(&crate::text::halfwidth(kinds_text))
        .map_err(|_| row.error(Some(4), RowProblem::Term(PenaltyKind::accepted())))?;
    if kinds.is_empty() {
        return Err(row.error(Some(4), RowProblem::Missing));
    }
    let fine = row.opt_amount(5, Unit::Yuan)?;
    let domain = row.optional_term(6, Domain::parse, Domain::Other, Domain::Other)?;
    let aggravated = row.flag(7, false)?;
    let fulfilled = row.flag(8, false)?;
    let harm_eliminated = row.flag(9, false)?;
    let published = row.opt_date(10)?;
    let restriction_months = months(row, 11)?;
    let revoked = row.opt_date(12)?;
    if revoked.is_some_and(|r| r < date) {
        return Err(row.error(
            Some(12),
            RowProblem::Range("revoked before the decision date"),
        ));
    }
    let r = Penalty {
        ent: 0,
        procedure_text: unread(row, 3, texts)?,
        domain_text: unread(row, 6, texts)?,
        decision_no: texts.push(decision_no),
        date,
        procedure,
        kinds,
        fine,
        domain,
        aggravated,
        fulfilled,
        harm_eliminated,
        published,
        restriction_months,
        revoked,
    };
    Ok(Parsed::Penalty(uscc, r, NumberKey::of(decision_no)))
}

/// What an unrecognised value of optional column `col` of `kind` is read as: (code, 中文).
pub(crate) fn read_as(kind: RecordKind, col: usize) -> (&'static str, &'static str) {
    let pair = |code: &'static str, zh: &'static str| (code, zh);
    match (kind, kind.columns().get(col).map_or("", |c| c.key)) {
        (_, "entity_type") => pair(EntityType::Other.code(), EntityType::Other.zh()),
        (_, "status") => pair(RegStatus::Other.code(), RegStatus::Other.zh()),
        (_, "licence_status") => pair(LicenceStatus::Valid.code(), LicenceStatus::Valid.zh()),
        (_, "procedure") => pair(Procedure::General.code(), Procedure::General.zh()),
        (_, "domain") => pair(Domain::Other.code(), Domain::Other.zh()),
        (_, "inspection_kind") => {
            pair(InspectionKind::Routine.code(), InspectionKind::Routine.zh())
        }
        (_, "reason") => pair(ListReason::Other.code(), ListReason::Other.zh()),
        (_, "outcome") => pair(
            CommitmentOutcome::Pending.code(),
            CommitmentOutcome::Pending.zh(),
        ),
        (_, "complaint_kind") => pair(
            ComplaintKind::Complaint.code(),
            ComplaintKind::Complaint.zh(),
        ),
        (_, "active") => pair("active", "在岗"),
        (_, "item_class") => pair("general", "一般检查事项"),
        _ => ("other", "其他"),
    }
}

/// The text of optional column `col` as written when it was not recognised (read as "other",
/// see [`Row::optional_term`]); empty otherwise, so a clean row stores nothing.
fn unread(
    row: &Row,
    col: usize,
    texts: &mut StrPool,
) -> Result<crate::strpool::StrId, Box<RowError>> {
    Ok(if row.warned(col) {
        texts.intern(row.text(col)?)
    } else {
        crate::strpool::StrId(0)
    })
}

/// A length in months: `24`, `24个月`, `24月`, `2年` (empty: none).
fn months(row: &Row, col: usize) -> Result<Option<u16>, Box<RowError>> {
    let t = crate::text::halfwidth(row.text(col)?).into_owned();
    let t = t.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let (num, factor) = if let Some(n) = t.strip_suffix('年') {
        (n, 12)
    } else {
        (t.trim_end_matches("个月").trim_end_matches('月'), 1)
    };
    match num.trim().parse::<u16>() {
        Ok(n) if u32::from(n) * factor <= 1200 => Ok(Some(n * factor as u16)),
        Ok(_) => Err(row.error(Some(col), RowProblem::Range("at most 1200 months"))),
        Err(_) => Err(row.error(Some(col), RowProblem::Number)),
    }
}

fn inspection(row: &Row, texts: &mut StrPool) -> Result<Parsed, Box<RowError>> {
    let uscc = row.uscc(0)?;
    let task = row.required(1)?;
    let date = row.date(2)?;
    let kind = row.optional_term(
        3,
        InspectionKind::parse,
        InspectionKind::Random,
        InspectionKind::Routine,
    )?;
    let result = row.term(
        4,
        tables::read_inspection_result,
        InspectionResult::accepted,
        None,
    )?;
    let inspectors = ids(row.text(5)?);
    let published = row.opt_date(6)?;
    let r = Inspection {
        ent: 0,
        kind_text: unread(row, 3, texts)?,
        task: texts.intern(task),
        date,
        kind,
        result,
        inspectors: texts.intern(&inspectors),
        published,
    };
    Ok(Parsed::Inspection(uscc, r))
}

/// The inspector ids of a cell (`A001、A002`), full-width forms as ASCII, joined with `;`.
fn ids(cell: &str) -> String {
    split_list(cell)
        .iter()
        .map(|id| crate::text::halfwidth(id))
        .collect::<Vec<_>>()
        .join(";")
}

fn list_entry(row: &Row, texts: &mut StrPool) -> Result<Parsed, Box<RowError>> {
    let uscc = row.uscc(0)?;
    let list = row.term(1, ListKind::parse, ListKind::accepted, None)?;
    let reason = row.optional_term(2, ListReason::parse, ListReason::Other, ListReason::Other)?;
    let listed = row.date(3)?;
    let removed = row.opt_date(4)?;
    if removed.is_some_and(|r| r < listed) {
        return Err(row.error(Some(4), RowProblem::Range("removed before it was listed")));
    }
    let authority = row.text(5)?;
    let r = ListEntry {
        ent: 0,
        reason_text: unread(row, 2, texts)?,
        list,
        reason,
        listed,
        removed,
        authority: texts.intern(authority),
    };
    Ok(Parsed::ListEntry(uscc, r))
}

fn commitment(row: &Row, texts: &mut StrPool) -> Result<Parsed, Box<RowError>> {
    let uscc = row.uscc(0)?;
    let item = row.required(1)?;
    let committed = row.date(2)?;
    let due = row.opt_date(3)?;
    let verified = row.opt_date(4)?;
    let outcome = row.optional_term(
        5,
        CommitmentOutcome::parse,
        CommitmentOutcome::Pending,
        CommitmentOutcome::Pending,
    )?;
    let r = Commitment {
        ent: 0,
        outcome_text: unread(row, 5, texts)?,
        item: texts.intern(item),
        committed,
        due,
        verified,
        outcome,
    };
    Ok(Parsed::Commitment(uscc, r))
}

fn complaint(row: &Row, texts: &mut StrPool) -> Result<Parsed, Box<RowError>> {
    let uscc = row.uscc(0)?;
    let date = row.date(1)?;
    let kind = row.optional_term(
        2,
        ComplaintKind::parse,
        ComplaintKind::Complaint,
        ComplaintKind::Complaint,
    )?;
    let kind_text = unread(row, 2, texts)?;
    let substantiated = row.flag(3, false)?;
    let on_time = row.flag(4, true)?;
    Ok(Parsed::Complaint(
        uscc,
        Complaint {
            ent: 0,
            kind_text,
            date,
            kind,
            substantiated,
            on_time,
        },
    ))
}

/// The entries of a list cell, owned.
fn owned_list(cell: &str) -> Vec<String> {
    split_list(cell).into_iter().map(str::to_string).collect()
}

/// 在岗状态: whether an inspector can be drawn.
fn read_active(t: &str) -> Option<bool> {
    match t.trim() {
        "在岗" | "是" | "有效" | "正常" | "在职" | "启用" => Some(true),
        "离岗" | "否" | "调离" | "退休" | "停用" | "离职" | "无效" => Some(false),
        t => parse_bool(t),
    }
}

/// 事项类别: whether an item is a 重点检查事项.
fn read_item_class(t: &str) -> Option<bool> {
    match t.trim() {
        "重点" | "重点检查事项" | "重点事项" | "重点检查" => Some(true),
        "一般" | "一般检查事项" | "一般事项" | "一般检查" => Some(false),
        t if t.eq_ignore_ascii_case("key") => Some(true),
        t if t.eq_ignore_ascii_case("general") => Some(false),
        _ => None,
    }
}

/// Whether an entry looks like a USCC, valid or not: 18 characters of its alphabet.
fn looks_like_uscc(t: &str) -> bool {
    t.len() == 18
        && t.bytes()
            .all(|b| crate::uscc::CHARSET.contains(&b.to_ascii_uppercase()))
}

/// The error of a row whose id repeats one held with other content (the location of the entry
/// held is filled in when it is known).
fn repeat_error(row: &Row) -> RowError {
    *row.error(
        Some(0),
        RowProblem::DuplicateId {
            file: None,
            line: 0,
        },
    )
}

fn inspector(row: &Row) -> Result<Parsed, Box<RowError>> {
    let id = crate::text::halfwidth(row.required(0)?).into_owned();
    let name = row.required(1)?;
    let unit = row.required(2)?;
    let qualifications = owned_list(row.text(3)?);
    let region = row.text(4)?;
    let (mut conflict_usccs, mut conflict_names) = (Vec::new(), Vec::new());
    for entry in split_list(row.text(5)?) {
        let t = crate::text::halfwidth(entry);
        if !looks_like_uscc(&t) {
            conflict_names.push(entry.to_string());
            continue;
        }
        match Uscc::parse(&t) {
            Ok(u) => {
                let u = u.to_string();
                if !conflict_usccs.contains(&u) {
                    conflict_usccs.push(u);
                }
            }
            Err(e) => {
                return Err(row.error(
                    Some(5),
                    RowProblem::Entry {
                        entry: entry.to_string(),
                        problem: Box::new(RowProblem::Uscc(e)),
                    },
                ))
            }
        }
    }
    let active = row.optional_term(6, read_active, true, true)?;
    Ok(Parsed::Inspector(Box::new(Planned {
        entry: Inspector {
            id,
            name: name.to_string(),
            unit: unit.to_string(),
            qualifications,
            region: region.to_string(),
            conflict_usccs,
            conflict_names,
            active,
            line: row.line,
        },
        repeat: repeat_error(row),
        warnings: row.warnings.get(),
    })))
}

/// The words of a 检查对象 cell that name every entity type.
const EVERY_TYPE: &[&str] = &[
    "全部",
    "所有",
    "不限",
    "市场主体",
    "各类市场主体",
    "所有市场主体",
    "全部市场主体",
];

/// The entity types `企业` names: every form of enterprise (not 个体工商户, not 农民专业合作社).
const ENTERPRISE_TYPES: [EntityType; 4] = [
    EntityType::Company,
    EntityType::Partnership,
    EntityType::SoleProprietorship,
    EntityType::Branch,
];

/// 检查对象: the entity types of a cell. An entry naming no type is left out and warned
/// about; a cell naming every type (or none) gives the empty list.
fn entity_types(row: &Row, col: usize) -> Result<Vec<EntityType>, Box<RowError>> {
    let mut out: Vec<EntityType> = Vec::new();
    let mut every = false;
    for entry in split_list(row.text(col)?) {
        let t = crate::text::halfwidth(entry);
        let one;
        let found: &[EntityType] = if EVERY_TYPE.contains(&t.as_ref()) {
            every = true;
            &[]
        } else if matches!(t.as_ref(), "企业" | "各类企业" | "所有企业" | "全部企业")
        {
            &ENTERPRISE_TYPES
        } else if let Some(r) = tables::read_entity_type(&t) {
            one = [r.kind];
            &one
        } else {
            row.warn(col);
            &[]
        };
        for &k in found {
            if !out.contains(&k) {
                out.push(k);
            }
        }
    }
    if every {
        out.clear();
    }
    Ok(out)
}

/// One 行业代码 entry as the item list holds it: a section letter (`C`) or a code with its
/// letter (`F52`, `F5212`; the letter added to `5212`); `None` when it is neither, or names no
/// GB/T 4754-2017 code, or its letter is not its code's section.
fn industry_entry(entry: &str) -> Option<String> {
    let t = crate::text::halfwidth(entry).to_ascii_uppercase();
    let b = t.as_bytes();
    match b {
        [l] if (b'A'..=b'T').contains(l) => return Some(t),
        [] => return None,
        _ => {}
    }
    let (letter, digits) = if b[0].is_ascii_uppercase() {
        (Some(&t[..1]), &t[1..])
    } else {
        (None, &t[..])
    };
    if !(2..=4).contains(&digits.len()) || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let e = tables::industry(digits).filter(|e| e.code == digits)?;
    let section = tables::industry_section(e.code)?;
    match letter {
        Some(l) if l != section => None,
        _ => Some(format!("{section}{digits}")),
    }
}

fn item(row: &Row) -> Result<Parsed, Box<RowError>> {
    let code = crate::text::halfwidth(row.required(0)?).into_owned();
    let name = row.required(1)?;
    let department = row.required(2)?;
    let basis = row.text(3)?;
    let entity_types = entity_types(row, 4)?;
    let mut industries: Vec<String> = Vec::new();
    for entry in split_list(row.text(5)?) {
        let Some(code) = industry_entry(entry) else {
            return Err(row.error(
                Some(5),
                RowProblem::Entry {
                    entry: entry.to_string(),
                    problem: Box::new(RowProblem::Industry),
                },
            ));
        };
        if !industries.contains(&code) {
            industries.push(code);
        }
    }
    let licence_kinds = owned_list(row.text(6)?);
    let key = row.optional_term(7, read_item_class, false, false)?;
    let qualification = row.text(8)?;
    Ok(Parsed::Item(Box::new(Planned {
        entry: Item {
            code,
            name: name.to_string(),
            department: department.to_string(),
            basis: basis.to_string(),
            entity_types,
            industries,
            licence_kinds,
            key,
            qualification: qualification.to_string(),
            line: row.line,
        },
        repeat: repeat_error(row),
        warnings: row.warnings.get(),
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The positions used by the parsers above, per kind.
    const USED: &[(RecordKind, &[&str])] = &[
        (
            RecordKind::Registration,
            &[
                "uscc",
                "name",
                "entity_type",
                "industry",
                "established",
                "capital",
                "status",
                "region",
                "address",
            ],
        ),
        (RecordKind::AnnualReport, &["uscc", "year", "filed"]),
        (
            RecordKind::Licence,
            &[
                "uscc",
                "licence_no",
                "licence_kind",
                "issued",
                "expires",
                "licence_status",
            ],
        ),
        (
            RecordKind::Penalty,
            &[
                "uscc",
                "decision_no",
                "decision_date",
                "procedure",
                "penalty_kinds",
                "fine",
                "domain",
                "aggravated",
                "fulfilled",
                "harm_eliminated",
                "published_date",
                "restriction_months",
                "revoked_date",
            ],
        ),
        (
            RecordKind::Inspection,
            &[
                "uscc",
                "task_id",
                "inspection_date",
                "inspection_kind",
                "result",
                "inspectors",
                "result_published",
            ],
        ),
        (
            RecordKind::ListEntry,
            &[
                "uscc",
                "list",
                "reason",
                "listed_date",
                "removed_date",
                "authority",
            ],
        ),
        (
            RecordKind::Commitment,
            &[
                "uscc",
                "item",
                "committed_date",
                "due_date",
                "verified_date",
                "outcome",
            ],
        ),
        (
            RecordKind::Complaint,
            &[
                "uscc",
                "complaint_date",
                "complaint_kind",
                "substantiated",
                "on_time",
            ],
        ),
        (
            RecordKind::Inspector,
            &[
                "inspector_id",
                "inspector_name",
                "unit",
                "qualifications",
                "inspector_region",
                "conflicts",
                "active",
            ],
        ),
        (
            RecordKind::Item,
            &[
                "item_code",
                "item_name",
                "department",
                "basis",
                "entity_types",
                "industries",
                "licence_kinds",
                "item_class",
                "qualification",
            ],
        ),
    ];

    #[test]
    fn industry_entries() {
        assert_eq!(industry_entry("C").as_deref(), Some("C"));
        assert_eq!(industry_entry("f52").as_deref(), Some("F52"));
        assert_eq!(industry_entry("F5212").as_deref(), Some("F5212"));
        assert_eq!(industry_entry("5212").as_deref(), Some("F5212"));
        assert_eq!(industry_entry("６２").as_deref(), Some("H62"));
        assert_eq!(industry_entry("C5212"), None, "not the section of 5212");
        assert_eq!(industry_entry("U"), None);
        assert_eq!(industry_entry("F9999"), None);
        assert_eq!(industry_entry("F5"), None);
        assert_eq!(industry_entry("批发和零售业"), None);
        assert_eq!(industry_entry("F52A"), None);
    }

    #[test]
    fn active_and_item_class_words() {
        assert_eq!(read_active("在岗"), Some(true));
        assert_eq!(read_active("退休"), Some(false));
        assert_eq!(read_active("Y"), Some(true));
        assert_eq!(read_active("借调"), None);
        assert_eq!(read_item_class("重点检查事项"), Some(true));
        assert_eq!(read_item_class("一般事项"), Some(false));
        assert_eq!(read_item_class("专项"), None);
    }

    #[test]
    fn parser_positions_match_documented_columns() {
        for (kind, keys) in USED {
            let cols: Vec<&str> = kind.columns().iter().map(|c| c.key).collect();
            assert_eq!(&cols, keys, "{kind:?}");
        }
    }
}
