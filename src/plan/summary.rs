//! A summary that explains itself: per class and stratum the population, drawn, ratio and
//! frequency reached; the floor, the target and each 100 % group met — or exactly why not;
//! per round the visits, joint visits, visits saved and the inspectors' loads; and the
//! inspectors lacking, by round and qualification.

use super::population::{Population, Trigger};
use super::teams::Staffing;
use super::{Round, Visit, Why};
use crate::policy::{Class, ValidPolicy};

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One class.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassLine {
    /// The class.
    pub class: Class,
    /// Classified, registered enterprises of the class.
    pub population: usize,
    /// Left out of the draw: inspected within the class's gap.
    pub recently_inspected: usize,
    /// In the draw's pool.
    pub pool: usize,
    /// Drawn at random.
    pub drawn: usize,
    /// Planned as members of a 100 % group.
    pub full_coverage: usize,
    /// Planned because of a trigger.
    pub triggered: usize,
    /// Planned in all.
    pub planned: usize,
    /// Planned / population.
    pub ratio: f64,
    /// Visits per cycle asked for each planned enterprise.
    pub frequency: u32,
    /// Visits planned.
    pub visits: usize,
    /// Visits / planned enterprises.
    pub frequency_reached: f64,
}

/// One stratum.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StratumLine {
    /// The stratum (`region:径河街道`).
    pub stratum: String,
    /// Its weight.
    pub weight: f64,
    /// Classified, registered enterprises in it.
    pub population: usize,
    /// Drawn at random.
    pub drawn: usize,
    /// Drawn / population.
    pub ratio: f64,
}

/// One 100 % group.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupLine {
    /// The group's name.
    pub name: String,
    /// Members (classified, registered).
    pub members: usize,
    /// Members with at least one visit planned.
    pub planned: usize,
    /// Members whose every visit has its full team.
    pub staffed: usize,
    /// Whether every member is planned and staffed.
    pub met: bool,
    /// Why not, in English (empty when met).
    pub why: String,
    /// Why not, in Chinese.
    pub why_zh: String,
}

/// One round.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoundLine {
    /// The round and its days.
    #[serde(flatten)]
    pub round: Round,
    /// Visits.
    pub visits: usize,
    /// Visits checking items of more than one department.
    pub joint_visits: usize,
    /// Visits saved by joining: Σ (departments − 1).
    pub visits_saved: usize,
    /// Visits without their full team.
    pub unstaffed: usize,
    /// Inspectors with at least one visit.
    pub inspectors_used: usize,
    /// Fewest visits of an inspector used.
    pub load_min: u32,
    /// Median visits of an inspector used.
    pub load_median: u32,
    /// Most visits of an inspector.
    pub load_max: u32,
}

/// Inspectors lacking in a round.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Shortfall {
    /// The round.
    pub round: u32,
    /// The qualification lacking ("" for inspectors of any qualification).
    pub qualification: String,
    /// Visits lacking it.
    pub visits: usize,
    /// Inspector places lacking (a visit may lack two members).
    pub places: usize,
    /// More inspectors needed (places ÷ the cap per round, rounded up).
    pub inspectors_needed: usize,
    /// In English.
    pub message: String,
    /// In Chinese.
    pub message_zh: String,
}

