
import ipaddress

from django.db import migrations, models


def client_network_from_address(apps, schema_editor):
    """The failures of the last day count for their client as new ones do (an IPv6 one by its /64)."""
    LoginFailure = apps.get_model("accounts", "LoginFailure")
    for failure in LoginFailure.objects.exclude(ip_address=None).only("ip_address"):
        address = ipaddress.ip_address(failure.ip_address)
        network = str(ipaddress.ip_network(f"{address}/64", strict=False)) if address.version == 6 else str(address)
        LoginFailure.objects.filter(pk=failure.pk).update(client_network=network)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_organization_and_user_language'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='loginfailure',
            name='loginfailure_user_time',
        ),
        migrations.AddField(
            model_name='loginfailure',
            name='client_network',
            field=models.CharField(default='', max_length=64),
        ),
        migrations.RunPython(client_network_from_address, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='loginfailure',
            index=models.Index(fields=['client_network', 'created_at'], name='loginfailure_client_time'),
        ),
        migrations.AddIndex(
            model_name='loginfailure',
            index=models.Index(fields=['client_network', 'username', 'created_at'], name='loginfailure_client_user_time'),
        ),
    ]
