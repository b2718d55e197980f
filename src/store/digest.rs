//! A digest of everything a store holds, to bind a draw to the records it was drawn from.
//!
//! Each enterprise's registration and records of every kind (by date, file order among the
//! same date) are written as bytes — texts as their length and bytes, dates as days, every
//! number at a fixed width, little-endian — and hashed with SHA-256, in the store's own order
//! (one pass over memory in order). The digest is SHA-256 over every (USCC, enterprise hash)
//! pair in USCC order: the same records give the same digest whatever the order the files
//! were loaded in, natively and in WebAssembly.
//!
//! The planning inputs — the roster, the item list and who did each inspection — are not in
//! it (so loading a roster leaves a draw's binding unchanged): [`Store::roster_digest`] binds
//! them.

use super::{Store, Table};
use crate::date::Date;
use crate::records::{EntId, Inspector, Item};
use crate::strpool::StrId;
use chrono::Datelike;
use sha2::{Digest, Sha256};

/// The bytes of one enterprise, written field by field.
struct Feed<'a> {
    store: &'a Store,
    buf: Vec<u8>,
}

impl Feed<'_> {
    fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }

    fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    fn date(&mut self, d: Date) {
        self.u32(d.num_days_from_ce() as u32);
    }

    /// An optional date: 0 for none (day 0 of the common era is no date a record carries).
    fn opt_date(&mut self, d: Option<Date>) {
        self.u32(d.map_or(0, |d| d.num_days_from_ce() as u32));
    }

    /// An optional number: a presence byte, then its bits.
    fn opt_f64(&mut self, v: Option<f64>) {
        self.u8(u8::from(v.is_some()));
        self.u64(v.map_or(0, f64::to_bits));
    }

    /// A text: its length, then its bytes (so no two sequences of texts run together).
    fn bytes(&mut self, b: &[u8]) {
        self.u32(b.len() as u32);
        self.buf.extend_from_slice(b);
    }

    fn text(&mut self, id: StrId) {
        let store = self.store;
        self.bytes(store.text(id).as_bytes());
    }

    /// The rows of `ent` in `t`: their count, then each row written by `row`.
    fn rows<T>(&mut self, t: &Table<T>, ent: EntId, mut row: impl FnMut(&mut Self, &T)) {
        let (_, rows) = t.of(ent);
        self.u32(rows.len() as u32);
        for r in rows {
            row(self, r);
        }
    }
}

impl Store {
    /// SHA-256 (hex) of the enterprises and records held, independent of the order the files
    /// were loaded in (indexes the store first): [`combine_digests`] over every enterprise's
    /// [`Store::enterprise_digests`].
    pub fn digest(&mut self) -> String {
        let hashes = self.enterprise_digests();
        let st = &*self;
        let pairs = hashes
            .into_iter()
            .enumerate()
            .map(|(e, h)| (st.uscc(e as EntId).packed(), h))
            .collect();
        combine_digests(pairs)
    }

    /// Every enterprise's digest, by id: the first 16 bytes of SHA-256 over its registration
    /// and records (the digest of one enterprise's inputs; indexes the store first). A
    /// partition holding all of an enterprise's records gives it the same digest as the whole
    /// store does.
    pub fn enterprise_digests(&mut self) -> Vec<EnterpriseDigest> {
        self.index();
        let st = &*self;
        let mut f = Feed {
            store: st,
            buf: Vec::with_capacity(4096),
        };
        (0..st.len() as EntId)
            .map(|e| {
                f.feed(e);
                let h = Sha256::digest(&f.buf);
                let mut short = [0u8; 16];
                short.copy_from_slice(&h[..16]);
                short
            })
            .collect()
    }
}

/// The digest of one enterprise's inputs (see [`Store::enterprise_digests`]).
pub type EnterpriseDigest = [u8; 16];

/// The records digest from every enterprise's (packed USCC, digest), in any order: SHA-256
/// over the pairs in USCC order. What [`Store::digest`] returns, and what a driver computes
/// from the digests its partitions returned.
pub fn combine_digests(mut pairs: Vec<(u128, EnterpriseDigest)>) -> String {
    pairs.sort_unstable();
    let mut sha = Sha256::new();
    sha.update(b"credit-supervision store v2");
    sha.update((pairs.len() as u64).to_le_bytes());
    let mut buf = Vec::with_capacity(1 << 16);
    for (packed, h) in pairs {
        buf.extend_from_slice(&packed.to_le_bytes());
        buf.extend_from_slice(&h);
        if buf.len() >= 1 << 16 {
            sha.update(&buf);
            buf.clear();
        }
    }
    sha.update(&buf);
    crate::seed::hex(&sha.finalize())
}

