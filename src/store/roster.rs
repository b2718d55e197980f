//! The roster and the item list in the store: adding an entry, recognising an id read
//! before, and where each entry was read from.
//!
//! The rule for a repeated id (执法证号, 事项编码), within a file or across files: the first
//! entry read is kept; a later one with the same content (every field but its line) is a
//! duplicate, counted and not added; a later one with different content is not added either,
//! and the loader rejects its row with reason `duplicate_id`, naming the file and line of the
//! entry kept (see [`RosterAdd`]).

use super::Store;
use crate::records::{Inspector, Item, RecordKind};
use rustc_hash::FxHashMap;

/// What adding a roster or item-list entry did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RosterAdd {
    /// Added.
    Added,
    /// The id is held with the same content: not added again.
    Duplicate,
    /// The id is held with different content: not added. `index` is the entry held (in
    /// [`crate::records::Roster::inspectors`] or [`crate::records::Roster::items`]).
    Conflict {
        /// The entry held.
        index: usize,
    },
}

/// Ids held, for recognising a repeat, and the file each entry was read from. Rebuilt from
/// the roster when it no longer matches it (entries pushed to [`Store::roster`] directly).
#[derive(Debug, Clone, Default)]
pub(super) struct RosterIndex {
    inspectors: FxHashMap<String, usize>,
    items: FxHashMap<String, usize>,
    /// The source ([`Store::source_id`]) of each inspector; `u32::MAX` when unknown.
    inspector_sources: Vec<u32>,
    /// The source of each item; `u32::MAX` when unknown.
    item_sources: Vec<u32>,
}

/// Finds `id` among `ids` (an index over `len` entries), rebuilding the index from `all`
/// when it is stale.
fn find<'a>(
    ids: &mut FxHashMap<String, usize>,
    sources: &mut Vec<u32>,
    mut all: impl ExactSizeIterator<Item = &'a str>,
    id: &str,
) -> Option<usize> {
    let len = all.len();
    if sources.len() != len || ids.len() > len {
        ids.clear();
        for (i, held) in all.by_ref().enumerate() {
            ids.entry(held.to_string()).or_insert(i);
        }
        sources.resize(len, u32::MAX);
    }
    ids.get(id).copied()
}

/// Whether two inspectors hold the same content (their lines aside).
fn same_inspector(a: &Inspector, b: &Inspector) -> bool {
    Inspector {
        line: 0,
        ..a.clone()
    } == Inspector {
        line: 0,
        ..b.clone()
    }
}

/// Whether two items hold the same content (their lines aside).
fn same_item(a: &Item, b: &Item) -> bool {
    Item {
        line: 0,
        ..a.clone()
    } == Item {
        line: 0,
        ..b.clone()
    }
}

impl Store {
    /// Adds an inspector read from `source` ([`Store::source_id`]; `u32::MAX` when not read
    /// from a file), unless its id is held (see [`RosterAdd`]).
    pub fn add_inspector(&mut self, x: Inspector, source: u32) -> RosterAdd {
        let ix = &mut self.roster_index;
        let held = find(
            &mut ix.inspectors,
            &mut ix.inspector_sources,
            self.roster.inspectors.iter().map(|i| i.id.as_str()),
            &x.id,
        )
        .filter(|&i| self.roster.inspectors.get(i).is_some_and(|h| h.id == x.id));
        if let Some(i) = held {
            return if same_inspector(&self.roster.inspectors[i], &x) {
                RosterAdd::Duplicate
            } else {
                RosterAdd::Conflict { index: i }
            };
        }
        ix.inspectors
            .insert(x.id.clone(), self.roster.inspectors.len());
        ix.inspector_sources.push(source);
        self.roster.inspectors.push(x);
        RosterAdd::Added
    }

