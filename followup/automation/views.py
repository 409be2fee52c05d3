"""Auto-flow rules in the browser (D8): the list, a rule's page with its preview and run log,
the form. Administrators only (L8); thin: ``automation.rules`` does every write."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup.accounts.models import Department, Team, User
from followup.accounts.selectors import person_label
from followup.automation import rules, selectors
from followup.automation.checks import ensure_admin
from followup.automation.models import AssignTo
from followup.automation.stage_rules import rule_run_for_current, rule_would_create
from followup.core.exceptions import FieldErrors
from followup.core.parsing import parse_paging
from followup.core.web import domain_errors
from followup.customers.models import CustomerKind, Stage
from followup.deals.models import SalesProcess
from followup.setup.views.common import settings_render
from followup.tasks.models import Priority, TaskType

RULES_PAGE = "automation:rules"  # its place in the Settings navigation
FORM_FIELDS = [f for f in rules.RULE_FIELDS if f not in ("is_active", "skip_weekends", "deal_stage_id")]
DEAL_STAGE = "deal:"  # the stage picker's value of a deal stage: "deal:<id>"


def admin_page(view):
    return login_required(domain_errors(view))


def assignment_choices(actor: User, values: dict) -> dict:
    """B2: what the "Assign to" fields offer (``automation/_assign_fields.html``): the kinds, the
    departments and the teams of the organization, and the name of the fixed person chosen (the
    person picker finds people as one types, so the page does not list them all: issue 16 §2)."""
    organization_id = actor.organization_id
    return {
        "assign_choices": AssignTo.choices,
        "departments": Department.objects.filter(organization_id=organization_id).order_by("name"),
        "teams": Team.objects.filter(organization_id=organization_id).order_by("name"),
        "assign_user_label": person_label(actor=actor, person_id=values.get("assign_user_id")),
    }


def _form_context(request, values: dict, errors: dict) -> dict:
    org_id = request.user.organization_id
    return {
        "values": values, "errors": errors, "stages": Stage.choices, "when": values.get("stage") or "",
        "when_deal": str(values.get("deal_stage_id") or ""),
        "processes": SalesProcess.objects.filter(organization_id=org_id).prefetch_related("stages").order_by("name"),
        "kinds": CustomerKind.choices,
        "priorities": Priority.choices,
        "types": TaskType.objects.filter(organization_id=org_id, is_active=True).order_by("position", "id"),
        "only_owner_label": person_label(actor=request.user, person_id=values.get("only_owner_id")),
        **assignment_choices(request.user, values),
    }


def _posted(request) -> dict:
    values = {f: request.POST.get(f, "") for f in FORM_FIELDS}
    values["is_active"] = request.POST.get("is_active") == "on"
    values["skip_weekends"] = request.POST.get("skip_weekends") == "on"
    if values["stage"].startswith(DEAL_STAGE):  # D8: a stage of a sales process
        values["stage"], values["deal_stage_id"] = "", values["stage"].removeprefix(DEAL_STAGE)
    else:
        values["deal_stage_id"] = None
    return values


@admin_page
def rule_list(request):
    ensure_admin(request.user)
    number, size = parse_paging(request.GET)
    return settings_render(request, "automation/rule_list.html", {"page": selectors.rule_list(
        actor=request.user, page=number, size=size)}, page=RULES_PAGE)


@admin_page
def rule_new(request):
    ensure_admin(request.user)
    values, errors, status = {"is_active": True, "priority": Priority.MEDIUM, "due_in_days": 1,
                              "assign_to": AssignTo.CUSTOMER_OWNER, "title": "{customer}"}, {}, 200
    if request.method == "POST":
        values = _posted(request)
        try:
            rule = rules.rule_create(actor=request.user, **values)
        except FieldErrors as exc:
            errors, status = exc.errors, 422
        else:
            messages.success(request, _("Rule “%(name)s” saved. It acts on customers who enter the stage from now on.")
                             % {"name": rule.name})
            return redirect("automation:rule", pk=rule.pk)
    return settings_render(request, "automation/rule_form.html", _form_context(request, values, errors),
                           page=RULES_PAGE, status=status)


@admin_page
def rule_edit(request, pk: int):
    rule = rules.rule_get(actor=request.user, rule_id=pk)
    values, errors, status = {f: getattr(rule, f) for f in rules.RULE_FIELDS}, {}, 200
    if request.method == "POST":
        values = _posted(request)
        try:
            rules.rule_update(actor=request.user, rule_id=pk, **values)
        except FieldErrors as exc:
            errors, status = exc.errors, 422
        else:
            messages.success(request, _("Rule saved."))
            return redirect("automation:rule", pk=pk)
    return settings_render(request, "automation/rule_form.html",
                           {**_form_context(request, values, errors), "rule": rule}, page=RULES_PAGE, status=status)


@admin_page
def rule_detail(request, pk: int):
    """D8: what the rule does, how many tasks it would make now, and its run log."""
    rule = rules.rule_get(actor=request.user, rule_id=pk)
    return settings_render(request, "automation/rule_detail.html", {
        "rule": rule, "would_create": rule_would_create(rule), "runs": selectors.rule_runs(rule=rule),
    }, page=RULES_PAGE)


@admin_page
@require_POST
def rule_run(request, pk: int):
    """The preview's "create them now", for the customers already in the stage."""
    rule = rules.rule_get(actor=request.user, rule_id=pk)
    run = rule_run_for_current(rule=rule)
    if run.error:
        messages.error(request, run.error)
    else:
        messages.success(request, _("%(n)s task(s) created.") % {"n": run.made})
    return redirect("automation:rule", pk=pk)


@admin_page
@require_POST
def rule_toggle(request, pk: int):
    """Pause or resume."""
    rule = rules.rule_get(actor=request.user, rule_id=pk)
    rules.rule_update(actor=request.user, rule_id=pk, is_active=not rule.is_active)
    messages.success(request, _("Rule resumed.") if not rule.is_active else _("Rule paused."))
    return redirect("automation:rule", pk=pk)


@admin_page
@require_POST
def rule_delete(request, pk: int):
    rules.rule_delete(actor=request.user, rule_id=pk)
    messages.success(request, _("Rule deleted. The tasks it made stay."))
    return redirect("automation:rules")
