//! A digest of everything a store holds, to bind a draw to the records it was drawn from.
//!
//! Enterprises are fed in USCC order, each with its registration and then its records of
//! every kind (by date, file order among the same date), texts as text and every integer at a
//! fixed width, into SHA-256: the same records give the same digest whatever the order the
//! files were loaded in, natively and in WebAssembly.

use super::{Store, Table};
use crate::records::EntId;
use crate::strpool::StrId;
use sha2::{Digest, Sha256};
use std::hash::{Hash, Hasher};

/// A [`Hasher`] feeding SHA-256 through a buffer, `usize`/`isize` widened to 8 bytes so the
/// bytes do not depend on the target's pointer width.
struct Feed {
    sha: Sha256,
    buf: Vec<u8>,
}

const BUF: usize = 1 << 16;

impl Feed {
    fn new(domain: &str) -> Self {
        let mut f = Feed {
            sha: Sha256::new(),
            buf: Vec::with_capacity(BUF),
        };
        f.write(domain.as_bytes());
        f
    }

    fn finish_hex(mut self) -> String {
        self.sha.update(&self.buf);
        crate::seed::hex(&self.sha.finalize())
    }

    fn text(&mut self, store: &Store, id: StrId) {
        store.text(id).hash(self);
    }

    /// The rows of `ent` in `t`, each fed by `row`.
    fn rows<T>(&mut self, t: &Table<T>, ent: EntId, mut row: impl FnMut(&mut Self, &T)) {
        let (_, rows) = t.of(ent);
        rows.len().hash(self);
        for r in rows {
            row(self, r);
        }
    }
}

impl Hasher for Feed {
    fn write(&mut self, bytes: &[u8]) {
        if self.buf.len() + bytes.len() > BUF {
            self.sha.update(&self.buf);
            self.buf.clear();
        }
        if bytes.len() > BUF {
            self.sha.update(bytes);
        } else {
            self.buf.extend_from_slice(bytes);
        }
    }

    fn write_usize(&mut self, i: usize) {
        self.write(&(i as u64).to_le_bytes());
    }

    fn write_isize(&mut self, i: isize) {
        self.write(&(i as i64).to_le_bytes());
    }

    fn write_u16(&mut self, i: u16) {
        self.write(&i.to_le_bytes());
    }

    fn write_u32(&mut self, i: u32) {
        self.write(&i.to_le_bytes());
    }

    fn write_i32(&mut self, i: i32) {
        self.write(&i.to_le_bytes());
    }

    fn write_u64(&mut self, i: u64) {
        self.write(&i.to_le_bytes());
    }

    fn write_u128(&mut self, i: u128) {
        self.write(&i.to_le_bytes());
    }

    /// Not used for a digest: [`Feed::finish_hex`] gives it.
    fn finish(&self) -> u64 {
        0
    }
}

impl Store {
    /// SHA-256 (hex) of the enterprises and records held, independent of the order the files
    /// were loaded in (indexes the store first).
    pub fn digest(&mut self) -> String {
        self.index();
        let st = &*self;
        let mut order: Vec<EntId> = (0..st.len() as EntId).collect();
        order.sort_unstable_by_key(|&e| st.uscc(e).packed());
        let mut f = Feed::new("credit-supervision store v1");
        order.len().hash(&mut f);
        for e in order {
            st.uscc(e).packed().hash(&mut f);
            match st.registration(e) {
                None => f.write_u8(0),
                Some(r) => {
                    f.write_u8(1);
                    f.text(st, r.name);
                    r.entity_type.hash(&mut f);
                    f.text(st, r.entity_type_text);
                    f.text(st, r.industry);
                    r.established.hash(&mut f);
                    r.capital.map(f64::to_bits).hash(&mut f);
                    r.status.hash(&mut f);
                    f.text(st, r.status_text);
                    f.text(st, r.region);
                    st.address(r).hash(&mut f);
                }
            }
            f.rows(&st.annual_reports, e, |f, r| {
                r.year.hash(f);
                r.filed.hash(f);
            });
            f.rows(&st.licences, e, |f, r| {
                f.text(st, r.number);
                f.text(st, r.kind);
                r.issued.hash(f);
                r.expires.hash(f);
                r.status.hash(f);
            });
            f.rows(&st.penalties, e, |f, p| {
                f.text(st, p.decision_no);
                p.date.hash(f);
                p.procedure.hash(f);
                p.kinds.hash(f);
                p.fine.map(f64::to_bits).hash(f);
                p.domain.hash(f);
                p.aggravated.hash(f);
                p.fulfilled.hash(f);
                p.harm_eliminated.hash(f);
                p.published.hash(f);
                p.restriction_months.hash(f);
                p.revoked.hash(f);
            });
            f.rows(&st.inspections, e, |f, x| {
                f.text(st, x.task);
                x.date.hash(f);
                x.kind.hash(f);
                x.result.hash(f);
            });
            f.rows(&st.list_entries, e, |f, l| {
                l.list.hash(f);
                l.reason.hash(f);
                l.listed.hash(f);
                l.removed.hash(f);
                f.text(st, l.authority);
            });
            f.rows(&st.commitments, e, |f, c| {
                f.text(st, c.item);
                c.committed.hash(f);
                c.due.hash(f);
                c.verified.hash(f);
                c.outcome.hash(f);
            });
            f.rows(&st.complaints, e, |f, c| {
                c.date.hash(f);
                c.kind.hash(f);
                c.substantiated.hash(f);
                c.on_time.hash(f);
            });
        }
        f.finish_hex()
    }
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
}
