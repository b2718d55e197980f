//! 登记注册 rows: USCC, name, type, industry, dates, capital, status, 街道 and address.

use super::out::Writer;
use super::pools::{Industry, DISTRICT, PARKS, REGIONS, SURNAMES, TRADE_CHARS};
use super::profile::{Base, Ctx};
use super::rng::{mix, scramble, Stream, SERIALS};
use crate::records::{EntityType, RegStatus};
use crate::uscc::{CHARSET, WEIGHTS};
use std::hash::Hasher;

/// The columns in the order the generator writes them.
pub(crate) const FIELDS: &[&str] = &[
    "uscc",
    "name",
    "entity_type",
    "industry",
    "established",
    "capital",
    "status",
    "region",
    "address",
];

/// GB 11714 values of the USCC symbols (`CHARSET` order): digits 0–9, letters A = 10 … Z = 35.
const ORG_VALUE: [u32; 31] = {
    let mut v = [0u32; 31];
    let mut k = 0;
    while k < 31 {
        let c = CHARSET[k];
        v[k] = if c <= b'9' {
            (c - b'0') as u32
        } else {
            (c - b'A') as u32 + 10
        };
        k += 1;
    }
    v
};

/// GB 11714 weights of the 8 organisation-code symbols.
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// The USCC of an enterprise: `9`, the category (1 enterprise, 2 individual business,
/// 3 cooperative), the district, an 8-symbol serial (`MA` + 6 after the 2015 reform) with its
/// GB 11714 check character, and the GB 32100 check character. The 6 serial symbols are a
/// keyed bijection of the enterprise index, so codes never collide (below 31⁶ enterprises).
/// Symbol values are tracked as the code is built, so both check characters are sums of
/// products (this runs once per enterprise for every kind).
pub(crate) fn uscc(ctx: &Ctx, b: &Base) -> [u8; 18] {
    // Values (indices in CHARSET) of the 17 symbols.
    let mut v = [0u32; 17];
    v[0] = 9;
    v[1] = match b.etype {
        EntityType::Individual => 2,
        EntityType::Cooperative => 3,
        _ => 1,
    };
    for (k, d) in DISTRICT.bytes().enumerate() {
        v[2 + k] = (d - b'0') as u32;
    }
    let serial = scramble(ctx.keys.serial, b.i % SERIALS);
    if b.est >= ctx.reform {
        v[8] = 21; // M
        v[9] = 10; // A
    } else {
        let h = mix(ctx.keys.serial ^ serial as u64);
        v[8] = [3, 5, 6, 7][(h % 4) as usize];
        v[9] = ((h >> 8) % 10) as u32;
    }
    let mut x = serial;
    for k in (10..16).rev() {
        v[k] = x % 31;
        x /= 31;
    }
    let org: u32 = (0..8)
        .map(|k| ORG_VALUE[v[8 + k] as usize] * ORG_WEIGHTS[k])
        .sum();
    v[16] = match 11 - org % 11 {
        10 => 29, // X
        11 => 0,
        d => d,
    };
    let sum: u32 = v.iter().zip(WEIGHTS).map(|(a, w)| a * w).sum();
    let mut c = [0u8; 18];
    for (k, &a) in v.iter().enumerate() {
        c[k] = CHARSET[a as usize];
    }
    c[17] = CHARSET[((31 - sum % 31) % 31) as usize];
    c
}

fn trade_name(s: &mut Stream, w: &mut Writer, chars: u32) {
    for _ in 0..chars {
        w.push_str(s.pick(TRADE_CHARS));
    }
}

