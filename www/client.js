// @ts-check
// The worker protocol, typed: the page talks to the worker (www/worker.js) through `Client`,
// and the worker implements the same `Ops`. Every result type is the package's own
// (pkg/credit_supervision.d.ts, from src/wasm/types.d.ts); `make test-types` checks this file,
// the worker and the page with `tsc --checkJs` (tests/types/tsconfig.www.json).
//
// Messages: page → worker `{ id, op, args }` (a `Request`); worker → page `{ id, progress }`
// while an operation runs, then `{ id, ok: true, result }` or `{ id, ok: false, error }` (a
// `Reply`). Typed arrays go back as transferables.
//
// Cancelling: the page shares a SharedArrayBuffer flag (when the page is cross-origin isolated);
// the progress callback in the worker returns false once it is set, and the core then throws
// `code: "cancelled"`. Without the flag, cancelling terminates the worker and starts a new one.

import { chosenBuild, createWorker } from './engine.js';

/**
 * @typedef {import('../pkg/credit_supervision.js').AuditEntry} AuditEntry
 * @typedef {import('../pkg/credit_supervision.js').BadEvents} BadEvents
 * @typedef {import('../pkg/credit_supervision.js').Challenge} Challenge
 * @typedef {import('../pkg/credit_supervision.js').Migration} Migration
 * @typedef {import('../pkg/credit_supervision.js').PolicyForm} PolicyForm
 * @typedef {import('../pkg/credit_supervision.js').RunChange} RunChange
 * @typedef {import('../pkg/credit_supervision.js').ScoreHistogram} ScoreHistogram
 * @typedef {import('../pkg/credit_supervision.js').ClassShares} ClassShares
 * @typedef {import('../pkg/credit_supervision.js').WorkCounts} WorkCounts
 * @typedef {import('../pkg/credit_supervision.js').WorkListKind} WorkListKind
 * @typedef {import('../pkg/credit_supervision.js').WorkPage} WorkPage
 * @typedef {import('../pkg/credit_supervision.js').ScorecardResult} ScorecardResult
 * @typedef {import('../pkg/credit_supervision.js').AuditImport} AuditImport
 * @typedef {import('../pkg/credit_supervision.js').ClassLetter} ClassLetter
 * @typedef {import('../pkg/credit_supervision.js').CreditSupervisionError} CreditSupervisionError
 * @typedef {import('../pkg/credit_supervision.js').Draw} Draw
 * @typedef {import('../pkg/credit_supervision.js').EnterpriseRules} EnterpriseRules
 * @typedef {import('../pkg/credit_supervision.js').Explanation} Explanation
 * @typedef {import('../pkg/credit_supervision.js').FileFailureReason} FileFailureReason
 * @typedef {import('../pkg/credit_supervision.js').FileFormat} FileFormat
 * @typedef {import('../pkg/credit_supervision.js').FileReport} FileReport
 * @typedef {import('../pkg/credit_supervision.js').IndicatorInfo} IndicatorInfo
 * @typedef {import('../pkg/credit_supervision.js').KindColumns} KindColumns
 * @typedef {import('../pkg/credit_supervision.js').LoadOptions} LoadOptions
 * @typedef {import('../pkg/credit_supervision.js').LoadReport} LoadReport
 * @typedef {import('../pkg/credit_supervision.js').ObjectionAction} ObjectionAction
 * @typedef {import('../pkg/credit_supervision.js').PlanOutcome} PlanOutcome
 * @typedef {import('../pkg/credit_supervision.js').PlanVerification} PlanVerification
 * @typedef {import('../pkg/credit_supervision.js').PlanView} PlanView
 * @typedef {import('../pkg/credit_supervision.js').PlanVisit} PlanVisit
 * @typedef {import('../pkg/credit_supervision.js').RecordKind} RecordKind
 * @typedef {import('../pkg/credit_supervision.js').Row} Row
 * @typedef {import('../pkg/credit_supervision.js').ScoreSummary} ScoreSummary
 * @typedef {import('../pkg/credit_supervision.js').Sniff} Sniff
 * @typedef {import('../pkg/credit_supervision.js').SortKey} SortKey
 * @typedef {import('../pkg/credit_supervision.js').StoreCounts} StoreCounts
 * @typedef {import('../pkg/credit_supervision.js').Vocabulary} Vocabulary
 * @typedef {'zh' | 'en'} Lang the language of a workbook's headers
 */

