//! The national code tables as data: 市场主体类型 (enterprise-type codes), 登记状态 as the
//! national publicity system writes it, GB/T 4754-2017 industries, GB/T 2260 regions, licence
//! kinds and inspection result categories (docs/RULES.md §16 gives each table's source, version
//! and size).
//!
//! Each table is a TSV file beside this module, embedded at build time and read once on first
//! use. An entry has its code, its official name, the variants seen in exports, and the coarse
//! category the scoring uses. Lookups take a text as a clerk's file writes it: the code alone,
//! the name, or a variant, with half- and full-width brackets, commas and spaces treated alike.

use super::{EntityType, InspectionResult, RegStatus};
use crate::text::halfwidth;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// One entry of a code table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The code (`1130`, `2`, `F`, `5211`, `420112`…; licence kinds have our own keys).
    pub code: &'static str,
    /// The official name.
    pub name: &'static str,
    /// The coarse category (a code of the vocabulary it maps to, or the table's own).
    pub category: &'static str,
    /// The parent code (entity types, industries), empty when none.
    pub parent: &'static str,
    /// The level (industries: 门类/大类/中类/小类; regions: province/prefecture/county).
    pub level: &'static str,
    /// Whether the code is still in force (regions: `abolished` codes are kept, for old USCCs).
    pub current: bool,
}

/// A table: entries, and every spelling (normalised) → entry.
#[derive(Debug)]
pub struct Table {
    entries: Vec<Entry>,
    by_text: FxHashMap<String, usize>,
}

impl Table {
    /// Every entry, in the file's order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry a text names: its code, name or a variant, spelled any of the usual ways.
    pub fn find(&self, text: &str) -> Option<&Entry> {
        self.by_text.get(&key(text)).map(|&i| &self.entries[i])
    }

    /// The entry of a code.
    pub fn by_code(&self, code: &str) -> Option<&Entry> {
        self.find(code).filter(|e| e.code == code.trim())
    }
}

/// The matching key of a text: full-width forms as ASCII, no white space, `、` as `,`.
fn key(text: &str) -> String {
    halfwidth(text.trim_start_matches('\u{feff}'))
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '、' { ',' } else { c })
        .collect()
}

/// Column positions of a table file.
struct Layout {
    code: usize,
    name: usize,
    variants: Option<usize>,
    category: Option<usize>,
    parent: Option<usize>,
    level: Option<usize>,
    status: Option<usize>,
}

fn parse(text: &'static str, layout: Layout) -> Table {
    let mut entries = Vec::new();
    let mut by_text = FxHashMap::default();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let f: Vec<&'static str> = line.split('\t').collect();
        let get = |i: Option<usize>| i.and_then(|i| f.get(i).copied()).unwrap_or("").trim();
        let e = Entry {
            code: get(Some(layout.code)),
            name: get(Some(layout.name)),
            category: get(layout.category),
            parent: get(layout.parent),
            level: get(layout.level),
            current: get(layout.status) != "abolished",
        };
        let i = entries.len();
        // The first entry to claim a spelling keeps it: codes, then names, then variants.
        let mut claim = |s: &str| {
            if !s.is_empty() {
                by_text.entry(key(s)).or_insert(i);
            }
        };
        claim(e.code);
        claim(e.name);
        for v in get(layout.variants).split('|') {
            claim(v);
        }
        entries.push(e);
    }
    Table { entries, by_text }
}

