//! The planning inputs of the synthetic district: its inspector roster (执法检查人员名录库),
//! its item list (抽查事项清单), and who did each synthetic inspection.
//!
//! The roster has about one inspector per 600 enterprises (at least [`MIN_INSPECTORS`]):
//! the district bureau's sections (食品安全监管科…) and its 市场监管所, one per 街道, and a
//! few inspectors of the other departments that check with it (卫生健康, 应急管理, 生态环境,
//! 商务), each with the qualifications of their work; about 2 % must not inspect one or two
//! enterprises (回避, by USCC or by name), about 3 % are no longer on duty. The first
//! inspectors go through every unit in turn, so a roster of 15 or more (9,000 enterprises)
//! has every unit and every qualification.
//!
//! The item list is fixed: about twenty items modelled on SAMR's 随机抽查事项清单, with the
//! licence kinds and industries the generator gives enterprises, and items of the other
//! departments on the same enterprises (petrol stations, hotels, food factories) so that one
//! visit can cover several items.
//!
//! Everything here is drawn from streams of its own (`roster`, `inspection/inspectors`), so the
//! records of the other kinds are the same with or without it.

use super::out::Writer;
use super::pools::{DISTRICT, REGIONS, SURNAMES};
use super::profile::Ctx;
use super::rng::{cumulative, Stream};
use rustc_hash::FxHashMap;

/// The fewest inspectors a district gets.
pub(crate) const MIN_INSPECTORS: u32 = 4;

/// Enterprises per inspector.
pub(crate) const PER_INSPECTOR: u32 = 600;

/// The number of inspectors of a district of `n` enterprises.
pub(crate) fn inspector_count(n: u32) -> u32 {
    (n / PER_INSPECTOR).max(MIN_INSPECTORS)
}

/// The fields the roster writer fills, in [`crate::records::RecordKind::columns`] order.
pub(crate) const INSPECTOR_FIELDS: &[&str] = &[
    "inspector_id",
    "inspector_name",
    "unit",
    "qualifications",
    "inspector_region",
    "conflicts",
    "active",
];

/// The fields the item-list writer fills.
pub(crate) const ITEM_FIELDS: &[&str] = &[
    "item_code",
    "item_name",
    "department",
    "basis",
    "entity_types",
    "industries",
    "licence_kinds",
    "item_class",
    "qualification",
];

/// Qualifications (执法资质), as the roster writes them.
const QUALS: [&str; 14] = [
    "公示信息",
    "食品安全",
    "药品",
    "医疗器械",
    "特种设备",
    "产品质量",
    "计量",
    "价格",
    "广告",
    "网络交易",
    "公共卫生",
    "危险化学品",
    "生态环境",
    "商务执法",
];
const PUBLIC: usize = 0;
const FOOD: usize = 1;
const DRUG: usize = 2;
const DEVICE: usize = 3;
const SPEC: usize = 4;
const QUALITY: usize = 5;
const METRO: usize = 6;
const PRICE: usize = 7;
const AD: usize = 8;
const NET: usize = 9;
const HEALTH: usize = 10;
const HAZ: usize = 11;
const ENV: usize = 12;
const COMMERCE: usize = 13;

/// The district's market-regulation bureau, as items and units name it.
const SAMR: &str = "区市场监管局";

/// A unit inspectors belong to (a 市场监管所 is one per 街道, see [`STATION`]).
struct Unit {
    name: &'static str,
    /// Qualifications every inspector of the unit holds.
    always: &'static [usize],
    /// Qualifications some hold, per mille.
    maybe: &'static [(usize, i32)],
    /// Share of the roster.
    weight: u32,
}

/// A 市场监管所: comprehensive law enforcement, public information first.
const STATION: Unit = Unit {
    name: "",
    always: &[PUBLIC],
    maybe: &[
        (FOOD, 800),
        (METRO, 400),
        (PRICE, 600),
        (AD, 200),
        (QUALITY, 300),
        (SPEC, 200),
        (DRUG, 150),
        (DEVICE, 100),
        (NET, 100),
    ],
    weight: 48,
};

