//! The scorecard's part of the binding: a fit from tables given as bytes, and a saved card
//! applied to another table. Settings and cards cross as JSON text; scores as typed arrays.

use super::error::{arg_error, file_name_arg, js_error};
use super::{to_js, JsProgress};
use crate::model::read::{read_table, ReadOptions, ReadTable};
use crate::model::scorecard::{self, Card, Sample, Settings, ValidSettings};
use js_sys::{Float64Array, Function, Uint8Array};
use wasm_bindgen::prelude::*;

pub(super) fn settings_arg(json: Option<&str>) -> Result<ValidSettings, JsValue> {
    let s = match json {
        None | Some("") => Settings::defaults(),
        Some(j) => Settings::from_json(j).map_err(|e| settings_error(e, j))?,
    };
    s.check().map_err(|e| settings_error(e, ""))
}

fn settings_error(e: scorecard::SettingsError, value: &str) -> JsValue {
    js_error(
        "settings",
        &e.to_string(),
        &[("path", e.path.as_str().into()), ("value", value.into())],
    )
}

fn read_error(e: crate::model::read::ReadError) -> JsValue {
    js_error("file", &e.to_string(), &[("file", e.file.as_str().into())])
}

fn card_error(e: scorecard::CardError) -> JsValue {
    js_error("card", &e.to_string(), &[("path", e.path.as_str().into())])
}

/// The default settings of a scorecard fit, as JSON.
#[wasm_bindgen(js_name = scorecardDefaults)]
pub fn scorecard_defaults() -> String {
    serde_json::to_string_pretty(&Settings::defaults()).expect("serialisable")
}

/// A scorecard fit: settings, a training table and optionally a test table, then `fit`.
#[wasm_bindgen]
pub struct ScorecardFit {
    settings: ValidSettings,
    target: Option<String>,
    train: Option<ReadTable>,
    test: Option<ReadTable>,
}

#[wasm_bindgen]
impl ScorecardFit {
    /// A fit under `settings` (JSON; the defaults when absent). Throws `code: "settings"` with
    /// the JSON `path` of a wrong value.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] settings: Option<String>,
    ) -> Result<ScorecardFit, JsValue> {
        Ok(ScorecardFit {
            settings: settings_arg(settings.as_deref())?,
            target: None,
            train: None,
            test: None,
        })
    }

    /// Reads the training table (CSV or XLSX) with its target column; returns the row
    /// accounting (read, accepted, rejected rows with line, column, value, reason).
    #[wasm_bindgen(unchecked_return_type = "TableReport")]
    pub fn train(
        &mut self,
        file_name: &str,
        bytes: &[u8],
        target: &str,
    ) -> Result<JsValue, JsValue> {
        file_name_arg(file_name)?;
        let t = self.read(file_name, bytes, target, Default::default())?;
        let report = table_report(&t)?;
        self.target = Some(target.to_string());
        self.train = Some(t);
        self.test = None;
        Ok(report)
    }

    /// Reads a test table with the training table's columns and kinds (call after `train`).
    #[wasm_bindgen(unchecked_return_type = "TableReport")]
    pub fn test(&mut self, file_name: &str, bytes: &[u8]) -> Result<JsValue, JsValue> {
        file_name_arg(file_name)?;
        let (Some(train), Some(target)) = (&self.train, self.target.clone()) else {
            return Err(js_error("state", "read the training table first", &[]));
        };
        let kinds = train
            .table
            .names
            .iter()
            .zip(&train.table.columns)
            .map(|(n, c)| (n.clone(), c.kind()))
            .collect();
        let t = self.read(file_name, bytes, &target, kinds)?;
        let report = table_report(&t)?;
        self.test = Some(t);
        Ok(report)
    }

    fn read(
        &self,
        file_name: &str,
        bytes: &[u8],
        target: &str,
        kinds: std::collections::BTreeMap<String, crate::model::table::FeatureKind>,
    ) -> Result<ReadTable, JsValue> {
        read_table(
            file_name,
            bytes,
            &ReadOptions {
                settings: &self.settings,
                target: Some(target),
                kinds,
            },
        )
        .map_err(read_error)
    }

    /// Fits the card: `{ card, report }` — the card as JSON text (save it; it scores the same
    /// after a reload) and the report (bins, WoE, IV, selection, KS/AUC/Gini, gains, ROC, PSI).
    #[wasm_bindgen(unchecked_return_type = "ScorecardResult")]
    pub fn fit(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ProgressCallback | null")] progress: Option<
            Function,
        >,
    ) -> Result<JsValue, JsValue> {
        let (Some(train), Some(target)) = (&self.train, &self.target) else {
            return Err(js_error("state", "read the training table first", &[]));
        };
        let (card, report) = scorecard::fit(
            Sample {
                table: &train.table,
                target: train.target.as_deref().unwrap_or(&[]),
            },
            target,
            self.test.as_ref().map(|t| Sample {
                table: &t.table,
                target: t.target.as_deref().unwrap_or(&[]),
            }),
            &self.settings,
            &mut JsProgress(progress),
        )
        .map_err(|e| match e {
            scorecard::FitError::Cancelled => js_error("cancelled", "cancelled", &[]),
            e => js_error("fit", &e.to_string(), &[]),
        })?;
        result(&card, &report)
    }
}

