//! Classes at several dates over the same records: the migration between two dates, its movers
//! and their reasons, and the classes at a list of dates (docs/RULES.md §18).

mod common;

use common::{d, registrations, uscc, workspace};
use credit_supervision::date::{add_months, Date};
use credit_supervision::model::migration::{Change, MoverFilter};
use credit_supervision::model::score_at;
use credit_supervision::policy::Indicator;
use credit_supervision::progress::NoProgress;
use credit_supervision::score::{explain, score_all, Context, Overlay};
use credit_supervision::workspace::Workspace;
use std::collections::BTreeMap;

const FROM: &str = "2025-06-01";
const TO: &str = "2026-06-01";

/// 1 is penalised between the dates; 2 is listed as abnormal before the first and removed
/// between them; 3 is established between them; 4 changes nothing; 5 is deregistered.
fn small() -> Workspace {
    let reg = registrations(&[
        (1, "2015-01-01", "存续", "甲"),
        (2, "2015-01-01", "存续", "乙"),
        (3, "2025-09-01", "存续", "丙"),
        (4, "2015-01-01", "存续", "丁"),
        (5, "2015-01-01", "注销", "戊"),
    ]);
    let pen = format!(
        "uscc,decision_no,decision_date,procedure,penalty_kinds,fine,domain,aggravated,fulfilled,harm_eliminated\n\
         {},罚1,2025-09-10,普通,罚款,5000,食品,否,否,否\n",
        uscc(1)
    );
    let list = format!(
        "uscc,list,reason,listed_date,removed_date\n\
         {},经营异常名录,未按规定报送年度报告,2024-07-11,2025-10-01\n",
        uscc(2)
    );
    workspace(&[("r.csv", &reg), ("p.csv", &pen), ("l.csv", &list)])
}

#[test]
fn a_small_district_moves_as_built_and_says_why() {
    let mut ws = small();
    let m = ws.migration(d(FROM), d(TO), &mut NoProgress).unwrap();
    // 1: A → B (penalty −10 decayed, unfulfilled −5); 2: C → B (listed: C by the override;
    // removed: 90 + 2 − 3);
    // 3: unclassified → B (new); 4: A → A; 5: unclassified on both.
    let cell = |a: usize, b: usize| m.matrix[a][b];
    assert_eq!(m.enterprises, 5);
    assert_eq!(cell(1, 2), 1, "{:?}", m.matrix);
    assert_eq!(cell(3, 2), 1, "{:?}", m.matrix);
    assert_eq!(cell(0, 2), 1, "{:?}", m.matrix);
    assert_eq!((cell(1, 1), cell(0, 0)), (1, 1));
    assert_eq!((m.up, m.down, m.same, m.entered, m.left), (1, 1, 2, 1, 0));
    assert_eq!(m.from_summary.not_established, 1);
    assert_eq!(m.from_summary.unclassified, 1);
    let page = ws
        .migration_movers(d(FROM), d(TO), MoverFilter::default(), 0, 100)
        .unwrap();
    assert_eq!(page.total, 3);
    let by: BTreeMap<String, _> = page.movers.iter().map(|m| (m.uscc.clone(), m)).collect();
    let one = by[&uscc(1)];
    assert_eq!((one.from, one.to), ("A", "B"));
    let ch: Vec<(&str, Change)> = one
        .changes
        .iter()
        .map(|c| (c.indicator, c.change))
        .collect();
    assert_eq!(
        ch,
        [
            ("penalty", Change::Appeared),
            ("penalty_unfulfilled", Change::Appeared)
        ]
    );
    assert_eq!(one.changes[1].points_to, -5.0);
    assert_eq!(one.changes[1].hits_to, 1);
    let two = by[&uscc(2)];
    assert_eq!((two.from, two.to), ("C", "B"));
    let ch: Vec<(&str, Change)> = two
        .changes
        .iter()
        .map(|c| (c.indicator, c.change))
        .collect();
    assert_eq!(
        ch,
        [
            ("abnormal_list", Change::Disappeared),
            ("abnormal_list_removed", Change::Appeared)
        ]
    );
    assert_eq!(
        two.override_from,
        credit_supervision::score::Override::AbnormalList
    );
    let three = by[&uscc(3)];
    assert_eq!((three.from, three.to, three.score_from), ("-", "B", None));
    assert_eq!(three.changes[0].indicator, "newly_established");
    // Filters: from A only; from C to B.
    let a = ws
        .migration_movers(
            d(FROM),
            d(TO),
            MoverFilter {
                from: Some(1),
                to: None,
            },
            0,
            100,
        )
        .unwrap();
    assert_eq!(a.total, 1);
    assert_eq!(a.movers[0].uscc, uscc(1));
    let c_to_b = ws
        .migration_movers(
            d(FROM),
            d(TO),
            MoverFilter {
                from: Some(3),
                to: Some(2),
            },
            0,
            100,
        )
        .unwrap();
    assert_eq!(c_to_b.total, 1);
    assert_eq!(c_to_b.movers[0].uscc, uscc(2));
}