/// Writes the name; returns true when it is a joint-stock company.
fn write_name(s: &mut Stream, w: &mut Writer, b: &Base, ind: &Industry, long: bool) -> bool {
    let chars = if long || s.chance(300) { 3 } else { 2 };
    match b.etype {
        EntityType::Individual => {
            w.push_str(if s.chance(750) {
                "东西湖区"
            } else {
                "武汉市东西湖区"
            });
            if !long && s.chance(120) {
                w.push_str(s.pick(SURNAMES));
                w.push_str("记");
            } else {
                trade_name(s, w, chars);
            }
            w.push_str(s.pick(ind.shop));
            false
        }
        EntityType::Cooperative => {
            w.push_str("武汉市东西湖区");
            trade_name(s, w, chars);
            w.push_str(ind.coop);
            false
        }
        EntityType::SoleProprietorship => {
            w.push_str("武汉市东西湖区");
            trade_name(s, w, chars);
            w.push_str(s.pick(ind.co));
            w.push_str(s.pick(&["经营部", "商行", "工作室", "中心"]));
            false
        }
        EntityType::Partnership => {
            w.push_str("武汉");
            trade_name(s, w, chars);
            w.push_str(s.pick(ind.co));
            w.push_str(if s.chance(800) {
                "合伙企业（有限合伙）"
            } else {
                "合伙企业（普通合伙）"
            });
            false
        }
        _ => {
            let x = s.below(100);
            w.push_str(if x < 80 {
                "武汉"
            } else if x < 92 {
                "湖北"
            } else {
                "武汉市"
            });
            trade_name(s, w, chars);
            w.push_str(s.pick(ind.co));
            let joint = b.etype == EntityType::Company && s.chance(30);
            w.push_str(if joint {
                "股份有限公司"
            } else if s.chance(50) {
                "有限责任公司"
            } else {
                "有限公司"
            });
            if b.etype == EntityType::Branch {
                w.push_str(s.pick(&["东西湖分公司", "东西湖营业部", "东西湖分店", "临空港分公司"]));
            }
            joint
        }
    }
}

fn capital(s: &mut Stream, b: &Base) -> Option<u64> {
    // In tenths of 万元.
    let v: u64 = match b.etype {
        EntityType::Branch => return None,
        EntityType::Individual => {
            if s.chance(850) {
                return None;
            }
            s.pick(&[5, 10, 20, 30, 50, 100, 200, 500])
        }
        EntityType::Cooperative => s.pick(&[50, 100, 200, 500, 1000, 2000, 5000]),
        EntityType::Partnership => s.pick(&[100, 500, 1000, 5000, 10000, 50000]),
        EntityType::SoleProprietorship => s.pick(&[10, 30, 50, 100, 500]),
        _ => {
            const V: [u64; 12] = [
                10, 30, 50, 100, 200, 300, 500, 1000, 2000, 3000, 5000, 10000,
            ];
            // Running sums of the weights 3 3 10 25 10 8 15 12 6 3 3 2 (per cent).
            const CUM: [u32; 12] = [3, 6, 16, 41, 51, 59, 74, 86, 92, 95, 98, 100];
            let x = s.below(100);
            let k = CUM.partition_point(|&c| c <= x);
            let v = V[k] * 10;
            if s.chance(60) {
                v + 10 * s.below(10) as u64 + s.below(10) as u64
            } else {
                v
            }
        }
    };
    Some(v)
}

fn push_tenths(w: &mut Writer, v: u64) {
    w.push_u64(v / 10);
    if !v.is_multiple_of(10) {
        w.push(b".");
        w.push_u64(v % 10);
    }
}

