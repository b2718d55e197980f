// The page side of loading the user's files: the load summary (per file and sheet: format,
// encoding, delimiter, kind, rows read / accepted / duplicates / rejected, unknown columns,
// rejected rows with a download), and the reading settings the user can adjust per file (kind,
// encoding, sheet) with a header mapping, kept in localStorage and saved / loaded as JSON.
//
// The documented columns and every label the core owns (encodings, delimiters, file-failure
// reasons) come from the core (`columns()` and `vocabulary()` through the worker); this file
// holds only the page's own words. Used by www/app.js through `createLoading(ctx)`.

const STORAGE_KEY = 'credit-supervision.load-settings';
const SETTINGS_FORMAT = 'credit-supervision/load-settings';
const ERRORS_SHOWN = 200; // rejected rows listed per file (the download has them all)

const WORDS = {
  zh: {
    file: '文件',
    sheet: '工作表',
    format: '格式',
    encoding: '编码',
    delimiter: '分隔符',
    kind: '类型',
    rowsRead: '读取行数',
    accepted: '接受',
    duplicates: '重复',
    rejected: '拒绝',
    balance: '核对',
    balanced: '读取 = 接受 + 重复 + 冲突 + 拒绝 + 跳过',
    unbalanced: '行数不平衡',
    unknownColumns: '未识别的列（已列出，未使用）',
    fileFailed: '无法载入此文件',
    hintUnknownKind: '请在下方「读取设置与表头映射」中选择类型、映射表头后按映射重新载入。',
    hintMissing: '请在下方把文件中的表头映射到这些列后按映射重新载入。',
    seeBelow: '（详见下方）',
    noSheet: '工作簿中没有可识别的表格',
    colon: '：',
    errLine: '行',
    errColumn: '列',
    errValue: '值',
    errReason: '原因',
    moreErrors: (n) => `另有 ${n} 条被拒绝的行未列出，请下载查看。`,
    downloadRejected: '下载被拒绝的行',
    downloadRejectedXlsx: '下载被拒绝的行 XLSX',
    settingsTitle: '读取设置与表头映射',
    settingsHint: '表头与系统列名不一致时，可把文件中的每个表头对应到一类记录的标准列；设置保存在本浏览器中，也可保存为 JSON 文件下次载入。',
    kindLabel: '记录类型',
    encodingLabel: '编码',
    sheetLabel: '工作表',
    auto: '自动识别',
    autoAs: (k) => `自动识别（${k}）`,
    allSheets: '全部工作表',
    headerInFile: '文件中的表头',
    mapsTo: '对应的列',
    asDetected: '自动识别',
    notUsed: '不使用此列',
    unrecognised: '未识别',
    chooseKindFirst: '请先选择记录类型，再映射表头。',
    headersUnknown: '页面无法读出此文件的表头；可调整类型、编码或工作表后重新载入。',
    btnReload: '按映射重新载入',
    btnSave: '保存映射（JSON）',
    btnLoadSettings: '载入映射文件…',
    btnClear: '清除映射',
    settingsCount: (n, f) => `当前映射 ${n} 项，文件设置 ${f} 项`,
    settingsLoaded: (n) => `已载入映射文件（${n} 项映射）。`,
    settingsBad: (m) => `无法读取映射文件：${m}`,
    settingsFile: '表头映射.json',
    progress: (done, size, rows) => ` · ${done} / ${size}${rows === undefined ? '' : ` · ${rows} 行`}`,
  },
  en: {
    file: 'File',
    sheet: 'Sheet',
    format: 'Format',
    encoding: 'Encoding',
    delimiter: 'Delimiter',
    kind: 'Kind',
    rowsRead: 'rows read',
    accepted: 'accepted',
    duplicates: 'duplicates',
    rejected: 'rejected',
    balance: 'check',
    balanced: 'read = accepted + duplicates + conflicts + rejected + skipped',
    unbalanced: 'rows do not balance',
    unknownColumns: 'Unknown columns (listed, not used)',
    fileFailed: 'This file cannot be loaded',
    hintUnknownKind: 'Choose the kind and map the headers under “Reading settings and header mapping” below, then reload with the mapping.',
    hintMissing: "Map the file's headers to these columns below, then reload with the mapping.",
    seeBelow: ' (see below)',
    noSheet: 'no sheet of the workbook holds a table of a known kind',
    colon: ': ',
    errLine: 'line',
    errColumn: 'column',
    errValue: 'value',
    errReason: 'reason',
    moreErrors: (n) => `${n} more rejected rows not listed; download them.`,
    downloadRejected: 'Download rejected rows',
    downloadRejectedXlsx: 'Download rejected rows XLSX',
    settingsTitle: 'Reading settings and header mapping',
    settingsHint: "When a file's headers differ from the documented names, map each header to a documented column of a record kind; the settings are kept in this browser and can be saved as a JSON file to load next time.",
    kindLabel: 'Record kind',
    encodingLabel: 'Encoding',
    sheetLabel: 'Sheet',
    auto: 'detect',
    autoAs: (k) => `detect (${k})`,
    allSheets: 'every sheet',
    headerInFile: 'Header in the file',
    mapsTo: 'Column',
    asDetected: 'as detected',
    notUsed: 'do not use',
    unrecognised: 'not recognised',
    chooseKindFirst: 'Choose the record kind first, then map the headers.',
    headersUnknown: "The page cannot read this file's headers; adjust the kind, encoding or sheet and reload.",
    btnReload: 'Reload with mapping',
    btnSave: 'Save mapping (JSON)',
    btnLoadSettings: 'Load a mapping file…',
    btnClear: 'Clear mapping',
    settingsCount: (n, f) => `${n} header mappings, ${f} file settings`,
    settingsLoaded: (n) => `Mapping file loaded (${n} header mappings).`,
    settingsBad: (m) => `The mapping file cannot be read: ${m}`,
    settingsFile: 'header-mapping.json',
    progress: (done, size, rows) => ` · ${done} / ${size}${rows === undefined ? '' : ` · ${rows} rows`}`,
  },
};

