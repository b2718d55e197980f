#!/usr/bin/env python3
"""Reference figures for the WoE scorecard engine, from scorecardpy, toad and optbinning.

Run through scripts/scorecard/reference.sh (it makes the venv target/pyref). Writes, relative to
the repository root:

  tests/data/german/german_credit.csv   the German credit data shipped inside scorecardpy
  tests/data/german/german_train.csv    70 % of it: sc.split_df(dt, 'creditability', 0.7, 186)
  tests/data/german/german_test.csv     the other 30 %
  tests/data/german/expected.json       the tools' figures (see scripts/scorecard/README.md)

Everything is deterministic: two runs write the same bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import platform
import sys
import warnings
from importlib.metadata import version as pkg_version
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")
warnings.simplefilter("ignore")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import scorecardpy as sc  # noqa: E402
import scorecardpy.info_value as sc_info_value  # noqa: E402
import sklearn  # noqa: E402
import toad  # noqa: E402
from optbinning import BinningProcess, OptimalBinning, Scorecard  # noqa: E402
from optbinning.binning.binning_statistics import BinningTable  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import roc_auc_score, roc_curve  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "data" / "german"
TARGET = "creditability"
SPLIT_SEED = 186  # scorecardpy's own default seed for split_df
DP = 6  # decimals of every IV / WoE / KS / AUC in expected.json


def r6(x: float) -> float:
    """Round to DP decimals; -0.0 becomes 0.0 so the JSON never flips sign on noise."""
    v = round(float(x), DP)
    return 0.0 if v == 0 else v


def rb(x: float) -> float:
    """A break point: integers stay exact, others to 10 significant decimals."""
    v = float(x)
    return float(round(v, 10))


@contextlib.contextmanager
def quiet():
    """The tools print progress lines; keep them out of the summary."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        yield


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_csv(df: pd.DataFrame, path: Path) -> None:
    df.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def is_bad(series: pd.Series) -> np.ndarray:
    return (series.astype(str) == "bad").astype(int).to_numpy()


# ----------------------------------------------------------------------------------------------
# metrics, computed here and not by the tools
# ----------------------------------------------------------------------------------------------


def ks_stat(y: np.ndarray, p: np.ndarray) -> float:
    """Max distance between the cumulative distributions of p among bads and among goods.

    Thresholds run over the distinct predicted values (ties kept together), so this equals
    max(TPR - FPR) of the ROC curve.
    """
    y = np.asarray(y, dtype=int)
    p = np.asarray(p, dtype=float)
    order = np.argsort(-p, kind="mergesort")
    ps, ys = p[order], y[order]
    last_of_tie = np.r_[ps[1:] != ps[:-1], True]
    cum_bad = np.cumsum(ys)[last_of_tie] / ys.sum()
    cum_good = np.cumsum(1 - ys)[last_of_tie] / (1 - ys).sum()
    ks = float(np.max(np.abs(cum_bad - cum_good)))
    fpr, tpr, _ = roc_curve(y, p)
    assert abs(ks - float(np.max(tpr - fpr))) < 1e-12
    return ks


def perf(y: np.ndarray, p: np.ndarray) -> dict:
    return {"ks": r6(ks_stat(y, p)), "auc": r6(roc_auc_score(y, p))}


# ----------------------------------------------------------------------------------------------
# bins: counts of a left-closed partition, checked against each tool's own table
# ----------------------------------------------------------------------------------------------


def bin_counts(x: np.ndarray, y: np.ndarray, breaks: list[float]) -> list[dict]:
    """Bins [-inf,b1), [b1,b2), ..., [bk,inf) with their counts of goods and bads."""
    idx = np.digitize(x, breaks, right=False)
    edges = [-np.inf, *breaks, np.inf]
    out = []
    for i in range(len(breaks) + 1):
        m = idx == i
        bad = int(y[m].sum())
        out.append(
            {
                "lo": None if i == 0 else rb(edges[i]),
                "hi": None if i == len(breaks) else rb(edges[i + 1]),
                "count": int(m.sum()),
                "good": int(m.sum()) - bad,
                "bad": bad,
            }
        )
    return out


