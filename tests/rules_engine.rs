//! Publicity, lists, repair, measures, objections and adjustments through the workspace:
//! the scenario tables of `rules_cases`, natively.

mod rules_cases;

use credit_supervision::advice::EnterpriseRules;
use credit_supervision::audit::Action;
use credit_supervision::date::{parse_date, Date};
use credit_supervision::policy::Class;
use credit_supervision::progress::NoProgress;
use credit_supervision::records::RecordKind;
use credit_supervision::workspace::Workspace;
use rules_cases::*;
use serde_json::Value;

fn d(s: &str) -> Date {
    parse_date(s).unwrap()
}

fn ws(as_of: &str) -> Workspace {
    let mut ws = Workspace::new();
    for (name, text) in files() {
        let r = ws
            .load_csv(name, text.as_bytes(), None, &mut NoProgress)
            .unwrap();
        assert_eq!(r.rejected, 0, "{name}: {:?}", r.errors);
    }
    ws.score(d(as_of), &mut NoProgress).unwrap();
    ws
}

fn json(r: &EnterpriseRules) -> Value {
    serde_json::to_value(r).unwrap()
}

fn record<'a>(r: &'a Value, kind: &str, date: &str) -> &'a Value {
    r["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["recordKind"] == kind && x["date"] == date)
        .unwrap_or_else(|| panic!("no {kind} of {date}"))
}

#[test]
fn penalty_publicity_windows() {
    for &(uscc, date, as_of, published, months, ends, in_force, regime) in PUBLICITY {
        let w = ws(as_of);
        let r = json(&w.rules_for(uscc, None).unwrap());
        let p = &record(&r, "penalty", date)["publicity"];
        assert_eq!(p["published"], published, "{uscc} {as_of}");
        assert_eq!(p["periodMonths"], months, "{uscc} {as_of}");
        assert_eq!(p["ends"], ends, "{uscc} {as_of}");
        assert_eq!(p["inForce"], in_force, "{uscc} {as_of}");
        assert_eq!(p["regime"], regime, "{uscc} {as_of}");
        let text = if regime == "rules2021" {
            "第45号"
        } else {
            "第107号"
        };
        assert!(p["basis"].as_str().unwrap().contains(text), "{p}");
        if published {
            assert!(
                p["publishByBasis"]["basis"]
                    .as_str()
                    .unwrap()
                    .ends_with("第45号）第九条、第十条"),
                "{p}"
            );
        }
    }
}

#[test]
fn repair_of_a_fine_across_the_regime_change() {
    for &(as_of, eligible, earliest, accept_by, due) in REPAIR_CO {
        let w = ws(as_of);
        let rep = w.repair(CO, None).unwrap();
        assert_eq!(rep.regime.code(), "rules2021", "{as_of}");
        let o = &rep.options[0];
        assert_eq!(o.record_kind, RecordKind::Penalty);
        assert!(o.repairable, "{as_of}");
        assert_eq!(o.eligible_now, eligible, "{as_of}: {:?}", o.conditions);
        assert_eq!(o.earliest.as_deref(), Some(earliest), "{as_of}");
        assert_eq!(o.accept_working_days, Some(2), "{as_of}");
        assert_eq!(o.accept_by.as_deref(), Some(accept_by), "{as_of}");
        assert_eq!(o.decision_working_days, Some(15), "{as_of}");
        assert_eq!(o.decision_due.as_deref(), Some(due), "{as_of}");
        assert_eq!(o.stops_by_itself.as_deref(), Some("2027-03-01"), "{as_of}");
        assert_eq!(o.basis.regime.code(), "rules2021");
        let ids: Vec<&str> = o.conditions.iter().map(|c| c.id).collect();
        assert!(ids.contains(&"fulfilled") && ids.contains(&"no_repeat"));
        // Being on neither list is a condition of the 2021 measures (第六条).
        assert!(ids.contains(&"not_listed"), "{as_of}");
        let wi = o.what_if.as_ref().unwrap();
        assert!(wi.score > wi.score_now, "{as_of}: {wi:?}");
    }
    // From 2025-12-25 the publicity and the repair are answered by Order 107 alike: the
    // fine's publicity ended that day, and there is nothing to repair.
    for &as_of in REPAIR_CO_ENDED {
        let w = ws(as_of);
        let rep = w.repair(CO, None).unwrap();
        assert_eq!(rep.regime.code(), "order107", "{as_of}");
        assert!(
            rep.options
                .iter()
                .all(|o| o.record_kind != RecordKind::Penalty),
            "{as_of}: {:?}",
            rep.options
        );
        let r = json(&w.rules_for(CO, None).unwrap());
        let p = &record(&r, "penalty", "2024-03-01")["publicity"];
        assert_eq!(
            (p["ends"].as_str(), p["inForce"].as_bool()),
            (Some("2025-12-25"), Some(false))
        );
        assert_eq!(p["periodRule"], "transition");
    }
}

