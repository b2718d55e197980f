//! The policy digest covers every setting: change any one value of the policy (every number,
//! flag, text and date, at every depth) and the digest moves. Two policies that score, draw or
//! time a deadline differently can therefore never share a digest.

use credit_supervision::policy::Policy;
use serde_json::Value;

/// Every leaf of a JSON value with its path.
fn leaves(v: &Value, path: String, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                leaves(x, format!("{path}/{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                leaves(x, format!("{path}/{i}"), out);
            }
        }
        _ => out.push((path, v.clone())),
    }
}

/// Other values a leaf could take, most likely to pass the policy's checks first; `texts` are
/// every text of the policy, so an enumerated value can take another of its kind.
fn variants(v: &Value, texts: &[String]) -> Vec<Value> {
    match v {
        Value::Bool(b) => vec![Value::Bool(!b)],
        Value::Number(n) => {
            let x = n.as_f64().unwrap();
            let mut out = Vec::new();
            if n.is_u64() || n.is_i64() {
                let i = n.as_i64().unwrap();
                out.extend(
                    [i + 1, i - 1]
                        .into_iter()
                        .filter(|&j| j >= 0)
                        .map(Value::from),
                );
            }
            out.extend([x * 0.9, x * 1.1, x + 0.5, x - 0.5].map(Value::from));
            out
        }
        Value::String(s) => {
            let mut out = Vec::new();
            // Dates move by a day; letters and ids take their neighbours.
            if let Some(d) = credit_supervision::date::parse_date(s) {
                let next = d.succ_opt().unwrap();
                out.push(Value::from(credit_supervision::date::format_date(next)));
            }
            out.extend(
                texts
                    .iter()
                    .filter(|t| *t != s)
                    .map(|t| Value::from(t.as_str())),
            );
            out.push(Value::from(format!("{s}x")));
            out
        }
        Value::Null => vec![Value::from(0.5), Value::from(1)],
        _ => Vec::new(),
    }
}

#[test]
fn every_setting_moves_the_digest() {
    let base = Policy::default().check().unwrap();
    let json: Value = serde_json::from_str(&base.policy().to_json()).unwrap();
    let mut all = Vec::new();
    leaves(&json, String::new(), &mut all);
    let mut texts: Vec<String> = all
        .iter()
        .filter_map(|(_, v)| v.as_str().map(str::to_string))
        .collect();
    texts.sort();
    texts.dedup();
    let mut checked = 0;
    let mut untested = Vec::new();
    for (path, value) in &all {
        let mut moved = false;
        for v in variants(value, &texts) {
            let mut j = json.clone();
            *j.pointer_mut(path).unwrap() = v;
            let Ok(p) = serde_json::from_value::<Policy>(j) else {
                continue;
            };
            let Ok(valid) = p.check() else {
                continue;
            };
            if valid.policy() == base.policy() {
                continue;
            }
            assert_ne!(
                valid.digest(),
                base.digest(),
                "changing {path} from {value} left the digest as it was"
            );
            moved = true;
            break;
        }
        if moved {
            checked += 1;
        } else {
            untested.push(path.clone());
        }
    }
    // Most leaves take another valid value; the few that cannot (e.g. a value the checks pin)
    // are listed so a new setting is not skipped unseen.
    assert!(checked > 200, "only {checked} settings were changed");
    assert!(
        untested.len() * 20 < all.len(),
        "settings no variant could change: {untested:?}"
    );
}

#[test]
fn the_rules_section_and_the_audit_switch_are_in_the_digest() {
    let base = Policy::default();
    let d0 = base.clone().check().unwrap().digest().to_string();
    let mut p = base.clone();
    p.rules.audit.disputed_record_counts = !p.rules.audit.disputed_record_counts;
    assert_ne!(p.check().unwrap().digest(), d0);
    let mut p = base.clone();
    p.rules.publicity.withdraw_within_working_days += 1;
    assert_ne!(p.check().unwrap().digest(), d0);
    let mut p = base;
    p.inspection.overall_ratio = 0.06;
    assert_ne!(p.check().unwrap().digest(), d0);
}
