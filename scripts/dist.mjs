#!/usr/bin/env node
// The single file for clerks (run by `make dist`, after `make pkg`): one self-contained HTML file
// that opens from file:// by double-click — no server, no network, no install — its
// compatibility twin for browsers with older cores, and a zip with both for an intranet.
//
//   node scripts/dist.mjs    writes target/dist/credit-supervision.html,
//                            target/dist/credit-supervision-compat.html and
//                            target/dist/credit-supervision.zip (both files and a how-to);
//                            prints sizes
//
// Built from the served page's own sources (www/ and pkg/), bundled by esbuild into classic
// scripts (file:// allows no ES modules):
// - www/boot.js, inlined unchanged (it checks the browser and chooses the build);
// - the page (www/app.js and its modules) as one classic script at the end of <body>, run only
//   when boot.js found what the page needs; www/engine.js is replaced by scripts/dist/engine.js
//   (the worker from a blob);
// - the worker (www/worker.js, the loader, the JS glue of each build) as one classic script
//   carried in a <script type="text/plain"> block, with both builds of the .wasm (SIMD and
//   baseline) as base64; www/wasm-source.js is replaced by scripts/dist/wasm-source.js;
// - www/style.css in a <style>.
// The Content-Security-Policy allows exactly these inline scripts and the style (by their
// SHA-256), the blob worker and wasm compilation, and nothing from anywhere else.
//
// The compatibility file (credit-supervision-compat.html), for the Chromium cores older than 97
// that bureau PCs run and cannot update (360 Secure Browser on Chromium 78 and 86, domestic
// Linux desktops): the normal file's CSP allows WebAssembly only through 'wasm-unsafe-eval',
// which those browsers do not know, so there it blocks WebAssembly (www/boot.js then names this
// file). This one differs in three ways and no other:
// - its CSP allows WebAssembly through 'unsafe-eval', the only source that let Chromium < 97
//   compile WebAssembly (see COMPAT_CSP_EVAL below for why that is acceptable here);
// - it carries only the legacy build (pkg/baseline/: no SIMD, no reference types, no
//   multi-value; what those browsers and their CPUs run) and its glue — <html
//   data-single-file="compat"> tells www/boot.js so;
// - its page and worker bundles are lowered to COMPAT_BROWSERS, with the DOM methods newer than
//   that target the page uses (scripts/dist/compat-polyfills.js) filled in first.
// tests/e2e/compat.test.mjs checks both bundles against that target (syntax and a list of
// newer APIs) and runs the file in Chromium.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { COMPAT_BROWSERS } from './dist/compat-target.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WWW = join(REPO, 'www');
const PKG = join(REPO, 'pkg');
const TARGET = process.env.CARGO_TARGET_DIR ? resolve(REPO, process.env.CARGO_TARGET_DIR) : join(REPO, 'target');
const OUT = join(TARGET, 'dist');
const NAME = 'credit-supervision';
const WASM = { simd: join(PKG, 'credit_supervision_bg.wasm'), baseline: join(PKG, 'baseline', 'credit_supervision_bg.wasm') };
/** The browsers whose syntax the bundles are lowered to (www/boot.js turns away older ones). */
const BROWSERS = ['chrome97', 'edge97', 'firefox91', 'safari15'];
/**
 * Why the compatibility file's CSP has 'unsafe-eval': Chromium before 97 (and Safari before 16)
 * tie WebAssembly compilation to 'unsafe-eval' and know no 'wasm-unsafe-eval', so no narrower
 * source lets them compile the core. It also permits eval() and new Function() of strings, but
 * no code of ours does that (the bundles are built from www/ and pkg/'s glue, which build no
 * code from strings), and no script can enter the file to do it: scripts stay locked to the
 * SHA-256 of the file's own two inline scripts, nothing may be loaded from anywhere
 * (default-src 'none', no network), and the only other script is the worker from a blob of the
 * file's own text.
 */
const COMPAT_CSP_EVAL = "'unsafe-eval'";

function fail(message) {
  console.error(`dist: ${message}`);
  process.exit(1);
}

const bytes = (n) => n.toLocaleString('en-US');
const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * esbuild's plugin: www/engine.js and www/wasm-source.js become scripts/dist/'s, and the
 * virtual module `cs:embedded` holds the .wasm of each build as base64. Each build's JS glue
 * (pkg/credit_supervision.js, pkg/baseline/credit_supervision.js) is bundled where its build
 * is embedded: without the SIMD build, pkg/'s glue resolves to the baseline's (so the file
 * carries one glue, and only the one that matches its .wasm).
 * @param {Record<string, string>} embedded
 */
