// Times a one-year inspection plan (4 rounds) in WebAssembly under Node: the generated
// district and its roster and item list are loaded and scored once, a draw computes the records
// digest, then `plan` runs --repeat times. The files come from the native
// `credit-supervision bench-plan`, which generates them (roster included) into --dir; the
// digest printed must equal the native one for the same folder.
//
//   node bench/wasm-plan-bench.mjs --sizes 10000,100000,1000000 --seed bench --as-of 2026-11-28 --dir bench-data
import { readFileSync, existsSync } from 'node:fs';
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
const repeat = Number(args.repeat ?? 5);
const KINDS = ['registration', 'annual_report', 'licence', 'penalty', 'inspection', 'list_entry', 'commitment', 'complaint', 'inspector', 'item'];

const { initSync, Workspace } = await import(join(root, 'pkg', 'credit_supervision.js'));
initSync({ module: readFileSync(join(root, 'pkg', 'credit_supervision_bg.wasm')) });

console.log('| enterprises | inspectors | visits | unstaffed | plan s (min) | plan s (median) | digest |');
console.log('|---:|---:|---:|---:|---:|---:|---|');
for (const n of sizes) {
  const folder = join(dir, `${n}-${seed}-${asOf}`);
  if (!existsSync(join(folder, 'inspector.csv'))) {
    throw new Error(`no roster in ${folder}: run the native bench-plan first`);
  }
  const ws = new Workspace();
  for (const k of KINDS) {
    for (const r of ws.loadFile(`${k}.csv`, readFileSync(join(folder, `${k}.csv`)), JSON.stringify({ kind: k }))) {
      if (r.rejected > 0) throw new Error(`${k}: ${r.rejected} rows rejected`);
    }
  }
  ws.score(asOf);
  ws.draw('bench-plan');
  const times = [];
  let view;
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    view = ws.plan('bench-plan', '2027-01-01');
    times.push((performance.now() - t) / 1000);
  }
  times.sort((a, b) => a - b);
  const s = view.summary;
  console.log(`| ${s.population} | ${s.inspectors} | ${s.visits} | ${s.unstaffedVisits} | ${times[0].toFixed(3)} | ${times[times.length >> 1].toFixed(3)} | ${view.digest.slice(0, 16)} |`);
  ws.free();
}
