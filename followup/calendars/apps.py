from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    """L9: the calendar, a feature above tasks. It owns no table: it reads tasks through the tasks
    app's visibility rule and writes them through ``followup.tasks.services.task_update``."""

    name = "followup.calendars"
    label = "calendars"
    verbose_name = _("Calendar")
