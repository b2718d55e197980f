//! The audit trail: objections to records and manual class adjustments, append-only.
//!
//! Each entry says who, when (the effective date, given by the caller: nothing here reads
//! the clock; plus an optional timestamp text the caller supplies), what and why — a reason is
//! required. Records are never changed or deleted: a record *corrected* (shown to be wrong) or
//! *repaired* (credit repair granted) is left out of scoring from the entry's date on; a
//! *disputed* one keeps counting unless the policy says otherwise (`rules.audit`); a
//! *confirmed* one counts again. A class adjustment replaces the computed class from its date
//! on (谁分类、谁调整); an adjustment to no class removes the previous one.
//!
//! Records are named by kind and their description (as [`crate::score::describe`] gives it),
//! which stays valid when more files are loaded and the store's row indices move.

use crate::date::{format_date, Date};
use crate::policy::Class;
use crate::records::{EntId, Exclusions, RecordKind, RecordRef};
use crate::score::{describe, Overlay};
use crate::store::Store;
use crate::uscc::Uscc;
use serde::{Deserialize, Serialize};

/// What an entry does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// 异议: the record is disputed (flagged).
    Dispute,
    /// 更正: the record is wrong; it no longer counts (the original is kept here).
    Correct,
    /// 确认: the record stands; it counts again.
    Confirm,
    /// 信用修复: repair was granted; the record no longer counts from this date.
    Repair,
    /// 人工调整分类.
    AdjustClass,
}

impl Action {
    /// Every action, the objections first.
    pub const ALL: [Action; 5] = [
        Action::Dispute,
        Action::Correct,
        Action::Confirm,
        Action::Repair,
        Action::AdjustClass,
    ];

    /// Whether the action is an objection on one record (all but `adjust_class`).
    pub fn is_objection(self) -> bool {
        self != Action::AdjustClass
    }

    /// The English term.
    pub fn en(self) -> &'static str {
        match self {
            Action::Dispute => "dispute",
            Action::Correct => "correct",
            Action::Confirm => "confirm",
            Action::Repair => "repair granted",
            Action::AdjustClass => "adjust class by hand",
        }
    }

    /// Parses `dispute`, `correct`, `confirm`, `repair`, `adjust_class` (or the Chinese).
    pub fn parse(s: &str) -> Option<Action> {
        Some(match s.trim() {
            "dispute" | "异议" => Action::Dispute,
            "correct" | "更正" => Action::Correct,
            "confirm" | "确认" => Action::Confirm,
            "repair" | "信用修复" => Action::Repair,
            "adjust_class" | "调整分类" | "人工调整分类" => Action::AdjustClass,
            _ => return None,
        })
    }

    /// The Chinese term.
    pub fn zh(self) -> &'static str {
        match self {
            Action::Dispute => "异议",
            Action::Correct => "更正",
            Action::Confirm => "确认",
            Action::Repair => "信用修复",
            Action::AdjustClass => "人工调整分类",
        }
    }
}

/// One entry of the trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuditEntry {
    /// 1-based sequence number.
    pub seq: u32,
    /// The effective date.
    pub at: Date,
    /// A timestamp text supplied by the caller (may be empty).
    pub timestamp: String,
    /// Who (name or staff id).
    pub who: String,
    /// The written reason (required).
    pub reason: String,
    /// What.
    pub action: Action,
    /// The enterprise.
    pub uscc: String,
    /// The record's kind (record actions).
    pub record_kind: Option<RecordKind>,
    /// The record as it was (its description): the original, kept.
    pub record: Option<String>,
    /// For a correction: what the right value is.
    pub correction: Option<String>,
    /// For a class adjustment: the class computed before it.
    pub class_from: Option<Class>,
    /// For a class adjustment: the class set (`None`: the adjustment is removed).
    pub class_to: Option<Class>,
}

/// Why an entry was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuditError {
    /// A required field is empty.
    #[error("{0} is required")]
    Missing(&'static str),
    /// A record action named a class adjustment or the reverse.
    #[error("{0}")]
    Invalid(String),
}

/// The trail.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuditTrail {
    entries: Vec<AuditEntry>,
}

