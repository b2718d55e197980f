// The npm package as an integrator gets it: `make pkg` packs pkg/ into
// target/package/credit-supervision-<version>.tgz; this test installs that tarball into a
// fresh temporary folder with the examples (scripts/example-install.mjs: npm ci for Vite, esbuild,
// TypeScript and @types/node from examples/package-lock.json, then npm install <tarball>)
// and runs each example there:
//   - examples/node: CSV files from disk (a small district written by the native CLI) →
//     scored → results CSV; its classes, policy digest and draw digest must be the CLI's;
//   - CommonJS (require) and ESM give the same classes; loadFromDisk in small chunks gives the
//     same report as loadFile on the whole file; it cancels (signal, onProgress) and loads a
//     workbook whole;
//   - examples/vite: built with Vite, served from dist/ on 127.0.0.1, opened in headless
//     Chromium; the demo's class counts on the page must be the package's in Node;
//   - the worker page of the same build: progress arrives, cancel stops the worker's run with
//     code "cancelled" through the shared flag, and a new run completes with the same counts;
//   - examples/plain: a page with an import map and no bundler, served from the install folder;
//   - examples/esbuild: bundled by esbuild, init() given the .wasm's URL from its file loader;
//   - examples/typescript: tsc --strict with moduleResolution bundler, node16 and nodenext.
//
//   make test-package        (needs make pkg and make cli; network for npm install)
//   KEEP_EXAMPLES=1 …        keeps the temporary folder (its path is printed)

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';
import { REPO, installExamples } from '../../scripts/example-install.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TARGET = process.env.CARGO_TARGET_DIR ? resolve(REPO, process.env.CARGO_TARGET_DIR) : join(REPO, 'target');
const CLI = join(TARGET, 'release', 'credit-supervision');
const AS_OF = '2026-11-28';
const DISTRICT = 5000; // enterprises of the files the Node example loads
const PAGE_DEMO = 20000; // enterprises of the demo the pages generate
const DRAW_SEED = '2026 round 4'; // the seed examples/node/score-files.mjs draws with
const TIMEOUT = 300_000;

let work; // the temporary folder the examples are installed in
let data; // the district's CSV files
let server;
let baseUrl;
let browser;
let nodeCounts; // the demo's class counts in Node (PAGE_DEMO enterprises)

