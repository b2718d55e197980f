//! Properties of loading, over random small files (`tests/prop_gen/`): every report balances,
//! whole or in chunks; the rejected rows, written out and loaded again, give the same errors;
//! and seeded random districts load and score to the digest in
//! `tests/golden/random-small.sha256`, which `tests/wasm_properties.rs` asserts in wasm.
#![cfg(not(target_arch = "wasm32"))]

mod prop_gen;

use credit_supervision::date::parse_date;
use credit_supervision::ingest::{load_file, FileReport, LoadOptions};
use credit_supervision::progress::NoProgress;
use credit_supervision::seed::{digest, hex};
use credit_supervision::store::Store;
use credit_supervision::workspace::Workspace;
use prop_gen::*;
use proptest::prelude::*;

fn spec() -> impl Strategy<Value = FileSpec> {
    (
        0usize..8,
        any::<u32>(),
        0u8..4,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(prop::collection::vec(any::<u8>(), 16), 0..16),
    )
        .prop_map(|(kind, drop, delimiter, crlf, bom, zh, rows)| FileSpec {
            kind,
            drop,
            delimiter,
            crlf,
            bom,
            zh,
            rows,
        })
}

fn load(name: &str, bytes: &[u8]) -> FileReport {
    let mut store = Store::new();
    let mut r = load_file(
        &mut store,
        name,
        bytes,
        &LoadOptions::default(),
        &mut NoProgress,
    )
    .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(r.len(), 1);
    r.remove(0)
}

fn counts(r: &FileReport) -> (u64, u64, u64, u64) {
    (r.rows_read, r.accepted, r.duplicates, r.rejected)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every report balances — read = accepted + duplicates + rejected, every rejected row
    /// kept and counted by reason — and a file read in chunks gives the same report.
    #[test]
    fn every_report_balances_whole_and_in_chunks(
        files in prop::collection::vec(spec(), 1..4),
        cuts in prop::collection::vec(1usize..64, 1..8),
    ) {
        let mut ws = Workspace::new();
        for f in &files {
            let (name, bytes) = render(f);
            let whole = ws
                .load_file(&name, &bytes, &LoadOptions::default(), &mut NoProgress)
                .unwrap()
                .remove(0);
            prop_assert!(whole.balanced(), "{}", String::from_utf8_lossy(&bytes));
            // Blank rows are not counted.
            prop_assert!(whole.rows_read <= f.rows.len() as u64);

            let mut chunked = Workspace::new();
            chunked.begin_file(&name, LoadOptions::default());
            let mut rest = &bytes[..];
            for &n in cuts.iter().cycle() {
                if rest.is_empty() {
                    break;
                }
                let (a, b) = rest.split_at(n.min(rest.len()));
                chunked.push_chunk(a).unwrap();
                rest = b;
            }
            let c = chunked.finish_file().unwrap();
            prop_assert!(c.balanced());
            let mut alone = Store::new();
            let first = load_file(&mut alone, &name, &bytes, &LoadOptions::default(), &mut NoProgress)
                .unwrap()
                .remove(0);
            prop_assert_eq!(counts(&first), counts(&c));
            prop_assert_eq!(&first.rejected_by_reason, &c.rejected_by_reason);
        }
    }

    /// The rejected rows written by `rejected_csv` (and `write_rejected_csv`) load again to
    /// the same errors: same count, and per row the same column, value and reason.
    #[test]
    fn rejected_rows_reload_to_the_same_errors(f in spec()) {
        let (name, bytes) = render(&f);
        let r = load(&name, &bytes);
        prop_assume!(r.rejected > 0);
        let csv = r.rejected_csv();
        let mut streamed = Vec::new();
        r.write_rejected_csv(&mut streamed).unwrap();
        prop_assert_eq!(&csv, &streamed);
        let again = load(&format!("rejected-{name}"), &csv);
        prop_assert!(again.balanced());
        prop_assert_eq!(again.kind, r.kind);
        prop_assert_eq!(again.rows_read, r.rejected, "{}", String::from_utf8_lossy(&csv));
        prop_assert_eq!(again.rejected, r.rejected, "{}", String::from_utf8_lossy(&csv));
        let errors = |rep: &FileReport| -> Vec<(String, String, &'static str)> {
            rep.rejected_errors().map(|e| (e.column, e.value, e.reason)).collect()
        };
        prop_assert_eq!(errors(&r), errors(&again), "{}", String::from_utf8_lossy(&csv));
        prop_assert_eq!(&r.rejected_by_reason, &again.rejected_by_reason);
    }
}

/// The digest of loading and scoring the seeded districts (also computed in wasm by
/// `tests/wasm_properties.rs`): every file's counts and reasons, and the results CSV.
fn districts_digest() -> String {
    let mut reports = String::new();
    let mut results = String::new();
    let (mut accepted, mut rejected, mut duplicates) = (0, 0, 0);
    for i in 0..DISTRICTS {
        let mut ws = Workspace::new();
        for (name, bytes) in seeded_district(i) {
            let r = ws.load_csv(&name, &bytes, None, &mut NoProgress).unwrap();
            assert!(r.balanced());
            (accepted, rejected, duplicates) = (
                accepted + r.accepted,
                rejected + r.rejected,
                duplicates + r.duplicates,
            );
            let reasons = serde_json::to_string(&r.rejected_by_reason).unwrap();
            reports.push_str(&report_line(
                &name,
                [r.rows_read, r.accepted, r.duplicates, r.rejected],
                &reasons,
            ));
        }
        ws.score(parse_date(AS_OF).unwrap(), &mut NoProgress)
            .unwrap();
        results.push_str(&String::from_utf8(ws.results_csv().unwrap()).unwrap());
    }
    // Not vacuous: rows of every fate.
    assert!(
        accepted > 100 && rejected > 100 && duplicates > 0,
        "{accepted} {rejected} {duplicates}"
    );
    hex(&digest(&reports, &results))
}

#[test]
fn seeded_random_districts_match_the_golden_digest() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/random-small.sha256"
    );
    let got = districts_digest();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, format!("{got}\n")).unwrap();
    }
    let want = std::fs::read_to_string(path).expect("golden file (UPDATE_GOLDEN=1 to create)");
    assert_eq!(got, want.trim(), "if intended: UPDATE_GOLDEN=1 cargo test");
}