/**
 * A thrown error as it crosses postMessage: the core's `CreditSupervisionError` properties
 * (without the prototype), or the page's own `code` (`engine`, `input`…).
 * @typedef {object} ErrorObject
 * @property {string} message
 * @property {string} [code]
 * @property {FileFailureReason} [reason]
 * @property {string} [file]
 * @property {number} [line]
 * @property {string} [column]
 * @property {string} [value]
 * @property {string} [path]
 * @property {string} [kind]
 * @property {string[]} [headers]
 * @property {string} [messageZh]
 * @property {number} [entry]
 * @property {string} [argument] the name of the argument at fault (`code: "argument"`)
 */

/**
 * What the worker tells about the core once it is ready.
 * @typedef {object} Info
 * @property {string} version
 * @property {string} policy the default policy, JSON text
 * @property {string} policyDigest its digest
 * @property {PolicyForm} form the policy editor's groups and fields
 * @property {IndicatorInfo[]} catalogue
 * @property {KindColumns[]} columns
 * @property {Vocabulary} vocabulary every label the page shows that the core owns
 * @property {import('./engine.js').Build} build the build of the core the worker runs (www/engine.js)
 */

/**
 * One file to load, with the reading settings of www/loading.js.
 * @typedef {object} FileToLoad
 * @property {string} name
 * @property {File} file
 * @property {LoadOptions} [options]
 */

/**
 * One line of the load summary: a report (a workbook gives one per sheet), or a file that
 * failed. `reportIndex` is the report's index for `rejectedCsv`.
 * @typedef {Omit<Partial<FileReport>, 'format' | 'headers'> & { file: string, format?: FileFormat | null, reportIndex?: number,
 *   size?: number, sheets?: string[] | null, headers?: string[] | null, failed?: ErrorObject }} LoadEntry
 */

/**
 * @typedef {object} LoadSummary
 * @property {LoadEntry[]} files
 * @property {number} enterprises
 * @property {number} registered
 * @property {number} records
 * @property {number} [inspectors] inspectors of the roster (not records)
 * @property {number} [items] items of the item list (not records)
 */

/**
 * Where the time of a run went (only with the bench flag).
 * @typedef {object} Timings
 * @property {number} loadMs
 * @property {number} scoreMs
 */

/**
 * The answer of `demo` and `load`.
 * @typedef {object} Run
 * @property {LoadReport | LoadSummary} load
 * @property {ScoreSummary} summary
 * @property {StoreCounts} counts
 * @property {Timings} [timings]
 */

/**
 * The answer of `rescore`: no load (the records stayed), the scoring, the change against the
 * scoring before (null when there was none on the same records), the policy in force.
 * @typedef {object} RescoreResult
 * @property {null} load
 * @property {ScoreSummary} summary
 * @property {StoreCounts} counts
 * @property {RunChange | null} change
 * @property {string} policy JSON text
 */

/**
 * Progress of a running operation: the core's stage and fraction, and for a file being read,
 * its bytes and rows.
 * @typedef {object} Progress
 * @property {string} stage
 * @property {number} fraction
 * @property {string} [file]
 * @property {number} [bytes]
 * @property {number} [rows]
 * @property {number} [size]
 */

