// The page's main thread: inputs, rendering and talking to the worker (www/worker.js) through
// the typed client (www/client.js). Every rule, default number, indicator text and label the
// core owns (classes, actions, encodings, failure reasons, sort keys: `vocabulary()`) comes
// from the core through the worker, once at start; this file holds only the page's own words
// (STRINGS) and its layout logic. Loading the user's files (summary, rejected rows, header
// mapping) lives in www/loading.js; the inspection plan (inputs, summary, visits, exports,
// verification) in www/plan.js.
//
// `?bench=1` turns on the benchmark hooks (bench/page-bench.mjs): the worker measures load and
// score, and the page publishes `window.__csTimings` and `window.__csWasmMemoryBytes`.

import { Client } from './client.js';
import { createLoading } from './loading.js';
import { createPlan } from './plan.js';
import { createModel } from './model.js';
import { createPolicy } from './policy.js';
import { createCharts } from './charts.js';
import { createWorkLists } from './worklists.js';

const PAGE_SIZE = 50;
const DRAW_ROWS_SHOWN = 1000; // selected enterprises listed on the page (the CSV has all)

// ---------------------------------------------------------------------------------------------
// The page's words
// ---------------------------------------------------------------------------------------------

const STRINGS = {
  zh: {
    title: '企业信用风险分类与双随机抽查 — 东西湖区示例',
    subtitle: '分类结果是内部监管参考，不对外公布，不作为处罚依据。全部计算在本机浏览器内完成，数据不会上传。',
    switchTo: 'English',
    switchAria: 'Switch to English',
    inputsTitle: '数据与基准日',
    asOf: '评分基准日',
    asOfHint: '按此日期计算各项记录的影响期',
    btnRescore: '按此基准日重新评分',
    demoTitle: '示例数据（合成，不含真实企业）',
    demoSize: '企业数',
    demoSeed: '随机种子',
    btnDemo: '生成示例数据并评分',
    filesTitle: '载入本局导出的数据文件',
    files: 'CSV、TSV、XLSX、XLS、ODS、JSON 文件（可多选）',
    chooseFiles: '选择文件…',
    noFileChosen: '未选择文件',
    filesChosen: (n, names) => `已选 ${n} 个文件：${names}`,
    btnLoad: '载入并评分',
    columnsDoc: 'CSV 文件格式（各类记录的表头与列）',
    columnsLink: '各类记录的文件格式（表头与列）见页面底部',
    columnsHint: 'CSV/TSV（UTF-8、GBK/GB18030 或 UTF-16 编码，分隔符自动识别）、XLSX、XLS、ODS 或 JSON；第一行为表头；标 * 的列必填。文件类型按表头自动识别；表头名称不同时，可在载入报告中映射。',
    btnCancel: '取消',
    loadTitle: '载入报告',
    distTitle: '风险分类结果',
    total: '企业总数',
    btnResultsCsv: '下载评分结果 CSV',
    btnResultsXlsx: '下载评分结果 XLSX',
    tableTitle: '企业列表',
    filterAll: '全部',
    sortHint: '点击列标题排序，点击一行查看评分明细',
    pageFirst: '首页',
    pagePrev: '上一页',
    pageNext: '下一页',
    pageLast: '末页',
    colType: '类型',
    colReasons: '主要原因',
    detailEmpty: '点击表格中的一行，查看该企业的评分明细。',
    drawTitle: '双随机抽查：抽取检查对象',
    drawHint: '按等级差异化比例随机抽取；相同的数据、基准日、种子和比例总会得到相同的名单，可公开种子供复核。',
    drawSeed: '随机种子',
    drawRatio: '总体抽查比例（%）',
    btnDraw: '抽取',
    drawSize: '抽取企业',
    drawPopulation: '企业数',
    drawClassRatio: '抽查比例',
    drawSample: '抽取数',
    btnDrawCsv: '下载抽取名单 CSV',
    btnDrawXlsx: '下载抽取名单 XLSX',
    drawDigestLabel: '抽取校验值（SHA-256）',
    policyTitle: '评分指标（默认政策）',
    footer: 'credit-supervision · 离线运行，无外部资源',
    // dynamic texts
    stages: { generate: '生成', load: '载入', score: '评分' },
    loadingEngine: '正在载入计算模块…',
    ready: '就绪',
    running: '正在计算…',
    done: '完成',
    cancelled: '已取消',
    cancelling: '正在取消…',
    errorPrefix: '出错：',
    engineFailed: '无法载入计算模块（/pkg/credit_supervision.js）。请先运行 wasm-pack build --target web。',
    noFiles: '请先选择一个或多个数据文件。',
    badAsOf: '请填写评分基准日。',
    badSize: '企业数须为正整数。',
    needSeed: '请填写随机种子。',
    badRatio: '抽查比例须在 0 到 100 之间。',
    elapsed: (s) => `用时 ${s} 秒`,
    asOfUsed: (d) => `基准日 ${d}`,
    distMeta: (d, mean) => `基准日 ${d} · 平均分 ${mean}`,
    unregisteredNote: (n) => `另有 ${n} 户有记录但无登记信息，未参与分类。`,
    policyDigest: (d) => `政策摘要 ${d}`,
    pageInfo: (p, n, total) => `第 ${p} / ${n} 页（共 ${total} 户）`,
    noRows: '没有符合条件的企业。',
    fileKind: '类型',
    rowsRead: '读取行数',
    accepted: '接受',
    rejected: '拒绝',
    unknownColumns: '未识别的列（已忽略）',
    fileFailed: '无法读取此文件',
    errLine: '行',
    errColumn: '列',
    errValue: '值',
    errMessage: '原因',
    moreErrors: (n) => `另有 ${n} 条错误未列出。`,
    loadTotals: (e, r, rec) => `共 ${e} 户企业（其中有登记信息 ${r} 户），${rec} 条记录。`,
    detailTitle: '评分明细',
    detailScore: '分数',
    detailBase: '基础分',
    detailClass: '等级',
    detailBeforeOverride: '调整前等级',
    detailOverride: '直接判定',
    detailNoOverride: '无',
    detailReasons: '扣分 / 加分项',
    detailNoReasons: '没有影响分数的记录。',
    reasonDate: '记录日期',
    close: '关闭',
    print: '打印报告',
    printAria: '打印该企业的信用风险分类报告',
    printHead: (asOf, digest, on) => `企业信用风险分类报告（内部监管参考，不对外公布）· 基准日 ${asOf} · 政策摘要 ${digest} · 打印于 ${on}`,
    rulesRecords: '记录及其期限',
    rulesRepair: '信用修复',
    rulesMeasures: '适用措施',
    rulesAudit: '异议与人工调整',
    rulesNone: '无',
    rulesRegime: '适用规则',
    colon: '：',
    publicityUntil: (last) => `公示至 ${last}`,
    notPublished: '不公示',
    scoreWindowEnds: (d) => `评分计至 ${d} 前`,
    // `period`: the policy's rules.abnormal.transfer_after_months, in years or months.
    // `list`: the core's name of the serious list.
    transferReminder: (d, period, list) => `${d} 届满${period}，转入${list}提示期`,
    transferDue: (d, period, list) => `${d} 已届满${period}，应转入${list}`,
    years: (n) => `${n}年`,
    months: (n) => `${n}个月`,
    excludedMark: '已不计分（更正/修复）',
    publicityWithdrawn: (by) => `处罚决定已撤销，公示应于 ${by} 前撤回`,
    detailExcluded: '窗口期内不计分的记录',
    repairEligible: '现在可申请',
    repairNot: '不可申请修复',
    repairEarliest: (d) => `最早申请日 ${d}`,
    repairStops: (d) => `${d} 起自动停止`,
    repairAccept: (n, d) => `${n} 个工作日内决定是否受理（${d} 前）`,
    repairDecision: (n, d) => `受理后 ${n} 个工作日内决定（${d} 前）`,
    whatIf: (s, c) => `修复后：${s} 分，${c} 类`,
    measureApplies: '适用',
    measureNot: '不适用',
    measureExit: '退出条件',
    auditWho: '操作人',
    auditReason: '理由（必填）',
    auditDate: '生效日期',
    auditRecord: '记录',
    auditAction: '操作',
    auditCorrection: '更正为（更正时必填）',
    auditSubmit: '提交',
    auditClassNone: '取消人工调整',
    auditClassSubmit: '调整分类',
    auditDownload: '下载审计记录 CSV',
    auditDownloadXlsx: '下载审计记录 XLSX',
    auditImport: '载入审计记录（CSV 或 JSON）',
    auditImported: (n, held) => `已载入 ${n} 条审计记录${held ? `（另有 ${held} 条已在本页）` : ''}，分数已重新计算。`,
    errEntry: (n) => `第 ${n} 条`,
    auditNeedReason: '请填写操作人和理由。',
    auditDone: (n) => `已记录第 ${n} 条审计记录，分数已重新计算。`,
    engineRestarted: '计算引擎已重新启动',
    crashed: '计算引擎出错，已自动重新启动。已载入的数据需要重新载入；本页保存的审计记录没有丢失，重新载入数据后可以恢复。',
    storedTrail: (n) => `本浏览器保存有上次的 ${n} 条审计记录。载入同样的数据后可以恢复，也可以先下载保存。`,
    recoveryReload: '重新载入刚才的数据',
    recoveryRestore: '恢复审计记录',
    recoveryDownload: '下载审计记录（JSON）',
    recoveryDismiss: '关闭',
    recoveryRestored: (n) => `已恢复 ${n} 条审计记录，分数已重新计算。`,
    recoveryNeedRecords: '请先载入做审计记录时的数据，再恢复审计记录。',
    drawMeta: (pop, ratio, seed, asOf) => `共 ${pop} 户 · 总体比例 ${ratio} · 种子「${seed}」· 基准日 ${asOf}`,
    drawListNote: (shown, total) => `页面列出前 ${shown} 户，共 ${total} 户；完整名单请下载 CSV。`,
    catId: '编号',
    catDimension: '维度',
    catText: '指标',
    catPoints: '分值',
    catWindow: '影响期（月）',
    catMaxCount: '最多计次',
    catDecay: '递减至',
    catEnabled: '启用',
    yes: '是',
    no: '否',
    required: '必填',
    colKey: '英文键',
    colHeader: '表头',
    colAliases: '也接受',
    colDoc: '说明',
    fileName: '文件',
    suggestedFileName: '建议文件名',
    resultsFile: (d, ext = 'csv') => `信用风险分类_${d}.${ext}`,
    drawFile: (d, s, ext = 'csv') => `双随机抽取_${d}_${s}.${ext}`,
  },
  en: {
    title: 'Enterprise credit-risk classes and random inspections — Dongxihu District example',
    subtitle: 'The classes are an internal supervision reference: not published, not a basis for punishment. Everything is computed in this browser; no data leaves the computer.',
    switchTo: '中文',
    switchAria: '切换到中文',
    inputsTitle: 'Data and reference date',
    asOf: 'As-of date',
    asOfHint: 'record impact windows are counted to this date',
    btnRescore: 'Rescore as of this date',
    demoTitle: 'Demo data (synthetic, no real enterprises)',
    demoSize: 'Enterprises',
    demoSeed: 'Seed',
    btnDemo: 'Generate demo data and score',
    filesTitle: "Load the bureau's data exports",
    files: 'CSV, TSV, XLSX, XLS, ODS or JSON files (several allowed)',
    chooseFiles: 'Choose files…',
    noFileChosen: 'no file chosen',
    filesChosen: (n, names) => `${n} chosen: ${names}`,
    btnLoad: 'Load and score',
    columnsDoc: 'CSV file formats (headers and columns of each record kind)',
    columnsLink: 'File formats of each record kind: see the bottom of the page',
    columnsHint: 'CSV/TSV (UTF-8, GBK/GB18030 or UTF-16; the delimiter is detected), XLSX, XLS, ODS or JSON; headers on the first line; columns marked * are required. The kind of a file is recognised from its headers; other header names can be mapped in the load report.',
    btnCancel: 'Cancel',
    loadTitle: 'Load report',
    distTitle: 'Risk classes',
    total: 'Enterprises',
    btnResultsCsv: 'Download results CSV',
    btnResultsXlsx: 'Download results XLSX',
    tableTitle: 'Enterprises',
    filterAll: 'all',
    sortHint: 'click a column title to sort, a row to see its score details',
    pageFirst: 'First',
    pagePrev: 'Previous',
    pageNext: 'Next',
    pageLast: 'Last',
    colType: 'Type',
    colReasons: 'Main reasons',
    detailEmpty: 'Click a row of the table to see how that enterprise was scored.',
    drawTitle: 'Random inspection draw',
    drawHint: 'Random draw with a ratio per class; the same data, as-of date, seed and ratio always give the same list, so the seed can be published for review.',
    drawSeed: 'Seed',
    drawRatio: 'Overall ratio (%)',
    btnDraw: 'Draw',
    drawSize: 'Enterprises drawn',
    drawPopulation: 'Enterprises',
    drawClassRatio: 'Ratio',
    drawSample: 'Drawn',
    btnDrawCsv: 'Download draw CSV',
    btnDrawXlsx: 'Download draw XLSX',
    drawDigestLabel: 'Draw check value (SHA-256)',
    policyTitle: 'Indicators (default policy)',
    footer: 'credit-supervision · runs offline, no external resources',
    stages: { generate: 'generating', load: 'loading', score: 'scoring' },
    loadingEngine: 'Loading the engine…',
    ready: 'ready',
    running: 'working…',
    done: 'done',
    cancelled: 'cancelled',
    cancelling: 'cancelling…',
    errorPrefix: 'Error: ',
    engineFailed: 'Cannot load the engine (/pkg/credit_supervision.js). Run wasm-pack build --target web first.',
    noFiles: 'Choose one or more data files first.',
    badAsOf: 'Fill in the as-of date.',
    badSize: 'The number of enterprises must be a positive whole number.',
    needSeed: 'Fill in a seed.',
    badRatio: 'The ratio must be from 0 to 100.',
    elapsed: (s) => `${s} s`,
    asOfUsed: (d) => `as of ${d}`,
    distMeta: (d, mean) => `as of ${d} · mean score ${mean}`,
    unregisteredNote: (n) => `${n} more enterprises have records but no registration and were not classified.`,
    policyDigest: (d) => `policy digest ${d}`,
    pageInfo: (p, n, total) => `page ${p} of ${n} (${total} enterprises)`,
    noRows: 'No enterprise matches.',
    fileKind: 'kind',
    rowsRead: 'rows read',
    accepted: 'accepted',
    rejected: 'rejected',
    unknownColumns: 'Unknown columns (ignored)',
    fileFailed: 'This file cannot be read',
    errLine: 'line',
    errColumn: 'column',
    errValue: 'value',
    errMessage: 'reason',
    moreErrors: (n) => `${n} more errors not listed.`,
    loadTotals: (e, r, rec) => `${e} enterprises (${r} with a registration), ${rec} records.`,
    detailTitle: 'Score details',
    detailScore: 'Score',
    detailBase: 'Base score',
    detailClass: 'Class',
    detailBeforeOverride: 'Class before override',
    detailOverride: 'Override',
    detailNoOverride: 'none',
    detailReasons: 'Points',
    detailNoReasons: 'No record changes the score.',
    reasonDate: 'Record date',
    close: 'Close',
    print: 'Print report',
    printAria: 'Print the credit-risk report of this enterprise',
    printHead: (asOf, digest, on) => `Enterprise credit-risk report (internal supervision reference, not published) · as of ${asOf} · policy digest ${digest} · printed ${on}`,
    rulesRecords: 'Records and their windows',
    rulesRepair: 'Credit repair',
    rulesMeasures: 'Measures',
    rulesAudit: 'Objections and manual adjustment',
    rulesNone: 'none',
    rulesRegime: 'Rules in force',
    colon: ': ',
    publicityUntil: (last) => `published until ${last}`,
    notPublished: 'not published',
    scoreWindowEnds: (d) => `counts in the score until before ${d}`,
    transferReminder: (d, period) => `${period} complete on ${d}: reminder period before the move to the serious list`,
    transferDue: (d, period) => `${period} completed on ${d}: to be moved to the serious list`,
    years: (n) => `${n} years`,
    months: (n) => `${n} months`,
    excludedMark: 'no longer counts (corrected / repaired)',
    publicityWithdrawn: (by) => `decision revoked; publicity to be withdrawn by ${by}`,
    detailExcluded: 'Records in their window that do not count',
    repairEligible: 'can be asked now',
    repairNot: 'not repairable',
    repairEarliest: (d) => `earliest ${d}`,
    repairStops: (d) => `stops by itself on ${d}`,
    repairAccept: (n, d) => `accepted or refused within ${n} working days (by ${d})`,
    repairDecision: (n, d) => `decision within ${n} working days of acceptance (by ${d})`,
    whatIf: (s, c) => `after repair: ${s} points, class ${c}`,
    measureApplies: 'applies',
    measureNot: 'does not apply',
    measureExit: 'exit',
    auditWho: 'Who',
    auditReason: 'Reason (required)',
    auditDate: 'Effective date',
    auditRecord: 'Record',
    auditAction: 'Action',
    auditCorrection: 'Corrected value (for a correction)',
    auditSubmit: 'Record',
    auditClassNone: 'remove the adjustment',
    auditClassSubmit: 'Adjust class',
    auditDownload: 'Download audit trail CSV',
    auditDownloadXlsx: 'Download audit trail XLSX',
    auditImport: 'Load an audit trail (CSV or JSON)',
    auditImported: (n, held) => `Loaded ${n} audit entries${held ? ` (${held} already here)` : ''}; scores recomputed.`,
    errEntry: (n) => `entry ${n}`,
    auditNeedReason: 'Give who and a reason.',
    auditDone: (n) => `Audit entry ${n} recorded; scores recomputed.`,
    engineRestarted: 'engine restarted',
    crashed: 'The engine failed and was restarted. Load the data again; the audit trail kept by this page is not lost and can be restored once the data is loaded.',
    storedTrail: (n) => `This browser holds an audit trail of ${n} entries from before. Load the same data to restore it, or download it first.`,
    recoveryReload: 'Load the same data again',
    recoveryRestore: 'Restore the audit trail',
    recoveryDownload: 'Download the audit trail (JSON)',
    recoveryDismiss: 'Close',
    recoveryRestored: (n) => `Restored ${n} audit entries; scores recomputed.`,
    recoveryNeedRecords: 'Load the data the audit trail was made on first, then restore it.',
    drawMeta: (pop, ratio, seed, asOf) => `of ${pop} · overall ratio ${ratio} · seed “${seed}” · as of ${asOf}`,
    drawListNote: (shown, total) => `The page lists the first ${shown} of ${total}; download the CSV for the whole list.`,
    catId: 'Id',
    catDimension: 'Dimension',
    catText: 'Indicator',
    catPoints: 'Points',
    catWindow: 'Window (months)',
    catMaxCount: 'Max count',
    catDecay: 'Decays to',
    catEnabled: 'Enabled',
    yes: 'yes',
    no: 'no',
    required: 'required',
    colKey: 'Key',
    colHeader: 'Header',
    colAliases: 'Also accepted',
    colDoc: 'Meaning',
    fileName: 'File',
    suggestedFileName: 'Suggested file name',
    resultsFile: (d, ext = 'csv') => `credit-classes_${d}.${ext}`,
    drawFile: (d, s, ext = 'csv') => `inspection-draw_${d}_${s}.${ext}`,
  },
};

