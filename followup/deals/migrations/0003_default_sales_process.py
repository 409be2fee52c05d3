"""Organizations made before sales processes were created with them get the default one, so
that every organization's deals have stages (new organizations get it from organization_create)."""

from django.db import migrations

STAGES = ["Qualification", "Needs analysis", "Proposal", "Negotiation"]


def add_default_process(apps, schema_editor):
    Organization = apps.get_model("accounts", "Organization")
    SalesProcess = apps.get_model("deals", "SalesProcess")
    SalesProcess.objects.bulk_create([
        SalesProcess(organization_id=org_id, name="Sales", stages=STAGES)
        for org_id in Organization.objects.filter(sales_processes__isnull=True).values_list("id", flat=True)
    ])


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
        ("deals", "0002_deal_changes"),
    ]

    operations = [migrations.RunPython(add_default_process, migrations.RunPython.noop)]
