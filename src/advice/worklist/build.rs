//! The one pass over the enterprises that fills every work list.

use super::duties::abnormal_duties;
use super::labels::Item;
use super::shares::Tally;
use super::{Entry, MeasureInfo, WorkLists};
use crate::advice::measures::measures_for;
use crate::advice::repair::{repair_options_plain, RepairReport};
use crate::date::{parse_date, Date};
use crate::policy::{Class, Eligibility, MeasureKind, ValidPolicy};
use crate::progress::{Cancelled, Progress};
use crate::records::*;
use crate::score::Scoring;
use crate::store::Store;

/// The most measures a bit set holds (the 告知承诺 pseudo-measure takes one more bit).
const MAX_BITS: usize = 31;

/// Every work list of `scoring` (made from `store` under `policy`), in one pass.
pub fn work_lists(
    store: &Store,
    policy: &ValidPolicy,
    scoring: &Scoring,
    progress: &mut dyn Progress,
) -> Result<WorkLists, Cancelled> {
    let as_of = scoring.as_of;
    let rules = &policy.policy().rules;
    let catalogue = &rules.measures;
    let measures: Vec<MeasureInfo> = catalogue
        .iter()
        .map(|m| MeasureInfo {
            id: m.id.clone(),
            kind: m.kind,
            zh: m.zh.clone(),
            en: m.en.clone(),
            basis: m.basis.clone(),
            basis_en: m.basis_english(),
            exit: m.exit.clone(),
        })
        .collect();
    // The restriction that forbids 告知承诺: where it does not apply, the roster says so.
    let no_commitment = catalogue
        .iter()
        .position(|m| m.eligibility == Eligibility::SeriousListOrFalseCommitment);
    let commitment_bit = measures.len().min(MAX_BITS);
    let mut wl = WorkLists {
        as_of,
        repairable: Vec::new(),
        duties: Vec::new(),
        commitments: Vec::new(),
        incentives: Vec::new(),
        restrictions: Vec::new(),
        measures,
        shares: Default::default(),
    };
    let mut tally = Tally::new();
    let n = store.len();
    let excluded = &scoring.overlay.excluded;
    let mut clean: [Option<Vec<crate::advice::MeasureAnswer>>; 5] = Default::default();
    for ent in 0..n as EntId {
        if ent % 32_768 == 0 {
            progress.report("work lists", ent as f64 / n.max(1) as f64)?;
        }
        let code = scoring.classes[ent as usize];
        tally.add(store, ent, code);
        let class = Class::from_code(code);
        let has_records = !(store.penalties.of(ent).1.is_empty()
            && store.list_entries.of(ent).1.is_empty()
            && store.commitments.of(ent).1.is_empty()
            && store.inspections.of(ent).1.is_empty());
        let report =
            has_records.then(|| repair_options_plain(store, policy, ent, as_of, &scoring.overlay));
        if let Some(r) = &report {
            repairs(&mut wl, store, ent, r);
        }
        abnormal_duties(
            &mut wl.duties,
            store,
            policy,
            ent,
            as_of,
            excluded,
            report.as_ref(),
        );
        overdue(&mut wl.commitments, store, ent, as_of, excluded);
        // Without negative records, the measures depend on the class alone: answered once
        // per class.
        let fresh;
        let answers = if has_records {
            fresh = measures_for(
                store,
                catalogue,
                rules.order107_effective,
                ent,
                class,
                as_of,
                excluded,
            );
            &fresh
        } else {
            &*clean[code.min(4) as usize].get_or_insert_with(|| {
                measures_for(
                    store,
                    catalogue,
                    rules.order107_effective,
                    ent,
                    class,
                    as_of,
                    excluded,
                )
            })
        };
        let mut bits = 0u32;
        for (i, m) in answers.iter().enumerate().filter(|(_, m)| m.applies) {
            match m.kind {
                MeasureKind::Incentive if i < MAX_BITS => bits |= 1 << i,
                MeasureKind::Incentive => {}
                MeasureKind::Restriction => wl.restrictions.push(Entry {
                    ent,
                    item: Item::Restriction,
                    record: m.records.first().copied(),
                    date: m
                        .records
                        .iter()
                        .map(|r| record_date(store, *r))
                        .max()
                        .unwrap_or(as_of),
                    due: measure_end(store, policy, ent, as_of, &m.records, report.as_ref()),
                    now: false,
                    aux: i as u32,
                }),
            }
        }
        if no_commitment.is_some_and(|i| !answers[i].applies) {
            bits |= 1 << commitment_bit;
        }
        // The roster names classified enterprises with at least one incentive.
        if class.is_some() && bits & !(1 << commitment_bit) != 0 {
            wl.incentives.push(Entry {
                ent,
                item: Item::Incentive,
                record: None,
                date: as_of,
                due: None,
                now: false,
                aux: bits,
            });
        }
    }
    wl.shares = tally.finish(store);
    progress.report("work lists", 1.0)?;
    Ok(wl)
}