    /// Adds an item read from `source` ([`Store::source_id`]; `u32::MAX` when not read from a
    /// file), unless its code is held (see [`RosterAdd`]).
    pub fn add_item(&mut self, x: Item, source: u32) -> RosterAdd {
        let ix = &mut self.roster_index;
        let held = find(
            &mut ix.items,
            &mut ix.item_sources,
            self.roster.items.iter().map(|i| i.code.as_str()),
            &x.code,
        )
        .filter(|&i| self.roster.items.get(i).is_some_and(|h| h.code == x.code));
        if let Some(i) = held {
            return if same_item(&self.roster.items[i], &x) {
                RosterAdd::Duplicate
            } else {
                RosterAdd::Conflict { index: i }
            };
        }
        ix.items.insert(x.code.clone(), self.roster.items.len());
        ix.item_sources.push(source);
        self.roster.items.push(x);
        RosterAdd::Added
    }

    /// Where the `index`-th inspector (`kind` [`RecordKind::Inspector`]) or item
    /// ([`RecordKind::Item`]) was read: file, sheet and line; `None` when not known (not
    /// read from a file, or another kind).
    pub fn roster_origin(
        &self,
        kind: RecordKind,
        index: usize,
    ) -> Option<(&str, Option<&str>, u64)> {
        let (sources, line) = match kind {
            RecordKind::Inspector => (
                &self.roster_index.inspector_sources,
                self.roster.inspectors.get(index)?.line,
            ),
            RecordKind::Item => (
                &self.roster_index.item_sources,
                self.roster.items.get(index)?.line,
            ),
            _ => return None,
        };
        let &src = sources.get(index)?;
        let (f, s) = self.sources.get(src as usize)?;
        Some((f.as_str(), s.as_deref(), line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inspector(id: &str, unit: &str) -> Inspector {
        Inspector {
            id: id.into(),
            name: "张三".into(),
            unit: unit.into(),
            qualifications: vec!["食品安全".into()],
            region: String::new(),
            conflict_usccs: Vec::new(),
            conflict_names: Vec::new(),
            active: true,
            line: 2,
        }
    }

    #[test]
    fn a_repeated_id_is_a_duplicate_or_a_conflict_and_the_first_is_kept() {
        let mut s = Store::new();
        let src = s.source_id("roster.csv", None);
        assert_eq!(
            s.add_inspector(inspector("A1", "食品科"), src),
            RosterAdd::Added
        );
        assert_eq!(
            s.add_inspector(inspector("B2", "食品科"), src),
            RosterAdd::Added
        );
        let mut again = inspector("A1", "食品科");
        again.line = 9;
        assert_eq!(s.add_inspector(again, src), RosterAdd::Duplicate);
        assert_eq!(
            s.add_inspector(inspector("A1", "特种设备科"), src),
            RosterAdd::Conflict { index: 0 }
        );
        assert_eq!(s.roster.inspectors.len(), 2);
        assert_eq!(s.roster.inspectors[0].unit, "食品科");
        assert_eq!(
            s.roster_origin(RecordKind::Inspector, 1),
            Some(("roster.csv", None, 2))
        );
        // Entries pushed directly are seen too.
        s.roster.inspectors.push(inspector("C3", "信用科"));
        assert_eq!(
            s.add_inspector(inspector("C3", "价格科"), src),
            RosterAdd::Conflict { index: 2 }
        );
        assert_eq!(s.roster_origin(RecordKind::Inspector, 2), None);
        assert_eq!(s.roster_origin(RecordKind::Penalty, 0), None);
    }

    #[test]
    fn items_by_code() {
        let item = |code: &str, key| Item {
            code: code.into(),
            name: "企业公示信息抽查".into(),
            department: "区市场监管局".into(),
            basis: String::new(),
            entity_types: Vec::new(),
            industries: Vec::new(),
            licence_kinds: Vec::new(),
            key,
            qualification: String::new(),
            line: 0,
        };
        let mut s = Store::new();
        assert_eq!(s.add_item(item("X1", false), u32::MAX), RosterAdd::Added);
        assert_eq!(
            s.add_item(item("X1", false), u32::MAX),
            RosterAdd::Duplicate
        );
        assert_eq!(
            s.add_item(item("X1", true), u32::MAX),
            RosterAdd::Conflict { index: 0 }
        );
        assert_eq!(s.roster_origin(RecordKind::Item, 0), None);
    }
}
