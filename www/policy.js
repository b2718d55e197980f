// The policy editor (issue 14): load, edit, check and save the policy — the classes and
// cut-offs, each indicator of the five dimensions (switch, points, window, cap), the overrides,
// the inspection ratios, the provincial 较低数额 threshold and the regime — with the default
// beside each value; apply it to rescore the records loaded without reloading them, and see
// how many enterprises changed class against the run before.
//
// The form is the core's (`policyForm()`: groups, fields, JSON paths, kinds, ranges, defaults);
// the check is the core's (`setPolicy`, whose errors name the path, shown at the field); the
// change is the core's (`lastChange()`); indicator and class labels come from the catalogue and
// `vocabulary()`. This file holds only the page's own words and the layout. Used by
// www/app.js through `createPolicy(ctx)`.

import { sectionKit } from './section.js';
import { classMatrix } from './svg.js';

const WORDS = {
  zh: {
    title: '评分政策（可编辑）',
    hint: '按五个维度调整指标的分值、影响期和计次上限，以及分数线、直接认定、抽查比例、较低数额罚款标准和新旧规定衔接；每项右侧为默认值。“应用并重新评分”由引擎检查政策，并按评分基准日重新评分已载入的数据（不需要重新载入文件）。',
    digest: (d, name) => `当前政策：${name}（摘要 ${d}）`,
    btnApply: '应用并重新评分',
    btnDefaults: '恢复默认值',
    btnSave: '保存政策（JSON）',
    chooseFile: '载入政策文件…',
    needScoring: '请先载入数据或生成示例数据，再应用政策。',
    needValue: '请填写',
    needInteger: '须为整数',
    needNumber: '须为数字',
    changed: (n) => `已修改 ${n} 项`,
    applied: '已应用',
    loaded: (name) => `已载入 ${name}，请检查后应用。`,
    badFile: (name, why) => `${name} 不是有效的政策文件：${why}`,
    field: '设置',
    value: '值',
    default: '默认',
    indicator: '指标',
    enabled: '启用',
    points: '每次分值',
    window: '影响期（月）',
    maxCount: '最多计次',
    none: '不设',
    on: '是',
    off: '否',
    changeTitle: '与上次评分相比',
    changeLine: (n, a, b) => `${n} 户分类变化（上次：${a}；本次：${b}）`,
    run: (asOf, d) => `基准日 ${asOf}，政策摘要 ${d}`,
    noChange: '分类无变化',
    from: '上次 \\ 本次',
    policyFile: (d) => `评分政策_${d}.json`,
  },
  en: {
    title: 'Scoring policy (editable)',
    hint: 'Set the indicators’ points, windows and caps by the five dimensions, and the cut-offs, overrides, inspection ratios, the lower-amount fine threshold and the rule on old and new texts; each value has its default beside it. “Apply and rescore” has the engine check the policy and rescore the records loaded as of the as-of date (no file is reloaded).',
    digest: (d, name) => `Policy in force: ${name} (digest ${d})`,
    btnApply: 'Apply and rescore',
    btnDefaults: 'Back to the defaults',
    btnSave: 'Save the policy (JSON)',
    chooseFile: 'Load a policy file…',
    needScoring: 'Load records or generate the demo first, then apply the policy.',
    needValue: 'enter a value',
    needInteger: 'must be a whole number',
    needNumber: 'must be a number',
    changed: (n) => `${n} changed`,
    applied: 'Applied',
    loaded: (name) => `${name} loaded: check it, then apply.`,
    badFile: (name, why) => `${name} is not a policy file: ${why}`,
    field: 'Setting',
    value: 'Value',
    default: 'Default',
    indicator: 'Indicator',
    enabled: 'Counts',
    points: 'Points each',
    window: 'Window (months)',
    maxCount: 'At most (times)',
    none: 'none',
    on: 'yes',
    off: 'no',
    changeTitle: 'Against the run before',
    changeLine: (n, a, b) => `${n} enterprises changed class (before: ${a}; now: ${b})`,
    run: (asOf, d) => `as of ${asOf}, policy digest ${d}`,
    noChange: 'No class changed',
    from: 'before \\ now',
    policyFile: (d) => `policy_${d}.json`,
  },
};

/**
 * What the page gives the policy editor.
 * @typedef {object} PolicyContext
 * @property {(tag: string, attrs?: object, ...children: any[]) => HTMLElement} el
 * @property {(n: number) => string} fmtInt
 * @property {() => string} lang `zh` or `en`
 * @property {() => import('./client.js').Info | null} info
 * @property {() => boolean} scored whether records are loaded and scored
 * @property {(policy: string) => Promise<import('./client.js').RescoreResult | null>} apply
 *   rescores with the policy (JSON text); null when the run did not finish
 * @property {(get: () => Promise<Uint8Array>, name: string, type?: string) => Promise<void>} download
 * @property {(err: any) => string} errorText
 * @property {() => boolean} busy
 */

