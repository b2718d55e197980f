//! The work lists (docs/RULES.md §20): each list on a handmade district whose answers are
//! known, then on the synthetic district — counts add up, and every enterprise in a list meets
//! its condition as the per-enterprise answers (repair, measures, rules) give it.

mod common;

use common::{d, uscc, workspace};
use credit_supervision::advice::worklist::{rows, Item, WorkListKind};
use credit_supervision::progress::NoProgress;
use credit_supervision::sheet::Lang;
use credit_supervision::workspace::Workspace;
use std::collections::BTreeSet;

const AS_OF: &str = "2024-11-01";

/// Ten companies (n = 1…10), each with one situation.
fn district() -> Workspace {
    let mut reg =
        String::from("uscc,name,entity_type,established,status,region,industry,address\n");
    for n in 1..=10 {
        let region = if n <= 5 {
            "吴家山街道"
        } else {
            "径河街道"
        };
        reg.push_str(&format!(
            "{},企业{n},公司,2010-05-01,存续,{region},F5211,{n}号\n",
            uscc(n)
        ));
    }
    // Every company filed its 2023 report on time, except 4 (late, after its listing), 5 (not
    // yet, listed already) and 6 (not at all, not listed: a listing is due).
    let mut ar = String::from("uscc,year,filed\n");
    for n in [1, 2, 3, 7, 8, 9, 10] {
        ar.push_str(&format!("{},2023,2024-05-01\n", uscc(n)));
    }
    ar.push_str(&format!("{},2023,2024-09-02\n", uscc(4)));
    let pen = format!(
        "uscc,decision_no,decision_date,procedure,penalty_kinds,fine,domain,aggravated,fulfilled,harm_eliminated\n\
         {},罚〔2024〕1号,2024-03-01,普通,罚款,60000,价格,否,是,是\n\
         {},罚〔2024〕2号,2024-08-01,普通,罚款,60000,价格,否,否,是\n",
        uscc(1),
        uscc(2)
    );
    let lists = format!(
        "uscc,list,reason,listed_date,removed_date,authority\n\
         {},严重违法失信名单,受到较重行政处罚,2023-06-01,,区局\n\
         {},经营异常名录,未按规定报送年度报告,2024-07-10,,区局\n\
         {},经营异常名录,未按规定报送年度报告,2024-10-20,,区局\n",
        uscc(3),
        uscc(4),
        uscc(5)
    );
    let com = format!(
        "uscc,item,committed_date,due_date,verified_date,outcome\n\
         {},食品经营许可,2024-08-01,2024-10-01,,待核查\n\
         {},食品经营许可,2024-06-01,2024-08-01,2024-09-01,未履行承诺\n\
         {},食品经营许可,2024-06-01,2024-08-01,2024-09-15,虚假承诺\n",
        uscc(8),
        uscc(9),
        uscc(10)
    );
    let mut ws = workspace(&[
        ("registration.csv", &reg),
        ("annual_report.csv", &ar),
        ("penalty.csv", &pen),
        ("list_entry.csv", &lists),
        ("commitment.csv", &com),
    ]);
    ws.score(d(AS_OF), &mut NoProgress).unwrap();
    ws
}

/// (USCC number, item code, due, eligible now) of every row of a list.
fn rows_of(
    ws: &mut Workspace,
    kind: WorkListKind,
) -> Vec<(u32, String, Option<String>, Option<bool>)> {
    let p = ws.work_page(kind, None, 0, 1000, &mut NoProgress).unwrap();
    assert_eq!(p.matching as usize, p.rows.len());
    assert_eq!(p.counts.total as usize, p.rows.len());
    p.rows
        .into_iter()
        .map(|r| {
            let n = (1..=10)
                .find(|n| uscc(*n) == r.uscc)
                .expect("a known company");
            (n, r.item, r.due, r.eligible_now)
        })
        .collect()
}

