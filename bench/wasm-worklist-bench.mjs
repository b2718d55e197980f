// Times the pass that makes every work list (`workCounts`), then the repairable list's CSV and
// XLSX and the restricted roster's XLSX, in WebAssembly under Node, over the generated district
// of the native `credit-supervision bench-worklist` (or `bench`), which writes it into --dir.
// The rows printed must equal the native ones for the same folder.
//
//   node bench/wasm-worklist-bench.mjs --sizes 10000,100000,1000000 --seed bench --as-of 2026-11-28 --dir bench-data
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cpuUsage } from 'node:process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const sizes = (args.sizes ?? '10000,100000,1000000').split(',').map(Number);
const seed = args.seed ?? 'bench';
const asOf = args['as-of'] ?? '2026-11-28';
const dir = args.dir ?? 'bench-data';
const repeat = Number(args.repeat ?? 3);
const KINDS = ['registration', 'annual_report', 'licence', 'penalty', 'inspection', 'list_entry', 'commitment', 'complaint'];

const { initSync, Workspace } = await import(join(root, 'pkg', 'credit_supervision.js'));
initSync({ module: readFileSync(join(root, 'pkg', 'credit_supervision_bg.wasm')) });

const seconds = (t) => ((performance.now() - t) / 1000).toFixed(3);
console.log('| enterprises | lists s (min) | lists s (median) | lists CPU s (min) | rows | repairable CSV s | repairable XLSX s | restrictions XLSX s |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const n of sizes) {
  const folder = join(dir, `${n}-${seed}-${asOf}`);
  if (!existsSync(join(folder, 'registration.csv'))) {
    throw new Error(`no files in ${folder}: run the native bench-worklist (or bench) first`);
  }
  const ws = new Workspace();
  for (const k of KINDS) {
    for (const r of ws.loadFile(`${k}.csv`, readFileSync(join(folder, `${k}.csv`)), JSON.stringify({ kind: k }))) {
      if (r.rejected > 0) throw new Error(`${k}: ${r.rejected} rows rejected`);
    }
  }
  const times = [];
  const cpu = [];
  let rows = 0;
  for (let i = 0; i < repeat; i++) {
    ws.score(asOf); // drops the lists: only the pass is timed
    const t = performance.now();
    const c0 = cpuUsage();
    const counts = ws.workCounts();
    times.push((performance.now() - t) / 1000);
    const c = cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
    rows = counts.reduce((a, c) => a + c.total, 0);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  let t = performance.now();
  ws.workListCsv('repairable');
  const csvS = seconds(t);
  t = performance.now();
  ws.workListXlsx('repairable');
  const xlsxS = seconds(t);
  t = performance.now();
  ws.workListXlsx('restrictions');
  const restS = seconds(t);
  const count = ws.counts().enterprises;
  console.log(`| ${count} | ${times[0].toFixed(3)} | ${times[times.length >> 1].toFixed(3)} | ${cpu[0].toFixed(3)} | ${rows} | ${csvS} | ${xlsxS} | ${restS} |`);
  ws.free();
}
