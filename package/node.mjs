// The Node entry of credit-supervision (the `exports` condition "node" → "import").
//
// The same core as the browser build (`credit_supervision.js`), initialised here, on import,
// from the .wasm next to this file — synchronously, so there is no top-level await and
// `import { Workspace } from 'credit-supervision'` is ready to use. `init()` and `initSync()`
// stay exported and do nothing more once the module is initialised. `loadFromDisk` streams a
// file from disk into a Workspace (stream.cjs).

import { readFileSync } from 'node:fs';
import * as core from './credit_supervision.js';
import { makeLoader } from './stream.cjs';

core.initSync({ module: readFileSync(new URL('./credit_supervision_bg.wasm', import.meta.url)) });

export * from './credit_supervision.js';
export { default } from './credit_supervision.js';
export const { loadFromDisk } = makeLoader(core);
