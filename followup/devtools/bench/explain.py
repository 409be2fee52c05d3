"""``followup bench``: the query plans of the measured lists (``EXPLAIN``, ``EXPLAIN ANALYZE`` on
PostgreSQL), flagging a full scan of a task table."""

import re
from dataclasses import dataclass

from django.db import connection
from django.test.utils import CaptureQueriesContext

from followup.devtools.bench.cases import Case


@dataclass
class Explained:
    name: str
    sql: str
    plan: str
    seq_scan: bool
    note: str = ""


_TASK_TABLES = re.compile(r"\b(tasks_task|tasks_taskassignment|customers_customer)\b")


def explain_case(case: Case) -> list[Explained]:
    """EXPLAIN (ANALYZE on PostgreSQL) of each query of the case that reads tasks or customers."""
    with CaptureQueriesContext(connection) as captured:
        case.selector()
    found = []
    for query in captured.captured_queries:
        sql = query["sql"]
        if not sql.lstrip("( ").upper().startswith("SELECT") or not _TASK_TABLES.search(sql):
            continue
        with connection.cursor() as cur:
            if connection.vendor == "postgresql":
                cur.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) " + sql)
                plan = "\n".join(row[0] for row in cur.fetchall())
                seq = bool(re.search(r"Seq Scan on (tasks_task|tasks_taskassignment)\b", plan))
            else:
                cur.execute("EXPLAIN QUERY PLAN " + sql)
                plan = "\n".join(str(row[-1]) for row in cur.fetchall())
                seq = bool(re.search(r"SCAN (tasks_task|tasks_taskassignment|U\d)\b(?! USING)", plan))
        note = ""
        if seq and "ORDER BY" not in sql.upper() and re.search(r"LIMIT \d+\s*$", sql):
            note = ("an unordered probe under a LIMIT: the scan stops as soon as it has that many matches, "
                    "which for a common word is after a few thousand rows")
        found.append(Explained(case.name, sql, plan, seq, note))
    return found