const params = new URLSearchParams(location.search);
/** The page's language. @type {'zh' | 'en'} */
let lang = params.get('lang') === 'en' ? 'en' : 'zh';
/** The benchmark hooks (bench/page-bench.mjs), off unless asked for. */
const BENCH = params.get('bench') === '1';
/** The test hooks (tests/e2e: make the worker trap), off unless asked for with `?test=1`. */
const TEST = params.get('test') === '1';

/** The page's word for `key` in the current language (a function is called with `args`). */
function t(key, ...args) {
  const v = STRINGS[lang][key] ?? STRINGS.zh[key] ?? key;
  return typeof v === 'function' ? v(...args) : v;
}

/** @param {string} sel @returns {any} */
const $ = (sel) => document.querySelector(sel);
/** @param {string} sel @returns {NodeListOf<HTMLElement>} */
const $$ = (sel) => document.querySelectorAll(sel);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

const intFmt = () => new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 0 });
const fmtInt = (n) => intFmt().format(n);
const fmtScore = (x) =>
  Number.isFinite(x)
    ? new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2 }).format(x)
    : '–';
/** A share as a percentage: one decimal, two below 1% (so that a few enterprises do not show as 0.0%). */
function fmtPct(part, whole) {
  if (!(whole > 0)) return '–';
  const pct = (100 * part) / whole;
  const digits = pct > 0 && pct < 1 ? 2 : 1;
  return `${new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(pct)}%`;
}
/** A ratio (0–1) as a percentage with at most two decimals. */
const fmtRatio = (r) =>
  `${new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(Number((r * 100).toPrecision(12)))}%`;
