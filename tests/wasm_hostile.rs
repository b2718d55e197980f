//! Hostile arguments through the WebAssembly binding (issue 10): numbers are taken as JS
//! numbers and range-checked (never wrapped into a `u32`/`i32`), dates and texts checked by the
//! core; every refusal is a JS `Error` with `code` and the `argument`'s name, and the
//! workspace keeps working afterwards. Run by `wasm-pack test --node` and in Chrome.
#![cfg(target_arch = "wasm32")]

use credit_supervision::wasm::*;
use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn text(v: &JsValue, key: &str) -> String {
    get(v, key)
        .as_string()
        .unwrap_or_else(|| panic!("{key} is not a string in {v:?}"))
}

/// Asserts a real JS Error with `code` naming `argument`.
fn refused(e: JsValue, code: &str, argument: &str) {
    assert!(e.is_instance_of::<js_sys::Error>(), "{e:?}");
    assert_eq!(
        (text(&e, "code"), text(&e, "argument")),
        (code.to_string(), argument.to_string()),
        "{e:?}"
    );
}

const REG: &str = "uscc,name,entity_type,established,status,region,address\n\
914403001922038216,\"=HYPERLINK(\"\"http://x\"\")\",公司,2010-05-01,存续,+东西湖,一号\n\
91330100716105852F,乙公司,公司,2015-03-02,存续,径河街道,二号\n";

#[wasm_bindgen_test]
fn calendar_arguments_are_checked_not_wrapped() {
    let w = Workspace::new();
    // Millions of months looped forever before; a number past i32 was wrapped.
    refused(
        w.months_after("2026-11-28", 5e6).unwrap_err(),
        "argument",
        "months",
    );
    refused(
        w.months_after("2026-11-28", 4294967297.0).unwrap_err(),
        "argument",
        "months",
    );
    refused(
        w.months_after("2026-11-28", 1.5).unwrap_err(),
        "argument",
        "months",
    );
    refused(
        w.months_after("2026-11-28", f64::NAN).unwrap_err(),
        "argument",
        "months",
    );
    // −1 became 4,294,967,295 working days (minutes of looping); 9999-12-31 went past the
    // dates the program can represent.
    refused(
        w.add_working_days("2026-01-05", -1.0).unwrap_err(),
        "argument",
        "n",
    );
    refused(
        w.add_working_days("2026-01-05", 1e12).unwrap_err(),
        "argument",
        "n",
    );
    refused(
        w.add_working_days("9999-12-31", 1.0).unwrap_err(),
        "argument",
        "from",
    );
    refused(
        w.add_working_days("9999-99-99", 1.0).unwrap_err(),
        "date",
        "from",
    );
    refused(w.working_day("1000-01-01").unwrap_err(), "argument", "date");
    let ok = w.add_working_days("2026-01-05", 3650.0).unwrap();
    assert!(text(&ok, "due").starts_with("20"));
    assert_eq!(
        text(&w.months_after("2026-01-31", -1200.0).unwrap(), "date"),
        "1926-01-31"
    );
}

#[wasm_bindgen_test]
fn policy_numbers_are_checked_by_path() {
    let mut w = Workspace::new();
    let mut p: serde_json::Value = serde_json::from_str(&default_policy()).unwrap();
    p["params"]["long_established_years"] = 300_000.into();
    let e = w.set_policy(&p.to_string()).unwrap_err();
    assert_eq!(
        (text(&e, "code"), text(&e, "path")),
        ("policy".into(), "params.long_established_years".into())
    );
}

