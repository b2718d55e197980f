//! Backtests of the classes against the outcomes after a date, and the features a scorecard is
//! fitted on (docs/RULES.md §18).

mod common;

use common::{d, registrations, uscc, workspace};
use credit_supervision::date::add_months;
use credit_supervision::ingest::LoadOptions;
use credit_supervision::model::outcome::OutcomeKind;
use credit_supervision::model::table::Column;
use credit_supervision::policy::Policy;
use credit_supervision::progress::NoProgress;
use credit_supervision::records::RecordKind;
use credit_supervision::synth::{generate_csv, SynthParams};
use credit_supervision::uscc::Uscc;
use credit_supervision::workspace::{Workspace, WorkspaceError};

/// The synthetic district draws every enterprise's events from a latent risk that does not
/// change: the classes as of T order the outcomes of the year after T, by a clear margin.
#[test]
fn synthetic_district_classes_order_the_outcomes() {
    let as_of = d("2026-11-28");
    let mut ws = Workspace::new();
    ws.generate_demo(40_000, "backtest", as_of, &mut NoProgress)
        .unwrap();
    ws.score(as_of, &mut NoProgress).unwrap();
    let b = ws
        .backtest(add_months(as_of, -12), None, &mut NoProgress)
        .unwrap();
    let rates: Vec<f64> = b.classes.iter().map(|c| c.bad_rate.unwrap()).collect();
    let counts: Vec<usize> = b.classes.iter().map(|c| c.count).collect();
    println!(
        "classes {counts:?}, bad rates {rates:?}, lift {:?}, AUC {:?}, KS {:?}",
        b.lift_d_over_a, b.auc, b.ks
    );
    assert!(b.order_holds, "{rates:?}");
    for w in rates.windows(2) {
        assert!(w[1] > 1.2 * w[0], "no real margin: {rates:?}");
    }
    assert!(b.lift_d_over_a.unwrap() > 3.0, "{:?}", b.lift_d_over_a);
    assert!(b.auc.unwrap() > 0.6, "{:?}", b.auc);
    assert!(b.ks.unwrap().value > 0.2, "{:?}", b.ks);
    // The riskiest band of the gains table holds more than its share of the bads.
    assert!(b.gains[0].lift > 2.0, "{:?}", b.gains[0]);
}

const T: &str = "2025-06-01";
const DATA: &str = "2026-06-30";

/// A small district whose outcomes are known: T = 2025-06-01, horizon 12 months, the data as
/// of 2026-06-30.
fn small() -> Workspace {
    let reg = registrations(&[
        (1, "2015-01-01", "存续", "甲"),  // penalised after T: bad
        (2, "2015-01-01", "存续", "乙"),  // listed before T only: good
        (3, "2015-01-01", "注销", "丙"),  // deregistered: excluded
        (4, "2025-09-01", "存续", "丁"),  // established after T: excluded
        (5, "2015-01-01", "存续", "戊"),  // simple-procedure penalty after T: good by default
        (6, "2015-01-01", "存续", "己"),  // inspection found a problem after T: bad
        (7, "2015-01-01", "存续", "庚"),  // penalty after T, revoked: good
        (8, "2015-01-01", "吊销", "辛"),  // business licence revoked after T: classified, bad
        (9, "2015-01-01", "存续", "壬"),  // penalty after the window: good
        (10, "2015-01-01", "存续", "癸"), // penalty before T only: good
    ]);
    let pen = format!(
        "uscc,decision_no,decision_date,procedure,penalty_kinds,fine,domain,aggravated,fulfilled,harm_eliminated,revoked_date\n\
         {u1},罚1,2025-09-10,普通,罚款,5000,食品,否,是,是,\n\
         {u5},罚5,2025-10-01,简易,罚款,200,食品,否,是,是,\n\
         {u7},罚7,2025-10-01,普通,罚款,8000,食品,否,是,是,2025-12-01\n\
         {u8},罚8,2026-02-01,普通,吊销营业执照,,登记注册,否,是,是,\n\
         {u9},罚9,2026-06-15,普通,罚款,3000,食品,否,是,是,\n\
         {u10},罚10,2024-06-01,普通,罚款,3000,食品,否,是,是,\n",
        u1 = uscc(1),
        u5 = uscc(5),
        u7 = uscc(7),
        u8 = uscc(8),
        u9 = uscc(9),
        u10 = uscc(10),
    );
    let list = format!(
        "uscc,list,reason,listed_date,removed_date\n\
         {u2},经营异常名录,未按规定报送年度报告,2024-07-11,2025-03-01\n",
        u2 = uscc(2)
    );
    let insp = format!(
        "uscc,task_id,inspection_date,inspection_kind,result\n\
         {u6},T1,2025-03-01,双随机,未发现问题\n\
         {u6},T2,2026-01-15,双随机,发现问题已责令改正\n\
         {u2},T3,2026-01-15,双随机,未发现问题\n",
        u6 = uscc(6),
        u2 = uscc(2)
    );
    let mut ws = workspace(&[
        ("r.csv", &reg),
        ("p.csv", &pen),
        ("l.csv", &list),
        ("i.csv", &insp),
    ]);
    ws.score(d(DATA), &mut NoProgress).unwrap();
    ws
}

