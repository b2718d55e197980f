//! Champion and challenger (docs/RULES.md §19.6): a card fitted on the records, held in the
//! policy as a learned indicator set, backtested beside the expert classes on the same date
//! against the same outcomes.

use credit_supervision::date::{parse_date, Date};
use credit_supervision::model::challenger::Challenge;
use credit_supervision::model::scorecard::{Card, ValidSettings};
use credit_supervision::policy::{Challenger, ChallengerClasses, Class};
use credit_supervision::progress::NoProgress;
use credit_supervision::workspace::{Workspace, WorkspaceError};

fn date(s: &str) -> Date {
    parse_date(s).unwrap()
}

/// A district of 20,000 scored on 2026-11-28 and a card fitted on it as of 2024-11-28.
fn district_and_card() -> (Workspace, Card) {
    let as_of = date("2026-11-28");
    let mut ws = Workspace::new();
    ws.generate_demo(20_000, "challenger", as_of, &mut NoProgress)
        .unwrap();
    ws.score(as_of, &mut NoProgress).unwrap();
    let (card, _) = ws
        .scorecard_fit(
            date("2024-11-28"),
            None,
            None,
            &ValidSettings::default(),
            &mut NoProgress,
        )
        .unwrap();
    (ws, card)
}

fn spec(card: &Card, classes: ChallengerClasses) -> Challenger {
    Challenger {
        name: "learned 2024".into(),
        card: serde_json::from_str(&card.to_json()).unwrap(),
        classes,
    }
}

fn counts(c: &Challenge, champion: bool) -> Vec<usize> {
    let b = if champion { &c.champion } else { &c.challenger };
    b.classes.iter().map(|k| k.count).collect()
}

#[test]
fn a_learned_card_is_backtested_beside_the_expert_classes_out_of_time() {
    let (mut ws, card) = district_and_card();
    let at = date("2025-11-28");
    let s = spec(&card, ChallengerClasses::Shares);
    let c = ws.challenge(at, None, Some(&s), &mut NoProgress).unwrap();
    // The champion is the plain backtest of the same date.
    assert_eq!(c.champion, ws.backtest(at, None, &mut NoProgress).unwrap());
    assert_eq!(c.card_digest, card.digest());
    assert_eq!(c.classes_by, "shares");
    // Same population and the same outcomes on both sides.
    assert_eq!(c.challenger.population, c.champion.population);
    assert_eq!(c.challenger.bad, c.champion.bad);
    // The agreement matrix adds up to each side's class counts.
    let rows: Vec<usize> = c.agreement.iter().map(|r| r.iter().sum()).collect();
    let cols: Vec<usize> = (0..4)
        .map(|j| c.agreement.iter().map(|r| r[j]).sum())
        .collect();
    assert_eq!(rows, counts(&c, true));
    assert_eq!(cols, counts(&c, false));
    assert_eq!(
        c.same_class,
        (0..4).map(|i| c.agreement[i][i]).sum::<usize>()
    );
    // By shares, the challenger has the expert classes' counts (the abnormal-list floor takes
    // places of C here; it never needs more than C and D hold in this district).
    let (e, l) = (counts(&c, true), counts(&c, false));
    assert_eq!(e, l);
    assert!(c.floored > 0);
    // The serious list fixes D on both sides.
    assert!(c.fixed > 0);
    assert!(c.agreement[3][3] >= c.fixed);
    // A card learned two years before still orders the later outcomes.
    let auc = c.challenger.auc.unwrap();
    assert!(auc > 0.65, "challenger AUC {auc}");
    let rates: Vec<f64> = c
        .challenger
        .classes
        .iter()
        .map(|k| k.bad_rate.unwrap())
        .collect();
    assert!(rates[0] < rates[3], "{rates:?}");
    // The same comparison twice is the same.
    let again = ws.challenge(at, None, Some(&s), &mut NoProgress).unwrap();
    assert_eq!(again, c);
}