macro_rules! table {
    ($(#[$m:meta])* $fn:ident, $file:literal, $layout:expr) => {
        $(#[$m])*
        pub fn $fn() -> &'static Table {
            static T: OnceLock<Table> = OnceLock::new();
            T.get_or_init(|| parse(include_str!($file), $layout))
        }
    };
}

table!(
    /// 市场主体类型: the enterprise-type code table (1000 内资公司 … 9500 个体工商户 …).
    entity_types,
    "entity_types.tsv",
    Layout { code: 0, name: 1, parent: Some(2), category: Some(3), variants: Some(4), level: None, status: None }
);
table!(
    /// 登记状态 as the national enterprise credit information publicity system writes it.
    reg_statuses,
    "reg_statuses.tsv",
    Layout { code: 0, name: 1, variants: Some(2), category: Some(3), parent: None, level: None, status: None }
);
table!(
    /// GB/T 4754-2017 国民经济行业分类: 门类 letters, 大类, 中类 and 小类 codes.
    industries,
    "industries.tsv",
    Layout { code: 0, name: 1, level: Some(2), parent: Some(3), variants: None, category: None, status: None }
);
table!(
    /// GB/T 2260 administrative divisions, current and abolished.
    regions,
    "regions.tsv",
    Layout { code: 0, name: 1, status: Some(2), level: Some(3), variants: None, category: None, parent: None }
);
table!(
    /// Licence kinds as market-regulation systems write them.
    licence_kinds,
    "licence_kinds.tsv",
    Layout { code: 0, name: 1, variants: Some(2), category: Some(3), parent: None, level: None, status: None }
);
table!(
    /// Inspection result categories of the random-inspection publicity.
    inspection_results,
    "inspection_results.tsv",
    Layout { code: 0, name: 1, variants: Some(2), category: Some(3), parent: None, level: None, status: None }
);

/// An entity type read from a file: the coarse type the scoring uses and, when the text names
/// an entry of the national table, its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityTypeRead {
    /// The coarse type.
    pub kind: EntityType,
    /// The national code, when the table knows the text.
    pub code: Option<&'static str>,
}

/// Reads 市场主体类型 as written: the national table (code, name or variant), the short terms
/// of [`EntityType`], then the words that give a form away (分公司, 合伙, 个人独资, 个体, 合作社,
/// 公司). `None` when nothing does.
pub fn read_entity_type(text: &str) -> Option<EntityTypeRead> {
    if let Some(e) = entity_types().find(text) {
        return Some(EntityTypeRead {
            kind: entity_category(e),
            code: Some(e.code),
        });
    }
    if let Some(kind) = EntityType::parse(text).or_else(|| EntityType::parse(&halfwidth(text))) {
        return Some(EntityTypeRead { kind, code: None });
    }
    let kind = entity_by_words(&key(text))?;
    Some(EntityTypeRead { kind, code: None })
}

fn entity_category(e: &Entry) -> EntityType {
    match e.category {
        "foreign" => entity_by_words(e.name).unwrap_or(EntityType::Company),
        c => EntityType::parse(c).unwrap_or(EntityType::Other),
    }
}

/// The form a name gives away (branches first: 有限责任公司分公司 is a branch).
fn entity_by_words(t: &str) -> Option<EntityType> {
    let has = |w: &str| t.contains(w);
    Some(
        if has("分公司") || has("分支机构") || has("分店") || has("营业单位") {
            EntityType::Branch
        } else if has("个人独资") {
            EntityType::SoleProprietorship
        } else if has("合伙") {
            EntityType::Partnership
        } else if has("个体") {
            EntityType::Individual
        } else if has("合作社") {
            EntityType::Cooperative
        } else if has("公司") || has("企业法人") {
            EntityType::Company
        } else {
            return None;
        },
    )
}

/// A registration status read from a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegStatusRead {
    /// The coarse status.
    pub status: RegStatus,
    /// The national code, when the table gives one.
    pub code: Option<&'static str>,
}

/// Reads 登记状态 as written: the national table (code, name or variant), then the short terms
/// of [`RegStatus`]. `None` when neither knows it.
pub fn read_reg_status(text: &str) -> Option<RegStatusRead> {
    if let Some(e) = reg_statuses().find(text) {
        let status = RegStatus::parse(e.category)?;
        return Some(RegStatusRead {
            status,
            code: (!e.code.is_empty()).then_some(e.code),
        });
    }
    let status = RegStatus::parse(text).or_else(|| RegStatus::parse(&halfwidth(text)))?;
    Some(RegStatusRead { status, code: None })
}

/// Reads an inspection result as written: the short terms of [`InspectionResult`], then the
/// national categories and their variants.
pub fn read_inspection_result(text: &str) -> Option<InspectionResult> {
    InspectionResult::parse(text)
        .or_else(|| InspectionResult::parse(&halfwidth(text)))
        .or_else(|| InspectionResult::parse(inspection_results().find(text)?.category))
}

