// Times ingest + score of the generated files in WebAssembly under Node, one fresh process
// per size (so peak memory is that run's own). The files come from the native
// `credit-supervision bench`, which generates them into --dir.
//
//   node bench/wasm-bench.mjs --sizes 10000,100000,1000000 --seed bench --as-of 2026-11-28 --dir bench-data
import { readFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const sizes = (args.sizes ?? '10000,100000,1000000').split(',').map(Number);
const seed = args.seed ?? 'bench';
const asOf = args['as-of'] ?? '2026-11-28';
const dir = args.dir ?? 'bench-data';
const repeat = Number(args.repeat ?? 3);
const variants = (args.variants ?? 'csv').split(',');
const xlsxMax = Number(args['xlsx-max'] ?? 100000);
// --chunk-mib N: text files go through beginFile/pushChunk/finishFile in N MiB chunks, as
// the page's worker feeds them, instead of loadFile.
const chunkBytes = args['chunk-mib'] ? Number(args['chunk-mib']) * 2 ** 20 : 0;
const folderOf = (n, variant) => join(dir, `${n}-${seed}-${asOf}${variant === 'csv' ? '' : `.${variant}`}`);
const extOf = (variant) => (variant === 'xlsx' ? 'xlsx' : 'csv');
const KINDS = ['registration', 'annual_report', 'licence', 'penalty', 'inspection', 'list_entry', 'commitment', 'complaint'];

async function one(n, variant) {
  const { initSync, Workspace } = await import(join(root, 'pkg', 'credit_supervision.js'));
  const wasm = initSync({ module: readFileSync(join(root, 'pkg', 'credit_supervision_bg.wasm')) });
  const folder = folderOf(n, variant);
  const files = KINDS.map((k) => [k, readFileSync(join(folder, `${k}.${extOf(variant)}`))]);
  const bytes = files.reduce((s, [, b]) => s + b.length, 0);
  const ws = new Workspace();
  const t0 = performance.now();
  for (const [k, b] of files) {
    const name = `${k}.${extOf(variant)}`;
    let reports;
    if (chunkBytes && variant !== 'xlsx') {
      ws.beginFile(name, JSON.stringify({ kind: k, size: b.length }));
      for (let o = 0; o < b.length; o += chunkBytes) ws.pushChunk(b.subarray(o, o + chunkBytes));
      reports = [ws.finishFile()];
    } else {
      reports = ws.loadFile(name, b, JSON.stringify({ kind: k }));
    }
    for (const r of reports) {
      if (r.rejected > 0) throw new Error(`${k}: ${r.rejected} rows rejected`);
    }
  }
  const t1 = performance.now();
  const s = ws.score(asOf);
  const t2 = performance.now();
  const c = ws.counts();
  return {
    enterprises: s.enterprises, records: c.records, file_mb: bytes / 1e6,
    load_s: (t1 - t0) / 1000, score_s: (t2 - t1) / 1000, total_s: (t2 - t0) / 1000,
    enterprises_per_s: s.enterprises / ((t2 - t0) / 1000),
    wasm_memory_mb: wasm.memory.buffer.byteLength / 2 ** 20,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
    counts: s.counts,
  };
}

if (args.one) {
  process.stdout.write(JSON.stringify(await one(Number(args.one), args.variant ?? 'csv')) + '\n');
} else {
  console.log('| files | enterprises | records | MB | load s | score s | total s | enterprises/s | wasm memory MB | peak RSS MB (node) |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const n of sizes) {
    for (const variant of variants) {
      if (variant === 'xlsx' && n > xlsxMax) continue;
      if (!existsSync(join(folderOf(n, variant), '.complete'))) {
        throw new Error(`no generated ${variant} data for ${n}: run the native bench first (make bench)`);
      }
      let best;
      for (let i = 0; i < repeat; i++) {
        const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), ...process.argv.slice(2), '--one', String(n), '--variant', variant], { maxBuffer: 1 << 20 });
        const v = JSON.parse(out.toString());
        if (!best || v.total_s < best.total_s) best = v;
      }
      const v = best;
      console.log(`| ${variant} | ${v.enterprises} | ${v.records} | ${v.file_mb.toFixed(1)} | ${v.load_s.toFixed(2)} | ${v.score_s.toFixed(2)} | ${v.total_s.toFixed(2)} | ${v.enterprises_per_s.toFixed(0)} | ${v.wasm_memory_mb.toFixed(0)} | ${v.peak_rss_mb.toFixed(0)} |`);
    }
  }
}
