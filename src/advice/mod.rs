//! Advice on one enterprise, as of a date: what its records mean under the rules, what it can
//! repair and what that would change (a what-if score), which measures apply — the answers a
//! clerk reads in the detail view (docs/RULES.md §6, §9).
//!
//! Advice stands on the law (clocks and lists) and on scoring (the what-if); the overlay of
//! the audit trail is passed in, so the answers agree with the scoring by construction.

pub mod answers;
pub mod measures;
pub mod repair;
pub mod worklist;

pub use answers::{enterprise_rules, EnterpriseRules, RecordView};
pub use measures::{measures_for, MeasureAnswer};
pub use repair::{repair_options, repair_options_plain, RepairOption, RepairReport, WhatIf};
