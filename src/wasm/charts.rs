//! The charts' part of the binding: the numbers the page draws (the score histogram; the class
//! shares by region and industry are in the work lists' part, the change between two runs is
//! `lastChange`).

use super::error::ws_error;
use super::{to_js, Workspace};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Workspace {
    /// The last scoring's scores in bins of `width` points (default 5) between the policy's
    /// lowest and highest score, by final class, with the cut-offs; at most 1,000 bins.
    #[wasm_bindgen(js_name = scoreHistogram, unchecked_return_type = "ScoreHistogram")]
    pub fn score_histogram(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "number | null")] width: Option<f64>,
    ) -> Result<JsValue, JsValue> {
        let h = self
            .core
            .score_histogram(width.unwrap_or(5.0))
            .map_err(ws_error)?;
        to_js(&h)
    }
}
