//! The inspection plan of a cycle (双随机、一公开, docs/RULES.md §17): which enterprises, for
//! which items, in which round and on which day, by which inspectors — from the classes the
//! scoring computed, the inspector roster and the item list, under the policy's `inspection`
//! and `plan` settings, and a seed given as text.
//!
//! The algorithm, step by step (every step in a canonical order, every random choice from
//! [`crate::seed::rng`] with a named stream, so the same inputs give the same plan natively
//! and in WebAssembly):
//! 1. **Population** ([`population`]): classified enterprises whose registration is active,
//!    ordered by USCC; each with its stratum, 100 % groups, triggers, items that apply, last
//!    inspection, last team and conflicts of interest. These facts come from each enterprise's
//!    own records (with the roster, item list, policy and cycle start), so a partition of a
//!    big-data platform works them out as the whole store does, and a driver puts the
//!    population together from its partitions' facts (`crate::partition`); steps 2–7 are the
//!    same code for both.
//! 2. **Planned whatever the draw**: members of a 100 % group and enterprises with a trigger
//!    (substantiated complaint, follow-up of a problem found, referral).
//! 3. **The first random**: the rest, less those inspected within their class's gap, form the
//!    pool. The draw's size is `inspection.overall_ratio` × the population, shared over the
//!    classes by their intensities (water-filling, [`crate::apportion::allocate`]; every class
//!    its control sample), then each class's share over its strata by size × weight
//!    ([`crate::apportion::proportional`]); within a stratum a partial Fisher–Yates shuffle of
//!    the members by USCC with the stream `plan/draw/<class>/<stratum>`.
//! 4. **Rounds**: an enterprise of class `c` is visited `frequency[c]` times, in rounds spread
//!    evenly from a phase (its position in the draw; round 1 for a trigger). The rounds split
//!    the cycle into equal runs of days; a round's visits, by region then USCC, are spread over
//!    its working days (the policy's calendar).
//! 5. **Items and joint visits**: a visit checks the general items that apply to the
//!    enterprise, and its key items when its class is at least `plan.key_items_from` or it is in
//!    a 100 % group or triggered. Items of several departments make one joint visit (进一次门、
//!    查多项事); the visits saved are counted.
//! 6. **The second random** ([`teams`]): a team per visit, round by round, visits in date order,
//!    with the stream `plan/team/<round>`.
//! 7. **Digest**: SHA-256 over the seed, dates, the digests of the policy, records, audit trail
//!    and roster, the referrals, and every visit (round, date, USCC, items, team).

pub mod outcome;
pub(crate) mod population;
pub mod public;
mod summary;
mod teams;
pub mod verify;
pub mod xlsx;

pub use outcome::{outcome, Outcome, Publication};
pub use population::{Left, Trigger};
pub use summary::{ClassLine, GroupLine, PlanSummary, RoundLine, Shortfall, StratumLine};
pub use verify::{verify, Verification};

use crate::apportion::{allocate, proportional};
use crate::date::{add_months, days_between, format_date, Date};
use crate::policy::{Class, ValidPolicy};
use crate::records::{EntId, Inspector, Item};
use crate::score::Scoring;
use crate::seed;
use crate::store::Store;
use crate::uscc::Uscc;
use rand::Rng;
use rustc_hash::FxHashSet;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// Why a plan cannot be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlanError {
    /// The seed is empty.
    #[error("the seed must not be empty: publish a seed so the plan can be reproduced")]
    EmptySeed,
    /// The cycle's start is outside the dates the program handles.
    #[error("the cycle start {0} is outside 1900–2200")]
    Start(String),
    /// A referral is not a valid USCC.
    #[error("referral {0:?} is not a valid USCC: {1}")]
    Referral(String, String),
}

/// What a plan is asked for, besides the store, scoring and policy.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlanRequest {
    /// The published seed text.
    pub seed: String,
    /// The first day of the cycle.
    pub cycle_start: Option<Date>,
    /// USCCs referred by other authorities (must be checked).
    pub referrals: Vec<String>,
    /// SHA-256 (hex) of the records loaded ([`Store::digest`]).
    pub records_digest: String,
    /// SHA-256 (hex) of the audit entries applied.
    pub audit_digest: String,
}

/// Why an enterprise is in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "detail")]
pub enum Why {
    /// Drawn at random.
    Drawn,
    /// Member of the 100 % group with this index in `plan.full_coverage`.
    FullCoverage(u32),
    /// A trigger.
    Trigger(Trigger),
}

