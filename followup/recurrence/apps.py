from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecurrenceConfig(AppConfig):
    """B3: recurring tasks. Above tasks: it follows ``tasks.hooks.task_closed`` to make the next
    occurrence, says what made a recurring task (``tasks.origins``) and adds the Repeat control
    to the task forms and the rule in words to the task page (``tasks.extensions``)."""

    name = "followup.recurrence"
    label = "recurrence"
    verbose_name = _("Recurring tasks")

    def ready(self):
        from followup.recurrence import receivers

        receivers.connect()
