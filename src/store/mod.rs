//! The store: enterprises and their records, joined by USCC.
//!
//! Enterprises get a dense [`EntId`] on first sight of their USCC, from whichever file names
//! them first, so files may be loaded in any order. Records are kept per kind in flat vectors;
//! [`Store::index`] sorts them by enterprise and date and builds offset tables, after which
//! all records of an enterprise are contiguous slices.

mod dedup;
mod digest;
pub use digest::{combine_digests, roster_digest_of, EnterpriseDigest};
mod roster;

pub use roster::RosterAdd;

use crate::date::Date;
use crate::records::*;
use crate::strpool::{StrId, StrPool};
use crate::uscc::Uscc;
use dedup::EntKeys;
use rustc_hash::FxHashMap;

/// Records of one kind grouped by enterprise once indexed.
#[derive(Debug, Clone)]
pub struct Table<T> {
    rows: Vec<T>,
    /// `offsets[e]..offsets[e + 1]` are the rows of enterprise `e` (valid once indexed).
    offsets: Vec<u32>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            rows: Vec::new(),
            offsets: Vec::new(),
        }
    }
}

impl<T> Table<T> {
    /// All rows (grouped by enterprise once indexed).
    pub fn rows(&self) -> &[T] {
        &self.rows
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The rows of one enterprise, with the index of the first. Empty before indexing.
    pub fn of(&self, ent: EntId) -> (usize, &[T]) {
        let e = ent as usize;
        if e + 1 >= self.offsets.len() {
            return (0, &[]);
        }
        let (a, b) = (self.offsets[e] as usize, self.offsets[e + 1] as usize);
        (a, &self.rows[a..b])
    }

    fn push(&mut self, row: T) {
        self.rows.push(row);
        self.offsets.clear();
    }

    fn index(&mut self, n_ents: usize, ent: impl Fn(&T) -> EntId, date: impl Fn(&T) -> Date)
    where
        T: Copy,
    {
        // A counting sort by enterprise (linear, stable), then each enterprise's few rows by
        // date (stable: file order among rows of the same date is kept).
        let mut offsets = vec![0u32; n_ents + 1];
        for r in &self.rows {
            offsets[ent(r) as usize + 1] += 1;
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let sorted_by_ent = self.rows.windows(2).all(|w| ent(&w[0]) <= ent(&w[1]));
        if !sorted_by_ent {
            let mut next = offsets.clone();
            let mut out: Vec<T> = Vec::with_capacity(self.rows.len());
            // Every slot is written exactly once below.
            out.resize(self.rows.len(), self.rows[0]);
            for r in &self.rows {
                let slot = &mut next[ent(r) as usize];
                out[*slot as usize] = *r;
                *slot += 1;
            }
            self.rows = out;
        }
        for e in 0..n_ents {
            let (a, b) = (offsets[e] as usize, offsets[e + 1] as usize);
            if b - a > 1 {
                self.rows[a..b].sort_by_key(&date);
            }
        }
        self.offsets = offsets;
    }
}

/// Enterprises (columnar) and their records.
#[derive(Debug, Clone, Default)]
pub struct Store {
    /// Text of names, regions, numbers, tasks…
    pub strings: StrPool,
    /// Registered addresses (interned: enterprises at one address share its id).
    pub addresses: StrPool,
    uscc: Vec<Uscc>,
    reg: Vec<Option<Registration>>,
    by_uscc: FxHashMap<u128, EntId>,
    /// The last enterprise looked up: files are often sorted by enterprise.
    last: Option<(Uscc, EntId)>,
    /// 年报.
    pub annual_reports: Table<AnnualReport>,
    /// 行政许可.
    pub licences: Table<Licence>,
    /// 行政处罚.
    pub penalties: Table<Penalty>,
    /// 抽查检查.
    pub inspections: Table<Inspection>,
    /// 名单.
    pub list_entries: Table<ListEntry>,
    /// 告知承诺.
    pub commitments: Table<Commitment>,
    /// 投诉举报.
    pub complaints: Table<Complaint>,
    /// The inspector roster and the item list (planning inputs; not in [`Store::digest`] but
    /// in [`Store::roster_digest`]). Loaded files add to it through [`Store::add_inspector`]
    /// and [`Store::add_item`], which recognise an id read before.
    pub roster: crate::records::Roster,
    /// The ids of the roster and where each entry was read.
    roster_index: roster::RosterIndex,
    indexed: bool,
    seen: Seen,
    /// Where each enterprise's registration was read: (index in `sources`, line), by
    /// enterprise; `(u32::MAX, 0)` when not read from a file.
    reg_origin: Vec<(u32, u32)>,
    /// Files (and sheets) registrations were read from.
    sources: Vec<(String, Option<String>)>,
    /// Registrations repeating a USCC already registered, not loaded, until the loader tells
    /// duplicates from conflicts (which needs the string pool; see [`Store::take_repeats`]).
    repeats: Vec<RegRepeat>,
}

/// A registration repeating a USCC already registered, not loaded.
#[derive(Debug, Clone, Copy)]
pub struct RegRepeat {
    /// The enterprise.
    pub ent: EntId,
    /// The repeat as read (its address not kept).
    pub reg: Registration,
    /// Its line.
    pub line: u32,
}

/// Tables whose records carry an identifying number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberTable {
    /// 许可证编号.
    Licence = 0,
    /// 处罚决定书文号.
    Penalty = 1,
}

/// An identifying number (licence number, decision number) as two independent hashes of
/// its text, 96 bits in all: two different numbers of one enterprise share a key with a
/// probability of about 2⁻⁹⁶.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberKey(u64, u32);

impl NumberKey {
    /// The key of a number's text.
    pub fn of(text: &str) -> Self {
        use std::hash::{BuildHasher, Hasher};
        let mut a = rustc_hash::FxBuildHasher.build_hasher();
        a.write(text.as_bytes());
        let mut b = rustc_hash::FxBuildHasher.build_hasher();
        b.write_u64(0x9e37_79b9_7f4a_7c15);
        b.write(text.as_bytes());
        b.write_usize(text.len());
        NumberKey(a.finish(), (b.finish() >> 32) as u32)
    }
}

/// The most rows [`Store::reserve`] reserves for at once (a larger file grows as it loads).
pub const RESERVE_MAX: usize = 5_000_000;

/// Keys of the records already held per enterprise, to recognise a record repeated.
#[derive(Debug, Clone, Default)]
struct Seen {
    /// Report year.
    annual_reports: EntKeys,
    /// First hash of the number → its second hash, per numbered table.
    numbers: [EntKeys; 2],
    /// (task, day).
    inspections: EntKeys,
    /// (day, list).
    list_entries: EntKeys,
    /// (item, day).
    commitments: EntKeys,
}

fn pair(high: u32, low: u32) -> u64 {
    (u64::from(high) << 32) | u64::from(low)
}

fn day(d: Date) -> u32 {
    use chrono::Datelike;
    d.num_days_from_ce() as u32
}

/// Counts of what a store holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct StoreCounts {
    /// Enterprises seen in any file.
    pub enterprises: usize,
    /// Enterprises with a registration row.
    pub registered: usize,
    /// Records of all kinds, registrations included (the roster and the item list are not
    /// records: they are counted apart).
    pub records: usize,
    /// Inspectors of the roster ([`crate::records::Roster::inspectors`]).
    pub inspectors: usize,
    /// Items of the item list ([`crate::records::Roster::items`]).
    pub items: usize,
}

