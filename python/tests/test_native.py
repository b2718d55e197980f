"""The Python package (issue 15): a partition given as an Arrow long table is scored, every row
read is accounted for, errors say where and why, the header mapping is the files', and the
draw from results is reproducible from its seed. Run: python -m unittest discover python/tests
"""

import json
import unittest

import pyarrow as pa

import credit_supervision as cs

AS_OF = "2026-11-28"
A, B, C = "9142011230GB1BWL2T", "92420112MA495AFD9M", "91420112MANR382N2D"


CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc(n):
    """A valid USCC numbered n (GB 32100-2015 check character)."""
    body = "91420112MA4K" + "".join(CHARSET[(n // 31 ** i) % 31] for i in reversed(range(5)))
    total = sum(CHARSET.index(c) * w for c, w in zip(body, WEIGHTS))
    return body + CHARSET[(31 - total % 31) % 31]


def table(rows):
    """A long table from dicts (missing cells null; every column text but `_row`)."""
    names = []
    for r in rows:
        for k in r:
            if k not in names:
                names.append(k)
    cols = {n: [r.get(n) for r in rows] for n in names}
    return pa.table({n: pa.array(v, pa.int64() if n == "_row" else pa.string())
                     for n, v in cols.items()})


def registration(uscc, row, established="2015-03-01", address="吴家山街道1号", status="存续"):
    return {"kind": "registration", "_row": row, "uscc": uscc, "name": "企业" + uscc[-4:],
            "entity_type": "有限责任公司", "established": established, "status": status,
            "region": "吴家山街道", "address": address}


def penalty(uscc, row, date="2026-05-01", number="武东市监处罚〔2026〕1号"):
    return {"kind": "penalty", "_row": row, "uscc": uscc, "decision_no": number,
            "decision_date": date, "procedure": "普通", "penalty_kinds": "罚款", "fine": "20000"}


def rows_of(batch):
    return sorted(batch.to_pylist(), key=lambda r: r["uscc"])


class ScorePartition(unittest.TestCase):
    def test_results_and_report_of_a_partition(self):
        t = table([registration(A, 1), registration(B, 2), registration(C, 7, "2020-13-45"),
                   penalty(A, 1)])
        results, report = cs.score_partition_with_report(t, None, AS_OF)
        self.assertEqual(results.schema.names, [
            "uscc", "name", "region", "entity_type", "status", "score", "class",
            "class_before_override", "override", "reasons", "as_of", "digest"])
        got = rows_of(results)
        self.assertEqual([r["uscc"] for r in got], [A, B])
        a, b = got
        self.assertLess(a["score"], b["score"], "the penalty costs A points")
        self.assertIn("行政处罚", a["reasons"])
        self.assertEqual(str(a["as_of"]), AS_OF)
        self.assertRegex(a["digest"], r"^[0-9a-f]{32}$")
        self.assertIn(a["class"], "ABCD")
        counts = {r["kind"]: r for r in report.to_pylist() if r["row_type"] == "counts"}
        reg = counts["registration"]
        self.assertEqual((reg["rows_read"], reg["accepted"], reg["rejected"]), (3, 2, 1))
        self.assertEqual((counts["penalty"]["rows_read"], counts["penalty"]["accepted"]), (1, 1))
        rejected = [r for r in report.to_pylist() if r["row_type"] == "rejected"]
        self.assertEqual(len(rejected), 1)
        self.assertEqual((rejected[0]["kind"], rejected[0]["row"], rejected[0]["column"],
                          rejected[0]["value"]), ("registration", 7, "established", "2020-13-45"))
        self.assertTrue(rejected[0]["message"])
        # Read without scoring: the same row accounting.
        self.assertEqual(cs.read_partition(t).to_pylist(), report.to_pylist())
        with self.assertRaisesRegex(ValueError, "no `kind` column"):
            cs.read_partition(pa.table({"uscc": [A]}))
        # score_partition gives the same results alone.
        self.assertEqual(rows_of(cs.score_partition(t, None, AS_OF)), got)

    def test_an_enterprise_scores_the_same_in_any_partition_and_batching(self):
        own = [registration(A, 1), penalty(A, 1)]
        alone = cs.score_partition(table(own), None, AS_OF)
        # Another partition: other enterprises at other addresses, the rows in several batches.
        t = table([registration(B, 2, address="将军路2号"), *own,
                   registration(C, 3, address="径河路3号")])
        batches = t.to_batches(max_chunksize=2)
        self.assertGreater(len(batches), 1)
        mixed = cs.score_partition(iter(batches), None, AS_OF)
        [x] = alone.to_pylist()
        [y] = [r for r in mixed.to_pylist() if r["uscc"] == A]
        self.assertEqual(x, y)

    def test_enterprises_at_one_address_count_together(self):
        # 20 active enterprises at one address (the default cluster size): each loses the
        # points of a shared address, but only when the partition holds all 20.
        usccs = [uscc(n) for n in range(20)]
        regs = [registration(u, i + 1, address="东西湖大道1号") for i, u in enumerate(usccs)]
        together = {r["uscc"]: r["score"] for r in cs.score_partition(table(regs), None, AS_OF).to_pylist()}
        split = {r["uscc"]: r["score"]
                 for part in (regs[:10], regs[10:])
                 for r in cs.score_partition(table(part), None, AS_OF).to_pylist()}
        self.assertEqual(set(together), set(usccs))
        for u in usccs:
            self.assertAlmostEqual(split[u] - together[u], 3.0, msg=u)

    def test_errors_say_where_and_why(self):
        bad = table([registration(A, 1), {"kind": "penalties", "_row": 12, "uscc": A}])
        with self.assertRaisesRegex(ValueError, r"row 12.*penalties"):
            cs.score_partition(bad, None, AS_OF)
        with self.assertRaisesRegex(ValueError, "no `kind` column"):
            cs.score_partition(pa.table({"uscc": [A]}), None, AS_OF)
        with self.assertRaisesRegex(ValueError, "as_of"):
            cs.score_partition(table([registration(A, 1)]), None, "2026-02-30")
        with self.assertRaises(ValueError):
            cs.score_partition(table([registration(A, 1)]), "{not json", AS_OF)
        with self.assertRaisesRegex(ValueError, "established"):
            reg = registration(A, 1)
            del reg["established"]
            cs.score_partition(table([reg]), None, AS_OF)


class Mapping(unittest.TestCase):
    def test_national_headers_map_to_keys(self):
        kind, keys = cs.key_columns(["统一社会信用代码", "处罚决定书文号", "处罚决定日期", "处罚种类",
                                     "备注"])
        self.assertEqual(kind, "penalty")
        self.assertEqual(keys, ["uscc", "decision_no", "decision_date", "penalty_kinds", None])
        kind, keys = cs.key_columns(["信用代码", "决定书号", "decision_date", "penalty_kinds"],
                                    "penalty",
                                    json.dumps({"信用代码": "uscc", "决定书号": "decision_no"}))
        self.assertEqual(keys, ["uscc", "decision_no", "decision_date", "penalty_kinds"])
        with self.assertRaisesRegex(ValueError, "decision_date"):
            cs.key_columns(["统一社会信用代码", "处罚决定书文号"], "penalty")
        self.assertEqual(cs.record_kinds()[0], "registration")
        self.assertRegex(cs.policy_digest(), r"^[0-9a-f]{64}$")


class Draw(unittest.TestCase):
    def test_the_draw_is_reproducible_from_its_seed(self):
        regs = [registration(u, i + 1, address=f"路{i}号")
                for i, u in enumerate([A, B, C, uscc(1), uscc(2)])]
        results = cs.score_partition(table(regs), None, AS_OF)
        d1 = cs.draw(results, None, AS_OF, "seed-1", 0.5)
        d2 = cs.draw(pa.Table.from_batches([results]).to_reader(), None, AS_OF, "seed-1", 0.5)
        self.assertEqual((d1.digest, d1.usccs), (d2.digest, d2.usccs))
        self.assertRegex(d1.records_digest, r"^[0-9a-f]{64}$")
        info = json.loads(d1.json())
        self.assertEqual(info["sampleSize"], len(d1.usccs))
        self.assertEqual(info["seed"], "seed-1")
        csv = d1.csv(results).decode("utf-8-sig").splitlines()
        self.assertEqual(csv[0], "序号,统一社会信用代码,企业名称,所属区域,风险分类,分数")
        self.assertEqual([line.split(",")[1] for line in csv[1:1 + len(d1.usccs)]], d1.usccs)
        self.assertTrue(any(d1.digest in line for line in csv))
        other = [cs.draw(results, None, AS_OF, f"seed-{i}", 0.5).digest for i in range(2, 6)]
        self.assertNotIn(d1.digest, other)
        with self.assertRaisesRegex(ValueError, "digest"):
            cs.draw(results.drop_columns(["digest"]), None, AS_OF, "seed-1")
        with self.assertRaisesRegex(ValueError, "seed"):
            cs.draw(results, None, AS_OF, "  ")


def roster():
    """Three inspectors (one with a conflict of interest with A) and two items, as one long
    table with the national headers."""
    people = [("42011200001", "张伟", "公示信息、食品安全", A), ("42011200002", "周峰", "公示信息", ""),
              ("42011200003", "林宇", "公示信息、食品安全", "")]
    rows = [{"kind": "inspector", "执法证号": i, "姓名": n, "所属单位": "区市场监管局",
             "执法资质": q, "所属区域": "吴家山街道", "回避对象": c or None, "在岗状态": "在岗"}
            for i, n, q, c in people]
    rows += [{"kind": "item", "事项编码": code, "事项名称": name, "实施部门": "区市场监管局",
              "检查依据": "《企业信息公示暂行条例》第十四条", "检查对象": "企业", "事项类别": "一般检查事项",
              "所需资质": "公示信息"}
             for code, name in (("CCSX-001", "企业公示信息抽查"), ("CCSX-002", "广告发布抽查"))]
    return table(rows)


class Plan(unittest.TestCase):
    def test_the_plan_from_partitions_is_the_plan_of_the_whole(self):
        usccs = [A, B, C] + [uscc(n) for n in range(40)]
        regs = [registration(u, i + 1, address=f"路{i}号") for i, u in enumerate(usccs)]
        r = roster()
        start = "2027-01-01"
        whole = cs.score_partition(table(regs + [penalty(A, 1)]), None, AS_OF, r, start)
        parts = [cs.score_partition(table(regs[:20] + [penalty(A, 1)]), None, AS_OF, r, start),
                 cs.score_partition(table(regs[20:]), None, AS_OF, r, start)]
        self.assertIn("plan_stratum", whole.schema.names)
        self.assertEqual(whole.schema.names[:12], parts[0].schema.names[:12])
        p1 = cs.plan(whole, r, None, AS_OF, "2027年度计划", start, [B, A])
        p2 = cs.plan(iter(parts[::-1]), r, None, AS_OF, "2027年度计划", start, [B, A])
        self.assertEqual(p1.json(), p2.json())
        self.assertRegex(p1.digest, r"^[0-9a-f]{64}$")
        doc = json.loads(p1.json())
        self.assertEqual(doc["digest"], p1.digest)
        self.assertEqual(doc["cycleStart"], start)
        self.assertEqual(len(doc["visits"]), p1.visits)
        self.assertGreater(p1.visits, 0)
        planned = {v["uscc"] for v in doc["visits"]}
        self.assertTrue({A, B} <= planned, "the referrals are planned")
        for v in doc["visits"]:
            self.assertTrue(v["team"], v)
            if v["uscc"] == A:
                self.assertNotIn("42011200001", v["team"], "the conflict of interest is kept out")
        self.assertNotEqual(cs.plan(whole, r, None, AS_OF, "another", start).digest, p1.digest)

    def test_plan_errors_say_where_and_why(self):
        r = roster()
        t = table([registration(A, 1)])
        facts = cs.score_partition(t, None, AS_OF, r, "2027-01-01")
        with self.assertRaisesRegex(ValueError, "plan_start.*2027-04-01"):
            cs.plan(facts, r, None, AS_OF, "s", "2027-04-01")
        with self.assertRaisesRegex(ValueError, "history"):
            cs.plan(cs.score_partition(t, None, AS_OF), r, None, AS_OF, "s", "2027-01-01")
        with self.assertRaisesRegex(ValueError, "given twice"):
            cs.plan([facts, facts], r, None, AS_OF, "s", "2027-01-01")
        with self.assertRaisesRegex(ValueError, "cycle_start"):
            cs.score_partition(t, None, AS_OF, r, "2027-02-30")
        with self.assertRaisesRegex(ValueError, "inspector"):
            rows = [dict(x, _row=i + 2) for i, x in enumerate(r.to_pylist())]
            cs.score_partition(table([registration(A, 1), *rows]), None, AS_OF)


if __name__ == "__main__":
    unittest.main()
