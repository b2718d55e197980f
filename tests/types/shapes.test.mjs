// Keeps the TypeScript declarations of the npm package honest: every structured result of the
// binding is checked, key by key and recursively, against the interface that
// `pkg/credit_supervision.d.ts` declares for it.
//
//   make test-types          (builds pkg/ first; or: node --test tests/types/shapes.test.mjs)
//
// The declarations come from src/wasm/types.d.ts (the binding's `typescript_custom_section`) and the
// `unchecked_return_type` of each export. This test reads the generated .d.ts (not the Rust
// source), so it checks what integrators get:
//   - every function and method of the .d.ts has a declared result other than `any`;
//   - each result of a call on a demo workspace (and on the small fixtures of tests/e2e) has
//     every key its interface declares (optional `key?:` ones may be absent), no key it does
//     not declare, and values of the declared types (string / number / boolean / null, string
//     literal unions, arrays, nested interfaces, recursively);
//   - every interface the results can reach was met at least once with a real object, and every
//     `X | null` field whose X is an interface was met non-null at least once, so a nested
//     shape cannot go unchecked because the demo happened to hold only nulls there.
// A field added in Rust but not declared, or declared but not serialized, fails it. It also
// checks that the declarations block of docs/js-api.md ("Shapes (TypeScript)") says the same as
// the .d.ts (names, keys, types), and it takes another .d.ts with DTS=path (to try it out).
//
// The parser is deliberately small. It understands the style src/wasm/types.d.ts is written in:
//   export type Name = <type>;
//   export interface Name [extends A, B] { key: <type>; key?: <type>; }
// with <type> a `|` union of: string, number, boolean, null, undefined, void, "literal",
// a declared name, `T[]`, `(T)[]`, `Record<string, T>`, and function types (kept as text, never
// checked against values). Block and line comments are dropped first; an interface body must
// not contain nested braces. Anything else in a type that has to be checked throws, so a new
// construct in the declarations shows up here instead of passing unchecked.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PKG = join(REPO, 'pkg');
const FIXTURES = join(REPO, 'tests', 'e2e', 'fixtures');
const DTS_PATH = process.env.DTS ?? join(PKG, 'credit_supervision.d.ts');
const AS_OF = '2026-11-28';
const DEMO_SIZE = 3000;
const DEMO_SEED = 'types';

// ---------------------------------------------------------------------------------------------
// The parser.

/** Drops `/* … *\/` and `// …` comments (not inside string literals; the types have none). */
function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:"])\/\/.*$/gm, '$1');
}

/**
 * Parses the declarations: `{ aliases: Map<name, typeText>, interfaces: Map<name, { extends:
 * string[], fields: Map<key, { type: string, optional: boolean }> }>, functions: Map<name,
 * returnTypeText>, methods: Map<name, returnTypeText> }` (methods of `export class Workspace`).
 */
export function parseDeclarations(text) {
  const src = stripComments(text);
  const aliases = new Map();
  const interfaces = new Map();
  for (const m of src.matchAll(/export\s+type\s+(\w+)\s*=\s*([^;]+);/g)) {
    aliases.set(m[1], m[2].trim());
  }
  for (const m of src.matchAll(/export\s+interface\s+(\w+)\s*(?:extends\s+([\w\s,]+?))?\s*\{([^{}]*)\}/g)) {
    const fields = new Map();
    for (const member of m[3].split(';').map((s) => s.trim()).filter(Boolean)) {
      const f = member.match(/^(?:readonly\s+)?(\w+)(\?)?\s*:\s*([\s\S]+)$/);
      if (!f) throw new Error(`interface ${m[1]}: cannot parse member ${JSON.stringify(member)}`);
      if (fields.has(f[1])) throw new Error(`interface ${m[1]}: key ${f[1]} declared twice`);
      fields.set(f[1], { type: f[3].trim(), optional: f[2] === '?' });
    }
    const ext = m[2] ? m[2].split(',').map((s) => s.trim()).filter(Boolean) : [];
    interfaces.set(m[1], { extends: ext, fields });
  }
  const functions = new Map();
  for (const m of src.matchAll(/^export\s+function\s+(\w+)\((.*)\)\s*:\s*(.+);$/gm)) {
    functions.set(m[1], m[3].trim());
  }
  // Methods of Workspace by name; of the other classes as `Class.method`.
  const methods = new Map();
  for (const cls of src.matchAll(/export\s+class\s+(\w+)\s*\{([\s\S]*?)\n\}/g)) {
    const prefix = cls[1] === 'Workspace' ? '' : `${cls[1]}.`;
    for (const m of cls[2].matchAll(/^\s*(\w+)\((.*)\)\s*:\s*(.+);$/gm)) methods.set(prefix + m[1], m[3].trim());
  }
  return { aliases, interfaces, functions, methods };
}

