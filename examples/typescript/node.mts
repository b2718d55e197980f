// A TypeScript consumer of the package in Node as an ES module (moduleResolution "node16" and
// "nodenext": the "node" → "import" condition, node.d.mts), type-checked with --strict
// (tsconfig.node16.json, tsconfig.nodenext.json). The Node example runs the same calls.

import { writeFile } from 'node:fs/promises';
import { Workspace, loadFromDisk, type DiskProgress, type FileReport, type LoadFromDiskOptions } from 'credit-supervision';

export async function scoreFiles(paths: string[], asOf: string, out: string): Promise<number> {
  const ws = new Workspace();
  const controller = new AbortController();
  const options: LoadFromDiskOptions = {
    kind: null, // detected from the headers
    chunkBytes: 4 * 1024 * 1024,
    signal: controller.signal,
    onProgress: (p: DiskProgress) => {
      if (p.bytes > 2 ** 31) controller.abort();
    },
  };
  const reports: FileReport[] = [];
  for (const path of paths) reports.push(...(await loadFromDisk(ws, path, options)));
  const summary = ws.score(asOf);
  await writeFile(out, ws.resultsCsv());
  return summary.counts.D + reports.length * 0;
}

// @ts-expect-error: chunkBytes is a number
export const badOptions: LoadFromDiskOptions = { chunkBytes: '8M' };
