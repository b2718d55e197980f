//! MERGE: a temporary adapter until the core's `Workspace::draw` returns its own view (the
//! selected enterprises with USCC, name, class and region, and the `recordsDigest` and
//! `auditDigest`). Delete this file then; `Workspace.draw` serializes the core's answer.

use super::error::{not_scored, ws_error};
use crate::draw::Draw;
use crate::workspace::Workspace as Core;
use serde::Serialize;
use wasm_bindgen::JsValue;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct View<'a> {
    #[serde(flatten)]
    draw: Draw,
    selected: Vec<Selected<'a>>,
    /// MERGE: the core computes it; empty until then.
    records_digest: String,
    /// MERGE: the core computes it; empty until then.
    audit_digest: String,
}

#[derive(Serialize)]
struct Selected<'a> {
    id: u32,
    uscc: String,
    name: &'a str,
    class: &'static str,
    region: &'a str,
}

/// MERGE: the view the core will return.
pub(super) fn view<'a>(
    core: &'a mut Core,
    seed: &str,
    overall_ratio: Option<f64>,
) -> Result<View<'a>, JsValue> {
    let draw = core.draw(seed, overall_ratio).map_err(ws_error)?.clone();
    let core: &'a Core = core;
    let store = core.store();
    let scoring = core.scoring().ok_or_else(not_scored)?;
    let selected = draw
        .selected
        .iter()
        .map(|&e| Selected {
            id: e,
            uscc: store.uscc(e).to_string(),
            name: store.name(e),
            class: crate::policy::class_letter(scoring.class(e)),
            region: store.registration(e).map_or("", |r| store.text(r.region)),
        })
        .collect();
    Ok(View {
        draw,
        selected,
        records_digest: String::new(),
        audit_digest: String::new(),
    })
}