/// `{ card, report }`: the card as JSON text and the fit's report.
pub(super) fn result(card: &Card, report: &scorecard::FitReport) -> Result<JsValue, JsValue> {
    #[derive(serde::Serialize)]
    struct Out<'a> {
        card: String,
        report: &'a scorecard::FitReport,
    }
    to_js(&Out {
        card: card.to_json(),
        report,
    })
}

fn table_report(t: &ReadTable) -> Result<JsValue, JsValue> {
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Report<'a> {
        rows_read: u64,
        accepted: usize,
        bads: Option<usize>,
        columns: &'a [String],
        rejected: &'a [crate::model::read::RowIssue],
    }
    to_js(&Report {
        rows_read: t.rows_read,
        accepted: t.table.rows(),
        bads: t.target.as_ref().map(|y| y.iter().filter(|&&b| b).count()),
        columns: &t.table.names,
        rejected: &t.rejected,
    })
}

/// A table scored by a saved card.
#[wasm_bindgen]
pub struct ScorecardScores {
    card: Card,
    table: ReadTable,
    scored: scorecard::Scored,
}

/// Applies a saved card (JSON text) to a table (CSV or XLSX). Throws `code: "card"` with the
/// card's JSON `path` for a card that does not load, or the missing column's name.
#[wasm_bindgen(js_name = scorecardApply)]
pub fn scorecard_apply(
    card: &str,
    file_name: &str,
    bytes: &[u8],
) -> Result<ScorecardScores, JsValue> {
    file_name_arg(file_name)?;
    let card = Card::from_json(card).map_err(card_error)?;
    let settings = card
        .settings
        .clone()
        .check()
        .map_err(|e| settings_error(e, ""))?;
    let table = read_table(
        file_name,
        bytes,
        &ReadOptions {
            settings: &settings,
            target: None,
            kinds: card.kinds(),
        },
    )
    .map_err(read_error)?;
    let scored = card.apply(&table.table).map_err(card_error)?;
    Ok(ScorecardScores {
        card,
        table,
        scored,
    })
}

#[wasm_bindgen]
impl ScorecardScores {
    /// The score of every accepted row.
    pub fn scores(&self) -> Float64Array {
        Float64Array::from(&self.scored.scores[..])
    }

    /// The probability of bad each score stands for.
    pub fn probabilities(&self) -> Float64Array {
        let p: Vec<f64> = self
            .scored
            .scores
            .iter()
            .map(|&s| self.card.scaling.probability(s))
            .collect();
        Float64Array::from(&p[..])
    }

    /// The reason codes of accepted row `row` (0-based), costliest first.
    #[wasm_bindgen(unchecked_return_type = "ScorecardReason[]")]
    pub fn reasons(&self, row: f64) -> Result<JsValue, JsValue> {
        let n = self.scored.scores.len() as f64;
        if !(row.fract() == 0.0 && row >= 0.0 && row < n) {
            return Err(arg_error(
                "row",
                format!("must be a row from 0 to {}", n - 1.0),
                &row.to_string(),
            ));
        }
        to_js(&self.card.reasons(&self.scored, row as usize))
    }

    /// Row accounting: rows read, scored, rejected (with reasons) and unseen categories per
    /// feature.
    #[wasm_bindgen(unchecked_return_type = "ScorecardApplyReport")]
    pub fn report(&self) -> Result<JsValue, JsValue> {
        #[derive(serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Report<'a> {
            rows_read: u64,
            scored: usize,
            rejected: &'a [crate::model::read::RowIssue],
            unseen: std::collections::BTreeMap<&'a str, u64>,
            card_digest: String,
        }
        to_js(&Report {
            rows_read: self.table.rows_read,
            scored: self.scored.scores.len(),
            rejected: &self.table.rejected,
            unseen: self
                .card
                .features
                .iter()
                .zip(&self.scored.unseen)
                .filter(|(_, &u)| u > 0)
                .map(|(f, &u)| (f.name.as_str(), u))
                .collect(),
            card_digest: self.card.digest(),
        })
    }

    /// Every row's line, score, probability and reasons as CSV (UTF-8 with BOM); `id` names a
    /// column to copy.
    pub fn csv(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] id: Option<String>,
    ) -> Uint8Array {
        let bytes =
            scorecard::export::scores_csv(&self.card, &self.table, &self.scored, id.as_deref());
        Uint8Array::from(&bytes[..])
    }
}
