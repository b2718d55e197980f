"""Spark local mode against the command-line tool (issue 15; `make spark-bench`).

For each size (enterprises; about 10 records each, so 100,000 is 1M records and 1,000,000 is
10M), with the bench districts of `credit-supervision bench` (seed `bench`, generated and
converted to Parquet when missing):

- the CLI scoring the CSV files, then the Parquet files (`score -q … --summary-json`), wall time
  and peak memory by /usr/bin/time;
- the Spark job in local mode (`--master`, default local[2]) on the Parquet files, with the
  draw: wall time of the job (the JVM already started, after one warm-up run), and every
  partition's rows, time in the core and Python worker memory (`--stats`);
- with `--plan`: the job also works out the plan's facts and makes the one-year plan on the
  driver (seed `bench`, cycle from 2027-01-01, the district's roster and item list), against
  `credit-supervision plan` on the CSV files: seconds of the driver's plan phase, the driver's
  Python peak memory, and whether the two plan digests are the same.

Prints a Markdown table and writes every figure as JSON (`--out`).

    python spark/bench.py --cli target/release/credit-supervision [--sizes 100000,1000000]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import score_job  # noqa: E402

AS_OF = "2026-11-28"
CYCLE = "2027-01-01"


def timed(cmd):
    """(wall seconds, peak MB) of a command, by /usr/bin/time."""
    with tempfile.NamedTemporaryFile("r") as t:
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", t.name, *cmd], check=True,
                       stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        return wall, int(t.read().split()[-1]) / 1024


def district(cli, data, n):
    csv = Path(data) / f"{n}-bench-{AS_OF}"
    if not csv.exists():
        subprocess.run([cli, "generate", "--enterprises", str(n), "--seed", "bench",
                        "--as-of", AS_OF, "--out", str(csv)], check=True)
    pq = Path(str(csv) + ".parquet")
    if not pq.exists():
        subprocess.run([cli, "convert", "--from", str(csv), "--out", str(pq), "--to",
                        "parquet"], check=True)
    kinds = ("inspector.", "item.")
    files = lambda d, ext: sorted(str(p) for p in d.glob(f"*.{ext}")
                                  if not p.name.startswith(kinds))
    roster = [str(csv / "inspector.csv"), str(csv / "item.csv")]
    return files(csv, "csv"), files(pq, "parquet"), roster


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--cli", required=True)
    p.add_argument("--data", default="bench-data")
    p.add_argument("--sizes", default="100000,1000000")
    p.add_argument("--repeat", type=int, default=2)
    p.add_argument("--master", default="local[2]")
    p.add_argument("--per-partition", type=int, default=62500,
                   help="enterprises per partition (sets the partitions of each size)")
    p.add_argument("--driver-memory", default="6g")
    p.add_argument("--out", default="target/spark-bench.json")
    p.add_argument("--breakdown", action="store_true",
                   help="also time the job keyed by USCC alone, and without the core (read, "
                   "key, shuffle and Arrow transfer only), each once")
    p.add_argument("--plan", action="store_true",
                   help="also make the plan on the driver and compare it with the CLI's")
    args = p.parse_args()
    from pyspark.sql import SparkSession

    score_job.local_workers()
    spark = (SparkSession.builder.master(args.master).appName("credit-supervision bench")
             .config("spark.driver.memory", args.driver_memory)
             .config("spark.sql.shuffle.partitions", "8")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    cores = spark.sparkContext.defaultParallelism
    work = Path(tempfile.mkdtemp(prefix="cs-spark-bench-"))
    figures = []
    for n in [int(s) for s in args.sizes.split(",")]:
        csvs, parquets, roster = district(args.cli, args.data, n)
        plan_args = (["--plan-seed", "bench", "--cycle-start", CYCLE, "--roster", *roster]
                     if args.plan else [])
        records = sum(1 for f in csvs for _ in open(f, "rb")) - len(csvs)
        row = {"enterprises": n, "records": records, "cores": cores}
        for label, files in (("cli_csv", csvs), ("cli_parquet", parquets)):
            runs = [timed([args.cli, "score", "-q", *files, "--as-of", AS_OF, "--summary-json"])
                    for _ in range(args.repeat)]
            row[label] = {"seconds": [round(w, 2) for w, _ in runs],
                          "peak_mb": round(max(m for _, m in runs))}
        partitions = max(cores, -(-n // args.per_partition))
        runs = []
        for i in range(args.repeat + 1):  # the first run warms the JVM and the workers up
            out = work / f"{n}-{i}"
            stats = work / f"{n}-{i}-stats"
            job = score_job.parser().parse_args([
                *parquets, "--as-of", AS_OF, "--out", str(out), "--seed", "bench",
                "--partitions", str(partitions), "--stats", str(stats), *plan_args])
            os.makedirs(out, exist_ok=True)
            start = time.perf_counter()
            done = score_job.run(spark, job)
            wall = time.perf_counter() - start
            parts = [json.loads(line) for f in stats.glob("*.jsonl") for line in open(f)]
            if i > 0:
                runs.append((wall, done, parts))
                phases = done["seconds"]
            shutil.rmtree(out, ignore_errors=True)
        walls = [w for w, _, _ in runs]
        parts = runs[-1][2]
        row["spark"] = {
            "seconds": [round(w, 2) for w in walls],
            "partitions": partitions,
            "enterprises_per_second_per_core": round(n / statistics.median(walls) / cores),
            "core_seconds_in_scoring": round(sum(p["seconds"] for p in parts), 2),
            "partition_rows_max": max(p["rows"] for p in parts),
            "partition_arrow_mb_max": max(p["arrow_mb"] for p in parts),
            "partition_peak_mb_max": max(p["peak_mb"] for p in parts),
            "partition_growth_mb_max": round(max(p["peak_mb"] - p["rss_before_mb"]
                                                 for p in parts), 1),
            "phases": phases,
            "draw_digest": runs[-1][1]["draw"]["digest"],
        }
        draw = subprocess.run([args.cli, "draw", "-q", *csvs, "--as-of", AS_OF, "--draw-seed",
                               "bench"], check=True, capture_output=True, text=True).stdout
        row["cli_draw_digest"] = draw.split("SHA-256 ")[-1].strip()
        row["same_draw"] = row["cli_draw_digest"] == row["spark"]["draw_digest"]
        if args.plan:
            import resource

            out = work / f"{n}-cli-plan"
            wall, peak = timed([args.cli, "plan", "-q", *csvs, *roster, "--as-of", AS_OF,
                                "--plan-seed", "bench", "--cycle-start", CYCLE, "--out-dir",
                                str(out)])
            cli_plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
            spark_plan = runs[-1][1]["plan"]
            row["plan"] = {
                "cli_seconds": round(wall, 2), "cli_peak_mb": round(peak),
                "spark_plan_phase_seconds": runs[-1][1]["seconds"]["plan"],
                "driver_python_peak_mb": round(
                    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                "visits": spark_plan["visits"], "digest": spark_plan["digest"],
                "same_plan": spark_plan["digest"] == cli_plan["digest"],
            }
            shutil.rmtree(out, ignore_errors=True)
        if args.breakdown:
            for label, extra in (("uscc_key", ["--key", "uscc"]),
                                 ("no_core", ["--no-core"]),
                                 ("no_core_uscc_key", ["--no-core", "--key", "uscc"])):
                out = work / f"{n}-{label}"
                os.makedirs(out, exist_ok=True)
                job = score_job.parser().parse_args([
                    *parquets, "--as-of", AS_OF, "--out", str(out), "--seed", "bench",
                    "--partitions", str(partitions), *extra])
                start = time.perf_counter()
                score_job.run(spark, job)
                row["spark"][label + "_seconds"] = round(time.perf_counter() - start, 2)
                shutil.rmtree(out, ignore_errors=True)
        row["cli_csv"]["enterprises_per_second"] = round(n / min(row["cli_csv"]["seconds"]))
        figures.append(row)
        print(json.dumps(row), flush=True)
    spark.stop()
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(figures, indent=1))
    print("\n| enterprises | records | CLI CSV s | CLI Parquet s | Spark s (local, "
          f"{cores} cores) | Spark ent/s/core | CLI ent/s | partitions | max partition rows "
          "| worker peak MB | growth MB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in figures:
        s = r["spark"]
        print(f"| {r['enterprises']:,} | {r['records']:,} | {r['cli_csv']['seconds']} | "
              f"{r['cli_parquet']['seconds']} | {s['seconds']} | "
              f"{s['enterprises_per_second_per_core']:,} | "
              f"{r['cli_csv']['enterprises_per_second']:,} | {s['partitions']} | "
              f"{s['partition_rows_max']:,} | {s['partition_peak_mb_max']} | "
              f"{s['partition_growth_mb_max']} |")
    if args.plan:
        print("\n| enterprises | CLI plan s (load, score, plan, write) | CLI peak MB | Spark "
              "driver plan phase s | driver Python peak MB | visits | same plan digest |")
        print("|---|---|---|---|---|---|---|")
        for r in figures:
            q = r["plan"]
            print(f"| {r['enterprises']:,} | {q['cli_seconds']} | {q['cli_peak_mb']} | "
                  f"{q['spark_plan_phase_seconds']} | {q['driver_python_peak_mb']} | "
                  f"{q['visits']:,} | {q['same_plan']} |")


if __name__ == "__main__":
    main()