const UNITS: [Unit; 11] = [
    Unit {
        name: "区市场监管局食品安全监管科",
        always: &[FOOD],
        maybe: &[(PUBLIC, 900), (METRO, 100)],
        weight: 10,
    },
    Unit {
        name: "区市场监管局药品医疗器械监管科",
        always: &[DRUG, DEVICE],
        maybe: &[(PUBLIC, 700), (AD, 100)],
        weight: 5,
    },
    Unit {
        name: "区市场监管局特种设备安全监察科",
        always: &[SPEC],
        maybe: &[(PUBLIC, 600)],
        weight: 5,
    },
    Unit {
        name: "区市场监管局产品质量监管科",
        always: &[QUALITY, METRO],
        maybe: &[(PUBLIC, 700)],
        weight: 4,
    },
    Unit {
        name: "区市场监管局信用监管科",
        always: &[PUBLIC],
        maybe: &[(AD, 300), (NET, 300)],
        weight: 6,
    },
    Unit {
        name: "区市场监管局价格监督检查和反不正当竞争科",
        always: &[PRICE],
        maybe: &[(AD, 300), (NET, 200), (PUBLIC, 600)],
        weight: 5,
    },
    Unit {
        name: "区市场监管局网络交易和广告监管科",
        always: &[NET, AD],
        maybe: &[(PUBLIC, 600), (PRICE, 200)],
        weight: 4,
    },
    Unit {
        name: "区卫生健康局卫生监督所",
        always: &[HEALTH],
        maybe: &[],
        weight: 5,
    },
    Unit {
        name: "区应急管理局安全生产执法大队",
        always: &[HAZ],
        maybe: &[],
        weight: 4,
    },
    Unit {
        name: "区生态环境局执法大队",
        always: &[ENV],
        maybe: &[],
        weight: 4,
    },
    Unit {
        name: "区商务局市场秩序科",
        always: &[COMMERCE],
        maybe: &[],
        weight: 4,
    },
];

/// The units the first inspectors take in turn (`None`: a 市场监管所, of the next 街道 by
/// share), so that a small district has every unit.
const COVER: [Option<usize>; 15] = [
    None,
    Some(0),
    None,
    Some(2),
    Some(4),
    Some(1),
    Some(3),
    Some(5),
    Some(6),
    None,
    Some(7),
    Some(8),
    Some(9),
    Some(10),
    None,
];

/// Characters of given names.
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀",
    "霞", "平", "刚", "丽", "华", "斌", "鹏", "婷", "宇", "浩", "凯", "琳", "晨", "欣", "俊", "颖",
    "峰", "波", "辉", "玲", "雪", "建", "文", "红",
];

/// Why an inspector is not on duty.
const OFF_DUTY: [&str; 4] = ["离岗", "调离", "退休", "停用"];

/// One synthetic inspector.
pub(crate) struct Member {
    pub id: String,
    name: String,
    unit: String,
    /// Qualifications held, a bit per [`QUALS`] entry.
    quals: u16,
    region: &'static str,
    /// Enterprises (by index) not to inspect, named by USCC.
    conflict_usccs: Vec<u32>,
    /// Enterprises (by index) not to inspect, named by registered name.
    conflict_names: Vec<u32>,
    /// `None` on duty; else the word the roster writes.
    off_duty: Option<&'static str>,
}

/// The roster of a district.
pub(crate) struct Roster {
    pub members: Vec<Member>,
    /// Registered names of the enterprises some inspectors avoid by name.
    names: FxHashMap<u32, String>,
    /// Inspectors holding each qualification.
    by_qual: Vec<Vec<u32>>,
    /// Inspectors who must not inspect an enterprise, by its index.
    avoid: FxHashMap<u32, Vec<u32>>,
}

/// The 市场监管所 of a 街道: `吴家山街道` → `区市场监管局吴家山市场监管所`.
fn station(region: &str) -> String {
    let stem = region
        .strip_suffix("街道")
        .or_else(|| region.strip_suffix("办事处"))
        .unwrap_or(region);
    format!("{SAMR}{stem}市场监管所")
}

