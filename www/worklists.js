// Work lists over the whole district (issue 14, docs/RULES.md §20): what a section chief hands
// out each week — the repairable records with their earliest date and unmet conditions, the
// abnormal-list duties, the commitments to verify, and the incentive and restricted rosters
// sent to other departments (联合激励、联合惩戒). A tab per list with its count, a filter by
// item with counts, a page of rows at a time, and the whole list as CSV or Excel; a row opens
// the enterprise's detail view.
//
// The lists, counts, rows, names of lists and items, column titles for dates and every text of
// a row are the core's (worker `workCounts`, `workList`, `workListFile`); this file holds only
// the page's own words and the layout. Used by www/app.js through `createWorkLists(ctx)`.

import { sectionKit } from './section.js';

const WORDS = {
  zh: {
    title: '工作清单',
    hint: '按本次评分统计全辖区：可申请信用修复的记录、异常名录待办事项、承诺核查、守信激励名单和失信惩戒名单（可导出后报送相关部门，用于联合激励、联合惩戒）。点击某一行查看该企业的详情。',
    counting: '正在统计工作清单…',
    entries: (n, e) => `${n} 条，涉及 ${e} 户企业`,
    eligible: (n) => `其中 ${n} 条现在即可申请`,
    item: '事项',
    allItems: (n) => `全部（${n}）`,
    uscc: '统一社会信用代码',
    name: '企业名称',
    region: '地区',
    cls: '分类',
    basis: '依据',
    detail: '说明',
    now: '现可办理',
    yes: '是',
    no: '否',
    rows: (a, b, n) => `第 ${a}–${b} 条，共 ${n} 条`,
    empty: '此清单为空。',
    prev: '上一页',
    next: '下一页',
    csv: '导出本清单 CSV',
    xlsx: '导出本清单 Excel',
    file: (list, asOf, ext) => `${list}_${asOf}.${ext}`,
    open: (name) => `查看 ${name} 的详情`,
  },
  en: {
    title: 'Work lists',
    hint: 'Counted over the whole district from this scoring: records that can be repaired, abnormal-list duties, commitments to verify, and the incentive and restricted rosters (export them for other departments’ joint incentives and punishment). Click a row to see that enterprise.',
    counting: 'Counting the work lists…',
    entries: (n, e) => `${n} entries, ${e} enterprises`,
    eligible: (n) => `${n} can be applied for now`,
    item: 'Item',
    allItems: (n) => `all (${n})`,
    uscc: 'USCC',
    name: 'Name',
    region: 'Region',
    cls: 'Class',
    basis: 'Basis',
    detail: 'Detail',
    now: 'Now',
    yes: 'yes',
    no: 'no',
    rows: (a, b, n) => `${a}–${b} of ${n}`,
    empty: 'This list is empty.',
    prev: 'Previous',
    next: 'Next',
    csv: 'This list as CSV',
    xlsx: 'This list as Excel',
    file: (list, asOf, ext) => `${list}_${asOf}.${ext}`,
    open: (name) => `Show ${name}`,
  },
};

/** Rows on one page of a list. */
const PAGE_ROWS = 25;

/**
 * What the page gives the work lists.
 * @typedef {object} WorkListsContext
 * @property {(tag: string, attrs?: object, ...children: any[]) => HTMLElement} el
 * @property {(n: number) => string} fmtInt
 * @property {() => string} lang `zh` or `en`
 * @property {import('./client.js').Client} client
 * @property {(c: any) => HTMLElement} classBadge
 * @property {(get: () => Promise<Uint8Array>, name: string, type?: string) => Promise<void>} download
 * @property {(s: string) => string} safeName
 * @property {(err: any) => string} errorText
 * @property {(uscc: string) => void} showDetail opens an enterprise in the detail view
 */

/**
 * The work lists section.
 * @param {WorkListsContext} ctx
 */
