from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    """Forms (D9): public pages that turn a website visitor into a customer, and maybe a task.
    A roof app beside automation: it writes through the customer and task services and reuses
    automation's assignment rules (B2)."""

    name = "followup.intake"
    label = "intake"
    verbose_name = _("Forms")

    def ready(self):
        from followup.intake import receivers
        from followup.setup.nav import settings_page

        receivers.connect()
        settings_page("automation", "intake:forms", _("Forms"))
