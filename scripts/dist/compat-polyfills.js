// Run first in the compatibility file's page bundle (scripts/dist.mjs): the DOM methods newer
// than its target (Chromium 78, scripts/dist/compat-target.mjs) that www/ uses throughout, filled
// in where missing. Plain ES5, no effect on a browser that has them.
// - Element/DocumentFragment/Document.prototype.replaceChildren (Chromium 86): remove the
//   children, then append the arguments (nodes, or strings as text) — `append` is Chromium 54.
(function () {
  'use strict';
  function replaceChildren() {
    while (this.lastChild) this.removeChild(this.lastChild);
    this.append.apply(this, arguments);
  }
  var owners = [Element, DocumentFragment, Document];
  for (var i = 0; i < owners.length; i++) {
    var proto = owners[i].prototype;
    if (typeof proto.replaceChildren !== 'function') {
      Object.defineProperty(proto, 'replaceChildren', { value: replaceChildren, writable: true, configurable: true });
    }
  }
})();
