//! Scorecard behaviour: a saved card scores the same after a reload, one row as in a batch;
//! missing values and unseen categories are handled explicitly; fits are reproducible; reason
//! codes name the costliest bins; the CLI fits and applies.

use credit_supervision::model::read::{read_table, ReadOptions, ReadTable};
use credit_supervision::model::scorecard::binning::BinRule;
use credit_supervision::model::scorecard::settings::Settings;
use credit_supervision::model::scorecard::{fit, Card, FitReport, Sample, ValidSettings};
use credit_supervision::model::table::{Column, Table};
use credit_supervision::progress::NoProgress;

const GERMAN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/german/");

fn german(file: &str, s: &ValidSettings) -> ReadTable {
    let bytes = std::fs::read(format!("{GERMAN}{file}")).unwrap();
    read_table(
        file,
        &bytes,
        &ReadOptions {
            settings: s,
            target: Some("creditability"),
            kinds: Default::default(),
        },
    )
    .unwrap()
}

fn fit_german(s: &ValidSettings) -> (Card, FitReport, ReadTable) {
    let t = german("german_train.csv", s);
    let (card, report) = fit(
        Sample {
            table: &t.table,
            target: t.target.as_deref().unwrap(),
        },
        "creditability",
        None,
        s,
        &mut NoProgress,
    )
    .unwrap();
    (card, report, t)
}

#[test]
fn a_reloaded_card_scores_every_row_the_same_and_one_row_as_in_a_batch() {
    let s = ValidSettings::default();
    let (card, _, t) = fit_german(&s);
    let batch = card.apply(&t.table).unwrap();
    let reloaded = Card::from_json(&card.to_json()).unwrap();
    assert_eq!(reloaded.to_json(), card.to_json());
    assert!(reloaded == card, "a reloaded card differs");
    assert_eq!(reloaded.digest(), card.digest());
    assert_eq!(reloaded.apply(&t.table).unwrap().scores, batch.scores);
    for i in [0, 17, 699] {
        let one = card.apply(&t.table.take(&[i])).unwrap();
        assert_eq!(one.scores, vec![batch.scores[i]]);
        assert_eq!(card.reasons(&one, 0), card.reasons(&batch, i));
    }
    // The score is the base points plus each feature's bin points.
    let i = 5;
    let sum: f64 = card.base_points
        + card
            .features
            .iter()
            .zip(&batch.bins)
            .map(|(f, b)| f.bins[b[i] as usize].points)
            .sum::<f64>();
    assert_eq!(batch.scores[i], sum);
    // 600 points at odds 19:1, 50 more to double them.
    let p600 = card.scaling.probability(600.0);
    assert!((p600 - 1.0 / 20.0).abs() < 1e-12);
    let p650 = card.scaling.probability(650.0);
    assert!(((1.0 - p650) / p650 - 38.0).abs() < 1e-9);
}

#[test]
fn fits_are_reproducible_and_higher_scores_mean_fewer_bads() {
    let s = ValidSettings::default();
    let (a, ra, t) = fit_german(&s);
    let (b, _, _) = fit_german(&s);
    assert_eq!(a.to_json(), b.to_json());
    // The best quarter of scores holds a smaller share of bads than the worst quarter.
    let scored = a.apply(&t.table).unwrap();
    let y = t.target.unwrap();
    let mut idx: Vec<usize> = (0..y.len()).collect();
    idx.sort_by(|&i, &j| scored.scores[i].total_cmp(&scored.scores[j]));
    let q = idx.len() / 4;
    let rate = |rows: &[usize]| rows.iter().filter(|&&i| y[i]).count() as f64 / rows.len() as f64;
    assert!(rate(&idx[..q]) > 2.0 * rate(&idx[idx.len() - q..]));
    assert!(ra.train.auc.unwrap() > 0.75);
    // Every selected feature's coefficient runs with its WoE (bad over good: positive).
    assert!(a.features.iter().all(|f| f.coefficient > 0.0));
}

