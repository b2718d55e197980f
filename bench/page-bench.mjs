// Times loading and scoring the generated files through the page in headless Chromium:
// the files are chosen in the page's file input, read in chunks by the worker, scored, and
// the time from the click to "done" is reported, with the worker's wasm memory.
//
//   node bench/page-bench.mjs --size 1000000 --seed bench --as-of 2026-11-28 --dir bench-data [--variant csv|gbk]
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumPeakMemory } from './chromium-memory.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const size = Number(args.size ?? 1000000);
const seed = args.seed ?? 'bench';
const asOf = args['as-of'] ?? '2026-11-28';
const dir = resolve(args.dir ?? 'bench-data');
const variant = args.variant ?? 'csv';
const folder = join(dir, `${size}-${seed}-${asOf}${variant === 'csv' ? '' : `.${variant}`}`);
const files = readdirSync(folder).filter((f) => !f.startsWith('.')).map((f) => join(folder, f));

const server = spawn(process.execPath, [join(REPO, 'www', 'serve.mjs'), '--port', '0', '--root', REPO], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((ok) => {
  let out = '';
  server.stdout.on('data', (c) => {
    out += c;
    const m = out.match(/serving (http:\/\/127\.0\.0\.1:\d+\/)/);
    if (m) ok(m[1]);
  });
});
const profile = mkdtempSync(join(tmpdir(), 'cs-bench-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  // ?bench=1: the page publishes its timings and the wasm memory (www/app.js).
  await page.goto(`${url}?asOf=${asOf}&bench=1`);
  await page.waitForFunction(() => document.querySelector('#status').dataset.state === 'ready', null, { timeout: 120000 });
  await page.setInputFiles('#file-input', files);
  const t0 = Date.now();
  await page.click('#btn-load');
  await page.waitForFunction(
    () => ['done', 'error', 'cancelled'].includes(document.querySelector('#status').dataset.state),
    null,
    { timeout: 600000, polling: 100 },
  );
  const seconds = (Date.now() - t0) / 1000;
  const state = await page.locator('#status').getAttribute('data-state');
  const total = (await page.locator('#total').textContent()).trim();
  const memory = await page.evaluate(() => window.__csWasmMemoryBytes ?? null);
  const timings = await page.evaluate(() => window.__csTimings ?? null);
  // The page's renderer process (page + workers) at its peak, as bench/duckdb-bench.mjs reports it.
  const rendererPeakMB = chromiumPeakMemory(profile).rendererPeakMB;
  console.log(JSON.stringify({ variant, size, state, total, seconds, wasmMemoryMB: memory && memory / 2 ** 20, rendererPeakMB, timings }));
} finally {
  await browser.close();
  server.kill();
}