#[test]
fn bad_arguments_are_refused_by_name() {
    let mut ws = small();
    let e = ws.migration(d(TO), d(FROM), &mut NoProgress).unwrap_err();
    assert_eq!((e.code(), e.argument()), ("argument", Some("to")));
    let e = ws.migration(d(TO), d(TO), &mut NoProgress).unwrap_err();
    assert_eq!(e.argument(), Some("to"));
    let far = Date::from_ymd_opt(2300, 1, 1).unwrap();
    assert_eq!(
        ws.migration(d(FROM), far, &mut NoProgress)
            .unwrap_err()
            .argument(),
        Some("to")
    );
    let f = MoverFilter {
        from: Some(5),
        to: None,
    };
    let e = ws.migration_movers(d(FROM), d(TO), f, 0, 10).unwrap_err();
    assert_eq!(e.argument(), Some("fromClass"));
    let e = ws
        .migration_movers(d(FROM), d(TO), MoverFilter::default(), 0, 10_001)
        .unwrap_err();
    assert_eq!(e.argument(), Some("limit"));
    assert_eq!(
        ws.classes_at(&[], &mut NoProgress).unwrap_err().argument(),
        Some("dates")
    );
    let many = vec![d(FROM); 121];
    assert_eq!(
        ws.classes_at(&many, &mut NoProgress)
            .unwrap_err()
            .argument(),
        Some("dates")
    );
    assert_eq!(
        ws.classes_at(&[far], &mut NoProgress)
            .unwrap_err()
            .argument(),
        Some("dates")
    );
}

fn district(n: usize, seed: &str) -> Workspace {
    let mut ws = Workspace::new();
    ws.generate_demo(n, seed, d("2026-11-28"), &mut NoProgress)
        .unwrap();
    ws
}

