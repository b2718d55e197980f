//! The `credit-supervision` command-line tool: batch scoring, draws, demo data and benchmarks
//! over the same core as the browser page.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
