// The page keeps no copy of what the core holds: every label of `vocabulary()` (class labels,
// audit actions, encodings, delimiters, file-failure reasons, overrides, record kinds, record
// vocabularies, the publication statuses of a check's result, the model's features, outcome
// events and why a feature left a card) must come from the core at run
// time, so none may be written in www/. Also no legal period the policy holds (the 3 years
// before a listing moves to the serious list), and no detection of its own (format, encoding,
// delimiter: the core's `sniff`).
//
//   npm run e2e          (needs pkg/ from `wasm-pack build --target web`)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WWW = process.env.WWW_DIR ?? join(REPO, 'www'); // WWW_DIR: try another copy of the page

const mod = await import(join(REPO, 'pkg', 'credit_supervision.js'));
mod.initSync({ module: readFileSync(join(REPO, 'pkg', 'credit_supervision_bg.wasm')) });
const vocab = mod.vocabulary();

/** The page's sources: its scripts and its HTML (serve.mjs, the static server, has no words). */
const sources = readdirSync(WWW)
  .filter((f) => /\.(js|html)$/.test(f))
  .map((f) => ({ file: f, text: readFileSync(join(WWW, f), 'utf8') }));

/** Every term whose words must not be in www/, with where it comes from in `vocabulary()`. */
function coreTerms() {
  const out = [];
  const add = (where, ...words) => {
    for (const w of words) if (typeof w === 'string' && w.trim()) out.push({ where, word: w });
  };
  for (const c of [...vocab.classes, vocab.unclassified]) add(`classes.${c.letter}`, c.zh, c.en, c.riskZh, c.riskEn);
  for (const a of vocab.auditActions) add(`auditActions.${a.code}`, a.zh, a.en);
  for (const e of vocab.encodings) add(`encodings.${e.code}`, e.code, e.zh, e.en);
  for (const d of vocab.delimiters) add(`delimiters.${JSON.stringify(d.code)}`, d.zh, d.en);
  for (const f of vocab.fileFailures) add(`fileFailures.${f.code}`, f.zh, f.en);
  for (const n of vocab.loadNotes) add(`loadNotes.${n.code}`, n.zh, n.en);
  for (const o of vocab.overrides) add(`overrides.${o.code}`, o.zh, o.en);
  for (const k of vocab.recordKinds) add(`recordKinds.${k.code}`, k.zh);
  for (const [name, terms] of Object.entries(vocab.records)) {
    for (const t of terms) add(`records.${name}.${t.code}`, t.zh);
  }
  for (const p of vocab.planPublication) add(`planPublication.${p.code}`, p.zh, p.en);
  for (const f of vocab.modelFeatures) add(`modelFeatures.${f.name}`, f.zh, f.en);
  for (const k of vocab.outcomeKinds) add(`outcomeKinds.${k.code}`, k.zh, k.en);
  for (const d of vocab.scorecardDropped) add(`scorecardDropped.${d.code}`, d.zh, d.en);
  return out;
}

/**
 * Page words that happen to be spelled like a core label but say something else, with why.
 */
const PAGE_WORDS = new Map([
  ['已取消', "the page's status after the user cancels a run (app.js STRINGS.cancelled), not a file's failure"],
  ['信用修复', 'the heading of the credit-repair section of the detail panel (app.js STRINGS.rulesRepair), not the audit action'],
]);

/**
 * Where `word` is written in `text` as a copy: as a whole string literal (`'低风险'`) or, in
 * HTML, text between tags (`>低风险<`); or anywhere when it is long enough not to be a common
 * word. One lower-case English word (`cancelled`, `bar`) is a code or a common word, not looked
 * for.
 */
function copies(text, word, html = false) {
  if (/^[a-z]+$/.test(word) && word.length < 10) return false;
  const esc = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const whole = html ? new RegExp(`>\\s*${esc}\\s*<`) : new RegExp(`(['"\`])\\s*${esc}\\s*(['"\`])`);
  if (whole.test(text)) return true;
  const cjk = /[\u3400-\u9fff]/.test(word);
  return (cjk ? [...word].length >= 5 : word.length >= 14) && text.includes(word);
}

test('vocabulary() has the labels this test looks for', () => {
  assert.deepEqual(vocab.classes.map((c) => c.riskZh), ['低风险', '一般风险', '较高风险', '高风险']);
  assert.deepEqual(vocab.planPublication.map((p) => p.code), ['on_time', 'late', 'overdue', 'pending']);
  assert.ok(vocab.auditActions.length >= 5 && vocab.encodings.length >= 3 && vocab.fileFailures.length >= 8);
  assert.ok(coreTerms().length > 100);
});

test('www/ holds no copy of a label the core owns', () => {
  const found = [];
  for (const { file, text } of sources) {
    for (const { where, word } of coreTerms()) {
      if (PAGE_WORDS.has(word)) continue;
      if (copies(text, word, file.endsWith('.html'))) found.push(`${file}: ${JSON.stringify(word)} (vocabulary ${where})`);
    }
  }
  assert.deepEqual(found, [], `labels copied from the core:\n${found.join('\n')}`);
});

test('the check finds a planted copy', () => {
  const planted = "const CLASSES = { A: '低风险', B: '一般风险' };\nconst ENCODINGS = ['utf-8', 'gb18030'];\nact: '信用修复',";
  const hits = coreTerms().filter(({ word }) => copies(planted, word)).map((t) => t.word);
  for (const w of ['低风险', '一般风险', 'utf-8', 'gb18030', '信用修复']) assert.ok(hits.includes(w), `${w} not found`);
});

test('www/ holds no legal period of the policy and detects no format, encoding or delimiter itself', () => {
  const found = [];
  for (const { file, text } of sources) {
    for (const [what, re] of [
      ['the 3-year transfer period (rules.abnormal.transfer_after_months)', /届满(3|三)年|3 years? complete/],
      ['format detection (the ZIP signature)', /0x50\s*&&[^\n]*0x4b/],
      ['encoding detection (a TextDecoder)', /new TextDecoder\(/],
      ['delimiter detection', /\[\s*'\\t',\s*';'/],
    ]) {
      if (re.test(text)) found.push(`${file}: ${what}`);
    }
  }
  assert.deepEqual(found, []);
});
