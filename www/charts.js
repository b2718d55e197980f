// Charts of the whole district (issue 14), where people look rather than read: the score
// histogram by class with the cut-offs over it; the class shares by region and by industry
// section; the change between the last two runs (before and now by class, and who moved where).
//
// Every number is the core's, computed in the worker (`charts`: `scoreHistogram`,
// `regionShares`, `lastChange`); class, region and industry names come from `vocabulary()` and
// the core's rows. This file holds only the page's own words and the drawing (SVG by hand, no
// library). Used by www/app.js through `createCharts(ctx)`.

import { sectionKit } from './section.js';
import { classMatrix, svg } from './svg.js';

const WORDS = {
  zh: {
    title: '图表：分布、地区与行业、变化',
    hint: '全辖区的分类情况：评分分布与分数线、各地区和各行业的分类占比、与上次评分相比的变化。数字均由引擎计算。',
    histTitle: '评分分布（按分类着色，虚线为分数线）',
    histAria: (n, w) => `评分分布：${n} 户已分类企业，每组 ${w} 分`,
    binWidth: '每组分值',
    score: '评分',
    enterprises: '企业数',
    cutoff: (c, v) => `${c} 类 ≥ ${v}`,
    sharesTitle: '分类占比',
    byRegion: '按地区',
    byIndustry: '按行业',
    sharesAria: (by) => `各${by === 'regions' ? '地区' : '行业'}的 A、B、C、D 类占比`,
    sharesTotal: '户数',
    sharesUnclassified: (n) => `未分类 ${n}`,
    sharesMore: (n) => `另有 ${n} 项（按户数排序，见导出文件）`,
    sharesData: '数据表',
    sharesCsv: '导出占比 CSV',
    sharesXlsx: '导出占比 Excel',
    sharesFile: (asOf, ext) => `分类占比_${asOf}.${ext}`,
    changeTitle: '与上次评分相比',
    changeNone: '再次评分（修改政策或基准日后“应用并重新评分”）后，这里显示各类户数的变化和企业在各类之间的流动。',
    changeLine: (n, a, b) => `${n} 户分类变化：${a} → ${b}`,
    changeAria: '上次与本次各类户数',
    before: '上次',
    now: '本次',
    from: '上次 \\ 本次',
    loading: '正在计算…',
  },
  en: {
    title: 'Charts: distribution, regions and industries, change',
    hint: 'The district at a glance: the scores with the cut-offs, the class shares by region and by industry, and the change against the run before. Every figure is the engine’s.',
    histTitle: 'Scores (coloured by class; dashed lines: the cut-offs)',
    histAria: (n, w) => `Scores of ${n} classified enterprises in bins of ${w} points`,
    binWidth: 'Points per bin',
    score: 'Score',
    enterprises: 'Enterprises',
    cutoff: (c, v) => `${c} ≥ ${v}`,
    sharesTitle: 'Class shares',
    byRegion: 'By region',
    byIndustry: 'By industry section',
    sharesAria: (by) => `Shares of classes A, B, C and D by ${by === 'regions' ? 'region' : 'industry section'}`,
    sharesTotal: 'Enterprises',
    sharesUnclassified: (n) => `${n} not classified`,
    sharesMore: (n) => `${n} more (by size; all in the export)`,
    sharesData: 'The numbers as a table',
    sharesCsv: 'Shares as CSV',
    sharesXlsx: 'Shares as Excel',
    sharesFile: (asOf, ext) => `class-shares_${asOf}.${ext}`,
    changeTitle: 'Against the run before',
    changeNone: 'Score again (change the policy or the as-of date, then “Apply and rescore”) to see how the classes changed and who moved where.',
    changeLine: (n, a, b) => `${n} enterprises changed class: ${a} → ${b}`,
    changeAria: 'Enterprises by class, before and now',
    before: 'before',
    now: 'now',
    from: 'before \\ now',
    loading: 'Computing…',
  },
};

/** Bins of the histogram, in points. */
const WIDTHS = [1, 2, 5, 10];
/** Regions or industries drawn (the largest first); the export has them all. */
const SHARE_ROWS = 20;
const CLASS_COLOURS = ['var(--A)', 'var(--B)', 'var(--C)', 'var(--D)'];

/**
 * What the page gives the charts.
 * @typedef {object} ChartsContext
 * @property {(tag: string, attrs?: object, ...children: any[]) => HTMLElement} el
 * @property {(n: number) => string} fmtInt
 * @property {(part: number, whole: number) => string} fmtPct
 * @property {() => string} lang `zh` or `en`
 * @property {import('./client.js').Client} client
 * @property {() => import('./client.js').Vocabulary | null} vocabulary
 * @property {(get: () => Promise<Uint8Array>, name: string, type?: string) => Promise<void>} download
 * @property {(err: any) => string} errorText
 */

