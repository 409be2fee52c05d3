"""Issue 16 §4: on SQLite, an FTS5 trigram index of the searched text, kept in step by triggers
and built here for the rows already there (``followup.core.textsearch``). Nothing on PostgreSQL
(trigram indexes, migration 0002) or on an SQLite without FTS5 trigrams (search scans there)."""

from django.db import migrations

from followup.core.textsearch import fts_table_create, fts_table_drop

TABLE, COLUMNS = "customers_customer", ["name", "email", "phone"]


def forwards(apps, schema_editor):
    fts_table_create(schema_editor, TABLE, COLUMNS)


def backwards(apps, schema_editor):
    fts_table_drop(schema_editor, TABLE)


class Migration(migrations.Migration):
    dependencies = [("customers", "0005_text_max_length")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