#[test]
fn numeric_bins_follow_a_monotonic_trend_and_missing_keeps_its_own_bin() {
    // A risk that rises with x; missing rows are the riskiest of all and must not be pooled
    // with the lowest values (which are the safest).
    let n = 20_000;
    let mut x = Vec::with_capacity(n);
    let mut y = Vec::with_capacity(n);
    for i in 0..n {
        let h = (i as u64 * 2_654_435_761) % 10_000;
        if i % 20 == 0 {
            x.push(f64::NAN);
            y.push(h < 6_000);
        } else {
            let v = (i % 100) as f64;
            x.push(v);
            y.push((h as f64) < 300.0 + 40.0 * v);
        }
    }
    let mut table = Table::default();
    table.push("x", Column::Numeric(x)).unwrap();
    let s = ValidSettings::default();
    let (card, report) = fit(
        Sample {
            table: &table,
            target: &y,
        },
        "bad",
        None,
        &s,
        &mut NoProgress,
    )
    .unwrap();
    let f = &report.features[0].bins;
    let ranges: Vec<&_> = f
        .bins
        .iter()
        .filter(|b| matches!(b.rule, BinRule::Range { .. }))
        .collect();
    assert!(ranges.len() >= 3);
    assert!(ranges.windows(2).all(|w| w[0].bad_rate < w[1].bad_rate));
    let missing = f.bins.last().unwrap();
    assert_eq!(missing.rule, BinRule::Missing);
    assert_eq!(missing.count, (n / 20) as u64);
    assert!(missing.woe > ranges[0].woe + 1.0, "{missing:?}");
    // Missing scores the fewest points.
    let pts = &card.features[0].bins;
    assert!(pts.last().unwrap().points < pts[0].points);
}

#[test]
fn unseen_categories_go_where_the_settings_say_and_are_counted() {
    let n = 4000;
    let levels = ["a", "b", "c"];
    let vals: Vec<Option<&str>> = (0..n).map(|i| Some(levels[i % 3])).collect();
    let y: Vec<bool> = (0..n)
        .map(|i| (i * 7919) % 100 < [5, 20, 40][i % 3])
        .collect();
    let mut table = Table::default();
    table.push("k", Column::categorical(vals)).unwrap();
    let fresh = {
        let mut t = Table::default();
        t.push("k", Column::categorical([Some("a"), Some("zzz"), None]))
            .unwrap();
        t
    };
    for (rule, want) in [
        ("missing", "missing"),
        ("riskiest", "riskiest"),
        ("neutral", "zero"),
    ] {
        let s = Settings::from_json(&format!(r#"{{"woe": {{"unseen": "{rule}"}}}}"#))
            .unwrap()
            .check()
            .unwrap();
        let (card, _) = fit(
            Sample {
                table: &table,
                target: &y,
            },
            "bad",
            None,
            &s,
            &mut NoProgress,
        )
        .unwrap();
        let scored = card.apply(&fresh).unwrap();
        assert_eq!(scored.unseen, vec![1]);
        let f = &card.features[0];
        let expect = match want {
            "missing" => f.bins.last().unwrap().points,
            "riskiest" => f
                .bins
                .iter()
                .map(|b| b.points)
                .fold(f64::INFINITY, f64::min),
            _ => 0.0,
        };
        assert_eq!(scored.scores[1], card.base_points + expect, "{rule}");
        assert_eq!(card.reasons(&scored, 1).first().map(|r| r.bin.as_str()), {
            let best = f.max_points();
            if best - expect > 0.0 {
                Some("unseen")
            } else {
                None
            }
        });
    }
}

#[test]
fn reason_codes_name_the_costliest_bins_first() {
    let s = ValidSettings::default();
    let (card, _, t) = fit_german(&s);
    let scored = card.apply(&t.table).unwrap();
    for i in 0..t.table.rows() {
        let r = card.reasons(&scored, i);
        assert!(r.len() <= card.reasons);
        assert!(r.windows(2).all(|w| w[0].cost >= w[1].cost));
        for x in &r {
            let f = card.features.iter().find(|f| f.name == x.feature).unwrap();
            assert_eq!(x.cost, f.max_points() - x.points);
            assert!(x.cost > 0.0);
        }
        // A row in every feature's best bin has no reason.
        let best_everywhere = card
            .features
            .iter()
            .zip(&scored.bins)
            .all(|(f, b)| f.bins[b[i] as usize].points == f.max_points());
        assert_eq!(r.is_empty(), best_everywhere);
    }
}

#[test]
fn a_damaged_card_is_refused_with_its_path() {
    let s = ValidSettings::default();
    let (card, _, t) = fit_german(&s);
    let json = card.to_json();
    let bad = json.replacen("\"version\": 1", "\"version\": 9", 1);
    assert_eq!(Card::from_json(&bad).unwrap_err().path, "version");
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["features"][0]["bins"][0]["points"] = serde_json::json!("x");
    assert!(Card::from_json(&v.to_string()).is_err());
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let numeric = card
        .features
        .iter()
        .position(|f| f.kind == credit_supervision::model::table::FeatureKind::Numeric)
        .unwrap();
    let bins = v["features"][numeric]["bins"].as_array_mut().unwrap();
    bins.swap(0, 1);
    let e = Card::from_json(&v.to_string()).unwrap_err();
    assert!(
        e.path.starts_with(&format!("features[{numeric}].bins[")),
        "{e}"
    );
    // A table without a column the card reads.
    let mut partial = Table::default();
    partial.push("nothing", t.table.columns[0].clone()).unwrap();
    let e = card.apply(&partial).unwrap_err();
    assert!(e.path.starts_with("column "), "{e}");
}

#[test]
fn the_cli_fits_a_card_and_applies_it() {
    let bin = env!("CARGO_BIN_EXE_credit-supervision");
    let dir = std::env::temp_dir().join(format!("scorecard-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let card = dir.join("card.json");
    let out = std::process::Command::new(bin)
        .args(["scorecard", "fit", "--train"])
        .arg(format!("{GERMAN}german_train.csv"))
        .arg("--test")
        .arg(format!("{GERMAN}german_test.csv"))
        .args(["--target", "creditability", "--out"])
        .arg(&card)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["rows"]["train"]["accepted"], 700);
    assert_eq!(summary["rows"]["test"]["accepted"], 300);
    assert!(summary["test"]["auc"].as_f64().unwrap() > 0.75);
    assert_eq!(summary["features"].as_array().unwrap().len(), 20);
    let scores = dir.join("scores.csv");
    let out = std::process::Command::new(bin)
        .args(["scorecard", "apply", "--card"])
        .arg(&card)
        .arg(format!("{GERMAN}german_test.csv"))
        .arg("--out")
        .arg(&scores)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&scores).unwrap();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    assert_eq!(
        lines.next().unwrap(),
        "line,score,probability_bad,reason_1,reason_2,reason_3"
    );
    assert_eq!(lines.count(), 300);
    // A missing target column is an error that names it.
    let out = std::process::Command::new(bin)
        .args(["scorecard", "fit", "--train"])
        .arg(format!("{GERMAN}german_train.csv"))
        .args(["--target", "outcome", "--out"])
        .arg(dir.join("x.json"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("outcome"));
    std::fs::remove_dir_all(&dir).ok();
}

/// The card of the German training rows under the default settings: its digest is checked in
/// (tests/golden/scorecard-german.sha256) and asserted here and in WebAssembly
/// (tests/wasm_api.rs), so a card is the same byte for byte natively and in wasm.
/// `UPDATE_GOLDEN=1 cargo test` rewrites it.
#[test]
fn the_german_card_matches_the_golden_digest() {
    let (card, _, _) = fit_german(&ValidSettings::default());
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/scorecard-german.sha256"
    );
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, format!("{}\n", card.digest())).unwrap();
    }
    assert_eq!(card.digest(), std::fs::read_to_string(path).unwrap().trim());
}

