"""Proof of sameness (issue 15): the synthetic district, with the rows real exports hold (a
lower-case USCC between spaces, an impossible date, a bad check digit, a repeated row),
scored and drawn by the command-line tool from its CSV files and by the Spark job in local
mode from its Parquet export, gives:

- the same rows read, accepted, duplicated, rejected and skipped for every kind;
- the same results, row for row and column for column (score, class, override, reasons, the
  digest of each enterprise's inputs…), compared sorted by USCC;
- the same draw: digest, records digest and the draw CSV's bytes;
- the same inspection plan (the roster, with conflicts of interest, and the item list given
  to the job as the CSV files a clerk keeps; a referral): ``plan.json``'s bytes, so every
  visit, team, the summary and the digest.

    CS_CLI=target/release/credit-supervision CS_ENTERPRISES=3000 python -m unittest spark/test_sameness.py

`make spark-test` builds what it needs and runs it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))
import score_job  # noqa: E402

AS_OF = "2026-11-28"
SEED = "2026年第四季度双随机抽查"
PLAN_SEED = "2027年度双随机抽查计划"
CYCLE = "2027-01-01"
ROOT = Path(__file__).resolve().parent.parent
CLI = os.environ.get("CS_CLI", str(ROOT / "target/release/credit-supervision"))
N = int(os.environ.get("CS_ENTERPRISES", "3000"))
PARTITIONS = int(os.environ.get("CS_PARTITIONS", "4"))
MASTER = os.environ.get("CS_MASTER", "local[2]")
COUNT = re.compile(r": (\w+) \(.*\) read (\d+), accepted (\d+), duplicates (\d+), "
                   r"rejected (\d+), conflicts (\d+), skipped (\d+)")


def cli(*args: str) -> subprocess.CompletedProcess:
    p = subprocess.run([CLI, *args], capture_output=True, text=True)
    if p.returncode != 0:
        raise AssertionError(f"{CLI} {' '.join(args)}: {p.stderr}")
    return p


def dirty(csv: Path, apart=lambda a, b: True) -> None:
    """What real exports hold (as tests/partition.rs writes it), and a rejected first
    registration row with another address."""
    def edit(name, f):
        p = csv / name
        lines = p.read_text(encoding="utf-8").splitlines()
        f(lines)
        p.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def penalty(lines):
        cells = lines[1].split(",")
        cells[0] = f" {cells[0].lower()} "
        lines[1] = ",".join(cells)
        cells = lines[2].split(",")
        cells[2] = "2026-02-30"
        lines[2] = ",".join(cells)

    def registration(lines):
        cells = lines[1].split(",")
        cells[0] = cells[0][:17] + ("Y" if cells[0].endswith("X") else "X")
        cells[1] = "校验码错误的企业"
        lines.append(",".join(cells))
        # An enterprise at the busiest address (集中登记) first written with an impossible date
        # and another address: the core rejects that row and keeps the next, so the enterprise
        # counts at the busy address, and its partition must be that address's.
        rows = [line.split(",") for line in lines[1:]]
        by_address = {}
        for r in rows:
            by_address.setdefault(r[8], []).append(r)
        busy = max(by_address.values(), key=len)
        target = next(r for r in busy if r[6] == "存续")  # active: counted at the address
        # An address whose partition is not the busy one's (else a wrong key would go unseen).
        lonely = next(a for a, rs in by_address.items() if len(rs) == 1 and apart(target[8], a))
        bad = list(target)
        bad[4], bad[8] = "2020-13-45", lonely
        lines.insert(lines.index(",".join(target)), ",".join(bad))

    def conflicts(lines):
        # Conflicts of interest: up to ten inspectors with an enterprise each, by USCC or by
        # name.
        regs = (csv / "registration.csv").read_text(encoding="utf-8").splitlines()[1:40]
        for i in range(1, min(11, len(lines))):
            cells = lines[i].split(",")
            ent = regs[2 * i].split(",")
            cells[5] = ent[0] if i % 2 else ent[1]
            lines[i] = ",".join(cells)

    edit("inspector.csv", conflicts)
    edit("penalty.csv", penalty)
    edit("inspection.csv", lambda lines: lines.append(lines[1]))
    edit("registration.csv", registration)


def sorted_table(t: pa.Table) -> pa.Table:
    return t.sort_by("uscc").combine_chunks()


class Sameness(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        from pyspark.sql import SparkSession

        score_job.local_workers()
        spark = SparkSession.builder.master(MASTER).appName("sameness").getOrCreate()
        spark.sparkContext.setLogLevel("ERROR")

        def apart(a, b):
            """Whether the job's keys of two addresses fall in different partitions (Spark's
            hash partitioning: pmod(murmur3(key), partitions))."""
            q = f"select pmod(hash(k), {PARTITIONS}) from values ('a:' || ?), ('a:' || ?) as t(k)"
            x, y = (r[0] for r in spark.sql(q, args=[a, b]).collect())
            return x != y

        cls.dir = Path(tempfile.mkdtemp(prefix="cs-spark-"))
        csv, parquet = cls.dir / "csv", cls.dir / "parquet"
        cli("generate", "--enterprises", str(N), "--seed", "demo", "--as-of", AS_OF,
            "--out", str(csv))
        dirty(csv, apart)
        cli("convert", "--from", str(csv), "--out", str(parquet), "--to", "parquet")
        # The penalties as a Hive table writes them: a folder of part files. The row the CLI
        # rejects (row 2) is the first row of the second part: the job must still name row 2.
        penalties = pq.read_table(parquet / "penalty.parquet")
        (parquet / "penalty.parquet").unlink()
        (parquet / "penalty").mkdir()
        pq.write_table(penalties.slice(0, 1), parquet / "penalty/part-00000.parquet")
        pq.write_table(penalties.slice(1), parquet / "penalty/part-00001.parquet")
        files = sorted(str(p) for p in csv.glob("*.csv"))
        score = cli("score", *files, "--as-of", AS_OF, "--out-parquet",
                    str(cls.dir / "cli.parquet"), "--summary-json")
        cls.cli_counts = {}
        for m in COUNT.finditer(score.stderr):
            kind, read, acc, dup, rej, con, skip = m.groups()
            cls.cli_counts[kind] = {"rows_read": int(read), "accepted": int(acc),
                                    "duplicates": int(dup), "rejected": int(rej),
                                    "conflicts": int(con), "skipped": int(skip)}
        cls.cli_summary = json.loads(score.stdout)
        draw = cli("draw", "-q", *files, "--as-of", AS_OF, "--draw-seed", SEED, "--out-csv",
                   str(cls.dir / "cli-draw.csv"))
        cls.cli_draw_digest = re.search(r"SHA-256 ([0-9a-f]{64})", draw.stdout).group(1)
        referrals = cls.dir / "referrals.txt"
        regs = (csv / "registration.csv").read_text(encoding="utf-8").splitlines()
        referrals.write_text(regs[5].split(",")[0] + "\n", encoding="utf-8")
        cli("plan", "-q", *files, "--as-of", AS_OF, "--plan-seed", PLAN_SEED, "--cycle-start",
            CYCLE, "--referrals", str(referrals), "--out-dir", str(cls.dir / "cli-plan"))

        args = score_job.parser().parse_args([
            *sorted(str(p) for p in parquet.iterdir() if not p.name.startswith(".")),
            "--as-of", AS_OF,
            "--out", str(cls.dir / "spark"), "--seed", SEED, "--partitions", str(PARTITIONS),
            "--plan-seed", PLAN_SEED, "--cycle-start", CYCLE, "--referrals", str(referrals),
            "--roster", str(csv / "inspector.csv"), str(csv / "item.csv")])
        cls.spark = score_job.run(spark, args)
        spark.stop()

    def test_every_row_is_counted_as_the_cli_counts_it(self):
        kinds = set(self.spark["counts"])
        self.assertEqual(kinds, set(self.cli_counts) - {"inspector", "item"})
        for kind in kinds:
            self.assertEqual(self.spark["counts"][kind], self.cli_counts[kind], kind)
        self.assertEqual(self.cli_counts["penalty"]["rejected"], 1)
        self.assertEqual(self.cli_counts["registration"]["rejected"], 2)
        self.assertGreaterEqual(self.cli_counts["inspection"]["duplicates"], 1)
        report = pq.read_table(self.dir / "spark/report").to_pylist()
        rejected = sorted((r["kind"], r["row"], r["column"], r["value"])
                          for r in report if r["row_type"] == "rejected")
        self.assertEqual(rejected[0][:3], ("penalty", 2, "decision_date"))
        self.assertEqual(rejected[0][3], "2026-02-30")
        self.assertEqual(rejected[1][0], "registration")

    def test_results_are_the_clis_row_for_row(self):
        cli = sorted_table(pq.read_table(self.dir / "cli.parquet"))
        spark = sorted_table(pq.read_table(self.dir / "spark/results"))
        self.assertEqual(spark.num_rows, self.cli_summary["enterprises"])
        self.assertEqual(spark.schema.names, cli.schema.names)
        for name in cli.schema.names:
            a, b = cli.column(name).to_pylist(), spark.column(name).to_pylist()
            if a != b:
                i = next(i for i, (x, y) in enumerate(zip(a, b)) if x != y)
                self.fail(f"column {name}, {cli.column('uscc')[i]}: CLI {a[i]!r}, Spark {b[i]!r}")
        classes = {c: spark.column("class").to_pylist().count(c) for c in "ABCD"}
        self.assertEqual(classes, self.cli_summary["counts"])

    def test_the_draw_is_the_clis(self):
        self.assertEqual(self.spark["draw"]["digest"], self.cli_draw_digest)
        self.assertEqual((self.dir / "spark/draw.csv").read_bytes(),
                         (self.dir / "cli-draw.csv").read_bytes())

    def test_the_plan_is_the_clis(self):
        cli_plan = (self.dir / "cli-plan/plan.json").read_bytes()
        self.assertEqual((self.dir / "spark/plan.json").read_bytes(), cli_plan)
        doc = json.loads(cli_plan)
        self.assertEqual(self.spark["plan"]["digest"], doc["digest"])
        summary = doc["summary"]
        self.assertGreater(summary["drawn"], 100)
        self.assertIn("referral", summary["triggers"])
        self.assertGreater(summary["inspectors"], 0)


if __name__ == "__main__":
    unittest.main()
