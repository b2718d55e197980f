// The page's first script. A classic script in ES5 syntax, so that any browser runs it, even one
// that cannot run the rest of the page: it checks what the page needs, chooses the build of the
// core, and only then starts the page (www/app.js, an ES module) — or, where something is
// missing, says so in the page in Chinese and English instead of leaving it dead.
//
// What it checks:
// - WebAssembly, usable here: a tiny module is really compiled, so a browser whose WebAssembly
//   is switched off by policy, or blocked by the page's Content-Security-Policy (Chromium < 97
//   and Safari < 16 know no 'wasm-unsafe-eval'), is told so; where the CSP blocked it, the
//   message names the compatibility file (credit-supervision-compat.html, scripts/dist.mjs),
//   whose CSP allows WebAssembly the old way;
// - the WebAssembly the legacy build needs beyond that tiny module: mutable globals, sign
//   extension, non-trapping float-to-int and bulk memory (Chromium 75, Firefox 79; one tiny
//   module with all four is validated);
// - Web Workers (the core runs in one), Promise, TextDecoder and BigInt (the core's JS glue);
// - which build to load: the SIMD build (pkg/) needs WebAssembly SIMD and reference types
//   (wasm-bindgen's glue keeps JS values in an externref table there; Chromium 96, Firefox 89);
//   where either is missing (an old browser, a CPU without SSE4.1, SIMD switched off), the
//   worker loads the legacy build (pkg/baseline/, its own glue: no SIMD, no reference types, no
//   multi-value; same results byte for byte, somewhat slower). `?simd=0` forces that build (for
//   tests and diagnosis). Neither build needs i64 ↔ BigInt at the JS boundary (Chromium 85) on
//   the page's paths: the legacy .wasm imports two such conversions, which nothing the page
//   does calls (README; tests/e2e/compat.test.mjs runs the page with both made to throw).
//
// It publishes its findings as `window.creditSupervisionBoot` ({ ok, missing, simd, refTypes, build });
// www/engine.js passes `build` to the worker. The single file (scripts/dist.mjs) inlines this
// script unchanged; there the page's bundle follows it in the file and runs only when `ok`.
// The single files mark <html data-single-file>: "" in the normal file, "compat" in the
// compatibility file, which carries only the legacy build (so that one is chosen there).
(function () {
  'use strict';

  // (module (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt))
  var SIMD_PROBE = [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11];
  // (module (func (result i32) i32.const 42))
  var MVP_PROBE = [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 10, 6, 1, 4, 0, 65, 42, 11];
  // (module (func (param externref)))
  var REFTYPES_PROBE = [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 1, 111, 0, 3, 2, 1, 0, 10, 4, 1, 2, 0, 11];
  // The legacy build's four features: (module (memory 1) (global (export "g") (mut i32) (i32.const 0))
  //   (func (result i32) (memory.fill (i32.const 0) (i32.const 0) (i32.const 1))
  //     (drop (i32.extend8_s (i32.const 1))) (i32.trunc_sat_f32_s (f32.const 0))))
  var LEGACY_PROBE = [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 5, 3, 1, 0, 1, 6, 6, 1, 127, 1, 65, 0, 11,
    7, 5, 1, 1, 103, 3, 0, 10, 24, 1, 22, 0, 65, 0, 65, 0, 65, 1, 252, 11, 0, 65, 1, 192, 26, 67, 0, 0, 0, 0, 252, 0, 11];
  /** The compatibility file, beside the normal one in the zip (scripts/dist.mjs). */
  var COMPAT_FILE = 'credit-supervision-compat.html';

  var TEXTS = {
    webassembly: {
      zh: '此浏览器不能运行 WebAssembly（不支持，或被管理策略、安全设置关闭），本工具无法在此使用。',
      en: 'This browser cannot run WebAssembly (not supported, or switched off by a policy or a security setting), so this tool cannot work here.',
    },
    'webassembly-csp': {
      zh: '此浏览器的内核较旧（Chromium 97 以前，如 360 安全浏览器的 78、86 内核），本页面的安全策略（CSP）不允许它运行 WebAssembly。',
      en: 'This browser is older than Chromium 97 (such as the 78 and 86 cores of 360 Secure Browser): the security policy (CSP) of this page does not let it run WebAssembly.',
    },
    'webassembly-old': {
      zh: '此浏览器的 WebAssembly 版本过旧（缺少批量内存等特性，需 Chromium 内核 75、Firefox 79 及以上），本工具的计算模块无法在此运行。',
      en: 'The WebAssembly of this browser is too old (no bulk memory and the like; Chromium 75 or Firefox 79 or later is needed), so the engine of this tool cannot run here.',
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
    compatFile: {
      zh: '请打开同一压缩包（或同一文件夹）中的兼容版文件 ' + COMPAT_FILE + '：它为旧内核浏览器准备，功能和计算结果相同。',
      en: 'Please open the compatibility file ' + COMPAT_FILE + ' from the same zip (or folder): it is made for browsers with older cores, with the same functions and results.',
    },
    compatServed: {
      zh: '请向信息部门索取单文件兼容版 ' + COMPAT_FILE + '（make dist 生成），保存到本机后双击打开：它为旧内核浏览器准备，功能和计算结果相同。',
      en: 'Please ask your IT staff for the single compatibility file ' + COMPAT_FILE + ' (built by make dist), save it and double-click it: it is made for browsers with older cores, with the same functions and results.',
    },
    title: { zh: '无法运行', en: 'Cannot run here' },
    simd: { zh: '计算模块：SIMD 版', en: 'Engine: SIMD build' },
    baseline: { zh: '计算模块：兼容版（无 SIMD，较慢）', en: 'Engine: compatibility build (no SIMD, slower)' },
    compat: {
      zh: '兼容版文件（供旧内核浏览器）· 计算模块：兼容版（无 SIMD，较慢）',
      en: 'Compatibility file (for older browsers) · Engine: compatibility build (no SIMD, slower)',
    },
  };

  function param(name) {
    var m = new RegExp('[?&]' + name + '=([^&#]*)').exec(window.location.search);
    return m ? decodeURIComponent(m[1]) : null;
  }

  function bytes(list) {
    return new Uint8Array(list);
  }

  /** The page's own Content-Security-Policy (its <meta>), or ''. */
  function pageCsp() {
    var meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
    return (meta && meta.getAttribute('content')) || '';
  }

  /**
   * Whether WebAssembly is there and a module really compiles on this page: null when it does,
   * else the reason — 'webassembly-csp' where the browser refused a valid module under this
   * page's CSP (its message names the policy — older V8 says "Wasm code generation disallowed
   * by embedder" — or the page allows WebAssembly only through 'wasm-unsafe-eval', which a
   * browser older than Chromium 97 does not know), 'webassembly' otherwise.
   */
  function wasmProblem() {
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function' ||
        typeof WebAssembly.validate !== 'function' || typeof WebAssembly.Module !== 'function') return 'webassembly';
    try {
      new WebAssembly.Instance(new WebAssembly.Module(bytes(MVP_PROBE)));
    } catch (e) {
      var message = String((e && e.message) || e);
      var csp = pageCsp();
      var byCsp = /Content Security Polic|unsafe-eval|disallowed by embedder/i.test(message) ||
        (csp.indexOf("'wasm-unsafe-eval'") >= 0 && csp.indexOf("'unsafe-eval'") < 0);
      return byCsp ? 'webassembly-csp' : 'webassembly';
    }
    try {
      if (!WebAssembly.validate(bytes(LEGACY_PROBE))) return 'webassembly-old';
    } catch (e) {
      return 'webassembly-old';
    }
    return null;
  }

  function validates(probe) {
    try {
      return WebAssembly.validate(bytes(probe));
    } catch (e) {
      return false;
    }
  }

  var file = document.documentElement.getAttribute('data-single-file');
  var compat = file === 'compat';
  var missing = [];
  if (typeof Promise !== 'function' || typeof TextDecoder !== 'function' || typeof BigInt !== 'function' ||
      typeof Uint8Array !== 'function') missing.push('javascript');
  var wasm = wasmProblem();
  if (wasm) missing.push(wasm);
  if (typeof Worker !== 'function') missing.push('worker');
  var simd = missing.length === 0 && validates(SIMD_PROBE);
  var refTypes = missing.length === 0 && validates(REFTYPES_PROBE);
  var forced = param('simd') === '0';
  var boot = {
    ok: missing.length === 0,
    missing: missing,
    simd: simd,
    refTypes: refTypes,
    // The compatibility file carries only the legacy build.
    build: simd && refTypes && !forced && !compat ? 'simd' : 'baseline',
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
    if (compat) note.setAttribute('data-file', 'compat');
    note.textContent = TEXTS[compat ? 'compat' : boot.build][lang()];
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
      // Blocked by the CSP of the strict page or file: the compatibility file runs there.
      if (reasons.indexOf('webassembly-csp') >= 0 && !compat) {
        var c = document.createElement('p');
        c.setAttribute('lang', l === 'zh' ? 'zh-CN' : 'en');
        c.setAttribute('data-advice', 'compat');
        c.className = 'advice-compat';
        c.textContent = TEXTS[file === null ? 'compatServed' : 'compatFile'][l];
        box.appendChild(c);
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
    if (file === null) {
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
