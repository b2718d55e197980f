//! The WebAssembly binding (wasm32 only): JS values in, core calls, JS values out.
