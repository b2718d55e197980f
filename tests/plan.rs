//! The inspection plan (issue 11): reproducible from its seed, ratios and frequencies reached,
//! 100 % groups planned, both randoms within their rules, joint visits merged, shortfalls
//! explained, public lists without class, and `verify`.

use credit_supervision::date::{parse_date, Date};
use credit_supervision::ingest::load_csv;
use credit_supervision::plan::public::{write_public_csv, PlanDoc, PUBLIC_HEADERS};
use credit_supervision::plan::{plan, verify, Plan, PlanRequest, Why};
use credit_supervision::policy::{Class, Policy, ValidPolicy};
use credit_supervision::progress::NoProgress;
use credit_supervision::records::{EntityType, Inspector, Item, RecordKind};
use credit_supervision::score::{score_all, Overlay, Scoring};
use credit_supervision::store::Store;
use credit_supervision::synth::{generate_csv, SynthParams};

fn d(s: &str) -> Date {
    parse_date(s).unwrap()
}

/// The synthetic district of `n` enterprises, scored as of 2026-11-28.
fn district(n: usize) -> Store {
    let params = SynthParams {
        enterprises: n,
        seed: "plan-tests".into(),
        as_of: d("2026-11-28"),
    };
    let mut store = Store::new();
    for kind in RecordKind::ALL {
        let bytes = generate_csv(&params, kind, &mut NoProgress).unwrap();
        load_csv(&mut store, kind.code(), &bytes, Some(kind), &mut NoProgress).unwrap();
    }
    store
}

fn inspector(id: &str, quals: &[&str], region: &str) -> Inspector {
    Inspector {
        id: id.into(),
        name: format!("检查员{id}"),
        unit: "区市场监管局".into(),
        qualifications: quals.iter().map(|q| q.to_string()).collect(),
        region: region.into(),
        conflict_usccs: vec![],
        conflict_names: vec![],
        active: true,
        line: 0,
    }
}

fn item(code: &str, dept: &str, licence: &[&str], key: bool, qual: &str) -> Item {
    Item {
        code: code.into(),
        name: format!("事项{code}"),
        department: dept.into(),
        basis: "《企业信息公示暂行条例》".into(),
        entity_types: vec![],
        industries: vec![],
        licence_kinds: licence.iter().map(|k| k.to_string()).collect(),
        key,
        qualification: qual.into(),
        line: 0,
    }
}

/// A roster of `n` inspectors over the store's regions, a third qualified for food, a tenth
/// for drugs, a tenth for special equipment; items of three departments.
fn roster(store: &mut Store, n: usize) {
    let mut regions: Vec<String> = (0..store.len() as u32)
        .filter_map(|e| {
            store
                .registration(e)
                .map(|r| store.text(r.region).to_string())
        })
        .collect();
    regions.sort();
    regions.dedup();
    store.roster.inspectors = (0..n)
        .map(|i| {
            let mut q = vec!["公示信息"];
            if i % 3 == 0 {
                q.push("食品安全");
            }
            if i % 10 == 1 {
                q.push("药品");
            }
            if i % 10 == 2 {
                q.push("特种设备");
            }
            inspector(&format!("E{i:05}"), &q, &regions[i % regions.len()])
        })
        .collect();
    store.roster.items = vec![
        item("GS", "区市场监管局", &[], false, "公示信息"),
        item(
            "SP",
            "区市场监管局",
            &["食品经营", "食品生产"],
            true,
            "食品安全",
        ),
        item("YP", "区市场监管局", &["药品经营"], true, "药品"),
        item("TZ", "区市场监管局", &["特种设备"], true, "特种设备"),
        item("WS", "区卫生健康局", &["食品经营"], false, ""),
    ];
}

fn score(store: &mut Store, policy: &ValidPolicy) -> Scoring {
    score_all(
        store,
        policy,
        d("2026-11-28"),
        &mut NoProgress,
        &Overlay::default(),
    )
    .unwrap()
}

fn request(seed: &str) -> PlanRequest {
    PlanRequest {
        seed: seed.into(),
        cycle_start: Some(d("2027-01-01")),
        referrals: vec![],
        records_digest: "r".into(),
        audit_digest: "a".into(),
    }
}