/// Builds the roster of `ctx`'s district.
pub(crate) fn roster(ctx: &Ctx) -> Roster {
    let m = inspector_count(ctx.n);
    let cum_units =
        cumulative(std::iter::once(STATION.weight).chain(UNITS.iter().map(|u| u.weight)));
    let mut members = Vec::with_capacity(m as usize);
    let mut cover_region = 0usize;
    let by_weight: Vec<usize> = {
        let mut v: Vec<usize> = (0..REGIONS.len()).collect();
        v.sort_by_key(|&r| std::cmp::Reverse(REGIONS[r].weight));
        v
    };
    for j in 0..m {
        let mut s = Stream::new(ctx.keys.roster, u64::from(j));
        let unit = match COVER.get(j as usize) {
            Some(&u) => u,
            None => match s.weighted(&cum_units) {
                0 => None,
                k => Some(k - 1),
            },
        };
        let (u, unit_name, region) = match unit {
            Some(k) => {
                let region = if s.chance(400) {
                    REGIONS[s.weighted(&ctx.cum_region)].name
                } else {
                    ""
                };
                (&UNITS[k], UNITS[k].name.to_string(), region)
            }
            None => {
                let r = if (j as usize) < COVER.len() {
                    cover_region += 1;
                    by_weight[(cover_region - 1) % by_weight.len()]
                } else {
                    s.weighted(&ctx.cum_region)
                };
                (&STATION, station(REGIONS[r].name), REGIONS[r].name)
            }
        };
        let mut quals = 0u16;
        for &q in u.always {
            quals |= 1 << q;
        }
        for &(q, p) in u.maybe {
            if s.chance(p) {
                quals |= 1 << q;
            }
        }
        let mut name = s.pick(SURNAMES).to_string();
        for _ in 0..1 + s.below(2) {
            name.push_str(s.pick(GIVEN));
        }
        let (mut conflict_usccs, mut conflict_names) = (Vec::new(), Vec::new());
        if ctx.n > 0 && s.chance(20) {
            for _ in 0..1 + s.below(2) {
                if s.chance(700) {
                    let e = s.below(ctx.n);
                    if !conflict_usccs.contains(&e) {
                        conflict_usccs.push(e);
                    }
                } else {
                    // Names are known cheaply for the first enterprises only.
                    let e = s.below(ctx.n.min(NAMED));
                    if !conflict_names.contains(&e) {
                        conflict_names.push(e);
                    }
                }
            }
        }
        let off_duty = s.chance(30).then(|| s.pick(&OFF_DUTY));
        members.push(Member {
            id: format!("{DISTRICT}{:05}", j + 1),
            name,
            unit: unit_name,
            quals,
            region,
            conflict_usccs,
            conflict_names,
            off_duty,
        });
    }
    let named: Vec<u32> = members
        .iter()
        .flat_map(|x| x.conflict_names.iter().copied())
        .collect();
    let names = match named.iter().max() {
        Some(&last) => {
            let all = super::registration::names(ctx, last + 1);
            named
                .iter()
                .filter_map(|&e| Some((e, all.get(e as usize)?.clone())))
                .collect()
        }
        None => FxHashMap::default(),
    };
    let mut by_qual = vec![Vec::new(); QUALS.len()];
    let mut avoid: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for (k, x) in members.iter().enumerate() {
        for (q, list) in by_qual.iter_mut().enumerate() {
            if x.quals & (1 << q) != 0 {
                list.push(k as u32);
            }
        }
        for &e in x.conflict_usccs.iter().chain(&x.conflict_names) {
            avoid.entry(e).or_default().push(k as u32);
        }
    }
    Roster {
        members,
        names,
        by_qual,
        avoid,
    }
}

/// The enterprises among which inspectors avoid some by name (their names are replayed).
const NAMED: u32 = 2000;

/// Writes the roster file's rows.
pub(crate) fn write_roster(ctx: &Ctx, w: &mut Writer, r: &Roster) {
    for x in &r.members {
        w.text(&x.id);
        w.text(&x.name);
        w.text(&x.unit);
        w.text(&quals_text(x.quals));
        w.text(x.region);
        let mut conflicts: Vec<String> = x
            .conflict_usccs
            .iter()
            .map(|&e| {
                let b = super::profile::base(ctx, e);
                String::from_utf8_lossy(&super::registration::uscc(ctx, &b)).into_owned()
            })
            .collect();
        conflicts.extend(
            x.conflict_names
                .iter()
                .filter_map(|e| r.names.get(e).cloned()),
        );
        w.text(&conflicts.join("、"));
        w.text(x.off_duty.unwrap_or("在岗"));
        w.end_row();
    }
}