/// The GB/T 4754-2017 entry of an industry as written: a 门类 letter alone (`F`), a 大类,
/// 中类 or 小类 code with or without its 门类 letter (`F5211`, `5211`, `F52`, `521`), or a
/// name of the table (`百货零售`). A letter before a code must be that code's 门类 (`A5211`
/// names nothing). Lower-case letters and full-width forms are read as their capitals.
pub fn industry(text: &str) -> Option<&'static Entry> {
    let t = industries();
    let k = key(text);
    let mut chars = k.chars();
    if let Some(c) = chars.next().filter(char::is_ascii_alphabetic) {
        let rest = chars.as_str();
        let letter = c.to_ascii_uppercase().to_string();
        if rest.is_empty() {
            return t.by_code(&letter);
        }
        if rest.bytes().all(|b| b.is_ascii_digit()) {
            let e = t.by_code(rest)?;
            return (section_of(e)? == letter).then_some(e);
        }
    }
    if !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit()) {
        return t.by_code(&k);
    }
    t.find(&k)
        .filter(|e| e.name == text.trim() || key(e.name) == k)
}

/// The 门类 letter an entry belongs to.
fn section_of(mut e: &'static Entry) -> Option<&'static str> {
    while !e.parent.is_empty() {
        e = industries().by_code(e.parent)?;
    }
    Some(e.code)
}

/// The 门类 (section letter) of an industry as written.
pub fn industry_section(text: &str) -> Option<&'static str> {
    section_of(industry(text)?)
}

/// The GB/T 2260 entry of a six-digit region code (current or abolished).
pub fn region(code: &str) -> Option<&'static Entry> {
    regions().by_code(code)
}

/// Whether GB/T 2260 knows a six-digit region code, current or abolished (the USCC's positions
/// 3–8). One bit per code, built once: fast enough to ask for every row of a file.
pub fn region_known(code: &[u8]) -> bool {
    static BITS: OnceLock<Vec<u64>> = OnceLock::new();
    let Some(n) = six_digits(code) else {
        return false;
    };
    let bits = BITS.get_or_init(|| {
        let mut bits = vec![0u64; 1_000_000 / 64 + 1];
        for e in regions().entries() {
            if let Some(n) = six_digits(e.code.as_bytes()) {
                bits[n / 64] |= 1 << (n % 64);
            }
        }
        bits
    });
    bits[n / 64] & (1 << (n % 64)) != 0
}

fn six_digits(code: &[u8]) -> Option<usize> {
    if code.len() != 6 || !code.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        code.iter()
            .fold(0usize, |n, d| n * 10 + usize::from(d - b'0')),
    )
}