function singleFile(embedded) {
  const replaced = { 'engine.js': join(REPO, 'scripts', 'dist', 'engine.js'), 'wasm-source.js': join(REPO, 'scripts', 'dist', 'wasm-source.js') };
  const simdGlue = join(PKG, 'credit_supervision.js');
  return {
    name: 'single-file',
    setup(b) {
      b.onResolve({ filter: /^\.\/(engine|wasm-source)\.js$/ }, (args) =>
        resolve(args.resolveDir) === WWW ? { path: replaced[args.path.slice(2)] } : undefined);
      b.onResolve({ filter: /credit_supervision\.js$/ }, (args) =>
        !('simd' in embedded) && resolve(args.resolveDir, args.path) === simdGlue ? { path: join(PKG, 'baseline', 'credit_supervision.js') } : undefined);
      b.onResolve({ filter: /^cs:embedded$/ }, () => ({ path: 'embedded', namespace: 'cs' }));
      b.onLoad({ filter: /.*/, namespace: 'cs' }, () => ({ contents: `export default ${JSON.stringify(embedded)};`, loader: 'js' }));
    },
  };
}

/** One classic script (an IIFE) of an entry of www/, lowered to `target`, `banner` first. */
async function bundle(entry, embedded, target = BROWSERS, banner = '') {
  const result = await build({
    entryPoints: [join(WWW, entry)],
    bundle: true,
    format: 'iife',
    target,
    banner: banner ? { js: banner } : undefined,
    minify: false,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'error',
    // A module URL has no meaning in the single file: were it used, the URL would not parse
    // (instead of reaching for a file or the network).
    define: { 'import.meta.url': '"about:invalid"' },
    plugins: [singleFile(embedded)],
  });
  return result.outputFiles[0].text;
}

/** Text that can sit inside a <script> element. */
function scriptSafe(js, what) {
  const out = js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
  if (/<\/script|<!--/i.test(out)) fail(`${what} cannot be inlined`);
  return out;
}

/** Replaces `from` (exactly once) in `html`. */
function replaceOnce(html, from, to) {
  const at = html.indexOf(from);
  if (at < 0 || html.indexOf(from, at + 1) >= 0) fail(`www/index.html: expected exactly one ${JSON.stringify(from)}`);
  return html.slice(0, at) + to + html.slice(at + from.length);
}

