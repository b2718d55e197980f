// Times the classes of every enterprise at 12 monthly dates (`classesAt`: one byte per enterprise
// per date, the records loaded once), then a backtest (T = as-of − 12 months) and a migration
// (as-of − 12 months → as-of), in WebAssembly under Node. The files are the generated district
// of the native `credit-supervision bench-model` (or `bench`), which writes them into --dir; the
// classes digest printed must equal the native one for the same folder.
//
//   node bench/wasm-model-bench.mjs --sizes 10000,100000,1000000 --seed bench --as-of 2026-11-28 --dir bench-data
import { readFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
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
const nDates = Number(args.dates ?? 12);
const KINDS = ['registration', 'annual_report', 'licence', 'penalty', 'inspection', 'list_entry', 'commitment', 'complaint'];

const { initSync, Workspace } = await import(join(root, 'pkg', 'credit_supervision.js'));
initSync({ module: readFileSync(join(root, 'pkg', 'credit_supervision_bg.wasm')) });

/** `date` minus `k` months, the month's last day when shorter (as the core's add_months). */
function monthsBefore(date, k) {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) - k;
  const yy = Math.floor(total / 12);
  const mm = total - yy * 12 + 1;
  const last = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  const pad = (n) => String(n).padStart(2, '0');
  return `${yy}-${pad(mm)}-${pad(Math.min(d, last))}`;
}

const dates = Array.from({ length: nDates }, (_, i) => monthsBefore(asOf, nDates - 1 - i));
console.log('| enterprises | dates | classes_at s (min) | classes_at s (median) | s per date | backtest s | migration s | classes digest |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---|');
for (const n of sizes) {
  const folder = join(dir, `${n}-${seed}-${asOf}`);
  if (!existsSync(join(folder, 'registration.csv'))) {
    throw new Error(`no files in ${folder}: run the native bench-model (or bench) first`);
  }
  const ws = new Workspace();
  for (const k of KINDS) {
    for (const r of ws.loadFile(`${k}.csv`, readFileSync(join(folder, `${k}.csv`)), JSON.stringify({ kind: k }))) {
      if (r.rejected > 0) throw new Error(`${k}: ${r.rejected} rows rejected`);
    }
  }
  ws.score(asOf);
  const times = [];
  let digest = '';
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    const c = ws.classesAt(dates);
    times.push((performance.now() - t) / 1000);
    const d = createHash('sha256').update(c.classes).digest('hex');
    if (digest && d !== digest) throw new Error('the same classes twice gave two digests');
    digest = d;
  }
  times.sort((a, b) => a - b);
  const at = monthsBefore(asOf, 12);
  let t = performance.now();
  ws.backtest(at);
  const backtestS = (performance.now() - t) / 1000;
  t = performance.now();
  ws.migration(at, asOf);
  const migrationS = (performance.now() - t) / 1000;
  const count = ws.counts().enterprises;
  console.log(`| ${count} | ${dates.length} | ${times[0].toFixed(3)} | ${times[times.length >> 1].toFixed(3)} | ${(times[0] / dates.length).toFixed(3)} | ${backtestS.toFixed(3)} | ${migrationS.toFixed(3)} | ${digest.slice(0, 16)} |`);
  ws.free();
}
