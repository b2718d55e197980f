//! The WebAssembly binding, run by `wasm-pack test --node` and (with
//! `WASM_BINDGEN_USE_BROWSER=1`) `wasm-pack test --headless --chrome`.
#![cfg(target_arch = "wasm32")]

use credit_supervision::wasm::*;
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn num(v: &JsValue, key: &str) -> f64 {
    get(v, key)
        .as_f64()
        .unwrap_or_else(|| panic!("{key} is not a number"))
}

fn text(v: &JsValue, key: &str) -> String {
    get(v, key)
        .as_string()
        .unwrap_or_else(|| panic!("{key} is not a string"))
}

const REG: &str = "统一社会信用代码,企业名称,市场主体类型,成立日期,登记状态,所属区域,住所\n\
914403001922038216,甲公司,公司,2010-05-01,存续,吴家山街道,一号\n\
91330100716105852F,乙公司,公司,2015-03-02,存续,径河街道,二号\n\
914403001922038217,坏代码,公司,2015-03-02,存续,径河街道,三号\n";

const PEN: &str = "统一社会信用代码,处罚决定书文号,处罚决定日期,程序类型,处罚种类,罚款金额,违法领域,从重处罚,履行完毕,危害后果已消除\n\
91330100716105852F,东市监罚〔2026〕1号,2026-03-01,普通,罚款;责令停产停业,20000,食品,否,否,否\n";

