//! The compound file (OLE2, MS-CFB) an old Excel `.xls` workbook is stored in: just enough to
//! take one stream out of it (the `Workbook`, or `Book` for Excel 5/95).
//!
//! Every number in the file is checked before it is used: a sector number past the end of the
//! file, a chain that loops or runs past its stream's size, a stream larger than the file, is
//! an error, never a panic or an allocation larger than the file itself.

/// Sector-chain markers.
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const MAX_REGULAR: u32 = 0xFFFF_FFFA;

/// Streams shorter than this live in the mini stream, in 64-byte mini sectors.
const MINI_CUTOFF: u64 = 4096;
const MINI_SECTOR: usize = 64;

/// The file's signature.
pub(super) const SIGNATURE: &[u8; 8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// A compound file held in memory.
struct Cfb<'a> {
    bytes: &'a [u8],
    sector: usize,
    /// The sector allocation table: next sector of each.
    fat: Vec<u32>,
}

impl<'a> Cfb<'a> {
    /// Sector `id`, whole (a sector cut short by the end of the file is an error).
    fn sector(&self, id: u32) -> Result<&'a [u8], String> {
        let start = (id as usize)
            .checked_add(1)
            .and_then(|n| n.checked_mul(self.sector))
            .ok_or_else(|| format!("sector {id} lies past the end of the file"))?;
        start
            .checked_add(self.sector)
            .and_then(|end| self.bytes.get(start..end))
            .ok_or_else(|| format!("sector {id} lies past the end of the file"))
    }

    /// The sectors of a chain from `start`, until its end or `len` bytes; a loop, a sector
    /// number past the table, or a chain shorter than `len` is an error.
    fn chain(&self, start: u32, len: u64, what: &str) -> Result<Vec<u8>, String> {
        let len = usize::try_from(len).map_err(|_| format!("the {what} is too long"))?;
        let mut out = Vec::with_capacity(len.min(self.bytes.len()));
        let mut id = start;
        let mut steps = 0usize;
        while out.len() < len {
            if id == END_OF_CHAIN {
                return Err(format!("the {what} ends before its size"));
            }
            steps += 1;
            if steps > self.fat.len() {
                return Err(format!("the sector chain of the {what} loops"));
            }
            let s = self.sector(id)?;
            out.extend_from_slice(&s[..s.len().min(len - out.len())]);
            id = *self
                .fat
                .get(id as usize)
                .ok_or_else(|| format!("the {what} names sector {id}, past the table"))?;
        }
        Ok(out)
    }

    /// A chain of unknown length (a table's), read to its end.
    fn whole_chain(&self, start: u32, what: &str) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let mut id = start;
        let mut steps = 0usize;
        while id != END_OF_CHAIN {
            steps += 1;
            if steps > self.fat.len() {
                return Err(format!("the sector chain of the {what} loops"));
            }
            out.extend_from_slice(self.sector(id)?);
            id = *self
                .fat
                .get(id as usize)
                .ok_or_else(|| format!("the {what} names sector {id}, past the table"))?;
        }
        Ok(out)
    }
}

/// One directory entry: its name, type, first sector and size.
struct Entry {
    name: String,
    kind: u8,
    start: u32,
    size: u64,
}

fn entries(dir: &[u8], major: u16) -> Vec<Entry> {
    dir.chunks_exact(128)
        .map(|e| {
            let name_len = usize::from(u16_at(e, 64).unwrap_or(0)).min(64);
            let units: Vec<u16> = e[..name_len]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .take_while(|&u| u != 0)
                .collect();
            let low = u64::from(u32_at(e, 120).unwrap_or(0));
            let high = u64::from(u32_at(e, 124).unwrap_or(0));
            Entry {
                name: String::from_utf16_lossy(&units),
                kind: e[66],
                start: u32_at(e, 116).unwrap_or(END_OF_CHAIN),
                // Version 3 files may leave garbage in the high half.
                size: if major == 3 { low } else { low | high << 32 },
            }
        })
        .collect()
}

