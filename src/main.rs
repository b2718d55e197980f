//! The `credit-supervision` command-line tool.
fn main() {}
