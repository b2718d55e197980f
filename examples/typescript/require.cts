// A TypeScript consumer of the package in Node as CommonJS (the "node" → "require" condition,
// credit_supervision.d.cts), type-checked with --strict (tsconfig.node16.json,
// tsconfig.nodenext.json). Compiled, `import … from` here is a require().

import { Workspace, loadFromDisk, version, type ScoreSummary } from 'credit-supervision';

export async function demo(path: string): Promise<ScoreSummary> {
  const ws = new Workspace();
  ws.generateDemo(2000, 'demo', '2026-11-28');
  await loadFromDisk(ws, path, { kind: 'penalty' });
  console.log(version());
  return ws.score('2026-11-28');
}

// @ts-expect-error: kind is a record kind code
export const badKind = (ws: Workspace) => loadFromDisk(ws, 'x.csv', { kind: 'penalties' });
