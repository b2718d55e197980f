//! The WebAssembly binding (wasm32 only): JS values in, core calls, JS values out.
//!
//! No domain logic lives here. Errors become real JS `Error` objects with a `code` and, when
//! known, `file`, `line`, `column`, `value` and `path` properties. Bulk results cross as typed
//! arrays; progress callbacks are called when the whole percent changes and cancel on `false`.

use crate::policy::{Indicator, Policy};
use crate::progress::{Cancelled, Progress};
use crate::records::RecordKind;
use crate::results::SortKey;
use crate::uscc::Uscc;
use crate::workspace::{Workspace as Core, WorkspaceError};
use js_sys::{Float64Array, Function, Uint32Array, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;

// The TypeScript types of every structured value the binding returns or takes, in
// `types.d.ts` beside this file (see its header); the functions below name them with
// `unchecked_return_type` / `unchecked_param_type`, so the generated `credit_supervision.d.ts`
// carries them.
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = include_str!("types.d.ts");

mod charts;
mod error;
mod scorecard;
mod worklist;
pub use scorecard::{scorecard_apply, scorecard_defaults, ScorecardFit, ScorecardScores};

use error::{
    arg_error, date_arg, file_error, file_name_arg, int_arg, js_error, not_scored, ws_error,
};

fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    let s = serde_wasm_bindgen::Serializer::json_compatible();
    v.serialize(&s)
        .map_err(|e| js_error("internal", &e.to_string(), &[]))
}

fn load_options(json: Option<&str>) -> Result<crate::ingest::LoadOptions, JsValue> {
    match json {
        None | Some("") => Ok(crate::ingest::LoadOptions::default()),
        Some(j) => serde_json::from_str(j)
            .map_err(|e| arg_error("options", format!("load options: {e}"), j)),
    }
}

/// Every label of the core a front end shows (classes, audit actions, encodings, file-failure
/// reasons, overrides, sort keys, record kinds and vocabularies), in Chinese and English.
#[wasm_bindgen(unchecked_return_type = "Vocabulary")]
pub fn vocabulary() -> Result<JsValue, JsValue> {
    to_js(&crate::vocabulary::vocabulary())
}

/// What a file is, from its name and first bytes (64 KiB are plenty): format, encoding,
/// delimiter, header line, headers and record kind, as the loaders would read it. `options` as
/// for `loadFile`. Throws as loading would for a file that is not a text table.
#[wasm_bindgen(unchecked_return_type = "Sniff")]
pub fn sniff(
    file_name: &str,
    bytes: &[u8],
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] options: Option<String>,
) -> Result<JsValue, JsValue> {
    file_name_arg(file_name)?;
    let opts = load_options(options.as_deref())?;
    to_js(&crate::ingest::sniff::sniff(file_name, bytes, &opts).map_err(file_error)?)
}

/// The sheet names of a workbook (XLSX, XLS or ODS).
#[wasm_bindgen(js_name = sheetNames)]
pub fn sheet_names(file_name: &str, bytes: &[u8]) -> Result<Vec<String>, JsValue> {
    file_name_arg(file_name)?;
    crate::ingest::sheet_names(file_name, bytes).map_err(file_error)
}

/// An outcome horizon in months (1 to the policy's maximum), or `argument: "horizon"`.
fn horizon_arg(horizon: Option<f64>) -> Result<Option<u32>, JsValue> {
    let max = crate::policy::model::MAX_HORIZON_MONTHS as f64;
    Ok(horizon
        .map(|h| int_arg("horizon", h, 1.0, max))
        .transpose()?
        .map(|h| h as u32))
}

/// Progress over an optional JS callback `(stage, fraction) => boolean | undefined`.
struct JsProgress(Option<Function>);