#[test]
fn revoked_licence_is_never_early_under_2021_and_food_waits_a_year() {
    let w = ws("2025-06-01");
    let rep = w.repair(CO2, None).unwrap();
    let revoked = rep
        .options
        .iter()
        .find(|o| o.detail.contains("2024〕3号"))
        .unwrap();
    assert!(!revoked.repairable && revoked.summary_zh.contains("吊销许可证件"));
    assert!(
        revoked.basis.basis.ends_with("第45号）第十四条第三款"),
        "{}",
        revoked.basis.basis
    );
    assert_eq!(revoked.stops_by_itself.as_deref(), Some("2027-04-01"));
    let food = rep
        .options
        .iter()
        .find(|o| o.detail.contains("2024〕2号"))
        .unwrap();
    assert_eq!(food.earliest.as_deref(), Some("2025-03-01"));
    // On the serious list: the food fine cannot be repaired early until removed.
    let listed = food
        .conditions
        .iter()
        .find(|c| c.id == "not_listed")
        .unwrap();
    assert_eq!(format!("{:?}", listed.status), "Unmet");
    // The serious-list entry: early removal from 2025-02-28, 15 working days under 2021.
    let s = rep
        .options
        .iter()
        .find(|o| o.record_kind == RecordKind::ListEntry)
        .unwrap();
    assert_eq!(s.earliest.as_deref(), Some("2025-02-28"));
    assert_eq!(s.stops_by_itself.as_deref(), Some("2027-02-28"));
    assert_eq!(s.decision_working_days, Some(15));
    let wi = s.what_if.as_ref().unwrap();
    assert_eq!(wi.class_now, "D");
    assert_ne!(wi.class, "D");
}

#[test]
fn serious_list_early_removal_window() {
    for &(as_of, open) in SERIOUS_EARLY {
        let r = json(&ws(as_of).rules_for(CO2, None).unwrap());
        let s = &record(&r, "list_entry", "2024-02-29")["serious"];
        assert_eq!(s["earlyRemovalOpen"], open, "{as_of}");
        assert_eq!(s["periodEnds"], "2027-02-28");
        assert_eq!(s["consequences"].as_array().unwrap().len(), 4);
    }
}

#[test]
fn individual_business_is_marked_with_objection_window() {
    for &(as_of, open) in OBJECTION_WINDOW {
        let r = json(&ws(as_of).rules_for(IND, None).unwrap());
        let a = &record(&r, "list_entry", "2023-07-10")["abnormal"];
        assert_eq!(a["objectionOpen"], open, "{as_of}");
        assert_eq!(a["objectionUntil"], "2023-08-09");
        assert_eq!(a["marked"], true);
        assert_eq!(a["statusZh"], "标记为经营异常状态");
        assert!(a["transfer"].is_null());
    }
    // Removal by cure: no waiting time; 5 working days to decide — but no due date while
    // the cure is not shown: the answer says what must happen first.
    let rep = ws("2024-01-05").repair(IND, None).unwrap();
    let o = &rep.options[0];
    assert!(o.repairable && !o.eligible_now);
    assert_eq!(o.earliest.as_deref(), Some("2023-07-10"));
    assert_eq!(o.decision_working_days, Some(5));
    assert_eq!(o.decision_due, None);
    let after = o.decision_after_zh.as_deref().unwrap();
    assert!(after.starts_with("须先满足："), "{after}");
    assert!(after.contains("5个工作日内作出决定"), "{after}");
}

