// @ts-check
// The single file's builds (scripts/dist.mjs puts this module in place of www/wasm-source.js):
// the JS glue of each build, bundled with the worker (esbuild inlines the dynamic imports; the
// compatibility file, which carries only the baseline build, resolves the SIMD glue to the
// baseline's, so that it carries that glue alone), and the .wasm bytes of each build, embedded
// in the worker's bundle as base64 (the virtual module `cs:embedded`, written by
// scripts/dist.mjs), so that nothing is fetched.

// @ts-ignore — a virtual module of scripts/dist.mjs: { simd?: string, baseline: string }
import EMBEDDED from 'cs:embedded';

/**
 * The JS glue of a build (the two have the same API).
 * @param {'simd' | 'baseline'} build
 * @returns {Promise<typeof import('../../pkg/credit_supervision.js')>}
 */
export async function glueOf(build) {
  if (build === 'baseline') {
    return /** @type {typeof import('../../pkg/credit_supervision.js')} */ (/** @type {unknown} */ (await import('../../pkg/baseline/credit_supervision.js')));
  }
  return import('../../pkg/credit_supervision.js');
}

/** @param {string} text @returns {Uint8Array} */
function decode(text) {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * The argument of the glue's `init()` for a build.
 * @param {'simd' | 'baseline'} build
 * @returns {Promise<{ module_or_path: BufferSource }>}
 */
export async function wasmSource(build) {
  const text = EMBEDDED[build];
  if (typeof text !== 'string') throw new Error(`the single file carries no ${build} build`);
  return { module_or_path: decode(text) };
}
