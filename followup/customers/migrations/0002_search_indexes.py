"""A4 search on PostgreSQL: trigram indexes on UPPER(name), UPPER(email) and UPPER(phone),
the exact expressions Django's ``icontains`` compiles to, with a statistics target of 1000
(see tasks 0002). Built CONCURRENTLY in a non-atomic migration; nothing on SQLite."""

from django.db import migrations

COLUMNS = ("name", "email", "phone")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cur.fetchone() is None:
            try:
                cur.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            except Exception as exc:  # noqa: BLE001 - a database user without the right gets a warning
                print(f"\n  pg_trgm is not available ({exc}); customer search will scan.")
                return
        for column in COLUMNS:
            cur.execute(
                f"CREATE INDEX CONCURRENTLY IF NOT EXISTS customer_{column}_trgm "
                f"ON customers_customer USING gin (UPPER({column}::text) gin_trgm_ops)"
            )
            cur.execute(f"ALTER TABLE customers_customer ALTER COLUMN {column} SET STATISTICS 1000")
            cur.execute(f"ALTER INDEX customer_{column}_trgm ALTER COLUMN 1 SET STATISTICS 1000")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cur:
        for column in COLUMNS:
            cur.execute(f"DROP INDEX CONCURRENTLY IF EXISTS customer_{column}_trgm")
            cur.execute(f"ALTER TABLE customers_customer ALTER COLUMN {column} SET STATISTICS -1")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("customers", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
