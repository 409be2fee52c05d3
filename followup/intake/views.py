"""Forms in the browser (D9): the list, the builder, a form's submissions. Administrators only
(L8); thin: ``intake.building`` does every write."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup.automation.checks import ensure_admin
from followup.automation.models import AssignTo
from followup.automation.views import admin_page, assignment_choices
from followup.core.exceptions import FieldErrors
from followup.core.parsing import parse_paging
from followup.customers.models import Stage
from followup.intake import building, selectors
from followup.intake.models import CustomerField, Form
from followup.setup.views.common import settings_render
from followup.tasks.models import Priority, TaskType

FORMS_PAGE = "intake:forms"  # its place in the Settings navigation
CHECKS = ("is_active", "make_task")
TEXTS = [f for f in building.FORM_FIELDS if f not in (*CHECKS, "fields")]
NEW = {"is_active": True, "make_task": True, "priority": Priority.MEDIUM, "due_in_days": 1, "stage": Stage.LEAD,
       "assign_to": AssignTo.CUSTOMER_OWNER, "task_title": "Reply to {customer}",
       "fields": [{"field": "name", "label": "", "required": True}, {"field": "email", "label": "", "required": True},
                  {"field": "notes", "label": "", "required": False}]}


def _field_rows(fields: list[dict]) -> list[dict]:
    """One row per customer field: included or not, its label and whether it is required."""
    chosen = {f["field"]: f for f in fields}
    return [{"field": value, "name": label, "on": value in chosen, "label": chosen.get(value, {}).get("label", ""),
             "required": chosen.get(value, {}).get("required", False)} for value, label in CustomerField.choices]


def _context(request, values: dict, errors: dict, form: Form | None = None) -> dict:
    org_id = request.user.organization_id
    return {
        "values": values, "errors": errors, "form": form, "field_rows": _field_rows(values.get("fields") or []),
        "stages": Stage.choices, "priorities": Priority.choices,
        "types": TaskType.objects.filter(organization_id=org_id, is_active=True).order_by("position", "id"),
        **assignment_choices(request.user, values),
    }


def _posted(request) -> dict:
    values = {f: request.POST.get(f, "") for f in TEXTS}
    values.update({f: request.POST.get(f) == "on" for f in CHECKS})
    values["fields"] = [{"field": value, "label": request.POST.get(f"label_{value}", ""),
                         "required": request.POST.get(f"required_{value}") == "on"}
                        for value in CustomerField.values if request.POST.get(f"use_{value}") == "on"]
    return values


@admin_page
def form_list(request):
    ensure_admin(request.user)
    number, size = parse_paging(request.GET)
    page = selectors.form_list(actor=request.user, page=number, size=size)
    return settings_render(request, "intake/form_list.html", {"page": page}, page=FORMS_PAGE)


@admin_page
def form_new(request):
    ensure_admin(request.user)
    values, errors, status = dict(NEW), {}, 200
    if request.method == "POST":
        values = _posted(request)
        try:
            form = building.form_create(actor=request.user, **values)
        except FieldErrors as exc:
            errors, status = exc.errors, 422
        else:
            messages.success(request, _("Form “%(name)s” saved: it is public at /f/%(slug)s.")
                             % {"name": form.name, "slug": form.slug})
            return redirect("intake:submissions", pk=form.pk)
    return settings_render(request, "intake/form_form.html", _context(request, values, errors),
                           page=FORMS_PAGE, status=status)


@admin_page
def form_edit(request, pk: int):
    form = building.form_get(actor=request.user, form_id=pk)
    values, errors, status = {f: getattr(form, f) for f in building.FORM_FIELDS}, {}, 200
    if request.method == "POST":
        values = _posted(request)
        try:
            building.form_update(actor=request.user, form_id=pk, **values)
        except FieldErrors as exc:
            errors, status = exc.errors, 422
        else:
            messages.success(request, _("Form saved."))
            return redirect("intake:submissions", pk=pk)
    return settings_render(request, "intake/form_form.html", _context(request, values, errors, form),
                           page=FORMS_PAGE, status=status)


@admin_page
def form_submissions(request, pk: int):
    """D9: the form's public address, how to embed it, and what visitors sent."""
    form = building.form_get(actor=request.user, form_id=pk)
    number, size = parse_paging(request.GET)
    return settings_render(request, "intake/form_submissions.html", {
        "form": form, "page": selectors.form_submissions(form=form, page=number, size=size),
        "public_url": request.build_absolute_uri(f"/f/{form.slug}"),
    }, page=FORMS_PAGE)


@admin_page
@require_POST
def form_delete(request, pk: int):
    building.form_delete(actor=request.user, form_id=pk)
    messages.success(request, _("Form deleted. The customers and tasks it made stay."))
    return redirect("intake:forms")
