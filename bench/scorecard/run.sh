#!/usr/bin/env bash
# Benchmark of the Python scorecard tools (scorecardpy, toad, optbinning) at 100,000 and
# 1,000,000 rows: makes or reuses the venv target/pyref (scripts/scorecard/requirements.txt),
# generates /work/bench-data/scorecard-{100000,1000000}.csv with gen.py (seed 42) when missing,
# runs python_bench.py on each (each tool in its own process, TIMEOUT_S per tool, default 1800)
# and writes bench/scorecard/results-python.json. Not part of `make test`.
#   ROWS="100000" bash bench/scorecard/run.sh      # only one size
#   TOOLS=toad,optbinning bash bench/scorecard/run.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/scripts/scorecard/venv.sh"
DATA_DIR="${BENCH_DATA:-/work/bench-data}"
ROWS="${ROWS:-100000 1000000}"
TIMEOUT_S="${TIMEOUT_S:-1800}"
TOOLS="${TOOLS:-scorecardpy,toad,optbinning}"
SEED=42
OUT="$ROOT/bench/scorecard/results-python.json"
export MPLBACKEND=Agg PYTHONHASHSEED=0
mkdir -p "$DATA_DIR"
for n in $ROWS; do
    f="$DATA_DIR/scorecard-$n.csv"
    if [ ! -s "$f" ] || [ ! -s "$f.meta.json" ]; then
        "$PYREF" "$ROOT/bench/scorecard/gen.py" --rows "$n" --seed "$SEED" --out "$f"
    fi
done
for n in $ROWS; do
    "$PYREF" "$ROOT/bench/scorecard/python_bench.py" --data "$DATA_DIR/scorecard-$n.csv" \
        --tools "$TOOLS" --timeout-s "$TIMEOUT_S" --out "$OUT"
done