def binning_entry(x, y, breaks, iv, extra=None) -> dict:
    breaks = [rb(b) for b in breaks]
    e = {"breaks": breaks, "n_bins": len(breaks) + 1, "iv": r6(iv), "bins": bin_counts(x, y, breaks)}
    if extra:
        e.update(extra)
    return e


# ----------------------------------------------------------------------------------------------
# sections
# ----------------------------------------------------------------------------------------------


def versions() -> dict:
    v = {"python": platform.python_version()}
    for p in ["scorecardpy", "toad", "optbinning", "scikit-learn", "pandas", "numpy", "scipy", "ortools"]:
        v[p] = pkg_version(p)
    return v


def conventions() -> dict:
    return {
        "good_bad": "creditability 'bad' is the event (y = 1), 'good' the non-event (y = 0); "
        "700 good, 300 bad in the full data",
        "intervals": "every break list b1 < ... < bk means bins [-inf,b1), [b1,b2), ..., [bk,inf) "
        "(left-closed, right-open); all three tools bin this way (scorecardpy '[a,b)', toad and "
        "optbinning np.digitize(x, breaks, right=False)). The 'bins' arrays below are counted "
        "with that rule and checked against each tool's own table",
        "scorecardpy": {
            "woe": "ln(bad share / good share) = ln((bad_i/sum bad) / (good_i/sum good)); "
            "a bad-heavy bin has positive WoE",
            "iv": "sum over bins of (bad share - good share) * woe",
            "zero_count": "each zero count of good or bad in a bin is replaced by 0.9 BEFORE the shares "
            "are taken (so the column totals include the 0.9): info_value.py iv_xy/woe_01/miv_01 "
            "'.replace(0, 0.9)'. The docstring says 0.99 but the code uses 0.9",
            "categories": "sc.iv casts x to str, fills NaN with 'missing' and groups by the string: "
            "each observed category is its own bin; unobserved pandas categories do not appear",
        },
        "toad": {
            "woe": "ln(bad share / good share): stats.WOE(y_prob, n_prob) = np.log(y_prob / n_prob) "
            "with y_prob = bads in bin / all bads (target == 1)",
            "iv": "sum over bins of (bad share - good share) * woe (stats._IV)",
            "zero_count": "a zero count in a bin becomes 1 (stats.probability uses "
            "np_count(sub_target, 0|1, default = 1)); the totals stay the true totals",
            "categories": "toad.quality(..., iv_only=True) casts non-numeric columns to str; each "
            "distinct string is its own bin (no merge for non-numeric)",
        },
        "optbinning": {
            "woe": "ln(good share / bad share) = ln(1/event_rate - 1) + ln(total bad / total good) "
            "(binning_statistics.py): the OPPOSITE sign to scorecardpy and toad; a bad-heavy bin "
            "has negative WoE",
            "iv": "Jeffrey divergence, sum of (bad share - good share) * ln(bad share / good share), "
            "the same value as the others when no cell is zero",
            "zero_count": "a bin with zero goods or zero bads gets WoE 0 and IV 0 "
            "(mask = (n_event > 0) & (n_nonevent > 0); woe[mask] = ...; iv[mask] = ...)",
        },
    }