#[test]
fn the_matrix_sums_to_the_population_and_the_movers_are_its_off_diagonal() {
    let mut ws = district(5000, "migration");
    let (from, to) = (d("2025-11-28"), d("2026-11-28"));
    let m = ws.migration(from, to, &mut NoProgress).unwrap();
    let total: usize = m.matrix.iter().flatten().sum();
    assert_eq!(total, m.enterprises);
    assert_eq!(m.enterprises, 5000);
    assert_eq!(m.up + m.down + m.same + m.entered + m.left, m.enterprises);
    let rows: Vec<usize> = m.matrix.iter().map(|r| r.iter().sum()).collect();
    let cols: Vec<usize> = (0..5)
        .map(|j| m.matrix.iter().map(|r| r[j]).sum())
        .collect();
    let counts = |s: &credit_supervision::model::migration::DateSummary| {
        [
            s.unclassified + s.not_established,
            s.counts.A,
            s.counts.B,
            s.counts.C,
            s.counts.D,
        ]
    };
    assert_eq!(rows, counts(&m.from_summary));
    assert_eq!(cols, counts(&m.to_summary));
    let diagonal: usize = (0..5).map(|i| m.matrix[i][i]).sum();
    assert_eq!(diagonal, m.same);
    assert!(m.up > 0 && m.down > 0 && m.entered > 0, "{m:?}");
    // Every mover, page by page, sorted by USCC; each cell's movers are its count.
    let all = ws
        .migration_movers(from, to, MoverFilter::default(), 0, 10_000)
        .unwrap();
    assert_eq!(all.total, m.enterprises - m.same);
    let mut paged = Vec::new();
    for offset in (0..all.total).step_by(97) {
        let p = ws
            .migration_movers(from, to, MoverFilter::default(), offset, 97)
            .unwrap();
        assert_eq!(p.offset, offset);
        paged.extend(p.movers);
    }
    assert_eq!(paged, all.movers);
    assert!(all.movers.windows(2).all(|w| w[0].uscc < w[1].uscc));
    for a in 0..5u8 {
        for b in 0..5u8 {
            if a == b {
                continue;
            }
            let f = MoverFilter {
                from: Some(a),
                to: Some(b),
            };
            let p = ws.migration_movers(from, to, f, 0, 0).unwrap();
            assert_eq!(p.total, m.matrix[a as usize][b as usize], "{a} → {b}");
        }
    }
    // Each mover's changes are the indicators whose hits differ between the two explanations.
    let store = ws.store();
    let policy = ws.policy();
    let (ca, cb) = (Context::new(store, from), Context::new(store, to));
    let none = Overlay::default();
    let per = |e: &credit_supervision::score::Explanation| {
        let mut m: BTreeMap<&str, (u32, f64)> = BTreeMap::new();
        for r in &e.reasons {
            let x = m.entry(r.indicator).or_default();
            x.0 += 1;
            x.1 += r.points;
        }
        m
    };
    for mv in all.movers.iter().take(400) {
        let ea = explain(store, policy, &ca, mv.id, from, &none);
        let eb = explain(store, policy, &cb, mv.id, to, &none);
        let (ha, hb) = if mv.score_from.is_some() {
            (per(&ea), per(&eb))
        } else {
            (BTreeMap::new(), per(&eb))
        };
        let mut want: Vec<&str> = Indicator::ALL
            .iter()
            .map(|i| i.id())
            .filter(|id| {
                let (a, b) = (ha.get(id), hb.get(id));
                match (a, b) {
                    (Some(x), Some(y)) => {
                        x.0 != y.0 || (x.1 * 100.0).round() != (y.1 * 100.0).round()
                    }
                    (None, None) => false,
                    _ => true,
                }
            })
            .collect();
        want.sort_unstable();
        let mut got: Vec<&str> = mv.changes.iter().map(|c| c.indicator).collect();
        got.sort_unstable();
        assert_eq!(got, want, "{}", mv.uscc);
        for c in &mv.changes {
            match c.change {
                Change::Appeared => assert_eq!(c.hits_from, 0),
                Change::Disappeared => assert_eq!(c.hits_to, 0),
                Change::Changed => assert!(c.hits_from > 0 && c.hits_to > 0),
            }
        }
    }
}

#[test]
fn classes_at_several_dates_equal_separate_scorings() {
    let mut ws = district(3000, "dates");
    let dates: Vec<Date> = (0..6)
        .map(|k| add_months(d("2026-11-28"), -2 * k))
        .collect();
    let c = ws.classes_at(&dates, &mut NoProgress).unwrap();
    assert_eq!(c.enterprises, 3000);
    assert_eq!(c.classes.len(), 3000 * dates.len());
    let mut store = ws.store().clone();
    let policy = ws.policy().clone();
    let none = Overlay::default();
    for (i, &date) in dates.iter().enumerate() {
        let one = score_at(&mut store, &policy, date, &none, &mut NoProgress).unwrap();
        assert_eq!(c.of(i), &one.classes[..], "{date}");
        // score_at is score_all but for the enterprises not established yet (no class) and
        // those revoked only later (classified as they were).
        let all = score_all(&mut store, &policy, date, &mut NoProgress, &none).unwrap();
        for (e, (&x, &y)) in one.classes.iter().zip(&all.classes).enumerate() {
            let e = e as u32;
            if x != y {
                let later = !credit_supervision::model::existed(&store, e, date);
                let revoked = credit_supervision::model::revoked_after(&store, e, date);
                assert!(
                    later && x == 0 || revoked && y == 0,
                    "enterprise {e} on {date}"
                );
            }
        }
        let s = &c.summaries[i];
        assert_eq!(
            s.classified + s.unclassified + s.not_established,
            s.enterprises
        );
        let n = |k: u8| c.of(i).iter().filter(|&&x| x == k).count();
        assert_eq!(
            (s.counts.A, s.counts.B, s.counts.C, s.counts.D),
            (n(1), n(2), n(3), n(4))
        );
    }
    // The same twice; a migration between two of the dates reads the same classes.
    assert_eq!(c, ws.classes_at(&dates, &mut NoProgress).unwrap());
    let m = ws.migration(dates[3], dates[0], &mut NoProgress).unwrap();
    for a in 0..5 {
        for b in 0..5 {
            let n = (0..3000)
                .filter(|&e| c.of(3)[e] == a && c.of(0)[e] == b)
                .count();
            assert_eq!(m.matrix[a as usize][b as usize], n);
        }
    }
}

