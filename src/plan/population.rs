//! Who may be planned, and why: the classified, registered enterprises with their stratum,
//! 100 % groups, triggers, last inspection and last team; and who is left out, and why.

use crate::date::{add_months, Date};
use crate::policy::{Class, PlanPolicy, StratumBy};
use crate::records::{tables, Item, LicenceStatus, RecordKind, RecordRef};
use crate::records::{EntId, EntityType, Inspector};
use crate::score::Scoring;
use crate::store::Store;
use crate::strpool::StrId;
use crate::uscc::Uscc;
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

    /// In English.
    pub fn en(self) -> &'static str {
        match self {
            Trigger::Complaint => "substantiated complaint",
            Trigger::FollowUp => "follow-up of a problem found",
            Trigger::Referral => "referral",
        }
    }

    /// The stable code (as in `PlanSummary.triggers`).
    pub fn code(self) -> &'static str {
        match self {
            Trigger::Complaint => "complaint",
            Trigger::FollowUp => "follow_up",
            Trigger::Referral => "referral",
        }
    }

    /// Every trigger.
    pub const ALL: [Trigger; 3] = [Trigger::Complaint, Trigger::FollowUp, Trigger::Referral];
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
    /// The enterprise: its id in the store, or its place among the facts a driver was given.
    pub ent: EntId,
    pub uscc: Uscc,
    pub class: Class,
    /// Index into [`Population::strata`].
    pub stratum: u32,
    /// Index into [`Population::texts`]: the registered region, trimmed.
    pub region: u32,
    /// Bit `g` set: member of 100 % group `g`.
    pub groups: u32,
    /// Triggers, sorted, none repeated.
    pub triggers: Vec<Trigger>,
    /// Index into [`Population::item_sets`]: the items that apply (key items included
    /// whatever the class).
    pub items: u32,
    /// Index into [`Population::texts`]: the ids of the last inspection's team ("a;b"; empty
    /// when not known).
    pub last_team: u32,
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
    /// The distinct sets of items that apply (indices into the items), shared by candidates.
    pub item_sets: Vec<Vec<u16>>,
    /// Regions and last teams, each written once.
    pub texts: Vec<Box<str>>,
    /// (inspector, enterprise): a listed conflict of interest between the two.
    pub conflicts: rustc_hash::FxHashSet<(u32, EntId)>,
}

impl Population {
    /// The items that apply to a candidate.
    pub fn items_of(&self, c: &Candidate) -> &[u16] {
        &self.item_sets[c.items as usize]
    }

    /// A text of [`Population::texts`].
    pub fn text(&self, id: u32) -> &str {
        &self.texts[id as usize]
    }
}

/// What a plan needs to know of one classified, registered enterprise, worked out from its
/// own records, the policy, the item list, the roster and the cycle's start alone: a
/// partition holding all of its records works out the same facts as the whole store.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts<'a> {
    /// Its class.
    pub class: Option<Class>,
    /// Whether its registration is active (the rest is left empty when not).
    pub active: bool,
    /// The registered region, trimmed.
    pub region: &'a str,
    /// Its stratum's key (`region:径河街道|industry:F`).
    pub stratum: &'a str,
    /// Bit `g` set: member of 100 % group `g` of `plan.full_coverage`.
    pub groups: u32,
    /// Triggers found in its records (sorted; a referral is the plan request's).
    pub triggers: &'a [Trigger],
    /// The items that apply, as indices into the plan's items (sorted by code).
    pub items: &'a [u16],
    /// The ids of its last inspection's team, as written.
    pub last_team: &'a str,
    /// Inspected within its class's gap before the cycle starts.
    pub recent: bool,
    /// The inspectors (indices into the roster) with a listed conflict with it.
    pub conflicts: &'a [u32],
}

/// The roster's conflicts of interest, by USCC and by registered name, among active
/// inspectors.
#[derive(Debug, Default)]
pub(crate) struct Conflicts {
    by_uscc: FxHashMap<Uscc, Vec<u32>>,
    by_name: FxHashMap<String, Vec<u32>>,
}