/// One visit: an enterprise, its items, its round, day and team.
#[derive(Debug, Clone, PartialEq)]
pub struct Visit {
    /// Task number (`20270101-R01-000001`): the cycle's start, the round, the visit's place.
    pub task: String,
    /// Round, 1-based.
    pub round: u32,
    /// The day planned.
    pub date: Date,
    /// The last day to publish its result ([`crate::policy::PlanPolicy::publish_within_working_days`]).
    pub publish_by: Date,
    /// The enterprise (its id in the store; for a plan a driver made from the facts of its
    /// partitions, its place among them).
    pub ent: EntId,
    /// Its USCC.
    pub uscc: Uscc,
    /// Its class.
    pub class: Class,
    /// Why it is in the plan.
    pub why: Why,
    /// Indices into [`Plan::items`].
    pub items: Vec<u16>,
    /// Departments whose items it checks (more than one: a joint visit).
    pub departments: Vec<String>,
    /// Indices into the store's roster inspectors.
    pub team: Vec<u32>,
    /// Qualifications no eligible inspector could cover ("" for a missing member).
    pub missing: Vec<String>,
    /// The enterprise's last team could not be avoided.
    pub repeated_team: bool,
}

impl Visit {
    /// Whether the visit has its full team.
    pub fn staffed(&self) -> bool {
        self.missing.is_empty()
    }
}

/// A round of the cycle.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Round {
    /// 1-based.
    pub round: u32,
    /// First day.
    pub start: String,
    /// Last day.
    pub end: String,
    /// Working days in it.
    pub working_days: u32,
}

/// The inspection plan of one cycle.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The seed text.
    pub seed: String,
    /// As-of date of the scoring.
    pub as_of: Date,
    /// First day of the cycle.
    pub cycle_start: Date,
    /// Last day of the cycle.
    pub cycle_end: Date,
    /// Digest of the policy.
    pub policy_digest: String,
    /// Digest of the records.
    pub records_digest: String,
    /// Digest of the audit trail.
    pub audit_digest: String,
    /// Digest of the roster, the item list and the inspection history's teams
    /// ([`Store::roster_digest`]).
    pub roster_digest: String,
    /// Referrals, as USCCs, sorted.
    pub referrals: Vec<String>,
    /// The items used (the item list, or the built-in general item when none is loaded).
    pub items: Vec<Item>,
    /// The rounds.
    pub rounds: Vec<Round>,
    /// Every visit, by round, date, region and USCC.
    pub visits: Vec<Visit>,
    /// What the plan reached, and why not where it did not.
    pub summary: PlanSummary,
    /// SHA-256 over the inputs and the visits: publish it with the plan.
    pub digest: String,
}

/// The item checked when no item list is loaded: the public-information check every
/// enterprise is subject to (企业信息公示暂行条例 第十四条).
pub fn default_item() -> Item {
    Item {
        code: "GS".into(),
        name: "企业公示信息抽查".into(),
        department: "市场监督管理部门".into(),
        basis: "《企业信息公示暂行条例》第十四条".into(),
        entity_types: vec![],
        industries: vec![],
        licence_kinds: vec![],
        key: false,
        qualification: String::new(),
        line: 0,
    }
}

/// Rounds `r` (0-based) of `n` over the cycle `[start, end)`: equal runs of days.
fn round_bounds(start: Date, end: Date, n: u32, r: u32) -> (Date, Date) {
    let days = days_between(start, end).max(1);
    let at = |k: u32| start + chrono::Days::new((days * i64::from(k) / i64::from(n)) as u64);
    let (a, b) = (at(r), at(r + 1));
    (a, if b > a { b.pred_opt().unwrap_or(a) } else { a })
}

/// The rounds (0-based) an enterprise visited `f` times in `n` rounds is visited in, from
/// `phase`: spread evenly.
fn rounds_of(f: u32, n: u32, phase: u32) -> Vec<u32> {
    let f = f.clamp(1, n);
    let mut r: Vec<u32> = (0..f).map(|k| (phase + k * n / f) % n).collect();
    r.sort_unstable();
    r.dedup();
    r
}