impl Progress for JsProgress {
    fn report(&mut self, stage: &str, fraction: f64) -> Result<(), Cancelled> {
        let Some(f) = &self.0 else { return Ok(()) };
        match f.call2(&JsValue::NULL, &stage.into(), &fraction.into()) {
            Ok(v) if v == JsValue::FALSE => Err(Cancelled),
            Ok(_) => Ok(()),
            Err(_) => Err(Cancelled),
        }
    }
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The default policy as pretty JSON text.
#[wasm_bindgen(js_name = defaultPolicy)]
pub fn default_policy() -> String {
    Policy::default().to_json()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct IndicatorInfo {
    id: &'static str,
    dimension: crate::policy::Dimension,
    dimension_zh: &'static str,
    zh: &'static str,
    en: &'static str,
    points: f64,
    window_months: u32,
    max_count: u32,
    decay_to: Option<f64>,
    enabled: bool,
}

/// The policy as a form (the page's policy editor): groups (the classes, the five
/// dimensions of indicators, overrides, inspection ratios, publicity, regime) and fields, each
/// with its JSON path in the policy, labels, kind, range and the default policy's value.
#[wasm_bindgen(js_name = policyForm, unchecked_return_type = "PolicyForm")]
pub fn policy_form() -> Result<JsValue, JsValue> {
    to_js(&crate::policy::form::policy_form())
}

/// The indicators of the default policy with their descriptions.
#[wasm_bindgen(js_name = policyCatalogue, unchecked_return_type = "IndicatorInfo[]")]
pub fn policy_catalogue() -> Result<JsValue, JsValue> {
    let p = crate::policy::ValidPolicy::default_checked();
    let list: Vec<IndicatorInfo> = Indicator::ALL
        .iter()
        .map(|&i| {
            let s = p.setting(i);
            IndicatorInfo {
                id: i.id(),
                dimension: i.dimension(),
                dimension_zh: i.dimension().zh(),
                zh: i.zh(),
                en: i.en(),
                points: s.points,
                window_months: s.window_months,
                max_count: s.max_count,
                decay_to: s.decay_to,
                enabled: s.enabled,
            }
        })
        .collect();
    to_js(&list)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct KindColumns {
    kind: &'static str,
    kind_zh: &'static str,
    file_name: String,
    columns: &'static [crate::records::Column],
}

/// The documented input columns of every kind of file: the record kinds, then the inspector
/// roster and the item list.
#[wasm_bindgen(unchecked_return_type = "KindColumns[]")]
pub fn columns() -> Result<JsValue, JsValue> {
    let list: Vec<KindColumns> = RecordKind::EVERY
        .iter()
        .map(|&k| KindColumns {
            kind: k.code(),
            kind_zh: k.zh(),
            file_name: k.file_name(),
            columns: k.columns(),
        })
        .collect();
    to_js(&list)
}

/// Validates an USCC and returns it normalised (upper case).
#[wasm_bindgen(js_name = validateUscc)]
pub fn validate_uscc(text: &str) -> Result<String, JsValue> {
    Uscc::parse(text)
        .map(|u| u.to_string())
        .map_err(|e| js_error("uscc", &e.to_string(), &[("value", text.into())]))
}

/// One store of records, one policy, the last scoring and draw.
#[wasm_bindgen]
pub struct Workspace {
    core: Core,
}

impl Default for Workspace {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen]
impl Workspace {
    /// An empty workspace with the default policy.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Workspace {
        Workspace { core: Core::new() }
    }

    /// Checks and sets the policy (JSON text).
    #[wasm_bindgen(js_name = setPolicy)]
    pub fn set_policy(&mut self, json: &str) -> Result<(), JsValue> {
        self.core.set_policy_json(json).map_err(ws_error)
    }

    /// The policy in force, as JSON text.
    pub fn policy(&self) -> String {
        self.core.policy().policy().to_json()
    }

    /// The digest of the policy in force (SHA-256 of its canonical JSON, as results carry it).
    #[wasm_bindgen(js_name = policyDigest)]
    pub fn policy_digest(&self) -> String {
        self.core.policy().digest().to_string()
    }

    /// How the last scoring's classes differ from the scoring before it (a change of the
    /// policy, the as-of date or the audit trail, on the same records): `matrix[from][to]` by
    /// class code (0 unclassified, 1–4 A–D), `moved`; `null` after the first scoring or when
    /// the records changed between.
    #[wasm_bindgen(js_name = lastChange, unchecked_return_type = "RunChange | null")]
    pub fn last_change(&self) -> Result<JsValue, JsValue> {
        to_js(&self.core.last_change())
    }

    /// Drops all loaded records and results.
    pub fn clear(&mut self) {
        self.core.clear();
    }

    /// Generates the synthetic district and loads it (1–5,000,000 enterprises).
    #[wasm_bindgen(js_name = generateDemo, unchecked_return_type = "LoadReport")]
    pub fn generate_demo(
        &mut self,
        enterprises: f64,
        seed: &str,
        as_of: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ProgressCallback | null")] progress: Option<
            Function,
        >,
    ) -> Result<JsValue, JsValue> {
        let max = crate::workspace::DEMO_MAX as f64;
        let enterprises = int_arg("enterprises", enterprises, 1.0, max)? as usize;
        let date = date_arg("asOf", as_of)?;
        let r = self
            .core
            .generate_demo(enterprises, seed, date, &mut JsProgress(progress))
            .map_err(ws_error)?;
        to_js(&r)
    }

    /// Loads one file of any supported format (CSV/TSV in UTF-8, GBK/GB18030 or UTF-16;
    /// XLSX, XLS or ODS workbooks; JSON or JSON Lines). `options` is a JSON text of `LoadOptions`
    /// (`{kind, encoding, delimiter, hasHeader, sheet, mapping, format}`, all optional).
    /// Returns one report per file, or per sheet of a workbook.
    #[wasm_bindgen(js_name = loadFile, unchecked_return_type = "FileReport[]")]
    pub fn load_file(
        &mut self,
        file_name: &str,
        bytes: &[u8],
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] options: Option<String>,
        #[wasm_bindgen(unchecked_optional_param_type = "ProgressCallback | null")] progress: Option<
            Function,
        >,
    ) -> Result<JsValue, JsValue> {
        file_name_arg(file_name)?;
        let opts = load_options(options.as_deref())?;
        let r = self
            .core
            .load_file(file_name, bytes, &opts, &mut JsProgress(progress))
            .map_err(ws_error)?;
        to_js(&r)
    }

    /// Starts loading a delimited-text file in chunks (e.g. `File.slice` in a worker);
    /// `options` as for `loadFile`.
    #[wasm_bindgen(js_name = beginFile)]
    pub fn begin_file(&mut self, file_name: &str, options: Option<String>) -> Result<(), JsValue> {
        file_name_arg(file_name)?;
        let opts = load_options(options.as_deref())?;
        self.core.begin_file(file_name, opts);
        Ok(())
    }

    /// Feeds the next chunk; returns `{ bytes, rows }` read so far.
    #[wasm_bindgen(js_name = pushChunk, unchecked_return_type = "ChunkProgress")]
    pub fn push_chunk(&mut self, chunk: &[u8]) -> Result<JsValue, JsValue> {
        let (bytes, rows) = self.core.push_chunk(chunk).map_err(ws_error)?;
        #[derive(Serialize)]
        struct Read {
            bytes: u64,
            rows: u64,
        }
        to_js(&Read { bytes, rows })
    }

    /// Ends the chunked file and returns its report.
    #[wasm_bindgen(js_name = finishFile, unchecked_return_type = "FileReport")]
    pub fn finish_file(&mut self) -> Result<JsValue, JsValue> {
        to_js(&self.core.finish_file().map_err(ws_error)?)
    }

    /// The rejected rows of the `index`-th report loaded (in load order) as a CSV file to fix
    /// and load again: the original headers and values, and the reason in a last column.
    #[wasm_bindgen(js_name = rejectedCsv)]
    pub fn rejected_csv(&self, index: f64) -> Result<Uint8Array, JsValue> {
        let index = int_arg("index", index, 0.0, u32::MAX as f64)? as usize;
        let b = self.core.rejected_csv(index).map_err(ws_error)?;
        Ok(Uint8Array::from(&b[..]))
    }

    /// The rejected rows of the `index`-th report loaded as an XLSX workbook: the original
    /// headers and values (as text), then the line and the reason; headers and reason in
    /// `lang` (`"zh"`, default, or `"en"`).
    #[wasm_bindgen(js_name = rejectedXlsx)]
    pub fn rejected_xlsx(
        &self,
        index: f64,
        #[wasm_bindgen(unchecked_optional_param_type = "\"zh\" | \"en\" | null")] lang: Option<
            String,
        >,
    ) -> Result<Uint8Array, JsValue> {
        let index = int_arg("index", index, 0.0, u32::MAX as f64)? as usize;
        let lang = worklist::lang_arg(lang)?;
        let b = self.core.rejected_xlsx(index, lang).map_err(ws_error)?;
        Ok(Uint8Array::from(&b[..]))
    }

    /// Loads one UTF-8 CSV file; `kind` is detected from the headers when omitted.
    #[wasm_bindgen(js_name = loadCsv, unchecked_return_type = "FileReport")]
    pub fn load_csv(
        &mut self,
        file_name: &str,
        bytes: &[u8],
        #[wasm_bindgen(unchecked_optional_param_type = "RecordKind | null")] kind: Option<String>,
        #[wasm_bindgen(unchecked_optional_param_type = "ProgressCallback | null")] progress: Option<
            Function,
        >,
    ) -> Result<JsValue, JsValue> {
        file_name_arg(file_name)?;
        let kind = match kind.as_deref() {
            None | Some("") => None,
            Some(k) => Some(
                RecordKind::parse(k)
                    .ok_or_else(|| arg_error("kind", format!("unknown record kind {k:?}"), k))?,
            ),
        };
        let r = self
            .core
            .load_csv(file_name, bytes, kind, &mut JsProgress(progress))
            .map_err(ws_error)?;
        to_js(&r)
    }

    /// `{ enterprises, registered, records }`.
    #[wasm_bindgen(unchecked_return_type = "StoreCounts")]
    pub fn counts(&self) -> Result<JsValue, JsValue> {
        to_js(&self.core.counts())
    }

    /// Scores every enterprise as of a date (`YYYY-MM-DD`).
    #[wasm_bindgen(unchecked_return_type = "ScoreSummary")]
    pub fn score(
        &mut self,
        as_of: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ProgressCallback | null")] progress: Option<
            Function,
        >,
    ) -> Result<JsValue, JsValue> {
        let date = date_arg("asOf", as_of)?;
        let s = self
            .core
            .score(date, &mut JsProgress(progress))
            .map_err(ws_error)?;
        to_js(&s)
    }

    /// One class code per enterprise id (0 none, 1–4 A–D).
    pub fn classes(&self) -> Result<Uint8Array, JsValue> {
        let s = self.core.scoring().ok_or_else(not_scored)?;
        Ok(Uint8Array::from(&s.classes[..]))
    }

    /// One score per enterprise id.
    pub fn scores(&self) -> Result<Float64Array, JsValue> {
        let s = self.core.scoring().ok_or_else(not_scored)?;
        Ok(Float64Array::from(&s.scores[..]))
    }

    /// Enterprise ids sorted by `key` (`score`, `class`, `uscc`, `name`, `region`),
    /// optionally of one class only (`classFilter` 0: unclassified, 1–4: A–D).
    pub fn order(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SortKey")] key: &str,
        descending: bool,
        class_filter: Option<f64>,
    ) -> Result<Uint32Array, JsValue> {
        let k = SortKey::parse(key)
            .ok_or_else(|| arg_error("key", format!("unknown sort key {key:?}"), key))?;
        let class_filter = match class_filter {
            None => None,
            Some(c) => Some(int_arg("classFilter", c, 0.0, 4.0)? as u8),
        };
        let ids = self
            .core
            .order(k, descending, class_filter)
            .map_err(ws_error)?;
        Ok(Uint32Array::from(&ids[..]))
    }

    /// Result rows for the given enterprise ids.
    #[wasm_bindgen(unchecked_return_type = "Row[]")]
    pub fn rows(&self, ids: &[u32]) -> Result<JsValue, JsValue> {
        to_js(&self.core.rows(ids).map_err(ws_error)?)
    }

    /// Why one enterprise has its score.
    #[wasm_bindgen(unchecked_return_type = "Explanation")]
    pub fn explain(&self, uscc: &str) -> Result<JsValue, JsValue> {
        to_js(&self.core.explain(uscc).map_err(ws_error)?)
    }

    /// Draws enterprises for inspection; the ratio defaults to the policy's.
    #[wasm_bindgen(unchecked_return_type = "Draw")]
    pub fn draw(&mut self, seed: &str, overall_ratio: Option<f64>) -> Result<JsValue, JsValue> {
        to_js(&self.core.draw(seed, overall_ratio).map_err(ws_error)?)
    }

    /// Every result as CSV bytes (UTF-8 with BOM).
    #[wasm_bindgen(js_name = resultsCsv)]
    pub fn results_csv(&self) -> Result<Uint8Array, JsValue> {
        let b = self.core.results_csv().map_err(ws_error)?;
        Ok(Uint8Array::from(&b[..]))
    }

    /// Every result as an XLSX workbook, headers in `lang` (`"zh"`, default, or `"en"`).
    #[wasm_bindgen(js_name = resultsXlsx)]
    pub fn results_xlsx(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "\"zh\" | \"en\" | null")] lang: Option<
            String,
        >,
    ) -> Result<Uint8Array, JsValue> {
        let lang = worklist::lang_arg(lang)?;
        let b = self.core.results_xlsx(lang).map_err(ws_error)?;
        Ok(Uint8Array::from(&b[..]))
    }

    /// The last draw as an XLSX workbook (the drawn list, and what the draw binds), headers
    /// in `lang`.
    #[wasm_bindgen(js_name = drawXlsx)]
    pub fn draw_xlsx(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "\"zh\" | \"en\" | null")] lang: Option<
            String,
        >,
    ) -> Result<Uint8Array, JsValue> {
        let lang = worklist::lang_arg(lang)?;
        let b = self.core.draw_xlsx(lang).map_err(ws_error)?;
        Ok(Uint8Array::from(&b[..]))
    }

    /// The last draw as CSV bytes (UTF-8 with BOM).
    #[wasm_bindgen(js_name = drawCsv)]
    pub fn draw_csv(&self) -> Result<Uint8Array, JsValue> {
        let b = self.core.draw_csv().map_err(ws_error)?;
        Ok(Uint8Array::from(&b[..]))
    }

    /// Makes the inspection plan of a cycle (双随机、一公开) from the last scoring, the roster
    /// and item list loaded, and the seed; `cycleStart` defaults to the as-of date; `referrals`
    /// are USCCs that must be checked. Returns the plan without its visits.
    #[wasm_bindgen(unchecked_return_type = "PlanView")]
    pub fn plan(
        &mut self,
        seed: &str,
        #[wasm_bindgen(js_name = cycleStart, unchecked_optional_param_type = "IsoDate | null")]
        cycle_start: Option<String>,
        #[wasm_bindgen(unchecked_optional_param_type = "string[] | null")] referrals: Option<
            Vec<String>,
        >,
    ) -> Result<JsValue, JsValue> {
        let start = match cycle_start.as_deref() {
            None | Some("") => None,
            Some(t) => Some(date_arg("cycleStart", t)?),
        };
        let referrals = referrals.unwrap_or_default();
        if referrals.len() > 1_000_000 {
            return Err(arg_error(
                "referrals",
                "at most 1,000,000 referrals".into(),
                &referrals.len().to_string(),
            ));
        }
        self.core.plan(seed, start, &referrals).map_err(ws_error)?;
        to_js(&self.core.plan_view().map_err(ws_error)?)
    }

    /// The visits of the last plan, one round (every round when `round` is null) from
    /// `offset`, at most `limit` (≤ 10,000).
    #[wasm_bindgen(js_name = planRows, unchecked_return_type = "PlanVisit[]")]
    pub fn plan_rows(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number | null")] round: Option<f64>,
        offset: f64,
        limit: f64,
    ) -> Result<JsValue, JsValue> {
        let round = round
            .map(|r| int_arg("round", r, 1.0, 52.0))
            .transpose()?
            .map(|r| r as u32);
        let offset = int_arg("offset", offset, 0.0, 4_294_967_295.0)? as usize;
        let limit = int_arg("limit", limit, 0.0, 10_000.0)? as usize;
        to_js(
            &self
                .core
                .plan_rows(round, offset, limit)
                .map_err(ws_error)?,
        )
    }

    /// The internal plan (every visit with class, reason and team) as CSV bytes.
    #[wasm_bindgen(js_name = planCsv)]
    pub fn plan_csv(&self) -> Result<Uint8Array, JsValue> {
        let b = self.core.plan_csv().map_err(ws_error)?;
        Ok(Uint8Array::from(&b[..]))
    }

    /// The public list (一公开) of one round (every round when null) as CSV bytes: no class,
    /// score or reason.
    #[wasm_bindgen(js_name = planPublicCsv)]
    pub fn plan_public_csv(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "number | null")] round: Option<f64>,
    ) -> Result<Uint8Array, JsValue> {
        let round = round
            .map(|r| int_arg("round", r, 1.0, 52.0))
            .transpose()?
            .map(|r| r as u32);
        let b = self.core.plan_public_csv(round).map_err(ws_error)?;
        Ok(Uint8Array::from(&b[..]))
    }

    /// The last plan as an XLSX workbook (bytes): the internal plan and the public list, a
    /// sheet each; created on the plan's as-of date, so the bytes do not depend on the clock.
    #[wasm_bindgen(js_name = planXlsx)]
    pub fn plan_xlsx(&self) -> Result<Uint8Array, JsValue> {
        let b = self.core.plan_xlsx().map_err(ws_error)?;
        Ok(Uint8Array::from(&b[..]))
    }

    /// The last plan as its published JSON document (digests, summary and visits), as bytes:
    /// publish it; `verifyPlan` reads it back.
    #[wasm_bindgen(js_name = planJson)]
    pub fn plan_json(&self) -> Result<Uint8Array, JsValue> {
        let b = self.core.plan_json().map_err(ws_error)?;
        Ok(Uint8Array::from(&b[..]))
    }

    /// What the cycle from `cycleStart` achieved, from the inspection records loaded: random
    /// ratio against target and floor, 100 % groups' coverage, results published on time, results
    /// by class. `cycleEnd` defaults to the policy's cycle; `on` (the day publication is judged
    /// on) to the scoring's as-of date.
    #[wasm_bindgen(js_name = planOutcome, unchecked_return_type = "PlanOutcome")]
    pub fn plan_outcome(
        &self,
        #[wasm_bindgen(js_name = cycleStart)] cycle_start: &str,
        #[wasm_bindgen(js_name = cycleEnd, unchecked_optional_param_type = "IsoDate | null")]
        cycle_end: Option<String>,
        #[wasm_bindgen(unchecked_optional_param_type = "IsoDate | null")] on: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let (start, end, on) = cycle_args(cycle_start, cycle_end, on)?;
        to_js(&self.core.plan_outcome(start, end, on).map_err(ws_error)?)
    }

    /// The public results (一公开) of the cycle's random checks as CSV bytes, each with its
    /// deadline and whether it was met; only the overdue ones with `overdueOnly`. No class,
    /// score or reason.
    #[wasm_bindgen(js_name = planResultsCsv)]
    pub fn plan_results_csv(
        &self,
        #[wasm_bindgen(js_name = cycleStart)] cycle_start: &str,
        #[wasm_bindgen(js_name = cycleEnd, unchecked_optional_param_type = "IsoDate | null")]
        cycle_end: Option<String>,
        #[wasm_bindgen(unchecked_optional_param_type = "IsoDate | null")] on: Option<String>,
        #[wasm_bindgen(js_name = overdueOnly, unchecked_optional_param_type = "boolean | null")]
        overdue_only: Option<bool>,
    ) -> Result<Uint8Array, JsValue> {
        let (start, end, on) = cycle_args(cycle_start, cycle_end, on)?;
        let b = self
            .core
            .plan_results_csv(start, end, on, overdue_only.unwrap_or(false))
            .map_err(ws_error)?;
        Ok(Uint8Array::from(&b[..]))
    }

    /// Re-derives a published plan (the text of its JSON document) from the records, policy,
    /// audit trail and roster loaded here and says whether it matches, and where it differs.
    #[wasm_bindgen(js_name = verifyPlan, unchecked_return_type = "PlanVerification")]
    pub fn verify_plan(&mut self, json: &str) -> Result<JsValue, JsValue> {
        if json.len() > 1 << 30 {
            return Err(arg_error("json", "at most 1 GiB".into(), "(too long)"));
        }
        to_js(&self.core.verify_plan(json).map_err(ws_error)?)
    }
}

