//! The XLSX exports in WebAssembly (`wasm-pack test --node -- --test wasm_xlsx`): the demo's
//! results workbook has the bytes tests/xlsx_exports.rs asserts natively (its SHA-256 in
//! tests/golden/results-xlsx-demo-3000.sha256) — the creation date is the as-of date, never
//! the clock — and the other workbooks are zip files in either language.
#![cfg(target_arch = "wasm32")]

use credit_supervision::wasm::*;
use js_sys::Reflect;
use sha2::{Digest, Sha256};
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn demo_results_workbook_has_the_native_bytes() {
    let mut ws = Workspace::new();
    ws.generate_demo(3000.0, "golden", "2026-11-28", None)
        .unwrap();
    ws.score("2026-11-28", None).unwrap();
    let x = ws.results_xlsx(None).unwrap().to_vec();
    assert_eq!(
        credit_supervision::seed::hex(&Sha256::digest(&x)),
        include_str!("golden/results-xlsx-demo-3000.sha256").trim()
    );
    assert_eq!(ws.results_xlsx(Some("zh".into())).unwrap().to_vec(), x);
    ws.draw("golden-draw", None).unwrap();
    for (name, bytes) in [
        ("results en", ws.results_xlsx(Some("en".into())).unwrap()),
        ("draw", ws.draw_xlsx(None).unwrap()),
        ("draw en", ws.draw_xlsx(Some("en".into())).unwrap()),
        ("audit", ws.audit_xlsx(None).unwrap()),
        ("rejected", ws.rejected_xlsx(0.0, None).unwrap()),
    ] {
        assert_eq!(&bytes.to_vec()[..2], b"PK", "{name}");
    }
    let err = ws.results_xlsx(Some("fr".into())).unwrap_err();
    let get = |k: &str| Reflect::get(&err, &k.into()).unwrap().as_string();
    assert_eq!(get("code").as_deref(), Some("argument"));
    assert_eq!(get("argument").as_deref(), Some("lang"));
    let err = ws.rejected_xlsx(99.0, None).unwrap_err();
    assert_eq!(
        Reflect::get(&err, &"argument".into())
            .unwrap()
            .as_string()
            .as_deref(),
        Some("index")
    );
}
