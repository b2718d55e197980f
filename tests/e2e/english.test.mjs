// English mode is English everywhere (issue 14): the detail view of enterprises with
// penalties, list entries (经营异常名录 and 严重违法失信名单), commitments, inspections, repair
// options and measures shows no Chinese in English mode except the enterprise's own data (its
// name, address, decision numbers, commitment items), and Chinese mode still shows the core's
// Chinese texts.
//
//   npm run e2e          (needs pkg/ from `wasm-pack build --target web` and /usr/bin/chromium)
//
// The enterprises are chosen by reading the same demo through the package in Node: the first
// ones, in the table's order by score (lowest first), that together have every kind of
// answer. Screenshots go to target/e2e/english-*.png.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, SHOTS, harness, waitForRun } from './harness.mjs';

const AS_OF = '2026-11-28';
const DEMO_SIZE = 3000;
const DEMO_SEED = 'english';
/** Rows per page of the table (www/app.js PAGE_SIZE). */
const PAGE_SIZE = 50;
/** How far down the table to look (pages). */
const PAGES = 6;

const CJK = /[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/u;

const h = harness();
before(() => h.start());
after(() => h.stop());

/** What each enterprise's answers hold, by the kinds of answer the detail view shows. */
function features(rules) {
  const f = new Set();
  for (const r of rules.records) {
    if (r.recordKind === 'penalty') f.add('penalty');
    if (r.recordKind === 'inspection') f.add('inspection');
    if (r.recordKind === 'commitment') f.add('commitment');
    if (r.abnormal) f.add('abnormal');
    if (r.serious) f.add('serious');
    if (r.publicity?.notes?.length) f.add('publicityNotes');
  }
  if (rules.repair.options.length) f.add('repair');
  if (rules.repair.options.some((o) => o.decisionAfterZh)) f.add('decisionAfter');
  if (rules.measures.some((m) => m.applies && m.kind === 'restriction')) f.add('restriction');
  if (rules.measures.some((m) => m.applies && m.kind === 'incentive')) f.add('incentive');
  return f;
}

const WANTED = ['penalty', 'inspection', 'commitment', 'abnormal', 'serious', 'repair', 'decisionAfter', 'restriction', 'incentive'];

/** The package in Node on the same demo: the chosen enterprises, their answers and data. */
function choose() {
  const mod = globalThis.__cs;
  const ws = new mod.Workspace();
  ws.generateDemo(DEMO_SIZE, DEMO_SEED, AS_OF);
  ws.score(AS_OF);
  const order = Array.from(ws.order('score', false));
  const rows = ws.rows(new Uint32Array(order.slice(0, PAGE_SIZE * PAGES)));
  const chosen = [];
  const covered = new Set();
  for (const [i, row] of rows.entries()) {
    const rules = ws.rulesFor(row.uscc);
    const f = features(rules);
    if ([...f].some((x) => WANTED.includes(x) && !covered.has(x))) {
      for (const x of f) covered.add(x);
      chosen.push({ uscc: row.uscc, page: Math.floor(i / PAGE_SIZE), rules, explanation: ws.explain(row.uscc) });
    }
    if (WANTED.every((x) => covered.has(x))) break;
  }
  const measureNames = JSON.parse(mod.defaultPolicy()).rules.measures.map((m) => m.en);
  ws.free();
  return { chosen, covered, measureNames };
}

/**
 * The enterprise's own data as the core's descriptions carry it: its name, its address, the
 * decision numbers of its penalties, the kinds of its licences and the items of its
 * commitments (the Chinese description is `编号 领域；种类…` for a penalty, `种类 编号（状态）` for
 * a licence, `事项：结果` for a commitment, `成立日期 …；住所 地址` for a registration).
 */
function dataValues(c) {
  const out = [c.rules.name];
  const details = [...c.rules.records, ...c.explanation.reasons, ...c.explanation.excluded];
  for (const r of details) {
    if (r.recordKind === 'penalty' || r.recordKind === 'licence') out.push(r.detail.split(' ')[0]);
    if (r.recordKind === 'commitment') out.push(r.detail.split('：')[0]);
    if (r.recordKind === 'registration') out.push(r.detail.split('住所 ')[1] ?? '');
  }
  return out.filter(Boolean).sort((a, b) => b.length - a.length);
}

async function openDetail(page, c) {
  // The table sorted by score, lowest first, on the enterprise's page.
  if (await page.locator('#page-first').isEnabled()) await page.locator('#page-first').click();
  await page.locator('#table[data-page="1"]').waitFor();
  for (let p = 1; p <= c.page; p++) {
    await page.locator('#page-next').click();
    await page.locator(`#table[data-page="${p + 1}"]`).waitFor();
  }
  await page.locator(`#table tbody tr[data-uscc="${c.uscc}"]`).click();
  await page.locator(`#detail[data-uscc="${c.uscc}"] #audit-form`).waitFor();
}

const detailText = (page) => page.locator('#detail').evaluate((el) => {
  // The text as shown plus the audit form's option labels.
  const options = [...el.querySelectorAll('option')].map((o) => o.textContent);
  return `${el.innerText}\n${options.join('\n')}`;
});

test('English mode: the detail view shows no Chinese but the enterprise\'s own data; Chinese mode keeps the Chinese', async () => {
  const mod = await import(join(REPO, 'pkg', 'credit_supervision.js'));
  mod.initSync({ module: readFileSync(join(REPO, 'pkg', 'credit_supervision_bg.wasm')) });
  globalThis.__cs = mod;
  const { chosen, covered, measureNames } = choose();
  assert.deepEqual(WANTED.filter((x) => !covered.has(x)), [], `the first ${PAGES} pages lack some answers`);

  const { page, context, problems } = await h.openPage(`/?asOf=${AS_OF}&size=${DEMO_SIZE}&seed=${DEMO_SEED}`, { width: 1366, height: 1000 });
  try {
    await page.getByRole('button', { name: '生成示例数据并评分' }).click();
    await waitForRun(page);
    await page.locator('#table th[data-key="score"] button').click();
    await page.locator('#table[data-sort="score:ascending"]').waitFor();
    await page.locator('#lang').click();
    await page.locator('html[lang="en"]').waitFor();
    // The table's short reasons are the core's English too.
    const reasons = await page.locator('#table td.reasons').allTextContents();
    assert.ok(reasons.some((x) => x.trim()), 'no reasons in the table');
    assert.deepEqual(reasons.filter((x) => CJK.test(x)), [], 'Chinese reasons in English mode');

    for (const [n, c] of chosen.entries()) {
      await openDetail(page, c);
      const text = await detailText(page);
      // The core's English is shown …
      const r = c.rules;
      assert.ok(text.includes(r.regimeEn), `${c.uscc}: regime in English`);
      for (const o of r.repair.options) {
        assert.ok(text.includes(o.summaryEn), `${c.uscc}: ${o.summaryEn}`);
        if (o.decisionAfterEn) assert.ok(text.includes(o.decisionAfterEn), `${c.uscc}: ${o.decisionAfterEn}`);
        assert.ok(text.includes(o.basisEn), `${c.uscc}: ${o.basisEn}`);
        for (const k of o.conditions) assert.ok(text.includes(k.en), `${c.uscc}: ${k.en}`);
      }
      for (const m of r.measures.filter((x) => x.applies)) {
        assert.ok(text.includes(m.exitEn), `${c.uscc}: ${m.exitEn}`);
        for (const w of m.whyEn) assert.ok(text.includes(w), `${c.uscc}: ${w}`);
      }
      // … and, once the enterprise's own data and the policy's measure names are taken out
      // (the default catalogue's English name of `no_commitment` keeps the term 告知承诺),
      // no CJK character is left.
      let rest = text;
      for (const v of [...dataValues(c), ...measureNames]) rest = rest.replaceAll(v, ' ');
      const lines = rest.split('\n').filter((l) => CJK.test(l));
      assert.deepEqual(lines, [], `${c.uscc}: Chinese left in English mode`);
      await page.locator('#detail').screenshot({ path: join(SHOTS, `english-${n + 1}.png`) });
    }

    // Chinese mode: the same detail in the core's Chinese.
    await page.locator('#lang').click();
    await page.locator('html[lang="zh-CN"]').waitFor();
    const c = chosen.find((x) => x.rules.repair.options.length && x.rules.measures.some((m) => m.applies));
    await openDetail(page, c);
    const zh = await detailText(page);
    assert.ok(zh.includes(c.rules.regimeZh));
    for (const o of c.rules.repair.options) {
      assert.ok(zh.includes(o.summaryZh), o.summaryZh);
      assert.ok(!zh.includes(o.summaryEn), o.summaryEn);
      for (const k of o.conditions) assert.ok(zh.includes(k.zh), k.zh);
    }
    for (const m of c.rules.measures.filter((x) => x.applies)) {
      assert.ok(zh.includes(m.exit), m.exit);
      assert.ok(!zh.includes(m.exitEn), m.exitEn);
    }
    await page.locator('#detail').screenshot({ path: join(SHOTS, 'english-zh.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
