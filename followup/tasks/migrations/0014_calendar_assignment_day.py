"""L9: the calendar reads a person's tasks by day, completed ones included, through their
assignments: an index on (user, due date, task) of every assignment (``assignment_my_pending``
holds only the pending ones). Built concurrently on PostgreSQL so the table stays writable."""

from django.db import migrations

from followup.core.migration_ops import CreateIndexesConcurrently


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("tasks", "0013_triggers_source"),
    ]

    operations = [
        CreateIndexesConcurrently("tasks_taskassignment", {
            "assignment_user_day": "(user_id, due_date, task_id)",
        }),
    ]
