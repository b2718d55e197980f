//! Who may be planned, and why: the classified, registered enterprises with their stratum,
//! 100 % groups, triggers, last inspection and last team; and who is left out, and why.

use crate::date::{add_months, Date};
use crate::policy::{Class, PlanPolicy, StratumBy};
use crate::records::{tables, Item, LicenceStatus, RecordKind, RecordRef};
use crate::records::{EntId, EntityType};
use crate::score::Scoring;
use crate::store::Store;
use rustc_hash::FxHashMap;
use serde::Serialize;

/// Why an enterprise must be checked whatever the draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// A substantiated complaint or report within the policy's months.
    Complaint,
    /// An inspection that found a problem within the policy's months (a follow-up check).
    FollowUp,
    /// Referred by another authority (given with the plan's request).
    Referral,
}

impl Trigger {
    /// The Chinese term.
    pub fn zh(self) -> &'static str {
        match self {
            Trigger::Complaint => "投诉举报属实",
            Trigger::FollowUp => "发现问题后续核查",
            Trigger::Referral => "转办移送",
        }
    }
}

/// Why a classified enterprise is not in the draw's pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Left {
    /// Inspected within its class's gap before the cycle starts.
    RecentlyInspected,
}

/// One enterprise that may be planned.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub ent: EntId,
    pub class: Class,
    /// Index into [`Population::strata`].
    pub stratum: u32,
    /// Bit `g` set: member of 100 % group `g`.
    pub groups: u32,
    /// Triggers, sorted, none repeated.
    pub triggers: Vec<Trigger>,
    /// Indices of the items that apply (key items included whatever the class).
    pub items: Vec<u16>,
    /// The ids of the last inspection's team ("a;b"), empty when not known.
    pub last_team: String,
    /// Inspected within its class's gap.
    pub recent: bool,
}

/// The population a plan is made from.
#[derive(Debug, Default)]
pub(crate) struct Population {
    /// Every classified, registered enterprise, by USCC.
    pub candidates: Vec<Candidate>,
    /// Stratum keys (`region:径河街道|industry:F`), sorted.
    pub strata: Vec<String>,
    /// Relative weight of each stratum.
    pub weights: Vec<f64>,
    /// Classified enterprises left out because their registration is not active.
    pub inactive: usize,
}

/// The GB/T 4754 code of an enterprise: its digits and its section letter.
struct Industry {
    digits: String,
    section: String,
}

fn industry_of(text: &str) -> Industry {
    let t = crate::text::halfwidth(text.trim()).to_ascii_uppercase();
    let digits: String = t.chars().skip_while(|c| c.is_ascii_alphabetic()).collect();
    let digits = if digits.bytes().all(|b| b.is_ascii_digit()) {
        digits
    } else {
        String::new()
    };
    let section = tables::industry_section(&t)
        .map(str::to_string)
        .or_else(|| {
            t.chars()
                .next()
                .filter(|c| c.is_ascii_uppercase())
                .map(|c| c.to_string())
        })
        .unwrap_or_default();
    Industry { digits, section }
}

/// Whether an industry code or prefix of the policy or the item list (`F`, `F52`, `5251`)
/// covers the enterprise's industry.
fn industry_matches(prefix: &str, ind: &Industry) -> bool {
    let p = prefix.trim().to_ascii_uppercase();
    let (letter, digits) = match p.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => (Some(&p[..1]), &p[1..]),
        _ => (None, p.as_str()),
    };
    if let Some(l) = letter {
        if ind.section != l {
            return false;
        }
    }
    digits.is_empty() || (!ind.digits.is_empty() && ind.digits.starts_with(digits))
}

fn licence_matches(kind: &str, held: &[String]) -> bool {
    let k = kind.trim();
    !k.is_empty() && held.iter().any(|h| h.contains(k))
}

/// Whether `item` applies to an enterprise of this type, industry and licences.
fn item_applies(item: &Item, ty: EntityType, ind: &Industry, licences: &[String]) -> bool {
    (item.entity_types.is_empty() || item.entity_types.contains(&ty))
        && (item.industries.is_empty() || item.industries.iter().any(|p| industry_matches(p, ind)))
        && (item.licence_kinds.is_empty()
            || item
                .licence_kinds
                .iter()
                .any(|k| licence_matches(k, licences)))
}

