// Loads the CSV files of a folder from disk, scores the enterprises, explains the riskiest one,
// draws the inspection sample, plans the year's inspections and writes the results as CSV — the package in Node, as an
// integrator runs it. Every file is streamed in chunks (`loadFromDisk`), so the same script
// loads a district of 1,000,000 enterprises (make example-1m) without holding a file whole.
//
//   node score-files.mjs <folder of CSV files> <as-of YYYY-MM-DD> <results.csv>
//
// Writes <results.csv>, <results>-draw.csv, <results>-plan-public.csv and <results>-plan.json
// (the plan uses the inspector roster and item list when the folder holds them); prints what it did, and last a line
// `summary {...}` (JSON: counts, digests, seconds, peak memory) that tests/package reads.

import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Workspace, loadFromDisk, version } from 'credit-supervision';

const [dir, asOf, out] = process.argv.slice(2);
if (!dir || !asOf || !out) {
  console.error('usage: node score-files.mjs <folder of CSV files> <as-of YYYY-MM-DD> <results.csv>');
  process.exit(2);
}
const tty = process.stderr.isTTY;
const seconds = (since) => Number(((performance.now() - since) / 1000).toFixed(2));
console.log(`credit-supervision ${version()}`);

let t = performance.now();
// #region load
const ws = new Workspace();
const names = (await readdir(dir)).filter((name) => name.endsWith('.csv')).sort();
for (const name of names) {
  const [report] = await loadFromDisk(ws, join(dir, name), {
    onProgress: ({ file, fraction, rows }) => {
      if (tty) process.stderr.write(`\r${file}: ${Math.round(fraction * 100)} %, ${rows ?? 0} rows`);
    },
  });
  if (tty) process.stderr.write('\n');
  console.log(`${report.file} (${report.kind}): ${report.accepted} of ${report.rowsRead} rows accepted, ${report.rejected} rejected`);
  for (const e of report.errors.slice(0, 3)) console.log(`  line ${e.line}, ${e.column}: ${e.message}`);
}
// #endregion
const loadSeconds = seconds(t);

t = performance.now();
// #region score
const summary = ws.score(asOf);
const { A, B, C, D } = summary.counts;
console.log(`${summary.enterprises} enterprises as of ${summary.asOf}: A ${A}, B ${B}, C ${C}, D ${D}`);
console.log(`policy digest ${summary.policyDigest}`);
// #endregion
const scoreSeconds = seconds(t);

// #region explain
const [riskiest] = ws.rows(ws.order('score', false, 4).subarray(0, 1)); // class D, lowest score first
if (riskiest) {
  const why = ws.explain(riskiest.uscc);
  console.log(`riskiest: ${why.name} (${why.uscc}), ${why.score} points, class ${why.class}`);
  for (const reason of why.reasons.slice(0, 3)) console.log(`  ${reason.points} ${reason.en}`);
}
// #endregion

// #region draw
const draw = ws.draw('2026 round 4', 0.05);
console.log(`drawn ${draw.sampleSize} of ${draw.population}; publish the digest ${draw.digest}`);
// #endregion

// #region plan
const plan = ws.plan('2027 inspection plan', '2027-01-01'); // seed (publish it) and the cycle's first day
const { planned, visits, rounds, targetMet } = plan.summary;
console.log(`plan: ${planned} enterprises, ${visits} visits in ${rounds.length} rounds, target met: ${targetMet}`);
for (const note of plan.summary.notes) console.log(`  ${note}`);
// #endregion

// #region export
await writeFile(out, ws.resultsCsv()); // UTF-8 with BOM: opens in Excel
const stem = out.replace(/\.csv$/, '');
await writeFile(`${stem}-draw.csv`, ws.drawCsv());
await writeFile(`${stem}-plan-public.csv`, ws.planPublicCsv()); // 一公开: no class, score or reason
await writeFile(`${stem}-plan.json`, ws.planJson());
// #endregion

console.log(
  'summary ' +
    JSON.stringify({
      enterprises: summary.enterprises,
      counts: summary.counts,
      policyDigest: summary.policyDigest,
      drawDigest: draw.digest,
      sampleSize: draw.sampleSize,
      planDigest: plan.digest,
      loadSeconds,
      scoreSeconds,
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
);
