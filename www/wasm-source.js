// @ts-check
// Where the worker finds each build of the core: pkg/ (WebAssembly SIMD) or pkg/baseline/ (the
// legacy build: no SIMD, no reference types, no multi-value; same results byte for byte), each
// with its own JS glue (www/core.js). The single file (scripts/dist.mjs) replaces this module
// with scripts/dist/wasm-source.js, which gives the embedded bytes and the bundled glues.

/**
 * The JS glue of a build (the two have the same API).
 * @param {'simd' | 'baseline'} build
 * @returns {Promise<typeof import('../pkg/credit_supervision.js')>}
 */
export async function glueOf(build) {
  if (build === 'baseline') {
    return /** @type {typeof import('../pkg/credit_supervision.js')} */ (/** @type {unknown} */ (await import('../pkg/baseline/credit_supervision.js')));
  }
  return import('../pkg/credit_supervision.js');
}

/**
 * The argument of the glue's `init()` for a build.
 * @param {'simd' | 'baseline'} build
 * @returns {Promise<{ module_or_path: URL | BufferSource }>}
 */
export async function wasmSource(build) {
  const file = build === 'baseline' ? '../pkg/baseline/credit_supervision_bg.wasm' : '../pkg/credit_supervision_bg.wasm';
  return { module_or_path: new URL(file, import.meta.url) };
}
