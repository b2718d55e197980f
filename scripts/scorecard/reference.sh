#!/usr/bin/env bash
# Reference figures from scorecardpy, toad and optbinning for the Rust scorecard engine's tests:
# makes the venv target/pyref if missing (scripts/scorecard/requirements.txt, exact pins), then
# runs reference.py, which writes tests/data/german/{german_credit,german_train,german_test}.csv
# and tests/data/german/expected.json. Not part of `make test`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/scripts/scorecard/venv.sh"
export MPLBACKEND=Agg PYTHONHASHSEED=0
exec "$PYREF" "$ROOT/scripts/scorecard/reference.py" "$@"
