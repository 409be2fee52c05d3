"""Indexes for the task's project, deal and memo, only where one is set (most tasks have none),
built concurrently on PostgreSQL so the tasks table stays writable."""

from django.db import migrations

from followup.core.migration_ops import CreateIndexesConcurrently


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("tasks", "0004_task_links"),
    ]

    operations = [
        CreateIndexesConcurrently("tasks_task", {
            "task_project": "(project_id) WHERE project_id IS NOT NULL",
            "task_deal": "(deal_id) WHERE deal_id IS NOT NULL",
            "task_memo": "(memo_id) WHERE memo_id IS NOT NULL",
        }),
    ]
