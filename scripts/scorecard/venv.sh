#!/usr/bin/env bash
# Make (or reuse) the venv target/pyref with the exact pins of scripts/scorecard/requirements.txt.
# Sourced by scripts/scorecard/reference.sh and bench/scorecard/run.sh; prints the venv's python.
# The Python tools live only in this venv: they are never a dependency of the project.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/target/pyref"
REQ="$ROOT/scripts/scorecard/requirements.txt"
STAMP="$VENV/.requirements.sha256"
PY="${PYTHON:-python3}"

if [ ! -x "$VENV/bin/python" ]; then
    echo "pyref: creating venv $VENV with $($PY --version 2>&1)" >&2
    mkdir -p "$ROOT/target"
    "$PY" -m venv "$VENV"
fi
want="$(sha256sum "$REQ" | cut -d' ' -f1)"
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$want" ]; then
    echo "pyref: installing $REQ" >&2
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQ" >&2
    echo "$want" > "$STAMP"
fi
PYREF="$VENV/bin/python"
export PYREF
