#!/usr/bin/env python3
"""Time the Python scorecard tools on a table made by gen.py.

    target/pyref/bin/python bench/scorecard/python_bench.py --data FILE.csv \
        [--tools scorecardpy,toad,optbinning] [--timeout-s 1800] [--out results.json]

For each tool, in its own process (a new session, so a timeout or a memory blow-up of one tool
cannot take the others down), the phases are timed with time.perf_counter:

  binning_s  binning of all 20 features (tool defaults; monotonic where the tool offers it)
  woe_s      WoE transform of all rows
  fit_s      logistic regression fit (sklearn LogisticRegression() defaults: L2, C=1.0, lbfgs)
  score_s    scoring all rows into points (pdo 50, 600 points at good:bad odds 19:1)

Reading the CSV (pandas.read_csv) is timed apart as load_s and is not in total_s. test_auc is the
in-sample AUC (the same rows the model was fitted on) of the predicted bad probability. A tool
that runs past --timeout-s is killed and reported with status "timeout" and the phase it was in.
peak_rss_mb is the largest resident set of the tool's process tree, sampled every 0.2 s by the
parent (sum over the tool's processes, so scorecardpy's worker pool counts), and never below the
worker's own getrusage high-water mark. phases_cpu is the CPU time (user + system) of each phase,
the worker's own plus that of its finished child processes. cpu_s is the user + system CPU time of the tool's whole
process tree (load included) and loadavg_1m the machine's load before and after the tool ran:
wall-clock phases are only comparable when nothing else was running.

Results are printed and written (merged by tool and rows) to --out, by default
bench/scorecard/results-python.json. Not part of any test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOOLS = ["scorecardpy", "toad", "optbinning"]
PDO, ODDS, POINTS = 50, 19, 600

SETTINGS = {
    "scorecardpy": "sc.woebin(df, 'bad', special_values={'months_since_delinq': [-1]}) defaults "
    "(method 'tree', bin_num_limit 8, count_distr_limit 0.05; no monotonic option; missing its own "
    "bin; no_cores=None, i.e. a pool of ceil(0.9 x 2 cores) = 2 processes for 20 variables); "
    "sc.woebin_ply (same pool); LogisticRegression(); sc.scorecard(bins, lr, points0=600, "
    "odds0=1/19, pdo=50) + sc.scorecard_ply",
    "toad": "toad.transform.Combiner().fit(X, y) defaults (method 'chi', at most 10 bins; no "
    "monotonic option; NaN filled with -1 and -1 treated as a value, toad has no special values); "
    "WOETransformer().fit_transform on the bins; toad.ScoreCard(combiner, transer, pdo=50, "
    "base_odds=19, base_score=600).fit (LogisticRegression() inside); ScoreCard.predict(X)",
    "optbinning": "BinningProcess(20 features, categorical_variables=6, special_codes=[-1], "
    "monotonic_trend='auto_asc_desc' for the 14 numeric features, other OptimalBinning defaults: "
    "solver 'cp', cart prebinning max 20 prebins of >= 5 %) inside Scorecard(LogisticRegression(), "
    "scaling_method='pdo_odds', pdo=50, odds=19, scorecard_points=600); binning_s = "
    "BinningProcess.fit, woe_s = its transform(metric='woe') of all rows (Scorecard's defaults "
    "metric_special=0, metric_missing=0: special and missing bins get WoE 0), fit_s = the rest "
    "of Scorecard.fit (estimator + table), score_s = Scorecard.score(X)",
}


# ----------------------------------------------------------------------------------------------
# worker side
# ----------------------------------------------------------------------------------------------


def cpu_now() -> float:
    """User + system CPU of this process and of its children that have been waited for."""
    a = resource.getrusage(resource.RUSAGE_SELF)
    b = resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime


class Phases:
    def __init__(self, status_path: str):
        self.status_path = status_path
        self.times: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self._name = None
        self._t0 = 0.0
        self._c0 = 0.0

    def start(self, name: str) -> None:
        self._name, self._t0, self._c0 = name, time.perf_counter(), cpu_now()
        with open(self.status_path, "w") as f:
            f.write(name)

    def stop(self) -> None:
        self.times[self._name + "_s"] = time.perf_counter() - self._t0
        self.cpu[self._name + "_s"] = cpu_now() - self._c0

    def add(self, name: str, seconds: float, cpu: float) -> None:
        self.times[name + "_s"] = seconds
        self.cpu[name + "_s"] = cpu


def read_meta(data: str) -> dict:
    return json.loads(Path(data + ".meta.json").read_text())


def run_scorecardpy(df, meta, ph: Phases):
    import scorecardpy as sc
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    feats = [c["name"] for c in meta["features"]]
    special = {c["name"]: c["special_values"] for c in meta["features"] if c["special_values"]}
    y = df["bad"].to_numpy()
    ph.start("binning")
    bins = sc.woebin(df, y="bad", special_values=special)
    ph.stop()
    ph.start("woe")
    woe = sc.woebin_ply(df, bins)
    ph.stop()
    cols = [c + "_woe" for c in feats]
    X = woe[cols]
    ph.start("fit")
    lr = LogisticRegression().fit(X, y)
    ph.stop()
    ph.start("score")
    card = sc.scorecard(bins, lr, cols, points0=POINTS, odds0=1 / ODDS, pdo=PDO)
    score = sc.scorecard_ply(df, card)
    ph.stop()
    assert len(score) == len(df)
    return float(roc_auc_score(y, lr.predict_proba(X)[:, 1]))


def run_toad(df, meta, ph: Phases):
    import toad
    from sklearn.metrics import roc_auc_score

    feats = [c["name"] for c in meta["features"]]
    X = df[feats]
    y = df["bad"].to_numpy()
    ph.start("binning")
    comb = toad.transform.Combiner().fit(X, y)
    ph.stop()
    ph.start("woe")
    binned = comb.transform(X)
    transer = toad.transform.WOETransformer()
    Xw = transer.fit_transform(binned, y)
    ph.stop()
    ph.start("fit")
    card = toad.ScoreCard(combiner=comb, transer=transer, pdo=PDO, rate=2, base_odds=ODDS,
                          base_score=POINTS)
    card.fit(Xw, y)
    ph.stop()
    ph.start("score")
    score = card.predict(X)
    ph.stop()
    assert len(score) == len(df)
    return float(roc_auc_score(y, card.model.predict_proba(Xw)[:, 1]))


def run_optbinning(df, meta, ph: Phases):
    from optbinning import BinningProcess, Scorecard
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    feats = [c["name"] for c in meta["features"]]
    cats = [c["name"] for c in meta["features"] if c["kind"] == "categorical"]
    nums = [f for f in feats if f not in cats]
    X = df[feats]
    y = df["bad"].to_numpy()
    held = {}

    class TimedBinningProcess(BinningProcess):
        """Scorecard.fit calls fit_transform: time its fit and its transform apart."""

        def fit_transform(self, X, y, sample_weight=None, metric=None, metric_special=0,
                          metric_missing=0, show_digits=2, check_input=False):
            ph.start("binning")
            self.fit(X, y, sample_weight, check_input)
            ph.stop()
            ph.start("woe")
            Xt = self.transform(X, metric, metric_special, metric_missing, show_digits, check_input)
            ph.stop()
            held["Xt"] = Xt
            ph.start("fit")
            return Xt

    bp = TimedBinningProcess(
        variable_names=feats,
        categorical_variables=cats,
        special_codes=[-1],
        binning_fit_params={f: {"monotonic_trend": "auto_asc_desc"} for f in nums},
    )
    card = Scorecard(
        binning_process=bp,
        estimator=LogisticRegression(),
        scaling_method="pdo_odds",
        scaling_method_params={"pdo": PDO, "odds": ODDS, "scorecard_points": POINTS},
    )
    t0, c0 = time.perf_counter(), cpu_now()
    card.fit(X, y)
    total_fit, total_cpu = time.perf_counter() - t0, cpu_now() - c0
    ph.add("fit", total_fit - ph.times["binning_s"] - ph.times["woe_s"],
           total_cpu - ph.cpu["binning_s"] - ph.cpu["woe_s"])
    ph.start("score")
    score = card.score(X)
    ph.stop()
    assert len(score) == len(df)
    return float(roc_auc_score(y, card.estimator_.predict_proba(held["Xt"])[:, 1]))


def worker(tool: str, data: str, status: str, result: str) -> int:
    import warnings

    warnings.simplefilter("ignore")
    os.environ.setdefault("MPLBACKEND", "Agg")
    from importlib.metadata import version

    import pandas as pd

    ph = Phases(status)
    ph.start("load")
    df = pd.read_csv(data)
    ph.stop()
    meta = read_meta(data)
    fn = {"scorecardpy": run_scorecardpy, "toad": run_toad, "optbinning": run_optbinning}[tool]
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        auc = fn(df, meta, ph)
    ph.start("done")
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    phases = {k: ph.times[k] for k in ["binning_s", "woe_s", "fit_s", "score_s"]}
    out = {
        "tool": tool,
        "version": version(tool),
        "rows": len(df),
        "phases": {k: round(v, 3) for k, v in phases.items()},
        "phases_cpu": {k: round(ph.cpu[k], 3) for k in phases},
        "total_s": round(sum(phases.values()), 3),
        "load_s": round(ph.times["load_s"], 3),
        "test_auc": round(auc, 6),
        "worker_maxrss_mb": round(self_mb, 1),
        "pool_maxrss_mb": round(child_mb, 1),
    }
    Path(result).write_text(json.dumps(out))
    return 0


# ----------------------------------------------------------------------------------------------
# parent side
# ----------------------------------------------------------------------------------------------


def tree_rss_mb(pgid: int) -> float:
    """Resident set of every process in the process group, summed."""
    total = 0
    page = os.sysconf("SC_PAGE_SIZE")
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            stat = Path(f"/proc/{d}/stat").read_text()
            fields = stat[stat.rindex(")") + 2:].split()
            if int(fields[2]) != pgid:  # fields[2] is pgrp
                continue
            total += int(Path(f"/proc/{d}/statm").read_text().split()[1]) * page
        except (OSError, ValueError, IndexError):
            continue
    return total / 2**20


def run_tool(tool: str, data: str, timeout_s: float, rows: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="scbench-") as tmp:
        status, result = os.path.join(tmp, "status"), os.path.join(tmp, "result.json")
        log = os.path.join(tmp, "log")
        cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", tool, "--data", data,
               "--status", status, "--result", result]
        load_before = os.getloadavg()[0]
        cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        with open(log, "w") as logf:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=logf, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        peak = 0.0
        timed_out = False
        while True:
            try:
                proc.wait(timeout=0.2)
                break
            except subprocess.TimeoutExpired:
                pass
            peak = max(peak, tree_rss_mb(proc.pid))
            if time.perf_counter() - t0 > timeout_s:
                timed_out = True
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                break
        wall = time.perf_counter() - t0
        cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu_s = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
        phase = Path(status).read_text() if os.path.exists(status) else "start"
        base = {"tool": tool, "rows": rows, "timeout_s": timeout_s, "settings": SETTINGS[tool],
                "cpu_s": round(cpu_s, 1),
                "loadavg_1m": {"before": round(load_before, 2), "after": round(os.getloadavg()[0], 2)}}
        try:
            from importlib.metadata import version

            base["version"] = version(tool)
        except Exception:  # noqa: BLE001
            base["version"] = None
        if timed_out:
            return {**base, "status": "timeout", "phase": phase, "phases": None, "total_s": None,
                    "wall_s": round(wall, 1), "test_auc": None, "peak_rss_mb": round(peak, 1)}
        if proc.returncode != 0 or not os.path.exists(result):
            tail = Path(log).read_text()[-2000:]
            return {**base, "status": "failed", "phase": phase, "returncode": proc.returncode,
                    "error": tail, "phases": None, "total_s": None, "wall_s": round(wall, 1),
                    "test_auc": None, "peak_rss_mb": round(peak, 1)}
        r = json.loads(Path(result).read_text())
        r["peak_rss_mb"] = round(max(peak, r["worker_maxrss_mb"]), 1)
        return {**base, **r, "status": "ok", "wall_s": round(wall, 1)}


def machine() -> dict:
    mem = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) / 2**20
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "mem_gb": round(mem, 1), "python": platform.python_version(),
            "platform": platform.platform()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data")
    ap.add_argument("--tools", default=",".join(TOOLS))
    ap.add_argument("--timeout-s", type=float, default=1800)
    ap.add_argument("--out", default=str(HERE / "results-python.json"))
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--status", help=argparse.SUPPRESS)
    ap.add_argument("--result", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker:
        return worker(a.worker, a.data, a.status, a.result)
    if not a.data:
        ap.error("--data is required")
    tools = [t.strip() for t in a.tools.split(",") if t.strip()]
    bad = [t for t in tools if t not in TOOLS]
    if bad:
        ap.error(f"unknown tools {bad}; known: {TOOLS}")
    rows = read_meta(a.data)["rows"]
    results = []
    for tool in tools:
        print(f"[{tool}] {rows} rows from {a.data} (timeout {a.timeout_s:.0f} s) ...", flush=True)
        r = run_tool(tool, a.data, a.timeout_s, rows)
        results.append(r)
        if r["status"] == "ok":
            p = r["phases"]
            print(f"[{tool}] {r['version']}: binning {p['binning_s']:.2f} s, woe {p['woe_s']:.2f} s, "
                  f"fit {p['fit_s']:.2f} s, score {p['score_s']:.2f} s = {r['total_s']:.2f} s "
                  f"(load {r['load_s']:.2f} s), AUC {r['test_auc']:.4f}, peak RSS {r['peak_rss_mb']:.0f} MB",
                  flush=True)
        else:
            print(f"[{tool}] {r['status'].upper()} in phase {r['phase']} after {r['wall_s']} s"
                  + (f": {r.get('error', '')[-300:]}" if r["status"] == "failed" else ""), flush=True)
    out = Path(a.out)
    doc = {"about": "", "machine": machine(), "runs": []}
    if out.exists():
        try:
            doc = json.loads(out.read_text())
        except json.JSONDecodeError:
            pass
    doc["about"] = ("Python scorecard tools timed by bench/scorecard/python_bench.py on tables from "
                    "bench/scorecard/gen.py (seed 42); seconds of wall clock per phase, load of the "
                    "CSV not included; test_auc is in-sample; peak_rss_mb is the tool's whole "
                    "process tree")
    doc["machine"] = machine()
    keep = [r for r in doc.get("runs", []) if (r["tool"], r["rows"]) not in {(t, rows) for t in tools}]
    doc["runs"] = sorted(keep + results, key=lambda r: (r["rows"], TOOLS.index(r["tool"])))
    out.write_text(json.dumps(doc, indent=1) + "\n")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
