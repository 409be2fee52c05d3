"""D8: a bulk stage change's rows are read back a chunk at a time, in id order, by one range of
an index on (batch key, id); it replaces the index on the batch key alone."""

from django.db import migrations

from followup.core.migration_ops import ReplaceIndexesConcurrently


class Migration(migrations.Migration):
    atomic = False  # the indexes are built and dropped concurrently on PostgreSQL

    dependencies = [
        ('customers', '0007_triggers_dates'),
    ]

    operations = [
        ReplaceIndexesConcurrently("customers_stagechange", new={"stagechange_batch_id": "(batch_key, id)"},
                                   old={"stagechange_batch": "(batch_key)"}),
    ]
