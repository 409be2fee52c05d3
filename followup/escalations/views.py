"""Escalations in Settings (A6): the thresholds, a form to add one, delete. Administrators only."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup.automation.checks import ensure_admin
from followup.automation.views import admin_page
from followup.core.exceptions import FieldErrors
from followup.escalations import services
from followup.setup.views.common import settings_render
from followup.tasks.models import TaskType

UNITS = {"hours": 1, "days": 24}


def _hours(request):
    """The amount in the unit chosen, as hours (text that is no number is the service's to refuse)."""
    amount = request.POST.get("amount", "").strip()
    factor = UNITS.get(request.POST.get("unit"), 1)
    return int(amount) * factor if amount.isdigit() else amount


@admin_page
def escalation_list(request):
    ensure_admin(request.user)
    values, errors, status = {"amount": "2", "unit": "days"}, {}, 200
    if request.method == "POST":
        values = {f: request.POST.get(f, "") for f in ("amount", "unit", "task_type_id")}
        try:
            services.escalation_create(actor=request.user, overdue_hours=_hours(request),
                                       task_type_id=values["task_type_id"] or None)
        except FieldErrors as exc:
            errors, status = exc.errors, 422
        else:
            messages.success(request, _("Escalation saved."))
            return redirect("escalations:list")
    return settings_render(request, "escalations/escalation_list.html", {
        "rules": services.escalation_list(actor=request.user), "values": values, "errors": errors,
        "types": TaskType.objects.filter(organization_id=request.user.organization_id, is_active=True)
        .order_by("position", "id"),
    }, page="escalations:list", status=status)


@admin_page
@require_POST
def escalation_delete(request, pk: int):
    services.escalation_delete(actor=request.user, rule_id=pk)
    messages.success(request, _("Escalation deleted."))
    return redirect("escalations:list")