/// The seed checked, the cycle's first day (`request.cycle_start`, else `as_of`) and the
/// referrals read, sorted, none repeated.
pub(crate) fn prepare(request: &PlanRequest, as_of: Date) -> Result<(Date, Vec<Uscc>), PlanError> {
    if request.seed.trim().is_empty() {
        return Err(PlanError::EmptySeed);
    }
    let start = request.cycle_start.unwrap_or(as_of);
    crate::date::check_in_range("cycle_start", start)
        .map_err(|_| PlanError::Start(format_date(start)))?;
    let mut referrals = Vec::new();
    for r in &request.referrals {
        let code = crate::uscc::Uscc::parse(r.trim())
            .map_err(|e| PlanError::Referral(r.clone(), e.to_string()))?;
        referrals.push(code);
    }
    referrals.sort_unstable();
    referrals.dedup();
    Ok((start, referrals))
}

/// The items a plan checks: the item list by code, or the built-in general item when none
/// is loaded.
pub(crate) fn plan_items(list: &[Item]) -> Vec<Item> {
    if list.is_empty() {
        vec![default_item()]
    } else {
        let mut v = list.to_vec();
        v.sort_by(|a, b| a.code.cmp(&b.code));
        v
    }
}

/// Makes the plan of one cycle.
pub fn plan(
    store: &Store,
    scoring: &Scoring,
    policy: &ValidPolicy,
    request: &PlanRequest,
) -> Result<Plan, PlanError> {
    let (start, referrals) = prepare(request, scoring.as_of)?;
    let referred: FxHashSet<Uscc> = referrals.iter().copied().collect();
    let items = plan_items(&store.roster.items);
    let pop = population::population(
        store,
        scoring,
        &policy.policy().plan,
        &items,
        start,
        &referred,
    );
    let known = |u: &Uscc| store.find(u).is_some();
    Ok(plan_population(
        Inputs {
            pop,
            items,
            inspectors: &store.roster.inspectors,
            roster_digest: store.roster_digest(),
            default_items: store.roster.items.is_empty(),
            referrals: &referrals,
            known: &known,
            start,
            as_of: scoring.as_of,
            policy_digest: &scoring.policy_digest,
        },
        policy,
        request,
    ))
}

/// What a plan is made from once the population is known.
pub(crate) struct Inputs<'a> {
    pub pop: population::Population,
    pub items: Vec<Item>,
    pub inspectors: &'a [Inspector],
    pub roster_digest: String,
    pub default_items: bool,
    pub referrals: &'a [Uscc],
    /// Whether an enterprise of this USCC was read at all (a referral to an unknown one is
    /// reported).
    pub known: &'a dyn Fn(&Uscc) -> bool,
    pub start: Date,
    pub as_of: Date,
    pub policy_digest: &'a str,
}