fn setup(n: usize, inspectors: usize) -> (Store, ValidPolicy, Scoring) {
    let mut store = district(n);
    roster(&mut store, inspectors);
    let policy = ValidPolicy::default_checked();
    let scoring = score(&mut store, &policy);
    (store, policy, scoring)
}

fn check_teams(store: &Store, p: &Plan, policy: &Policy) {
    let cap = policy.plan.max_visits_per_round;
    let mut load = std::collections::HashMap::<(u32, u32), u32>::new();
    for v in &p.visits {
        let mut team = v.team.clone();
        team.sort_unstable();
        team.dedup();
        assert_eq!(team.len(), v.team.len(), "an inspector twice in {}", v.task);
        if v.staffed() {
            assert!(v.team.len() >= policy.plan.team_size as usize, "{}", v.task);
        }
        for &m in &v.team {
            let ins = &store.roster.inspectors[m as usize];
            assert!(ins.active, "{} drew inactive {}", v.task, ins.id);
            assert!(
                !ins.conflict_usccs
                    .iter()
                    .any(|u| u == store.uscc(v.ent).as_str()),
                "{} drew {} who has a conflict",
                v.task,
                ins.id
            );
            *load.entry((v.round, m)).or_default() += 1;
        }
        for &k in &v.items {
            let q = p.items[k as usize].qualification.as_str();
            if q.is_empty() || v.missing.iter().any(|m| m == q) {
                continue;
            }
            assert!(
                v.team.iter().any(|&m| store.roster.inspectors[m as usize]
                    .qualifications
                    .iter()
                    .any(|x| x == q)),
                "{} has no one qualified for {q}",
                v.task
            );
        }
    }
    assert!(load.values().all(|&l| l <= cap), "a cap was passed");
}

#[test]
fn same_seed_same_plan_other_seed_other_plan() {
    let (store, policy, scoring) = setup(3000, 40);
    let a = plan(&store, &scoring, &policy, &request("2027 第一轮")).unwrap();
    let b = plan(&store, &scoring, &policy, &request("2027 第一轮")).unwrap();
    assert_eq!(a.digest, b.digest);
    assert_eq!(PlanDoc::of(&a, &store), PlanDoc::of(&b, &store));
    let c = plan(&store, &scoring, &policy, &request("2027 第二轮")).unwrap();
    assert_ne!(a.digest, c.digest);
    let (x, y): (Vec<u32>, Vec<u32>) = (
        a.visits
            .iter()
            .filter(|v| v.why == Why::Drawn)
            .map(|v| v.ent)
            .collect(),
        c.visits
            .iter()
            .filter(|v| v.why == Why::Drawn)
            .map(|v| v.ent)
            .collect(),
    );
    assert_ne!(x, y, "another seed draws other enterprises");
}

#[test]
fn ratio_floor_frequencies_and_full_groups_are_reached() {
    let (store, policy, scoring) = setup(6000, 80);
    let p = plan(&store, &scoring, &policy, &request("ratios")).unwrap();
    let s = &p.summary;
    assert!(s.population > 5000);
    assert_eq!(s.target, (0.05 * s.population as f64).round() as usize);
    assert!(s.target_met && s.floor_met, "{:?}", s.notes);
    assert_eq!(s.drawn, s.target);
    // Every class is in the draw (control sample of A), and the riskier a class the larger
    // its share.
    let ratio = |c: Class| s.per_class[c.index()].ratio;
    assert!(s
        .per_class
        .iter()
        .all(|c| c.population == 0 || c.drawn > 0 || c.pool == 0));
    assert!(ratio(Class::A) < ratio(Class::B) && ratio(Class::B) < ratio(Class::C));
    assert!(ratio(Class::C) <= ratio(Class::D));
    // Frequencies: every planned enterprise visited exactly its class's times.
    for c in &s.per_class {
        if c.planned > 0 {
            assert_eq!(c.frequency_reached, c.frequency as f64, "{:?}", c.class);
        }
    }
    let mut per_ent = std::collections::HashMap::<u32, (Class, Vec<u32>)>::new();
    for v in &p.visits {
        per_ent
            .entry(v.ent)
            .or_insert((v.class, vec![]))
            .1
            .push(v.round);
    }
    for (class, rounds) in per_ent.values() {
        let mut r = rounds.clone();
        r.dedup();
        assert_eq!(r.len(), rounds.len(), "two visits in one round");
        assert_eq!(rounds.len() as u32, policy.policy().plan.frequency[class]);
    }
    // 100 % groups: every member planned.
    for g in &s.groups {
        assert!(g.members > 0, "{} has members in the district", g.name);
        assert_eq!(g.planned, g.members, "{}", g.name);
    }
    // Dates fall on working days inside their round, results due 20 working days later.
    let cal = policy.calendar();
    for v in &p.visits {
        let r = &p.rounds[v.round as usize - 1];
        assert!(cal.is_working_day(v.date));
        assert!(r.start.as_str() <= &*v.date.to_string() && &*v.date.to_string() <= r.end.as_str());
        assert_eq!(cal.working_days_between(v.date, v.publish_by), 20);
    }
    check_teams(&store, &p, policy.policy());
}

