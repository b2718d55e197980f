//! Random small inputs give the same results in wasm as natively: the seeded districts of
//! `tests/prop_gen/` loaded and scored through the binding give the digest that
//! `tests/properties.rs` computes natively (`tests/golden/random-small.sha256`).
#![cfg(target_arch = "wasm32")]

mod prop_gen;

use credit_supervision::wasm::*;
use js_sys::Reflect;
use prop_gen::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

fn num(v: &JsValue, key: &str) -> u64 {
    Reflect::get(v, &key.into()).unwrap().as_f64().unwrap() as u64
}

#[wasm_bindgen_test]
fn seeded_random_districts_match_the_native_digest() {
    let mut reports = String::new();
    let mut results = String::new();
    for i in 0..DISTRICTS {
        let mut ws = Workspace::new();
        for (name, bytes) in seeded_district(i) {
            let r = ws.load_csv(&name, &bytes, None, None).unwrap();
            let by_reason = Reflect::get(&r, &"rejectedByReason".into()).unwrap();
            let reasons = js_sys::JSON::stringify(&by_reason)
                .unwrap()
                .as_string()
                .unwrap();
            reports.push_str(&report_line(
                &name,
                [
                    num(&r, "rowsRead"),
                    num(&r, "accepted"),
                    num(&r, "duplicates"),
                    num(&r, "rejected"),
                ],
                &reasons,
            ));
        }
        ws.score(AS_OF, None).unwrap();
        results.push_str(&String::from_utf8(ws.results_csv().unwrap().to_vec()).unwrap());
    }
    let got = credit_supervision::seed::hex(&credit_supervision::seed::digest(&reports, &results));
    assert_eq!(got, include_str!("golden/random-small.sha256").trim());
}
