// DuckDB-WASM on the same eight CSV files as our page, in the same headless Chromium (issue 3):
// a comparison, not a test. Serves a tiny page, the duckdb-wasm bundle (from
// bench/duckdb/node_modules, installed by `make bench-duckdb`) and the CSV folder on 127.0.0.1
// only, and times inside the page:
//   register  the eight files made known to DuckDB (by default the File objects of a file
//             input, as our page gets them: registerFileHandle + BROWSER_FILEREADER, read in
//             slices by the worker; `--source buffer` fetches each file and hands its bytes over
//             with registerFileBuffer instead)
//   load      register + CREATE TABLE <kind> AS SELECT * FROM read_csv(...) for each file
//   query     one load-aggregate-score query (see SCORE_SQL) ending in a count per class
//   total     load + query
// Starting DuckDB (fetching and compiling its wasm) is reported as init_s and not counted,
// as our page-bench starts its clock once the page is ready.
//
//   node bench/duckdb-bench.mjs --dir bench-data/1000000-bench-2026-11-28 [--runs 3]
//        [--as-of 2026-11-28] [--bundle auto|eh|mvp|coi] [--source file|buffer] [--header]
//
// Each run is a fresh Chromium (fresh profile). Prints one JSON line (the fastest run, with
// every run's total) and one markdown row (--header prints the table's header first).
// Progress goes to stderr.
import { createServer } from 'node:http';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPeakMemory } from './chromium-memory.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const MODULES = join(HERE, 'duckdb', 'node_modules');
const DIST = join(MODULES, '@duckdb', 'duckdb-wasm', 'dist');
const KINDS = ['registration', 'annual_report', 'licence', 'penalty', 'inspection', 'list_entry', 'commitment', 'complaint'];

const USAGE = `usage: node bench/duckdb-bench.mjs --dir <folder with the 8 CSVs> [--runs 3] [--as-of 2026-11-28]
                                  [--bundle auto|eh|mvp|coi] [--source file|buffer] [--header]
  --dir     a folder holding ${KINDS.map((k) => `${k}.csv`).join(', ')}
  --runs    fresh-Chromium runs; the fastest is reported (default 3)
  --as-of   the scoring date (default 2026-11-28)
  --bundle  duckdb-wasm bundle; auto picks eh or mvp by the browser's features (default auto)
  --source  file: File objects from a file input (registerFileHandle, as our page reads them);
            buffer: fetch each file and registerFileBuffer its bytes (default file)
  --header  print the markdown table's header before the row
needs: npm ci (playwright-core) and make bench-duckdb (DuckDB-WASM in bench/duckdb/node_modules)`;