#[test]
fn triggers_and_exclusions() {
    let (store, policy, scoring) = setup(4000, 60);
    let p = plan(&store, &scoring, &policy, &request("triggers")).unwrap();
    // Triggered enterprises are spread over the rounds; referrals (below) go to round 1.
    let trigger_rounds: std::collections::BTreeSet<u32> = p
        .visits
        .iter()
        .filter(|v| matches!(v.why, Why::Trigger(_)))
        .map(|v| v.round)
        .collect();
    assert!(trigger_rounds.len() > 1, "{trigger_rounds:?}");
    for v in p
        .visits
        .iter()
        .filter(|v| v.why == Why::Trigger(credit_supervision::plan::Trigger::Referral))
    {
        assert!(
            p.visits.iter().any(|w| w.ent == v.ent && w.round == 1),
            "{} not in round 1",
            v.task
        );
    }
    assert!(p.summary.triggers.values().sum::<usize>() > 0);
    // A class A enterprise inspected within 36 months is drawn only as a trigger or a 100 %
    // group member.
    let start = d("2027-01-01");
    for v in p
        .visits
        .iter()
        .filter(|v| v.why == Why::Drawn && v.class == Class::A)
    {
        let (_, rows) = store.inspections.of(v.ent);
        assert!(
            rows.iter()
                .all(|r| r.date >= start
                    || r.date < credit_supervision::date::add_months(start, -36)),
            "{} drawn although inspected within 36 months",
            v.task
        );
    }
    // A referral is planned whatever its class.
    let quiet = (0..store.len() as u32)
        .find(|&e| scoring.classes[e as usize] == 1 && !p.visits.iter().any(|v| v.ent == e))
        .unwrap();
    let mut r = request("triggers");
    r.referrals = vec![store.uscc(quiet).as_str().to_string()];
    let p2 = plan(&store, &scoring, &policy, &r).unwrap();
    assert!(p2.visits.iter().any(|v| v.ent == quiet
        && v.round == 1
        && v.why == Why::Trigger(credit_supervision::plan::Trigger::Referral)));
    assert_ne!(p2.digest, p.digest);
}

#[test]
fn joint_visits_merge_items_of_departments() {
    let (store, policy, scoring) = setup(4000, 60);
    let p = plan(&store, &scoring, &policy, &request("joint")).unwrap();
    let joint: Vec<_> = p
        .visits
        .iter()
        .filter(|v| v.departments.len() > 1)
        .collect();
    assert!(!joint.is_empty());
    for v in &joint {
        // One visit per enterprise and round, covering both departments' items.
        assert_eq!(
            p.visits
                .iter()
                .filter(|w| w.ent == v.ent && w.round == v.round)
                .count(),
            1
        );
        let codes: Vec<&str> = v
            .items
            .iter()
            .map(|&k| p.items[k as usize].code.as_str())
            .collect();
        assert!(codes.contains(&"WS") && codes.contains(&"GS"), "{codes:?}");
    }
    assert_eq!(p.summary.visits_saved, joint.len());
    assert_eq!(p.summary.joint_visits, joint.len());
}

