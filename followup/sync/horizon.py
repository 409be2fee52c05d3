"""A2: where the change log is final. On PostgreSQL a row is final once its transaction is over:
rows with an ``xid`` below the oldest transaction of this database still running can no longer
be joined by a row that sorts before them. SQLite serializes its writers, so every row it shows
is final (its ``xid`` is 0)."""

from django.db import connection

# The oldest transaction of this database still running, as a 64-bit id (pg_stat_activity
# gives 32 bits: the epoch is the snapshot's, one less if the id wrapped); else the next id to
# come. Transactions of other databases of the cluster are left out, so that their long runs
# (a dump, another application) do not hold the sync back; so is the reader's own.
OLDEST_RUNNING_SQL = """
    WITH s AS (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS xmax)
    SELECT COALESCE(MIN(((s.xmax >> 32) << 32) + a.backend_xid::text::bigint
                        - CASE WHEN a.backend_xid::text::bigint > (s.xmax & 4294967295) THEN 4294967296 ELSE 0 END),
                    MIN(s.xmax))
    FROM s LEFT JOIN pg_stat_activity a
      ON a.datname = current_database() AND a.backend_xid IS NOT NULL AND a.pid <> pg_backend_pid()
"""


def xid_limit() -> int:
    """Rows with an ``xid`` below this are final: their transactions are over (or are ours)."""
    if connection.vendor != "postgresql":
        return 1
    with connection.cursor() as cursor:
        cursor.execute(OLDEST_RUNNING_SQL)
        return cursor.fetchone()[0]
