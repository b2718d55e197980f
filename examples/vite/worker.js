// The module worker that owns the Workspace (worker-page.js starts it). Every request
// generates and scores a demo district; progress goes back as messages, and the page cancels
// through a shared flag that the progress callback reads (returning false cancels: the call
// throws `code: "cancelled"`).

// #region worker
import init, { Workspace } from 'credit-supervision';

let ws = null;

self.onmessage = async ({ data: { id, enterprises, seed, asOf, cancelBuffer } }) => {
  const cancelFlag = cancelBuffer ? new Int32Array(cancelBuffer) : null;
  const progress = (stage, fraction) => {
    self.postMessage({ id, progress: { stage, fraction } });
    return !(cancelFlag && Atomics.load(cancelFlag, 0) === 1); // false cancels
  };
  try {
    await init();
    ws ??= new Workspace();
    ws.generateDemo(enterprises, seed, asOf, progress);
    const summary = ws.score(asOf, progress);
    self.postMessage({ id, summary });
  } catch (e) {
    self.postMessage({ id, error: { code: e.code, message: e.message } });
  }
};
// #endregion
