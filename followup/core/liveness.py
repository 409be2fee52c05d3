"""Heartbeats: which long-running processes are alive, so the work they claimed is left to them.

A ``followup worker`` or ``followup scheduler`` starts a :class:`Heartbeat`: a thread that writes
the process's :class:`~followup.core.models.ProcessHeartbeat` row every ``BEAT_EVERY``. It runs
beside the process's own work, so a process busy for minutes with one slow e-mail still counts
as alive, and one killed with SIGKILL stops beating at once. Work claimed by a process is taken
over only when its heartbeat is older than ``STALE_AFTER`` (issue 13 §3.4): an outbox e-mail is
never sent by a second process while its first sender lives, and a dead worker's e-mails and
background-task rows are recovered within seconds instead of waiting out a long lease.

Times are each process's clock (``timezone.now()``), as with every lease in Followup: machines
sharing one database keep their clocks within milliseconds of each other (NTP); ``STALE_AFTER``
is seconds.
"""

import logging
import os
import secrets
import socket
import threading
from datetime import datetime, timedelta

from django.utils import timezone

from followup.core.outage import DATABASE_ERRORS, drop_connection

BEAT_EVERY = timedelta(seconds=5)
STALE_AFTER = timedelta(seconds=15)  # three missed beats
FORGET_AFTER = timedelta(days=1)  # rows of processes gone this long are deleted by the scheduler

logger = logging.getLogger("followup.liveness")
_current: "Heartbeat | None" = None


def process_name(kind: str) -> str:
    """A name unique to this process: kind, host, pid and a random suffix (pids are reused)."""
    host = socket.gethostname()[:30]
    return f"{kind}-{host}-{os.getpid()}-{secrets.token_hex(4)}"[:64]


class Heartbeat:
    """This process's heartbeat. ``start()`` begins beating in a background thread (with its own
    database connection), ``stop()`` ends it and deletes the row, so a process that stops cleanly
    leaves nothing that looks like a dead one."""

    def __init__(self, *, kind: str, name: str | None = None):
        self.kind = kind
        self.name = name or process_name(kind)
        self.started_at = timezone.now()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._beating = True

    def beat(self) -> None:
        """Write the row now: update it, or create it on the first beat (or after it was pruned)."""
        from followup.core.models import ProcessHeartbeat

        now = timezone.now()
        if not ProcessHeartbeat.objects.filter(name=self.name).update(beat_at=now):
            ProcessHeartbeat.objects.create(name=self.name, kind=self.kind, host=socket.gethostname()[:255],
                                            pid=os.getpid(), started_at=self.started_at, beat_at=now)

    def start(self) -> "Heartbeat":
        global _current
        _current = self
        self._thread = threading.Thread(target=self._run, name=f"heartbeat {self.name}", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                self._beat_logged()
                self._stop.wait(BEAT_EVERY.total_seconds())
        finally:
            drop_connection()  # this thread's own connection

    def _beat_logged(self) -> None:
        """One beat; a failure is logged when beating stops and when it resumes, not every time."""
        try:
            self.beat()
        except DATABASE_ERRORS as exc:
            drop_connection()
            if self._beating:
                logger.warning("heartbeat of %s paused: %s: %s", self.name, type(exc).__name__, exc)
            self._beating = False
            return
        except Exception:  # noqa: BLE001 - the heartbeat must outlive any one failure
            logger.exception("heartbeat of %s failed", self.name)
            return
        if not self._beating:
            logger.info("heartbeat of %s resumed", self.name)
        self._beating = True

    def stop(self) -> None:
        """Stop beating and delete the row (if the database lets us: otherwise it goes stale)."""
        global _current
        from followup.core.models import ProcessHeartbeat

        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=BEAT_EVERY.total_seconds() + 5)
        if _current is self:
            _current = None
        try:
            ProcessHeartbeat.objects.filter(name=self.name).delete()
        except DATABASE_ERRORS:
            drop_connection()


def current() -> Heartbeat | None:
    """The heartbeat of this process, if it has one running."""
    return _current


def alive_names(*, now: datetime | None = None):
    """The names of processes whose heartbeat is fresh, as a subquery for ``__in`` filters."""
    from followup.core.models import ProcessHeartbeat

    return ProcessHeartbeat.objects.filter(beat_at__gt=(now or timezone.now()) - STALE_AFTER).values("name")


def dead_names(names: set[str], *, now: datetime | None = None) -> set[str]:
    """Those of ``names`` that belong to a process with a heartbeat row gone stale: known to have
    lived and known to have stopped beating. A name with no row at all is not judged (it may be a
    process without a heartbeat, such as the library's own ``db_worker``)."""
    from followup.core.models import ProcessHeartbeat

    if not names:
        return set()
    stale = ProcessHeartbeat.objects.filter(name__in=names, beat_at__lte=(now or timezone.now()) - STALE_AFTER)
    return set(stale.values_list("name", flat=True))


def heartbeats_forget_old(*, now: datetime | None = None) -> int:
    """Delete the rows of processes that stopped beating more than a day ago."""
    from followup.core.models import ProcessHeartbeat

    deleted, _ = ProcessHeartbeat.objects.filter(beat_at__lt=(now or timezone.now()) - FORGET_AFTER).delete()
    return deleted
