//! The modules of `src/` import one way: each layer only from the layers below it, never from a
//! module beside it or above it. The test reads every `crate::…` path in `src/` (and, in the
//! command-line tool, which is a separate crate, every `credit_supervision::…` path), comments
//! left out, and fails naming the file, the module it reaches and both layers.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The declared order, lowest first. Modules in one layer must not import each other.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "foundations",
        &[
            "apportion",
            "date",
            "progress",
            "seed",
            "strpool",
            "text",
            "uscc",
        ],
    ),
    ("tables", &["sheet"]),
    ("records", &["records"]),
    ("store", &["store"]),
    ("ingest", &["ingest"]),
    ("calendar", &["calendar"]),
    ("policy", &["policy"]),
    ("law", &["law"]),
    ("score", &["score"]),
    (
        "uses of a scoring",
        &["draw", "audit", "advice", "synth", "plan", "model"],
    ),
    ("report", &["results"]),
    // Results as Arrow and Parquet (native only), made from the result rows.
    ("columnar", &["columnar"]),
    // One partition of a big-data platform scored (native only), its results as Arrow.
    ("partition", &["partition"]),
    ("labels", &["vocabulary"]),
    ("workspace", &["workspace"]),
    ("binding and CLI", &["wasm", "cli", "main"]),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, ms)| ms.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`src/score/explain.rs` → `score`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// The text without comments (line, block and doc comments), so intra-doc links and prose
/// do not count as imports. String literals are kept: no `crate::` path is written in one.
fn strip_comments(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut in_str = false;
    while i < b.len() {
        if in_str {
            if b[i] == b'\\' {
                i += 2;
                continue;
            }
            if b[i] == b'"' {
                in_str = false;
            }
            i += 1;
            continue;
        }
        if b[i] == b'"' && !(i > 0 && b[i - 1] == b'\'' && b.get(i + 1) == Some(&b'\'')) {
            in_str = true;
            i += 1;
            continue;
        }
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if b[i..].starts_with(b"/*") {
            let mut depth = 0;
            while i < b.len() {
                if b[i..].starts_with(b"/*") {
                    depth += 1;
                    i += 2;
                } else if b[i..].starts_with(b"*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            continue;
        }
        out.push(b[i] as char);
        i += 1;
    }
    // Bytes were pushed one by one: only ASCII matters for paths, the rest is noise.
    out
}

/// The top-level modules named by `prefix…` paths: `crate::a::b`, `crate::{a, b::c}`.
fn reached(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find(prefix) {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let tail = rest.trim_start();
        if let Some(group) = tail.strip_prefix('{') {
            // Top-level items of the group: split at commas outside nested braces.
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.extend(first_ident(&item));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
            found.extend(first_ident(&item));
        } else {
            found.extend(first_ident(tail));
        }
    }
    found
}

fn first_ident(s: &str) -> Option<String> {
    let id: String = s
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!id.is_empty() && id != "self").then_some(id)
}

/// Every (file, from-module, to-module) import across top-level modules.
fn imports() -> Vec<(String, String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let from = module_of(&src, &f);
        if from == "lib" {
            continue;
        }
        let code = strip_comments(&std::fs::read_to_string(&f).unwrap());
        // The CLI is compiled into the binary crate: it names the library by its crate name.
        let prefix = if from == "cli" || from == "main" {
            "credit_supervision::"
        } else {
            "crate::"
        };
        for to in reached(&code, prefix) {
            if to != from {
                let rel = f.strip_prefix(&src).unwrap().display().to_string();
                out.push((rel, from.clone(), to));
            }
        }
    }
    out
}

#[test]
fn every_module_is_in_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let unplaced: BTreeSet<String> = files
        .iter()
        .map(|f| module_of(&src, f))
        .filter(|m| m != "lib" && layer_of(m).is_none())
        .collect();
    assert!(
        unplaced.is_empty(),
        "modules in no layer (add them to LAYERS): {unplaced:?}"
    );
}

#[test]
fn imports_run_down_the_layers_only() {
    let mut wrong = Vec::new();
    for (file, from, to) in imports() {
        let (Some(lf), Some(lt)) = (layer_of(&from), layer_of(&to)) else {
            wrong.push(format!("src/{file}: {from} → {to}: module in no layer"));
            continue;
        };
        if lt >= lf {
            let how = if lt == lf { "beside it" } else { "above it" };
            wrong.push(format!(
                "src/{file}: {from} (layer {}) imports {to} (layer {}), {how}",
                LAYERS[lf].0, LAYERS[lt].0
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layer order:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_two_modules_reach_each_other() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (_, from, to) in imports() {
        graph.entry(from).or_default().insert(to);
    }
    // Depth-first search for a circle.
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == m) {
            let mut circle = path[at..].to_vec();
            circle.push(m.to_string());
            return Some(circle);
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.to_string());
        for next in graph.get(m).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        if let Some(c) = visit(m, &graph, &mut Vec::new(), &mut done) {
            panic!("modules that reach each other: {}", c.join(" → "));
        }
    }
}

#[test]
fn the_reader_sees_groups_and_ignores_comments() {
    let code = strip_comments(
        "use crate::{date::Date, score::{a, b}};\n// crate::wasm\n/* crate::cli */ let x = crate::law::f();",
    );
    let got: Vec<String> = reached(&code, "crate::").into_iter().collect();
    assert_eq!(got, ["date", "law", "score"]);
}
