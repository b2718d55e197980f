//! Property tests of the plan over random rosters, item lists and plan settings: whatever the
//! roster, no inactive, conflicted or unqualified inspector is ever assigned, every staffed
//! visit has its team, caps hold, frequencies are met in distinct rounds, and the same inputs
//! give the same digest.
#![cfg(not(target_arch = "wasm32"))]

use credit_supervision::date::parse_date;
use credit_supervision::ingest::load_csv;
use credit_supervision::plan::{plan, PlanRequest};
use credit_supervision::policy::{Class, Policy, RegionMatching};
use credit_supervision::progress::NoProgress;
use credit_supervision::records::{EntityType, Inspector, Item, RecordKind};
use credit_supervision::score::{score_all, Overlay};
use credit_supervision::store::Store;
use credit_supervision::synth::{generate_csv, SynthParams};
use proptest::prelude::*;
use std::sync::OnceLock;

const QUALS: [&str; 5] = ["公示信息", "食品安全", "药品", "特种设备", "价格"];
const LICENCES: [&str; 4] = ["食品经营", "药品经营", "特种设备", "食品生产"];

fn base() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| {
        let params = SynthParams {
            enterprises: 1500,
            seed: "plan-properties".into(),
            as_of: parse_date("2026-11-28").unwrap(),
        };
        let mut store = Store::new();
        for kind in RecordKind::ALL {
            let bytes = generate_csv(&params, kind, &mut NoProgress).unwrap();
            load_csv(&mut store, kind.code(), &bytes, Some(kind), &mut NoProgress).unwrap();
        }
        store.index();
        store
    })
}

#[derive(Debug, Clone)]
struct InspectorSpec {
    quals: u8,
    region: Option<u8>,
    conflicts: Vec<u16>,
    active: bool,
}

#[derive(Debug, Clone)]
struct ItemSpec {
    licence: Option<u8>,
    key: bool,
    qual: Option<u8>,
    department: u8,
    individual_only: bool,
}

#[derive(Debug, Clone)]
struct Case {
    inspectors: Vec<InspectorSpec>,
    items: Vec<ItemSpec>,
    team_size: u32,
    cap: u32,
    rounds: u32,
    frequency: [u32; 4],
    matching: u8,
    rotate: bool,
    seed: String,
}

fn inspector_spec() -> impl Strategy<Value = InspectorSpec> {
    (
        any::<u8>(),
        proptest::option::of(0u8..12),
        proptest::collection::vec(0u16..1500, 0..4),
        proptest::bool::weighted(0.9),
    )
        .prop_map(|(quals, region, conflicts, active)| InspectorSpec {
            quals,
            region,
            conflicts,
            active,
        })
}

fn item_spec() -> impl Strategy<Value = ItemSpec> {
    (
        proptest::option::of(0u8..4),
        any::<bool>(),
        proptest::option::of(0u8..5),
        0u8..3,
        proptest::bool::weighted(0.1),
    )
        .prop_map(
            |(licence, key, qual, department, individual_only)| ItemSpec {
                licence,
                key,
                qual,
                department,
                individual_only,
            },
        )
}

fn case() -> impl Strategy<Value = Case> {
    (
        proptest::collection::vec(inspector_spec(), 0..40),
        proptest::collection::vec(item_spec(), 1..6),
        2u32..5,
        1u32..60,
        1u32..7,
        [1u32..8, 1u32..8, 1u32..8, 1u32..8],
        0u8..3,
        any::<bool>(),
        "[a-z0-9][a-z0-9 ]{0,11}",
    )
        .prop_map(
            |(inspectors, items, team_size, cap, rounds, frequency, matching, rotate, seed)| Case {
                inspectors,
                items,
                team_size,
                cap,
                rounds,
                frequency: frequency.map(|f| f.min(rounds)),
                matching,
                rotate,
                seed,
            },
        )
}

