// The compatibility file (target/dist/credit-supervision-compat.html, scripts/dist.mjs) for the
// Chromium cores older than 97 on bureau PCs (360 Secure Browser on 78 and 86), and the normal
// file's message where its CSP blocks WebAssembly in such a browser.
//
// Static: the file's shape (CSP with 'unsafe-eval' and nothing wider, only the baseline build,
// <html data-single-file="compat">, both files in the zip); its boot, page and worker scripts need
// no syntax beyond COMPAT_BROWSERS (esbuild lowers nothing more when asked to: its output for
// that target equals its output for esnext) and use none of NEWER_APIS
// (scripts/dist/compat-target.mjs) unguarded or unfilled; www/boot.js stays ES5; the embedded
// .wasm (the legacy build) validates with Chromium 78's WebAssembly features (so 86's too), and
// its only i64 at the JS boundary (Chromium 85) are the glue's two i64 → BigInt conversions.
//
// In Debian's Chromium, by file://: the compatibility file runs the demo on the baseline build,
// says so in its footer, and gives the same class counts and results CSV (byte for byte) as the
// normal file; nothing leaves the file. An old browser is simulated twice: the normal file with
// 'wasm-unsafe-eval' taken out of its CSP (Chromium < 97 knows no such source, so there the CSP
// blocks WebAssembly exactly so) must name the compatibility file in Chinese and English — so
// must the served page under the same CSP — and never go blank; the compatibility file in a
// browser like Chromium 78–84 (no reference types, and WebAssembly that throws where an i64
// crosses to JS) must run the demo all the same and compute the same results; in a browser
// without bulk memory (before Chromium 75) it must say its WebAssembly is too old. Screenshots:
// target/e2e/compat-*.png.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transform } from 'esbuild';
import { chromium } from 'playwright-core';
import { REPO, SHOTS, harness, waitForRun, watchProblems } from './harness.mjs';
import { COMPAT_BROWSERS, NEWER_APIS } from '../../scripts/dist/compat-target.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TARGET = process.env.CARGO_TARGET_DIR ? join(REPO, process.env.CARGO_TARGET_DIR) : join(REPO, 'target');
const DIST = join(TARGET, 'dist');
const FILE = join(DIST, 'credit-supervision.html');
const COMPAT = join(DIST, 'credit-supervision-compat.html');
const COMPAT_NAME = 'credit-supervision-compat.html';
const WASM_OPT = join(REPO, 'node_modules', '.bin', 'wasm-opt');
const AS_OF = '2026-11-28';
const SIZE = 3000;
/**
 * binaryen's names of the WebAssembly features each Chromium has, beyond the MVP (and beyond what
 * the core could use at all: no SIMD in the baseline build). Chromium 78: mutable globals (74),
 * sign extension (74), non-trapping float-to-int (75), bulk memory (75; binaryen names its
 * memory.copy/fill `bulk-memory-opt`); 85 adds multi-value; 96 adds reference types.
 */
const WASM_FEATURES = {
  78: ['mutable-globals', 'sign-ext', 'nontrapping-float-to-int', 'bulk-memory', 'bulk-memory-opt'],
  86: ['mutable-globals', 'sign-ext', 'nontrapping-float-to-int', 'bulk-memory', 'bulk-memory-opt', 'multivalue'],
  96: ['mutable-globals', 'sign-ext', 'nontrapping-float-to-int', 'bulk-memory', 'bulk-memory-opt', 'multivalue', 'reference-types', 'call-indirect-overlong'],
};

let browser;
let scratch;
const served = harness();

before(async () => {
  for (const f of [FILE, COMPAT]) assert.ok(existsSync(f), `${f} is missing: run make dist (or node scripts/dist.mjs)`);
  mkdirSync(SHOTS, { recursive: true });
  scratch = mkdtempSync(join(tmpdir(), 'cs-compat-'));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  await served.start();
});

after(async () => {
  await browser?.close();
  await served.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** The inline scripts of a single file: boot.js, the worker's bundle, the page's bundle. */
function scripts(html) {
  const all = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({ attrs: m[1], text: m[2] }));
  assert.equal(all.length, 3, 'a single file has three scripts');
  assert.match(all[1].attrs, /id="cs-worker"/);
  return { boot: all[0].text, worker: all[1].text, app: all[2].text };
}

const cspOf = (html) => html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)?.[1];

