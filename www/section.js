// What every section module of the page (www/charts.js, www/worklists.js, www/policy.js,
// www/model.js) starts with: the page's element builder with nested children flattened, a
// query, the section's own words in the current language, and whether that is Chinese.

/**
 * @param {{ el: (tag: string, attrs?: object, ...children: any[]) => HTMLElement, lang: () => string }} ctx
 * @param {Record<string, Record<string, any>>} words the section's words by language (`zh` the fallback)
 */
export function sectionKit(ctx, words) {
  /** @type {(tag: string, attrs?: object, ...children: any[]) => HTMLElement} */
  const el = (tag, attrs = {}, ...children) => ctx.el(tag, attrs, ...children.flat(Infinity));
  /** @param {string} sel @returns {any} */
  const $ = (sel) => document.querySelector(sel);
  /** The word for `key` (a function is called with `args`). @param {string} key @param {...any} args */
  function w(key, ...args) {
    const v = words[ctx.lang()]?.[key] ?? words.zh[key] ?? key;
    return typeof v === 'function' ? v(...args) : v;
  }
  const zh = () => ctx.lang() === 'zh';
  return { el, $, w, zh };
}
