//! The policy editor's side of the core: the form (every field a path of the policy with its
//! default), and the change between two scorings of the same records.

use credit_supervision::date::parse_date;
use credit_supervision::policy::form::{policy_form, value_at, FieldKind};
use credit_supervision::policy::Policy;
use credit_supervision::progress::NoProgress;
use credit_supervision::workspace::Workspace;

fn demo() -> Workspace {
    let mut ws = Workspace::new();
    let d = parse_date("2026-11-28").unwrap();
    ws.generate_demo(3000, "form", d, &mut NoProgress).unwrap();
    ws
}

#[test]
fn a_policy_edited_through_the_form_is_checked_and_changes_the_classes_it_should() {
    let form = policy_form();
    let mut ws = demo();
    let d = parse_date("2026-11-28").unwrap();
    ws.score(d, &mut NoProgress).unwrap();
    assert!(
        ws.last_change().is_none(),
        "the first scoring has nothing to compare with"
    );
    let before: Vec<u8> = ws.scoring().unwrap().classes.clone();

    // Raise A's cut-off by 30 through the form's path: some A become B, nothing else moves.
    let field = form.fields.iter().find(|f| f.path == "cutoffs.a").unwrap();
    assert_eq!(field.kind, FieldKind::Number);
    let mut doc = serde_json::to_value(ws.policy().policy()).unwrap();
    let a = value_at(&doc, "cutoffs.a").unwrap().as_f64().unwrap();
    doc["cutoffs"]["a"] = serde_json::json!(a + 30.0);
    ws.set_policy_json(&doc.to_string()).unwrap();
    ws.score(d, &mut NoProgress).unwrap();
    let after = &ws.scoring().unwrap().classes;
    let moved = before.iter().zip(after).filter(|(x, y)| x != y).count();
    let c = ws.last_change().unwrap().clone();
    assert!(c.moved > 0);
    assert_eq!(c.moved, moved);
    assert_eq!(c.matrix.iter().flatten().sum::<usize>(), before.len());
    assert_eq!(c.matrix[1][2], moved, "only A → B");
    assert_ne!(c.from_policy_digest, c.to_policy_digest);
    assert_eq!(
        (c.from_as_of.as_str(), c.to_as_of.as_str()),
        ("2026-11-28", "2026-11-28")
    );

    // The same again: nothing moves.
    ws.score(d, &mut NoProgress).unwrap();
    assert_eq!(ws.last_change().unwrap().moved, 0);

    // Another as-of date on the same records is compared too.
    let earlier = parse_date("2025-11-28").unwrap();
    ws.score(earlier, &mut NoProgress).unwrap();
    let c = ws.last_change().unwrap();
    assert_eq!(c.to_as_of, "2025-11-28");
    assert!(c.moved > 0);

    // New records: no comparison.
    ws.generate_demo(3000, "other", d, &mut NoProgress).unwrap();
    ws.score(d, &mut NoProgress).unwrap();
    assert!(ws.last_change().is_none());
}

#[test]
fn a_value_the_check_refuses_is_named_by_the_forms_path() {
    let mut ws = demo();
    let form = policy_form();
    for (path, bad) in [
        ("cutoffs.b", serde_json::json!(10_000.0)),
        ("indicators.penalty.window_months", serde_json::json!(0)),
        ("inspection.overall_ratio", serde_json::json!(1.5)),
    ] {
        assert!(form.fields.iter().any(|f| f.path == path), "{path}");
        let mut doc = serde_json::to_value(Policy::default()).unwrap();
        let mut v = &mut doc;
        for k in path.split('.') {
            v = v.get_mut(k).unwrap();
        }
        *v = bad;
        let e = ws.set_policy_json(&doc.to_string()).unwrap_err();
        assert_eq!(e.code(), "policy");
        let shown = e.to_string();
        assert!(shown.contains(path), "{path}: {shown}");
    }
}
