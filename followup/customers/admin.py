from django.contrib import admin

from followup.core.admin_scoping import OrganizationScopedAdmin
from followup.customers.models import Customer


@admin.register(Customer)
class CustomerAdmin(OrganizationScopedAdmin):
    list_display = ("name", "kind", "email", "phone", "stage", "owner")
    list_filter = ("kind", "stage")
    search_fields = ("name", "email", "phone")
    raw_id_fields = ("company",)