def categorical_iv(dt: pd.DataFrame, cats: list[str]) -> dict:
    y = is_bad(dt[TARGET])
    with quiet():
        s_iv = sc.iv(dt[cats + [TARGET]], y=TARGET, order=False).set_index("variable")["info_value"]
        tdf = dt[cats].astype(str).copy()
        tdf[TARGET] = y
        t_iv = toad.quality(tdf, target=TARGET, iv_only=True, cpu_cores=1)["iv"]
    features = {}
    zero_cells = []
    for c in cats:
        x = dt[c].astype(str).to_numpy()
        levels = []
        for v in sorted(set(x)):
            m = x == v
            bad = int(y[m].sum())
            levels.append({"value": v, "count": int(m.sum()), "good": int(m.sum()) - bad, "bad": bad})
        zero = [lv["value"] for lv in levels if lv["good"] == 0 or lv["bad"] == 0]
        if zero:
            zero_cells.append({"feature": c, "levels": zero})
        a, b = float(s_iv[c]), float(t_iv[c])
        features[c] = {
            "n_levels": len(levels),
            "scorecardpy_iv": r6(a),
            "toad_iv": r6(b),
            "agree_4dp": round(a, 4) == round(b, 4),
            "abs_diff": r6(abs(a - b)),
            "levels": levels,
        }
    return {
        "data": "full 1,000 rows, each observed category its own bin",
        "zero_cells": zero_cells,
        "zero_cells_note": "categories with no good or no bad; empty list means none in the German data",
        "features": features,
    }


def numeric_bins(dt: pd.DataFrame, nums: list[str]) -> dict:
    y = is_bad(dt[TARGET])
    out = {}
    with quiet():
        sc_bins = sc.woebin(dt[nums + [TARGET]], y=TARGET, no_cores=1)
    toad_cfg = {
        "toad_chi_default": ("chi", {}),
        "toad_dt_default": ("dt", {}),
        "toad_chi_min_samples_0.05": ("chi", {"min_samples": 0.05}),
        "toad_dt_min_samples_0.05": ("dt", {"min_samples": 0.05}),
    }
    toad_splits = {}
    for name, (method, kw) in toad_cfg.items():
        with quiet():
            comb = toad.transform.Combiner().fit(dt[nums], y, method=method, **kw)
        toad_splits[name] = {k: [float(v) for v in s] for k, s in comb.export().items()}

    for f in nums:
        x = dt[f].to_numpy(dtype=float)
        entry = {}
        # scorecardpy
        tb = sc_bins[f]
        assert not tb["is_special_values"].any()
        brk = [float(b) for b in tb["breaks"].astype(str) if b not in ("inf", "missing")]
        e = binning_entry(x, y, brk, tb["total_iv"].iloc[0])
        assert [b["count"] for b in e["bins"]] == tb["count"].astype(int).tolist(), f
        assert [b["bad"] for b in e["bins"]] == tb["bad"].astype(int).tolist(), f
        e["woe"] = [r6(w) for w in tb["woe"]]
        entry["scorecardpy_tree"] = e
        # toad
        for name in toad_cfg:
            brk = toad_splits[name][f]
            binned = np.digitize(x, brk, right=False)
            with quiet():
                iv = toad.stats.IV(binned, y)
            entry[name] = binning_entry(x, y, brk, iv)
        # optbinning
        for name, kw in [
            ("optbinning_default", {}),
            ("optbinning_auto_asc_desc", {"monotonic_trend": "auto_asc_desc"}),
        ]:
            ob = OptimalBinning(name=f, dtype="numerical", **kw).fit(x, y)
            bt = ob.binning_table
            table = bt.build()
            e = binning_entry(x, y, list(ob.splits), bt.iv, {"status": ob.status})
            n = len(e["bins"])
            assert [b["count"] for b in e["bins"]] == table["Count"].iloc[:n].astype(int).tolist(), f
            assert [b["bad"] for b in e["bins"]] == table["Event"].iloc[:n].astype(int).tolist(), f
            # table rows past the numeric bins are the Special and Missing bins (empty here)
            assert table["Count"].iloc[n:-1].sum() == 0
            e["woe"] = [r6(w) for w in table["WoE"].iloc[:n]]
            entry[name] = e
        out[f] = entry
    return {
        "data": "full 1,000 rows",
        "settings": {
            "scorecardpy_tree": "sc.woebin(dt, y, no_cores=1): method='tree', stop_limit=0.1, "
            "count_distr_limit=0.05, bin_num_limit=8, initial pretty breaks with 2 % minimum; "
            "woe of each bin in 'woe' (ln(bad/good) sign)",
            "toad_chi_default": "toad.transform.Combiner().fit(X, y, method='chi'): no n_bins, "
            "min_samples or min_threshold given (toad then stops at 10 bins)",
            "toad_dt_default": "Combiner method='dt' with defaults: DecisionTreeClassifier("
            "max_leaf_nodes=10, min_samples_leaf=1)",
            "toad_chi_min_samples_0.05": "method='chi', min_samples=0.05 (each bin >= 5 % of rows, "
            "the setting of toad's tutorial)",
            "toad_dt_min_samples_0.05": "method='dt', min_samples=0.05: min_samples_leaf=0.05 and "
            "NO leaf limit (toad sets n_bins=10 only when min_samples is left at 1)",
            "toad_iv": "toad.stats.IV(bin index, y) on the bins of each combiner",
            "optbinning_default": "OptimalBinning(name, dtype='numerical'): solver 'cp', "
            "prebinning 'cart' with max_n_prebins=20, min_prebin_size=0.05, monotonic_trend='auto'; "
            "woe of each bin in 'woe' (ln(good/bad) sign)",
            "optbinning_auto_asc_desc": "the same with monotonic_trend='auto_asc_desc'",
        },
        "features": out,
    }