/// A class code filter (0–4) or none.
fn class_filter(name: &str, v: Option<f64>) -> Result<Option<u8>, JsValue> {
    v.map(|c| int_arg(name, c, 0.0, 4.0).map(|c| c as u8))
        .transpose()
}

#[wasm_bindgen]
impl Workspace {
    /// Backtests the classes as of `at` against the outcomes over `horizon` months after it
    /// (default: the policy's `model.horizon_months`) on the records loaded, whose as-of date is
    /// the last scoring's (score first: `code: "state"`). Throws `code: "argument"` with
    /// `argument: "at"` when the window runs past that date, `"horizon"` outside 1–120.
    #[wasm_bindgen(unchecked_return_type = "Backtest")]
    pub fn backtest(
        &mut self,
        at: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "number | null")] horizon: Option<f64>,
        #[wasm_bindgen(unchecked_optional_param_type = "ProgressCallback | null")] progress: Option<
            Function,
        >,
    ) -> Result<JsValue, JsValue> {
        let at = date_arg("at", at)?;
        let horizon = horizon_arg(horizon)?;
        let b = self
            .core
            .backtest(at, horizon, &mut JsProgress(progress))
            .map_err(ws_error)?;
        to_js(&b)
    }

    /// Fits a WoE scorecard on the records loaded: features as of `at`, the outcome over the
    /// horizon after it (default: the policy's); `testAt` tests it out of time (features as of
    /// that later date, the outcome after it). `settings`: JSON text (`scorecardDefaults()`).
    /// Throws `code: "argument"` for a window past the data, `"settings"`, or `"fit"`.
    #[wasm_bindgen(js_name = scorecardFit, unchecked_return_type = "ScorecardResult")]
    pub fn scorecard_fit(
        &mut self,
        at: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "number | null")] horizon: Option<f64>,
        #[wasm_bindgen(js_name = testAt, unchecked_optional_param_type = "IsoDate | null")]
        test_at: Option<String>,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] settings: Option<String>,
        #[wasm_bindgen(unchecked_optional_param_type = "ProgressCallback | null")] progress: Option<
            Function,
        >,
    ) -> Result<JsValue, JsValue> {
        let at = date_arg("at", at)?;
        let horizon = horizon_arg(horizon)?;
        let test_at = test_at.map(|t| date_arg("testAt", &t)).transpose()?;
        let settings = scorecard::settings_arg(settings.as_deref())?;
        let (card, report) = self
            .core
            .scorecard_fit(at, horizon, test_at, &settings, &mut JsProgress(progress))
            .map_err(ws_error)?;
        scorecard::result(&card, &report)
    }

    /// The expert classes (the champion) and a challenger card backtested side by side over
    /// the same window as `backtest` (docs/RULES.md §19.6). `challenger`: JSON text
    /// `{ name, card, classes? }` (`card` the fitted card's JSON object, `classes`
    /// `{ by: "shares" }` (default) or `{ by: "cut_offs", a, b, c }`); without it, the
    /// policy's `model.challenger`. Throws `code: "state"` without either, `"policy"` with a
    /// `path` under `model.challenger` for a card or classes that do not fit.
    #[wasm_bindgen(unchecked_return_type = "Challenge")]
    pub fn challenge(
        &mut self,
        at: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "number | null")] horizon: Option<f64>,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] challenger: Option<String>,
        #[wasm_bindgen(unchecked_optional_param_type = "ProgressCallback | null")] progress: Option<
            Function,
        >,
    ) -> Result<JsValue, JsValue> {
        let at = date_arg("at", at)?;
        let horizon = horizon_arg(horizon)?;
        let spec = challenger.as_deref().map(challenger_arg).transpose()?;
        let c = self
            .core
            .challenge(at, horizon, spec.as_ref(), &mut JsProgress(progress))
            .map_err(ws_error)?;
        to_js(&c)
    }

    /// Sets the events that make an enterprise bad in this workspace's `backtest`,
    /// `scorecardFit` and `challenge`, in place of the policy's `model.bad`: JSON text of a
    /// `BadEvents` (null: the policy's again). The policy in force, the scoring, the draw and
    /// the plan are untouched. Throws `code: "policy"` with `path` (`model.bad`…).
    #[wasm_bindgen(js_name = setOutcome)]
    pub fn set_outcome(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | null")] bad: Option<String>,
    ) -> Result<(), JsValue> {
        let bad = match bad {
            Some(text) => Some(serde_json::from_str(&text).map_err(|e| {
                ws_error(WorkspaceError::Policy(crate::policy::PolicyError {
                    path: "model.bad".into(),
                    message: e.to_string(),
                }))
            })?),
            None => None,
        };
        self.core.set_outcome(bad).map_err(ws_error)
    }

    /// The events a backtest judges by now: `setOutcome`'s, else the policy's `model.bad`.
    #[wasm_bindgen(unchecked_return_type = "BadEvents")]
    pub fn outcome(&self) -> Result<JsValue, JsValue> {
        to_js(&self.core.outcome())
    }

    /// The policy in force with `challenger` (JSON text as for `challenge`) as its
    /// `model.challenger`, checked, as JSON text to save or `setPolicy` later; the policy in
    /// force is unchanged. Throws `code: "policy"` with the `path` at fault.
    #[wasm_bindgen(js_name = policyWithChallenger)]
    pub fn policy_with_challenger(&self, challenger: &str) -> Result<String, JsValue> {
        let spec = challenger_arg(challenger)?;
        self.core.policy_with_challenger(spec).map_err(ws_error)
    }

    /// The migration of the classes from `from` to `to` (a later date) over the records
    /// loaded: the 5 × 5 matrix (unclassified, A–D), moves up and down, each date's classes
    /// counted. Its two scorings are kept for `migrationMovers`.
    #[wasm_bindgen(unchecked_return_type = "Migration")]
    pub fn migration(
        &mut self,
        from: &str,
        to: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ProgressCallback | null")] progress: Option<
            Function,
        >,
    ) -> Result<JsValue, JsValue> {
        let (from, to) = (date_arg("from", from)?, date_arg("to", to)?);
        let m = self
            .core
            .migration(from, to, &mut JsProgress(progress))
            .map_err(ws_error)?;
        to_js(&m)
    }

    /// One page of the enterprises whose class changed from `from` to `to`, by USCC, with the
    /// indicators whose hits changed; `fromClass` / `toClass` (0 unclassified, 1–4 A–D, null
    /// any) filter them; `offset`, `limit` ≤ 10,000.
    #[wasm_bindgen(js_name = migrationMovers, unchecked_return_type = "MoversPage")]
    pub fn migration_movers(
        &mut self,
        from: &str,
        to: &str,
        #[wasm_bindgen(js_name = fromClass, unchecked_param_type = "number | null")]
        from_class: Option<f64>,
        #[wasm_bindgen(js_name = toClass, unchecked_param_type = "number | null")] to_class: Option<
            f64,
        >,
        offset: f64,
        limit: f64,
    ) -> Result<JsValue, JsValue> {
        let (from, to) = (date_arg("from", from)?, date_arg("to", to)?);
        let filter = crate::model::migration::MoverFilter {
            from: class_filter("fromClass", from_class)?,
            to: class_filter("toClass", to_class)?,
        };
        let offset = int_arg("offset", offset, 0.0, 4_294_967_295.0)? as usize;
        let limit = int_arg("limit", limit, 0.0, 10_000.0)? as usize;
        let page = self
            .core
            .migration_movers(from, to, filter, offset, limit)
            .map_err(ws_error)?;
        to_js(&page)
    }

    /// Every enterprise whose class changed from `from` to `to` (filtered as for
    /// `migrationMovers`), by USCC, with the indicators that changed, as CSV bytes (UTF-8 with
    /// a BOM, for Excel).
    #[wasm_bindgen(js_name = migrationMoversCsv)]
    pub fn migration_movers_csv(
        &mut self,
        from: &str,
        to: &str,
        #[wasm_bindgen(js_name = fromClass, unchecked_param_type = "number | null")]
        from_class: Option<f64>,
        #[wasm_bindgen(js_name = toClass, unchecked_param_type = "number | null")] to_class: Option<
            f64,
        >,
    ) -> Result<Uint8Array, JsValue> {
        let (from, to) = (date_arg("from", from)?, date_arg("to", to)?);
        let filter = crate::model::migration::MoverFilter {
            from: class_filter("fromClass", from_class)?,
            to: class_filter("toClass", to_class)?,
        };
        let bytes = self
            .core
            .migration_movers_csv(from, to, filter)
            .map_err(ws_error)?;
        Ok(Uint8Array::from(&bytes[..]))
    }

    /// The class of every enterprise at each of `dates` (1–120, `YYYY-MM-DD`): `classes` is a
    /// `Uint8Array` of one code per enterprise id per date, date by date (date `d`'s classes
    /// at `d * enterprises`), with each date's counts in `summaries`. The records are not
    /// reloaded.
    #[wasm_bindgen(js_name = classesAt, unchecked_return_type = "ClassesAt")]
    pub fn classes_at(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "IsoDate[]")] dates: Vec<String>,
        #[wasm_bindgen(unchecked_optional_param_type = "ProgressCallback | null")] progress: Option<
            Function,
        >,
    ) -> Result<JsValue, JsValue> {
        let max = crate::workspace::MAX_CLASS_DATES;
        if dates.is_empty() || dates.len() > max {
            return Err(arg_error(
                "dates",
                format!("give 1–{max} dates"),
                &dates.len().to_string(),
            ));
        }
        let dates = dates
            .iter()
            .map(|t| date_arg("dates", t))
            .collect::<Result<Vec<_>, _>>()?;
        let c = self
            .core
            .classes_at(&dates, &mut JsProgress(progress))
            .map_err(ws_error)?;
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct View<'a> {
            dates: Vec<String>,
            enterprises: usize,
            summaries: &'a [crate::model::migration::DateSummary],
        }
        let view = to_js(&View {
            dates: c
                .dates
                .iter()
                .map(|&d| crate::date::format_date(d))
                .collect(),
            enterprises: c.enterprises,
            summaries: &c.summaries,
        })?;
        js_sys::Reflect::set(
            &view,
            &"classes".into(),
            &Uint8Array::from(&c.classes[..]).into(),
        )
        .map_err(|_| js_error("internal", "the classes could not be set", &[]))?;
        Ok(view)
    }
}

