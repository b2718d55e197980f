// @ts-check
// The single file's engine (scripts/dist.mjs puts it in place of www/engine.js): the worker is
// the bundle of www/worker.js that the file carries in <script id="cs-worker" type="text/plain">,
// started from a blob URL as a classic script — a page opened from file:// may start no module
// worker (Chromium refuses module scripts from the origin 'null'), a classic blob worker it may.
// The build is chosen by www/boot.js, as in the served page.

export { chosenBuild } from '../../www/engine.js';

/** The blob URL of the worker's script, made once and reused by every restart. @type {string | null} */
let url = null;

/** A new worker running the bundled www/worker.js. @returns {Worker} */
export function createWorker() {
  if (url === null) {
    const source = document.getElementById('cs-worker')?.textContent ?? '';
    url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  }
  return new Worker(url, { name: 'credit-supervision' });
}
