"""A2: where the change log is final. On PostgreSQL a row is final once its transaction is over:
rows with an ``xid`` below the oldest transaction of this database still running can no longer
be joined by a row that sorts before them. SQLite serializes its writers, so every row it shows
is final (its ``xid`` is 0)."""

from django.db import connection

# The oldest transaction of this database still running, as a 64-bit id; else the next id to
# come (the snapshot's xmax). pg_stat_activity gives 32 bits, which are compared with the
# snapshot's as PostgreSQL compares ids, around the circle: a running id is ``age`` older than
# xmax, ``age`` = (xmax - id) mod 2^32, when that is under half the circle; otherwise it is newer
# than the snapshot (it began after the statement took it, before pg_stat_activity was read)
# and is no older than xmax. (Reading such an id as wrapped from the previous epoch made the
# limit negative, and the cursor built from it unreadable.) Transactions of other databases of
# the cluster are left out, so that their long runs (a dump, another application) do not hold
# the sync back; so is the reader's own.
OLDEST_RUNNING_SQL = """
    WITH s AS (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS xmax),
    r AS (SELECT s.xmax, (s.xmax - a.backend_xid::text::bigint) & 4294967295 AS age
          FROM s LEFT JOIN pg_stat_activity a
            ON a.datname = current_database() AND a.backend_xid IS NOT NULL AND a.pid <> pg_backend_pid())
    SELECT COALESCE(MIN(r.xmax - r.age) FILTER (WHERE r.age < 2147483648), MIN(r.xmax)) FROM r
"""


def xid_limit() -> int:
    """Rows with an ``xid`` below this are final: their transactions are over (or are ours)."""
    if connection.vendor != "postgresql":
        return 1
    with connection.cursor() as cursor:
        cursor.execute(OLDEST_RUNNING_SQL)
        return cursor.fetchone()[0]
