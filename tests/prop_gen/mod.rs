//! Small random record files for the property tests: a [`FileSpec`] (a kind, its columns,
//! rows of value choices, delimiter, line ends, BOM, headers in English or Chinese) rendered to
//! CSV bytes. Shared by `tests/properties.rs` (native, proptest strategies and a seeded
//! digest) and `tests/wasm_properties.rs` (the same seeded files through the binding): both
//! assert the digest in `tests/golden/random-small.sha256`.
#![allow(dead_code)]

use credit_supervision::records::RecordKind;
use credit_supervision::uscc::Uscc;

/// One file to generate.
#[derive(Debug, Clone)]
pub struct FileSpec {
    /// Index into [`RecordKind::ALL`].
    pub kind: usize,
    /// Which optional columns to leave out (bit i: the i-th column), never the required ones.
    pub drop: u32,
    /// 0 `,`, 1 `;`, 2 tab, 3 `|`.
    pub delimiter: u8,
    /// CRLF line ends.
    pub crlf: bool,
    /// A UTF-8 byte-order mark.
    pub bom: bool,
    /// Chinese headers rather than the English keys.
    pub zh: bool,
    /// Rows: a value choice per column (a row repeats an earlier one when its first choice is
    /// 255).
    pub rows: Vec<Vec<u8>>,
}

/// Valid USCCs (check digit computed) and some that are not.
pub fn usccs() -> Vec<String> {
    let mut v: Vec<String> = (0..12u32)
        .map(|i| {
            let first: [u8; 17] = format!("91420112MA4K{:05}", i * 7919 % 100_000)
                .into_bytes()
                .try_into()
                .unwrap();
            Uscc::with_check_digit(&first).unwrap().as_str().to_string()
        })
        .collect();
    v.extend(
        [
            "914403001922038217",
            "91420112ma4k000015",
            "９１３３０１００７１６１０５８５２Ｆ",
            "",
            "123",
        ]
        .map(String::from),
    );
    v
}

const DATES: &[&str] = &[
    "2024-03-01",
    "2023/1/5",
    "2023.01.05",
    "20230105",
    "2023年1月5日",
    "2025-12-25 12:00:00",
    "2022-02-30",
    "1899-12-31",
    "0000-01-01",
    "45000",
    "",
    "昨天",
];
const AMOUNTS: &[&str] = &[
    "60000",
    "1,000",
    "¥200",
    "5万元",
    "１２３",
    "1e308万",
    "-5",
    "",
    "x",
];
const FLAGS: &[&str] = &["是", "否", "Y", "N", "true", "0", "", "也许"];
const YEARS: &[&str] = &["2022", "2023", "2024", "1899", "二〇二三", ""];
const MONTHS: &[&str] = &["24", "24个月", "2年", "", "x", "99999"];
const TEXT: &[&str] = &[
    "甲公司",
    "=SUM(1,2)",
    "+86",
    "-x",
    "@a",
    "'=x",
    "＝全角",
    "a,b;c|d\te",
    "引\"号",
    "换\n行",
    "",
    " 空格 ",
];
const VOCAB: &[&str] = &[
    "普通",
    "简易",
    "罚款",
    "警告;罚款",
    "吊销许可证件",
    "经营异常名录",
    "严重违法失信名单",
    "未发现问题",
    "发现问题已责令改正",
    "未发现开展本次抽查涉及的经营活动",
    "通过登记的住所（经营场所）无法联系",
    "待核查",
    "履行承诺",
    "未履行承诺",
    "虚假承诺",
    "存续",
    "注销",
    "吊销",
    "公司",
    "个体工商户",
    "价格",
    "食品",
];