#[test]
fn repairable_penalties_and_serious_listings_with_their_dates() {
    let mut ws = district();
    let r = rows_of(&mut ws, WorkListKind::Repairable);
    // 1: fulfilled, 6 months after publication: now. 2: obligations unmet and 6 months not
    // yet served. 3: listed 2023-06-01, early removal from 2024-06-01, every condition met.
    let by = |n: u32| r.iter().find(|x| x.0 == n).cloned();
    let one = by(1).unwrap();
    assert_eq!((one.1.as_str(), one.3), ("penalty_publicity", Some(true)));
    let two = by(2).unwrap();
    assert_eq!(two.3, Some(false));
    assert!(two.2.as_deref().unwrap() > AS_OF, "{two:?}");
    let three = by(3).unwrap();
    assert_eq!(
        (three.1.as_str(), three.2.as_deref(), three.3),
        ("serious_list", Some("2024-06-01"), Some(true))
    );
    assert_eq!(r.len(), 3, "{r:?}");
    let p = ws
        .work_page(WorkListKind::Repairable, None, 0, 10, &mut NoProgress)
        .unwrap();
    assert_eq!(p.counts.eligible_now, Some(2));
    let row2 = p.rows.iter().find(|x| x.uscc == uscc(2)).unwrap();
    assert!(
        row2.detail_zh.contains("已履行行政处罚决定规定的义务"),
        "{}",
        row2.detail_zh
    );
    assert!(
        row2.detail_en
            .contains("obligations of the decision fulfilled"),
        "{}",
        row2.detail_en
    );
    assert!(!row2.basis.is_empty());
    // The row agrees with the enterprise's own repair answer.
    let rep = ws.repair(&uscc(2), None).unwrap();
    let o = rep
        .options
        .iter()
        .find(|o| Some(o.record_index) == row2.record_index)
        .unwrap();
    assert_eq!(o.earliest, row2.due);
}

#[test]
fn abnormal_list_duties() {
    let mut ws = district();
    let r = rows_of(&mut ws, WorkListKind::AbnormalDuties);
    let got: BTreeSet<(u32, &str)> = r.iter().map(|x| (x.0, x.1.as_str())).collect();
    let want: BTreeSet<(u32, &str)> = [
        (6, "listing_due"),
        (4, "removal_due"),
        (5, "objection_open"),
    ]
    .into();
    assert_eq!(got, want, "{r:?}");
    let due = |n: u32| r.iter().find(|x| x.0 == n).unwrap().2.clone().unwrap();
    // 10 working days after 30 June 2024 (a Sunday): 1–5 and 8–12 July.
    assert_eq!(due(6), "2024-07-12");
    // Objections within 30 days of 2024-10-20.
    assert_eq!(due(5), "2024-11-19");
    // Report filed Mon 2024-09-02: removal decided within 5 working days.
    assert_eq!(due(4), "2024-09-09");
}

#[test]
fn commitments_overdue_broken_and_false() {
    let mut ws = district();
    let r = rows_of(&mut ws, WorkListKind::Commitments);
    let got: BTreeSet<(u32, &str)> = r.iter().map(|x| (x.0, x.1.as_str())).collect();
    let want: BTreeSet<(u32, &str)> =
        [(8, "verification_overdue"), (9, "broken"), (10, "false")].into();
    assert_eq!(got, want, "{r:?}");
    let overdue = r.iter().find(|x| x.0 == 8).unwrap();
    assert_eq!(overdue.2.as_deref(), Some("2024-10-01"));
}

#[test]
fn rosters_of_incentives_and_restrictions() {
    let mut ws = district();
    let rest = rows_of(&mut ws, WorkListKind::Restrictions);
    let got: BTreeSet<(u32, &str)> = rest.iter().map(|x| (x.0, x.1.as_str())).collect();
    let want: BTreeSet<(u32, &str)> = [
        (3, "key_supervision"),
        (3, "no_commitment"),
        (3, "licensing_procurement"),
        (3, "no_honours"),
        (4, "no_simple_deregistration"),
        (5, "no_simple_deregistration"),
        (10, "no_commitment"),
    ]
    .into();
    assert_eq!(got, want, "{rest:?}");
    // The serious listing's measures end with its 3 years; an abnormal listing's has no end.
    for x in &rest {
        match x.0 {
            3 => assert_eq!(x.2.as_deref(), Some("2026-06-01"), "{x:?}"),
            4 | 5 => assert_eq!(x.2, None),
            _ => {}
        }
    }
    // Incentives: every classified company with no negative record in 36 months has the
    // green channel; the roster agrees with the measures of each enterprise.
    let inc = ws
        .work_page(
            WorkListKind::Incentives,
            Some("green_channel"),
            0,
            100,
            &mut NoProgress,
        )
        .unwrap();
    let listed: BTreeSet<String> = inc.rows.iter().map(|r| r.uscc.clone()).collect();
    for n in 1..=10 {
        let m = ws.measures(&uscc(n), None).unwrap();
        let green = m.iter().find(|m| m.id == "green_channel").unwrap().applies;
        assert_eq!(listed.contains(&uscc(n)), green, "company {n}");
    }
    assert!(listed.contains(&uscc(7)) && !listed.contains(&uscc(1)));
    let all = ws
        .work_page(WorkListKind::Incentives, None, 0, 100, &mut NoProgress)
        .unwrap();
    let seven = all.rows.iter().find(|r| r.uscc == uscc(7)).unwrap();
    assert!(
        seven.item.split(';').any(|c| c == "commitment_eligible"),
        "{seven:?}"
    );
    assert!(seven.item_en.contains("green channel"));
}

