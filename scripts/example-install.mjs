#!/usr/bin/env node
// Installs the examples the way a user would: copies examples/ into a folder (a fresh temporary
// one unless given), installs their tools from examples/package-lock.json (npm ci: Vite, esbuild,
// TypeScript, @types/node) and then the packed tarball of the package (npm install
// <tarball>, kept out of the examples' package.json so that the lockfile does not pin a local
// file's checksum). Used by tests/package/examples.test.mjs and `make example-1m`.
//
//   node scripts/example-install.mjs [folder]      prints the folder
//
// The tarball is target/package/credit-supervision-<version>.tgz, written by `make pkg`.

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The packed tarball `make pkg` wrote for the version in pkg/package.json. */
export function tarballPath() {
  const manifest = join(REPO, 'pkg', 'package.json');
  if (!existsSync(manifest)) throw new Error('pkg/ is missing: run make pkg');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8'));
  const tarball = join(REPO, 'target', 'package', `credit-supervision-${version}.tgz`);
  if (!existsSync(tarball)) throw new Error(`${tarball} is missing: run make pkg`);
  return tarball;
}

const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, stdio: ['ignore', 'ignore', 'inherit'] });

/** Copies examples/ into `dir` (default: a new temporary folder), installs; returns `dir`. */
export function installExamples(given) {
  const dir = given ?? mkdtempSync(join(tmpdir(), 'credit-supervision-examples-'));
  try {
    const tarball = tarballPath();
    mkdirSync(dir, { recursive: true });
    cpSync(join(REPO, 'examples'), dir, {
      recursive: true,
      filter: (src) => !['node_modules', 'dist'].includes(basename(src)),
    });
    npm(['ci'], dir);
    npm(['install', '--no-save', tarball], dir);
    return dir;
  } catch (e) {
    if (!given) rmSync(dir, { recursive: true, force: true }); // a temporary folder of ours
    throw e;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ? resolve(process.argv[2]) : undefined;
  console.log(installExamples(dir));
}