impl Conflicts {
    pub fn new(inspectors: &[Inspector]) -> Self {
        let mut c = Conflicts::default();
        for (i, ins) in inspectors.iter().enumerate().filter(|(_, x)| x.active) {
            for u in &ins.conflict_usccs {
                if let Ok(code) = Uscc::parse(u) {
                    c.by_uscc.entry(code).or_default().push(i as u32);
                }
            }
            for n in &ins.conflict_names {
                c.by_name
                    .entry(n.trim().to_string())
                    .or_default()
                    .push(i as u32);
            }
        }
        c
    }

    /// The inspectors with a conflict with the enterprise of this USCC and name, sorted, into
    /// `out` (cleared first).
    pub fn of(&self, uscc: &Uscc, name: &str, out: &mut Vec<u32>) {
        out.clear();
        if let Some(v) = self.by_uscc.get(uscc) {
            out.extend_from_slice(v);
        }
        if !self.by_name.is_empty() {
            if let Some(v) = self.by_name.get(name.trim()) {
                out.extend_from_slice(v);
            }
        }
        out.sort_unstable();
        out.dedup();
    }
}

/// Puts a population together from the facts of its enterprises, given in any order: the
/// same facts give the same population, whoever worked them out.
pub(crate) struct Builder<'p> {
    plan: &'p PlanPolicy,
    referred: &'p rustc_hash::FxHashSet<Uscc>,
    pop: Population,
    strata: FxHashMap<Box<str>, u32>,
    stratum_keys: Vec<String>,
    texts: FxHashMap<Box<str>, u32>,
    sets: FxHashMap<Vec<u16>, u32>,
}

impl<'p> Builder<'p> {
    /// A builder for a plan under `plan`, with the referred enterprises.
    pub fn new(plan: &'p PlanPolicy, referred: &'p rustc_hash::FxHashSet<Uscc>) -> Self {
        Builder {
            plan,
            referred,
            pop: Population::default(),
            strata: FxHashMap::default(),
            stratum_keys: Vec::new(),
            texts: FxHashMap::default(),
            sets: FxHashMap::default(),
        }
    }

    fn text(&mut self, t: &str) -> u32 {
        if let Some(&id) = self.texts.get(t) {
            return id;
        }
        let id = self.pop.texts.len() as u32;
        self.pop.texts.push(t.into());
        self.texts.insert(t.into(), id);
        id
    }

    /// Adds one enterprise (classified and registered: `facts.class` is set).
    pub fn push(&mut self, ent: EntId, uscc: Uscc, facts: &Facts) {
        let Some(class) = facts.class else {
            return;
        };
        if !facts.active {
            self.pop.inactive += 1;
            return;
        }
        let stratum = match self.strata.get(facts.stratum) {
            Some(&s) => s,
            None => {
                let s = self.stratum_keys.len() as u32;
                self.stratum_keys.push(facts.stratum.to_string());
                self.strata.insert(facts.stratum.into(), s);
                s
            }
        };
        let items = match self.sets.get(facts.items) {
            Some(&s) => s,
            None => {
                let s = self.pop.item_sets.len() as u32;
                self.pop.item_sets.push(facts.items.to_vec());
                self.sets.insert(facts.items.to_vec(), s);
                s
            }
        };
        let mut triggers = facts.triggers.to_vec();
        if self.referred.contains(&uscc) {
            triggers.push(Trigger::Referral);
        }
        triggers.sort_unstable();
        triggers.dedup();
        let region = self.text(facts.region);
        let last_team = self.text(facts.last_team);
        self.pop
            .conflicts
            .extend(facts.conflicts.iter().map(|&i| (i, ent)));
        self.pop.candidates.push(Candidate {
            ent,
            uscc,
            class,
            stratum,
            region,
            groups: facts.groups,
            triggers,
            items,
            last_team,
            recent: facts.recent,
        });
    }

