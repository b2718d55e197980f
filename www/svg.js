// Drawing helpers shared by the page's sections: SVG elements, and the class × class table
// (a migration or the change between two runs) with its cells shaded by count. No labels of
// the core here: callers pass the terms from `vocabulary()`.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * An SVG element with attributes (null and undefined left out) and children (strings become
 * text; null, undefined and '' are skipped).
 * @param {string} tag
 * @param {Record<string, any>} [attrs]
 * @param {...any} children
 * @returns {SVGElement}
 */
export function svg(tag, attrs = {}, ...children) {
  const node = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, tag));
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) node.setAttribute(k, String(v));
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === '') continue;
    node.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return node;
}

/**
 * A class × class table: rows the classes before, columns the classes after, by class code
 * (0 unclassified, 1–4 A–D); each cell shaded by its share of the largest off-diagonal count
 * (`--heat`), the diagonal marked.
 * @param {(tag: string, attrs?: object, ...children: any[]) => HTMLElement} el
 * @param {{ id: string, corner: string, labels: string[], matrix: number[][], fmt: (n: number) => string }} o
 */
export function classMatrix(el, o) {
  const off = o.matrix.flatMap((row, i) => row.filter((_, j) => i !== j));
  const max = Math.max(1, ...off);
  const cell = (n, i, j) => {
    const td = el('td', { class: `num heat${i === j ? ' diag' : ''}`, 'data-from': i, 'data-to': j, text: o.fmt(n) });
    if (i !== j) td.style.setProperty('--heat', String(n / max));
    return td;
  };
  return el('div', { class: 'table-wrap matrix-wrap' },
    el('table', { class: 'data compact matrix', id: o.id },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: o.corner }), o.labels.map((l) => el('th', { scope: 'col', class: 'right', text: l })))),
      el('tbody', {}, o.matrix.map((row, i) => el('tr', {}, el('th', { scope: 'row', text: o.labels[i] }), row.map((n, j) => cell(n, i, j)))))));
}
