// Loading the user's files inside the worker (imported by www/worker.js, which owns the
// Workspace). Delimited text (CSV, TSV, TXT…) is read in chunks with `File.slice`, so a 1 GB
// file never becomes a 1 GB string or buffer; XLSX workbooks and JSON files go whole to
// `loadFile`. Progress names bytes and rows; the cancel flag is checked between chunks.
//
// A file that cannot be loaded (binary, wrong kind, missing columns…) is reported for that file
// and the other files still load. For such a file the headers of its first line are sniffed
// here, so that the page can offer a header mapping.

import { sheetNames } from '/pkg/credit_supervision.js';

export const CHUNK_BYTES = 8 * 1024 * 1024;
const SNIFF_BYTES = 64 * 1024;

/** The format to read a file as: `xlsx`, `json` or `csv` (the core's own names). */
export async function formatOf(file, options = {}) {
  if (options.format) return options.format;
  const name = file.name.toLowerCase();
  const head = new Uint8Array(await file.slice(0, 4096).arrayBuffer());
  const zip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  if (zip && !name.endsWith('.csv')) return 'xlsx';
  if (/\.(xlsx|xlsm)$/.test(name)) return 'xlsx';
  if (/\.(json|jsonl|ndjson)$/.test(name)) return 'json';
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && [0x20, 0x09, 0x0a, 0x0d].includes(head[i])) i++;
  if (head[i] === 0x5b || head[i] === 0x7b) return 'json';
  return 'csv';
}

/** The options as the core reads them: empty fields left out, as JSON text (or undefined). */
export function optionsJson(options = {}) {
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
 * The headers of a file's first line as the page should offer them for mapping, or null when
 * they cannot be told here (a workbook, a binary file). Text is decoded like the core does:
 * a BOM decides; else UTF-8 when valid, else GB18030 (which covers GBK).
 */
export async function sniffHeaders(file, format, options = {}) {
  const bytes = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  if (format === 'xlsx' || bytes.includes(0) && !(bytes[0] === 0xff && bytes[1] === 0xfe)) return null;
  let text;
  const enc = (options.encoding || '').toLowerCase();
  try {
    if (enc) text = new TextDecoder(enc === 'gbk' ? 'gbk' : enc).decode(bytes);
    else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) text = new TextDecoder('utf-8').decode(bytes);
    else if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes);
    else {
      try {
        // A chunk may end inside a character: `stream: true` leaves the tail undecoded.
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
      } catch {
        text = new TextDecoder('gb18030').decode(bytes);
      }
    }
  } catch {
    return null;
  }
  text = text.replace(/^\uFEFF/, '');
  if (format === 'json') {
    const t = text.trimStart();
    const first = t.startsWith('[') ? t.slice(1).trimStart() : t;
    // The first object: up to its closing brace at depth 0 (strings respected).
    let depth = 0;
    let inStr = false;
    for (let i = 0; i < first.length; i++) {
      const c = first[i];
      if (inStr) {
        if (c === '\\') i++;
        else if (c === '"') inStr = false;
      } else if (c === '"') inStr = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        try {
          const obj = JSON.parse(first.slice(0, i + 1));
          return obj && typeof obj === 'object' && !Array.isArray(obj) ? Object.keys(obj) : null;
        } catch {
          return null;
        }
      }
    }
    return null;
  }
  const line = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  if (!line.trim()) return null;
  const delimiter = options.delimiter === '\\t' || options.delimiter === 'tab'
    ? '\t'
    : options.delimiter || ['\t', ';', '|', ','].map((d) => [d, line.split(d).length]).sort((a, b) => b[1] - a[1])[0][0];
  return splitLine(line, delimiter).map((h) => h.trim()).filter((h) => h !== '');
}

/** Splits one line of delimited text, honouring double quotes. */
function splitLine(line, delimiter) {
  const out = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur === '') quoted = true;
    else if (c === delimiter) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/**
 * Loads every chosen file into `ws` (cleared first). `files`: [{ name, file: File, options }].
 * Returns { files: [entry], ...counts }, one entry per report (a workbook gives one per sheet)
 * or per failed file. Each report carries `reportIndex` (its index for `rejectedCsv`), `size`,
 * and for workbooks `sheets`; a failed file is `{ file, failed, format, headers, sheets }`.
 */
export async function loadFiles(ws, files, { post, cancelled, errorObject }) {
  ws.clear();
  let reportIndex = 0;
  const total = files.reduce((s, f) => s + (f.file?.size ?? 0), 0) || 1;
  let before = 0; // bytes of the files already loaded
  const entries = [];
  const check = () => {
    if (cancelled()) throw cancelledError();
  };
  for (const { name, file, options = {} } of files) {
    const size = file.size;
    const stage = `load:${name}`;
    const report = (fraction, bytes, rows) =>
      post({ stage, fraction: Math.min(1, (before + fraction * size) / total), file: name, bytes, rows, size });
    let format = 'csv';
    let sheets = null;
    try {
      format = await formatOf(file, options);
      const json = optionsJson(format === 'csv' ? { ...options, size } : options);
      if (format === 'csv') {
        ws.beginFile(name, json);
        let rows = 0;
        report(0, 0, 0);
        // The next chunk is read while this one is parsed: the browser reads files off this
        // thread, so the read costs no parsing time.
        const readAt = (offset) => {
          if (offset >= size) return null;
          const p = file.slice(offset, offset + CHUNK_BYTES).arrayBuffer();
          p.catch(() => {}); // a read left pending by a failure must not surface as unhandled
          return p;
        };
        let ahead = readAt(0);
        for (let offset = 0; offset < size; offset += CHUNK_BYTES) {
          check();
          const chunk = new Uint8Array(await ahead);
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
        if (format === 'xlsx') {
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
          // A workbook whose sheets hold no recognisable table.
          entries.push({ file: name, format, sheets, size, failed: { code: 'empty', message: 'no sheet holds a table of a known kind' } });
        }
      }
    } catch (err) {
      if (err?.code === 'cancelled' || cancelled()) throw cancelledError();
      // The core names the headers it saw (for any format); sniff the first line otherwise.
      let headers = Array.isArray(err?.headers) && err.headers.length ? err.headers : null;
      if (!headers) {
        try {
          headers = await sniffHeaders(file, format, options);
        } catch {
          headers = null;
        }
      }
      entries.push({ file: name, format, size, sheets, headers, failed: errorObject(err) });
    }
    before += size;
  }
  return { files: entries, ...ws.counts() };
}