def zero_cell_example(dt: pd.DataFrame, numeric: dict) -> dict:
    """The three zero-count conventions on one set of bins that has zero cells.

    No categorical feature of the German data has a category without goods or without bads, so
    the bins of credit_amount from toad's default decision tree (several pure bins) are used.
    """
    f, key = "credit_amount", "toad_dt_default"
    e = numeric["features"][f][key]
    good = np.array([b["good"] for b in e["bins"]], dtype=float)
    bad = np.array([b["bad"] for b in e["bins"]], dtype=float)
    x = dt[f].to_numpy(dtype=float)
    y = is_bad(dt[TARGET])
    binned = np.digitize(x, e["breaks"], right=False)
    with quiet():
        s_iv = sc.iv(pd.DataFrame({"b": binned, "y": y}), y="y")["info_value"].iloc[0]
        s_iv01 = float(sc_info_value.iv_01(good, bad))
        t_iv = float(toad.stats.IV(binned, y))
    bt = BinningTable(f, "numerical", None, np.array(e["breaks"]),
                      np.r_[good, 0, 0], np.r_[bad, 0, 0])
    bt.build()
    assert abs(s_iv - s_iv01) < 1e-12
    return {
        "about": "no categorical feature of the German data has a zero cell, so this shows the "
        "three tools' zero-count conventions on the bins of credit_amount from toad's default "
        "decision tree (numeric.features.credit_amount.toad_dt_default), full data",
        "feature": f,
        "breaks": e["breaks"],
        "good": [int(v) for v in good],
        "bad": [int(v) for v in bad],
        "zero_cells": [i for i in range(len(good)) if good[i] == 0 or bad[i] == 0],
        "iv_scorecardpy": r6(s_iv),
        "iv_toad": r6(t_iv),
        "iv_optbinning": r6(bt.iv),
        "how": "scorecardpy: sc.iv on the bin index (zero counts -> 0.9, shares then taken over the "
        "adjusted columns); toad: toad.stats.IV on the bin index (zero count -> 1, true totals); "
        "optbinning: BinningTable(...).build() from the counts (zero-cell bins add 0)",
    }


