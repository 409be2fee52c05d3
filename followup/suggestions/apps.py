from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuggestionsConfig(AppConfig):
    """L2: the next task a completed task proposes. Above tasks: it listens to
    ``tasks.hooks.task_closed`` and adds its proposal to the task page and list row through
    ``tasks.panels``."""

    name = "followup.suggestions"
    label = "suggestions"
    verbose_name = _("Suggestions")

    def ready(self):
        from followup.suggestions import receivers

        receivers.connect()
