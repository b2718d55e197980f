//! Objections to records and manual class adjustments, kept in an append-only trail
//! (docs/RULES.md §7, §9): who, when, why; originals kept; scores recompute; the trail exports
//! and loads back.

pub mod export;
pub mod import;
pub mod trail;

pub use export::{to_csv, to_json, to_xlsx};
pub use import::{parse_trail, ImportError};
pub use trail::{Action, AuditEntry, AuditError, AuditTrail, ImportSummary, Request};
