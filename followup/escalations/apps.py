from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EscalationsConfig(AppConfig):
    """A6: overdue tasks told to the assignees' supervisors; above tasks and notifications."""

    name = "followup.escalations"
    label = "escalations"
    verbose_name = _("Escalations")

    def ready(self):
        from followup.setup.nav import settings_page

        settings_page("automation", "escalations:list", _("Escalations"))