#[wasm_bindgen_test]
fn workspace_arguments_are_checked_and_the_workspace_survives() {
    let mut w = Workspace::new();
    refused(
        w.generate_demo(-1.0, "s", "2026-11-28", None).unwrap_err(),
        "argument",
        "enterprises",
    );
    refused(
        w.generate_demo(1e10, "s", "2026-11-28", None).unwrap_err(),
        "argument",
        "enterprises",
    );
    w.load_csv("reg.csv", REG.as_bytes(), None, None).unwrap();
    refused(w.score("9999-01-01", None).unwrap_err(), "argument", "asOf");
    w.score("2026-11-28", None).unwrap();
    refused(
        w.order("score", false, Some(9.0)).unwrap_err(),
        "argument",
        "classFilter",
    );
    refused(
        w.order("bogus", false, None).unwrap_err(),
        "argument",
        "key",
    );
    refused(w.rejected_csv(-1.0).unwrap_err(), "argument", "index");
    refused(w.rejected_csv(7.0).unwrap_err(), "argument", "index");
    refused(
        w.draw("s", Some(f64::INFINITY)).unwrap_err(),
        "argument",
        "overallRatio",
    );
    refused(
        w.draw(&"x".repeat(10_001), None).unwrap_err(),
        "argument",
        "seed",
    );
    refused(
        w.object(
            "914403001922038216",
            "penalty",
            -1.0,
            "dispute",
            "张三",
            "r",
            "2026-11-28",
            None,
            None,
        )
        .unwrap_err(),
        "argument",
        "recordIndex",
    );
    refused(
        w.adjust_class("914403001922038216", "A", "张三", "r", "2999-01-01", None)
            .unwrap_err(),
        "argument",
        "at",
    );
    refused(
        w.rules_for("914403001922038216", Some("1000-01-01".into()))
            .unwrap_err(),
        "argument",
        "asOf",
    );
    refused(w.explain("nope").unwrap_err(), "argument", "uscc");
    refused(
        w.load_csv(&"f".repeat(2000), REG.as_bytes(), None, None)
            .unwrap_err(),
        "argument",
        "fileName",
    );
    // Still usable: nothing trapped.
    let draw = w.draw("=第4期,\n# forged", Some(1.0)).unwrap();
    assert_eq!(text(&draw, "seed"), "=第4期,\n# forged");
    let csv = String::from_utf8(w.draw_csv().unwrap().to_vec()).unwrap();
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{csv}");
    assert!(
        csv.contains("# 随机种子 seed,\"'=第4期,\n# forged\"\r\n"),
        "{csv}"
    );
    let results = String::from_utf8(w.results_csv().unwrap().to_vec()).unwrap();
    assert!(results.contains(",'+东西湖,"), "{results}");
}

/// An old Excel or OpenDocument workbook cut short or with bytes changed is a file error
/// (`reason` `spreadsheet`…), never a trap: in wasm a panic would abort the module.
#[wasm_bindgen_test]
fn hostile_xls_and_ods_are_file_errors_not_traps() {
    let files: [(&str, &[u8]); 2] = [
        (
            "r.xls",
            include_bytes!("fixtures/old-excel/registration.xls"),
        ),
        (
            "r.ods",
            include_bytes!("fixtures/old-excel/registration.ods"),
        ),
    ];
    let mut ws = Workspace::new();
    for (name, bytes) in files {
        for cut in (100..bytes.len()).step_by(401) {
            if let Err(e) = ws.load_file(name, &bytes[..cut], None, None) {
                assert!(e.is_instance_of::<js_sys::Error>(), "{e:?}");
                assert!(!text(&e, "reason").is_empty(), "{e:?}");
            }
        }
        for at in (0..bytes.len()).step_by(97) {
            let mut b = bytes.to_vec();
            b[at] ^= 0xFF;
            // Loads (a changed cell) or fails as a file: either way the binding answers.
            let _ = ws.load_file(name, &b, None, None);
            let _ = sheet_names(name, &b);
        }
    }
    // The workspace still works (the two enterprises may be held already, from a changed
    // workbook that loaded).
    let r = ws.load_csv("reg.csv", REG.as_bytes(), None, None).unwrap();
    assert_eq!(get(&r, "rowsRead").as_f64(), Some(2.0));
    assert_eq!(get(&r, "rejected").as_f64(), Some(0.0));
}