#[test]
fn measures_with_reasons_and_commitments_blocked_until_repaired() {
    let mut w = ws("2024-06-01");
    let m = w.measures(CO3, None).unwrap();
    let get = |m: &[credit_supervision::advice::MeasureAnswer], id: &str| {
        m.iter().find(|x| x.id == id).unwrap().applies
    };
    assert!(get(&m, "no_commitment"));
    assert!(!get(&m, "green_channel"));
    let m1 = w.measures(CO, None).unwrap();
    assert!(!get(&m1, "green_channel") && !get(&m1, "no_commitment"));
    let m2 = w.measures(CO2, None).unwrap();
    assert!(get(&m2, "key_supervision") && get(&m2, "no_commitment"));
    // Repair granted on the false commitment: 告知承诺 available again.
    let rules = w.rules_for(CO3, None).unwrap();
    let c = rules
        .records
        .iter()
        .find(|r| r.record_kind == RecordKind::Commitment)
        .unwrap();
    w.object(
        CO3,
        RecordKind::Commitment,
        c.record_index,
        Action::Repair,
        "王五",
        "已完成信用修复",
        d("2024-06-01"),
        None,
        "",
    )
    .unwrap();
    let m = w.measures(CO3, None).unwrap();
    assert!(!get(&m, "no_commitment"));
}

#[test]
fn objections_and_adjustments_recompute_and_export() {
    let mut w = ws("2024-06-01");
    let before = w.explain(CO).unwrap().score;
    let r = w.rules_for(CO, None).unwrap();
    let p = r
        .records
        .iter()
        .find(|r| r.record_kind == RecordKind::Penalty)
        .unwrap();
    let idx = p.record_index;
    // A reason is required.
    let e = w
        .object(
            CO,
            RecordKind::Penalty,
            idx,
            Action::Dispute,
            "张三",
            " ",
            d("2024-06-01"),
            None,
            "",
        )
        .unwrap_err();
    assert_eq!(e.code(), "audit");
    w.object(
        CO,
        RecordKind::Penalty,
        idx,
        Action::Dispute,
        "张三",
        "当事人称已撤销",
        d("2024-06-01"),
        None,
        "t1",
    )
    .unwrap();
    assert_eq!(
        w.explain(CO).unwrap().score,
        before,
        "a dispute alone keeps the record"
    );
    w.object(
        CO,
        RecordKind::Penalty,
        idx,
        Action::Correct,
        "张三",
        "复议撤销",
        d("2024-06-01"),
        Some("处罚决定已被撤销".into()),
        "t2",
    )
    .unwrap();
    let after = w.explain(CO).unwrap().score;
    assert!(after > before, "{after} > {before}");
    assert!(w
        .rules_for(CO, None)
        .unwrap()
        .records
        .iter()
        .any(|r| r.excluded));
    // Scoring again keeps the correction.
    w.score(d("2024-06-01"), &mut NoProgress).unwrap();
    assert_eq!(w.explain(CO).unwrap().score, after);
    // Confirm: counts again.
    w.object(
        CO,
        RecordKind::Penalty,
        idx,
        Action::Confirm,
        "李四",
        "复核确认",
        d("2024-06-02"),
        None,
        "",
    )
    .unwrap();
    w.score(d("2024-06-02"), &mut NoProgress).unwrap();
    assert!(w.explain(CO).unwrap().score < after);
    // Manual class adjustment, then removal.
    let ent = w.store().find(&CO.parse_uscc()).unwrap() as usize;
    w.adjust_class(
        CO,
        Some(Class::D),
        "李四",
        "专项整治对象",
        d("2024-06-02"),
        "",
    )
    .unwrap();
    assert_eq!(w.scoring().unwrap().classes[ent], 4);
    let x = w.explain(CO).unwrap();
    assert_eq!(
        (x.class, x.override_rule.unwrap().zh.contains("人工")),
        ("D", true)
    );
    let e = w
        .adjust_class(CO, None, "李四", "整治结束", d("2024-06-02"), "")
        .unwrap();
    assert_eq!(e.class_from, Some(Class::B), "the computed class is kept");
    assert_ne!(w.scoring().unwrap().classes[ent], 4);
    let csv = String::from_utf8(w.audit_csv()).unwrap();
    assert_eq!(csv.lines().count(), 1 + 5, "{csv}");
    assert!(csv.contains("复议撤销") && csv.contains("处罚决定已被撤销"));
    let j: Value = serde_json::from_str(&w.audit_json()).unwrap();
    assert_eq!(j.as_array().unwrap().len(), 5);
    assert_eq!(j[0]["action"], "dispute");
}

