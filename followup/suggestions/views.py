"""L2 in the browser: accept (edited first or not) or dismiss a proposal, and Settings → Next
tasks. Thin: ``services`` and ``config`` do every write."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup.core.dates import DateError, parse_date
from followup.core.exceptions import FieldErrors
from followup.core.parsing import parse_int
from followup.core.responses import is_htmx
from followup.core.web import domain_errors, safe_next
from followup.setup.views.common import admin_only, done, settings_render
from followup.suggestions import config, selectors, services
from followup.tasks.selectors import task_types


def _overrides(request) -> dict:
    """The "edit first" fields as posted; one that is not posted keeps the proposal's value."""
    try:
        due_date = parse_date(request.POST.get("due_date"))
    except DateError as exc:
        raise FieldErrors.single("due_date", str(exc)) from None
    try:
        type_id = parse_int(request.POST.get("type")) if request.POST.get("type") else None
    except ValueError:
        raise FieldErrors.single("type", _("Choose one of the organization's task types.")) from None
    return {"title": request.POST.get("title"), "due_date": due_date, "type_id": type_id}


@login_required
@domain_errors
@require_POST
def accept(request, pk: int):
    task = services.suggestion_accept(actor=request.user, suggestion_id=pk, **_overrides(request))
    if is_htmx(request):
        return render(request, "suggestions/_outcome.html", {"task": task, "accepted": True})
    messages.success(request, _("Task “%(title)s” created.") % {"title": task.title})
    return redirect(safe_next(request, reverse("tasks:detail", args=[task.pk])))


@login_required
@domain_errors
@require_POST
def dismiss(request, pk: int):
    services.suggestion_dismiss(actor=request.user, suggestion_id=pk)
    if is_htmx(request):
        return render(request, "suggestions/_outcome.html", {"accepted": False})
    messages.success(request, _("Suggestion dismissed."))
    return redirect(safe_next(request, reverse("tasks:list")))


def _row(row, values: dict, errors: dict) -> dict:
    """One type's line of the page: its form shows what was posted (after an error) or what is saved."""
    rule = row.rule
    saved = {"next_type_id": rule.next_type_id if rule else "", "title": rule.title if rule else "",
             "delay_days": rule.delay_days if rule else 1}
    return {"type": row.type, "rule": rule, "values": values.get(row.type.pk, saved),
            "errors": errors.get(row.type.pk, {}), "fid": str(row.type.pk)}


def _settings_page(request, *, values: dict | None = None, errors: dict | None = None, status: int = 200):
    rows = selectors.next_tasks_overview(actor=request.user)
    return settings_render(request, "suggestions/settings.html", {
        "rows": [_row(r, values or {}, errors or {}) for r in rows],
        "type_choices": [(t.pk, t.name) for t in task_types(request.user)],
    }, page="suggestions:settings", status=status)


@admin_only
def next_tasks(request):
    """Every task type with the next task it proposes. Queries: session, user + organization,
    header count, the types, the next tasks, the types offered."""
    return _settings_page(request)


@admin_only
@require_POST
def next_task_change(request, type_id: int):
    if request.POST.get("action") == "clear":
        config.next_task_clear(actor=request.user, type_id=type_id)
        return done(request, _("That type proposes no next task any more."), "suggestions:settings")
    values = {k: request.POST.get(k, "") for k in ("next_type_id", "title", "delay_days")}
    try:
        config.next_task_set(actor=request.user, type_id=type_id, **values)
    except FieldErrors as exc:
        return _settings_page(request, values={type_id: values}, errors={type_id: exc.errors}, status=422)
    return done(request, _("Next task saved."), "suggestions:settings")
