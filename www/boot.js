// The page's first script. A classic script in ES5 syntax, so that any browser runs it, even one
// that cannot run the rest of the page: it checks what the page needs, chooses the build of the
// core, and only then starts the page (www/app.js, an ES module) — or, where something is
// missing, says so in the page in Chinese and English instead of leaving it dead.
//
// What it checks:
// - WebAssembly, usable here: a tiny module is really compiled, so a browser whose WebAssembly
//   is switched off by policy, or blocked by the page's Content-Security-Policy (Chromium < 97
//   and Safari < 16 know no 'wasm-unsafe-eval'), is told so;
// - Web Workers (the core runs in one), Promise, TextDecoder and BigInt (the core's JS glue);
// - WebAssembly SIMD (WebAssembly.validate on a tiny SIMD module): where it is missing (an old
//   browser, a CPU without SSE4.1, SIMD switched off), the worker loads the build without SIMD
//   (pkg/baseline/, same results byte for byte, somewhat slower). `?simd=0` forces that build
//   (for tests and diagnosis).
//
// It publishes its findings as `window.creditSupervisionBoot` ({ ok, missing, simd, build });
// www/engine.js passes `build` to the worker. The single file (scripts/dist.mjs) inlines this
// script unchanged; there the page's bundle follows it in the file and runs only when `ok`.
(function () {
  'use strict';

  // (module (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt))
  var SIMD_PROBE = [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11];
  // (module (func (result i32) i32.const 42))
  var MVP_PROBE = [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 10, 6, 1, 4, 0, 65, 42, 11];

  var TEXTS = {
    webassembly: {
      zh: '此浏览器不能运行 WebAssembly（不支持，或被管理策略、安全设置关闭），本工具无法在此使用。',
      en: 'This browser cannot run WebAssembly (not supported, or switched off by a policy or a security setting), so this tool cannot work here.',
    },
    worker: {
      zh: '此浏览器不支持 Web Worker（后台计算线程），本工具无法在此使用。',
      en: 'This browser does not support Web Workers (background threads), so this tool cannot work here.',
    },
    javascript: {
      zh: '此浏览器版本过旧，不能运行本页面的脚本。',
      en: 'This browser is too old to run the scripts of this page.',
    },
    advice: {
      zh: '请改用较新的 Chrome、Edge、Firefox，或 360 安全浏览器等国产浏览器的“极速模式”（Chromium 内核 97 及以上）；如浏览器由单位统一管理，请联系信息部门。',
      en: 'Please use a recent Chrome, Edge or Firefox, or a Chromium-based browser such as 360 Secure Browser in its fast mode (极速模式, Chromium 97 or later); if your browser is managed by your organisation, ask its IT staff.',
    },
    title: { zh: '无法运行', en: 'Cannot run here' },
    simd: { zh: '计算模块：SIMD 版', en: 'Engine: SIMD build' },
    baseline: { zh: '计算模块：兼容版（无 SIMD，较慢）', en: 'Engine: compatibility build (no SIMD, slower)' },
  };

  function param(name) {
    var m = new RegExp('[?&]' + name + '=([^&#]*)').exec(window.location.search);
    return m ? decodeURIComponent(m[1]) : null;
  }

  function bytes(list) {
    return new Uint8Array(list);
  }

  /** Whether WebAssembly is there and a module really compiles on this page. */
  function wasmUsable() {
    try {
      if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function' ||
          typeof WebAssembly.validate !== 'function' || typeof WebAssembly.Module !== 'function') return false;
      new WebAssembly.Instance(new WebAssembly.Module(bytes(MVP_PROBE)));
      return true;
    } catch (e) {
      return false;
    }
  }

  function simdSupported() {
    try {
      return WebAssembly.validate(bytes(SIMD_PROBE));
    } catch (e) {
      return false;
    }
  }

  var missing = [];
  if (typeof Promise !== 'function' || typeof TextDecoder !== 'function' || typeof BigInt !== 'function' ||
      typeof Uint8Array !== 'function') missing.push('javascript');
  if (!wasmUsable()) missing.push('webassembly');
  if (typeof Worker !== 'function') missing.push('worker');
  var simd = missing.length === 0 && simdSupported();
  var forced = param('simd') === '0';
  var boot = {
    ok: missing.length === 0,
    missing: missing,
    simd: simd,
    build: simd && !forced ? 'simd' : 'baseline',
  };
  window.creditSupervisionBoot = boot;

  function lang() {
    return (document.documentElement.getAttribute('lang') || 'zh').indexOf('en') === 0 ? 'en' : 'zh';
  }

  /** The note naming the build, in the page's language (app.js switches <html lang>). */
  function renderNote() {
    var note = document.getElementById('engine-build');
    if (!note) return;
    note.setAttribute('data-build', boot.build);
    note.textContent = TEXTS[boot.build][lang()];
  }

  /** The message of an unsupported browser, in both languages (the page's switch is not running). */
  function showUnsupported(reasons) {
    var box = document.getElementById('unsupported');
    if (!box) return;
    box.setAttribute('data-missing', reasons.join(' '));
    while (box.firstChild) box.removeChild(box.firstChild);
    var langs = ['zh', 'en'];
    for (var i = 0; i < langs.length; i++) {
      var l = langs[i];
      var h = document.createElement('h2');
      h.setAttribute('lang', l === 'zh' ? 'zh-CN' : 'en');
      h.textContent = TEXTS.title[l];
      box.appendChild(h);
      for (var j = 0; j < reasons.length; j++) {
        var p = document.createElement('p');
        p.setAttribute('lang', l === 'zh' ? 'zh-CN' : 'en');
        p.textContent = TEXTS[reasons[j]][l];
        box.appendChild(p);
      }
      var a = document.createElement('p');
      a.setAttribute('lang', l === 'zh' ? 'zh-CN' : 'en');
      a.textContent = TEXTS.advice[l];
      box.appendChild(a);
    }
    box.hidden = false;
    box.removeAttribute('hidden');
    var status = document.getElementById('status');
    if (status) {
      status.setAttribute('data-state', 'unsupported');
      status.textContent = TEXTS.title.zh + ' / ' + TEXTS.title.en;
    }
  }

  function started() {
    if (!boot.ok) {
      showUnsupported(missing);
      return;
    }
    renderNote();
    if (typeof MutationObserver === 'function') {
      new MutationObserver(renderNote).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    }
    // The served page starts its module here; the single file carries the page's bundle after
    // this script (data-single-file), which checks `ok` itself.
    if (!document.documentElement.hasAttribute('data-single-file')) {
      var script = document.createElement('script');
      script.type = 'module';
      script.src = 'app.js';
      document.head.appendChild(script);
    }
  }

  // A script of the page that this browser cannot even parse (too old) fails before the page has
  // set its status: say so instead of leaving the page without an engine.
  window.addEventListener('error', function (event) {
    var status = document.getElementById('status');
    var state = status && status.getAttribute('data-state');
    if (boot.ok && status && (state === 'idle' || state === null) && event && event.error instanceof SyntaxError) {
      boot.ok = false;
      showUnsupported(['javascript']);
    }
  });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', started);
  else started();
})();
