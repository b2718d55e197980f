// End-to-end test of the page's model section (www/model.js; issue 12) in Debian's Chromium,
// driven by playwright-core.
//
//   npm run e2e          (needs pkg/ from `wasm-pack build --target web` and /usr/bin/chromium)
//
// Scores the demo district, fits a scorecard on the records loaded with the dates and outcome
// events the core proposes, and checks what the page shows against the package called directly
// in Node on the same inputs: the card's digest, the train and test figures, the backtest of
// the expert classes beside the card's classes, the migration matrix. Then the IV ranking
// chooses the bins shown, the charts have their series, the card, the policy holding it as
// challenger and the report download; another choice of outcome events changes the bads and is
// named; no event at all is refused; English labels come from the core. Screenshots go to
// target/e2e/.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, RUN_TIMEOUT, SHOTS, downloadText, harness, waitForRun } from './harness.mjs';

const AS_OF = '2026-11-28';
const DEMO_SIZE = 20000;
const DEMO_SEED = 'demo';
const FIT_AT = '2024-11-28';
const TEST_AT = '2025-11-28';

const h = harness();
before(() => h.start());
after(() => h.stop());

/** The same fit, backtest and migration by the package in Node: what the page must show. */
function direct(bad) {
  const mod = globalThis.__cs;
  const ws = new mod.Workspace();
  ws.generateDemo(DEMO_SIZE, DEMO_SEED, AS_OF);
  ws.score(AS_OF);
  ws.setOutcome(JSON.stringify(bad));
  const fit = ws.scorecardFit(FIT_AT, 12, TEST_AT);
  const challenge = ws.challenge(TEST_AT, 12, JSON.stringify({ name: 'x', card: JSON.parse(fit.card) }));
  const migration = ws.migration(TEST_AT, AS_OF);
  const vocabulary = mod.vocabulary();
  ws.free();
  return { fit, challenge, migration, vocabulary };
}

/** Clicks 拟合并回测 and waits for the `n`-th result of the page. */
async function fit(page, n) {
  await page.locator('#btn-model').click();
  await page.waitForFunction(
    (runs) => document.querySelector('#model-result')?.dataset.runs === String(runs)
      || ['error', 'cancelled'].includes(document.querySelector('#model-status').dataset.state),
    n,
    { timeout: RUN_TIMEOUT },
  );
  assert.equal(await page.locator('#model-error').textContent(), '', 'the fit failed');
  assert.equal(await page.locator('#model-status').getAttribute('data-state'), 'done');
}

const num = (text) => Number(text.trim().replaceAll(',', ''));

