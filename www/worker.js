// @ts-check
// The module worker that owns the Workspace and does all heavy work. The protocol (requests,
// replies, progress, cancelling) and the type of every operation are in www/client.js; this
// file implements its `Handlers`.

// The core's values come from ./core.js (the glue of the chosen build), never from pkg/ directly.
import init, { Workspace, defaultPolicy, policyCatalogue, policyForm, columns, version, vocabulary } from './core.js';
import { loadFiles } from './load-worker.js';

/** @typedef {import('./client.js').Handlers} Handlers */
/** @typedef {import('./client.js').ErrorObject} ErrorObject */
/** @typedef {import('./client.js').Op} Op */
/** @typedef {import('./client.js').Reply} Reply */

/** @type {Workspace} */
let ws;
/** @type {Int32Array | null} a flag over a SharedArrayBuffer, set by the page to cancel */
let cancelFlag = null;
/** @type {WebAssembly.Memory | null} */
let wasmMemory = null;
/** Whether to report timings and wasm memory (bench/page-bench.mjs). */
let bench = false;
/** The test hooks (the page's `?test=1`), off unless asked for at init. */
let testHooks = false;

/**
 * A minimal wasm module whose export `trap` executes `unreachable`: calling it throws a real
 * `WebAssembly.RuntimeError`, as a trapped core would (the `trap` test hook).
 */
const TRAP_WASM = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type: () -> ()
  0x03, 0x02, 0x01, 0x00, // function 0 of type 0
  0x07, 0x08, 0x01, 0x04, 0x74, 0x72, 0x61, 0x70, 0x00, 0x00, // export "trap"
  0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b, // body: unreachable
]);

const ERROR_KEYS = /** @type {const} */ (['code', 'reason', 'file', 'line', 'column', 'value', 'path', 'kind', 'headers', 'messageZh', 'entry', 'argument']);

/**
 * Turns anything thrown into a plain object that survives postMessage.
 * @param {unknown} err
 * @returns {ErrorObject}
 */
export function errorObject(err) {
  if (err && typeof err === 'object') {
    const e = /** @type {Record<string, any>} */ (err);
    /** @type {Record<string, any>} */
    const out = { message: String(e.message ?? err) };
    for (const k of ERROR_KEYS) {
      if (e[k] !== undefined && e[k] !== null) out[k] = e[k];
    }
    return /** @type {ErrorObject} */ (out);
  }
  return { message: String(err) };
}

/**
 * A typed array that owns its whole buffer (never a view into wasm memory), to transfer.
 * @template {Uint8Array | Uint32Array} T
 * @param {T} a
 * @returns {T}
 */
function owned(a) {
  const shared = typeof SharedArrayBuffer !== 'undefined' && a.buffer instanceof SharedArrayBuffer;
  const isWasm = wasmMemory && a.buffer === wasmMemory.buffer;
  if (shared || isWasm || a.byteOffset !== 0 || a.byteLength !== a.buffer.byteLength) return /** @type {T} */ (a.slice());
  return a;
}

const cancelled = () => Boolean(cancelFlag && Atomics.load(cancelFlag, 0) !== 0);

/** @param {number} id */
function progressFor(id) {
  /** @type {(stage: string, fraction: number) => boolean} */
  return (stage, fraction) => {
    postMessage({ id, progress: { stage: String(stage), fraction: Number(fraction) } });
    return !cancelled();
  };
}