#[test]
fn conflicts_inactive_and_rotation_hold() {
    let (mut store, policy, scoring) = setup(3000, 30);
    let first = plan(&store, &scoring, &policy, &request("rotation")).unwrap();
    // Every inspector of every first-round team gets a conflict with that enterprise, and a
    // tenth of the roster goes inactive.
    let conflicts: Vec<(u32, String)> = first
        .visits
        .iter()
        .filter(|v| v.round == 1)
        .flat_map(|v| v.team.iter().map(move |&m| (m, v.ent)))
        .map(|(m, e)| (m, store.uscc(e).as_str().to_string()))
        .collect();
    for (m, u) in &conflicts {
        store.roster.inspectors[*m as usize]
            .conflict_usccs
            .push(u.clone());
    }
    for i in (0..store.roster.inspectors.len()).step_by(10) {
        store.roster.inspectors[i].active = false;
    }
    let p = plan(&store, &scoring, &policy, &request("rotation")).unwrap();
    check_teams(&store, &p, policy.policy());
    assert_ne!(
        p.digest, first.digest,
        "the roster is bound into the digest"
    );
    // Rotation: an enterprise visited in several rounds never gets the same team twice in a
    // row when anyone else is eligible.
    let mut last = std::collections::HashMap::<u32, Vec<u32>>::new();
    for v in &p.visits {
        let mut t = v.team.clone();
        t.sort_unstable();
        if let Some(prev) = last.get(&v.ent) {
            if !v.repeated_team {
                assert_ne!(prev, &t, "{} repeats its team", v.task);
            }
        }
        last.insert(v.ent, t);
    }
}

#[test]
fn rotation_avoids_the_last_team_where_chance_would_repeat_it() {
    // Three inspectors: two of three pairs differ from the last one, so without rotation a
    // team repeats a third of the time.
    let count_repeats = |rotate: bool| {
        let mut store = district(3000);
        roster(&mut store, 3);
        for i in store.roster.inspectors.iter_mut() {
            i.qualifications = vec![
                "公示信息".into(),
                "食品安全".into(),
                "药品".into(),
                "特种设备".into(),
            ];
        }
        let mut pol = Policy::default();
        pol.plan.rotate = rotate;
        pol.plan.max_visits_per_round = 100_000;
        let pol = pol.check().unwrap();
        let scoring = score(&mut store, &pol);
        let p = plan(&store, &scoring, &pol, &request("rotation")).unwrap();
        let mut last = std::collections::HashMap::<u32, Vec<u32>>::new();
        let mut repeats = 0;
        for v in &p.visits {
            let mut t = v.team.clone();
            t.sort_unstable();
            if last.get(&v.ent) == Some(&t) {
                repeats += 1;
            }
            last.insert(v.ent, t);
        }
        (repeats, p.visits.iter().filter(|v| v.repeated_team).count())
    };
    let (without, _) = count_repeats(false);
    assert!(without > 10, "chance repeats teams: {without}");
    assert_eq!(count_repeats(true), (0, 0));
}

#[test]
fn an_infeasible_plan_explains_itself() {
    let (mut store, policy, scoring) = setup(4000, 60);
    // Nobody may check special equipment any more.
    for i in store.roster.inspectors.iter_mut() {
        i.qualifications.retain(|q| q != "特种设备");
    }
    let p = plan(&store, &scoring, &policy, &request("short")).unwrap();
    let s = &p.summary;
    let sf: Vec<_> = s
        .shortfalls
        .iter()
        .filter(|f| f.qualification == "特种设备")
        .collect();
    assert!(!sf.is_empty(), "{:?}", s.shortfalls);
    assert!(sf[0]
        .message
        .contains("no active inspector is qualified for 特种设备"));
    assert!(sf[0].inspectors_needed >= 1);
    let g = s
        .groups
        .iter()
        .find(|g| g.name == "特种设备使用单位")
        .unwrap();
    assert!(!g.met && g.why.contains("lack inspectors"), "{g:?}");
    // Too few inspectors in all: the message says how many more.
    let (mut store, policy, scoring) = setup(4000, 3);
    store.roster.inspectors.truncate(3);
    let p = plan(&store, &scoring, &policy, &request("short")).unwrap();
    assert!(p.summary.unstaffed_visits > 0);
    assert!(p
        .summary
        .shortfalls
        .iter()
        .any(|f| f.qualification.is_empty() && f.message.contains("more inspectors are needed")));
}