/**
 * The operations: arguments and result of each.
 * @typedef {object} Ops
 * @property {{ args: { flag: SharedArrayBuffer | null, bench: boolean, test: boolean, build: import('./engine.js').Build }, result: Info }} init
 * @property {{ args: { size: number, seed: string, asOf: string }, result: Run }} demo
 * @property {{ args: { files: FileToLoad[], asOf: string }, result: Run }} load
 * @property {{ args: { policy: string }, result: null }} checkPolicy checks a policy (JSON
 *   text) without applying it: throws `code: "policy"` with the `path` at fault
 * @property {{ args: { policy: string | null, asOf: string }, result: RescoreResult }} rescore
 *   the records loaded scored again under `policy` (null: the one in force) as of `asOf`
 * @property {{ args: { index: number }, result: Uint8Array }} rejectedCsv
 * @property {{ args: { index: number, lang: Lang }, result: Uint8Array }} rejectedXlsx the
 *   rejected rows as a workbook (the file's headers, the rows as read, line and reason)
 * @property {{ args: { key: SortKey, descending: boolean, classFilter: number | null }, result: Uint32Array }} order
 * @property {{ args: { ids: Uint32Array }, result: Row[] }} rows
 * @property {{ args: { uscc: string }, result: Explanation }} explain
 * @property {{ args: { uscc: string, asOf?: string | null }, result: EnterpriseRules }} rulesFor
 * @property {{ args: { uscc: string, recordKind: RecordKind, recordIndex: number, action: ObjectionAction,
 *   who: string, reason: string, at: string, correction: string | null, timestamp: string | null }, result: AuditEntry }} object
 * @property {{ args: { uscc: string, cls: ClassLetter | '', who: string, reason: string, at: string,
 *   timestamp: string | null }, result: AuditEntry }} adjustClass
 * @property {{ args: {}, result: Uint8Array }} auditCsv
 * @property {{ args: { lang: Lang }, result: Uint8Array }} auditXlsx the trail as a workbook
 * @property {{ args: {}, result: string }} auditJson the trail as `auditJson()` text, which `importAudit` reads
 * @property {{ args: {}, result: null }} trap test hook (init with `test: true` only): the worker
 *   throws a real `WebAssembly.RuntimeError`, as a trapped wasm module does
 * @property {{ args: { bytes: Uint8Array }, result: AuditImport }} importAudit
 * @property {{ args: { seed: string, ratio: number | null }, result: Draw }} draw
 * @property {{ args: {}, result: Uint8Array }} resultsCsv
 * @property {{ args: {}, result: Uint8Array }} drawCsv
 * @property {{ args: { lang: Lang }, result: Uint8Array }} resultsXlsx every result as a
 *   workbook, headers in `lang`
 * @property {{ args: { lang: Lang }, result: Uint8Array }} drawXlsx the last draw as a workbook
 *   (the list, and what the draw binds)
 * @property {{ args: { seed: string, cycleStart: string | null, referrals: string[] }, result: PlanView }} plan
 *   the inspection plan of a cycle from the last scoring (`cycleStart` null: the as-of date)
 * @property {{ args: { round: number | null, offset: number, limit: number }, result: PlanVisit[] }} planRows
 *   a page of the last plan's visits, of one round (null: every round)
 * @property {{ args: {}, result: Uint8Array }} planCsv the internal plan (class, reason, team)
 * @property {{ args: { round: number | null }, result: Uint8Array }} planPublicCsv the public
 *   list of one round (null: every round): no class, score or reason
 * @property {{ args: {}, result: Uint8Array }} planJson the plan as published (JSON bytes)
 * @property {{ args: {}, result: Uint8Array }} planXlsx the plan as a workbook (internal and public sheets)
 * @property {{ args: { file: Blob }, result: PlanVerification }} verifyPlan a published plan's
 *   JSON file, read in the worker and re-derived from the inputs loaded there
 * @property {{ args: { cycleStart: string, cycleEnd: string | null, on: string | null }, result: PlanOutcome }} planOutcome
 *   what a past cycle achieved, from the inspection records loaded (`cycleEnd` null: the
 *   policy's cycle; `on`, the day publication is judged on, null: the scoring's as-of date)
 * @property {{ args: { cycleStart: string, cycleEnd: string | null, on: string | null, overdueOnly: boolean }, result: Uint8Array }} planResultsCsv
 *   the cycle's public results (一公开) of its random checks, or only the overdue ones: no
 *   class, score or reason
 * @property {{ args: { asOf: string }, result: ModelDefaults }} modelDefaults the dates a fit
 *   defaults to and the outcome events in force
 * @property {{ args: { fitAt: string, testAt: string, horizon: number | null, bad: BadEvents, asOf: string, name: string },
 *   result: ModelRun }} model a card fitted at `fitAt`, tested out of time at `testAt`, beside
 *   the expert classes there, and the migration from `testAt` to `asOf`
 * @property {{ args: { from: string, to: string }, result: Uint8Array }} migrationMoversCsv every
 *   enterprise whose class changed between the two dates, with why, as CSV bytes
 * @property {{ args: { card: string, name: string }, result: string }} policyWithChallenger the
 *   policy in force with the card as its challenger (JSON text)
 * @property {{ args: {}, result: WorkCounts[] }} workCounts the counts of every work list of the
 *   last scoring
 * @property {{ args: { kind: WorkListKind, offset: number, limit: number, item: string | null }, result: WorkPage }} workList
 *   a page of one work list, of one item or all
 * @property {{ args: { kind: WorkListKind, xlsx: boolean, lang: 'zh' | 'en' }, result: Uint8Array }} workListFile
 *   a whole work list as CSV or XLSX bytes
 * @property {{ args: { width: number }, result: Charts }} charts the numbers the charts draw
 * @property {{ args: { xlsx: boolean, lang: 'zh' | 'en' }, result: Uint8Array }} sharesFile the
 *   class shares by region and industry as CSV or XLSX bytes
 */

