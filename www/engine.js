// @ts-check
// How the page starts its engine: the worker, and the build of the core it loads. The build
// was chosen by www/boot.js (the page's first, classic script): 'simd', or 'baseline' (no
// WebAssembly SIMD) where SIMD is missing or the page has `?simd=0`. The single file
// (scripts/dist.mjs) replaces this module with scripts/dist/engine.js, which starts the worker
// from a blob as a classic script (file:// allows no module workers).

/** @typedef {'simd' | 'baseline'} Build */

/**
 * The build www/boot.js chose; 'simd' when the page was started without it.
 * @returns {Build}
 */
export function chosenBuild() {
  const boot = /** @type {{ creditSupervisionBoot?: { build?: string } }} */ (globalThis).creditSupervisionBoot;
  return boot?.build === 'baseline' ? 'baseline' : 'simd';
}

/** A new worker running www/worker.js. @returns {Worker} */
export function createWorker() {
  return new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'credit-supervision' });
}