/// What importing a trail did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    /// Entries in the file.
    pub entries: usize,
    /// Of which the workspace's trail already held (its first entries).
    pub already_held: usize,
    /// Of which appended.
    pub imported: usize,
}

/// What a caller asks to record.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// Effective date.
    pub at: Date,
    /// Caller's timestamp text.
    pub timestamp: String,
    /// Who.
    pub who: String,
    /// Why.
    pub reason: String,
    /// What.
    pub action: Action,
    /// For record actions: the record; for a class adjustment: `None`.
    pub record: Option<RecordRef>,
    /// For a correction: the right value.
    pub correction: Option<String>,
    /// For a class adjustment: the class (None removes the adjustment).
    pub class_to: Option<Class>,
}

impl AuditTrail {
    /// Every entry, oldest first.
    pub fn entries(&self) -> &[AuditEntry] {
        &self.entries
    }

    /// Appends an entry for enterprise `ent` (the store names the record and the enterprise);
    /// `class_now` is the computed class, kept as the original of an adjustment.
    pub fn record(
        &mut self,
        store: &Store,
        ent: EntId,
        class_now: Option<Class>,
        req: Request,
    ) -> Result<&AuditEntry, AuditError> {
        if req.who.trim().is_empty() {
            return Err(AuditError::Missing("who"));
        }
        if req.reason.trim().is_empty() {
            return Err(AuditError::Missing("reason"));
        }
        let (kind, record) = match (req.action, req.record) {
            (Action::AdjustClass, None) => (None, None),
            (Action::AdjustClass, Some(_)) => {
                return Err(AuditError::Invalid(
                    "a class adjustment names no record".into(),
                ))
            }
            (_, None) => return Err(AuditError::Missing("record")),
            (_, Some(r)) => (Some(r.kind), Some(describe(store, r.kind, r.index))),
        };
        if req.action == Action::Correct
            && req
                .correction
                .as_deref()
                .is_none_or(|c| c.trim().is_empty())
        {
            return Err(AuditError::Missing("correction"));
        }
        self.entries.push(AuditEntry {
            seq: self.entries.len() as u32 + 1,
            at: req.at,
            timestamp: req.timestamp,
            who: req.who.trim().to_string(),
            reason: req.reason.trim().to_string(),
            action: req.action,
            uscc: store.uscc(ent).to_string(),
            record_kind: kind,
            record,
            correction: req.correction.filter(|_| req.action == Action::Correct),
            class_from: if req.action == Action::AdjustClass {
                class_now
            } else {
                None
            },
            class_to: if req.action == Action::AdjustClass {
                req.class_to
            } else {
                None
            },
        });
        Ok(self.entries.last().expect("just pushed"))
    }

    /// Finds the record an entry names among the enterprise's records of its kind.
    pub(crate) fn resolve(store: &Store, ent: EntId, e: &AuditEntry) -> Option<RecordRef> {
        let kind = e.record_kind?;
        let want = e.record.as_deref()?;
        let (first, len) = match kind {
            RecordKind::Penalty => (store.penalties.of(ent).0, store.penalties.of(ent).1.len()),
            RecordKind::Inspection => (
                store.inspections.of(ent).0,
                store.inspections.of(ent).1.len(),
            ),
            RecordKind::ListEntry => (
                store.list_entries.of(ent).0,
                store.list_entries.of(ent).1.len(),
            ),
            RecordKind::Commitment => (
                store.commitments.of(ent).0,
                store.commitments.of(ent).1.len(),
            ),
            RecordKind::Complaint => (store.complaints.of(ent).0, store.complaints.of(ent).1.len()),
            RecordKind::Licence => (store.licences.of(ent).0, store.licences.of(ent).1.len()),
            RecordKind::AnnualReport => (
                store.annual_reports.of(ent).0,
                store.annual_reports.of(ent).1.len(),
            ),
            RecordKind::Registration => return Some(RecordRef { kind, index: ent }),
            // The roster and the item list are no records of an enterprise.
            RecordKind::Inspector | RecordKind::Item => return None,
        };
        (first..first + len)
            .map(|i| RecordRef {
                kind,
                index: i as u32,
            })
            .find(|r| describe(store, r.kind, r.index) == want)
    }

