// The page by keyboard alone (issue 14): Tab walks every control in the order of the page, top
// to bottom, each visible when it has the focus and named for a screen reader; no control
// jumps the order (tabindex > 0); and a clerk without a mouse can score the demo, open an
// enterprise from the table and from a work list, and reach the print button.
//
//   npm run e2e          (needs pkg/ from `wasm-pack build --target web` and /usr/bin/chromium)

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SHOTS, harness, waitForRun } from './harness.mjs';

const h = harness();
before(() => h.start());
after(() => h.stop());

/** The focused element: what it is, its name for a screen reader, whether and where it shows. */
function focused(page) {
  return page.evaluate(() => {
    const n = /** @type {HTMLElement} */ (document.activeElement);
    if (!n || n === document.body) return null;
    const text = (e) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const labelledBy = (n.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)
      .map((id) => text(document.getElementById(id))).join(' ');
    const labels = 'labels' in n && n.labels ? [...n.labels].map(text).join(' ') : '';
    const name = n.getAttribute('aria-label') || labelledBy || labels
      || (['BUTTON', 'A', 'SUMMARY', 'TR'].includes(n.tagName) || n.getAttribute('role') === 'tab' ? text(n) : '')
      || n.getAttribute('title') || '';
    // A visually hidden file input shows through its label.
    const shown = n.classList.contains('visually-hidden') && 'labels' in n && n.labels?.[0] ? n.labels[0] : n;
    const r = shown.getBoundingClientRect();
    return {
      tag: n.tagName,
      id: n.id,
      kind: n.getAttribute('role') ?? n.getAttribute('type') ?? '',
      name: name.slice(0, 60),
      visible: r.width > 0 && r.height > 0 && getComputedStyle(shown).visibility !== 'hidden',
      top: r.top + window.scrollY,
      left: r.left,
      card: n.closest('.card, header, footer')?.id || n.closest('.card, header, footer')?.tagName || '',
    };
  });
}

/** From the first control of the page (the language button), presses Tab until the focus comes back to it (or `max` presses). */
async function walk(page, max = 600) {
  await page.locator('#lang').focus();
  const seen = [await focused(page)];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (!f) continue;
    if (f.id === 'lang') break;
    seen.push(f);
  }
  return seen;
}

test('keyboard: Tab walks every control in page order, each visible and named; score, open, print without a mouse', async () => {
  const { page, context, problems } = await h.openPage('/?asOf=2026-11-28&size=5000&seed=demo', { width: 1366, height: 768 });
  try {
    assert.equal(await page.locator('[tabindex]:not([tabindex="0"]):not([tabindex="-1"])').count(), 0, 'a tabindex above 0 jumps the order');
    // Score the demo from the keyboard: Tab to the button, then Enter.
    let steps = 0;
    while ((await page.evaluate(() => document.activeElement?.id)) !== 'btn-demo' && steps++ < 40) await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'btn-demo', 'Tab does not reach 生成示例数据并评分');
    await page.keyboard.press('Enter');
    await waitForRun(page);
    await page.locator('#wl-panel[data-kind]').waitFor();
    await page.locator('#chart-histogram').waitFor();

    const order = await walk(page);
    const problemsSeen = [];
    for (const f of order) {
      if (!f.visible) problemsSeen.push(`focus on an invisible ${f.tag}#${f.id}`);
      if (!f.name) problemsSeen.push(`unnamed ${f.tag}#${f.id} (${f.kind}) in ${f.card}`);
    }
    assert.deepEqual(problemsSeen, []);
    // In page order: cards are visited top to bottom, never back to one left before.
    const cards = [];
    for (const f of order) if (cards.at(-1) !== f.card) cards.push(f.card);
    assert.equal(new Set(cards).size, cards.length, `a card is visited twice: ${cards.join(' → ')}`);
    const tops = cards.map((c) => order.find((f) => f.card === c).top);
    for (let i = 1; i < tops.length; i++) assert.ok(tops[i] >= tops[i - 1] - 1, `${cards[i]} comes after ${cards[i - 1]} but is above it`);
    // The controls a clerk needs are all on the way.
    const ids = new Set(order.map((f) => f.id));
    for (const id of ['lang', 'as-of', 'btn-demo', 'btn-load', 'btn-results-csv', 'chart-bin-width', 'btn-shares-csv', 'btn-policy-apply',
      'class-filter', 'wl-item', 'btn-wl-csv', 'btn-wl-xlsx', 'btn-draw', 'btn-plan', 'btn-model']) {
      assert.ok(ids.has(id), `Tab never reaches #${id}`);
    }
    assert.ok(order.some((f) => f.tag === 'TR' && f.card === 'table-card'), 'Tab never reaches a row of the table');
    // The work lists' tabs: one stop for the group (the arrows move within it).
    assert.equal(order.filter((f) => f.kind === 'tab').length, 1, 'every work-list tab is a Tab stop');

    // Open an enterprise from the table by keyboard, then reach its print button.
    await page.locator('#table tbody tr[data-uscc]').first().focus();
    const uscc = await page.evaluate(() => document.activeElement?.getAttribute('data-uscc'));
    await page.keyboard.press('Enter');
    await page.waitForFunction((u) => document.querySelector('#detail')?.dataset.uscc === u && document.querySelector('#btn-print'), uscc);
    steps = 0;
    while ((await page.evaluate(() => document.activeElement?.id)) !== 'btn-print' && steps++ < 200) await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'btn-print', 'Tab does not reach the print button');
    await page.screenshot({ path: join(SHOTS, 'keyboard-print-focus.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