/** @type {Handlers} */
const ops = {
  async init(_id, { flag, bench: benchFlag, test, build }) {
    testHooks = Boolean(test);
    // The build the page chose (www/engine.js): pkg/ with SIMD, or pkg/baseline/ (legacy), each with its glue.
    const exports = await init(build);
    wasmMemory = exports?.memory ?? null;
    cancelFlag = flag ? new Int32Array(flag) : null;
    bench = Boolean(benchFlag);
    ws = new Workspace();
    return {
      version: version(),
      policy: defaultPolicy(),
      policyDigest: ws.policyDigest(),
      form: policyForm(),
      catalogue: policyCatalogue(),
      columns: columns(),
      vocabulary: vocabulary(),
      build,
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
    /** @param {import('./client.js').Progress} progress */
    const post = (progress) => postMessage({ id, progress });
    const t0 = performance.now();
    const load = await loadFiles(ws, files, { post, cancelled, errorObject });
    const counts = ws.counts();
    const t1 = performance.now();
    const summary = ws.score(asOf, progressFor(id));
    if (!bench) return { load, summary, counts };
    return { load, summary, counts, timings: { loadMs: t1 - t0, scoreMs: performance.now() - t1 } };
  },

  // The policy editor: a policy checked on a workspace of its own (nothing here changes), then
  // the records loaded rescored under it, as of a date, without reloading them.
  checkPolicy(_id, { policy }) {
    const scratch = new Workspace();
    try {
      scratch.setPolicy(policy);
    } finally {
      scratch.free();
    }
    return null;
  },

  rescore(id, { policy, asOf }) {
    if (policy !== null) ws.setPolicy(policy);
    const summary = ws.score(asOf, progressFor(id));
    return { load: null, summary, counts: ws.counts(), change: ws.lastChange(), policy: ws.policy() };
  },

  rejectedCsv(_id, { index }) {
    return owned(ws.rejectedCsv(index));
  },

  rejectedXlsx(_id, { index, lang }) {
    return owned(ws.rejectedXlsx(index, lang));
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

  auditXlsx(_id, { lang }) {
    return owned(ws.auditXlsx(lang));
  },

  auditJson() {
    return ws.auditJson();
  },

  trap() {
    if (!testHooks) throw Object.assign(new Error('test hooks are off'), { code: 'state' });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(TRAP_WASM));
    /** @type {() => void} */ (instance.exports.trap)();
    return null;
  },

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

  resultsXlsx(_id, { lang }) {
    return owned(ws.resultsXlsx(lang));
  },

  drawXlsx(_id, { lang }) {
    return owned(ws.drawXlsx(lang));
  },

  // The inspection plan (双随机、一公开): made, paged, exported and verified by the core.
  plan(_id, { seed, cycleStart, referrals }) {
    return ws.plan(seed, cycleStart || null, referrals.length ? referrals : null);
  },

  planRows(_id, { round, offset, limit }) {
    return ws.planRows(round ?? null, offset, limit);
  },

  planCsv() {
    return owned(ws.planCsv());
  },

  planPublicCsv(_id, { round }) {
    return owned(round === null || round === undefined ? ws.planPublicCsv() : ws.planPublicCsv(round));
  },

  planJson() {
    return owned(ws.planJson());
  },

  planXlsx() {
    return owned(ws.planXlsx());
  },

  // The published file is read here, not on the page's thread.
  async verifyPlan(_id, { file }) {
    return ws.verifyPlan(await file.text());
  },

  // What a past cycle achieved (往期评估), from the inspection records loaded.
  planOutcome(_id, { cycleStart, cycleEnd, on }) {
    return ws.planOutcome(cycleStart, cycleEnd || null, on || null);
  },

  planResultsCsv(_id, { cycleStart, cycleEnd, on, overdueOnly }) {
    return owned(ws.planResultsCsv(cycleStart, cycleEnd || null, on || null, overdueOnly));
  },

  // Learning and proving the score (docs/RULES.md §18–19): the dates a fit defaults to (the
  // policy's horizon, counted back from the data's date by the core's calendar) and the
  // outcome events in force.
  modelDefaults(_id, { asOf }) {
    const policy = JSON.parse(ws.policy());
    /** @type {number} */
    const horizon = policy.model?.horizon_months ?? 12;
    return {
      horizon,
      testAt: ws.monthsAfter(asOf, -horizon).date,
      fitAt: ws.monthsAfter(asOf, -2 * horizon).date,
      outcome: ws.outcome(),
    };
  },

  // A card fitted as of `fitAt` against the outcome after it, tested out of time at `testAt`;
  // beside the expert classes there (champion / challenger); and the classes' migration from
  // `testAt` to the data's date. The outcome events chosen apply to this workspace's model
  // calls only (the policy, scoring, draw and plan are untouched).
  model(id, { fitAt, testAt, horizon, bad, asOf, name }) {
    const progress = progressFor(id);
    /** @param {number} step @param {number} steps */
    const part = (step, steps) => (/** @type {string} */ stage, /** @type {number} */ f) => progress(stage, (step + f) / steps);
    ws.setOutcome(JSON.stringify(bad));
    const fit = ws.scorecardFit(fitAt, horizon, testAt, null, part(0, 3));
    const spec = JSON.stringify({ name, card: JSON.parse(fit.card) });
    const challenge = ws.challenge(testAt, horizon, spec, part(1, 3));
    const migration = ws.migration(testAt, asOf, part(2, 3));
    return { fit, challenge, migration, outcome: ws.outcome() };
  },

  migrationMoversCsv(_id, { from, to }) {
    return owned(ws.migrationMoversCsv(from, to, null, null));
  },

  policyWithChallenger(_id, { card, name }) {
    return ws.policyWithChallenger(JSON.stringify({ name, card: JSON.parse(card) }));
  },

  // The work lists of the last scoring (docs/RULES.md §20): counted once per scoring, paged,
  // and written whole as CSV or XLSX.
  workCounts(id) {
    return ws.workCounts(progressFor(id));
  },

  workList(_id, { kind, offset, limit, item }) {
    return ws.workList(kind, offset, limit, item);
  },

  workListFile(_id, { kind, xlsx, lang }) {
    return owned(xlsx ? ws.workListXlsx(kind, lang) : ws.workListCsv(kind, lang));
  },

  // The charts' numbers: the score histogram, the class shares by region and industry, and
  // the change against the run before.
  charts(_id, { width }) {
    return { histogram: ws.scoreHistogram(width), shares: ws.regionShares(), change: ws.lastChange() };
  },

  sharesFile(_id, { xlsx, lang }) {
    return owned(xlsx ? ws.sharesXlsx(lang) : ws.sharesCsv(lang));
  },
};

/** @type {Promise<unknown> | null} the promise of the `init` operation */
let initialised = null;

/**
 * Runs one request on its handler.
 * @template {Op} K
 * @param {import('./client.js').Request<K>} request
 */
async function dispatch({ id, op, args }) {
  /** @type {(id: number, args: import('./client.js').Args<K>) => unknown} */
  const handler = ops[op];
  if (op === 'init') {
    initialised = Promise.resolve(handler(id, args));
    return initialised;
  }
  // Requests sent while the wasm module still compiles wait for it (in order).
  if (!initialised) throw Object.assign(new Error('worker not initialised'), { code: 'state' });
  await initialised;
  return handler(id, args);
}

self.onmessage = async (/** @type {MessageEvent} */ event) => {
  const request = event.data ?? {};
  const { id, op } = request;
  /** @type {(reply: Reply, transfer?: Transferable[]) => void} */
  const reply = (r, transfer = []) => postMessage(r, { transfer });
  try {
    // Not Object.hasOwn (Chromium 93): older browsers run the baseline build.
    if (!Object.prototype.hasOwnProperty.call(ops, op)) throw new Error(`unknown operation: ${op}`);
    const result = await dispatch(request);
    const transfer = ArrayBuffer.isView(result) ? [result.buffer] : [];
    const memoryBytes = bench ? wasmMemory?.buffer.byteLength ?? null : undefined;
    reply({ id, ok: true, result, memoryBytes }, transfer);
  } catch (err) {
    // A wasm trap leaves the instance unusable (e.g. "recursive use of an object"): the page
    // replaces this worker (code "trap").
    const error = err instanceof WebAssembly.RuntimeError
      ? { message: String(err.message), code: 'trap' }
      : errorObject(err);
    reply({ id, ok: false, error });
  }
};