type CycleArgs = (
    crate::date::Date,
    Option<crate::date::Date>,
    Option<crate::date::Date>,
);

fn cycle_args(start: &str, end: Option<String>, on: Option<String>) -> Result<CycleArgs, JsValue> {
    let opt = |name: &str, t: Option<String>| match t.as_deref() {
        None | Some("") => Ok(None),
        Some(t) => date_arg(name, t).map(Some),
    };
    Ok((
        date_arg("cycleStart", start)?,
        opt("cycleEnd", end)?,
        opt("on", on)?,
    ))
}

fn opt_date(text: Option<String>) -> Result<Option<crate::date::Date>, JsValue> {
    match text.as_deref() {
        None | Some("") => Ok(None),
        Some(t) => date_arg("asOf", t).map(Some),
    }
}

#[wasm_bindgen]
impl Workspace {
    /// Everything the rules say about one enterprise as of a date (default: the last
    /// scoring's): `{ uscc, name, asOf, regime, regimeZh, records: [RecordView], repair:
    /// RepairReport, measures: [MeasureAnswer] }`. Every answer names `regime`, `basis` and
    /// `basisMark`.
    #[wasm_bindgen(js_name = rulesFor, unchecked_return_type = "EnterpriseRules")]
    pub fn rules_for(&self, uscc: &str, as_of: Option<String>) -> Result<JsValue, JsValue> {
        let d = opt_date(as_of)?;
        to_js(&self.core.rules_for(uscc, d).map_err(ws_error)?)
    }

