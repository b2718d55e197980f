// @ts-check
// The core's functions for the worker (www/worker.js, www/load-worker.js), from the JS glue of
// the build www/boot.js chose: pkg/credit_supervision.js (WebAssembly SIMD) or
// pkg/baseline/credit_supervision.js (the legacy build: no SIMD, no reference types, no
// multi-value; scripts/build-baseline.sh). The two glues have the same API but differ inside
// (only the SIMD build keeps JS values in an externref table), so each build's .wasm needs its
// own glue: import the core's values from here, never from pkg/ (types may come from pkg/'s
// .d.ts, which both builds share).
//
// The exports are live bindings, set by `init(build)` before the worker uses them.

import { glueOf, wasmSource } from './wasm-source.js';

/** @typedef {typeof import('../pkg/credit_supervision.js')} Glue */
/** @typedef {import('../pkg/credit_supervision.js').Workspace} Workspace */

/** @type {typeof import('../pkg/credit_supervision.js').Workspace} */
export let Workspace;
/** @type {Glue['defaultPolicy']} */
export let defaultPolicy;
/** @type {Glue['policyCatalogue']} */
export let policyCatalogue;
/** @type {Glue['policyForm']} */
export let policyForm;
/** @type {Glue['columns']} */
export let columns;
/** @type {Glue['version']} */
export let version;
/** @type {Glue['vocabulary']} */
export let vocabulary;
/** @type {Glue['sheetNames']} */
export let sheetNames;
/** @type {Glue['sniff']} */
export let sniff;

/**
 * Loads the glue of `build`, instantiates its .wasm and sets the exports above.
 * @param {'simd' | 'baseline'} build
 * @returns {Promise<{ memory: WebAssembly.Memory }>} the instance's exports (its memory)
 */
export default async function init(build) {
  const glue = await glueOf(build);
  const exports = await glue.default(await wasmSource(build));
  ({ Workspace, defaultPolicy, policyCatalogue, policyForm, columns, version, vocabulary, sheetNames, sniff } = glue);
  return exports;
}
