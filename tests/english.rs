//! English beside the Chinese (issue 14): every text of the rules answers and of the score
//! explanation exists in both languages, the English without a CJK character, and a text
//! that embeds dates carries the same dates in both.
//!
//! The records here write their own values (decision numbers, tasks, items) in ASCII, so any
//! CJK character in an English text is the core's.

use credit_supervision::date::parse_date;
use credit_supervision::law::lists::{
    abnormal, serious, serious_eligibility, SERIOUS_CONSEQUENCES, SERIOUS_CONSEQUENCES_EN,
};
use credit_supervision::law::regime::{article_en, AbnormalText, Regime, Rule};
use credit_supervision::law::{has_cjk, publicity, PenaltyFacts};
use credit_supervision::policy::measures::default_catalogue;
use credit_supervision::policy::{Grade, RulesPolicy};
use credit_supervision::progress::NoProgress;
use credit_supervision::records::*;
use credit_supervision::workspace::Workspace;
use serde_json::Value;

fn english_ok(what: &str, en: &str) {
    assert!(!en.trim().is_empty(), "{what}: empty English");
    assert!(!has_cjk(en), "{what}: CJK in English: {en}");
}

/// Every value of every record vocabulary has an English term.
#[test]
fn every_vocabulary_value_has_english() {
    macro_rules! all {
        ($($t:ty),+) => {$(
            for v in <$t>::ALL {
                english_ok(&format!("{} {}", stringify!($t), v.code()), v.en());
            }
        )+};
    }
    all!(
        EntityType,
        RegStatus,
        LicenceStatus,
        Procedure,
        PenaltyKind,
        Domain,
        InspectionKind,
        InspectionResult,
        ListKind,
        ListReason,
        CommitmentOutcome,
        ComplaintKind
    );
    for g in [Grade::Minor, Grade::General, Grade::Serious] {
        english_ok(&format!("{g:?}"), g.en());
    }
    for r in [Regime::Rules2021, Regime::Order107] {
        english_ok(&format!("{r:?}"), r.en());
    }
    assert_eq!(SERIOUS_CONSEQUENCES.len(), SERIOUS_CONSEQUENCES_EN.len());
    for c in SERIOUS_CONSEQUENCES_EN {
        english_ok("serious consequence", c);
    }
}

/// Every basis the law layer gives has an English twin naming the same article numbers.
#[test]
fn every_basis_has_english() {
    for regime in [Regime::Rules2021, Regime::Order107] {
        for rule in Rule::ALL {
            let b = rule.basis(regime);
            english_ok(&format!("{rule:?} {regime:?}: {}", b.basis), &b.basis_en);
        }
        let texts = [
            AbnormalText::Rules2014,
            AbnormalText::Regs2024,
            AbnormalText::Order101,
        ];
        for t in texts {
            for individual in [false, true] {
                for &reason in ListReason::ALL {
                    for b in [
                        t.listing(reason, individual, regime),
                        t.removal(reason, individual, regime),
                    ] {
                        english_ok(&b.basis, &b.basis_en);
                    }
                }
                let b = t.objection(individual, regime);
                english_ok(&b.basis, &b.basis_en);
            }
        }
        for b in [
            AbnormalText::transfer(regime),
            AbnormalText::transfer_abolished(regime),
        ] {
            english_ok(&b.basis, &b.basis_en);
        }
    }
    assert_eq!(article_en("第四条第（一）项、第六条"), "art. 4(1), art. 6");
    assert_eq!(article_en("第十三条至第十五条"), "arts. 13–15");
    assert_eq!(article_en("第二条、第五条至第十二条"), "art. 2, arts. 5–12");
    assert_eq!(article_en("第三十三条第四款"), "art. 33, para. 4");
    assert_eq!(article_en("第二十一条"), "art. 21");
    let b = Rule::PublicityDeadline.basis(Regime::Rules2021);
    assert!(b.basis_en.ends_with("arts. 9, art. 10") || b.basis_en.ends_with("art. 9, art. 10"));
    let b = Rule::Incentives.basis(Regime::Order107);
    assert!(
        b.basis_en.ends_with("(article to be checked)"),
        "{}",
        b.basis_en
    );
}

