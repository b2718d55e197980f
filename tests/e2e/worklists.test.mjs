// End-to-end test of the clerk's desk over the whole district (issue 14) in Debian's Chromium,
// driven by playwright-core: the work lists (www/worklists.js), the charts (www/charts.js) and
// the printable enterprise report.
//
//   npm run e2e          (needs pkg/ from `wasm-pack build --target web` and /usr/bin/chromium)
//
// Scores the demo district and checks what the page shows against the package called directly
// in Node on the same inputs: every list's count, the rows of a page, an item's filter, the
// next page, the CSV and Excel files byte for byte; the histogram's bins and cut-offs, the
// class shares by region and by industry and their export, the change against the run before
// after a rescore on another date. A row opens the enterprise; the tabs answer the arrow keys;
// English labels come from the core; the print stylesheet keeps only the enterprise's report.
// Screenshots go to target/e2e/worklists-*.png and target/e2e/charts-*.png, the printed report
// to target/e2e/report.pdf.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, SHOTS, downloadText, harness, waitForRun } from './harness.mjs';

const AS_OF = '2026-11-28';
const LATER = '2027-03-01';
const DEMO_SIZE = 20000;
const DEMO_SEED = 'demo';
const PAGE_ROWS = 25;

const h = harness();
before(() => h.start());
after(() => h.stop());

const num = (text) => Number(text.trim().replaceAll(',', ''));
/** Keeps the BOM, as the downloaded file does. */
const decode = (bytes) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

/** What the page must show: the package in Node on the same demo. */
function direct() {
  const mod = globalThis.__cs;
  const ws = new mod.Workspace();
  ws.generateDemo(DEMO_SIZE, DEMO_SEED, AS_OF);
  ws.score(AS_OF);
  const counts = ws.workCounts();
  const lists = Object.fromEntries(counts.map((c) => [c.kind, {
    counts: c,
    first: ws.workList(c.kind, 0, PAGE_ROWS),
    second: ws.workList(c.kind, PAGE_ROWS, PAGE_ROWS),
    item: c.items.length > 1 ? ws.workList(c.kind, 0, PAGE_ROWS, c.items[1].code) : null,
    csv: decode(ws.workListCsv(c.kind, 'zh')),
    xlsx: Buffer.from(ws.workListXlsx(c.kind, 'zh')),
  }]));
  const histogram5 = ws.scoreHistogram(5);
  const histogram10 = ws.scoreHistogram(10);
  const shares = ws.regionShares();
  const sharesCsv = decode(ws.sharesCsv('zh'));
  ws.score(LATER);
  const change = ws.lastChange();
  const vocabulary = mod.vocabulary();
  ws.free();
  return { counts, lists, histogram5, histogram10, shares, sharesCsv, change, vocabulary };
}

async function tableUsccs(page) {
  return page.locator('#wl-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-uscc')));
}

/** Clicks a tab and waits for its first page. */
async function openList(page, kind) {
  await page.locator(`#wl-tab-${kind}`).click();
  await page.waitForFunction((k) => document.querySelector('#wl-panel')?.dataset.kind === k
    && document.querySelector('#wl-tab-' + k)?.getAttribute('aria-selected') === 'true'
    && (document.querySelector('#wl-table') || document.querySelector('#wl-empty')), kind);
}