#[test]
fn public_lists_carry_no_class_score_or_reason() {
    let (store, policy, scoring) = setup(3000, 40);
    let p = plan(&store, &scoring, &policy, &request("public")).unwrap();
    for h in PUBLIC_HEADERS {
        for word in [
            "分类", "分数", "得分", "原因", "风险", "等级", "class", "score", "reason",
        ] {
            assert!(!h.contains(word), "public header {h} names {word}");
        }
    }
    for round in [None, Some(1), Some(2)] {
        let mut out = Vec::new();
        write_public_csv(&mut out, &p, &store, round).unwrap();
        let text = String::from_utf8(out).unwrap();
        let mut rows = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let mut n = 0;
        for r in rows.records() {
            let r = r.unwrap();
            n += 1;
            assert_eq!(r.len(), PUBLIC_HEADERS.len());
            for cell in r.iter() {
                for word in ["随机抽取", "必查", "全覆盖", "风险", "A类", "D类"] {
                    assert!(!cell.contains(word), "public cell {cell:?}");
                }
                assert!(
                    !["A", "B", "C", "D"].contains(&cell),
                    "a class letter in {r:?}"
                );
            }
        }
        let expect = p
            .visits
            .iter()
            .filter(|v| round.is_none_or(|k| v.round == k))
            .count();
        assert_eq!(n, expect);
    }
    // The plan's document lists visits by task, date, USCC, items and team only.
    let doc = serde_json::to_value(PlanDoc::of(&p, &store)).unwrap();
    let v = &doc["visits"][0];
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["date", "items", "round", "task", "team", "uscc"]);
}

#[test]
fn verify_matches_and_says_where_a_plan_differs() {
    let (mut store, policy, scoring) = setup(3000, 40);
    let p = plan(&store, &scoring, &policy, &request("verify")).unwrap();
    let doc = PlanDoc::of(&p, &store);
    assert!(verify(&doc, &doc).matches);
    // A visit changed after publication.
    let mut forged = doc.clone();
    forged.visits[5].team.reverse();
    forged.visits[5].uscc = forged.visits[6].uscc.clone();
    let v = verify(&forged, &doc);
    assert!(!v.matches);
    assert!(
        v.differences[0].starts_with("visit 6 differs"),
        "{:?}",
        v.differences
    );
    // Another roster: the roster digest says so.
    store.roster.inspectors[0]
        .qualifications
        .push("价格".into());
    let q = plan(&store, &scoring, &policy, &request("verify")).unwrap();
    let v = verify(&doc, &PlanDoc::of(&q, &store));
    assert!(
        v.differences.iter().any(|d| d.starts_with("roster digest")),
        "{v:?}"
    );
}

#[test]
fn stratified_draws_reach_every_region_in_proportion() {
    let (store, policy, scoring) = setup(6000, 80);
    let p = plan(&store, &scoring, &policy, &request("strata")).unwrap();
    let s = &p.summary;
    assert!(s.per_stratum.len() > 3);
    let total_pop: usize = s.per_stratum.iter().map(|x| x.population).sum();
    for x in &s.per_stratum {
        // Proportional up to the pool's differences between strata.
        let expected = s.drawn as f64 * x.population as f64 / total_pop as f64;
        assert!(
            (x.drawn as f64 - expected).abs() <= expected * 0.6 + 4.0,
            "{x:?} expected about {expected}"
        );
    }
    // A stratum weighted up gets a larger share.
    let heavy = s.per_stratum[0].stratum.clone();
    let mut pol = policy.policy().clone();
    pol.plan.stratum_weights.insert(heavy.clone(), 3.0);
    let pol = pol.check().unwrap();
    let mut store2 = store;
    let scoring2 = score(&mut store2, &pol);
    let q = plan(&store2, &scoring2, &pol, &request("strata")).unwrap();
    let before = s.per_stratum[0].drawn;
    let after = q
        .summary
        .per_stratum
        .iter()
        .find(|x| x.stratum == heavy)
        .unwrap()
        .drawn;
    assert!(after > before, "{before} → {after}");
}

