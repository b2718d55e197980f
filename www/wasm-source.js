// @ts-check
// Where the worker finds the core's .wasm of each build: pkg/ (WebAssembly SIMD) or
// pkg/baseline/ (no SIMD, same results byte for byte). Both builds share pkg/'s JS glue
// (scripts/build-baseline.sh checks that wasm-bindgen wrote the same glue for both). The
// single file (scripts/dist.mjs) replaces this module with one that gives the embedded bytes.

/**
 * The argument of the glue's `init()` for a build.
 * @param {'simd' | 'baseline'} build
 * @returns {Promise<{ module_or_path: URL | BufferSource }>}
 */
export async function wasmSource(build) {
  const file = build === 'baseline' ? '../pkg/baseline/credit_supervision_bg.wasm' : '../pkg/credit_supervision_bg.wasm';
  return { module_or_path: new URL(file, import.meta.url) };
}
