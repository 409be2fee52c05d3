"""Periodic work of the core: settle what dead processes left behind (issue 13 §3.4)."""

from datetime import timedelta

from followup.core.liveness import heartbeats_forget_old
from followup.core.scheduler import periodic
from followup.core.worker import task_results_fail_orphaned


@periodic("dead_workers_settle", every=timedelta(seconds=15))
def dead_workers_settle() -> str:
    """A killed worker's RUNNING task rows are marked failed within ``STALE_AFTER`` plus this
    job's 15 s; heartbeat rows of processes gone for a day are deleted."""
    return f"failed {task_results_fail_orphaned()} orphaned task(s), forgot {heartbeats_forget_old()} process(es)"