fn set_policy(ws: &mut Workspace, f: impl FnOnce(&mut Policy)) {
    let mut p = ws.policy().policy().clone();
    f(&mut p);
    ws.set_policy_json(&p.to_json()).unwrap();
    ws.score(d(DATA), &mut NoProgress).unwrap();
}

/// Which rows were bad, by enterprise number, with the first event's kind.
fn bads(ws: &mut Workspace) -> Vec<(u32, Option<OutcomeKind>)> {
    let t = ws.training_data(d(T), None, &mut NoProgress).unwrap();
    let number = |e: u32| (1..=10).find(|&n| uscc(n) == ws.store().uscc(e).to_string());
    t.ents
        .iter()
        .zip(&t.outcomes.first)
        .map(|(&e, f)| (number(e).unwrap(), f.map(|f| f.kind)))
        .collect()
}

#[test]
fn a_small_district_has_the_outcomes_it_was_built_with() {
    let mut ws = small();
    let mut got = bads(&mut ws);
    got.sort_by_key(|x| x.0);
    assert_eq!(
        got,
        vec![
            (1, Some(OutcomeKind::Penalty)),
            (2, None),
            (5, None),
            (6, Some(OutcomeKind::InspectionProblem)),
            (7, None),
            (8, Some(OutcomeKind::Penalty)),
            (9, None),
            (10, None),
        ]
    );
    let b = ws.backtest(d(T), None, &mut NoProgress).unwrap();
    assert_eq!((b.population, b.bad), (8, 3));
    assert_eq!(b.excluded.unclassified, 1, "the deregistered one");
    assert_eq!(b.excluded.not_established, 1, "the one established after T");
    assert_eq!((b.at.as_str(), b.window_end.as_str()), (T, "2026-06-01"));
    assert_eq!(b.data_as_of, DATA);
    // The first event is kept with its record and date.
    let t = ws.training_data(d(T), None, &mut NoProgress).unwrap();
    let one = ws.store().find(&Uscc::parse(&uscc(1)).unwrap()).unwrap();
    let row = t.ents.iter().position(|&e| e == one).unwrap();
    let first = t.outcomes.first[row].unwrap();
    assert_eq!(first.record.kind, RecordKind::Penalty);
    assert_eq!(first.date, d("2025-09-10"));
}

#[test]
fn the_policy_decides_which_events_are_bad() {
    // Every procedure: the simple-procedure fine of 5 is bad too.
    let mut ws = small();
    set_policy(&mut ws, |p| p.model.bad.penalty_general_only = false);
    assert!(bads(&mut ws).contains(&(5, Some(OutcomeKind::Penalty))));
    // A minimum amount: the 5,000 fine of 1 no longer counts; the revocation of 8 (heavy,
    // no fine) still does.
    let mut ws = small();
    set_policy(&mut ws, |p| p.model.bad.penalty_min_amount = Some(10_000.0));
    let got = bads(&mut ws);
    assert!(got.contains(&(1, None)), "{got:?}");
    assert!(got.contains(&(8, Some(OutcomeKind::Penalty))), "{got:?}");
    // No inspections: 6 is good.
    let mut ws = small();
    set_policy(&mut ws, |p| p.model.bad.inspection_problem = false);
    assert!(bads(&mut ws).contains(&(6, None)));
    // A longer horizon (18 months) needs data up to 2026-12-01: refused here.
    let mut ws = small();
    set_policy(&mut ws, |p| p.model.horizon_months = 18);
    let e = ws.backtest(d(T), None, &mut NoProgress).unwrap_err();
    assert_eq!((e.code(), e.argument()), ("argument", Some("at")));
}