/// The licence kind a text names (its name or a variant).
pub fn licence_kind(text: &str) -> Option<&'static Entry> {
    licence_kinds().find(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_bits_agree_with_the_table() {
        assert!(region_known(b"420112"));
        assert!(!region_known(b"999999"));
        assert!(!region_known(b"42011"));
        for e in regions().entries().iter().step_by(97) {
            assert!(region_known(e.code.as_bytes()), "{}", e.code);
        }
    }

    #[test]
    fn tables_load_with_their_sizes() {
        assert_eq!(entity_types().entries().len(), 171);
        assert_eq!(reg_statuses().entries().len(), 11);
        assert_eq!(industries().entries().len(), 20 + 97 + 473 + 1381);
        let current = regions().entries().iter().filter(|e| e.current).count();
        assert_eq!(current, 3213);
        assert_eq!(licence_kinds().entries().len(), 19);
        assert_eq!(inspection_results().entries().len(), 19);
    }

    #[test]
    fn entity_types_by_code_name_and_variant() {
        let r = read_entity_type("有限责任公司（自然人投资或控股）").unwrap();
        assert_eq!((r.kind, r.code), (EntityType::Company, Some("1130")));
        assert_eq!(read_entity_type("1130"), Some(r));
        assert_eq!(
            read_entity_type(" 有限责任公司(自然人投资或控股) "),
            Some(r)
        );
        let b = read_entity_type("股份有限公司(非上市)").unwrap();
        assert_eq!(b.kind, EntityType::Company);
        assert!(b.code.is_some());
        assert_eq!(
            read_entity_type("个体工商户").unwrap().kind,
            EntityType::Individual
        );
        assert_eq!(
            read_entity_type("农民专业合作社").unwrap().kind,
            EntityType::Cooperative
        );
        // Not in the table: the words give the form away.
        let f = read_entity_type("有限责任公司(外商投资、非独资)").unwrap();
        assert_eq!((f.kind, f.code), (EntityType::Company, None));
        assert_eq!(
            read_entity_type("有限责任公司分公司(自然人投资或控股)")
                .unwrap()
                .kind,
            EntityType::Branch
        );
        assert_eq!(read_entity_type("某某"), None);
        // Every entry of the table reads back by its code, and by its name as an entry of
        // that name (a few names stand under two codes: the first is taken).
        let t = entity_types();
        for e in t.entries() {
            assert_eq!(
                read_entity_type(e.code).unwrap().code,
                Some(e.code),
                "{}",
                e.code
            );
            let by_name = read_entity_type(e.name).unwrap().code.unwrap();
            assert_eq!(key(t.by_code(by_name).unwrap().name), key(e.name));
        }
    }

    #[test]
    fn statuses_as_the_publicity_system_writes_them() {
        let s = |t: &str| read_reg_status(t).map(|r| r.status);
        assert_eq!(s("存续（在营、开业、在册）"), Some(RegStatus::Active));
        assert_eq!(s("存续(在营,开业,在册)"), Some(RegStatus::Active));
        assert_eq!(s("吊销，未注销"), Some(RegStatus::Revoked));
        assert_eq!(s("吊销（已注销）"), Some(RegStatus::Deregistered));
        assert_eq!(s("注销"), Some(RegStatus::Deregistered));
        assert_eq!(s("迁出"), Some(RegStatus::MovedOut));
        assert_eq!(s("歇业"), Some(RegStatus::Suspended));
        assert_eq!(s("清算中"), Some(RegStatus::Liquidating));
        assert_eq!(read_reg_status("1").unwrap().code, Some("1"));
        assert_eq!(s("营业中吗"), None);
        for e in reg_statuses().entries() {
            assert!(read_reg_status(e.name).is_some(), "{}", e.name);
        }
    }

    #[test]
    fn industries_and_regions() {
        assert_eq!(industry("F5211").unwrap().name, "百货零售");
        assert_eq!(industry("5211").unwrap().code, "5211");
        assert_eq!(industry_section("5211"), Some("F"));
        assert_eq!(industry_section("52"), Some("F"));
        assert_eq!(industry("批发和零售业").unwrap().code, "F");
        assert!(industry("9999").is_none());
        // A letter alone, codes of every level with or without their letter, names.
        assert_eq!(industry("F").unwrap().name, "批发和零售业");
        assert_eq!(industry("f").unwrap().code, "F");
        assert_eq!(industry("F52").unwrap().code, "52");
        assert_eq!(industry("521").unwrap().code, "521");
        assert_eq!(industry("Ｆ５２１２").unwrap().code, "5212");
        assert_eq!(industry("f5212").unwrap().code, "5212");
        assert_eq!(industry("百货零售").unwrap().code, "5211");
        // A letter that is not the code's 门类, unknown letters and codes, other text.
        assert!(industry("A5212").is_none());
        assert!(industry("Z").is_none());
        assert!(industry("Z5212").is_none());
        assert!(industry("5").is_none());
        assert!(industry("52120").is_none());
        assert!(industry("零售").is_none());
        assert!(industry("").is_none());
        for e in industries().entries() {
            assert_eq!(industry(e.code).map(|f| f.code), Some(e.code));
            let s = industry_section(e.code).unwrap();
            if e.code != s {
                assert_eq!(
                    industry(&format!("{s}{}", e.code)).map(|f| f.code),
                    Some(e.code)
                );
            }
        }
        let r = region("420112").unwrap();
        assert_eq!((r.name, r.current), ("东西湖区", true));
        assert!(!region("110103").unwrap().current);
        assert!(region("999999").is_none());
    }

    #[test]
    fn licence_kinds_and_inspection_results() {
        assert_eq!(licence_kind("食品经营许可证").unwrap().category, "food");
        assert_eq!(licence_kind("餐饮服务许可证").unwrap().code, "food_sale");
        assert_eq!(
            read_inspection_result("发现问题经责令已改正"),
            Some(InspectionResult::ProblemCorrected)
        );
        assert_eq!(
            read_inspection_result("已关闭停业或正在组织清算"),
            Some(InspectionResult::Closed)
        );
        for e in inspection_results().entries() {
            assert!(read_inspection_result(e.name).is_some(), "{}", e.name);
        }
    }
}