test('model on the demo: the package\'s card and figures, backtest beside the card, charts, bins, migration, exports, outcome choice, English', async () => {
  const mod = await import(join(REPO, 'pkg', 'credit_supervision.js'));
  mod.initSync({ module: readFileSync(join(REPO, 'pkg', 'credit_supervision_bg.wasm')) });
  globalThis.__cs = mod;
  const { page, context, problems } = await h.openPage(`/?asOf=${AS_OF}&size=${DEMO_SIZE}&seed=${DEMO_SEED}`);
  try {
    assert.ok(await page.locator('#model-card').isHidden(), 'the model section shows before scoring');
    await page.getByRole('button', { name: '生成示例数据并评分' }).click();
    await waitForRun(page);
    await page.locator('#model-card').waitFor();

    // The dates and events the core proposes: two horizons and one horizon before the data's
    // date; the policy's outcome events, labelled by the core.
    await page.waitForFunction(() => document.querySelector('#model-fit-at').value !== '');
    assert.equal(await page.locator('#model-fit-at').inputValue(), FIT_AT);
    assert.equal(await page.locator('#model-test-at').inputValue(), TEST_AT);
    assert.equal(await page.locator('#model-horizon').inputValue(), '12');
    const policyBad = JSON.parse(mod.defaultPolicy()).model.bad;
    const kinds = mod.vocabulary().outcomeKinds;
    assert.equal(await page.locator('#model-events input[type=checkbox]').count(), kinds.length);
    for (const k of kinds) {
      const box = page.locator(`#model-event-${k.code}`);
      assert.equal(await box.isChecked(), policyBad[k.code], k.code);
      assert.equal((await page.locator(`label[for=model-event-${k.code}]`).textContent()).trim(), k.zh);
    }

    await fit(page, 1);
    const want = direct(policyBad);
    // The card and its figures are the package's on the same inputs.
    assert.equal(await page.locator('#model-card-digest').textContent(), want.fit.report.cardDigest);
    const perf = page.locator('#model-performance tbody tr');
    assert.equal(await perf.count(), 2);
    const row = async (i) => (await perf.nth(i).locator('td').allTextContents()).map((s) => s.trim());
    const [train, testRow] = [await row(0), await row(1)];
    assert.equal(num(train[0]), want.fit.report.train.rows);
    assert.equal(num(train[1]), want.fit.report.train.bads);
    assert.equal(train[3], want.fit.report.train.auc.toFixed(3));
    assert.equal(num(testRow[0]), want.fit.report.test.rows);
    assert.equal(testRow[4], want.fit.report.test.ks.value.toFixed(3));
    const features = JSON.parse(want.fit.card).features.length;
    assert.equal(await page.locator('#model-summary').getAttribute('data-features'), String(features));

    // The backtest: expert classes and card classes side by side, as the package gives them.
    const classes = page.locator('#model-classes tbody tr');
    assert.equal(await classes.count(), 4);
    for (let i = 0; i < 4; i++) {
      const cells = (await classes.nth(i).locator('td').allTextContents()).map((s) => s.trim());
      assert.equal(num(cells[0]), want.challenge.champion.classes[i].count, `champion ${i}`);
      assert.equal(num(cells[3]), want.challenge.challenger.classes[i].count, `challenger ${i}`);
    }
    assert.equal(await page.locator('#model-backtest').getAttribute('data-order-holds'), String(want.challenge.champion.orderHolds));
    const agreement = await page.locator('#model-agreement tbody td').allTextContents();
    assert.deepEqual(agreement.map(num), want.challenge.agreement.flat());

    // The charts: ROC of the expert score, the card on train and on test; KS of the card.
    assert.equal(await page.locator('#model-roc polyline').count(), 3);
    assert.equal(await page.locator('#model-ks polyline').count(), 2);
    assert.equal(await page.locator('#model-roc polyline').first().getAttribute('data-points'), String(want.challenge.champion.roc.length));

    // The IV ranking, highest first, labelled by the core; a click shows that feature's bins.
    const ivRows = page.locator('#model-iv-table tbody tr');
    const restRows = page.locator('#model-iv-rest tbody tr');
    assert.equal(await ivRows.count() + await restRows.count(), want.fit.report.ivRanking.length);
    assert.equal(await restRows.last().getAttribute('data-feature'), want.fit.report.ivRanking.at(-1));
    const labels = new Map(want.vocabulary.modelFeatures.map((f) => [f.name, f.zh]));
    assert.equal(await ivRows.nth(0).getAttribute('data-feature'), want.fit.report.ivRanking[0]);
    assert.equal((await ivRows.nth(0).locator('th').textContent()).trim(), labels.get(want.fit.report.ivRanking[0]));
    const second = want.fit.report.ivRanking[1];
    await ivRows.nth(1).click();
    assert.equal(await page.locator('#model-bins-feature').inputValue(), second);
    const f = want.fit.report.features.find((x) => x.name === second);
    const woes = await page.locator('#model-bins-table tbody tr').evaluateAll((rs) => rs.map((r) => Number(r.dataset.woe)));
    assert.deepEqual(woes, f.bins.map((b) => b.woe));
    // A dropped feature says why, in the core's words.
    const dropped = want.fit.report.features.find((x) => x.dropped);
    assert.ok(dropped, 'the demo\'s fit drops no feature: this check would see nothing');
    const why = want.vocabulary.scorecardDropped.find((t) => t.code === dropped.dropped.reason).zh;
    const text = await page.locator(`#model-iv tr[data-feature="${dropped.name}"] td`).last().textContent();
    assert.ok(text.startsWith(why), `${dropped.name}: "${text}" does not start with "${why}"`);

    // The migration from the test date to the data's date: the whole district, as the package.
    const migration = (await page.locator('#model-migration-table tbody td').allTextContents()).map(num);
    assert.deepEqual(migration, want.migration.matrix.flat());
    assert.equal(migration.reduce((a, b) => a + b, 0), DEMO_SIZE);
    await page.locator('#model-card').screenshot({ path: join(SHOTS, 'model-zh.png') });
    for (const part of ['model-summary', 'model-backtest', 'model-charts', 'model-iv', 'model-bins', 'model-migration']) {
      await page.locator(`#${part}`).screenshot({ path: join(SHOTS, `${part}-zh.png`) });
    }

    // Exports: the card (it scores the same after a reload: its digest is the report's), the
    // policy holding it as challenger, the report.
    const card = await downloadText(page, page.getByRole('button', { name: '下载评分卡（JSON）' }));
    assert.match(card.name, /\.json$/);
    assert.equal(JSON.parse(card.text).format, 'credit-supervision/scorecard');
    assert.equal(card.text, want.fit.card);
    const policy = await downloadText(page, page.getByRole('button', { name: '下载含此挑战者的政策（JSON）' }));
    const held = JSON.parse(policy.text).model.challenger;
    assert.deepEqual(held.card, JSON.parse(want.fit.card));
    const ws = new mod.Workspace();
    ws.setPolicy(policy.text); // checked by the core, card included
    ws.free();
    const report = JSON.parse((await downloadText(page, page.getByRole('button', { name: '下载拟合报告（JSON）' }))).text);
    assert.equal(report.cardDigest, want.fit.report.cardDigest);
    // The movers of the migration shown: one line each, as many as moved.
    const movers = await downloadText(page, page.locator('#model-movers-csv'));
    const moved = want.migration.matrix.flat().reduce((a, b) => a + b, 0) - want.migration.matrix.reduce((a, r, i) => a + r[i], 0);
    assert.equal(movers.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/).length, moved + 1);

    // Another outcome: inspections that found a problem only. Fewer bads, named as judged by.
    for (const k of kinds) {
      const box = page.locator(`#model-event-${k.code}`);
      if ((k.code === 'inspection_problem') !== (await box.isChecked())) await box.click();
    }
    await fit(page, 2);
    const only = { ...policyBad, penalty: false, abnormal_list: false, serious_list: false, inspection_problem: true };
    const want2 = direct(only);
    assert.equal(await page.locator('#model-card-digest').textContent(), want2.fit.report.cardDigest);
    const bads2 = num((await page.locator('#model-performance tbody tr').nth(0).locator('td').allTextContents())[1]);
    assert.equal(bads2, want2.fit.report.train.bads);
    assert.ok(bads2 < want.fit.report.train.bads);
    assert.equal((await page.locator('#model-judged-by').textContent()).trim(), kinds.find((k) => k.code === 'inspection_problem').zh);
    // The scoring is untouched: the table's classes and the draw are as before.
    assert.equal(await page.locator('#status').getAttribute('data-state'), 'done');

    // No event at all: refused by the page before the core is asked.
    await page.locator('#model-event-inspection_problem').click();
    await page.locator('#btn-model').click();
    await page.locator('#model-error').waitFor();
    assert.notEqual(await page.locator('#model-error').textContent(), '');
    assert.equal(await page.locator('#model-result').getAttribute('data-runs'), '2');

    // English: the section's words and the core's labels.
    await page.locator('#lang').click();
    assert.equal((await page.locator('#h-model').textContent()).trim(), 'Model and backtest (scorecard, class check, migration)');
    const en = new Map(want.vocabulary.modelFeatures.map((x) => [x.name, x.en]));
    const first = await page.locator('#model-iv-table tbody tr').first().getAttribute('data-feature');
    assert.equal((await page.locator('#model-iv-table tbody tr').first().locator('th').textContent()).trim(), en.get(first));
    assert.equal((await page.locator('label[for=model-event-penalty]').textContent()).trim(), kinds.find((k) => k.code === 'penalty').en);
    await page.locator('#model-card').screenshot({ path: join(SHOTS, 'model-en.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