/**
 * The charts section.
 * @param {ChartsContext} ctx
 */
export function createCharts(ctx) {
  const { el, $, w, zh } = sectionKit(ctx, WORDS);
  const { client, fmtInt } = ctx;

  const st = {
    /** @type {import('./client.js').Charts | null} */
    data: null,
    width: 5,
    /** @type {'regions' | 'industries'} */
    by: 'regions',
    error: '',
    /** Counts the runs drawn, so a late answer of an older run is dropped. */
    run: 0,
  };

  const classes = () => ctx.vocabulary()?.classes ?? [];
  const letter = (code) => classes().find((c) => c.code === code)?.letter ?? '–';

  // -------------------------------------------------------------------------------------------
  // Score histogram
  // -------------------------------------------------------------------------------------------

  function histogram(h) {
    const W = 700, H = 260, L = 56, R = 12, T = 22, B = 40;
    const span = h.max - h.min || 1;
    const x = (v) => L + ((v - h.min) / span) * (W - L - R);
    const top = Math.max(1, ...h.bins.map((b) => b.counts.reduce((a, n) => a + n, 0)));
    const y = (v) => H - B - (v / top) * (H - T - B);
    const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(f * top));
    const bars = h.bins.map((b, i) => {
      let base = 0;
      const total = b.counts.reduce((a, n) => a + n, 0);
      const x0 = x(b.from) + 0.5, x1 = x(b.to) - 0.5;
      return svg('g', { class: 'hist-bin', 'data-bin': i, 'data-count': total },
        svg('title', {}, `${b.from}–${b.to}: ${fmtInt(total)}`),
        b.counts.map((n, c) => {
          if (!n) return null;
          const r = svg('rect', { x: x0, width: Math.max(0.5, x1 - x0), y: y(base + n), height: y(base) - y(base + n), fill: CLASS_COLOURS[c] });
          base += n;
          return r;
        }));
    });
    const cut = h.cutoffs.map((v, i) => (v > h.min && v <= h.max
      ? svg('g', { class: 'cutoff' },
        svg('line', { x1: x(v), x2: x(v), y1: T - 8, y2: H - B, class: 'cut' }),
        svg('text', { x: x(v) + 3, y: T - 10 + 8, class: 'tick' }, w('cutoff', letter(i + 1), v)))
      : null));
    const xTicks = [];
    const step = span / 10;
    for (let v = h.min; v <= h.max + 1e-9; v += step) xTicks.push(Number(v.toPrecision(6)));
    return svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart chart-wide', role: 'img', id: 'chart-histogram', 'aria-label': w('histAria', fmtInt(h.total), h.width) },
      svg('title', {}, w('histAria', fmtInt(h.total), h.width)),
      ticks.map((t) => [
        svg('line', { x1: L, x2: W - R, y1: y(t), y2: y(t), class: 'grid' }),
        svg('text', { x: L - 6, y: y(t) + 4, class: 'tick', 'text-anchor': 'end' }, fmtInt(t))]),
      xTicks.map((v) => svg('text', { x: x(v), y: H - B + 16, class: 'tick', 'text-anchor': 'middle' }, String(v))),
      svg('line', { x1: L, x2: W - R, y1: y(0), y2: y(0), class: 'axis' }),
      bars,
      cut,
      svg('text', { x: (L + W - R) / 2, y: H - 6, class: 'axis-label', 'text-anchor': 'middle' }, w('score')),
      svg('text', { x: 12, y: (T + H - B) / 2, class: 'axis-label', 'text-anchor': 'middle', transform: `rotate(-90 12 ${(T + H - B) / 2})` }, w('enterprises')));
  }

  function legend() {
    return el('p', { class: 'chart-legend small' }, classes().map((c) =>
      el('span', { class: 'legend-item' }, el('span', { class: `swatch fill-${c.letter}` }), `${c.letter} ${zh() ? c.riskZh : c.riskEn}`)));
  }

  function histogramPart() {
    const h = st.data?.histogram;
    const select = /** @type {HTMLSelectElement} */ (el('select', { id: 'chart-bin-width', 'aria-label': w('binWidth') },
      WIDTHS.map((v) => el('option', { value: String(v), text: String(v), selected: v === st.width }))));
    select.addEventListener('change', () => {
      st.width = Number(select.value);
      load();
    });
    return el('figure', { class: 'chart-figure chart-figure-wide', id: 'chart-histogram-figure' },
      el('figcaption', {}, w('histTitle'), ' ', el('label', { class: 'inline small' }, w('binWidth'), ' ', select)),
      h ? histogram(h) : el('p', { class: 'muted', text: w('loading') }),
      legend());
  }

  // -------------------------------------------------------------------------------------------
  // Shares by region and industry
  // -------------------------------------------------------------------------------------------

  function shares(rows) {
    const shown = [...rows].sort((a, b) => b.total - a.total || a.key.localeCompare(b.key)).slice(0, SHARE_ROWS);
    const W = 700, L = 220, R = 70, ROW = 22, T = 6;
    // Characters of a name that fit left of the bars (CJK characters are twice as wide).
    const fit = zh() ? 16 : 32;
    const H = T + shown.length * ROW + 6;
    const x = (f) => L + f * (W - L - R);
    const name = (r) => (zh() ? r.zh : r.en) || r.key;
    return svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart chart-wide', role: 'img', id: 'chart-shares', 'aria-label': w('sharesAria', st.by), 'data-rows': shown.length },
      svg('title', {}, w('sharesAria', st.by)),
      shown.map((r, i) => {
        const yy = T + i * ROW;
        let at = 0;
        const label = name(r);
        return svg('g', { class: 'share-row', 'data-key': r.key, 'data-total': r.total },
          svg('text', { x: L - 8, y: yy + 15, class: 'axis-label', 'text-anchor': 'end' }, label.length > fit ? `${label.slice(0, fit - 1)}…` : label,
            svg('title', {}, label)),
          r.shares.map((s, c) => {
            const seg = svg('rect', { x: x(at), y: yy + 3, width: Math.max(0, x(at + s) - x(at)), height: ROW - 6, fill: CLASS_COLOURS[c] },
              svg('title', {}, `${label} · ${letter(c + 1)}: ${fmtInt(r.counts[c + 1])} (${ctx.fmtPct(r.counts[c + 1], r.total - r.counts[0])})`));
            at += s;
            return seg;
          }),
          svg('text', { x: W - R + 6, y: yy + 15, class: 'tick' }, fmtInt(r.total)));
      }));
  }

  /** The same numbers as a table, for reading and for screen readers. */
  function sharesTable(rows) {
    const name = (r) => (zh() ? r.zh : r.en) || r.key;
    const n = (v) => el('td', { class: 'num', text: fmtInt(v) });
    return el('details', { class: 'chart-data' },
      el('summary', { text: w('sharesData') }),
      el('div', { class: 'table-wrap' }, el('table', { class: 'data compact', id: 'chart-shares-table' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: st.by === 'regions' ? w('byRegion') : w('byIndustry') }),
          el('th', { scope: 'col', class: 'right', text: w('sharesTotal') }),
          [1, 2, 3, 4, 0].map((c) => el('th', { scope: 'col', class: 'right', text: letter(c) })))),
        el('tbody', {}, rows.map((r) => el('tr', { 'data-key': r.key }, el('th', { scope: 'row', text: name(r) }), n(r.total),
          [1, 2, 3, 4, 0].map((c) => n(r.counts[c]))))))));
  }

  function sharesPart() {
    const data = st.data?.shares;
    const rows = data ? data[st.by] : [];
    const pick = (by, text) => {
      const b = el('button', { type: 'button', class: 'seg', 'aria-pressed': st.by === by ? 'true' : 'false', id: `chart-by-${by}`, text });
      b.addEventListener('click', () => {
        st.by = by;
        render();
      });
      return b;
    };
    const file = (xlsx) => {
      const b = el('button', { type: 'button', id: xlsx ? 'btn-shares-xlsx' : 'btn-shares-csv', text: w(xlsx ? 'sharesXlsx' : 'sharesCsv') });
      b.addEventListener('click', () => ctx.download(() => client.sharesFile(xlsx, zh() ? 'zh' : 'en'),
        w('sharesFile', st.data?.histogram.asOf ?? '', xlsx ? 'xlsx' : 'csv'),
        xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv;charset=utf-8'));
      return b;
    };
    return el('figure', { class: 'chart-figure chart-figure-wide', id: 'chart-shares-figure' },
      el('figcaption', {}, w('sharesTitle'), ' ', el('span', { class: 'segs', role: 'group' }, pick('regions', w('byRegion')), pick('industries', w('byIndustry')))),
      data ? shares(rows) : el('p', { class: 'muted', text: w('loading') }),
      rows.length > SHARE_ROWS ? el('p', { class: 'small muted', text: w('sharesMore', fmtInt(rows.length - SHARE_ROWS)) }) : null,
      data ? sharesTable(rows) : null,
      el('p', { class: 'actions' }, file(false), file(true)));
  }

  // -------------------------------------------------------------------------------------------
  // The change between the last two runs
  // -------------------------------------------------------------------------------------------

  function beforeNow(c) {
    // Class totals before (row sums) and now (column sums), by class code 0–4.
    const before = c.matrix.map((row) => row.reduce((a, n) => a + n, 0));
    const now = c.matrix[0].map((_, j) => c.matrix.reduce((a, row) => a + row[j], 0));
    const W = 700, H = 200, L = 56, R = 12, T = 12, B = 36;
    const top = Math.max(1, ...before, ...now);
    const groups = [1, 2, 3, 4, 0];
    const gw = (W - L - R) / groups.length;
    const y = (v) => H - B - (v / top) * (H - T - B);
    return svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart chart-wide', role: 'img', id: 'chart-change', 'aria-label': w('changeAria') },
      svg('title', {}, w('changeAria')),
      svg('line', { x1: L, x2: W - R, y1: y(0), y2: y(0), class: 'axis' }),
      groups.map((code, g) => {
        const x0 = L + g * gw + gw * 0.15, bw = gw * 0.33;
        const colour = code === 0 ? 'var(--none)' : CLASS_COLOURS[code - 1];
        return svg('g', { class: 'change-group', 'data-class': code, 'data-before': before[code], 'data-now': now[code] },
          svg('rect', { x: x0, width: bw, y: y(before[code]), height: y(0) - y(before[code]), fill: colour, 'fill-opacity': 0.4 },
            svg('title', {}, `${w('before')} ${fmtInt(before[code])}`)),
          svg('rect', { x: x0 + bw + 2, width: bw, y: y(now[code]), height: y(0) - y(now[code]), fill: colour },
            svg('title', {}, `${w('now')} ${fmtInt(now[code])}`)),
          svg('text', { x: x0 + bw, y: H - B + 16, class: 'axis-label', 'text-anchor': 'middle' }, letter(code)),
          svg('text', { x: x0 + bw / 2, y: y(before[code]) - 3, class: 'tick', 'text-anchor': 'middle' }, w('before')),
          svg('text', { x: x0 + bw * 1.5 + 2, y: y(now[code]) - 3, class: 'tick', 'text-anchor': 'middle' }, w('now')));
      }));
  }

  function changePart() {
    const c = st.data?.change ?? null;
    const run = (asOf, d) => `${asOf} · ${d.slice(0, 12)}`;
    return el('figure', { class: 'chart-figure chart-figure-wide', id: 'chart-change-figure', 'data-moved': c ? String(c.moved) : '' },
      el('figcaption', {}, w('changeTitle')),
      c
        ? [el('p', { class: 'small', id: 'chart-change-line', text: w('changeLine', fmtInt(c.moved), run(c.fromAsOf, c.fromPolicyDigest), run(c.toAsOf, c.toPolicyDigest)) }),
          beforeNow(c),
          classMatrix(ctx.el, { id: 'chart-change-matrix', corner: w('from'), labels: [0, 1, 2, 3, 4].map(letter), matrix: c.matrix, fmt: fmtInt })]
        : el('p', { class: 'muted small', text: w('changeNone') }));
  }

  function render() {
    for (const node of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-charts-i18n]'))) {
      node.textContent = w(node.dataset.chartsI18n);
    }
    const box = $('#charts');
    if (!box) return;
    if (st.error) {
      box.replaceChildren(el('p', { class: 'error', role: 'alert', text: st.error }));
      return;
    }
    box.replaceChildren(histogramPart(), sharesPart(), changePart());
  }

  async function load() {
    const run = ++st.run;
    try {
      const data = await client.charts(st.width);
      if (run !== st.run) return;
      st.data = data;
      st.error = '';
    } catch (err) {
      if (run !== st.run) return;
      st.error = err.code === 'cancelled' ? '' : ctx.errorText(err);
    }
    render();
  }

  return {
    render,
    /** A run scored the records: the charts of that scoring. */
    scored() {
      st.data = null;
      $('#charts-card').hidden = false;
      render();
      return load();
    },
    clear() {
      st.run++;
      st.data = null;
      st.error = '';
      $('#charts-card').hidden = true;
    },
  };
}
