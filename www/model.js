// The page side of learning and proving the score (docs/RULES.md §18–19, issue 12): a WoE
// scorecard fitted on the records loaded — features as of a date T against the outcome after
// it, the outcome's events chosen from a list — tested out of time a horizon later; its bins
// with WoE bars, the IV ranking, KS and ROC curves, the points table; the backtest of the
// expert classes beside the card's (champion / challenger); the classes' migration from the
// test date to the data's date; the card, the policy holding it as challenger, and the report
// to download.
//
// Every figure is the core's, computed in the worker (www/worker.js: `modelDefaults`, `model`,
// `policyWithChallenger`); the features' names, the outcome events, the classes and why a
// feature left the card come from `vocabulary()` (`modelFeatures`, `outcomeKinds`, `classes`,
// `scorecardDropped`). This file holds only the page's own words, the layout and the charts
// (SVG drawn from the numbers the core returns). Used by www/app.js through
// `createModel(ctx)`.

import { sectionKit } from './section.js';
import { classMatrix, svg } from './svg.js';

const WORDS = {
  zh: {
    title: '模型与回测（评分卡、分类检验、迁移）',
    hint: '用已载入的记录检验分类是否有效，并从本局历史中学习：以某一日期的各项指标为特征、其后一段时间内是否发生不良事件为结果，拟合证据权重（WoE）评分卡，并在之后的日期做样本外检验；同时对专家评分的分类做回测（冠军），与评分卡的分类（挑战者）并列比较。只影响本节的计算，不改变评分结果。',
    fitAt: '训练基准日 T',
    fitAtHint: '特征取 T 日的记录，结果取 T 之后观察期内的事件',
    testAt: '检验基准日',
    testAtHint: '须晚于 T；在此日期做样本外检验、回测和冠军/挑战者比较',
    horizon: '观察期（月）',
    outcome: '不良事件（结果）',
    outcomeHint: '观察期内发生所选任一事件即为“不良”。默认取政策的设置。',
    btnFit: '拟合并回测',
    btnCancel: '取消',
    needDates: '请填写训练基准日和检验基准日（检验基准日须晚于训练基准日）。',
    needEvent: '请至少选择一种不良事件。',
    running: '正在拟合…',
    done: (s) => `已完成（用时 ${s} 秒）`,
    stale: '评分在此后已变更（审计记录），请重新拟合。',
    stages: { bin: '分箱', select: '筛选特征', fit: '拟合回归', score: '评分', classes: '分类' },
    // summary
    cardLine: (n, f) => `评分卡：${n} 个特征（候选 ${f} 个）`,
    sample: '样本',
    train: (t) => `训练（${t}）`,
    test: (t) => `检验（${t}）`,
    rows: '企业数',
    bads: '不良数',
    badRate: '不良率',
    auc: 'AUC',
    ks: 'KS',
    gini: 'Gini',
    psi: '评分稳定性 PSI',
    digest: '评分卡摘要',
    judgedBy: '结果口径',
    // backtest
    backtestTitle: (at, end) => `分类回测：${at} 的分类与其后至 ${end} 的不良事件`,
    backtestHint: '冠军为专家评分的分类，挑战者为评分卡按相同各类户数（法定的名单认定与人工调整不变）分出的类。',
    cls: '分类',
    champion: '专家评分（冠军）',
    challenger: '评分卡（挑战者）',
    count: '户数',
    liftLine: (a, b) => `D 类不良率为 A 类的倍数：专家 ${a}，评分卡 ${b}`,
    orderHolds: '不良率随风险等级递增',
    orderBroken: '不良率未随风险等级递增',
    agreementTitle: '两种分类的一致情况（行：专家，列：评分卡）',
    sameLine: (n, share) => `分类相同 ${n} 户（${share}）`,
    fixedLine: (n, m) => `按名单认定或人工调整保持不变 ${n} 户；按异常名录的最低等级提高 ${m} 户`,
    // charts
    rocTitle: 'ROC 曲线',
    ksTitle: 'KS 曲线（评分卡，检验样本）',
    cumBad: '累计不良占比',
    cumGood: '累计正常占比',
    population: '按评分由差到好累计的企业占比',
    fpr: '误报率（正常被判为高风险）',
    tpr: '命中率（不良被判为高风险）',
    seriesExpert: (a) => `专家评分（AUC ${a}）`,
    seriesTrain: (a) => `评分卡·训练（AUC ${a}）`,
    seriesTest: (a) => `评分卡·检验（AUC ${a}）`,
    ksAt: (v) => `KS ${v}`,
    // features
    ivTitle: '特征信息值（IV）排序',
    moreFeatures: (n) => `其余 ${n} 个特征`,
    feature: '特征',
    iv: 'IV',
    inCard: '入选',
    dropped: '未入选原因',
    binsTitle: '分箱与证据权重',
    binsOf: '特征',
    bin: '分箱',
    share: '占比',
    woe: 'WoE',
    points: '分值',
    missing: '缺失',
    special: (v) => `特殊值 ${v}`,
    notInCard: '（未入选评分卡）',
    pointsTitle: '评分卡分值表',
    basePoints: (p) => `基础分 ${p}`,
    scaling: (base, odds, pdo) => `刻度：${base} 分对应 ${odds}:1 的好坏比，每 ${pdo} 分好坏比翻倍`,
    // migration
    migrationTitle: (a, b) => `分类迁移：${a} → ${b}`,
    migrationHint: '行：前一日期的分类，列：后一日期的分类；“未分类”含当时未成立或非存续的企业。',
    movedLine: (up, down, same) => `风险上升 ${up} 户，下降 ${down} 户，不变 ${same} 户`,
    // exports
    exportCard: '下载评分卡（JSON）',
    exportPolicy: '下载含此挑战者的政策（JSON）',
    exportReport: '下载拟合报告（JSON）',
    exportMovers: '下载分类变化的企业（CSV）',
    moversFile: (a, b) => `分类变化_${a}_${b}.csv`,
    cardFile: (d) => `评分卡_${d}.json`,
    policyFile: (d) => `政策_含挑战者_${d}.json`,
    reportFile: (d) => `评分卡报告_${d}.json`,
    challengerName: (d) => `评分卡 ${d}`,
    yes: '是',
    none: '—',
  },
  en: {
    title: 'Model and backtest (scorecard, class check, migration)',
    hint: 'Check whether the classes work on the records loaded, and learn from the bureau’s own history: a weight-of-evidence (WoE) scorecard fitted on every indicator as of a date against whether trouble followed within the horizon, tested out of time at a later date; the expert classes backtested there (the champion) beside the card’s classes (the challenger). Only this section’s figures change; the scores do not.',
    fitAt: 'Fit date T',
    fitAtHint: 'features from the records as of T, the outcome from the events in the horizon after it',
    testAt: 'Test date',
    testAtHint: 'after T; the out-of-time test, the backtest and the champion/challenger comparison are made here',
    horizon: 'Horizon (months)',
    outcome: 'Bad events (the outcome)',
    outcomeHint: 'An enterprise is bad when any event chosen happens in the horizon. The policy’s choice by default.',
    btnFit: 'Fit and backtest',
    btnCancel: 'Cancel',
    needDates: 'Enter the fit date and the test date (the test date after the fit date).',
    needEvent: 'Choose at least one bad event.',
    running: 'Fitting…',
    done: (s) => `Done (${s} s)`,
    stale: 'The scores changed since (audit trail): fit again.',
    stages: { bin: 'binning', select: 'selecting features', fit: 'fitting the regression', score: 'scoring', classes: 'classing' },
    cardLine: (n, f) => `Scorecard: ${n} features (of ${f} candidates)`,
    sample: 'Sample',
    train: (t) => `Train (${t})`,
    test: (t) => `Test (${t})`,
    rows: 'Enterprises',
    bads: 'Bad',
    badRate: 'Bad rate',
    auc: 'AUC',
    ks: 'KS',
    gini: 'Gini',
    psi: 'Score PSI',
    digest: 'Card digest',
    judgedBy: 'Outcome',
    backtestTitle: (at, end) => `Backtest: the classes on ${at} against the bad events up to ${end}`,
    backtestHint: 'The champion is the expert classes; the challenger, the card’s classes with as many enterprises per class (classes set by the lists or by hand stay).',
    cls: 'Class',
    champion: 'Expert points (champion)',
    challenger: 'Scorecard (challenger)',
    count: 'Enterprises',
    liftLine: (a, b) => `D’s bad rate over A’s: expert ${a}, scorecard ${b}`,
    orderHolds: 'bad rates rise with the class',
    orderBroken: 'bad rates do not rise with the class',
    agreementTitle: 'Where the two classings agree (rows: expert, columns: scorecard)',
    sameLine: (n, share) => `${n} in the same class (${share})`,
    fixedLine: (n, m) => `${n} kept by a list or by hand; ${m} raised by the abnormal-list floor`,
    rocTitle: 'ROC curves',
    ksTitle: 'KS curve (scorecard, test sample)',
    cumBad: 'cumulative share of bads',
    cumGood: 'cumulative share of goods',
    population: 'share of enterprises, worst score first',
    fpr: 'false-positive rate',
    tpr: 'true-positive rate',
    seriesExpert: (a) => `expert points (AUC ${a})`,
    seriesTrain: (a) => `scorecard, train (AUC ${a})`,
    seriesTest: (a) => `scorecard, test (AUC ${a})`,
    ksAt: (v) => `KS ${v}`,
    ivTitle: 'Features by information value (IV)',
    moreFeatures: (n) => `${n} more features`,
    feature: 'Feature',
    iv: 'IV',
    inCard: 'In card',
    dropped: 'Why not',
    binsTitle: 'Bins and weights of evidence',
    binsOf: 'Feature',
    bin: 'Bin',
    share: 'Share',
    woe: 'WoE',
    points: 'Points',
    missing: 'missing',
    special: (v) => `special ${v}`,
    notInCard: '(not in the card)',
    pointsTitle: 'Points table',
    basePoints: (p) => `base points ${p}`,
    scaling: (base, odds, pdo) => `scale: ${base} points at good:bad odds of ${odds}:1, odds doubling every ${pdo} points`,
    migrationTitle: (a, b) => `Migration: ${a} → ${b}`,
    migrationHint: 'Rows: the class on the first date; columns: on the second. “Unclassified” includes enterprises not yet established or not active then.',
    movedLine: (up, down, same) => `${up} to a riskier class, ${down} to a safer one, ${same} unchanged`,
    exportCard: 'Download the card (JSON)',
    exportPolicy: 'Download the policy with this challenger (JSON)',
    exportReport: 'Download the fit report (JSON)',
    exportMovers: 'Download the enterprises that moved (CSV)',
    moversFile: (a, b) => `movers_${a}_${b}.csv`,
    cardFile: (d) => `scorecard_${d}.json`,
    policyFile: (d) => `policy_with_challenger_${d}.json`,
    reportFile: (d) => `scorecard_report_${d}.json`,
    challengerName: (d) => `scorecard ${d}`,
    yes: 'yes',
    none: '—',
  },
};

