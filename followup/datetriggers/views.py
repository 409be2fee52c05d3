"""Date triggers in Settings (A1): the list, a trigger's page with its preview and run log,
the form. Administrators only (L8); thin: ``services`` and ``firing`` do every write."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup.automation.checks import ensure_admin
from followup.automation.models import AssignTo
from followup.automation.views import admin_page, assignment_choices
from followup.core.exceptions import FieldErrors
from followup.core.parsing import parse_paging
from followup.datetriggers import selectors, services
from followup.datetriggers.firing import trigger_create_passed
from followup.datetriggers.models import DateTrigger, WatchedDate
from followup.setup.views.common import settings_render
from followup.tasks.models import Priority, TaskType

PAGE = "datetriggers:list"  # its place in the Settings navigation
FORM_FIELDS = [f for f in services.TRIGGER_FIELDS if f != "is_active"]


def _form_context(request, values: dict, errors: dict, trigger: DateTrigger | None = None) -> dict:
    org_id = request.user.organization_id
    return {
        "values": values, "errors": errors, "trigger": trigger, "fields": WatchedDate.choices,
        "priorities": Priority.choices,
        "types": TaskType.objects.filter(organization_id=org_id, is_active=True).order_by("position", "id"),
        **assignment_choices(request.user, values),
    }


def _posted(request) -> dict:
    values = {f: request.POST.get(f, "") for f in FORM_FIELDS}
    values["is_active"] = request.POST.get("is_active") == "on"
    return values


@admin_page
def trigger_list(request):
    ensure_admin(request.user)
    number, size = parse_paging(request.GET)
    return settings_render(request, "datetriggers/trigger_list.html",
                  {"page": selectors.trigger_list(actor=request.user, page=number, size=size)}, page=PAGE)


def _save(request, trigger: DateTrigger | None):
    """The form's POST: create or change, or show the form again with each problem by its field."""
    values = _posted(request)
    try:
        if trigger is None:
            trigger = services.trigger_save(actor=request.user, **values)
        else:
            services.trigger_save(actor=request.user, trigger_id=trigger.pk, **values)
    except FieldErrors as exc:
        return settings_render(request, "datetriggers/trigger_form.html",
                      _form_context(request, values, exc.errors, trigger), page=PAGE, status=422)
    messages.success(request, _("Date trigger “%(name)s” saved.") % {"name": values["name"].strip()})
    return redirect("datetriggers:detail", pk=trigger.pk)


@admin_page
def trigger_new(request):
    ensure_admin(request.user)
    if request.method == "POST":
        return _save(request, None)
    values = {"is_active": True, "priority": Priority.MEDIUM, "field": WatchedDate.BIRTHDAY, "days_before": 0,
              "assign_to": AssignTo.CUSTOMER_OWNER, "title": _("Birthday call: {customer}")}
    return settings_render(request, "datetriggers/trigger_form.html", _form_context(request, values, {}), page=PAGE)


@admin_page
def trigger_edit(request, pk: int):
    trigger = services.trigger_get(actor=request.user, trigger_id=pk)
    if request.method == "POST":
        return _save(request, trigger)
    values = {f: getattr(trigger, f) for f in services.TRIGGER_FIELDS}
    return settings_render(request, "datetriggers/trigger_form.html", _form_context(request, values, {}, trigger),
                           page=PAGE)


@admin_page
def trigger_detail(request, pk: int):
    """A1: what the trigger does, the passed occurrences it would still make, its run log."""
    trigger = services.trigger_get(actor=request.user, trigger_id=pk)
    return settings_render(request, "datetriggers/trigger_detail.html", {
        "trigger": trigger, "preview": selectors.trigger_preview(trigger=trigger),
        "runs": selectors.trigger_runs(trigger=trigger),
    }, page=PAGE)


@admin_page
@require_POST
def trigger_passed(request, pk: int):
    """The preview's "create them": the tasks of the occurrences whose trigger day passed."""
    trigger = services.trigger_get(actor=request.user, trigger_id=pk)
    run = trigger_create_passed(trigger)
    if run.error:
        messages.error(request, run.error)
    else:
        messages.success(request, _("%(n)s task(s) created.") % {"n": run.made})
    return redirect("datetriggers:detail", pk=pk)


@admin_page
@require_POST
def trigger_delete(request, pk: int):
    services.trigger_delete(actor=request.user, trigger_id=pk)
    messages.success(request, _("Date trigger deleted. The tasks it made stay."))
    return redirect("datetriggers:list")
