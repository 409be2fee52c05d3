from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SetupConfig(AppConfig):
    """L8: the Settings area (``/settings/``). Named ``setup`` because ``followup.settings`` is
    Django's settings module."""

    name = "followup.setup"
    label = "setup"
    verbose_name = _("Settings")
