// A page that runs the package in a module worker (worker.js), shows its progress and can
// cancel it. Cancelling sets a flag shared with the worker (a SharedArrayBuffer: the page must
// be cross-origin isolated, see vite.config.js); the worker's next progress call sees it and
// the core stops with `code: "cancelled"`. Without isolation, or if the worker does not answer
// within 3 s, the worker is terminated and a new one started.

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const AS_OF = '2026-11-28';
const size = /** @type {HTMLInputElement} */ ($('size'));
const startButton = /** @type {HTMLButtonElement} */ ($('start'));
const cancelButton = /** @type {HTMLButtonElement} */ ($('cancel'));
const bar = /** @type {HTMLProgressElement} */ ($('bar'));
size.value = new URLSearchParams(location.search).get('size') ?? size.value;

// #region client
const startWorker = () => new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
let worker = startWorker();
let nextId = 1;

/** Scores the demo district in the worker: `{ result: Promise<ScoreSummary>, cancel() }`. */
function scoreInWorker(enterprises, seed, asOf, onProgress) {
  const id = nextId++;
  const cancelFlag = crossOriginIsolated ? new Int32Array(new SharedArrayBuffer(4)) : null;
  let reject;
  const result = new Promise((resolve, fail) => {
    reject = fail;
    worker.onmessage = ({ data }) => {
      if (data.id !== id) return;
      if (data.progress) onProgress(data.progress);
      else if (data.summary) resolve(data.summary);
      else fail(Object.assign(new Error(data.error.message), { code: data.error.code }));
    };
  });
  const terminate = () => {
    worker.terminate();
    worker = startWorker();
    reject(Object.assign(new Error('cancelled (worker terminated)'), { code: 'cancelled' }));
  };
  const cancel = () => {
    if (!cancelFlag) return terminate();
    Atomics.store(cancelFlag, 0, 1);
    const timer = setTimeout(terminate, 3000); // a call that reports no progress: stop it anyway
    result.catch(() => {}).finally(() => clearTimeout(timer));
  };
  worker.postMessage({ id, enterprises, seed, asOf, cancelBuffer: cancelFlag?.buffer });
  return { result, cancel };
}
// #endregion

let progressEvents = 0;
let running = null;

startButton.addEventListener('click', async () => {
  startButton.disabled = true;
  cancelButton.disabled = false;
  progressEvents = 0;
  $('status').textContent = 'running';
  for (const cls of ['A', 'B', 'C', 'D']) $(`count-${cls}`).textContent = '';
  running = scoreInWorker(Number(size.value), 'demo', AS_OF, ({ stage, fraction }) => {
    progressEvents += 1;
    document.body.dataset.progressEvents = String(progressEvents);
    $('stage').textContent = `${stage} ${Math.round(fraction * 100)} %`;
    bar.value = fraction;
  });
  try {
    const summary = await running.result;
    for (const cls of ['A', 'B', 'C', 'D']) $(`count-${cls}`).textContent = String(summary.counts[cls]);
    $('status').textContent = 'done';
  } catch (e) {
    $('status').textContent = e.code === 'cancelled' ? `cancelled: ${e.message}` : `failed: ${e.code ?? ''} ${e.message}`;
  } finally {
    running = null;
    startButton.disabled = false;
    cancelButton.disabled = true;
  }
});

cancelButton.addEventListener('click', () => running?.cancel());