#[test]
fn class_shares_by_region_and_industry() {
    let mut ws = district();
    let s = ws.class_shares(&mut NoProgress).unwrap();
    let classes = ws.scoring().unwrap().classes.clone();
    let total: u64 = s.regions.iter().map(|r| r.total).sum();
    assert_eq!(total, 10);
    let wu = s.regions.iter().find(|r| r.key == "吴家山街道").unwrap();
    assert_eq!(wu.total, 5);
    for c in 0..5u8 {
        let want = classes[..5].iter().filter(|x| **x == c).count() as u64;
        // Companies 1–5 were loaded first: ids 0–4.
        assert_eq!(wu.counts[c as usize], want);
    }
    assert_eq!(s.industries.len(), 1);
    assert_eq!(s.industries[0].key, "F");
    assert!(s.industries[0].en.contains("Wholesale"));
}

#[test]
fn lists_export_as_csv_and_xlsx() {
    let mut ws = district();
    let csv = ws
        .work_list_file(
            WorkListKind::AbnormalDuties,
            false,
            Lang::Zh,
            &mut NoProgress,
        )
        .unwrap();
    let text = String::from_utf8(csv).unwrap();
    assert!(text.starts_with("\u{feff}统一社会信用代码,企业名称"));
    assert_eq!(text.lines().count(), 4);
    assert!(text.contains(&uscc(6)));
    let en = ws
        .work_list_file(
            WorkListKind::AbnormalDuties,
            false,
            Lang::En,
            &mut NoProgress,
        )
        .unwrap();
    assert!(String::from_utf8(en)
        .unwrap()
        .starts_with("\u{feff}USCC,name"));
    let x1 = ws
        .work_list_file(
            WorkListKind::AbnormalDuties,
            true,
            Lang::Zh,
            &mut NoProgress,
        )
        .unwrap();
    let x2 = ws
        .work_list_file(
            WorkListKind::AbnormalDuties,
            true,
            Lang::Zh,
            &mut NoProgress,
        )
        .unwrap();
    assert_eq!(x1, x2, "same inputs, same bytes");
    assert_eq!(&x1[..2], b"PK");
}