#[test]
fn new_records_or_a_new_policy_drop_the_kept_migration() {
    let mut ws = small();
    let before = ws.migration(d(FROM), d(TO), &mut NoProgress).unwrap();
    let pen = format!(
        "uscc,decision_no,decision_date,procedure,penalty_kinds,fine,domain,aggravated,fulfilled,harm_eliminated\n\
         {},罚4,2025-12-10,普通,罚款;责令停产停业,5000,食品,是,否,否\n",
        uscc(4)
    );
    ws.load_csv("p2.csv", pen.as_bytes(), None, &mut NoProgress)
        .unwrap();
    let page = ws
        .migration_movers(d(FROM), d(TO), MoverFilter::default(), 0, 10)
        .unwrap();
    assert_eq!(page.total, 4, "4 moved too after its penalty");
    let after = ws.migration(d(FROM), d(TO), &mut NoProgress).unwrap();
    assert_ne!(before.matrix, after.matrix);
    let mut p = ws.policy().policy().clone();
    p.indicators.get_mut("penalty").unwrap().points = 0.0;
    p.indicators.get_mut("penalty_unfulfilled").unwrap().points = 0.0;
    p.indicators.get_mut("penalty_heavy").unwrap().points = 0.0;
    ws.set_policy_json(&p.to_json()).unwrap();
    let page = ws
        .migration_movers(d(FROM), d(TO), MoverFilter::default(), 0, 10)
        .unwrap();
    assert_eq!(page.total, 2, "penalties cost nothing: only 2 and 3 move");
}

#[test]
fn results_do_not_depend_on_the_load_order() {
    use credit_supervision::ingest::LoadOptions;
    use credit_supervision::records::RecordKind;
    use credit_supervision::synth::{generate_csv, SynthParams};
    let params = SynthParams {
        enterprises: 3000,
        seed: "order".into(),
        as_of: d("2026-11-28"),
    };
    let run = |reverse: bool| {
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
        let (from, to) = (d("2025-11-28"), d("2026-11-28"));
        let m = ws.migration(from, to, &mut NoProgress).unwrap();
        let mut p = ws
            .migration_movers(from, to, MoverFilter::default(), 0, 10_000)
            .unwrap();
        for mv in &mut p.movers {
            mv.id = 0; // ids follow the load order; everything else must not
        }
        let c = ws.classes_at(&[from, to], &mut NoProgress).unwrap();
        let by_uscc: BTreeMap<String, (u8, u8)> = (0..3000u32)
            .map(|e| {
                (
                    ws.store().uscc(e).to_string(),
                    (c.of(0)[e as usize], c.of(1)[e as usize]),
                )
            })
            .collect();
        (
            serde_json::to_string(&m).unwrap(),
            serde_json::to_string(&p).unwrap(),
            by_uscc,
            serde_json::to_string(&c.summaries).unwrap(),
        )
    };
    assert_eq!(run(false), run(true));
}

/// Natively, from 20,000 enterprises the classes at several dates are computed on two threads:
/// the same classes as scoring each date alone.
#[test]
fn two_threads_give_the_classes_of_one() {
    let mut ws = district(25_000, "threads");
    let dates = [d("2025-05-31"), d("2026-11-28")];
    let c = ws.classes_at(&dates, &mut NoProgress).unwrap();
    let mut store = ws.store().clone();
    let policy = ws.policy().clone();
    for (i, &date) in dates.iter().enumerate() {
        let one = score_at(
            &mut store,
            &policy,
            date,
            &Overlay::default(),
            &mut NoProgress,
        )
        .unwrap();
        assert_eq!(c.of(i), &one.classes[..], "{date}");
    }
}