fn quals_text(quals: u16) -> String {
    QUALS
        .iter()
        .enumerate()
        .filter(|(q, _)| quals & (1 << q) != 0)
        .map(|(_, t)| *t)
        .collect::<Vec<_>>()
        .join("、")
}

/// One item of the list: code, name, department, basis, 检查对象, industries, licence kinds,
/// whether key, qualification.
type ItemRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
    usize,
);

/// The item list (抽查事项清单) of the district.
#[rustfmt::skip]
const ITEMS: &[ItemRow] = &[
    ("CCSX-001", "企业公示信息抽查", SAMR, "《企业信息公示暂行条例》第十四条", "企业", "", "", false, PUBLIC),
    ("CCSX-002", "个体工商户和农民专业合作社年度报告公示信息抽查", SAMR, "《中华人民共和国市场主体登记管理条例》第三十五条", "个体工商户、农民专业合作社", "", "", false, PUBLIC),
    ("CCSX-003", "食品销售者监督检查", SAMR, "《中华人民共和国食品安全法》第一百一十条", "", "F51、F52", "食品经营许可", true, FOOD),
    ("CCSX-004", "餐饮服务提供者监督检查", SAMR, "《中华人民共和国食品安全法》第一百一十条", "", "H61、H62", "食品经营许可", true, FOOD),
    ("CCSX-005", "食品生产者监督检查", SAMR, "《中华人民共和国食品安全法》第一百一十条", "", "C13、C14、C15", "食品生产许可", true, FOOD),
    ("CCSX-006", "药品零售企业监督检查", SAMR, "《中华人民共和国药品管理法》第九十九条", "", "F5251", "药品经营许可", true, DRUG),
    ("CCSX-007", "药品批发企业监督检查", SAMR, "《中华人民共和国药品管理法》第九十九条", "", "F5151", "药品经营许可", true, DRUG),
    ("CCSX-008", "医疗器械经营企业监督检查", SAMR, "《医疗器械监督管理条例》第七十条", "", "", "医疗器械经营许可", false, DEVICE),
    ("CCSX-009", "特种设备使用单位监督检查", SAMR, "《中华人民共和国特种设备安全法》第五十七条", "", "", "特种设备使用登记", true, SPEC),
    ("CCSX-010", "电梯使用管理单位监督检查", SAMR, "《中华人民共和国特种设备安全法》第五十七条", "", "K7020", "特种设备使用登记", true, SPEC),
    ("CCSX-011", "工业产品生产许可证获证企业监督检查", SAMR, "《中华人民共和国工业产品生产许可证管理条例》第五章", "", "", "工业产品生产许可", false, QUALITY),
    ("CCSX-012", "生产领域产品质量监督抽查", SAMR, "《中华人民共和国产品质量法》第十五条", "", "C", "", false, QUALITY),
    ("CCSX-013", "成品油质量监督检查", SAMR, "《中华人民共和国产品质量法》第十五条", "", "F5265", "", false, QUALITY),
    ("CCSX-014", "计量器具使用情况检查", SAMR, "《中华人民共和国计量法》第十八条", "", "F5121、F5223、F5224、F5265、D45", "", false, METRO),
    ("CCSX-015", "广告经营者和发布者检查", SAMR, "《中华人民共和国广告法》第四十九条", "", "L725", "", false, AD),
    ("CCSX-016", "价格行为检查", SAMR, "《中华人民共和国价格法》第三十四条", "", "F52、H62、K70、O80", "", false, PRICE),
    ("CCSX-017", "网络交易经营者检查", SAMR, "《网络交易监督管理办法》第三章", "", "F5292、I64、I65", "", false, NET),
    ("CCSX-018", "公共场所卫生监督检查", "区卫生健康局", "《公共场所卫生管理条例》第十条", "", "H61、O8040", "", false, HEALTH),
    ("CCSX-019", "危险化学品经营单位安全检查", "区应急管理局", "《危险化学品安全管理条例》第六条", "", "F5265、D45", "", true, HAZ),
    ("CCSX-020", "排污许可证执行情况检查", "区生态环境局", "《排污许可管理条例》第四章", "", "C13、C14、C15、C22、C29、C33、C36", "", false, ENV),
    ("CCSX-021", "单用途商业预付卡发卡企业检查", "区商务局", "《单用途商业预付卡管理办法（试行）》第四章", "企业", "F52、H62、O80", "", false, COMMERCE),
];