const fmtPoints = (p) => (p > 0 ? `+${fmtScore(p)}` : fmtScore(p));

/** Today's date on the page's clock, as YYYY-MM-DD (local time). */
function today() {
  const d = new Date();
  const p2 = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}`;
}

// ---------------------------------------------------------------------------------------------
// The core's words (vocabulary(), read once at start)
// ---------------------------------------------------------------------------------------------

/** The core's vocabulary, once the worker is ready. */
const vocab = () => state.info?.vocabulary ?? null;
/** A core term in the page's language. */
const word = (term) => (term ? (lang === 'zh' ? term.zh : term.en) : '');
/** The core's text in the current language: its Chinese, or its English (`…En`) beside it. */
const pick = (zh, en) => (lang === 'zh' ? zh : en ?? zh);
/** The class term of a code (0–4) or a letter; the unclassified term otherwise. */
function classTerm(c) {
  const v = vocab();
  if (!v) return null;
  return v.classes.find((x) => x.code === c || x.letter === c) ?? v.unclassified;
}
/** A class as a letter, whether the core gave a number (0–4) or a letter. */
const classLetter = (c) => classTerm(c)?.letter ?? (typeof c === 'string' && c ? c : '-');
const riskText = (term) => (term ? (lang === 'zh' ? term.riskZh : term.riskEn) : '');
function classBadge(c) {
  const term = classTerm(c);
  const known = Boolean(term && term.code > 0);
  return el('span', {
    class: `badge badge-${known ? term.letter : 'none'}`,
    title: riskText(term),
    text: known ? term.letter : '–',
  });
}
const sortKeyText = (key) => word(vocab()?.sortKeys.find((k) => k.code === key));
/** A period of the policy given in months, in years when whole. */
const periodText = (months) => (months % 12 === 0 ? t('years', months / 12) : t('months', months));

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

const state = {
  info: null, // { version, policy, catalogue, columns, vocabulary } from the core
  policy: null, // parsed default policy
  busy: false,
  summary: null, // ScoreSummary of the last run
  load: null, // LoadReport of the last run
  order: null, // Uint32Array of enterprise ids, in the table's order
  sortKey: null,
  descending: false,
  classFilter: null,
  page: 0,
  rows: null, // rows on the visible page
  selected: null, // USCC shown in the detail panel
  explanation: null,
  draw: null,
  drawRuns: 0,
  status: { key: 'loadingEngine', detail: /** @type {string | (() => string)} */ (''), state: 'loading' },
  renderToken: 0,
};

const client = new Client({ bench: BENCH, test: TEST, failedMessage: () => t('engineFailed') });
client.onReset = () => {
  // A new worker has an empty workspace: the shown results no longer have a source.
  clearResults();
  client.ready.then(() => setBusy(false), showEngineError);
};
client.onCrash = () => {
  // The wasm instance trapped (or the worker died): a fresh worker has started with an empty
  // workspace. The clerk's audit trail is in the browser's storage (saveTrail): offer to load
  // the same data again and restore the trail.
  clearResults();
  trailPending = storedTrail();
  showRecovery('crashed');
  setStatus('engineRestarted', '', 'crashed');
  client.ready.then(() => setBusy(false), showEngineError);
};
if (TEST) {
  /** The e2e suite's hooks (`?test=1` only). */
  Object.assign(globalThis, { __creditSupervisionTest: { trap: () => client.trap() } });
}

// ---------------------------------------------------------------------------------------------
// The audit trail outside the wasm instance: every change is kept in localStorage as the
// trail's JSON (the `auditJson()` text, which `importAudit` reads), so a trap or a closed tab
// does not lose it.
// ---------------------------------------------------------------------------------------------

const TRAIL_KEY = 'credit-supervision.audit-trail';
/** A stored trail not yet restored into the workspace (after a crash or on a new visit). */
let trailPending = /** @type {string | null} */ (null);

/** The stored trail's JSON text when it holds entries, else null. */
function storedTrail() {
  try {
    const text = localStorage.getItem(TRAIL_KEY);
    return text && trailLength(text) > 0 ? text : null;
  } catch {
    return null;
  }
}

/** @param {string} text */
function trailLength(text) {
  try {
    const list = JSON.parse(text);
    return Array.isArray(list) ? list.length : 0;
  } catch {
    return 0;
  }
}

/** Keeps the workspace's trail in localStorage (not while a stored trail waits to be restored). */
async function saveTrail() {
  if (trailPending) return;
  try {
    localStorage.setItem(TRAIL_KEY, await client.auditJson());
  } catch (err) {
    console.warn('the audit trail could not be kept in this browser', err);
  }
}

/** The last run (the demo's settings or the files chosen), to run again after a crash. */
let lastRun = /** @type {null | (() => Promise<void>)} */ (null);

/** @param {'crashed' | 'storedTrail'} why */
function showRecovery(why) {
  const box = $('#recovery');
  box.hidden = false;
  box.dataset.why = why;
  renderRecovery();
}

function renderRecovery() {
  const box = $('#recovery');
  if (box.hidden) return;
  $('#recovery-message').textContent = box.dataset.why === 'crashed'
    ? t('crashed')
    : t('storedTrail', trailLength(trailPending ?? '[]'));
  $('#recovery-reload').hidden = !lastRun;
  $('#recovery-restore').hidden = !trailPending;
  $('#recovery-download').hidden = !trailPending;
  for (const id of ['reload', 'restore', 'download', 'dismiss']) {
    $(`#recovery-${id}`).textContent = t(`recovery${id[0].toUpperCase()}${id.slice(1)}`);
  }
}