/** Splits `text` at top-level occurrences of `sep` (outside (), <>, [], {} and "…"). */
function splitTop(text, sep) {
  const parts = [];
  let depth = 0;
  let quote = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '"') quote = false;
    } else if (c === '"') quote = true;
    else if ('(<[{'.includes(c)) depth++;
    else if (')>]}'.includes(c) && !(c === '>' && text[i - 1] === '=')) depth--;
    else if (depth === 0 && text.startsWith(sep, i)) {
      parts.push(text.slice(start, i).trim());
      start = i + sep.length;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

// ---------------------------------------------------------------------------------------------
// The checker.

// Declarations wasm-bindgen writes into every .d.ts of its own (the init functions' types).
const WASM_BINDGEN_OWN = new Set(['InitInput', 'SyncInitInput', 'InitOutput']);

const BUILTIN_INTERFACES = {
  // `extends Error` on the error type: the own properties a thrown Error may carry.
  Error: new Map([
    ['message', { type: 'string', optional: false }],
    ['stack', { type: 'string', optional: true }],
  ]),
};

export class ShapeChecker {
  constructor(decls) {
    this.decls = decls;
    this.seen = new Set(); // interfaces met with a real object
    this.nonNull = new Set(); // `Iface.key` met with a non-null value
  }

  /** All fields of an interface, its bases' first. */
  fields(name) {
    if (BUILTIN_INTERFACES[name]) return BUILTIN_INTERFACES[name];
    const i = this.decls.interfaces.get(name);
    if (!i) throw new Error(`no interface ${name}`);
    const all = new Map();
    for (const base of i.extends) {
      for (const [k, f] of this.fields(base)) all.set(k, f);
    }
    for (const [k, f] of i.fields) {
      if (all.has(k)) throw new Error(`interface ${name}: key ${k} also declared in a base`);
      all.set(k, f);
    }
    return all;
  }

  /** The problems of `value` against the type text `type` at `path` (empty: it fits). */
  check(value, type, path) {
    const alts = splitTop(type, '|').filter((a) => a !== '');
    if (alts.length > 1) return this.checkUnion(value, alts, path);
    return this.checkTerm(value, alts[0], path);
  }

  checkUnion(value, alts, path) {
    let best = null;
    for (const a of alts) {
      const errors = this.check(value, a, path);
      if (errors.length === 0) return [];
      // For an object or array, the first alternative of that kind explains the failure best.
      const kind = kindOfValue(value);
      if (best === null && (kind === 'object' || kind === 'array') && this.kindOf(a) === kind) best = errors;
    }
    return best ?? [`${path}: ${show(value)} is not ${alts.join(' | ')}`];
  }

  /** 'object' | 'array' | 'primitive' | 'null' for a type term (after aliases). */
  kindOf(term) {
    term = term.trim();
    if (term.endsWith('[]')) return 'array';
    if (term === 'null' || term === 'undefined' || term === 'void') return 'null';
    if (/^\(.*\)$/.test(term)) return this.kindOf(term.slice(1, -1));
    if (/^Record</.test(term) || this.decls.interfaces.has(term) || BUILTIN_INTERFACES[term]) return 'object';
    if (this.decls.aliases.has(term)) {
      const alts = splitTop(this.decls.aliases.get(term), '|');
      return alts.length === 1 ? this.kindOf(alts[0]) : 'primitive';
    }
    return 'primitive';
  }

  checkTerm(value, term, path) {
    term = term.trim();
    if (term.endsWith('[]')) {
      if (!Array.isArray(value)) return [`${path}: ${show(value)} is not an array (${term})`];
      const inner = term.slice(0, -2);
      return value.flatMap((v, i) => this.check(v, inner, `${path}[${i}]`));
    }
    if (term.startsWith('(') && term.endsWith(')')) return this.check(value, term.slice(1, -1), path);
    if (/^"([^"]*)"$/.test(term)) {
      return value === term.slice(1, -1) ? [] : [`${path}: ${show(value)} is not ${term}`];
    }
    switch (term) {
      case 'string':
      case 'number':
      case 'boolean':
        return typeof value === term ? [] : [`${path}: ${show(value)} is not a ${term}`];
      case 'null':
        return value === null ? [] : [`${path}: ${show(value)} is not null`];
      case 'undefined':
      case 'void':
        return value === undefined ? [] : [`${path}: ${show(value)} is not undefined`];
      case 'Uint8Array':
        return value instanceof Uint8Array ? [] : [`${path}: ${show(value)} is not a Uint8Array`];
      default:
        break;
    }
    const rec = term.match(/^Record<\s*string\s*,([\s\S]+)>$/);
    if (rec) {
      if (kindOfValue(value) !== 'object') return [`${path}: ${show(value)} is not an object (${term})`];
      return Object.entries(value).flatMap(([k, v]) => this.check(v, rec[1], `${path}.${k}`));
    }
    if (this.decls.aliases.has(term)) return this.check(value, this.decls.aliases.get(term), path);
    if (this.decls.interfaces.has(term) || BUILTIN_INTERFACES[term]) return this.checkInterface(value, term, path);
    throw new Error(`${path}: the checker does not understand the type ${JSON.stringify(term)}`);
  }

  checkInterface(value, name, path) {
    if (kindOfValue(value) !== 'object') return [`${path}: ${show(value)} is not an object (${name})`];
    const fields = this.fields(name);
    const errors = [];
    const own = Object.keys(value);
    for (const [k, f] of fields) {
      if (!Object.prototype.hasOwnProperty.call(value, k)) {
        if (!f.optional) errors.push(`${path}: key ${k} declared in ${name} is missing`);
        continue;
      }
      errors.push(...this.check(value[k], f.type, `${path}.${k}`));
    }
    for (const k of own) {
      if (!fields.has(k)) errors.push(`${path}: key ${k} (${show(value[k])}) is not declared in ${name}`);
    }
    if (errors.length === 0) {
      this.seen.add(name);
      for (const [k, f] of fields) {
        if (value[k] !== null && value[k] !== undefined) this.nonNull.add(`${name}.${k}`);
      }
    }
    return errors;
  }

  /** The interfaces a type text can reach. */
  reach(type, out = new Set()) {
    for (const alt of splitTop(type, '|')) {
      let t = alt.trim();
      while (t.endsWith('[]')) t = t.slice(0, -2);
      if (t.startsWith('(') && t.endsWith(')')) {
        this.reach(t.slice(1, -1), out);
      } else if (this.decls.aliases.has(t)) {
        this.reach(this.decls.aliases.get(t), out);
      } else if (this.decls.interfaces.has(t) && !out.has(t)) {
        out.add(t);
        for (const [, f] of this.fields(t)) this.reach(f.type, out);
      }
    }
    return out;
  }
}

