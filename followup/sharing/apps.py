from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SharingConfig(AppConfig):
    """L7 sharing and B1 calendar feeds. The grants are a domain record that the one task
    visibility rule (``followup.tasks.access``) reads; the pages, the API and the feeds built on
    it sit above the tasks app."""

    name = "followup.sharing"
    label = "sharing"
    verbose_name = _("Sharing")
