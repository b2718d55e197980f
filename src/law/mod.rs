//! What the legal texts say about a record on a date: the dated regimes and their articles,
//! penalty publicity, and the two lists (docs/RULES.md §3–§6).
//!
//! Every function takes its as-of date; nothing reads the clock. Every answer names its
//! regime and legal basis ([`regime::Basis`]). The numbers a bureau may set come from
//! [`crate::policy::RulesPolicy`]; the working-day calendar from [`crate::calendar`].

pub mod lists;
pub mod publicity;
pub mod regime;

/// Re-exported from [`crate::text`]: what an English text must not hold.
pub use crate::text::has_cjk;
pub use publicity::{publicity, PenaltyFacts, Publicity};
pub use regime::{Basis, Regime, Rule};

use serde::Serialize;

/// Whether a condition holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// It holds.
    Met,
    /// It does not.
    Unmet,
    /// The records cannot tell: the applicant must show it, or staff must judge.
    Unknown,
}

/// One condition of a rule, with its status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Condition {
    /// Stable id, e.g. `fulfilled`, `min_period`.
    pub id: &'static str,
    /// The condition in Chinese.
    pub zh: String,
    /// The condition in English.
    pub en: String,
    /// Met, unmet or unknown.
    pub status: Status,
    /// What the records say (Chinese).
    pub detail: String,
    /// What the records say, in English (from the same values as `detail`).
    pub detail_en: String,
}

impl Condition {
    /// A condition from an optional truth value (`None`: unknown), its text and what the
    /// records say, each as `(Chinese, English)`.
    pub fn new(
        id: &'static str,
        text: (impl Into<String>, impl Into<String>),
        met: Option<bool>,
        detail: (String, String),
    ) -> Self {
        Condition {
            id,
            zh: text.0.into(),
            en: text.1.into(),
            status: match met {
                Some(true) => Status::Met,
                Some(false) => Status::Unmet,
                None => Status::Unknown,
            },
            detail: detail.0,
            detail_en: detail.1,
        }
    }

    /// Whether it is met.
    pub fn met(&self) -> bool {
        self.status == Status::Met
    }
}
