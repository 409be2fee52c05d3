"""Organizations made in Django admin between 0003 and the ``organization_created`` hook got no
sales process: give them the default one, with 0003's own function."""

import importlib

from django.db import migrations

add_default_process = importlib.import_module("followup.deals.migrations.0003_default_sales_process").add_default_process


class Migration(migrations.Migration):

    dependencies = [
        ("deals", "0003_default_sales_process"),
    ]

    operations = [migrations.RunPython(add_default_process, migrations.RunPython.noop)]
