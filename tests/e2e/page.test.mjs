// End-to-end test of the page (www/) in Debian's Chromium, driven by playwright-core.
//
//   npm run e2e          (needs pkg/ from `wasm-pack build --target web` and /usr/bin/chromium)
//
// Starts www/serve.mjs on 127.0.0.1 with a free port, scores the demo district in the page and
// compares the class counts with the native CLI's for the same inputs, then checks sorting,
// the explanation panel, the draw's reproducibility, loading CSV files with a bad row, and
// cancelling. Screenshots go to target/e2e/.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { REPO, RUN_TIMEOUT, SHOTS, cli, downloadText as download, harness, waitForRun } from './harness.mjs';

const FIXTURES = join(REPO, 'tests', 'e2e', 'fixtures');
const AS_OF = '2026-11-28';
const DEMO_SIZE = 20000;
const DEMO_SEED = 'demo';

const h = harness();
before(() => h.start());
after(() => h.stop());
const openPage = (query) => h.openPage(query);

/** A raw GET on the test server, without URL normalisation (for the traversal checks). */
function rawGet(path, headers = {}) {
  const { hostname, port } = new URL(h.baseUrl);
  return new Promise((ok, fail) => {
    const req = request({ host: hostname, port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => ok({ status: res.statusCode, type: res.headers['content-type'], csp: res.headers['content-security-policy'], body }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** The native CLI's summary for the demo inputs. */
async function cliSummary() {
  return JSON.parse(await cli(['score', '--demo', String(DEMO_SIZE), '--seed', DEMO_SEED, '--as-of', AS_OF, '--summary-json']));
}

/** The whole number shown in an element, thousands separators removed. */
async function numberIn(page, selector) {
  const text = (await page.locator(selector).textContent()).trim();
  assert.match(text, /^[\d,]+$/, `${selector} shows "${text}", not a whole number`);
  return Number(text.replaceAll(',', ''));
}

/** Clicks the download button at `selector` and returns the file's name and text. */
const downloadText = (page, selector) => download(page, page.locator(selector));

test('serve.mjs: 127.0.0.1 only, MIME types, no listings, no traversal', async () => {
  assert.match(h.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const index = await rawGet('/');
  assert.equal(index.status, 200);
  assert.match(index.type, /^text\/html/);
  // The Content-Security-Policy, sent as a header and repeated in the page.
  for (const directive of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'",
    "base-uri 'none'", "form-action 'none'"]) {
    assert.ok(index.csp.includes(directive), `CSP header lacks ${directive}: ${index.csp}`);
    assert.ok(index.body.includes(directive), `the page's CSP <meta> lacks ${directive}`);
  }
  assert.doesNotMatch(index.body, /<script(?![^>]*\bsrc=)[^>]*>/, 'inline <script> in index.html');
  assert.doesNotMatch(index.body, /\son[a-z]+=/i, 'inline event handler in index.html');
  // Only 127.0.0.1:PORT and localhost:PORT are served (DNS rebinding).
  const { port } = new URL(h.baseUrl);
  assert.equal((await rawGet('/', { Host: `localhost:${port}` })).status, 200);
  assert.equal((await rawGet('/', { Host: `evil.example:${port}` })).status, 421);
  assert.equal((await rawGet('/', { Host: '127.0.0.1:1' })).status, 421);
  const js = await rawGet('/app.js');
  assert.match(js.type, /^text\/javascript/);
  const pkgJs = await rawGet('/pkg/credit_supervision.js');
  assert.equal(pkgJs.status, 200);
  assert.match(pkgJs.type, /^text\/javascript/);
  const wasm = await rawGet('/pkg/credit_supervision_bg.wasm');
  assert.equal(wasm.status, 200);
  assert.equal(wasm.type, 'application/wasm');
  assert.equal(wasm.body.slice(0, 4), '\0asm');
  for (const path of ['/pkg/', '/pkg', '/fixtures/', '/../Cargo.toml', '/..%2fCargo.toml', '/%2e%2e/Cargo.toml',
    '/pkg/..%2f..%2fCargo.toml', '/pkg/%2e%2e/www/index.html', '/%00index.html', '/nope.html']) {
    const res = await rawGet(path);
    assert.notEqual(res.status, 200, `${path} must not be served`);
    assert.doesNotMatch(res.body, /\[package\]/, `${path} leaked Cargo.toml`);
  }
});

test('demo district: counts match the native CLI; sort, explain, draw', async () => {
  const cliSaid = await cliSummary();
  const { page, context, problems } = await openPage(`/?asOf=${AS_OF}&size=${DEMO_SIZE}&seed=${DEMO_SEED}`);
  try {
    assert.equal(await page.locator('#as-of').inputValue(), AS_OF);
    assert.equal(await page.locator('#demo-size').inputValue(), String(DEMO_SIZE));
    assert.equal(await page.locator('#demo-seed').inputValue(), DEMO_SEED);

    await page.getByRole('button', { name: '生成示例数据并评分' }).click();
    await waitForRun(page);

    // Class distribution: adds up, and equals the CLI's for the same inputs.
    const counts = {};
    for (const k of ['A', 'B', 'C', 'D', 'none']) counts[k] = await numberIn(page, `#count-${k}`);
    const total = await numberIn(page, '#total');
    assert.equal(counts.A + counts.B + counts.C + counts.D + counts.none, total, 'the classes do not add up to the total');
    assert.equal(total, DEMO_SIZE);
    assert.equal(total, cliSaid.enterprises);
    assert.deepEqual(
      { A: counts.A, B: counts.B, C: counts.C, D: counts.D, unclassified: counts.none },
      { A: cliSaid.counts.A, B: cliSaid.counts.B, C: cliSaid.counts.C, D: cliSaid.counts.D, unclassified: cliSaid.unclassified },
      'the page and the CLI disagree (is pkg/ older than src/? rebuild it: wasm-pack build --target web)',
    );
    assert.match(await page.locator('#total').textContent(), /^20,000$/, 'thousands separator');

    // Table: 50 rows a page; sorting by score (first click: ascending).
    const rows = page.locator('#table tbody tr[data-uscc]');
    assert.equal(await rows.count(), 50);
    await page.locator('#table th[data-key="score"] button').click();
    await page.locator('#table[data-sort="score:ascending"][data-page="1"]').waitFor();
    assert.equal(await page.locator('#table th[data-key="score"]').getAttribute('aria-sort'), 'ascending');
    const scores = await page.locator('#table tbody td.score').evaluateAll((tds) => tds.map((td) => Number(td.dataset.score)));
    assert.equal(scores.length, 50);
    assert.ok(scores.every(Number.isFinite), 'scores must be numbers');
    assert.ok(scores[0] <= scores[1], `first row's score ${scores[0]} > second's ${scores[1]}`);
    for (let i = 1; i < scores.length; i++) assert.ok(scores[i - 1] <= scores[i], `scores not ascending at row ${i + 1}`);

    // Second click: descending, and the first page now starts at the top score.
    await page.locator('#table th[data-key="score"] button').click();
    await page.locator('#table[data-sort="score:descending"][data-page="1"]').waitFor();
    const topScores = await page.locator('#table tbody td.score').evaluateAll((tds) => tds.map((td) => Number(td.dataset.score)));
    assert.ok(topScores[0] >= topScores[1]);
    assert.ok(topScores[0] >= scores[49]);

    // Paging.
    const firstUscc = await rows.first().getAttribute('data-uscc');
    await page.locator('#page-next').click();
    await page.locator('#table[data-sort="score:descending"][data-page="2"]').waitFor();
    assert.notEqual(await rows.first().getAttribute('data-uscc'), firstUscc);
    assert.match(await page.locator('#page-info').textContent(), /第 2 \/ 400 页/);
    await page.locator('#page-prev').click();
    await page.locator('#table[data-page="1"]').waitFor();

    // Explanation of a clicked row.
    const row = rows.nth(1);
    const uscc = await row.getAttribute('data-uscc');
    const rowScore = (await row.locator('td.score').textContent()).trim();
    await row.click();
    await page.locator(`#detail[data-uscc="${uscc}"]`).waitFor();
    assert.equal((await page.locator('#detail-uscc').textContent()).trim(), uscc);
    assert.equal((await page.locator('#detail-score').textContent()).trim(), rowScore);

    // The lowest-scored enterprise's detail view shows its repair options, from the core.
    await page.locator('#table th[data-key="score"] button').click();
    await page.locator('#table[data-sort="score:ascending"][data-page="1"]').waitFor();
    const worst = await rows.first().getAttribute('data-uscc');
    await rows.first().click();
    await page.locator(`#detail[data-uscc="${worst}"] #repair-options li`).first().waitFor();
    const options = await page.locator('#repair-options > li').allTextContents();
    assert.ok(options.length > 0, 'no repair options');
    assert.ok(options.every((o) => /第\d+号|条款待核对/.test(o)), `an option without its legal basis: ${JSON.stringify(options)}`);
    assert.match(await page.locator('#detail-regime').textContent(), /107/);

    // Inspection draw: a positive sample, the same list for the same seed.
    const ratio = Number(await page.locator('#draw-ratio').inputValue());
    assert.ok(ratio > 0 && ratio <= 100, `the default ratio from the policy is ${ratio}%`);
    await page.locator('#draw-seed').fill('e2e');
    await page.getByRole('button', { name: '抽取', exact: true }).click();
    await page.locator('#draw-result[data-runs="1"]').waitFor();
    const size = await numberIn(page, '#draw-size');
    assert.ok(size > 0, 'the draw selected no one');
    const listed = () => page.locator('#draw-list tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.uscc));
    const first = await listed();
    assert.equal(first.length, Math.min(size, 1000));
    const perClass = await page.locator('#draw-classes tbody tr td:last-child').evaluateAll((tds) =>
      tds.map((td) => Number(td.textContent.replaceAll(',', ''))));
    assert.equal(perClass.reduce((a, b) => a + b, 0), size, 'per-class samples do not add up to the draw size');
    const digest = await page.locator('#draw-result').getAttribute('data-digest');
    await page.getByRole('button', { name: '抽取', exact: true }).click();
    await page.locator('#draw-result[data-runs="2"]').waitFor();
    assert.equal(await numberIn(page, '#draw-size'), size);
    assert.deepEqual(await listed(), first, 'the same seed gave another list');
    assert.equal(await page.locator('#draw-result').getAttribute('data-digest'), digest);

    // Downloads (Blob URLs): every enterprise's result, and the draw.
    const results = await downloadText(page, '#btn-results-csv');
    assert.ok(results.name.endsWith('.csv'), results.name);
    assert.ok(results.text.startsWith('\uFEFF统一社会信用代码,'), 'the results CSV starts with a BOM and the Chinese header');
    const resultLines = results.text.split(/\r?\n/).filter((l) => /^[0-9A-Z]{18},/.test(l));
    assert.equal(resultLines.length, DEMO_SIZE);
    const drawn = await downloadText(page, '#btn-draw-csv');
    assert.ok(drawn.text.startsWith('\uFEFF'));
    assert.equal(drawn.text.split(/\r?\n/).filter((l) => /^\d+,[0-9A-Z]{18},/.test(l)).length, size);
    assert.ok(drawn.text.includes('e2e'), 'the draw CSV names its seed');
    assert.ok(drawn.text.includes(digest), 'the draw CSV carries the digest shown');
    // Byte for byte the CLI's files for the same district, seed and policy (the Spark job's
    // are the CLI's too: spark/test_sameness.py).
    const cliFile = async (args, name) => {
      const path = join(SHOTS, name);
      await cli([...args, '--demo', String(DEMO_SIZE), '--seed', DEMO_SEED, '--as-of', AS_OF, '--out-csv', path]);
      return readFileSync(path, 'utf8');
    };
    assert.equal(results.text, await cliFile(['score'], 'cli-results.csv'), 'the results CSV differs from the CLI\'s');
    assert.equal(drawn.text, await cliFile(['draw', '--draw-seed', 'e2e'], 'cli-draw.csv'),
      'the draw CSV differs from the CLI\'s');

    // English, and back.
    await page.locator('#lang').click();
    assert.equal((await page.locator('#status').textContent()).trim(), 'done');
    assert.match(await page.locator('h1').textContent(), /Dongxihu/);
    await page.locator('#lang').click();
    assert.equal((await page.locator('#status').textContent()).trim(), '完成');

    assert.deepEqual(problems, []);
    await page.screenshot({ path: join(SHOTS, 'page.png'), fullPage: true });
  } finally {
    await context.close();
  }
});

test('audit trail: a class adjusted by hand is exported, and imported into a fresh page gives the same class', async () => {
  const classOf = async (page) => (await page.locator('#detail-class').textContent()).trim();
  const openFirst = async (page) => {
    await page.getByRole('button', { name: '生成示例数据并评分' }).click();
    await waitForRun(page);
    // The first row of the first order (USCC ascending): the same enterprise in both pages.
    const row = page.locator('#table tbody tr[data-uscc]').first();
    const uscc = await row.getAttribute('data-uscc');
    await row.click();
    await page.locator(`#detail[data-uscc="${uscc}"] #audit-form`).waitFor();
    return uscc;
  };
  const query = `/?asOf=${AS_OF}&size=${DEMO_SIZE}&seed=${DEMO_SEED}`;
  const first = await openPage(query);
  let trail;
  let uscc;
  let adjusted;
  try {
    uscc = await openFirst(first.page);
    const computed = await classOf(first.page);
    adjusted = computed === 'D' ? 'C' : 'D';
    await first.page.locator('#audit-who').fill('张三');
    await first.page.locator('#audit-reason').fill('复核后人工调整');
    await first.page.locator('#audit-class').selectOption(adjusted);
    await first.page.locator('#audit-class-submit').click();
    await first.page.locator('#audit-message', { hasText: '已记录第 1 条审计记录' }).waitFor();
    assert.equal(await classOf(first.page), adjusted, 'the detail view does not show the class set by hand');
    trail = await downloadText(first.page, '#audit-download');
    assert.ok(trail.text.includes(uscc) && trail.text.includes('复核后人工调整'), trail.text);
    assert.deepEqual(first.problems, []);
  } finally {
    await first.context.close();
  }
  const second = await openPage(query);
  try {
    assert.equal(await openFirst(second.page), uscc);
    assert.notEqual(await classOf(second.page), adjusted, 'a fresh page already has the adjustment');
    await second.page.locator('#audit-import').setInputFiles({ name: '审计记录.csv', mimeType: 'text/csv', buffer: Buffer.from(trail.text) });
    await second.page.locator('#audit-message', { hasText: '已载入 1 条审计记录' }).waitFor();
    assert.equal(await classOf(second.page), adjusted, 'the imported trail did not set the class');
    assert.deepEqual(second.problems, []);
  } finally {
    await second.context.close();
  }
});

test('CSV files: a bad row is reported with its line, the good rows are scored', async () => {
  const { page, context, problems } = await openPage(`/?asOf=${AS_OF}`);
  try {
    await page.locator('#file-input').setInputFiles([join(FIXTURES, 'penalty.csv'), join(FIXTURES, 'registration.csv'), join(FIXTURES, 'roster.csv')]);
    await page.getByRole('button', { name: '载入并评分' }).click();
    await waitForRun(page);

    // The roster is no record file: named as the core names its kind, counted apart, its bad
    // 回避对象 USCC rejected with its line.
    const roster = page.locator('#load-report table.load-files tr[data-file="roster.csv"]');
    assert.equal(await roster.locator('td.kind').getAttribute('data-kind'), 'inspector');
    const core = await import(join(REPO, 'pkg', 'credit_supervision.js'));
    core.initSync({ module: readFileSync(join(REPO, 'pkg', 'credit_supervision_bg.wasm')) });
    const kindZh = core.columns().find((k) => k.kind === 'inspector')?.kindZh;
    assert.ok(kindZh, 'the core names the roster kind');
    assert.equal((await roster.locator('td.kind').textContent()).trim(), kindZh);
    assert.equal((await roster.locator('td.accepted').textContent()).trim(), '2');
    assert.equal((await roster.locator('td.rejected').textContent()).trim(), '1');
    const rosterErrors = page.locator('#load-report .file-errors[data-file="roster.csv"] table.errors tbody tr');
    assert.equal((await rosterErrors.locator('td.line').textContent()).trim(), '4');
    assert.match(await page.locator('#load-report .load-totals').textContent(), new RegExp(`${kindZh} 2`));

    const reg = page.locator('#load-report table.load-files tr[data-file="registration.csv"]');
    const pen = page.locator('#load-report table.load-files tr[data-file="penalty.csv"]');
    assert.equal((await reg.locator('td.rows-read').textContent()).trim(), '6');
    assert.equal((await reg.locator('td.accepted').textContent()).trim(), '5');
    assert.equal((await reg.locator('td.rejected').textContent()).trim(), '1');
    assert.equal((await pen.locator('td.rejected').textContent()).trim(), '0');
    assert.equal((await pen.locator('td.accepted').textContent()).trim(), '3');
    assert.equal(await page.locator('#load-report .file-errors[data-file="penalty.csv"]').count(), 0);
    const errors = page.locator('#load-report .file-errors[data-file="registration.csv"] table.errors tbody tr');
    assert.equal(await errors.count(), 1);
    assert.equal((await errors.locator('td.line').textContent()).trim(), '5');
    assert.match(await errors.locator('td.value').textContent(), /91420112MA4K000006/);
    assert.ok((await errors.locator('td.message').textContent()).trim().length > 0, 'the error has no message');

    const total = await numberIn(page, '#total');
    assert.equal(total, 5);
    let sum = 0;
    for (const k of ['A', 'B', 'C', 'D', 'none']) sum += await numberIn(page, `#count-${k}`);
    assert.equal(sum, total);
    assert.equal(await numberIn(page, '#count-none'), 1, 'the deregistered enterprise is not classified');
    assert.equal(await page.locator('#table tbody tr[data-uscc]').count(), 5);

    // The penalty of the fixture shows in the enterprise's explanation, with its date.
    await page.locator('#table tbody tr[data-uscc="914403001922038216"]').click();
    await page.locator('#detail[data-uscc="914403001922038216"]').waitFor();
    const reasons = await page.locator('#detail .reasons-list li').allTextContents();
    assert.ok(reasons.some((r) => r.includes('2026-05-20')), `no reason dated 2026-05-20 in ${JSON.stringify(reasons)}`);

    assert.deepEqual(problems, []);
    await page.screenshot({ path: join(SHOTS, 'load.png'), fullPage: true });
  } finally {
    await context.close();
  }
});

test('cancel stops a long run, and the page works again afterwards', async () => {
  const { page, context, problems } = await openPage(`/?asOf=${AS_OF}&size=2000000&seed=cancel`);
  try {
    await page.locator('#btn-demo').click();
    // Cancel once the worker has reported progress (so the run is under way).
    await page.waitForFunction(() => document.querySelector('#progress').value > 0, null, { timeout: RUN_TIMEOUT });
    await page.locator('#btn-cancel').click();
    await page.waitForFunction(
      () => ['done', 'error', 'cancelled'].includes(document.querySelector('#status').dataset.state),
      null,
      { timeout: RUN_TIMEOUT },
    );
    assert.equal(await page.locator('#status').getAttribute('data-state'), 'cancelled');
    assert.equal((await page.locator('#status').textContent()).trim(), '已取消');
    assert.ok(await page.locator('#dist-card').isHidden(), 'a cancelled run shows no results');

    await page.locator('#demo-size').fill('500');
    await page.locator('#btn-demo').click();
    await waitForRun(page);
    assert.equal(await numberIn(page, '#total'), 500);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------------
// Loading real files (issue 3): encodings, XLSX, rejected rows, header mapping. The fixtures are
// described in tests/e2e/fixtures/README.md.
// ---------------------------------------------------------------------------------------------

/** The text of one cell of the load summary's row for a file (and sheet). */
async function summaryCell(page, file, cls, sheet) {
  const sel = `#load-report table.load-files tr[data-file="${file}"]${sheet ? `[data-sheet="${sheet}"]` : ''} td.${cls}`;
  return (await page.locator(sel).textContent()).trim();
}

/** Loads the chosen fixtures through the page's file input and waits for the run. */
async function loadFixtures(page, names) {
  await page.locator('#file-input').setInputFiles(names.map((n) => resolve(FIXTURES, n)));
  await page.getByRole('button', { name: '载入并评分' }).click();
  await waitForRun(page);
}

/** The texts of the reasons in the explanation of one enterprise of the table. */
async function reasonsOf(page, uscc) {
  await page.locator(`#table tbody tr[data-uscc="${uscc}"]`).click();
  await page.locator(`#detail[data-uscc="${uscc}"]`).waitFor();
  return page.locator('#detail .reasons-list li').allTextContents();
}

test('GBK CSV: encoding detected, the bad row reported and downloadable, the good rows scored', async () => {
  const { page, context, problems } = await openPage(`/?asOf=${AS_OF}`);
  try {
    // With it, a binary file named .csv: an error for that file alone.
    const binary = join(SHOTS, 'scan.csv');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3]));
    await loadFixtures(page, ['registration-gbk.csv', binary]);
    const bad = page.locator('#load-report table.load-files tr.failed[data-file="scan.csv"]');
    assert.equal(await bad.count(), 1);
    assert.match(await bad.textContent(), /无法载入此文件：不是文本表格/);
    assert.match(await page.locator('#load-report .file-errors[data-file="scan.csv"] .file-failed').textContent(), /binary/);
    const f = 'registration-gbk.csv';
    const row = page.locator(`#load-report table.load-files tr[data-file="${f}"]`);
    assert.equal(await row.count(), 1);
    assert.equal(await row.locator('td.encoding').getAttribute('data-encoding'), 'gb18030');
    assert.equal(await summaryCell(page, f, 'encoding'), 'GB18030');
    assert.equal(await summaryCell(page, f, 'format'), 'CSV');
    assert.equal(await row.locator('td.delimiter').getAttribute('data-delimiter'), ',');
    assert.equal(await row.locator('td.kind').getAttribute('data-kind'), 'registration');
    assert.equal(await summaryCell(page, f, 'kind'), '登记注册', 'the kind is named in Chinese: the GBK headers were decoded');
    assert.equal(await summaryCell(page, f, 'rows-read'), '4');
    assert.equal(await summaryCell(page, f, 'accepted'), '3');
    assert.equal(await summaryCell(page, f, 'duplicates'), '0');
    assert.equal(await summaryCell(page, f, 'rejected'), '1');
    assert.equal(await row.locator('td.balance').getAttribute('data-balanced'), 'true');

    // The rejected row: line as the editor shows it, the header as written, the raw value.
    const errors = page.locator(`#load-report .file-errors[data-file="${f}"] table.errors tbody tr`);
    assert.equal(await errors.count(), 1);
    assert.equal((await errors.locator('td.line').textContent()).trim(), '4');
    assert.equal((await errors.locator('td.column').textContent()).trim(), '设立日期');
    assert.equal((await errors.locator('td.value').textContent()).trim(), '2018年2月30日');
    assert.match(await errors.locator('td.message').textContent(), /不是有效日期/);

    // Scored: the three good enterprises.
    const total = await numberIn(page, '#total');
    assert.equal(total, 3);
    let sum = 0;
    for (const k of ['A', 'B', 'C', 'D', 'none']) sum += await numberIn(page, `#count-${k}`);
    assert.equal(sum, total);
    assert.equal(await page.locator('#table tbody tr[data-uscc="91420112MA4K100036"]').count(), 0, 'the rejected enterprise was scored');

    // The rejected rows as a CSV to fix and load again: the original headers, the bad row, a reason.
    const dl = await downloadText(page, `#load-report .file-errors[data-file="${f}"] button.download-rejected`);
    assert.equal(dl.name, 'registration-gbk-rejected.csv');
    const lines = dl.text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l !== '');
    assert.equal(lines.length, 2, dl.text);
    assert.ok(lines[0].startsWith('统一社会信用代码,企业名称,市场主体类型,行业代码,设立日期,'), lines[0]);
    assert.ok(lines[1].startsWith('91420112MA4K100036,武汉示例餐饮管理有限公司,公司,H6210,2018年2月30日,'), lines[1]);
    assert.match(lines[1], /第4行 设立日期：不是有效日期/);

    // English: the reason in English, the summary's words too.
    await page.locator('#lang').click();
    assert.match(await errors.locator('td.message').textContent(), /^not a date/);
    assert.match(await page.locator('#load-report table.load-files thead').textContent(), /rows read/);
    assert.equal(await summaryCell(page, f, 'kind'), 'registration');
    await page.locator('#lang').click();
    assert.match(await errors.locator('td.message').textContent(), /不是有效日期/);

    assert.deepEqual(problems, []);
    await page.screenshot({ path: join(SHOTS, 'load-gbk.png'), fullPage: true });
  } finally {
    await context.close();
  }
});

test('XLSX: typed date and number cells load; a chosen sheet of another shape fails alone', async () => {
  const { page, context, problems } = await openPage(`/?asOf=${AS_OF}`);
  try {
    await loadFixtures(page, ['registration-gbk.csv', 'penalty.xlsx']);
    // The workbook's notes sheet 说明 holds no table: one report, for the sheet 处罚信息.
    const rows = page.locator('#load-report table.load-files tr[data-file="penalty.xlsx"]');
    assert.equal(await rows.count(), 1);
    assert.equal(await rows.getAttribute('data-sheet'), '处罚信息');
    assert.equal(await summaryCell(page, 'penalty.xlsx', 'sheet', '处罚信息'), '处罚信息');
    assert.equal(await summaryCell(page, 'penalty.xlsx', 'format'), 'XLSX');
    assert.equal(await summaryCell(page, 'penalty.xlsx', 'kind'), '行政处罚');
    assert.equal(await summaryCell(page, 'penalty.xlsx', 'rows-read'), '2');
    assert.equal(await summaryCell(page, 'penalty.xlsx', 'accepted'), '2');
    assert.equal(await summaryCell(page, 'penalty.xlsx', 'rejected'), '0');
    assert.equal(await rows.locator('td.balance').getAttribute('data-balanced'), 'true');
    assert.equal(await page.locator('#load-report .file-errors[data-file="penalty.xlsx"]').count(), 0);
    assert.equal(await numberIn(page, '#total'), 3);

    // The date cell (typed as a date, and as a date with a time) and the number cell were read
    // as such: the penalties count, dated as in the workbook, with their fines.
    const first = await reasonsOf(page, '91420112MA4K100010');
    assert.ok(first.some((r) => r.includes('2026-03-16') && r.includes('30000')), `no penalty of 2026-03-16 with its fine in ${JSON.stringify(first)}`);
    const second = await reasonsOf(page, '91420112MA4K100049');
    assert.ok(second.some((r) => r.includes('2026-07-02')), `no penalty of 2026-07-02 in ${JSON.stringify(second)}`);

    // The sheets come from the core, for the per-file sheet setting; choosing the notes sheet
    // makes this file fail with its own error while the other file still loads.
    const settings = page.locator('#load-report details.file-settings[data-file="penalty.xlsx"]');
    assert.equal(await settings.getAttribute('open'), null, 'a file that loaded well has its settings closed');
    await settings.locator('summary').click();
    const sheet = settings.locator('select.sheet');
    assert.deepEqual(await sheet.locator('option').evaluateAll((os) => os.map((o) => o.value)), ['', '说明', '处罚信息']);
    await sheet.selectOption('说明');
    await page.locator('#btn-reload-mapping').click();
    await waitForRun(page);
    const failed = page.locator('#load-report table.load-files tr.failed[data-file="penalty.xlsx"]');
    assert.equal(await failed.count(), 1);
    assert.match(await failed.textContent(), /无法从表头判断记录类型/);
    assert.equal(await summaryCell(page, 'registration-gbk.csv', 'accepted'), '3');
    assert.equal(await numberIn(page, '#total'), 3);
    assert.equal(
      await page.locator('#load-report details.file-settings[data-file="penalty.xlsx"] select.sheet').inputValue(),
      '说明',
      'the sheet setting is kept',
    );

    assert.deepEqual(problems, []);
    await page.screenshot({ path: join(SHOTS, 'load-xlsx.png'), fullPage: true });
  } finally {
    await context.close();
  }
});

test('an office export and an old .xls: warnings, skipped rows and conflicts shown apart from rejections', async () => {
  const { page, context, problems } = await openPage(`/?asOf=${AS_OF}`);
  try {
    // registration-office.csv (fixtures/README.md): warnings, rows skipped above the header and
    // a 合计 line, a conflicting repeat, and no rejected row. registration.xls
    // (tests/fixtures/old-excel/make.py): a title, a 制表单位 line, a 合计 line, one bad USCC
    // (rejected) and one industry GB/T 4754-2017 does not know (a warning).
    const xls = join(REPO, 'tests', 'fixtures', 'old-excel', 'registration.xls');
    await page.locator('#file-input').setInputFiles([resolve(FIXTURES, 'registration-office.csv'), xls]);
    await page.getByRole('button', { name: '载入并评分' }).click();
    await waitForRun(page);

    assert.equal(await summaryCell(page, 'registration-office.csv', 'rejected'), '0');
    assert.equal(await summaryCell(page, 'registration-office.csv', 'accepted'), '3');
    const office = page.locator('#load-report .file-notes[data-file="registration-office.csv"]');
    assert.equal(await office.count(), 1);
    const reasons = await office.locator('table.warnings tr').evaluateAll((rs) => rs.map((r) => `${r.dataset.key}:${r.dataset.reason}`));
    assert.deepEqual(reasons.sort(), ['entity_type:other_term', 'status:other_term', 'uscc:unknown_region']);
    assert.match(await office.locator('table.warnings tr[data-key="status"] td.examples').textContent(), /营业执照丢失/);
    const skipped = await office.locator('table.skipped tr').evaluateAll((rs) => rs.map((r) => `${r.dataset.line}:${r.dataset.reason}`));
    assert.deepEqual(skipped, ['1:above_header', '2:above_header', '9:summary']);
    assert.equal(await office.locator('table.conflicts tr.kept[data-uscc="91420112MA4K00A011"]').count(), 1);
    assert.match(await office.locator('table.conflicts tr.repeat').textContent(), /武汉甲商贸集团有限公司/);
    // Warnings are not rejections: no error block for this file.
    assert.equal(await page.locator('#load-report .file-errors[data-file="registration-office.csv"]').count(), 0);

    // The .xls loads as a workbook: its sheet, its format, its rejection in the error block and
    // its warning in the notes block, each in its own place.
    assert.equal(await summaryCell(page, 'registration.xls', 'format'), 'XLS');
    assert.equal(await summaryCell(page, 'registration.xls', 'sheet', '登记信息'), '登记信息');
    assert.equal(await summaryCell(page, 'registration.xls', 'rejected'), '1');
    assert.equal(await summaryCell(page, 'registration.xls', 'accepted'), '3');
    const errors = page.locator('#load-report .file-errors[data-file="registration.xls"]');
    assert.equal(await errors.count(), 1);
    assert.match(await errors.textContent(), /914403001922038217/);
    assert.doesNotMatch(await errors.textContent(), /Z9999/);
    const notes = page.locator('#load-report .file-notes[data-file="registration.xls"]');
    assert.equal(await notes.locator('table.warnings tr[data-key="industry"][data-reason="unknown_industry"]').count(), 1);
    assert.match(await notes.locator('table.warnings').textContent(), /Z9999/);
    assert.doesNotMatch(await notes.textContent(), /914403001922038217/);
    const xlsSkipped = await notes.locator('table.skipped tr').evaluateAll((rs) => rs.map((r) => r.dataset.reason));
    assert.deepEqual(xlsSkipped, ['above_header', 'above_header', 'summary']);

    assert.deepEqual(problems, []);
    await page.screenshot({ path: join(SHOTS, 'load-notes.png'), fullPage: true });
  } finally {
    await context.close();
  }
});

test('header mapping: a non-standard header fails, is mapped in the page, saved, and then loads', async () => {
  const files = ['registration.csv', 'penalty-nonstandard.csv'];
  const f = 'penalty-nonstandard.csv';
  const { page, context, problems } = await openPage(`/?asOf=${AS_OF}`);
  let saved;
  try {
    await loadFixtures(page, files);
    // 处罚文书号 is not a known name of 处罚决定书文号: the kind cannot be told; the other file loads.
    const failed = () => page.locator(`#load-report table.load-files tr.failed[data-file="${f}"]`);
    assert.equal(await failed().count(), 1);
    assert.match(await failed().textContent(), /无法从表头判断记录类型/);
    assert.equal(await summaryCell(page, 'registration.csv', 'accepted'), '5');
    assert.equal(await numberIn(page, '#total'), 5);

    // The panel of that file is open and asks for the kind first; the kinds come from the core.
    const panel = page.locator(`#load-report details.file-settings[data-file="${f}"]`);
    assert.equal(await panel.getAttribute('open'), '');
    assert.equal(await panel.locator('.choose-kind').count(), 1);
    await panel.locator('select.kind').selectOption('penalty');
    // Every header of the file, each with the penalty columns of columns() to choose from.
    const selects = panel.locator('select.map-column');
    assert.deepEqual(await selects.evaluateAll((s) => s.map((x) => x.dataset.header)),
      ['统一社会信用代码', '处罚文书号', '处罚决定日期', '处罚种类', '罚款金额', '备注']);
    const options = await panel.locator('select.map-column[data-header="处罚文书号"] option').evaluateAll((os) => os.map((o) => o.value));
    assert.ok(options.includes('decision_no') && options.includes('decision_date') && options.includes('uscc'), JSON.stringify(options));

    // With the kind only: the required column is missing.
    await page.locator('#btn-reload-mapping').click();
    await waitForRun(page);
    assert.equal(await failed().count(), 1);
    assert.match(await failed().textContent(), /缺少必填列：decision_no\/处罚决定书文号/);

    // Map 处罚文书号 → decision_no, save the mapping as JSON, and reload: the file loads.
    await page.locator(`#load-report details.file-settings[data-file="${f}"] select.map-column[data-header="处罚文书号"]`).selectOption('decision_no');
    const json = await downloadText(page, '#btn-save-mapping');
    assert.ok(json.name.endsWith('.json'), json.name);
    saved = JSON.parse(json.text);
    assert.equal(saved.kinds?.penalty?.['处罚文书号'], 'decision_no');
    assert.equal(saved.files?.[f]?.kind, 'penalty');
    await page.locator('#btn-reload-mapping').click();
    await waitForRun(page);
    assert.equal(await failed().count(), 0);
    assert.equal(await summaryCell(page, f, 'kind'), '行政处罚');
    assert.equal(await summaryCell(page, f, 'rows-read'), '2');
    assert.equal(await summaryCell(page, f, 'accepted'), '2');
    assert.equal(await summaryCell(page, f, 'rejected'), '0');
    assert.match(await page.locator(`#load-report .file-errors[data-file="${f}"] .unknown-columns`).textContent(), /备注/);
    const reasons = await reasonsOf(page, '914403001922038216');
    assert.ok(reasons.some((r) => r.includes('2026-06-08')), `the mapped penalty is not scored: ${JSON.stringify(reasons)}`);

    // The mapping is kept in this browser: a new page loads the file straight away.
    const again = await context.newPage();
    await again.goto(new URL(`/?asOf=${AS_OF}`, h.baseUrl).href);
    await again.waitForFunction(() => document.querySelector('#status').dataset.state === 'ready');
    await loadFixtures(again, files);
    assert.equal(await again.locator(`#load-report table.load-files tr.failed[data-file="${f}"]`).count(), 0);
    assert.equal(await summaryCell(again, f, 'accepted'), '2');
    await again.close();

    assert.deepEqual(problems, []);
    await page.screenshot({ path: join(SHOTS, 'load-mapping.png'), fullPage: true });
  } finally {
    await context.close();
  }

  // Another browser (empty storage): the file fails until the saved mapping file is loaded.
  const fresh = await openPage(`/?asOf=${AS_OF}`);
  try {
    const { page } = fresh;
    await loadFixtures(page, files);
    assert.equal(await page.locator(`#load-report table.load-files tr.failed[data-file="${f}"]`).count(), 1);
    const path = join(SHOTS, 'header-mapping.json');
    writeFileSync(path, JSON.stringify(saved));
    await page.locator('#mapping-file').setInputFiles(path);
    await page.locator('#mapping-notice').waitFor();
    assert.match(await page.locator('#mapping-notice').textContent(), /已载入映射文件（1 项映射）/);
    await page.locator('#btn-reload-mapping').click();
    await waitForRun(page);
    assert.equal(await page.locator(`#load-report table.load-files tr.failed[data-file="${f}"]`).count(), 0);
    assert.equal(await summaryCell(page, f, 'accepted'), '2');
    assert.deepEqual(fresh.problems, []);
  } finally {
    await fresh.context.close();
  }
});

/** A valid USCC (GB 32100 check digit) from its first 17 characters. */
function usccOf(body17) {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += chars.indexOf(body17[i]) * weights[i];
  return body17 + chars[(31 - (sum % 31)) % 31];
}

test('a CSV larger than one chunk: read in chunks with progress in bytes and rows, every row counted', async () => {
  // ~11 MB of registrations, tab-separated: more than one 8 MiB chunk of the worker.
  const n = 90_000;
  const lines = ['统一社会信用代码\t企业名称\t市场主体类型\t成立日期\t登记状态\t所属区域\t住所'];
  for (let i = 0; i < n; i++) {
    const uscc = usccOf(`91420112MA${String(i).padStart(7, '0')}`);
    lines.push(`${uscc}\t武汉示例分块测试第${i}号有限公司\t公司\t2015-03-18\t存续\t将军路街道\t东西湖区将军路街道示例路${i}号`);
  }
  const path = join(SHOTS, 'chunked-registration.tsv');
  writeFileSync(path, lines.join('\r\n') + '\r\n');
  const { page, context, problems } = await openPage(`/?asOf=${AS_OF}`);
  try {
    // Every text the progress line shows, as it changes.
    await page.evaluate(() => {
      window.stageTexts = [];
      new MutationObserver(() => window.stageTexts.push(document.querySelector('#stage').textContent))
        .observe(document.querySelector('#stage'), { childList: true, characterData: true, subtree: true });
    });
    await loadFixtures(page, [path]);
    const f = 'chunked-registration.tsv';
    assert.equal(await summaryCell(page, f, 'rows-read'), '90,000');
    assert.equal(await summaryCell(page, f, 'accepted'), '90,000');
    assert.equal(await summaryCell(page, f, 'rejected'), '0');
    assert.equal(await page.locator(`#load-report table.load-files tr[data-file="${f}"] td.delimiter`).getAttribute('data-delimiter'), '\t');
    assert.equal(await numberIn(page, '#total'), n);
    const texts = await page.evaluate(() => window.stageTexts);
    // Progress after the first chunk: 8 MiB of the file's size, with the rows read so far.
    assert.ok(texts.some((t) => /载入 chunked-registration\.tsv · 8\.0 MB \/ \d+\.\d MB · [\d,]+ 行/.test(t)),
      `no progress in bytes and rows after the first chunk: ${JSON.stringify(texts)}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a wasm trap: the worker restarts, the page says so, and the audit trail kept outside the wasm instance is offered and re-imports', async () => {
  // Without ?test=1 the hook does not exist.
  const plain = await openPage(`/?asOf=${AS_OF}`);
  try {
    assert.equal(await plain.page.evaluate(() => typeof globalThis.__creditSupervisionTest), 'undefined');
  } finally {
    await plain.context.close();
  }
  const { page, context, problems } = await openPage(`/?asOf=${AS_OF}&size=2000&seed=${DEMO_SEED}&test=1`);
  const classOf = async () => (await page.locator('#detail-class').textContent()).trim();
  const openFirst = async () => {
    const row = page.locator('#table tbody tr[data-uscc]').first();
    const uscc = await row.getAttribute('data-uscc');
    await row.click();
    await page.locator(`#detail[data-uscc="${uscc}"] #audit-form`).waitFor();
    return uscc;
  };
  try {
    await page.getByRole('button', { name: '生成示例数据并评分' }).click();
    await waitForRun(page);
    const uscc = await openFirst();
    const adjusted = (await classOf()) === 'D' ? 'C' : 'D';
    await page.locator('#audit-who').fill('张三');
    await page.locator('#audit-reason').fill('=复核后人工调整');
    await page.locator('#audit-class').selectOption(adjusted);
    await page.locator('#audit-class-submit').click();
    await page.locator('#audit-message', { hasText: '已记录第 1 条审计记录' }).waitFor();
    // The trail is kept in the browser as the auditJson() text.
    const kept = JSON.parse(await page.evaluate(() => localStorage.getItem('credit-supervision.audit-trail')));
    assert.equal(kept.length, 1);
    assert.equal(kept[0].uscc, uscc);

    // A real WebAssembly.RuntimeError in the worker.
    const thrown = await page.evaluate(() => globalThis.__creditSupervisionTest.trap().then(() => null, (e) => ({ code: e.code, message: e.message })));
    assert.equal(thrown?.code, 'trap', JSON.stringify(thrown));
    assert.match(thrown.message, /unreachable/);
    const box = page.locator('#recovery');
    await box.waitFor();
    assert.match(await page.locator('#recovery-message').textContent(), /计算引擎出错，已自动重新启动/);
    assert.equal(await page.locator('#status').getAttribute('data-state'), 'crashed');
    assert.ok(await page.locator('#table-card').isHidden(), 'results of the lost workspace are still shown');

    // The kept trail is offered for download…
    const saved = await downloadText(page, '#recovery-download');
    assert.equal(saved.name, '审计记录-恢复.json');
    assert.equal(JSON.parse(saved.text)[0].reason, '=复核后人工调整');
    // …the data loads again in the new worker, and the trail re-imports.
    await page.locator('#recovery-reload').click();
    await waitForRun(page);
    await page.locator('#recovery-restore').click();
    await page.locator('#recovery-note', { hasText: '已恢复 1 条审计记录' }).waitFor();
    assert.equal(await openFirst(), uscc);
    assert.equal(await classOf(), adjusted, 'the restored trail did not set the class');
    // English on the language switch.
    await page.locator('#lang').click();
    assert.match(await page.locator('#recovery-message').textContent(), /The engine failed and was restarted/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a trail kept by the browser is offered on the next visit', async () => {
  const { page, context, problems } = await openPage(`/?asOf=${AS_OF}`);
  try {
    await page.evaluate(() => localStorage.setItem('credit-supervision.audit-trail', JSON.stringify([{ seq: 1 }])));
    await page.reload();
    await page.waitForFunction(() => document.querySelector('#status').dataset.state === 'ready');
    await page.locator('#recovery').waitFor();
    assert.match(await page.locator('#recovery-message').textContent(), /保存有上次的 1 条审计记录/);
    await page.locator('#recovery-restore').click();
    await page.locator('#recovery-note', { hasText: '请先载入' }).waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
