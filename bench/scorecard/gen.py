#!/usr/bin/env python3
"""Deterministic synthetic credit table for the scorecard benchmark.

    python3 bench/scorecard/gen.py --rows 1000000 --seed 42 --out /work/bench-data/scorecard-1000000.csv

Writes FILE.csv (UTF-8, comma, header, '\\n', missing values as empty cells) with 20 features and
the binary target `bad` (0/1), and FILE.csv.meta.json describing the columns. Only numpy and
pandas are needed (the venv target/pyref has them; so does any scientific Python).

The 14 numeric features mix Poisson counts with many ties, lognormal amounts, uniform ages and
terms, ratios; `income`, `utilization` and `dti` have about 5 % missing values, and
`months_since_delinq` is -1 ("not applicable": never delinquent) in about 3 % of rows. The 6
categorical features are string codes with 3 to 30 levels; `employment` has a rare level (E8,
about 0.1 %). The target is drawn from a logistic model over several features, with the intercept
solved so that the expected bad rate is 10 %; some features have no effect (IV about 0).
The same --rows and --seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import pandas as pd

BAD_RATE = 0.10


def generate(n: int, seed: int) -> tuple[pd.DataFrame, dict]:
    rng = np.random.Generator(np.random.PCG64(seed))
    cols: dict[str, np.ndarray] = {}
    eta = np.zeros(n)  # linear predictor without the intercept
    meta_cols: list[dict] = []

    def num(name, values, desc, missing=0.0, special=None, effect="none"):
        meta_cols.append({"name": name, "kind": "numeric", "description": desc,
                          "missing_share_target": missing,
                          "special_values": special or [], "effect": effect})
        cols[name] = values

    def cat(name, levels, probs, desc, effect="none"):
        probs = np.asarray(probs, dtype=float)
        probs = probs / probs.sum()
        idx = rng.choice(len(levels), size=n, p=probs)
        meta_cols.append({"name": name, "kind": "categorical", "description": desc,
                          "levels": list(levels), "level_probs": [round(float(p), 6) for p in probs],
                          "missing_share_target": 0.0, "special_values": [], "effect": effect})
        cols[name] = np.asarray(levels, dtype=object)[idx]
        return idx

    def with_missing(values, share):
        v = values.astype(float)
        v[rng.random(n) < share] = np.nan
        return v

    # --- numeric ------------------------------------------------------------------------------
    x = rng.poisson(0.4, n)
    eta += 0.7 * np.minimum(x, 5)
    num("n_late_payments", x, "Poisson(0.4) count, many ties", effect="strong, increasing")

    x = rng.poisson(1.2, n)
    eta += 0.22 * np.minimum(x, 6)
    num("n_inquiries", x, "Poisson(1.2) count", effect="moderate, increasing")

    x = rng.poisson(6.0, n)
    eta += -0.02 * x
    num("n_accounts", x, "Poisson(6) count", effect="weak")

    x = np.round(rng.lognormal(9.0, 0.8, n), 2)
    eta += 0.15 * (np.log(x) - 9.0)
    num("loan_amount", x, "lognormal(9, 0.8) amount, 2 decimals, nearly all distinct", effect="weak")

    inc = np.round(rng.lognormal(10.5, 0.5, n), 0)
    inc_m = with_missing(inc, 0.05)
    eta += np.where(np.isnan(inc_m), 0.35, -0.6 * (np.log(inc) - 10.5))
    num("income", pd.array(np.where(np.isnan(inc_m), None, inc_m), dtype="Int64"), "lognormal(10.5, 0.5) whole amount, ~5 % missing", missing=0.05,
        effect="moderate, decreasing; missing is riskier")

    x = np.round(rng.lognormal(8.0, 1.2, n), 2)
    num("balance", x, "lognormal(8, 1.2) amount, 2 decimals", effect="none")

    x = rng.integers(18, 76, n)
    eta += -0.03 * (x - 45)
    num("age", x, "uniform integer 18..75", effect="moderate, decreasing")

    x = rng.integers(0, 361, n)
    eta += -0.002 * x
    num("tenure_months", x, "uniform integer 0..360", effect="weak, decreasing")

    u = np.round(rng.beta(2.0, 3.0, n), 4)
    u_m = with_missing(u, 0.05)
    eta += np.where(np.isnan(u_m), 0.3, 3.4 * (u - 0.4))
    num("utilization", u_m, "Beta(2,3) ratio, 4 decimals, ~5 % missing", missing=0.05,
        effect="strong, increasing")

    d = np.round(rng.gamma(2.0, 0.15, n), 4)
    d_m = with_missing(d, 0.05)
    eta += np.where(np.isnan(d_m), 0.0, 1.0 * (d - 0.3))
    num("dti", d_m, "Gamma(2, 0.15) debt-to-income ratio, 4 decimals, ~5 % missing", missing=0.05,
        effect="weak, increasing")

    msd = rng.integers(0, 121, n)
    never = rng.random(n) < 0.03
    msd = np.where(never, -1, msd)
    eta += np.where(never, -0.6, -0.004 * (msd - 60))
    num("months_since_delinq", msd,
        "uniform integer 0..120; -1 means not applicable (never delinquent), ~3 %",
        special=[-1], effect="weak; -1 is safer")

    x = np.round(rng.lognormal(9.5, 0.7, n), -2).astype(np.int64)
    eta += -0.1 * (np.log(np.maximum(x, 100)) - 9.5)
    num("credit_limit", x, "lognormal(9.5, 0.7) rounded to hundreds", effect="weak, decreasing")

    x = np.round(rng.random(n), 4)
    num("payment_ratio", x, "uniform(0,1), 4 decimals", effect="none")

    x = np.round(rng.normal(0.0, 1.0, n), 6)
    num("noise", x, "normal(0,1), 6 decimals", effect="none")

    # --- categorical --------------------------------------------------------------------------
    regions = [f"R{i:02d}" for i in range(1, 31)]
    zipf = 1.0 / np.arange(1, 31) ** 0.8
    region_eff = rng.normal(0.0, 0.25, 30)
    idx = cat("region", regions, zipf, "30 region codes, Zipf-like shares",
              effect="weak, per-level N(0, 0.25)")
    eta += region_eff[idx]

    idx = cat("product", ["PA", "PB", "PC", "PD"], [0.4, 0.3, 0.2, 0.1], "4 product codes",
              effect="moderate")
    eta += np.array([0.0, 0.25, 0.5, -0.3])[idx]

    idx = cat("channel", ["BRANCH", "ONLINE", "BROKER", "PHONE", "PARTNER"],
              [0.35, 0.3, 0.15, 0.1, 0.1], "5 sales channels", effect="weak")
    eta += np.array([0.0, 0.1, 0.3, 0.15, -0.1])[idx]

    cat("housing", ["OWN", "RENT", "OTHER"], [0.55, 0.35, 0.10], "3 housing codes", effect="none")

    idx = cat("employment", [f"E{i}" for i in range(1, 9)],
              [0.30, 0.25, 0.15, 0.12, 0.08, 0.06, 0.039, 0.001],
              "8 employment codes; E8 is rare (~0.1 %)", effect="moderate; E8 very risky")
    eta += np.array([0.0, 0.1, 0.2, -0.2, 0.35, -0.1, 0.5, 1.5])[idx]

    idx = cat("grade", list("ABCDEFG"), [0.15, 0.2, 0.22, 0.18, 0.12, 0.08, 0.05],
              "7 grades A..G", effect="strong, increasing")
    eta += np.array([-1.3, -0.75, -0.25, 0.25, 0.75, 1.25, 1.7])[idx]

    # --- target -------------------------------------------------------------------------------
    lo, hi = -20.0, 20.0  # intercept so that mean(p) = BAD_RATE
    for _ in range(60):
        mid = (lo + hi) / 2
        if np.mean(1.0 / (1.0 + np.exp(-(mid + eta)))) > BAD_RATE:
            hi = mid
        else:
            lo = mid
    b0 = (lo + hi) / 2
    p = 1.0 / (1.0 + np.exp(-(b0 + eta)))
    bad = (rng.random(n) < p).astype(np.int8)

    order = [c["name"] for c in meta_cols]
    df = pd.DataFrame({c: cols[c] for c in order})
    df["bad"] = bad
    for c in meta_cols:
        c["missing_share"] = round(float(pd.isna(df[c["name"]]).mean()), 6)
        if c["special_values"]:
            c["special_share"] = round(float(df[c["name"]].isin(c["special_values"]).mean()), 6)
        if c["kind"] == "numeric":
            s = df[c["name"]]
            c["dtype"] = "integer" if pd.api.types.is_integer_dtype(s) else "float"
            c["distinct"] = int(s.nunique())
        else:
            c["dtype"] = "string"
    meta = {
        "rows": n,
        "seed": seed,
        "generator": "bench/scorecard/gen.py, numpy.random.Generator(PCG64(seed))",
        "target": {"name": "bad", "values": [0, 1], "event": 1,
                   "bad_rate": round(float(bad.mean()), 6), "intercept": round(b0, 6)},
        "missing": "empty cell",
        "features": meta_cols,
    }
    return df, meta


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    t0 = time.perf_counter()
    df, meta = generate(a.rows, a.seed)
    t1 = time.perf_counter()
    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    df.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")
    tmp.replace(out)
    Path(str(out) + ".meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    t2 = time.perf_counter()
    print(f"{out}: {a.rows} rows, bad rate {meta['target']['bad_rate']:.4f}, "
          f"generated in {t1 - t0:.1f} s, written in {t2 - t1:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
