//! What a cycle achieved (issue 11, "targets from the data" and 一公开 results): random checks
//! against target and floor, 100 % groups covered, results published within 20 working days
//! (across a holiday), the overdue list, results by class — and no class in the public files.

mod common;

use common::{d, registrations, uscc, workspace};
use credit_supervision::plan::outcome::{status, RESULTS_HEADERS};
use credit_supervision::plan::Publication;
use credit_supervision::progress::NoProgress;

/// Inspections: (enterprise, task, date, kind, result, published).
fn inspections(rows: &[(u32, &str, &str, &str, &str, &str)]) -> String {
    let mut s =
        String::from("uscc,task_id,inspection_date,inspection_kind,result,result_published\n");
    for (n, task, date, kind, result, published) in rows {
        s.push_str(&format!(
            "{},{task},{date},{kind},{result},{published}\n",
            uscc(*n)
        ));
    }
    s
}

#[test]
fn publication_deadlines_run_in_working_days_across_the_national_day() {
    let ws = workspace(&[("reg.csv", &registrations(&[(1, "2015-01-01", "存续", "")]))]);
    let cal = ws.policy().calendar();
    // A check on Friday 26 September 2025: 20 working days, the National Day holiday
    // (1–8 October) and its swapped working days counted by the calendar.
    let date = d("2025-09-26");
    let due = cal.add_working_days(date, 20).due_date();
    assert_eq!(cal.working_days_between(date, due), 20);
    assert!(
        due > d("2025-10-24"),
        "the holiday pushes the deadline: {due}"
    );
    assert_eq!(status(due, Some(due), d("2026-01-01")), Publication::OnTime);
    assert_eq!(
        status(due, Some(due.succ_opt().unwrap()), d("2026-01-01")),
        Publication::Late
    );
    assert_eq!(status(due, None, due), Publication::Pending);
    assert_eq!(
        status(due, None, due.succ_opt().unwrap()),
        Publication::Overdue
    );
}

#[test]
fn a_cycle_outcome_counts_ratio_groups_publication_and_classes() {
    let reg = registrations(&[
        (1, "2015-01-01", "存续", ""),
        (2, "2015-01-01", "存续", ""),
        (3, "2015-01-01", "存续", ""),
        (4, "2015-01-01", "存续", ""),
        (5, "2015-01-01", "注销", ""),
    ]);
    let lic = format!(
        "uscc,licence_no,licence_kind,issued,expires,licence_status\n\
         {},YP1,药品经营许可证,2020-01-01,2030-01-01,有效\n\
         {},YP2,药品经营许可证,2020-01-01,2030-01-01,有效\n",
        uscc(1),
        uscc(2)
    );
    let insp = inspections(&[
        // Random, published on time.
        (1, "T1", "2025-03-03", "双随机", "未发现问题", "2025-03-10"),
        // Random, found a problem, published late.
        (
            3,
            "T2",
            "2025-04-01",
            "双随机",
            "发现问题已责令改正",
            "2025-06-30",
        ),
        // Targeted, never published: overdue by the end of the year.
        (4, "T3", "2025-05-06", "定向", "未发现问题", ""),
        // A routine check of the drug retailer 2: covers the group, not a random check.
        (2, "T4", "2025-07-01", "日常检查", "未发现问题", ""),
        // Outside the cycle.
        (3, "T5", "2024-12-31", "双随机", "未发现问题", "2025-01-05"),
        // A deregistered enterprise: not in the population.
        (5, "T6", "2025-02-02", "双随机", "未发现问题", ""),
    ]);
    let mut ws = workspace(&[("reg.csv", &reg), ("lic.csv", &lic), ("insp.csv", &insp)]);
    ws.score(d("2025-12-31"), &mut NoProgress).unwrap();
    let o = ws.plan_outcome(d("2025-01-01"), None, None).unwrap();
    assert_eq!(
        (o.cycle_start.as_str(), o.cycle_end.as_str()),
        ("2025-01-01", "2025-12-31")
    );
    assert_eq!(o.population, 4);
    assert_eq!(o.randomly_checked, 3);
    assert_eq!(o.random_ratio, 0.75);
    assert!(o.target_met && o.floor_met);
    let drugs = o.groups.iter().find(|g| g.name == "药品零售企业").unwrap();
    assert_eq!((drugs.members, drugs.checked), (2, 2));
    assert!(drugs.met);
    let p = &o.publication;
    assert_eq!(
        (p.checks, p.on_time, p.late, p.overdue, p.pending),
        (3, 1, 1, 1, 0)
    );
    let problems: usize = o.by_class.iter().map(|c| c.problems).sum();
    let checks: usize = o.by_class.iter().map(|c| c.checks).sum();
    assert_eq!((checks, problems), (4, 1));
    // Judged on a day before T3's deadline, its result is still pending.
    let early = ws
        .plan_outcome(
            d("2025-01-01"),
            Some(d("2025-05-31")),
            Some(d("2025-05-07")),
        )
        .unwrap();
    assert_eq!(early.publication.pending, 1);
    assert_eq!(early.publication.overdue, 0);
    assert_eq!(early.randomly_checked, 3);

    // The public results and the overdue list: no class, score or reason.
    let all = String::from_utf8(
        ws.plan_results_csv(d("2025-01-01"), None, None, false)
            .unwrap(),
    )
    .unwrap();
    let overdue = String::from_utf8(
        ws.plan_results_csv(d("2025-01-01"), None, None, true)
            .unwrap(),
    )
    .unwrap();
    let lines: Vec<&str> = all.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], RESULTS_HEADERS.join(","));
    assert_eq!(lines.len(), 4);
    let over: Vec<&str> = overdue.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(over.len(), 2);
    assert!(
        over[1].contains("T3") && over[1].ends_with("逾期未公示"),
        "{}",
        over[1]
    );
    for h in RESULTS_HEADERS {
        for word in ["分类", "分数", "原因", "风险"] {
            assert!(!h.contains(word), "{h}");
        }
    }
    for line in &lines[1..] {
        for cell in line.split(',') {
            assert!(!["A", "B", "C", "D"].contains(&cell), "{line}");
        }
    }
    // A cycle that ends before it starts is refused, naming the argument.
    let e = ws
        .plan_outcome(d("2025-06-01"), Some(d("2025-01-01")), None)
        .unwrap_err();
    assert_eq!(e.argument(), Some("cycleEnd"));
}