async function restoreTrail() {
  if (!trailPending) return;
  const note = $('#recovery-note');
  if (!state.summary) {
    note.textContent = t('recoveryNeedRecords');
    return;
  }
  try {
    const r = await client.importAudit(new TextEncoder().encode(trailPending));
    trailPending = null;
    await saveTrail();
    plan.markStale();
    model.markStale();
    note.textContent = t('recoveryRestored', r.entries);
    renderRecovery();
    await renderPage();
    if (state.selected) await showDetail(state.selected);
  } catch (err) {
    note.textContent = errorText(err);
  }
}

function downloadTrail() {
  if (!trailPending) return;
  const bytes = new TextEncoder().encode(trailPending);
  download(async () => bytes, '审计记录-恢复.json', 'application/json');
}

// ---------------------------------------------------------------------------------------------
// Status, progress and busy state
// ---------------------------------------------------------------------------------------------

/**
 * @param {string} key
 * @param {string | (() => string)} [detail]
 * @param {string} [stateName]
 */
function setStatus(key, detail = '', stateName = key) {
  state.status = { key, detail, state: stateName };
  renderStatus();
}

function renderStatus() {
  const { key, detail, state: s } = state.status;
  const node = $('#status');
  node.dataset.state = s;
  node.className = `status status-${s}`;
  const text = typeof detail === 'function' ? detail() : detail;
  if (s === 'error') node.textContent = t('errorPrefix') + text;
  else node.textContent = t(key);
  $('#status-detail').textContent = s === 'error' ? '' : text;
}

function setProgress(fraction, stage = '') {
  const bar = $('#progress');
  if (fraction === null) bar.removeAttribute('value');
  else bar.value = Math.max(0, Math.min(1, fraction));
  $('#stage').textContent = stage;
}

function setBusy(busy) {
  state.busy = busy;
  for (const id of ['#btn-demo', '#btn-load', '#btn-draw', '#btn-results-csv', '#btn-results-xlsx', '#btn-draw-csv', '#btn-draw-xlsx']) {
    $(id).disabled = busy || !state.info;
  }
  $('#btn-cancel').disabled = !busy;
  document.body.classList.toggle('busy', busy);
  updatePager();
  plan.setBusy(busy || !state.info);
  model.setBusy(busy || !state.info);
  policy.setBusy(busy || !state.info);
  $('#btn-rescore').disabled = busy || !state.info;
}

function errorText(err) {
  const parts = [err.messageZh && lang === 'zh' ? err.messageZh : err.message ?? String(err)];
  const where = [];
  if (err.file) where.push(err.file);
  if (err.line) where.push(`${t('errLine')} ${err.line}`);
  if (err.column) where.push(`${t('errColumn')} ${err.column}`);
  if (err.entry) where.push(t('errEntry', err.entry));
  if (err.path) where.push(err.path);
  if (err.value !== undefined && err.value !== '') where.push(`${t('errValue')} “${err.value}”`);
  if (where.length) parts.push(`（${where.join('，')}）`);
  return parts.join(' ');
}

function showEngineError(err) {
  console.error(err);
  setStatus('error', `${t('engineFailed')} ${err?.message ?? ''}`.trim(), 'error');
  setBusy(false);
  for (const id of ['#btn-demo', '#btn-load', '#btn-draw']) $(id).disabled = true;
  plan.setBusy(true);
}

// ---------------------------------------------------------------------------------------------
// Runs: demo and files
// ---------------------------------------------------------------------------------------------

function readAsOf() {
  const v = $('#as-of').value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw Object.assign(new Error(t('badAsOf')), { code: 'input' });
  return v;
}

/**
 * Runs `demo`, `load` or `rescore` (a client method) with progress, and shows the results;
 * resolves with the run's result (null when it did not finish). `keepLoad`: the records stay
 * (a rescore), so does their load report.
 */
async function runScoring(run, { keepLoad = false } = {}) {
  if (state.busy) return null;
  const load = state.load;
  clearResults();
  if (keepLoad && load) {
    state.load = load;
    renderLoadReport();
    $('#load-report-card').hidden = false;
  }
  setBusy(true);
  setProgress(0, '');
  setStatus('running', '', 'running');
  const started = performance.now();
  try {
    const result = await run({
      onProgress: (p) => setProgress(p.fraction, stageText(p.stage) + loading.progressText(p)),
    });
    state.load = result.load ?? state.load;
    state.summary = result.summary;
    const received = performance.now();
    renderLoadReport();
    renderDistribution();
    setProgress(1, '');
    // The first table order: by USCC, ascending.
    await sortBy('uscc', false);
    if (BENCH) {
      // Where the time went, and the worker's wasm memory (bench/page-bench.mjs).
      const w = /** @type {any} */ (window);
      w.__csTimings = { ...result.timings, receivedMs: received - started, shownMs: performance.now() - started };
      w.__csWasmMemoryBytes = client.memoryBytes;
    }
    $('#dist-card').hidden = false;
    $('#table-card').hidden = false;
    $('#draw-card').hidden = false;
    plan.scored(state.summary.asOf);
    model.scored(state.summary.asOf);
    policy.scored(state.summary, 'change' in result ? result.change : null);
    // Drawn after the run is shown: the worker answers them in turn.
    charts.scored();
    worklists.scored(state.summary.asOf);
    $('#btn-rescore').hidden = false;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const asOfUsed = state.summary.asOf;
    setStatus('done', () => `${t('elapsed', seconds)} · ${t('asOfUsed', asOfUsed)}`, 'done');
    return result;
  } catch (err) {
    if (err.code === 'trap') {
      // client.onCrash has told the clerk and offered the recovery.
    } else if (err.code === 'cancelled') {
      setStatus('cancelled', '', 'cancelled');
      setProgress(0, '');
      clearResults();
    } else {
      console.error(err);
      setStatus('error', errorText(err), 'error');
    }
  } finally {
    setBusy(false);
  }
  return null;
}

/**
 * Rescores the records loaded as of the as-of date, under `policyText` (JSON; null: the policy
 * in force), without reloading them. A policy the core refuses throws (with the `path` at
 * fault) before anything on the page changes.
 * @param {string | null} policyText
 */
async function rescore(policyText) {
  if (state.busy || !state.summary) return null;
  const asOf = readAsOf();
  if (policyText !== null) await client.checkPolicy(policyText);
  return runScoring((o) => client.rescore({ policy: policyText, asOf }, o), { keepLoad: true });
}

/**
 * The core's stage label (e.g. `load:penalty.csv`, `score`) in the page's words; an unknown
 * stage is shown as the core gives it.
 */
function stageText(stage) {
  const [head, ...rest] = String(stage).split(':');
  const word = STRINGS[lang].stages[head];
  if (!word) return stage;
  if (!rest.length) return word;
  // A demo file name (e.g. `penalty.csv`) is shown as its record kind.
  const name = rest.join(':');
  const kind = (state.info?.columns ?? []).find((k) => k.fileName === name);
  return `${word} ${kind ? (lang === 'zh' ? kind.kindZh : kind.kind) : name}`;
}

function runDemo() {
  let asOf;
  try {
    asOf = readAsOf();
  } catch (err) {
    return setStatus('error', err.message, 'error');
  }
  const size = Number($('#demo-size').value);
  if (!Number.isInteger(size) || size < 1) return setStatus('error', t('badSize'), 'error');
  const seed = $('#demo-seed').value;
  lastRun = () => runScoring((o) => client.demo({ size, seed, asOf }, o));
  return lastRun();
}

async function runLoad() {
  let asOf;
  try {
    asOf = readAsOf();
  } catch (err) {
    return setStatus('error', err.message, 'error');
  }
  const list = [...($('#file-input').files ?? [])];
  if (list.length === 0) return setStatus('error', t('noFiles'), 'error');
  // The File objects go to the worker as they are: it reads text in chunks (www/load-worker.js),
  // with each file's reading settings and header mapping (www/loading.js).
  const files = list.map((f) => ({ name: f.name, file: f, options: loading.optionsFor(f.name) }));
  // The File objects stay in the page: after a crash the same files load again.
  lastRun = () => runScoring((o) => client.load({ files, asOf }, o));
  return lastRun();
}

