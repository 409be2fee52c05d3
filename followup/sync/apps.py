from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyncConfig(AppConfig):
    """A2: offline sync for phone apps. The layer above tasks, customers and reminders: their
    services announce every change (``followup.core.hooks``); the receivers connected here write
    the change log in the same transaction."""

    name = "followup.sync"
    label = "sync"
    verbose_name = _("Offline sync")

    def ready(self):
        from followup.sync import receivers

        receivers.connect()