#[wasm_bindgen_test]
fn load_score_explain_round_trip() {
    let mut ws = Workspace::new();
    let r = ws.load_csv("reg.csv", REG.as_bytes(), None, None).unwrap();
    assert_eq!(text(&r, "kind"), "registration");
    assert_eq!(
        (
            num(&r, "rowsRead"),
            num(&r, "accepted"),
            num(&r, "rejected")
        ),
        (3.0, 2.0, 1.0)
    );
    let errors = js_sys::Array::from(&get(&r, "errors"));
    let e0 = errors.get(0);
    assert_eq!(num(&e0, "line"), 4.0);
    assert_eq!(text(&e0, "column"), "统一社会信用代码");
    assert_eq!(text(&e0, "value"), "914403001922038217");
    assert_eq!(
        text(&e0, "messageZh"),
        "统一社会信用代码校验位为“7”，应为“6”"
    );
    ws.load_csv("pen.csv", PEN.as_bytes(), Some("penalty".into()), None)
        .unwrap();

    let s = ws.score("2026-06-01", None).unwrap();
    let counts = get(&s, "counts");
    assert_eq!(num(&counts, "A"), 1.0);
    assert_eq!(num(&counts, "C"), 1.0);
    let classes = ws.classes().unwrap().to_vec();
    assert_eq!(classes, vec![1, 3]);
    let order = ws.order("score", false, None).unwrap().to_vec();
    assert_eq!(order, vec![1, 0]);

    let e = ws.explain("91330100716105852f").unwrap();
    assert_eq!(text(&e, "class"), "C");
    // 90 − 10 × (1 − 0.5 × 92/1096) − 5 − 15 + 2 (long established) = 62.42
    assert_eq!(num(&e, "score"), 62.42);
    let reasons = js_sys::Array::from(&get(&e, "reasons"));
    let ids: Vec<String> = reasons.iter().map(|r| text(&r, "indicator")).collect();
    assert_eq!(
        ids,
        [
            "long_established",
            "penalty",
            "penalty_unfulfilled",
            "penalty_heavy"
        ]
    );

    let rows = js_sys::Array::from(&ws.rows(&[1]).unwrap());
    assert_eq!(text(&rows.get(0), "name"), "乙公司");
    let csv = ws.results_csv().unwrap().to_vec();
    assert!(csv.starts_with(b"\xEF\xBB\xBF\xE7\xBB\x9F")); // BOM + 统
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_codes_and_positions() {
    let mut ws = Workspace::new();
    let err = ws.score("2026-13-01", None).unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(text(&err, "code"), "date");
    assert_eq!(text(&err, "value"), "2026-13-01");

    let err = ws
        .load_csv(
            "p.csv",
            "统一社会信用代码,处罚决定书文号\n".as_bytes(),
            None,
            None,
        )
        .unwrap_err();
    assert_eq!(text(&err, "code"), "csv");
    assert_eq!(text(&err, "file"), "p.csv");
    assert_eq!(num(&err, "line"), 1.0);

    let err = ws.set_policy("{\"name\": 1}").unwrap_err();
    assert_eq!(text(&err, "code"), "policy");

    let err = ws.draw("seed", None).unwrap_err();
    assert_eq!(text(&err, "code"), "state");

    let err = validate_uscc("914403001922038217").unwrap_err();
    assert_eq!(text(&err, "code"), "uscc");
    assert_eq!(
        validate_uscc(" 91330100716105852f").unwrap(),
        "91330100716105852F"
    );

    // Garbage bytes never panic: they are an error or rejected rows.
    let junk: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    let _ = ws.load_csv("junk.bin", &junk, None, None);
    let _ = ws.load_csv("junk.bin", &junk, Some("penalty".into()), None);
}

#[wasm_bindgen_test]
fn progress_reports_and_cancels() {
    let mut ws = Workspace::new();
    let seen = js_sys::Array::new();
    let seen2 = seen.clone();
    let cb = Closure::<dyn FnMut(String, f64) -> bool>::new(move |_stage: String, f: f64| {
        seen2.push(&f.into());
        true
    });
    ws.generate_demo(
        500.0,
        "p",
        "2026-11-28",
        Some(cb.as_ref().unchecked_ref::<js_sys::Function>().clone()),
    )
    .unwrap();
    assert!(
        seen.length() > 8,
        "progress was reported {} times",
        seen.length()
    );
    let cancel = Closure::<dyn FnMut(String, f64) -> bool>::new(|_s: String, _f: f64| false);
    let err = ws
        .score(
            "2026-11-28",
            Some(cancel.as_ref().unchecked_ref::<js_sys::Function>().clone()),
        )
        .unwrap_err();
    assert_eq!(text(&err, "code"), "cancelled");
}

#[wasm_bindgen_test]
fn demo_worklists_match_the_native_golden_digest() {
    // tests/determinism.rs asserts the same digest natively: the workbooks and CSVs of the
    // work lists are the same bytes in wasm.
    use sha2::{Digest, Sha256};
    let mut ws = Workspace::new();
    ws.generate_demo(3000.0, "golden", "2026-11-28", None)
        .unwrap();
    ws.score("2026-11-28", None).unwrap();
    let mut h = Sha256::new();
    for k in [
        "repairable",
        "abnormal_duties",
        "commitments",
        "incentives",
        "restrictions",
    ] {
        h.update(ws.work_list_xlsx(k, None).unwrap().to_vec());
        h.update(ws.work_list_csv(k, None).unwrap().to_vec());
    }
    h.update(ws.shares_xlsx(None).unwrap().to_vec());
    assert_eq!(
        credit_supervision::seed::hex(&h.finalize()),
        include_str!("golden/worklists-demo-3000.sha256").trim()
    );
    let err = ws.work_list("nope", 0.0, 10.0, None).unwrap_err();
    assert_eq!(text(&err, "code"), "argument");
    let err = ws.work_list("repairable", -1.0, 10.0, None).unwrap_err();
    assert_eq!(text(&err, "code"), "argument");
    let err = ws
        .work_list_csv("repairable", Some("fr".into()))
        .unwrap_err();
    assert_eq!(text(&err, "argument"), "lang");
}

#[wasm_bindgen_test]
fn demo_results_match_the_native_golden_digest() {
    // The same digest is asserted natively in tests/determinism.rs: wasm and native agree.
    let mut ws = Workspace::new();
    ws.generate_demo(3000.0, "golden", "2026-11-28", None)
        .unwrap();
    ws.score("2026-11-28", None).unwrap();
    let csv = ws.results_csv().unwrap().to_vec();
    let d = ws.draw("golden-draw", None).unwrap();
    let draw_csv = ws.draw_csv().unwrap().to_vec();
    let digest = credit_supervision::seed::hex(&credit_supervision::seed::digest(
        &String::from_utf8_lossy(&csv),
        &String::from_utf8_lossy(&draw_csv),
    ));
    assert_eq!(digest, include_str!("golden/demo-3000.sha256").trim());
    assert!(num(&d, "sampleSize") > 0.0);
    // The plan, too (tests/determinism.rs asserts the same natively).
    let p = ws
        .plan("golden-plan", Some("2027-01-01".into()), None)
        .unwrap();
    assert_eq!(
        text(&p, "digest"),
        include_str!("golden/plan-demo-3000.sha256").trim()
    );
    // Its workbook is written in wasm too, without reading the clock into its bytes.
    let x = ws.plan_xlsx().unwrap().to_vec();
    assert_eq!(x, ws.plan_xlsx().unwrap().to_vec());
    assert_eq!(
        sheet_names("plan.xlsx", &x).unwrap(),
        ["内部计划", "公示名单"]
    );
}

#[wasm_bindgen_test]
fn catalogue_policy_and_columns_come_from_the_core() {
    let cat = js_sys::Array::from(&policy_catalogue().unwrap());
    assert_eq!(
        cat.length() as usize,
        credit_supervision::policy::Indicator::ALL.len()
    );
    let p: serde_json::Value = serde_json::from_str(&default_policy()).unwrap();
    assert_eq!(p["inspection"]["overall_ratio"], 0.05);
    // The eight record kinds, then the roster and the item list.
    let cols = js_sys::Array::from(&columns().unwrap());
    assert_eq!(cols.length(), 10);
    assert_eq!(text(&cols.get(8), "kind"), "inspector");
    assert_eq!(text(&cols.get(9), "kindZh"), "抽查事项");
    let _ = Uint8Array::new_with_length(0);
}

#[wasm_bindgen_test]
fn gbk_file_loads_in_chunks_and_whole() {
    // 统一社会信用代码,企业名称,成立日期 / one good row / one bad date, encoded as GBK.
    let csv = "统一社会信用代码,企业名称,成立日期\r\n914403001922038216,甲公司,2010-05-01\r\n91330100716105852F,乙公司,2015-02-30\r\n";
    let gbk = gbk_bytes(csv);
    let mut ws = Workspace::new();
    ws.begin_file("gbk.csv", None).unwrap();
    for part in gbk.chunks(5) {
        ws.push_chunk(part).unwrap();
    }
    let r = ws.finish_file().unwrap();
    assert_eq!(text(&r, "encoding"), "gb18030");
    assert_eq!(
        (
            num(&r, "rowsRead"),
            num(&r, "accepted"),
            num(&r, "rejected")
        ),
        (2.0, 1.0, 1.0)
    );
    let e0 = js_sys::Array::from(&get(&r, "errors")).get(0);
    assert_eq!(
        (num(&e0, "line"), text(&e0, "column")),
        (3.0, "成立日期".to_string())
    );
    let rejected = String::from_utf8(ws.rejected_csv(0.0).unwrap().to_vec()).unwrap();
    assert!(
        rejected.contains("乙公司") && rejected.contains("2015-02-30"),
        "{rejected}"
    );

    // A size hint far beyond the file (an integrator's mistake) reserves a bounded amount
    // of memory and changes nothing else.
    let mut ws = Workspace::new();
    ws.begin_file("gbk.csv", Some("{\"size\":1000000000000000}".into()))
        .unwrap();
    ws.push_chunk(&gbk).unwrap();
    assert_eq!(num(&ws.finish_file().unwrap(), "accepted"), 1.0);

    let mut ws = Workspace::new();
    let reports = js_sys::Array::from(&ws.load_file("gbk.csv", &gbk, None, None).unwrap());
    assert_eq!(num(&reports.get(0), "accepted"), 1.0);
    let err = ws
        .load_file("x.csv", &gbk, Some("{\"bogus\":1}".into()), None)
        .unwrap_err();
    assert_eq!(text(&err, "code"), "argument");
}

/// GBK bytes of `s` via the same encoder the core uses (encoding_rs is a core dependency).
fn gbk_bytes(s: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(s).0.into_owned()
}

const ROSTER: &str = "执法证号,姓名,所属单位,执法资质,回避对象,在岗状态\n\
A1,张三,区市场监管局食品安全监管科,食品安全、计量,914403001922038216,在岗\n\
A2,李四,区市场监管局信用监管科,公示信息,914403001922038217,在岗\n\
A3,王五,区卫生健康局卫生监督所,公共卫生,,借调\n";

#[wasm_bindgen_test]
fn a_roster_and_an_item_list_load_through_the_binding() {
    let mut ws = Workspace::new();
    let r = ws
        .load_csv("roster.csv", ROSTER.as_bytes(), None, None)
        .unwrap();
    assert_eq!(text(&r, "kind"), "inspector");
    assert_eq!(text(&r, "kindZh"), "执法检查人员");
    assert_eq!(
        (
            num(&r, "rowsRead"),
            num(&r, "accepted"),
            num(&r, "rejected"),
            num(&r, "warned")
        ),
        (3.0, 2.0, 1.0, 1.0)
    );
    let e0 = js_sys::Array::from(&get(&r, "errors")).get(0);
    assert_eq!(
        (num(&e0, "line"), text(&e0, "column"), text(&e0, "reason")),
        (3.0, "回避对象".to_string(), "uscc".to_string())
    );
    let items = "事项编码,事项名称,实施部门,行业代码,事项类别\nX1,食品销售者监督检查,区市场监管局,F52,重点\n";
    let reports = js_sys::Array::from(
        &ws.load_file(
            "items.csv",
            items.as_bytes(),
            Some("{\"kind\":\"item\"}".into()),
            None,
        )
        .unwrap(),
    );
    assert_eq!(text(&reports.get(0), "kind"), "item");
    assert_eq!(num(&reports.get(0), "accepted"), 1.0);
    let c = ws.counts().unwrap();
    assert_eq!(
        (num(&c, "inspectors"), num(&c, "items"), num(&c, "records")),
        (2.0, 1.0, 0.0)
    );
}

/// The same registration sheet as .xls, .ods and .xlsx (tests/fixtures/old-excel/make.py)
/// loads with the same counts, skipped rows and warnings through the binding.
#[wasm_bindgen_test]
fn old_excel_workbooks_load_as_xlsx_does() {
    let files: [(&str, &[u8], &str); 3] = [
        (
            "r.xlsx",
            include_bytes!("fixtures/old-excel/registration.xlsx"),
            "xlsx",
        ),
        (
            "r.xls",
            include_bytes!("fixtures/old-excel/registration.xls"),
            "xls",
        ),
        (
            "r.ods",
            include_bytes!("fixtures/old-excel/registration.ods"),
            "ods",
        ),
    ];
    let mut seen = Vec::new();
    for (name, bytes, format) in files {
        let sheets = sheet_names(name, bytes).unwrap();
        assert_eq!(sheets, ["登记信息", "说明"], "{name}");
        let sniffed = sniff(name, bytes, None).unwrap();
        assert_eq!(text(&sniffed, "format"), format);
        let mut ws = Workspace::new();
        let reports = js_sys::Array::from(&ws.load_file(name, bytes, None, None).unwrap());
        assert_eq!(reports.length(), 1, "{name}: the notes sheet is skipped");
        let r = reports.get(0);
        assert_eq!(text(&r, "format"), format);
        let skipped: Vec<String> = js_sys::Array::from(&get(&r, "skippedRows"))
            .iter()
            .map(|s| {
                format!(
                    "{} {} {}",
                    num(&s, "line"),
                    text(&s, "reason"),
                    text(&s, "text")
                )
            })
            .collect();
        let warnings: Vec<String> = js_sys::Array::from(&get(&r, "warnings"))
            .iter()
            .map(|w| {
                format!(
                    "{} {} {}",
                    text(&w, "key"),
                    text(&w, "reason"),
                    num(&w, "count")
                )
            })
            .collect();
        seen.push((
            num(&r, "rowsRead"),
            num(&r, "accepted"),
            num(&r, "rejected"),
            num(&r, "skipped"),
            skipped,
            warnings,
        ));
    }
    assert_eq!(seen[0].4.len(), 3, "{:?}", seen[0]);
    assert_eq!(
        (seen[0].0, seen[0].1, seen[0].2, seen[0].3),
        (7.0, 3.0, 1.0, 3.0)
    );
    assert_eq!(seen[0].5, ["industry unknown_industry 1"]);
    assert_eq!(seen[1], seen[0], "xls");
    assert_eq!(seen[2], seen[0], "ods");
}

/// A bureau's registration export: a title row, a 合计 row, an unknown 登记状态 and a
/// repeated USCC with another name. The report's warnings, skipped rows and conflicts come
/// through the binding.
#[wasm_bindgen_test]
fn warnings_skipped_rows_and_conflicts_come_through_the_binding() {
    let text_file = "东西湖区市场主体登记信息表\n\
统一社会信用代码,企业名称,市场主体类型,成立日期,登记状态\n\
914403001922038216,甲公司,有限责任公司,2010-05-01,营业执照丢失\n\
91330100716105852F,乙公司,有限责任公司,2015-03-02,存续\n\
91330100716105852F,乙贸易公司,有限责任公司,2015-03-02,存续\n\
合计,3户,,,\n";
    let mut ws = Workspace::new();
    let r = ws
        .load_csv("office.csv", text_file.as_bytes(), None, None)
        .unwrap();
    assert_eq!(
        (
            num(&r, "rowsRead"),
            num(&r, "accepted"),
            num(&r, "conflicts"),
            num(&r, "skipped"),
            num(&r, "rejected"),
            num(&r, "warned"),
        ),
        (5.0, 2.0, 1.0, 2.0, 0.0, 1.0)
    );
    let warnings = js_sys::Array::from(&get(&r, "warnings"));
    assert_eq!(warnings.length(), 1);
    let w = warnings.get(0);
    assert_eq!(
        (text(&w, "key"), text(&w, "reason"), text(&w, "column")),
        ("status".into(), "other_term".into(), "登记状态".into())
    );
    let ex = js_sys::Array::from(&get(&w, "examples")).get(0);
    assert_eq!(
        (num(&ex, "line"), text(&ex, "value")),
        (3.0, "营业执照丢失".into())
    );
    assert!(!text(&w, "messageZh").is_empty());
    let skipped = js_sys::Array::from(&get(&r, "skippedRows"));
    let s: Vec<(f64, String)> = skipped
        .iter()
        .map(|s| (num(&s, "line"), text(&s, "reason")))
        .collect();
    assert_eq!(s, [(1.0, "above_header".into()), (6.0, "summary".into())]);
    let c = js_sys::Array::from(&get(&r, "conflictRows")).get(0);
    assert_eq!(text(&c, "uscc"), "91330100716105852F");
    assert_eq!(
        js_sys::Array::from(&get(&c, "differs")).get(0).as_string(),
        Some("name".into())
    );
    assert_eq!(
        (
            num(&get(&c, "kept"), "line"),
            text(&get(&c, "kept"), "name")
        ),
        (4.0, "乙公司".into())
    );
    assert_eq!(
        (
            num(&get(&c, "repeat"), "line"),
            text(&get(&c, "repeat"), "name")
        ),
        (5.0, "乙贸易公司".into())
    );
    assert!(!text(&r, "conflictRuleZh").is_empty());
}

#[wasm_bindgen_test]
fn scorecard_fit_and_apply_match_the_native_card() {
    let train = include_bytes!("data/german/german_train.csv");
    let test = include_bytes!("data/german/german_test.csv");
    let mut fit = ScorecardFit::new(None).unwrap();
    let t = fit
        .train("german_train.csv", train, "creditability")
        .unwrap();
    assert_eq!((num(&t, "accepted"), num(&t, "bads")), (700.0, 210.0));
    fit.test("german_test.csv", test).unwrap();
    let r = fit.fit(None).unwrap();
    let report = get(&r, "report");
    assert_eq!(
        text(&report, "cardDigest"),
        include_str!("golden/scorecard-german.sha256").trim()
    );
    assert!(num(&get(&report, "test"), "auc") > 0.75);
    let card = text(&r, "card");
    let scored = scorecard_apply(&card, "german_test.csv", test).unwrap();
    assert_eq!(scored.scores().length(), 300);
    assert!(scored.reasons(300.0).is_err());
    // A damaged card and a wrong target name are errors with a code.
    let e = scorecard_apply("{}", "x.csv", test).err().unwrap();
    assert_eq!(text(&e, "code"), "card");
    let e = fit
        .train("german_train.csv", train, "outcome")
        .err()
        .unwrap();
    assert_eq!(text(&e, "code"), "file");
    let e = ScorecardFit::new(Some(r#"{"points": {"pdo": 0}}"#.into()))
        .err()
        .unwrap();
    assert_eq!(
        (text(&e, "code"), text(&e, "path")),
        ("settings".into(), "points.pdo".into())
    );
}

/// The backtest, the migration with its movers and the classes at several dates
/// (docs/RULES.md §18), with their errors.
#[wasm_bindgen_test]
fn backtest_migration_movers_and_classes_at() {
    let code = |e: &JsValue| text(e, "code");
    let argument = |e: &JsValue| text(e, "argument");
    let mut ws = Workspace::new();
    ws.generate_demo(3000.0, "model", "2026-11-28", None)
        .unwrap();
    // The data's as-of date is the scoring's: score first.
    let e = ws.backtest("2025-11-28", None, None).unwrap_err();
    assert!(e.is_instance_of::<js_sys::Error>());
    assert_eq!(code(&e), "state");
    ws.score("2026-11-28", None).unwrap();

    let b = ws.backtest("2025-11-28", None, None).unwrap();
    assert_eq!(text(&b, "windowEnd"), "2026-11-28");
    assert_eq!(num(&b, "horizonMonths"), 12.0);
    let classes = js_sys::Array::from(&get(&b, "classes"));
    assert_eq!(classes.length(), 4);
    let count: f64 = classes.iter().map(|c| num(&c, "count")).sum();
    let bad: f64 = classes.iter().map(|c| num(&c, "bad")).sum();
    assert_eq!((count, bad), (num(&b, "population"), num(&b, "bad")));
    let excluded = get(&b, "excluded");
    assert_eq!(
        num(&b, "population") + num(&excluded, "unclassified") + num(&excluded, "notEstablished"),
        3000.0
    );
    assert!(num(&b, "auc") > 0.5);
    assert!(get(&b, "orderHolds").as_bool().is_some());
    let roc = js_sys::Array::from(&get(&b, "roc"));
    assert!(roc.length() > 2 && roc.length() <= 101);
    // The same twice, and the same as with an explicit horizon of 12.
    let again = ws.backtest("2025-11-28", Some(12.0), None).unwrap();
    assert_eq!(
        js_sys::JSON::stringify(&b).unwrap(),
        js_sys::JSON::stringify(&again).unwrap()
    );
    // A window past the data, a bad horizon, a bad date.
    let e = ws.backtest("2026-01-01", None, None).unwrap_err();
    assert_eq!((code(&e), argument(&e)), ("argument".into(), "at".into()));
    let e = ws.backtest("2025-11-28", Some(0.0), None).unwrap_err();
    assert_eq!(argument(&e), "horizon");
    let e = ws.backtest("2025-11-28", Some(12.5), None).unwrap_err();
    assert_eq!(argument(&e), "horizon");
    let e = ws.backtest("2025-13-01", None, None).unwrap_err();
    assert_eq!((code(&e), argument(&e)), ("date".into(), "at".into()));

    let m = ws.migration("2025-11-28", "2026-11-28", None).unwrap();
    let matrix = js_sys::Array::from(&get(&m, "matrix"));
    assert_eq!(matrix.length(), 5);
    let total: f64 = matrix
        .iter()
        .flat_map(|r| js_sys::Array::from(&r).iter().collect::<Vec<_>>())
        .map(|x| x.as_f64().unwrap())
        .sum();
    assert_eq!(total, 3000.0);
    let page = ws
        .migration_movers("2025-11-28", "2026-11-28", None, None, 0.0, 10.0)
        .unwrap();
    assert_eq!(num(&page, "total"), 3000.0 - num(&m, "same"));
    let movers = js_sys::Array::from(&get(&page, "movers"));
    assert_eq!(movers.length(), 10);
    let first = movers.get(0);
    assert_ne!(text(&first, "from"), text(&first, "to"));
    let from_a = ws
        .migration_movers("2025-11-28", "2026-11-28", Some(1.0), None, 0.0, 10_000.0)
        .unwrap();
    for mv in js_sys::Array::from(&get(&from_a, "movers")).iter() {
        assert_eq!(text(&mv, "from"), "A");
    }
    let e = ws
        .migration_movers("2025-11-28", "2026-11-28", Some(5.0), None, 0.0, 10.0)
        .unwrap_err();
    assert_eq!(argument(&e), "fromClass");
    let e = ws
        .migration_movers("2025-11-28", "2026-11-28", None, Some(-1.0), 0.0, 10.0)
        .unwrap_err();
    assert_eq!(argument(&e), "toClass");
    let e = ws
        .migration_movers("2025-11-28", "2026-11-28", None, None, 0.0, 10_001.0)
        .unwrap_err();
    assert_eq!(argument(&e), "limit");
    let e = ws.migration("2026-11-28", "2025-11-28", None).unwrap_err();
    assert_eq!((code(&e), argument(&e)), ("argument".into(), "to".into()));

    let c = ws
        .classes_at(vec!["2026-11-28".into(), "2025-11-28".into()], None)
        .unwrap();
    assert_eq!(num(&c, "enterprises"), 3000.0);
    let bytes = Uint8Array::from(get(&c, "classes")).to_vec();
    assert_eq!(bytes.len(), 6000);
    // The first date is the scoring's: the same classes as `classes()`.
    assert_eq!(&bytes[..3000], &ws.classes().unwrap().to_vec()[..]);
    let summaries = js_sys::Array::from(&get(&c, "summaries"));
    assert_eq!(summaries.length(), 2);
    let a = num(&get(&summaries.get(1), "counts"), "A");
    assert_eq!(a, bytes[3000..].iter().filter(|&&x| x == 1).count() as f64);
    let e = ws.classes_at(vec![], None).unwrap_err();
    assert_eq!(argument(&e), "dates");
    let e = ws.classes_at(vec!["2026-02-30".into()], None).unwrap_err();
    assert_eq!((code(&e), argument(&e)), ("date".into(), "dates".into()));
    let e = ws
        .classes_at(vec!["2026-01-01".into(); 121], None)
        .unwrap_err();
    assert_eq!(argument(&e), "dates");
    // Cancelled from the progress callback.
    let stop = js_sys::Function::new_with_args("stage, fraction", "return false;");
    let e = ws
        .classes_at(vec!["2026-11-28".into()], Some(stop))
        .unwrap_err();
    assert_eq!(code(&e), "cancelled");
    // The workspace keeps working.
    ws.classes_at(vec!["2026-11-28".into()], None).unwrap();
}