function clearResults() {
  state.summary = null;
  state.load = null;
  state.order = null;
  state.rows = null;
  state.selected = null;
  state.explanation = null;
  state.draw = null;
  state.page = 0;
  state.renderToken++;
  for (const id of ['#load-report-card', '#dist-card', '#table-card', '#draw-card']) $(id).hidden = true;
  $('#draw-result').hidden = true;
  $('#draw-error').hidden = true;
  plan.clear();
  model.clear();
  charts.clear();
  worklists.clear();
  $('#table tbody').replaceChildren();
  for (const k of ['sort', 'page', 'filter']) delete $('#table').dataset[k];
  renderDetail();
}

function renderFileNames() {
  const list = [...($('#file-input').files ?? [])];
  $('#file-names').textContent = list.length
    ? t('filesChosen', list.length, list.map((f) => f.name).join(lang === 'zh' ? '、' : ', '))
    : t('noFileChosen');
}

// ---------------------------------------------------------------------------------------------
// Load report
// ---------------------------------------------------------------------------------------------

// Per file and sheet: format, encoding, delimiter, kind, rows read / accepted / duplicates /
// rejected, unknown columns, rejected rows with their download, and the reading settings with a
// header mapping the user can adjust (www/loading.js).
const loading = createLoading({
  el,
  fmtInt,
  lang: () => lang,
  kinds: () => state.info?.columns ?? [],
  vocabulary: vocab,
  client,
  reload: () => runLoad(),
  rerender: () => renderLoadReport(),
});

// The inspection plan (双随机、一公开): www/plan.js; the plan itself is the core's, in the worker.
const plan = createPlan({
  el,
  fmtInt,
  fmtRatio,
  fmtNumber: fmtScore,
  lang: () => lang,
  client,
  vocabulary: vocab,
  classBadge,
  download,
  safeName: (text) => safeName(text),
  errorText,
  setBusy,
  busy: () => state.busy,
  cancelled: () => {
    // Cancelling replaced the worker: its workspace (the scoring) is gone.
    setStatus('cancelled', '', 'cancelled');
    setProgress(0, '');
  },
});

// Model and backtest (评分卡、回测、迁移): www/model.js; every figure is the core's, in the worker.
const model = createModel({
  el,
  fmtInt,
  fmtRatio,
  lang: () => lang,
  client,
  vocabulary: vocab,
  classBadge,
  download,
  errorText,
  setBusy,
  busy: () => state.busy,
  cancelled: () => {
    setStatus('cancelled', '', 'cancelled');
    setProgress(0, '');
  },
});

// The policy editor: www/policy.js; the form, the check and the change are the core's.
const policy = createPolicy({
  el,
  fmtInt,
  lang: () => lang,
  info: () => state.info,
  scored: () => Boolean(state.summary),
  apply: (text) => rescore(text),
  download,
  errorText,
  busy: () => state.busy,
});

// Charts of the district: www/charts.js; every number is the core's, drawn as SVG in the page.
const charts = createCharts({
  el,
  fmtInt,
  fmtPct,
  lang: () => lang,
  client,
  vocabulary: vocab,
  download,
  errorText,
});

// Work lists over the district: www/worklists.js; lists, counts and texts are the core's.
const worklists = createWorkLists({
  el,
  fmtInt,
  lang: () => lang,
  client,
  classBadge,
  download,
  safeName: (text) => safeName(text),
  errorText,
  showDetail: (uscc) => {
    showDetail(uscc);
    $('#detail').scrollIntoView({ block: 'nearest' });
  },
});

function renderLoadReport() {
  const box = $('#load-report');
  const load = state.load;
  if (!load) {
    box.replaceChildren();
    return;
  }
  loading.render(box, load);
  // The roster and the item list are no records: counted apart, named as the core names them.
  const planning = [['inspector', load.inspectors], ['item', load.items]]
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([code, n]) => {
      const k = (state.info?.columns ?? []).find((c) => c.kind === code);
      return `${k ? (lang === 'zh' ? k.kindZh : k.kind) : code} ${fmtInt(n ?? 0)}`;
    });
  const records = t('loadTotals', fmtInt(load.enterprises ?? 0), fmtInt(load.registered ?? 0), fmtInt(load.records ?? 0));
  const text = planning.length ? `${records}${lang === 'zh' ? '' : ' '}${planning.join(lang === 'zh' ? '；' : '; ')}` : records;
  const totals = el('p', { class: 'load-totals', text });
  box.insertBefore(totals, box.children[1] ?? null);
  $('#load-report-card').hidden = false;
}

// ---------------------------------------------------------------------------------------------
// Class distribution
// ---------------------------------------------------------------------------------------------

function renderDistribution() {
  const s = state.summary;
  if (!s) return;
  const total = s.enterprises;
  const values = { A: s.counts.A, B: s.counts.B, C: s.counts.C, D: s.counts.D, none: s.unclassified };
  const max = Math.max(1, ...Object.values(values));
  $('#total').textContent = fmtInt(total);
  $('#total').dataset.value = total;
  for (const [k, v] of Object.entries(values)) {
    $(`#count-${k}`).textContent = fmtInt(v);
    $(`#count-${k}`).dataset.value = v;
    $(`#pct-${k}`).textContent = fmtPct(v, total);
    $(`#bar-${k}`).style.width = `${(100 * v) / max}%`;
  }
  $('#dist-meta').textContent = t('distMeta', s.asOf, fmtScore(s.meanScore));
  const notes = [];
  if (s.unregistered) notes.push(t('unregisteredNote', fmtInt(s.unregistered)));
  if (s.policyDigest) notes.push(t('policyDigest', s.policyDigest));
  $('#dist-note').textContent = notes.join(' ');
}

// ---------------------------------------------------------------------------------------------
// Table
// ---------------------------------------------------------------------------------------------

async function sortBy(key, descending) {
  state.sortKey = key;
  state.descending = descending;
  state.page = 0;
  for (const th of $$('#table th[data-key]')) {
    th.setAttribute('aria-sort', th.dataset.key === key ? (descending ? 'descending' : 'ascending') : 'none');
  }
  const order = await client.order(key, descending, state.classFilter);
  state.order = order;
  await renderPage();
}

function pageCount() {
  return state.order ? Math.max(1, Math.ceil(state.order.length / PAGE_SIZE)) : 1;
}

function updatePager() {
  const n = pageCount();
  const noOrder = !state.order;
  $('#page-first').disabled = noOrder || state.page === 0;
  $('#page-prev').disabled = noOrder || state.page === 0;
  $('#page-next').disabled = noOrder || state.page >= n - 1;
  $('#page-last').disabled = noOrder || state.page >= n - 1;
  $('#page-info').textContent = state.order
    ? t('pageInfo', fmtInt(state.page + 1), fmtInt(n), fmtInt(state.order.length))
    : '';
}

async function renderPage() {
  const token = ++state.renderToken;
  const start = state.page * PAGE_SIZE;
  const ids = state.order.slice(start, start + PAGE_SIZE);
  const rows = ids.length ? await client.rows(ids) : [];
  if (token !== state.renderToken) return;
  state.rows = rows;
  fillTable();
  updatePager();
  // For tests and assistive tools: what the visible rows are.
  const table = $('#table');
  table.dataset.sort = `${state.sortKey}:${state.descending ? 'descending' : 'ascending'}`;
  table.dataset.page = state.page + 1;
  table.dataset.filter = state.classFilter ?? 'all';
}

function fillTable() {
  const body = $('#table tbody');
  const rows = state.rows ?? [];
  if (rows.length === 0) {
    body.replaceChildren(el('tr', {}, el('td', { colspan: 7, class: 'muted empty', text: t('noRows') })));
    return;
  }
  body.replaceChildren(...rows.map((r) =>
    el('tr', {
      tabindex: 0,
      'data-uscc': r.uscc,
      'data-id': r.id,
      'aria-selected': r.uscc === state.selected ? 'true' : 'false',
      class: r.uscc === state.selected ? 'selected' : null,
    },
    el('td', { class: 'mono uscc', text: r.uscc }),
    el('td', { class: 'name', title: r.name, text: r.name }),
    el('td', { class: 'region', title: r.region, text: r.region }),
    el('td', { class: 'type', text: lang === 'zh' ? r.entityTypeZh || r.entityType : r.entityType || r.entityTypeZh }),
    el('td', { class: 'num score', 'data-score': r.score, text: fmtScore(r.score) }),
    el('td', { class: 'class', 'data-class': classLetter(r.class) }, classBadge(r.class),
      classLetter(r.class) === '-' && r.statusZh ? el('span', { class: 'muted small' }, ` ${lang === 'zh' ? r.statusZh : r.status}`) : null),
    el('td', { class: 'reasons', title: pick(r.reasons, r.reasonsEn) || null, text: pick(r.reasons, r.reasonsEn) ?? '' }))));
}

