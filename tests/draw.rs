//! The inspection draw: sizes per class, reproducibility from the seed, the ratio floor.

mod common;
use common::*;
use credit_supervision::progress::NoProgress;

fn district() -> credit_supervision::workspace::Workspace {
    let mut ws = credit_supervision::workspace::Workspace::new();
    ws.generate_demo(5000, "draw-test", d("2026-11-28"), &mut NoProgress)
        .unwrap();
    ws.score(d("2026-11-28"), &mut NoProgress).unwrap();
    ws
}

#[test]
fn draw_reaches_the_ratio_and_favours_riskier_classes() {
    let mut ws = district();
    let summary = ws.scoring().unwrap().summary(ws.store());
    let d = ws.draw("2026年第4期", Some(0.05)).unwrap().draw.clone();
    assert_eq!(d.population, summary.classified);
    assert_eq!(
        d.sample_size,
        (0.05 * summary.classified as f64).round() as usize
    );
    assert_eq!(d.selected.len(), d.sample_size);
    let ratio: Vec<f64> = d.per_class.iter().map(|c| c.ratio).collect();
    assert!(
        ratio[0] < ratio[1] && ratio[1] < ratio[2] && ratio[2] <= ratio[3],
        "{ratio:?}"
    );
    for c in &d.per_class {
        assert_eq!(c.population, summary.counts.get(c.class));
        if c.population > 0 {
            assert!(c.sample >= 1, "no class is exempt: {c:?}");
        }
    }
    // Every drawn enterprise is classified, in the class it was drawn for, drawn once.
    let mut seen = std::collections::HashSet::new();
    for &e in &d.selected {
        assert!(ws.scoring().unwrap().class(e).is_some());
        assert!(seen.insert(e));
    }
}

#[test]
fn same_seed_same_list_other_seed_other_list() {
    let mut ws = district();
    let a = ws.draw("seed-1", None).unwrap().draw.clone();
    let b = ws.draw("seed-1", None).unwrap().draw.clone();
    let c = ws.draw("seed-2", None).unwrap().draw.clone();
    assert_eq!(a.selected, b.selected);
    assert_eq!(a.digest, b.digest);
    assert_ne!(a.selected, c.selected);
    assert_ne!(a.digest, c.digest);
}

#[test]
fn ratio_below_the_floor_or_empty_seed_is_refused() {
    let mut ws = district();
    let e = ws.draw("s", Some(0.02)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "overall ratio 0.02 must be between the policy's floor 0.03 and 1"
    );
    assert!(ws.draw("  ", None).is_err());
    assert!(ws.draw("s", Some(f64::NAN)).is_err());
    let classified = ws.scoring().unwrap().summary(ws.store()).classified;
    assert_eq!(
        ws.draw("s", Some(1.0)).unwrap().draw.sample_size,
        classified
    );
}

#[test]
fn draw_csv_carries_the_seed_and_digest() {
    let mut ws = district();
    let d = ws.draw("公开种子", None).unwrap().draw.clone();
    let csv = String::from_utf8(ws.draw_csv().unwrap()).unwrap();
    assert!(csv.starts_with("\u{feff}序号,统一社会信用代码"));
    assert_eq!(
        csv.lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
            .count(),
        d.sample_size
    );
    assert!(csv.contains(&format!("# 校验值 SHA-256,{}", d.digest)));
    assert!(csv.contains("# 随机种子 seed,公开种子"));
}

#[test]
fn the_digest_binds_records_audit_trail_and_ratio() {
    use credit_supervision::policy::Class;
    let mut ws = district();
    let base = ws.draw("bind", Some(0.05)).unwrap().draw.clone();
    assert_eq!(base.policy_digest, ws.policy().digest());
    assert_eq!(base.records_digest, ws.store().clone().digest());
    assert!(csv_has(&mut ws, &base.records_digest));

    // The ratio asked for.
    let other_ratio = ws.draw("bind", Some(0.06)).unwrap().draw.clone();
    assert_ne!(other_ratio.digest, base.digest);

    // The audit trail applied: a hand-set class (even one that leaves the list as it was).
    let uscc = ws.store().uscc(0).to_string();
    let as_of = d("2026-11-28");
    ws.adjust_class(&uscc, Some(Class::B), "张三", "复核", as_of, "t")
        .unwrap();
    let audited = ws.draw("bind", Some(0.05)).unwrap().draw.clone();
    assert_eq!(audited.records_digest, base.records_digest);
    assert_ne!(audited.audit_digest, base.audit_digest);
    assert_ne!(audited.digest, base.digest);

    // The records loaded: one more complaint row.
    let mut more = district();
    let csv = format!(
        "统一社会信用代码,投诉日期,投诉类型,是否属实,按时办结\n{uscc},2026-01-05,投诉,是,是\n"
    );
    let report = more
        .load_csv("extra.csv", csv.as_bytes(), None, &mut NoProgress)
        .unwrap();
    assert_eq!(report.accepted, 1, "{report:?}");
    more.score(as_of, &mut NoProgress).unwrap();
    let loaded = more.draw("bind", Some(0.05)).unwrap().draw.clone();
    assert_ne!(loaded.records_digest, base.records_digest);
    assert_ne!(loaded.digest, base.digest);
}

fn csv_has(ws: &mut credit_supervision::workspace::Workspace, text: &str) -> bool {
    String::from_utf8(ws.draw_csv().unwrap())
        .unwrap()
        .contains(text)
}