    /// Appends the entries of an imported trail (checked with [`super::parse_trail`]). The
    /// trail must be empty or hold exactly the file's first entries (a trail exported, then
    /// added to elsewhere): those are kept, the rest appended in order. Anything else is
    /// refused and nothing changes.
    pub fn import(
        &mut self,
        entries: Vec<AuditEntry>,
    ) -> Result<ImportSummary, super::ImportError> {
        let held = self.entries.len();
        if held > entries.len() {
            return Err(super::ImportError {
                entry: 0,
                field: None,
                line: None,
                message: format!(
                    "the workspace's trail already has {held} entries, the file only {}: import into a workspace whose trail is empty",
                    entries.len()
                ),
            });
        }
        if let Some(i) = (0..held).find(|&i| self.entries[i] != entries[i]) {
            return Err(super::ImportError {
                entry: i + 1,
                field: None,
                line: None,
                message: format!(
                    "differs from entry {} of the workspace's trail: import into a workspace whose trail is empty, or holds the file's first entries",
                    i + 1
                ),
            });
        }
        let total = entries.len();
        self.entries.extend(entries.into_iter().skip(held));
        Ok(ImportSummary {
            entries: total,
            already_held: held,
            imported: total - held,
        })
    }

    /// The latest record action per record in force on `as_of`, for the enterprises in
    /// `store`, as (record, action).
    pub fn record_states(&self, store: &Store, as_of: Date) -> Vec<(EntId, RecordRef, Action)> {
        let mut out: Vec<(EntId, RecordRef, Action)> = Vec::new();
        for e in self
            .entries
            .iter()
            .filter(|e| e.at <= as_of && e.action != Action::AdjustClass)
        {
            let Ok(code) = crate::uscc::Uscc::parse(&e.uscc) else {
                continue;
            };
            let Some(ent) = store.find(&code) else {
                continue;
            };
            let Some(r) = Self::resolve(store, ent, e) else {
                continue;
            };
            match out.iter_mut().find(|(_, x, _)| *x == r) {
                Some(slot) => slot.2 = e.action,
                None => out.push((ent, r, e.action)),
            }
        }
        out
    }

    /// The records left out of scoring on `as_of`.
    pub fn exclusions(&self, store: &Store, as_of: Date, disputed_counts: bool) -> Exclusions {
        self.record_states(store, as_of)
            .into_iter()
            .filter(|(_, _, a)| match a {
                Action::Correct | Action::Repair => true,
                Action::Dispute => !disputed_counts,
                _ => false,
            })
            .map(|(_, r, _)| r)
            .collect()
    }

    /// The class adjustments in force on `as_of`: (USCC text, class, entry).
    pub fn adjustments(&self, as_of: Date) -> Vec<(&str, Class, &AuditEntry)> {
        let mut latest: Vec<(&str, Option<Class>, &AuditEntry)> = Vec::new();
        for e in self
            .entries
            .iter()
            .filter(|e| e.at <= as_of && e.action == Action::AdjustClass)
        {
            match latest.iter_mut().find(|(u, _, _)| *u == e.uscc) {
                Some(slot) => *slot = (&e.uscc, e.class_to, e),
                None => latest.push((&e.uscc, e.class_to, e)),
            }
        }
        latest
            .into_iter()
            .filter_map(|(u, c, e)| c.map(|c| (u, c, e)))
            .collect()
    }

    /// What the trail lays over the records on `as_of`: the records left out of scoring and
    /// the classes set by hand.
    pub fn overlay(&self, store: &Store, as_of: Date, disputed_counts: bool) -> Overlay {
        Overlay {
            excluded: self.exclusions(store, as_of, disputed_counts),
            classes: self
                .adjustments(as_of)
                .into_iter()
                .filter_map(|(u, c, _)| {
                    let ent = Uscc::parse(u).ok().and_then(|u| store.find(&u))?;
                    Some((ent, c))
                })
                .collect(),
        }
    }

    /// SHA-256 (hex) of the entries applied on `as_of` (dated on or before it), as exported
    /// in JSON: binds a draw to the trail it was made under.
    pub fn digest(&self, as_of: Date) -> String {
        let applied: Vec<AuditEntry> = self
            .entries
            .iter()
            .filter(|e| e.at <= as_of)
            .cloned()
            .collect();
        let json = super::to_json(&applied);
        crate::seed::hex(&crate::seed::digest("audit", &json))
    }

