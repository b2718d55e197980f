#!/usr/bin/env node
// Turns wasm-pack's `--target web` output in pkg/ into the npm package `credit-supervision`
// (run by `make pkg`, after `wasm-pack build`), packs it and checks its size.
//
//   node scripts/package.mjs                  write pkg/, pack it, check the budget
//   node scripts/package.mjs --update-budget  the same, then record the sizes in package/budget.json
//
// pkg/ keeps what the page (www/) and tests/types use unchanged: credit_supervision.js (the ES
// module; `init()` finds the .wasm with `new URL(…, import.meta.url)`), its .d.ts and the
// .wasm. Added from package/: the Node entry node.mjs (initialises from the .wasm with fs, on
// import) and its declarations, the streaming loader stream.cjs, the integrator README and
// the CHANGELOG; from `wasm-bindgen --target nodejs` run on the same .wasm: the CommonJS glue
// credit_supervision.cjs and its .d.cts (the .wasm is shared: the nodejs and web targets emit
// the same module). Then package.json with the `exports` map, `npm pack` into target/package/,
// and the sizes: the packed tarball and the .wasm at gzip -9, each against package/budget.json
// (more than 10 % over either fails, unless the budget is updated).

import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PKG = join(REPO, 'pkg');
const SRC = join(REPO, 'package');
const TARGET = process.env.CARGO_TARGET_DIR ? resolve(REPO, process.env.CARGO_TARGET_DIR) : join(REPO, 'target');
const RAW_WASM = join(TARGET, 'wasm32-unknown-unknown', 'release', 'credit_supervision.wasm');
const PACK_DIR = join(TARGET, 'package');
const BUDGET = join(SRC, 'budget.json');
/** How far over its budget a size may grow before `make pkg` fails. */
const TOLERANCE = 0.1;
const NAME = 'credit_supervision';

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

/** `[package]` fields of Cargo.toml (plain `key = "value"` and string arrays). */
function cargoPackage() {
  const text = readFileSync(join(REPO, 'Cargo.toml'), 'utf8');
  const section = text.split(/^\[/m).find((s) => s.startsWith('package]'));
  const get = (key) => section.match(new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, 'm'))?.[1];
  const list = (key) => {
    const m = section.match(new RegExp(`^${key}\\s*=\\s*\\[([^\\]]*)\\]`, 'm'));
    return m ? [...m[1].matchAll(/"([^"]*)"/g)].map((x) => x[1]) : [];
  };
  return { version: get('version'), license: get('license'), repository: get('repository'), keywords: list('keywords') };
}

/** The package's package.json. */
function manifest(cargo) {
  const web = { types: `./${NAME}.d.ts`, default: `./${NAME}.js` };
  return {
    name: 'credit-supervision',
    version: cargo.version,
    description:
      'Enterprise credit-risk classes (A–D) with their reasons, and the random inspection draw and plan (双随机、一公开), for market-regulation bureaus: a Rust core in WebAssembly for browsers, workers and Node.',
    keywords: [...new Set([...cargo.keywords, 'webassembly', 'credit-risk', 'scorecard', 'market-regulation', 'china'])],
    license: cargo.license,
    // Cargo.toml's `repository`: a placeholder (the .invalid domain) until the project has a home.
    repository: { type: 'git', url: cargo.repository },
    type: 'module',
    // Conditions are tried in order: browsers, workers and bundlers get the web build, whose
    // `init()` fetches the .wasm next to it; Node gets node.mjs (ready on import) or, with
    // require, the CommonJS glue. Each carries its own declarations.
    exports: {
      '.': {
        browser: web,
        worker: web,
        node: {
          import: { types: './node.d.mts', default: './node.mjs' },
          require: { types: `./${NAME}.d.cts`, default: `./${NAME}.cjs` },
        },
        default: web,
      },
      [`./${NAME}_bg.wasm`]: `./${NAME}_bg.wasm`,
      './package.json': './package.json',
    },
    main: `./${NAME}.js`,
    module: `./${NAME}.js`,
    types: `./${NAME}.d.ts`,
    files: [
      `${NAME}.js`,
      `${NAME}.d.ts`,
      `${NAME}_bg.wasm`,
      `${NAME}_bg.wasm.d.ts`,
      `${NAME}.cjs`,
      `${NAME}.d.cts`,
      'node.mjs',
      'node.d.mts',
      'stream.cjs',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
    ],
    // Importing the web build only defines functions; the Node entries initialise the module.
    sideEffects: ['./node.mjs', `./${NAME}.cjs`],
    engines: { node: '>=18' },
  };
}

/** The loader's declarations, without their header comment. */
function loaderDeclarations() {
  return readFileSync(join(SRC, 'loader.d.ts'), 'utf8').replace(/^(\/\/.*\n)+\n?/, '');
}

