//! # credit-supervision
//!
//! Enterprise credit-risk classification (企业信用风险分类) and differentiated inspection
//! (双随机、一公开) for market-regulation bureaus, computed from the records they hold.
//!
//! The crate is a pure core in layers, each importing only from those below it
//! (`tests/layers.rs` keeps it so): foundations ([`apportion`], [`date`], [`uscc`], [`strpool`], [`text`],
//! [`progress`], [`seed`]) → [`sheet`] (tables as CSV and XLSX) → [`records`] → [`store`] → [`ingest`] → [`calendar`] → [`policy`]
//! → [`law`] → [`score`] → [`draw`], [`audit`], [`advice`], [`synth`], [`plan`] → [`results`]
//! (and, natively, `columnar`: results as Arrow and Parquet, and `partition`: a Spark
//! partition scored) →
//! [`vocabulary`] → [`workspace`] → the WebAssembly binding (`wasm` module, `wasm32` only) and
//! the command-line tool. Everything is computed as of an explicit date, under a checked
//! policy, and the draw is made from a seed given as text. The rules the code follows are in
//! `docs/RULES.md`.
#![deny(missing_docs)]

// Foundations.
pub mod apportion;
pub mod date;
pub mod progress;
pub mod seed;
pub mod sheet;
pub mod strpool;
pub mod text;
pub mod uscc;
// Records, their store, and reading them.
pub mod ingest;
pub mod records;
pub mod store;
// What a date is worth, what a bureau sets, what the texts say.
pub mod calendar;
pub mod law;
pub mod policy;
// Scoring, and what stands on it.
pub mod advice;
pub mod audit;
pub mod draw;
pub mod model;
pub mod plan;
pub mod score;
pub mod synth;
// Views, the facade.
#[cfg(not(target_arch = "wasm32"))]
pub mod columnar;
#[cfg(not(target_arch = "wasm32"))]
pub mod partition;
pub mod results;
pub mod vocabulary;
pub mod workspace;

/// The WebAssembly binding (wasm32 only): the JS API of the npm package.
#[cfg(target_arch = "wasm32")]
pub mod wasm;
