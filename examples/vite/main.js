// The package on the main thread of a page built by Vite: `init()` fetches the .wasm that Vite
// copied into dist/assets (found through `new URL(…, import.meta.url)` in the package), then
// the demo district is generated, scored and its classes counted. Fine for a small district;
// for real files use a worker (worker.html).

import init, { Workspace, version } from 'credit-supervision';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const AS_OF = '2026-11-28';
const size = /** @type {HTMLInputElement} */ ($('size'));
const button = /** @type {HTMLButtonElement} */ ($('run'));
size.value = new URLSearchParams(location.search).get('size') ?? size.value;

async function start() {
  // #region init
  await init(); // fetches credit_supervision_bg.wasm from beside the module
  // #endregion
  $('version').textContent = version();
  $('status').textContent = 'ready';
  button.disabled = false;
}

function run() {
  $('status').textContent = 'scoring…';
  // #region demo
  const ws = new Workspace();
  ws.generateDemo(Number(size.value), 'demo', AS_OF);
  const summary = ws.score(AS_OF);
  for (const cls of ['A', 'B', 'C', 'D']) $(`count-${cls}`).textContent = String(summary.counts[cls]);
  // #endregion
  const [riskiest] = ws.rows(ws.order('score', false).subarray(0, 1));
  $('riskiest').textContent = `Riskiest: ${riskiest.name} (${riskiest.uscc}), class ${riskiest.class}: ${riskiest.reasons}`;
  ws.free(); // the memory of the wasm module is not garbage-collected: free what you are done with
  $('status').textContent = 'done';
}

button.addEventListener('click', () => {
  try {
    run();
  } catch (e) {
    $('status').textContent = `failed: ${e.code ?? ''} ${e.message}`;
  }
});
start().catch((e) => {
  $('status').textContent = `failed to load: ${e.message}`;
});
