//! The classes the default policy gives the demo district: a diagnostic, not a check.
//!
//! `cargo test --release --test synth_classes -- --ignored --nocapture` (with
//! `SYNTH_EXPLAIN=1`, also how many enterprises each indicator hits, per class).

use credit_supervision::date::parse_date;
use credit_supervision::progress::NoProgress;
use credit_supervision::synth::SynthParams;
use credit_supervision::workspace::Workspace;
use std::collections::HashSet;

#[test]
#[ignore = "diagnostic: prints the classes of the demo district"]
fn demo_district_classes() {
    let p = SynthParams {
        enterprises: 130_000,
        seed: "demo".into(),
        as_of: parse_date("2026-11-28").unwrap(),
    };
    let mut ws = Workspace::new();
    let load = ws
        .generate_demo(p.enterprises, &p.seed, p.as_of, &mut NoProgress)
        .unwrap();
    for f in &load.files {
        println!(
            "loaded {:<18} read {:>8} accepted {:>8} rejected {}",
            f.file, f.rows_read, f.accepted, f.rejected
        );
        for e in f.errors.iter().take(3) {
            println!("  {e}");
        }
    }
    let sum = ws.score(p.as_of, &mut NoProgress).unwrap();
    let c = sum.counts;
    let k = sum.classified as f64;
    println!(
        "classes of {} classified: A {:.3} B {:.3} C {:.3} D {:.3} (mean score {:.1})",
        sum.classified,
        c.A as f64 / k,
        c.B as f64 / k,
        c.C as f64 / k,
        c.D as f64 / k,
        sum.mean_score
    );
    let sc = ws.scoring().unwrap();
    let mut hist = [0usize; 11];
    let mut raw = [0usize; 5];
    for (e, &c) in sc.classes.iter().enumerate() {
        if c > 0 {
            hist[(sc.scores[e].clamp(0.0, 100.0) / 10.0) as usize] += 1;
            raw[sc.raw_classes[e] as usize] += 1;
        }
    }
    println!(
        "score deciles 0..100: {hist:?}; classes before overrides A–D: {:?}",
        &raw[1..]
    );
    if std::env::var("SYNTH_EXPLAIN").is_ok() {
        let usccs: Vec<String> = (0..ws.store().len() as u32)
            .map(|e| ws.store().uscc(e).to_string())
            .collect();
        let mut hits: std::collections::BTreeMap<&str, (usize, f64, [usize; 5])> =
            Default::default();
        for u in &usccs {
            let e = ws.explain(u).unwrap();
            let cls = match e.class {
                "A" => 1,
                "B" => 2,
                "C" => 3,
                "D" => 4,
                _ => 0,
            };
            let mut seen = HashSet::new();
            for r in &e.reasons {
                let h = hits.entry(r.indicator).or_default();
                h.1 += r.points;
                if seen.insert(r.indicator) {
                    h.0 += 1;
                    h.2[cls] += 1;
                }
            }
        }
        for (k, (n, pts, by)) in hits {
            println!("{k:<28} ents {n:>7} points {pts:>10.0} by class -ABCD {by:?}");
        }
    }
}
