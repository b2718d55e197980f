// The Vite example: two pages built together — index.html (the package on the main thread)
// and worker.html (the package in a module worker, with progress and cancel).
//
//   npm run build && npm run preview      (or: npx vite build && npx vite preview)

import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// A cross-origin isolated page can share memory with its worker: the cancel flag of
// worker-page.js is a SharedArrayBuffer. Serve the built pages with these headers too.
const isolated = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: {
    outDir: 'dist',
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        worker: fileURLToPath(new URL('worker.html', import.meta.url)),
      },
    },
  },
  worker: { format: 'es' },
  // The dev server pre-bundles dependencies into node_modules/.vite, away from the .wasm that
  // `init()` looks for next to the module: leave the package out of it.
  optimizeDeps: { exclude: ['credit-supervision'] },
  server: { headers: isolated },
  preview: { headers: isolated },
});
