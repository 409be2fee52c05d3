from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AutomationConfig(AppConfig):
    """Tasks that create themselves (D8, B2, ...): the layer above customers, deals and tasks.
    Those apps announce what happened (``followup.core.hooks``); the receivers connected here
    record it, and the engine decides, in the background, what to create."""

    name = "followup.automation"
    label = "automation"
    verbose_name = _("Automation")

    def ready(self):
        from followup.automation import receivers
        from followup.setup.nav import settings_page

        receivers.connect()
        settings_page("automation", "automation:rules", _("Automation rules"))
