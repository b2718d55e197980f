"""The credit-supervision core for Python and Spark.

The same Rust core as the command-line tool and the browser page, built as one abi3 wheel.
Arrow data goes in and out as pyarrow objects through the Arrow C interfaces (no copy at the
boundary).

A partition is one long table: a ``kind`` column naming each row's record kind (``registration``,
``annual_report``, ``licence``, ``penalty``, ``inspection``, ``list_entry``, ``commitment``,
``complaint``, or the Chinese names), one column per record column (named by key, such as
``uscc`` or ``established``, or by any header the kind's mapping knows), and optionally ``_row``,
each row's number in the table it came from (errors name it). It must hold all the records
of its enterprises and every enterprise registered at the same address as one of them (the
address indicators count across enterprises): partition by the registered address of
the enterprise's first registration row the core accepts (trimmed), else by its USCC (trimmed, upper case), as
``spark/score_job.py`` does.

Results (one row per enterprise): ``uscc``, ``name``, ``region``, ``entity_type``, ``status``,
``score`` (double), ``class`` and ``class_before_override`` (``A``–``D``, ``-`` unclassified),
``override`` (``serious_list``, ``abnormal_list``, ``manual`` or null), ``reasons``, ``as_of``
(date) and ``digest`` (the digest of the enterprise's inputs, 32 hex digits).

For the inspection plan, each partition is also given the roster and the item list (one long
table with the kinds ``inspector`` and ``item``) and the cycle's first day: its results then
carry the plan's facts of each enterprise (``history``, ``plan_start``, ``plan_active``,
``plan_region``, ``plan_stratum``, ``plan_groups``, ``plan_triggers``, ``plan_items``,
``plan_last_team``, ``plan_recent``, ``plan_conflicts``), and :func:`plan` makes the plan on
the driver from them, as the command-line tool plans the whole district.
"""

from __future__ import annotations

from typing import Any, Iterable, Optional, Tuple

import pyarrow as pa

from . import _native

__version__ = _native.__version__

Draw = _native.Draw
Plan = _native.Plan

__all__ = [
    "Draw",
    "Plan",
    "draw",
    "plan",
    "key_columns",
    "policy_digest",
    "read_partition",
    "record_kinds",
    "score_partition",
    "score_partition_with_report",
]


def score_partition(
    batches: Any,
    policy_json: Optional[str],
    as_of: str,
    roster: Any = None,
    cycle_start: Optional[str] = None,
) -> pa.RecordBatch:
    """Scores the enterprises of one partition as of ``as_of`` (``YYYY-MM-DD``) under the policy
    given as JSON (``None``: the default policy) and returns their results as one RecordBatch.

    ``batches``: a pyarrow Table, RecordBatchReader or RecordBatch, or an iterable of
    RecordBatches (as Spark's ``mapInArrow`` hands them over), all of one schema.
    Raises ValueError for a table the core cannot read (no ``kind`` column, a kind that is not
    one, a kind without one of its required columns) or a policy that does not check.

    ``roster``: the roster and item list as one long table (kinds ``inspector`` and ``item``);
    given, the results also carry the plan's facts for the cycle from ``cycle_start``
    (default: ``as_of``) for :func:`plan`.
    """
    return _native.score_partition(batches, policy_json, as_of, roster, cycle_start)[0]


def score_partition_with_report(
    batches: Any,
    policy_json: Optional[str],
    as_of: str,
    roster: Any = None,
    cycle_start: Optional[str] = None,
) -> Tuple[pa.RecordBatch, pa.RecordBatch]:
    """Like :func:`score_partition`, with the row accounting: per kind, one ``counts`` row
    (rows_read, accepted, duplicates, conflicts, rejected, skipped; they add up over
    partitions), then one ``rejected`` row per rejected row (row, column, value, reason,
    message) and one ``skipped`` row per skipped row."""
    return _native.score_partition(batches, policy_json, as_of, roster, cycle_start)


def read_partition(batches: Any) -> pa.RecordBatch:
    """The row accounting of a long table read without scoring (the report of
    :func:`score_partition_with_report`): which rows the core accepts, rejects or skips.
    Cheaper than scoring when only that is needed (the Spark job's key pass)."""
    return _native.read_partition(batches)


def key_columns(
    headers: Iterable[str], kind: Optional[str] = None, mapping_json: Optional[str] = None
) -> Tuple[str, list]:
    """The record kind of a table with these headers (``kind`` when given) and, for each header,
    the key of the column it is read as, or None: the header mapping of files (the national
    exports' names, the keys, the user's mapping as JSON, header → key)."""
    return _native.key_columns(list(headers), kind, mapping_json)


def record_kinds() -> list:
    """The record kinds of enterprises, by code."""
    return _native.record_kinds()


def policy_digest(policy_json: Optional[str] = None) -> str:
    """The digest of a policy (the default policy when None)."""
    return _native.policy_digest(policy_json)


def draw(
    results: Any,
    policy_json: Optional[str],
    as_of: str,
    seed: str,
    ratio: Optional[float] = None,
) -> Draw:
    """Draws enterprises for inspection from the results of every partition (columns ``uscc``,
    ``class``, ``digest``; every enterprise once, in any order), exactly as the command-line
    tool draws from the whole district with the same seed, ratio, policy and as-of date: the
    same list and the same digest. ``Draw.csv(results)`` writes the CLI's draw CSV bytes."""
    return _native.draw(results, policy_json, as_of, seed, ratio)


def plan(
    results: Any,
    roster: Any,
    policy_json: Optional[str],
    as_of: str,
    seed: str,
    cycle_start: Optional[str] = None,
    referrals: Optional[Iterable[str]] = None,
) -> Plan:
    """Makes the inspection plan of one cycle from the results of every partition with their
    plan's facts (scored with the same ``roster`` and ``cycle_start``; every enterprise once,
    in any order), exactly as the command-line tool plans the whole district with the same
    seed, cycle and referrals (USCCs referred by other authorities): the same visits, teams
    and digest. ``Plan.json()`` is the CLI's ``plan.json``."""
    return _native.plan(
        results,
        roster,
        policy_json,
        as_of,
        seed,
        cycle_start,
        list(referrals) if referrals is not None else None,
    )
