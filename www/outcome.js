// The cycle outcome (往期评估) of the plan section: what a past cycle achieved, judged by the core
// from the inspection records loaded — random checks against the target ratio and the floor,
// each 100 % group's coverage, whether the results were published in time (一公开), and the
// results by class — with two downloads: the public results list and the overdue ones for
// internal follow-up.
//
// The judging and the CSV files are the core's, in the worker (www/worker.js: `planOutcome`,
// `planResultsCsv`); every figure comes from there, the publication statuses' names from
// `vocabulary().planPublication`. This file holds only the page's own words and the layout.
// Used by www/plan.js through `createOutcome(ctx)`, with the plan's context.

const WORDS = {
  zh: {
    title: '往期评估（周期执行情况）',
    hint: '按已载入的抽查检查记录评估一个已结束周期的执行情况：随机抽查比例是否达到目标和最低比例，全覆盖名单是否检查到位，抽查结果是否按时公示，以及按风险分类的检查结果。',
    start: '周期起始日',
    startHint: '默认为评分基准日上一年的 1 月 1 日',
    end: '周期截止日',
    endHint: '可不填；默认按政策的检查周期',
    on: '公示判断日',
    onHint: '可不填；默认为评分基准日',
    btnJudge: '评估',
    needStart: '请填写周期起始日。',
    running: '正在评估…',
    done: (s) => `已评估（用时 ${s} 秒）`,
    stale: '评分在评估后已变更（审计记录），按风险分类的结果可能不同，请重新评估。',
    randomLine: '随机抽查',
    ofPopulation: (pop, ratio) => `户，占 ${pop} 户的 ${ratio}`,
    ratios: (target, floor) => `（目标比例 ${target}，最低比例 ${floor}）`,
    targetMet: '达到目标比例',
    targetNotMet: '未达到目标比例',
    floorMet: '达到最低比例',
    floorNotMet: '未达到最低比例',
    cycle: '评估周期',
    cycleRange: (a, b) => `${a} 至 ${b}`,
    judgedOn: '公示判断日',
    population: '企业总数',
    groupsTitle: '全覆盖名单（100%）',
    colGroup: '名单名称',
    colMembers: '企业数',
    colChecked: '已检查',
    colCoverage: '覆盖率',
    colResult: '结果',
    covered: '全部检查',
    notCovered: (n) => `未检查 ${n} 户`,
    noGroups: '政策中没有全覆盖名单。',
    publicationTitle: '抽查结果公示（一公开）',
    publicationHint: '随机抽查的结果应在规定的工作日内公示；按公示判断日统计。',
    colStatus: '公示情况',
    colCount: '次数',
    total: '随机抽查合计',
    onTimeRatio: (r) => `及时公示率 ${r}（不计尚未到期的）`,
    classesTitle: '按风险分类的检查结果',
    classesHint: '计入周期内的全部检查；风险分类为本次评分的结果（如需按制定计划时的分类评估，请以周期起始日为评分基准日重新评分）。',
    colClass: '分类',
    colEnterprises: '企业数',
    colCheckedEnterprises: '已检查企业',
    colChecks: '检查次数',
    colProblems: '发现问题次数',
    colProblemRate: '问题发现率',
    exportsTitle: '导出',
    btnResults: '下载抽查结果公示 CSV',
    publicTag: '公示用',
    resultsNote: '周期内随机抽查的结果、公示期限和公示情况；不含风险分类、分数和原因，可对外公示。',
    btnOverdue: (status, n) => `下载${status}清单 CSV（${n} 条）`,
    internalTag: '内部督办',
    overdueNote: '供内部督办、补公示；同样不含风险分类、分数和原因。',
    resultsFile: (a, b) => `抽查结果_公示用_${a}_${b}.csv`,
    overdueFile: (a, b, on) => `抽查结果_内部督办_${a}_${b}_截至${on}.csv`,
  },
  en: {
    title: 'Cycle outcome',
    hint: 'Judges what a past cycle achieved, from the inspection records loaded: the random checks against the target ratio and the floor, the 100 % groups covered, whether the results were published in time, and the results by class.',
    start: 'First day of the cycle',
    startHint: 'default: January 1st of the year before the as-of date',
    end: 'Last day of the cycle',
    endHint: "optional; default: the policy's cycle",
    on: 'Publication judged on',
    onHint: 'optional; default: the as-of date',
    btnJudge: 'Judge the cycle',
    needStart: 'Fill in the first day of the cycle.',
    running: 'judging…',
    done: (s) => `judged in ${s} s`,
    stale: 'The scores changed after this judgement (audit trail): the results by class may differ; judge again.',
    randomLine: 'Randomly checked',
    ofPopulation: (pop, ratio) => `of ${pop} enterprises, ${ratio}`,
    ratios: (target, floor) => ` (target ratio ${target}, floor ${floor})`,
    targetMet: 'target met',
    targetNotMet: 'target not met',
    floorMet: 'floor met',
    floorNotMet: 'floor not met',
    cycle: 'Cycle',
    cycleRange: (a, b) => `${a} to ${b}`,
    judgedOn: 'Publication judged on',
    population: 'Enterprises',
    groupsTitle: '100 % groups',
    colGroup: 'Group',
    colMembers: 'Members',
    colChecked: 'Checked',
    colCoverage: 'Coverage',
    colResult: 'Result',
    covered: 'all checked',
    notCovered: (n) => `${n} not checked`,
    noGroups: 'The policy has no 100 % group.',
    publicationTitle: 'Results published (one public)',
    publicationHint: 'The results of random checks are due for publication within the working days the rules set; counted on the judging day.',
    colStatus: 'Publication',
    colCount: 'Checks',
    total: 'Random checks',
    onTimeRatio: (r) => `on-time ratio ${r} (checks not yet due left out)`,
    classesTitle: 'Results by class',
    classesHint: "Every check of the cycle counts; the classes are this scoring's (to judge the classes the plan was made with, score as of the cycle's first day).",
    colClass: 'Class',
    colEnterprises: 'Enterprises',
    colCheckedEnterprises: 'Checked',
    colChecks: 'Checks',
    colProblems: 'Problems found',
    colProblemRate: 'Problem rate',
    exportsTitle: 'Exports',
    btnResults: 'Download the public results CSV',
    publicTag: 'for publication',
    resultsNote: "The cycle's random checks with their result, deadline and publication; no class, score or reason: to be published.",
    btnOverdue: (status, n) => `Download the list: ${status} (${n}, CSV)`,
    internalTag: 'internal follow-up',
    overdueNote: 'For internal follow-up; no class, score or reason either.',
    resultsFile: (a, b) => `inspection-results_public_${a}_${b}.csv`,
    overdueFile: (a, b, on) => `inspection-results_overdue_${a}_${b}_as-of-${on}.csv`,
  },
};

