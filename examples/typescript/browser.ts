// A TypeScript consumer of the package in a browser or a bundler (moduleResolution "bundler"),
// type-checked with --strict against the installed package (tsconfig.bundler.json). Never run:
// the Vite example runs the same calls.

import init, {
  Workspace,
  vocabulary,
  type ClassLetter,
  type CreditSupervisionError,
  type Draw,
  type Explanation,
  type FileReport,
  type LoadOptions,
  type ProgressCallback,
  type ScoreSummary,
} from 'credit-supervision';

// #region typed
export async function scoreFile(file: File, asOf: string): Promise<Record<ClassLetter, number>> {
  await init(); // or: await init({ module_or_path: wasmUrlOrBytes })
  const ws = new Workspace();
  const options: LoadOptions = { encoding: 'gbk', size: file.size };
  const onProgress: ProgressCallback = (stage, fraction) => {
    console.log(stage, fraction);
    return true; // false cancels
  };
  try {
    const reports: FileReport[] = ws.loadFile(file.name, new Uint8Array(await file.arrayBuffer()), JSON.stringify(options), onProgress);
    console.log(reports.map((r) => `${r.file}: ${r.accepted}/${r.rowsRead}`).join('\n'));
    const summary: ScoreSummary = ws.score(asOf, onProgress);
    return summary.counts;
  } catch (err) {
    const e = err as CreditSupervisionError;
    if (e.code === 'csv') throw new Error(`${e.file ?? ''} line ${e.line ?? '?'}: ${e.message} (${e.reason ?? ''})`);
    throw err;
  } finally {
    ws.free();
  }
}
// #endregion

export function explainAndDraw(ws: Workspace, uscc: string): [Explanation, Draw] {
  const why = ws.explain(uscc);
  const points: number = why.reasons.reduce((sum, r) => sum + r.points, 0);
  // @ts-expect-error: a reason's points are a number, not text
  const wrong: string = why.reasons[0].points;
  void wrong;
  console.log(points, vocabulary().classes.map((c) => c.zh));
  return [why, ws.draw('2026 round 4', 0.05)];
}

// @ts-expect-error: `order` takes a sort key of the declared union only
export const badKey = (ws: Workspace) => ws.order('colour', false);
