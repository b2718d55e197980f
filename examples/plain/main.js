// The package in a plain page (index.html maps the bare name with an import map). `init()`
// fetches credit_supervision_bg.wasm from beside credit_supervision.js; the server must send it
// as application/wasm (or the slower fallback is used, with a console warning).

// #region plain
import init, { Workspace, version } from 'credit-supervision';

await init();
const ws = new Workspace();
ws.generateDemo(2000, 'demo', '2026-11-28');
const { counts } = ws.score('2026-11-28');
document.getElementById('out').textContent = `credit-supervision ${version()}: ${JSON.stringify(counts)}`;
// #endregion
document.getElementById('status').textContent = 'done';
