"""L1, L2: organizations made before suggestions existed get the default next task too (their
E-mail type proposes a Phone call the next day), where they still have both default types
(found by icon) and the E-mail type proposes nothing yet. A few rows per organization."""

from django.db import migrations


def add_default(apps, schema_editor):
    TaskType = apps.get_model("tasks", "TaskType")
    NextTask = apps.get_model("suggestions", "NextTask")
    phones = {}
    for t in TaskType.objects.filter(icon="phone").order_by("-position", "-id"):
        phones[t.organization_id] = t  # the first by position wins
    for mail in TaskType.objects.filter(icon="mail", next_task__isnull=True).order_by("position", "id"):
        phone = phones.get(mail.organization_id)
        if phone is not None and not NextTask.objects.filter(after_type=mail).exists():
            NextTask.objects.create(organization_id=mail.organization_id, after_type=mail, next_type=phone,
                                    title="Call {customer}", delay_days=1)


class Migration(migrations.Migration):
    dependencies = [("suggestions", "0001_initial")]

    operations = [migrations.RunPython(add_default, migrations.RunPython.noop)]