/** A zip archive (deflate) of `files` ({ name, data }), with UTF-8 names. */
function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4); // version needed
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt16LE(8, 8); // deflate
    head.writeUInt16LE(0, 10); // time
    head.writeUInt16LE((2026 - 1980) << 9 | 1 << 5 | 1, 12); // a fixed date: the same bytes each build
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(nameBytes.length, 26);
    head.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    head.copy(central, 8, 6, 30); // flags … name length, as in the local header
    central.writeUInt32LE(0, 34); // comment length, disk, internal attributes
    central.writeUInt32LE(0, 38); // external attributes
    central.writeUInt32LE(offset, 42);
    locals.push(head, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += head.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const README = `credit-supervision — 企业信用风险分类与双随机抽查（单文件版）

使用方法：双击 ${NAME}.html，用 Chrome、Edge、Firefox 或 360 安全浏览器等（极速模式）打开即可。
无需安装，无需联网；数据只在本机浏览器内计算，不会上传。
也可以把 ${NAME}.html 放在单位内网的任意网页服务器或共享文件夹上，直接打开。
如果页面提示“无法运行”并要求打开兼容版（内核较旧的浏览器，Chromium 97 以前），
请改为双击 ${NAME}-compat.html（兼容版：功能和结果相同，速度稍慢）。

How to use: double-click ${NAME}.html and it opens in Chrome, Edge, Firefox or another
Chromium-based browser. Nothing to install, no network needed; the data is computed in this
browser and never leaves the computer. The file may also be put on any intranet web server or
shared folder and opened from there.
If the page says it cannot run here and names the compatibility file (a browser with an older
core, before Chromium 97), double-click ${NAME}-compat.html instead (same functions and
results, somewhat slower).
`;

/**
 * The two single files: the normal one, and the compatibility file (see the header) — its name,
 * the builds it carries, the syntax its bundles are lowered to, its CSP's source for
 * WebAssembly, the mark on <html> for www/boot.js and the script run before the page's bundle.
 */
function variants() {
  return [
    { file: `${NAME}.html`, builds: ['simd', 'baseline'], target: BROWSERS, wasmEval: "'wasm-unsafe-eval'", mark: 'data-single-file', polyfills: '' },
    {
      file: `${NAME}-compat.html`,
      builds: ['baseline'],
      target: COMPAT_BROWSERS,
      wasmEval: COMPAT_CSP_EVAL,
      mark: 'data-single-file="compat"',
      polyfills: readFileSync(join(REPO, 'scripts', 'dist', 'compat-polyfills.js'), 'utf8'),
    },
  ];
}

/**
 * One single file's HTML: www/index.html with boot.js, the styles, the page's bundle and the
 * worker's (with the .wasm of `v.builds` as base64) inlined, under its CSP.
 */
async function singleFileHtml(v, wasm) {
  const embedded = Object.fromEntries(v.builds.map((b) => [b, wasm[b]]));
  const worker = scriptSafe(await bundle('worker.js', embedded, v.target), `${v.file}: the worker's bundle`);
  const app = scriptSafe(await bundle('app.js', embedded, v.target, v.polyfills), `${v.file}: the page's bundle`);
  if (app.includes(wasm.baseline.slice(0, 200))) fail(`${v.file}: the page's bundle carries the .wasm (it belongs to the worker's)`);
  // (Compared in the middle of the module: the two builds may begin alike.)
  for (const b of Object.keys(wasm)) {
    const middle = wasm[b].slice(wasm[b].length >> 1, (wasm[b].length >> 1) + 400);
    if (!v.builds.includes(b) && worker.includes(middle)) fail(`${v.file}: carries the ${b} build, which it should not`);
  }
  // Each build's glue goes with its .wasm: only the SIMD build's sets up an externref table.
  if (worker.includes('__wbindgen_init_externref_table') !== v.builds.includes('simd')) {
    fail(`${v.file}: the worker's bundle does not carry the JS glue of exactly its builds (${v.builds.join(', ')})`);
  }
  const boot = scriptSafe(readFileSync(join(WWW, 'boot.js'), 'utf8'), 'www/boot.js');
  const css = readFileSync(join(WWW, 'style.css'), 'utf8');
  if (/@import|url\(\s*['"]?(?!data:)/i.test(css)) fail('www/style.css refers to another file');
  if (/<\/style/i.test(css)) fail('www/style.css cannot be inlined');

  // The page's bundle runs only where boot.js found what the page needs.
  const appScript = `if (window.creditSupervisionBoot && window.creditSupervisionBoot.ok) {\n${app}}\n`;
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(boot)} ${sha256(appScript)} ${v.wasmEval}`,
    'worker-src blob:',
    `style-src ${sha256(css)}`,
    'img-src data: blob:',
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const note = v.wasmEval === COMPAT_CSP_EVAL
    ? "Compatibility file (scripts/dist.mjs): only its own inline scripts and style, by hash; the worker from a blob; nothing from outside. 'unsafe-eval' is there only because Chromium < 97 compiles WebAssembly under no other source (it knows no 'wasm-unsafe-eval'); no code in this file evaluates strings."
    : 'Single file (scripts/dist.mjs): only its own inline scripts and style, by hash; the worker from a blob; nothing from outside.';

  let html = readFileSync(join(WWW, 'index.html'), 'utf8');
  html = replaceOnce(html, '<html lang="zh-CN">', `<html lang="zh-CN" ${v.mark}>`);
  html = html.replace(/<!-- The same policy as www\/serve\.mjs sends[\s\S]*?-->\n\s*/, '');
  html = html.replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, () =>
    `<!-- ${note} -->\n  <meta http-equiv="Content-Security-Policy" content="${csp}">`);
  if (!html.includes(csp)) fail('www/index.html: no Content-Security-Policy <meta> to replace');
  html = replaceOnce(html, '<link rel="stylesheet" href="style.css">', `<style>${css}</style>`);
  html = html.replace(/ *<!-- boot\.js checks[\s\S]*?-->\n/, '');
  html = replaceOnce(html, '<script src="boot.js"></script>', `<script>${boot}</script>`);
  html = replaceOnce(html, '</body>',
    `<script id="cs-worker" type="text/plain">${worker}</script>\n<script>${appScript}</script>\n</body>`);
  // Nothing but the file itself: no src or href to another file, no URL to elsewhere.
  const refs = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]).filter((u) => !u.startsWith('#') && !u.startsWith('data:'));
  if (refs.length) fail(`${v.file} still refers to ${refs.join(', ')}`);
  return { html, sizes: { worker: worker.length, app: app.length, css: css.length } };
}

async function main() {
  for (const f of [join(PKG, 'credit_supervision.js'), join(PKG, 'baseline', 'credit_supervision.js'), WASM.simd, WASM.baseline]) {
    if (!existsSync(f)) fail(`${f} is missing: run make pkg first`);
  }
  const wasm = {
    simd: readFileSync(WASM.simd).toString('base64'),
    baseline: readFileSync(WASM.baseline).toString('base64'),
  };
  mkdirSync(OUT, { recursive: true });
  const files = [];
  for (const v of variants()) {
    const { html, sizes } = await singleFileHtml(v, wasm);
    const path = join(OUT, v.file);
    writeFileSync(path, html);
    files.push({ name: v.file, data: Buffer.from(html, 'utf8') });
    const size = statSync(path).size;
    const gz = gzipSync(html, { level: 9 }).length;
    console.log(`dist: ${path}: ${bytes(size)} bytes (${(size / 2 ** 20).toFixed(2)} MiB; ${bytes(gz)} gzip -9)`);
    console.log(`dist:   .wasm ${v.builds.map((b) => `${b} ${bytes(statSync(WASM[b]).size)} bytes`).join(', ')} (embedded as base64); ` +
      `lowered to ${v.target.join(', ')}`);
    console.log(`dist:   worker script ${bytes(sizes.worker)} chars, page script ${bytes(sizes.app)} chars, styles ${bytes(sizes.css)} chars`);
  }
  const zipPath = join(OUT, `${NAME}.zip`);
  writeFileSync(zipPath, zip([
    ...files,
    { name: '使用说明-README.txt', data: Buffer.from(README.replace(/\n/g, '\r\n'), 'utf8') },
  ]));
  console.log(`dist: ${zipPath}: ${bytes(statSync(zipPath).size)} bytes (${files.map((f) => f.name).join(', ')}, 使用说明-README.txt)`);
}

await main();