/** Empty settings: header mappings per record kind, and reading settings per file name. */
const emptySettings = () => ({ kinds: {}, files: {} });

/** Checks a settings object (from localStorage or a file) and returns a clean copy; throws. */
export function parseSettings(obj) {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new Error('not a JSON object');
  if (obj.format !== undefined && obj.format !== SETTINGS_FORMAT) throw new Error(`format is not ${SETTINGS_FORMAT}`);
  const out = emptySettings();
  const str = (v) => (typeof v === 'string' ? v : '');
  for (const [kind, map] of Object.entries(obj.kinds ?? {})) {
    if (!map || typeof map !== 'object') throw new Error(`kinds.${kind} is not an object`);
    out.kinds[kind] = {};
    for (const [h, key] of Object.entries(map)) {
      if (typeof key !== 'string') throw new Error(`kinds.${kind}.${h} is not a string`);
      out.kinds[kind][h] = key;
    }
  }
  for (const [name, f] of Object.entries(obj.files ?? {})) {
    if (!f || typeof f !== 'object') throw new Error(`files.${name} is not an object`);
    out.files[name] = { kind: str(f.kind), encoding: str(f.encoding), sheet: str(f.sheet) };
  }
  return out;
}

function loadStored() {
  try {
    const text = globalThis.localStorage?.getItem(STORAGE_KEY);
    return text ? parseSettings(JSON.parse(text)) : emptySettings();
  } catch {
    return emptySettings();
  }
}