impl Feed<'_> {
    /// Writes enterprise `e`'s registration and records into `buf` (cleared first).
    fn feed(&mut self, e: EntId) {
        let f = self;
        let st = f.store;
        f.buf.clear();
        match st.registration(e) {
            None => f.u8(0),
            Some(r) => {
                f.u8(1);
                f.u8(r.entity_type as u8);
                f.u8(r.status as u8);
                f.date(r.established);
                f.opt_f64(r.capital);
                f.text(r.name);
                f.text(r.entity_type_text);
                f.text(r.industry);
                f.text(r.status_text);
                f.text(r.region);
                f.bytes(st.address(r).as_bytes());
            }
        }
        f.rows(&st.annual_reports, e, |f, r| {
            f.u16(r.year);
            f.opt_date(r.filed);
        });
        f.rows(&st.licences, e, |f, r| {
            f.opt_date(r.issued);
            f.opt_date(r.expires);
            f.u8(r.status as u8);
            f.text(r.status_text);
            f.text(r.number);
            f.text(r.kind);
        });
        f.rows(&st.penalties, e, |f, p| {
            f.date(p.date);
            f.u8(p.procedure as u8);
            f.text(p.procedure_text);
            f.u16(p.kinds.bits());
            f.opt_f64(p.fine);
            f.u8(p.domain as u8);
            f.text(p.domain_text);
            f.u8(u8::from(p.aggravated)
                | u8::from(p.fulfilled) << 1
                | u8::from(p.harm_eliminated) << 2);
            f.opt_date(p.published);
            f.u32(p.restriction_months.map_or(u32::MAX, u32::from));
            f.opt_date(p.revoked);
            f.text(p.decision_no);
        });
        // Who did the check (`x.inspectors`) is planning history, bound by
        // `roster_digest`: the records digest is the same with or without it.
        f.rows(&st.inspections, e, |f, x| {
            f.date(x.date);
            f.u8(x.kind as u8);
            f.text(x.kind_text);
            f.u8(x.result as u8);
            f.text(x.task);
        });
        f.rows(&st.list_entries, e, |f, l| {
            f.u8(l.list as u8);
            f.u8(l.reason as u8);
            f.text(l.reason_text);
            f.date(l.listed);
            f.opt_date(l.removed);
            f.text(l.authority);
        });
        f.rows(&st.commitments, e, |f, c| {
            f.date(c.committed);
            f.opt_date(c.due);
            f.opt_date(c.verified);
            f.u8(c.outcome as u8);
            f.text(c.outcome_text);
            f.text(c.item);
        });
        f.rows(&st.complaints, e, |f, c| {
            f.date(c.date);
            f.u8(c.kind as u8);
            f.text(c.kind_text);
            f.u8(u8::from(c.substantiated) | u8::from(c.on_time) << 1);
        });
    }
}

/// Bytes of one roster entry or history line, each text length-prefixed.
#[derive(Default)]
struct Canon(Vec<u8>);

impl Canon {
    fn text(&mut self, s: &str) -> &mut Self {
        self.0.extend_from_slice(&(s.len() as u32).to_le_bytes());
        self.0.extend_from_slice(s.as_bytes());
        self
    }

    fn list(&mut self, v: &[String]) -> &mut Self {
        self.0.extend_from_slice(&(v.len() as u32).to_le_bytes());
        for s in v {
            self.text(s);
        }
        self
    }

    fn u8(&mut self, b: u8) -> &mut Self {
        self.0.push(b);
        self
    }
}

/// Hashes a section: its name, its count, then its entries in sorted order (so the order
/// they were read in does not matter).
fn section(sha: &mut Sha256, name: &[u8], mut entries: Vec<Vec<u8>>) {
    entries.sort_unstable();
    sha.update(name);
    sha.update((entries.len() as u64).to_le_bytes());
    for e in &entries {
        sha.update(e);
    }
}

