'use strict';
// Streaming files from disk into a Workspace, for Node (the package's `loadFromDisk`).
//
// Delimited text (CSV, TSV, TXT…) is read in chunks with a FileHandle and fed to
// `beginFile` / `pushChunk` / `finishFile`, the next chunk read while this one is parsed, so a
// 1 GB file never becomes a 1 GB buffer. What a file is (format, encoding, delimiter, kind) the
// core says (`sniff` on its first 64 KiB), as in the page's worker; a workbook (XLSX, XLS,
// ODS) or a JSON file is read whole and given to `loadFile`.
//
// It is CommonJS so that both entries use the one implementation: `node.mjs` (ESM) and
// `credit_supervision.cjs` (require) call `makeLoader(core)` with their own core module.

const { open } = require('node:fs/promises');
const { basename } = require('node:path');

/** The first bytes the core reads to tell what a file is. */
const SNIFF_BYTES = 64 * 1024;
/** The default chunk: 8 MiB, as in the page. */
const DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024;
/** The smallest and largest chunk accepted. */
const MIN_CHUNK_BYTES = 64 * 1024;
const MAX_CHUNK_BYTES = 256 * 1024 * 1024;

/** The keys of `LoadFromDiskOptions` that are the loader's, not the core's `LoadOptions`. */
const OWN_KEYS = new Set(['fileName', 'chunkBytes', 'onProgress', 'signal']);

/** An `Error` with `code` (and extra fields), as the core throws. */
function codedError(code, message, fields = {}) {
  return Object.assign(new Error(message), { code }, fields);
}

/** The core's options as JSON text: the loader's own keys and empty values left out. */
function optionsJson(options) {
  const out = {};
  for (const [k, v] of Object.entries(options)) {
    if (OWN_KEYS.has(k) || v === undefined || v === null) continue;
    out[k] = v;
  }
  return Object.keys(out).length ? JSON.stringify(out) : undefined;
}

/**
 * The loader over one core module (the object of its exports: `sniff` is used).
 * @param {{ sniff: Function }} core
 */
function makeLoader(core) {
  /**
   * Loads the file at `path` into `ws` and returns its reports (one for a text file; one per
   * sheet read for a workbook). See `LoadFromDiskOptions` in the .d.ts.
   */
  async function loadFromDisk(ws, path, options = {}) {
    if (options === null || typeof options !== 'object') {
      throw codedError('argument', 'options: must be an object', { argument: 'options' });
    }
    const fileName = options.fileName ?? basename(String(path));
    const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    if (!Number.isInteger(chunkBytes) || chunkBytes < MIN_CHUNK_BYTES || chunkBytes > MAX_CHUNK_BYTES) {
      throw codedError('argument', `chunkBytes: must be a whole number ${MIN_CHUNK_BYTES}–${MAX_CHUNK_BYTES}, not ${chunkBytes}`, {
        argument: 'chunkBytes',
        value: String(chunkBytes),
      });
    }
    const { onProgress, signal } = options;
    const stopped = () => Boolean(signal && signal.aborted);
    const cancelled = () => codedError('cancelled', 'cancelled', { file: fileName });
    const check = () => {
      if (stopped()) throw cancelled();
    };
    check();

    const fh = await open(path, 'r');
    try {
      const { size } = await fh.stat();
      const head = Buffer.alloc(Math.min(SNIFF_BYTES, size));
      if (head.length) await fh.read(head, 0, head.length, 0);
      const json = optionsJson(options);
      const sniffed = core.sniff(fileName, head, json);
      const progress = (bytes, rows) => {
        if (!onProgress) return true;
        const fraction = size ? bytes / size : 1;
        return onProgress({ file: fileName, bytes, size, rows, fraction }) !== false;
      };

      if (sniffed.format !== 'csv') {
        // A workbook or JSON: held whole, as `loadFile` needs.
        check();
        const bytes = await fh.readFile();
        check();
        return ws.loadFile(fileName, bytes, json, (_stage, fraction) => {
          const f = Number(fraction);
          return progress(Math.round(f * size), null) && !stopped();
        });
      }

      ws.beginFile(fileName, optionsJson({ ...options, size }));
      // Two buffers: the next chunk is read (off the main thread) while this one is parsed.
      const buffers = [Buffer.allocUnsafe(chunkBytes), Buffer.allocUnsafe(chunkBytes)];
      const readAt = (offset, i) => (offset < size ? fh.read(buffers[i], 0, chunkBytes, offset) : null);
      let ahead = readAt(0, 0);
      try {
        if (!progress(0, 0)) throw cancelled();
        for (let offset = 0, turn = 0; ahead; turn ^= 1) {
          const { bytesRead } = await ahead;
          ahead = null;
          if (bytesRead === 0) break; // the file shrank while it was read
          offset += bytesRead;
          check();
          ahead = readAt(offset, turn ^ 1);
          const { rows } = ws.pushChunk(buffers[turn].subarray(0, bytesRead));
          if (!progress(offset, rows)) throw cancelled();
        }
      } catch (err) {
        // A read still under way must settle before the handle closes, and not surface as an
        // unhandled rejection.
        await ahead?.catch(() => {});
        throw err;
      }
      check();
      const report = ws.finishFile();
      progress(size, report.rowsRead);
      return [report];
    } finally {
      await fh.close();
    }
  }
  return { loadFromDisk };
}

module.exports = { makeLoader, DEFAULT_CHUNK_BYTES };