/** Whether esbuild would still lower anything in `code` for COMPAT_BROWSERS. */
async function needsLowering(code) {
  const as = async (target) => (await transform(code, { target, charset: 'utf8', logLevel: 'silent' })).code;
  return (await as('esnext')) !== (await as(COMPAT_BROWSERS));
}

/** How often `pattern` occurs in `code`. */
const occurrences = (code, pattern) => (pattern ? code.match(new RegExp(pattern.source, 'g'))?.length ?? 0 : 0);

/** The NEWER_APIS that `code` uses, unfilled, more often than it checks for them. */
function newerApis(code) {
  const found = [];
  for (const a of NEWER_APIS) {
    if (a.polyfilled) continue;
    const n = occurrences(code, a.pattern) - occurrences(code, a.guarded);
    if (n > 0) found.push(`${a.api} (Chromium ${a.chromium}): ${n} use(s)`);
  }
  return found;
}

test('the compatibility file: its CSP, only the baseline build, its mark, and both files in the zip', () => {
  const html = readFileSync(COMPAT, 'utf8');
  const csp = cspOf(html);
  assert.ok(csp, 'no CSP <meta>');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /worker-src blob:/);
  // Scripts only by hash, WebAssembly through 'unsafe-eval' (Chromium < 97), nothing else.
  assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/=]+' 'sha256-[A-Za-z0-9+/=]+' 'unsafe-eval'(;|$)/);
  assert.doesNotMatch(csp, /https?:|\*|'unsafe-inline'|'self'|'wasm-unsafe-eval'/, `the CSP allows more than the file: ${csp}`);
  assert.match(html, /<html lang="zh-CN" data-single-file="compat">/);
  const { worker } = scripts(html);
  const simd = readFileSync(join(REPO, 'pkg', 'credit_supervision_bg.wasm')).toString('base64');
  const baseline = readFileSync(join(REPO, 'pkg', 'baseline', 'credit_supervision_bg.wasm')).toString('base64');
  assert.ok(worker.includes(baseline), 'the compatibility file lacks the baseline build');
  assert.ok(!worker.includes(simd.slice(simd.length >> 1, (simd.length >> 1) + 4000)), 'the compatibility file carries the SIMD build');
  assert.deepEqual([...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]).filter((u) => !/^(#|data:)/.test(u)), []);
  // The normal file keeps its strict CSP.
  assert.doesNotMatch(cspOf(readFileSync(FILE, 'utf8')), /'unsafe-eval'/);
  const zip = readFileSync(join(DIST, 'credit-supervision.zip'));
  for (const name of ['credit-supervision.html', COMPAT_NAME]) assert.ok(zip.includes(Buffer.from(name)), `the zip lacks ${name}`);
});

test(`the compatibility file's scripts need no syntax beyond ${COMPAT_BROWSERS.join(', ')} and no newer API`, async () => {
  const { boot, worker, app } = scripts(readFileSync(COMPAT, 'utf8'));
  // The checks find what they are for: the normal file's page bundle (Chromium 97) needs
  // lowering, and the patterns catch the uses www/ had.
  assert.equal(await needsLowering('a?.b ?? c'), true);
  assert.equal(await needsLowering(scripts(readFileSync(FILE, 'utf8')).app), true, 'the syntax check cannot tell');
  assert.equal(newerApis("v[keys.at(-1)] = x; const id = p.replaceAll('.', '-');").length, 2);
  assert.equal(newerApis("if (Symbol.dispose) Workspace.prototype[Symbol.dispose] = Workspace.prototype.free;").length, 0);

  for (const [what, code] of [['boot.js', boot], ['the page', app], ['the worker', worker]]) {
    assert.equal(await needsLowering(code), false, `${what} uses syntax newer than ${COMPAT_BROWSERS.join(', ')}`);
    assert.deepEqual(newerApis(code), [], `${what} uses APIs newer than Chromium 78`);
  }
  // What is filled in is filled in before the page's code runs.
  for (const a of NEWER_APIS.filter((x) => x.polyfilled)) {
    const name = a.api.split('.').at(-1);
    assert.ok(app.indexOf(`'${name}'`) >= 0 && app.indexOf(`'${name}'`) < app.search(a.pattern), `${a.api} is used before it is filled in`);
  }
  // www/boot.js stays ES5 (it must run, and say why not, in any browser).
  await assert.doesNotReject(transform(readFileSync(join(REPO, 'www', 'boot.js'), 'utf8'), { target: 'es5', logLevel: 'silent' }),
    'www/boot.js is no longer ES5');
});

