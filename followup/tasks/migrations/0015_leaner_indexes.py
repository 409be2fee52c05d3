"""Issue 14 §3: fewer index writes per task, assignment and history row. The foreign keys' own
indexes go where an index of Meta starts with the same column; the mostly empty ones (co-owner,
main task, completed by) are indexed only where set. Built before the old ones are dropped, and
concurrently on PostgreSQL, so the million-row tables stay writable."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from followup.core.migration_ops import ReplaceIndexesConcurrently


class Migration(migrations.Migration):
    atomic = False  # the indexes are built and dropped concurrently on PostgreSQL

    dependencies = [
        ("accounts", "0006_sharing_receives_shares"),
        ("customers", "0009_leaner_indexes"),
        ("tasks", "0014_calendar_assignment_day"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="historyentry",
                    name="task",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="history",
                        to="tasks.task",
                    ),
                ),
                migrations.AlterField(
                    model_name="task",
                    name="co_owner",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="co_owned_tasks",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="co-owner",
                    ),
                ),
                migrations.AlterField(
                    model_name="task",
                    name="completed_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="completed_tasks",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="completed by",
                    ),
                ),
                migrations.AlterField(
                    model_name="task",
                    name="customer",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tasks",
                        to="customers.customer",
                        verbose_name="customer",
                    ),
                ),
                migrations.AlterField(
                    model_name="task",
                    name="organization",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tasks",
                        to="accounts.organization",
                    ),
                ),
                migrations.AlterField(
                    model_name="task",
                    name="parent",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="subtasks",
                        to="tasks.task",
                        verbose_name="parent task",
                    ),
                ),
                migrations.AlterField(
                    model_name="taskassignment",
                    name="task",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="assignments",
                        to="tasks.task",
                    ),
                ),
                migrations.AlterField(
                    model_name="taskassignment",
                    name="user",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="task_assignments",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            database_operations=[
                ReplaceIndexesConcurrently(
                    "tasks_task",
                    new={
                        "task_co_owner": "(co_owner_id) WHERE co_owner_id IS NOT NULL",
                        "task_parent": "(parent_id) WHERE parent_id IS NOT NULL",
                        "task_completed_by_id": "(completed_by_id) WHERE completed_by_id IS NOT NULL",
                    },
                    old={
                        "tasks_task_organization_id_50c2ed4a": "(organization_id)",
                        "tasks_task_customer_id_a9ef7341": "(customer_id)",
                        "tasks_task_co_owner_id_32424a4d": "(co_owner_id)",
                        "tasks_task_parent_id_ee6a2001": "(parent_id)",
                        "tasks_task_completed_by_id_473548b4": "(completed_by_id)",
                    },
                ),
                ReplaceIndexesConcurrently(
                    "tasks_taskassignment",
                    new={},
                    old={
                        "tasks_taskassignment_task_id_6281ef9c": "(task_id)",
                        "tasks_taskassignment_user_id_ae7008db": "(user_id)",
                    },
                ),
                ReplaceIndexesConcurrently(
                    "tasks_historyentry", new={}, old={"tasks_historyentry_task_id_72a2424e": "(task_id)"}
                ),
            ],
        ),
    ]
