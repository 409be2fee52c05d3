from django.contrib import admin

from followup.accounts.admin_scoping import OrganizationScopedAdmin
from followup.customers.models import Customer


@admin.register(Customer)
class CustomerAdmin(OrganizationScopedAdmin):
    """The stage is read-only here: it moves on the customer's page or through the API, whose
    service records the change and announces it (D8)."""

    readonly_fields = ("stage",)
    list_display = ("name", "kind", "email", "phone", "stage", "owner")
    list_filter = ("kind", "stage")
    search_fields = ("name", "email", "phone")
    raw_id_fields = ("company",)
