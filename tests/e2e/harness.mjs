// What the page's end-to-end tests share: the static server on 127.0.0.1, Debian's Chromium
// through playwright-core, a page that fails the test on any error, CSP violation or request
// leaving the server, and waiting for a scoring run.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHOTS = join(REPO, 'target', 'e2e');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** Generous: a cold machine with 2 cores. */
export const RUN_TIMEOUT = 300_000;

/** Starts `node www/serve.mjs --port 0` and resolves with the child and its URL. */
function startServer() {
  return new Promise((resolveUrl, reject) => {
    const child = spawn(process.execPath, [join(REPO, 'www', 'serve.mjs'), '--port', '0', '--root', REPO], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/serving (http:\/\/127\.0\.0\.1:(\d+)\/)/);
      if (m) resolveUrl({ child, url: m[1] });
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('exit', (code) => reject(new Error(`serve.mjs exited with ${code}: ${err}`)));
    child.on('error', reject);
  });
}

/** The server and the browser of one test file: `start()` in `before`, `stop()` in `after`. */
export function harness() {
  let server;
  let baseUrl;
  let browser;
  const started = Date.now();
  return {
    /** The server's URL (after `start()`). */
    get baseUrl() {
      return baseUrl;
    },
    async start() {
      assert.ok(
        existsSync(join(REPO, 'pkg', 'credit_supervision.js')) && existsSync(join(REPO, 'pkg', 'credit_supervision_bg.wasm')),
        'pkg/ is missing: run `wasm-pack build --target web --release` first',
      );
      mkdirSync(SHOTS, { recursive: true });
      const started = await startServer();
      server = started.child;
      baseUrl = started.url;
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
          '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
    },
    async stop() {
      await browser?.close();
      // The screenshots of this file, named in the test output.
      const shots = existsSync(SHOTS)
        ? readdirSync(SHOTS).filter((f) => /\.(png|pdf)$/.test(f) && statSync(join(SHOTS, f)).mtimeMs >= started).sort()
        : [];
      if (shots.length) console.log(`screenshots (${SHOTS}): ${shots.join(', ')}`);
      if (server && server.exitCode === null) {
        const exited = new Promise((ok) => server.once('exit', ok));
        server.kill('SIGTERM');
        await exited;
      }
    },
    /**
     * Opens the page at `query`, collecting in `problems` every uncaught error, console error
     * (the page's and the worker's), CSP violation, failed request and request that leaves the
     * server; waits for the engine.
     */
    async openPage(query, { width = 1360, height = 900 } = {}) {
      const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', acceptDownloads: true });
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      const problems = await watchProblems(context, page, (url) => url.startsWith(baseUrl) || /^(blob|data):/.test(url), {
        leaving: 'external request',
      });
      await page.goto(new URL(query, baseUrl).href);
      await page.waitForFunction(() => ['ready', 'error'].includes(document.querySelector('#status').dataset.state));
      assert.equal(await page.locator('#status').getAttribute('data-state'), 'ready', 'the engine did not load');
      return { page, context, problems };
    },
  };
}

/**
 * Collects, in the list it returns, every uncaught error, console error (the page's and its
 * workers'), CSP violation (reported as a console error), failed request, and request whose URL
 * `allowed` refuses (named `leaving`); `onWorker` is called with each worker.
 */
export async function watchProblems(context, page, allowed, { leaving = 'request leaving the page', onWorker = null } = {}) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('worker', (w) => {
    w.on('console', (m) => {
      if (m.type() === 'error') problems.push(`worker console error: ${m.text()}`);
    });
    onWorker?.(w);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  context.on('request', (r) => {
    if (!allowed(r.url())) problems.push(`${leaving}: ${r.url()}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return problems;
}

/** Waits until the current scoring run ends, and asserts that it finished well. */
export async function waitForRun(page) {
  await page.waitForFunction(
    () => ['done', 'error', 'cancelled'].includes(document.querySelector('#status').dataset.state),
    null,
    { timeout: RUN_TIMEOUT },
  );
  assert.equal(await page.locator('#status').getAttribute('data-state'), 'done', await page.locator('#status-detail').textContent());
}

/** Clicks a download button and returns the file's name and text. */
export async function downloadText(page, locator) {
  const { readFileSync } = await import('node:fs');
  const [download] = await Promise.all([page.waitForEvent('download'), locator.click()]);
  assert.equal(await download.failure(), null);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

/**
 * Runs the native CLI (`cargo build --release` first: a no-op when the binary is up to date,
 * and it keeps the binary in step with src/) with `args`; asserts it succeeded and returns its
 * standard output.
 * @param {string[]} args
 */
export async function cli(args) {
  const { spawnSync } = await import('node:child_process');
  const targetDir = process.env.CARGO_TARGET_DIR ? resolve(REPO, process.env.CARGO_TARGET_DIR) : join(REPO, 'target');
  const bin = join(targetDir, 'release', 'credit-supervision');
  const build = spawnSync('cargo', ['build', '--release', '--locked', '--bin', 'credit-supervision'], {
    cwd: REPO,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  assert.equal(build.status, 0, 'cargo build --release failed');
  assert.ok(existsSync(bin), `${bin} is missing after cargo build`);
  const run = spawnSync(bin, args, { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, `the CLI failed: ${run.stderr}`);
  return run.stdout;
}
