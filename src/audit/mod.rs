//! Objections to records and manual class adjustments, kept in an append-only trail
//! (DOMAIN.md §7, §9): who, when, why; originals kept; scores recompute; the trail exports.

pub mod export;
pub mod trail;

pub use export::{to_csv, to_json};
pub use trail::{Action, AuditEntry, AuditError, AuditTrail, Request};