/**
 * The numbers the charts draw (www/charts.js).
 * @typedef {object} Charts
 * @property {ScoreHistogram} histogram the last scoring's scores in bins, by class
 * @property {ClassShares} shares class counts and shares by region and by industry section
 * @property {RunChange | null} change the change against the run before (null after a load)
 */

/**
 * The dates a fit defaults to: T two horizons before the data's date, the out-of-time test one
 * horizon before it; the policy's horizon; the outcome events in force.
 * @typedef {object} ModelDefaults
 * @property {number} horizon
 * @property {string} fitAt
 * @property {string} testAt
 * @property {BadEvents} outcome
 */

/**
 * What `model` gives.
 * @typedef {object} ModelRun
 * @property {ScorecardResult} fit
 * @property {Challenge} challenge
 * @property {Migration} migration
 * @property {BadEvents} outcome the events judged by
 */

/** @typedef {keyof Ops} Op */
/** @template {Op} K @typedef {Ops[K]['args']} Args */
/** @template {Op} K @typedef {Ops[K]['result']} Result */

/**
 * A request (page → worker).
 * @template {Op} K
 * @typedef {{ id: number, op: K, args: Args<K> }} Request
 */

/**
 * A reply (worker → page). `memoryBytes` (the wasm memory) is sent with the bench flag only.
 * @typedef {{ id: number, progress: Progress }
 *   | { id: number, ok: true, result: unknown, memoryBytes?: number | null }
 *   | { id: number, ok: false, error: ErrorObject }} Reply
 */

/**
 * The worker's side: one handler per operation, each given the request id (for progress).
 * @typedef {{ [K in Op]: (id: number, args: Args<K>) => Result<K> | Promise<Result<K>> }} Handlers
 */

/** @typedef {{ transfer?: Transferable[], onProgress?: (p: Progress) => void }} CallOptions */

/**
 * @typedef {object} Pending
 * @property {(v: any) => void} resolve
 * @property {(e: Error) => void} reject
 * @property {((p: Progress) => void) | undefined} onProgress
 */

/** How long a cancelled worker may take before it is replaced. */
const CANCEL_GRACE_MS = 3000;