    /// The population: strata numbered by key, weighed by the policy, candidates by USCC.
    pub fn finish(mut self) -> Population {
        let mut pop = std::mem::take(&mut self.pop);
        // The same key from several (region, industry, type) merges, and the numbering does
        // not depend on the order the facts came in.
        let mut keys: Vec<String> = self.stratum_keys.clone();
        keys.sort();
        keys.dedup();
        let renumber: Vec<u32> = self
            .stratum_keys
            .iter()
            .map(|k| keys.binary_search(k).expect("listed") as u32)
            .collect();
        for c in &mut pop.candidates {
            c.stratum = renumber[c.stratum as usize];
        }
        pop.weights = keys
            .iter()
            .map(|k| {
                k.split('|')
                    .map(|part| self.plan.stratum_weights.get(part).copied().unwrap_or(1.0))
                    .product()
            })
            .collect();
        pop.strata = keys;
        pop.candidates.sort_unstable_by_key(|c| c.uscc);
        pop
    }
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

/// Whether an industry code or prefix (`F52`) covers an industry as written (`F5212`, `5212`).
pub(crate) fn industry_matches_code(prefix: &str, industry: &str) -> bool {
    industry_matches(prefix, &industry_of(industry))
}

/// Whether `ent` holds on `on` a valid licence whose kind contains `kind` (licences corrected
/// in the audit trail left out).
pub(crate) fn licence_held(
    store: &Store,
    scoring: &Scoring,
    ent: EntId,
    kind: &str,
    on: Date,
) -> bool {
    let (first, rows) = store.licences.of(ent);
    let k = kind.trim();
    !k.is_empty()
        && rows.iter().enumerate().any(|(i, l)| {
            l.status == LicenceStatus::Valid
                && l.expires.is_none_or(|e| e >= on)
                && store.text(l.kind).contains(k)
                && !scoring.overlay.excluded.contains(&RecordRef {
                    kind: RecordKind::Licence,
                    index: (first + i) as u32,
                })
        })
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

/// Works out the facts of every classified, registered enterprise of the store as of the
/// cycle's start, in the store's order, and hands each to `each`. Industries, licence kinds,
/// strata and item sets are worked out once per distinct value (texts are interned in the
/// store), not once per enterprise.
pub(crate) fn store_facts(
    store: &Store,
    scoring: &Scoring,
    plan: &PlanPolicy,
    items: &[Item],
    start: Date,
    conflicts: &Conflicts,
    mut each: impl FnMut(EntId, Uscc, &Facts),
) {
    let excluded = &scoring.overlay.excluded;
    let counts = |kind, index: usize| {
        excluded.is_empty()
            || !excluded.contains(&RecordRef {
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
    let groups = &plan.full_coverage[..plan.full_coverage.len().min(32)];
    // Per class: inspected on or after this day means "recently" (no gap: never).
    let gap_since: [Option<Date>; 4] = Class::ALL.map(|c| {
        plan.min_gap_months
            .get(&c)
            .copied()
            .filter(|&m| m > 0)
            .map(|m| add_months(start, -(m as i32)))
    });
    // Per industry text: its code, and the 100 % groups its industry puts it in.
    let mut industries: FxHashMap<StrId, (u32, u32)> = FxHashMap::default();
    let mut industry_list: Vec<Industry> = Vec::new();
    // Per licence kind text: the 100 % groups it puts its holder in.
    let mut licence_groups: FxHashMap<StrId, u32> = FxHashMap::default();
    // Per (type, industry, licence kinds): the item set.
    let mut sets: FxHashMap<(EntityType, u32, Vec<StrId>), u32> = FxHashMap::default();
    let mut item_sets: Vec<Vec<u16>> = Vec::new();
    // Per (region, section, type): the stratum's key.
    let mut strata: FxHashMap<(StrId, u32, EntityType), u32> = FxHashMap::default();
    let mut stratum_keys: Vec<String> = Vec::new();
    let mut licences: Vec<StrId> = Vec::new();
    let mut triggers: Vec<Trigger> = Vec::new();
    let mut conflicted: Vec<u32> = Vec::new();
    for (ent, &code) in scoring.classes.iter().enumerate() {
        let ent = ent as EntId;
        let Some(class) = Class::from_code(code) else {
            continue;
        };
        let Some(reg) = store.registration(ent) else {
            continue;
        };
        let uscc = store.uscc(ent);
        if !reg.status.is_active() {
            let facts = Facts {
                class: Some(class),
                ..Facts::default()
            };
            each(ent, uscc, &facts);
            continue;
        }
        let (ind_ix, ind_groups) = *industries.entry(reg.industry).or_insert_with(|| {
            let ind = industry_of(store.text(reg.industry));
            let mut mask = 0u32;
            for (g, group) in groups.iter().enumerate() {
                if group.industries.iter().any(|p| industry_matches(p, &ind)) {
                    mask |= 1 << g;
                }
            }
            industry_list.push(ind);
            ((industry_list.len() - 1) as u32, mask)
        });
        licences.clear();
        let (first, rows) = store.licences.of(ent);
        for (i, l) in rows.iter().enumerate() {
            let valid = l.status == LicenceStatus::Valid && l.expires.is_none_or(|e| e >= start);
            if valid && counts(RecordKind::Licence, first + i) {
                licences.push(l.kind);
            }
        }
        licences.sort_unstable();
        licences.dedup();
        let mut member = ind_groups;
        for &k in &licences {
            member |= *licence_groups.entry(k).or_insert_with(|| {
                let held = [store.text(k).to_string()];
                let mut mask = 0u32;
                for (g, group) in groups.iter().enumerate() {
                    if group
                        .licence_kinds
                        .iter()
                        .any(|x| licence_matches(x, &held))
                    {
                        mask |= 1 << g;
                    }
                }
                mask
            });
        }
        triggers.clear();
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
        let mut problem = false;
        for (i, r) in rows.iter().enumerate() {
            if r.date >= start || !counts(RecordKind::Inspection, first + i) {
                continue;
            }
            if last.is_none_or(|(d, _)| r.date >= d) {
                last = Some((r.date, i));
            }
            if problem_since.is_some_and(|since| r.date >= since) && r.result.found_problem() {
                problem = true;
            }
        }
        if problem {
            triggers.push(Trigger::FollowUp);
        }
        let recent =
            gap_since[class.index()].is_some_and(|since| last.is_some_and(|(d, _)| d >= since));
        let last_team = last.map(|(_, i)| rows[i].inspectors).unwrap_or_default();
        let stratum = *strata
            .entry((reg.region, ind_ix, reg.entity_type))
            .or_insert_with(|| {
                let mut key = String::new();
                for by in &plan.stratify_by {
                    if !key.is_empty() {
                        key.push('|');
                    }
                    key.push_str(by.prefix());
                    key.push(':');
                    match by {
                        StratumBy::Region => key.push_str(store.text(reg.region).trim()),
                        StratumBy::Industry => {
                            key.push_str(&industry_list[ind_ix as usize].section)
                        }
                        StratumBy::EntityType => key.push_str(reg.entity_type.code()),
                    }
                }
                stratum_keys.push(key);
                (stratum_keys.len() - 1) as u32
            });
        let set_key = (reg.entity_type, ind_ix, licences.clone());
        let set = match sets.get(&set_key) {
            Some(&s) => s,
            None => {
                let held: Vec<String> = licences
                    .iter()
                    .map(|&k| store.text(k).to_string())
                    .collect();
                let ind = &industry_list[ind_ix as usize];
                let applies: Vec<u16> = items
                    .iter()
                    .enumerate()
                    .filter(|(_, it)| item_applies(it, reg.entity_type, ind, &held))
                    .map(|(i, _)| i as u16)
                    .collect();
                item_sets.push(applies);
                let s = (item_sets.len() - 1) as u32;
                sets.insert(set_key, s);
                s
            }
        };
        conflicts.of(&uscc, store.name(ent), &mut conflicted);
        let facts = Facts {
            class: Some(class),
            active: true,
            region: store.text(reg.region).trim(),
            stratum: &stratum_keys[stratum as usize],
            groups: member,
            triggers: &triggers,
            items: &item_sets[set as usize],
            last_team: store.text(last_team),
            recent,
            conflicts: &conflicted,
        };
        each(ent, uscc, &facts);
    }
}

/// Builds the population of the store as of the cycle's start (see [`store_facts`]).
pub(crate) fn population(
    store: &Store,
    scoring: &Scoring,
    plan: &PlanPolicy,
    items: &[Item],
    start: Date,
    referred: &rustc_hash::FxHashSet<Uscc>,
) -> Population {
    let conflicts = Conflicts::new(&store.roster.inspectors);
    let mut b = Builder::new(plan, referred);
    store_facts(
        store,
        scoring,
        plan,
        items,
        start,
        &conflicts,
        |ent, uscc, f| b.push(ent, uscc, f),
    );
    b.finish()
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