#[test]
fn the_outcome_can_be_chosen_without_changing_the_policy() {
    let mut ws = small();
    let digest = ws.policy().digest().to_string();
    let classes = ws.scoring().unwrap().classes.clone();
    // Inspections only: 6 stays bad, the penalties of 1 and 8 no longer count.
    let mut only = ws.outcome();
    only.penalty = false;
    only.abnormal_list = false;
    only.serious_list = false;
    ws.set_outcome(Some(only)).unwrap();
    assert_eq!(ws.outcome(), only);
    let got = bads(&mut ws);
    assert!(
        got.contains(&(6, Some(OutcomeKind::InspectionProblem))),
        "{got:?}"
    );
    assert!(
        got.contains(&(1, None)) && got.contains(&(8, None)),
        "{got:?}"
    );
    let b = ws.backtest(d(T), None, &mut NoProgress).unwrap();
    assert_eq!(b.bad, 1);
    assert_ne!(
        b.policy_digest, digest,
        "the results name the outcome they judged by"
    );
    // The policy in force and its scoring are untouched.
    assert_eq!(ws.policy().digest(), digest);
    assert_eq!(ws.scoring().unwrap().classes, classes);
    // No event at all is refused as the policy's own check refuses it.
    only.inspection_problem = false;
    let e = ws.set_outcome(Some(only)).unwrap_err();
    assert!(
        matches!(&e, WorkspaceError::Policy(p) if p.path == "model.bad"),
        "{e:?}"
    );
    // Back to the policy's.
    ws.set_outcome(None).unwrap();
    let b = ws.backtest(d(T), None, &mut NoProgress).unwrap();
    assert_eq!((b.bad, b.policy_digest.as_str()), (3, digest.as_str()));
}

#[test]
fn an_incomplete_window_and_bad_arguments_are_refused_by_name() {
    let mut ws = Workspace::new();
    let e = ws.backtest(d(T), None, &mut NoProgress).unwrap_err();
    assert_eq!(e.code(), "state", "score first: the data's as-of date");
    let mut ws = small();
    // T + 12 months = 2026-08-01, after the data (2026-06-30).
    let e = ws
        .backtest(d("2025-08-01"), None, &mut NoProgress)
        .unwrap_err();
    assert_eq!((e.code(), e.argument()), ("argument", Some("at")));
    assert!(e.to_string().contains("2026-08-01"), "{e}");
    assert!(e.to_string().contains("2025-06-30"), "the latest T: {e}");
    let e = ws.backtest(d(T), Some(0), &mut NoProgress).unwrap_err();
    assert_eq!(e.argument(), Some("horizon"));
    let e = ws.backtest(d(T), Some(121), &mut NoProgress).unwrap_err();
    assert_eq!(e.argument(), Some("horizon"));
    let e = ws
        .backtest(
            credit_supervision::date::Date::from_ymd_opt(900, 1, 1).unwrap(),
            None,
            &mut NoProgress,
        )
        .unwrap_err();
    assert_eq!(e.argument(), Some("at"));
    // A shorter horizon fits.
    let b = ws.backtest(d(T), Some(6), &mut NoProgress).unwrap();
    assert_eq!(b.window_end, "2025-12-01");
    assert!(matches!(
        ws.backtest(d(T), Some(13), &mut NoProgress),
        Err(WorkspaceError::Model(_))
    ));
}

#[test]
fn the_features_align_with_the_outcome_and_see_nothing_after_t() {
    let mut ws = small();
    let t = ws.training_data(d(T), None, &mut NoProgress).unwrap();
    assert_eq!(t.table.rows(), t.bad.len());
    assert_eq!(t.ents.len(), t.bad.len());
    assert_eq!(t.ents, t.outcomes.ents);
    let names: Vec<String> = credit_supervision::model::features::catalogue()
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert_eq!(t.table.names, names);
    // Rows in USCC order.
    let usccs: Vec<String> = t
        .ents
        .iter()
        .map(|&e| ws.store().uscc(e).to_string())
        .collect();
    let mut sorted = usccs.clone();
    sorted.sort();
    assert_eq!(usccs, sorted);
    let num = |name: &str, n: u32| {
        let e = ws.store().find(&Uscc::parse(&uscc(n)).unwrap()).unwrap();
        let row = t.ents.iter().position(|&x| x == e).unwrap();
        match t.table.column(name).unwrap() {
            Column::Numeric(v) => v[row],
            Column::Categorical { .. } => panic!("{name} is categorical"),
        }
    };
    // 10's penalty of 2024-06-01 is within 36 months, not 12; 1's of 2025-09-10 is after T.
    assert_eq!(num("penalties_36m", 10), 1.0);
    assert_eq!(num("penalties_12m", 10), 0.0);
    assert_eq!(num("penalty_amount_sum_36m", 10), 3000.0);
    assert_eq!(num("days_since_last_penalty", 10), 365.0);
    assert_eq!(num("penalties_36m", 1), 0.0);
    assert!(num("days_since_last_penalty", 1).is_nan());
    assert_eq!(num("penalty_hits", 10), 1.0);
    assert!(num("penalty_points", 10) < 0.0);
    assert_eq!(num("penalty_hits", 1), 0.0);
    // 2's listing was removed before T: the removal counts, the listing does not.
    assert_eq!(num("abnormal_list_hits", 2), 0.0);
    assert_eq!(num("abnormal_list_removed_hits", 2), 1.0);
    // 6's clean check before T counts, its problem after T does not.
    assert_eq!(num("inspections_36m", 6), 1.0);
    assert_eq!(num("inspection_problems_36m", 6), 0.0);
    assert!((num("age_years", 1) - 10.41).abs() < 0.01);
    // No annual report loaded at all: missing, not zero.
    assert!(num("annual_reports_missing_3y", 1).is_nan());
    match t.table.column("region").unwrap() {
        Column::Categorical { levels, .. } => assert_eq!(levels, &["吴家山街道"]),
        other => panic!("{other:?}"),
    }
}