async function showDetail(uscc) {
  state.selected = uscc;
  for (const tr of $$('#table tbody tr')) {
    const on = tr.dataset.uscc === uscc;
    tr.classList.toggle('selected', on);
    tr.setAttribute('aria-selected', on ? 'true' : 'false');
  }
  try {
    state.explanation = await client.explain(uscc);
    state.rules = await client.rulesFor(uscc);
  } catch (err) {
    state.explanation = { error: errorText(err), uscc };
    state.rules = null;
  }
  if (state.selected === uscc) renderDetail();
}

// The rules engine's answers for the selected enterprise: every date and rule comes from the
// core (worker `rulesFor`); the page only lays them out.
function recordLine(r) {
  const bits = [r.date, pick(r.detail, r.detailEn)];
  if (r.publicity) {
    const p = r.publicity;
    bits.push(p.withdrawn ? t('publicityWithdrawn', p.withdrawBy) : p.published ? t('publicityUntil', p.lastDay) : t('notPublished'));
  }
  if (r.abnormal) {
    const a = r.abnormal;
    bits.push(pick(a.statusZh, a.statusEn));
    const months = state.policy?.rules?.abnormal?.transfer_after_months;
    const period = typeof months === 'number' ? periodText(months) : '';
    const list = word(vocab()?.records.listKind.find((k) => k.code === 'serious'));
    if (a.transfer?.applies && a.transfer.inReminderWindow) bits.push(t('transferReminder', a.transfer.on, period, list));
    if (a.transfer?.applies && a.transfer.due) bits.push(t('transferDue', a.transfer.on, period, list));
    bits.push(...(lang === 'zh' ? a.notes ?? [] : a.notesEn ?? a.notes ?? []));
  }
  if (r.serious) bits.push(`${r.serious.periodEnds}`);
  if (r.scoreWindowEnds) bits.push(t('scoreWindowEnds', r.scoreWindowEnds));
  if (r.excluded) bits.push(t('excludedMark'));
  return bits.filter(Boolean).join(' · ');
}

function renderRules(x) {
  if (!x) return [];
  const records = x.records ?? [];
  const options = x.repair?.options ?? [];
  const measures = (x.measures ?? []).filter((m) => m.applies);
  return [
    el('p', { class: 'muted small', id: 'detail-regime', text: `${t('rulesRegime')}${t('colon')}${pick(x.regimeZh, x.regimeEn)}` }),
    el('h4', { text: t('rulesRecords') }),
    records.length
      ? el('ul', { class: 'rules-records' }, records.map((r) =>
          el('li', { 'data-kind': r.recordKind, 'data-index': r.recordIndex, class: r.excluded ? 'muted' : null },
            el('span', { class: 'small', text: recordLine(r) }))))
      : el('p', { class: 'muted', text: t('rulesNone') }),
    el('h4', { text: t('rulesRepair') }),
    options.length
      ? el('ul', { class: 'repair-options', id: 'repair-options' }, options.map((o) =>
          el('li', { 'data-kind': o.recordKind, 'data-eligible': o.eligibleNow ? 'true' : 'false' },
            el('div', { class: 'reason-head' },
              el('span', { class: 'reason-text', text: pick(o.detail, o.detailEn) }),
              el('span', { class: o.eligibleNow ? 'pos' : 'muted', text: o.eligibleNow ? t('repairEligible') : (o.repairable ? '' : t('repairNot')) })),
            el('div', { class: 'muted small' },
              pick(o.summaryZh, o.summaryEn),
              o.earliest ? ` · ${t('repairEarliest', o.earliest)}` : null,
              o.stopsByItself ? ` · ${t('repairStops', o.stopsByItself)}` : null,
              o.acceptBy ? ` · ${t('repairAccept', o.acceptWorkingDays, o.acceptBy)}` : null,
              o.decisionWorkingDays && o.decisionDue ? ` · ${t('repairDecision', o.decisionWorkingDays, o.decisionDue)}` : null,
              o.decisionAfterZh ? ` · ${pick(o.decisionAfterZh, o.decisionAfterEn)}` : null,
              o.whatIf ? ` · ${t('whatIf', fmtScore(o.whatIf.score), o.whatIf.class)}` : null),
            el('ul', { class: 'small conditions' }, (o.conditions ?? []).map((c) =>
              el('li', { 'data-status': c.status, text: `${c.status === 'met' ? '✓' : c.status === 'unmet' ? '✗' : '?'} ${pick(c.zh, c.en)}${c.detail ? (lang === 'zh' ? `（${c.detail}）` : ` (${c.detailEn ?? c.detail})`) : ''}` }))),
            el('div', { class: 'muted small', text: `${pick(o.basis, o.basisEn)} [${o.basisMark}]` }))))
      : el('p', { class: 'muted', id: 'repair-options', text: t('rulesNone') }),
    el('h4', { text: t('rulesMeasures') }),
    measures.length
      ? el('ul', { class: 'measures', id: 'measures' }, measures.map((m) =>
          el('li', { 'data-measure': m.id },
            el('div', { class: 'reason-text', text: lang === 'zh' ? m.zh : m.en }),
            el('div', { class: 'muted small', text: `${lang === 'zh' ? m.why.join('；') : (m.whyEn ?? m.why).join('; ')} · ${t('measureExit')}${t('colon')}${pick(m.exit, m.exitEn)}` }))))
      : el('p', { class: 'muted', id: 'measures', text: t('rulesNone') }),
    renderAuditForm(x, records),
  ];
}

function renderAuditForm(x, records) {
  const who = el('input', { type: 'text', id: 'audit-who', placeholder: t('auditWho'), 'aria-label': t('auditWho') });
  const reason = el('input', { type: 'text', id: 'audit-reason', placeholder: t('auditReason'), 'aria-label': t('auditReason'), required: true });
  const at = el('input', { type: 'date', id: 'audit-date', value: x.asOf, 'aria-label': t('auditDate') });
  const record = el('select', { id: 'audit-record', 'aria-label': t('auditRecord') }, records.map((r, i) =>
    el('option', { value: String(i), text: [r.date, pick(r.detail, r.detailEn)].filter(Boolean).join(' ').slice(0, 60) })));
  const action = el('select', { id: 'audit-action', 'aria-label': t('auditAction') }, (vocab()?.auditActions ?? []).filter((a) => a.objection).map((a) =>
    el('option', { value: a.code, text: word(a) })));
  const correction = el('input', { type: 'text', id: 'audit-correction', placeholder: t('auditCorrection'), 'aria-label': t('auditCorrection') });
  const cls = el('select', { id: 'audit-class', 'aria-label': word(vocab()?.auditActions.find((a) => a.code === 'adjust_class')) },
    el('option', { value: '', text: t('auditClassNone') }), (vocab()?.classes ?? []).map((c) => el('option', { value: c.letter, text: word(c) })));
  const msg = el('p', { class: 'small', id: 'audit-message', 'aria-live': 'polite' });
  const common = () => {
    if (!who.value.trim() || !reason.value.trim()) {
      msg.textContent = t('auditNeedReason');
      msg.className = 'small error';
      return null;
    }
    return { uscc: x.uscc, who: who.value, reason: reason.value, at: at.value || x.asOf, timestamp: new Date().toISOString() };
  };
  const submit = async (op, args) => {
    try {
      const entry = await op(args);
      await saveTrail();
      plan.markStale();
      model.markStale();
      await renderPage();
      await showDetail(x.uscc);
      // Said only once the table and the detail show the new state (the detail view is drawn
      // anew, with its own message line).
      const done = $('#audit-message') ?? msg;
      done.textContent = t('auditDone', entry.seq);
      done.className = 'small';
    } catch (err) {
      msg.textContent = errorText(err);
      msg.className = 'small error';
    }
  };
  return el('div', { class: 'audit-form', id: 'audit-form' },
    el('h4', { text: t('rulesAudit') }),
    el('div', { class: 'row' }, who, at),
    el('div', { class: 'row' }, reason),
    records.length ? el('div', { class: 'row' }, record, action, correction,
      el('button', { type: 'button', id: 'audit-submit', text: t('auditSubmit'), onclick: () => {
        const c = common();
        const r = records[Number(record.value)];
        if (c && r) submit((a) => client.object(a), { ...c, recordKind: r.recordKind, recordIndex: r.recordIndex, action: action.value, correction: correction.value || null });
      } })) : null,
    el('div', { class: 'row' }, el('label', { text: word(vocab()?.auditActions.find((a) => a.code === 'adjust_class')) }), cls,
      el('button', { type: 'button', id: 'audit-class-submit', text: t('auditClassSubmit'), onclick: () => {
        const c = common();
        if (c) submit((a) => client.adjustClass(a), { ...c, cls: cls.value });
      } })),
    msg,
    el('div', { class: 'row' },
      el('button', { type: 'button', class: 'link', id: 'audit-download', text: t('auditDownload'), onclick: () => download(() => client.auditCsv(), '审计记录.csv') }),
      el('button', { type: 'button', class: 'link', id: 'audit-download-xlsx', text: t('auditDownloadXlsx'),
        onclick: () => download(() => client.auditXlsx(lang), '审计记录.xlsx', XLSX_TYPE) }),
      el('label', { class: 'link', id: 'audit-import-label' },
        t('auditImport'),
        el('input', { type: 'file', id: 'audit-import', accept: '.csv,.json,text/csv,application/json', hidden: true, onchange: async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          try {
            const bytes = new Uint8Array(await file.arrayBuffer());
            const r = await client.importAudit(bytes);
            await saveTrail();
            plan.markStale();
            model.markStale();
            await renderPage();
            await showDetail(x.uscc);
            const again = $('#audit-message');
            if (again) {
              again.textContent = t('auditImported', r.imported, r.alreadyHeld);
              again.className = 'small';
            }
          } catch (err) {
            msg.textContent = `${file.name}：${errorText(err)}`;
            msg.className = 'small error';
          }
        } }))));
}