#[test]
fn the_policy_holds_the_challenger_and_checks_its_card() {
    let (mut ws, card) = district_and_card();
    let at = date("2025-11-28");
    assert!(matches!(
        ws.challenge(at, None, None, &mut NoProgress),
        Err(WorkspaceError::State(_))
    ));
    let s = spec(&card, ChallengerClasses::Shares);
    let direct = ws.challenge(at, None, Some(&s), &mut NoProgress).unwrap();
    let json = ws.policy_with_challenger(s.clone()).unwrap();
    let digest_before = ws.policy().digest().to_string();
    ws.set_policy_json(&json).unwrap();
    assert_ne!(ws.policy().digest(), digest_before);
    ws.score(date("2026-11-28"), &mut NoProgress).unwrap();
    let held = ws.challenge(at, None, None, &mut NoProgress).unwrap();
    // The same comparison, under the policy's new digest.
    assert_eq!(held.challenger.policy_digest, ws.policy().digest());
    assert_eq!(held.challenger.classes, direct.challenger.classes);
    assert_eq!(held.challenger.auc, direct.challenger.auc);
    assert_eq!(held.challenger.gains, direct.challenger.gains);
    assert_eq!(held.agreement, direct.agreement);

    // A card reading a column the records do not give is refused by its path.
    let mut bad = s.clone();
    bad.card["features"][0]["name"] = serde_json::json!("shoe_size");
    let e = ws.policy_with_challenger(bad.clone()).unwrap_err();
    assert!(
        matches!(&e, WorkspaceError::Policy(p) if p.path == "model.challenger.card.features[0].name"),
        "{e:?}"
    );
    let mut p: serde_json::Value = serde_json::from_str(&json).unwrap();
    p["model"]["challenger"] = serde_json::to_value(&bad).unwrap();
    let e = ws.set_policy_json(&p.to_string()).unwrap_err();
    assert_eq!(e.code(), "policy");
    // A damaged card: its own path under model.challenger.card.
    let mut damaged = s.clone();
    damaged.card["scaling"]["factor"] = serde_json::json!(0.0);
    let e = ws.challenge(at, None, Some(&damaged), &mut NoProgress);
    assert!(
        matches!(&e, Err(WorkspaceError::Policy(p)) if p.path == "model.challenger.card.scaling.factor"),
        "{e:?}"
    );
}

#[test]
fn cut_offs_on_the_card_scale_decide_the_free_classes() {
    let (mut ws, card) = district_and_card();
    let at = date("2025-11-28");
    // Cut-offs above every score: every free enterprise is D.
    let high = spec(
        &card,
        ChallengerClasses::CutOffs {
            a: 3e8,
            b: 2e8,
            c: 1e8,
        },
    );
    let c = ws
        .challenge(at, None, Some(&high), &mut NoProgress)
        .unwrap();
    assert_eq!(c.classes_by, "cut_offs");
    let l = counts(&c, false);
    assert_eq!(&l[..3], &[0, 0, 0]);
    assert_eq!(l[3], c.challenger.population);
    // Cut-offs below every score: every free enterprise is A, unless a list fixed or
    // floored it.
    let low = spec(
        &card,
        ChallengerClasses::CutOffs {
            a: -1e8,
            b: -2e8,
            c: -3e8,
        },
    );
    let c = ws.challenge(at, None, Some(&low), &mut NoProgress).unwrap();
    let l = counts(&c, false);
    assert_eq!(l[0] + c.fixed + c.floored, c.challenger.population);
    assert!(c.challenger.classes[Class::D as usize - 1].count >= c.fixed);
    // Cut-offs that do not fall are refused by their path.
    let wrong = spec(
        &card,
        ChallengerClasses::CutOffs {
            a: 500.0,
            b: 600.0,
            c: 400.0,
        },
    );
    let e = ws.challenge(at, None, Some(&wrong), &mut NoProgress);
    assert!(
        matches!(&e, Err(WorkspaceError::Policy(p)) if p.path == "model.challenger.classes"),
        "{e:?}"
    );
}

#[test]
fn the_cli_fits_on_the_records_and_backtests_the_card_beside_the_classes() {
    let bin = env!("CARGO_BIN_EXE_credit-supervision");
    let dir = std::env::temp_dir().join(format!("challenger-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let card = dir.join("card.json");
    let demo = [
        "--demo",
        "8000",
        "--seed",
        "cli",
        "--as-of",
        "2026-11-28",
        "-q",
    ];
    let out = std::process::Command::new(bin)
        .args(["scorecard", "records"])
        .args(demo)
        .args(["--at", "2024-11-28", "--test-at", "2025-11-28", "--out"])
        .arg(&card)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = std::fs::read_to_string(&card).unwrap();
    let written = Card::from_json(&text).unwrap();
    assert_eq!(summary["cardDigest"], written.digest());
    assert_eq!(summary["rows"]["test"]["at"], "2025-11-28");
    assert!(summary["test"]["auc"].as_f64().unwrap() > 0.6);
    let out = std::process::Command::new(bin)
        .arg("backtest")
        .args(demo)
        .args(["--at", "2025-11-28", "--card"])
        .arg(&card)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(c["cardDigest"], written.digest());
    assert_eq!(c["name"], "card");
    assert_eq!(c["champion"]["population"], c["challenger"]["population"]);
    // --challenger without one in the policy is refused.
    let out = std::process::Command::new(bin)
        .arg("backtest")
        .args(demo)
        .args(["--at", "2025-11-28", "--challenger"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("challenger"));
    std::fs::remove_dir_all(&dir).ok();
}
