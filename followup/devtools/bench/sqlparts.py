"""Pieces of the set-based SQL that generates the bench data (``bench.generate``, ``bench.activity``):
a numbered series, dates and times computed from a row number, a word picked by number; written
for PostgreSQL and SQLite alike."""

import datetime as dt

from django.db import connection


def sql_pick(expr: str, words: list[str]) -> str:
    """``CASE (expr) WHEN 0 THEN 'w0' ...``: the word number ``expr`` (0 <= expr < len(words))."""
    branches = " ".join(f"WHEN {i} THEN '{w.replace(chr(39), chr(39) * 2)}'" for i, w in enumerate(words))
    return f"CASE ({expr}) {branches} END"


def series(n: int) -> str:
    """A CTE ``g(i)`` with the numbers 0 .. n-1."""
    if connection.vendor == "postgresql":
        return f"WITH g(i) AS (SELECT generate_series(0::bigint, {n - 1}))"
    return f"WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i + 1 < {n})"


def date_plus(day: dt.date, days_expr: str) -> str:
    if connection.vendor == "postgresql":
        return f"(DATE '{day.isoformat()}' + ({days_expr})::int)"
    return f"date('{day.isoformat()}', ({days_expr}) || ' days')"


def time_minus_days(moment: dt.datetime, days_expr: str) -> str:
    stamp = moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    if connection.vendor == "postgresql":
        return f"(TIMESTAMPTZ '{stamp}+00' - ({days_expr}) * INTERVAL '1 day')"
    return f"datetime('{stamp}', '-' || ({days_expr}) || ' days')"


def now_sql(moment: dt.datetime) -> str:
    stamp = moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    return f"TIMESTAMPTZ '{stamp}+00'" if connection.vendor == "postgresql" else f"'{stamp}'"


def next_id(table: str) -> int:
    with connection.cursor() as cur:
        cur.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608 - our own table names
        return cur.fetchone()[0]


def reset_sequence(table: str) -> None:
    if connection.vendor != "postgresql":
        return  # SQLite's AUTOINCREMENT follows the largest id by itself
    with connection.cursor() as cur:
        cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