/// The bytes of the first stream called one of `names` (case-insensitively, in the order
/// given). An error says what is wrong with the file, for the load report.
pub(super) fn stream(bytes: &[u8], names: &[&str]) -> Result<Vec<u8>, String> {
    if bytes.len() < 512 || &bytes[..8] != SIGNATURE {
        return Err("not an OLE compound file (an old Excel .xls)".into());
    }
    let major = u16_at(bytes, 26).unwrap_or(0);
    let sector = match u16_at(bytes, 30) {
        Some(9) => 512,
        Some(12) => 4096,
        s => return Err(format!("unknown sector size (shift {s:?})")),
    };
    if u16_at(bytes, 32) != Some(6) {
        return Err("unknown mini-sector size".into());
    }
    let mut cfb = Cfb {
        bytes,
        sector,
        fat: Vec::new(),
    };
    // The sectors of the allocation table: 109 in the header, the rest in a chain of
    // DIFAT sectors (each ends with the next one's number).
    let max_sectors = bytes.len() / sector;
    let mut fat_sectors: Vec<u32> = (0..109)
        .filter_map(|i| u32_at(bytes, 76 + 4 * i))
        .filter(|&s| s <= MAX_REGULAR)
        .collect();
    let mut difat = u32_at(bytes, 68).unwrap_or(END_OF_CHAIN);
    let mut steps = 0;
    while difat <= MAX_REGULAR {
        steps += 1;
        if steps > max_sectors {
            return Err("the sector table's chain loops".into());
        }
        let s = cfb.sector(difat)?;
        let n = sector / 4 - 1;
        fat_sectors.extend(
            (0..n)
                .filter_map(|i| u32_at(s, 4 * i))
                .filter(|&s| s <= MAX_REGULAR),
        );
        difat = u32_at(s, 4 * n).unwrap_or(END_OF_CHAIN);
    }
    if fat_sectors.len() > max_sectors {
        return Err("the sector table is larger than the file".into());
    }
    let mut fat = Vec::with_capacity(fat_sectors.len() * sector / 4);
    for &s in &fat_sectors {
        let s = cfb.sector(s)?;
        fat.extend((0..sector / 4).filter_map(|i| u32_at(s, 4 * i)));
    }
    cfb.fat = fat;

    let dir = cfb.whole_chain(u32_at(bytes, 48).unwrap_or(END_OF_CHAIN), "directory")?;
    let entries = entries(&dir, major);
    let root = entries.first().ok_or("the file has no root directory")?;
    let found = names
        .iter()
        .find_map(|n| {
            entries
                .iter()
                .find(|e| e.kind == 2 && e.name.eq_ignore_ascii_case(n))
        })
        .ok_or_else(|| format!("no {} stream: not an Excel workbook", names.join(" or ")))?;
    if found.size > bytes.len() as u64 {
        return Err(format!(
            "the {} stream claims {} bytes, more than the file holds",
            found.name, found.size
        ));
    }
    if found.size >= MINI_CUTOFF {
        return cfb.chain(found.start, found.size, "workbook stream");
    }
    // A small stream: in the mini stream (itself a chain from the root entry), by the
    // mini-sector table (a chain from the header).
    if root.size > bytes.len() as u64 {
        return Err("the mini stream is larger than the file".into());
    }
    let mini = cfb.chain(root.start, root.size, "mini stream")?;
    let minifat: Vec<u32> = cfb
        .whole_chain(
            u32_at(bytes, 60).unwrap_or(END_OF_CHAIN),
            "mini-sector table",
        )?
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    let len = found.size as usize;
    let mut out = Vec::with_capacity(len);
    let mut id = found.start;
    let mut steps = 0usize;
    while out.len() < len {
        steps += 1;
        if id == END_OF_CHAIN || steps > minifat.len() + 1 {
            return Err("the workbook stream's mini-sector chain is broken".into());
        }
        let s = (id as usize)
            .checked_mul(MINI_SECTOR)
            .and_then(|at| mini.get(at..at.checked_add(MINI_SECTOR)?))
            .ok_or("a mini sector lies past the mini stream")?;
        out.extend_from_slice(&s[..MINI_SECTOR.min(len - out.len())]);
        id = *minifat
            .get(id as usize)
            .ok_or("a mini sector lies past its table")?;
    }
    Ok(out)
}