trait ParseUscc {
    fn parse_uscc(&self) -> credit_supervision::uscc::Uscc;
}
impl ParseUscc for str {
    fn parse_uscc(&self) -> credit_supervision::uscc::Uscc {
        credit_supervision::uscc::Uscc::parse(self).unwrap()
    }
}

#[test]
fn older_policy_files_without_rules_still_load() {
    let mut v: Value =
        serde_json::from_str(&credit_supervision::policy::Policy::default().to_json()).unwrap();
    v.as_object_mut().unwrap().remove("rules");
    let mut w = Workspace::new();
    w.set_policy_json(&v.to_string()).unwrap();
    let mut bad =
        serde_json::from_str::<Value>(&credit_supervision::policy::Policy::default().to_json())
            .unwrap();
    bad["rules"]["publicity"]["low_fine"]["person"] = (-1).into();
    let e = w.set_policy_json(&bad.to_string()).unwrap_err();
    assert!(
        e.to_string().contains("rules.publicity.low_fine.person"),
        "{e}"
    );
}

/// A recorded restriction length (限制期限(月)) extends publicity beyond 3 years and decides
/// the "restriction expired" condition of repair: unmet the day before it ends, met on the day.
#[test]
fn recorded_restriction_extends_publicity_and_decides_repair() {
    const U: &str = "914403001922038216";
    let reg = format!("uscc,name,established\n{U},甲公司,2010-01-01\n");
    let pen = format!(
        "uscc,decision_no,decision_date,procedure,penalty_kinds,fine,domain,aggravated,fulfilled,harm_eliminated,限制期限(月)\n\
         {U},罚1,2022-03-01,普通,罚款;限制从业,20000,食品,否,是,是,5年\n"
    );
    let load = |as_of: &str| {
        let mut w = Workspace::new();
        for (n, t) in [("r.csv", &reg), ("p.csv", &pen)] {
            let r = w.load_csv(n, t.as_bytes(), None, &mut NoProgress).unwrap();
            assert_eq!((r.accepted, r.rejected), (1, 0), "{:?}", r.errors);
        }
        w.score(d(as_of), &mut NoProgress).unwrap();
        w
    };
    let w = load("2026-01-01");
    let r = json(&w.rules_for(U, None).unwrap());
    let p = &record(&r, "penalty", "2022-03-01")["publicity"];
    assert_eq!(
        p["ends"], "2027-03-01",
        "60 months of restriction outlast 3 years: {p}"
    );
    assert_eq!(p["inForce"], true);
    let cond = |w: &Workspace| {
        let rep = serde_json::to_value(w.repair(U, None).unwrap()).unwrap();
        rep["options"]
            .as_array()
            .and_then(|o| o.first())
            .and_then(|o| o["conditions"].as_array())
            .and_then(|c| c.iter().find(|c| c["id"] == "restriction_expired").cloned())
            .unwrap_or(Value::Null)
    };
    let before = cond(&load("2027-02-28"));
    assert_eq!(before["status"], "unmet", "{before}");
    assert_eq!(before["detail"], "限制期限至 2027-03-01");
    let on = cond(&load("2027-03-01"));
    // On the day the restriction ends, publicity ends too: either the condition is met or
    // the record no longer needs repair at all.
    assert!(on.is_null() || on["status"] == "met", "{on}");
    // Bad lengths are row errors naming the column.
    let bad = pen.replace("5年", "很久");
    let mut w = Workspace::new();
    let r = w
        .load_csv("p.csv", bad.as_bytes(), None, &mut NoProgress)
        .unwrap();
    assert_eq!(
        (r.rejected, r.errors[0].column.as_str()),
        (1, "限制期限(月)")
    );
}