def optbinning_scorecard(train, test, features, cats) -> dict:
    ytr, yte = is_bad(train[TARGET]), is_bad(test[TARGET])
    bp = BinningProcess(variable_names=features, categorical_variables=cats)
    card = Scorecard(
        binning_process=bp,
        estimator=LogisticRegression(),
        scaling_method="pdo_odds",
        scaling_method_params={"pdo": 50, "odds": 19, "scorecard_points": 600},
    )
    with quiet():
        card.fit(train[features], ytr)
    ptr = card.predict_proba(train[features])[:, 1]
    pte = card.predict_proba(test[features])[:, 1]
    str_ = card.score(train[features])
    ste = card.score(test[features])
    # check the scaling convention against the model's probabilities:
    # score = 600 + 50/ln2 * (ln((1-p)/p) - ln 19), i.e. 600 points at good:bad odds 19:1
    factor = 50 / np.log(2)
    expect = 600 + factor * (np.log((1 - pte) / pte) - np.log(19))
    assert np.max(np.abs(expect - ste)) < 1e-6, np.max(np.abs(expect - ste))
    est = card.estimator_
    table = card.table(style="summary")
    rows = [
        {"variable": str(r.Variable), "bin": str(r.Bin), "points": r6(r.Points)}
        for r in table.itertuples()
    ]
    bins = {}
    for f in features:
        ob = card.binning_process_.get_binned_variable(f)
        if ob.dtype == "numerical":
            bins[f] = {"breaks": [rb(s) for s in ob.splits]}
        else:
            bins[f] = {"groups": [sorted(str(v) for v in g) for g in ob.splits]}
        bins[f]["iv_train"] = r6(ob.binning_table.iv)
    return {
        "pipeline": "BinningProcess(variable_names=all 20, categorical_variables=the 13 string "
        "features; OptimalBinning defaults) fitted on train only; sklearn LogisticRegression() "
        "(L2, C=1.0, lbfgs) on the WoE (optbinning sign, ln(good/bad)); Scorecard("
        "scaling_method='pdo_odds', scaling_method_params={pdo: 50, odds: 19, scorecard_points: 600})",
        "scaling": "optbinning: factor = pdo/ln 2, offset = scorecard_points - factor*ln(odds), "
        "score = offset - factor*(intercept + sum coef*woe) = 600 + 50/ln2*(ln(good:bad odds) - ln 19): "
        "600 points at good:bad odds 19:1 (bad probability 5 %), +50 points each time the good:bad "
        "odds double (checked here on the test rows to 1e-6)",
        "metrics": "KS and AUC computed here from predict_proba (bad = 1): AUC with "
        "sklearn.metrics.roc_auc_score; KS = max |cum. share of bads - cum. share of goods| over "
        "the distinct predicted values (ties together), equal to max(TPR - FPR)",
        "train": perf(ytr, ptr),
        "test": perf(yte, pte),
        "score_test": {"min": r6(ste.min()), "mean": r6(ste.mean()), "max": r6(ste.max())},
        "score_train": {"min": r6(str_.min()), "mean": r6(str_.mean()), "max": r6(str_.max())},
        "intercept": r6(est.intercept_[0]),
        "coef": {f: r6(c) for f, c in zip(features, est.coef_[0])},
        "bins": bins,
        "points": rows,
    }