/// Builds the population as of the cycle's start.
pub(crate) fn population(
    store: &Store,
    scoring: &Scoring,
    plan: &PlanPolicy,
    items: &[Item],
    start: Date,
    referrals: &rustc_hash::FxHashSet<EntId>,
) -> Population {
    let mut pop = Population::default();
    let mut strata: FxHashMap<String, u32> = FxHashMap::default();
    let excluded = &scoring.overlay.excluded;
    let counts = |kind, index: usize| {
        !excluded.contains(&RecordRef {
            kind,
            index: index as u32,
        })
    };
    let complaint_since = plan
        .triggers
        .substantiated_complaint_months
        .map(|m| add_months(start, -(m as i32)));
    let problem_since = plan
        .triggers
        .problem_found_months
        .map(|m| add_months(start, -(m as i32)));
    let mut licences: Vec<String> = Vec::new();
    for (ent, &code) in scoring.classes.iter().enumerate() {
        let ent = ent as EntId;
        let Some(class) = Class::from_code(code) else {
            continue;
        };
        let Some(reg) = store.registration(ent) else {
            continue;
        };
        if !reg.status.is_active() {
            pop.inactive += 1;
            continue;
        }
        let ind = industry_of(store.text(reg.industry));
        licences.clear();
        let (first, rows) = store.licences.of(ent);
        for (i, l) in rows.iter().enumerate() {
            let valid = l.status == LicenceStatus::Valid && l.expires.is_none_or(|e| e >= start);
            if valid && counts(RecordKind::Licence, first + i) {
                licences.push(store.text(l.kind).to_string());
            }
        }
        let mut groups = 0u32;
        for (g, group) in plan.full_coverage.iter().enumerate().take(32) {
            let member = group
                .licence_kinds
                .iter()
                .any(|k| licence_matches(k, &licences))
                || group.industries.iter().any(|p| industry_matches(p, &ind));
            if member {
                groups |= 1 << g;
            }
        }
        let mut triggers = Vec::new();
        if let Some(since) = complaint_since {
            let (first, rows) = store.complaints.of(ent);
            if rows.iter().enumerate().any(|(i, c)| {
                c.substantiated
                    && c.date >= since
                    && c.date < start
                    && counts(RecordKind::Complaint, first + i)
            }) {
                triggers.push(Trigger::Complaint);
            }
        }
        let (first, rows) = store.inspections.of(ent);
        let mut last: Option<(Date, usize)> = None;
        for (i, r) in rows.iter().enumerate() {
            if r.date >= start || !counts(RecordKind::Inspection, first + i) {
                continue;
            }
            if last.is_none_or(|(d, _)| r.date >= d) {
                last = Some((r.date, i));
            }
        }
        if let Some(since) = problem_since {
            if rows.iter().enumerate().any(|(i, r)| {
                r.result.found_problem()
                    && r.date >= since
                    && r.date < start
                    && counts(RecordKind::Inspection, first + i)
            }) {
                triggers.push(Trigger::FollowUp);
            }
        }
        if referrals.contains(&ent) {
            triggers.push(Trigger::Referral);
        }
        let gap = plan.min_gap_months.get(&class).copied().unwrap_or(0);
        let recent = gap > 0 && last.is_some_and(|(d, _)| d >= add_months(start, -(gap as i32)));
        let last_team = last.map(|_| String::new()).unwrap_or_default(); // MERGE: inspectors
        let mut key = String::new();
        for by in &plan.stratify_by {
            if !key.is_empty() {
                key.push('|');
            }
            key.push_str(by.prefix());
            key.push(':');
            match by {
                StratumBy::Region => key.push_str(store.text(reg.region).trim()),
                StratumBy::Industry => key.push_str(&ind.section),
                StratumBy::EntityType => key.push_str(reg.entity_type.code()),
            }
        }
        let next = strata.len() as u32;
        let stratum = *strata.entry(key).or_insert(next);
        let applies: Vec<u16> = items
            .iter()
            .enumerate()
            .filter(|(_, it)| item_applies(it, reg.entity_type, &ind, &licences))
            .map(|(i, _)| i as u16)
            .collect();
        pop.candidates.push(Candidate {
            ent,
            class,
            stratum,
            groups,
            triggers,
            items: applies,
            last_team,
            recent,
        });
    }
    // Strata in key order, so that their numbering does not depend on the store's order.
    let mut keys: Vec<(String, u32)> = strata.into_iter().collect();
    keys.sort();
    let mut renumber = vec![0u32; keys.len()];
    for (new, (_, old)) in keys.iter().enumerate() {
        renumber[*old as usize] = new as u32;
    }
    for c in &mut pop.candidates {
        c.stratum = renumber[c.stratum as usize];
    }
    pop.weights = keys
        .iter()
        .map(|(k, _)| {
            k.split('|')
                .map(|part| plan.stratum_weights.get(part).copied().unwrap_or(1.0))
                .product()
        })
        .collect();
    pop.strata = keys.into_iter().map(|(k, _)| k).collect();
    pop.candidates.sort_by_key(|c| store.uscc(c.ent));
    pop
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn industry_prefixes_match_with_or_without_the_section_letter() {
        let ind = industry_of("F5251");
        assert_eq!((ind.digits.as_str(), ind.section.as_str()), ("5251", "F"));
        for p in ["F", "F52", "5251", "f525", "52"] {
            assert!(industry_matches(p, &ind), "{p}");
        }
        for p in ["C", "F53", "5252", "C52"] {
            assert!(!industry_matches(p, &ind), "{p}");
        }
        // A code written without its letter still has a section, from GB/T 4754.
        let ind = industry_of("5251");
        assert_eq!(ind.section, "F");
        assert!(industry_matches("F", &ind));
        // No code: only the empty prefix would match, and none is allowed.
        let ind = industry_of("");
        assert!(!industry_matches("F", &ind) && !industry_matches("52", &ind));
    }

    #[test]
    fn licences_match_by_the_kind_written_inside_the_name() {
        let held = vec!["药品经营许可证".to_string()];
        assert!(licence_matches("药品经营", &held));
        assert!(!licence_matches("特种设备", &held));
        assert!(!licence_matches(" ", &held));
    }
}