/** credit_supervision.cjs and .d.cts: the nodejs target's glue over the same .wasm. */
function writeCommonJs() {
  if (!existsSync(RAW_WASM)) fail(`${RAW_WASM} is missing: run wasm-pack build first (make pkg)`);
  const out = mkdtempSync(join(tmpdir(), 'cs-nodejs-'));
  try {
    execFileSync('wasm-bindgen', ['--target', 'nodejs', '--out-dir', out, '--out-name', NAME, RAW_WASM], { stdio: 'inherit' });
    const glue = readFileSync(join(out, `${NAME}.js`), 'utf8');
    if (!glue.includes(`\${__dirname}/${NAME}_bg.wasm`)) fail('the nodejs glue no longer reads the .wasm from __dirname');
    writeFileSync(
      join(PKG, `${NAME}.cjs`),
      glue.replace(`@ts-self-types="./${NAME}.d.ts"`, `@ts-self-types="./${NAME}.d.cts"`) +
        "\n// credit-supervision: the streaming loader (stream.cjs) over this module.\n" +
        "exports.loadFromDisk = require('./stream.cjs').makeLoader(exports).loadFromDisk;\n",
    );
    const dts = readFileSync(join(out, `${NAME}.d.ts`), 'utf8');
    writeFileSync(join(PKG, `${NAME}.d.cts`), `${dts}\n${loaderDeclarations()}`);
    return dts;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * node.mjs, node.d.mts and stream.cjs. The declarations are the nodejs target's (`dts`): the
 * web build's also declare `init`'s inputs with DOM types (RequestInfo, BufferSource,
 * WebAssembly), which a Node project without the DOM library cannot resolve.
 */
function writeNodeEntry(dts) {
  copyFileSync(join(SRC, 'node.mjs'), join(PKG, 'node.mjs'));
  copyFileSync(join(SRC, 'stream.cjs'), join(PKG, 'stream.cjs'));
  const init = [
    '',
    '// The Node ESM entry (node.mjs) is initialised on import: these two are kept for code shared',
    '// with the browser, and return at once.',
    '/** Does nothing more in Node: the module was initialised on import. */',
    'export default function init(options?: unknown): Promise<unknown>;',
    '/** Does nothing more in Node: the module was initialised on import. */',
    'export function initSync(options?: unknown): unknown;',
    '',
  ].join('\n');
  writeFileSync(join(PKG, 'node.d.mts'), dts + init + loaderDeclarations());
}

function bytes(n) {
  return n.toLocaleString('en-US');
}

/** Packs pkg/ into target/package/ and returns the tarball's path and size. */
function pack() {
  mkdirSync(PACK_DIR, { recursive: true });
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', PACK_DIR, '--loglevel=error'], { cwd: PKG, encoding: 'utf8' });
  const [info] = JSON.parse(out);
  const tarball = join(PACK_DIR, info.filename);
  const packed = new Set(info.files.map((f) => f.path));
  for (const f of manifest(cargoPackage()).files) {
    if (!packed.has(f)) fail(`${f} is not in the packed tarball`);
  }
  return { tarball, size: statSync(tarball).size, files: info.files.length, unpacked: info.unpackedSize };
}

/** Prints a size against its budget; returns false when more than TOLERANCE over. */
function checkSize(label, size, budget) {
  if (!budget) {
    console.log(`package: ${label}: ${bytes(size)} bytes (no budget: run node scripts/package.mjs --update-budget)`);
    return false;
  }
  const change = ((size - budget) / budget) * 100;
  const over = size > budget * (1 + TOLERANCE);
  console.log(
    `package: ${label}: ${bytes(size)} bytes (budget ${bytes(budget)}, ${change >= 0 ? '+' : ''}${change.toFixed(1)} %)` +
      (over ? ` — more than ${TOLERANCE * 100} % over the budget` : ''),
  );
  return !over;
}

function main() {
  const update = process.argv.includes('--update-budget');
  if (!existsSync(join(PKG, `${NAME}.js`))) fail('pkg/ is missing: run wasm-pack build first (make pkg)');
  const cargo = cargoPackage();
  writeNodeEntry(writeCommonJs());
  copyFileSync(join(SRC, 'README.md'), join(PKG, 'README.md'));
  copyFileSync(join(SRC, 'CHANGELOG.md'), join(PKG, 'CHANGELOG.md'));
  copyFileSync(join(REPO, 'LICENSE'), join(PKG, 'LICENSE'));
  writeFileSync(join(PKG, 'package.json'), `${JSON.stringify(manifest(cargo), null, 2)}\n`);

  const packed = pack();
  const wasm = readFileSync(join(PKG, `${NAME}_bg.wasm`));
  const wasmGzip = gzipSync(wasm, { level: 9 }).length;
  console.log(`package: ${packed.tarball} (${packed.files} files, ${bytes(packed.unpacked)} bytes unpacked)`);
  console.log(`package: .wasm ${bytes(wasm.length)} bytes raw`);
  const sizes = { tarballBytes: packed.size, wasmGzipBytes: wasmGzip };
  if (update) {
    const budget = {
      '//': 'Sizes of the npm package (make pkg fails when one grows more than 10 % over its budget). Update with: node scripts/package.mjs --update-budget',
      ...sizes,
    };
    writeFileSync(BUDGET, `${JSON.stringify(budget, null, 2)}\n`);
    console.log(`package: budget updated in ${BUDGET}`);
  }
  const budget = existsSync(BUDGET) ? JSON.parse(readFileSync(BUDGET, 'utf8')) : {};
  const ok = [
    checkSize('packed tarball', sizes.tarballBytes, budget.tarballBytes),
    checkSize('.wasm gzip -9', sizes.wasmGzipBytes, budget.wasmGzipBytes),
  ].every(Boolean);
  if (!ok) fail('over budget: shrink the package, or update package/budget.json (node scripts/package.mjs --update-budget) and say why in the commit');
}

main();
