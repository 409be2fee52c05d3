"""D8: a bulk stage move rewrites every moved customer's row. With room left in each page (half
of it, on PostgreSQL), the new version of a row goes in beside the old one as a heap-only
update: the customer's ten indexes, three of them trigram indexes of the name, e-mail and phone,
are not written again for a change of stage. Pages written from now on keep that room; the
table is not rewritten (no lock). SQLite has no such setting."""

from django.db import migrations


def _fillfactor(percent: int | None):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        setting = f"SET (fillfactor = {percent})" if percent else "RESET (fillfactor)"
        schema_editor.execute(f"ALTER TABLE customers_customer {setting}")
    return apply


class Migration(migrations.Migration):

    dependencies = [
        ("customers", "0009_leaner_indexes"),
    ]

    operations = [
        migrations.RunPython(_fillfactor(50), _fillfactor(None), elidable=False),
    ]
