// @ts-check
// The single file's .wasm (scripts/dist.mjs puts it in place of www/wasm-source.js): the bytes
// of each build, embedded in the worker's bundle as base64 (the virtual module `cs:embedded`,
// written by scripts/dist.mjs), so that nothing is fetched.

// @ts-ignore — a virtual module of scripts/dist.mjs: { simd?: string, baseline: string }
import EMBEDDED from 'cs:embedded';

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
