"""L1, L4: organizations made before task templates existed get the default post-sale template
(``tasktemplates.defaults``, frozen here in English), as the won template of their first sales
process when it has none. Organizations that already have a template are left alone."""

from django.db import migrations

NAME = "Post-sale care"
ITEMS = [
    ("phone", "Thank the customer for the order", 1, 3,
     "Call to thank them and confirm the next steps of the delivery."),
    ("mail", "Send the onboarding materials", 2, 2, "Who to contact, how to start, where to find help."),
    ("meeting", "Check how the customer is doing", 30, 2, "Ask what works and what does not; note any problem as a task."),
    ("offer", "Propose a cross-sell or up-sell", 90, 2, "Offer what complements what they bought."),
]


def add_defaults(apps, schema_editor):
    Organization = apps.get_model("accounts", "Organization")
    TaskType = apps.get_model("tasks", "TaskType")
    SalesProcess = apps.get_model("deals", "SalesProcess")
    TaskTemplate = apps.get_model("tasktemplates", "TaskTemplate")
    TemplateItem = apps.get_model("tasktemplates", "TemplateItem")
    PostSale = apps.get_model("tasktemplates", "PostSale")
    with_templates = TaskTemplate.objects.values_list("organization_id", flat=True)
    for org_id in Organization.objects.exclude(id__in=with_templates).values_list("id", flat=True):
        types = dict(TaskType.objects.filter(organization_id=org_id).values_list("icon", "id"))
        template = TaskTemplate.objects.create(organization_id=org_id, name=NAME, skip_weekends=True)
        TemplateItem.objects.bulk_create([
            TemplateItem(template=template, position=n, task_type_id=types.get(icon), title=title, delay_days=delay,
                         priority=priority, description=description, assign_to="customer_owner")
            for n, (icon, title, delay, priority, description) in enumerate(ITEMS)
        ])
        process = SalesProcess.objects.filter(organization_id=org_id).order_by("id").first()
        if process is not None and not PostSale.objects.filter(process=process).exists():
            PostSale.objects.create(process=process, won_template=template)


class Migration(migrations.Migration):

    dependencies = [
        ("tasktemplates", "0001_initial"),
    ]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
