"""The scheduler: one loop for time-based work, safe to run in several processes at once.

A job is a plain function registered with :func:`periodic`::

    @periodic("reminders_deliver", every=timedelta(seconds=15))
    def reminders_deliver() -> str:
        ...
        return f"delivered {n} reminders"       # optional: shown in the job's log line

Each job has one :class:`~followup.core.models.ScheduledJob` row. A scheduler process
claims a due run with a conditional ``UPDATE ... WHERE name = %s AND next_run_at <= now``
that also moves ``next_run_at`` on; the row count says whether this process won. So with
any number of ``followup scheduler`` processes every due run fires exactly once (if the
process dies while running a job, that run is not retried: the job runs again at its next
due time, so jobs are written to catch up on whatever is due, not only on "the last
minute").

Jobs live next to the code they serve: any installed app may have a ``jobs`` module whose
``@periodic`` functions are picked up by :func:`autodiscover`. The core's own job, pruning
old records, is at the bottom of this module.
"""

import logging
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ImproperlyConfigured
from django.db import close_old_connections
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from followup.core.outage import DATABASE_ERRORS, drop_connection, is_database_outage, wait_for_database

logger = logging.getLogger("followup.scheduler")


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    func: Callable[[], object]

    @property
    def path(self) -> str:
        return f"{self.func.__module__}.{self.func.__qualname__}"


@dataclass(frozen=True)
class JobRun:
    """What one claimed run of a job did."""

    name: str
    ok: bool
    summary: str
    duration_ms: float


_registry: dict[str, Job] = {}


def periodic(name: str, *, every: timedelta) -> Callable[[Callable], Callable]:
    """Register ``func`` to run every ``every``, once across all scheduler processes."""
    if not isinstance(every, timedelta) or every <= timedelta(0):
        raise ImproperlyConfigured(f"Scheduled job {name!r}: 'every' must be a positive timedelta.")

    def register(func: Callable) -> Callable:
        job = Job(name=name, every=every, func=func)
        existing = _registry.get(name)
        if existing is not None and existing.path != job.path:
            raise ImproperlyConfigured(f"Scheduled job name {name!r} is used by {existing.path} and {job.path}.")
        _registry[name] = job
        return func

    return register


def unregister(name: str) -> None:
    """Forget a job (tests register throw-away jobs)."""
    _registry.pop(name, None)


def registered_jobs() -> dict[str, Job]:
    return dict(_registry)


def autodiscover() -> None:
    """Import the ``jobs`` module of every installed app, so their ``@periodic`` jobs register."""
    autodiscover_modules("jobs")


def jobs_ensure_rows(jobs: Iterable[Job], *, now: datetime | None = None) -> None:
    """Create the missing ``ScheduledJob`` rows, due at once. Safe when several processes race."""
    from followup.core.models import ScheduledJob

    now = now or timezone.now()
    ScheduledJob.objects.bulk_create(
        [ScheduledJob(name=job.name, next_run_at=now) for job in jobs], ignore_conflicts=True
    )


def job_claim(job: Job, *, now: datetime) -> bool:
    """Claim the due run of ``job``: True for exactly one process per due time."""
    from followup.core.models import ScheduledJob

    won = ScheduledJob.objects.filter(name=job.name, next_run_at__lte=now).update(
        next_run_at=now + job.every, last_run_at=now, run_count=F("run_count") + 1,
    )
    return won == 1


def job_run(job: Job) -> JobRun:
    """Run a claimed job, record how it ended, and log one line."""
    from followup.core.models import ScheduledJob

    started = time.monotonic()
    try:
        result = job.func()
    except Exception as exc:  # noqa: BLE001 - one failing job must not stop the scheduler
        if is_database_outage(exc):
            raise  # not the job's fault: the loop waits for the database (the run is not retried)
        duration_ms = (time.monotonic() - started) * 1000
        error = "".join(traceback.format_exception(exc))[-4000:]
        logger.error("job %s failed after %.0f ms: %s: %s", job.name, duration_ms, type(exc).__name__, exc)
        ScheduledJob.objects.filter(name=job.name).update(last_finished_at=timezone.now(), last_error=error)
        return JobRun(name=job.name, ok=False, summary=f"{type(exc).__name__}: {exc}", duration_ms=duration_ms)
    duration_ms = (time.monotonic() - started) * 1000
    summary = "" if result is None else str(result)
    logger.info("job %s ran in %.0f ms%s", job.name, duration_ms, f": {summary}" if summary else "")
    ScheduledJob.objects.filter(name=job.name).update(last_finished_at=timezone.now(), last_error="")
    return JobRun(name=job.name, ok=True, summary=summary, duration_ms=duration_ms)


class Scheduler:
    """Checks every ``interval`` seconds which jobs are due and runs those this process wins.

    SIGTERM and SIGINT (when installed with :meth:`handle_signals`) let the running job
    finish, then the loop exits.
    """

    def __init__(self, *, jobs: Iterable[Job] | None = None, interval: float = 1.0):
        self.jobs = list(jobs) if jobs is not None else list(_registry.values())
        self.interval = interval
        self._stop = threading.Event()
        self._rows_ready = False

    def stop(self, *_args) -> None:
        if not self._stop.is_set():
            logger.info("scheduler stopping after the current job")
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def handle_signals(self) -> None:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)

    def run_once(self, *, now: datetime | None = None) -> list[JobRun]:
        """Run every job that is due now and that this process wins; return what ran."""
        if not self._rows_ready:
            jobs_ensure_rows(self.jobs, now=now)
            self._rows_ready = True
        runs = []
        for job in self.jobs:
            if self.stopping:
                break
            if job_claim(job, now=now or timezone.now()):
                runs.append(job_run(job))
        return runs

    def run_forever(self) -> None:
        logger.info(
            "scheduler started with %d job(s): %s", len(self.jobs), ", ".join(j.name for j in self.jobs) or "none"
        )
        while not self.stopping:
            try:
                close_old_connections()
                self.run_once()
                close_old_connections()
            except DATABASE_ERRORS as exc:
                # The database restarting: wait for it with back-off (one line each way), then go on.
                drop_connection()
                wait_for_database(who="scheduler", error=exc, stopping=lambda: self.stopping, sleep=self._stop.wait)
                continue
            except Exception:  # noqa: BLE001 - anything else: log, wait, try again
                logger.exception("scheduler iteration failed; retrying in %s s", self.interval)
            self._stop.wait(self.interval)
        logger.info("scheduler stopped")


# --- The core's own jobs ----------------------------------------------------------------

TASK_RESULTS_KEPT = timedelta(days=7)


@periodic("prune_old_records", every=timedelta(hours=1))
def prune_old_records() -> str:
    """Delete finished background-task results older than 7 days and idempotency keys older than
    a day (apps prune their own rows in their ``jobs`` modules)."""
    from django_tasks_db.models import DBTaskResult

    from followup.core.idempotency import idempotent_requests_prune

    results, _ = DBTaskResult.objects.finished().filter(finished_at__lt=timezone.now() - TASK_RESULTS_KEPT).delete()
    return f"deleted {results} task result(s), {idempotent_requests_prune()} idempotency key(s)"
