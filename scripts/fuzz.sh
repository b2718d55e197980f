#!/usr/bin/env bash
# `make fuzz`: runs each cargo-fuzz target in fuzz/ for FUZZ_SECONDS seconds (default 60), one
# at a time, on the nightly toolchain (the build, tests and package stay on stable), with
# memory and time limits. Installs cargo-fuzz when missing. Seeds and earlier findings come
# from tests/fuzz-regressions/<target>/ (read only); the growing corpus is fuzz/corpus/<target>/;
# a finding is written to fuzz/artifacts/<target>/ — minimise it, fix the code, and copy it
# into tests/fuzz-regressions/<target>/ so `make test` replays it on stable.
# FUZZ_TARGETS="csv xlsx" picks targets.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-"csv xlsx xls ods json audit policy calendar"}

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked || cargo +nightly install cargo-fuzz

cd fuzz
cargo +nightly fuzz build -O
mkdir -p logs
found=0
for t in $targets; do
  mkdir -p "corpus/$t" "artifacts/$t"
  echo "== fuzz $t for ${seconds}s"
  rm -f fuzz-0.log
  cargo +nightly fuzz run -O "$t" "corpus/$t" "../tests/fuzz-regressions/$t" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -jobs=1 -workers=1 \
    -artifact_prefix="artifacts/$t/" -print_final_stats=1 >"logs/$t.out" 2>&1 || true
  # With -jobs the worker's output goes to fuzz-0.log.
  [ -f fuzz-0.log ] && mv fuzz-0.log "logs/$t.log"
  grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added)' "logs/$t.log" || true
  echo "corpus: $(ls "corpus/$t" | wc -l) files"
  if [ -n "$(ls -A "artifacts/$t")" ]; then
    echo "FINDING in $t: $(ls "artifacts/$t")"
    found=1
  fi
done
exit $found
