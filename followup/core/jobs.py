"""Periodic work of the core: settle what dead processes left behind (issue 13 §3.4), and keep
SQLite's planner statistics fresh."""

from datetime import timedelta

from django.db import connection

from followup.core.liveness import heartbeats_forget_old
from followup.core.scheduler import periodic
from followup.core.worker import task_results_fail_orphaned


@periodic("dead_workers_settle", every=timedelta(seconds=15))
def dead_workers_settle() -> str:
    """A killed worker's RUNNING task rows are marked failed within ``STALE_AFTER`` plus this
    job's 15 s; heartbeat rows of processes gone for a day are deleted."""
    return f"failed {task_results_fail_orphaned()} orphaned task(s), forgot {heartbeats_forget_old()} process(es)"


#: Rows of each index that SQLite's ANALYZE looks at: enough for the planner to choose between
#: indexes, and quick at any size (a whole ANALYZE of a million tasks reads every row).
ANALYSIS_LIMIT = 1000


@periodic("sqlite_statistics", every=timedelta(hours=6))
def sqlite_statistics() -> str:
    """SQLite plans a query from the statistics ``ANALYZE`` leaves in ``sqlite_stat1``, and never
    gathers them by itself: a database that grew from the demo's rows to a real team's would be
    planned from none, or from the demo's (issue 16: EXPLAIN shows index use on both databases,
    and the bench measures after ANALYZE). PostgreSQL's autovacuum keeps its own."""
    if connection.vendor != "sqlite":
        return "PostgreSQL keeps its statistics itself"
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        cursor.execute("ANALYZE")
        cursor.execute("SELECT count(DISTINCT tbl) FROM sqlite_stat1")
        tables = cursor.fetchone()[0]
    return f"statistics of {tables} table(s) gathered"