/// The default measures catalogue has English bases and exits.
#[test]
fn default_measures_have_english() {
    for m in default_catalogue() {
        english_ok(&format!("{} basis", m.id), &m.basis_english());
        english_ok(&format!("{} exit", m.id), &m.exit_english());
    }
}

fn d(s: &str) -> credit_supervision::date::Date {
    parse_date(s).unwrap()
}

/// The ISO dates a text holds, in order.
fn dates(s: &str) -> Vec<String> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 10 <= b.len() {
        let w = &b[i..i + 10];
        let is_date = w.iter().enumerate().all(|(k, c)| match k {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
        if is_date {
            out.push(String::from_utf8_lossy(w).into_owned());
            i += 10;
        } else {
            i += 1;
        }
    }
    out
}

/// The numbers a text holds (dates included), sorted: the same values in both languages.
fn numbers(s: &str) -> Vec<String> {
    let mut out: Vec<String> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect();
    out.sort();
    out
}

/// The pairs (Chinese, English) of a publicity answer made directly, in both languages with
/// the same dates.
#[test]
fn publicity_and_list_answers_carry_the_same_dates() {
    let rules = RulesPolicy::default();
    let cal = credit_supervision::calendar::Calendar::builtin();
    let mut p = Penalty {
        procedure_text: credit_supervision::strpool::StrId(0),
        domain_text: credit_supervision::strpool::StrId(0),
        ent: 0,
        decision_no: credit_supervision::strpool::StrId(0),
        date: d("2025-12-20"),
        procedure: Procedure::General,
        kinds: PenaltyKinds::parse("罚款;限制从业").unwrap(),
        fine: Some(100_000.0),
        domain: Domain::Food,
        aggravated: true,
        fulfilled: true,
        harm_eliminated: false,
        published: None,
        restriction_months: None,
        revoked: Some(d("2026-02-02")),
    };
    for as_of in ["2026-01-10", "2026-03-01", "2025-12-21"] {
        let x = publicity(&rules, &cal, &p, None, PenaltyFacts::of(&p), d(as_of));
        english_ok("reason", &x.reason_en);
        assert_eq!(dates(&x.reason_zh), dates(&x.reason_en), "{as_of}");
        assert_eq!(numbers(&x.reason_zh), numbers(&x.reason_en), "{as_of}");
        assert_eq!(x.notes.len(), x.notes_en.len());
        assert!(!x.notes.is_empty());
        for (zh, en) in x.notes.iter().zip(&x.notes_en) {
            english_ok(zh, en);
            assert_eq!(dates(zh), dates(en));
            assert_eq!(numbers(zh), numbers(en), "{zh} / {en}");
        }
        english_ok(&x.basis.basis, &x.basis.basis_en);
    }
    // Not published: the reason in both.
    p.procedure = Procedure::Simple;
    let x = publicity(
        &rules,
        &cal,
        &p,
        None,
        PenaltyFacts::of(&p),
        d("2026-03-01"),
    );
    assert!(!x.published);
    english_ok(&x.reason_zh, &x.reason_en);
    assert_eq!(x.notes.len(), x.notes_en.len());
    p.procedure = Procedure::General;
    let e = serious_eligibility(&rules, &p);
    for c in &e.conditions {
        english_ok(&c.zh, &c.en);
        english_ok(&c.detail, &c.detail_en);
    }

    // A false-information listing after Order 101 (a note), an unreachable one under the
    // 2014 texts (a transfer that no longer applies), each reason's cure.
    for &reason in ListReason::ALL {
        for listed in ["2021-06-01", "2025-04-01"] {
            let entry = ListEntry {
                reason_text: credit_supervision::strpool::StrId(0),
                ent: 0,
                list: ListKind::Abnormal,
                reason,
                listed: d(listed),
                removed: None,
                authority: credit_supervision::strpool::StrId(0),
            };
            for entity in [Some(EntityType::Company), Some(EntityType::Individual)] {
                let a = abnormal(&rules, &entry, entity, d("2025-06-01"));
                for (zh, en) in [
                    (a.status_zh, a.status_en),
                    (a.reason_zh, a.reason_en),
                    (a.cure_zh, a.cure_en),
                ] {
                    english_ok(zh, en);
                }
                assert_eq!(a.notes.len(), a.notes_en.len());
                for (zh, en) in a.notes.iter().zip(&a.notes_en) {
                    english_ok(zh, en);
                    assert_eq!(dates(zh), dates(en));
                }
                if let Some(t) = &a.transfer {
                    assert_eq!(t.note_zh.is_some(), t.note_en.is_some());
                    if let (Some(zh), Some(en)) = (&t.note_zh, &t.note_en) {
                        english_ok(zh, en);
                        assert_eq!(dates(zh), dates(en));
                    }
                    english_ok(&t.basis.basis, &t.basis.basis_en);
                }
            }
            let s = serious(
                &rules,
                &ListEntry {
                    list: ListKind::Serious,
                    ..entry
                },
                &[],
                d("2025-06-01"),
            );
            english_ok(s.reason_zh, s.reason_en);
            assert_eq!(s.consequences.len(), s.consequences_en.len());
        }
    }
}

/// Records covering every kind of answer, written with ASCII record values.
fn files() -> Vec<(&'static str, String)> {
    const A: &str = "914403001922038216";
    const B: &str = "91330100716105852F";
    const C: &str = "92420112MA4K000015";
    const E: &str = "91420112MA4K00002B";
    vec![
        (
            "registration.csv",
            format!(
                "uscc,name,entity_type,established,status,region,address\n\
                 {A},A Co,公司,2010-05-01,存续,R1,No. 1\n\
                 {B},B Food Co,公司,2015-03-02,存续,R2,No. 2\n\
                 {C},C Shop,个体工商户,2018-03-02,存续,R2,No. 3\n\
                 {E},E Co,公司,2012-03-02,存续,R2,No. 4\n"
            ),
        ),
        (
            "penalty.csv",
            format!(
                "uscc,decision_no,decision_date,procedure,penalty_kinds,fine,domain,aggravated,fulfilled,harm_eliminated,published_date,restriction_months,revoked_date\n\
                 {A},P-2024-1,2024-03-01,普通,罚款,60000,价格,否,是,是,,,\n\
                 {A},P-2025-9,2025-06-01,普通,罚款,60000,价格,否,否,是,2025-06-10,,\n\
                 {A},P-2026-1,2026-01-05,普通,罚款,1000,广告,否,是,是,,,\n\
                 {A},P-2026-2,2026-01-06,普通,罚款,90000,广告,否,是,是,,,2026-02-02\n\
                 {A},P-2026-3,2026-01-07,简易,罚款,100,广告,否,是,是,,,\n\
                 {B},P-2024-2,2024-03-01,普通,罚款,80000,食品,是,是,是,,,\n\
                 {B},P-2024-3,2024-04-01,普通,吊销许可证件,,食品,否,是,是,,,\n\
                 {B},P-2024-4,2024-01-20,普通,限制从业,,食品,否,是,否,,,\n\
                 {B},P-2026-4,2026-01-20,普通,限制开展生产经营活动,,食品,否,是,是,,60,\n"
            ),
        ),
        (
            "inspection.csv",
            format!(
                "uscc,task_id,inspection_date,inspection_kind,result\n\
                 {A},T-1,2025-11-03,双随机,发现问题已责令改正\n\
                 {A},T-2,2026-01-12,定向,发现问题待后续处理\n\
                 {C},T-3,2025-12-01,双随机,通过登记的住所(经营场所)无法联系\n\
                 {E},T-4,2025-10-01,双随机,未发现问题\n"
            ),
        ),
        (
            "list_entry.csv",
            format!(
                "uscc,list,reason,listed_date,removed_date,authority\n\
                 {C},经营异常名录,未按规定报送年度报告,2023-07-10,,X\n\
                 {A},经营异常名录,公示信息隐瞒真实情况弄虚作假,2025-04-01,,X\n\
                 {E},经营异常名录,通过登记的住所(经营场所)无法联系,2021-06-01,,X\n\
                 {B},严重违法失信名单,受到较重行政处罚,2024-02-29,,X\n"
            ),
        ),
        (
            "commitment.csv",
            format!(
                "uscc,item,committed_date,due_date,verified_date,outcome\n\
                 {E},ITEM-1,2024-03-01,2024-05-01,2024-05-10,虚假承诺\n\
                 {E},ITEM-2,2025-03-01,2025-05-01,2025-06-10,未履行承诺\n\
                 {A},ITEM-3,2025-03-01,2025-05-01,2025-05-10,履行承诺\n"
            ),
        ),
        (
            "annual_report.csv",
            format!("uscc,year,filed\n{C},2024,2025-08-01\n{A},2024,2025-05-01\n"),
        ),
    ]
}

const USCCS: [&str; 4] = [
    "914403001922038216",
    "91330100716105852F",
    "92420112MA4K000015",
    "91420112MA4K00002B",
];

/// The Chinese keys of an answer and their English twins.
fn twin(key: &str) -> Option<String> {
    match key {
        "zh" => Some("en".into()),
        "detail" | "basis" | "notes" | "why" | "exit" | "consequences" => Some(format!("{key}En")),
        k if k.ends_with("Zh") && k != "dimensionZh" && k != "kindZh" => {
            Some(format!("{}En", &k[..k.len() - 2]))
        }
        _ => None,
    }
}

/// Walks an answer: every Chinese text has its English twin, which has no CJK character and
/// the same dates and numbers. Returns how many pairs were checked.
fn check_pairs(v: &Value, path: &str, seen: &mut std::collections::BTreeSet<String>) -> usize {
    let mut n = 0;
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = format!("{path}.{k}");
                n += check_pairs(x, &p, seen);
                let Some(en_key) = twin(k) else { continue };
                let en = m
                    .get(&en_key)
                    .unwrap_or_else(|| panic!("{p}: no {en_key} beside it"));
                let pairs: Vec<(&str, &str)> = match (x, en) {
                    (Value::String(zh), Value::String(en)) => vec![(zh, en)],
                    (Value::Array(zh), Value::Array(en)) => {
                        assert_eq!(zh.len(), en.len(), "{p}");
                        zh.iter()
                            .zip(en)
                            .map(|(a, b)| (a.as_str().unwrap(), b.as_str().unwrap()))
                            .collect()
                    }
                    (Value::Null, Value::Null) => vec![],
                    _ => panic!("{p}: {x} against {en}"),
                };
                for (zh, en) in pairs {
                    if zh.is_empty() {
                        assert!(en.is_empty(), "{p}: {en}");
                        continue;
                    }
                    // A measure's name is the policy's data (`rules.measures[i].en`); the
                    // default catalogue's English name of `no_commitment` keeps the term
                    // 告知承诺, and changing it would change the default policy's digest.
                    if k == "zh" && path.contains(".measures[") {
                        assert!(!en.trim().is_empty(), "{p}");
                        n += 1;
                        continue;
                    }
                    english_ok(&format!("{p} ({zh})"), en);
                    seen.insert(p.split('.').next_back().unwrap_or("").to_string());
                    n += 1;
                    // A legal citation writes its dates and articles the Chinese way.
                    if k == "basis" || k == "regimeZh" {
                        continue;
                    }
                    assert_eq!(dates(zh), dates(en), "{p}: {zh} / {en}");
                    // Every number of the Chinese is in the English (which also spells out
                    // the articles the Chinese writes in Chinese numerals).
                    let mut en_numbers = numbers(en);
                    for x in numbers(zh) {
                        let at = en_numbers.iter().position(|y| *y == x);
                        let at = at.unwrap_or_else(|| panic!("{p}: {x} missing in {en} ({zh})"));
                        en_numbers.remove(at);
                    }
                }
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                n += check_pairs(x, &format!("{path}[{i}]"), seen);
            }
        }
        _ => {}
    }
    n
}