    /// Credit-repair options of one enterprise, one per negative record, with what-if scores.
    #[wasm_bindgen(unchecked_return_type = "RepairReport")]
    pub fn repair(&self, uscc: &str, as_of: Option<String>) -> Result<JsValue, JsValue> {
        let d = opt_date(as_of)?;
        to_js(&self.core.repair(uscc, d).map_err(ws_error)?)
    }

    /// The measures (incentives, restrictions) of the catalogue for one enterprise, with why.
    #[wasm_bindgen(unchecked_return_type = "MeasureAnswer[]")]
    pub fn measures(&self, uscc: &str, as_of: Option<String>) -> Result<JsValue, JsValue> {
        let d = opt_date(as_of)?;
        to_js(&self.core.measures(uscc, d).map_err(ws_error)?)
    }

    /// One day of the working-day calendar: `{ date, kind, working, holiday, notice, warning }`.
    #[wasm_bindgen(js_name = workingDay, unchecked_return_type = "DayInfo")]
    pub fn working_day(&self, date: &str) -> Result<JsValue, JsValue> {
        to_js(
            &self
                .core
                .working_day(date_arg("date", date)?)
                .map_err(ws_error)?,
        )
    }

    /// The `n`-th working day after `from` (`from` not counted): `{ from, workingDays, due,
    /// uncoveredYears, skippedDays }`. `from` in the years 1900–2200, `n` 0–3650.
    #[wasm_bindgen(js_name = addWorkingDays, unchecked_return_type = "WorkingDeadline")]
    pub fn add_working_days(&self, from: &str, n: f64) -> Result<JsValue, JsValue> {
        let max = crate::calendar::MAX_WORKING_DAYS as f64;
        let n = int_arg("n", n, 0.0, max)? as u32;
        let from = date_arg("from", from)?;
        to_js(&self.core.add_working_days(from, n).map_err(ws_error)?)
    }

