"""L1, L6: organizations made without the task defaults (for instance in Django admin, before the
``organization_created`` hook) get the default statuses and types; every organization is left
with exactly one default status, active and open; then a partial unique index keeps it at most one.
The statuses table holds a handful of rows per organization, so the index builds at once."""

from django.db import migrations, models

STATUSES = [
    ("Not Started", "open", True, "slate"),
    ("In Progress", "in_progress", False, "blue"),
    ("Completed", "done", False, "green"),
    ("Canceled", "canceled", False, "gray"),
]
TYPES = [
    ("E-mail", "mail"), ("Phone call", "phone"), ("Offer", "offer"),
    ("Project", "project"), ("Meeting", "meeting"), ("Online meeting", "video"),
]


def add_defaults(apps, schema_editor):
    Organization = apps.get_model("accounts", "Organization")
    TaskStatus = apps.get_model("tasks", "TaskStatus")
    TaskType = apps.get_model("tasks", "TaskType")
    for org_id in Organization.objects.filter(task_statuses__isnull=True).values_list("id", flat=True):
        TaskStatus.objects.bulk_create([
            TaskStatus(organization_id=org_id, name=n, category=c, is_default=d, color=col, position=i)
            for i, (n, c, d, col) in enumerate(STATUSES)
        ])
    for org_id in Organization.objects.filter(task_types__isnull=True).values_list("id", flat=True):
        TaskType.objects.bulk_create([
            TaskType(organization_id=org_id, name=n, icon=icon, position=i) for i, (n, icon) in enumerate(TYPES)
        ])
    for org_id in Organization.objects.values_list("id", flat=True):
        statuses = TaskStatus.objects.filter(organization_id=org_id)
        keep = (statuses.filter(is_default=True, is_active=True, category="open").order_by("position", "id").first()
                or statuses.filter(is_active=True, category="open").order_by("position", "id").first())
        if keep is None:
            keep = TaskStatus.objects.create(organization_id=org_id, name="Not Started (default)",
                                             category="open", color="slate", position=0)
        statuses.exclude(pk=keep.pk).filter(is_default=True).update(is_default=False)
        statuses.filter(pk=keep.pk).update(is_default=True)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
        ("tasks", "0007_task_due_at_index"),
    ]

    operations = [
        migrations.RunPython(add_defaults, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="taskstatus",
            constraint=models.UniqueConstraint(condition=models.Q(("is_default", True)), fields=("organization",),
                                               name="taskstatus_one_default"),
        ),
    ]