impl Store {
    /// SHA-256 (hex) of the planning inputs that [`Store::digest`] leaves out, for a plan to
    /// bind: the roster (every inspector, by id, with every field but the line it was read
    /// from), the item list (every item, by code, likewise) and the rotation history (the
    /// inspectors named by each inspection, with its date and task, hashed per enterprise as
    /// [`Store::history_digests`] does). Independent of the order rows and files were read
    /// in; lists within a cell count in the order written.
    pub fn roster_digest(&self) -> String {
        let history = self
            .history_digests()
            .into_iter()
            .map(|(e, h)| (self.uscc(e).packed(), h))
            .collect();
        roster_digest_of(&self.roster.inspectors, &self.roster.items, history)
    }

    /// The rotation history's digest of every enterprise with an inspection naming its
    /// inspectors: the first 16 bytes of SHA-256 over those inspections (date, task,
    /// inspectors; sorted), by enterprise id. A partition holding all of an enterprise's
    /// records gives it the same digest as the whole store does.
    pub fn history_digests(&self) -> Vec<(EntId, EnterpriseDigest)> {
        let mut lines: Vec<(EntId, Vec<u8>)> = self
            .inspections
            .rows()
            .iter()
            .filter(|x| !self.text(x.inspectors).is_empty())
            .map(|x| {
                let mut c = Canon::default();
                c.0.extend_from_slice(&(x.date.num_days_from_ce() as u32).to_le_bytes());
                c.text(self.text(x.task)).text(self.text(x.inspectors));
                (x.ent, c.0)
            })
            .collect();
        lines.sort_unstable();
        let mut out = Vec::new();
        for run in lines.chunk_by(|a, b| a.0 == b.0) {
            let mut sha = Sha256::new();
            sha.update((run.len() as u64).to_le_bytes());
            for (_, line) in run {
                sha.update(line);
            }
            let mut short = [0u8; 16];
            short.copy_from_slice(&sha.finalize()[..16]);
            out.push((run[0].0, short));
        }
        out
    }
}

/// The roster digest ([`Store::roster_digest`]) from the roster, the item list and every
/// enterprise's (packed USCC, history digest), in any order: what a driver computes from the
/// history digests its partitions returned.
pub fn roster_digest_of(
    inspectors: &[Inspector],
    items: &[Item],
    mut history: Vec<(u128, EnterpriseDigest)>,
) -> String {
    let mut sha = Sha256::new();
    sha.update(b"credit-supervision roster v2");
    let inspectors = inspectors
        .iter()
        .map(|x| {
            let mut c = Canon::default();
            c.text(&x.id)
                .text(&x.name)
                .text(&x.unit)
                .list(&x.qualifications)
                .text(&x.region)
                .list(&x.conflict_usccs)
                .list(&x.conflict_names)
                .u8(u8::from(x.active));
            c.0
        })
        .collect();
    section(&mut sha, b"inspectors", inspectors);
    let items = items
        .iter()
        .map(|x| {
            let mut c = Canon::default();
            c.text(&x.code)
                .text(&x.name)
                .text(&x.department)
                .text(&x.basis);
            c.0.extend_from_slice(&(x.entity_types.len() as u32).to_le_bytes());
            for t in &x.entity_types {
                c.u8(*t as u8);
            }
            c.list(&x.industries)
                .list(&x.licence_kinds)
                .u8(u8::from(x.key))
                .text(&x.qualification);
            c.0
        })
        .collect();
    section(&mut sha, b"items", items);
    history.sort_unstable();
    sha.update(b"history");
    sha.update((history.len() as u64).to_le_bytes());
    for (packed, h) in history {
        sha.update(packed.to_le_bytes());
        sha.update(h);
    }
    crate::seed::hex(&sha.finalize())
}

#[cfg(test)]
mod tests {
    use crate::records::*;
    use crate::store::Store;
    use crate::uscc::Uscc;

    fn d(s: &str) -> crate::date::Date {
        crate::date::parse_date(s).unwrap()
    }

    fn complaint(ent: EntId, date: &str) -> Complaint {
        Complaint {
            kind_text: crate::strpool::StrId(0),
            ent,
            date: d(date),
            kind: ComplaintKind::Complaint,
            substantiated: true,
            on_time: true,
        }
    }