    /// `from` + `months` months, clamped to the month's end: `{ from, months, date, lastDay,
    /// clamped }`. `from` in the years 1900–2200, `months` within ±1200.
    #[wasm_bindgen(js_name = monthsAfter, unchecked_return_type = "MonthDeadline")]
    pub fn months_after(&self, from: &str, months: f64) -> Result<JsValue, JsValue> {
        let max = crate::calendar::MAX_MONTHS as f64;
        let months = int_arg("months", months, -max, max)? as i32;
        let from = date_arg("from", from)?;
        to_js(&self.core.months_after(from, months).map_err(ws_error)?)
    }

    /// Records `dispute`, `correct`, `confirm` or `repair` on one record (kind and index as in
    /// `rulesFor(...).records`), with who, the effective date and a required reason (a
    /// correction also needs `correction`). Returns the `AuditEntry`; the score recomputes.
    /// Throws `code: "audit"` when a required field is empty.
    #[allow(clippy::too_many_arguments)]
    #[wasm_bindgen(unchecked_return_type = "AuditEntry")]
    pub fn object(
        &mut self,
        uscc: &str,
        #[wasm_bindgen(unchecked_param_type = "RecordKind")] record_kind: &str,
        record_index: f64,
        #[wasm_bindgen(unchecked_param_type = "ObjectionAction")] action: &str,
        who: &str,
        reason: &str,
        at: &str,
        correction: Option<String>,
        timestamp: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let kind = RecordKind::parse(record_kind).ok_or_else(|| {
            arg_error(
                "recordKind",
                format!("unknown record kind {record_kind:?}"),
                record_kind,
            )
        })?;
        let record_index = int_arg("recordIndex", record_index, 0.0, u32::MAX as f64)? as u32;
        let act = crate::audit::Action::parse(action)
            .ok_or_else(|| arg_error("action", format!("unknown action {action:?}"), action))?;
        let e = self
            .core
            .object(
                uscc,
                kind,
                record_index,
                act,
                who,
                reason,
                date_arg("at", at)?,
                correction,
                timestamp.as_deref().unwrap_or(""),
            )
            .map_err(ws_error)?;
        to_js(&e)
    }

