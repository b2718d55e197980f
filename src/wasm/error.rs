//! Core errors as real JS `Error` objects with a `code` and, when known, the position: `file`,
//! `line`, `column`, `value`, `path`, `entry` (see `CreditSupervisionError` in `types.d.ts`).

use crate::date::parse_date;
use crate::ingest::FileError;
use crate::workspace::WorkspaceError;
use js_sys::Reflect;
use wasm_bindgen::prelude::*;

/// A real JS `Error` with `code` and the given properties.
pub(super) fn js_error(code: &str, message: &str, fields: &[(&str, JsValue)]) -> JsValue {
    let e = js_sys::Error::new(message);
    let _ = Reflect::set(&e, &"code".into(), &code.into());
    for (k, v) in fields {
        let _ = Reflect::set(&e, &(*k).into(), v);
    }
    e.into()
}

/// A core error as a JS `Error`: `code` (`WorkspaceError::code`) and, when known, where
/// (`file`, `line`, `column`, `value`, `path`, `entry`), the file-failure `reason`, `messageZh`
/// and the `headers` seen.
pub(super) fn ws_error(e: WorkspaceError) -> JsValue {
    let msg = e.to_string();
    let mut fields: Vec<(&str, JsValue)> = Vec::new();
    match &e {
        WorkspaceError::File(f) => {
            fields.push(("file", f.file().into()));
            fields.push(("reason", f.reason().into()));
            fields.push(("messageZh", f.message_zh().into()));
            let headers: js_sys::Array = f
                .headers()
                .iter()
                .map(|h| JsValue::from(h.as_str()))
                .collect();
            fields.push(("headers", headers.into()));
            if let Some(l) = f.line() {
                fields.push(("line", (l as f64).into()));
            }
            if let FileError::MissingColumns { missing, kind, .. } = f {
                fields.push(("column", missing.as_str().into()));
                fields.push(("kind", (*kind).into()));
            }
        }
        WorkspaceError::Policy(p) => fields.push(("path", p.path.as_str().into())),
        WorkspaceError::AuditImport(a) => {
            fields.push(("path", a.path().into()));
            fields.push(("entry", (a.entry as f64).into()));
            if let Some(f) = &a.field {
                fields.push(("column", f.as_str().into()));
            }
            if let Some(l) = a.line {
                fields.push(("line", (l as f64).into()));
            }
        }
        _ => {}
    }
    js_error(e.code(), &msg, &fields)
}

/// A bad argument: `code: "argument"` and the `value` given.
pub(super) fn arg_error(message: String, value: &str) -> JsValue {
    js_error("argument", &message, &[("value", value.into())])
}

/// A date argument (`YYYY-MM-DD`), or `code: "date"` with the `value` given.
pub(super) fn date_arg(text: &str) -> Result<crate::date::Date, JsValue> {
    parse_date(text).ok_or_else(|| {
        js_error(
            "date",
            &format!("{text:?} is not a date (expected YYYY-MM-DD)"),
            &[("value", text.into())],
        )
    })
}

/// `code: "state"`: a call that needs a scoring came before one.
pub(super) fn not_scored() -> JsValue {
    js_error("state", "score the records first", &[])
}

/// A file that cannot be read, as loading reports it.
pub(super) fn file_error(e: FileError) -> JsValue {
    ws_error(e.into())
}
