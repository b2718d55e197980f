// End-to-end test of the page's inspection plan (www/plan.js; 双随机、一公开, issue 11) in Debian's
// Chromium, driven by playwright-core.
//
//   npm run e2e          (needs pkg/ from `wasm-pack build --target web` and /usr/bin/chromium)
//
// Scores the demo district, makes a plan in the worker and compares its digest with the native
// CLI's for the same inputs; checks the summary (drawn against target and floor, classes,
// rounds, shortfalls when visits lack inspectors), pages through the visits and switches
// rounds, downloads the public list (no class, score or reason), the internal plan and the
// plan's JSON, verifies the JSON (match) and an edited copy (differs, naming the visit).
// A plan on two small CSV files without a roster: every visit unstaffed, referrals shown.
// The cycle outcome (往期评估) of 2025 on the demo: its numbers add up, the public results list
// has no class, score or reason, the overdue list only overdue rows; a cycle ending before it
// starts is refused by the core, named by its field. Screenshots go to target/e2e/.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, RUN_TIMEOUT, SHOTS, cli, downloadText as download, harness, waitForRun } from './harness.mjs';

const FIXTURES = join(REPO, 'tests', 'e2e', 'fixtures');
const AS_OF = '2026-11-28';
const DEMO_SIZE = 20000;
const DEMO_SEED = 'demo';
const PLAN_SEED = 'e2e-plan';
const CYCLE_START = '2027-01-01';

const h = harness();
before(() => h.start());
after(() => h.stop());
const openPage = (query) => h.openPage(query);

/** The native CLI's plan digest for the demo inputs. */
async function cliPlanDigest() {
  const out = await cli(['plan', '-q', '--demo', String(DEMO_SIZE), '--seed', DEMO_SEED, '--as-of', AS_OF,
    '--plan-seed', PLAN_SEED, '--cycle-start', CYCLE_START]);
  const m = out.match(/SHA-256 ([0-9a-f]{64})/);
  assert.ok(m, `no digest in the CLI's output: ${out}`);
  return m[1];
}

/** The whole number shown in an element, thousands separators removed. */
async function numberIn(page, selector) {
  const text = (await page.locator(selector).textContent()).trim();
  assert.match(text, /^[\d,]+$/, `${selector} shows "${text}", not a whole number`);
  return Number(text.replaceAll(',', ''));
}

/** Clicks the download button at `selector` and returns the file's name and text. */
const downloadText = (page, selector) => download(page, page.locator(selector));

