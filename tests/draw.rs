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