export function createWorkLists(ctx) {
  const { el, $, w, zh } = sectionKit(ctx, WORDS);
  const pick = (z, e) => (zh() ? z : e || z);
  const { client, fmtInt } = ctx;

  const st = {
    asOf: '',
    /** @type {import('./client.js').WorkCounts[] | null} */
    counts: null,
    /** @type {import('./client.js').WorkListKind | null} */
    kind: null,
    /** @type {string | null} */
    item: null,
    offset: 0,
    /** @type {import('./client.js').WorkPage | null} */
    page: null,
    error: '',
    /** Counts the requests, so that a late answer is dropped. */
    seq: 0,
  };

  function tabs() {
    const counts = st.counts ?? [];
    const list = el('div', { class: 'wl-tabs', role: 'tablist', 'aria-label': w('title') },
      counts.map((c) => {
        const on = c.kind === st.kind;
        const b = el('button', {
          type: 'button', role: 'tab', id: `wl-tab-${c.kind}`, 'data-kind': c.kind, 'data-total': c.total,
          'aria-selected': on ? 'true' : 'false', 'aria-controls': 'wl-panel', tabindex: on ? '0' : '-1',
        }, pick(c.zh, c.en), ' ', el('span', { class: 'wl-count num', text: fmtInt(c.total) }));
        b.addEventListener('click', () => choose(c.kind, null));
        return b;
      }));
    // Arrow keys move between the tabs (the tab pattern of WAI-ARIA).
    list.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      const i = counts.findIndex((c) => c.kind === st.kind);
      const next = counts[(i + (e.key === 'ArrowRight' ? 1 : counts.length - 1)) % counts.length];
      if (!next) return;
      e.preventDefault();
      choose(next.kind, null).then(() => $(`#wl-tab-${next.kind}`)?.focus());
    });
    return list;
  }

  function table(page) {
    const roster = page.counts.kind === 'incentives' || page.counts.kind === 'restrictions';
    const withNow = page.rows.some((r) => r.eligibleNow !== null);
    const head = [w('uscc'), w('name'), w('region'), w('cls'), roster ? '' : w('item'), pick(page.dateZh, page.dateEn),
      pick(page.dueZh, page.dueEn), withNow ? w('now') : '', w('basis'), w('detail')];
    const keep = head.map((h) => h !== '');
    const row = (r) => {
      const cells = [
        el('td', { class: 'mono', text: r.uscc }),
        el('td', { class: 'name', title: r.name, text: r.name }),
        el('td', { class: 'region', title: r.region, text: r.region }),
        el('td', {}, ctx.classBadge(r.class)),
        el('td', { text: pick(r.itemZh, r.itemEn) }),
        el('td', { class: 'date', text: r.date }),
        el('td', { class: 'date', text: r.due ?? '–' }),
        el('td', { text: r.eligibleNow === null ? '–' : r.eligibleNow ? w('yes') : w('no') }),
        el('td', { class: 'small', text: pick(r.basis, r.basisEn) }),
        el('td', { class: 'small wl-detail', text: pick(r.detailZh, r.detailEn) }),
      ];
      if (roster) cells[9] = el('td', { class: 'small wl-detail', text: [pick(r.itemZh, r.itemEn), pick(r.detailZh, r.detailEn)].filter(Boolean).join(' · ') });
      return el('tr', { tabindex: '0', 'data-uscc': r.uscc, 'aria-label': w('open', r.name) }, cells.filter((_, i) => keep[i]));
    };
    const body = el('tbody', {}, page.rows.map(row));
    body.addEventListener('click', (e) => {
      const tr = /** @type {HTMLElement} */ (e.target).closest('tr[data-uscc]');
      if (tr) ctx.showDetail(/** @type {HTMLElement} */ (tr).dataset.uscc ?? '');
    });
    body.addEventListener('keydown', (e) => {
      const tr = /** @type {HTMLElement} */ (e.target).closest('tr[data-uscc]');
      if (!tr) return;
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        ctx.showDetail(/** @type {HTMLElement} */ (tr).dataset.uscc ?? '');
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        /** @type {HTMLElement | null} */ (e.key === 'ArrowDown' ? tr.nextElementSibling : tr.previousElementSibling)?.focus();
      }
    });
    return el('div', { class: 'table-wrap' },
      el('table', { class: 'data compact wl-table', id: 'wl-table', 'data-kind': page.counts.kind },
        el('thead', {}, el('tr', {}, head.filter((h) => h !== '').map((h) => el('th', { scope: 'col', text: h })))),
        body));
  }

  function panel() {
    const page = st.page;
    const c = st.counts?.find((x) => x.kind === st.kind);
    if (!c) return el('div', { id: 'wl-panel', role: 'tabpanel' });
    const select = /** @type {HTMLSelectElement} */ (el('select', { id: 'wl-item', 'aria-label': w('item') },
      el('option', { value: '', text: w('allItems', fmtInt(c.total)) }),
      c.items.map((i) => el('option', { value: i.code, text: zh() ? `${i.zh}（${fmtInt(i.count)}）` : `${i.en || i.zh} (${fmtInt(i.count)})`, selected: i.code === st.item }))));
    select.addEventListener('change', () => choose(c.kind, select.value || null));
    const matching = page?.matching ?? 0;
    const from = matching ? st.offset + 1 : 0;
    const to = Math.min(st.offset + PAGE_ROWS, matching);
    const pager = (which, disabled, offset) => {
      const b = el('button', { type: 'button', id: `wl-${which}`, text: w(which), disabled });
      b.addEventListener('click', () => show(offset));
      return b;
    };
    const file = (xlsx) => {
      const b = el('button', { type: 'button', id: xlsx ? 'btn-wl-xlsx' : 'btn-wl-csv', text: w(xlsx ? 'xlsx' : 'csv') });
      b.addEventListener('click', () => ctx.download(() => client.workListFile(c.kind, xlsx, zh() ? 'zh' : 'en'),
        w('file', ctx.safeName(pick(c.zh, c.en)), st.asOf, xlsx ? 'xlsx' : 'csv'),
        xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv;charset=utf-8'));
      return b;
    };
    return el('div', { id: 'wl-panel', role: 'tabpanel', 'aria-labelledby': `wl-tab-${c.kind}`, 'data-kind': c.kind },
      el('p', { id: 'wl-summary' }, w('entries', fmtInt(c.total), fmtInt(c.enterprises)),
        c.eligibleNow !== null ? `${zh() ? '；' : '; '}${w('eligible', fmtInt(c.eligibleNow))}` : ''),
      el('div', { class: 'controls' },
        c.items.length > 1 ? el('label', { class: 'inline' }, w('item'), ' ', select) : null,
        el('span', { class: 'actions' }, file(false), file(true))),
      page && page.rows.length ? table(page) : el('p', { class: 'muted', id: 'wl-empty', text: page ? w('empty') : '' }),
      matching > PAGE_ROWS
        ? el('div', { class: 'pager' },
          pager('prev', st.offset === 0, Math.max(0, st.offset - PAGE_ROWS)),
          el('span', { class: 'page-info', id: 'wl-rows', text: w('rows', fmtInt(from), fmtInt(to), fmtInt(matching)) }),
          pager('next', to >= matching, st.offset + PAGE_ROWS))
        : null);
  }

  function render() {
    for (const node of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-wl-i18n]'))) {
      node.textContent = w(node.dataset.wlI18n);
    }
    const box = $('#worklists');
    if (!box) return;
    if (st.error) {
      box.replaceChildren(el('p', { class: 'error', role: 'alert', text: st.error }));
    } else if (!st.counts) {
      box.replaceChildren(el('p', { class: 'muted', id: 'wl-counting', text: st.asOf ? w('counting') : '' }));
    } else {
      box.replaceChildren(tabs(), panel());
    }
  }

  /** Shows the page of the chosen list from `offset`. */
  async function show(offset) {
    if (!st.kind) return;
    const seq = ++st.seq;
    try {
      const page = await client.workList(st.kind, offset, PAGE_ROWS, st.item);
      if (seq !== st.seq) return;
      st.page = page;
      st.offset = offset;
      st.error = '';
    } catch (err) {
      if (seq !== st.seq) return;
      st.error = err.code === 'cancelled' ? '' : ctx.errorText(err);
    }
    render();
  }

  /** @param {import('./client.js').WorkListKind} kind @param {string | null} item */
  function choose(kind, item) {
    st.kind = kind;
    st.item = item;
    st.page = null;
    return show(0);
  }

  return {
    render,
    /** A run scored the records: the lists of that scoring (counted in the worker once). @param {string} asOf */
    async scored(asOf) {
      const seq = ++st.seq;
      st.asOf = asOf;
      st.counts = null;
      st.page = null;
      st.error = '';
      $('#worklists-card').hidden = false;
      render();
      try {
        const counts = await client.workCounts();
        if (seq !== st.seq) return;
        st.counts = counts;
        const kept = counts.find((c) => c.kind === st.kind);
        await choose(kept ? kept.kind : counts[0].kind, kept && st.item && kept.items.some((i) => i.code === st.item) ? st.item : null);
      } catch (err) {
        if (seq !== st.seq) return;
        st.error = err.code === 'cancelled' ? '' : ctx.errorText(err);
        render();
      }
    },
    clear() {
      st.seq++;
      st.counts = null;
      st.page = null;
      st.asOf = '';
      st.error = '';
      $('#worklists-card').hidden = true;
    },
  };
}