/** The cells of a CSV line (quotes handled; the core's CSV has no line break inside a cell). */
function cells(line) {
  const out = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** A CSV's rows (BOM and the empty last line removed). */
function csvRows(text) {
  assert.ok(text.startsWith('\uFEFF'), 'the CSV starts with a BOM');
  return text.slice(1).split('\r\n').filter((l) => l !== '').map(cells);
}

/** Clicks 生成计划 and waits for the `n`-th plan of the page. */
async function makePlan(page, n) {
  await page.getByRole('button', { name: '生成计划' }).click();
  await page.waitForFunction(
    (runs) => document.querySelector('#plan-result')?.dataset.runs === String(runs)
      || ['error', 'cancelled'].includes(document.querySelector('#plan-status').dataset.state),
    n,
    { timeout: RUN_TIMEOUT },
  );
  assert.equal(await page.locator('#plan-error').textContent(), '', 'the plan failed');
  assert.equal(await page.locator('#plan-status').getAttribute('data-state'), 'done');
  await page.locator('#plan-visits tbody tr').first().waitFor();
}

/** Loads a published plan into the verify input and waits for the answer. */
async function verify(page, name, text) {
  await page.locator('#plan-verify-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.locator('#plan-verify-result[data-matches]').waitFor({ timeout: RUN_TIMEOUT });
  return page.locator('#plan-verify-result').getAttribute('data-matches');
}

test('plan on the demo: the CLI\'s digest, summary, rounds, visits by page and round, exports, verify', async () => {
  const cliDigest = await cliPlanDigest();
  const { page, context, problems } = await openPage(`/?asOf=${AS_OF}&size=${DEMO_SIZE}&seed=${DEMO_SEED}`);
  try {
    assert.ok(await page.locator('#plan-card').isHidden(), 'the plan section shows before scoring');
    await page.getByRole('button', { name: '生成示例数据并评分' }).click();
    await waitForRun(page);
    await page.locator('#plan-card').waitFor();
    // The cycle starts on the as-of date unless the clerk says otherwise; the seed is required.
    assert.equal(await page.locator('#plan-cycle-start').inputValue(), AS_OF);
    assert.equal(await page.locator('#plan-seed').inputValue(), '');
    await page.getByRole('button', { name: '生成计划' }).click();
    await page.locator('#plan-error', { hasText: '请填写随机种子' }).waitFor();
    assert.ok(await page.locator('#plan-result').isHidden());

    await page.locator('#plan-seed').fill(PLAN_SEED);
    await page.locator('#plan-cycle-start').fill(CYCLE_START);
    await makePlan(page, 1);
    const digest = await page.locator('#plan-result').getAttribute('data-digest');
    assert.equal(digest, cliDigest, 'the page and the CLI made different plans (is pkg/ older than src/?)');
    assert.equal((await page.locator('#plan-digests dd[data-digest="digest"]').textContent()).trim(), digest);
    for (const d of ['policy', 'records', 'audit', 'roster']) {
      assert.match(await page.locator(`#plan-digests dd[data-digest="${d}"]`).textContent(), /^[0-9a-f]{64}$/, `${d} digest`);
    }
    assert.equal((await page.locator('#plan-cycle').textContent()).trim(), `${CYCLE_START} 至 2027-12-31`);
    assert.equal((await page.locator('#plan-seed-used').textContent()).trim(), PLAN_SEED);

    // Drawn against the target and the floor, each met or not.
    const drawn = await numberIn(page, '#plan-drawn');
    assert.ok(drawn > 0, 'nothing drawn');
    assert.match(await page.locator('#plan-summary .summary-line').textContent(), /目标 [\d,]+ 户（目标比例 5%，最低比例 3%）/);
    assert.ok(['true', 'false'].includes(await page.locator('#plan-floor .flag').getAttribute('data-met')));
    const summary = page.locator('#plan-summary');
    const visits = Number(await summary.getAttribute('data-visits'));
    const unstaffed = Number(await summary.getAttribute('data-unstaffed'));
    const inspectors = Number(await summary.getAttribute('data-inspectors'));
    assert.ok(visits > 0);

    // Per class: four classes, their drawn and visits add up to the summary's.
    const classes = page.locator('#plan-classes tbody tr');
    assert.deepEqual(await classes.evaluateAll((trs) => trs.map((tr) => tr.dataset.class)), ['A', 'B', 'C', 'D']);
    const column = (sel) => page.locator(sel).evaluateAll((tds) => tds.map((td) => Number(td.dataset.value)));
    assert.equal((await column('#plan-classes td.drawn')).reduce((a, b) => a + b, 0), drawn);
    assert.equal((await column('#plan-classes td.visits')).reduce((a, b) => a + b, 0), visits);
    // Rounds: dates, working days, visits adding up to the plan's; per stratum folded.
    const roundVisits = await column('#plan-rounds td.visits');
    assert.ok(roundVisits.length >= 2, 'fewer than two rounds');
    assert.equal(roundVisits.reduce((a, b) => a + b, 0), visits);
    assert.equal((await column('#plan-rounds td.unstaffed')).reduce((a, b) => a + b, 0), unstaffed);
    assert.equal(await page.locator('#plan-strata').getAttribute('open'), null);
    assert.ok(await page.locator('#plan-strata-table tbody tr').count() > 0);
    // 100 % groups: each met, or the core's reason.
    const groups = await page.locator('#plan-groups tbody tr td:last-child').allTextContents();
    assert.ok(groups.length > 0 && groups.every((g) => /^✓ 已达到|^✗ .+/.test(g)), JSON.stringify(groups));

    if (inspectors === 0) {
      // No roster: every visit unstaffed, the shortfalls say how many inspectors are lacking,
      // and the notes say why.
      assert.equal(unstaffed, visits);
      assert.match(await page.locator('#plan-unstaffed').textContent(), /次未配齐检查人员/);
      const shortfalls = await page.locator('#plan-shortfalls li').allTextContents();
      assert.equal(shortfalls.length, roundVisits.filter((n) => n > 0).length, JSON.stringify(shortfalls));
      assert.ok(shortfalls.every((s) => /^第\d+轮：.*检查人员不足.*还需\d+名检查人员/.test(s)), JSON.stringify(shortfalls));
      assert.ok(await page.locator('#plan-shortfalls').isVisible());
      assert.ok((await page.locator('#plan-notes li').allTextContents()).length > 0);
      assert.ok(groups.every((g) => g.startsWith('✗')), 'a 100 % group met without inspectors');
    } else {
      // A roster came with the demo: some visits have a team.
      assert.ok(unstaffed < visits);
    }

    // Visits, 50 a page, from the worker: every round, then round 2.
    const rows = page.locator('#plan-visits tbody tr[data-task]');
    assert.equal(await rows.count(), 50);
    const pages = Math.ceil(visits / 50);
    assert.equal((await page.locator('#plan-page-info').textContent()).trim(), `第 1 / ${pages.toLocaleString('en-US')} 页（共 ${visits.toLocaleString('en-US')} 次检查）`);
    const firstTask = await rows.first().getAttribute('data-task');
    assert.match(firstTask, /^20270101-R01-\d{6}$/);
    if (inspectors === 0) {
      assert.equal(await page.locator('#plan-visits tbody tr.unstaffed').count(), 50, 'unstaffed visits not highlighted');
      assert.match(await page.locator('#plan-visits tbody tr td.missing').first().textContent(), /缺 \d+ 人/);
    }
    assert.ok((await rows.first().locator('td.why').textContent()).trim().length > 0);
    assert.match(await rows.first().locator('td.enterprise').textContent(), /[0-9A-Z]{18}$/);
    await page.locator('#plan-page-next').click();
    await page.locator('#plan-visits[data-page="2"][data-round="all"]').waitFor();
    const secondPage = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.task));
    assert.equal(secondPage.length, 50);
    assert.ok(!secondPage.includes(firstTask) && secondPage[0] > firstTask, 'page 2 repeats or precedes page 1');
    await page.locator('#plan-page-last').click();
    await page.locator(`#plan-visits[data-page="${pages}"]`).waitFor();
    assert.equal(await rows.count(), visits - 50 * (pages - 1));

    await page.locator('#plan-round').selectOption('2');
    await page.locator('#plan-visits[data-page="1"][data-round="2"]').waitFor();
    const round2 = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.round));
    assert.equal(round2.length, Math.min(50, roundVisits[1]));
    assert.ok(round2.every((r) => r === '2'), 'another round in round 2');
    assert.match(await page.locator('#plan-page-info').textContent(), new RegExp(`共 ${roundVisits[1].toLocaleString('en-US')} 次检查`));
    assert.match(await rows.first().getAttribute('data-task'), /-R02-/);

    // The public list (公示用): no class, score or reason, anywhere.
    assert.match(await page.locator('#plan-exports').textContent(), /公示用/);
    assert.match(await page.locator('#plan-exports').textContent(), /内部使用/);
    const pub = await downloadText(page, '#btn-plan-public');
    assert.ok(pub.name.endsWith('.csv') && pub.name.includes('公示用'), pub.name);
    const pubRows = csvRows(pub.text);
    const header = pubRows[0];
    assert.ok(header.includes('统一社会信用代码') && header.includes('企业名称'), JSON.stringify(header));
    for (const h of header) assert.doesNotMatch(h, /风险分类|分类|分数|得分|原因/, `the public list has a column ${h}`);
    assert.equal(pubRows.length - 1, visits);
    for (const row of pubRows.slice(1)) {
      assert.equal(row.length, header.length);
      for (const cell of row) assert.doesNotMatch(cell, /^[ABCD]$/, `a class letter in the public list: ${row.join(',')}`);
    }
    const pub2 = await downloadText(page, '#plan-exports button.plan-public-round[data-round="2"]');
    assert.ok(pub2.name.includes('公示用') && pub2.name.includes('第2轮'), pub2.name);
    assert.deepEqual(csvRows(pub2.text)[0], header);
    assert.equal(csvRows(pub2.text).length - 1, roundVisits[1]);
    // The internal plan (内部使用) has the class and the reason.
    const internal = await downloadText(page, '#btn-plan-csv');
    assert.ok(internal.name.includes('内部使用'), internal.name);
    const internalHeader = csvRows(internal.text)[0];
    assert.ok(internalHeader.includes('风险分类') && internalHeader.includes('列入原因'), JSON.stringify(internalHeader));
    assert.equal(csvRows(internal.text).length - 1, visits);

    // The workbook: an XLSX (a zip) the core writes in the worker, named for the plan.
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.locator('#btn-plan-xlsx').click()]);
    assert.equal(await xlsx.failure(), null);
    assert.ok(xlsx.suggestedFilename().endsWith('.xlsx'), xlsx.suggestedFilename());
    const book = readFileSync(await xlsx.path());
    assert.equal(book.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
    assert.ok(book.length > 1000);

    // The plan's JSON: verified as it is, and an edited copy differs at the edited visit.
    const json = await downloadText(page, '#btn-plan-json');
    assert.ok(json.name.endsWith('.json'), json.name);
    const doc = JSON.parse(json.text);
    assert.equal(doc.digest, digest);
    assert.equal(doc.seed, PLAN_SEED);
    assert.equal(doc.visits.length, visits);
    assert.equal(await verify(page, json.name, json.text), 'true');
    assert.match(await page.locator('#plan-verify-result').textContent(), /一致/);

    const edited = structuredClone(doc);
    const k = 4; // the 5th visit
    const other = edited.visits.find((v) => v.date !== edited.visits[k].date);
    edited.visits[k].date = other.date;
    await page.evaluate(() => {
      document.querySelector('#plan-verify-result').removeAttribute('data-matches');
    });
    assert.equal(await verify(page, 'edited.json', JSON.stringify(edited)), 'false');
    const differences = await page.locator('#plan-differences li').allTextContents();
    assert.ok(differences.some((d) => d.startsWith('第5项检查不同')), JSON.stringify(differences));
    assert.match(await page.locator('#plan-verify-result').textContent(), /不一致/);

    // English: the page's words and the core's English.
    await page.locator('#lang').click();
    assert.match(await page.locator('#h-plan').textContent(), /Inspection plan/);
    assert.ok((await page.locator('#plan-differences li').allTextContents()).some((d) => /^visit 5 differs/.test(d)));
    if (inspectors === 0) assert.match(await page.locator('#plan-shortfalls li').first().textContent(), /^round 1: /);
    assert.match(await page.locator('#plan-page-info').textContent(), /^page 1 of/);
    await page.locator('#lang').click();
    assert.match(await page.locator('#h-plan').textContent(), /检查计划/);

    assert.deepEqual(problems, []);
    await page.screenshot({ path: join(SHOTS, 'plan.png'), fullPage: true });
  } finally {
    await context.close();
  }
});

