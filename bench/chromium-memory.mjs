// Peak resident memory of the Chromium processes that one launch started, read from /proc
// (Linux only; elsewhere the figures are null). Used by bench/page-bench.mjs and
// bench/duckdb-bench.mjs so that both report the same measure.
//
// A page and its dedicated workers live in one renderer process, so the renderer's VmHWM (the
// kernel's peak resident set of that process) is the peak memory of the page, its workers and
// their wasm memories together, plus Chromium's own per-renderer baseline. The browser, GPU and
// utility (network) processes are reported apart.
import { readFileSync, readdirSync } from 'node:fs';

function readProc(pid) {
  try {
    // Chromium rewrites its processes' command lines into one space-separated string.
    const cmd = ` ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')} `;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+)`, 'm'))?.[1] ?? 0);
    return { pid: Number(pid), ppid: field('PPid'), cmd, hwm: field('VmHWM') * 1024, rss: field('VmRSS') * 1024 };
  } catch {
    return null; // gone, or not ours to read
  }
}

/**
 * Peak RSS of the processes of the Chromium launched with `--user-data-dir=<userDataDir>`:
 * `{ rendererPeakMB, browserPeakMB, otherPeakMB, processes }`, renderer = the largest renderer.
 * Call it before closing the browser.
 */
export function chromiumPeakMemory(userDataDir) {
  let pids;
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return { rendererPeakMB: null, browserPeakMB: null, otherPeakMB: null, processes: 0 };
  }
  const procs = pids.map(readProc).filter(Boolean);
  const roots = procs.filter(
    (p) => p.cmd.includes(` --user-data-dir=${userDataDir} `) && !p.cmd.includes(' --type='),
  );
  const ours = new Set(roots.map((p) => p.pid));
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (!ours.has(p.pid) && ours.has(p.ppid)) {
        ours.add(p.pid);
        grew = true;
      }
    }
  }
  const mb = (b) => Math.round(b / 2 ** 20);
  const mine = procs.filter((p) => ours.has(p.pid));
  const renderers = mine.filter((p) => p.cmd.includes(' --type=renderer '));
  const others = mine.filter((p) => !roots.includes(p) && !renderers.includes(p));
  return {
    rendererPeakMB: renderers.length ? mb(Math.max(...renderers.map((p) => p.hwm))) : null,
    browserPeakMB: roots.length ? mb(Math.max(...roots.map((p) => p.hwm))) : null,
    otherPeakMB: others.length ? mb(Math.max(...others.map((p) => p.hwm))) : null,
    processes: mine.length,
  };
}
