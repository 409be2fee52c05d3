"""Stages get ids of their own (D8: a rule or a deal names a stage by id, so renaming it breaks
nothing). Each name of a process's JSON list becomes a ``SalesStage`` row, in order; each deal
points at its stage's row instead of holding the name. A deal at a name its process no longer
lists (the list was edited in the admin) keeps it: the name is added at the end of the process."""

import django.db.models.deletion
from django.db import migrations, models


def stages_to_rows(apps, schema_editor):
    SalesProcess = apps.get_model("deals", "SalesProcess")
    SalesStage = apps.get_model("deals", "SalesStage")
    Deal = apps.get_model("deals", "Deal")
    for process in SalesProcess.objects.all().iterator():
        by_name = {}
        for position, name in enumerate(dict.fromkeys(process.stages or [])):
            by_name[name] = SalesStage.objects.create(process_id=process.pk, name=name[:80], position=position)
        names = Deal.objects.filter(process_id=process.pk).exclude(stage="").values_list("stage", flat=True)
        for name in sorted(set(names) - set(by_name)):
            by_name[name] = SalesStage.objects.create(process_id=process.pk, name=name, position=len(by_name))
        for name, stage in by_name.items():
            Deal.objects.filter(process_id=process.pk, stage=name).update(stage_ref=stage)


def rows_to_stages(apps, schema_editor):
    SalesProcess = apps.get_model("deals", "SalesProcess")
    SalesStage = apps.get_model("deals", "SalesStage")
    Deal = apps.get_model("deals", "Deal")
    for process in SalesProcess.objects.all().iterator():
        process.stages = list(SalesStage.objects.filter(process_id=process.pk).order_by("position", "id")
                              .values_list("name", flat=True))
        process.save(update_fields=["stages"])
    for stage in SalesStage.objects.all().iterator():
        Deal.objects.filter(stage_ref_id=stage.pk).update(stage=stage.name)


class Migration(migrations.Migration):

    dependencies = [
        ("deals", "0005_deal_currency"),
    ]

    operations = [
        migrations.CreateModel(
            name="SalesStage",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=80, verbose_name="name")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                # "stages" is still the JSON field's name while the rows are made: renamed at the end.
                ("process", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="stage_rows",
                                              to="deals.salesprocess")),
            ],
            options={"verbose_name": "stage", "verbose_name_plural": "stages", "ordering": ["position", "id"]},
        ),
        migrations.AddConstraint(
            model_name="salesstage",
            constraint=models.UniqueConstraint(fields=("process", "name"), name="salesstage_unique_name"),
        ),
        migrations.AddField(
            model_name="deal",
            name="stage_ref",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="deals", to="deals.salesstage", verbose_name="stage"),
        ),
        migrations.RunPython(stages_to_rows, rows_to_stages),
        migrations.RemoveField(model_name="deal", name="stage"),
        migrations.RenameField(model_name="deal", old_name="stage_ref", new_name="stage"),
        migrations.RemoveField(model_name="salesprocess", name="stages"),
        migrations.AlterField(
            model_name="salesstage",
            name="process",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="stages",
                                    to="deals.salesprocess"),
        ),
    ]
