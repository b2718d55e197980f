//! Class counts and shares by region (所属区域 as registered) and by industry section (GB/T
//! 4754-2017 门类 of the registered industry). Enterprises without a registration, a region or
//! a readable industry are counted under an empty key (`未登记` / `unknown`).

use crate::records::tables::{industry, industry_section};
use crate::records::EntId;
use crate::store::Store;
use crate::strpool::StrId;
use rustc_hash::FxHashMap;
use serde::Serialize;

/// One region or industry section.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShareRow {
    /// The region as registered, or the section letter; empty for unknown.
    pub key: String,
    /// Its name in Chinese.
    pub zh: String,
    /// Its name in English (a region's is its registered name).
    pub en: String,
    /// Enterprises.
    pub total: u64,
    /// Enterprises per class code: unclassified, A, B, C, D.
    pub counts: [u64; 5],
    /// Shares of A–D among the classified enterprises (0 when none is classified).
    pub shares: [f64; 4],
}

/// Class counts by region and by industry section.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassShares {
    /// By region, by key.
    pub regions: Vec<ShareRow>,
    /// By industry section, by letter.
    pub industries: Vec<ShareRow>,
}

/// GB/T 4754-2017 sections in English.
const SECTIONS_EN: [&str; 20] = [
    "Agriculture, forestry, animal husbandry and fishery",
    "Mining",
    "Manufacturing",
    "Electricity, heat, gas and water",
    "Construction",
    "Wholesale and retail trade",
    "Transport, storage and post",
    "Accommodation and catering",
    "Information transmission, software and IT services",
    "Finance",
    "Real estate",
    "Leasing and business services",
    "Scientific research and technical services",
    "Water conservancy, environment and public facilities",
    "Resident, repair and other services",
    "Education",
    "Health and social work",
    "Culture, sports and entertainment",
    "Public administration, social security and social organisations",
    "International organisations",
];

fn section_en(letter: &str) -> &'static str {
    let b = letter.as_bytes();
    match b {
        [c @ b'A'..=b'T'] => SECTIONS_EN[(c - b'A') as usize],
        _ => "unknown",
    }
}

/// Counts as the pass goes.
pub(super) struct Tally {
    regions: FxHashMap<StrId, [u64; 5]>,
    unregistered: [u64; 5],
    industries: FxHashMap<StrId, [u64; 5]>,
}

impl Tally {
    pub(super) fn new() -> Tally {
        Tally {
            regions: FxHashMap::default(),
            unregistered: [0; 5],
            industries: FxHashMap::default(),
        }
    }

    pub(super) fn add(&mut self, store: &Store, ent: EntId, class: u8) {
        let c = (class as usize).min(4);
        match store.registration(ent) {
            Some(r) => {
                self.regions.entry(r.region).or_default()[c] += 1;
                self.industries.entry(r.industry).or_default()[c] += 1;
            }
            None => self.unregistered[c] += 1,
        }
    }

    pub(super) fn finish(self, store: &Store) -> ClassShares {
        let mut regions: FxHashMap<String, [u64; 5]> = FxHashMap::default();
        for (id, c) in self.regions {
            add(regions.entry(store.text(id).to_string()).or_default(), &c);
        }
        let mut industries: FxHashMap<String, [u64; 5]> = FxHashMap::default();
        for (id, c) in self.industries {
            let key = industry_section(store.text(id)).unwrap_or("").to_string();
            add(industries.entry(key).or_default(), &c);
        }
        if self.unregistered.iter().any(|n| *n > 0) {
            add(
                regions.entry(String::new()).or_default(),
                &self.unregistered,
            );
            add(
                industries.entry(String::new()).or_default(),
                &self.unregistered,
            );
        }
        let rows = |m: FxHashMap<String, [u64; 5]>, name: &dyn Fn(&str) -> (String, String)| {
            let mut v: Vec<ShareRow> = m
                .into_iter()
                .map(|(key, counts)| {
                    let (zh, en) = name(&key);
                    row(key, zh, en, counts)
                })
                .collect();
            v.sort_by(|a, b| a.key.cmp(&b.key));
            v
        };
        ClassShares {
            regions: rows(regions, &|k| {
                if k.is_empty() {
                    ("未登记或未填写".into(), "unregistered or blank".into())
                } else {
                    (k.to_string(), k.to_string())
                }
            }),
            industries: rows(
                industries,
                &|k| match industry(k).filter(|_| !k.is_empty()) {
                    Some(e) => (format!("{k} {}", e.name), format!("{k} {}", section_en(k))),
                    None => ("未登记或无法识别".into(), "unregistered or unknown".into()),
                },
            ),
        }
    }
}

fn add(to: &mut [u64; 5], c: &[u64; 5]) {
    for (a, b) in to.iter_mut().zip(c) {
        *a += b;
    }
}

fn row(key: String, zh: String, en: String, counts: [u64; 5]) -> ShareRow {
    let classified: u64 = counts[1..].iter().sum();
    let share = |n: u64| {
        if classified == 0 {
            0.0
        } else {
            (n as f64 / classified as f64 * 10_000.0).round() / 10_000.0
        }
    };
    ShareRow {
        key,
        zh,
        en,
        total: counts.iter().sum(),
        counts,
        shares: [
            share(counts[1]),
            share(counts[2]),
            share(counts[3]),
            share(counts[4]),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_of_the_classified_and_sections_have_english_names() {
        let r = row("x".into(), "x".into(), "x".into(), [5, 2, 1, 1, 0]);
        assert_eq!(r.total, 9);
        assert_eq!(r.shares, [0.5, 0.25, 0.25, 0.0]);
        assert_eq!(section_en("C"), "Manufacturing");
        assert_eq!(section_en("T"), "International organisations");
        assert_eq!(section_en(""), "unknown");
    }
}
