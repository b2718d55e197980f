//! The rules engine: working days, dated rule regimes, publicity clocks, the two lists,
//! credit repair and measures (DOMAIN.md §3–§6, §9).
//!
//! Every function takes its as-of date; nothing reads the clock. Every answer names its
//! regime and legal basis ([`regime::Basis`]). Every number a bureau may set is in
//! [`settings::RulesPolicy`], part of the policy under `rules`.

pub mod calendar;
pub mod holidays;
pub mod lists;
pub mod measures;
pub mod publicity;
pub mod records;
pub mod regime;
pub mod repair;
pub mod settings;

pub use calendar::{months_after, Calendar, DayInfo, DayKind, MonthDeadline, WorkingDeadline};
pub use holidays::{Holiday, HolidayYear};
pub use measures::{Eligibility, Measure, MeasureAnswer, MeasureKind};
pub use publicity::{publicity, PenaltyFacts, Publicity};
pub use records::{enterprise_rules, EnterpriseRules, RecordView};
pub use regime::{Basis, Regime, Rule};
pub use repair::{repair_options, RepairOption, RepairReport, WhatIf};
pub use settings::{Grade, RulesPolicy};

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
    /// Met, unmet or unknown.
    pub status: Status,
    /// What the records say.
    pub detail: String,
}

impl Condition {
    /// A condition from an optional truth value (`None`: unknown).
    pub fn new(id: &'static str, zh: impl Into<String>, met: Option<bool>, detail: String) -> Self {
        Condition {
            id,
            zh: zh.into(),
            status: match met {
                Some(true) => Status::Met,
                Some(false) => Status::Unmet,
                None => Status::Unknown,
            },
            detail,
        }
    }

    /// Whether it is met.
    pub fn met(&self) -> bool {
        self.status == Status::Met
    }
}
