//! Scoring behaviour: windows at their boundaries, decay, caps, overrides, annual reports,
//! relations, inactive entities.

mod common;
use common::*;
use credit_supervision::progress::NoProgress;

const PENALTY_HEAD: &str = "uscc,decision_no,decision_date,procedure,penalty_kinds,fine,domain,aggravated,fulfilled,harm_eliminated\n";

fn one_penalty(date: &str, kinds: &str, extra: &str) -> String {
    format!(
        "{PENALTY_HEAD}{},D-1,{date},普通,{kinds},{extra}\n",
        uscc(1)
    )
}

#[test]
fn penalty_counts_inside_its_36_month_window_and_not_on_the_anniversary() {
    let reg = registrations(&[(1, "2020-01-01", "存续", "")]);
    let pen = one_penalty("2023-03-01", "罚款", "1000,食品,否,是,是");
    let mut ws = workspace(&[("r.csv", &reg), ("p.csv", &pen)]);
    // The day before the anniversary the penalty still counts, decayed to about half
    // (−10 × (1 − 0.5 × 1095/1096) = −5.0046, shown rounded).
    ws.score(d("2026-02-28"), &mut NoProgress).unwrap();
    let r = reasons(&ws, 1);
    assert!(r.contains(&("penalty".to_string(), -5.0)), "{r:?}");
    // 90 − 5.0046 = 84.9954, rounded to 85.00; not yet 90, so class B.
    let e = ws.explain(&uscc(1)).unwrap();
    assert_eq!((e.score, e.class), (85.0, "B"));
    // On the anniversary (36 months later) it no longer counts.
    ws.score(d("2026-03-01"), &mut NoProgress).unwrap();
    assert!(reasons(&ws, 1).iter().all(|(i, _)| i != "penalty"));
    // On the day of the decision it counts in full.
    ws.score(d("2023-03-01"), &mut NoProgress).unwrap();
    let r = reasons(&ws, 1);
    assert!(r.contains(&("penalty".to_string(), -10.0)), "{r:?}");
    // The day before the decision, it does not exist yet.
    ws.score(d("2023-02-28"), &mut NoProgress).unwrap();
    assert!(reasons(&ws, 1).iter().all(|(i, _)| i != "penalty"));
}

#[test]
fn heavy_unfulfilled_penalty_adds_its_indicators_and_classes_follow_cutoffs() {
    let reg = registrations(&[(1, "2020-01-01", "存续", ""), (2, "2020-01-01", "存续", "")]);
    let pen = one_penalty("2026-06-01", "罚款;责令停产停业", "50000,食品,是,否,否");
    let mut ws = workspace(&[("r.csv", &reg), ("p.csv", &pen)]);
    let s = ws.score(d("2026-06-01"), &mut NoProgress).unwrap();
    let e = ws.explain(&uscc(1)).unwrap();
    let ids: Vec<&str> = e.reasons.iter().map(|r| r.indicator).collect();
    assert_eq!(ids, ["penalty", "penalty_unfulfilled", "penalty_heavy"]);
    // 90 − 10 − 5 − 15 = 60 → C (40 ≤ 60 < 70).
    assert_eq!(e.score, 60.0);
    assert_eq!(e.class, "C");
    assert_eq!((s.counts.A, s.counts.C), (1, 1));
}

#[test]
fn caps_keep_the_most_recent_occurrences() {
    let reg = registrations(&[(1, "2020-01-01", "存续", "")]);
    let mut c = String::from("uscc,complaint_date,complaint_kind,substantiated,on_time\n");
    for m in 1..=8 {
        c.push_str(&format!("{},2026-{m:02}-01,投诉,是,是\n", uscc(1)));
    }
    let mut ws = workspace(&[("r.csv", &reg), ("c.csv", &c)]);
    ws.score(d("2026-09-01"), &mut NoProgress).unwrap();
    let e = ws.explain(&uscc(1)).unwrap();
    let dates: Vec<String> = e
        .reasons
        .iter()
        .filter(|r| r.indicator == "complaint_substantiated")
        .map(|r| r.record_date.clone().unwrap())
        .collect();
    assert_eq!(
        dates,
        [
            "2026-08-01",
            "2026-07-01",
            "2026-06-01",
            "2026-05-01",
            "2026-04-01"
        ]
    );
}

