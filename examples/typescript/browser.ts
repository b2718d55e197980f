// A TypeScript consumer of the package in a browser or a bundler (moduleResolution "bundler"),
// type-checked with --strict against the installed package (tsconfig.bundler.json). Never run:
// the Vite example runs the same calls.

import init, {
  initSync,
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

// #region init-explicit
// Where the .wasm cannot be found beside the module (esbuild without a file loader, a CDN, a
// page that may not fetch), give init its URL or bytes:
export async function initFrom(source: URL | string | Uint8Array | WebAssembly.Module): Promise<void> {
  await init({ module_or_path: source });
}
// Synchronously (e.g. in a classic worker), from bytes or a compiled module:
export function initFromBytes(bytes: Uint8Array): void {
  initSync({ module: bytes });
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
