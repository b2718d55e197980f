// The module worker that owns the Workspace and does all heavy work.
//
// Protocol (page → worker): { id, op, args }.
// Replies (worker → page): { id, ok: true, result } or { id, ok: false, error },
// and while an operation runs: { id, progress: { stage, fraction } }.
// Typed arrays go back as transferables.
//
// Cancelling: the page shares a SharedArrayBuffer flag (when the page is cross-origin isolated);
// the progress callback returns false once the flag is set, and the core then throws
// `code: "cancelled"`. Without the flag, the page terminates this worker instead.

import init, { Workspace, defaultPolicy, policyCatalogue, columns, version } from '/pkg/credit_supervision.js';
import { loadFiles } from './load-worker.js';

let ws = null;
let cancelFlag = null; // Int32Array over a SharedArrayBuffer, or null
let wasmMemory = null;

/** Turns anything thrown into a plain object that survives postMessage. */
function errorObject(err) {
  if (err instanceof Error || (err && typeof err === 'object')) {
    const out = { message: String(err.message ?? err) };
    for (const k of ['code', 'reason', 'file', 'line', 'column', 'value', 'path', 'kind', 'headers', 'messageZh', 'entry']) {
      if (err[k] !== undefined && err[k] !== null) out[k] = err[k];
    }
    return out;
  }
  return { message: String(err) };
}

/** A typed array that owns its whole buffer (never a view into wasm memory), to transfer. */
function owned(a) {
  const shared = typeof SharedArrayBuffer !== 'undefined' && a.buffer instanceof SharedArrayBuffer;
  const isWasm = wasmMemory && a.buffer === wasmMemory.buffer;
  if (shared || isWasm || a.byteOffset !== 0 || a.byteLength !== a.buffer.byteLength) return a.slice();
  return a;
}

function progressFor(id) {
  return (stage, fraction) => {
    postMessage({ id, progress: { stage: String(stage), fraction: Number(fraction) } });
    return !(cancelFlag && Atomics.load(cancelFlag, 0) !== 0);
  };
}

const ops = {
  async init({ flag }) {
    const exports = await init();
    wasmMemory = exports?.memory ?? null;
    cancelFlag = flag ? new Int32Array(flag) : null;
    ws = new Workspace();
    return {
      version: version(),
      policy: defaultPolicy(),
      catalogue: policyCatalogue(),
      columns: columns(),
    };
  },

  demo(id, { size, seed, asOf }) {
    ws.clear();
    const load = ws.generateDemo(size, seed, asOf, progressFor(id));
    const summary = ws.score(asOf, progressFor(id));
    return { load, summary, counts: ws.counts() };
  },

  // Loading the user's files (any format, chunked text, per-file options): www/load-worker.js.
  async load(id, { files, asOf }) {
    const post = (progress) => postMessage({ id, progress });
    const cancelled = () => Boolean(cancelFlag && Atomics.load(cancelFlag, 0) !== 0);
    const t0 = performance.now();
    const load = await loadFiles(ws, files, { post, cancelled, errorObject });
    const counts = ws.counts();
    const t1 = performance.now();
    const summary = ws.score(asOf, progressFor(id));
    // Milliseconds of each step, for the benchmark (bench/page-bench.mjs).
    const timings = { loadMs: t1 - t0, scoreMs: performance.now() - t1 };
    return { load, summary, counts, timings };
  },

  /** The rejected rows of the `index`-th report loaded since the last clear, as CSV bytes. */
  rejectedCsv(_id, { index }) {
    return owned(ws.rejectedCsv(index));
  },

  order(_id, { key, descending, classFilter }) {
    const ids = classFilter === null || classFilter === undefined
      ? ws.order(key, descending)
      : ws.order(key, descending, classFilter);
    return owned(ids);
  },

  rows(_id, { ids }) {
    return ws.rows(ids instanceof Uint32Array ? ids : Uint32Array.from(ids));
  },

  explain(_id, { uscc }) {
    return ws.explain(uscc);
  },

  // The rules engine: records with their windows, repair options, measures — all from the core.
  rulesFor(_id, { uscc, asOf }) {
    return asOf ? ws.rulesFor(uscc, asOf) : ws.rulesFor(uscc);
  },

  object(_id, { uscc, recordKind, recordIndex, action, who, reason, at, correction, timestamp }) {
    return ws.object(uscc, recordKind, recordIndex, action, who, reason, at, correction ?? undefined, timestamp ?? undefined);
  },

  adjustClass(_id, { uscc, cls, who, reason, at, timestamp }) {
    return ws.adjustClass(uscc, cls ?? '', who, reason, at, timestamp ?? undefined);
  },

  auditCsv() {
    return owned(ws.auditCsv());
  },

  /** Loads an exported audit trail (CSV or JSON bytes); scores recompute. */
  importAudit(_id, { bytes }) {
    return ws.importAudit(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  },

  draw(_id, { seed, ratio }) {
    return ratio === null || ratio === undefined ? ws.draw(seed) : ws.draw(seed, ratio);
  },

  resultsCsv() {
    return owned(ws.resultsCsv());
  },

  drawCsv() {
    return owned(ws.drawCsv());
  },
};

let initialised = null; // the promise of the `init` operation

self.onmessage = async (event) => {
  const { id, op, args } = event.data ?? {};
  try {
    if (!(op in ops)) throw new Error(`unknown operation: ${op}`);
    let result;
    if (op === 'init') {
      initialised = ops.init(args ?? {});
      result = await initialised;
    } else {
      // Requests sent while the wasm module still compiles wait for it (in order).
      if (!initialised) throw Object.assign(new Error('worker not initialised'), { code: 'state' });
      await initialised;
      result = await ops[op](id, args ?? {});
    }
    const transfer = ArrayBuffer.isView(result) ? [result.buffer] : [];
    // The size of the wasm memory, for the benchmark (bench/page-bench.mjs).
    postMessage({ id, ok: true, result, memoryBytes: wasmMemory?.buffer.byteLength ?? null }, transfer);
  } catch (err) {
    postMessage({ id, ok: false, error: errorObject(err) });
  }
};