    #[test]
    fn same_records_in_another_order_same_digest_and_any_change_moves_it() {
        let a = Uscc::parse("914403001922038216").unwrap();
        let b = Uscc::parse("91330100716105852F").unwrap();
        let mut one = Store::new();
        let (ea, eb) = (one.ent_id(a), one.ent_id(b));
        one.add_complaint(complaint(ea, "2026-01-02"));
        one.add_complaint(complaint(eb, "2026-03-04"));
        let mut two = Store::new();
        let (eb2, ea2) = (two.ent_id(b), two.ent_id(a));
        two.strings
            .intern("a text only the second store holds first");
        two.add_complaint(complaint(eb2, "2026-03-04"));
        two.add_complaint(complaint(ea2, "2026-01-02"));
        assert_eq!(one.digest(), two.digest());
        let mut three = two.clone();
        let mut c = complaint(ea2, "2026-01-02");
        c.substantiated = false;
        three.add_complaint(c);
        assert_ne!(two.digest(), three.digest());
        let mut four = Store::new();
        let (ea4, eb4) = (four.ent_id(a), four.ent_id(b));
        four.add_complaint(complaint(ea4, "2026-01-02"));
        four.add_complaint(complaint(eb4, "2026-03-05"));
        assert_ne!(one.digest(), four.digest());
    }

    fn inspector(id: &str, quals: &[&str]) -> Inspector {
        Inspector {
            id: id.into(),
            name: "李四".into(),
            unit: "食品安全监管科".into(),
            qualifications: quals.iter().map(|q| q.to_string()).collect(),
            region: "吴家山街道".into(),
            conflict_usccs: vec!["914403001922038216".into()],
            conflict_names: Vec::new(),
            active: true,
            line: 2,
        }
    }

    #[test]
    fn roster_digest_follows_content_not_order_and_leaves_the_records_digest_alone() {
        let mut one = Store::new();
        let before = one.digest();
        let empty = one.roster_digest();
        one.roster.inspectors.push(inspector("A", &["食品安全"]));
        one.roster
            .inspectors
            .push(inspector("B", &["特种设备", "计量"]));
        assert_eq!(one.digest(), before);
        assert_ne!(one.roster_digest(), empty);
        let mut two = Store::new();
        let mut b = inspector("B", &["特种设备", "计量"]);
        b.line = 7;
        two.roster.inspectors.push(b);
        two.roster.inspectors.push(inspector("A", &["食品安全"]));
        assert_eq!(one.roster_digest(), two.roster_digest());
        two.roster.inspectors[0].qualifications[1] = "价格".into();
        assert_ne!(one.roster_digest(), two.roster_digest());
        // An inspector and an item with the same texts are not confused.
        let mut three = Store::new();
        three.roster.items.push(Item {
            code: "A".into(),
            name: "李四".into(),
            department: String::new(),
            basis: String::new(),
            entity_types: vec![EntityType::Company],
            industries: Vec::new(),
            licence_kinds: Vec::new(),
            key: false,
            qualification: String::new(),
            line: 0,
        });
        assert_ne!(three.roster_digest(), empty);
        let mut four = three.clone();
        four.roster.items[0].entity_types = vec![EntityType::Individual];
        assert_ne!(three.roster_digest(), four.roster_digest());
    }

    #[test]
    fn who_inspected_is_in_the_roster_digest_not_the_records_digest() {
        let a = Uscc::parse("914403001922038216").unwrap();
        let mut s = Store::new();
        let e = s.ent_id(a);
        let task = s.strings.intern("T1");
        let mut x = Inspection {
            ent: e,
            task,
            date: d("2026-03-01"),
            kind: InspectionKind::Random,
            kind_text: crate::strpool::StrId(0),
            result: InspectionResult::NoProblem,
            inspectors: crate::strpool::StrId(0),
            published: None,
        };
        let mut with = s.clone();
        s.add_inspection(x);
        x.inspectors = with.strings.intern("A;B");
        x.published = Some(d("2026-03-20"));
        with.add_inspection(x);
        assert_eq!(s.digest(), with.digest());
        assert_ne!(s.roster_digest(), with.roster_digest());
        assert_eq!(
            with.inspections.rows()[0]
                .inspector_ids(&with.strings)
                .collect::<Vec<_>>(),
            ["A", "B"]
        );
    }
}
