"""The "due soon" job reads pending tasks with a time in due-time order: a partial index of
just those, built concurrently on PostgreSQL so the tasks table stays writable."""

from django.db import migrations

from followup.core.migration_ops import CreateIndexesConcurrently


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("tasks", "0006_due_soon_notice"),
    ]

    operations = [
        CreateIndexesConcurrently("tasks_task", {
            "task_pending_due_at": '(due_at) WHERE "is_pending" AND due_at IS NOT NULL',
        }),
    ]
