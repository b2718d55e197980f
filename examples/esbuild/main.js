// The package bundled by esbuild. esbuild does not rewrite `new URL('…', import.meta.url)`,
// so init() is given the .wasm's URL: the package exports the file
// (credit-supervision/credit_supervision_bg.wasm), and esbuild's `file` loader copies it
// next to the bundle and imports its URL:
//
//   esbuild main.js --bundle --format=esm --loader:.wasm=file --outdir=dist

// #region esbuild
import init, { Workspace } from 'credit-supervision';
import wasmUrl from 'credit-supervision/credit_supervision_bg.wasm';

await init({ module_or_path: new URL(wasmUrl, import.meta.url) });
// #endregion
const ws = new Workspace();
ws.generateDemo(2000, 'demo', '2026-11-28');
const { counts } = ws.score('2026-11-28');
document.getElementById('out').textContent = JSON.stringify(counts);
document.getElementById('status').textContent = 'done';
