// End-to-end test of the policy editor (www/policy.js; issue 14) in Debian's Chromium, driven by
// playwright-core.
//
//   npm run e2e          (needs pkg/ from `wasm-pack build --target web` and /usr/bin/chromium)
//
// The form is the core's (every group and field of `policyForm()`, defaults beside); a cut-off
// raised through it rescores the demo without reloading it, and the distribution and the change
// against the run before are the package's on the same inputs; a value the core refuses is
// named at its field and changes nothing; the as-of date alone rescores; the policy saves and
// loads back; English labels. Screenshots go to target/e2e/.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, SHOTS, downloadText, harness, waitForRun } from './harness.mjs';

const AS_OF = '2026-11-28';
const DEMO_SIZE = 20000;
const DEMO_SEED = 'demo';

const h = harness();
before(() => h.start());
after(() => h.stop());

const num = (text) => Number(text.trim().replaceAll(',', ''));
const counts = async (page) => Object.fromEntries(await Promise.all(['A', 'B', 'C', 'D'].map(async (c) => [c, num(await page.locator(`#count-${c}`).textContent())])));

test('policy editor: the core\'s form, a cut-off rescores as the package does, a refused value is named, the as-of date rescores, save and load', async () => {
  const mod = await import(join(REPO, 'pkg', 'credit_supervision.js'));
  mod.initSync({ module: readFileSync(join(REPO, 'pkg', 'credit_supervision_bg.wasm')) });
  const form = mod.policyForm();
  const { page, context, problems } = await h.openPage(`/?asOf=${AS_OF}&size=${DEMO_SIZE}&seed=${DEMO_SEED}`);
  try {
    // The editor is there once the engine is: every group of the form, with the core's labels.
    await page.locator('#policy-editor').waitFor();
    assert.deepEqual(
      await page.locator('#policy-groups details.policy-group').evaluateAll((ds) => ds.map((d) => d.dataset.group)),
      form.groups.map((g) => g.code));
    assert.equal((await page.locator('#policy-groups summary').first().textContent()).trim(), form.groups[0].zh);
    assert.equal(await page.locator('#policy-groups [data-path]').count(), form.fields.length);
    const defaultDigest = new mod.Workspace().policyDigest();
    assert.match(await page.locator('#policy-digest').textContent(), new RegExp(defaultDigest.slice(0, 16)));
    // Applying before any records: the page says what to do first.
    await page.locator('#btn-policy-apply').click();
    assert.notEqual(await page.locator('#policy-error').textContent(), '');

    await page.getByRole('button', { name: '生成示例数据并评分' }).click();
    await waitForRun(page);
    const before = await counts(page);

    // A cut-off raised by 5: the distribution and the change are the package's.
    const policy = JSON.parse(mod.defaultPolicy());
    const a = policy.cutoffs.a;
    await page.locator('[data-path="cutoffs.a"]').fill(String(a + 5));
    assert.match(await page.locator('#policy-changed').textContent(), /1/);
    await page.locator('#btn-policy-apply').click();
    await page.waitForFunction(() => document.querySelector('#policy-change')?.dataset.moved !== undefined);
    await waitForRun(page);
    const ws = new mod.Workspace();
    ws.generateDemo(DEMO_SIZE, DEMO_SEED, AS_OF);
    ws.score(AS_OF);
    policy.cutoffs.a = a + 5;
    ws.setPolicy(JSON.stringify(policy));
    const summary = ws.score(AS_OF);
    const change = ws.lastChange();
    assert.deepEqual(await counts(page), { A: summary.counts.A, B: summary.counts.B, C: summary.counts.C, D: summary.counts.D });
    assert.notDeepEqual(await counts(page), before);
    assert.equal(await page.locator('#policy-change').getAttribute('data-moved'), String(change.moved));
    assert.ok(change.moved > 0);
    const matrix = (await page.locator('#policy-change-matrix tbody td').allTextContents()).map(num);
    assert.deepEqual(matrix, change.matrix.flat());
    assert.match(await page.locator('#policy-digest').textContent(), new RegExp(summary.policyDigest.slice(0, 16)));
    // The records stayed: the load report is still there, nothing was reloaded.
    assert.ok(await page.locator('#load-report-card').isVisible());
    await page.locator('#policy-editor').screenshot({ path: join(SHOTS, 'policy-zh.png') });

    // A value the core refuses (B's cut-off above A's): named at its field; nothing changes.
    await page.locator('[data-path="cutoffs.b"]').fill(String(a + 100));
    await page.locator('#btn-policy-apply').click();
    await page.locator('#policy-error').waitFor();
    assert.match(await page.locator('#policy-error').textContent(), /cutoffs\.b/);
    assert.equal(await page.locator('[data-path="cutoffs.b"]').getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await counts(page), { A: summary.counts.A, B: summary.counts.B, C: summary.counts.C, D: summary.counts.D });
    // An indicator's window out of range, in its dimension's group: opened and marked.
    await page.locator('[data-path="cutoffs.b"]').fill(String(policy.cutoffs.b));
    const windowField = form.fields.find((f) => f.path === 'indicators.penalty.window_months');
    await page.locator(`details[data-group="${windowField.group}"] > summary`).click();
    await page.locator('[data-path="indicators.penalty.window_months"]').fill('0');
    await page.locator('#btn-policy-apply').click();
    await page.waitForFunction(() => document.querySelector('[data-path="indicators.penalty.window_months"]')?.getAttribute('aria-invalid') === 'true');
    await page.locator('[data-path="indicators.penalty.window_months"]').fill(String(windowField.default));

    // Save, then load the saved file back: the same draft.
    const saved = await downloadText(page, page.locator('#btn-policy-save'));
    const doc = JSON.parse(saved.text);
    assert.equal(doc.cutoffs.a, a + 5);
    await page.locator('#btn-policy-defaults').click();
    assert.equal(await page.locator('[data-path="cutoffs.a"]').inputValue(), String(a));
    await page.locator('#policy-file').setInputFiles({ name: 'saved.json', mimeType: 'application/json', buffer: Buffer.from(saved.text) });
    await page.waitForFunction((v) => document.querySelector('[data-path="cutoffs.a"]').value === v, String(a + 5));

    // The as-of date alone: rescored without reloading, compared with the run before.
    await page.locator('#as-of').fill('2026-06-30');
    await page.locator('#btn-rescore').click();
    await waitForRun(page);
    ws.score('2026-06-30');
    const byDate = ws.lastChange();
    ws.free();
    assert.equal(await page.locator('#policy-change').getAttribute('data-moved'), String(byDate.moved));
    assert.match(await page.locator('#status-detail').textContent(), /2026-06-30/);

    // English: the groups' and fields' labels are the core's.
    await page.locator('#lang').click();
    assert.equal((await page.locator('#policy-groups summary').first().textContent()).trim(), form.groups[0].en);
    const cutoff = form.fields.find((f) => f.path === 'cutoffs.a');
    assert.equal((await page.locator('label[for="pol-cutoffs-a"]').textContent()).trim(), cutoff.en);
    await page.locator('#policy-editor').screenshot({ path: join(SHOTS, 'policy-en.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