/// A card fitted on the synthetic district's own records (features as of T, the outcome over
/// the 12 months after), tested out of time on the features a year later and the outcome
/// after those: both separate bads from goods, and the test sample is another one.
#[test]
fn a_card_fitted_on_the_records_holds_out_of_time() {
    use credit_supervision::date::parse_date;
    use credit_supervision::workspace::{Workspace, WorkspaceError};
    let as_of = parse_date("2026-11-28").unwrap();
    let mut ws = Workspace::new();
    ws.generate_demo(20_000, "scorecard-records", as_of, &mut NoProgress)
        .unwrap();
    ws.score(as_of, &mut NoProgress).unwrap();
    let at = parse_date("2024-11-28").unwrap();
    let test_at = parse_date("2025-11-28").unwrap();
    let (card, report) = ws
        .scorecard_fit(
            at,
            None,
            Some(test_at),
            &ValidSettings::default(),
            &mut NoProgress,
        )
        .unwrap();
    let train = &report.train;
    let test = report.test.as_ref().unwrap();
    assert!(train.auc.unwrap() > 0.65, "train AUC {:?}", train.auc);
    assert!(test.auc.unwrap() > 0.65, "test AUC {:?}", test.auc);
    assert_ne!(train.rows, 0);
    assert_ne!((train.rows, train.bads), (test.rows, test.bads));
    assert!(report.score_psi.unwrap().is_finite());
    // The card reads the features the catalogue names.
    let names: Vec<String> = credit_supervision::model::features::catalogue()
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert!(!card.features.is_empty());
    assert!(card.features.iter().all(|f| names.contains(&f.name)));
    // The same fit again gives the same card.
    let (again, _) = ws
        .scorecard_fit(
            at,
            None,
            Some(test_at),
            &ValidSettings::default(),
            &mut NoProgress,
        )
        .unwrap();
    assert_eq!(again.digest(), card.digest());
    // The test date must follow the fit's, and its window end within the data.
    assert!(matches!(
        ws.scorecard_fit(
            at,
            None,
            Some(at),
            &ValidSettings::default(),
            &mut NoProgress
        ),
        Err(WorkspaceError::Argument(_))
    ));
    assert!(ws
        .scorecard_fit(
            as_of,
            None,
            None,
            &ValidSettings::default(),
            &mut NoProgress
        )
        .is_err());
}