/// Publicity runs from the publication date when one is recorded (Order 45 第十三条), else
/// from the decision date with a note: the day before / of / after the end.
#[test]
fn publicity_runs_from_the_recorded_publication_date() {
    const U: &str = "91330100716105852F";
    let reg = format!("uscc,name,established\n{U},乙公司,2010-01-01\n");
    let rules_at = |published: &str, as_of: &str| {
        let pen = format!(
            "uscc,decision_no,decision_date,penalty_kinds,fine,公示日期\n{U},罚2,2022-03-01,罚款,200000,{published}\n"
        );
        let mut w = Workspace::new();
        for (n, t) in [("r.csv", &reg), ("p.csv", &pen)] {
            let r = w.load_csv(n, t.as_bytes(), None, &mut NoProgress).unwrap();
            assert_eq!((r.accepted, r.rejected), (1, 0), "{:?}", r.errors);
        }
        w.score(d(as_of), &mut NoProgress).unwrap();
        let r = json(&w.rules_for(U, None).unwrap());
        record(&r, "penalty", "2022-03-01")["publicity"].clone()
    };
    let p = rules_at("2022-03-20", "2025-03-19");
    assert_eq!(
        (p["start"].as_str(), p["ends"].as_str()),
        (Some("2022-03-20"), Some("2025-03-20"))
    );
    assert!(p["basis"].as_str().unwrap().ends_with("第十三条"), "{p}");
    assert_eq!(p["inForce"], true, "the day before the end");
    assert_eq!(
        rules_at("2022-03-20", "2025-03-20")["inForce"],
        false,
        "the day of the end"
    );
    assert_eq!(
        rules_at("2022-03-20", "2022-03-19")["inForce"],
        false,
        "before publication"
    );
    let p = rules_at("", "2025-02-28");
    assert_eq!(p["ends"], "2025-03-01");
    assert!(p["notes"].to_string().contains("公示日期未载明"), "{p}");
}

