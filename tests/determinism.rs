//! Same inputs, policy and seed give byte-identical outputs — across runs, across load
//! orders, and natively and in wasm (tests/wasm_api.rs asserts the same golden digest).

use credit_supervision::date::parse_date;
use credit_supervision::progress::NoProgress;
use credit_supervision::records::RecordKind;
use credit_supervision::seed::{digest, hex};
use credit_supervision::synth::{generate_csv, SynthParams};
use credit_supervision::workspace::Workspace;

fn demo_digest() -> String {
    let mut ws = Workspace::new();
    ws.generate_demo(
        3000,
        "golden",
        parse_date("2026-11-28").unwrap(),
        &mut NoProgress,
    )
    .unwrap();
    ws.score(parse_date("2026-11-28").unwrap(), &mut NoProgress)
        .unwrap();
    let csv = ws.results_csv().unwrap();
    ws.draw("golden-draw", None).unwrap();
    let draw_csv = ws.draw_csv().unwrap();
    hex(&digest(
        &String::from_utf8_lossy(&csv),
        &String::from_utf8_lossy(&draw_csv),
    ))
}

#[test]
fn demo_results_match_the_golden_digest() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/demo-3000.sha256");
    let got = demo_digest();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, format!("{got}\n")).unwrap();
    }
    let want = std::fs::read_to_string(path).expect("golden file (UPDATE_GOLDEN=1 to create)");
    assert_eq!(
        got,
        want.trim(),
        "results changed: if intended, run UPDATE_GOLDEN=1 cargo test"
    );
}

/// The plan of the demo district (its roster and item list included) made from a fixed seed.
fn demo_plan_digest() -> String {
    let mut ws = Workspace::new();
    let as_of = parse_date("2026-11-28").unwrap();
    ws.generate_demo(3000, "golden", as_of, &mut NoProgress)
        .unwrap();
    ws.score(as_of, &mut NoProgress).unwrap();
    let p = ws
        .plan("golden-plan", parse_date("2027-01-01"), &[])
        .unwrap();
    assert!(p.summary.visits > 0 && p.summary.inspectors > 0);
    p.digest.clone()
}

#[test]
fn demo_plan_matches_the_golden_digest() {
    // tests/wasm_api.rs asserts the same digest in wasm.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/plan-demo-3000.sha256"
    );
    let got = demo_plan_digest();
    assert_eq!(got, demo_plan_digest(), "twice the same plan");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, format!("{got}\n")).unwrap();
    }
    let want = std::fs::read_to_string(path).expect("golden file (UPDATE_GOLDEN=1 to create)");
    assert_eq!(
        got,
        want.trim(),
        "the plan changed: if intended, run UPDATE_GOLDEN=1 cargo test"
    );
}

#[test]
fn load_order_does_not_change_results_or_draw() {
    let as_of = parse_date("2026-11-28").unwrap();
    let params = SynthParams {
        enterprises: 2000,
        seed: "order".into(),
        as_of,
    };
    let files: Vec<(RecordKind, Vec<u8>)> = RecordKind::ALL
        .iter()
        .map(|&k| (k, generate_csv(&params, k, &mut NoProgress).unwrap()))
        .collect();
    let run = |order: &mut dyn Iterator<Item = &(RecordKind, Vec<u8>)>| {
        let mut ws = Workspace::new();
        for (k, b) in order {
            ws.load_csv(&k.file_name(), b, None, &mut NoProgress)
                .unwrap();
        }
        ws.score(as_of, &mut NoProgress).unwrap();
        let d = ws.draw("same-seed", Some(0.1)).unwrap();
        let mut chosen: Vec<String> = d.selected.iter().map(|x| x.uscc.clone()).collect();
        let digest = d.draw.digest.clone();
        chosen.sort();
        let mut results = String::from_utf8(ws.results_csv().unwrap()).unwrap();
        // Rows come in enterprise-id order, which follows first appearance: compare as sets.
        let mut lines: Vec<&str> = results.lines().collect();
        lines.sort();
        results = lines.join("\n");
        (results, chosen, digest)
    };
    let a = run(&mut files.iter());
    let b = run(&mut files.iter().rev());
    assert_eq!(a.0, b.0);
    assert_eq!(a.1, b.1);
    assert_eq!(a.2, b.2);
}

