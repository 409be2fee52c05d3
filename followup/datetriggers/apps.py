from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DateTriggersConfig(AppConfig):
    """A1: tasks made N days before a customer's date; above customers, tasks and automation
    (whose assignment rules, B2, it reuses)."""

    name = "followup.datetriggers"
    label = "datetriggers"
    verbose_name = _("Date triggers")

    def ready(self):
        from followup.datetriggers.services import describe_trigger
        from followup.setup.nav import settings_page
        from followup.tasks import origins
        from followup.tasks.models import Source

        settings_page("automation", "datetriggers:list", _("Date triggers"))
        origins.register(Source.DATE_TRIGGER, describe_trigger)
