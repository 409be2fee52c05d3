"""B3: a series keeps the project and deal of its task, so the next occurrence belongs to them
too. Existing series take them from their latest occurrence's task."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def carry_from_latest_occurrence(apps, schema_editor):
    Series = apps.get_model("recurrence", "Series")
    Occurrence = apps.get_model("recurrence", "Occurrence")
    latest = Occurrence.objects.filter(series=OuterRef("pk")).order_by("-starts_on")
    Series.objects.update(
        project_id=Subquery(latest.values("task__project_id")[:1]),
        deal_id=Subquery(latest.values("task__deal_id")[:1]),
    )


class Migration(migrations.Migration):

    dependencies = [
        ("deals", "0006_sales_stages"),
        ("projects", "0003_text_max_length"),
        ("recurrence", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="series",
            name="project",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="+", to="projects.project", verbose_name="project"),
        ),
        migrations.AddField(
            model_name="series",
            name="deal",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="+", to="deals.deal", verbose_name="deal"),
        ),
        migrations.RunPython(carry_from_latest_occurrence, migrations.RunPython.noop),
    ]