impl Store {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// The id of `uscc`, creating an enterprise without registration when new.
    pub fn ent_id(&mut self, uscc: Uscc) -> EntId {
        if let Some((u, id)) = self.last {
            if u == uscc {
                return id;
            }
            // Files are often in the same enterprise order as the registration file, skipping
            // enterprises without records of their kind: look a little ahead before hashing.
            let start = id as usize + 1;
            let end = (start + 16).min(self.uscc.len());
            if let Some(k) = self.uscc[start.min(end)..end]
                .iter()
                .position(|x| *x == uscc)
            {
                let found = (start + k) as EntId;
                self.last = Some((uscc, found));
                return found;
            }
        }
        // One probe of the map whether the code is new or not.
        let next = self.uscc.len() as EntId;
        let id = *self.by_uscc.entry(uscc.packed()).or_insert(next);
        if id == next {
            self.uscc.push(uscc);
            self.reg.push(None);
            self.indexed = false;
        }
        self.last = Some((uscc, id));
        id
    }

    /// The id of `uscc` if the store knows it.
    pub fn find(&self, uscc: &Uscc) -> Option<EntId> {
        self.by_uscc.get(&uscc.packed()).copied()
    }

    /// The id of a file (and sheet) registrations are read from.
    pub fn source_id(&mut self, file: &str, sheet: Option<&str>) -> u32 {
        if let Some(i) = self
            .sources
            .iter()
            .rposition(|(f, s)| f == file && s.as_deref() == sheet)
        {
            return i as u32;
        }
        self.sources
            .push((file.to_string(), sheet.map(str::to_string)));
        self.sources.len() as u32 - 1
    }

