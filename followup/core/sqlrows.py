"""Rows from Python as a table in SQL, for set-based writes (``INSERT ... SELECT ... FROM``).

A list of ten thousand rows passed as ``VALUES (%s, %s), (%s, %s), ...`` costs ten thousand
placeholders that the driver parses and quotes one by one (on PostgreSQL that took longer than
the database's work), and SQLite caps a statement at 32,766 of them. Here a column is one
parameter instead, whatever the number of rows: an array (``unnest``) on PostgreSQL, and the
whole table one JSON text (``json_each``) on SQLite. This is the one place the two differ.
"""

import json
from collections.abc import Sequence

from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

# The SQL types a column may have: PostgreSQL's array element type for each.
TYPES = {"bigint": "bigint", "text": "text", "date": "date", "boolean": "boolean"}


def rows_table(columns: Sequence[tuple[str, str]], rows: Sequence[Sequence]) -> tuple[str, list]:
    """A ``SELECT`` (to put in parentheses, or after ``INSERT ...``) whose rows are ``rows``, with
    the named columns: ``columns`` is ``[("customer_id", "bigint"), ("user_id", "bigint")]``.
    ``None`` is ``NULL``. Returns the SQL and its parameters (one per column, or one in all)."""
    names = [name for name, _type in columns]
    if connection.vendor == "postgresql":
        arrays = ", ".join(f"%s::{TYPES[kind]}[]" for _name, kind in columns)
        return (f"SELECT * FROM unnest({arrays}) AS r({', '.join(names)})",
                [[row[i] for row in rows] for i in range(len(columns))])
    picks = ", ".join(f"CAST(json_extract(value, '$[{i}]') AS {_sqlite_type(kind)}) AS {name}"
                      for i, (name, kind) in enumerate(columns))
    return f"SELECT {picks} FROM json_each(%s)", [json.dumps([list(row) for row in rows], default=str)]


def ids_table(ids: Sequence[int]) -> tuple[str, list]:
    """A ``SELECT`` of one column ``id``, for ``WHERE id IN ({sql})``."""
    if connection.vendor == "postgresql":
        return "SELECT unnest(%s::bigint[]) AS id", [list(ids)]
    return "SELECT value AS id FROM json_each(%s)", [json.dumps(list(ids))]


def ids_in(model, ids: Sequence[int]) -> RawSQL:
    """For the ORM: ``Customer.objects.filter(ids_in(Customer, ids))`` passes the ids as one
    parameter (Django's ``pk__in=[...]`` makes one placeholder per id). On PostgreSQL it is
    ``id = ANY(array)``, an index scan of the primary key whatever the table's statistics say."""
    column = f"{connection.ops.quote_name(model._meta.db_table)}.{connection.ops.quote_name(model._meta.pk.column)}"
    if connection.vendor == "postgresql":
        return RawSQL(f"{column} = ANY(%s::bigint[])", [list(ids)], output_field=BooleanField())
    sql, params = ids_table(ids)
    return RawSQL(f"{column} IN ({sql})", params, output_field=BooleanField())


def _sqlite_type(kind: str) -> str:
    return {"bigint": "INTEGER", "boolean": "INTEGER"}.get(kind, "TEXT")