    /// Adjusts a class by hand: `cls` is `"A"`–`"D"`, or `""` to remove the adjustment; who,
    /// the effective date and a required reason. Returns the `AuditEntry`.
    #[wasm_bindgen(js_name = adjustClass, unchecked_return_type = "AuditEntry")]
    pub fn adjust_class(
        &mut self,
        uscc: &str,
        #[wasm_bindgen(unchecked_param_type = "ClassLetter | \"\"")] cls: &str,
        who: &str,
        reason: &str,
        at: &str,
        timestamp: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let class = match cls.trim() {
            "" => None,
            other => Some(
                crate::policy::Class::from_letter(other)
                    .ok_or_else(|| arg_error("cls", format!("unknown class {other:?}"), other))?,
            ),
        };
        let e = self
            .core
            .adjust_class(
                uscc,
                class,
                who,
                reason,
                date_arg("at", at)?,
                timestamp.as_deref().unwrap_or(""),
            )
            .map_err(ws_error)?;
        to_js(&e)
    }

    /// The audit trail, oldest first: `[AuditEntry]`.
    #[wasm_bindgen(js_name = auditTrail, unchecked_return_type = "AuditEntry[]")]
    pub fn audit_trail(&self) -> Result<JsValue, JsValue> {
        to_js(&self.core.audit_entries())
    }