    /// Notes where an enterprise's registration was read.
    pub fn set_registration_origin(&mut self, ent: EntId, source: u32, line: u32) {
        let i = ent as usize;
        if self.reg_origin.len() <= i {
            self.reg_origin.resize(i + 1, (u32::MAX, 0));
        }
        self.reg_origin[i] = (source, line);
    }

    /// Where an enterprise's registration was read: file, sheet and line, when from a file.
    pub fn registration_origin(&self, ent: EntId) -> Option<(&str, Option<&str>, u32)> {
        let &(src, line) = self.reg_origin.get(ent as usize)?;
        let (f, s) = self.sources.get(src as usize)?;
        Some((f.as_str(), s.as_deref(), line))
    }

    /// Keeps a registration repeating one already held, for the loader to compare.
    pub fn push_repeat(&mut self, r: RegRepeat) {
        self.repeats.push(r);
    }

    /// The repeats kept since last asked.
    pub fn take_repeats(&mut self) -> Vec<RegRepeat> {
        std::mem::take(&mut self.repeats)
    }

    /// Sets an enterprise's registration. Returns `false` (and changes nothing) when it
    /// already has one.
    pub fn set_registration(&mut self, ent: EntId, r: Registration) -> bool {
        let slot = &mut self.reg[ent as usize];
        if slot.is_some() {
            return false;
        }
        *slot = Some(r);
        true
    }

    /// Adds an annual report; `false` (nothing added) when the enterprise already has one
    /// for that year.
    pub fn add_annual_report(&mut self, r: AnnualReport) -> bool {
        if self
            .seen
            .annual_reports
            .insert(r.ent, r.year.into(), 0)
            .is_some()
        {
            return false;
        }
        self.indexed = false;
        self.annual_reports.push(r);
        true
    }
    /// Claims the identifying number of a record of `ent` (a licence number, a decision
    /// number) by its key; `false` when the enterprise already has a record with that number
    /// in that table (a duplicate).
    pub fn claim_number(&mut self, table: NumberTable, ent: EntId, number: NumberKey) -> bool {
        let keys = &mut self.seen.numbers[table as usize];
        match keys.insert(ent, number.0, number.1) {
            None => true,
            Some(held) if held == number.1 => false,
            // The same 64-bit hash, another number: keep the record.
            Some(_) => true,
        }
    }

    /// Adds a licence (its number claimed with [`Store::claim_number`]).
    pub fn add_licence(&mut self, r: Licence) -> bool {
        self.indexed = false;
        self.licences.push(r);
        true
    }
    /// Adds a penalty decision (its number claimed with [`Store::claim_number`]).
    pub fn add_penalty(&mut self, r: Penalty) -> bool {
        self.indexed = false;
        self.penalties.push(r);
        true
    }
    /// Adds an inspection; `false` when the enterprise was already recorded for that task on
    /// that date (a follow-up check of the same task on another day is a record of its own).
    pub fn add_inspection(&mut self, r: Inspection) -> bool {
        let k = pair(r.task.0, day(r.date));
        if self.seen.inspections.insert(r.ent, k, 0).is_some() {
            return false;
        }
        self.indexed = false;
        self.inspections.push(r);
        true
    }
    /// Adds a list entry; `false` when the same listing (list, date) is already held.
    pub fn add_list_entry(&mut self, r: ListEntry) -> bool {
        let k = (u64::from(day(r.listed)) << 1) | (r.list as u64);
        if self.seen.list_entries.insert(r.ent, k, 0).is_some() {
            return false;
        }
        self.indexed = false;
        self.list_entries.push(r);
        true
    }
    /// Adds a commitment; `false` when the same item committed the same day is held.
    pub fn add_commitment(&mut self, r: Commitment) -> bool {
        let k = pair(r.item.0, day(r.committed));
        if self.seen.commitments.insert(r.ent, k, 0).is_some() {
            return false;
        }
        self.indexed = false;
        self.commitments.push(r);
        true
    }
    /// Adds a complaint. Complaints carry no number, so repeats are not recognised.
    pub fn add_complaint(&mut self, r: Complaint) -> bool {
        self.indexed = false;
        self.complaints.push(r);
        true
    }

