"""Issue 14 §3: a notification's recipient is served by notification_recipient_time, which starts
with it; its own index was one more write per notification (dropped concurrently on PostgreSQL)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from followup.core.migration_ops import ReplaceIndexesConcurrently


class Migration(migrations.Migration):
    atomic = False  # the indexes are built and dropped concurrently on PostgreSQL

    dependencies = [
        ("notifications", "0005_triggers_escalated_event"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="notification",
                    name="recipient",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notifications",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            database_operations=[
                ReplaceIndexesConcurrently(
                    "notifications_notification",
                    new={},
                    old={"notifications_notification_recipient_id_d055f3f0": "(recipient_id)"},
                ),
            ],
        ),
    ]
