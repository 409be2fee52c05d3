from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DealsConfig(AppConfig):
    name = "followup.deals"
    label = "deals"
    verbose_name = _("Deals")

    def ready(self):
        from followup.accounts.events import organization_created
        from followup.deals.services import sales_process_create_default

        organization_created.connect(sales_process_create_default)