/**
 * The policy editor.
 * @param {PolicyContext} ctx
 */
export function createPolicy(ctx) {
  const { el, $, w, zh } = sectionKit(ctx, WORDS);

  const st = {
    /** The policy being edited (parsed JSON). @type {any} */
    draft: null,
    /** The policy in force (JSON text). */
    inForce: '',
    /** Its digest and name. */
    digest: '',
    name: '',
    /** The field the core refused, and why. */
    errorPath: '',
    error: '',
    /** The last note: a key of WORDS and its arguments (shown in the current language). */
    note: /** @type {[string, ...any[]] | null} */ (null),
    /** @type {import('./client.js').RunChange | null} */
    change: null,
    /** Which groups are open. @type {Set<string>} */
    open: new Set(['classes']),
  };

  const form = () => ctx.info()?.form ?? null;

  /** The value at a dot-separated path. */
  function get(doc, path) {
    return path.split('.').reduce((v, k) => (v === null || v === undefined ? undefined : v[k]), doc);
  }
  /** Sets the value at a dot-separated path, making objects on the way. */
  function set(doc, path, value) {
    const keys = path.split('.');
    let v = doc;
    for (const k of keys.slice(0, -1)) {
      if (v[k] === null || typeof v[k] !== 'object') v[k] = {};
      v = v[k];
    }
    v[keys[keys.length - 1]] = value;
  }

  /** A value as the page shows it. */
  function show(field, v) {
    if (v === null || v === undefined) return w('none');
    if (field.kind === 'boolean') return v ? w('on') : w('off');
    if (field.kind === 'choice') {
      const o = field.options.find((x) => x.value === v);
      return o ? (zh() ? o.zh : o.en) : String(v);
    }
    return String(v);
  }

  /** The input of one field, bound to the draft. */
  function input(field) {
    const id = `pol-${field.path.split('.').join('-')}`;
    const value = get(st.draft, field.path);
    const label = fieldLabel(field);
    let node;
    const changed = () => {
      markChanged();
      st.errorPath = '';
      st.error = '';
      renderError();
    };
    if (field.kind === 'boolean') {
      node = /** @type {HTMLInputElement} */ (el('input', { type: 'checkbox', id, 'data-path': field.path, 'aria-label': label }));
      node.checked = Boolean(value);
      node.addEventListener('change', () => {
        set(st.draft, field.path, node.checked);
        changed();
      });
    } else if (field.kind === 'class' || field.kind === 'choice') {
      const options = field.kind === 'class'
        ? [...(field.nullable ? [{ value: '', text: w('none') }] : []),
          ...(ctx.info()?.vocabulary.classes ?? []).map((c) => ({ value: c.letter, text: `${c.letter} ${zh() ? c.riskZh : c.riskEn}` }))]
        : field.options.map((o) => ({ value: o.value, text: zh() ? o.zh : o.en }));
      node = /** @type {HTMLSelectElement} */ (el('select', { id, 'data-path': field.path, 'aria-label': label },
        options.map((o) => el('option', { value: o.value, text: o.text }))));
      node.value = value === null || value === undefined ? '' : String(value);
      node.addEventListener('change', () => {
        set(st.draft, field.path, node.value === '' ? null : node.value);
        changed();
      });
    } else {
      node = /** @type {HTMLInputElement} */ (el('input', {
        type: 'number', id, 'data-path': field.path, 'aria-label': label, class: 'pol-number',
        step: field.kind === 'integer' ? '1' : 'any', min: field.min ?? null, max: field.max ?? null, inputmode: 'decimal',
      }));
      node.value = value === null || value === undefined ? '' : String(value);
      node.addEventListener('input', () => {
        const text = node.value.trim();
        // An empty or unreadable number goes to the core as it is, which names the field.
        set(st.draft, field.path, text === '' ? null : Number.isFinite(Number(text)) ? Number(text) : text);
        changed();
      });
    }
    if (JSON.stringify(value) !== JSON.stringify(field.default)) node.classList.add('changed');
    return node;
  }

  /** An indicator's name from the catalogue, else its id. */
  function indicatorName(id) {
    const c = (ctx.info()?.catalogue ?? []).find((x) => x.id === id);
    return c ? (zh() ? c.zh : c.en) : id;
  }
  function fieldLabel(field) {
    const own = zh() ? field.zh : field.en;
    return field.indicator ? `${indicatorName(field.indicator)} · ${own}` : own;
  }

  function countChanged() {
    const f = form();
    if (!f || !st.draft) return 0;
    const inForce = JSON.parse(st.inForce || '{}');
    return f.fields.filter((x) => JSON.stringify(get(st.draft, x.path)) !== JSON.stringify(get(inForce, x.path))).length;
  }
  function markChanged() {
    $('#policy-changed').textContent = countChanged() ? w('changed', countChanged()) : '';
    for (const node of /** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll('#policy-groups [data-path]'))) {
      const field = form()?.fields.find((x) => x.path === node.dataset.path);
      if (!field) continue;
      node.classList.toggle('changed', JSON.stringify(get(st.draft, field.path)) !== JSON.stringify(field.default));
    }
  }

  function renderGroups() {
    const f = form();
    const box = $('#policy-groups');
    if (!f || !st.draft) {
      box.replaceChildren();
      return;
    }
    box.replaceChildren(...f.groups.map((g) => {
      const fields = f.fields.filter((x) => x.group === g.code);
      const details = /** @type {HTMLDetailsElement} */ (el('details', { class: 'policy-group', 'data-group': g.code },
        el('summary', { text: zh() ? g.zh : g.en }),
        fields.some((x) => x.indicator) ? indicatorTable(fields) : fieldTable(fields)));
      details.open = st.open.has(g.code);
      details.addEventListener('toggle', () => {
        if (details.open) st.open.add(g.code);
        else st.open.delete(g.code);
      });
      return details;
    }));
    markChanged();
  }

  function fieldTable(fields) {
    return el('table', { class: 'data compact policy-table' },
      el('thead', {}, el('tr', {}, el('th', { text: w('field') }), el('th', { text: w('value') }), el('th', { text: w('default') }))),
      el('tbody', {}, fields.map((x) => el('tr', { 'data-row': x.path },
        el('th', { scope: 'row' }, el('label', { for: `pol-${x.path.split('.').join('-')}`, text: zh() ? x.zh : x.en })),
        el('td', {}, input(x)),
        el('td', { class: 'muted', text: show(x, x.default) })))));
  }

  /** The indicators of a dimension: one row each, its four settings in columns. */
  function indicatorTable(fields) {
    const ids = [...new Set(fields.map((x) => x.indicator))];
    const cell = (x) => el('td', { 'data-row': x.path }, input(x), el('span', { class: 'muted small default', text: ` ${show(x, x.default)}` }));
    return el('table', { class: 'data compact policy-table' },
      el('thead', {}, el('tr', {},
        el('th', { text: w('indicator') }), el('th', { text: w('enabled') }), el('th', { text: w('points') }),
        el('th', { text: w('window') }), el('th', { text: w('maxCount') }))),
      el('tbody', {}, ids.map((id) => {
        const of = (key) => fields.find((x) => x.path === `indicators.${id}.${key}`);
        return el('tr', { 'data-indicator': id },
          el('th', { scope: 'row', text: indicatorName(id) }),
          ['enabled', 'points', 'window_months', 'max_count'].map((k) => (of(k) ? cell(of(k)) : el('td'))));
      })));
  }

  function renderError() {
    for (const node of document.querySelectorAll('#policy-groups .field-error')) node.classList.remove('field-error');
    const box = $('#policy-error');
    box.textContent = st.error;
    box.hidden = !st.error;
    if (!st.errorPath) return;
    // The field the core named (or the nearest one above it), opened and marked.
    const f = form();
    const field = f?.fields.find((x) => x.path === st.errorPath)
      ?? f?.fields.find((x) => x.path.startsWith(`${st.errorPath}.`) || st.errorPath.startsWith(`${x.path}.`));
    if (!field) return;
    st.open.add(field.group);
    const details = $(`#policy-groups details[data-group="${field.group}"]`);
    if (details) details.open = true;
    const node = $(`#policy-groups [data-path="${field.path}"]`);
    if (node) {
      node.classList.add('field-error');
      node.setAttribute('aria-invalid', 'true');
      node.focus();
    }
  }

  function renderChange() {
    const box = $('#policy-change');
    const c = st.change;
    if (!c) {
      box.hidden = true;
      box.replaceChildren();
      return;
    }
    const v = ctx.info()?.vocabulary;
    const terms = [v?.unclassified, ...(v?.classes ?? [])];
    const label = (t) => (t ? (t.code === 0 ? '–' : t.letter) : '');
    box.hidden = false;
    box.dataset.moved = String(c.moved);
    box.replaceChildren(
      el('h3', { text: w('changeTitle') }),
      el('p', { id: 'policy-change-line', text: c.moved ? w('changeLine', ctx.fmtInt(c.moved), w('run', c.fromAsOf, c.fromPolicyDigest.slice(0, 12)), w('run', c.toAsOf, c.toPolicyDigest.slice(0, 12))) : w('noChange') }),
      c.moved
        ? classMatrix(ctx.el, { id: 'policy-change-matrix', corner: w('from'), labels: terms.map(label), matrix: c.matrix, fmt: ctx.fmtInt })
        : '');
  }

  function render() {
    for (const node of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-policy-i18n]'))) {
      node.textContent = w(node.dataset.policyI18n);
    }
    $('#policy-digest').textContent = st.digest ? w('digest', st.digest.slice(0, 16), st.name) : '';
    $('#policy-note').textContent = st.note ? w(...st.note) : '';
    renderGroups();
    renderError();
    renderChange();
  }

  /** Takes the policy in force (JSON text) as the draft. */
  function inForce(text, digest) {
    st.inForce = text;
    st.draft = JSON.parse(text);
    st.name = st.draft.name ?? '';
    if (digest) st.digest = digest;
  }

  /**
   * A field whose value cannot even be read as its kind (an empty number, a fraction where a
   * whole number is due): the core would name only a line and column of the JSON, so the page
   * names the field. Ranges and every rule between fields are the core's check.
   */
  function unreadable() {
    for (const f of form()?.fields ?? []) {
      const v = get(st.draft, f.path);
      if (f.kind !== 'number' && f.kind !== 'integer') continue;
      if ((v === null || v === undefined) && !f.nullable) return { f, why: 'needValue' };
      if (v !== null && v !== undefined && (typeof v !== 'number' || (f.kind === 'integer' && !Number.isInteger(v)))) {
        return { f, why: f.kind === 'integer' ? 'needInteger' : 'needNumber' };
      }
    }
    return null;
  }

  async function apply() {
    if (ctx.busy() || !st.draft) return;
    st.error = '';
    st.errorPath = '';
    st.note = null;
    if (!ctx.scored()) {
      st.error = w('needScoring');
      render();
      return;
    }
    const bad = unreadable();
    if (bad) {
      st.error = `${fieldLabel(bad.f)}${zh() ? '：' : ': '}${w(bad.why)} (${bad.f.path})`;
      st.errorPath = bad.f.path;
      render();
      return;
    }
    try {
      const r = await ctx.apply(JSON.stringify(st.draft));
      if (!r) return;
      inForce(r.policy, r.summary.policyDigest);
      st.change = r.change;
      st.note = ['applied'];
    } catch (err) {
      st.error = ctx.errorText(err);
      st.errorPath = err.path ?? '';
    }
    render();
  }

  async function loadFile(file) {
    if (!file) return;
    st.error = '';
    st.errorPath = '';
    try {
      const text = await file.text();
      const doc = JSON.parse(text);
      if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('JSON object expected');
      st.draft = doc;
      st.note = ['loaded', file.name];
    } catch (err) {
      st.error = w('badFile', file.name, err.message ?? String(err));
    }
    render();
  }

  function wire() {
    $('#btn-policy-apply').addEventListener('click', apply);
    $('#btn-policy-defaults').addEventListener('click', () => {
      const info = ctx.info();
      if (!info) return;
      st.draft = JSON.parse(info.policy);
      st.error = '';
      st.errorPath = '';
      st.note = null;
      render();
    });
    $('#btn-policy-save').addEventListener('click', () => {
      if (!st.draft) return;
      ctx.download(async () => new TextEncoder().encode(`${JSON.stringify(st.draft, null, 2)}\n`), w('policyFile', (st.digest || 'draft').slice(0, 12)), 'application/json');
    });
    $('#policy-file').addEventListener('change', (e) => {
      const file = e.target.files?.[0];
      e.target.value = '';
      loadFile(file);
    });
  }

  return {
    wire,
    render,
    /** The engine is ready: the default policy is in force. @param {string} digest */
    ready(digest) {
      const info = ctx.info();
      if (!info) return;
      inForce(info.policy, digest);
      $('#policy-editor').hidden = false;
      render();
    },
    /**
     * A run scored the records with the policy in force; the change against the run before is
     * the core's (null after a load).
     * @param {import('./client.js').ScoreSummary} summary
     * @param {import('./client.js').RunChange | null} change
     */
    scored(summary, change) {
      st.digest = summary.policyDigest;
      st.change = change ?? null;
      render();
    },
    setBusy(busy) {
      $('#btn-policy-apply').disabled = busy;
      $('#policy-file').disabled = busy;
    },
  };
}
