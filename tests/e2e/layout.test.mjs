// The page at the width of an office PC's screen (issue 14): 1366 px without horizontal
// scrolling, no stray `null`/`undefined`/`NaN` on screen, every visible control named for a
// screen reader, the detail panel beside the table (not below all of it), in Chinese and in
// English, after the demo and the detail view of enterprises of every class.
//
//   npm run e2e          (needs pkg/ from `wasm-pack build --target web` and /usr/bin/chromium)

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SHOTS, harness, waitForRun } from './harness.mjs';

const h = harness();
before(() => h.start());
after(() => h.stop());

/** What is wrong on the page now: too wide, stray values, unnamed controls. */
function audit(page) {
  return page.evaluate(() => {
    const out = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width) {
      const wide = [...document.querySelectorAll('body *')]
        .filter((n) => n.getBoundingClientRect().right > width + 1)
        .slice(0, 5)
        .map((n) => `${n.tagName}#${n.id}.${n.className}`);
      out.push(`scrollWidth ${document.documentElement.scrollWidth} > ${width}: ${wide.join(', ')}`);
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const n = walker.currentNode;
      if (/\b(null|undefined|NaN)\b/.test(n.textContent) && n.parentElement?.offsetParent !== null
        && !n.parentElement?.closest('script, style, .mono')) {
        out.push(`stray value: "${n.textContent.trim().slice(0, 80)}"`);
      }
    }
    for (const n of document.querySelectorAll('input, select, textarea, button')) {
      if (n.offsetParent === null || n.type === 'hidden') continue;
      const named = n.getAttribute('aria-label') || n.labels?.length || n.getAttribute('aria-labelledby')
        || (n.tagName === 'BUTTON' && n.textContent.trim());
      if (!named) out.push(`unnamed control: ${n.tagName}#${n.id}.${n.className}`);
    }
    return out;
  });
}

test('1366 px: no horizontal scrolling, no stray values, every control named, the detail beside the table', async () => {
  const { page, context, problems } = await h.openPage('/?asOf=2026-11-28&size=20000&seed=demo', { width: 1366, height: 768 });
  try {
    assert.deepEqual(await audit(page), [], 'before any run');
    await page.getByRole('button', { name: '生成示例数据并评分' }).click();
    await waitForRun(page);
    const found = new Set();
    // One enterprise of each class and an unclassified one, by the class filter.
    for (const code of ['1', '2', '3', '4', '0']) {
      await page.locator('#class-filter').selectOption(code);
      await page.waitForFunction((c) => document.querySelector('#table')?.dataset.filter === c || document.querySelector('#table tbody tr'), code);
      const rows = page.locator('#table tbody tr[data-uscc]');
      if ((await rows.count()) === 0) continue;
      await rows.first().click();
      await page.locator('#detail-uscc').waitFor();
      await page.waitForTimeout(300);
      for (const p of await audit(page)) found.add(p);
    }
    const table = await page.locator('#table').boundingBox();
    const detail = await page.locator('#detail').boundingBox();
    assert.ok(detail.x >= table.x + table.width - 1 || detail.y < table.y + table.height,
      `the detail panel (${JSON.stringify(detail)}) is below the whole table (${JSON.stringify(table)})`);
    await page.screenshot({ path: join(SHOTS, 'layout-1366-zh.png') });
    await page.locator('#lang').click();
    for (const p of await audit(page)) found.add(p);
    await page.screenshot({ path: join(SHOTS, 'layout-1366-en.png') });
    assert.deepEqual([...found], []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