test('work lists, charts and the printed report on the demo: the package\'s numbers, files byte for byte, keyboard, English', async () => {
  const mod = await import(join(REPO, 'pkg', 'credit_supervision.js'));
  mod.initSync({ module: readFileSync(join(REPO, 'pkg', 'credit_supervision_bg.wasm')) });
  globalThis.__cs = mod;
  const want = direct();
  const { page, context, problems } = await h.openPage(`/?asOf=${AS_OF}&size=${DEMO_SIZE}&seed=${DEMO_SEED}`);
  try {
    assert.ok(await page.locator('#worklists-card').isHidden(), 'the work lists show before scoring');
    assert.ok(await page.locator('#charts-card').isHidden(), 'the charts show before scoring');
    await page.getByRole('button', { name: '生成示例数据并评分' }).click();
    await waitForRun(page);
    await page.locator('#wl-panel[data-kind]').waitFor();

    // --- Work lists: a tab per list with the core's name and count ---
    const tabs = await page.locator('.wl-tabs [role="tab"]').evaluateAll((bs) => bs.map((b) => ({
      kind: b.dataset.kind, total: Number(b.dataset.total), text: b.textContent })));
    assert.deepEqual(tabs.map((t) => t.kind), want.counts.map((c) => c.kind));
    for (const [i, c] of want.counts.entries()) {
      assert.equal(tabs[i].total, c.total, c.kind);
      assert.ok(tabs[i].text.startsWith(c.zh), `${tabs[i].text} names ${c.zh}`);
    }
    assert.ok(want.counts.every((c) => c.total > 0), 'the demo has an entry in every list');

    for (const c of want.counts) {
      const w = want.lists[c.kind];
      await openList(page, c.kind);
      assert.deepEqual(await tableUsccs(page), w.first.rows.map((r) => r.uscc), `${c.kind}: first page`);
      const summary = await page.locator('#wl-summary').textContent();
      assert.ok(summary.includes(c.total.toLocaleString('zh-CN')) && summary.includes(c.enterprises.toLocaleString('zh-CN')), summary);
      if (c.eligibleNow !== null) assert.ok(summary.includes(c.eligibleNow.toLocaleString('zh-CN')), summary);
      // The column titles of the dates are the core's for this list.
      const heads = await page.locator('#wl-table thead th').allTextContents();
      for (const title of [w.first.dateZh, w.first.dueZh].filter(Boolean)) assert.ok(heads.includes(title), `${heads} has ${title}`);
      // Texts of the first row are the core's.
      const first = await page.locator('#wl-table tbody tr').first().textContent();
      assert.ok(first.includes(w.first.rows[0].detailZh), `${first} holds ${w.first.rows[0].detailZh}`);
      // The next page.
      if (c.total > PAGE_ROWS) {
        await page.locator('#wl-next').click();
        await page.waitForFunction((u) => document.querySelector('#wl-table tbody tr')?.getAttribute('data-uscc') === u
          && document.querySelector('#wl-rows')?.textContent.startsWith('第 26'), w.second.rows[0].uscc);
        assert.deepEqual(await tableUsccs(page), w.second.rows.map((r) => r.uscc), `${c.kind}: second page`);
        assert.ok(await page.locator('#wl-prev').isEnabled());
      }
      // One item only.
      if (w.item) {
        await page.locator('#wl-item').selectOption(c.items[1].code);
        // The select's value changes at once; the rows only when the core's page arrives.
        await page.waitForFunction(([n, first]) => document.querySelectorAll('#wl-table tbody tr').length === n
          && document.querySelector('#wl-table tbody tr')?.getAttribute('data-uscc') === first,
        [Math.min(PAGE_ROWS, c.items[1].count), w.item.rows[0].uscc]);
        assert.deepEqual(await tableUsccs(page), w.item.rows.map((r) => r.uscc), `${c.kind}: item ${c.items[1].code}`);
        assert.equal(w.item.matching, c.items[1].count);
      }
      // The whole list, as CSV and as Excel: the core's bytes.
      const csv = await downloadText(page, page.locator('#btn-wl-csv'));
      assert.ok(csv.name.endsWith(`_${AS_OF}.csv`) && csv.name.startsWith(c.zh.slice(0, 2)), csv.name);
      assert.equal(csv.text, w.csv, `${c.kind}: CSV`);
      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.locator('#btn-wl-xlsx').click()]);
      assert.ok(xlsx.suggestedFilename().endsWith('.xlsx'));
      const book = readFileSync(await xlsx.path());
      assert.equal(book.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
      assert.ok(book.equals(w.xlsx), `${c.kind}: the workbook is the core's, byte for byte`);
    }
    await openList(page, 'repairable');
    await page.locator('#worklists-card').screenshot({ path: join(SHOTS, 'worklists-zh.png') });

    // A row opens the enterprise (click, then Enter on another row).
    const rows = page.locator('#wl-table tbody tr');
    const u0 = await rows.nth(0).getAttribute('data-uscc');
    await rows.nth(0).click();
    await page.waitForFunction((u) => document.querySelector('#detail')?.dataset.uscc === u && document.querySelector('#detail-score'), u0);
    const usccs = await tableUsccs(page);
    const other = usccs.findIndex((u) => u !== u0);
    assert.ok(other > 0, 'the first page holds one enterprise only: Enter could not be told from the click');
    await rows.nth(other).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((u) => document.querySelector('#detail')?.dataset.uscc === u, usccs[other]);
    // The tabs answer the arrow keys.
    await page.locator('#wl-tab-repairable').focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('#wl-panel')?.dataset.kind === 'abnormal_duties');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'wl-tab-abnormal_duties');

    // --- Charts ---
    const bins = await page.locator('#chart-histogram .hist-bin').evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-count'))));
    assert.deepEqual(bins, want.histogram5.bins.map((b) => b.counts.reduce((a, n) => a + n, 0)));
    assert.equal(bins.reduce((a, n) => a + n, 0), want.histogram5.total);
    assert.equal(await page.locator('#chart-histogram .cutoff').count(), 3);
    await page.locator('#chart-bin-width').selectOption('10');
    await page.waitForFunction((n) => document.querySelectorAll('#chart-histogram .hist-bin').length === n, want.histogram10.bins.length);
    const bins10 = await page.locator('#chart-histogram .hist-bin').evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-count'))));
    assert.deepEqual(bins10, want.histogram10.bins.map((b) => b.counts.reduce((a, n) => a + n, 0)));
    const shareRows = async () => page.locator('#chart-shares .share-row').evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-key'), Number(g.getAttribute('data-total'))]));
    const top = (rs) => [...rs].sort((a, b) => b.total - a.total || a.key.localeCompare(b.key)).slice(0, 20).map((r) => [r.key, r.total]);
    assert.deepEqual(await shareRows(), top(want.shares.regions));
    await page.locator('#chart-by-industries').click();
    await page.waitForFunction(() => document.querySelector('#chart-by-industries')?.getAttribute('aria-pressed') === 'true');
    assert.deepEqual(await shareRows(), top(want.shares.industries));
    // …and as a table, every row with its counts.
    const table = await page.locator('#chart-shares-table tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.dataset.key,
      ...[...tr.querySelectorAll('td')].map((td) => Number(td.textContent.replaceAll(',', '')))]));
    assert.deepEqual(table, want.shares.industries.map((r) => [r.key, r.total, r.counts[1], r.counts[2], r.counts[3], r.counts[4], r.counts[0]]));
    const sharesCsv = await downloadText(page, page.locator('#btn-shares-csv'));
    assert.equal(sharesCsv.text, want.sharesCsv);
    assert.ok(await page.locator('#chart-change-figure').getAttribute('data-moved') === '', 'no change before a second run');
    await page.locator('#charts-card').screenshot({ path: join(SHOTS, 'charts-zh.png') });

    // The change against the run before: rescore on a later date.
    await page.locator('#as-of').fill(LATER);
    await page.locator('#btn-rescore').click();
    await waitForRun(page);
    await page.locator('#chart-change-matrix').waitFor();
    assert.equal(num(await page.locator('#chart-change-figure').getAttribute('data-moved')), want.change.moved);
    const matrix = (await page.locator('#chart-change-matrix tbody td').allTextContents()).map(num);
    assert.deepEqual(matrix, want.change.matrix.flat());
    const groups = await page.locator('#chart-change .change-group').evaluateAll((gs) => gs.map((g) => [Number(g.dataset.class), Number(g.dataset.before), Number(g.dataset.now)]));
    for (const [code, before, now] of groups) {
      assert.equal(before, want.change.matrix[code].reduce((a, n) => a + n, 0));
      assert.equal(now, want.change.matrix.reduce((a, row) => a + row[code], 0));
    }
    // The lists follow the new scoring.
    await page.locator('#wl-panel[data-kind]').waitFor();
    await page.locator('#charts-card').screenshot({ path: join(SHOTS, 'charts-change-zh.png') });

    // --- English: list names, items and row texts from the core ---
    await page.locator('#lang').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const enTabs = await page.locator('.wl-tabs [role="tab"]').allTextContents();
    for (const [i, c] of want.counts.entries()) assert.ok(enTabs[i].startsWith(c.en), `${enTabs[i]} names ${c.en}`);
    assert.equal(await page.locator('#h-worklists').textContent(), 'Work lists');
    assert.equal(await page.locator('#h-charts').textContent(), 'Charts: distribution, regions and industries, change');
    await page.locator('#worklists-card').screenshot({ path: join(SHOTS, 'worklists-en.png') });
    await page.locator('#charts-card').screenshot({ path: join(SHOTS, 'charts-en.png') });

    // --- The printed report: the detail panel alone ---
    const picked = await page.locator('#wl-table tbody tr').first().getAttribute('data-uscc');
    await page.locator('#wl-table tbody tr').first().click();
    await page.waitForFunction((u) => document.querySelector('#detail')?.dataset.uscc === u && document.querySelector('#btn-print'), picked);
    await page.evaluate(() => {
      // Headless Chromium would print to nowhere: count the call instead.
      window.__printed = 0;
      window.print = () => { window.__printed++; };
    });
    await page.locator('#btn-print').click();
    assert.equal(await page.evaluate(() => window.__printed), 1);
    assert.ok(await page.evaluate(() => document.body.classList.contains('print-report')));
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['#dist-card', '#charts-card', '#worklists-card', '#table', 'header.top', '#btn-print', '#audit-form']) {
      const n = page.locator(hidden);
      if (await n.count()) assert.ok(await n.first().isHidden(), `${hidden} is printed`);
    }
    for (const shown of ['#detail', '#detail-score', '#print-head']) assert.ok(await page.locator(shown).isVisible(), `${shown} is not printed`);
    assert.ok((await page.locator('#print-head').textContent()).includes(LATER));
    await page.screenshot({ path: join(SHOTS, 'report-print-en.png'), fullPage: true });
    await page.pdf({ path: join(SHOTS, 'report.pdf'), format: 'A4' });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    assert.ok(await page.evaluate(() => !document.body.classList.contains('print-report')));
    await page.emulateMedia({ media: 'screen' });
    assert.ok(await page.locator('#table').isVisible());

    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