/// The values a column takes, by its key.
fn pool(key: &str) -> Vec<String> {
    let list: &[&str] = match key {
        "uscc" => return usccs(),
        k if k.ends_with("date") || ["established", "filed", "issued", "expires"].contains(&k) => {
            DATES
        }
        "fine" | "capital" => AMOUNTS,
        "year" => YEARS,
        "restriction_months" => MONTHS,
        "aggravated" | "fulfilled" | "harm_eliminated" | "substantiated" | "on_time" => FLAGS,
        "procedure" | "penalty_kinds" | "list" | "result" | "outcome" | "status"
        | "entity_type" | "domain" | "licence_status" | "inspection_kind" => VOCAB,
        _ => TEXT,
    };
    list.iter().map(|s| s.to_string()).collect()
}

/// The file's name and bytes.
pub fn render(spec: &FileSpec) -> (String, Vec<u8>) {
    let kind = RecordKind::ALL[spec.kind % RecordKind::ALL.len()];
    let cols: Vec<_> = kind
        .columns()
        .iter()
        .enumerate()
        .filter(|(i, c)| c.required || spec.drop & (1 << (i % 32)) == 0)
        .map(|(_, c)| c)
        .collect();
    let pools: Vec<Vec<String>> = cols.iter().map(|c| pool(c.key)).collect();
    let delim = [",", ";", "\t", "|"][spec.delimiter as usize % 4];
    let eol = if spec.crlf { "\r\n" } else { "\n" };
    let field = |s: &str| {
        if s.contains(['"', '\n', '\r', ',', ';', '\t', '|']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    if spec.bom {
        out.push('\u{FEFF}');
    }
    let header: Vec<String> = cols
        .iter()
        .map(|c| field(if spec.zh { c.zh } else { c.key }))
        .collect();
    out.push_str(&header.join(delim));
    out.push_str(eol);
    let mut lines: Vec<String> = Vec::new();
    for row in &spec.rows {
        let line = match (row.first(), lines.is_empty()) {
            (Some(255), false) => {
                lines[row.get(1).copied().unwrap_or(0) as usize % lines.len()].clone()
            }
            _ => {
                let cells: Vec<String> = pools
                    .iter()
                    .enumerate()
                    .map(|(i, p)| field(&p[row.get(i).copied().unwrap_or(0) as usize % p.len()]))
                    .collect();
                cells.join(delim)
            }
        };
        out.push_str(&line);
        out.push_str(eol);
        lines.push(line);
    }
    (kind.file_name(), out.into_bytes())
}

/// A small deterministic stream (SplitMix64).
pub struct Mix(pub u64);

impl Mix {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// The spec of a file from a seeded stream.
pub fn seeded_spec(mix: &mut Mix) -> FileSpec {
    let rows = (mix.next() % 12) as usize;
    FileSpec {
        kind: (mix.next() % 8) as usize,
        drop: mix.next() as u32,
        delimiter: (mix.next() % 4) as u8,
        crlf: mix.next().is_multiple_of(2),
        bom: mix.next().is_multiple_of(4),
        zh: mix.next().is_multiple_of(2),
        rows: (0..rows)
            .map(|_| {
                let first = if mix.next().is_multiple_of(8) {
                    255
                } else {
                    mix.next() as u8
                };
                std::iter::once(first)
                    .chain((0..15).map(|_| mix.next() as u8))
                    .collect()
            })
            .collect(),
    }
}

/// The seeded districts of the native/wasm digest: `DISTRICTS` sets of eight files each.
pub const DISTRICTS: u64 = 24;

/// The as-of date the districts are scored on.
pub const AS_OF: &str = "2024-06-01";

/// The files of district `i`, in load order.
pub fn seeded_district(i: u64) -> Vec<(String, Vec<u8>)> {
    let mut mix = Mix(0x5eed_0000 + i);
    (0..8).map(|_| render(&seeded_spec(&mut mix))).collect()
}

/// One line of a load report for the digest.
pub fn report_line(file: &str, counts: [u64; 4], reasons: &str) -> String {
    format!(
        "{file}: read {} accepted {} duplicates {} rejected {} {reasons}\n",
        counts[0], counts[1], counts[2], counts[3]
    )
}