/** The .wasm the compatibility file carries, written to the scratch folder. */
function embeddedWasm() {
  const { worker } = scripts(readFileSync(COMPAT, 'utf8'));
  // The virtual module cs:embedded: { baseline: "…base64…" } (a regular expression over 6 MB
  // would overflow the stack).
  const key = worker.search(/\bbaseline"?:\s*"AGFzbQ/);
  assert.ok(key >= 0, 'no embedded baseline build found');
  const start = worker.indexOf('"', key + 'baseline'.length + 1) + 1;
  const b64 = worker.slice(start, worker.indexOf('"', start));
  assert.match(b64.slice(0, 100), /^[A-Za-z0-9+/]+$/);
  const path = join(scratch, 'compat.wasm');
  writeFileSync(path, Buffer.from(b64, 'base64'));
  // binaryen enables what a module's target-features section lists: strip any first (the
  // legacy build has none: scripts/build-baseline.sh strips it).
  if (!Buffer.from(b64, 'base64').includes('target_features')) return path;
  const features = spawnSync(WASM_OPT, [path, '--print-features', '-o', '/dev/null'], { encoding: 'utf8' });
  assert.equal(features.status, 0, features.stderr);
  const stripped = join(scratch, 'compat-stripped.wasm');
  const strip = spawnSync(WASM_OPT, [path, '--strip-target-features', ...features.stdout.split(/\s+/).filter(Boolean), '-o', stripped], { encoding: 'utf8' });
  assert.equal(strip.status, 0, strip.stderr);
  return stripped;
}