test('plan on CSV files without a roster: every visit unstaffed; referrals planned or reported unknown', async () => {
  const { page, context, problems } = await openPage(`/?asOf=${AS_OF}`);
  try {
    await page.locator('#file-input').setInputFiles([join(FIXTURES, 'penalty.csv'), join(FIXTURES, 'registration.csv')]);
    await page.getByRole('button', { name: '载入并评分' }).click();
    await waitForRun(page);
    await page.locator('#plan-seed').fill(PLAN_SEED);
    // A referral that is not a USCC is refused by the core, named by its field.
    await page.locator('#plan-referrals').fill('not-a-uscc');
    await page.getByRole('button', { name: '生成计划' }).click();
    await page.locator('#plan-error', { hasText: '转办、移送的企业' }).waitFor();
    // One enterprise of the files, and a valid USCC that is not in them.
    const known = '914403001922038216';
    const unknown = '91110000100000000A'.slice(0, 17);
    const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    const sum = [...unknown].reduce((s, c, i) => s + chars.indexOf(c) * weights[i], 0);
    const unknownUscc = unknown + chars[(31 - (sum % 31)) % 31];
    await page.locator('#plan-referrals').fill(`${known}\n\n${unknownUscc.toLowerCase()}\n`);
    await makePlan(page, 1);

    const summary = page.locator('#plan-summary');
    assert.equal(await summary.getAttribute('data-inspectors'), '0');
    const visits = Number(await summary.getAttribute('data-visits'));
    assert.ok(visits > 0);
    assert.equal(await summary.getAttribute('data-unstaffed'), String(visits), 'a visit staffed without a roster');
    assert.equal(await page.locator('#plan-visits tbody tr[data-task]').count(), visits);
    assert.equal(await page.locator('#plan-visits tbody tr.unstaffed').count(), visits);
    assert.ok(await page.locator('#plan-shortfalls li').count() > 0);
    assert.equal((await page.locator('#plan-unknown-referrals').textContent()).trim(), unknownUscc);
    // The trigger named as the core names it (vocabulary().planTriggers), with its count.
    assert.equal(await page.locator('#plan-triggers [data-trigger="referral"]').textContent(), '转办移送');
    assert.match(await page.locator('#plan-triggers').textContent(), /转办移送 1/);
    assert.equal(await page.locator(`#plan-visits tbody tr[data-uscc="${known}"]`).count() > 0, true, 'the referral is not planned');

    // The published plan verifies on the same files.
    const json = await downloadText(page, '#btn-plan-json');
    assert.equal(await verify(page, json.name, json.text), 'true');
    assert.deepEqual(problems, []);
    await page.screenshot({ path: join(SHOTS, 'plan-files.png'), fullPage: true });
  } finally {
    await context.close();
  }
});

