// The page side of the inspection plan (双随机、一公开, issue 11): the inputs (seed, first day
// of the cycle, referrals), the plan's summary (drawn against target and floor, per class,
// 100 % groups, rounds, shortfalls, notes, digests), its visits a page at a time, the exports
// (internal plan, public lists, the plan's JSON) and the check of a published plan.
//
// The plan is made, paged, written and verified by the core in the worker (www/worker.js:
// `plan`, `planRows`, `planCsv`, `planPublicCsv`, `planJson`, `verifyPlan`); every figure,
// reason, shortfall and note comes from there, in the core's words (`whyZh`, `messageZh`,
// `notesZh`, `differencesZh` and their English). The names of the record kinds come from
// `vocabulary()`. This file holds only the page's own words and the layout. Used by
// www/app.js through `createPlan(ctx)`. The cycle outcome (往期评估: what a past cycle
// achieved) is www/outcome.js, a part of this section driven from here.

import { createOutcome } from './outcome.js';

/** Visits per page of the visits table (the page never holds more than one page of them). */
const PAGE_SIZE = 50;
/** Shortfalls listed open; the rest (one per round and qualification) folded below them. */
const SHORTFALLS_SHOWN = 10;

const WORDS = {
  zh: {
    title: '检查计划（双随机、一公开）',
    hint: '按本周期的抽查比例、全覆盖名单和必查情形生成全年检查计划：第一次随机抽取检查对象，分轮次排到工作日，第二次随机选派检查人员。相同的数据、审计记录、人员与事项、种子和起始日总会得到相同的计划。',
    seed: '随机种子',
    seedHint: '必填；种子须随计划一同公布，供公众复核。',
    cycleStart: '周期起始日',
    cycleStartHint: '默认为评分基准日',
    referrals: '转办、移送的企业',
    referralsHint: '可不填；统一社会信用代码，每行一个，须列入本周期检查。',
    inputsNote: (inspector, item) => `${inspector}名单和${item}清单作为数据文件与其他文件一起在上方载入。未载入人员名单时，全部检查显示为未配备人员；未载入事项清单时，使用内置的通用事项。`,
    inspectorFallback: '检查人员',
    itemFallback: '事项',
    btnPlan: '生成计划',
    btnCancel: '取消',
    needSeed: '请填写随机种子；种子须随计划一同公布。',
    badDate: '周期起始日须为有效日期。',
    running: '正在生成计划…',
    verifying: '正在核验…',
    done: (s) => `已生成（用时 ${s} 秒）`,
    cancelled: '已取消',
    stale: '评分在生成计划后已变更（审计记录），此计划按变更前的评分生成，请重新生成。',
    // summary
    drawnLine: '随机抽取',
    ofTarget: (target, ratio, floor) => `户，目标 ${target} 户（目标比例 ${ratio}，最低比例 ${floor}）`,
    targetMet: '达到目标比例',
    targetNotMet: '未达到目标比例',
    floorMet: '达到最低比例',
    floorNotMet: '未达到最低比例',
    plannedLine: (planned, pop, cov, visits) => `计划检查 ${planned} 户（占 ${pop} 户的 ${cov}），共 ${visits} 次检查`,
    unstaffedLine: (n) => `其中 ${n} 次未配齐检查人员`,
    cycle: '检查周期',
    cycleRange: (a, b) => `${a} 至 ${b}`,
    asOf: '评分基准日',
    seedUsed: '随机种子',
    inspectors: '在岗检查人员',
    itemsDefault: (n) => `${n} 项（内置通用事项）`,
    itemsCount: (n) => `${n} 项`,
    inactive: '不在检查范围（非存续等）',
    noItem: '没有适用事项的企业',
    triggers: '必查企业（按情形）',
    none: '无',
    unknownReferrals: '未找到的转办移送企业',
    repeatedTeams: '未能轮换检查人员的检查',
    jointVisits: (n, saved) => `联合检查 ${n} 次，减少入户 ${saved} 次`,
    shortfallsTitle: '人员缺口',
    moreShortfalls: (n) => `另有 ${n} 条`,
    notesTitle: '说明',
    perClassTitle: '按风险分类',
    colClass: '分类',
    colPopulation: '企业数',
    colRecent: '近期已检查',
    colPool: '抽取范围',
    colDrawn: '随机抽取',
    colGroups: '全覆盖',
    colTriggers: '必查',
    colPlanned: '计划检查',
    colRatio: '检查比例',
    colFrequency: '频次（要求 / 实际）',
    colVisits: '检查次数',
    groupsTitle: '全覆盖名单（100%）',
    colGroup: '名单名称',
    colMembers: '企业数',
    colStaffed: '已配人员',
    colResult: '结果',
    met: '已达到',
    roundsTitle: '检查轮次',
    colRound: '轮次',
    colDates: '起止日期',
    colWorkingDays: '工作日',
    colJoint: '联合检查',
    colSaved: '减少入户',
    colUnstaffed: '未配齐人员',
    colInspectorsUsed: '参与人员',
    colLoad: '每人检查次数（最少 / 中位 / 最多）',
    stratumTitle: (n) => `按分层（${n} 层）`,
    colStratum: '分层',
    colWeight: '权重',
    itemsTitle: (n) => `本计划使用的事项（${n} 项）`,
    colItemCode: '编码',
    colItemName: '名称',
    colDepartment: '实施部门',
    colKeyItem: '重点',
    colQualification: '所需资质',
    yes: '是',
    digestsTitle: '校验值（SHA-256）',
    planDigest: '计划校验值',
    policyDigest: '政策',
    recordsDigest: '数据',
    auditDigest: '审计记录',
    rosterDigest: '人员与事项',
    // visits
    visitsTitle: '检查任务',
    internalTag: '内部使用',
    internalNote: '含风险分类和列入原因，仅供内部安排检查，不得公开。',
    roundAll: '全部轮次',
    roundOption: (r, a, b) => `第 ${r} 轮（${a} 至 ${b}）`,
    pageFirst: '首页',
    pagePrev: '上一页',
    pageNext: '下一页',
    pageLast: '末页',
    pageInfo: (p, n, total) => `第 ${p} / ${n} 页（共 ${total} 次检查）`,
    colTask: '任务编号',
    colDate: '日期',
    colEnterprise: '企业',
    colRegion: '区域',
    colWhy: '列入原因',
    colItems: '事项',
    colDepartments: '实施部门',
    colTeam: '检查人员',
    colMissing: '缺少',
    joint: '联合',
    lacking: (n) => `缺 ${n} 人`,
    repeated: '未能轮换',
    noVisits: '本轮没有检查。',
    // exports
    exportsTitle: '导出',
    btnInternal: '下载内部计划 CSV',
    btnPublic: '下载公示名单 CSV（全部轮次）',
    btnPublicRound: (r) => `第 ${r} 轮`,
    publicRounds: '按轮次下载公示名单：',
    btnJson: '下载计划 JSON',
    publicTag: '公示用',
    publicNote: '不含风险分类、分数和列入原因，可对外公示。',
    internalCsvNote: '含风险分类、列入原因和检查人员。',
    jsonNote: '供公布和复核：种子、日期、校验值和每项检查；用下方「核验」可重新计算比对。',
    btnXlsx: '下载计划 XLSX',
    xlsxFile: (d, s) => `检查计划_${d}_${s}.xlsx`,
    xlsxNote: '一个工作簿：“内部计划”与“公示名单”两张表（公示名单同样不含分类）。',
    internalFile: (d, s) => `检查计划_内部使用_${d}_${s}.csv`,
    publicFile: (d, s) => `抽查计划_公示用_${d}_${s}.csv`,
    publicRoundFile: (r, d, s) => `抽查计划_公示用_第${r}轮_${d}_${s}.csv`,
    jsonFile: (d, s) => `检查计划_${d}_${s}.json`,
    // verify
    verifyTitle: '核验已公布的计划',
    verifyHint: '载入已公布的计划 JSON 文件，按本页已载入的数据、审计记录、人员与事项和计划中的种子、起始日重新计算并比对（须先按计划的评分基准日评分）。',
    verifyChoose: '选择计划 JSON 文件…',
    verifyMatch: '一致：按本页数据重新计算的计划与公布的计划相同。',
    verifyDiffer: '不一致：',
  },
  en: {
    title: 'Inspection plan (double random, one public)',
    hint: "Makes the cycle's plan from the ratios, 100 % groups and mandatory checks: the first random draws the enterprises, visits are spread over the rounds' working days, the second random picks the inspectors. The same data, audit trail, roster and items, seed and first day always give the same plan.",
    seed: 'Seed',
    seedHint: 'required; publish the seed with the plan so that anyone can check it.',
    cycleStart: 'First day of the cycle',
    cycleStartHint: 'default: the as-of date',
    referrals: 'Referred enterprises',
    referralsHint: 'optional; USCCs, one a line, that must be checked this cycle.',
    inputsNote: () => 'The inspector roster and the item list are data files, loaded above with the others. Without a roster every visit is unstaffed; without an item list the built-in general item is used.',
    inspectorFallback: 'Inspectors',
    itemFallback: 'Items',
    btnPlan: 'Make plan',
    btnCancel: 'Cancel',
    needSeed: 'Fill in a seed; it is published with the plan.',
    badDate: 'The first day of the cycle must be a date.',
    running: 'making the plan…',
    verifying: 'verifying…',
    done: (s) => `made in ${s} s`,
    cancelled: 'cancelled',
    stale: 'The scores changed after this plan was made (audit trail): it was made on the scores before; make it again.',
    drawnLine: 'Drawn',
    ofTarget: (target, ratio, floor) => `of a target of ${target} (ratio ${ratio}, floor ${floor})`,
    targetMet: 'target met',
    targetNotMet: 'target not met',
    floorMet: 'floor met',
    floorNotMet: 'floor not met',
    plannedLine: (planned, pop, cov, visits) => `${planned} enterprises planned (${cov} of ${pop}), ${visits} visits`,
    unstaffedLine: (n) => `${n} of them not fully staffed`,
    cycle: 'Cycle',
    cycleRange: (a, b) => `${a} to ${b}`,
    asOf: 'As-of date',
    seedUsed: 'Seed',
    inspectors: 'Inspectors on duty',
    itemsDefault: (n) => `${n} (the built-in general item)`,
    itemsCount: (n) => `${n}`,
    inactive: 'Out of scope (not operating)',
    noItem: 'Enterprises no item applies to',
    triggers: 'Mandatory checks (by trigger)',
    none: 'none',
    unknownReferrals: 'Referrals not found',
    repeatedTeams: 'Visits whose team could not rotate',
    jointVisits: (n, saved) => `${n} joint visits, ${saved} visits saved`,
    shortfallsTitle: 'Inspectors lacking',
    moreShortfalls: (n) => `${n} more`,
    notesTitle: 'Notes',
    perClassTitle: 'By class',
    colClass: 'Class',
    colPopulation: 'Enterprises',
    colRecent: 'Recently inspected',
    colPool: 'Pool',
    colDrawn: 'Drawn',
    colGroups: '100 % groups',
    colTriggers: 'Triggers',
    colPlanned: 'Planned',
    colRatio: 'Ratio',
    colFrequency: 'Frequency (asked / reached)',
    colVisits: 'Visits',
    groupsTitle: '100 % groups',
    colGroup: 'Group',
    colMembers: 'Members',
    colStaffed: 'Staffed',
    colResult: 'Result',
    met: 'met',
    roundsTitle: 'Rounds',
    colRound: 'Round',
    colDates: 'Dates',
    colWorkingDays: 'Working days',
    colJoint: 'Joint visits',
    colSaved: 'Visits saved',
    colUnstaffed: 'Unstaffed',
    colInspectorsUsed: 'Inspectors used',
    colLoad: 'Visits per inspector (min / median / max)',
    stratumTitle: (n) => `By stratum (${n})`,
    colStratum: 'Stratum',
    colWeight: 'Weight',
    itemsTitle: (n) => `Items of this plan (${n})`,
    colItemCode: 'Code',
    colItemName: 'Name',
    colDepartment: 'Department',
    colKeyItem: 'Key',
    colQualification: 'Qualification',
    yes: 'yes',
    digestsTitle: 'Check values (SHA-256)',
    planDigest: 'Plan',
    policyDigest: 'Policy',
    recordsDigest: 'Records',
    auditDigest: 'Audit trail',
    rosterDigest: 'Roster and items',
    visitsTitle: 'Visits',
    internalTag: 'internal',
    internalNote: 'With class and reason: for planning the checks only, never to be published.',
    roundAll: 'every round',
    roundOption: (r, a, b) => `round ${r} (${a} to ${b})`,
    pageFirst: 'First',
    pagePrev: 'Previous',
    pageNext: 'Next',
    pageLast: 'Last',
    pageInfo: (p, n, total) => `page ${p} of ${n} (${total} visits)`,
    colTask: 'Task',
    colDate: 'Date',
    colEnterprise: 'Enterprise',
    colRegion: 'Region',
    colWhy: 'Why',
    colItems: 'Items',
    colDepartments: 'Departments',
    colTeam: 'Team',
    colMissing: 'Missing',
    joint: 'joint',
    lacking: (n) => `${n} inspector${n === 1 ? '' : 's'} short`,
    repeated: 'not rotated',
    noVisits: 'No visit in this round.',
    exportsTitle: 'Exports',
    btnInternal: 'Download internal plan CSV',
    btnPublic: 'Download public list CSV (every round)',
    btnPublicRound: (r) => `round ${r}`,
    publicRounds: 'Public list of one round:',
    btnJson: 'Download plan JSON',
    publicTag: 'for publication',
    publicNote: 'No class, score or reason: to be published.',
    internalCsvNote: 'With class, reason and team.',
    jsonNote: 'To publish and check: seed, dates, check values and every visit; “Verify” below derives it again and compares.',
    btnXlsx: 'Download plan XLSX',
    xlsxFile: (d, s) => `inspection-plan_${d}_${s}.xlsx`,
    xlsxNote: 'One workbook: the internal plan and the public list, a sheet each (the public sheet has no class either).',
    internalFile: (d, s) => `inspection-plan_internal_${d}_${s}.csv`,
    publicFile: (d, s) => `inspection-plan_public_${d}_${s}.csv`,
    publicRoundFile: (r, d, s) => `inspection-plan_public_round-${r}_${d}_${s}.csv`,
    jsonFile: (d, s) => `inspection-plan_${d}_${s}.json`,
    verifyTitle: 'Verify a published plan',
    verifyHint: "Load a published plan's JSON file: the plan is derived again from the data, audit trail, roster and items loaded here with the plan's seed and first day, and compared (score as of the plan's as-of date first).",
    verifyChoose: 'Choose a plan JSON file…',
    verifyMatch: 'Match: the plan derived from the data here is the published one.',
    verifyDiffer: 'Differs:',
  },
};