def scorecardpy_pipeline(train, test, features) -> dict:
    with quiet():
        bins = sc.woebin(train[features + [TARGET]], y=TARGET, no_cores=1)
        tr_woe = sc.woebin_ply(train[features + [TARGET]], bins, no_cores=1)
        te_woe = sc.woebin_ply(test[features + [TARGET]], bins, no_cores=1)
    cols = [f + "_woe" for f in features]
    ytr, yte = is_bad(train[TARGET]), is_bad(test[TARGET])
    assert (tr_woe.index == train.index).all() and (te_woe.index == test.index).all()
    lr = LogisticRegression(penalty="l1", C=0.9, solver="liblinear")
    lr.fit(tr_woe[cols], ytr)
    ptr = lr.predict_proba(tr_woe[cols])[:, 1]
    pte = lr.predict_proba(te_woe[cols])[:, 1]
    with quiet():
        ev_tr = sc.perf_eva(ytr, ptr, title="train", show_plot=False)
        ev_te = sc.perf_eva(yte, pte, title="test", show_plot=False)
        card = sc.scorecard(bins, lr, cols)
        s_te = sc.scorecard_ply(test[features], card)["score"].to_numpy(dtype=float)
    return {
        "pipeline": "sc.woebin(train) defaults (tree), sc.woebin_ply on train and test, "
        "LogisticRegression(penalty='l1', C=0.9, solver='liblinear'), sc.perf_eva; all 20 "
        "features (no var_filter), for information",
        "train": perf(ytr, ptr),
        "test": perf(yte, pte),
        "perf_eva_train": {"ks": r6(ev_tr["KS"]), "auc": r6(ev_tr["AUC"])},
        "perf_eva_test": {"ks": r6(ev_te["KS"]), "auc": r6(ev_te["AUC"])},
        "perf_eva_note": "sc.perf_eva rounds KS and AUC to 4 decimals; its KS sorts rows one by one "
        "(ties not grouped)",
        "scaling": "sc.scorecard(points0=600, odds0=1/19, pdo=50): 600 points at bad:good odds 1:19, "
        "integer points per bin (digits=0)",
        "score_test": {"min": r6(s_te.min()), "mean": r6(s_te.mean()), "max": r6(s_te.max())},
        "n_features_nonzero": int((lr.coef_[0] != 0).sum()),
        "iv_train": {f: r6(bins[f]["total_iv"].iloc[0]) for f in features},
    }


