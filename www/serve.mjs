#!/usr/bin/env node
// A zero-dependency static server for the page.
//
//   node www/serve.mjs [--port 8080] [--root <repo>]
//
// Serves <repo>/www at / and <repo>/pkg (the wasm-pack output) at /pkg/, on 127.0.0.1 only.
// `--port 0` picks a free port. Prints `serving http://127.0.0.1:PORT/` once it listens.
// No directory listings; paths that leave the served folders are refused.
//
// The responses carry COOP/COEP headers so that the page is cross-origin isolated: the page
// then shares a SharedArrayBuffer cancel flag with its worker (see www/app.js).
//
// Every response carries the Content-Security-Policy below (the page repeats it in a <meta>
// for when it is opened some other way): scripts and workers only from this origin, wasm
// compilation allowed ('wasm-unsafe-eval') but no other eval, no plugins, no <base>, no form
// submission, nothing from outside. Requests whose Host header is not 127.0.0.1:PORT or
// localhost:PORT are refused (421; 400 without a Host), so a DNS-rebinding page cannot read
// the served files.

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HOST = '127.0.0.1';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ts': 'text/plain; charset=utf-8', // wasm-pack's .d.ts, shown as text
};

/** The Content-Security-Policy of every response (index.html carries the same in a <meta>). */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const COMMON_HEADERS = {
  'Content-Security-Policy': CSP,
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

function send(res, status, text) {
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text + '\n');
}

/**
 * Maps a request path to a file inside `base`, or null when the path is not acceptable.
 * `rel` is the decoded path below the mount point, without the leading slash.
 */
async function resolveInside(base, rel) {
  if (rel.includes('\0') || rel.includes('\\')) return null;
  const parts = rel.split('/');
  if (parts.some((p) => p === '..' || p === '.')) return null;
  const candidate = resolve(base, ...parts.filter((p) => p !== ''));
  if (candidate !== base && !candidate.startsWith(base + sep)) return null;
  let real;
  try {
    real = await realpath(candidate);
  } catch {
    return null;
  }
  // Symbolic links must not lead out of the served folder either.
  if (real !== base && !real.startsWith(base + sep)) return null;
  return real;
}

/**
 * Starts the server. Resolves to `{ server, port, url, close() }` once it listens.
 * @param {{ port?: number, root?: string, quiet?: boolean }} options
 */
export async function startServer({ port = 8080, root, quiet = true } = {}) {
  const repo = resolve(root ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  // Real paths of the mounts (they may not exist yet: pkg/ appears after wasm-pack).
  const mounts = [];
  for (const [prefix, dir] of [['/pkg/', 'pkg'], ['/', 'www']]) {
    let base;
    try {
      base = await realpath(join(repo, dir));
    } catch {
      base = resolve(repo, dir);
    }
    mounts.push({ prefix, base });
  }

  let allowedHosts = new Set();
  const server = createServer(async (req, res) => {
    try {
      const host = req.headers.host;
      if (!host) return send(res, 400, 'bad request: no Host header');
      if (!allowedHosts.has(host.toLowerCase())) return send(res, 421, 'misdirected request: unknown Host');
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('Allow', 'GET, HEAD');
        return send(res, 405, 'method not allowed');
      }
      const url = new URL(req.url ?? '/', `http://${HOST}`);
      let path;
      try {
        path = decodeURIComponent(url.pathname);
      } catch {
        return send(res, 400, 'bad request');
      }
      if (path === '/pkg') path = '/pkg/';
      const mount = mounts.find((m) => path.startsWith(m.prefix));
      let rel = path.slice(mount.prefix.length);
      if (mount.prefix === '/' && rel === '') rel = 'index.html';
      const file = await resolveInside(mount.base, rel);
      if (file === null) return send(res, 404, 'not found');
      const info = await stat(file);
      // No directory listings (and no implicit index files below the root).
      if (!info.isFile()) return send(res, 404, 'not found');
      const type = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
      res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': type, 'Content-Length': info.size });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    } catch (err) {
      if (!quiet) console.error(err);
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.destroy();
    }
  });

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, HOST, () => {
      server.off('error', fail);
      ok();
    });
  });
  const actual = server.address().port;
  allowedHosts = new Set([`${HOST}:${actual}`, `localhost:${actual}`]);
  return {
    server,
    port: actual,
    url: `http://${HOST}:${actual}/`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

function parseArgs(argv) {
  const out = { port: 8080, root: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--port') out.port = Number(value());
    else if (a.startsWith('--port=')) out.port = Number(a.slice(7));
    else if (a === '--root') out.root = value();
    else if (a.startsWith('--root=')) out.root = a.slice(7);
    else if (a === '-h' || a === '--help') {
      console.log('usage: node www/serve.mjs [--port 8080] [--root <repo>]');
      process.exit(0);
    } else throw new Error(`unknown argument: ${a}`);
  }
  if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535) {
    throw new Error('--port must be an integer from 0 to 65535');
  }
  return out;
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`serve.mjs: ${err.message}`);
    process.exit(2);
  }
  const { url, close } = await startServer({ ...args, quiet: false });
  console.log(`serving ${url}`);
  const stop = () => close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
