"""A2: the log's horizon (``sync.horizon``) on PostgreSQL, with a transaction that takes its id
after the reading statement's snapshot: a race of concurrent writers that once gave a negative
limit, and so a cursor that the next sync refused."""

import psycopg
import pytest
from django.db import connection

from followup.sync.cursor import PATTERN, Cursor
from followup.sync.horizon import OLDEST_RUNNING_SQL

pytestmark = [pytest.mark.django_db, pytest.mark.skipif(connection.vendor != "postgresql",
                                                        reason="transaction ids are PostgreSQL's")]


def _connect():
    s = connection.settings_dict
    return psycopg.connect(dbname=s["NAME"], user=s["USER"], password=s["PASSWORD"] or None,
                           host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432, autocommit=True)


def test_a_transaction_newer_than_the_snapshot_does_not_make_the_limit_negative():
    with _connect() as reader, _connect() as writer:
        reader.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        # The snapshot is taken here and kept; pg_stat_activity is read (and kept) only below.
        xmax = reader.execute("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint").fetchone()[0]
        writer.execute("SELECT pg_current_xact_id()")  # another writer's transaction, over at once
        writer.execute("BEGIN")
        newer = writer.execute("SELECT pg_current_xact_id()::text::bigint").fetchone()[0]
        assert newer > xmax
        try:
            limit = reader.execute(OLDEST_RUNNING_SQL).fetchone()[0]  # now sees the writer running
        finally:
            writer.execute("ROLLBACK")
            reader.execute("ROLLBACK")
    assert 0 < limit <= xmax
    assert PATTERN.match(Cursor(1, limit, 0).encode())


def test_an_older_running_transaction_holds_the_limit_back():
    with _connect() as reader, _connect() as writer:
        writer.execute("BEGIN")
        older = writer.execute("SELECT pg_current_xact_id()::text::bigint").fetchone()[0]
        try:
            limit = reader.execute(OLDEST_RUNNING_SQL).fetchone()[0]
        finally:
            writer.execute("ROLLBACK")
    assert limit == older
