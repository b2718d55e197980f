// The single file (target/dist/credit-supervision.html, scripts/dist.mjs) opened by file:// in
// Debian's Chromium, as a clerk double-clicks it: no server. Runs the demo, cancels a run (from
// file:// the page is not cross-origin isolated: cancelling replaces the worker), loads files,
// opens an enterprise's details and downloads the results; the build without SIMD, forced with
// `?simd=0` and with SIMD really unavailable (V8 without SSE4.1 has no WebAssembly SIMD); and
// the message of a browser without WebAssembly or Workers — in the single file and in the
// served page. Any request that leaves the file (anything but file:, blob: and data:), any
// console error and any CSP violation fails. Screenshots: target/e2e/dist-*.png.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { REPO, RUN_TIMEOUT, SHOTS, harness, waitForRun } from './harness.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** V8 has no WebAssembly SIMD on a CPU without SSE4.1: this flag makes it behave so. */
const NO_SIMD = '--js-flags=--no-enable-sse4-1';
const TARGET = process.env.CARGO_TARGET_DIR ? join(REPO, process.env.CARGO_TARGET_DIR) : join(REPO, 'target');
const FILE = join(TARGET, 'dist', 'credit-supervision.html');
const FIXTURES = join(REPO, 'tests', 'e2e', 'fixtures');
const AS_OF = '2026-11-28';
const SIZE = 3000;

let browser;
let noSimdBrowser;
/** The results CSV of the demo as the SIMD build computes it in Node (pkg/). */
let expectedCsv;
const served = harness();

before(async () => {
  assert.ok(existsSync(FILE), `${FILE} is missing: run make dist (or node scripts/dist.mjs)`);
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  noSimdBrowser = await chromium.launch({ executablePath: CHROMIUM, args: [...ARGS, NO_SIMD] });
  const core = await import(pathToFileURL(join(REPO, 'pkg', 'credit_supervision.js')).href);
  core.initSync({ module: readFileSync(join(REPO, 'pkg', 'credit_supervision_bg.wasm')) });
  const ws = new core.Workspace();
  ws.generateDemo(SIZE, 'demo', AS_OF, null);
  ws.score(AS_OF, null);
  expectedCsv = Buffer.from(ws.resultsCsv());
  await served.start();
});

after(async () => {
  await browser?.close();
  await noSimdBrowser?.close();
  await served.stop();
});

/**
 * Opens the single file by file:// with `query`, collecting every problem: uncaught errors,
 * console errors (page and worker), CSP violations, failed requests and any request that is not
 * file:, blob: or data: (`url`: another page to open instead, served from `local`).
 */