function kindOfValue(v) {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : 'primitive';
}

function show(v) {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

// ---------------------------------------------------------------------------------------------
// The tests.

const dts = readFileSync(DTS_PATH, 'utf8');
const decls = parseDeclarations(dts);
const checker = new ShapeChecker(decls);

/** Asserts that `value` fits the declared type `type`. */
function fits(value, type, what) {
  const errors = checker.check(value, type, what);
  assert.deepEqual(errors, [], `${what} does not fit ${type}:\n  ${errors.slice(0, 20).join('\n  ')}`);
}

/** Asserts that the result of method `name` fits the return type the .d.ts declares for it. */
const called = new Set();
function result(name, value, where = decls.methods) {
  const type = where.get(name);
  called.add(name);
  assert.ok(type, `${name} is not declared in the .d.ts`);
  fits(value, type, `${name}()`);
  return value;
}

test('the parser reads the declarations it is given', () => {
  const d = parseDeclarations(`
    /** doc */ export type K = "a" | "b";
    export interface B { regime: K; }
    export interface X extends B { a: string; b?: number | null; // note
      c: B[]; }
    export class Workspace {\n    f(x: string, y?: (a: number) => void): X;\n}`);
  assert.deepEqual([...d.interfaces.keys()], ['B', 'X']);
  assert.equal(d.methods.get('f'), 'X');
  const c = new ShapeChecker(d);
  assert.deepEqual(c.check({ regime: 'a', a: '', c: [] }, 'X', 'v'), []);
  assert.deepEqual(c.check({ regime: 'a', a: '', b: null, c: [{ regime: 'b' }] }, 'X', 'v'), []);
  assert.match(c.check({ regime: 'a', a: '', c: [], d: 1 }, 'X', 'v').join(), /key d .* not declared in X/);
  assert.match(c.check({ regime: 'a', c: [] }, 'X', 'v').join(), /key a declared in X is missing/);
  assert.match(c.check({ regime: 'a', a: '', c: [{ regime: 'z' }] }, 'X', 'v').join(), /v\.c\[0\]\.regime: "z" is not "a" \| "b"/);
  assert.match(c.check({ regime: 'a', a: '', b: '1', c: [] }, 'X', 'v').join(), /v\.b: "1" is not/);
  assert.throws(() => c.check(1, 'Map<string, number>', 'v'), /does not understand/);
});

test('no function or method of the .d.ts returns any', () => {
  assert.ok(decls.methods.size >= 30, `only ${decls.methods.size} methods of Workspace parsed`);
  for (const [where, map] of [['function', decls.functions], ['Workspace method', decls.methods]]) {
    for (const [name, type] of map) {
      assert.ok(!/\bany\b/.test(type), `${where} ${name} returns ${type}`);
    }
  }
});

test('docs/js-api.md declares the same types as the .d.ts', () => {
  // The ```ts block of its "Shapes (TypeScript)" section that holds the declarations.
  const md = readFileSync(join(REPO, 'docs', 'js-api.md'), 'utf8');
  const section = md.slice(md.indexOf('### Shapes (TypeScript)'));
  const block = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => /export interface/.test(b));
  assert.ok(block, 'docs/js-api.md has a ```ts block of declarations under "Shapes (TypeScript)"');
  const doc = parseDeclarations(block);
  const norm = (t) => t.replace(/\s+/g, ' ').trim();
  const own = (map) => [...map.keys()].filter((n) => !WASM_BINDGEN_OWN.has(n)).sort();
  assert.deepEqual(own(doc.aliases), own(decls.aliases), 'type aliases');
  assert.deepEqual(own(doc.interfaces), own(decls.interfaces), 'interfaces');
  for (const [name, text] of doc.aliases) assert.equal(norm(text), norm(decls.aliases.get(name)), `type ${name}`);
  for (const [name, i] of doc.interfaces) {
    const d = decls.interfaces.get(name);
    assert.deepEqual(i.extends, d.extends, `interface ${name} extends`);
    const fields = (m) => [...m.fields].map(([k, f]) => `${k}${f.optional ? '?' : ''}: ${norm(f.type)}`);
    assert.deepEqual(fields(i), fields(d), `interface ${name}`);
  }
});