/** The statuses of `PlanPublication`, in its order: the vocabulary's code and the count's key. */
const STATUSES = /** @type {const} */ ([['on_time', 'onTime'], ['late', 'late'], ['overdue', 'overdue'], ['pending', 'pending']]);

/**
 * @typedef {import('./client.js').PlanOutcome} PlanOutcome
 */

/**
 * The cycle outcome part of the plan section.
 * @param {import('./plan.js').PlanContext} ctx
 */
export function createOutcome(ctx) {
  const { fmtInt, fmtRatio, client } = ctx;
  /** The page's `el`, with children nested in arrays at any depth. */
  const el = (tag, attrs = {}, ...children) => ctx.el(tag, attrs, ...children.flat(Infinity));
  /** @param {string} sel @returns {any} */
  const $ = (sel) => document.querySelector(sel);

  /** The page's word for `key` in the current language. */
  function w(key, ...args) {
    const v = WORDS[ctx.lang()][key] ?? WORDS.zh[key] ?? key;
    return typeof v === 'function' ? v(...args) : v;
  }

  const st = {
    /** @type {PlanOutcome | null} */
    outcome: null,
    runs: 0,
    stale: false,
    /** @type {{ key: string, detail?: string, state: string }} */
    status: { key: '', state: 'idle' },
  };

  /** A publication status's name as the core gives it (`vocabulary().planPublication`), else its code. */
  function statusName(code) {
    const t = (ctx.vocabulary()?.planPublication ?? []).find((x) => x.code === code);
    return t ? (ctx.lang() === 'zh' ? t.zh : t.en) : code;
  }

  function showError(text) {
    const box = $('#outcome-error');
    box.textContent = text;
    box.hidden = !text;
  }

  function setStatus(key, state, detail = '') {
    st.status = { key, state, detail };
    renderStatus();
  }

  function renderStatus() {
    const node = $('#outcome-status');
    const { key, state, detail } = st.status;
    node.dataset.state = state;
    node.textContent = key ? w(key, detail) : '';
  }

  /** Judges the cycle of the inputs in the worker and shows it. */
  async function judge() {
    if (ctx.busy()) return;
    showError('');
    const cycleStart = $('#outcome-start').value;
    if (!cycleStart) {
      showError(w('needStart'));
      $('#outcome-start').focus();
      return;
    }
    const cycleEnd = $('#outcome-end').value || null;
    const on = $('#outcome-on').value || null;
    ctx.setBusy(true);
    setStatus('running', 'running');
    const started = performance.now();
    try {
      st.outcome = await client.planOutcome({ cycleStart, cycleEnd, on });
      st.stale = false;
      st.runs++;
      render();
      setStatus('done', 'done', ((performance.now() - started) / 1000).toFixed(1));
    } catch (err) {
      if (err.code === 'cancelled') {
        ctx.cancelled();
      } else if (err.code !== 'trap') {
        setStatus('', 'error');
        // An argument the core refused (`cycleStart`, `cycleEnd`, `on`): named by its field.
        const field = { cycleStart: 'start', cycleEnd: 'end', on: 'on' }[err.argument];
        showError(`${field ? w(field) + (ctx.lang() === 'zh' ? '：' : ': ') : ''}${ctx.errorText(err)}`);
      }
    } finally {
      ctx.setBusy(false);
    }
  }

  // -------------------------------------------------------------------------------------------
  // The outcome
  // -------------------------------------------------------------------------------------------

  const table = (id, heads, rows) =>
    el('div', { class: 'table-wrap plan-table' },
      el('table', { id, class: 'data compact plan-data' },
        el('thead', {}, el('tr', {}, heads.map(([text, right]) => el('th', { class: right ? 'right' : null, text })))),
        el('tbody', {}, rows)));
  const num = (n, attrs = {}) => el('td', { class: 'num', 'data-value': n, ...attrs, text: fmtInt(n) });
  const flag = (ok, yes, no) => el('span', { class: `flag ${ok ? 'flag-ok' : 'flag-bad'}`, 'data-met': ok ? 'true' : 'false', text: `${ok ? '✓' : '✗'} ${w(ok ? yes : no)}` });

  function render() {
    renderLabels();
    renderStatus();
    const box = $('#outcome-result');
    const o = st.outcome;
    if (!o) {
      box.hidden = true;
      box.replaceChildren();
      return;
    }
    const p = o.publication;
    box.dataset.runs = String(st.runs);
    box.replaceChildren(...[
      st.stale ? el('p', { class: 'plan-alert', id: 'outcome-stale', role: 'alert', text: w('stale') }) : '',
      el('div', { id: 'outcome-summary', 'data-population': o.population, 'data-randomly-checked': o.randomlyChecked },
        el('p', { class: 'summary-line' },
          w('randomLine'), ' ',
          el('strong', { id: 'outcome-random', class: 'num', 'data-value': o.randomlyChecked, text: fmtInt(o.randomlyChecked) }), ' ',
          w('ofPopulation', fmtInt(o.population), fmtRatio(o.randomRatio)),
          w('ratios', fmtRatio(o.targetRatio), fmtRatio(o.floorRatio)), ' ',
          el('span', { id: 'outcome-target' }, flag(o.targetMet, 'targetMet', 'targetNotMet')), ' ',
          el('span', { id: 'outcome-floor' }, flag(o.floorMet, 'floorMet', 'floorNotMet'))),
        el('dl', { class: 'plan-facts' },
          el('dt', { text: w('cycle') }), el('dd', { id: 'outcome-cycle', text: w('cycleRange', o.cycleStart, o.cycleEnd) }),
          el('dt', { text: w('judgedOn') }), el('dd', { id: 'outcome-as-of', text: o.asOf }),
          el('dt', { text: w('population') }), el('dd', { text: fmtInt(o.population) }))),
      el('h3', { text: w('groupsTitle') }),
      o.groups.length
        ? table('outcome-groups', [[w('colGroup')], [w('colMembers'), 1], [w('colChecked'), 1], [w('colCoverage'), 1], [w('colResult')]],
          o.groups.map((g) =>
            el('tr', { 'data-met': g.met ? 'true' : 'false' },
              el('td', { text: g.name }), num(g.members), num(g.checked),
              el('td', { class: 'num', text: fmtRatio(g.coverage) }),
              el('td', { class: g.met ? 'pos' : 'neg' }, g.met ? `✓ ${w('covered')}` : `✗ ${w('notCovered', fmtInt(g.members - g.checked))}`))))
        : el('p', { class: 'muted', text: w('noGroups') }),
      el('h3', { text: w('publicationTitle') }),
      el('p', { class: 'hint', text: w('publicationHint') }),
      el('div', { id: 'outcome-publication', 'data-checks': p.checks, 'data-on-time': p.onTime, 'data-late': p.late,
        'data-overdue': p.overdue, 'data-pending': p.pending },
      table('outcome-publication-table', [[w('colStatus')], [w('colCount'), 1]], [
        ...STATUSES.map(([code, key]) =>
          el('tr', { 'data-status': code, class: code === 'overdue' && p.overdue > 0 ? 'neg' : null },
            el('td', { text: statusName(code) }), num(p[key]))),
        el('tr', { class: 'total' }, el('th', { scope: 'row', text: w('total') }), num(p.checks)),
      ]),
      el('p', { id: 'outcome-on-time' }, w('onTimeRatio', fmtRatio(p.onTimeRatio)))),
      el('h3', { text: w('classesTitle') }),
      el('p', { class: 'hint', text: w('classesHint') }),
      table('outcome-classes', [
        [w('colClass')], [w('colEnterprises'), 1], [w('colCheckedEnterprises'), 1], [w('colChecks'), 1], [w('colProblems'), 1], [w('colProblemRate'), 1],
      ], o.byClass.map((c) =>
        el('tr', { 'data-class': c.class },
          el('td', {}, ctx.classBadge(c.class)),
          num(c.enterprises, { class: 'num enterprises' }), num(c.checked, { class: 'num checked' }),
          num(c.checks, { class: 'num checks' }), num(c.problems, { class: 'num problems' }),
          el('td', { class: 'num', text: fmtRatio(c.problemRate) })))),
      renderExports(),
    ].flat(Infinity));
    box.hidden = false;
    for (const b of box.querySelectorAll('button.outcome-export')) /** @type {HTMLButtonElement} */ (b).disabled = ctx.busy();
  }

  function renderExports() {
    const o = st.outcome;
    // The files of the cycle shown (its resolved dates), whatever the inputs say now.
    const args = { cycleStart: o.cycleStart, cycleEnd: o.cycleEnd, on: o.asOf };
    return el('div', { class: 'plan-exports', id: 'outcome-exports' },
      el('h3', { text: w('exportsTitle') }),
      el('div', { class: 'export-row' },
        el('button', { type: 'button', id: 'btn-outcome-results', class: 'outcome-export', text: w('btnResults'),
          onclick: () => ctx.download(() => client.planResultsCsv({ ...args, overdueOnly: false }), w('resultsFile', o.cycleStart, o.cycleEnd)) }),
        el('span', { class: 'tag tag-public', text: w('publicTag') }),
        el('span', { class: 'hint', text: w('resultsNote') })),
      el('div', { class: 'export-row' },
        el('button', { type: 'button', id: 'btn-outcome-overdue', class: 'outcome-export', text: w('btnOverdue', statusName('overdue'), fmtInt(o.publication.overdue)),
          onclick: () => ctx.download(() => client.planResultsCsv({ ...args, overdueOnly: true }), w('overdueFile', o.cycleStart, o.cycleEnd, o.asOf)) }),
        el('span', { class: 'tag tag-internal', text: w('internalTag') }),
        el('span', { class: 'hint', text: w('overdueNote') })));
  }

  function renderLabels() {
    for (const node of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-outcome-i18n]'))) {
      node.textContent = w(node.dataset.outcomeI18n);
    }
  }

  function wire() {
    $('#btn-outcome').addEventListener('click', judge);
    for (const id of ['#outcome-start', '#outcome-end', '#outcome-on']) {
      $(id).addEventListener('change', (e) => {
        e.target.dataset.chosen = '1';
      });
    }
  }

  return {
    wire,
    /** Re-lays the part out in the current language. */
    render,
    /**
     * After a scoring: the cycle judged starts on January 1st of the year before the as-of date
     * (the last full year) unless the clerk chose another day.
     * @param {string} asOf
     */
    scored(asOf) {
      const input = $('#outcome-start');
      if (!input.dataset.chosen || !input.value) input.value = `${Number(asOf.slice(0, 4)) - 1}-01-01`;
      st.status = { key: '', state: 'idle' };
      render();
    },
    /** The results are gone (a new run, a cancel, a crash): so is the outcome. */
    clear() {
      st.outcome = null;
      st.stale = false;
      st.status = { key: '', state: 'idle' };
      showError('');
      render();
    },
    /** The scores changed after the outcome was judged (an audit entry). */
    markStale() {
      if (!st.outcome || st.stale) return;
      st.stale = true;
      render();
    },
    /** Enables or disables the part's buttons with the page's busy state. @param {boolean} busy */
    setBusy(busy) {
      $('#btn-outcome').disabled = busy;
      for (const b of /** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll('#outcome-result button.outcome-export'))) b.disabled = busy;
    },
  };
}
