//! What the page asks the core through the binding: `vocabulary()` and `sniff()`. Run by
//! `wasm-pack test --node` and (with `WASM_BINDGEN_USE_BROWSER=1`) `wasm-pack test --headless
//! --chrome`.
#![cfg(target_arch = "wasm32")]

use credit_supervision::wasm::*;
use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn text(v: &JsValue, key: &str) -> String {
    get(v, key)
        .as_string()
        .unwrap_or_else(|| panic!("{key} is not a string"))
}

fn list(v: &JsValue, key: &str) -> Vec<JsValue> {
    Array::from(&get(v, key)).iter().collect()
}

#[wasm_bindgen_test]
fn vocabulary_names_classes_actions_encodings_and_failures_in_both_languages() {
    let v = vocabulary().unwrap();
    let classes = list(&v, "classes");
    let letters: Vec<String> = classes.iter().map(|c| text(c, "letter")).collect();
    assert_eq!(letters, ["A", "B", "C", "D"]);
    assert_eq!(get(&classes[0], "code").as_f64(), Some(1.0));
    assert_eq!(text(&classes[0], "riskZh"), "低风险");
    assert_eq!(text(&classes[3], "riskEn"), "high risk");
    let none = get(&v, "unclassified");
    assert_eq!(
        (get(&none, "code").as_f64(), text(&none, "letter")),
        (Some(0.0), "-".into())
    );

    let actions = list(&v, "auditActions");
    let objections: Vec<String> = actions
        .iter()
        .filter(|a| get(a, "objection").as_bool() == Some(true))
        .map(|a| text(a, "code"))
        .collect();
    assert_eq!(objections, ["dispute", "correct", "confirm", "repair"]);
    assert!(actions
        .iter()
        .all(|a| !text(a, "zh").is_empty() && !text(a, "en").is_empty()));

    let encodings: Vec<String> = list(&v, "encodings")
        .iter()
        .map(|e| text(e, "code"))
        .collect();
    assert_eq!(encodings, ["utf-8", "gb18030", "utf-16le", "utf-16be"]);
    let reasons: Vec<String> = list(&v, "fileFailures")
        .iter()
        .map(|f| text(f, "code"))
        .collect();
    assert!(
        reasons.contains(&"unknown_kind".to_string()) && reasons.contains(&"not_text".to_string())
    );
    let kinds = list(&v, "recordKinds");
    assert_eq!(text(&kinds[0], "code"), "registration");
    let results = list(&get(&v, "records"), "inspectionResult");
    assert_eq!(text(&results[0], "zh"), "未发现问题");
}

#[wasm_bindgen_test]
fn sniff_tells_format_encoding_delimiter_header_and_kind() {
    let tsv = "统一社会信用代码\t企业名称\t成立日期\n914403001922038216\t甲\t2010-01-01\n";
    let s = sniff("r.tsv", tsv.as_bytes(), None).unwrap();
    assert_eq!(text(&s, "format"), "csv");
    assert_eq!(text(&s, "encoding"), "utf-8");
    assert_eq!(text(&s, "delimiter"), "\t");
    assert_eq!(get(&s, "headerLine").as_f64(), Some(1.0));
    assert_eq!(text(&s, "kind"), "registration");
    assert_eq!(list(&s, "headers").len(), 3);

    // An unknown kind is no error: the headers come back to be mapped.
    let s = sniff("x.csv", b"a;b;c\n", Some(r#"{"encoding":"gbk"}"#.into())).unwrap();
    assert_eq!(text(&s, "encoding"), "gb18030");
    assert_eq!(text(&s, "delimiter"), ";");
    assert!(get(&s, "kind").is_null());
    assert_eq!(list(&s, "headers").len(), 3);

    let s = sniff("w.xlsx", b"PK\x03\x04\x14\x00", None).unwrap();
    assert_eq!(text(&s, "format"), "xlsx");
}

#[wasm_bindgen_test]
fn sniff_fails_as_loading_would_with_a_real_error() {
    let e = sniff("scan.csv", b"\x89PNG\x00\x00\x01\x02\x80", None).unwrap_err();
    assert!(e.is_instance_of::<js_sys::Error>());
    assert_eq!(text(&e, "code"), "csv");
    assert_eq!(text(&e, "reason"), "not_text");
    assert_eq!(text(&e, "file"), "scan.csv");
    let e = sniff("e.csv", b"", None).unwrap_err();
    assert_eq!(text(&e, "reason"), "empty");
    let e = sniff("x.csv", b"a,b\n", Some("{\"delimiter\": \"ab\"}".into())).unwrap_err();
    assert_eq!(text(&e, "code"), "argument");
}
