//! cargo-fuzz target `json`: see `tests/fuzz_harness/mod.rs` (`harness::json`), which
//! `tests/fuzz_regressions.rs` replays on stable.
#![no_main]

#[path = "../../tests/fuzz_harness/mod.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::json(data));