/// Makes the plan from its population (see the module's steps 2–7).
pub(crate) fn plan_population(inputs: Inputs, policy: &ValidPolicy, request: &PlanRequest) -> Plan {
    let Inputs {
        pop,
        items,
        inspectors,
        roster_digest,
        default_items,
        referrals,
        known,
        start,
        as_of,
        policy_digest,
    } = inputs;
    let seed_text = request.seed.as_str();
    let p = policy.policy();
    let pp = &p.plan;
    let end = add_months(start, pp.cycle_months as i32);
    let unknown_referrals: Vec<String> = referrals
        .iter()
        .filter(|u| !known(u))
        .map(|u| u.as_str().to_string())
        .collect();
    let referrals: Vec<String> = referrals.iter().map(|u| u.as_str().to_string()).collect();
    let n_rounds = pp.rounds;

    // 2–3. Planned whatever the draw, and the draw.
    let mut planned: Vec<(usize, Why, u32)> = Vec::new(); // (candidate, why, phase)
    let mut pool: [Vec<usize>; 4] = Default::default();
    let mut no_item = 0usize;
    let mut group_pos = 0u32;
    let mut trigger_pos = 0u32;
    for (i, c) in pop.candidates.iter().enumerate() {
        if pop.items_of(c).is_empty() {
            no_item += 1;
            continue;
        }
        if let Some(&t) = c.triggers.first() {
            // A referral is checked in round 1; other triggers are spread like the draw.
            let (t, phase) = if c.triggers.contains(&Trigger::Referral) {
                (Trigger::Referral, 0)
            } else {
                (t, trigger_pos % n_rounds)
            };
            planned.push((i, Why::Trigger(t), phase));
            trigger_pos += 1;
        } else if c.groups != 0 {
            planned.push((
                i,
                Why::FullCoverage(c.groups.trailing_zeros()),
                group_pos % n_rounds,
            ));
            group_pos += 1;
        } else if !c.recent {
            pool[c.class.index()].push(i);
        }
    }
    let population_size = pop.candidates.len();
    let target = (p.inspection.overall_ratio * population_size as f64).round() as usize;
    let intensities = Class::ALL.map(|c| p.inspection.class_ratios[&c]);
    let sizes = allocate(
        [0, 1, 2, 3].map(|c| pool[c].len()),
        intensities,
        target,
        p.inspection.min_per_class as usize,
    );
    let mut drawn_per_class = [0usize; 4];
    let mut drawn_per_stratum = vec![0usize; pop.strata.len()];
    for class in Class::ALL {
        let c = class.index();
        let mut by_stratum: Vec<Vec<usize>> = vec![Vec::new(); pop.strata.len()];
        for &i in &pool[c] {
            by_stratum[pop.candidates[i].stratum as usize].push(i);
        }
        let strata_sizes: Vec<usize> = by_stratum.iter().map(Vec::len).collect();
        let shares = proportional(sizes[c], &strata_sizes, &pop.weights);
        let mut position = 0u32;
        for (s, members) in by_stratum.iter_mut().enumerate() {
            let k = shares[s];
            if k == 0 {
                continue;
            }
            let mut rng = seed::rng(
                seed_text,
                &format!("plan/draw/{}/{}", class.letter(), pop.strata[s]),
            );
            let n = members.len();
            for i in 0..k {
                let j = i + rng.gen_range(0..(n - i) as u32) as usize;
                members.swap(i, j);
            }
            for &i in &members[..k] {
                planned.push((i, Why::Drawn, position % n_rounds));
                position += 1;
            }
            drawn_per_class[c] += k;
            drawn_per_stratum[s] += k;
        }
    }

    // 4–5. Rounds and items.
    let key_from = pp.key_items_from.index();
    let mut per_round: Vec<Vec<Visit>> = vec![Vec::new(); n_rounds as usize];
    for &(i, why, phase) in &planned {
        let c = &pop.candidates[i];
        let frequency = pp.frequency.get(&c.class).copied().unwrap_or(1);
        let all_items = c.class.index() >= key_from || why != Why::Drawn;
        let visit_items: Vec<u16> = pop
            .items_of(c)
            .iter()
            .copied()
            .filter(|&k| all_items || !items[k as usize].key)
            .collect();
        if visit_items.is_empty() {
            // Only key items apply and the class does not call for them: nothing to check.
            continue;
        }
        let mut departments: Vec<String> = visit_items
            .iter()
            .map(|&k| items[k as usize].department.trim().to_string())
            .collect();
        departments.sort();
        departments.dedup();
        for r in rounds_of(frequency, n_rounds, phase) {
            per_round[r as usize].push(Visit {
                task: String::new(),
                round: r + 1,
                date: start,
                publish_by: start,
                ent: c.ent,
                uscc: c.uscc,
                class: c.class,
                why,
                items: visit_items.clone(),
                departments: departments.clone(),
                team: Vec::new(),
                missing: Vec::new(),
                repeated_team: false,
            });
        }
    }

    // Dates, tasks and teams, round by round.
    let cal = policy.calendar();
    // The planned enterprises' candidates, by enterprise.
    let candidate: rustc_hash::FxHashMap<EntId, &population::Candidate> = planned
        .iter()
        .map(|&(i, _, _)| (pop.candidates[i].ent, &pop.candidates[i]))
        .collect();
    let region = |ent: EntId| candidate.get(&ent).map_or("", |c| pop.text(c.region));
    let last_team = |ent: EntId| candidate.get(&ent).map_or("", |c| pop.text(c.last_team));
    let mut staffing = teams::Staffing::new(
        inspectors,
        &pop.conflicts,
        pp.max_visits_per_round,
        pp.region_matching,
    );
    let mut rounds = Vec::new();
    let mut visits = Vec::new();
    let mut team_now: rustc_hash::FxHashMap<EntId, Vec<u32>> = Default::default();
    let prefix = format_date(start).replace('-', "");
    let mut publish_by: rustc_hash::FxHashMap<Date, Date> = Default::default();
    for (r, mut list) in per_round.into_iter().enumerate() {
        let (a, b) = round_bounds(start, end, n_rounds, r as u32);
        let mut days = Vec::new();
        let mut d = a;
        while d <= b {
            if cal.is_working_day(d) {
                days.push(d);
            }
            match d.succ_opt() {
                Some(n) => d = n,
                None => break,
            }
        }
        rounds.push(Round {
            round: r as u32 + 1,
            start: format_date(a),
            end: format_date(b),
            working_days: days.len() as u32,
        });
        list.sort_by_cached_key(|v| (region(v.ent), v.uscc));
        staffing.new_round();
        let mut rng = seed::rng(seed_text, &format!("plan/team/{}", r + 1));
        let n = list.len();
        for (j, v) in list.iter_mut().enumerate() {
            v.date = if days.is_empty() {
                a
            } else {
                days[j * days.len() / n.max(1)]
            };
            v.publish_by = *publish_by.entry(v.date).or_insert_with(|| {
                cal.add_working_days(v.date, pp.publish_within_working_days)
                    .due_date()
            });
            v.task = format!("{prefix}-R{:02}-{:06}", r + 1, j + 1);
            let mut quals: Vec<&str> = v
                .items
                .iter()
                .map(|&k| items[k as usize].qualification.trim())
                .filter(|q| !q.is_empty())
                .collect();
            quals.sort_unstable();
            quals.dedup();
            let last = match team_now.get(&v.ent) {
                Some(t) => t.clone(),
                None => staffing.team_of(last_team(v.ent)),
            };
            let team = staffing.staff(
                &mut rng,
                v.ent,
                region(v.ent),
                &quals,
                pp.team_size as usize,
                &last,
                pp.rotate,
            );
            let mut sorted = team.members.clone();
            sorted.sort_unstable();
            team_now.insert(v.ent, sorted);
            v.team = team.members;
            v.missing = team.missing;
            v.repeated_team = team.repeated;
        }
        visits.extend(list);
    }

    let summary = summary::summarise(summary::Facts {
        inspectors,
        policy,
        pop: &pop,
        pool: &pool,
        drawn_per_class,
        drawn_per_stratum: &drawn_per_stratum,
        target,
        visits: &visits,
        rounds: &rounds,
        staffing: &staffing,
        no_item,
        unknown_referrals,
        default_items,
    });
    let mut plan = Plan {
        seed: seed_text.to_string(),
        as_of,
        cycle_start: start,
        cycle_end: end.pred_opt().unwrap_or(end),
        policy_digest: policy_digest.to_string(),
        records_digest: request.records_digest.clone(),
        audit_digest: request.audit_digest.clone(),
        roster_digest,
        referrals,
        items,
        rounds,
        visits,
        summary,
        digest: String::new(),
    };
    plan.digest = digest(&plan, inspectors);
    plan
}