/** Runs `node` in the examples' folder; returns stdout, failing with stderr. */
function node(args, options = {}) {
  const r = spawnSync(process.execPath, args, { cwd: work, encoding: 'utf8', maxBuffer: 64 << 20, ...options });
  assert.equal(r.status, 0, `node ${args.join(' ')} failed (${r.status}):\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

/** Runs an ES module given as text inside the examples' folder (where the package is installed). */
function nodeModule(source) {
  return node(['--input-type=module', '-e', source]);
}

function cli(args) {
  return execFileSync(CLI, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
}

const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

/** Serves `root` on 127.0.0.1 (a free port), cross-origin isolated as vite.config.js asks. */
function serve(root) {
  const srv = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!path.startsWith(root + sep) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[extname(path)] ?? 'application/octet-stream',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    });
    createReadStream(path).pipe(res);
  });
  return new Promise((ok) => srv.listen(0, '127.0.0.1', () => ok(srv)));
}

/** A page of the built Vite app, with its console errors and failed requests collected. */
async function openPage(path) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  await page.goto(new URL(path, baseUrl).href);
  return { page, problems };
}

/** Serves `root` and starts Chromium (once). */
async function startBrowser(root) {
  server?.close();
  server = await serve(root);
  baseUrl = `http://127.0.0.1:${server.address().port}/`;
  browser ??= await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** The demo's class counts in Node, from the installed package. */
function demoCountsInNode(enterprises) {
  return JSON.parse(
    nodeModule(`
      import { Workspace } from 'credit-supervision';
      const ws = new Workspace();
      ws.generateDemo(${enterprises}, 'demo', '${AS_OF}');
      console.log(JSON.stringify(ws.score('${AS_OF}').counts));`),
  );
}

async function countsOn(page) {
  const counts = {};
  for (const c of ['A', 'B', 'C', 'D']) counts[c] = Number(await page.textContent(`#count-${c}`));
  return counts;
}

before(async () => {
  assert.ok(existsSync(CLI), `${CLI} is missing: run make cli`);
  const started = Date.now();
  work = installExamples();
  console.log(`# examples installed in ${work} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  data = join(work, 'data');
  cli(['generate', '--enterprises', String(DISTRICT), '--seed', 'package', '--as-of', AS_OF, '--out', data]);
});

after(async () => {
  await browser?.close();
  server?.close();
  if (work && !process.env.KEEP_EXAMPLES) rmSync(work, { recursive: true, force: true });
});

test('the installed package: its files, its exports map, the wasm bytes reachable', { timeout: TIMEOUT }, () => {
  const dir = join(work, 'node_modules', 'credit-supervision');
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const crate = readFileSync(join(REPO, 'Cargo.toml'), 'utf8').match(/^version = "(.*)"$/m)[1];
  assert.equal(manifest.version, crate, 'the package version is the crate version');
  for (const f of manifest.files) assert.ok(existsSync(join(dir, f)), `${f} is declared in files but not installed`);
  const readme = readFileSync(join(dir, 'README.md'), 'utf8');
  assert.match(readme, /npm install credit-supervision/, 'the integrator README is the package README');
  // The resolution each runtime sees, from the installed package.
  const resolved = JSON.parse(
    nodeModule(`
      import { createRequire } from 'node:module';
      const require = createRequire(process.cwd() + '/');
      console.log(JSON.stringify({
        import: import.meta.resolve('credit-supervision'),
        require: require.resolve('credit-supervision'),
        wasm: import.meta.resolve('credit-supervision/credit_supervision_bg.wasm'),
      }));`),
  );
  assert.match(resolved.import, /\/node_modules\/credit-supervision\/node\.mjs$/);
  assert.match(resolved.require, /\/node_modules\/credit-supervision\/credit_supervision\.cjs$/);
  assert.match(resolved.wasm, /\/credit_supervision_bg\.wasm$/);
});

test('examples/node: CSV files from disk → results CSV; the same classes and draw as the native CLI', { timeout: TIMEOUT }, () => {
  const out = join(work, 'results.csv');
  const stdout = node(['node/score-files.mjs', data, AS_OF, out]);
  const summary = JSON.parse(stdout.match(/^summary (.*)$/m)[1]);
  const native = JSON.parse(cli(['score', ...csvFiles(), '--as-of', AS_OF, '--summary-json', '-q']));
  assert.equal(summary.enterprises, DISTRICT);
  assert.deepEqual(summary.counts, native.counts);
  assert.equal(summary.policyDigest, native.policyDigest);
  const drawn = cli(['draw', ...csvFiles(), '--as-of', AS_OF, '--draw-seed', DRAW_SEED, '--ratio', '0.05', '-q']);
  assert.ok(drawn.includes(summary.drawDigest), `the CLI's draw has another digest than ${summary.drawDigest}:\n${drawn}`);
  // One line per enterprise after the header, UTF-8 with BOM; the same bytes as the CLI's.
  const csv = readFileSync(out);
  assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.equal(csv.toString('utf8').trimEnd().split('\n').length, DISTRICT + 1);
  const nativeCsv = join(work, 'results-native.csv');
  cli(['score', ...csvFiles(), '--as-of', AS_OF, '--out-csv', nativeCsv, '-q']);
  assert.ok(csv.equals(readFileSync(nativeCsv)), 'the results CSV differs from the CLI\'s');
  assert.ok(existsSync(join(work, 'results-draw.csv')));
  // The plan: the digest the CLI gives the same files, seed and cycle.
  const planDir = join(work, 'plan-native');
  cli(['plan', ...csvFiles(), '--as-of', AS_OF, '--plan-seed', '2027 inspection plan', '--cycle-start', '2027-01-01', '--out-dir', planDir, '-q']);
  const nativePlan = JSON.parse(readFileSync(join(planDir, 'plan.json'), 'utf8'));
  assert.equal(summary.planDigest, nativePlan.digest);
  assert.equal(JSON.parse(readFileSync(join(work, 'results-plan.json'), 'utf8')).digest, nativePlan.digest);
  assert.ok(readFileSync(join(planDir, 'public.csv')).equals(readFileSync(join(work, 'results-plan-public.csv'))), 'the public list differs from the CLI\'s');
});

/** The district's CSV files, as the CLI takes them. */
function csvFiles() {
  return readdirSync(data).filter((n) => n.endsWith('.csv')).sort().map((n) => join(data, n));
}

test('CommonJS: require() gives the same module and results as import', { timeout: TIMEOUT }, () => {
  const script = `
    const { Workspace, loadFromDisk, version } = require('credit-supervision');
    const { readdirSync } = require('node:fs');
    (async () => {
      const ws = new Workspace();
      for (const f of readdirSync(${JSON.stringify(data)}).filter((n) => n.endsWith('.csv')).sort()) {
        await loadFromDisk(ws, ${JSON.stringify(data)} + '/' + f);
      }
      console.log(JSON.stringify({ version: version(), counts: ws.score(${JSON.stringify(AS_OF)}).counts }));
    })().catch((e) => { console.error(e); process.exit(1); });`;
  const cjs = JSON.parse(node(['-e', script]));
  const native = JSON.parse(cli(['score', ...csvFiles(), '--as-of', AS_OF, '--summary-json', '-q']));
  assert.deepEqual(cjs.counts, native.counts);
  assert.match(cjs.version, /^\d+\.\d+\.\d+/);
});

test('loadFromDisk: small chunks = the whole file; progress; cancel by signal and by onProgress; a workbook whole', { timeout: TIMEOUT }, () => {
  const fixtures = join(REPO, 'tests', 'e2e', 'fixtures');
  const out = JSON.parse(
    nodeModule(`
      import { readFileSync } from 'node:fs';
      import { Workspace, loadFromDisk } from 'credit-supervision';
      const path = ${JSON.stringify(join(data, 'annual_report.csv'))};
      const whole = new Workspace().loadFile('annual_report.csv', readFileSync(path));
      const ws = new Workspace();
      const seen = [];
      const chunked = await loadFromDisk(ws, path, { chunkBytes: 65536, onProgress: (p) => { seen.push(p); } });
      const byProgress = new Workspace();
      let cancelledByProgress = null;
      try { await loadFromDisk(byProgress, path, { chunkBytes: 65536, onProgress: (p) => p.bytes < 200000 }); }
      catch (e) { cancelledByProgress = e.code; }
      const controller = new AbortController();
      let cancelledBySignal = null;
      try { await loadFromDisk(new Workspace(), path, { chunkBytes: 65536, signal: controller.signal, onProgress: (p) => { if (p.bytes > 100000) controller.abort(); } }); }
      catch (e) { cancelledBySignal = e.code; }
      let badChunk = null;
      try { await loadFromDisk(new Workspace(), path, { chunkBytes: 10 }); } catch (e) { badChunk = e.code; }
      let missing = null;
      try { await loadFromDisk(new Workspace(), path + '.missing'); } catch (e) { missing = e.code; }
      const book = await loadFromDisk(new Workspace(), ${JSON.stringify(join(fixtures, 'penalty.xlsx'))});
      const bookWhole = new Workspace().loadFile('penalty.xlsx', readFileSync(${JSON.stringify(join(fixtures, 'penalty.xlsx'))}));
      console.log(JSON.stringify({ whole, chunked, seen, cancelledByProgress, cancelledBySignal, badChunk, missing, book, bookWhole,
        size: readFileSync(path).length, rowsAfterCancel: byProgress.counts().records }));`),
  );
  assert.equal(out.chunked.length, 1);
  assert.deepEqual(out.chunked[0], out.whole[0], 'loading in 64 KiB chunks must give the report of the whole file');
  assert.ok(out.seen.length > out.size / 65536, `progress once per chunk (${out.seen.length} calls)`);
  const last = out.seen.at(-1);
  assert.equal(last.bytes, out.size);
  assert.equal(last.fraction, 1);
  assert.equal(last.rows, out.whole[0].rowsRead);
  for (let i = 1; i < out.seen.length; i++) assert.ok(out.seen[i].bytes >= out.seen[i - 1].bytes, 'bytes never go back');
  assert.equal(out.cancelledByProgress, 'cancelled');
  assert.equal(out.cancelledBySignal, 'cancelled');
  assert.ok(out.rowsAfterCancel > 0 && out.rowsAfterCancel < out.whole[0].rowsRead, 'a cancelled file stops part-way');
  assert.equal(out.badChunk, 'argument');
  assert.equal(out.missing, 'ENOENT');
  assert.equal(out.book[0].format, 'xlsx');
  assert.deepEqual(out.book, out.bookWhole);
});

test('examples/vite: the built app in headless Chromium scores the demo as Node does', { timeout: TIMEOUT }, async () => {
  execFileSync(join(work, 'node_modules', '.bin', 'vite'), ['build', 'vite', '--logLevel', 'warn'], { cwd: work, stdio: 'inherit' });
  const dist = join(work, 'vite', 'dist');
  assert.ok(readFileSync(join(dist, 'index.html'), 'utf8').includes('<script type="module"'));
  await startBrowser(dist);
  nodeCounts = demoCountsInNode(PAGE_DEMO);
  const { page, problems } = await openPage(`index.html?size=${PAGE_DEMO}`);
  await page.waitForSelector('#run:not([disabled])', { timeout: 60_000 });
  await page.click('#run');
  await page.waitForFunction(() => /^(done|failed)/.test(document.getElementById('status').textContent), null, { timeout: 120_000 });
  assert.equal(await page.textContent('#status'), 'done');
  assert.deepEqual(await countsOn(page), nodeCounts);
  assert.match(await page.textContent('#riskiest'), /class D/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('examples/vite worker page: progress, cancel through the shared flag, then a complete run', { timeout: TIMEOUT }, async () => {
  assert.ok(browser && nodeCounts, 'needs the Vite build of the previous test');
  const { page, problems } = await openPage('worker.html?size=1000000');
  assert.equal(await page.evaluate(() => crossOriginIsolated), true, 'the page is cross-origin isolated');
  await page.click('#start');
  await page.waitForFunction(() => Number(document.body.dataset.progressEvents ?? 0) >= 3, null, { timeout: 60_000 });
  await page.click('#cancel');
  await page.waitForFunction(() => /^(cancelled|done|failed)/.test(document.getElementById('status').textContent), null, { timeout: 60_000 });
  // Cancelled by the core at its next progress call (the flag), not by terminating the worker
  // (whose message says so).
  assert.equal(await page.textContent('#status'), 'cancelled: cancelled');
  for (const c of ['A', 'B', 'C', 'D']) assert.equal(await page.textContent(`#count-${c}`), '');

  await page.fill('#size', String(PAGE_DEMO));
  await page.click('#start');
  await page.waitForFunction(() => /^(cancelled|done|failed)/.test(document.getElementById('status').textContent), null, { timeout: 120_000 });
  assert.equal(await page.textContent('#status'), 'done');
  assert.deepEqual(await countsOn(page), nodeCounts);
  const events = Number(await page.evaluate(() => document.body.dataset.progressEvents));
  assert.ok(events >= 20, `progress reported while generating and scoring (${events} events)`);
  assert.equal(await page.getAttribute('#bar', 'value'), '1');
  assert.deepEqual(problems, []);
  await page.close();
});

test('examples/plain: a page without a bundler (an import map) scores the demo as Node does', { timeout: TIMEOUT }, async () => {
  await startBrowser(work); // the examples' folder, node_modules included
  const { page, problems } = await openPage('plain/index.html');
  await page.waitForFunction(() => document.getElementById('status').textContent === 'done', null, { timeout: 60_000 });
  const text = await page.textContent('#out');
  assert.deepEqual(JSON.parse(text.slice(text.indexOf('{'))), demoCountsInNode(2000));
  assert.deepEqual(problems, []);
  await page.close();
});

test('examples/esbuild: bundled by esbuild (the .wasm by its file loader), it scores the demo as Node does', { timeout: TIMEOUT }, async () => {
  const esbuild = join(work, 'node_modules', '.bin', 'esbuild');
  execFileSync(esbuild, ['esbuild/main.js', '--bundle', '--format=esm', '--loader:.wasm=file', '--outdir=esbuild/dist', '--log-level=warning'], { cwd: work, stdio: 'inherit' });
  assert.ok(readdirSync(join(work, 'esbuild', 'dist')).some((f) => f.endsWith('.wasm')), 'esbuild copied the .wasm');
  await startBrowser(work);
  const { page, problems } = await openPage('esbuild/index.html');
  await page.waitForFunction(() => document.getElementById('status').textContent === 'done', null, { timeout: 60_000 });
  assert.deepEqual(JSON.parse(await page.textContent('#out')), demoCountsInNode(2000));
  assert.deepEqual(problems, []);
  await page.close();
});

test('examples/typescript: tsc --strict against the installed package (bundler, node16, nodenext)', { timeout: TIMEOUT }, () => {
  const tsc = join(work, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const config of ['bundler', 'node16', 'nodenext']) {
    const r = spawnSync(process.execPath, [tsc, '-p', join('typescript', `tsconfig.${config}.json`)], { cwd: work, encoding: 'utf8' });
    assert.equal(r.status, 0, `tsc (${config}) failed:\n${r.stdout}${r.stderr}`);
  }
});