/**
 * Prints the enterprise in the detail view alone (the print stylesheet keeps only the detail
 * panel, without its buttons and the audit form): what a clerk hands to a supervisor or to an
 * enterprise asking about its record.
 */
function printReport() {
  document.body.classList.add('print-report');
  const done = () => {
    document.body.classList.remove('print-report');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

function renderDetail() {
  const box = $('#detail');
  const x = state.explanation;
  if (!x) {
    box.replaceChildren(el('p', { class: 'muted', text: t('detailEmpty') }));
    box.removeAttribute('data-uscc');
    return;
  }
  box.dataset.uscc = x.uscc;
  if (x.error) {
    box.replaceChildren(el('p', { class: 'mono', id: 'detail-uscc', text: x.uscc }), el('p', { class: 'error', text: x.error }));
    return;
  }
  const override = x.override
    ? `${lang === 'zh' ? x.override.zh : x.override.en}`
    : t('detailNoOverride');
  const reasons = x.reasons ?? [];
  box.replaceChildren(
    el('p', { class: 'print-only', id: 'print-head', text: t('printHead', x.asOf, (state.summary?.policyDigest ?? '').slice(0, 16), today()) }),
    el('div', { class: 'detail-head' },
      el('h3', { text: t('detailTitle') }),
      el('span', { class: 'detail-actions' },
        el('button', { type: 'button', class: 'link', id: 'btn-print', text: t('print'), 'aria-label': t('printAria'), onclick: printReport }),
        el('button', { type: 'button', class: 'link', text: t('close'), onclick: () => {
          state.selected = null;
          state.explanation = null;
          fillTable();
          renderDetail();
        } }))),
    el('p', { class: 'detail-name', text: x.name }),
    el('p', { class: 'mono', id: 'detail-uscc', text: x.uscc }),
    el('dl', { class: 'detail-stats' },
      el('dt', { text: t('detailScore') }), el('dd', { class: 'num', id: 'detail-score', text: fmtScore(x.score) }),
      el('dt', { text: t('detailBase') }), el('dd', { class: 'num', text: fmtScore(x.baseScore) }),
      el('dt', { text: t('detailClass') }), el('dd', { id: 'detail-class' }, classBadge(x.class)),
      x.override ? el('dt', { text: t('detailBeforeOverride') }) : null,
      x.override ? el('dd', {}, classBadge(x.classBeforeOverride)) : null,
      el('dt', { text: t('detailOverride') }), el('dd', { class: 'override', text: override }),
      el('dt', { text: t('asOf') }), el('dd', { text: x.asOf })),
    el('h4', { text: t('detailReasons') }),
    reasons.length
      ? el('ul', { class: 'reasons-list' }, reasons.map((r) =>
          el('li', { 'data-indicator': r.indicator },
            el('div', { class: 'reason-head' },
              el('span', { class: 'reason-text', text: lang === 'zh' ? r.zh : r.en }),
              el('span', { class: `num reason-points ${r.points < 0 ? 'neg' : 'pos'}`, text: fmtPoints(r.points) })),
            el('div', { class: 'muted small' },
              r.recordDate ? el('span', { class: 'nowrap', text: `${t('reasonDate')} ${r.recordDate}` }) : null,
              r.recordDate && r.detail ? ' · ' : null,
              pick(r.detail, r.detailEn) || null))))
      : el('p', { class: 'muted', text: t('detailNoReasons') }),
    (x.excluded ?? []).length
      ? el('div', { id: 'detail-excluded' },
          el('h4', { text: t('detailExcluded') }),
          el('ul', { class: 'reasons-list' }, x.excluded.map((e) =>
            el('li', { 'data-cause': e.cause },
              el('div', { class: 'reason-text', text: lang === 'zh' ? e.zh : e.en }),
              el('div', { class: 'muted small', text: [e.recordDate, pick(e.detail, e.detailEn)].filter(Boolean).join(' · ') })))))
      : '', // (replaceChildren would show a null as the text "null")
    ...renderRules(state.rules?.uscc === x.uscc ? state.rules : null));
}

// ---------------------------------------------------------------------------------------------
// Draw
// ---------------------------------------------------------------------------------------------

async function runDraw() {
  const seed = $('#draw-seed').value.trim();
  const errBox = $('#draw-error');
  errBox.hidden = true;
  if (!seed) {
    errBox.textContent = t('needSeed');
    errBox.hidden = false;
    $('#draw-seed').focus();
    return;
  }
  const pct = $('#draw-ratio').value === '' ? null : Number($('#draw-ratio').value);
  if (pct !== null && !(pct >= 0 && pct <= 100)) {
    errBox.textContent = t('badRatio');
    errBox.hidden = false;
    return;
  }
  $('#btn-draw').disabled = true;
  try {
    state.draw = await client.draw(seed, pct === null ? null : pct / 100);
    state.drawRuns++;
    renderDraw();
  } catch (err) {
    errBox.textContent = errorText(err);
    errBox.hidden = false;
  } finally {
    $('#btn-draw').disabled = state.busy;
  }
}

function renderDraw() {
  const d = state.draw;
  const box = $('#draw-result');
  if (!d) {
    box.hidden = true;
    return;
  }
  $('#draw-size').textContent = fmtInt(d.sampleSize);
  $('#draw-size').dataset.value = d.sampleSize;
  $('#draw-meta').textContent = t('drawMeta', fmtInt(d.population), fmtRatio(d.overallRatio), d.seed, d.asOf);
  $('#draw-digest').textContent = d.digest ?? '';
  $('#draw-classes tbody').replaceChildren(...(d.perClass ?? []).map((c) =>
    el('tr', { 'data-class': classLetter(c.class) },
      el('td', {}, classBadge(c.class)),
      el('td', { class: 'num', text: fmtInt(c.population) }),
      el('td', { class: 'num', text: fmtRatio(c.ratio) }),
      el('td', { class: 'num', text: fmtInt(c.sample) }))));
  const selected = d.selected ?? [];
  const shown = selected.slice(0, DRAW_ROWS_SHOWN);
  $('#draw-list tbody').replaceChildren(...shown.map((s, i) =>
    el('tr', { 'data-uscc': s.uscc },
      el('td', { class: 'num muted', text: i + 1 }),
      el('td', { class: 'mono', text: s.uscc }),
      el('td', { text: s.name }),
      el('td', {}, classBadge(s.class)),
      el('td', { text: s.region }))));
  $('#draw-list-note').textContent = selected.length > shown.length ? t('drawListNote', fmtInt(shown.length), fmtInt(selected.length)) : '';
  box.dataset.runs = state.drawRuns;
  box.dataset.digest = d.digest ?? '';
  box.hidden = false;
}

// ---------------------------------------------------------------------------------------------
// Downloads
// ---------------------------------------------------------------------------------------------

/** Downloads the bytes a client method gives (`resultsCsv`, `drawCsv`, `auditCsv`). */
async function download(get, fileName, type = 'text/csv;charset=utf-8') {
  try {
    const bytes = await get();
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    const a = el('a', { href: url, download: fileName, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (err) {
    setStatus('error', errorText(err), 'error');
  }
}

/** The media type of a workbook download. */
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const safeName = (s) => s.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60);

// ---------------------------------------------------------------------------------------------
// What the core tells about itself: indicators and file formats
// ---------------------------------------------------------------------------------------------

/** The labels of the page that are the core's: class names, sort keys, the class filter. */
function renderCoreLabels() {
  const v = vocab();
  if (!v) return;
  for (const node of $$('[data-class-label]')) node.textContent = riskText(classTerm(node.dataset.classLabel));
  for (const node of $$('[data-sort-label]')) node.textContent = sortKeyText(node.dataset.sortLabel);
  const filter = $('#class-filter');
  const chosen = filter.value;
  filter.replaceChildren(
    el('option', { value: '', text: t('filterAll') }),
    ...v.classes.map((c) => el('option', { value: String(c.code), text: c.letter, title: riskText(c) })),
    el('option', { value: String(v.unclassified.code), text: riskText(v.unclassified) }));
  filter.value = chosen;
}

function renderCatalogue() {
  const cat = state.info?.catalogue ?? [];
  $('#catalogue').replaceChildren(
    el('table', { class: 'data compact' },
      el('thead', {}, el('tr', {},
        el('th', { text: t('catId') }),
        el('th', { text: t('catDimension') }),
        el('th', { text: t('catText') }),
        el('th', { class: 'right', text: t('catPoints') }),
        el('th', { class: 'right', text: t('catWindow') }),
        el('th', { class: 'right', text: t('catMaxCount') }),
        el('th', { text: t('catDecay') }),
        el('th', { text: t('catEnabled') }))),
      el('tbody', {}, cat.map((c) =>
        el('tr', { class: c.enabled === false ? 'disabled' : null },
          el('td', { class: 'mono small', text: c.id }),
          el('td', { text: lang === 'zh' ? c.dimensionZh || c.dimension : c.dimension }),
          el('td', { text: lang === 'zh' ? c.zh : c.en }),
          el('td', { class: `num ${c.points < 0 ? 'neg' : 'pos'}`, text: fmtPoints(c.points) }),
          el('td', { class: 'num', text: c.windowMonths ?? '–' }),
          el('td', { class: 'num', text: c.maxCount ?? '–' }),
          el('td', { class: 'num', text: decayText(c) }),
          el('td', { text: t(c.enabled === false ? 'no' : 'yes') }))))));
}

/** The indicator's decay: `decayTo` (a factor the points fall to over the window), or none. */
function decayText(c) {
  const d = c.decayTo ?? c.decay;
  if (d === null || d === undefined || d === false) return '–';
  if (d === true) return t('yes');
  return typeof d === 'number' ? `×${fmtScore(d)}` : String(d);
}

function renderColumnsDoc() {
  const kinds = state.info?.columns ?? [];
  $('#columns-doc').replaceChildren(...kinds.map((k) =>
    el('div', { class: 'kind-doc' },
      el('h4', {}, `${lang === 'zh' ? k.kindZh : k.kind}`, el('span', { class: 'muted small' }, ` · ${t('suggestedFileName')} ${k.fileName}`)),
      el('table', { class: 'data compact' },
        el('thead', {}, el('tr', {},
          el('th', { text: t('colHeader') }),
          el('th', { text: t('colKey') }),
          el('th', { text: t('colAliases') }),
          el('th', { text: t('colDoc') }))),
        el('tbody', {}, k.columns.map((c) =>
          el('tr', {},
            el('td', {}, c.zh, c.required ? el('span', { class: 'req', title: t('required'), text: ' *' }) : null),
            el('td', { class: 'mono small', text: c.key }),
            el('td', { class: 'small', text: (c.aliases ?? []).join('、') }),
            el('td', { class: 'small', text: c.doc }))))))));
}

// ---------------------------------------------------------------------------------------------
// Language
// ---------------------------------------------------------------------------------------------

function applyLanguage() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  for (const node of $$('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  renderCoreLabels();
  const btn = $('#lang');
  btn.textContent = t('switchTo');
  btn.lang = lang === 'zh' ? 'en' : 'zh-CN';
  btn.setAttribute('aria-label', t('switchAria'));
  renderStatus();
  renderFileNames();
  renderRecovery();
  renderCatalogue();
  renderColumnsDoc();
  if (state.load) renderLoadReport();
  if (state.summary) renderDistribution();
  if (state.rows) fillTable();
  updatePager();
  renderDetail();
  if (state.draw) renderDraw();
  plan.render();
  model.render();
  policy.render();
  charts.render();
  worklists.render();
}

// ---------------------------------------------------------------------------------------------
// Wiring
// ---------------------------------------------------------------------------------------------

function prefill() {
  const asOf = params.get('asOf');
  $('#as-of').value = asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : today();
  const size = params.get('size');
  if (size && /^\d+$/.test(size)) $('#demo-size').value = size;
  const seed = params.get('seed');
  if (seed !== null) $('#demo-seed').value = seed;
}

function wire() {
  $('#btn-demo').addEventListener('click', runDemo);
  $('#btn-load').addEventListener('click', runLoad);
  $('#recovery-reload').addEventListener('click', () => lastRun?.());
  $('#recovery-restore').addEventListener('click', restoreTrail);
  $('#recovery-download').addEventListener('click', downloadTrail);
  $('#recovery-dismiss').addEventListener('click', () => {
    $('#recovery').hidden = true;
  });
  $('#file-input').addEventListener('change', renderFileNames);
  $('#btn-cancel').addEventListener('click', () => {
    setStatus('cancelling', '', 'cancelling');
    client.cancel();
  });
  $('#lang').addEventListener('click', () => {
    lang = lang === 'zh' ? 'en' : 'zh';
    applyLanguage();
  });
  for (const th of $$('#table th[data-key]')) {
    th.querySelector('button').addEventListener('click', () => {
      if (!state.summary || state.busy) return;
      const key = th.dataset.key;
      sortBy(key, key === state.sortKey ? !state.descending : false);
    });
  }
  $('#class-filter').addEventListener('change', (e) => {
    state.classFilter = e.target.value === '' ? null : Number(e.target.value);
    if (state.summary && !state.busy) sortBy(state.sortKey, state.descending);
  });
  const goto = (p) => {
    state.page = Math.max(0, Math.min(pageCount() - 1, p));
    renderPage();
  };
  $('#page-first').addEventListener('click', () => goto(0));
  $('#page-prev').addEventListener('click', () => goto(state.page - 1));
  $('#page-next').addEventListener('click', () => goto(state.page + 1));
  $('#page-last').addEventListener('click', () => goto(pageCount() - 1));
  const tbody = $('#table tbody');
  tbody.addEventListener('click', (e) => {
    const tr = e.target.closest('tr[data-uscc]');
    if (tr) showDetail(tr.dataset.uscc);
  });
  tbody.addEventListener('keydown', (e) => {
    const tr = e.target.closest('tr[data-uscc]');
    if (!tr) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      showDetail(tr.dataset.uscc);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      (e.key === 'ArrowDown' ? tr.nextElementSibling : tr.previousElementSibling)?.focus();
    }
  });
  $('#link-columns').addEventListener('click', () => {
    $('#columns-card').open = true;
  });
  $('#btn-draw').addEventListener('click', runDraw);
  plan.wire();
  model.wire();
  policy.wire();
  $('#btn-rescore').addEventListener('click', () => rescore(null).catch((err) => setStatus('error', errorText(err), 'error')));
  $('#draw-seed').addEventListener('keydown', (e) => {
    if (e.key === 'Enter') runDraw();
  });
  $('#btn-results-csv').addEventListener('click', () =>
    download(() => client.resultsCsv(), t('resultsFile', state.summary?.asOf ?? '')));
  $('#btn-draw-csv').addEventListener('click', () =>
    download(() => client.drawCsv(), t('drawFile', state.draw?.asOf ?? '', safeName(state.draw?.seed ?? ''))));
  // The same as workbooks, headers in the page's language.
  $('#btn-results-xlsx').addEventListener('click', () =>
    download(() => client.resultsXlsx(lang), t('resultsFile', state.summary?.asOf ?? '', 'xlsx'), XLSX_TYPE));
  $('#btn-draw-xlsx').addEventListener('click', () =>
    download(() => client.drawXlsx(lang), t('drawFile', state.draw?.asOf ?? '', safeName(state.draw?.seed ?? ''), 'xlsx'), XLSX_TYPE));
}

async function main() {
  prefill();
  wire();
  applyLanguage();
  setBusy(false);
  setStatus('loadingEngine', '', 'loading');
  try {
    state.info = await client.ready;
  } catch (err) {
    return showEngineError(err);
  }
  try {
    state.policy = JSON.parse(state.info.policy);
  } catch {
    state.policy = null;
  }
  const ratio = state.policy?.inspection?.overall_ratio;
  if (typeof ratio === 'number') $('#draw-ratio').value = String(Number((ratio * 100).toPrecision(10)));
  $('#version').textContent = `v${state.info.version}`;
  renderCoreLabels();
  renderCatalogue();
  renderColumnsDoc();
  policy.ready(state.info.policyDigest);
  setStatus('ready', '', 'ready');
  setBusy(false);
  // A trail kept from an earlier visit (or a closed tab): offer it.
  trailPending = storedTrail();
  if (trailPending) showRecovery('storedTrail');
}

main();