    /// The audit trail as CSV bytes (UTF-8 with BOM).
    #[wasm_bindgen(js_name = auditCsv)]
    pub fn audit_csv(&self) -> Uint8Array {
        Uint8Array::from(&self.core.audit_csv()[..])
    }

    /// The audit trail as an XLSX workbook, headers, actions and record kinds in `lang`.
    #[wasm_bindgen(js_name = auditXlsx)]
    pub fn audit_xlsx(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "\"zh\" | \"en\" | null")] lang: Option<
            String,
        >,
    ) -> Result<Uint8Array, JsValue> {
        let lang = worklist::lang_arg(lang)?;
        let b = self.core.audit_xlsx(lang).map_err(ws_error)?;
        Ok(Uint8Array::from(&b[..]))
    }

    /// The audit trail as JSON text.
    #[wasm_bindgen(js_name = auditJson)]
    pub fn audit_json(&self) -> String {
        self.core.audit_json()
    }

    /// Loads an exported audit trail (the text of `auditJson()`, or the bytes of `auditJson()`
    /// or `auditCsv()`) into the workspace, every entry checked first; returns `{ entries,
    /// alreadyHeld, imported }`. Throws `code: "audit"` with `entry`, `path` (e.g.
    /// `[2].record`), `column` (the field) and, for CSV, `line`.
    #[wasm_bindgen(js_name = importAudit, unchecked_return_type = "AuditImport")]
    pub fn import_audit(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] data: JsValue,
    ) -> Result<JsValue, JsValue> {
        let bytes = if let Some(text) = data.as_string() {
            text.into_bytes()
        } else if data.is_instance_of::<Uint8Array>() {
            Uint8Array::from(data).to_vec()
        } else {
            return Err(js_error(
                "argument",
                "data: importAudit takes the trail as a string or a Uint8Array",
                &[("argument", "data".into())],
            ));
        };
        to_js(&self.core.import_audit(&bytes).map_err(ws_error)?)
    }
}

/// A challenger from JSON text, or `code: "policy"` with `path: "model.challenger"`.
fn challenger_arg(text: &str) -> Result<crate::policy::Challenger, JsValue> {
    serde_json::from_str(text).map_err(|e| {
        ws_error(WorkspaceError::Policy(crate::policy::PolicyError {
            path: "model.challenger".into(),
            message: e.to_string(),
        }))
    })
}
