// The two builds of the core give the same results, byte for byte: the SIMD build (pkg/) and the
// legacy build for older browsers and CPUs (pkg/baseline/, scripts/build-baseline.sh: no SIMD,
// no reference types, no multi-value), each run in its own Node process over its own JS glue
// (wasm-bindgen writes different glue for the two). Each scores the demo district, loads files
// through the chunked CSV path (where memchr and simdutf8 use SIMD) and through a workbook,
// draws, and reports digests, class counts and the SHA-256 of every export. The legacy build
// runs with its two i64 → BigInt imports (which Chromium < 85 cannot call) made to throw:
// nothing here calls them.
//
// The baseline build also runs where SIMD really is unavailable: V8 turns WebAssembly SIMD off
// on a CPU without SSE4.1, which `--no-enable-sse4-1` emulates; there the SIMD build must fail
// to compile (so that the check means something) and the baseline build must give the same
// bytes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WASM = {
  simd: join(REPO, 'pkg', 'credit_supervision_bg.wasm'),
  baseline: join(REPO, 'pkg', 'baseline', 'credit_supervision_bg.wasm'),
};
/** Each build's JS glue. */
const GLUE = {
  simd: join(REPO, 'pkg', 'credit_supervision.js'),
  baseline: join(REPO, 'pkg', 'baseline', 'credit_supervision.js'),
};
const NO_SIMD = '--no-enable-sse4-1';

/**
 * The child: initialises a build's glue over its .wasm, runs everything, prints one JSON line.
 * With 'stub-i64', every import of the glue that converts an i64 to a JS value (a BigInt) throws
 * instead, as Chromium < 85 does when WebAssembly calls an import with an i64 parameter.
 */
const CHILD = String.raw`
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
const [repo, glue, wasm, mode] = process.argv.slice(-4);
const sha = (b) => createHash('sha256').update(b).digest('hex');
const stubbed = [];
if (mode === 'stub-i64') {
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = (source, imports) => {
    for (const ns of Object.values(imports ?? {})) {
      for (const [name, f] of Object.entries(ns)) {
        if (typeof f === 'function' && /[IU]64 -> Externref/.test(String(f))) {
          stubbed.push(name);
          ns[name] = () => { throw new TypeError('i64 at the JS boundary (stubbed): ' + name); };
        }
      }
    }
    return instantiate.call(WebAssembly, source, imports);
  };
}
const core = await import(pathToFileURL(glue).href);
await core.default({ module_or_path: readFileSync(wasm) });
const out = {};
const ws = new core.Workspace();
ws.generateDemo(12000, 'demo', '2026-11-28', null);
const s = ws.score('2026-11-28', null);
out.demo = { summary: s, counts: ws.counts(), results: sha(ws.resultsCsv()) };
const d = ws.draw('builds', 0.05);
out.draw = { digest: d.digest, size: d.selected?.length ?? d.size, csv: sha(ws.drawCsv()) };
ws.clear();
const fixtures = join(repo, 'tests', 'e2e', 'fixtures');
const reports = [];
for (const name of ['registration-gbk.csv', 'registration.csv', 'penalty.csv']) {
  const bytes = readFileSync(join(fixtures, name));
  ws.beginFile(name, undefined);
  for (let i = 0; i < bytes.length; i += 7) ws.pushChunk(bytes.subarray(i, i + 7));
  reports.push(ws.finishFile());
}
for (const r of ws.loadFile('penalty.xlsx', readFileSync(join(fixtures, 'penalty.xlsx')), undefined, null)) reports.push(r);
const f = ws.score('2026-11-28', null);
out.files = { reports, summary: f, results: sha(ws.resultsCsv()), rejected: sha(ws.rejectedCsv(0)) };
console.error(JSON.stringify({ stubbed }));
console.log(JSON.stringify(out));
`;

/**
 * Runs the child over a build (its glue and .wasm) with extra V8 flags; returns its status,
 * JSON, stderr and the names of the imports it stubbed. The legacy build runs with its i64
 * imports stubbed.
 */
function run(build, flags = []) {
  const mode = build === 'baseline' ? 'stub-i64' : 'plain';
  const r = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', CHILD, REPO, GLUE[build], WASM[build], mode], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const stubbed = r.status === 0 ? JSON.parse(r.stderr.trim().split('\n').at(-1)).stubbed : null;
  return { status: r.status, json: r.status === 0 ? JSON.parse(r.stdout) : null, stderr: r.stderr, stubbed };
}

test('the SIMD and the baseline builds give the same digests, classes and exports, byte for byte', () => {
  for (const f of [...Object.values(WASM), ...Object.values(GLUE)]) assert.ok(existsSync(f), `${f} is missing: run make pkg`);
  const simd = run('simd');
  assert.equal(simd.status, 0, simd.stderr);
  const baseline = run('baseline');
  assert.equal(baseline.status, 0, baseline.stderr);
  // Both i64 → BigInt conversions of the legacy build's glue were there, and threw if called.
  assert.equal(baseline.stubbed.length, 2, `stubbed: ${baseline.stubbed}`);
  // Something was computed: the demo is scored into classes, the files loaded.
  assert.equal(simd.json.demo.summary.enterprises ?? simd.json.demo.counts.enterprises, 12000);
  assert.ok(simd.json.draw.digest.length >= 64);
  assert.ok(simd.json.files.reports.length >= 4);
  assert.deepEqual(baseline.json, simd.json);
});

test('where SIMD is unavailable the SIMD build fails and the baseline build gives the same bytes', () => {
  const probe = spawnSync(process.execPath, [NO_SIMD, '-e',
    'process.exit(WebAssembly.validate(new Uint8Array([0,97,115,109,1,0,0,0,1,5,1,96,0,1,123,3,2,1,0,10,10,1,8,0,65,0,253,15,253,98,11])) ? 1 : 0)']);
  assert.equal(probe.status, 0, `${NO_SIMD} no longer switches WebAssembly SIMD off in this Node`);
  const simd = run('simd', [NO_SIMD]);
  assert.notEqual(simd.status, 0, 'the SIMD build compiled without SIMD: the check below would prove nothing');
  assert.match(simd.stderr, /CompileError|simd|SIMD|invalid/i);
  const baseline = run('baseline', [NO_SIMD]);
  assert.equal(baseline.status, 0, baseline.stderr);
  const reference = run('simd');
  assert.equal(reference.status, 0, reference.stderr);
  assert.deepEqual(baseline.json, reference.json);
});

test('the worker takes the core from the chosen build\'s glue: no module of www/ but wasm-source.js imports pkg/ at run time', () => {
  // A value imported from ../pkg/credit_supervision.js directly would be the SIMD glue's, never
  // initialised where the legacy build runs: www/core.js hands out the chosen glue's.
  const www = join(REPO, 'www');
  const offenders = [];
  for (const f of readdirSync(www).filter((n) => n.endsWith('.js') && n !== 'wasm-source.js')) {
    const text = readFileSync(join(www, f), 'utf8');
    // (Types from pkg/'s .d.ts, `{import('../pkg/…').T}` in JSDoc, are fine.)
    if (/^import\s[^;\n]*from\s+['"][^'"]*pkg\//m.test(text) || /(?<!\{|typeof )\bimport\(\s*['"][^'"]*pkg\//.test(text)) offenders.push(f);
  }
  assert.deepEqual(offenders, []);
});
