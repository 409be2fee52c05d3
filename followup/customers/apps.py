from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomersConfig(AppConfig):
    name = "followup.customers"
    label = "customers"
    verbose_name = _("Customers")

    def ready(self):
        from followup.core.textsearch import searched

        searched("customers_customer", SEARCHED_COLUMNS)


#: A4, C1: what a search of customers (and of tasks by their customer) looks in.
SEARCHED_COLUMNS = ["name", "email", "phone"]
