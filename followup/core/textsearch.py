""""Contains the text" for A4's search, served by an index on both databases (issue 16 §4).

PostgreSQL answers ``icontains`` from trigram indexes on ``UPPER(column)``. SQLite has no such
index, so there a table gets an FTS5 shadow table with the trigram tokenizer (SQLite 3.34 or
newer), kept in step with it by triggers, so that set-based inserts that bypass the services
(automation, the benchmark) are found too; ``fts_table_create`` makes it and is safe to run
again. A term shorter than a trigram, or an SQLite without FTS5 trigrams, falls back to a scan.

Case folding is the same on every path: Unicode case-insensitive, accents significant, as on
PostgreSQL ("łuk" finds "Łukasz", "lukasz" does not). FTS5 folds Unicode case; SQLite's own
``LIKE`` folds only ASCII, so the fallback compares a text that is not all ASCII through
``fold``, a function registered on every SQLite connection (``register_fold``).
"""

import sqlite3

from django.db import connection
from django.db.models import CharField, Q, TextField, Transform
from django.db.models.expressions import RawSQL

TRIGRAM = 3


class Fold(Transform):
    """``column__fold__contains=text.lower()``: lower-cased in Unicode on both databases."""

    lookup_name = "fold"
    function = "LOWER"

    def as_sqlite(self, compiler, conn, **extra):
        return self.as_sql(compiler, conn, function="followup_fold", **extra)


CharField.register_lookup(Fold)
TextField.register_lookup(Fold)


def _fold(value):
    return None if value is None else str(value).lower()


def register_fold(sender, connection, **kwargs) -> None:
    """Run on each new database connection (``connection_created``): SQLite learns ``followup_fold``."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("followup_fold", 1, _fold, deterministic=True)


def trigrams_supported() -> bool:
    """Whether this SQLite has FTS5 with the trigram tokenizer (3.34 or newer, FTS5 compiled in)."""
    try:
        probe = sqlite3.connect(":memory:")
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5(x, tokenize='trigram')")
    except sqlite3.OperationalError:
        return False
    finally:
        probe.close()
    return True


def fts_name(table: str) -> str:
    return f"{table}_fts"


def fts_ready(table: str) -> bool:
    """Whether ``table`` has its FTS5 shadow and triggers on this SQLite database. Asked of
    SQLite's own catalogue on each search, through the driver: an in-process lookup of a few
    microseconds, never stale (a migration or ``ensure_indexes`` may have just remade it)."""
    connection.ensure_connection()
    names = (fts_name(table), f"{fts_name(table)}_au")
    row = connection.connection.execute("SELECT count(*) FROM sqlite_master WHERE name IN (?, ?)", names).fetchone()
    return row[0] == 2


def fts_table_create(schema_editor, table: str, columns: list[str]) -> None:
    """Make (or remake) the FTS5 shadow of ``table`` over ``columns``, its three triggers, and
    index the rows already there (a migration's step). Does nothing on PostgreSQL or where
    trigrams are missing."""
    if schema_editor.connection.vendor == "sqlite" and trigrams_supported():
        _create(schema_editor.execute, table, columns)


def _create(execute, table: str, columns: list[str]) -> None:
    fts, cols = fts_name(table), ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    for statement in (
        f"DROP TABLE IF EXISTS {fts}",
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', content_rowid='id', tokenize='trigram')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF {cols} ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ):
        execute(statement)


#: The tables whose text is searched, and their columns: each app names its own (``searched``).
SEARCHED: dict[str, list[str]] = {}


def searched(table: str, columns: list[str]) -> None:
    """Called by an app's ``ready()``: ``table``'s ``columns`` are searched with ``contains``."""
    SEARCHED[table] = columns


def ensure_indexes(sender=None, using="default", **kwargs) -> None:
    """After ``migrate`` (``post_migrate``): remake a shadow whose triggers are gone. On SQLite a
    migration that rebuilds a table drops the triggers with the old table; until they are back,
    ``contains`` scans, so results stay right."""
    from django.db import connections

    conn = connections[using]
    if conn.vendor != "sqlite" or not trigrams_supported():
        return
    with conn.cursor() as cursor:
        for table, columns in SEARCHED.items():
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name IN (%s, %s, %s, %s)",
                           [fts_name(table), *(f"{fts_name(table)}{s}" for s in ("_ai", "_ad", "_au"))])
            if cursor.fetchone()[0] != 4:
                _create(cursor.execute, table, columns)


def fts_table_drop(schema_editor, table: str) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    fts = fts_name(table)
    for suffix in ("_ai", "_ad", "_au"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {fts}{suffix}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {fts}")


def fts_phrase(text: str) -> str:
    """The text as one FTS5 phrase: with the trigram tokenizer, a substring match."""
    return '"' + text.replace('"', '""') + '"'


def fts_serves(text: str, table: str) -> bool:
    """Whether ``contains`` answers the text from ``table``'s FTS5 shadow (on SQLite, a term of a
    trigram or longer, the shadow and its triggers there)."""
    return connection.vendor == "sqlite" and len(text) >= TRIGRAM and fts_ready(table)


def fts_match(phrase, *, table: str, prefix: str = "") -> Q:
    """Rows whose shadow in ``table``'s FTS5 index matches ``phrase`` (``fts_phrase``): the one
    parameter of the condition, so that a query compiled once (``core.compiled``) binds it."""
    match = RawSQL(f"SELECT rowid FROM {fts_name(table)} WHERE {fts_name(table)} MATCH %s", [phrase])
    return Q(**{f"{prefix}id__in": match})


def contains(text: str, *, table: str, columns: list[str], prefix: str = "", scan: bool = False) -> Q:
    """Rows whose ``columns`` (any of them) contain ``text``, case-insensitively. ``prefix`` names
    the relation when the columns are another model's (``"customer__"``). ``scan``: the test row
    by row, for a query that reads a few rows chosen otherwise, where gathering every match from
    SQLite's FTS5 index first would cost more (a common word matches hundreds of thousands)."""
    if not scan and fts_serves(text, table):
        return fts_match(fts_phrase(text), table=table, prefix=prefix)
    # SQLite's LIKE folds ASCII as PostgreSQL's UPPER does: an ASCII text needs no Python call a
    # row (the 2,000 rows a rare word's top-rows probe scans cost 2 ms through ``followup_fold``).
    folded = connection.vendor == "sqlite" and not text.isascii()
    lookup = "fold__contains" if folded else "icontains"
    needle = text.lower() if folded else text
    found = Q()
    for column in columns:
        found |= Q(**{f"{prefix}{column}__{lookup}": needle})
    return found