fn build(c: &Case) -> (Store, Policy) {
    let mut store = base().clone();
    let mut regions: Vec<String> = (0..store.len() as u32)
        .filter_map(|e| {
            store
                .registration(e)
                .map(|r| store.text(r.region).to_string())
        })
        .collect();
    regions.sort();
    regions.dedup();
    store.roster.inspectors = c
        .inspectors
        .iter()
        .enumerate()
        .map(|(i, s)| Inspector {
            id: format!("P{i:03}"),
            name: format!("人员{i}"),
            unit: "区市场监管局".into(),
            qualifications: (0..5)
                .filter(|b| s.quals & (1 << b) != 0)
                .map(|b| QUALS[b].to_string())
                .collect(),
            region: s
                .region
                .map(|r| regions[r as usize % regions.len()].clone())
                .unwrap_or_default(),
            conflict_usccs: s
                .conflicts
                .iter()
                .map(|&e| {
                    store
                        .uscc(u32::from(e) % store.len() as u32)
                        .as_str()
                        .to_string()
                })
                .collect(),
            conflict_names: vec![],
            active: s.active,
            line: 0,
        })
        .collect();
    store.roster.items = c
        .items
        .iter()
        .enumerate()
        .map(|(i, s)| Item {
            code: format!("I{i}"),
            name: format!("事项{i}"),
            department: ["区市场监管局", "区卫生健康局", "区应急管理局"][s.department as usize]
                .into(),
            basis: String::new(),
            entity_types: if s.individual_only {
                vec![EntityType::Individual]
            } else {
                vec![]
            },
            industries: vec![],
            licence_kinds: s
                .licence
                .map(|l| vec![LICENCES[l as usize].to_string()])
                .unwrap_or_default(),
            key: s.key,
            qualification: s
                .qual
                .map(|q| QUALS[q as usize].to_string())
                .unwrap_or_default(),
            line: 0,
        })
        .collect();
    let mut p = Policy::default();
    p.plan.team_size = c.team_size;
    p.plan.max_visits_per_round = c.cap;
    p.plan.rounds = c.rounds;
    for (k, class) in Class::ALL.into_iter().enumerate() {
        p.plan.frequency.insert(class, c.frequency[k]);
    }
    p.plan.region_matching = [
        RegionMatching::Off,
        RegionMatching::Prefer,
        RegionMatching::Require,
    ][c.matching as usize];
    p.plan.rotate = c.rotate;
    (store, p)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_assignment_keeps_the_rules(c in case()) {
        let (mut store, policy) = build(&c);
        let policy = policy.check().unwrap();
        let as_of = parse_date("2026-11-28").unwrap();
        let scoring = score_all(&mut store, &policy, as_of, &mut NoProgress, &Overlay::default()).unwrap();
        let request = PlanRequest {
            seed: c.seed.clone(),
            cycle_start: parse_date("2027-01-01"),
            ..PlanRequest::default()
        };
        let p = plan(&store, &scoring, &policy, &request).unwrap();
        let again = plan(&store, &scoring, &policy, &request).unwrap();
        prop_assert_eq!(&p.digest, &again.digest);
        let mut load = std::collections::HashMap::<(u32, u32), u32>::new();
        let mut rounds = std::collections::HashMap::<u32, Vec<u32>>::new();
        for v in &p.visits {
            let mut t = v.team.clone();
            t.sort_unstable();
            t.dedup();
            prop_assert_eq!(t.len(), v.team.len());
            if v.staffed() {
                prop_assert!(v.team.len() >= c.team_size as usize);
            } else {
                prop_assert!(!v.missing.is_empty());
            }
            let uscc = store.uscc(v.ent);
            for &m in &v.team {
                let ins = &store.roster.inspectors[m as usize];
                prop_assert!(ins.active, "inactive {}", ins.id);
                prop_assert!(!ins.conflict_usccs.iter().any(|u| u == uscc.as_str()), "conflicted {}", ins.id);
                if policy.policy().plan.region_matching == RegionMatching::Require {
                    let region = store.text(store.registration(v.ent).unwrap().region).trim().to_string();
                    prop_assert!(ins.region.is_empty() || ins.region == region);
                }
                *load.entry((v.round, m)).or_default() += 1;
            }
            for &k in &v.items {
                let q = &p.items[k as usize].qualification;
                if q.is_empty() {
                    continue;
                }
                let covered = v.team.iter().any(|&m| store.roster.inspectors[m as usize].qualifications.contains(q));
                prop_assert!(covered || v.missing.contains(q), "{} lacks {q} unreported", v.task);
            }
            rounds.entry(v.ent).or_default().push(v.round);
        }
        prop_assert!(load.values().all(|&l| l <= c.cap));
        for (ent, r) in &rounds {
            let mut d = r.clone();
            d.sort_unstable();
            d.dedup();
            prop_assert_eq!(d.len(), r.len());
            let class = Class::from_code(scoring.classes[*ent as usize]).unwrap();
            prop_assert_eq!(r.len() as u32, c.frequency[class.index()]);
        }
        let s = &p.summary;
        prop_assert_eq!(s.visits, p.visits.len());
        prop_assert_eq!(s.rounds.iter().map(|r| r.visits).sum::<usize>(), p.visits.len());
        prop_assert_eq!(s.unstaffed_visits, p.visits.iter().filter(|v| !v.staffed()).count());
        if s.unstaffed_visits > 0 {
            prop_assert!(!s.shortfalls.is_empty());
        }
    }
}
