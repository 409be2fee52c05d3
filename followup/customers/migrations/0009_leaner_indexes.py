"""Issue 14 §3: a stage change's customer is served by stagechange_customer_time, which starts with
it; its own index was one more write per row of a bulk move (dropped concurrently on PostgreSQL)."""

import django.db.models.deletion
from django.db import migrations, models

from followup.core.migration_ops import ReplaceIndexesConcurrently


class Migration(migrations.Migration):
    atomic = False  # the indexes are built and dropped concurrently on PostgreSQL

    dependencies = [
        ("customers", "0008_stage_change_batch_order"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="stagechange",
                    name="customer",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="stage_changes",
                        to="customers.customer",
                    ),
                ),
            ],
            database_operations=[
                ReplaceIndexesConcurrently(
                    "customers_stagechange", new={}, old={"customers_stagechange_customer_id_33ff218b": "(customer_id)"}
                ),
            ],
        ),
    ]