const baseName = (name) => name.replace(/\.[^./\\]+$/, '');
const safePart = (s) => String(s).replace(/[\\/:*?"<>|]+/g, '_');

/** The name of the rejected-rows download of a report: `原文件名-rejected.csv` (sheet added; `.xlsx` for the workbook). */
export function rejectedFileName(entry, ext = 'csv') {
  const base = safePart(baseName(entry.file));
  return entry.sheet ? `${base}-${safePart(entry.sheet)}-rejected.${ext}` : `${base}-rejected.${ext}`;
}

/**
 * ctx: { el, fmtInt, lang: () => 'zh'|'en', kinds: () => columns() of the core,
 *        vocabulary: () => vocabulary() of the core, client (www/client.js),
 *        reload: () => void, rerender: () => void }
 */
export function createLoading(ctx) {
  const { el } = ctx;
  let settings = loadStored();
  let notice = null; // { text, error } shown under the settings buttons
  const opened = new Map(); // file (and sheet) → whether the user opened or closed its panel

  const w = (key, ...args) => {
    const v = WORDS[ctx.lang()]?.[key] ?? WORDS.zh[key] ?? key;
    return typeof v === 'function' ? v(...args) : v;
  };
  const kinds = () => ctx.kinds() ?? [];
  const vocab = () => ctx.vocabulary();
  /** A core term in the page's language. */
  const word = (term) => (term ? (ctx.lang() === 'zh' ? term.zh : term.en) : '');
  const kindInfo = (code) => kinds().find((k) => k.kind === code);
  const kindName = (code) => {
    const k = kindInfo(code);
    return k ? (ctx.lang() === 'zh' ? k.kindZh : k.kind) : code || '';
  };

  function store() {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify({ format: SETTINGS_FORMAT, version: 1, ...settings }));
    } catch {
      // Storage full or disabled: the settings still hold for this page.
    }
  }

  const fileSettings = (name) => settings.files[name] ?? { kind: '', encoding: '', sheet: '' };
  function setFileSetting(name, field, value) {
    const f = { ...fileSettings(name), [field]: value };
    if (!f.kind && !f.encoding && !f.sheet) delete settings.files[name];
    else settings.files[name] = f;
    store();
  }
  function setMapping(kind, header, key) {
    const m = { ...(settings.kinds[kind] ?? {}) };
    if (key) m[header] = key;
    else delete m[header];
    if (Object.keys(m).length) settings.kinds[kind] = m;
    else delete settings.kinds[kind];
    store();
  }
  const mappingCount = () => Object.values(settings.kinds).reduce((s, m) => s + Object.keys(m).length, 0);

  /**
   * The LoadOptions for a file: its own kind / encoding / sheet, and the header mapping of its
   * kind (when the kind is not set: every kind's mappings, so that a renamed export of next
   * month is still recognised).
   */
  function optionsFor(name) {
    const f = fileSettings(name);
    /** @type {Record<string, string>} */
    let mapping = {};
    if (f.kind) mapping = { ...(settings.kinds[f.kind] ?? {}) };
    else for (const m of Object.values(settings.kinds)) mapping = { ...m, ...mapping };
    return {
      kind: f.kind || undefined,
      encoding: f.encoding || undefined,
      sheet: f.sheet || undefined,
      mapping,
    };
  }

  /** Bytes and rows of a load progress message, for the progress line. */
  function progressText(p) {
    if (p?.bytes === undefined || p?.size === undefined) return '';
    return w('progress', fmtBytes(p.bytes), fmtBytes(p.size), p.rows === undefined ? undefined : ctx.fmtInt(p.rows));
  }
  function fmtBytes(n) {
    const units = ['B', 'KB', 'MB', 'GB'];
    let i = 0;
    let x = Number(n) || 0;
    while (x >= 1024 && i < units.length - 1) {
      x /= 1024;
      i++;
    }
    return `${i === 0 ? x : x.toFixed(1)} ${units[i]}`;
  }

  // -------------------------------------------------------------------------------------------
  // The summary
  // -------------------------------------------------------------------------------------------

  function render(box, load) {
    const fromUser = (load.files ?? []).some((f) => f.size !== undefined);
    // The demo's generated files are reports 0–7 in load order.
    const files = (load.files ?? []).map((f, i) => (fromUser || f.reportIndex !== undefined ? f : { ...f, reportIndex: i }));
    box.replaceChildren(
      summaryTable(files),
      ...files.filter((f) => f.failed || f.errors?.length || f.unknownColumns?.length).map(problems),
      ...files.filter((f) => f.warnings?.length || f.skippedRows?.length || f.conflictRows?.length).map(notes),
    );
    if (fromUser) box.append(settingsSection(files));
  }

  function summaryTable(files) {
    const th = (key, cls) => el('th', { class: cls, text: w(key) });
    return el('table', { class: 'data compact load-files' },
      el('thead', {}, el('tr', {},
        th('file'), th('sheet'), th('format'), th('encoding'), th('delimiter'), th('kind'),
        th('rowsRead', 'right'), th('accepted', 'right'), th('duplicates', 'right'), th('rejected', 'right'), th('balance'))),
      el('tbody', {}, files.map((f) => {
        const attrs = { 'data-file': f.file, 'data-sheet': f.sheet ?? null };
        if (f.failed) {
          return el('tr', { ...attrs, class: 'failed' },
            el('td', { class: 'file', text: f.file }),
            el('td', { class: 'sheet', text: f.sheet ?? '–' }),
            el('td', { class: 'format', text: (f.format ?? '').toUpperCase() }),
            el('td', { colspan: 8, class: 'error', text: `${w('fileFailed')}：${shortFailure(f)}${w('seeBelow')}` }));
        }
        const balanced = f.rowsRead === f.accepted + (f.duplicates ?? 0) + (f.conflicts ?? 0) + f.rejected + (f.skipped ?? 0);
        return el('tr', attrs,
          el('td', { class: 'file', text: f.file }),
          el('td', { class: 'sheet', text: f.sheet ?? '–' }),
          el('td', { class: 'format', text: (f.format ?? 'csv').toUpperCase() }),
          // The encoding decision, with the core's reason for it as the cell's tooltip.
          el('td', {
            class: 'encoding',
            'data-encoding': f.encoding ?? '',
            title: (ctx.lang() === 'zh' ? f.encodingReasonZh : f.encodingReason) ?? '',
            text: f.encoding ? f.encoding.toUpperCase() : '–',
          }),
          el('td', { class: 'delimiter', 'data-delimiter': f.delimiter ?? '', text: delimiterText(f.delimiter) }),
          el('td', { class: 'kind', 'data-kind': f.kind, text: ctx.lang() === 'zh' ? f.kindZh || f.kind : f.kind }),
          el('td', { class: 'num rows-read', text: ctx.fmtInt(f.rowsRead) }),
          el('td', { class: 'num accepted', text: ctx.fmtInt(f.accepted) }),
          el('td', { class: 'num duplicates', text: ctx.fmtInt(f.duplicates ?? 0) }),
          el('td', { class: `num rejected${f.rejected ? ' has-errors' : ''}`, text: ctx.fmtInt(f.rejected) }),
          el('td', {
            class: `balance ${balanced ? 'ok' : 'bad'}`,
            'data-balanced': String(balanced),
            title: w(balanced ? 'balanced' : 'unbalanced'),
            text: balanced ? '✓' : `✗ ${w('unbalanced')}`,
          }));
      })));
  }

  function delimiterText(d) {
    if (!d) return '–';
    const name = word(vocab()?.delimiters.find((x) => x.code === d));
    return name ? `${name}（${d === '\t' ? '\\t' : d}）` : d;
  }

  const encodingName = (code) => word(vocab()?.encodings.find((e) => e.code === code)) || code.toUpperCase();

  /** A file-level error in a few words, for the summary table: the core's term for its reason. */
  function shortFailure(f) {
    const err = f.failed;
    if (err.code === 'no_sheet') return w('noSheet');
    const term = word(vocab()?.fileFailures.find((r) => r.code === err.reason));
    if (!term) return (ctx.lang() === 'zh' && err.messageZh) || err.message;
    return err.reason === 'missing_columns' && err.column ? `${term}${w('colon')}${err.column}` : term;
  }

  /** A file-level error: the core's message in the page's language, and what to do here. */
  function failureText(f) {
    const err = f.failed;
    if (err.code === 'no_sheet') return w('noSheet');
    // A failure the worker found itself (too_large) has no message: the core's term for it.
    const core = (ctx.lang() === 'zh' && err.messageZh) || err.message || shortFailure(f);
    const hint = { unknown_kind: 'hintUnknownKind', missing_columns: 'hintMissing' }[err.reason];
    return hint ? `${core} ${w(hint)}` : core;
  }

  function problems(f) {
    const errors = f.errors ?? [];
    const shown = errors.slice(0, ERRORS_SHOWN);
    const zh = ctx.lang() === 'zh';
    return el('div', { class: 'file-errors', 'data-file': f.file, 'data-sheet': f.sheet ?? null },
      el('div', { class: 'file-errors-head' },
        el('h3', {}, f.file, f.sheet ? el('span', { class: 'muted' }, ` · ${f.sheet}`) : null),
        f.rejected > 0 && f.reportIndex !== undefined
          ? el('button', {
              type: 'button',
              class: 'download-rejected',
              'data-index': f.reportIndex,
              text: w('downloadRejected'),
              onclick: () => downloadRejected(f),
            })
          : null,
        f.rejected > 0 && f.reportIndex !== undefined
          ? el('button', {
              type: 'button',
              class: 'download-rejected-xlsx',
              'data-index': f.reportIndex,
              text: w('downloadRejectedXlsx'),
              onclick: () => downloadRejected(f, true),
            })
          : null),
      f.failed ? el('p', { class: 'error file-failed', text: failureText(f) }) : null,
      f.unknownColumns?.length
        ? el('p', { class: 'muted unknown-columns' }, `${w('unknownColumns')}：${f.unknownColumns.join(zh ? '、' : ', ')}`)
        : null,
      shown.length
        ? el('table', { class: 'data compact errors' },
            el('thead', {}, el('tr', {},
              el('th', { class: 'right', text: w('errLine') }),
              el('th', { text: w('errColumn') }),
              el('th', { text: w('errValue') }),
              el('th', { text: w('errReason') }))),
            el('tbody', {}, shown.map((e) =>
              el('tr', { 'data-line': e.line, 'data-reason': e.reason },
                el('td', { class: 'num line', text: e.line }),
                el('td', { class: 'column', text: e.column ?? '' }),
                el('td', { class: 'value mono', text: e.value ?? '' }),
                el('td', { class: 'message', text: zh ? e.messageZh || e.message : e.message })))))
        : null,
      errors.length > shown.length ? el('p', { class: 'muted', text: w('moreErrors', ctx.fmtInt(errors.length - shown.length)) }) : null);
  }

  /** The core's words for a load note (warning and skip reasons, headings): `vocabulary().loadNotes`. */
  const note = (code) => word(vocab()?.loadNotes?.find((n) => n.code === code)) || code;

  /**
   * What loaded with a remark, apart from the rejections: warnings per column (the rows are
   * accepted), rows skipped with their text, and the repeats in conflict, both lines shown. Every word
   * from the core.
   */
  function notes(f) {
    const zh = ctx.lang() === 'zh';
    const warnings = f.warnings ?? [];
    const skipped = f.skippedRows ?? [];
    const conflicts = f.conflictRows ?? [];
    const where = (l) => `${l.file}${l.sheet ? ` · ${l.sheet}` : ''} #${l.line}`;
    return el('div', { class: 'file-notes', 'data-file': f.file, 'data-sheet': f.sheet ?? null },
      el('h3', {}, f.file, f.sheet ? el('span', { class: 'muted' }, ` · ${f.sheet}`) : null),
      warnings.length
        ? el('div', { class: 'load-warnings' },
            el('h4', { text: `${note('warnings')} (${ctx.fmtInt(f.warned ?? 0)})` }),
            el('table', { class: 'data compact warnings' },
              el('tbody', {}, warnings.map((x) =>
                el('tr', { 'data-key': x.key, 'data-reason': x.reason },
                  el('td', { class: 'column', text: x.column }),
                  el('td', { class: 'reason', text: note(x.reason) }),
                  el('td', { class: 'num count', text: ctx.fmtInt(x.count) }),
                  el('td', { class: 'examples mono', text: x.examples.map((e) => `#${e.line} ${e.value}`).join(zh ? '；' : '; ') }),
                  el('td', { class: 'message', text: zh ? x.messageZh : x.message }))))))
        : null,
      skipped.length
        ? el('div', { class: 'load-skipped' },
            el('h4', { text: `${note('skipped')} (${ctx.fmtInt(f.skipped ?? skipped.length)})` }),
            el('table', { class: 'data compact skipped' },
              el('tbody', {}, skipped.map((k) =>
                el('tr', { 'data-line': k.line, 'data-reason': k.reason },
                  el('td', { class: 'num line', text: k.line }),
                  el('td', { class: 'reason', text: note(k.reason) }),
                  el('td', { class: 'text', text: k.text }))))))
        : null,
      conflicts.length
        ? el('div', { class: 'load-conflicts' },
            el('h4', { text: `${note('conflicts')} (${ctx.fmtInt(f.conflicts ?? conflicts.length)})` }),
            el('p', { class: 'muted conflict-rule', text: (zh ? f.conflictRuleZh : f.conflictRule) ?? '' }),
            el('table', { class: 'data compact conflicts' },
              el('tbody', {}, conflicts.flatMap((c) => [
                el('tr', { class: 'kept', 'data-uscc': c.uscc },
                  el('td', { class: 'mono', text: c.uscc }),
                  el('td', { text: note('kept') }),
                  el('td', { text: where(c.kept) }),
                  el('td', { text: [c.kept.name, c.kept.entityType, c.kept.status].join(' | ') })),
                el('tr', { class: 'repeat', 'data-uscc': c.uscc },
                  el('td', {}),
                  el('td', { text: note('repeat') }),
                  el('td', { text: where(c.repeat) }),
                  el('td', { text: [c.repeat.name, c.repeat.entityType, c.repeat.status].join(' | ') })),
              ]))))
        : null);
  }

  /** Downloads the rejected rows of a report, as CSV or (headers in the page's language) XLSX. */
  async function downloadRejected(f, xlsx = false) {
    try {
      const bytes = xlsx
        ? await ctx.client.rejectedXlsx(f.reportIndex, ctx.lang())
        : await ctx.client.rejectedCsv(f.reportIndex);
      const type = xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv;charset=utf-8';
      const url = URL.createObjectURL(new Blob([bytes], { type }));
      const a = el('a', { href: url, download: rejectedFileName(f, xlsx ? 'xlsx' : 'csv'), hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      notice = { text: err?.message ?? String(err), error: true };
      ctx.rerender();
    }
  }

  // -------------------------------------------------------------------------------------------
  // Reading settings and header mapping
  // -------------------------------------------------------------------------------------------

  function settingsSection(files) {
    // One panel per file and sheet; the kind / encoding / sheet settings are per file.
    const panels = files.map(filePanel);
    const picker = el('input', {
      type: 'file',
      id: 'mapping-file',
      class: 'visually-hidden',
      accept: '.json,application/json',
      onchange: (e) => readSettingsFile(e.target),
    });
    return el('section', { class: 'load-settings', 'aria-labelledby': 'h-load-settings' },
      el('h3', { id: 'h-load-settings', text: w('settingsTitle') }),
      el('p', { class: 'hint', text: w('settingsHint') }),
      ...panels,
      el('div', { class: 'settings-actions' },
        el('button', { type: 'button', id: 'btn-reload-mapping', class: 'primary', text: w('btnReload'), onclick: () => ctx.reload() }),
        el('button', { type: 'button', id: 'btn-save-mapping', text: w('btnSave'), onclick: saveSettingsFile }),
        picker,
        el('label', { for: 'mapping-file', class: 'button-like', text: w('btnLoadSettings') }),
        el('button', { type: 'button', id: 'btn-clear-mapping', class: 'link', text: w('btnClear'), onclick: () => {
          settings = emptySettings();
          store();
          notice = null;
          ctx.rerender();
        } }),
        el('span', { class: 'muted small', id: 'mapping-count', text: w('settingsCount', mappingCount(), Object.keys(settings.files).length) })),
      notice ? el('p', { class: notice.error ? 'error' : 'muted', id: 'mapping-notice', text: notice.text }) : null);
  }

  function filePanel(f) {
    const name = f.file;
    const own = fileSettings(name);
    const detected = f.failed ? '' : f.kind;
    const kind = own.kind || detected;
    const failure = f.failed?.reason ?? null;
    const needs = Boolean(failure === 'missing_columns' || failure === 'unknown_kind' || f.unknownColumns?.length);
    const headers = f.headers;
    const unknown = new Set(f.unknownColumns ?? []);
    const change = (field) => (e) => {
      setFileSetting(name, field, e.target.value);
      ctx.rerender();
    };

    const kindSelect = el('select', { class: 'kind', 'aria-label': `${w('kindLabel')} ${name}`, onchange: change('kind') },
      el('option', { value: '', text: detected ? w('autoAs', kindName(detected)) : w('auto') }),
      kinds().map((k) => el('option', { value: k.kind, selected: own.kind === k.kind, text: ctx.lang() === 'zh' ? k.kindZh : k.kind })));
    const isText = (f.format ?? 'csv') === 'csv';
    const encodingSelect = isText
      ? el('select', { class: 'encoding', 'aria-label': `${w('encodingLabel')} ${name}`, onchange: change('encoding') },
          el('option', { value: '', text: f.encoding ? w('autoAs', encodingName(f.encoding)) : w('auto') }),
          (vocab()?.encodings ?? []).map((e) => el('option', { value: e.code, selected: own.encoding === e.code, text: word(e) })))
      : null;
    const sheets = f.sheets ?? null;
    const sheetSelect = ['xlsx', 'xls', 'ods'].includes(f.format) && sheets?.length
      ? el('select', { class: 'sheet', 'aria-label': `${w('sheetLabel')} ${name}`, onchange: change('sheet') },
          el('option', { value: '', text: w('allSheets') }),
          sheets.map((s) => el('option', { value: s, selected: own.sheet === s, text: s })))
      : null;

    let mappingBox;
    if (!headers?.length) {
      mappingBox = el('p', { class: 'muted', text: w('headersUnknown') });
    } else if (!kind) {
      mappingBox = el('p', { class: 'hint choose-kind', text: w('chooseKindFirst') });
    } else {
      const cols = kindInfo(kind)?.columns ?? [];
      const map = settings.kinds[kind] ?? {};
      mappingBox = el('table', { class: 'data compact mapping' },
        el('thead', {}, el('tr', {}, el('th', { text: w('headerInFile') }), el('th', { text: w('mapsTo') }))),
        el('tbody', {}, headers.map((h) => {
          const current = map[h] ?? '';
          return el('tr', { 'data-header': h, class: !current && unknown.has(h) ? 'unrecognised' : null },
            el('td', { class: 'header' }, h, !current && unknown.has(h) ? el('span', { class: 'muted small' }, ` （${w('unrecognised')}）`) : null),
            el('td', {},
              el('select', {
                class: 'map-column',
                'data-header': h,
                'aria-label': `${w('mapsTo')}: ${h}`,
                onchange: (e) => {
                  setMapping(kind, h, e.target.value);
                  ctx.rerender();
                },
              },
              el('option', { value: '', text: w('asDetected') }),
              cols.map((c) => el('option', {
                value: c.key,
                selected: current === c.key,
                text: `${ctx.lang() === 'zh' ? c.zh : c.key}${c.required ? ' *' : ''}${ctx.lang() === 'zh' ? `（${c.key}）` : ` (${c.zh})`}`,
              })),
              el('option', { value: '-', selected: current === '-', text: w('notUsed') }))));
        })));
    }

    const panelKey = `${name}\u0000${f.sheet ?? ''}`;
    return el('details', {
      class: 'file-settings',
      'data-file': name,
      'data-sheet': f.sheet ?? null,
      open: opened.get(panelKey) ?? needs,
      ontoggle: (e) => opened.set(panelKey, e.target.open),
    },
      el('summary', {}, name, f.sheet ? ` · ${f.sheet}` : '', kind ? el('span', { class: 'muted' }, ` · ${kindName(kind)}`) : null),
      el('div', { class: 'field-row' },
        el('label', {}, w('kindLabel'), ' ', kindSelect),
        encodingSelect ? el('label', {}, w('encodingLabel'), ' ', encodingSelect) : null,
        sheetSelect ? el('label', {}, w('sheetLabel'), ' ', sheetSelect) : null),
      mappingBox);
  }

  function saveSettingsFile() {
    const text = JSON.stringify({ format: SETTINGS_FORMAT, version: 1, ...settings }, null, 2);
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = el('a', { href: url, download: w('settingsFile'), hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  async function readSettingsFile(input) {
    const file = input.files?.[0];
    if (!file) return;
    try {
      settings = parseSettings(JSON.parse(await file.text()));
      store();
      notice = { text: w('settingsLoaded', mappingCount()), error: false };
    } catch (err) {
      notice = { text: w('settingsBad', err?.message ?? String(err)), error: true };
    }
    input.value = '';
    ctx.rerender();
  }

  return { optionsFor, render, progressText };
}
