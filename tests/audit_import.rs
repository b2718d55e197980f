//! The audit trail loads back: exported as JSON or CSV, imported into a new workspace holding
//! the same records, it gives the same scores, classes and export bytes; bad entries are
//! refused with the entry, field and reason, and nothing is applied.

mod rules_cases;

use credit_supervision::audit::Action;
use credit_supervision::date::{parse_date, Date};
use credit_supervision::policy::Class;
use credit_supervision::progress::NoProgress;
use credit_supervision::records::RecordKind;
use credit_supervision::workspace::{Workspace, WorkspaceError};
use rules_cases::*;

const AS_OF: &str = "2024-06-01";

fn d(s: &str) -> Date {
    parse_date(s).unwrap()
}

fn loaded() -> Workspace {
    let mut ws = Workspace::new();
    for (name, text) in files() {
        let r = ws
            .load_csv(name, text.as_bytes(), None, &mut NoProgress)
            .unwrap();
        assert_eq!(r.rejected, 0, "{name}: {:?}", r.errors);
    }
    ws
}

fn scored() -> Workspace {
    let mut ws = loaded();
    ws.score(d(AS_OF), &mut NoProgress).unwrap();
    ws
}

fn index_of(ws: &Workspace, uscc: &str, kind: RecordKind) -> u32 {
    ws.rules_for(uscc, None)
        .unwrap()
        .records
        .iter()
        .find(|r| r.record_kind == kind)
        .unwrap()
        .record_index
}

/// A trail with every kind of entry: dispute, correct, confirm, repair, class adjustment and
/// its removal, over three enterprises.
fn worked() -> Workspace {
    let mut ws = scored();
    let pen = index_of(&ws, CO, RecordKind::Penalty);
    let at = d(AS_OF);
    ws.object(
        CO,
        RecordKind::Penalty,
        pen,
        Action::Dispute,
        "张三",
        "当事人称已撤销",
        at,
        None,
        "t1",
    )
    .unwrap();
    ws.object(
        CO,
        RecordKind::Penalty,
        pen,
        Action::Correct,
        "张三",
        "复议撤销",
        at,
        Some("处罚决定已被撤销, \"复议\"".into()),
        "t2",
    )
    .unwrap();
    let listed = index_of(&ws, CO2, RecordKind::ListEntry);
    ws.object(
        CO2,
        RecordKind::ListEntry,
        listed,
        Action::Confirm,
        "李四",
        "复核确认",
        at,
        None,
        "",
    )
    .unwrap();
    let c = index_of(&ws, CO3, RecordKind::Commitment);
    ws.object(
        CO3,
        RecordKind::Commitment,
        c,
        Action::Repair,
        "王五",
        "已完成信用修复\n（第二行）",
        at,
        None,
        "",
    )
    .unwrap();
    ws.adjust_class(IND, Some(Class::D), "李四", "专项整治对象", at, "")
        .unwrap();
    ws.adjust_class(CO2, Some(Class::B), "李四", "现场核实", at, "")
        .unwrap();
    ws.adjust_class(CO2, None, "李四", "撤回调整", d("2024-06-02"), "")
        .unwrap();
    ws
}

fn same_results(a: &Workspace, b: &Workspace) {
    let (sa, sb) = (a.scoring().unwrap(), b.scoring().unwrap());
    assert_eq!(sa.scores, sb.scores);
    assert_eq!(sa.classes, sb.classes);
    assert_eq!(sa.overrides, sb.overrides);
    assert_eq!(a.results_csv().unwrap(), b.results_csv().unwrap());
    assert_eq!(a.audit_json(), b.audit_json());
    assert_eq!(a.audit_csv(), b.audit_csv());
}

#[test]
fn json_and_csv_round_trip_give_identical_scores_and_exports() {
    let original = worked();
    assert_eq!(original.audit_entries().len(), 7);
    // The trail changed something: the corrected penalty and the adjustment.
    assert_ne!(
        scored().scoring().unwrap().scores,
        original.scoring().unwrap().scores
    );
    for bytes in [original.audit_json().into_bytes(), original.audit_csv()] {
        // Scored first, then imported.
        let mut ws = scored();
        let s = ws.import_audit(&bytes).unwrap();
        assert_eq!((s.entries, s.already_held, s.imported), (7, 0, 7));
        same_results(&original, &ws);
        // Imported before scoring.
        let mut ws = loaded();
        ws.import_audit(&bytes).unwrap();
        ws.score(d(AS_OF), &mut NoProgress).unwrap();
        same_results(&original, &ws);
        // The explanation shows the manual class and the correction's effect.
        assert_eq!(
            ws.explain(IND).unwrap().class,
            original.explain(IND).unwrap().class
        );
        assert_eq!(ws.explain(CO).unwrap(), original.explain(CO).unwrap());
    }
}

#[test]
fn importing_again_or_after_the_first_entries_keeps_what_is_held() {
    let original = worked();
    let json = original.audit_json();
    let mut ws = scored();
    ws.import_audit(json.as_bytes()).unwrap();
    // The same file again: nothing new.
    let s = ws.import_audit(json.as_bytes()).unwrap();
    assert_eq!((s.already_held, s.imported), (7, 0));
    assert_eq!(ws.audit_entries().len(), 7);
    // A workspace that holds the first three entries takes the other four.
    let first: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let mut part = scored();
    part.import_audit(serde_json::to_string(&first[..3]).unwrap().as_bytes())
        .unwrap();
    let s = part.import_audit(json.as_bytes()).unwrap();
    assert_eq!((s.already_held, s.imported), (3, 4));
    same_results(&original, &part);
    // A workspace with a different entry refuses the file and keeps its own trail.
    let mut other = scored();
    other
        .adjust_class(CO, Some(Class::C), "赵六", "另行调整", d(AS_OF), "")
        .unwrap();
    let e = other.import_audit(json.as_bytes()).unwrap_err();
    assert_eq!(e.code(), "audit");
    assert!(e.to_string().contains("entry 1"), "{e}");
    assert_eq!(other.audit_entries().len(), 1);
}

