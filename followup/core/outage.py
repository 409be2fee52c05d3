"""What every process does when the database goes away: recognise it, wait, reconnect.

A database that restarts (a failover, an upgrade, ``pg_ctl restart``) is an ordinary event, not
a reason for a process to die (issue 13 §3.1) or for a page to answer 500 (§3.2). Django reports
it as an ``OperationalError`` (cannot connect, the server closed the connection, SQLite's
"database is locked" after its busy timeout) or an ``InterfaceError`` (a connection already
closed). Long-running loops call :func:`wait_for_database`, which closes the broken connection
and tries again with back-off until a query answers; the web answers 503
(:mod:`followup.core.errors`).
"""

import logging
import time
from collections.abc import Callable

from django.db import InterfaceError, OperationalError, connection

DATABASE_ERRORS = (OperationalError, InterfaceError)
FIRST_WAIT = 0.5  # seconds before the first reconnection attempt; doubled after each failure
LONGEST_WAIT = 2.0  # so a process is back within two seconds of the database

logger = logging.getLogger("followup.outage")


def is_database_outage(exc: BaseException | None) -> bool:
    """True when ``exc`` (or what caused it) says the database cannot be reached right now."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, DATABASE_ERRORS):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def describe(exc: BaseException | None) -> str:
    """``OperationalError: connection refused``: the type and the first line of the message."""
    if exc is None:
        return "no exception"
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


def drop_connection() -> None:
    """Forget this thread's database connection, broken or not, so the next query opens a new one."""
    try:
        connection.close()
    except Exception:  # noqa: BLE001, S110 - a broken connection may fail to close; it is gone either way
        pass


def database_answers() -> bool:
    """Open a fresh connection and run ``SELECT 1``; False if the database is still away."""
    drop_connection()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DATABASE_ERRORS:
        drop_connection()
        return False


def wait_for_database(
    *, who: str, error: BaseException, stopping: Callable[[], bool] = lambda: False,
    sleep: Callable[[float], object] = time.sleep,
) -> bool:
    """Log that ``who`` lost the database, then retry with back-off (0.5 s, 1 s, then every 2 s)
    until it answers or ``stopping()`` says the process is shutting down. One line when the
    outage starts and one when it ends, not one per attempt. Returns True once reconnected."""
    logger.warning("%s: the database is unavailable (%s); waiting for it", who, describe(error))
    started = time.monotonic()
    wait = FIRST_WAIT
    while not stopping():
        sleep(wait)
        if stopping():
            break
        if database_answers():
            logger.warning("%s: the database is back after %.1f s", who, time.monotonic() - started)
            return True
        wait = min(wait * 2, LONGEST_WAIT)
    return False
