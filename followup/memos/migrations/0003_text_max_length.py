"""Issue 13 §1.12: the text's length limit lives on the model field (``max_length``), read by
the page, the service and the API. A text column has no length in the database, so this
changes only Django's state: without SeparateDatabaseAndState, SQLite would copy the whole
table to alter nothing."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('memos', '0002_version'),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=[
        migrations.AlterField(
            model_name='memo',
            name='body',
            field=models.TextField(blank=True, max_length=20000, verbose_name='text'),
        ),
    ])]
