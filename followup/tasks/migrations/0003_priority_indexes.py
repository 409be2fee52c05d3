"""A4 sorting by priority: the pending tasks of an organization in (priority, due date, id)
order, ascending and descending priority, each from one partial index, so that the first page
of All pending sorted by priority is read from an index instead of sorting every pending task
(about 1 s at a million tasks on PostgreSQL without them).

Built CONCURRENTLY on PostgreSQL in a non-atomic migration, so a large table stays writable
meanwhile; a plain CREATE INDEX on SQLite. The indexes are not in the model's Meta: they are
created here only, like the trigram indexes of 0002.
"""

from django.db import migrations

from followup.core.migration_ops import CreateIndexesConcurrently

# Without statistics for the new indexes, SQLite's planner takes them for very selective and
# picks one for queries sorted by due date, then sorts every row: a search went from 0.2 to
# 2.5 s at a million tasks until ANALYZE ran.
INDEXES = {
    "task_pending_priority": '(organization_id, priority, due_date, id) WHERE "is_pending"',
    "task_pending_priority_desc": '(organization_id, priority DESC, due_date, id) WHERE "is_pending"',
}


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("tasks", "0002_search_indexes"),
    ]

    operations = [
        CreateIndexesConcurrently("tasks_task", INDEXES, analyze_sqlite=True),
    ]
