//! Learning and proving the score (docs/RULES.md §18): outcomes after a date, backtests of the
//! classes against them, migration between dates, and WoE scorecards fitted on any binary
//! target.

pub mod metrics;
pub mod read;
pub mod scorecard;
pub mod table;
