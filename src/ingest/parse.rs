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

use super::error::{RowError, RowProblem};
use super::row::Row;
use super::value::Unit;
use crate::records::*;
use crate::store::{NumberKey, NumberTable, Store};
use crate::strpool::StrPool;
use crate::uscc::Uscc;

/// A record parsed from one row, not yet in the store: `ent` fields are unset.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Parsed {
    Registration(Uscc, Registration, u32),
    AnnualReport(Uscc, AnnualReport),
    Licence(Uscc, Licence, NumberKey),
    Penalty(Uscc, Penalty, NumberKey),
    Inspection(Uscc, Inspection),
    ListEntry(Uscc, ListEntry),
    Commitment(Uscc, Commitment),
    Complaint(Uscc, Complaint),
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
    }
}

impl Parsed {
    /// Adds the record to the store: `Some(true)` added, `Some(false)` a repeat of a record
    /// already held (counted as a duplicate), `None` a registration repeating a USCC, kept
    /// in the store for the loader to tell a duplicate from a conflict. Reads nothing of the
    /// store's string pool; an address is taken from `addresses`, the batch's; `source` is
    /// the file's id ([`Store::source_id`]).
    pub(crate) fn apply(self, addresses: &StrPool, store: &mut Store, source: u32) -> Option<bool> {
        Some(match self {
            Parsed::Registration(uscc, mut r, line) => {
                let ent = store.ent_id(uscc);
                if store.registration(ent).is_some() {
                    r.address = crate::strpool::StrId(0);
                    store.push_repeat(crate::store::RegRepeat { ent, reg: r, line });
                    return None;
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
        })
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
    let r = Inspection {
        ent: 0,
        kind_text: unread(row, 3, texts)?,
        task: texts.intern(task),
        date,
        kind,
        result,
    };
    Ok(Parsed::Inspection(uscc, r))
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
    ];

    #[test]
    fn parser_positions_match_documented_columns() {
        for (kind, keys) in USED {
            let cols: Vec<&str> = kind.columns().iter().map(|c| c.key).collect();
            assert_eq!(&cols, keys, "{kind:?}");
        }
    }
}