/**
 * @typedef {import('./client.js').PlanView} PlanView
 * @typedef {import('./client.js').PlanVisit} PlanVisit
 * @typedef {import('./client.js').PlanVerification} PlanVerification
 */

/**
 * What the page gives the plan section (and its cycle outcome, www/outcome.js).
 * @typedef {object} PlanContext
 * @property {(tag: string, attrs?: object, ...children: any[]) => HTMLElement} el
 * @property {(n: number) => string} fmtInt
 * @property {(r: number) => string} fmtRatio
 * @property {(x: number) => string} fmtNumber
 * @property {() => string} lang `zh` or `en`
 * @property {import('./client.js').Client} client
 * @property {() => import('./client.js').Vocabulary | null} vocabulary
 * @property {(c: any) => HTMLElement} classBadge
 * @property {(get: () => Promise<Uint8Array>, name: string, type?: string) => Promise<void>} download
 * @property {(s: string) => string} safeName
 * @property {(err: any) => string} errorText
 * @property {(busy: boolean) => void} setBusy
 * @property {() => boolean} busy
 * @property {() => void} cancelled called when a cancel replaced the worker (the workspace is gone)
 */

/**
 * The plan section.
 * @param {PlanContext} ctx
 */
export function createPlan(ctx) {
  const { fmtInt, fmtRatio, fmtNumber, client } = ctx;
  /** The page's `el`, with children nested in arrays at any depth. */
  const el = (tag, attrs = {}, ...children) => ctx.el(tag, attrs, ...children.flat(Infinity));
  /** @param {string} sel @returns {any} */
  const $ = (sel) => document.querySelector(sel);

  /** The page's word for `key` in the current language. */
  function w(key, ...args) {
    const v = WORDS[ctx.lang()][key] ?? WORDS.zh[key] ?? key;
    return typeof v === 'function' ? v(...args) : v;
  }
  /** The core's text in the page's language: `zh` or `en`, whichever exists. */
  const pick = (zh, en) => (ctx.lang() === 'zh' ? zh || en : en || zh);

  /** The cycle outcome (往期评估), a part of this section. */
  const outcome = createOutcome(ctx);

  const st = {
    /** @type {PlanView | null} */
    view: null,
    /** The round shown in the visits table (null: every round). @type {number | null} */
    round: null,
    page: 0,
    /** The visits on the visible page. @type {PlanVisit[] | null} */
    rows: null,
    runs: 0,
    token: 0,
    stale: false,
    /** @type {{ key: string, detail?: string, state: string }} */
    status: { key: '', state: 'idle' },
    /** @type {{ file: string, result: PlanVerification } | null} */
    verification: null,
    verifyError: '',
    verifyStatus: '',
  };

  // -------------------------------------------------------------------------------------------
  // Inputs and runs
  // -------------------------------------------------------------------------------------------

  /**
   * A planning record kind's Chinese name as the core gives it (`vocabulary().recordKinds`);
   * in English, and while the core has no such kind, the page's word `fallback`.
   */
  function kindName(code, fallback) {
    const k = (ctx.vocabulary()?.recordKinds ?? []).find((x) => x.code === code);
    return k && ctx.lang() === 'zh' ? k.zh : w(fallback);
  }

  /** A trigger's name as the core gives it (`vocabulary().planTriggers`), else its code. */
  function triggerName(code) {
    const t = (ctx.vocabulary()?.planTriggers ?? []).find((x) => x.code === code);
    return t ? (ctx.lang() === 'zh' ? t.zh : t.en) : code;
  }

  /** USCCs from the textarea: one a line (commas, semicolons and spaces also separate). */
  function referrals() {
    return $('#plan-referrals').value.split(/[\s,;，；、]+/).map((s) => s.trim().toUpperCase()).filter(Boolean);
  }

  function showError(text) {
    const box = $('#plan-error');
    box.textContent = text;
    box.hidden = !text;
  }

  function setStatus(key, state, detail = '') {
    st.status = { key, state, detail };
    renderStatus();
  }

  function renderStatus() {
    const node = $('#plan-status');
    const { key, state, detail } = st.status;
    node.dataset.state = state;
    node.textContent = key ? w(key, detail) : '';
    const running = state === 'running';
    $('#plan-progress').hidden = !running;
    $('#btn-plan-cancel').hidden = !running;
  }

  async function makePlan() {
    if (ctx.busy()) return;
    showError('');
    const seed = $('#plan-seed').value.trim();
    if (!seed) {
      showError(w('needSeed'));
      $('#plan-seed').focus();
      return;
    }
    const start = $('#plan-cycle-start').value;
    if (start && !/^\d{4}-\d{2}-\d{2}$/.test(start)) {
      showError(w('badDate'));
      return;
    }
    ctx.setBusy(true);
    setStatus('running', 'running');
    const started = performance.now();
    try {
      const view = await client.plan({ seed, cycleStart: start || null, referrals: referrals() });
      st.view = view;
      st.stale = false;
      st.runs++;
      st.round = null;
      st.page = 0;
      st.rows = null;
      render();
      await showPage();
      setStatus('done', 'done', ((performance.now() - started) / 1000).toFixed(1));
    } catch (err) {
      if (err.code === 'cancelled') {
        // The worker was replaced: the scoring is gone with it (the page has hidden it).
        ctx.cancelled();
      } else if (err.code !== 'trap') {
        setStatus('', 'error');
        // An argument the core refused (`seed`, `cycleStart`, `referrals`): named by its field.
        const field = ['seed', 'cycleStart', 'referrals'].includes(err.argument) ? err.argument : null;
        showError(`${field ? w(field) + (ctx.lang() === 'zh' ? '：' : ': ') : ''}${ctx.errorText(err)}`);
      }
    } finally {
      ctx.setBusy(false);
    }
  }

  async function verify(file) {
    if (!file || ctx.busy()) return;
    st.verification = null;
    st.verifyError = '';
    st.verifyStatus = 'verifying';
    renderVerification();
    ctx.setBusy(true);
    try {
      st.verification = { file: file.name, result: await client.verifyPlan(file) };
    } catch (err) {
      if (err.code === 'cancelled') ctx.cancelled();
      else st.verifyError = `${file.name}${ctx.lang() === 'zh' ? '：' : ': '}${ctx.errorText(err)}`;
    } finally {
      st.verifyStatus = '';
      ctx.setBusy(false);
      renderVerification();
    }
  }

  // -------------------------------------------------------------------------------------------
  // Summary
  // -------------------------------------------------------------------------------------------

  const table = (id, heads, rows, cls = 'data compact plan-data') =>
    el('div', { class: 'table-wrap plan-table' },
      el('table', { id, class: cls },
        el('thead', {}, el('tr', {}, heads.map(([text, right]) => el('th', { class: right ? 'right' : null, text })))),
        el('tbody', {}, rows)));
  const num = (n, attrs = {}) => el('td', { class: 'num', 'data-value': n, ...attrs, text: fmtInt(n) });
  /** One shortfall, in the core's words. */
  const shortfall = (x) => el('li', { 'data-round': x.round, 'data-qualification': x.qualification, text: pick(x.messageZh, x.message) });
  const flag = (ok, yes, no) => el('span', { class: `flag ${ok ? 'flag-ok' : 'flag-bad'}`, 'data-met': ok ? 'true' : 'false', text: `${ok ? '✓' : '✗'} ${w(ok ? yes : no)}` });

  function render() {
    renderLabels();
    renderStatus();
    renderVerification();
    const box = $('#plan-result');
    const v = st.view;
    if (!v) {
      box.hidden = true;
      box.replaceChildren();
      return;
    }
    const s = v.summary;
    const triggers = Object.entries(s.triggers ?? {}).filter(([, n]) => n > 0);
    box.dataset.runs = String(st.runs);
    box.dataset.digest = v.digest;
    box.replaceChildren(...[
      st.stale ? el('p', { class: 'plan-alert', id: 'plan-stale', role: 'alert', text: w('stale') }) : '',
      el('div', { id: 'plan-summary', 'data-visits': s.visits, 'data-unstaffed': s.unstaffedVisits, 'data-inspectors': s.inspectors, 'data-planned': s.planned },
        el('p', { class: 'summary-line' },
          w('drawnLine'), ' ',
          el('strong', { id: 'plan-drawn', class: 'num', 'data-value': s.drawn, text: fmtInt(s.drawn) }), ' ',
          w('ofTarget', fmtInt(s.target), fmtRatio(s.targetRatio), fmtRatio(s.floorRatio)), ' ',
          flag(s.targetMet, 'targetMet', 'targetNotMet'), ' ',
          el('span', { id: 'plan-floor' }, flag(s.floorMet, 'floorMet', 'floorNotMet'))),
        el('p', { class: 'plan-planned' },
          el('span', { id: 'plan-planned', text: w('plannedLine', fmtInt(s.planned), fmtInt(s.population), fmtRatio(s.coverageRatio), fmtInt(s.visits)) }),
          s.unstaffedVisits > 0
            ? el('span', { class: 'unstaffed-count', id: 'plan-unstaffed', text: `${ctx.lang() === 'zh' ? '，' : ', '}${w('unstaffedLine', fmtInt(s.unstaffedVisits))}` })
            : '',
          s.jointVisits > 0 ? el('span', { class: 'muted', text: ` · ${w('jointVisits', fmtInt(s.jointVisits), fmtInt(s.visitsSaved))}` }) : ''),
        el('dl', { class: 'plan-facts' },
          el('dt', { text: w('cycle') }), el('dd', { id: 'plan-cycle', text: w('cycleRange', v.cycleStart, v.cycleEnd) }),
          el('dt', { text: w('asOf') }), el('dd', { text: v.asOf }),
          el('dt', { text: w('seedUsed') }), el('dd', { class: 'mono', id: 'plan-seed-used', text: v.seed }),
          el('dt', { text: w('inspectors') }), el('dd', { class: 'num-left', id: 'plan-inspectors', text: fmtInt(s.inspectors) }),
          el('dt', { text: kindName('item', 'itemFallback') }), el('dd', { text: s.defaultItems ? w('itemsDefault', fmtInt(v.items.length)) : w('itemsCount', fmtInt(v.items.length)) }),
          s.inactive ? [el('dt', { text: w('inactive') }), el('dd', { text: fmtInt(s.inactive) })] : null,
          s.noItem ? [el('dt', { text: w('noItem') }), el('dd', { text: fmtInt(s.noItem) })] : null,
          el('dt', { text: w('triggers') }),
          el('dd', { id: 'plan-triggers' }, triggers.length
            ? triggers.map(([code, n], i) => [i ? ' · ' : '', el('span', { 'data-trigger': code, text: triggerName(code) }), ` ${fmtInt(n)}`])
            : w('none')),
          s.unknownReferrals?.length
            ? [el('dt', { class: 'error', text: w('unknownReferrals') }), el('dd', { class: 'mono small error', id: 'plan-unknown-referrals', text: s.unknownReferrals.join(' ') })]
            : null,
          s.repeatedTeams ? [el('dt', { text: w('repeatedTeams') }), el('dd', { text: fmtInt(s.repeatedTeams) })] : null)),
      s.shortfalls.length
        ? el('div', { class: 'plan-alert', id: 'plan-shortfalls', role: 'alert' },
            el('h3', { text: w('shortfallsTitle') }),
            el('ul', {}, s.shortfalls.slice(0, SHORTFALLS_SHOWN).map(shortfall)),
            s.shortfalls.length > SHORTFALLS_SHOWN
              ? el('details', {},
                  el('summary', { text: w('moreShortfalls', fmtInt(s.shortfalls.length - SHORTFALLS_SHOWN)) }),
                  el('ul', {}, s.shortfalls.slice(SHORTFALLS_SHOWN).map(shortfall)))
              : '')
        : '',
      (s.notesZh.length || s.notes.length)
        ? el('div', { class: 'plan-notes', id: 'plan-notes' },
            el('h3', { text: w('notesTitle') }),
            el('ul', {}, (ctx.lang() === 'zh' && s.notesZh.length ? s.notesZh : s.notes).map((n) => el('li', { text: n }))))
        : '',
      el('h3', { text: w('perClassTitle') }),
      table('plan-classes', [
        [w('colClass')], [w('colPopulation'), 1], [w('colRecent'), 1], [w('colPool'), 1], [w('colDrawn'), 1],
        [w('colGroups'), 1], [w('colTriggers'), 1], [w('colPlanned'), 1], [w('colRatio'), 1], [w('colFrequency'), 1], [w('colVisits'), 1],
      ], s.perClass.map((c) =>
        el('tr', { 'data-class': c.class },
          el('td', {}, ctx.classBadge(c.class)),
          num(c.population), num(c.recentlyInspected), num(c.pool), num(c.drawn, { class: 'num drawn' }),
          num(c.fullCoverage), num(c.triggered), num(c.planned, { class: 'num planned' }),
          el('td', { class: 'num', text: fmtRatio(c.ratio) }),
          el('td', { class: `num ${c.frequencyReached + 1e-9 < c.frequency ? 'neg' : ''}`, text: `${fmtNumber(c.frequency)} / ${fmtNumber(c.frequencyReached)}` }),
          num(c.visits, { class: 'num visits' })))),
      s.groups.length
        ? [el('h3', { text: w('groupsTitle') }),
          table('plan-groups', [[w('colGroup')], [w('colMembers'), 1], [w('colPlanned'), 1], [w('colStaffed'), 1], [w('colResult')]],
            s.groups.map((g) =>
              el('tr', { 'data-met': g.met ? 'true' : 'false' },
                el('td', { text: g.name }), num(g.members), num(g.planned), num(g.staffed),
                el('td', { class: g.met ? 'pos' : 'neg' }, g.met ? `✓ ${w('met')}` : `✗ ${pick(g.whyZh, g.why)}`)))) ]
        : '',
      el('h3', { text: w('roundsTitle') }),
      table('plan-rounds', [
        [w('colRound'), 1], [w('colDates')], [w('colWorkingDays'), 1], [w('colVisits'), 1], [w('colJoint'), 1], [w('colSaved'), 1],
        [w('colUnstaffed'), 1], [w('colInspectorsUsed'), 1], [w('colLoad'), 1],
      ], s.rounds.map((r) =>
        el('tr', { 'data-round': r.round },
          el('td', { class: 'num', text: r.round }),
          el('td', { class: 'nowrap', text: w('cycleRange', r.start, r.end) }),
          num(r.workingDays), num(r.visits, { class: 'num visits' }), num(r.jointVisits), num(r.visitsSaved),
          num(r.unstaffed, { class: `num unstaffed ${r.unstaffed > 0 ? 'neg' : ''}` }),
          num(r.inspectorsUsed),
          el('td', { class: 'num', text: `${fmtInt(r.loadMin)} / ${fmtNumber(r.loadMedian)} / ${fmtInt(r.loadMax)}` })))),
      el('details', { class: 'plan-more', id: 'plan-strata' },
        el('summary', { text: w('stratumTitle', fmtInt(s.perStratum.length)) }),
        table('plan-strata-table', [[w('colStratum')], [w('colWeight'), 1], [w('colPopulation'), 1], [w('colDrawn'), 1], [w('colRatio'), 1]],
          s.perStratum.map((x) =>
            el('tr', {},
              el('td', { class: 'small', text: x.stratum }),
              el('td', { class: 'num', text: fmtNumber(x.weight) }),
              num(x.population), num(x.drawn),
              el('td', { class: 'num', text: fmtRatio(x.ratio) }))))),
      el('details', { class: 'plan-more', id: 'plan-items' },
        el('summary', { text: w('itemsTitle', fmtInt(v.items.length)) }),
        table('plan-items-table', [[w('colItemCode')], [w('colItemName')], [w('colDepartment')], [w('colKeyItem')], [w('colQualification')]],
          v.items.map((i) =>
            el('tr', {},
              el('td', { class: 'mono small', text: i.code }),
              el('td', { text: i.name, title: i.basis || null }),
              el('td', { text: i.department }),
              el('td', { text: i.key ? w('yes') : '' }),
              el('td', { text: i.qualification }))))),
      el('h3', { text: w('digestsTitle') }),
      el('dl', { class: 'plan-digests', id: 'plan-digests' },
        [['planDigest', v.digest, 'digest'], ['policyDigest', v.policyDigest, 'policy'], ['recordsDigest', v.recordsDigest, 'records'],
          ['auditDigest', v.auditDigest, 'audit'], ['rosterDigest', v.rosterDigest, 'roster']].map(([key, value, name]) =>
          [el('dt', { text: w(key) }), el('dd', { class: 'mono small', 'data-digest': name, text: value })])),
      renderVisitsBlock(),
      renderExports(),
    ].flat(Infinity));
    box.hidden = false;
    for (const b of box.querySelectorAll('button.plan-export')) /** @type {HTMLButtonElement} */ (b).disabled = ctx.busy();
    fillVisits();
  }

  // -------------------------------------------------------------------------------------------
  // Visits, a page at a time
  // -------------------------------------------------------------------------------------------

  /** Visits of the chosen round (or all), from the summary. */
  function visitCount() {
    const s = st.view?.summary;
    if (!s) return 0;
    if (st.round === null) return s.visits;
    return s.rounds.find((r) => r.round === st.round)?.visits ?? 0;
  }

  const pageCount = () => Math.max(1, Math.ceil(visitCount() / PAGE_SIZE));

  function renderVisitsBlock() {
    const s = st.view.summary;
    const round = el('select', { id: 'plan-round', onchange: (e) => {
      const chosen = /** @type {HTMLSelectElement} */ (e.target).value;
      st.round = chosen === '' ? null : Number(chosen);
      st.page = 0;
      showPage();
    } },
    el('option', { value: '', text: w('roundAll') }),
    s.rounds.map((r) => el('option', { value: String(r.round), text: w('roundOption', r.round, r.start, r.end) })));
    /** @type {HTMLSelectElement} */ (round).value = st.round === null ? '' : String(st.round);
    const go = (p) => {
      st.page = Math.max(0, Math.min(pageCount() - 1, p));
      showPage();
    };
    return el('div', { class: 'plan-visits' },
      el('h3', {}, w('visitsTitle'), ' ', el('span', { class: 'tag tag-internal', text: w('internalTag') })),
      el('p', { class: 'hint', text: w('internalNote') }),
      el('div', { class: 'toolbar' },
        el('label', { for: 'plan-round', text: w('colRound') }), round,
        el('span', { class: 'pager' },
          el('button', { type: 'button', id: 'plan-page-first', text: w('pageFirst'), onclick: () => go(0) }),
          el('button', { type: 'button', id: 'plan-page-prev', text: w('pagePrev'), onclick: () => go(st.page - 1) }),
          el('span', { id: 'plan-page-info', class: 'page-info' }),
          el('button', { type: 'button', id: 'plan-page-next', text: w('pageNext'), onclick: () => go(st.page + 1) }),
          el('button', { type: 'button', id: 'plan-page-last', text: w('pageLast'), onclick: () => go(pageCount() - 1) }))),
      el('div', { class: 'table-wrap plan-visits-wrap' },
        el('table', { id: 'plan-visits', class: 'data compact' },
          el('thead', {}, el('tr', {},
            [w('colTask'), w('colDate'), w('colEnterprise'), w('colRegion'), w('colClass'), w('colWhy'), w('colItems'),
              w('colDepartments'), w('colTeam'), w('colMissing')].map((text) => el('th', { text })))),
          el('tbody', {}))));
  }

  /** Fetches the visible page of visits from the worker and shows it. */
  async function showPage() {
    if (!st.view) return;
    const token = ++st.token;
    const offset = st.page * PAGE_SIZE;
    try {
      const rows = await client.planRows(st.round, offset, PAGE_SIZE);
      if (token !== st.token) return;
      st.rows = rows;
    } catch (err) {
      if (token !== st.token) return;
      st.rows = [];
      showError(ctx.errorText(err));
    }
    fillVisits();
  }

  function fillVisits() {
    const visits = $('#plan-visits');
    if (!visits) return;
    const body = visits.querySelector('tbody');
    const rows = st.rows ?? [];
    body.replaceChildren(...(rows.length ? rows.map((v) => {
      const lacking = v.missing.filter((m) => m === '').length;
      const quals = v.missing.filter((m) => m !== '');
      const unstaffed = v.missing.length > 0;
      return el('tr', { 'data-task': v.task, 'data-round': v.round, 'data-uscc': v.uscc, class: unstaffed ? 'unstaffed' : null },
        el('td', { class: 'mono small nowrap task', text: v.task }),
        el('td', { class: 'nowrap date', text: v.date }),
        el('td', { class: 'enterprise' }, el('div', { text: v.name }), el('div', { class: 'mono small muted', text: v.uscc })),
        el('td', { class: 'region nowrap', text: v.region }),
        el('td', { class: 'class', 'data-class': v.class }, ctx.classBadge(v.class)),
        el('td', { class: 'why', 'data-why': v.why, title: ctx.lang() === 'zh' ? v.whyEn : v.whyZh, text: ctx.lang() === 'zh' ? v.whyZh : v.whyEn }),
        el('td', { class: 'items small', text: v.items.join('；') }),
        el('td', { class: 'departments small', 'data-joint': v.departments.length > 1 ? 'true' : 'false' },
          v.departments.join('；'),
          v.departments.length > 1 ? [' ', el('span', { class: 'tag tag-joint', text: w('joint') })] : null),
        el('td', { class: 'team small', text: v.team.join('、') || '–' }),
        el('td', { class: `missing small ${unstaffed ? 'neg' : ''}` },
          [lacking ? w('lacking', lacking) : '', ...quals].filter(Boolean).join('；'),
          v.repeatedTeam ? [' ', el('span', { class: 'tag', text: w('repeated') })] : null));
    }) : [el('tr', {}, el('td', { colspan: 10, class: 'muted empty', text: w('noVisits') }))]));
    visits.dataset.round = st.round === null ? 'all' : String(st.round);
    visits.dataset.page = String(st.page + 1);
    updatePager();
  }

  function updatePager() {
    const info = $('#plan-page-info');
    if (!info) return;
    const n = pageCount();
    const busy = ctx.busy();
    $('#plan-page-first').disabled = busy || st.page === 0;
    $('#plan-page-prev').disabled = busy || st.page === 0;
    $('#plan-page-next').disabled = busy || st.page >= n - 1;
    $('#plan-page-last').disabled = busy || st.page >= n - 1;
    info.textContent = w('pageInfo', fmtInt(st.page + 1), fmtInt(n), fmtInt(visitCount()));
  }

  // -------------------------------------------------------------------------------------------
  // Exports
  // -------------------------------------------------------------------------------------------

  function renderExports() {
    const v = st.view;
    const day = v.cycleStart;
    const seed = ctx.safeName(v.seed);
    return el('div', { class: 'plan-exports', id: 'plan-exports' },
      el('h3', { text: w('exportsTitle') }),
      el('div', { class: 'export-row' },
        el('button', { type: 'button', id: 'btn-plan-public', class: 'plan-export', text: w('btnPublic'),
          onclick: () => ctx.download(() => client.planPublicCsv(null), w('publicFile', day, seed)) }),
        el('span', { class: 'tag tag-public', text: w('publicTag') }),
        el('span', { class: 'hint', text: w('publicNote') })),
      el('div', { class: 'export-row' },
        el('span', { class: 'hint', text: w('publicRounds') }),
        v.summary.rounds.map((r) => el('button', { type: 'button', class: 'plan-export plan-public-round', 'data-round': r.round, text: w('btnPublicRound', r.round),
          onclick: () => ctx.download(() => client.planPublicCsv(r.round), w('publicRoundFile', r.round, day, seed)) })),
        el('span', { class: 'tag tag-public', text: w('publicTag') })),
      el('div', { class: 'export-row' },
        el('button', { type: 'button', id: 'btn-plan-csv', class: 'plan-export', text: w('btnInternal'),
          onclick: () => ctx.download(() => client.planCsv(), w('internalFile', day, seed)) }),
        el('span', { class: 'tag tag-internal', text: w('internalTag') }),
        el('span', { class: 'hint', text: w('internalCsvNote') })),
      el('div', { class: 'export-row' },
        el('button', { type: 'button', id: 'btn-plan-json', class: 'plan-export', text: w('btnJson'),
          onclick: () => ctx.download(() => client.planJson(), w('jsonFile', day, seed), 'application/json') }),
        el('span', { class: 'hint', text: w('jsonNote') })),
      el('div', { class: 'export-row' },
        el('button', { type: 'button', id: 'btn-plan-xlsx', class: 'plan-export', text: w('btnXlsx'),
          onclick: () => ctx.download(() => client.planXlsx(), w('xlsxFile', day, seed), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') }),
        el('span', { class: 'tag tag-internal', text: w('internalTag') }),
        el('span', { class: 'hint', text: w('xlsxNote') })));
  }

  // -------------------------------------------------------------------------------------------
  // Verification of a published plan
  // -------------------------------------------------------------------------------------------

  function renderVerification() {
    $('#plan-verify-status').textContent = st.verifyStatus ? w(st.verifyStatus) : '';
    const box = $('#plan-verify-result');
    const x = st.verification;
    if (!x && !st.verifyError) {
      box.hidden = true;
      box.replaceChildren();
      delete box.dataset.matches;
      return;
    }
    box.hidden = false;
    if (!x) {
      delete box.dataset.matches;
      box.replaceChildren(el('p', { class: 'error', text: st.verifyError }));
      return;
    }
    const r = x.result;
    box.dataset.matches = r.matches ? 'true' : 'false';
    const differences = ctx.lang() === 'zh' && r.differencesZh.length ? r.differencesZh : r.differences;
    box.replaceChildren(
      el('p', { class: 'mono small muted', text: x.file }),
      r.matches
        ? el('p', { class: 'verify-match', text: `✓ ${w('verifyMatch')}` })
        : el('div', { class: 'plan-alert verify-differ', role: 'alert' },
            el('p', { text: `✗ ${w('verifyDiffer')}` }),
            el('ul', { id: 'plan-differences' }, differences.map((d) => el('li', { text: d })))));
  }

  // -------------------------------------------------------------------------------------------
  // Labels and state from the page
  // -------------------------------------------------------------------------------------------

  function renderLabels() {
    for (const node of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-plan-i18n]'))) {
      node.textContent = w(node.dataset.planI18n);
    }
    $('#plan-inputs-note').textContent = w('inputsNote', kindName('inspector', 'inspectorFallback'), kindName('item', 'itemFallback'));
  }

  function wire() {
    outcome.wire();
    $('#btn-plan').addEventListener('click', makePlan);
    $('#plan-seed').addEventListener('keydown', (e) => {
      if (e.key === 'Enter') makePlan();
    });
    $('#btn-plan-cancel').addEventListener('click', () => client.cancel());
    $('#plan-cycle-start').addEventListener('change', (e) => {
      e.target.dataset.chosen = '1';
    });
    $('#plan-verify-file').addEventListener('change', (e) => {
      const file = e.target.files?.[0];
      e.target.value = '';
      verify(file);
    });
  }

  return {
    wire,
    /** Re-lays the section out in the current language. */
    render() {
      render();
      outcome.render();
    },
    /** After a scoring: the cycle starts on the as-of date unless the clerk chose another day. */
    scored(asOf) {
      const input = $('#plan-cycle-start');
      if (!input.dataset.chosen || !input.value) input.value = asOf;
      st.status = { key: '', state: 'idle' };
      $('#plan-card').hidden = false;
      render();
      outcome.scored(asOf);
    },
    /** The results are gone (a new run, a cancel, a crash): so is the plan. */
    clear() {
      st.view = null;
      st.rows = null;
      st.round = null;
      st.page = 0;
      st.stale = false;
      st.verification = null;
      st.verifyError = '';
      st.token++;
      st.status = { key: '', state: 'idle' };
      showError('');
      $('#plan-card').hidden = true;
      render();
      outcome.clear();
    },
    /** The scores changed after the plan (or the outcome) was made (an audit entry). */
    markStale() {
      outcome.markStale();
      if (!st.view || st.stale) return;
      st.stale = true;
      render();
    },
    /** Enables or disables the section's buttons with the page's busy state. */
    setBusy(busy) {
      $('#btn-plan').disabled = busy;
      $('#plan-verify-file').disabled = busy;
      for (const b of /** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll('#plan-result button.plan-export'))) b.disabled = busy;
      updatePager();
      outcome.setBusy(busy);
    },
  };
}
