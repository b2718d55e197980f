#!/usr/bin/env bash
# A virtual environment in target/venv with the pinned packages of python/requirements.txt
# (or the file given), and the credit_supervision package built from python/ into it by
# maturin (debug build; `--release` for an optimised one). Prints nothing when all is there.
#   scripts/python-env.sh [--release] [requirements.txt]
set -euo pipefail
cd "$(dirname "$0")/.."
release=""
if [[ "${1:-}" == "--release" ]]; then release="--release"; shift; fi
req="${1:-python/requirements.txt}"
venv=target/venv
if [[ ! -x $venv/bin/python ]]; then
  python3 -m venv "$venv"
fi
# Installed only when the requirements changed since the last install.
stamp="$venv/.$(basename "$(dirname "$req")")-requirements"
if ! cmp -s "$req" "$stamp" 2>/dev/null; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req"
  cp "$req" "$stamp"
fi
VIRTUAL_ENV="$PWD/$venv" PATH="$PWD/$venv/bin:$PATH" \
  "$venv/bin/maturin" develop --quiet --locked $release -m python/Cargo.toml