/// The date of a record the measures name.
pub(super) fn record_date(store: &Store, r: RecordRef) -> Date {
    let i = r.index as usize;
    match r.kind {
        RecordKind::Penalty => store.penalties.rows()[i].date,
        RecordKind::ListEntry => store.list_entries.rows()[i].listed,
        RecordKind::Commitment => {
            let c = &store.commitments.rows()[i];
            c.verified.or(c.due).unwrap_or(c.committed)
        }
        RecordKind::Inspection => store.inspections.rows()[i].date,
        _ => Date::MIN,
    }
}

/// Repairable penalty publicity and serious listings; broken and false commitments.
fn repairs(wl: &mut WorkLists, store: &Store, ent: EntId, r: &RepairReport) {
    for o in &r.options {
        let record = RecordRef {
            kind: o.record_kind,
            index: o.record_index,
        };
        let date = parse_date(&o.record_date).unwrap_or(wl.as_of);
        let earliest = o.earliest.as_deref().and_then(parse_date);
        let (list, item) = match o.record_kind {
            RecordKind::Penalty if o.repairable => (&mut wl.repairable, Item::PenaltyPublicity),
            RecordKind::ListEntry
                if o.repairable
                    && store.list_entries.rows()[o.record_index as usize].list
                        == ListKind::Serious =>
            {
                (&mut wl.repairable, Item::SeriousList)
            }
            RecordKind::Commitment => {
                let c = &store.commitments.rows()[o.record_index as usize];
                let item = if c.outcome == CommitmentOutcome::False {
                    Item::False
                } else {
                    Item::Broken
                };
                (&mut wl.commitments, item)
            }
            _ => continue,
        };
        list.push(Entry {
            ent,
            item,
            record: Some(record),
            date,
            due: earliest,
            now: o.eligible_now,
            aux: 0,
        });
    }
}

/// Pending commitments whose verification date has passed.
fn overdue(out: &mut Vec<Entry>, store: &Store, ent: EntId, as_of: Date, excluded: &Exclusions) {
    let (first, rows) = store.commitments.of(ent);
    for (i, c) in rows.iter().enumerate() {
        let r = RecordRef {
            kind: RecordKind::Commitment,
            index: (first + i) as u32,
        };
        if c.outcome == CommitmentOutcome::Pending
            && c.verified.is_none()
            && c.committed <= as_of
            && c.due.is_some_and(|d| d < as_of)
            && !excluded.contains(&r)
        {
            out.push(Entry {
                ent,
                item: Item::VerificationOverdue,
                record: Some(r),
                date: c.committed,
                due: c.due,
                now: false,
                aux: 0,
            });
        }
    }
}

/// The day a restriction ends: the latest end of the records behind it — a serious listing's
/// period ([`crate::law::lists::serious_ends`]), a false commitment's publicity under Order
/// 107 (the repair answer's `stops_by_itself`). `None` when one of them has no fixed end (an
/// abnormal listing lasts until its cause is cured).
fn measure_end(
    store: &Store,
    policy: &ValidPolicy,
    ent: EntId,
    as_of: Date,
    records: &[RecordRef],
    report: Option<&RepairReport>,
) -> Option<Date> {
    let rules = &policy.policy().rules;
    let mut end: Option<Date> = None;
    for r in records {
        let e = match r.kind {
            RecordKind::ListEntry => {
                let l = &store.list_entries.rows()[r.index as usize];
                if l.list != ListKind::Serious {
                    return None;
                }
                let pens = store.penalties.of(ent).1;
                crate::law::lists::serious_ends(rules, l, pens, as_of).0
            }
            _ => report?
                .options
                .iter()
                .find(|o| o.record_kind == r.kind && o.record_index == r.index)
                .and_then(|o| o.stops_by_itself.as_deref())
                .and_then(parse_date)?,
        };
        end = Some(end.map_or(e, |x| x.max(e)));
    }
    end
}