test('a published plan of other data does not verify, and says which input differs', async () => {
  const { page, context, problems } = await openPage(`/?asOf=${AS_OF}&size=500&seed=${DEMO_SEED}`);
  try {
    await page.getByRole('button', { name: '生成示例数据并评分' }).click();
    await waitForRun(page);
    await page.locator('#plan-seed').fill(PLAN_SEED);
    await makePlan(page, 1);
    const json = await downloadText(page, '#btn-plan-json');
    // Other data (another demo seed), the same plan file: the records digest differs.
    await page.locator('#demo-seed').fill('other');
    await page.getByRole('button', { name: '生成示例数据并评分' }).click();
    await waitForRun(page);
    assert.ok(await page.locator('#plan-result').isHidden(), 'the plan of the earlier data is still shown');
    assert.equal(await verify(page, json.name, json.text), 'false');
    const differences = await page.locator('#plan-differences li').allTextContents();
    assert.ok(differences.some((d) => d.startsWith('数据校验值不同')), JSON.stringify(differences));
    // A file that is not a plan: the core's error, in the verify area.
    await page.locator('#plan-verify-file').setInputFiles({ name: 'nonsense.json', mimeType: 'application/json', buffer: Buffer.from('{"a":1}') });
    await page.locator('#plan-verify-result p.error', { hasText: 'nonsense.json' }).waitFor();
    writeFileSync(join(SHOTS, 'plan-other-data.json'), json.text);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('cycle outcome on the demo: target and floor, groups, publication, classes add up; the results and overdue lists', async () => {
  const { page, context, problems } = await openPage(`/?asOf=${AS_OF}&size=${DEMO_SIZE}&seed=${DEMO_SEED}`);
  try {
    await page.getByRole('button', { name: '生成示例数据并评分' }).click();
    await waitForRun(page);
    await page.locator('#plan-outcome').waitFor();
    // The last full year before the as-of date, by default.
    assert.equal(await page.locator('#outcome-start').inputValue(), '2025-01-01');
    assert.ok(await page.locator('#outcome-result').isHidden());
    await page.locator('#outcome-start').fill('2025-01-01');
    await page.locator('#btn-outcome').click();
    await page.locator('#outcome-result[data-runs="1"]').waitFor({ timeout: RUN_TIMEOUT });
    assert.equal(await page.locator('#outcome-error').textContent(), '');
    assert.equal(await page.locator('#outcome-status').getAttribute('data-state'), 'done');
    assert.equal((await page.locator('#outcome-cycle').textContent()).trim(), '2025-01-01 至 2025-12-31');
    assert.equal((await page.locator('#outcome-as-of').textContent()).trim(), AS_OF);

    // Random checks against the target and the floor, each met or not.
    const summary = page.locator('#outcome-summary');
    const population = Number(await summary.getAttribute('data-population'));
    const random = await numberIn(page, '#outcome-random');
    assert.ok(population > 0 && random > 0 && random <= population, `${random} of ${population}`);
    assert.match(await page.locator('#outcome-summary .summary-line').textContent(), /（目标比例 5%，最低比例 3%）/);
    for (const sel of ['#outcome-target .flag', '#outcome-floor .flag']) {
      assert.ok(['true', 'false'].includes(await page.locator(sel).getAttribute('data-met')), sel);
    }
    // 100 % groups: each met or not, checked within members.
    const groups = await page.locator('#outcome-groups tbody tr').evaluateAll((trs) => trs.map((tr) => ({
      met: tr.dataset.met,
      members: Number(tr.children[1].dataset.value),
      checked: Number(tr.children[2].dataset.value),
      result: tr.children[4].textContent,
    })));
    assert.ok(groups.length > 0, 'no 100 % group');
    for (const g of groups) {
      assert.ok(g.checked <= g.members, JSON.stringify(g));
      assert.equal(g.met === 'true', g.checked === g.members, JSON.stringify(g));
      assert.match(g.result, g.met === 'true' ? /^✓ / : /^✗ 未检查 [\d,]+ 户$/);
    }

    // Publication: on time + late + overdue + pending = checks; the statuses named by the core.
    const pub = page.locator('#outcome-publication');
    const [checks, onTime, late, overdue, pending] = await Promise.all(
      ['checks', 'on-time', 'late', 'overdue', 'pending'].map(async (k) => Number(await pub.getAttribute(`data-${k}`))));
    assert.ok(checks > 0, 'no random check in 2025');
    assert.equal(onTime + late + overdue + pending, checks);
    assert.ok(overdue > 0, 'no overdue result in the demo');
    const statuses = await page.locator('#outcome-publication-table tbody tr[data-status]').evaluateAll((trs) =>
      trs.map((tr) => [tr.dataset.status, tr.children[0].textContent, Number(tr.children[1].dataset.value)]));
    assert.deepEqual(statuses, [['on_time', '按时公示', onTime], ['late', '逾期公示', late], ['overdue', '逾期未公示', overdue], ['pending', '待公示', pending]]);
    assert.match(await page.locator('#outcome-on-time').textContent(), /^及时公示率 [\d.]+%/);

    // By class: A–D with badges, the enterprises adding up to the population.
    const classes = page.locator('#outcome-classes tbody tr');
    assert.deepEqual(await classes.evaluateAll((trs) => trs.map((tr) => tr.dataset.class)), ['A', 'B', 'C', 'D']);
    assert.deepEqual(await page.locator('#outcome-classes tbody .badge').allTextContents(), ['A', 'B', 'C', 'D']);
    const column = (sel) => page.locator(sel).evaluateAll((tds) => tds.map((td) => Number(td.dataset.value)));
    assert.equal((await column('#outcome-classes td.enterprises')).reduce((a, b) => a + b, 0), population);
    const [checked, classChecks, problems_] = await Promise.all(['checked', 'checks', 'problems'].map((c) => column(`#outcome-classes td.${c}`)));
    for (let i = 0; i < 4; i++) assert.ok(problems_[i] <= classChecks[i] && checked[i] <= classChecks[i], `class ${i}`);
    assert.ok(classChecks.reduce((a, b) => a + b, 0) >= checks, 'fewer checks by class than random checks');

    // The public results list (公示用): no class, score or reason; one row per random check.
    assert.match(await page.locator('#outcome-exports').textContent(), /公示用/);
    assert.match(await page.locator('#outcome-exports').textContent(), /内部督办/);
    const results = await downloadText(page, '#btn-outcome-results');
    assert.ok(results.name.endsWith('.csv') && results.name.includes('公示用') && results.name.includes('2025-01-01'), results.name);
    const resultRows = csvRows(results.text);
    const header = resultRows[0];
    assert.ok(header.includes('统一社会信用代码'), JSON.stringify(header));
    for (const h of header) assert.doesNotMatch(h, /风险分类|分数|得分|原因/, `the public results have a column ${h}`);
    assert.equal(resultRows.length - 1, checks);
    for (const row of resultRows.slice(1)) {
      assert.equal(row.length, header.length);
      for (const cell of row) assert.doesNotMatch(cell, /^[ABCD]$/, `a class letter in the public results: ${row.join(',')}`);
    }
    // The overdue list (内部督办): only the overdue ones.
    const overdueFile = await downloadText(page, '#btn-outcome-overdue');
    assert.ok(overdueFile.name.endsWith('.csv') && overdueFile.name.includes('内部督办'), overdueFile.name);
    const overdueRows = csvRows(overdueFile.text);
    assert.deepEqual(overdueRows[0], header);
    assert.equal(overdueRows.length - 1, overdue);
    for (const row of overdueRows.slice(1)) assert.equal(row.at(-1), '逾期未公示', row.join(','));

    // A cycle that ends before it starts: the core's message, named by its field.
    await page.locator('#outcome-end').fill('2024-12-31');
    await page.locator('#btn-outcome').click();
    await page.locator('#outcome-error:not([hidden])').waitFor();
    const error = await page.locator('#outcome-error').textContent();
    assert.match(error, /^周期截止日：/, error);
    assert.match(error, /cycleEnd/, error);
    assert.match(error, /2024-12-31/, error);
    assert.equal(await page.locator('#outcome-status').getAttribute('data-state'), 'error');

    // English: the page's words and the core's English names of the statuses.
    await page.locator('#lang').click();
    assert.match(await page.locator('#plan-outcome h3').first().textContent(), /Cycle outcome/);
    assert.equal(await page.locator('#outcome-publication-table tr[data-status="overdue"] td').first().textContent(), 'overdue, not published');
    await page.locator('#lang').click();

    assert.deepEqual(problems, []);
    await page.screenshot({ path: join(SHOTS, 'plan-outcome.png'), fullPage: true });
  } finally {
    await context.close();
  }
});
