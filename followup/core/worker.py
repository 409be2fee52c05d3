"""The background worker: django-tasks-db's worker loop, made to outlive the database and its own kin.

The library's ``db_worker`` exits when the database goes away (its loop re-raises an
``OperationalError``), and a worker killed mid-task leaves that task's row RUNNING forever.
:class:`Worker` runs the same loop with two additions (issue 13 §3.1, §3.4):

- on a database error it waits with back-off until the database answers, marks the task it was
  running (whose outcome it could not record) failed, and carries on;
- it has a heartbeat (:mod:`followup.core.liveness`) for as long as it runs, so the scheduler can
  tell a dead worker from a busy one: :func:`task_results_fail_orphaned` marks failed the RUNNING
  rows of workers that stopped beating (the work itself is not repeated: a task that must not be
  lost, such as delivering the outbox, has its own sweep that does it anyway).
"""

import logging

from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker as LibraryWorker
from django_tasks_db.models import DBTaskResult

from followup.core import liveness
from followup.core.outage import DATABASE_ERRORS, describe, drop_connection, wait_for_database

logger = logging.getLogger("followup.worker")


class WorkerLost(Exception):
    """The worker running a task stopped before it could record how the task ended (it was killed,
    its machine died, or the database went away while it ran)."""


class Worker(LibraryWorker):
    """The library's worker loop, restarted after each database outage, with a heartbeat."""

    def run(self) -> None:
        heartbeat = liveness.Heartbeat(kind="worker", name=self.worker_id).start()
        interrupted = ""  # why the task this worker was running could not record its outcome
        try:
            while self.running:
                try:
                    if interrupted:
                        task_results_fail(of_workers={self.worker_id}, reason=interrupted)
                        interrupted = ""
                    super().run()
                    return  # --batch or --max-tasks ended it
                except DATABASE_ERRORS as exc:
                    interrupted = interrupted or f"The database went away while it ran ({describe(exc)})."
                    drop_connection()
                    if not wait_for_database(who=f"worker {self.worker_id}", error=exc,
                                             stopping=lambda: not self.running):
                        return
                    self.startup_delay = False
        finally:
            heartbeat.stop()


def _last_workers() -> dict[str, str]:
    """RUNNING task rows and the worker that claimed each last (few rows: one per busy worker)."""
    return {str(pk): ids[-1] for pk, ids in DBTaskResult.objects.running().values_list("pk", "worker_ids") if ids}


def task_results_fail(*, of_workers: set[str], reason: str) -> int:
    """Mark failed the RUNNING task rows last claimed by one of ``of_workers``; return how many."""
    ids = [pk for pk, worker in _last_workers().items() if worker in of_workers]
    if not ids:
        return 0
    failed = DBTaskResult.objects.filter(pk__in=ids, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED, finished_at=timezone.now(), return_value=None,
        exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}", traceback=reason,
    )
    logger.warning("marked %d task(s) of %s failed: %s", failed, ", ".join(sorted(of_workers)), reason)
    return failed


def task_results_fail_orphaned() -> int:
    """§3.4: the RUNNING rows of workers whose heartbeat went stale are marked failed, so a killed
    worker's task does not look as if it were still running."""
    dead = liveness.dead_names(set(_last_workers().values()))
    if not dead:
        return 0
    return task_results_fail(of_workers=dead, reason="Its worker stopped (no heartbeat for "
                                                     f"{liveness.STALE_AFTER.total_seconds():.0f} s).")