/** binaryen's validation of `wasm` with only the features of Chromium `version`: its errors. */
function validateFor(wasm, version) {
  const flags = ['--mvp-features', ...WASM_FEATURES[version].map((f) => `--enable-${f}`)];
  const r = spawnSync(WASM_OPT, [wasm, ...flags, '-o', '/dev/null'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const errors = [...new Set([...r.stderr.matchAll(/unexpected false: ([^,\n]*)/g)].map((m) => m[1]))];
  return { ok: r.status === 0 && errors.length === 0, errors, status: r.status };
}

/**
 * Imports and exports of `wasm` (a path) whose signature has an i64 (a BigInt in JS: Chromium
 * 85), from its type, import, function and export sections: ['import <name>', 'export <name>'].
 */
function i64AtBoundary(wasm) {
  const b = readFileSync(wasm);
  let at = 8;
  const u32 = () => {
    let v = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = b[at++];
      v += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return v;
    }
  };
  const name = () => {
    const n = u32();
    at += n;
    return b.toString('utf8', at - n, at);
  };
  const types = [];
  const funcs = []; // type index of every function, imports first
  const found = [];
  while (at < b.length) {
    const id = b[at++];
    const size = u32();
    const end = at + size;
    if (id === 1) {
      for (let n = u32(); n > 0; n--) {
        assert.equal(b[at++], 0x60, 'a function type');
        const params = [];
        for (let k = u32(); k > 0; k--) params.push(b[at++]);
        const results = [];
        for (let k = u32(); k > 0; k--) results.push(b[at++]);
        types.push([...params, ...results].includes(0x7e));
      }
    } else if (id === 2) {
      for (let n = u32(); n > 0; n--) {
        name();
        const field = name();
        const kind = b[at++];
        if (kind === 0) {
          const t = u32();
          funcs.push(t);
          if (types[t]) found.push(`import ${field}`);
        } else if (kind === 1) { at++; const flags = u32(); u32(); if (flags & 1) u32(); } // table
        else if (kind === 2) { const flags = u32(); u32(); if (flags & 1) u32(); } // memory
        else if (kind === 3) at += 2; // global
        else assert.fail(`import kind ${kind}`);
      }
    } else if (id === 3) {
      for (let n = u32(); n > 0; n--) funcs.push(u32());
    } else if (id === 7) {
      for (let n = u32(); n > 0; n--) {
        const field = name();
        const kind = b[at++];
        const index = u32();
        if (kind === 0 && types[funcs[index]]) found.push(`export ${field}`);
      }
    }
    at = end;
  }
  return found;
}

/** The i64 imports of the compatibility file's .wasm (computed once). @type {string[] | null} */
let i64Imports = null;

let stripped = null;

test('the compatibility build needs no WebAssembly beyond Chromium 96 (reference types, multi-value)', () => {
  stripped ??= embeddedWasm();
  const r = validateFor(stripped, 96);
  assert.ok(r.ok, `the embedded .wasm needs more than Chromium 96's WebAssembly: ${r.errors.join('; ')} (status ${r.status})`);
});

test('the compatibility build validates on Chromium 78 and 86 (no reference types, no multi-value); its only i64 at the JS boundary are the glue\'s two i64 → BigInt conversions', () => {
  stripped ??= embeddedWasm();
  for (const version of [78, 86]) {
    const r = validateFor(stripped, version);
    assert.ok(r.ok, `needs WebAssembly newer than Chromium ${version}: ${r.errors.join('; ')} (status ${r.status})`);
  }
  // Chromium 85 lets an i64 cross to JS (as a BigInt); 78–84 throw a TypeError where it does.
  // Here only two imports, the glue's conversions of an i64 and a u64 to a JS value: reached
  // only through serde-wasm-bindgen's BigInt mode, which the crate never turns on (README); the
  // test below runs the page with both made to throw.
  const i64 = i64AtBoundary(stripped);
  assert.equal(i64.filter((f) => f.startsWith('export')).length, 0, `exports with an i64: ${i64.join(', ')}`);
  assert.equal(i64.length, 2, `i64 at the JS boundary: ${i64.join(', ')}`);
  // In the glue as wasm-bindgen wrote it (the bundle drops its comments): the two conversions.
  const glue = readFileSync(join(REPO, 'pkg', 'baseline', 'credit_supervision.js'), 'utf8');
  for (const f of i64) {
    const name = f.replace(/^import /, '');
    const at = glue.indexOf(`${name}: function`);
    assert.ok(at >= 0, `${name} is not in the glue`);
    assert.match(glue.slice(at, at + 200), /Cast intrinsic for `[IU]64 -> Externref`/);
  }
});

/**
 * Opens `url` in a fresh context, collecting every problem: uncaught errors, console errors
 * (page and worker), CSP violations (as console errors), failed requests and any request that
 * is not file:, blob:, data: or to `local`.
 */
async function open(url, { init = null, ready = true, local = null, onWorker = null } = {}) {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const problems = await watchProblems(context, page, (url) => /^(file|blob|data):/.test(url) || Boolean(local && url.startsWith(local)), {
    leaving: 'request leaving the file',
    onWorker,
  });
  if (init) await context.addInitScript(init);
  await page.goto(url);
  if (ready) {
    await page.waitForFunction(() => ['ready', 'error', 'unsupported'].includes(document.querySelector('#status').dataset.state));
    assert.equal(await page.locator('#status').getAttribute('data-state'), 'ready', `the engine did not load: ${problems.join('; ')}`);
  }
  return { page, context, problems };
}

/** Runs the demo and returns what it showed and exported: class counts, policy digest, results CSV. */
async function demo(page) {
  await page.locator('#demo-size').fill(String(SIZE));
  await page.getByRole('button', { name: '生成示例数据并评分' }).click();
  await waitForRun(page);
  const counts = {};
  for (const c of ['A', 'B', 'C', 'D']) counts[c] = (await page.locator(`#count-${c}`).textContent()).trim();
  const total = (await page.locator('#total').textContent()).trim();
  const digest = (await page.locator('#policy-digest').textContent()).trim();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#btn-results-csv').click()]);
  assert.equal(await download.failure(), null);
  return { total, counts, digest, csv: readFileSync(await download.path()) };
}

test('file://: the compatibility file runs the demo on the baseline build, says so, and computes what the normal file does', async () => {
  const query = `?asOf=${AS_OF}&seed=demo`;
  const normal = await open(`${pathToFileURL(FILE).href}${query}`);
  let expected;
  try {
    assert.equal(await normal.page.locator('#engine-build').getAttribute('data-build'), 'simd');
    expected = await demo(normal.page);
    assert.deepEqual(normal.problems, []);
  } finally {
    await normal.context.close();
  }

  const { page, context, problems } = await open(`${pathToFileURL(COMPAT).href}${query}`);
  try {
    // The browser has SIMD, but the file carries only the build without it.
    assert.equal(await page.evaluate(() => globalThis.creditSupervisionBoot.simd), true);
    const note = page.locator('#engine-build');
    assert.equal(await note.getAttribute('data-build'), 'baseline');
    assert.equal(await note.getAttribute('data-file'), 'compat');
    assert.match(await note.textContent(), /兼容版文件/);
    const got = await demo(page);
    assert.equal(got.total, String(SIZE).replace(/\B(?=(\d{3})+$)/g, ','));
    assert.deepEqual({ ...got, csv: null }, { ...expected, csv: null }, 'other class counts or policy digest than the normal file');
    assert.ok(got.csv.equals(expected.csv), 'the compatibility file computes other results than the normal file');
    // The table and an enterprise's details (the polyfilled replaceChildren is used throughout).
    const row = page.locator('#table tbody tr[data-uscc]').first();
    const uscc = await row.getAttribute('data-uscc');
    await row.click();
    await page.locator(`#detail[data-uscc="${uscc}"]`).waitFor();
    await page.screenshot({ path: join(SHOTS, 'compat-demo.png'), fullPage: true });
    await page.locator('#lang').click();
    assert.match(await note.textContent(), /Compatibility file/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

/** The paragraphs naming the compatibility file, by language, in the unsupported message. */
async function compatAdvice(page) {
  const out = {};
  for (const lang of ['zh-CN', 'en']) {
    out[lang] = (await page.locator(`#unsupported p[data-advice="compat"][lang="${lang}"]`).allTextContents()).join(' ');
  }
  return out;
}

/** Only CSP violations of script-src (the blocked WebAssembly) and the error V8 logs for it. */
function onlyWasmBlocked(problems) {
  const csp = problems.filter((p) => /CSP violation: script-src/.test(p));
  assert.ok(csp.length > 0, `the CSP did not block WebAssembly: the simulation proves nothing (${problems.join('; ')})`);
  return problems.filter((p) => !/CSP violation: script-src|WebAssembly|Content Security Policy|unsafe-eval/i.test(p));
}

test('the normal file where its CSP blocks WebAssembly (Chromium < 97): names the compatibility file in Chinese and English', async () => {
  // As Chromium < 97 reads the file's CSP: 'wasm-unsafe-eval' means nothing to it. Taking the
  // source out blocks WebAssembly here just as there (the scripts' hashes do not change).
  const html = readFileSync(FILE, 'utf8');
  const csp = cspOf(html);
  assert.match(csp, / 'wasm-unsafe-eval'/);
  const old = join(scratch, 'credit-supervision.html');
  writeFileSync(old, html.replace(csp, csp.replace(" 'wasm-unsafe-eval'", '')));
  const { page, context, problems } = await open(pathToFileURL(old).href, { ready: false });
  try {
    await page.locator('#unsupported').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#unsupported').getAttribute('data-missing'), 'webassembly-csp');
    const advice = await compatAdvice(page);
    assert.match(advice['zh-CN'], new RegExp(`兼容版文件 ${COMPAT_NAME.replace('.', '\\.')}`));
    assert.match(advice.en, new RegExp(`compatibility file ${COMPAT_NAME.replace('.', '\\.')}`));
    const text = await page.locator('#unsupported').textContent();
    assert.match(text, /无法运行/);
    assert.match(text, /Cannot run here/);
    assert.match(text, /Chromium 97/);
    assert.equal(await page.locator('#status').getAttribute('data-state'), 'unsupported');
    assert.ok(await page.locator('#btn-demo').isDisabled());
    await page.screenshot({ path: join(SHOTS, 'compat-csp-blocked.png') });
    assert.deepEqual(onlyWasmBlocked(problems), []);
  } finally {
    await context.close();
  }
});

test('the served page where its CSP blocks WebAssembly: points to the single compatibility file', async () => {
  const { page, context, problems } = await open('about:blank', { ready: false, local: served.baseUrl });
  try {
    // The served page's policy (header and <meta>) without 'wasm-unsafe-eval', as Chromium < 97 reads it.
    await page.route(served.baseUrl, async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      for (const k of Object.keys(headers)) if (k.toLowerCase() === 'content-security-policy') headers[k] = headers[k].replace(" 'wasm-unsafe-eval'", '');
      const body = (await response.text()).replace(" 'wasm-unsafe-eval'", '');
      await route.fulfill({ response, headers, body });
    });
    await page.goto(served.baseUrl);
    await page.locator('#unsupported').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#unsupported').getAttribute('data-missing'), 'webassembly-csp');
    const advice = await compatAdvice(page);
    assert.match(advice['zh-CN'], new RegExp(`单文件兼容版 ${COMPAT_NAME.replace('.', '\\.')}`));
    assert.match(advice.en, new RegExp(`single compatibility file ${COMPAT_NAME.replace('.', '\\.')}`));
    await page.screenshot({ path: join(SHOTS, 'compat-served-csp-blocked.png') });
    assert.deepEqual(onlyWasmBlocked(problems), []);
  } finally {
    await context.close();
  }
});

/**
 * What the worker's bundle runs first in the simulation of Chromium 78–84: every import of the
 * .wasm with an i64 in its signature (`names`: the glue's two conversions of an i64 to a JS
 * value, a BigInt) throws a TypeError, as WebAssembly there
 * does where an i64 crosses to JS, and says so on the console (an error: the test fails) —
 * and the worker reports how many it replaced.
 */
const stubI64 = (names) => `(() => {
  const names = ${JSON.stringify(names)};
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = (source, imports) => {
    const stubbed = [];
    for (const ns of Object.values(imports || {})) {
      for (const name of Object.keys(ns)) {
        if (typeof ns[name] === 'function' && names.includes(name)) {
          stubbed.push(name);
          ns[name] = () => {
            console.error('i64 at the JS boundary: ' + name);
            throw new TypeError('wasm function signature contains illegal type (i64): ' + name);
          };
        }
      }
    }
    console.info('i64 stubs: ' + stubbed.length);
    return instantiate.call(WebAssembly, source, imports);
  };
})();
`;

test('the compatibility file like Chromium 78–84 (no reference types; an i64 crossing to JS throws): runs the demo and computes what the normal file does', async () => {
  const query = `?asOf=${AS_OF}&seed=demo`;
  const normal = await open(`${pathToFileURL(FILE).href}${query}`);
  let expected;
  try {
    expected = await demo(normal.page);
  } finally {
    await normal.context.close();
  }
  const html = readFileSync(COMPAT, 'utf8');
  const tag = '<script id="cs-worker" type="text/plain">';
  assert.equal(html.split(tag).length, 2);
  const path = join(scratch, COMPAT_NAME);
  i64Imports ??= i64AtBoundary(stripped ??= embeddedWasm()).map((f) => f.replace(/^import /, ''));
  writeFileSync(path, html.replace(tag, () => tag + stubI64(i64Imports)));
  // Such a browser's WebAssembly.validate refuses an externref type; this one is made to.
  const init = () => {
    const validate = WebAssembly.validate;
    WebAssembly.validate = (bytes) => (bytes.length === 25 && bytes[13] === 0x6f ? false : validate.call(WebAssembly, bytes));
  };
  const stubs = [];
  const { page, context, problems } = await open(`${pathToFileURL(path).href}${query}`, {
    init,
    onWorker: (w) => w.on('console', (m) => { if (/^i64 stubs: /.test(m.text())) stubs.push(m.text()); }),
  });
  try {
    assert.equal(await page.evaluate(() => globalThis.creditSupervisionBoot.refTypes), false);
    assert.equal(await page.locator('#engine-build').getAttribute('data-build'), 'baseline');
    const got = await demo(page);
    assert.deepEqual(stubs, ['i64 stubs: 2'], 'the two i64 imports were not replaced: the check proves nothing');
    assert.deepEqual({ ...got, csv: null }, { ...expected, csv: null });
    assert.ok(got.csv.equals(expected.csv), 'other results than the normal file');
    const row = page.locator('#table tbody tr[data-uscc]').first();
    const uscc = await row.getAttribute('data-uscc');
    await row.click();
    await page.locator(`#detail[data-uscc="${uscc}"]`).waitFor();
    await page.screenshot({ path: join(SHOTS, 'compat-chromium78.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the compatibility file where WebAssembly lacks bulk memory (Chromium < 75): says so in both languages, no blank page', async () => {
  // Such a browser's WebAssembly.validate refuses boot.js's probe of the legacy build's four
  // features (65 bytes, with memory.fill); this one is made to.
  const init = () => {
    const validate = WebAssembly.validate;
    WebAssembly.validate = (bytes) => (bytes.length === 65 ? false : validate.call(WebAssembly, bytes));
  };
  const { page, context, problems } = await open(pathToFileURL(COMPAT).href, { init, ready: false });
  try {
    await page.locator('#unsupported').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#unsupported').getAttribute('data-missing'), 'webassembly-old');
    const text = await page.locator('#unsupported').textContent();
    assert.match(text, /WebAssembly 版本过旧/);
    assert.match(text, /WebAssembly of this browser is too old/);
    assert.equal(await page.locator('#unsupported p[data-advice="compat"]').count(), 0, 'the compatibility file names itself');
    assert.equal(await page.locator('#status').getAttribute('data-state'), 'unsupported');
    await page.screenshot({ path: join(SHOTS, 'compat-old-webassembly.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