def toad_pipeline(train, test, features) -> dict:
    ytr, yte = is_bad(train[TARGET]), is_bad(test[TARGET])
    with quiet():
        comb = toad.transform.Combiner().fit(train[features], ytr, method="chi", min_samples=0.05)
        btr = comb.transform(train[features])
        bte = comb.transform(test[features])
        woe = toad.transform.WOETransformer().fit(btr, ytr)
        wtr = woe.transform(btr)
        wte = woe.transform(bte)
        card = toad.ScoreCard(combiner=comb, transer=woe, pdo=50, rate=2, base_odds=19, base_score=600)
        card.fit(wtr, ytr)
    ptr = card.model.predict_proba(wtr)[:, 1]
    pte = card.model.predict_proba(wte)[:, 1]
    s_te = np.asarray(card.predict(test[features]), dtype=float)
    return {
        "pipeline": "toad Combiner(method='chi', min_samples=0.05) on train (categories ordered by "
        "WoE then chi-merged), WOETransformer, toad.ScoreCard(pdo=50, rate=2, base_odds=19, "
        "base_score=600) whose model is sklearn LogisticRegression() (L2, C=1.0); for information",
        "scaling": "toad: factor = pdo/ln(rate), offset = base_score - factor*ln(base_odds), "
        "score = offset + factor*ln((1-p)/p): base_odds is good:bad, so 600 at 19:1",
        "train": perf(ytr, ptr),
        "test": perf(yte, pte),
        "score_test": {"min": r6(s_te.min()), "mean": r6(s_te.mean()), "max": r6(s_te.max())},
    }


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    dt = sc.germancredit()
    assert dt.shape == (1000, 21), dt.shape
    assert (dt[TARGET].astype(str) == "bad").sum() == 300
    features = [c for c in dt.columns if c != TARGET]
    cats = [c for c in features if not pd.api.types.is_numeric_dtype(dt[c])]
    nums = [c for c in features if c not in cats]
    assert len(features) == 20 and len(cats) == 13 and len(nums) == 7

    # (a) the data as scorecardpy gives it
    full_csv = OUT / "german_credit.csv"
    write_csv(dt, full_csv)

    # (b) scorecardpy's own stratified split
    with quiet():
        train, test = sc.split_df(dt, TARGET, ratio=0.7, seed=SPLIT_SEED).values()
    train_rows = [int(i) for i in train.index]
    test_rows = [int(i) for i in test.index]
    assert len(train_rows) == 700 and len(test_rows) == 300
    assert sorted(train_rows + test_rows) == list(range(1000))
    train_csv, test_csv = OUT / "german_train.csv", OUT / "german_test.csv"
    write_csv(train, train_csv)
    write_csv(test, test_csv)
    # what the Rust tests read back must be what the tools were given
    for path, frame in [(full_csv, dt), (train_csv, train), (test_csv, test)]:
        back = pd.read_csv(path)
        assert back.shape == frame.shape
        assert (back.astype(str).to_numpy() == frame.astype(str).to_numpy()).all(), path

    numeric = numeric_bins(dt, nums)
    expected = {
        "about": "Reference figures from scorecardpy, toad and optbinning on the German credit data "
        "shipped in scorecardpy; made by scripts/scorecard/reference.py (see its README). "
        "IV, WoE, KS, AUC and points rounded to 6 decimals.",
        "versions": versions(),
        "data": {
            "full": {"file": "german_credit.csv", "rows": len(dt), "bad": int(is_bad(dt[TARGET]).sum()),
                     "sha256": sha256(full_csv)},
            "train": {"file": "german_train.csv", "rows": len(train),
                      "bad": int(is_bad(train[TARGET]).sum()), "sha256": sha256(train_csv)},
            "test": {"file": "german_test.csv", "rows": len(test),
                     "bad": int(is_bad(test[TARGET]).sum()), "sha256": sha256(test_csv)},
            "target": TARGET,
            "categorical": cats,
            "numeric": nums,
        },
        "split": {
            "rule": f"sc.split_df(dt, '{TARGET}', ratio=0.7, seed={SPLIT_SEED}): stratified by "
            "creditability, each class sampled with DataFrame.sample(frac=0.7, random_state=186), "
            "rows kept in their original order; train_rows are 0-based row numbers of "
            "german_credit.csv, the test rows are all the others",
            "train_rows": train_rows,
        },
        "conventions": conventions(),
        "categorical_iv": categorical_iv(dt, cats),
        "numeric": numeric,
        "zero_cell_example": zero_cell_example(dt, numeric),
        "scorecard": {
            "optbinning": optbinning_scorecard(train, test, features, cats),
            "scorecardpy": scorecardpy_pipeline(train, test, features),
            "toad": toad_pipeline(train, test, features),
        },
    }
    js = OUT / "expected.json"
    js.write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    # (d) summary
    print(f"wrote {full_csv.relative_to(ROOT)}, {train_csv.name}, {test_csv.name}, {js.name}")
    print("versions:", ", ".join(f"{k} {v}" for k, v in expected["versions"].items()))
    ci = expected["categorical_iv"]
    print(f"categorical IV (scorecardpy / toad), zero cells: {ci['zero_cells'] or 'none'}")
    for f, e in ci["features"].items():
        flag = "" if e["agree_4dp"] else "  DIFFER"
        print(f"  {f:40s} {e['scorecardpy_iv']:.6f} {e['toad_iv']:.6f}{flag}")
    print("numeric bins (n_bins / IV): scorecardpy tree | toad chi | toad dt | optb | optb asc_desc")
    for f, e in expected["numeric"]["features"].items():
        cols = ["scorecardpy_tree", "toad_chi_default", "toad_dt_default", "optbinning_default",
                "optbinning_auto_asc_desc"]
        print(f"  {f[:40]:40s} " + " | ".join(f"{e[c]['n_bins']:2d} {e[c]['iv']:.4f}" for c in cols))
    z = expected["zero_cell_example"]
    print(f"zero cells, {z['feature']} toad dt bins {z['zero_cells']}: IV scorecardpy "
          f"{z['iv_scorecardpy']:.6f}, toad {z['iv_toad']:.6f}, optbinning {z['iv_optbinning']:.6f}")
    for tool, e in expected["scorecard"].items():
        print(f"scorecard {tool:12s} train KS {e['train']['ks']:.4f} AUC {e['train']['auc']:.4f}"
              f" | test KS {e['test']['ks']:.4f} AUC {e['test']['auc']:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