#[test]
fn without_roster_or_items_the_plan_still_draws_and_says_why_it_is_not_staffed() {
    let mut store = district(2000);
    let policy = ValidPolicy::default_checked();
    let scoring = score(&mut store, &policy);
    let p = plan(&store, &scoring, &policy, &request("bare")).unwrap();
    assert!(p.summary.default_items);
    assert_eq!(p.items.len(), 1);
    assert!(p.summary.drawn > 0);
    assert_eq!(p.summary.unstaffed_visits, p.visits.len());
    assert!(p
        .summary
        .notes
        .iter()
        .any(|n| n.contains("no active inspector")));
    // Entity types in items restrict who they apply to.
    let mut store = district(2000);
    roster(&mut store, 30);
    for it in &mut store.roster.items {
        it.entity_types = vec![EntityType::Cooperative];
    }
    let scoring = score(&mut store, &policy);
    let p = plan(&store, &scoring, &policy, &request("bare")).unwrap();
    for v in &p.visits {
        assert_eq!(
            store.registration(v.ent).unwrap().entity_type,
            EntityType::Cooperative
        );
    }
    assert!(p.summary.no_item > 0);
}

#[test]
fn the_policy_checks_its_plan_settings() {
    let mut pol = Policy::default();
    pol.plan.team_size = 1;
    let e = pol.check().unwrap_err();
    assert_eq!(e.path, "plan.team_size");
    let json = Policy::default().to_json();
    assert!(json.contains("\"plan\""));
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v.as_object_mut().unwrap().remove("plan");
    let back = Policy::from_json(&v.to_string()).unwrap();
    assert_eq!(
        back.plan,
        Policy::default().plan,
        "older policies get the defaults"
    );
    assert!(matches!(
        plan(
            &district(50),
            &score(&mut district(50), &ValidPolicy::default_checked()),
            &ValidPolicy::default_checked(),
            &request(" ")
        ),
        Err(credit_supervision::plan::PlanError::EmptySeed)
    ));
}

#[test]
fn the_plan_workbook_holds_both_sheets_and_the_same_bytes_twice() {
    let mut ws = credit_supervision::workspace::Workspace::new();
    ws.generate_demo(2000, "xlsx", d("2026-11-28"), &mut NoProgress)
        .unwrap();
    ws.score(d("2026-11-28"), &mut NoProgress).unwrap();
    ws.plan("xlsx", Some(d("2027-01-01")), &[]).unwrap();
    let a = ws.plan_xlsx().unwrap();
    assert_eq!(a, ws.plan_xlsx().unwrap(), "no clock in the bytes");
    assert_eq!(
        credit_supervision::ingest::sheet_names("plan.xlsx", &a).unwrap(),
        ["内部计划", "公示名单"]
    );
}

#[test]
fn at_a_larger_size_ratio_floor_frequencies_and_groups_still_hold() {
    // 40,000 enterprises with the district's own roster and item list (generated): the draw
    // reaches its target exactly, every 100 % group member is planned, every class its
    // frequency, and no team breaks a rule.
    let mut ws = credit_supervision::workspace::Workspace::new();
    ws.generate_demo(40_000, "large", d("2026-11-28"), &mut NoProgress)
        .unwrap();
    ws.score(d("2026-11-28"), &mut NoProgress).unwrap();
    let p = ws
        .plan("large", Some(d("2027-01-01")), &[])
        .unwrap()
        .clone();
    let s = &p.summary;
    assert!(
        s.population > 35_000 && s.inspectors > 50,
        "{} {}",
        s.population,
        s.inspectors
    );
    assert_eq!(s.drawn, s.target);
    assert!(s.target_met && s.floor_met);
    for g in &s.groups {
        assert!(g.members > 0);
        assert_eq!(g.planned, g.members, "{}", g.name);
    }
    for c in &s.per_class {
        if c.planned > 0 {
            assert_eq!(c.frequency_reached, c.frequency as f64, "{:?}", c.class);
        }
    }
    check_teams(ws.store(), &p, ws.policy().policy());
    assert!(s.joint_visits > 0 && s.visits_saved >= s.joint_visits);
}