/** The colours of the chart series (the page's palette, style.css). */
const SERIES = { expert: 'var(--accent)', train: 'var(--C)', test: 'var(--A)', bad: 'var(--D)', good: 'var(--B)' };
/** Features listed open in the IV ranking; the rest folded below them. */
const IV_SHOWN = 15;

/**
 * @typedef {import('./client.js').ModelRun} ModelRun
 * @typedef {import('./client.js').BadEvents} BadEvents
 */

/**
 * What the page gives the model section.
 * @typedef {object} ModelContext
 * @property {(tag: string, attrs?: object, ...children: any[]) => HTMLElement} el
 * @property {(n: number) => string} fmtInt
 * @property {(r: number) => string} fmtRatio
 * @property {() => string} lang `zh` or `en`
 * @property {import('./client.js').Client} client
 * @property {() => import('./client.js').Vocabulary | null} vocabulary
 * @property {(c: any) => HTMLElement} classBadge
 * @property {(get: () => Promise<Uint8Array>, name: string, type?: string) => Promise<void>} download
 * @property {(err: any) => string} errorText
 * @property {(busy: boolean) => void} setBusy
 * @property {() => boolean} busy
 * @property {() => void} cancelled called when a cancel replaced the worker (the workspace is gone)
 */

/**
 * The model section.
 * @param {ModelContext} ctx
 */
