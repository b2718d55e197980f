//! A pool of strings addressed by 32-bit ids: one buffer, no per-string allocation.

use rustc_hash::FxHashMap;

/// Id of a string in a [`StrPool`]. Id 0 is always the empty string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct StrId(pub u32);

/// Strings stored end to end in one buffer.
#[derive(Debug, Clone)]
pub struct StrPool {
    buf: String,
    ends: Vec<u32>,
    /// Hash of an interned string → the last id interned with that hash.
    interned: FxHashMap<u64, u32>,
    /// For each id, the previous interned id with the same hash (0: none). Collisions are
    /// rare, so chains are short.
    chain: Vec<u32>,
}

impl Default for StrPool {
    fn default() -> Self {
        StrPool {
            buf: String::new(),
            ends: vec![0],
            interned: FxHashMap::default(),
            chain: vec![0],
        }
    }
}

fn hash(s: &str) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = rustc_hash::FxBuildHasher.build_hasher();
    h.write(s.as_bytes());
    h.finish()
}

/// Appends `s` as a new id whose collision chain continues at `next`.
fn append(
    buf: &mut String,
    ends: &mut Vec<u32>,
    chain: &mut Vec<u32>,
    s: &str,
    next: u32,
) -> StrId {
    buf.push_str(s);
    ends.push(buf.len() as u32);
    chain.push(next);
    StrId(ends.len() as u32 - 1)
}

impl StrPool {
    /// Stores `s` and returns its id (no de-duplication, for unique texts such as names).
    pub fn push(&mut self, s: &str) -> StrId {
        if s.is_empty() {
            return StrId(0);
        }
        append(&mut self.buf, &mut self.ends, &mut self.chain, s, 0)
    }

    /// Returns the id of `s`, storing it once (for repeated texts such as regions or tasks).
    pub fn intern(&mut self, s: &str) -> StrId {
        use std::collections::hash_map::Entry;
        if s.is_empty() {
            return StrId(0);
        }
        // One probe of the map whether the text is new or not.
        match self.interned.entry(hash(s)) {
            Entry::Occupied(mut o) => {
                let first = *o.get();
                let mut head = first;
                while head != 0 {
                    let i = head as usize;
                    if &self.buf[self.ends[i - 1] as usize..self.ends[i] as usize] == s {
                        return StrId(head);
                    }
                    head = self.chain[i];
                }
                let id = append(&mut self.buf, &mut self.ends, &mut self.chain, s, first);
                o.insert(id.0);
                id
            }
            Entry::Vacant(v) => {
                let id = append(&mut self.buf, &mut self.ends, &mut self.chain, s, 0);
                v.insert(id.0);
                id
            }
        }
    }

    /// Removes every string (ids restart at 1), keeping the memory.
    pub fn clear(&mut self) {
        self.buf.clear();
        self.ends.truncate(1);
        self.chain.truncate(1);
        self.interned.clear();
    }

    /// Reserves room for `strings` more strings of `bytes` bytes in all (and as many
    /// interned ones).
    /// Best effort: room that cannot be had is not reserved.
    pub fn reserve(&mut self, strings: usize, bytes: usize) {
        let _ = self.buf.try_reserve(bytes);
        let _ = self.ends.try_reserve(strings);
        let _ = self.chain.try_reserve(strings);
        let _ = self.interned.try_reserve(strings);
    }

    /// The string of `id`.
    pub fn get(&self, id: StrId) -> &str {
        let i = id.0 as usize;
        if i == 0 || i >= self.ends.len() {
            return "";
        }
        &self.buf[self.ends[i - 1] as usize..self.ends[i] as usize]
    }

    /// The strings in id order, the empty string of id 0 first.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len()).map(|i| self.get(StrId(i as u32)))
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.buf.len() + self.ends.len() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_and_intern() {
        let mut p = StrPool::default();
        let a = p.intern("径河街道");
        let b = p.push("武汉某某有限公司");
        let c = p.intern("径河街道");
        assert_eq!(a, c);
        assert_ne!(a, b);
        assert_eq!(p.get(a), "径河街道");
        assert_eq!(p.get(b), "武汉某某有限公司");
        assert_eq!(p.intern(""), StrId(0));
        assert_eq!(p.get(StrId(0)), "");
        assert_eq!(p.get(StrId(999)), "");
    }
}