/// Writes the region and address fields of an enterprise.
fn write_place(ctx: &Ctx, s: &mut Stream, w: &mut Writer, b: &Base) {
    if let Some(c) = b.cluster {
        // A cluster-registration address: the same text for every entity registered there.
        let mut cs = Stream::new(ctx.keys.clusters, c as u64);
        let region = &REGIONS[cs.weighted(&ctx.cum_cluster_region)];
        w.text(region.name);
        w.begin();
        w.push_str("武汉市东西湖区");
        w.push_str(cs.pick(region.roads));
        w.push_u64(1 + cs.below(400) as u64);
        w.push_str("号");
        w.push_str(cs.pick(PARKS));
        let floor = 1 + cs.below(20) as u64;
        w.push_u64(floor);
        w.push_str("层");
        w.push_u64(floor);
        w.push_padded(1 + cs.below(30) as u64, 2);
        w.push_str("室");
        w.end();
        return;
    }
    let region = &REGIONS[s.weighted(&ctx.cum_region)];
    w.text(region.name);
    w.begin();
    w.push_str("武汉市东西湖区");
    w.push_str(s.pick(region.roads));
    w.push_u64(1 + s.below(999) as u64);
    w.push_str("号");
    let x = s.below(100);
    if b.individual() {
        if x < 40 {
            w.push_str("附");
            w.push_u64(1 + s.below(40) as u64);
            w.push_str("号");
        } else if x < 75 {
            w.push_u64(1 + s.below(30) as u64);
            w.push_str("栋1层");
            w.push_u64(1 + s.below(40) as u64);
            w.push_str("号商铺");
        } else {
            w.push_u64(1 + s.below(30) as u64);
            w.push_str("栋");
            w.push_u64(1 + s.below(4) as u64);
            w.push_str("单元");
            w.push_u64(1 + s.below(30) as u64);
            w.push_str("层");
            w.push_padded(1 + s.below(8) as u64, 2);
            w.push_str("室");
        }
    } else {
        let code = b.industry().code.as_bytes()[0];
        if matches!(code, b'C' | b'G' | b'A' | b'D') && x < 60 {
            if s.chance(500) {
                w.push_u64(1 + s.below(12) as u64);
                w.push_str("号厂房");
            }
        } else if x < 50 {
            w.push_str(s.pick(PARKS));
            w.push_u64(1 + s.below(12) as u64);
            w.push_str("栋");
            let floor = 1 + s.below(25) as u64;
            w.push_u64(floor);
            w.push_str("层");
            w.push_u64(floor);
            w.push_padded(1 + s.below(40) as u64, 2);
            w.push_str("室");
        } else {
            w.push_u64(1 + s.below(30) as u64);
            w.push_str("栋");
            let floor = 1 + s.below(30) as u64;
            w.push_u64(floor);
            w.push_padded(1 + s.below(12) as u64, 2);
            w.push_str("室");
        }
    }
    w.end();
}

/// The names written so far (by hash), to keep names unique within a file.
pub(crate) type NameSet = rustc_hash::FxHashSet<u64>;

fn name_hash(b: &[u8]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(b);
    h.finish()
}

/// Writes the registration row of an enterprise.
pub(crate) fn write(ctx: &Ctx, w: &mut Writer, b: &Base, names: &mut NameSet) {
    let mut s = Stream::new(
        ctx.kind_key(crate::records::RecordKind::Registration),
        b.i as u64,
    );
    let ind = b.industry();
    let code = uscc(ctx, b);
    w.begin();
    w.push(&code);
    w.end();

    w.begin();
    let mark = w.mark();
    let mut joint = false;
    for attempt in 0..8 {
        w.truncate(mark);
        joint = write_name(&mut s, w, b, ind, attempt > 0);
        if names.insert(name_hash(w.since(mark))) {
            break;
        }
    }
    w.end();

    w.text(match b.etype {
        EntityType::Company if joint => "股份有限公司",
        EntityType::Company => "有限责任公司",
        t => t.zh(),
    });
    w.text(ind.code);
    w.date(&ctx.dates, b.est);
    w.begin();
    if let Some(v) = capital(&mut s, b) {
        push_tenths(w, v);
    }
    w.end();
    w.text(match b.status {
        RegStatus::Active if b.individual() => "在业",
        st => st.zh(),
    });
    write_place(ctx, &mut s, w, b);
    w.end_row();
}

/// The registered names of the first `count` enterprises, as the registration file writes
/// them (names are kept unique in file order, so the first ones are replayed).
pub(crate) fn names(ctx: &Ctx, count: u32) -> Vec<String> {
    let count = count.min(ctx.n);
    let mut w = Writer::reusing(
        crate::records::RecordKind::Registration,
        FIELDS,
        count as usize * 200 + 512,
        Vec::new(),
    );
    let mut set = NameSet::default();
    for i in 0..count {
        write(ctx, &mut w, &super::profile::base(ctx, i), &mut set);
    }
    let bytes = w.finish();
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(&bytes[..]);
    rd.records()
        .map(|r| {
            r.ok()
                .and_then(|r| r.get(1).map(str::to_string))
                .unwrap_or_default()
        })
        .collect()
}
