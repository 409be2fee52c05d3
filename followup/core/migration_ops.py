"""Migration operations for large tables.

``CreateIndexesConcurrently`` builds indexes with ``CREATE INDEX CONCURRENTLY`` on PostgreSQL
(a million-row table stays writable meanwhile; the migration must be ``atomic = False``) and
with a plain ``CREATE INDEX`` on SQLite. The indexes it creates are not in the models' Meta,
so Django's autodetector leaves them alone.
"""

from django.db import migrations


def CreateIndexesConcurrently(table: str, indexes: dict[str, str], *, analyze_sqlite: bool = False):  # noqa: N802
    """``indexes`` maps an index name to what follows ``ON table``: "(cols) WHERE cond"."""

    def forwards(apps, schema_editor):
        concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
        with schema_editor.connection.cursor() as cur:
            for name, definition in indexes.items():
                cur.execute(f"CREATE INDEX {concurrently}IF NOT EXISTS {name} ON {table} {definition}")
            if analyze_sqlite and schema_editor.connection.vendor == "sqlite":
                cur.execute(f"ANALYZE {table}")

    def backwards(apps, schema_editor):
        concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
        with schema_editor.connection.cursor() as cur:
            for name in indexes:
                cur.execute(f"DROP INDEX {concurrently}IF EXISTS {name}")

    return migrations.RunPython(forwards, backwards, elidable=False)


def ReplaceIndexesConcurrently(table: str, new: dict[str, str], old: dict[str, str]):  # noqa: N802
    """Build the ``new`` indexes (as ``CreateIndexesConcurrently``), then drop the ``old`` ones
    they serve for (both given as name: definition, so that going backwards rebuilds them)."""
    create, drop = CreateIndexesConcurrently(table, new), CreateIndexesConcurrently(table, old)
    return migrations.RunPython(
        lambda apps, schema_editor: (create.code(apps, schema_editor), drop.reverse_code(apps, schema_editor)),
        lambda apps, schema_editor: (drop.code(apps, schema_editor), create.reverse_code(apps, schema_editor)),
        elidable=False)
