// What the compatibility file (target/dist/credit-supervision-compat.html, scripts/dist.mjs)
// must run on, shared by scripts/dist.mjs (which lowers its bundles to COMPAT_BROWSERS) and
// tests/e2e/compat.test.mjs (which checks the bundles against it).

/**
 * Chromium 78, the oldest core of 360 Secure Browser on bureau PCs (its other core is 86), and
 * Firefox 78 ESR (domestic Linux desktops). The single file starts its worker as a classic script
 * from a blob, so nothing needs module workers (Chromium 80): 78 is reachable for the scripts.
 * Whether a browser's WebAssembly can run the core is www/boot.js's check.
 */
export const COMPAT_BROWSERS = ['chrome78', 'firefox78'];

/**
 * Runtime APIs newer than COMPAT_BROWSERS that esbuild does not lower (it lowers syntax only),
 * each with the first Chromium that has it and a pattern that finds a use in a bundle. The page
 * and worker must not use them (www/ uses older equivalents), unless filled in by
 * scripts/dist/compat-polyfills.js (`polyfilled`). Guarded uses in pkg/'s glue (`typeof X`,
 * `if (Symbol.dispose)`) are allowed: a use counts only beyond the number of `guarded` checks.
 * @type {{ api: string, chromium: number, pattern: RegExp, polyfilled?: boolean, guarded?: RegExp }[]}
 */
export const NEWER_APIS = [
  { api: 'Array.prototype.at / String.prototype.at', chromium: 92, pattern: /\.at\(/ },
  { api: 'String.prototype.replaceAll', chromium: 85, pattern: /\.replaceAll\(/ },
  { api: 'Object.hasOwn', chromium: 93, pattern: /\bObject\.hasOwn\(/ },
  { api: 'structuredClone', chromium: 98, pattern: /\bstructuredClone\(/ },
  { api: 'Array.prototype.findLast / findLastIndex', chromium: 97, pattern: /\.findLast(Index)?\(/ },
  { api: 'Array.prototype.toSorted / toReversed / toSpliced / with', chromium: 110, pattern: /\.(toSorted|toReversed|toSpliced)\(/ },
  { api: 'Object.groupBy / Map.groupBy', chromium: 117, pattern: /\b(Object|Map)\.groupBy\(/ },
  { api: 'Array.fromAsync', chromium: 121, pattern: /\bArray\.fromAsync\(/ },
  { api: 'Promise.any / AggregateError', chromium: 85, pattern: /\bPromise\.any\(|\bAggregateError\b/ },
  { api: 'Promise.withResolvers', chromium: 119, pattern: /\bPromise\.withResolvers\(/ },
  { api: 'AbortSignal.timeout / any', chromium: 103, pattern: /\bAbortSignal\.(timeout|any)\(/ },
  { api: 'WeakRef', chromium: 84, pattern: /\bnew WeakRef\(/ },
  { api: 'FinalizationRegistry', chromium: 84, pattern: /\bnew FinalizationRegistry\(/, guarded: /typeof FinalizationRegistry === ["']undefined["']/ },
  { api: 'Symbol.dispose', chromium: 125, pattern: /Symbol\.(dispose|asyncDispose)\]/, guarded: /if \(Symbol\.dispose\)/ },
  { api: 'crypto.randomUUID', chromium: 92, pattern: /\.randomUUID\(/ },
  { api: 'Intl.Segmenter / DisplayNames', chromium: 81, pattern: /\bIntl\.(Segmenter|DisplayNames)\b/ },
  { api: 'Atomics.waitAsync', chromium: 87, pattern: /\bAtomics\.waitAsync\(/ },
  { api: 'URL.canParse / URL.parse', chromium: 120, pattern: /\bURL\.(canParse|parse)\(/ },
  { api: 'Set methods (union, intersection, …)', chromium: 122, pattern: /\.(union|intersection|symmetricDifference|isSubsetOf|isSupersetOf|isDisjointFrom)\(/ },
  { api: 'ReadableStream async iteration', chromium: 124, pattern: /for await \(|\[Symbol\.asyncIterator\]\(\)/ },
  { api: 'Blob.prototype.bytes', chromium: 132, pattern: /\.bytes\(\)/ },
  { api: 'String.prototype.isWellFormed / toWellFormed', chromium: 111, pattern: /\.(isWellFormed|toWellFormed)\(/ },
  { api: 'Element.prototype.replaceChildren', chromium: 86, pattern: /\.replaceChildren\(/, polyfilled: true },
  { api: 'Element.prototype.checkVisibility', chromium: 105, pattern: /\.checkVisibility\(/ },
  { api: 'HTMLElement.prototype.showPicker', chromium: 99, pattern: /\.showPicker\(/ },
  { api: 'Navigator.userActivation', chromium: 72, pattern: /\bnavigator\.userActivation\b/ },
  { api: 'RegExp d flag (hasIndices) / v flag', chromium: 90, pattern: /\bhasIndices\b|new RegExp\([^)]*,\s*["'][a-z]*[dv][a-z]*["']\)/ },
  { api: 'Error cause', chromium: 93, pattern: /new \w*Error\([^()]*,\s*\{\s*cause\b/ },
];