#[test]
fn serious_list_forces_d_and_abnormal_list_at_least_c() {
    let reg = registrations(&[
        (1, "2020-01-01", "存续", ""),
        (2, "2020-01-01", "存续", ""),
        (3, "2020-01-01", "存续", ""),
    ]);
    let lists = format!(
        "uscc,list,reason,listed_date,removed_date,authority\n\
         {},严重违法失信名单,受到较重行政处罚,2025-01-10,,东西湖区市场监督管理局\n\
         {},经营异常名录,通过登记的住所无法联系,2026-01-10,,东西湖区市场监督管理局\n\
         {},经营异常名录,未按规定报送年度报告,2025-07-10,2025-09-01,东西湖区市场监督管理局\n",
        uscc(1),
        uscc(2),
        uscc(3)
    );
    let mut ws = workspace(&[("r.csv", &reg), ("l.csv", &lists)]);
    ws.score(d("2026-06-01"), &mut NoProgress).unwrap();
    let e1 = ws.explain(&uscc(1)).unwrap();
    assert_eq!((e1.class, e1.score), ("D", 50.0));
    assert_eq!(e1.class_before_override, "C");
    assert!(e1.override_rule.is_some());
    let e2 = ws.explain(&uscc(2)).unwrap();
    // 90 − 15 = 75 → B by score, C by the override.
    assert_eq!((e2.class_before_override, e2.class), ("B", "C"));
    let e3 = ws.explain(&uscc(3)).unwrap();
    // Removed from the list: −3 for 24 months, no override (90 − 3 = 87 → B).
    assert_eq!((e3.class, e3.class_before_override), ("B", "B"));
    assert!(e3.override_rule.is_none());
    assert_eq!(e3.reasons[0].indicator, "abnormal_list_removed");
    // Before the listing date nothing applies.
    ws.score(d("2025-01-09"), &mut NoProgress).unwrap();
    assert_eq!(ws.explain(&uscc(1)).unwrap().class, "A");
}

#[test]
fn annual_reports_missing_late_and_on_time() {
    let reg = registrations(&[
        (1, "2015-01-01", "存续", ""),
        (2, "2015-01-01", "存续", ""),
        (3, "2015-01-01", "存续", ""),
        (4, "2026-01-15", "存续", ""),
    ]);
    let mut ar = String::from("uscc,year,filed\n");
    for y in 2022..=2025 {
        ar.push_str(&format!("{},{y},{}-05-01\n", uscc(1), y + 1));
    }
    // Enterprise 2: 2024 filed late, 2025 not filed (due 2026-06-30).
    ar.push_str(&format!("{},2024,2025-08-15\n", uscc(2)));
    ar.push_str(&format!("{},2024,\n", uscc(3)));
    let mut ws = workspace(&[("r.csv", &reg), ("a.csv", &ar)]);
    ws.score(d("2026-07-01"), &mut NoProgress).unwrap();
    let r1 = reasons(&ws, 1);
    assert!(
        r1.contains(&("annual_report_on_time".into(), 3.0)),
        "{r1:?}"
    );
    let r2 = reasons(&ws, 2);
    assert!(r2.contains(&("annual_report_late".into(), -3.0)), "{r2:?}");
    assert!(
        r2.contains(&("annual_report_missing".into(), -10.0)),
        "{r2:?}"
    );
    assert!(
        !r2.iter().any(|(i, _)| i == "annual_report_on_time"),
        "{r2:?}"
    );
    // Enterprise 3: 2024 and 2025 not filed; 2023's deadline (2024-06-30) is just outside the
    // 24-month window (as of 2026-07-01 it counts deadlines after 2024-07-01).
    let r3 = reasons(&ws, 3);
    assert_eq!(
        r3.iter()
            .filter(|(i, _)| i == "annual_report_missing")
            .count(),
        2,
        "{r3:?}"
    );
    // Established in 2026: no report due yet, and new.
    let r4 = reasons(&ws, 4);
    assert_eq!(r4, vec![("newly_established".to_string(), -2.0)]);
    // On the deadline day itself (2026-06-30) the 2025 report is not yet missing: only 2024.
    ws.score(d("2026-06-30"), &mut NoProgress).unwrap();
    let r3 = reasons(&ws, 3);
    let missing: Vec<_> = r3
        .iter()
        .filter(|(i, _)| i == "annual_report_missing")
        .collect();
    assert_eq!(missing.len(), 1, "{r3:?}");
    let e3 = ws.explain(&uscc(3)).unwrap();
    assert_eq!(
        e3.reasons
            .iter()
            .find(|r| r.indicator == "annual_report_missing")
            .unwrap()
            .record_date
            .as_deref(),
        Some("2025-06-30")
    );
}