/// The plan's digest (see the module's step 7).
fn digest(plan: &Plan, inspectors: &[Inspector]) -> String {
    let mut h = Sha256::new();
    let mut put = |s: &str| {
        h.update((s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    put("plan/1");
    put(&plan.seed);
    put(&format_date(plan.as_of));
    put(&format_date(plan.cycle_start));
    put(&plan.policy_digest);
    put(&plan.records_digest);
    put(&plan.audit_digest);
    put(&plan.roster_digest);
    put(&plan.referrals.join(";"));
    for v in &plan.visits {
        put(&public::visit_line(plan, inspectors, v));
    }
    seed::hex(&h.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_are_spread_evenly_from_the_phase() {
        assert_eq!(rounds_of(4, 4, 0), vec![0, 1, 2, 3]);
        assert_eq!(rounds_of(2, 4, 0), vec![0, 2]);
        assert_eq!(rounds_of(2, 4, 3), vec![1, 3]);
        assert_eq!(rounds_of(1, 4, 2), vec![2]);
        assert_eq!(rounds_of(9, 4, 1), vec![0, 1, 2, 3]);
    }

    #[test]
    fn rounds_cover_the_cycle_without_gaps() {
        let start = crate::date::parse_date("2027-01-01").unwrap();
        let end = add_months(start, 12);
        let mut next = start;
        for r in 0..4 {
            let (a, b) = round_bounds(start, end, 4, r);
            assert_eq!(a, next);
            next = b.succ_opt().unwrap();
        }
        assert_eq!(next, end);
    }
}
