// @ts-check
// Loading the user's files inside the worker (imported by www/worker.js, which owns the
// Workspace). What a file is — format, encoding, delimiter, header and kind — the core says
// (`sniff` on its first bytes); the page detects nothing itself. Delimited text (CSV, TSV,
// TXT…) is read in chunks with `File.slice`, so a 1 GB file never becomes a 1 GB string or
// buffer; workbooks (XLSX, XLS, ODS) and JSON files go whole to `loadFile`. Progress names bytes and rows;
// the cancel flag is checked between chunks.
//
// A file that cannot be loaded (binary, wrong kind, missing columns…) is reported for that file
// and the other files still load, with the headers the core saw so that the page can offer a
// header mapping.

import { sheetNames, sniff } from './core.js';

/** @typedef {import('./client.js').ErrorObject} ErrorObject */
/** @typedef {import('./client.js').FileToLoad} FileToLoad */
/** @typedef {import('./client.js').LoadEntry} LoadEntry */
/** @typedef {import('./client.js').LoadSummary} LoadSummary */
/** @typedef {import('./client.js').LoadOptions} LoadOptions */
/** @typedef {import('./client.js').Progress} Progress */

/** The formats that are workbooks (sheets to choose from). */
const WORKBOOKS = new Set(['xlsx', 'xls', 'ods']);
/** @typedef {import('./client.js').Sniff} Sniff */
/** @typedef {import('../pkg/credit_supervision.js').Workspace} Workspace */

export const CHUNK_BYTES = 8 * 1024 * 1024;
/** The first bytes the core reads to tell what a file is. */
const SNIFF_BYTES = 64 * 1024;
/**
 * The most bytes of files the browser loads in one go (the core's `BROWSER_MAX_BYTES`, 2 GiB:
 * a wasm module's memory is at most 4 GiB and loading takes ~1.4 bytes of memory per byte of
 * file). A file that would pass it fails before any of it is read, with the core's reason
 * `too_large`, instead of trapping the module part-way.
 */
export const BROWSER_MAX_BYTES = 2 ** 31;

/**
 * The failure of a file too large for the browser: the core's reason `too_large`, whose words
 * the page takes from the core's vocabulary (`fileFailures`).
 * @param {string} file
 */
function tooLarge(file) {
  return { code: 'csv', reason: 'too_large', file, message: '' };
}

/**
 * The options as the core reads them: empty fields left out, as JSON text (or undefined).
 * @param {LoadOptions} [options]
 * @returns {string | undefined}
 */
export function optionsJson(options = {}) {
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [k, v] of Object.entries(options)) {
    if (v === undefined || v === null || v === '') continue;
    if (k === 'mapping' && (typeof v !== 'object' || Object.keys(v).length === 0)) continue;
    out[k] = v;
  }
  return Object.keys(out).length ? JSON.stringify(out) : undefined;
}

function cancelledError() {
  return Object.assign(new Error('cancelled'), { code: 'cancelled' });
}

/**
 * What the core says a file is, from its name and first bytes.
 * @param {File} file
 * @param {LoadOptions} options
 * @returns {Promise<Sniff>}
 */
export async function sniffFile(file, options = {}) {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  return sniff(file.name, head, optionsJson(options));
}

/**
 * Loads every chosen file into `ws` (cleared first). Returns one entry per report (a workbook
 * gives one per sheet) or per failed file. Each report carries `reportIndex` (its index for
 * `rejectedCsv`), `size`, and for workbooks `sheets`; a failed file is `{ file, failed, format,
 * headers, sheets }`.
 * @param {Workspace} ws
 * @param {FileToLoad[]} files
 * @param {{ post: (p: Progress) => void, cancelled: () => boolean, errorObject: (e: unknown) => ErrorObject }} io
 * @returns {Promise<LoadSummary>}
 */
export async function loadFiles(ws, files, { post, cancelled, errorObject }) {
  ws.clear();
  let reportIndex = 0;
  const total = files.reduce((s, f) => s + (f.file?.size ?? 0), 0) || 1;
  let before = 0; // bytes of the files already loaded
  /** @type {LoadEntry[]} */
  const entries = [];
  const check = () => {
    if (cancelled()) throw cancelledError();
  };
  for (const { name, file, options = {} } of files) {
    const size = file.size;
    const stage = `load:${name}`;
    /** @param {number} fraction @param {number} bytes @param {number | undefined} rows */
    const report = (fraction, bytes, rows) =>
      post({ stage, fraction: Math.min(1, (before + fraction * size) / total), file: name, bytes, rows, size });
    /** @type {Sniff | null} */
    let sniffed = null;
    /** @type {string[] | null} */
    let sheets = null;
    if (before + size > BROWSER_MAX_BYTES) {
      entries.push({ file: name, format: null, size, sheets, headers: null, failed: errorObject(tooLarge(name)) });
      continue;
    }
    try {
      sniffed = await sniffFile(file, options);
      const format = sniffed.format;
      const json = optionsJson(format === 'csv' ? { ...options, size } : options);
      if (format === 'csv') {
        ws.beginFile(name, json);
        let rows = 0;
        report(0, 0, 0);
        // The next chunk is read while this one is parsed: the browser reads files off this
        // thread, so the read costs no parsing time.
        /** @param {number} offset @returns {Promise<ArrayBuffer> | null} */
        const readAt = (offset) => {
          if (offset >= size) return null;
          const p = file.slice(offset, offset + CHUNK_BYTES).arrayBuffer();
          p.catch(() => {}); // a read left pending by a failure must not surface as unhandled
          return p;
        };
        let ahead = readAt(0);
        for (let offset = 0; offset < size; offset += CHUNK_BYTES) {
          check();
          const chunk = new Uint8Array(/** @type {ArrayBuffer} */ (await ahead));
          ahead = readAt(offset + CHUNK_BYTES);
          const read = ws.pushChunk(chunk);
          rows = Number(read?.rows ?? rows);
          const done = Math.min(size, offset + chunk.length);
          report(done / (size || 1), done, rows);
        }
        check();
        const r = ws.finishFile();
        report(1, size, r.rowsRead);
        entries.push({ ...r, reportIndex: reportIndex++, size });
      } else {
        check();
        const bytes = new Uint8Array(await file.arrayBuffer());
        if (WORKBOOKS.has(format)) {
          try {
            sheets = sheetNames(name, bytes);
          } catch {
            sheets = null;
          }
        }
        const reports = ws.loadFile(name, bytes, json, (_stage, fraction) => {
          report(Number(fraction), Math.round(Number(fraction) * size), undefined);
          return !cancelled();
        });
        for (const r of reports) entries.push({ ...r, reportIndex: reportIndex++, size, sheets });
        if (reports.length === 0) {
          // A workbook whose sheets hold no recognisable table: the page says so in its words.
          entries.push({ file: name, format, sheets, size, failed: { code: 'no_sheet', message: '' } });
        }
      }
    } catch (err) {
      const e = /** @type {{ code?: string, headers?: unknown }} */ (err ?? {});
      if (e.code === 'cancelled' || cancelled()) throw cancelledError();
      // The headers the core saw: from the error (any format), else from the sniff.
      const headers = Array.isArray(e.headers) && e.headers.length
        ? /** @type {string[]} */ (e.headers)
        : sniffed?.headers.length ? sniffed.headers : null;
      entries.push({ file: name, format: sniffed?.format ?? null, size, sheets, headers, failed: errorObject(err) });
    }
    before += size;
  }
  return { files: entries, ...ws.counts() };
}