fn import_error(ws: &mut Workspace, text: &str) -> credit_supervision::audit::ImportError {
    match ws.import_audit(text.as_bytes()).unwrap_err() {
        WorkspaceError::AuditImport(e) => e,
        other => panic!("{other}"),
    }
}

#[test]
fn bad_entries_are_refused_with_entry_field_and_reason_and_nothing_applies() {
    let json = worked().audit_json();
    let mut list: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let mut ws = scored();
    let before = ws.scoring().unwrap().scores.clone();

    // An enterprise not in the store (valid code): entry 4, field uscc.
    list[3]["uscc"] = "91420112MA4K00004H".into();
    let e = import_error(&mut ws, &serde_json::to_string(&list).unwrap());
    assert_eq!((e.entry, e.path().as_str()), (4, "[3].uscc"));
    assert!(e.message.contains("not in the loaded records"), "{e}");
    list[3]["uscc"] = CO3.into();

    // A record the enterprise does not have.
    list[1]["record"] = "东市监罚〔2024〕99号 价格；罚款".into();
    let e = import_error(&mut ws, &serde_json::to_string(&list).unwrap());
    assert_eq!(e.path(), "[1].record");
    assert!(e.message.contains("no penalty record"), "{e}");
    list[1] = serde_json::from_str::<Vec<serde_json::Value>>(&json).unwrap()[1].clone();

    // Other checks, one field each.
    let cases: &[(usize, &str, serde_json::Value, &str)] = &[
        (0, "seq", 5.into(), "expected 1"),
        (0, "at", "2024-13-01".into(), "not a date"),
        (0, "reason", " ".into(), "required"),
        (0, "action", "undo".into(), "not an action"),
        (0, "uscc", "914403001922038217".into(), "check"),
        (0, "recordKind", "ledger".into(), "not a record kind"),
        (1, "correction", serde_json::Value::Null, "required"),
        (0, "correction", "x".into(), "only a correction"),
        (4, "classTo", "E".into(), "not a class"),
        (4, "record", "x".into(), "names no record"),
        (2, "classFrom", "A".into(), "only a class adjustment"),
    ];
    for (i, field, value, why) in cases {
        let mut bad = list.clone();
        bad[*i][*field] = value.clone();
        let e = import_error(&mut ws, &serde_json::to_string(&bad).unwrap());
        assert_eq!(e.path(), format!("[{i}].{field}"), "{e}");
        assert!(
            e.message.to_lowercase().contains(why),
            "{field}: {e} should say {why}"
        );
    }
    // Not a trail at all.
    let e = import_error(&mut ws, "{\"seq\":1}");
    assert_eq!(e.entry, 0);
    assert!(import_error(&mut ws, "").message.contains("empty"));

    // Nothing was applied by any refused import.
    assert!(ws.audit_entries().is_empty());
    assert_eq!(ws.scoring().unwrap().scores, before);
}

#[test]
fn csv_errors_name_the_header_and_line() {
    let csv = String::from_utf8(worked().audit_csv()).unwrap();
    // The correction of entry 2 emptied: the field is named by its CSV header.
    let cell = "\"处罚决定已被撤销, \"\"复议\"\"\"";
    assert!(csv.contains(cell), "{csv}");
    let bad = csv.replace(cell, "");
    let mut ws = scored();
    let e = import_error(&mut ws, &bad);
    assert_eq!(e.entry, 2, "{e}");
    assert_eq!(e.field.as_deref(), Some("更正为"), "{e}");
    assert_eq!(e.line, Some(3), "{e}");
    // A foreign CSV.
    let e = import_error(&mut ws, "a,b\n1,2\n");
    assert!(e.message.contains("序号"), "{e}");
}

/// Text beginning with a formula character is written formula-safe in the CSV trail (a
/// leading `'`), and the import takes exactly that `'` off: the entries come back as typed,
/// including a text that itself began with `'`.
#[test]
fn formula_safe_csv_trail_round_trips_exactly() {
    let mut ws = scored();
    let pen = index_of(&ws, CO, RecordKind::Penalty);
    let at = d(AS_OF);
    ws.object(
        CO,
        RecordKind::Penalty,
        pen,
        Action::Dispute,
        "=HYPERLINK(\"http://x\",\"张三\")",
        "-已撤销；+核实",
        at,
        None,
        "@2024-06-01",
    )
    .unwrap();
    ws.object(
        CO,
        RecordKind::Penalty,
        pen,
        Action::Correct,
        "'=李四",
        "＝全角",
        at,
        Some("\t更正".into()),
        "'plain",
    )
    .unwrap();
    let csv = ws.audit_csv();
    let text = String::from_utf8(csv.clone()).unwrap();
    for line in text.lines().skip(1) {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']),
                "{cell:?} in {line:?}"
            );
        }
    }
    let mut back = scored();
    back.import_audit(&csv).unwrap();
    assert_eq!(back.audit_entries(), ws.audit_entries());
    assert_eq!(back.audit_csv(), csv);
    // JSON keeps the values exact.
    assert!(ws.audit_json().contains("\"who\": \"=HYPERLINK("));
}
