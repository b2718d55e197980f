//! # credit-supervision
//!
//! Enterprise credit-risk classification (企业信用风险分类) and differentiated inspection
//! (双随机、一公开) for market-regulation bureaus, computed from the records they hold.
//!
//! The crate is a pure core: typed records in ([`ingest`]), joined by USCC in a [`store`],
//! scored under a checked [`policy`] as of an explicit date ([`score`]), and sampled for
//! inspection from a seed given as text ([`draw`]). A synthetic district ([`synth`]) feeds the
//! demo, tests and benchmarks. The WebAssembly binding (`wasm` module, `wasm32` only) and the
//! command-line tool are thin layers over these modules.
#![deny(missing_docs)]

pub mod audit;
pub mod date;
pub mod draw;
mod entkeys;
pub mod ingest;
pub mod policy;
pub mod progress;
pub mod records;
pub mod report;
pub mod rules;
pub mod score;
pub mod seed;
pub mod store;
pub mod strpool;
pub mod synth;
pub mod uscc;
pub mod vocabulary;
pub mod workspace;

/// The WebAssembly binding (wasm32 only): the JS API of the npm package.
#[cfg(target_arch = "wasm32")]
pub mod wasm;