/// Every answer of the detail view — records, publicity, lists, repair options with their
/// conditions, measures, the score's reasons — in both languages, at dates on both sides of
/// Order 107.
#[test]
fn every_rules_answer_is_in_both_languages() {
    let mut ws = Workspace::new();
    for (name, text) in files() {
        let r = ws
            .load_csv(name, text.as_bytes(), None, &mut NoProgress)
            .unwrap();
        assert_eq!(r.rejected, 0, "{name}: {:?}", r.errors);
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut pairs = 0;
    for as_of in ["2025-06-01", "2025-12-24", "2026-02-10", "2026-04-20"] {
        ws.score(d(as_of), &mut NoProgress).unwrap();
        for uscc in USCCS {
            let r = serde_json::to_value(ws.rules_for(uscc, None).unwrap()).unwrap();
            pairs += check_pairs(&r, &format!("{uscc}@{as_of}"), &mut seen);
            let x = serde_json::to_value(ws.explain(uscc).unwrap()).unwrap();
            pairs += check_pairs(&x, &format!("{uscc}@{as_of}.explain"), &mut seen);
        }
    }
    assert!(pairs > 300, "{pairs}");
    // Every kind of text was met at least once.
    for key in [
        "detail",
        "basis",
        "notes",
        "why",
        "exit",
        "consequences",
        "zh",
        "reasonZh",
        "statusZh",
        "cureZh",
        "noteZh",
        "summaryZh",
        "decisionAfterZh",
        "regimeZh",
    ] {
        assert!(seen.contains(key), "{key} never met: {seen:?}");
    }
}

/// A repair option and a measure on a constructed case: the same dates in both languages.
#[test]
fn repair_option_and_measure_agree_in_both_languages() {
    let mut ws = Workspace::new();
    for (name, text) in files() {
        ws.load_csv(name, text.as_bytes(), None, &mut NoProgress)
            .unwrap();
    }
    ws.score(d("2026-04-20"), &mut NoProgress).unwrap();
    // B on the serious list since 2024-02-29: early removal from 2025-02-28, a restriction
    // without a recorded length keeps it unknown.
    let rep = ws.repair("91330100716105852F", None).unwrap();
    let o = rep
        .options
        .iter()
        .find(|o| o.record_kind == RecordKind::ListEntry)
        .unwrap();
    assert!(
        o.summary_zh.starts_with("2025-02-28 起可申请"),
        "{}",
        o.summary_zh
    );
    assert!(
        o.summary_en.starts_with("may apply from 2025-02-28"),
        "{}",
        o.summary_en
    );
    let within = o
        .conditions
        .iter()
        .find(|c| c.id == "within_period")
        .unwrap();
    assert_eq!(within.detail, "2027-02-28 期满");
    assert_eq!(within.detail_en, "ends 2027-02-28");
    assert!(
        o.basis.basis_en.starts_with("SAMR Order No. 107"),
        "{}",
        o.basis.basis_en
    );
    let after_zh = o.decision_after_zh.as_deref().unwrap();
    let after_en = o.decision_after_en.as_deref().unwrap();
    assert_eq!(dates(after_zh), dates(after_en));
    assert_eq!(numbers(after_zh), numbers(after_en));
    assert_eq!(rep.regime_en, Regime::Order107.en());

    // E's false commitment (2024-05-10): no 告知承诺, its record described in both.
    let ms = ws.measures("91420112MA4K00002B", None).unwrap();
    let m = ms.iter().find(|m| m.id == "no_commitment").unwrap();
    assert!(m.applies);
    assert_eq!(m.why, vec!["ITEM-1：虚假承诺".to_string()]);
    assert_eq!(m.why_en, vec!["ITEM-1: false commitment".to_string()]);
    assert!(m
        .exit_en
        .starts_with("removed from the serious violations list"));
    assert!(m.basis_en.contains("art. 15, item (3)"), "{}", m.basis_en);
    let g = ms.iter().find(|m| m.id == "green_channel").unwrap();
    assert_eq!(g.why.len(), g.why_en.len());
    assert_eq!(dates(&g.why.join(" ")), dates(&g.why_en.join(" ")));
    assert!(g.why_en[0].contains("negative record"), "{:?}", g.why_en);
}