fn load(files: Vec<(&'static str, String)>, as_of: &str) -> Workspace {
    let mut w = Workspace::new();
    for (name, text) in files {
        let r = w
            .load_csv(name, text.as_bytes(), None, &mut NoProgress)
            .unwrap();
        assert_eq!(r.rejected, 0, "{name}: {:?}", r.errors);
    }
    w.score(d(as_of), &mut NoProgress).unwrap();
    w
}

/// A revoked decision (撤销日期): counted the day before, not from the day of the revocation
/// (the explanation says why); its publicity is withdrawn, due 3 working days later across
/// the National Day holiday and the worked Saturday 10-11; nothing to repair; and it is no
/// repeat penalty for the earlier fine's repair.
#[test]
fn revoked_decision_at_the_boundaries() {
    for &(as_of, counted, withdrawn, repair, no_repeat) in REVOCATION {
        let w = load(revocation_files(), as_of);
        let x = w.explain(REV).unwrap();
        let counts = x
            .reasons
            .iter()
            .any(|r| r.record_date.as_deref() == Some(REVOKED_DECISION));
        assert_eq!(counts, counted, "{as_of}: {:?}", x.reasons);
        let ex: Vec<_> = x
            .excluded
            .iter()
            .filter(|e| e.record_date == REVOKED_DECISION)
            .collect();
        assert_eq!(ex.len(), usize::from(!counted), "{as_of}: {:?}", x.excluded);
        if let Some(e) = ex.first() {
            assert_eq!(format!("{:?}", e.cause), "Revoked");
            assert_eq!(e.since, "2025-09-30");
            assert!(e.zh.contains("撤销") && e.en.contains("revoked"), "{e:?}");
        }

        let r = json(&w.rules_for(REV, None).unwrap());
        let rec = record(&r, "penalty", REVOKED_DECISION);
        let p = &rec["publicity"];
        assert_eq!(p["withdrawn"], withdrawn, "{as_of}: {p}");
        assert_eq!(p["inForce"], !withdrawn, "{as_of}");
        assert_eq!(p["revoked"], "2025-09-30");
        assert_eq!(p["withdrawBy"], WITHDRAW_BY, "{as_of}");
        assert_eq!(rec["inScoreWindow"], counted, "{as_of}");
        assert_eq!(rec["scoreWindowEnds"], "2025-09-30");
        if withdrawn {
            assert_eq!(rec["scoreStop"], "revoked");
            assert!(p["reasonZh"].as_str().unwrap().contains(WITHDRAW_BY), "{p}");
            assert!(
                p["basis"].as_str().unwrap().ends_with("第45号）第十一条"),
                "{p}"
            );
            assert!(rec["seriousEligibility"].is_null());
        } else {
            assert!(rec["scoreStop"].is_null());
        }

        let rep = w.repair(REV, None).unwrap();
        let revoked_option = rep
            .options
            .iter()
            .any(|o| o.record_date == REVOKED_DECISION);
        assert_eq!(revoked_option, repair, "{as_of}");
        let earlier = rep
            .options
            .iter()
            .find(|o| o.record_date == "2025-03-01")
            .unwrap();
        let cond = earlier
            .conditions
            .iter()
            .find(|c| c.id == "no_repeat")
            .unwrap();
        assert_eq!(cond.met(), no_repeat, "{as_of}: {cond:?}");
        assert_eq!(earlier.eligible_now, no_repeat, "{as_of}");
    }
    // The score rises on the day of the revocation.
    let before = load(revocation_files(), "2025-09-29").explain(REV).unwrap();
    let on = load(revocation_files(), "2025-09-30").explain(REV).unwrap();
    assert!(on.score > before.score, "{} > {}", on.score, before.score);
    // A calendar check of the deadline itself.
    let due = Workspace::new()
        .add_working_days(d("2025-09-30"), 3)
        .unwrap();
    assert_eq!(due.due, WITHDRAW_BY);
}

/// The revocation column's header variants and its check against the decision date.
#[test]
fn revocation_column_headers_and_checks() {
    const U: &str = "91420112MA4K00003E";
    for header in ["revoked_date", "撤销日期", "撤销时间", "决定撤销日期"] {
        let pen = format!(
            "uscc,decision_no,decision_date,penalty_kinds,{header}\n{U},罚1,2024-03-01,罚款,2024-04-01\n"
        );
        let mut w = Workspace::new();
        let r = w
            .load_csv("p.csv", pen.as_bytes(), None, &mut NoProgress)
            .unwrap();
        assert_eq!((r.accepted, r.rejected), (1, 0), "{header}: {:?}", r.errors);
        assert!(r.unknown_columns.is_empty(), "{header}");
        assert_eq!(w.store().penalties.rows()[0].revoked, Some(d("2024-04-01")));
    }
    let bad = format!(
        "uscc,decision_no,decision_date,penalty_kinds,撤销日期\n{U},罚1,2024-03-01,罚款,2024-02-01\n"
    );
    let mut w = Workspace::new();
    let r = w
        .load_csv("p.csv", bad.as_bytes(), None, &mut NoProgress)
        .unwrap();
    assert_eq!((r.rejected, r.errors[0].column.as_str()), (1, "撤销日期"));
}

/// `rules.publicity.scoring_ends_with_publicity`: a low fine (3 months of publicity) counts
/// for its 36-month window by default, and only while published when the option is on; a
/// simple-procedure decision (never published) and a 3-year fine are not affected.
#[test]
fn scoring_may_end_with_publicity() {
    const U: &str = "91420112MA4K00004H";
    let reg = format!("uscc,name,established\n{U},己公司,2012-01-01\n");
    let pen = format!(
        "uscc,decision_no,decision_date,procedure,penalty_kinds,fine,domain,fulfilled\n\
         {U},低1,2024-03-01,普通,罚款,20000,价格,是\n\
         {U},简1,2024-03-01,简易,罚款,200,价格,是\n\
         {U},高1,2024-03-01,普通,罚款,200000,广告,是\n"
    );
    let run = |on: bool, as_of: &str| {
        let mut w = Workspace::new();
        let mut policy: Value =
            serde_json::from_str(&credit_supervision::policy::Policy::default().to_json()).unwrap();
        policy["rules"]["publicity"]["scoring_ends_with_publicity"] = on.into();
        w.set_policy_json(&policy.to_string()).unwrap();
        for (n, t) in [("r.csv", &reg), ("p.csv", &pen)] {
            let r = w.load_csv(n, t.as_bytes(), None, &mut NoProgress).unwrap();
            assert_eq!(r.rejected, 0, "{:?}", r.errors);
        }
        w.score(d(as_of), &mut NoProgress).unwrap();
        w
    };
    let counted = |w: &Workspace, no: &str| {
        w.explain(U)
            .unwrap()
            .reasons
            .iter()
            .any(|r| r.detail.starts_with(no))
    };
    for on in [false, true] {
        // The last day of publicity: counted either way.
        let w = run(on, "2024-05-31");
        assert!(
            counted(&w, "低1") && counted(&w, "简1") && counted(&w, "高1"),
            "{on}"
        );
        // The day publicity ends.
        let w = run(on, "2024-06-01");
        assert_eq!(counted(&w, "低1"), !on, "on = {on}");
        assert!(counted(&w, "简1") && counted(&w, "高1"), "{on}");
        let x = w.explain(U).unwrap();
        let r = json(&w.rules_for(U, None).unwrap());
        let low = r["records"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["detail"].as_str().unwrap().starts_with("低1"))
            .unwrap();
        if on {
            assert_eq!(x.excluded.len(), 1, "{:?}", x.excluded);
            assert_eq!(format!("{:?}", x.excluded[0].cause), "PublicityEnded");
            assert_eq!(x.excluded[0].since, "2024-06-01");
            assert!(x.excluded[0].zh.contains("公示期"), "{:?}", x.excluded[0]);
            assert_eq!(low["scoreStop"], "publicity_ended");
            assert_eq!(low["scoreWindowEnds"], "2024-06-01");
            assert_eq!(low["inScoreWindow"], false);
        } else {
            assert!(x.excluded.is_empty());
            assert!(low["scoreStop"].is_null());
            assert_eq!(low["scoreWindowEnds"], "2027-03-01");
            assert_eq!(low["inScoreWindow"], true);
        }
        // The 3-year fine (一般 under Order 107): its publicity ends with Order 107 on
        // 2025-12-25 (12 months long past), its indicator window on 2027-03-01.
        assert!(counted(&run(on, "2025-12-24"), "高1"), "{on}");
        assert_eq!(counted(&run(on, "2025-12-25"), "高1"), !on, "{on}");
        assert_eq!(counted(&run(on, "2027-02-28"), "高1"), !on, "{on}");
        assert!(!counted(&run(on, "2027-03-01"), "高1"), "{on}");
    }
    // The score is higher once the low fine stops counting, and the policy digest says
    // which setting made it.
    let (off, on) = (run(false, "2024-06-01"), run(true, "2024-06-01"));
    assert!(on.explain(U).unwrap().score > off.explain(U).unwrap().score);
    assert_ne!(
        on.scoring().unwrap().policy_digest,
        off.scoring().unwrap().policy_digest
    );
    assert_eq!(
        off.scoring().unwrap().policy_digest,
        Workspace::new().policy().digest(),
        "the default digest is unchanged"
    );
}

/// Order 107's grades, periods and repair routes (第七条至第十一条), on decisions taken after
/// it came into force.
#[test]
fn order107_grades_periods_and_repair() {
    let mut w = Workspace::new();
    for (name, text) in order107_files() {
        let r = w
            .load_csv(name, text.as_bytes(), None, &mut NoProgress)
            .unwrap();
        assert_eq!(r.rejected, 0, "{name}: {:?}", r.errors);
    }
    w.score(d(ORDER107_AS_OF), &mut NoProgress).unwrap();
    for &(uscc, no, grade, months, ends, repairable, earliest, basis) in ORDER107 {
        let r = json(&w.rules_for(uscc, None).unwrap());
        let p = r["records"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["recordKind"] == "penalty" && x["detail"].as_str().unwrap().contains(no))
            .unwrap_or_else(|| panic!("no penalty {no}"));
        let pb = &p["publicity"];
        assert_eq!(pb["regime"], "order107", "{no}");
        assert_eq!(pb["grade"], grade, "{no}");
        assert_eq!(pb["periodMonths"], months, "{no}");
        assert_eq!(pb["ends"], ends, "{no}");
        assert!(pb["inForce"].as_bool().unwrap(), "{no}");
        let rep = w.repair(uscc, None).unwrap();
        let o = rep
            .options
            .iter()
            .find(|o| o.detail.contains(no))
            .unwrap_or_else(|| panic!("no repair option for {no}"));
        assert_eq!(o.repairable, repairable, "{no}: {}", o.summary_zh);
        assert_eq!(o.earliest.as_deref(), earliest, "{no}");
        assert!(o.basis.basis.ends_with(basis), "{no}: {}", o.basis.basis);
        assert_eq!(o.basis.basis_mark, "L", "{no}");
        assert_eq!(o.stops_by_itself.as_deref(), Some(ends), "{no}");
        if repairable {
            assert_eq!(o.decision_working_days, Some(7), "{no}");
            assert!(!o.eligible_now, "{no}: the minimum period has not passed");
        }
    }
    // The low-fine test reports Order 107's threshold for a business.
    let r = json(&w.rules_for(IND, None).unwrap());
    let lf = &r["records"][0]["publicity"]["lowFine"];
    assert_eq!(lf["threshold"], 50000.0);
    assert_eq!(lf["subject"], "business");
    // The restriction must have run out: unmet until 2030-01-05 even after a year.
    let rep = w.repair(CO, Some(d("2027-01-05"))).unwrap();
    let o = rep
        .options
        .iter()
        .find(|o| o.detail.contains("〔2026〕7号"))
        .unwrap();
    let c = o
        .conditions
        .iter()
        .find(|c| c.id == "restriction_expired")
        .unwrap();
    assert_eq!(format!("{:?}", c.status), "Unmet");
    // The revocation can never be repaired; the summary says so.
    let o = rep
        .options
        .iter()
        .find(|o| o.detail.contains("〔2026〕5号"))
        .unwrap();
    assert!(
        o.summary_zh.contains("不得申请信用修复"),
        "{}",
        o.summary_zh
    );
    // A negative inspection result stops after 3 months by itself (第十条).
    let rep = w.repair(CO3, None).unwrap();
    let o = rep
        .options
        .iter()
        .find(|o| o.record_kind == RecordKind::Inspection)
        .unwrap();
    assert!(!o.repairable);
    assert_eq!(o.stops_by_itself.as_deref(), Some("2026-04-05"));
    assert!(o.basis.basis.ends_with("第十条"), "{}", o.basis.basis);
}

/// Decisions of 2025-12-24, -25 and -26 asked about in 2027: the publicity and the repair of
/// each are answered by one regime, as `rules.transition` says, and agree with each other
/// (the repair stops when the publicity does; the grade is the same).
#[test]
fn decisions_around_2025_12_25_are_answered_by_one_regime() {
    for &(date, as_of, transition, regime, ends, earliest) in TRANSITION {
        let mut w = Workspace::new();
        let mut policy: Value =
            serde_json::from_str(&credit_supervision::policy::Policy::default().to_json()).unwrap();
        policy["rules"]["transition"] = transition.into();
        w.set_policy_json(&policy.to_string()).unwrap();
        for (name, text) in transition_files() {
            let r = w
                .load_csv(name, text.as_bytes(), None, &mut NoProgress)
                .unwrap();
            assert_eq!(r.rejected, 0, "{:?}", r.errors);
        }
        w.score(d(as_of), &mut NoProgress).unwrap();
        let r = json(&w.rules_for(TRANS, None).unwrap());
        let rec = record(&r, "penalty", date);
        let p = &rec["publicity"];
        let case = format!("{date} {transition}");
        assert_eq!(p["regime"], regime, "{case}");
        assert_eq!(p["ends"], ends, "{case}");
        let rep = w.repair(TRANS, None).unwrap();
        let o = rep
            .options
            .iter()
            .find(|o| o.record_date == date)
            .unwrap_or_else(|| panic!("{case}: no repair option"));
        assert_eq!(o.basis.regime.code(), regime, "{case}");
        assert_eq!(o.stops_by_itself.as_deref(), p["ends"].as_str(), "{case}");
        assert_eq!(o.earliest.as_deref(), Some(earliest), "{case}");
        assert_eq!(serde_json::to_value(o.grade).unwrap(), p["grade"], "{case}");
        assert!(o.eligible_now, "{case}: {:?}", o.conditions);
        // Asked in 2027, the application is accepted and decided under the same regime.
        let (accept, decide) = if regime == "rules2021" {
            (Some(2), 15)
        } else {
            (None, 7)
        };
        assert_eq!(o.accept_working_days, accept, "{case}");
        assert_eq!(o.decision_working_days, Some(decide), "{case}");
        assert!(o.decision_due.is_some(), "{case}");
    }
}
