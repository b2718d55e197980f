//! The work lists' part of the binding (docs/RULES.md §20): counts, pages of rows, the class
//! shares, and whole lists as CSV or XLSX bytes.

use super::error::{arg_error, int_arg, ws_error};
use super::{to_js, JsProgress, Workspace};
use crate::advice::worklist::WorkListKind;
use crate::sheet::Lang;
use js_sys::{Function, Uint8Array};
use wasm_bindgen::prelude::*;

fn kind_arg(kind: &str) -> Result<WorkListKind, JsValue> {
    WorkListKind::parse(kind).ok_or_else(|| {
        arg_error(
            "kind",
            format!("unknown work list {kind:?} (repairable, abnormal_duties, commitments, incentives, restrictions)"),
            kind,
        )
    })
}

pub(super) fn lang_arg(lang: Option<String>) -> Result<Lang, JsValue> {
    match lang.as_deref() {
        None | Some("") => Ok(Lang::Zh),
        Some(l) => {
            Lang::parse(l).ok_or_else(|| arg_error("lang", format!("{l:?}: \"zh\" or \"en\""), l))
        }
    }
}

#[wasm_bindgen]
impl Workspace {
    /// The counts of every work list of the last scoring (made on first use, in one pass).
    #[wasm_bindgen(js_name = workCounts, unchecked_return_type = "WorkCounts[]")]
    pub fn work_counts(
        &mut self,
        #[wasm_bindgen(unchecked_optional_param_type = "ProgressCallback | null")] progress: Option<
            Function,
        >,
    ) -> Result<JsValue, JsValue> {
        let c = self
            .core
            .work_counts(&mut JsProgress(progress))
            .map_err(ws_error)?;
        to_js(&c)
    }

    /// One page of a work list: `limit` (≤ 10,000) rows from `offset`, of one `item` (an item
    /// code, or a measure id in the rosters) or all.
    #[wasm_bindgen(js_name = workList, unchecked_return_type = "WorkPage")]
    pub fn work_list(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "WorkListKind")] kind: &str,
        offset: f64,
        limit: f64,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] item: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let kind = kind_arg(kind)?;
        let offset = int_arg("offset", offset, 0.0, 4_294_967_295.0)? as usize;
        let limit = int_arg("limit", limit, 0.0, 10_000.0)? as usize;
        let page = self
            .core
            .work_page(kind, item.as_deref(), offset, limit, &mut JsProgress(None))
            .map_err(ws_error)?;
        to_js(&page)
    }

    /// A whole work list as CSV bytes (UTF-8 with BOM); headers in `lang` (`"zh"`, `"en"`).
    #[wasm_bindgen(js_name = workListCsv)]
    pub fn work_list_csv(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "WorkListKind")] kind: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "\"zh\" | \"en\" | null")] lang: Option<
            String,
        >,
    ) -> Result<Uint8Array, JsValue> {
        let (kind, lang) = (kind_arg(kind)?, lang_arg(lang)?);
        let b = self
            .core
            .work_list_file(kind, false, lang, &mut JsProgress(None))
            .map_err(ws_error)?;
        Ok(Uint8Array::from(&b[..]))
    }

    /// A whole work list as an XLSX workbook; headers in `lang`.
    #[wasm_bindgen(js_name = workListXlsx)]
    pub fn work_list_xlsx(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "WorkListKind")] kind: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "\"zh\" | \"en\" | null")] lang: Option<
            String,
        >,
    ) -> Result<Uint8Array, JsValue> {
        let (kind, lang) = (kind_arg(kind)?, lang_arg(lang)?);
        let b = self
            .core
            .work_list_file(kind, true, lang, &mut JsProgress(None))
            .map_err(ws_error)?;
        Ok(Uint8Array::from(&b[..]))
    }

    /// Class counts and shares by region and by industry section.
    #[wasm_bindgen(js_name = regionShares, unchecked_return_type = "ClassShares")]
    pub fn region_shares(&mut self) -> Result<JsValue, JsValue> {
        let s = self
            .core
            .class_shares(&mut JsProgress(None))
            .map_err(ws_error)?;
        to_js(&s)
    }

    /// The class shares as CSV bytes (regions, then industry sections).
    #[wasm_bindgen(js_name = sharesCsv)]
    pub fn shares_csv(
        &mut self,
        #[wasm_bindgen(unchecked_optional_param_type = "\"zh\" | \"en\" | null")] lang: Option<
            String,
        >,
    ) -> Result<Uint8Array, JsValue> {
        let lang = lang_arg(lang)?;
        let b = self
            .core
            .class_shares_file(false, lang, &mut JsProgress(None))
            .map_err(ws_error)?;
        Ok(Uint8Array::from(&b[..]))
    }

    /// The class shares as an XLSX workbook (a sheet by region, one by industry).
    #[wasm_bindgen(js_name = sharesXlsx)]
    pub fn shares_xlsx(
        &mut self,
        #[wasm_bindgen(unchecked_optional_param_type = "\"zh\" | \"en\" | null")] lang: Option<
            String,
        >,
    ) -> Result<Uint8Array, JsValue> {
        let lang = lang_arg(lang)?;
        let b = self
            .core
            .class_shares_file(true, lang, &mut JsProgress(None))
            .map_err(ws_error)?;
        Ok(Uint8Array::from(&b[..]))
    }
}