export function createModel(ctx) {
  const { fmtInt, fmtRatio, client } = ctx;
  const { el, $, w, zh } = sectionKit(ctx, WORDS);
  const colon = () => (zh() ? '：' : ': ');
  const fmt = (x, digits = 3) => (x === null || x === undefined || !Number.isFinite(x) ? w('none') : x.toFixed(digits));
  const pct = (x) => (x === null || x === undefined || !Number.isFinite(x) ? w('none') : fmtRatio(x));

  const st = {
    /** @type {ModelRun | null} */
    run: null,
    /** The dates and horizon of the last run. */
    inputs: /** @type {{ fitAt: string, testAt: string, horizon: number } | null} */ (null),
    /** The outcome events shown in the form (the policy's until the clerk changes them). */
    events: /** @type {BadEvents | null} */ (null),
    /** The feature whose bins are shown. */
    feature: '',
    asOf: '',
    runs: 0,
    stale: false,
    /** @type {{ key: string, state: string, detail?: string }} */
    status: { key: '', state: 'idle' },
  };

  // -------------------------------------------------------------------------------------------
  // Labels from the core
  // -------------------------------------------------------------------------------------------

  /** A feature's label (`vocabulary().modelFeatures`), else its column name. */
  function featureName(name) {
    const f = (ctx.vocabulary()?.modelFeatures ?? []).find((x) => x.name === name);
    return f ? (zh() ? f.zh : f.en) : name;
  }
  /** Why a feature left the card (`vocabulary().scorecardDropped`), with the core's details. */
  function droppedText(d) {
    if (!d) return '';
    const t = (ctx.vocabulary()?.scorecardDropped ?? []).find((x) => x.code === d.reason);
    const label = t ? (zh() ? t.zh : t.en) : d.reason;
    if (d.reason === 'correlated' && d.with) return `${label}${colon()}${featureName(d.with)} (r = ${fmt(d.r, 2)})`;
    if (d.reason === 'vif' && d.vif !== undefined) return `${label} (VIF ${fmt(d.vif, 1)})`;
    return label;
  }
  /** A bin's label: a range, categories, a special value, or missing. */
  function binLabel(rule) {
    const n = (v) => String(Number(v.toPrecision(6)));
    switch (rule.type) {
      case 'range': {
        const lo = rule.lo === null || rule.lo === undefined ? '−∞' : n(rule.lo);
        const hi = rule.hi === null || rule.hi === undefined ? '+∞' : n(rule.hi);
        return `[${lo}, ${hi})`;
      }
      case 'levels':
        return (rule.levels ?? []).join(zh() ? '、' : ', ');
      case 'special':
        return w('special', n(rule.value ?? 0));
      default:
        return w('missing');
    }
  }

  // -------------------------------------------------------------------------------------------
  // The form
  // -------------------------------------------------------------------------------------------

  function renderEvents() {
    const box = $('#model-events');
    const kinds = ctx.vocabulary()?.outcomeKinds ?? [];
    const ev = st.events;
    box.replaceChildren(...kinds.map((k) => {
      const id = `model-event-${k.code}`;
      const input = /** @type {HTMLInputElement} */ (el('input', { type: 'checkbox', id, 'data-event': k.code }));
      input.checked = Boolean(ev && ev[k.code]);
      input.addEventListener('change', () => {
        if (st.events) st.events = { ...st.events, [k.code]: input.checked };
      });
      return el('span', { class: 'check' }, input, el('label', { for: id, text: zh() ? k.zh : k.en }));
    }));
  }

  function renderLabels() {
    for (const node of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-model-i18n]'))) {
      node.textContent = w(node.dataset.modelI18n);
    }
    renderEvents();
  }

  function showError(text) {
    const box = $('#model-error');
    box.textContent = text;
    box.hidden = !text;
  }

  function setStatus(key, state, detail = '') {
    st.status = { key, state, detail };
    renderStatus();
  }

  function renderStatus() {
    const node = $('#model-status');
    const { key, state, detail } = st.status;
    node.dataset.state = state;
    node.textContent = key ? w(key, detail) : '';
    const running = state === 'running';
    $('#model-progress').hidden = !running;
    $('#btn-model-cancel').hidden = !running;
  }

  const isDate = (v) => /^\d{4}-\d{2}-\d{2}$/.test(v);

  async function fit() {
    if (ctx.busy()) return;
    showError('');
    const fitAt = $('#model-fit-at').value;
    const testAt = $('#model-test-at').value;
    const horizon = Number($('#model-horizon').value);
    if (!isDate(fitAt) || !isDate(testAt) || testAt <= fitAt) {
      showError(w('needDates'));
      return;
    }
    const ev = st.events;
    if (!ev || !(ctx.vocabulary()?.outcomeKinds ?? []).some((k) => ev[k.code])) {
      showError(w('needEvent'));
      return;
    }
    ctx.setBusy(true);
    setStatus('running', 'running');
    const started = performance.now();
    const bar = $('#model-progress');
    try {
      const run = await client.model(
        { fitAt, testAt, horizon: Number.isFinite(horizon) && horizon > 0 ? horizon : null, bad: ev, asOf: st.asOf, name: w('challengerName', fitAt) },
        {
          onProgress: (p) => {
            bar.value = p.fraction;
            const stage = WORDS[ctx.lang()].stages[p.stage.split(':')[0]];
            if (stage) $('#model-status').textContent = `${w('running')} ${stage}`;
          },
        });
      st.run = run;
      st.inputs = { fitAt, testAt, horizon: run.challenge.champion.horizonMonths };
      st.stale = false;
      st.runs++;
      const selected = run.fit.report.features.filter((f) => f.selected);
      st.feature = (selected[0] ?? run.fit.report.features[0])?.name ?? '';
      render();
      setStatus('done', 'done', ((performance.now() - started) / 1000).toFixed(1));
    } catch (err) {
      if (err.code === 'cancelled') {
        ctx.cancelled();
      } else if (err.code !== 'trap') {
        setStatus('', 'error');
        showError(ctx.errorText(err));
      }
    } finally {
      ctx.setBusy(false);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Charts (SVG from the core's numbers)
  // -------------------------------------------------------------------------------------------

  /**
   * A square chart of lines over [0, 1] × [0, 1], with axes, ticks, labels and a legend.
   * @param {{ id: string, title: string, xLabel: string, yLabel: string, diagonal?: boolean,
   *   series: { name: string, colour: string, points: number[][], dashed?: boolean }[], marks?: any[] }} o
   */
  function lineChart(o) {
    const W = 340, H = 300, L = 44, R = 12, T = 12, B = 44;
    const x = (v) => L + v * (W - L - R);
    const y = (v) => H - B - v * (H - T - B);
    const ticks = [0, 0.25, 0.5, 0.75, 1];
    const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': o.title, id: o.id },
      svg('title', {}, o.title),
      ticks.map((t) => [
        svg('line', { x1: x(0), x2: x(1), y1: y(t), y2: y(t), class: 'grid' }),
        svg('text', { x: L - 6, y: y(t) + 4, class: 'tick', 'text-anchor': 'end' }, t.toFixed(2)),
        svg('text', { x: x(t), y: H - B + 16, class: 'tick', 'text-anchor': 'middle' }, t.toFixed(2)),
      ]),
      svg('line', { x1: x(0), x2: x(1), y1: y(0), y2: y(0), class: 'axis' }),
      svg('line', { x1: x(0), x2: x(0), y1: y(0), y2: y(1), class: 'axis' }),
      o.diagonal ? svg('line', { x1: x(0), y1: y(0), x2: x(1), y2: y(1), class: 'diagonal' }) : null,
      o.series.map((s) => {
        const line = svg('polyline', {
          points: s.points.map(([a, b]) => `${x(a).toFixed(1)},${y(b).toFixed(1)}`).join(' '),
          fill: 'none', 'stroke-width': 2, 'stroke-dasharray': s.dashed ? '5 3' : null,
          'data-series': s.name, 'data-points': s.points.length,
        });
        line.style.stroke = s.colour;
        return line;
      }),
      (o.marks ?? []).map((m) => m),
      svg('text', { x: (x(0) + x(1)) / 2, y: H - 8, class: 'axis-label', 'text-anchor': 'middle' }, o.xLabel),
      svg('text', { x: 12, y: (y(0) + y(1)) / 2, class: 'axis-label', 'text-anchor': 'middle', transform: `rotate(-90 12 ${(y(0) + y(1)) / 2})` }, o.yLabel));
    const legend = el('ul', { class: 'legend' }, o.series.map((s) => {
      const key = el('span', { class: 'legend-key' });
      key.style.background = s.colour;
      return el('li', {}, key, s.name);
    }));
    return el('figure', { class: 'chart-figure' }, el('figcaption', { text: o.title }), root, legend);
  }

  function rocChart(run) {
    const c = run.challenge;
    const rep = run.fit.report;
    const series = [
      { name: w('seriesExpert', fmt(c.champion.auc)), colour: SERIES.expert, points: c.champion.roc },
      { name: w('seriesTrain', fmt(rep.train.auc)), colour: SERIES.train, points: rep.train.roc.map((p) => [p.fpr, p.tpr]), dashed: true },
    ];
    if (rep.test) series.push({ name: w('seriesTest', fmt(rep.test.auc)), colour: SERIES.test, points: rep.test.roc.map((p) => [p.fpr, p.tpr]) });
    return lineChart({ id: 'model-roc', title: w('rocTitle'), xLabel: w('fpr'), yLabel: w('tpr'), diagonal: true, series });
  }

  function ksChart(run) {
    const perf = run.fit.report.test ?? run.fit.report.train;
    const total = perf.gains.reduce((a, g) => a + g.count, 0) || 1;
    let cum = 0;
    const bad = [[0, 0]], good = [[0, 0]];
    let best = { at: 0, bad: 0, good: 0, ks: -1 };
    for (const g of perf.gains) {
      cum += g.count;
      const at = cum / total;
      bad.push([at, g.cumBadShare]);
      good.push([at, g.cumGoodShare]);
      if (g.ks > best.ks) best = { at, bad: g.cumBadShare, good: g.cumGoodShare, ks: g.ks };
    }
    const W = 340, H = 300, L = 44, R = 12, T = 12, B = 44;
    const x = (v) => L + v * (W - L - R);
    const y = (v) => H - B - v * (H - T - B);
    const marks = best.ks >= 0
      ? [svg('line', { x1: x(best.at), x2: x(best.at), y1: y(best.good), y2: y(best.bad), class: 'ks-mark' }),
        svg('text', { x: x(best.at) + 4, y: y((best.bad + best.good) / 2), class: 'tick' }, w('ksAt', fmt(perf.ks?.value ?? best.ks)))]
      : [];
    return lineChart({
      id: 'model-ks', title: w('ksTitle'), xLabel: w('population'), yLabel: `${w('cumBad')} / ${w('cumGood')}`,
      series: [
        { name: w('cumBad'), colour: SERIES.bad, points: bad },
        { name: w('cumGood'), colour: SERIES.good, points: good },
      ],
      marks,
    });
  }

  /** A horizontal bar, `share` of the cell's width. */
  function bar(share, cls) {
    const fill = el('span', { class: `fill ${cls}` });
    fill.style.width = `${Math.max(0, Math.min(1, share)) * 100}%`;
    return el('span', { class: 'bar' }, fill);
  }

  /** A diverging bar around the cell's middle: positive to the right, negative to the left. */
  function woeBar(v, max) {
    const half = el('span', { class: `woe-fill ${v >= 0 ? 'woe-pos' : 'woe-neg'}` });
    const share = max > 0 ? Math.min(1, Math.abs(v) / max) / 2 : 0;
    half.style.width = `${share * 100}%`;
    half.style.left = v >= 0 ? '50%' : `${(0.5 - share) * 100}%`;
    return el('span', { class: 'woe-bar' }, el('span', { class: 'woe-axis' }), half);
  }

  // -------------------------------------------------------------------------------------------
  // Tables
  // -------------------------------------------------------------------------------------------

  const table = (id, heads, rows, caption = '') =>
    el('div', { class: 'table-wrap model-table' },
      el('table', { id, class: 'data compact' },
        caption ? el('caption', { text: caption }) : '',
        el('thead', {}, el('tr', {}, heads.map(([text, right]) => el('th', { scope: 'col', class: right ? 'right' : null, text })))),
        el('tbody', {}, rows)));
  const num = (text, attrs = {}) => el('td', { class: 'num', ...attrs, text });

  function summary(run) {
    const rep = run.fit.report;
    const card = JSON.parse(run.fit.card);
    const perfRow = (label, p) => el('tr', {},
      el('th', { scope: 'row', text: label }),
      num(fmtInt(p.rows)), num(fmtInt(p.bads)), num(pct(p.rows ? p.bads / p.rows : null)),
      num(fmt(p.auc)), num(fmt(p.ks?.value)), num(fmt(p.gini)));
    const kinds = ctx.vocabulary()?.outcomeKinds ?? [];
    const judged = kinds.filter((k) => run.outcome[k.code]).map((k) => (zh() ? k.zh : k.en)).join(zh() ? '、' : ', ');
    return el('div', { id: 'model-summary', 'data-features': card.features.length },
      el('p', { class: 'summary-line', text: w('cardLine', fmtInt(card.features.length), fmtInt(rep.features.length)) }),
      table('model-performance', [[w('sample')], [w('rows'), 1], [w('bads'), 1], [w('badRate'), 1], [w('auc'), 1], [w('ks'), 1], [w('gini'), 1]], [
        perfRow(w('train', st.inputs?.fitAt ?? ''), rep.train),
        rep.test ? perfRow(w('test', st.inputs?.testAt ?? ''), rep.test) : '',
      ]),
      el('dl', { class: 'plan-facts' },
        el('dt', { text: w('psi') }), el('dd', { text: fmt(rep.scorePsi) }),
        el('dt', { text: w('judgedBy') }), el('dd', { id: 'model-judged-by', text: judged }),
        el('dt', { text: w('digest') }), el('dd', { class: 'mono small', id: 'model-card-digest', text: rep.cardDigest })));
  }

  function backtest(run) {
    const c = run.challenge;
    const classes = ctx.vocabulary()?.classes ?? [];
    const maxRate = Math.max(1e-9, ...c.champion.classes.map((k) => k.badRate ?? 0), ...c.challenger.classes.map((k) => k.badRate ?? 0));
    const rows = c.champion.classes.map((e, i) => {
      const l = c.challenger.classes[i];
      return el('tr', { 'data-class': e.class },
        el('th', { scope: 'row' }, ctx.classBadge(e.class)),
        num(fmtInt(e.count)), num(pct(e.badRate), { 'data-rate': e.badRate ?? '' }), el('td', { class: 'bar-cell' }, bar((e.badRate ?? 0) / maxRate, `fill-${e.class}`)),
        num(fmtInt(l.count)), num(pct(l.badRate), { 'data-rate': l.badRate ?? '' }), el('td', { class: 'bar-cell' }, bar((l.badRate ?? 0) / maxRate, `fill-${l.class}`)));
    });
    const order = (b) => el('span', { class: `flag ${b.orderHolds ? 'flag-ok' : 'flag-bad'}`, text: `${b.orderHolds ? '✓' : '✗'} ${w(b.orderHolds ? 'orderHolds' : 'orderBroken')}` });
    const letters = classes.filter((k) => k.code > 0);
    const agreement = table('model-agreement', [[''], ...letters.map((k) => [k.letter, 1])],
      c.agreement.map((row, i) => el('tr', {}, el('th', { scope: 'row' }, ctx.classBadge(letters[i]?.letter ?? '')),
        row.map((n, j) => num(fmtInt(n), { class: `num${i === j ? ' diag' : ''}` })))), w('agreementTitle'));
    return el('div', { id: 'model-backtest', 'data-order-holds': String(c.champion.orderHolds) },
      el('h3', { text: w('backtestTitle', c.champion.at, c.champion.windowEnd) }),
      el('p', { class: 'hint', text: w('backtestHint') }),
      table('model-classes', [[w('cls')], [`${w('champion')} · ${w('count')}`, 1], [w('badRate'), 1], [''], [`${w('challenger')} · ${w('count')}`, 1], [w('badRate'), 1], ['']], rows),
      el('p', {},
        w('liftLine', fmt(c.champion.liftDOverA, 2), fmt(c.challenger.liftDOverA, 2)), ' · ',
        w('champion'), colon(), order(c.champion), ' · ', w('challenger'), colon(), order(c.challenger)),
      agreement,
      el('p', { class: 'small muted' },
        w('sameLine', fmtInt(c.sameClass), pct(c.champion.population ? c.sameClass / c.champion.population : null)), ' · ',
        w('fixedLine', fmtInt(c.fixed), fmtInt(c.floored))));
  }

  function ivRanking(run) {
    const rep = run.fit.report;
    const byName = new Map(rep.features.map((f) => [f.name, f]));
    const max = Math.max(1e-9, ...rep.features.map((f) => f.iv));
    const rows = rep.ivRanking.map((name) => byName.get(name)).filter(Boolean).map((f) => {
      const tr = el('tr', { 'data-feature': f.name, 'data-selected': String(f.selected), tabindex: '0', class: f.name === st.feature ? 'chosen' : null },
        el('th', { scope: 'row', text: featureName(f.name) }),
        num(fmt(f.iv)),
        el('td', { class: 'bar-cell wide' }, bar(f.iv / max, f.selected ? 'fill-B' : 'fill-none')),
        el('td', { text: f.selected ? `✓ ${w('yes')}` : '' }),
        el('td', { class: 'small', text: droppedText(f.dropped) }));
      const choose = () => {
        st.feature = f.name;
        render();
        $('#model-bins-feature')?.focus();
      };
      tr.addEventListener('click', choose);
      tr.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          choose();
        }
      });
      return tr;
    });
    // The features worth reading first; the rest (low IV, one bin) folded below them.
    const shown = rows.slice(0, IV_SHOWN);
    const rest = rows.slice(IV_SHOWN);
    const heads = [[w('feature')], [w('iv'), 1], [''], [w('inCard')], [w('dropped')]];
    return el('div', { id: 'model-iv' }, el('h3', { text: w('ivTitle') }),
      table('model-iv-table', heads, shown),
      rest.length
        ? el('details', { class: 'model-more' }, el('summary', { text: w('moreFeatures', fmtInt(rest.length)) }),
          table('model-iv-rest', heads, rest))
        : '');
  }

  function bins(run) {
    const rep = run.fit.report;
    const card = JSON.parse(run.fit.card);
    const f = rep.features.find((x) => x.name === st.feature) ?? rep.features[0];
    if (!f) return '';
    const cf = card.features.find((x) => x.name === f.name);
    const select = /** @type {HTMLSelectElement} */ (el('select', { id: 'model-bins-feature' },
      rep.ivRanking.map((name) => el('option', { value: name, text: featureName(name) }))));
    select.value = f.name;
    select.addEventListener('change', () => {
      st.feature = select.value;
      render();
      $('#model-bins-feature')?.focus();
    });
    const max = Math.max(1e-9, ...f.bins.map((b) => Math.abs(b.woe)));
    const rows = f.bins.map((b, i) => el('tr', { 'data-woe': b.woe },
      el('th', { scope: 'row', class: 'mono small', text: binLabel(b.rule) }),
      num(fmtInt(b.count)), num(pct(b.share)), num(pct(b.badRate)),
      num(fmt(b.woe)), el('td', { class: 'bar-cell wide' }, woeBar(b.woe, max)),
      num(cf && cf.bins[i] ? String(cf.bins[i].points) : w('none'))));
    return el('div', { id: 'model-bins' },
      el('h3', { text: w('binsTitle') }),
      el('div', { class: 'field-row' }, el('label', { for: 'model-bins-feature', text: w('binsOf') }), select,
        f.selected ? '' : el('span', { class: 'muted small', text: w('notInCard') }),
        el('span', { class: 'muted small', text: `IV ${fmt(f.iv)}` })),
      table('model-bins-table', [[w('bin')], [w('count'), 1], [w('share'), 1], [w('badRate'), 1], [w('woe'), 1], [''], [w('points'), 1]], rows));
  }

  function pointsTable(run) {
    const card = JSON.parse(run.fit.card);
    const rows = card.features.flatMap((f) => f.bins.map((b, i) => el('tr', {},
      i === 0 ? el('th', { scope: 'rowgroup', rowspan: f.bins.length, text: featureName(f.name) }) : '',
      el('td', { class: 'mono small', text: binLabel(b.rule) }),
      num(String(b.points)))));
    const s = card.settings?.points ?? {};
    return el('details', { id: 'model-points', class: 'model-points' },
      el('summary', { text: w('pointsTitle') }),
      el('p', { class: 'small muted' }, w('basePoints', String(card.basePoints)), ' · ',
        s.base_score !== undefined ? w('scaling', s.base_score, s.base_odds, s.pdo) : ''),
      table('model-points-table', [[w('feature')], [w('bin')], [w('points'), 1]], rows));
  }

  function migration(run) {
    const m = run.migration;
    const v = ctx.vocabulary();
    const terms = [v?.unclassified, ...(v?.classes ?? [])];
    const label = (t) => (t ? (t.code === 0 ? (zh() ? t.zh : t.en) : t.letter) : '');
    return el('div', { id: 'model-migration' },
      el('h3', { text: w('migrationTitle', m.from, m.to) }),
      el('p', { class: 'hint', text: w('migrationHint') }),
      classMatrix(ctx.el, { id: 'model-migration-table', corner: '', labels: terms.map(label), matrix: m.matrix, fmt: fmtInt }),
      el('p', { class: 'small' }, w('movedLine', fmtInt(m.up), fmtInt(m.down), fmtInt(m.same)), ' ', moversButton(m)));
  }

  function moversButton(m) {
    const b = el('button', { type: 'button', class: 'model-export', id: 'model-movers-csv', text: w('exportMovers') });
    b.addEventListener('click', () => ctx.download(() => client.migrationMoversCsv(m.from, m.to), w('moversFile', m.from, m.to)));
    return b;
  }

  function exports(run) {
    const date = st.inputs?.fitAt ?? '';
    const text = (s) => async () => new TextEncoder().encode(s);
    const button = (key, onClick) => {
      const b = el('button', { type: 'button', class: 'model-export', text: w(key) });
      b.addEventListener('click', onClick);
      return b;
    };
    return el('p', { class: 'actions', id: 'model-exports' },
      button('exportCard', () => ctx.download(text(run.fit.card), w('cardFile', date), 'application/json')),
      button('exportPolicy', () => ctx.download(async () => new TextEncoder().encode(
        await client.policyWithChallenger(run.fit.card, w('challengerName', date))), w('policyFile', date), 'application/json')),
      button('exportReport', () => ctx.download(text(JSON.stringify({ ...run.fit.report, challenge: run.challenge, migration: run.migration }, null, 2)),
        w('reportFile', date), 'application/json')));
  }

  function render() {
    renderLabels();
    renderStatus();
    const box = $('#model-result');
    const run = st.run;
    if (!run) {
      box.hidden = true;
      box.replaceChildren();
      return;
    }
    box.hidden = false;
    box.dataset.runs = String(st.runs);
    box.replaceChildren(
      st.stale ? el('p', { class: 'plan-alert', id: 'model-stale', role: 'alert', text: w('stale') }) : '',
      summary(run),
      exports(run),
      backtest(run),
      el('div', { class: 'chart-row', id: 'model-charts' }, rocChart(run), ksChart(run)),
      ivRanking(run),
      bins(run),
      pointsTable(run),
      migration(run));
  }

  function wire() {
    $('#btn-model').addEventListener('click', fit);
    $('#btn-model-cancel').addEventListener('click', () => client.cancel());
    for (const id of ['#model-fit-at', '#model-test-at', '#model-horizon']) {
      $(id).addEventListener('change', (e) => {
        e.target.dataset.chosen = '1';
      });
    }
  }

  return {
    wire,
    render,
    /** After a scoring: the dates a fit defaults to (the core's), unless the clerk chose others. */
    async scored(asOf) {
      st.asOf = asOf;
      $('#model-card').hidden = false;
      try {
        const d = await client.modelDefaults(asOf);
        const set = (id, v) => {
          const input = $(id);
          if (!input.dataset.chosen || !input.value) input.value = String(v);
        };
        set('#model-fit-at', d.fitAt);
        set('#model-test-at', d.testAt);
        set('#model-horizon', d.horizon);
        if (!st.events) st.events = d.outcome;
      } catch (err) {
        showError(ctx.errorText(err));
      }
      render();
    },
    clear() {
      st.run = null;
      st.inputs = null;
      st.stale = false;
      st.status = { key: '', state: 'idle' };
      showError('');
      $('#model-card').hidden = true;
      render();
    },
    markStale() {
      if (!st.run || st.stale) return;
      st.stale = true;
      render();
    },
    setBusy(busy) {
      $('#btn-model').disabled = busy;
      for (const b of /** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll('#model-result button.model-export'))) b.disabled = busy;
    },
  };
}