test('every result fits the type the .d.ts declares for it', async () => {
  const mod = await import(join(PKG, 'credit_supervision.js'));
  mod.initSync({ module: readFileSync(join(PKG, 'credit_supervision_bg.wasm')) });
  const { Workspace } = mod;
  const fn = (name, ...args) => result(name, mod[name](...args), decls.functions);

  // Module functions.
  fn('version');
  fn('defaultPolicy');
  fn('policyCatalogue');
  fn('columns');
  fn('validateUscc', '914403001922038216');
  fn('sheetNames', 'penalty.xlsx', readFileSync(join(FIXTURES, 'penalty.xlsx')));
  // The core's labels, and what a file is (text with a header, a workbook, JSON, no header).
  const vocab = fn('vocabulary');
  assert.deepEqual(vocab.classes.map((c) => c.letter), ['A', 'B', 'C', 'D']);
  assert.ok(vocab.auditActions.some((a) => a.code === 'adjust_class' && !a.objection));
  const sniffed = fn('sniff', 'registration.csv', readFileSync(join(FIXTURES, 'registration.csv')));
  assert.equal(sniffed.kind, 'registration');
  assert.equal(sniffed.headerLine, 1);
  fn('sniff', 'registration-gbk.csv', readFileSync(join(FIXTURES, 'registration-gbk.csv')));
  fn('sniff', 'penalty.xlsx', readFileSync(join(FIXTURES, 'penalty.xlsx')));
  fn('sniff', 'a.json', new TextEncoder().encode('[{"uscc": "914403001922038216", "year": 2024}]'));
  fn('sniff', 'x.csv', new TextEncoder().encode('914403001922038216,甲\n'), JSON.stringify({ kind: 'registration' }));

  // The demo district, scored; every enterprise through rows, explain, rulesFor, repair, measures.
  const ws = new Workspace();
  result('generateDemo', ws.generateDemo(DEMO_SIZE, DEMO_SEED, AS_OF));
  result('counts', ws.counts());
  const summary = result('score', ws.score(AS_OF));
  assert.equal(summary.enterprises, DEMO_SIZE);
  const walk = () => {
    const rows = result('rows', ws.rows(ws.order('score', false)));
    assert.equal(rows.length, DEMO_SIZE);
    for (const r of rows) {
      result('explain', ws.explain(r.uscc));
      if (r.class === '-') continue; // not classified: rulesFor has nothing to say
      result('rulesFor', ws.rulesFor(r.uscc));
    }
    // repair/measures are parts of rulesFor; check them on their own on a few.
    for (const r of rows.filter((x) => x.class !== '-').slice(-20)) {
      result('repair', ws.repair(r.uscc));
      result('measures', ws.measures(r.uscc, '2026-06-30'));
    }
    return rows;
  };
  const rows = walk();
  result('draw', ws.draw('types-draw'));
  result('draw', ws.draw('types-draw', 0.2));
  // The XLSX exports beside the CSV ones: workbooks (zip files, `PK`), headers in either language.
  for (const lang of [undefined, 'zh', 'en']) {
    for (const [name, bytes] of [
      ['resultsXlsx', ws.resultsXlsx(lang)],
      ['drawXlsx', ws.drawXlsx(lang)],
      ['rejectedXlsx', ws.rejectedXlsx(0, lang)],
      ['auditXlsx', ws.auditXlsx(lang)],
    ]) {
      result(name, bytes);
      assert.deepEqual([...bytes.subarray(0, 2)], [0x50, 0x4b], `${name}(${lang}) is not a zip`);
    }
  }
  const planned = result('plan', ws.plan('types-plan', '2027-01-01'));
  assert.ok(planned.summary.visits > 0);
  result('planRows', ws.planRows(null, 0, 50));
  result('planRows', ws.planRows(1, 0, 5));
  result('verifyPlan', ws.verifyPlan(new TextDecoder().decode(ws.planJson())));
  result('planOutcome', ws.planOutcome('2025-01-01'));
  result('planOutcome', ws.planOutcome('2025-01-01', '2025-06-30', '2026-11-28'));

  // Scorecards: a fit on the German credit data with a test table, and the card applied.
  const german = (f) => readFileSync(join(REPO, 'tests', 'data', 'german', f));
  fn('scorecardDefaults');
  const sc = new mod.ScorecardFit(null);
  result('ScorecardFit.train', sc.train('german_train.csv', german('german_train.csv'), 'creditability'));
  // The test table with one row whose target is neither bad nor good: rejected with a reason.
  const testText = new TextDecoder().decode(german('german_test.csv'));
  // And one whose checking-account status the fit never saw: counted as unseen.
  const last = testText.trimEnd().split('\n').pop();
  const lastRow = last.replace(/,good$|,bad$/, ',maybe');
  const unseenRow = `never seen${last.slice(last.indexOf(','))}`;
  const tested = result('ScorecardFit.test', sc.test('german_test.csv', new TextEncoder().encode(`${testText.trimEnd()}\n${lastRow}\n${unseenRow}\n`)));
  assert.equal(tested.rejected.length, 1);
  const fitted = result('ScorecardFit.fit', sc.fit());
  assert.ok(fitted.report.test.auc > 0.75);
  assert.deepEqual(fitted.report.test.unseen, [{ feature: 'status_of_existing_checking_account', rows: 1 }]);
  sc.free();
  const applied = mod.scorecardApply(fitted.card, 'german_test.csv', german('german_test.csv'));
  assert.equal(applied.scores().length, 300);
  const worst = applied.scores().indexOf(Math.min(...applied.scores()));
  assert.ok(result('ScorecardScores.reasons', applied.reasons(worst)).length > 0);
  result('ScorecardScores.report', applied.report());
  applied.free();
  // The backtest, the migration and its movers, the classes at several dates (docs/RULES.md §18).
  const backtest = result('backtest', ws.backtest('2025-11-28'));
  assert.equal(backtest.classes.length, 4);
  result('backtest', ws.backtest('2025-11-28', 6));
  const migration = result('migration', ws.migration('2025-11-28', AS_OF));
  assert.equal(migration.matrix.flat().reduce((a, b) => a + b, 0), DEMO_SIZE);
  const movers = result('migrationMovers', ws.migrationMovers('2025-11-28', AS_OF, null, null, 0, 200));
  assert.ok(movers.movers.some((m) => m.changes.length > 0));
  result('migrationMovers', ws.migrationMovers('2025-11-28', AS_OF, 1, 2, 0, 5));
  const moversCsv = ws.migrationMoversCsv('2025-11-28', AS_OF, null, null);
  assert.ok(moversCsv instanceof Uint8Array);
  assert.equal(new TextDecoder().decode(moversCsv).trim().split('\n').length, movers.total + 1);
  // The work lists of the scoring (docs/RULES.md §20): counts, a page of each, the shares.
  ws.score(AS_OF);
  const counts = result('workCounts', ws.workCounts());
  for (const c of counts) {
    const page = result('workList', ws.workList(c.kind, 0, 20));
    assert.equal(page.counts.total, c.total);
    if (c.items[0]) result('workList', ws.workList(c.kind, 0, 5, c.items[0].code));
    assert.ok(ws.workListCsv(c.kind) instanceof Uint8Array);
  }
  result('regionShares', ws.regionShares());
  const histogram = result('scoreHistogram', ws.scoreHistogram());
  assert.equal(histogram.bins.reduce((n, b) => n + b.counts.reduce((x, y) => x + y, 0), 0), histogram.total);
  const classesAt = result('classesAt', ws.classesAt(['2025-11-28', AS_OF]));
  assert.equal(classesAt.classes.length, 2 * DEMO_SIZE);
  // A scorecard fitted on the loaded records, tested out of time a year later.
  const onRecords = result('scorecardFit', ws.scorecardFit('2024-11-28', null, '2025-11-28'));
  assert.ok(onRecords.report.test.rows > 0);
  // That card as the challenger beside the expert classes, out of time; then held in the policy.
  const spec = JSON.stringify({ name: 'learned', card: JSON.parse(onRecords.card) });
  const challenge = result('challenge', ws.challenge('2025-11-28', null, spec));
  assert.equal(challenge.challenger.population, challenge.champion.population);
  const events = result('outcome', ws.outcome());
  ws.setOutcome(JSON.stringify({ ...events, penalty: false }));
  assert.equal(result('outcome', ws.outcome()).penalty, false);
  assert.notEqual(result('backtest', ws.backtest('2025-11-28')).policyDigest, JSON.parse(JSON.stringify(backtest)).policyDigest);
  ws.setOutcome(null);
  const withChallenger = result('policyWithChallenger', ws.policyWithChallenger(spec));
  // The policy editor: the form, the digest, the change between two scorings.
  const form = fn('policyForm');
  assert.ok(form.fields.some((f) => f.kind === 'choice') && form.fields.some((f) => f.kind === 'class'));
  assert.equal(typeof ws.policyDigest(), 'string');
  const edited = JSON.parse(ws.policy());
  edited.cutoffs.a += 25;
  ws.setPolicy(JSON.stringify(edited));
  ws.score(AS_OF);
  assert.ok(result('lastChange', ws.lastChange()).moved > 0);
  edited.cutoffs.a -= 25;
  ws.setPolicy(JSON.stringify(edited));
  ws.score(AS_OF);
  assert.equal(JSON.parse(withChallenger).model.challenger.name, 'learned');

  // The calendar, in a year with holiday data and in one without (warning, uncovered years).
  for (const d of ['2026-10-01', '2026-10-10', '2026-11-28', '2040-01-02']) result('workingDay', ws.workingDay(d));
  result('addWorkingDays', ws.addWorkingDays('2026-09-28', 10));
  result('addWorkingDays', ws.addWorkingDays('2040-12-20', 10));
  result('monthsAfter', ws.monthsAfter('2026-01-31', 1));
  result('monthsAfter', ws.monthsAfter('2026-03-15', -6));

  // The audit trail: a dispute on a record, a class adjusted by hand, and its import elsewhere.
  const target = rows.find((r) => r.class !== '-' && ws.rulesFor(r.uscc).records.some((v) => v.recordKind === 'penalty'));
  assert.ok(target, 'the demo has a classified enterprise with a penalty');
  const pen = ws.rulesFor(target.uscc).records.find((v) => v.recordKind === 'penalty');
  result('object', ws.object(target.uscc, 'penalty', pen.recordIndex, 'dispute', '张三', '当事人提出异议', AS_OF, null, '2026-11-28T09:00:00+08:00'));
  result('adjustClass', ws.adjustClass(target.uscc, 'C', '李四', '人工调整', AS_OF, null));
  result('auditTrail', ws.auditTrail());
  result('explain', ws.explain(target.uscc)); // override: manual
  result('rulesFor', ws.rulesFor(target.uscc));
  const ws2 = new Workspace();
  ws2.generateDemo(DEMO_SIZE, DEMO_SEED, AS_OF);
  result('importAudit', ws2.importAudit(ws.auditJson()));
  result('auditTrail', ws2.auditTrail());
  ws2.free();

  // Scoring that ends with publicity: excluded records and score stops.
  const policy = JSON.parse(ws.policy());
  policy.rules.publicity.scoring_ends_with_publicity = true;
  ws.setPolicy(JSON.stringify(policy));
  result('score', ws.score(AS_OF));
  walk();
  ws.free();

  // Real files: a CSV with a rejected row, a workbook, and the chunked path.
  const files = new Workspace();
  const reg = readFileSync(join(FIXTURES, 'registration.csv'));
  const regReports = result('loadFile', files.loadFile('registration.csv', reg));
  assert.ok(regReports[0].errors.length > 0, 'registration.csv has a rejected row');
  result('loadFile', files.loadFile('penalty.xlsx', readFileSync(join(FIXTURES, 'penalty.xlsx')), JSON.stringify({ sheet: '处罚信息' })));
  files.beginFile('penalty.csv', JSON.stringify({ kind: 'penalty' }));
  const pcsv = readFileSync(join(FIXTURES, 'penalty.csv'));
  result('pushChunk', files.pushChunk(pcsv.subarray(0, 100)));
  result('pushChunk', files.pushChunk(pcsv.subarray(100)));
  result('finishFile', files.finishFile());
  result('loadCsv', files.loadCsv('penalty.csv', pcsv, 'penalty'));
  result('loadCsv', files.loadCsv('registration-gbk.csv', readFileSync(join(FIXTURES, 'registration.csv'))));
  const office = result('loadFile', files.loadFile('registration-office.csv', readFileSync(join(FIXTURES, 'registration-office.csv'))));
  assert.ok(office[0].warnings.length > 0 && office[0].skippedRows.length > 0 && office[0].conflictRows.length > 0,
    'registration-office.csv has warnings, skipped rows and a conflict');
  result('score', files.score(AS_OF));
  files.free();

  // Thrown errors carry only the documented extra properties.
  const errors = new Workspace();
  for (const call of [
    () => errors.score('2026-02-30'),
    () => errors.explain('914403001922038216'),
    () => errors.loadFile('x.csv', new TextEncoder().encode('foo,bar\n1,2\n')),
    () => errors.setPolicy('{"name": 1}'),
    () => errors.importAudit('[{"seq": 1}]'),
    () => mod.validateUscc('123'),
    () => mod.sniff('scan.csv', new Uint8Array([0x89, 0x50, 0, 0, 1, 2, 0x80])),
  ]) {
    let caught;
    try {
      call();
    } catch (e) {
      caught = e;
    }
    assert.ok(caught instanceof Error, 'the call throws an Error');
    const own = Object.fromEntries(Object.getOwnPropertyNames(caught).map((k) => [k, caught[k]]));
    fits(own, 'CreditSupervisionError', `error ${caught.code}`);
  }
  errors.free();

  // Coverage: every interface a result can reach was met, and every `Interface | null` field
  // was met non-null at least once.
  // Every export whose result is structured was called (initSync returns the wasm exports).
  const reachable = new Set();
  for (const [name, type] of [...decls.methods, ...decls.functions]) {
    if (name === 'initSync') continue;
    const r = checker.reach(type);
    if (r.size > 0) assert.ok(called.has(name), `${name} returns ${type} but the test never calls it`);
    for (const n of r) reachable.add(n);
  }
  const unmet = [...reachable].filter((n) => !checker.seen.has(n));
  assert.deepEqual(unmet, [], `interfaces never met in a result: ${unmet.join(', ')}`);
  const nullableObjects = [];
  for (const name of reachable) {
    for (const [k, f] of checker.fields(name)) {
      const alts = splitTop(f.type, '|');
      if (alts.includes('null') && alts.some((a) => checker.kindOf(a) === 'object' || checker.kindOf(a) === 'array')) {
        nullableObjects.push(`${name}.${k}`);
      }
    }
  }
  const alwaysNull = nullableObjects.filter((k) => !checker.nonNull.has(k));
  assert.deepEqual(alwaysNull, [], `nullable object fields never met non-null: ${alwaysNull.join(', ')}`);
});