/// The number of items of the list.
pub(crate) fn item_count() -> usize {
    ITEMS.len()
}

/// Writes the item list's rows.
pub(crate) fn write_items(w: &mut Writer) {
    for &(code, name, dept, basis, types, industries, licences, key, qual) in ITEMS {
        w.text(code);
        w.text(name);
        w.text(dept);
        w.text(basis);
        w.text(types);
        w.text(industries);
        w.text(licences);
        w.text(if key {
            "重点检查事项"
        } else {
            "一般检查事项"
        });
        w.text(QUALS[qual]);
        w.end_row();
    }
}

/// The qualification that an inspection task's topic (see [`super::pools::topic`]) needs.
fn topic_qual(topic: u32) -> usize {
    match topic {
        1 => FOOD,
        2 => DRUG,
        3 => SPEC,
        4 => QUALITY,
        6 => PRICE,
        7 => AD,
        8 => METRO,
        _ => PUBLIC,
    }
}

impl Roster {
    /// Writes the 检查人员 cell of one inspection of enterprise `ent` on a task of `topic`:
    /// two inspectors holding the task's qualification (any two when fewer hold it), none of
    /// whom must avoid the enterprise, joined with `、`. `s` is the enterprise's own stream of
    /// inspectors.
    pub(crate) fn write_pair(&self, s: &mut Stream, w: &mut Writer, ent: u32, topic: u32) {
        w.begin();
        let avoid = self.avoid.get(&ent).map_or(&[][..], Vec::as_slice);
        let holders = &self.by_qual[topic_qual(topic)];
        let all: Vec<u32>;
        let pool: &[u32] = if holders.iter().filter(|k| !avoid.contains(k)).count() >= 2 {
            holders
        } else {
            all = (0..self.members.len() as u32).collect();
            &all
        };
        let mut chosen: [Option<u32>; 2] = [None, None];
        for slot in 0..2 {
            // A few tries, then the first free one in order: no loop runs long.
            let mut pick = None;
            for _ in 0..8 {
                let k = s.pick(pool);
                if !avoid.contains(&k) && chosen[0] != Some(k) {
                    pick = Some(k);
                    break;
                }
            }
            let pick = pick.or_else(|| {
                pool.iter()
                    .copied()
                    .find(|k| !avoid.contains(k) && chosen[0] != Some(*k))
            });
            chosen[slot] = pick;
        }
        for (n, k) in chosen.iter().flatten().enumerate() {
            if n > 0 {
                w.push_str("、");
            }
            w.push_str(&self.members[*k as usize].id);
        }
        w.end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_name_known_industries_licences_and_qualifications() {
        for &(code, _, dept, basis, _, industries, licences, _, _) in ITEMS {
            assert!(basis.starts_with('《') && basis.contains('第'), "{code}");
            assert!(dept.starts_with('区'), "{code}");
            for i in crate::records::split_list(industries) {
                let digits = &i[1..];
                assert!(
                    digits.is_empty() || crate::records::tables::industry(digits).is_some(),
                    "{code}: {i}"
                );
            }
            for l in crate::records::split_list(licences) {
                assert!(
                    crate::records::tables::licence_kind(l).is_some(),
                    "{code}: {l}"
                );
            }
        }
        // Every unit's name starts with its department's, as the items name it.
        for u in &UNITS {
            assert!(
                ITEMS.iter().any(|it| u.name.starts_with(it.2)),
                "{}",
                u.name
            );
        }
        assert_eq!(station("辛安渡办事处"), "区市场监管局辛安渡市场监管所");
        // Every qualification is always held in some unit, and the first inspectors go
        // through every unit: a roster of COVER.len() inspectors holds them all.
        for (q, name) in QUALS.iter().enumerate() {
            let held = UNITS
                .iter()
                .chain([&STATION])
                .any(|u| u.always.contains(&q));
            assert!(held, "{name}");
        }
        for (k, u) in UNITS.iter().enumerate() {
            assert!(COVER.contains(&Some(k)), "{}", u.name);
        }
    }
}
