#!/usr/bin/env bash
# The core's legacy build, for browsers without WebAssembly SIMD and for older browsers
# (www/boot.js chooses): pkg/baseline/ — its own JS glue (credit_supervision.js, .d.ts) and
# credit_supervision_bg.wasm, beside wasm-pack's SIMD build in pkg/ (run by `make pkg`, after
# wasm-pack).
#
# The same Rust, built for the WebAssembly MVP plus the four features every browser has had
# since Chromium 75 and Firefox 79 — mutable globals, sign extension, non-trapping
# float-to-int and bulk memory (memory.copy/fill) — and nothing newer: no SIMD, and neither
# reference types nor multi-value, which wasm32 enables by default since Rust 1.82 (Chromium 96
# and 85). RUSTFLAGS replaces the `+simd128` of .cargo/config.toml for this build only; it goes
# into its own target directory ($CARGO_TARGET_DIR/baseline, so that neither build invalidates
# the other's cache). Then:
# - the target-features section is stripped, so that neither wasm-bindgen nor wasm-opt enables
#   anything beyond those features; wasm-bindgen (the version pinned in Cargo.lock, as for
#   wasm-pack: scripts/setup.sh) then writes glue that keeps JS values in a JS array instead of
#   an externref table — hence this build's own glue in pkg/baseline/, with the same API;
# - wasm-opt with Cargo.toml's flags for wasm-pack, the features replaced by exactly those
#   above (--mvp-features --enable-…), so that an instruction of any other feature fails here
#   instead of in a browser.
# What remains newer than Chromium 75: the i64 <-> BigInt conversion at the JS boundary
# (Chromium 85, Firefox 78), used only by the exports that take or return a u64/i64 (README,
# tests/e2e/compat.test.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
# binaryen's wasm-opt from npm (scripts/setup.sh), as `make` has it.
export PATH="$PWD/node_modules/.bin:$PATH"

NAME=credit_supervision
TARGET=${CARGO_TARGET_DIR:-target}
BASE_TARGET="$TARGET/baseline"
OUT=pkg/baseline
FEATURES=(mutable-globals sign-ext nontrapping-fptoint bulk-memory)
# binaryen's names of the same features.
WASM_OPT_FEATURES=(--mvp-features --enable-mutable-globals --enable-sign-ext --enable-nontrapping-float-to-int --enable-bulk-memory)

rust_features=$(printf '+%s,' "${FEATURES[@]}")
RUSTFLAGS="-C target-cpu=mvp -C target-feature=${rust_features%,}" CARGO_TARGET_DIR="$BASE_TARGET" \
  cargo build --lib --release --locked --target wasm32-unknown-unknown
raw="$BASE_TARGET/wasm32-unknown-unknown/release/$NAME.wasm"

want=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
if ! wasm-bindgen --version | grep -qF "$want"; then
  echo "build-baseline: wasm-bindgen $want (Cargo.lock) is needed, found: $(wasm-bindgen --version) (bash scripts/setup.sh)" >&2
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wasm-opt "$raw" "${WASM_OPT_FEATURES[@]}" --strip-target-features -o "$tmp/stripped.wasm"
wasm-bindgen --target web --out-dir "$tmp/glue" --out-name "$NAME" "$tmp/stripped.wasm"
if grep -q 'externref\|__wbindgen_export.*Table' "$tmp/glue/$NAME.js"; then
  echo "build-baseline: wasm-bindgen still wrote glue with an externref table" >&2
  exit 1
fi

# wasm-pack's wasm-opt flags (Cargo.toml, [package.metadata.wasm-pack.profile.release]), without
# its --enable-… (the features are exactly those above).
flags=$(sed -n 's/^wasm-opt *= *\[\(.*\)\]/\1/p' Cargo.toml | tr -d '",' )
[ -n "$flags" ] || { echo "build-baseline: no wasm-opt flags found in Cargo.toml" >&2; exit 1; }
opt=()
for f in $flags; do
  case "$f" in --enable-*|--disable-*) ;; *) opt+=("$f") ;; esac
done
rm -rf "$OUT"
mkdir -p "$OUT"
wasm-opt "${opt[@]}" "${WASM_OPT_FEATURES[@]}" "$tmp/glue/${NAME}_bg.wasm" -o "$OUT/${NAME}_bg.wasm"
cp "$tmp/glue/$NAME.js" "$tmp/glue/$NAME.d.ts" "$tmp/glue/${NAME}_bg.wasm.d.ts" "$OUT/"
# wasm-opt wrote no target-features section: check that binaryen reads and validates the result
# with these features alone.
wasm-opt -q "${WASM_OPT_FEATURES[@]}" "$OUT/${NAME}_bg.wasm" -o /dev/null
size=$(stat -c %s "$OUT/${NAME}_bg.wasm")
gz=$(gzip -9 -c "$OUT/${NAME}_bg.wasm" | wc -c)
printf 'build-baseline: %s/%s_bg.wasm %s bytes (%s gzip -9): MVP + %s\n' "$OUT" "$NAME" "$size" "$gz" "${FEATURES[*]}"