    /// Reserves room for about `rows` more records of `kind` (from a file's size), so the
    /// tables and key sets need not grow while the file loads. Best effort: the guess is
    /// capped at [`RESERVE_MAX`] rows (a size hint from a caller cannot make the store take
    /// much memory for nothing), and room that cannot be had is simply not reserved.
    pub fn reserve(&mut self, kind: RecordKind, rows: usize) {
        let rows = rows.min(RESERVE_MAX);
        let ents = self.uscc.len().saturating_add(rows);
        match kind {
            RecordKind::Registration => {
                let _ = self.uscc.try_reserve(rows);
                let _ = self.reg.try_reserve(rows);
                let _ = self.by_uscc.try_reserve(rows);
                self.strings.reserve(rows, rows * 40);
                self.addresses.reserve(rows, rows * 64);
            }
            RecordKind::AnnualReport => {
                let _ = self.annual_reports.rows.try_reserve(rows);
                self.seen.annual_reports.reserve(rows, ents);
            }
            RecordKind::Licence => {
                let _ = self.licences.rows.try_reserve(rows);
                self.seen.numbers[NumberTable::Licence as usize].reserve(rows, ents);
                self.strings.reserve(rows, rows * 24);
            }
            RecordKind::Penalty => {
                let _ = self.penalties.rows.try_reserve(rows);
                self.seen.numbers[NumberTable::Penalty as usize].reserve(rows, ents);
                self.strings.reserve(rows, rows * 32);
            }
            RecordKind::Inspection => {
                let _ = self.inspections.rows.try_reserve(rows);
                self.seen.inspections.reserve(rows, ents);
            }
            RecordKind::ListEntry => {
                let _ = self.list_entries.rows.try_reserve(rows);
                self.seen.list_entries.reserve(rows, ents);
            }
            RecordKind::Commitment => {
                let _ = self.commitments.rows.try_reserve(rows);
                self.seen.commitments.reserve(rows, ents);
            }
            RecordKind::Complaint => {
                let _ = self.complaints.rows.try_reserve(rows);
            }
            // A roster or an item list holds a few thousand rows at most.
            RecordKind::Inspector => {
                let _ = self.roster.inspectors.try_reserve(rows.min(1 << 16));
            }
            RecordKind::Item => {
                let _ = self.roster.items.try_reserve(rows.min(1 << 16));
            }
        }
    }

    /// Groups every record table by enterprise and date. Cheap when already indexed.
    pub fn index(&mut self) {
        if self.indexed {
            return;
        }
        let n = self.uscc.len();
        self.annual_reports.index(
            n,
            |r| r.ent,
            |r| Date::from_ymd_opt(r.year as i32, 1, 1).unwrap_or(Date::MIN),
        );
        self.licences
            .index(n, |r| r.ent, |r| r.issued.unwrap_or(Date::MIN));
        self.penalties.index(n, |r| r.ent, |r| r.date);
        self.inspections.index(n, |r| r.ent, |r| r.date);
        self.list_entries.index(n, |r| r.ent, |r| r.listed);
        self.commitments.index(n, |r| r.ent, |r| r.committed);
        self.complaints.index(n, |r| r.ent, |r| r.date);
        self.indexed = true;
    }

    /// Whether [`Store::index`] is up to date.
    pub fn is_indexed(&self) -> bool {
        self.indexed
    }

    /// Number of enterprises.
    pub fn len(&self) -> usize {
        self.uscc.len()
    }

    /// Whether the store holds no enterprise.
    pub fn is_empty(&self) -> bool {
        self.uscc.is_empty()
    }

    /// The USCC of an enterprise.
    pub fn uscc(&self, ent: EntId) -> Uscc {
        self.uscc[ent as usize]
    }

    /// The registration of an enterprise, if a registration row was loaded.
    pub fn registration(&self, ent: EntId) -> Option<&Registration> {
        self.reg[ent as usize].as_ref()
    }