#[test]
fn inactive_entities_are_not_classified_and_shared_addresses_count() {
    let mut rows = vec![(1, "2010-01-01", "注销", "东西湖区1号")];
    for n in 2..=21 {
        rows.push((n, "2020-01-01", "存续", "东西湖区9号"));
    }
    let reg = registrations(&rows);
    let mut ws = workspace(&[("r.csv", &reg)]);
    let s = ws.score(d("2026-06-01"), &mut NoProgress).unwrap();
    assert_eq!((s.enterprises, s.classified, s.unclassified), (21, 20, 1));
    assert_eq!(ws.explain(&uscc(1)).unwrap().class, "-");
    let r = reasons(&ws, 2);
    assert!(r.contains(&("shared_address".into(), -3.0)), "{r:?}");
    assert_eq!(s.counts.B, 20, "90 − 3 = 87 → B");
}

#[test]
fn scoring_ignores_the_order_files_are_loaded_in() {
    let reg = registrations(&[(1, "2020-01-01", "存续", ""), (2, "2021-01-01", "存续", "")]);
    let pen = one_penalty("2025-03-01", "罚款", "1000,食品,否,是,是");
    let mut a = workspace(&[("r.csv", &reg), ("p.csv", &pen)]);
    let mut b = workspace(&[("p.csv", &pen), ("r.csv", &reg)]);
    let sa = a.score(d("2026-01-01"), &mut NoProgress).unwrap();
    let sb = b.score(d("2026-01-01"), &mut NoProgress).unwrap();
    assert_eq!(sa.counts, sb.counts);
    assert_eq!(a.explain(&uscc(1)).unwrap(), b.explain(&uscc(1)).unwrap());
}

#[test]
fn a_custom_policy_changes_points_and_is_checked() {
    let reg = registrations(&[(1, "2020-01-01", "存续", "")]);
    let pen = one_penalty("2026-03-01", "罚款", "1000,食品,否,是,是");
    let mut ws = workspace(&[("r.csv", &reg), ("p.csv", &pen)]);
    let mut policy: serde_json::Value =
        serde_json::from_str(&ws.policy().policy().to_json()).unwrap();
    policy["indicators"]["penalty"]["points"] = (-30.0).into();
    policy["indicators"]["penalty"]["decay_to"] = serde_json::Value::Null;
    ws.set_policy_json(&policy.to_string()).unwrap();
    ws.score(d("2026-06-01"), &mut NoProgress).unwrap();
    assert_eq!(ws.explain(&uscc(1)).unwrap().score, 60.0);
    policy["cutoffs"]["c"] = 80.into();
    let e = ws.set_policy_json(&policy.to_string()).unwrap_err();
    assert_eq!(e.code(), "policy");
    assert!(e.to_string().contains("cutoffs.c"), "{e}");
}