#[test]
fn synthetic_district_lists_add_up_and_meet_their_conditions() {
    let mut ws = Workspace::new();
    let as_of = d("2026-11-28");
    ws.generate_demo(3000, "lists", as_of, &mut NoProgress)
        .unwrap();
    ws.score(as_of, &mut NoProgress).unwrap();
    let counts = ws.work_counts(&mut NoProgress).unwrap();
    for c in &counts {
        let p = ws
            .work_page(c.kind, None, 0, 100_000, &mut NoProgress)
            .unwrap();
        assert_eq!(p.rows.len() as u64, c.total);
        if !matches!(c.kind, WorkListKind::Incentives) {
            let sum: u64 = c.items.iter().map(|i| i.count).sum();
            assert_eq!(sum, c.total, "{:?}", c.kind);
        }
        for i in &c.items {
            let f = ws
                .work_page(c.kind, Some(&i.code), 0, 0, &mut NoProgress)
                .unwrap();
            assert_eq!(f.matching, i.count, "{:?} {}", c.kind, i.code);
        }
    }
    let total = |k| counts.iter().find(|c| c.kind == k).unwrap().total;
    assert!(total(WorkListKind::Repairable) > 0);
    assert!(total(WorkListKind::Restrictions) > 0);
    assert!(total(WorkListKind::Incentives) > 0);
    // Each repairable row is a repairable option of its enterprise, with the same earliest
    // date and eligibility.
    let rep = ws
        .work_page(WorkListKind::Repairable, None, 0, 100_000, &mut NoProgress)
        .unwrap();
    for r in rep.rows.iter().take(200) {
        let a = ws.repair(&r.uscc, None).unwrap();
        let o = a
            .options
            .iter()
            .find(|o| {
                Some(o.record_kind) == r.record_kind && Some(o.record_index) == r.record_index
            })
            .expect("an option");
        assert!(o.repairable);
        assert_eq!(
            (o.earliest.clone(), Some(o.eligible_now)),
            (r.due.clone(), r.eligible_now)
        );
    }
    // Each restriction row is a measure that applies; each incentive row's measures apply.
    let rest = ws
        .work_page(
            WorkListKind::Restrictions,
            None,
            0,
            100_000,
            &mut NoProgress,
        )
        .unwrap();
    for r in rest.rows.iter().take(300) {
        let m = ws.measures(&r.uscc, None).unwrap();
        assert!(m.iter().any(|m| m.id == r.item && m.applies), "{r:?}");
    }
    let inc = ws
        .work_page(WorkListKind::Incentives, None, 0, 300, &mut NoProgress)
        .unwrap();
    for r in &inc.rows {
        assert_ne!(r.class, "-");
        let m = ws.measures(&r.uscc, None).unwrap();
        for id in r.item.split(';').filter(|c| *c != "commitment_eligible") {
            assert!(m.iter().any(|m| m.id == id && m.applies), "{r:?}");
        }
    }
    // Shares: every enterprise once per dimension, the class counts those of the scoring.
    let s = ws.class_shares(&mut NoProgress).unwrap();
    let n = ws.scoring().unwrap().classes.len() as u64;
    assert_eq!(s.regions.iter().map(|r| r.total).sum::<u64>(), n);
    assert_eq!(s.industries.iter().map(|r| r.total).sum::<u64>(), n);
    let summary_d = ws
        .scoring()
        .unwrap()
        .classes
        .iter()
        .filter(|c| **c == 4)
        .count() as u64;
    assert_eq!(
        s.regions.iter().map(|r| r.counts[4]).sum::<u64>(),
        summary_d
    );
    // Items of each list are the list's own.
    for k in WorkListKind::ALL {
        let p = ws.work_page(k, None, 0, 50, &mut NoProgress).unwrap();
        for r in &p.rows {
            if matches!(
                k,
                WorkListKind::Repairable | WorkListKind::AbnormalDuties | WorkListKind::Commitments
            ) {
                assert!(
                    Item::of(k).iter().any(|i| i.code() == r.item),
                    "{k:?} {}",
                    r.item
                );
            }
        }
    }
    let _ = rows::counts;
}

#[test]
fn xlsx_reads_back_with_text_usccs_real_dates_and_headers() {
    use calamine::{Data, Reader, Xlsx};
    let mut ws = district();
    for (lang, first, date_header) in [
        (Lang::Zh, "统一社会信用代码", "事由发生日期"),
        (Lang::En, "USCC", "arose on"),
    ] {
        let bytes = ws
            .work_list_file(WorkListKind::AbnormalDuties, true, lang, &mut NoProgress)
            .unwrap();
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let name = book.sheet_names()[0].clone();
        let range = book.worksheet_range(&name).unwrap();
        let rows: Vec<_> = range.rows().collect();
        assert_eq!(rows.len(), 4, "a header and three duties");
        assert_eq!(rows[0][0], Data::String(first.into()));
        assert_eq!(rows[0][5], Data::String(date_header.into()));
        for r in &rows[1..] {
            // The USCC is a text cell holding all 18 characters.
            match &r[0] {
                Data::String(s) => assert!((1..=10).any(|n| uscc(n) == *s), "{s}"),
                other => panic!("USCC cell {other:?}"),
            }
            // Dates are Excel dates, not text.
            match &r[5] {
                Data::DateTime(dt) => {
                    // Serial days since 1899-12-30.
                    let nd = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()
                        + chrono::Days::new(dt.as_f64() as u64);
                    assert!(
                        nd.to_string().as_str() <= AS_OF && nd >= d("2024-06-30"),
                        "{nd}"
                    );
                }
                other => panic!("date cell {other:?}"),
            }
            assert!(matches!(r[6], Data::DateTime(_)), "{:?}", r[6]);
        }
    }
}
