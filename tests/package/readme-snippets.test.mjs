// The package README's code is the examples' code: every ```js, ```ts and ```html block of
// package/README.md follows a marker `<!-- snippet: examples/<file>#<region> -->`, and its text
// is that region of the example file — the lines between `// #region <name>` and
// `// #endregion` (`<!-- #region <name> -->` in HTML), with their common indentation removed.
// The examples run in CI (examples.test.mjs), so the README shows code that runs.
//
//   node --test tests/package/readme-snippets.test.mjs
//   node tests/package/readme-snippets.test.mjs --write    rewrites the README's blocks from the examples

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const README = join(REPO, 'package', 'README.md');
const CHECKED = new Set(['js', 'ts', 'mjs', 'cjs', 'html']);
const MARKER = /^<!-- snippet: (examples\/[^#\s]+)#([\w-]+) -->$/;

/** The lines of `region` in `file`, dedented. */
export function region(file, name) {
  const lines = readFileSync(join(REPO, file), 'utf8').split('\n');
  const open = (l) => new RegExp(`^\\s*(//|<!--) #region ${name}( -->)?\\s*$`).test(l);
  const start = lines.findIndex(open);
  assert.ok(start >= 0, `${file} has no region ${name}`);
  assert.equal(lines.findIndex((l, i) => i > start && open(l)), -1, `${file}: region ${name} twice`);
  const end = lines.findIndex((l, i) => i > start && /^\s*(\/\/|<!--) #endregion( -->)?\s*$/.test(l));
  assert.ok(end > start, `${file}: region ${name} is not closed`);
  const body = lines.slice(start + 1, end);
  const indent = Math.min(...body.filter((l) => l.trim()).map((l) => l.match(/^ */)[0].length));
  return body.map((l) => l.slice(indent)).join('\n');
}

/** The fenced blocks of the README: `{ lang, body, start, end, marker }` (line indexes). */
export function blocks(text) {
  const lines = text.split('\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = lines[i].match(/^```(\w*)\s*$/);
    if (!fence || !fence[1]) continue;
    const end = lines.findIndex((l, j) => j > i && l === '```');
    assert.ok(end > i, `README line ${i + 1}: a code block is not closed`);
    let k = i - 1;
    while (k >= 0 && lines[k].trim() === '') k--;
    const m = k >= 0 ? lines[k].match(MARKER) : null;
    out.push({ lang: fence[1], body: lines.slice(i + 1, end).join('\n'), start: i, end, marker: m && { file: m[1], name: m[2] } });
    i = end;
  }
  return out;
}

if (process.argv.includes('--write')) {
  const lines = readFileSync(README, 'utf8').split('\n');
  for (const b of blocks(lines.join('\n')).reverse()) {
    if (b.marker) lines.splice(b.start + 1, b.end - b.start - 1, ...region(b.marker.file, b.marker.name).split('\n'));
  }
  writeFileSync(README, lines.join('\n'));
  console.log(`rewrote the snippets of ${README}`);
} else {
  test('every code block of package/README.md is a region of an example, verbatim', () => {
    const found = blocks(readFileSync(README, 'utf8'));
    const checked = found.filter((b) => CHECKED.has(b.lang));
    assert.ok(checked.length >= 8, `only ${checked.length} checked blocks`);
    for (const b of found) {
      const where = `README line ${b.start + 1} (\`\`\`${b.lang})`;
      if (!b.marker) {
        assert.ok(!CHECKED.has(b.lang), `${where}: no <!-- snippet: examples/…#region --> marker above it`);
        continue;
      }
      assert.equal(b.body, region(b.marker.file, b.marker.name), `${where} differs from ${b.marker.file}#${b.marker.name} (node ${join('tests', 'package', 'readme-snippets.test.mjs')} --write)`);
    }
  });

  test('the region parser: dedents, and refuses a missing region', () => {
    assert.match(region('examples/vite/main.js', 'init'), /^await init\(\);/);
    assert.throws(() => region('examples/vite/main.js', 'no-such-region'), /has no region/);
    const [b] = blocks('<!-- snippet: examples/x.js#a -->\n\n```js\nx\n```\n');
    assert.deepEqual(b.marker, { file: 'examples/x.js', name: 'a' });
    assert.equal(blocks('```ts\ny\n```\n')[0].marker, null);
  });
}