/** The page's side of the protocol: one worker, its requests, cancelling and restarting. */
export class Client {
  /**
   * @param {{ bench?: boolean, test?: boolean, failedMessage?: () => string }} [options] `bench`: the worker
   *   reports timings and wasm memory (bench/page-bench.mjs); `test`: the worker accepts the
   *   `trap` test hook (the page's `?test=1`); `failedMessage`: the text of a worker that
   *   cannot start.
   */
  constructor({ bench = false, test = false, failedMessage = () => 'the engine failed to start' } = {}) {
    this.bench = bench;
    this.test = test;
    this.failedMessage = failedMessage;
    this.seq = 0;
    /** @type {Map<number, Pending>} */
    this.pending = new Map();
    /** The size of the wasm memory at the last reply (bench flag only). @type {number | null} */
    this.memoryBytes = null;
    // A cancel flag shared with the worker; needs a cross-origin isolated page (serve.mjs
    // sends COOP/COEP). Without it, cancelling replaces the worker.
    this.flag = globalThis.crossOriginIsolated && typeof SharedArrayBuffer === 'function'
      ? new Int32Array(new SharedArrayBuffer(4))
      : null;
    /** Called after the worker was replaced (its workspace is lost). */
    this.onReset = () => {};
    /**
     * Called after the worker trapped (a wasm `RuntimeError`) or died once running, and was
     * replaced by a fresh one: its workspace is lost, the page's copy of the trail is not.
     * @type {(error: ErrorObject) => void}
     */
    this.onCrash = () => {};
    /** Whether the current worker has started (a later `error` event means it died). */
    this.started = false;
    /** @type {Promise<unknown> | null} */
    this.running = null;
    /** @type {Worker} */
    this.worker = this.spawn();
    /** @type {Promise<Info>} */
    this.ready = this.init();
  }

  /** @returns {Worker} */
  spawn() {
    const worker = createWorker(); // www/engine.js (a blob worker in the single file)
    worker.onmessage = (e) => this.receive(e.data);
    worker.onerror = (e) => {
      e.preventDefault?.();
      const error = { message: e.message || this.failedMessage(), code: 'engine' };
      // A worker that dies after it started is a crash: replace it. One that cannot start is
      // reported as such (restarting would fail the same way).
      if (this.started && this.worker === worker) this.crash(error);
      else this.failAll(error);
    };
    worker.onmessageerror = () => this.failAll({ message: 'message error', code: 'engine' });
    return worker;
  }

  /** @returns {Promise<Info>} */
  init() {
    const flag = this.flag ? /** @type {SharedArrayBuffer} */ (this.flag.buffer) : null;
    this.started = false;
    const ready = this.call('init', { flag, bench: this.bench, test: this.test, build: chosenBuild() });
    ready.then(() => {
      this.started = true;
    }, () => {});
    return ready;
  }

  /** @param {Reply} msg */
  receive(msg) {
    const p = this.pending.get(msg.id);
    if (!p) return;
    if ('progress' in msg) {
      p.onProgress?.(msg.progress);
      return;
    }
    this.pending.delete(msg.id);
    if ('error' in msg) {
      p.reject(Object.assign(new Error(msg.error?.message ?? 'error'), msg.error ?? {}));
      // A trapped wasm instance is not to be trusted again: replace the worker.
      if (msg.error?.code === 'trap') this.crash(msg.error);
    } else {
      if (msg.memoryBytes) this.memoryBytes = msg.memoryBytes;
      p.resolve(msg.result);
    }
  }

  /** @param {ErrorObject} error */
  failAll(error) {
    for (const [, p] of this.pending) p.reject(Object.assign(new Error(error.message), error));
    this.pending.clear();
  }