/// What a plan reached.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanSummary {
    /// Classified, registered enterprises.
    pub population: usize,
    /// Classified enterprises left out because their registration is not active.
    pub inactive: usize,
    /// Enterprises to which no item applies (not planned).
    pub no_item: usize,
    /// The overall ratio asked for (`inspection.overall_ratio`).
    pub target_ratio: f64,
    /// The floor (`inspection.min_overall_ratio`).
    pub floor_ratio: f64,
    /// Enterprises the ratio asks for.
    pub target: usize,
    /// Enterprises drawn at random.
    pub drawn: usize,
    /// Drawn / population: the random-check ratio reached.
    pub drawn_ratio: f64,
    /// Whether the floor is met.
    pub floor_met: bool,
    /// Whether the target is met.
    pub target_met: bool,
    /// Enterprises planned in all (drawn, 100 % groups, triggers).
    pub planned: usize,
    /// Planned / population.
    pub coverage_ratio: f64,
    /// Visits planned.
    pub visits: usize,
    /// Joint visits.
    pub joint_visits: usize,
    /// Visits saved by joint visits.
    pub visits_saved: usize,
    /// Visits without their full team.
    pub unstaffed_visits: usize,
    /// Visits whose team repeats the enterprise's last team (no one else eligible).
    pub repeated_teams: usize,
    /// Enterprises planned by trigger.
    pub triggers: BTreeMap<String, usize>,
    /// Referrals not found in the records.
    pub unknown_referrals: Vec<String>,
    /// Whether the built-in general item was used (no item list loaded).
    pub default_items: bool,
    /// Active inspectors in the roster.
    pub inspectors: usize,
    /// Per class.
    pub per_class: Vec<ClassLine>,
    /// Per stratum.
    pub per_stratum: Vec<StratumLine>,
    /// Per 100 % group.
    pub groups: Vec<GroupLine>,
    /// Per round.
    pub rounds: Vec<RoundLine>,
    /// Inspectors lacking.
    pub shortfalls: Vec<Shortfall>,
    /// What was not reached and why, in English.
    pub notes: Vec<String>,
    /// The same in Chinese.
    pub notes_zh: Vec<String>,
}

/// What the summary is made from.
pub(crate) struct Facts<'a> {
    pub inspectors: &'a [crate::records::Inspector],
    pub policy: &'a ValidPolicy,
    pub pop: &'a Population,
    pub pool: &'a [Vec<usize>; 4],
    pub drawn_per_class: [usize; 4],
    pub drawn_per_stratum: &'a [usize],
    pub target: usize,
    pub visits: &'a [Visit],
    pub rounds: &'a [Round],
    pub staffing: &'a Staffing<'a>,
    pub no_item: usize,
    pub unknown_referrals: Vec<String>,
    pub default_items: bool,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn pct(r: f64) -> String {
    format!("{:.1}%", r * 100.0)
}