/// A district of `n` enterprises loaded kind by kind, in the given order of kinds.
fn loaded(n: usize, reverse: bool) -> Workspace {
    let as_of = d("2026-11-28");
    let params = SynthParams {
        enterprises: n,
        seed: "order".into(),
        as_of,
    };
    let mut kinds = RecordKind::ALL.to_vec();
    if reverse {
        kinds.reverse();
    }
    let mut ws = Workspace::new();
    for k in kinds {
        let bytes = generate_csv(&params, k, &mut NoProgress).unwrap();
        ws.load_file(
            &k.file_name(),
            &bytes,
            &LoadOptions::default(),
            &mut NoProgress,
        )
        .unwrap();
    }
    ws.score(as_of, &mut NoProgress).unwrap();
    ws
}

#[test]
fn counts_add_up_and_results_do_not_depend_on_the_load_order() {
    let mut a = loaded(4000, false);
    let mut b = loaded(4000, true);
    let at = d("2025-11-28");
    let x = a.backtest(at, None, &mut NoProgress).unwrap();
    let y = b.backtest(at, None, &mut NoProgress).unwrap();
    assert_eq!(
        serde_json::to_string(&x).unwrap(),
        serde_json::to_string(&y).unwrap()
    );
    assert_eq!(x, a.backtest(at, None, &mut NoProgress).unwrap(), "twice");
    let total: usize = x.classes.iter().map(|c| c.count).sum();
    let bad: usize = x.classes.iter().map(|c| c.bad).sum();
    assert_eq!((total, bad), (x.population, x.bad));
    assert_eq!(
        x.population + x.excluded.unclassified + x.excluded.not_established,
        a.store().len()
    );
    assert_eq!(
        x.outcome_kinds.iter().map(|k| k.first).sum::<usize>(),
        x.bad
    );
    for k in &x.outcome_kinds {
        assert!(
            k.first <= k.enterprises && k.enterprises <= k.events,
            "{k:?}"
        );
    }
    for c in &x.classes {
        assert_eq!(c.bad_rate, Some(c.bad as f64 / c.count as f64));
    }
    assert_eq!(x.bad_rate, x.bad as f64 / x.population as f64);
    assert_eq!(
        x.gains.iter().map(|g| g.count).sum::<u64>() as usize,
        x.population
    );
    assert_eq!(x.gains.iter().map(|g| g.bad).sum::<u64>() as usize, x.bad);
    assert!(x.roc.len() <= 101 && x.roc.len() > 10);
    assert_eq!((x.roc[0], *x.roc.last().unwrap()), ([0.0, 0.0], [1.0, 1.0]));
    assert!((x.gini.unwrap() - (2.0 * x.auc.unwrap() - 1.0)).abs() < 1e-12);
    // The features too, row by row (rows by USCC, levels by first appearance in that order).
    let fa = a.training_data(at, None, &mut NoProgress).unwrap();
    let fb = b.training_data(at, None, &mut NoProgress).unwrap();
    assert_eq!(fa.table.names, fb.table.names);
    for (ca, cb) in fa.table.columns.iter().zip(&fb.table.columns) {
        match (ca, cb) {
            (Column::Numeric(u), Column::Numeric(v)) => {
                assert!(u.iter().zip(v).all(|(p, q)| p.to_bits() == q.to_bits()))
            }
            _ => assert_eq!(ca, cb),
        }
    }
    assert_eq!(fa.bad, fb.bad);
    assert_eq!(fa.bad.iter().filter(|&&b| b).count(), x.bad);
}