  /**
   * Sends one operation; resolves with its result, rejects with an `Error` carrying the
   * `ErrorObject` properties.
   * @template {Op} K
   * @param {K} op
   * @param {Args<K>} args
   * @param {CallOptions} [options]
   * @returns {Promise<Result<K>>}
   */
  call(op, args, { transfer = [], onProgress } = {}) {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      /** @type {Request<K>} */
      const request = { id, op, args };
      this.worker.postMessage(request, transfer);
    });
  }

  /**
   * Runs a long operation that may be cancelled (`cancel`). `plan` and `verifyPlan` report no
   * progress and do not look at the flag: cancelling them replaces the worker after the grace.
   * @template {'demo' | 'load' | 'rescore' | 'plan' | 'verifyPlan' | 'model'} K
   * @param {K} op
   * @param {Args<K>} args
   * @param {CallOptions} [options]
   * @returns {Promise<Result<K>>}
   */
  run(op, args, options) {
    if (this.flag) Atomics.store(this.flag, 0, 0);
    const running = this.call(op, args, options);
    this.running = running;
    return running.finally(() => {
      this.running = null;
    });
  }

  /** Asks the running operation to stop; replaces the worker if it does not stop in time. */
  cancel() {
    const running = this.running;
    if (!running) return;
    if (this.flag) {
      Atomics.store(this.flag, 0, 1);
      const timer = setTimeout(() => {
        if (this.running === running) this.restart();
      }, CANCEL_GRACE_MS);
      running.catch(() => {}).finally(() => clearTimeout(timer));
    } else {
      this.restart();
    }
  }

  /** Terminates the worker (losing its workspace) and starts a fresh one. */
  restart() {
    this.worker.terminate();
    this.failAll({ message: 'cancelled', code: 'cancelled' });
    this.worker = this.spawn();
    this.ready = this.init();
    this.onReset();
  }

  /**
   * Replaces a worker that trapped or died: every pending call fails with `code: "trap"`, a
   * fresh worker starts, and `onCrash` tells the page.
   * @param {ErrorObject} error
   */
  crash(error) {
    this.worker.terminate();
    this.failAll({ ...error, code: 'trap' });
    this.running = null;
    this.worker = this.spawn();
    this.ready = this.init();
    this.onCrash(error);
  }

  // The operations, one method each.

  /** Generates the demo district and scores it. @param {Args<'demo'>} args @param {CallOptions} [o] */
  demo(args, o) {
    return this.run('demo', args, o);
  }

  /** Loads the user's files and scores them. @param {Args<'load'>} args @param {CallOptions} [o] */
  load(args, o) {
    return this.run('load', args, o);
  }

  /** Checks a policy without applying it. @param {string} policy JSON text */
  checkPolicy(policy) {
    return this.call('checkPolicy', { policy });
  }

  /** Rescores the records loaded (cancellable like a run). @param {Args<'rescore'>} args @param {CallOptions} [o] */
  rescore(args, o) {
    return this.run('rescore', args, o);
  }

  /** The rejected rows of the `index`-th report, as CSV bytes. @param {number} index */
  rejectedCsv(index) {
    return this.call('rejectedCsv', { index });
  }

  /** The rejected rows of the `index`-th report, as XLSX bytes. @param {number} index @param {Lang} lang */
  rejectedXlsx(index, lang) {
    return this.call('rejectedXlsx', { index, lang });
  }

  /** Enterprise ids in table order. @param {SortKey} key @param {boolean} descending @param {number | null} classFilter */
  order(key, descending, classFilter) {
    return this.call('order', { key, descending, classFilter });
  }

  /** The rows of a page of the table (the ids are transferred). @param {Uint32Array} ids */
  rows(ids) {
    return this.call('rows', { ids }, { transfer: [ids.buffer] });
  }

  /** @param {string} uscc */
  explain(uscc) {
    return this.call('explain', { uscc });
  }

  /** @param {string} uscc @param {string | null} [asOf] */
  rulesFor(uscc, asOf = null) {
    return this.call('rulesFor', { uscc, asOf });
  }

  /** An objection on one record. @param {Args<'object'>} args */
  object(args) {
    return this.call('object', args);
  }

  /** A class adjusted by hand (`cls: ''` removes it). @param {Args<'adjustClass'>} args */
  adjustClass(args) {
    return this.call('adjustClass', args);
  }

  auditCsv() {
    return this.call('auditCsv', {});
  }

  /** @param {Lang} lang */
  auditXlsx(lang) {
    return this.call('auditXlsx', { lang });
  }

  /** The audit trail as `auditJson()` text (kept by the page outside the wasm instance). */
  auditJson() {
    return this.call('auditJson', {});
  }

  /** Test hook (`test: true` only): makes the worker throw a real wasm `RuntimeError`. */
  trap() {
    return this.call('trap', {});
  }

  /** Loads an exported audit trail (the bytes are transferred). @param {Uint8Array} bytes */
  importAudit(bytes) {
    return this.call('importAudit', { bytes }, { transfer: [bytes.buffer] });
  }

  /** @param {string} seed @param {number | null} ratio */
  draw(seed, ratio) {
    return this.call('draw', { seed, ratio });
  }

  resultsCsv() {
    return this.call('resultsCsv', {});
  }

  drawCsv() {
    return this.call('drawCsv', {});
  }

  /** @param {Lang} lang */
  resultsXlsx(lang) {
    return this.call('resultsXlsx', { lang });
  }

  /** @param {Lang} lang */
  drawXlsx(lang) {
    return this.call('drawXlsx', { lang });
  }

  /** Makes the inspection plan (cancellable like a run). @param {Args<'plan'>} args @param {CallOptions} [o] */
  plan(args, o) {
    return this.run('plan', args, o);
  }

  /** A page of the last plan's visits. @param {number | null} round @param {number} offset @param {number} limit */
  planRows(round, offset, limit) {
    return this.call('planRows', { round, offset, limit });
  }

  planCsv() {
    return this.call('planCsv', {});
  }

  /** @param {number | null} round */
  planPublicCsv(round) {
    return this.call('planPublicCsv', { round });
  }

  planJson() {
    return this.call('planJson', {});
  }

  planXlsx() {
    return this.call('planXlsx', {});
  }

  /** Checks a published plan (its JSON file; cancellable like a run). @param {Blob} file @param {CallOptions} [o] */
  verifyPlan(file, o) {
    return this.run('verifyPlan', { file }, o);
  }

  /** What a past cycle achieved. @param {Args<'planOutcome'>} args */
  planOutcome(args) {
    return this.call('planOutcome', args);
  }

  /** The cycle's public results, or only the overdue ones, as CSV bytes. @param {Args<'planResultsCsv'>} args */
  planResultsCsv(args) {
    return this.call('planResultsCsv', args);
  }

  /** The dates a fit defaults to. @param {string} asOf */
  modelDefaults(asOf) {
    return this.call('modelDefaults', { asOf });
  }

  /** Fits, tests and compares a card (cancellable like a run). @param {Args<'model'>} args @param {CallOptions} [o] */
  model(args, o) {
    return this.run('model', args, o);
  }

  /** The movers between two dates as CSV bytes. @param {string} from @param {string} to */
  migrationMoversCsv(from, to) {
    return this.call('migrationMoversCsv', { from, to });
  }

  /** The policy with a card as its challenger. @param {string} card @param {string} name */
  policyWithChallenger(card, name) {
    return this.call('policyWithChallenger', { card, name });
  }

  /** The counts of every work list of the last scoring. */
  workCounts() {
    return this.call('workCounts', {});
  }

  /**
   * A page of a work list. @param {WorkListKind} kind @param {number} offset @param {number} limit
   * @param {string | null} item
   */
  workList(kind, offset, limit, item) {
    return this.call('workList', { kind, offset, limit, item });
  }

  /** A whole work list as CSV or XLSX bytes. @param {WorkListKind} kind @param {boolean} xlsx @param {'zh' | 'en'} lang */
  workListFile(kind, xlsx, lang) {
    return this.call('workListFile', { kind, xlsx, lang });
  }

  /** The charts' numbers (score bins of `width` points). @param {number} width */
  charts(width) {
    return this.call('charts', { width });
  }

  /** The class shares by region and industry as CSV or XLSX bytes. @param {boolean} xlsx @param {'zh' | 'en'} lang */
  sharesFile(xlsx, lang) {
    return this.call('sharesFile', { xlsx, lang });
  }
}