    /// The registered name, or the empty string.
    pub fn name(&self, ent: EntId) -> &str {
        self.registration(ent)
            .map(|r| self.strings.get(r.name))
            .unwrap_or("")
    }

    /// The registered address of a registration.
    pub fn address(&self, r: &Registration) -> &str {
        self.addresses.get(r.address)
    }

    /// A text from the pool.
    pub fn text(&self, id: StrId) -> &str {
        self.strings.get(id)
    }

    /// Counts of enterprises and records.
    pub fn counts(&self) -> StoreCounts {
        let registered = self.reg.iter().filter(|r| r.is_some()).count();
        StoreCounts {
            enterprises: self.uscc.len(),
            registered,
            records: registered
                + self.annual_reports.len()
                + self.licences.len()
                + self.penalties.len()
                + self.inspections.len()
                + self.list_entries.len()
                + self.commitments.len()
                + self.complaints.len(),
            inspectors: self.roster.inspectors.len(),
            items: self.roster.items.len(),
        }
    }

    /// Whether a record reference names a record of `ent` (the store must be indexed); never
    /// for the planning kinds, which are no records of an enterprise.
    pub fn owns(&self, ent: EntId, r: RecordRef) -> bool {
        fn within<T>(t: &Table<T>, ent: EntId, index: u32) -> bool {
            let (first, rows) = t.of(ent);
            (first..first + rows.len()).contains(&(index as usize))
        }
        let i = r.index;
        match r.kind {
            RecordKind::Registration => i == ent,
            RecordKind::AnnualReport => within(&self.annual_reports, ent, i),
            RecordKind::Licence => within(&self.licences, ent, i),
            RecordKind::Penalty => within(&self.penalties, ent, i),
            RecordKind::Inspection => within(&self.inspections, ent, i),
            RecordKind::ListEntry => within(&self.list_entries, ent, i),
            RecordKind::Commitment => within(&self.commitments, ent, i),
            RecordKind::Complaint => within(&self.complaints, ent, i),
            RecordKind::Inspector | RecordKind::Item => false,
        }
    }

    /// Enterprises that have records but no registration row.
    pub fn unregistered(&self) -> impl Iterator<Item = EntId> + '_ {
        self.reg
            .iter()
            .enumerate()
            .filter(|(_, r)| r.is_none())
            .map(|(i, _)| i as EntId)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        crate::date::parse_date(s).unwrap()
    }

    #[test]
    fn records_group_by_enterprise_in_date_order() {
        let mut s = Store::new();
        let a = s.ent_id(Uscc::parse("914403001922038216").unwrap());
        let b = s.ent_id(Uscc::parse("91330100716105852F").unwrap());
        assert_eq!(s.ent_id(Uscc::parse("914403001922038216").unwrap()), a);
        for (ent, date) in [(b, "2024-01-01"), (a, "2023-05-01"), (a, "2022-01-01")] {
            s.add_complaint(Complaint {
                kind_text: crate::strpool::StrId(0),
                ent,
                date: d(date),
                kind: ComplaintKind::Complaint,
                substantiated: true,
                on_time: true,
            });
        }
        assert_eq!(s.complaints.of(a).1.len(), 0, "empty before indexing");
        s.index();
        let (first, rows) = s.complaints.of(a);
        assert_eq!(first, 0);
        assert_eq!(
            rows.iter().map(|r| r.date).collect::<Vec<_>>(),
            [d("2022-01-01"), d("2023-05-01")]
        );
        assert_eq!(s.complaints.of(b).1.len(), 1);
        assert_eq!(s.counts().records, 3);
        assert_eq!(s.unregistered().count(), 2);
    }

    #[test]
    fn an_absurd_size_hint_reserves_at_most_the_cap_and_the_store_still_works() {
        let mut s = Store::new();
        s.reserve(RecordKind::Complaint, usize::MAX);
        assert!(s.complaints.rows.capacity() <= RESERVE_MAX * 2);
        s.reserve(RecordKind::Registration, usize::MAX);
        let a = s.ent_id(Uscc::parse("914403001922038216").unwrap());
        assert_eq!(s.ent_id(Uscc::parse("914403001922038216").unwrap()), a);
        assert_eq!(s.len(), 1);
    }
}
