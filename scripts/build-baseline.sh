#!/usr/bin/env bash
# The core's build without WebAssembly SIMD, for browsers that lack it (www/boot.js chooses):
# pkg/baseline/credit_supervision_bg.wasm, beside wasm-pack's SIMD build in pkg/ (run by
# `make pkg`, after wasm-pack).
#
# The same Rust, built with RUSTFLAGS="-C target-feature=-simd128" (RUSTFLAGS replaces the
# `+simd128` of .cargo/config.toml for this build only) into its own target directory
# ($CARGO_TARGET_DIR/baseline, so that neither build invalidates the other's cache); the same
# wasm-bindgen (--target web), whose JS glue must come out identical to pkg/'s, so that both
# builds share pkg/credit_supervision.js; then wasm-opt with Cargo.toml's flags for wasm-pack,
# --enable-simd replaced by --disable-simd, so that a SIMD instruction left in the module fails
# validation here instead of in a browser.
set -euo pipefail
cd "$(dirname "$0")/.."

NAME=credit_supervision
TARGET=${CARGO_TARGET_DIR:-target}
BASE_TARGET="$TARGET/baseline"
OUT=pkg/baseline

[ -f "pkg/$NAME.js" ] || { echo "build-baseline: pkg/$NAME.js is missing: run wasm-pack first (make pkg)" >&2; exit 1; }

RUSTFLAGS="-C target-feature=-simd128" CARGO_TARGET_DIR="$BASE_TARGET" \
  cargo build --lib --release --locked --target wasm32-unknown-unknown
raw="$BASE_TARGET/wasm32-unknown-unknown/release/$NAME.wasm"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wasm-bindgen --target web --out-dir "$tmp" --out-name "$NAME" "$raw"
if ! cmp -s "$tmp/$NAME.js" "pkg/$NAME.js"; then
  echo "build-baseline: wasm-bindgen wrote another JS glue for the build without SIMD than for pkg/;" >&2
  echo "both builds must share pkg/$NAME.js (diff $tmp/$NAME.js pkg/$NAME.js)" >&2
  diff "$tmp/$NAME.js" "pkg/$NAME.js" | head -20 >&2 || true
  exit 1
fi

# wasm-pack's wasm-opt flags (Cargo.toml, [package.metadata.wasm-pack.profile.release]), without SIMD.
flags=$(sed -n 's/^wasm-opt *= *\[\(.*\)\]/\1/p' Cargo.toml | tr -d '",' )
[ -n "$flags" ] || { echo "build-baseline: no wasm-opt flags found in Cargo.toml" >&2; exit 1; }
opt=()
for f in $flags; do
  [ "$f" = "--enable-simd" ] || opt+=("$f")
done
mkdir -p "$OUT"
wasm-opt "${opt[@]}" --disable-simd "$tmp/${NAME}_bg.wasm" -o "$OUT/${NAME}_bg.wasm"
size=$(stat -c %s "$OUT/${NAME}_bg.wasm")
gz=$(gzip -9 -c "$OUT/${NAME}_bg.wasm" | wc -c)
printf 'build-baseline: %s/%s_bg.wasm %s bytes (%s gzip -9), no SIMD\n' "$OUT" "$NAME" "$size" "$gz"
