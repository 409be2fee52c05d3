from django.contrib import admin

from followup.accounts.admin_scoping import OrganizationScopedAdmin
from followup.deals.models import SalesProcess


@admin.register(SalesProcess)
class SalesProcessAdmin(OrganizationScopedAdmin):
    """Administrators name the pipelines and their stages (a JSON list of stage names)."""

    list_display = ("name", "stages")
    search_fields = ("name",)
