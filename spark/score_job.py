"""Score a province or the nation in Spark with the credit-supervision core (issue 15).

Reads one table per record kind (Parquet files or folders, as Hive tables export them; column
names as the national systems' exports or our keys, mapped by the core exactly as the
command-line tool maps a CSV's headers), puts them in one long table with a ``kind`` column,
partitions it so that each partition holds all the records of its enterprises and every
enterprise registered at the same address (the key: the registered address of the
enterprise's first registration row the core accepts, trimmed; else its USCC, trimmed and in
upper case),
scores every partition with ``mapInArrow`` and the core, and writes:

- ``OUT/results/``: one row per enterprise (Parquet; the columns of the CLI's ``--out-parquet``);
- ``OUT/report/``: every rejected and skipped row (kind, row, column, value, reason), and the
  ``counts`` rows per partition and kind;
- ``OUT/counts.json``: rows read, accepted, duplicates, conflicts, rejected and skipped per kind
  (every row read is one of accepted, duplicate, conflict, rejected or skipped);
- with ``--seed``: the draw, made on the driver from (uscc, class, digest) by the same seeded
  algorithm as the CLI and the page: ``OUT/draw.csv`` (the CLI's bytes) and ``OUT/draw.json``;
- with ``--plan-seed`` (and the roster and item list among the tables): the inspection plan of
  the cycle from ``--cycle-start``, made on the driver from what each partition worked out of
  its enterprises (stratum, 100 % groups, triggers, items, last team, conflicts), by the same
  seeded algorithm as the CLI: ``OUT/plan.json`` (the CLI's ``plan.json``, the same bytes).

    spark-submit spark/score_job.py --as-of 2026-11-28 --out OUT [--seed S]
        [--plan-seed P --cycle-start 2027-01-01 [--referrals FILE]] TABLE...

Run ``python spark/score_job.py --help`` for every option.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from functools import reduce
from typing import Dict, List, Optional, Sequence

import pyarrow as pa

import credit_supervision as cs

# Columns the job adds; the core reads `kind` and `_row`, the rest only order and key rows.
KIND, ROW, SOURCE, PART, USCC_KEY, ADDRESS, KEY = (
    "kind", "_row", "_source", "_part", "_uscc", "_address", "_key")

# Trims as the core trims a cell (Unicode white space at either end).
TRIM = r"(?U)^\s+|\s+$"

REPORT_FIELDS = [
    ("kind", pa.string()), ("row_type", pa.string()), ("rows_read", pa.int64()),
    ("accepted", pa.int64()), ("duplicates", pa.int64()), ("conflicts", pa.int64()),
    ("rejected", pa.int64()), ("skipped", pa.int64()), ("row", pa.int64()),
    ("column", pa.string()), ("value", pa.string()), ("reason", pa.string()),
    ("message", pa.string()),
]
RESULT_FIELDS = [
    ("uscc", pa.string()), ("name", pa.string()), ("region", pa.string()),
    ("entity_type", pa.string()), ("status", pa.string()), ("score", pa.float64()),
    ("class", pa.string()), ("class_before_override", pa.string()), ("override", pa.string()),
    ("reasons", pa.string()), ("as_of", pa.date32()), ("digest", pa.string()),
]
# The plan's facts each partition adds to its results when planning (see the package's doc).
FACT_FIELDS = [
    ("history", pa.string()), ("plan_start", pa.string()), ("plan_active", pa.bool_()),
    ("plan_region", pa.string()), ("plan_stratum", pa.string()), ("plan_groups", pa.int64()),
    ("plan_triggers", pa.list_(pa.string())), ("plan_items", pa.list_(pa.string())),
    ("plan_last_team", pa.string()), ("plan_recent", pa.bool_()),
    ("plan_conflicts", pa.list_(pa.string())),
]
COUNTS = ["rows_read", "accepted", "duplicates", "conflicts", "rejected", "skipped"]


def output_schema(planning: bool = False) -> pa.Schema:
    """What each partition yields: results (with the plan's facts when planning) and report
    rows in one schema, told apart by `record` (report columns prefixed `r_`)."""
    fields = [pa.field("record", pa.string())]
    fields += [pa.field(n, t) for n, t in RESULT_FIELDS]
    if planning:
        fields += [pa.field(n, t) for n, t in FACT_FIELDS]
    fields += [pa.field("r_" + n, t) for n, t in REPORT_FIELDS]
    return pa.schema(fields)


def spark_ddl(schema: pa.Schema) -> str:
    names = {pa.string(): "string", pa.float64(): "double", pa.int64(): "bigint",
             pa.date32(): "date", pa.bool_(): "boolean", pa.list_(pa.string()): "array<string>"}
    return ", ".join(f"`{f.name}` {names[f.type]}" for f in schema)


def memory_mb() -> Dict[str, float]:
    """This process's resident and peak resident memory (Linux), in MB."""
    out = {}
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                out[line[:5]] = int(line.split()[1]) / 1024
    return {"rss_mb": round(out.get("VmRSS", 0), 1), "peak_mb": round(out.get("VmHWM", 0), 1)}


def scorer(policy_json: Optional[str], as_of: str, stats: Optional[str] = None,
           roster: Optional[pa.Table] = None, cycle_start: Optional[str] = None):
    """The function `mapInArrow` runs on every partition; with `roster` (the roster and item
    list as a long table), the results carry the plan's facts for the cycle from
    `cycle_start`. With `stats` (a folder), each partition also writes one JSON line there:
    rows in, Arrow bytes in, enterprises out, seconds in the core, and the Python worker's
    memory before and at its peak (the peak reset first, so it is this partition's)."""
    schema = output_schema(roster is not None)
    n_results = len(RESULT_FIELDS) + (len(FACT_FIELDS) if roster is not None else 0)

    def score(batches):
        return cs.score_partition_with_report(batches, policy_json, as_of, roster, cycle_start)

    def measured(batches):
        batches = list(batches)
        try:
            with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
                f.write("5")  # resets the peak (VmHWM) to the current size
        except OSError:
            pass
        before = memory_mb()
        t = time.perf_counter()
        results, report = score(batches)
        line = {
            "rows": sum(b.num_rows for b in batches),
            "arrow_mb": round(sum(b.nbytes for b in batches) / 2**20, 1),
            "enterprises": results.num_rows,
            "seconds": round(time.perf_counter() - t, 3),
            "rss_before_mb": before["rss_mb"],
            "peak_mb": memory_mb()["peak_mb"],
        }
        os.makedirs(stats, exist_ok=True)
        with open(os.path.join(stats, f"{os.getpid()}.jsonl"), "a", encoding="utf-8") as f:
            f.write(json.dumps(line) + "\n")
        return results, report

    def run(batches):
        if stats:
            results, report = measured(batches)
        else:
            results, report = score(batches)
        for batch, first, last in ((results, 1, 1 + n_results),
                                   (report, 1 + n_results, len(schema))):
            n = batch.num_rows
            if n == 0:
                continue
            kind = "result" if first == 1 else "report"
            arrays = [pa.array([kind] * n, pa.string())]
            for i, f in enumerate(schema):
                if i == 0:
                    continue
                if first <= i < last:
                    arrays.append(batch.column(i - first).cast(f.type))
                else:
                    arrays.append(pa.nulls(n, f.type))
            yield pa.RecordBatch.from_arrays(arrays, schema=schema)

    return run


def read_tables(spark, paths: Sequence[str], mapping_json: Optional[str], planning=None):
    """Each input as (kind, DataFrame with key-named columns + kind, _source, _part, _row; rows
    numbered across the table's files, see `numbered`).
    A table of the roster or the item list goes to `planning` (a list) as a pyarrow Table in
    the same form, when given; else it is left out."""
    from pyspark.sql import functions as F

    kinds = set(cs.record_kinds())
    tables = []
    for i, path in enumerate(paths):
        df = spark.read.parquet(path)
        kind, keys = cs.key_columns(df.columns, None, mapping_json)
        if kind not in kinds:
            if planning is None:
                print(f"{path}: {kind} is a planning input, not records of enterprises: "
                      "not scored", file=sys.stderr)
            else:
                t = df.toArrow()
                planning.append(keyed_table(t.column_names, t.columns, kind, keys))
            continue
        unknown = [c for c, k in zip(df.columns, keys) if k is None]
        if unknown:
            print(f"{path}: columns no {kind} column has, not read: {', '.join(unknown)}",
                  file=sys.stderr)
        cols = [F.col(f"`{c}`").alias(k) for c, k in zip(df.columns, keys) if k is not None]
        cols += [
            F.lit(kind).alias(KIND),
            F.lit(i).alias(SOURCE),
            F.col("_metadata.file_path").alias(PART),
            (F.col("_metadata.row_index") + 1).alias(ROW),
        ]
        tables.append((kind, numbered(spark, df.select(*cols))))
    return tables


def numbered(spark, df):
    """Numbers the rows of a table written as several files (a Hive table's part files) across
    the whole table, in the files' path order, as if it were one file: `_row` is the row's
    place in its file plus the rows of the files before it. A report then names one row of
    the table, not one of several."""
    from pyspark.sql import functions as F

    if len(df.inputFiles()) < 2:  # one file: its own numbers (no pass to count rows)
        return df
    counts = sorted((r[PART], r["count"]) for r in df.groupBy(PART).count().collect())
    if len(counts) < 2:
        return df
    offsets, before = [], 0
    for part, n in counts:
        offsets.append((part, before))
        before += n
    off = spark.createDataFrame(offsets, f"`{PART}` string, _offset bigint")
    return (df.join(F.broadcast(off), PART)
            .withColumn(ROW, F.col(ROW) + F.col("_offset")).drop("_offset"))


def keyed_table(headers, columns, kind: str, keys) -> pa.Table:
    """A planning table as a long table: its columns by key (as text), its kind, its rows'
    numbers."""
    n = len(columns[0]) if columns else 0
    data = {k: pa.array(c, pa.string()) if isinstance(c, list) else c.cast(pa.string())
            for c, k in zip(columns, keys) if k is not None}
    unknown = [h for h, k in zip(headers, keys) if k is None]
    if unknown:
        print(f"{kind}: columns no {kind} column has, not read: {', '.join(unknown)}",
              file=sys.stderr)
    data[KIND] = pa.array([kind] * n, pa.string())
    data[ROW] = pa.array(range(1, n + 1), pa.int64())
    return pa.table(data)


def read_roster(paths: Sequence[str], mapping_json: Optional[str]) -> List[pa.Table]:
    """The roster and item list from CSV files (UTF-8, else GB 18030, as a clerk saves them
    from Excel) or Parquet files, each as a long table (see `keyed_table`)."""
    import csv
    import pyarrow.parquet as pq

    out = []
    for path in paths:
        if path.endswith(".parquet"):
            t = pq.read_table(path)
            headers, columns = t.column_names, t.columns
        else:
            with open(path, "rb") as f:
                raw = f.read()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("gb18030")
            rows = list(csv.reader(text.splitlines()))
            headers = rows[0] if rows else []
            columns = [[(r[i] if i < len(r) and r[i] != "" else None) for r in rows[1:]]
                       for i in range(len(headers))]
        kind, keys = cs.key_columns(headers, None, mapping_json)
        if kind in cs.record_kinds():
            raise SystemExit(f"{path}: {kind} records, not the roster or the item list")
        out.append(keyed_table(headers, columns, kind, keys))
    return out


def roster_table(tables: List[pa.Table]) -> pa.Table:
    """The planning tables as one long table (columns a table lacks are null)."""
    if not tables:
        return pa.table({KIND: pa.array([], pa.string())})
    return pa.concat_tables(tables, promote_options="default").combine_chunks()


def long_table(tables):
    """One long table; a key whose type differs between tables is read as text in all."""
    from pyspark.sql import functions as F

    types: Dict[str, set] = {}
    for _, df in tables:
        for f in df.schema.fields:
            types.setdefault(f.name, set()).add(f.dataType.simpleString())
    mixed = {k for k, t in types.items() if len(t) > 1}
    frames = [
        df.select(*[F.col(c).cast("string").alias(c) if c in mixed else F.col(c)
                    for c in df.columns])
        for _, df in tables
    ]
    return reduce(lambda a, b: a.unionByName(b, allowMissingColumns=True), frames)


def accepted():
    """A `mapInArrow` function over registration rows: the rows the core accepts (each batch
    read by the core with `_row` set to the row's position, so its rejected and skipped rows
    are known), with their key, address and place in the input. An enterprise is counted at
    the address of the registration row the core keeps: its first row the core accepts."""
    keep = [USCC_KEY, "address", SOURCE, PART, ROW]

    def run(batches):
        for b in batches:
            n = b.num_rows
            if n == 0:
                continue
            names = [c for c in b.schema.names if c not in (SOURCE, PART, USCC_KEY)]
            arrays = [pa.array(range(1, n + 1), pa.int64()) if c == ROW else
                      b.column(b.schema.get_field_index(c)) for c in names]
            probe = pa.RecordBatch.from_arrays(arrays, names=names)
            report = cs.read_partition([probe])
            types, rows = report.column("row_type").to_pylist(), report.column("row").to_pylist()
            out = {r for t, r in zip(types, rows) if t != "counts"}
            mask = pa.array([i + 1 not in out for i in range(n)])
            yield b.filter(mask).select(keep)

    return run


def keyed(df, by_address: bool = True, broadcast: bool = False):
    """Adds the partition key (see the module's doc); `by_address=False` keys by USCC alone,
    which only a measurement of the address join's cost should do (enterprises at a shared
    address then lose the address indicators' points)."""
    from pyspark.sql import functions as F

    df = df.withColumn(USCC_KEY, F.upper(F.regexp_replace(F.col("uscc"), TRIM, "")))
    if "address" not in df.columns or not by_address:
        return df.withColumn(KEY, F.concat(F.lit("u:"), F.col(USCC_KEY)))
    regs = df.where(F.col(KIND) == "registration")
    types = dict(regs.dtypes)
    schema = ", ".join(f"`{c}` {types[c]}" for c in (USCC_KEY, "address", SOURCE, PART, ROW))
    first = (
        regs.mapInArrow(accepted(), schema)
        .select(USCC_KEY, F.regexp_replace(F.col("address"), TRIM, "").alias(ADDRESS),
                F.struct(SOURCE, PART, ROW).alias("_at"))
        .where(F.col(ADDRESS) != "")
        .groupBy(USCC_KEY)
        .agg(F.min_by(ADDRESS, "_at").alias(ADDRESS))
    )
    df = df.join(F.broadcast(first) if broadcast else first, USCC_KEY, "left")
    return df.withColumn(
        KEY,
        F.when(F.col(ADDRESS).isNotNull(), F.concat(F.lit("a:"), F.col(ADDRESS)))
        .otherwise(F.concat(F.lit("u:"), F.col(USCC_KEY))),
    )


def run(spark, args) -> dict:
    """Runs the job; returns what it did (counts, draw, timings)."""
    from pyspark.sql import functions as F

    started = time.time()
    # The workers import this module to run its functions when it was imported (by a test or
    # the benchmark) rather than submitted.
    spark.sparkContext.addPyFile(os.path.abspath(__file__))
    policy_json = open(args.policy, encoding="utf-8").read() if args.policy else None
    mapping_json = open(args.mapping, encoding="utf-8").read() if args.mapping else None
    planning_seed = getattr(args, "plan_seed", None)
    planning = [] if planning_seed else None
    tables = read_tables(spark, args.tables, mapping_json, planning)
    roster = None
    if planning_seed:
        roster = roster_table(planning + read_roster(getattr(args, "roster", None) or [],
                                                     mapping_json))
    if not tables:
        raise SystemExit("no table of records of enterprises given")
    df = keyed(long_table(tables), getattr(args, "key", "address") == "address",
               getattr(args, "broadcast_keys", False))
    partitions = args.partitions or spark.sparkContext.defaultParallelism
    df = df.repartition(partitions, KEY).sortWithinPartitions(SOURCE, PART, ROW)
    df = df.drop(SOURCE, PART, USCC_KEY, ADDRESS, KEY)
    schema = output_schema(roster is not None)
    stats = getattr(args, "stats", None)
    cycle_start = getattr(args, "cycle_start", None)
    if getattr(args, "no_core", False):
        # Measurement only: the same reading, keying, shuffle and Arrow transfer, no scoring.
        def count_only(batches):
            yield pa.RecordBatch.from_pydict({"rows": [sum(b.num_rows for b in batches)]})

        rows = df.mapInArrow(count_only, "rows bigint").agg(F.sum("rows")).collect()[0][0]
        return {"rows": rows, "partitions": partitions,
                "seconds": {"total": round(time.time() - started, 2)}}
    out = df.mapInArrow(scorer(policy_json, args.as_of, stats, roster, cycle_start),
                        spark_ddl(schema)).persist()
    results = out.where(F.col("record") == "result").select(*[n for n, _ in RESULT_FIELDS])
    report = out.where(F.col("record") == "report").select(
        *[F.col("r_" + n).alias(n) for n, _ in REPORT_FIELDS])
    results.write.mode("overwrite").parquet(os.path.join(args.out, "results"))
    report.write.mode("overwrite").parquet(os.path.join(args.out, "report"))
    written = time.time()
    counts = {
        r["kind"]: {c: int(r[c]) for c in COUNTS}
        for r in report.where(F.col("row_type") == "counts")
        .groupBy("kind").agg(*[F.sum(c).alias(c) for c in COUNTS]).collect()
    }
    done = {"counts": counts, "enterprises": results.count(), "partitions": partitions}
    counted = time.time()
    if args.seed:
        keys = results.select("uscc", "class", "digest").toArrow()
        d = cs.draw(keys, policy_json, args.as_of, args.seed, args.ratio)
        drawn = spark.createDataFrame([(u,) for u in d.usccs], "uscc string")
        rows = results.join(drawn, "uscc").select("uscc", "name", "region", "class", "score")
        with open(os.path.join(args.out, "draw.csv"), "wb") as f:
            f.write(d.csv(rows.toArrow()))
        with open(os.path.join(args.out, "draw.json"), "w", encoding="utf-8") as f:
            f.write(d.json())
        done["draw"] = json.loads(d.json())
    drawn = time.time()
    if planning_seed:
        facts = out.where(F.col("record") == "result").select(
            "uscc", "class", "digest", *[n for n, _ in FACT_FIELDS]).toArrow()
        referrals = []
        if getattr(args, "referrals", None):
            with open(args.referrals, encoding="utf-8-sig") as f:
                referrals = [line.strip() for line in f if line.strip()]
        p = cs.plan(facts, roster, policy_json, args.as_of, planning_seed, cycle_start,
                    referrals)
        with open(os.path.join(args.out, "plan.json"), "wb") as f:
            f.write(p.json().encode("utf-8"))
        done["plan"] = {"digest": p.digest, "visits": p.visits,
                        "records_digest": p.records_digest, "roster_digest": p.roster_digest}
    out.unpersist()
    end = time.time()
    done["seconds"] = {"read_key_shuffle_score_write": round(written - started, 2),
                       "counts": round(counted - written, 2),
                       "draw": round(drawn - counted, 2), "plan": round(end - drawn, 2),
                       "total": round(end - started, 2)}
    with open(os.path.join(args.out, "counts.json"), "w", encoding="utf-8") as f:
        json.dump(done, f, ensure_ascii=False, indent=1)
    return done


def local_workers() -> None:
    """In local mode the Python workers run this interpreter (where pyarrow and this package
    are installed), unless PYSPARK_PYTHON says otherwise, and Spark binds to 127.0.0.1
    unless SPARK_LOCAL_IP says otherwise; set before the session starts."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    # Bind to the loopback interface only (not whatever the host name resolves to).
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("tables", nargs="+", help="Parquet files or folders, one table per kind; "
                   "given in the order the CLI would load them")
    p.add_argument("--as-of", required=True, help="score as of this date (YYYY-MM-DD)")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--policy", help="a policy JSON file (default: the built-in policy)")
    p.add_argument("--mapping", help="a header mapping JSON file (header -> key)")
    p.add_argument("--seed", help="draw with this seed text after scoring")
    p.add_argument("--ratio", type=float, help="overall ratio of the draw (default: the policy's)")
    p.add_argument("--plan-seed", help="make the inspection plan with this seed text (publish "
                   "it): needs the roster and the item list (among the tables, or --roster)")
    p.add_argument("--cycle-start", help="first day of the plan's cycle (default: --as-of)")
    p.add_argument("--roster", nargs="+", help="the roster and the item list as CSV (UTF-8 or "
                   "GB 18030) or Parquet files, for the plan")
    p.add_argument("--referrals", help="a file of USCCs referred by other authorities, one per "
                   "line, for the plan")
    p.add_argument("--partitions", type=int, help="partitions (default: Spark's parallelism)")
    p.add_argument("--master", help="Spark master when not run by spark-submit (e.g. local[2])")
    p.add_argument("--key", choices=["address", "uscc"], default="address",
                   help="partition key; `uscc` only to measure the address join's cost "
                   "(results then differ for enterprises at shared addresses)")
    p.add_argument("--broadcast-keys", action="store_true",
                   help="send the (USCC → address) keys to every executor instead of shuffling "
                   "the records to join them: one shuffle instead of two, for a province (the "
                   "keys of 7M enterprises are a few hundred MB), not the nation")
    p.add_argument("--no-core", action="store_true",
                   help="measurement only: read, key, shuffle and hand the partitions over, "
                   "without scoring or writing")
    p.add_argument("--stats", help="a folder: each partition writes its rows, time and memory "
                   "there (one JSON line)")
    return p


def main(argv: Optional[List[str]] = None) -> None:
    args = parser().parse_args(argv)
    from pyspark.sql import SparkSession

    b = SparkSession.builder.appName("credit-supervision")
    if args.master:
        b = b.master(args.master)
        if args.master.startswith("local"):
            local_workers()
    spark = b.getOrCreate()
    os.makedirs(args.out, exist_ok=True)
    done = run(spark, args)
    print(json.dumps(done, ensure_ascii=False))
    spark.stop()


if __name__ == "__main__":
    main()
