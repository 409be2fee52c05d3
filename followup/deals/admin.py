from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from followup.accounts.admin_scoping import ReadOnlyScopedAdmin
from followup.deals.models import SalesProcess


@admin.register(SalesProcess)
class SalesProcessAdmin(ReadOnlyScopedAdmin):
    """Read-only: administrators name processes and their stages in Settings, whose services
    keep the stages' ids that deals and automation rules point at (``deals.processes``)."""

    list_display = ("name", "stage_names")
    search_fields = ("name",)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("stages")

    @admin.display(description=_("stages"))
    def stage_names(self, obj):
        return " → ".join(s.name for s in obj.stages.all())