/// Natively a file loads on two threads (parse | store) and a large store scores on two; the
/// streamed one-thread path (what the page uses) and one-at-a-time scoring must agree with
/// them exactly: same reports, same results bytes, every score and class the same.
#[test]
fn two_threads_and_one_give_the_same_store_and_scores() {
    use credit_supervision::ingest::LoadOptions;
    use credit_supervision::score::{score_one, Context, Overlay};
    let as_of = parse_date("2026-11-28").unwrap();
    // Above the size from which scoring uses two threads.
    let params = SynthParams {
        enterprises: 25_000,
        seed: "threads".into(),
        as_of,
    };
    let files: Vec<(RecordKind, Vec<u8>)> = RecordKind::ALL
        .iter()
        .map(|&k| (k, generate_csv(&params, k, &mut NoProgress).unwrap()))
        .collect();
    let mut threaded = Workspace::new();
    let mut streamed = Workspace::new();
    for (k, bytes) in &files {
        let name = k.file_name();
        let a = threaded
            .load_file(&name, bytes, &LoadOptions::default(), &mut NoProgress)
            .unwrap();
        streamed.begin_file(&name, LoadOptions::default());
        // Odd chunk sizes so records straddle chunks.
        for chunk in bytes.chunks(65_537) {
            streamed.push_chunk(chunk).unwrap();
        }
        let b = streamed.finish_file().unwrap();
        assert_eq!(a, vec![b], "{name}");
        assert!(a[0].accepted > 0, "{name}");
    }
    threaded.score(as_of, &mut NoProgress).unwrap();
    streamed.score(as_of, &mut NoProgress).unwrap();
    assert_eq!(
        threaded.store().clone().digest(),
        streamed.store().clone().digest()
    );
    assert_eq!(
        threaded.results_csv().unwrap(),
        streamed.results_csv().unwrap()
    );
    // Scoring on two threads gives each enterprise what scoring it alone gives.
    let s = threaded.scoring().unwrap();
    let store = threaded.store();
    let ctx = Context::new(store, as_of);
    for ent in 0..store.len() as u32 {
        let one = score_one(
            store,
            threaded.policy(),
            &ctx,
            ent,
            as_of,
            &Overlay::default(),
        );
        assert_eq!(s.scores[ent as usize], one.score, "enterprise {ent}");
    }
}

/// SHA-256 of every work list of the demo district as XLSX and CSV (Chinese headers), the
/// class shares as XLSX — the same bytes natively and in wasm (tests/wasm_api.rs).
fn demo_worklists_digest() -> String {
    use credit_supervision::advice::worklist::WorkListKind;
    use credit_supervision::sheet::Lang;
    use sha2::{Digest, Sha256};
    let mut ws = Workspace::new();
    let as_of = parse_date("2026-11-28").unwrap();
    ws.generate_demo(3000, "golden", as_of, &mut NoProgress)
        .unwrap();
    ws.score(as_of, &mut NoProgress).unwrap();
    let mut h = Sha256::new();
    for k in WorkListKind::ALL {
        for xlsx in [true, false] {
            h.update(
                ws.work_list_file(k, xlsx, Lang::Zh, &mut NoProgress)
                    .unwrap(),
            );
        }
    }
    h.update(
        ws.class_shares_file(true, Lang::Zh, &mut NoProgress)
            .unwrap(),
    );
    hex(&h.finalize())
}

#[test]
fn demo_worklists_match_the_golden_digest() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/worklists-demo-3000.sha256"
    );
    let got = demo_worklists_digest();
    assert_eq!(got, demo_worklists_digest(), "twice the same bytes");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, format!("{got}\n")).unwrap();
    }
    let want = std::fs::read_to_string(path).expect("golden file (UPDATE_GOLDEN=1 to create)");
    assert_eq!(
        got,
        want.trim(),
        "the work lists changed: if intended, run UPDATE_GOLDEN=1 cargo test"
    );
}
