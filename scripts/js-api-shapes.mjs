// Regenerates the declarations block of docs/js-api.md (the ```ts block under "Shapes
// (TypeScript)" holding `export interface`) from src/wasm/types.d.ts minus its leading `//`
// comment lines. `node scripts/js-api-shapes.mjs` rewrites the file; `--check` only says
// whether it is current (exit code 1 when not).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dts = readFileSync(join(root, 'src', 'wasm', 'types.d.ts'), 'utf8').split('\n');
let i = 0;
while (i < dts.length && (dts[i].startsWith('//') || dts[i].trim() === '')) i++;
const body = dts.slice(i).join('\n').replace(/\n*$/, '\n');
const mdPath = join(root, 'docs', 'js-api.md');
const md = readFileSync(mdPath, 'utf8');
const at = md.indexOf('### Shapes (TypeScript)');
if (at < 0) throw new Error('docs/js-api.md has no "### Shapes (TypeScript)" section');
const re = /```ts\n([\s\S]*?)```/g;
re.lastIndex = at;
let m;
while ((m = re.exec(md)) && !/export interface/.test(m[1]));
if (!m) throw new Error('no ```ts block of declarations under "Shapes (TypeScript)"');
const next = md.slice(0, m.index) + '```ts\n' + body + '```' + md.slice(m.index + m[0].length);
if (process.argv.includes('--check')) {
  if (next !== md) {
    console.error('docs/js-api.md: the declarations block is not current; run node scripts/js-api-shapes.mjs');
    process.exit(1);
  }
} else if (next !== md) {
  writeFileSync(mdPath, next);
  console.log('docs/js-api.md: declarations block regenerated');
}