function parseArgs(argv) {
  const out = { runs: 3, asOf: '2026-11-28', bundle: 'auto', source: 'file', header: false, dir: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--dir') out.dir = resolve(value());
    else if (a === '--runs') out.runs = Number(value());
    else if (a === '--as-of') out.asOf = value();
    else if (a === '--bundle') out.bundle = value();
    else if (a === '--source') out.source = value();
    else if (a === '--header') out.header = true;
    else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument: ${a}`);
  }
  if (!out.dir) throw new Error('--dir is required');
  if (!Number.isInteger(out.runs) || out.runs < 1) throw new Error('--runs must be a positive integer');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(out.asOf)) throw new Error('--as-of must be YYYY-MM-DD');
  if (!['auto', 'eh', 'mvp', 'coi'].includes(out.bundle)) throw new Error('--bundle must be auto, eh, mvp or coi');
  if (!['file', 'buffer'].includes(out.source)) throw new Error('--source must be file or buffer');
  return out;
}

let opts;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (err) {
  console.error(`duckdb-bench: ${err.message}\n${USAGE}`);
  process.exit(2);
}
if (!existsSync(join(DIST, 'duckdb-browser.mjs'))) {
  console.error('duckdb-bench: bench/duckdb/node_modules is missing (DuckDB-WASM is not installed): run make bench-duckdb');
  process.exit(1);
}
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  console.error('duckdb-bench: playwright-core is missing: run npm ci (or make setup) at the repository root');
  process.exit(1);
}
const missing = KINDS.filter((k) => !existsSync(join(opts.dir, `${k}.csv`)));
if (missing.length) {
  console.error(`duckdb-bench: ${opts.dir} lacks ${missing.map((k) => `${k}.csv`).join(', ')}`);
  process.exit(1);
}
const files = KINDS.map((k) => join(opts.dir, `${k}.csv`));
const fileMB = files.reduce((s, f) => s + statSync(f).size, 0) / 1e6;
const duckdbWasmVersion = JSON.parse(readFileSync(join(MODULES, '@duckdb', 'duckdb-wasm', 'package.json'), 'utf8')).version;

// ---------------------------------------------------------------------------------------------
// SQL. Column names are the files' own (Chinese) headers. Types are given for the columns the
// query uses, so that a sniff on the first rows cannot guess them differently at 1M rows.

const USCC = '"统一社会信用代码"';
const TYPES = {
  registration: { 统一社会信用代码: 'VARCHAR', 行业代码: 'VARCHAR', 成立日期: 'DATE', 注册资本: 'DOUBLE' },
  annual_report: { 统一社会信用代码: 'VARCHAR', 年报年度: 'INTEGER', 报送日期: 'DATE' },
  licence: { 统一社会信用代码: 'VARCHAR', 许可证编号: 'VARCHAR', 发证日期: 'DATE', 有效期至: 'DATE' },
  penalty: { 统一社会信用代码: 'VARCHAR', 处罚决定书文号: 'VARCHAR', 处罚决定日期: 'DATE', 罚款金额: 'DOUBLE' },
  inspection: { 统一社会信用代码: 'VARCHAR', 任务编号: 'VARCHAR', 检查日期: 'DATE', 检查结果: 'VARCHAR' },
  list_entry: { 统一社会信用代码: 'VARCHAR', 名单类型: 'VARCHAR', 列入日期: 'DATE', 移出日期: 'DATE' },
  commitment: { 统一社会信用代码: 'VARCHAR', 承诺日期: 'DATE', 核查期限: 'DATE', 核查日期: 'DATE', 核查结果: 'VARCHAR' },
  complaint: { 统一社会信用代码: 'VARCHAR', 投诉日期: 'DATE', 是否属实: 'VARCHAR', 按时办结: 'VARCHAR' },
};
const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;
const LOAD_SQL = KINDS.map((k) => {
  const types = Object.entries(TYPES[k]).map(([c, t]) => `${sqlString(c)}: ${sqlString(t)}`).join(', ');
  return `CREATE TABLE ${k} AS SELECT * FROM read_csv(${sqlString(`${k}.csv`)}, header = true, delim = ',', quote = '"', types = {${types}})`;
});

// Per enterprise of registration.csv, as of --as-of (D), window = the 3 years up to D:
// penalties and their fines in the window, failed inspections in the window (a result other
// than 未发现问题 / 未发现开展本次抽查涉及的经营活动 / 已注销), list entries in force on D
// (severe list counted again), substantiated complaints in the window, annual reports filed and
// missed; a weighted score from 100 and a class A ≥ 90 > B ≥ 75 > C ≥ 60 > D; then a count per
// class. A deliberately simple rule set, not ours: the point is the cost of the job's shape.
const scoreSql = (asOf) => {
  const D = `DATE ${sqlString(asOf)}`;
  const win = (col) => `"${col}" > ${D} - INTERVAL 3 YEAR AND "${col}" <= ${D}`;
  return `
WITH p AS (
  SELECT ${USCC} AS uscc, count(*) AS penalties, coalesce(sum("罚款金额"), 0) AS fines
  FROM penalty WHERE ${win('处罚决定日期')} GROUP BY 1),
i AS (
  SELECT ${USCC} AS uscc, count(*) AS failed
  FROM inspection
  WHERE ${win('检查日期')} AND "检查结果" NOT IN ('未发现问题', '未发现开展本次抽查涉及的经营活动', '已注销')
  GROUP BY 1),
l AS (
  SELECT ${USCC} AS uscc, count(*) AS listed, count(*) FILTER (WHERE "名单类型" = '严重违法失信名单') AS severe
  FROM list_entry WHERE "列入日期" <= ${D} AND ("移出日期" IS NULL OR "移出日期" > ${D}) GROUP BY 1),
c AS (
  SELECT ${USCC} AS uscc, count(*) AS complaints
  FROM complaint WHERE ${win('投诉日期')} AND "是否属实" = '是' GROUP BY 1),
a AS (
  SELECT ${USCC} AS uscc, count("报送日期") AS filed, count(*) - count("报送日期") AS missed
  FROM annual_report GROUP BY 1),
s AS (
  SELECT r.${USCC} AS uscc,
    100
    - 8 * coalesce(p.penalties, 0) - least(coalesce(p.fines, 0) / 10000, 20)
    - 5 * coalesce(i.failed, 0)
    - 10 * coalesce(l.listed, 0) - 30 * coalesce(l.severe, 0)
    - 2 * coalesce(c.complaints, 0)
    - 4 * coalesce(a.missed, 0) + least(coalesce(a.filed, 0), 5) AS score
  FROM registration r
  LEFT JOIN p ON p.uscc = r.${USCC}
  LEFT JOIN i ON i.uscc = r.${USCC}
  LEFT JOIN l ON l.uscc = r.${USCC}
  LEFT JOIN c ON c.uscc = r.${USCC}
  LEFT JOIN a ON a.uscc = r.${USCC})
SELECT CASE WHEN score >= 90 THEN 'A' WHEN score >= 75 THEN 'B' WHEN score >= 60 THEN 'C' ELSE 'D' END AS class,
       count(*) AS enterprises
FROM s GROUP BY class ORDER BY class`;
};
const SCORE_SQL = scoreSql(opts.asOf);

// ---------------------------------------------------------------------------------------------
// The page and its server (127.0.0.1 only; nothing else is reachable from the page).

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>duckdb-wasm bench</title><link rel="icon" href="data:,">
<script type="importmap">{"imports": {
  "apache-arrow": "/nm/apache-arrow/Arrow.dom.mjs",
  "flatbuffers": "/nm/flatbuffers/mjs/flatbuffers.js",
  "tslib": "/nm/tslib/tslib.es6.mjs"}}</script>
<script type="module">
  import * as duckdb from '/duckdb/duckdb-browser.mjs';
  window.duckdb = duckdb;
  document.body.dataset.state = 'ready';
</script></head>
<body data-state="loading"><input type="file" id="files" multiple></body></html>`;

const MOUNTS = [
  ['/duckdb/', DIST],
  ['/nm/apache-arrow/', join(MODULES, 'apache-arrow')],
  ['/nm/flatbuffers/', join(MODULES, 'flatbuffers')],
  ['/nm/tslib/', join(MODULES, 'tslib')],
  ['/data/', opts.dir],
];
const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.map': 'application/json',
};
const HEADERS = {
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

async function inside(base, rel) {
  if (rel.includes('\0') || rel.includes('\\') || rel.split('/').some((p) => p === '..' || p === '.')) return null;
  try {
    const realBase = await realpath(base);
    const real = await realpath(join(base, rel));
    return real.startsWith(realBase + sep) && statSync(real).isFile() ? real : null;
  } catch {
    return null;
  }
}

const served = { requests: 0, notFound: [] };
const server = createServer(async (req, res) => {
  served.requests++;
  const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
  if (path === '/') {
    res.writeHead(200, { ...HEADERS, 'Content-Type': MIME['.html'] });
    return res.end(PAGE);
  }
  const mount = MOUNTS.find(([prefix]) => path.startsWith(prefix));
  const file = mount && (await inside(mount[1], path.slice(mount[0].length)));
  if (!file) {
    served.notFound.push(path);
    res.writeHead(404, { ...HEADERS, 'Content-Type': 'text/plain' });
    return res.end('not found\n');
  }
  res.writeHead(200, {
    ...HEADERS,
    'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
    'Content-Length': statSync(file).size,
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).on('error', () => res.destroy()).pipe(res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/`;

// ---------------------------------------------------------------------------------------------
// The job, run inside the page (this function is serialised: it may use only its argument).

async function jobInPage({ bundleName, source, names, loadSql, scoreSql }) {
  const duckdb = window.duckdb;
  const base = new URL('/duckdb/', location.href).href;
  const bundles = {
    mvp: { mainModule: `${base}duckdb-mvp.wasm`, mainWorker: `${base}duckdb-browser-mvp.worker.js` },
    eh: { mainModule: `${base}duckdb-eh.wasm`, mainWorker: `${base}duckdb-browser-eh.worker.js` },
    coi: {
      mainModule: `${base}duckdb-coi.wasm`,
      mainWorker: `${base}duckdb-browser-coi.worker.js`,
      pthreadWorker: `${base}duckdb-browser-coi.pthread.worker.js`,
    },
  };
  const bundle =
    bundleName === 'auto'
      ? await duckdb.selectBundle({ mvp: bundles.mvp, eh: bundles.eh })
      : { pthreadWorker: null, ...bundles[bundleName] };
  const chosen = Object.keys(bundles).find((k) => bundles[k].mainModule === bundle.mainModule);
  const sec = (a, b) => (b - a) / 1000;

  const tInit = performance.now();
  const worker = new Worker(bundle.mainWorker);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  await db.open({ query: { castBigIntToDouble: true } });
  const conn = await db.connect();
  // Never reach for extensions over the network (CSV reading is built in).
  for (const s of ['SET autoinstall_known_extensions = false', 'SET autoload_known_extensions = false']) {
    try {
      await conn.query(s);
    } catch {
      /* older builds lack the setting */
    }
  }
  const init = sec(tInit, performance.now());

  const t0 = performance.now();
  if (source === 'file') {
    for (const f of document.querySelector('#files').files) {
      await db.registerFileHandle(f.name, f, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    }
  } else {
    for (const name of names) {
      const bytes = new Uint8Array(await (await fetch(`/data/${name}`)).arrayBuffer());
      await db.registerFileBuffer(name, bytes);
    }
  }
  const t1 = performance.now();
  for (const sql of loadSql) await conn.query(sql);
  const t2 = performance.now();
  const result = await conn.query(scoreSql);
  const t3 = performance.now();

  const rows = (t) => t.toArray().map((r) => r.toJSON());
  const classes = Object.fromEntries(rows(result).map((r) => [r.class, r.enterprises]));
  const counted = rows(
    await conn.query(
      `SELECT ${names.map((n) => `(SELECT count(*) FROM ${n.replace(/\.csv$/, '')})`).join(' + ')} AS n`,
    ),
  )[0].n;
  const dbSize = rows(await conn.query('PRAGMA database_size'))[0] ?? {};
  let duckdbMemory = null;
  try {
    duckdbMemory = rows(await conn.query('SELECT sum(memory_usage_bytes) AS b FROM duckdb_memory()'))[0].b;
  } catch {
    /* duckdb_memory() not in this build */
  }
  const settings = rows(
    await conn.query("SELECT current_setting('memory_limit') AS memory_limit, current_setting('threads') AS threads"),
  )[0];
  const version = await db.getVersion();

  // Memory as the page sees it, measured after the clock stopped.
  let uaMemory = null;
  if (typeof performance.measureUserAgentSpecificMemory === 'function' && self.crossOriginIsolated) {
    try {
      uaMemory = await Promise.race([
        performance.measureUserAgentSpecificMemory().then((m) => m.bytes),
        new Promise((ok) => setTimeout(() => ok(null), 60000)),
      ]);
    } catch {
      uaMemory = null;
    }
  }
  const jsHeap = performance.memory?.usedJSHeapSize ?? null;
  await conn.close();
  await db.terminate();
  return {
    bundle: chosen,
    duckdb: version,
    init_s: init,
    register_s: sec(t0, t1),
    create_s: sec(t1, t2),
    load_s: sec(t0, t2),
    query_s: sec(t2, t3),
    total_s: sec(t0, t3),
    classes,
    rows: counted,
    duckdb_memory_mb: duckdbMemory === null ? null : duckdbMemory / 2 ** 20,
    database_size_memory: dbSize.memory_usage ?? null,
    memory_limit: settings.memory_limit,
    threads: settings.threads,
    ua_memory_mb: uaMemory === null ? null : uaMemory / 2 ** 20,
    js_heap_mb: jsHeap === null ? null : jsHeap / 2 ** 20,
  };
}

async function oneRun(i) {
  const profile = mkdtempSync(join(tmpdir(), 'cs-duckdb-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const offsite = [];
  // Anything not on our 127.0.0.1 server is refused and fails the run.
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.protocol === 'data:' || u.protocol === 'blob:' || u.host === new URL(url).host) return route.continue();
    offsite.push(u.href);
    return route.abort('blockedbyclient');
  });
  try {
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(url);
    await page
      .waitForFunction(() => document.body?.dataset.state === 'ready', null, { timeout: 60000 })
      .catch(() => {
        throw new Error(`the page did not load duckdb-wasm: ${pageErrors.join('; ') || 'timeout'}; 404: ${served.notFound.join(', ')}`);
      });
    if (opts.source === 'file') await page.setInputFiles('#files', files);
    const r = await page.evaluate(jobInPage, {
      bundleName: opts.bundle,
      source: opts.source,
      names: KINDS.map((k) => `${k}.csv`),
      loadSql: LOAD_SQL,
      scoreSql: SCORE_SQL,
    });
    const mem = chromiumPeakMemory(profile);
    if (offsite.length) throw new Error(`the page tried to reach beyond 127.0.0.1: ${offsite.join(', ')}`);
    if (served.notFound.length) throw new Error(`the page asked for missing files: ${served.notFound.join(', ')}`);
    const out = { ...r, renderer_peak_mb: mem.rendererPeakMB, browser_peak_mb: mem.browserPeakMB };
    console.error(`run ${i + 1}/${opts.runs}: ${JSON.stringify(out)}`);
    return out;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const fmt = (x, d = 2) => (x === null || x === undefined ? '–' : x.toFixed(d));
try {
  const runs = [];
  for (let i = 0; i < opts.runs; i++) runs.push(await oneRun(i));
  const best = runs.reduce((a, b) => (b.total_s < a.total_s ? b : a));
  const enterprises = Object.values(best.classes).reduce((a, b) => a + b, 0);
  const line = {
    engine: 'duckdb-wasm',
    duckdb_wasm: duckdbWasmVersion,
    dir: opts.dir,
    source: opts.source,
    as_of: opts.asOf,
    file_mb: fileMB,
    enterprises,
    ...best,
    enterprises_per_s: enterprises / best.total_s,
    runs_total_s: runs.map((r) => r.total_s),
    runs_renderer_peak_mb: runs.map((r) => r.renderer_peak_mb),
  };
  console.log(JSON.stringify(line));
  if (opts.header) {
    console.log('| engine | enterprises | rows | MB | load s | query s | total s | enterprises/s | renderer peak RSS MB | DuckDB memory MB |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  }
  console.log(
    `| DuckDB-WASM ${duckdbWasmVersion} (${best.bundle}, ${opts.source}) | ${enterprises} | ${best.rows} | ${fileMB.toFixed(1)} | ${fmt(best.load_s)} | ${fmt(best.query_s)} | ${fmt(best.total_s)} | ${(enterprises / best.total_s).toFixed(0)} | ${best.renderer_peak_mb ?? '–'} | ${fmt(best.duckdb_memory_mb, 0)} |`,
  );
} catch (err) {
  console.error(`duckdb-bench: ${err.message}`);
  process.exitCode = 1;
} finally {
  server.close();
}
