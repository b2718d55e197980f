// End-to-end test of the page's XLSX downloads beside the CSV ones (issue 14): results, draw,
// rejected rows and audit trail, in Debian's Chromium driven by playwright-core.
//
//   npm run e2e          (needs pkg/ from `wasm-pack build --target web` and /usr/bin/chromium)
//
// Scores the demo district, draws, adjusts a class by hand, loads a file with a bad row, and
// clicks each XLSX button: every download is a workbook (a zip, `PK`) named like its CSV with
// .xlsx, and equal byte for byte to what the package computes in Node on the same inputs —
// the workbooks are created on the as-of date, never the clock. The audit trail's entry
// carries the page's timestamp, so that workbook is read instead: one entry, the USCC a text
// cell of 18 characters. Screenshots go to target/e2e/xlsx-*.png.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { REPO, SHOTS, harness, waitForRun } from './harness.mjs';

const AS_OF = '2026-11-28';
const DEMO_SIZE = 3000;
const DEMO_SEED = 'xlsx';
const DRAW_SEED = 'e2e-xlsx';
const FIXTURES = join(REPO, 'tests', 'e2e', 'fixtures');

const h = harness();
before(() => h.start());
after(() => h.stop());

/** Clicks a download button and returns the file's name and bytes. */
async function downloadBytes(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  assert.equal(await download.failure(), null);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

/** The parts of a zip (stored or deflated) by name, as text: enough to read a workbook. */
function unzip(bytes) {
  const b = Buffer.from(bytes);
  let end = b.length - 22;
  while (end >= 0 && b.readUInt32LE(end) !== 0x06054b50) end--;
  assert.ok(end >= 0, 'no end of central directory: not a zip');
  const count = b.readUInt16LE(end + 10);
  let at = b.readUInt32LE(end + 16);
  const parts = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(b.readUInt32LE(at), 0x02014b50);
    const method = b.readUInt16LE(at + 10);
    const size = b.readUInt32LE(at + 20);
    const nameLen = b.readUInt16LE(at + 28);
    const extraLen = b.readUInt16LE(at + 30);
    const commentLen = b.readUInt16LE(at + 32);
    const local = b.readUInt32LE(at + 42);
    const name = b.toString('utf8', at + 46, at + 46 + nameLen);
    const dataAt = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const data = b.subarray(dataAt, dataAt + size);
    parts.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return parts;
}

/** The first sheet of a workbook as rows of `{ type, text }` cells (shared strings resolved). */
function firstSheet(bytes) {
  const parts = unzip(bytes);
  const shared = [...(parts.get('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)]
    .map((m) => [...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''));
  const sheet = parts.get('xl/worksheets/sheet1.xml');
  assert.match(sheet, /state="frozen"/, 'the header row is frozen');
  assert.match(sheet, /<col [^>]*customWidth="1"/, 'the columns have widths');
  return [...sheet.matchAll(/<row [^>]*>([\s\S]*?)<\/row>/g)].map((row) =>
    [...row[1].matchAll(/<c ([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)].map((c) => {
      const type = c[1].match(/t="(\w+)"/)?.[1] ?? 'n';
      const v = c[2]?.match(/<v>([\s\S]*?)<\/v>/)?.[1] ?? '';
      return { type, text: type === 's' ? shared[Number(v)] : v };
    }));
}

const isZip = (bytes) => bytes[0] === 0x50 && bytes[1] === 0x4b;

test('XLSX beside CSV: results, draw, rejected rows and audit trail are the package\'s workbooks', async () => {
  const mod = await import(join(REPO, 'pkg', 'credit_supervision.js'));
  mod.initSync({ module: readFileSync(join(REPO, 'pkg', 'credit_supervision_bg.wasm')) });
  const { page, context, problems } = await h.openPage(`/?asOf=${AS_OF}&size=${DEMO_SIZE}&seed=${DEMO_SEED}`);
  const ws = new mod.Workspace();
  try {
    // Results: the demo scored on the page and in Node.
    await page.getByRole('button', { name: '生成示例数据并评分' }).click();
    await waitForRun(page);
    ws.generateDemo(DEMO_SIZE, DEMO_SEED, AS_OF);
    ws.score(AS_OF);
    assert.equal((await page.locator('#btn-results-xlsx').textContent()).trim(), '下载评分结果 XLSX');
    const results = await downloadBytes(page, '#btn-results-xlsx');
    assert.equal(results.name, `信用风险分类_${AS_OF}.xlsx`);
    assert.ok(isZip(results.bytes), 'the results download is not a zip');
    assert.ok(Buffer.from(ws.resultsXlsx('zh')).equals(results.bytes), 'the page\'s results workbook differs from the package\'s');
    const rows = firstSheet(results.bytes);
    assert.equal(rows.length, DEMO_SIZE + 1);
    assert.equal(rows[0][0].text, '统一社会信用代码');
    assert.ok(rows.slice(1).every((r) => r[0].type === 's' && /^[0-9A-Z]{18}$/.test(r[0].text)), 'a USCC that is not an 18-character text cell');
    assert.ok(rows.slice(1).every((r) => r[5].type === 'n'), 'a score that is not a number');
    await page.screenshot({ path: join(SHOTS, 'xlsx-results.png') });

    // The draw, with the ratio the page sends.
    await page.locator('#draw-seed').fill(DRAW_SEED);
    const pct = Number(await page.locator('#draw-ratio').inputValue());
    await page.getByRole('button', { name: '抽取', exact: true }).click();
    await page.locator('#draw-result[data-runs="1"]').waitFor();
    const d = ws.draw(DRAW_SEED, pct / 100);
    assert.equal(await page.locator('#draw-result').getAttribute('data-digest'), d.digest);
    const draw = await downloadBytes(page, '#btn-draw-xlsx');
    assert.equal(draw.name, `双随机抽取_${AS_OF}_${DRAW_SEED}.xlsx`);
    assert.ok(isZip(draw.bytes));
    assert.ok(Buffer.from(ws.drawXlsx('zh')).equals(draw.bytes), 'the page\'s draw workbook differs from the package\'s');
    assert.equal(firstSheet(draw.bytes).length, d.sampleSize + 1);
    await page.locator('#draw-result').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'xlsx-draw.png') });

    // English headers with the page in English.
    await page.locator('#lang').click();
    assert.equal((await page.locator('#btn-results-xlsx').textContent()).trim(), 'Download results XLSX');
    assert.equal((await page.locator('#btn-draw-xlsx').textContent()).trim(), 'Download draw XLSX');
    const english = await downloadBytes(page, '#btn-results-xlsx');
    assert.equal(english.name, `credit-classes_${AS_OF}.xlsx`);
    assert.ok(Buffer.from(ws.resultsXlsx('en')).equals(english.bytes));
    assert.equal(firstSheet(english.bytes)[0][0].text, 'USCC');
    await page.locator('#lang').click();

    // The audit trail: one class set by hand; its workbook read back.
    const row = page.locator('#table tbody tr[data-uscc]').first();
    const uscc = await row.getAttribute('data-uscc');
    await row.click();
    await page.locator(`#detail[data-uscc="${uscc}"] #audit-form`).waitFor();
    const computed = (await page.locator('#detail-class').textContent()).trim();
    await page.locator('#audit-who').fill('=张三');
    await page.locator('#audit-reason').fill('复核后人工调整');
    await page.locator('#audit-class').selectOption(computed === 'D' ? 'C' : 'D');
    await page.locator('#audit-class-submit').click();
    await page.locator('#audit-message', { hasText: '已记录第 1 条审计记录' }).waitFor();
    const audit = await downloadBytes(page, '#audit-download-xlsx');
    assert.equal(audit.name, '审计记录.xlsx');
    assert.ok(isZip(audit.bytes));
    const entries = firstSheet(audit.bytes);
    assert.equal(entries.length, 2, 'one entry under the header');
    assert.equal(entries[0][0].text, '序号');
    const cell = entries[1].find((c) => c.text === uscc);
    assert.ok(cell && cell.type === 's' && cell.text.length === 18, `the USCC cell: ${JSON.stringify(entries[1])}`);
    assert.ok(entries[1].some((c) => c.text === '=张三' && c.type === 's'), 'who, as entered, a text cell');
    await page.locator('#audit-form').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'xlsx-audit.png') });

    // Rejected rows: a file with one bad row, loaded on the page and in Node.
    const f = 'registration-gbk.csv';
    await page.locator('#file-input').setInputFiles([join(FIXTURES, f)]);
    await page.getByRole('button', { name: '载入并评分' }).click();
    await waitForRun(page);
    const rejected = await downloadBytes(page, `#load-report .file-errors[data-file="${f}"] button.download-rejected-xlsx`);
    assert.equal(rejected.name, 'registration-gbk-rejected.xlsx');
    assert.ok(isZip(rejected.bytes));
    const fresh = new mod.Workspace();
    try {
      fresh.loadFile(f, readFileSync(join(FIXTURES, f)));
      fresh.score(AS_OF);
      assert.ok(Buffer.from(fresh.rejectedXlsx(0, 'zh')).equals(rejected.bytes), 'the page\'s rejected-rows workbook differs from the package\'s');
    } finally {
      fresh.free();
    }
    const bad = firstSheet(rejected.bytes);
    assert.equal(bad.length, 2);
    assert.equal(bad[0][0].text, '统一社会信用代码');
    assert.deepEqual(bad[0].slice(-2).map((c) => c.text), ['行号', '错误原因']);
    assert.equal(bad[1][0].text, '91420112MA4K100036');
    assert.equal(bad[1][0].type, 's');
    await page.locator('#load-report').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'xlsx-rejected.png') });

    assert.deepEqual(problems, []);
  } finally {
    ws.free();
    await context.close();
  }
});