    /// The entries about one enterprise.
    pub fn of(&self, uscc: &str) -> Vec<&AuditEntry> {
        self.entries.iter().filter(|e| e.uscc == uscc).collect()
    }
}

/// The date as text (for exports).
pub fn date_text(d: Date) -> String {
    format_date(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::*;
    use crate::strpool::StrId;
    use crate::uscc::Uscc;

    fn d(s: &str) -> Date {
        crate::date::parse_date(s).unwrap()
    }

    fn store() -> (Store, EntId) {
        let mut s = Store::new();
        let e = s.ent_id(Uscc::parse("914403001922038216").unwrap());
        for date in ["2024-01-01", "2024-06-01"] {
            s.add_complaint(Complaint {
                kind_text: crate::strpool::StrId(0),
                ent: e,
                date: d(date),
                kind: ComplaintKind::Complaint,
                substantiated: true,
                on_time: true,
            });
        }
        s.add_list_entry(ListEntry {
            reason_text: crate::strpool::StrId(0),
            ent: e,
            list: ListKind::Abnormal,
            reason: ListReason::Unreachable,
            listed: d("2024-03-01"),
            removed: None,
            authority: StrId(0),
        });
        s.index();
        (s, e)
    }

    fn req(action: Action, at: &str, record: Option<RecordRef>) -> Request {
        Request {
            at: d(at),
            timestamp: String::new(),
            who: "张三".into(),
            reason: "复核".into(),
            action,
            record,
            correction: (action == Action::Correct).then(|| "住所已变更".into()),
            class_to: None,
        }
    }

    #[test]
    fn reason_who_and_correction_are_required() {
        let (s, e) = store();
        let mut t = AuditTrail::default();
        let r = RecordRef {
            kind: RecordKind::ListEntry,
            index: 0,
        };
        let mut q = req(Action::Dispute, "2024-04-01", Some(r));
        q.reason = "  ".into();
        assert_eq!(
            t.record(&s, e, None, q).unwrap_err(),
            AuditError::Missing("reason")
        );
        let mut q = req(Action::Correct, "2024-04-01", Some(r));
        q.correction = None;
        assert_eq!(
            t.record(&s, e, None, q).unwrap_err(),
            AuditError::Missing("correction")
        );
        assert!(t.entries().is_empty());
    }

    #[test]
    fn latest_action_in_force_decides() {
        let (s, e) = store();
        let mut t = AuditTrail::default();
        let r = RecordRef {
            kind: RecordKind::ListEntry,
            index: 0,
        };
        t.record(&s, e, None, req(Action::Dispute, "2024-04-01", Some(r)))
            .unwrap();
        t.record(&s, e, None, req(Action::Correct, "2024-05-01", Some(r)))
            .unwrap();
        assert!(t.exclusions(&s, d("2024-04-15"), true).is_empty());
        assert!(t.exclusions(&s, d("2024-04-15"), false).contains(&r));
        assert!(t.exclusions(&s, d("2024-05-01"), true).contains(&r));
        t.record(&s, e, None, req(Action::Confirm, "2024-06-01", Some(r)))
            .unwrap();
        assert!(t.exclusions(&s, d("2024-06-01"), true).is_empty());
        assert_eq!(
            t.entries()[1].record.as_deref(),
            Some(describe(&s, RecordKind::ListEntry, 0).as_str())
        );
    }

    #[test]
    fn class_adjustments_keep_the_original_and_can_be_removed() {
        let (s, e) = store();
        let mut t = AuditTrail::default();
        let mut q = req(Action::AdjustClass, "2024-04-01", None);
        q.class_to = Some(Class::B);
        t.record(&s, e, Some(Class::C), q).unwrap();
        let a = t.adjustments(d("2024-04-01"));
        assert_eq!((a[0].1, a[0].2.class_from), (Class::B, Some(Class::C)));
        assert!(t.adjustments(d("2024-03-31")).is_empty());
        t.record(
            &s,
            e,
            Some(Class::B),
            req(Action::AdjustClass, "2024-05-01", None),
        )
        .unwrap();
        assert!(t.adjustments(d("2024-05-01")).is_empty());
        assert_eq!(t.entries().len(), 2);
    }
}