async function openFile(query = '', { using = browser, init = null, ready = true, url = null, local = null } = {}) {
  const context = await using.newContext({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const problems = [];
  const requests = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('worker', (w) => w.on('console', (m) => {
    if (m.type() === 'error') problems.push(`worker console error: ${m.text()}`);
  }));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  context.on('request', (r) => {
    requests.push(r.url());
    if (!/^(file|blob|data):/.test(r.url()) && !(local && r.url().startsWith(local))) problems.push(`request leaving the file: ${r.url()}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  if (init) await context.addInitScript(init);
  await page.goto(url ?? `${pathToFileURL(FILE).href}${query}`);
  if (ready) {
    await page.waitForFunction(() => ['ready', 'error', 'unsupported'].includes(document.querySelector('#status').dataset.state));
    assert.equal(await page.locator('#status').getAttribute('data-state'), 'ready', `the engine did not load: ${problems.join('; ')}`);
  }
  return { page, context, problems, requests };
}

/** Runs the demo of SIZE enterprises and returns the results CSV downloaded. */
async function demoCsv(page) {
  await page.locator('#demo-size').fill(String(SIZE));
  await page.getByRole('button', { name: '生成示例数据并评分' }).click();
  await waitForRun(page);
  const total = Number((await page.locator('#total').textContent()).replaceAll(',', ''));
  assert.equal(total, SIZE);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#btn-results-csv').click()]);
  assert.equal(await download.failure(), null);
  return readFileSync(await download.path());
}

test('the single file: one self-contained HTML file, a strict CSP, and a zip with the same', () => {
  const html = readFileSync(FILE, 'utf8');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)?.[1];
  assert.ok(csp, 'no CSP <meta>');
  assert.match(csp, /default-src 'none'/);
  assert.doesNotMatch(csp, /https?:|\*|'unsafe-inline'|'unsafe-eval'|'self'/, `the CSP allows more than the file: ${csp}`);
  assert.match(csp, /worker-src blob:/);
  // No reference to another file, no module script.
  assert.deepEqual([...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]).filter((u) => !/^(#|data:)/.test(u)), []);
  assert.doesNotMatch(html, /<script[^>]*type="module"/);
  const zip = readFileSync(join(TARGET, 'dist', 'credit-supervision.zip'));
  assert.equal(zip.readUInt32LE(0), 0x04034b50, 'not a zip');
  assert.ok(zip.includes(Buffer.from('credit-supervision.html')), 'the zip lacks the file');
  console.log(`single file: ${statSync(FILE).size} bytes`);
});

test('file://: demo, cancel (the worker is replaced), files, details and the results CSV, nothing leaving the file', async () => {
  const { page, context, problems, requests } = await openFile(`?asOf=${AS_OF}&seed=demo`);
  try {
    assert.equal(await page.evaluate(() => globalThis.crossOriginIsolated), false);
    assert.equal(await page.locator('#engine-build').getAttribute('data-build'), 'simd');
    assert.match(await page.locator('#engine-build').textContent(), /SIMD 版/);

    // The demo, and its results byte for byte as the core computes them in Node.
    const csv = await demoCsv(page);
    assert.ok(csv.equals(expectedCsv), 'the single file and the package compute other results');
    await page.screenshot({ path: join(SHOTS, 'dist-demo.png'), fullPage: true });

    // Cancelling: not cross-origin isolated, so the worker is terminated and a new one started.
    await page.locator('#demo-size').fill('2000000');
    await page.locator('#btn-demo').click();
    await page.waitForFunction(() => document.querySelector('#progress').value > 0, null, { timeout: RUN_TIMEOUT });
    await page.locator('#btn-cancel').click();
    await page.waitForFunction(() => ['done', 'error', 'cancelled'].includes(document.querySelector('#status').dataset.state),
      null, { timeout: RUN_TIMEOUT });
    assert.equal(await page.locator('#status').getAttribute('data-state'), 'cancelled');
    assert.ok(await page.locator('#dist-card').isHidden(), 'a cancelled run shows no results');

    // Files, in the new worker.
    await page.locator('#file-input').setInputFiles(['registration.csv', 'penalty.csv'].map((n) => join(FIXTURES, n)));
    await page.getByRole('button', { name: '载入并评分' }).click();
    await waitForRun(page);
    const reg = page.locator('#load-report table.load-files tr[data-file="registration.csv"]');
    assert.equal((await reg.locator('td.accepted').textContent()).trim(), '5');
    assert.equal((await reg.locator('td.rejected').textContent()).trim(), '1');

    // An enterprise's details.
    const row = page.locator('#table tbody tr[data-uscc]').first();
    const uscc = await row.getAttribute('data-uscc');
    await row.click();
    await page.locator(`#detail[data-uscc="${uscc}"]`).waitFor();
    assert.equal((await page.locator('#detail-uscc').textContent()).trim(), uscc);
    await page.screenshot({ path: join(SHOTS, 'dist-detail.png'), fullPage: true });

    // The export of the files' results.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#btn-results-csv').click()]);
    const text = readFileSync(await download.path(), 'utf8');
    assert.ok(text.startsWith('\uFEFF统一社会信用代码,'), 'the results CSV starts with a BOM and the Chinese header');
    assert.ok(text.includes(uscc), 'the results CSV lacks the enterprise shown');

    assert.ok(requests.some((u) => u.startsWith('blob:')), 'the worker was not started from a blob');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('file:// with ?simd=0: the build without SIMD, named on the page, same results', async () => {
  const { page, context, problems } = await openFile(`?asOf=${AS_OF}&seed=demo&simd=0`);
  try {
    assert.equal(await page.locator('#engine-build').getAttribute('data-build'), 'baseline');
    assert.match(await page.locator('#engine-build').textContent(), /兼容版/);
    assert.ok((await demoCsv(page)).equals(expectedCsv), 'the build without SIMD computes other results');
    await page.locator('#lang').click();
    assert.match(await page.locator('#engine-build').textContent(), /compatibility build/);
    await page.screenshot({ path: join(SHOTS, 'dist-baseline.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('file:// where WebAssembly SIMD is unavailable: the page chooses the build without SIMD by itself', async () => {
  const { page, context, problems } = await openFile(`?asOf=${AS_OF}&seed=demo`, { using: noSimdBrowser });
  try {
    assert.equal(await page.evaluate(() => globalThis.creditSupervisionBoot.simd), false, `${NO_SIMD} did not switch SIMD off`);
    assert.equal(await page.locator('#engine-build').getAttribute('data-build'), 'baseline');
    assert.ok((await demoCsv(page)).equals(expectedCsv), 'the build without SIMD computes other results');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

for (const [what, init, missing] of [
  ['WebAssembly', () => { delete globalThis.WebAssembly; }, 'webassembly'],
  ['Web Workers', () => { delete globalThis.Worker; }, 'worker'],
]) {
  test(`file:// without ${what}: a clear message in Chinese and English, no blank page, no error`, async () => {
    const { page, context, problems } = await openFile('', { init, ready: false });
    try {
      await page.locator('#unsupported').waitFor({ state: 'visible' });
      assert.equal(await page.locator('#unsupported').getAttribute('data-missing'), missing);
      const text = await page.locator('#unsupported').textContent();
      assert.match(text, /无法运行/);
      assert.match(text, /Cannot run here/);
      assert.equal(await page.locator('#status').getAttribute('data-state'), 'unsupported');
      assert.ok(await page.locator('#btn-demo').isDisabled());
      await page.screenshot({ path: join(SHOTS, `dist-no-${missing}.png`) });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

test('served page: ?simd=0 loads pkg/baseline/ and says so, by default the SIMD build; without WebAssembly the message', async () => {
  for (const [query, build] of [['simd=0&', 'baseline'], ['', 'simd']]) {
    const url = `${served.baseUrl}?${query}asOf=${AS_OF}&size=500`;
    const { page, context, problems, requests } = await openFile('', { url, local: served.baseUrl });
    try {
      assert.equal(await page.locator('#engine-build').getAttribute('data-build'), build);
      await page.getByRole('button', { name: '生成示例数据并评分' }).click();
      await waitForRun(page);
      const wasm = requests.filter((u) => u.endsWith('.wasm')).map((u) => new URL(u).pathname);
      assert.deepEqual(wasm, [build === 'simd' ? '/pkg/credit_supervision_bg.wasm' : '/pkg/baseline/credit_supervision_bg.wasm']);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
  const { page, context, problems } = await openFile('', { url: served.baseUrl, local: served.baseUrl, init: () => { delete globalThis.WebAssembly; }, ready: false });
  try {
    await page.locator('#unsupported').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#unsupported').getAttribute('data-missing'), 'webassembly');
    assert.deepEqual(problems, []);
    await page.screenshot({ path: join(SHOTS, 'dist-served-no-webassembly.png') });
  } finally {
    await context.close();
  }
});
