//! Replays every saved fuzz input — each finding of the fuzz targets in `fuzz/` and a few
//! seeds per target — through the same harness function the target runs
//! (`tests/fuzz_harness/mod.rs`), on the stable toolchain: `tests/fuzz-regressions/<target>/*`.
//! `make fuzz` runs the targets themselves (nightly).
#![cfg(not(target_arch = "wasm32"))]

mod fuzz_harness;

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let r = std::panic::catch_unwind(|| run(&bytes));
        assert!(r.is_ok(), "{target}: {} fails again", f.display());
    }
    files.len()
}

#[test]
fn every_saved_input_replays_through_its_target() {
    for &(target, run) in fuzz_harness::TARGETS {
        let n = replay(target, run);
        assert!(n > 0, "no inputs saved for {target}");
    }
}

/// Writes the seed inputs (`seed-*`) of every target: `cargo test --test fuzz_regressions --
/// --ignored write_seeds`. Findings are saved beside them by hand (`crash-*`, `timeout-*`…).
#[test]
#[ignore]
fn write_seeds() {
    use credit_supervision::audit::Action;
    use credit_supervision::date::parse_date;
    use credit_supervision::policy::{Class, Policy};
    use credit_supervision::records::RecordKind;
    use fuzz_harness::{small_workspace, Mix, SMALL_AS_OF, SMALL_FILES};

    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let write = |target: &str, name: &str, bytes: &[u8]| {
        let dir = root.join(target);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("seed-{name}")), bytes).unwrap();
    };
    let cat = |a: &[u8], b: &[u8]| [a, b].concat();
    // CSV: byte 0 the kind (8: detected), byte 1 the chunking seed.
    for (i, (name, text)) in SMALL_FILES.iter().enumerate() {
        write("csv", name, &cat(&[8, i as u8], text.as_bytes()));
    }
    write(
        "csv",
        "quoted-crlf-bom.csv",
        &cat(
            b"\x88\x05\xEF\xBB\xBF",
            "统一社会信用代码;企业名称;成立日期\r\n914403001922038216;\"甲\r\n公司\";2010-05-01\r\n914403001922038217;坏;2010-05-01\r\n914403001922038216;甲;2010-05-01\r\n".as_bytes(),
        ),
    );
    let gbk: &[u8] = b"\xcd\xb3\xd2\xbb\xc9\xe7\xbb\xe1\xd0\xc5\xd3\xc3\xb4\xfa\xc2\xeb,\xc6\xf3\xd2\xb5\xc3\xfb\xb3\xc6,\xb3\xc9\xc1\xa2\xc8\xd5\xc6\xda\r\n914403001922038216,\xbc\xd7,2010-05-01\r\n";
    write("csv", "gbk.csv", &cat(&[8, 9], gbk));
    let mut utf16 = vec![8, 10, 0xFF, 0xFE];
    for u in "uscc\tname\testablished\n914403001922038216\t甲\t2010-05-01\n".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    write("csv", "utf16.tsv", &utf16);
    let mut ws = small_workspace();
    ws.load_csv(
        "bad.csv",
        "uscc,name,established\n914403001922038217,=坏,2010-05-01\n91330100716105852F,乙,0000-01-01\n"
            .as_bytes(),
        None,
        &mut credit_supervision::progress::NoProgress,
    )
    .unwrap();
    let rejected = ws.rejected_csv(ws.reports().len() - 1).unwrap();
    write("csv", "rejected-reload.csv", &cat(&[8, 11], &rejected));

    // JSON: byte 0 the kind.
    write(
        "json",
        "array.json",
        &cat(&[8], r#"[{"uscc":"914403001922038216","name":"甲","established":"2010-05-01"},{"uscc":"91330100716105852F","name":"乙","established":20230105,"capital":"1,000万元"},{"uscc":"bad"}]"#.as_bytes()),
    );
    write(
        "json",
        "lines.jsonl",
        &cat(
            &[3],
            "{\"uscc\":\"914403001922038216\",\"decision_no\":\"罚1\",\"decision_date\":\"2024-03-01\",\"penalty_kinds\":\"罚款\",\"fine\":1e308}\n{\"uscc\":\"914403001922038216\",\"decision_no\":\"罚1\",\"decision_date\":\"2024-03-01\",\"penalty_kinds\":\"罚款\"}\n[1,2]\n".as_bytes(),
        ),
    );

    // Audit: a trail with every kind of entry, as JSON and CSV.
    let at = parse_date(SMALL_AS_OF).unwrap();
    let mut ws = small_workspace();
    let co = "914403001922038216";
    let pen = ws
        .rules_for(co, None)
        .unwrap()
        .records
        .iter()
        .find(|r| r.record_kind == RecordKind::Penalty)
        .unwrap()
        .record_index;
    for (action, correction) in [
        (Action::Dispute, None),
        (Action::Correct, Some("=更正".to_string())),
        (Action::Confirm, None),
        (Action::Repair, None),
    ] {
        ws.object(
            co,
            RecordKind::Penalty,
            pen,
            action,
            "张三",
            "理由,含逗号\n换行",
            at,
            correction,
            "2024-06-01T10:00:00",
        )
        .unwrap();
    }
    ws.adjust_class(co, Some(Class::C), "李四", "+人工", at, "t2")
        .unwrap();
    ws.adjust_class(co, None, "李四", "撤回", at, "t3").unwrap();
    write("audit", "trail.json", ws.audit_json().as_bytes());
    write("audit", "trail.csv", &ws.audit_csv());

    // Policy: byte 0 even = the JSON text; odd = edits of the default policy.
    write(
        "policy",
        "default.json",
        &cat(&[0], Policy::default().to_json().as_bytes()),
    );
    // Old workbooks: the fixtures whole, cut short, and with a sector number and a record
    // length changed (byte 0: kind detected).
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/old-excel");
    for ext in ["xls", "ods"] {
        let whole = std::fs::read(fixtures.join(format!("registration.{ext}"))).unwrap();
        write(ext, &format!("registration.{ext}"), &cat(&[8], &whole));
        write(
            ext,
            &format!("cut.{ext}"),
            &cat(&[8], &whole[..whole.len() * 2 / 3]),
        );
        let mut bent = whole.clone();
        for at in [48, 60, 68, 600, 1100] {
            if let Some(b) = bent.get_mut(at) {
                *b = 0xFF;
            }
        }
        write(ext, &format!("bent.{ext}"), &cat(&[0x48], &bent));
    }
    // Random inputs for the structure-aware targets.
    let mut mix = Mix(2026);
    for target in ["xlsx", "policy", "calendar"] {
        for i in 0..4 {
            let len = 16 + mix.below(400) as usize;
            let mut bytes: Vec<u8> = (0..len).map(|_| mix.next() as u8).collect();
            if target == "policy" {
                bytes[0] |= 1;
            }
            write(target, &format!("random-{i}"), &bytes);
        }
    }
}