#[test]
fn table_orders_sort_by_the_key_then_the_code() {
    use credit_supervision::results::SortKey;
    use credit_supervision::workspace::Workspace;
    let mut ws = Workspace::new();
    ws.generate_demo(3000, "order", d("2026-11-28"), &mut NoProgress)
        .unwrap();
    ws.score(d("2026-11-28"), &mut NoProgress).unwrap();
    let s = ws.scoring().unwrap();
    let st = ws.store();
    let class_key = |e: u32| match s.classes[e as usize] {
        0 => 5,
        c => c,
    };
    for key in ["score", "class", "uscc", "name", "region"] {
        for descending in [false, true] {
            for filter in [None, Some(2u8)] {
                let got = ws
                    .order(SortKey::parse(key).unwrap(), descending, filter)
                    .unwrap();
                // The reference: a plain comparison sort over the texts and numbers.
                let mut want: Vec<u32> = (0..st.len() as u32)
                    .filter(|&e| filter.is_none_or(|c| s.classes[e as usize] == c))
                    .collect();
                want.sort_by(|&a, &b| {
                    let primary = match key {
                        "score" => s.scores[a as usize].total_cmp(&s.scores[b as usize]),
                        "class" => class_key(a).cmp(&class_key(b)),
                        "name" => st.name(a).cmp(st.name(b)),
                        "region" => {
                            let r = |e| st.registration(e).map_or("", |r| st.text(r.region));
                            r(a).cmp(r(b))
                        }
                        _ => std::cmp::Ordering::Equal,
                    };
                    let primary = if descending {
                        primary.reverse()
                    } else {
                        primary
                    };
                    let tie = st.uscc(a).as_str().cmp(st.uscc(b).as_str());
                    let tie = if descending && key == "uscc" {
                        tie.reverse()
                    } else {
                        tie
                    };
                    primary.then(tie)
                });
                assert_eq!(got, want, "{key} descending={descending} filter={filter:?}");
            }
        }
    }
}

/// The audit trail's overlay reaches every answer: after a record is corrected and a class is
/// set by hand, the table row, the explanation, the repair what-ifs and the scoring agree.
#[test]
fn every_answer_agrees_under_the_audit_trail() {
    use credit_supervision::audit::Action;
    use credit_supervision::policy::Class;
    use credit_supervision::records::RecordKind;
    use credit_supervision::workspace::Workspace;
    let as_of = d("2026-11-28");
    let mut ws = Workspace::new();
    ws.generate_demo(3000, "agree", as_of, &mut NoProgress)
        .unwrap();
    ws.score(as_of, &mut NoProgress).unwrap();
    // An enterprise whose score counts exactly one penalty.
    let (uscc, index) = (0..ws.store().len() as u32)
        .find_map(|e| {
            let u = ws.store().uscc(e).to_string();
            let x = ws.explain(&u).unwrap();
            let pens: Vec<u32> = x
                .reasons
                .iter()
                .filter(|r| r.record_kind == Some(RecordKind::Penalty))
                .filter_map(|r| r.record_index)
                .collect();
            (pens.len() == 1).then(|| (u, pens[0]))
        })
        .expect("the demo has an enterprise with one penalty counted");
    let ent = ws
        .store()
        .find(&credit_supervision::uscc::Uscc::parse(&uscc).unwrap())
        .unwrap();
    let before = ws.rows(&[ent]).unwrap().remove(0);
    assert!(before.reasons.contains("行政处罚"), "{}", before.reasons);
    ws.object(
        &uscc,
        RecordKind::Penalty,
        index,
        Action::Correct,
        "李四",
        "决定书已撤销",
        as_of,
        Some("该处罚决定已由复议机关撤销".into()),
        "t1",
    )
    .unwrap();
    let row = ws.rows(&[ent]).unwrap().remove(0);
    let x = ws.explain(&uscc).unwrap();
    assert!(x
        .reasons
        .iter()
        .all(|r| r.record_kind != Some(RecordKind::Penalty)));
    assert!(!row.reasons.contains("行政处罚"), "{}", row.reasons);
    assert_eq!(row.score, x.score);
    assert_eq!(row.class, x.class);
    // A class set by hand: the same in the table, the explanation, the what-ifs.
    ws.adjust_class(&uscc, Some(Class::D), "李四", "现场核查", as_of, "t2")
        .unwrap();
    let row = ws.rows(&[ent]).unwrap().remove(0);
    let x = ws.explain(&uscc).unwrap();
    assert_eq!((row.class, x.class), ("D", "D"));
    assert_eq!(
        x.override_rule.unwrap().zh,
        "人工调整（谁分类、谁调整），理由见审计记录"
    );
    for o in ws.repair(&uscc, None).unwrap().options {
        let w = o.what_if.unwrap();
        assert_eq!((w.class_now, w.class), ("D", "D"));
    }
    // Scoring again from the records gives the same.
    ws.score(as_of, &mut NoProgress).unwrap();
    assert_eq!(ws.rows(&[ent]).unwrap().remove(0), row);
}