pub(crate) fn summarise(f: Facts) -> PlanSummary {
    let p = f.policy.policy();
    let pp = &p.plan;
    let pop = f.pop;
    let population = pop.candidates.len();
    let mut notes = Vec::new();
    let mut notes_zh = Vec::new();

    // Enterprises planned, by why (an enterprise has one reason).
    let mut why_of: rustc_hash::FxHashMap<u32, Why> = Default::default();
    let mut visits_of = rustc_hash::FxHashMap::<u32, (usize, bool)>::default();
    for v in f.visits {
        why_of.insert(v.ent, v.why);
        let e = visits_of.entry(v.ent).or_insert((0, true));
        e.0 += 1;
        e.1 &= v.staffed();
    }
    let mut per_class = Vec::new();
    for class in Class::ALL {
        let c = class.index();
        let members = pop.candidates.iter().filter(|x| x.class == class);
        let population_c = members.clone().count();
        let recent = members
            .clone()
            .filter(|x| {
                x.recent && x.groups == 0 && x.triggers.is_empty() && !pop.items_of(x).is_empty()
            })
            .count();
        let planned: Vec<&Why> = members.filter_map(|x| why_of.get(&x.ent)).collect();
        let full = planned
            .iter()
            .filter(|w| matches!(w, Why::FullCoverage(_)))
            .count();
        let triggered = planned
            .iter()
            .filter(|w| matches!(w, Why::Trigger(_)))
            .count();
        let visits = f.visits.iter().filter(|v| v.class == class).count();
        per_class.push(ClassLine {
            class,
            population: population_c,
            recently_inspected: recent,
            pool: f.pool[c].len(),
            drawn: f.drawn_per_class[c],
            full_coverage: full,
            triggered,
            planned: planned.len(),
            ratio: ratio(planned.len(), population_c),
            frequency: pp.frequency.get(&class).copied().unwrap_or(1),
            visits,
            frequency_reached: ratio(visits, planned.len()),
        });
    }
    let mut stratum_pop = vec![0usize; pop.strata.len()];
    for c in &pop.candidates {
        stratum_pop[c.stratum as usize] += 1;
    }
    let per_stratum = pop
        .strata
        .iter()
        .enumerate()
        .map(|(s, key)| StratumLine {
            stratum: key.clone(),
            weight: pop.weights[s],
            population: stratum_pop[s],
            drawn: f.drawn_per_stratum[s],
            ratio: ratio(f.drawn_per_stratum[s], stratum_pop[s]),
        })
        .collect();

    // 100 % groups.
    let cap = pp.max_visits_per_round as usize;
    let mut groups = Vec::new();
    for (g, group) in pp.full_coverage.iter().enumerate().take(32) {
        let members: Vec<&super::population::Candidate> = pop
            .candidates
            .iter()
            .filter(|c| c.groups & (1 << g) != 0)
            .collect();
        let planned = members
            .iter()
            .filter(|c| visits_of.contains_key(&c.ent))
            .count();
        let staffed = members
            .iter()
            .filter(|c| visits_of.get(&c.ent).is_some_and(|v| v.1))
            .count();
        let no_item = members
            .iter()
            .filter(|c| pop.items_of(c).is_empty())
            .count();
        let (mut why, mut why_zh) = (Vec::new(), Vec::new());
        if no_item > 0 {
            why.push(format!("{no_item} members have no item of the item list that applies to them: add an item for the group"));
            why_zh.push(format!(
                "{no_item}户成员没有适用的抽查事项：请在事项清单中为该群体增加事项"
            ));
        }
        let unplanned = members.len() - planned - no_item.min(members.len() - planned);
        if unplanned > 0 {
            why.push(format!(
                "{unplanned} members have only key items and a class that does not call for them"
            ));
            why_zh.push(format!("{unplanned}户成员仅适用重点事项而其分类不要求检查"));
        }
        if planned > staffed {
            why.push(format!(
                "{} members lack inspectors (see the shortfalls)",
                planned - staffed
            ));
            why_zh.push(format!(
                "{}户成员的检查人员不足（见人员缺口）",
                planned - staffed
            ));
        }
        groups.push(GroupLine {
            name: group.name.clone(),
            members: members.len(),
            planned,
            staffed,
            met: staffed == members.len(),
            why: why.join("; "),
            why_zh: why_zh.join("；"),
        });
    }

    // Rounds and loads.
    let n_ins = f.inspectors.len();
    let mut rounds = Vec::new();
    let mut shortfalls = Vec::new();
    for r in f.rounds {
        let vs: Vec<&Visit> = f.visits.iter().filter(|v| v.round == r.round).collect();
        let mut load = vec![0u32; n_ins];
        for v in &vs {
            for &m in &v.team {
                load[m as usize] += 1;
            }
        }
        let mut used: Vec<u32> = load.into_iter().filter(|&l| l > 0).collect();
        used.sort_unstable();
        // qualification → (visits lacking it, inspector places lacking)
        let mut lacking: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for v in &vs {
            let mut seen: BTreeSet<&str> = BTreeSet::new();
            for m in &v.missing {
                let e = lacking.entry(m.as_str()).or_default();
                e.1 += 1;
                if seen.insert(m.as_str()) {
                    e.0 += 1;
                }
            }
        }
        for (q, (visits, places)) in lacking {
            let needed = places.div_ceil(cap.max(1));
            let nobody = !q.is_empty() && !f.staffing.anyone_holds(q);
            let (message, message_zh) = if q.is_empty() {
                (
                    format!("round {}: {visits} visits lack {places} inspector places to reach the team size: {needed} more inspectors are needed (at most {cap} visits each per round)", r.round),
                    format!("第{}轮：{visits}项检查人员不足（缺{places}人次），还需{needed}名检查人员（每人每轮至多{cap}项）", r.round),
                )
            } else if nobody {
                (
                    format!("round {}: no active inspector is qualified for {q}: {visits} visits need one; {needed} inspectors qualified for {q} are needed", r.round),
                    format!("第{}轮：没有具备“{q}”资质的在岗检查人员，{visits}项检查需要，还需{needed}名具备该资质的检查人员", r.round),
                )
            } else {
                (
                    format!("round {}: {needed} more inspectors qualified for {q} are needed ({visits} visits lack one; at most {cap} visits each per round)", r.round),
                    format!("第{}轮：还需{needed}名具备“{q}”资质的检查人员（{visits}项检查缺少，每人每轮至多{cap}项）", r.round),
                )
            };
            shortfalls.push(Shortfall {
                round: r.round,
                qualification: q.to_string(),
                visits,
                places,
                inspectors_needed: needed,
                message,
                message_zh,
            });
        }
        rounds.push(RoundLine {
            round: r.clone(),
            visits: vs.len(),
            joint_visits: vs.iter().filter(|v| v.departments.len() > 1).count(),
            visits_saved: vs
                .iter()
                .map(|v| v.departments.len().saturating_sub(1))
                .sum(),
            unstaffed: vs.iter().filter(|v| !v.staffed()).count(),
            inspectors_used: used.len(),
            load_min: used.first().copied().unwrap_or(0),
            load_median: used.get(used.len() / 2).copied().unwrap_or(0),
            load_max: used.last().copied().unwrap_or(0),
        });
        if r.working_days == 0 && !vs.is_empty() {
            notes.push(format!(
                "round {} has no working day: its visits are dated on its first day",
                r.round
            ));
            notes_zh.push(format!("第{}轮没有工作日：其检查日期记为该轮首日", r.round));
        }
    }

    let drawn: usize = f.drawn_per_class.iter().sum();
    let drawn_ratio = ratio(drawn, population);
    let floor_met = drawn_ratio + 1e-12 >= p.inspection.min_overall_ratio;
    let target_met = drawn >= f.target;
    if !target_met {
        let recent: usize = per_class.iter().map(|c| c.recently_inspected).sum();
        let anyway: usize = per_class
            .iter()
            .map(|c| c.full_coverage + c.triggered)
            .sum();
        let which = if floor_met { "target" } else { "floor" };
        let which_zh = if floor_met {
            "目标比例"
        } else {
            "最低比例"
        };
        notes.push(format!(
            "the {which} is not met: {drawn} drawn of {} asked for ({} of {population}); only {} enterprises were in the pool — {recent} were inspected within their class's gap, {anyway} are planned anyway (100 % groups, triggers), {} have no item that applies",
            f.target,
            pct(drawn_ratio),
            f.pool.iter().map(Vec::len).sum::<usize>(),
            f.no_item
        ));
        notes_zh.push(format!(
            "未达到{which_zh}：应抽{}户，实抽{drawn}户（占{population}户的{}）；可抽对象仅{}户——{recent}户在其分类的间隔期内已检查，{anyway}户已列入全覆盖或必查，{}户无适用事项",
            f.target,
            pct(drawn_ratio),
            f.pool.iter().map(Vec::len).sum::<usize>(),
            f.no_item
        ));
    }
    if f.default_items {
        notes.push(
            "no item list loaded: every visit checks the built-in general item 企业公示信息抽查"
                .into(),
        );
        notes_zh.push("未载入抽查事项清单：每项检查按内置一般事项“企业公示信息抽查”".into());
    }
    let inspectors = f.inspectors.iter().filter(|i| i.active).count();
    if inspectors == 0 && !f.visits.is_empty() {
        notes.push(
            "no active inspector in the roster: load the 执法检查人员名录 to draw teams".into(),
        );
        notes_zh.push("执法检查人员名录中没有在岗人员：请载入名录后抽取检查人员".into());
    }
    let mut triggers: BTreeMap<String, usize> = BTreeMap::new();
    for c in &pop.candidates {
        if let Some(Why::Trigger(t)) = why_of.get(&c.ent) {
            let t: &Trigger = t;
            *triggers.entry(t.code().to_string()).or_default() += 1;
        }
    }
    let planned = why_of.len();
    PlanSummary {
        population,
        inactive: pop.inactive,
        no_item: f.no_item,
        target_ratio: p.inspection.overall_ratio,
        floor_ratio: p.inspection.min_overall_ratio,
        target: f.target,
        drawn,
        drawn_ratio,
        floor_met,
        target_met,
        planned,
        coverage_ratio: ratio(planned, population),
        visits: f.visits.len(),
        joint_visits: f.visits.iter().filter(|v| v.departments.len() > 1).count(),
        visits_saved: f
            .visits
            .iter()
            .map(|v| v.departments.len().saturating_sub(1))
            .sum(),
        unstaffed_visits: f.visits.iter().filter(|v| !v.staffed()).count(),
        repeated_teams: f.visits.iter().filter(|v| v.repeated_team).count(),
        triggers,
        unknown_referrals: f.unknown_referrals,
        default_items: f.default_items,
        inspectors,
        per_class,
        per_stratum,
        groups,
        rounds,
        shortfalls,
        notes,
        notes_zh,
    }
}
