//! Sets of small keys per enterprise: how the store recognises a record repeated.
//!
//! Each enterprise has a short chain of (key, value) nodes in one arena, newest first. Files
//! usually list an enterprise's records together, so the chain just walked is still in cache
//! and a lookup costs a few comparisons — much less than a probe of a store-wide hash set,
//! whose every insert lands on a cold line. An enterprise with more than [`CHAIN`] keys in
//! one table keeps the rest in a hash map, so no chain grows long.

use crate::records::EntId;
use rustc_hash::FxHashMap;

/// Keys kept in an enterprise's chain before the overflow map is used.
const CHAIN: usize = 32;

#[derive(Debug, Clone, Copy)]
struct Node {
    key: u64,
    value: u32,
    /// Index + 1 of the next (older) node of the same enterprise; 0 ends the chain.
    next: u32,
}

/// A set of `u64` keys per enterprise, each with a `u32` value.
#[derive(Debug, Clone, Default)]
pub(crate) struct EntKeys {
    /// Per enterprise: index + 1 of its newest node (0: none).
    head: Vec<u32>,
    nodes: Vec<Node>,
    /// Keys of enterprises whose chain is full.
    overflow: FxHashMap<(EntId, u64), u32>,
}

impl EntKeys {
    /// The value held for (`ent`, `key`), if any.
    #[cfg(test)]
    pub fn get(&self, ent: EntId, key: u64) -> Option<u32> {
        self.find(ent, key).ok()
    }

    /// The value held for (`ent`, `key`); else how many nodes the enterprise's chain holds
    /// (at most [`CHAIN`]; when full, the key may still be in the overflow map).
    fn find(&self, ent: EntId, key: u64) -> Result<u32, usize> {
        let mut at = self.head.get(ent as usize).copied().unwrap_or(0);
        let mut walked = 0;
        while at != 0 {
            let n = &self.nodes[at as usize - 1];
            if n.key == key {
                return Ok(n.value);
            }
            at = n.next;
            walked += 1;
        }
        if walked >= CHAIN {
            if let Some(&v) = self.overflow.get(&(ent, key)) {
                return Ok(v);
            }
        }
        Err(walked)
    }

    /// Adds `key` for `ent` with `value`. When the key is already held, changes nothing and
    /// returns the value held.
    pub fn insert(&mut self, ent: EntId, key: u64, value: u32) -> Option<u32> {
        let walked = match self.find(ent, key) {
            Ok(held) => return Some(held),
            Err(walked) => walked,
        };
        if walked >= CHAIN {
            self.overflow.insert((ent, key), value);
            return None;
        }
        let e = ent as usize;
        if e >= self.head.len() {
            self.head.resize(e + 1, 0);
        }
        self.nodes.push(Node {
            key,
            value,
            next: self.head[e],
        });
        self.head[e] = self.nodes.len() as u32;
        None
    }

    /// Reserves room for `more` keys and enterprises up to `ents`.
    /// Best effort: room that cannot be had is not reserved.
    pub fn reserve(&mut self, more: usize, ents: usize) {
        let _ = self.nodes.try_reserve(more);
        if ents > self.head.len() {
            let _ = self.head.try_reserve(ents - self.head.len());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_per_enterprise_and_held_once() {
        let mut k = EntKeys::default();
        assert_eq!(k.insert(3, 2024, 7), None);
        assert_eq!(
            k.insert(3, 2024, 8),
            Some(7),
            "a repeat returns the first value"
        );
        assert_eq!(
            k.insert(0, 2024, 9),
            None,
            "another enterprise's key is its own"
        );
        assert_eq!(k.get(3, 2024), Some(7));
        assert_eq!(k.get(3, 2023), None);
        assert_eq!(k.get(99, 2024), None);
    }

    #[test]
    fn an_enterprise_with_many_keys_spills_into_the_map() {
        let mut k = EntKeys::default();
        for key in 0..1000u64 {
            assert_eq!(k.insert(1, key, key as u32), None);
            assert_eq!(k.insert(2, key * 7, 0), None);
        }
        assert_eq!(k.overflow.len(), 2 * (1000 - CHAIN));
        for key in 0..1000u64 {
            assert_eq!(k.insert(1, key, 0), Some(key as u32), "key {key}");
            assert_eq!(k.get(2, key * 7), Some(0));
        }
        assert_eq!(k.get(1, 1000), None);
    }
}
