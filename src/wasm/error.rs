//! Core errors as real JS `Error` objects with a `code` and, when known, the position: `file`,
//! `line`, `column`, `value`, `path`, `entry` (see `CreditSupervisionError` in `types.d.ts`).

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
        WorkspaceError::Argument(a) => fields.push(("value", a.value.as_str().into())),
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
    if let Some(a) = e.argument() {
        fields.push(("argument", a.into()));
    }
    js_error(e.code(), &msg, &fields)
}

/// A bad argument: `code: "argument"`, the `argument`'s name and the `value` given.
pub(super) fn arg_error(argument: &str, message: String, value: &str) -> JsValue {
    js_error(
        "argument",
        &format!("{argument}: {message}"),
        &[("argument", argument.into()), ("value", value.into())],
    )
}

/// A whole number argument within `min..=max`, or `code: "argument"` naming it. Numbers from
/// JS are taken as `f64` and checked here, instead of letting the binding wrap them into a
/// `u32`/`i32` (−1 would become 4,294,967,295, 2³² + 1 would become 1).
pub(super) fn int_arg(argument: &str, v: f64, min: f64, max: f64) -> Result<f64, JsValue> {
    if v.is_finite() && v.fract() == 0.0 && (min..=max).contains(&v) {
        Ok(v)
    } else {
        Err(js_error(
            "argument",
            &format!("{argument}: must be a whole number {min}–{max}, not {v}"),
            &[
                ("argument", argument.into()),
                ("value", v.to_string().into()),
            ],
        ))
    }
}

/// The most characters of a file name: 1,024.
pub(super) const MAX_FILE_NAME_CHARS: usize = 1024;

/// A file name of at most [`MAX_FILE_NAME_CHARS`] characters, or `code: "argument"`.
pub(super) fn file_name_arg(name: &str) -> Result<(), JsValue> {
    let n = name.chars().count();
    if n > MAX_FILE_NAME_CHARS {
        return Err(arg_error(
            "fileName",
            format!("at most {MAX_FILE_NAME_CHARS} characters"),
            &format!("({n} characters)"),
        ));
    }
    Ok(())
}

/// A date argument (`YYYY-MM-DD`), or `code: "date"` with the `argument`'s name and the
/// `value` given. Its range is the core's to check (years 1900–2200: `code: "argument"`).
pub(super) fn date_arg(argument: &str, text: &str) -> Result<crate::date::Date, JsValue> {
    use crate::date::{parse_date_checked, DateError, MAX_YEAR, MIN_YEAR};
    let fields = [("argument", argument.into()), ("value", text.into())];
    match parse_date_checked(text) {
        Ok(d) => Ok(d),
        // A date, but outside the years the toolkit takes: an argument out of range.
        Err(DateError::Range) => Err(js_error(
            "argument",
            &format!("{argument}: {text:?} must lie in the years {MIN_YEAR}–{MAX_YEAR}"),
            &fields,
        )),
        Err(DateError::Form) => Err(js_error(
            "date",
            &format!("{argument}: {text:?} is not a date (expected YYYY-MM-DD)"),
            &fields,
        )),
    }
}

/// `code: "state"`: a call that needs a scoring came before one.
pub(super) fn not_scored() -> JsValue {
    js_error("state", "score the records first", &[])
}

/// A file that cannot be read, as loading reports it.
pub(super) fn file_error(e: FileError) -> JsValue {
    ws_error(e.into())
}
