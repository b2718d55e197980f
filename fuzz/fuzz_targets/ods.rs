//! cargo-fuzz target `ods`: see `tests/fuzz_harness/mod.rs` (`harness::ods`), which
//! `tests/fuzz_regressions.rs` replays on stable.
#![no_main]

#[path = "../../tests/fuzz_harness/mod.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::ods(data));
