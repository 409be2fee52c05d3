"""One-click actions on a task (D4, D11, A3): complete, reopen, set status, reassign, reschedule, delete.

Every action is a plain POST that redirects back; when htmx sends it, the answer is the
changed table row instead, so the page updates in place.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup.core.dates import DateError, parse_date
from followup.core.exceptions import FieldErrors
from followup.core.parsing import parse_id_list, parse_int
from followup.core.responses import is_htmx
from followup.core.web import safe_next
from followup.tasks import page_selectors, panels, selectors, services
from followup.tasks.reschedule import task_reschedule
from followup.tasks.views.common import row_context, task_module


def _version(request):
    try:
        return parse_int(request.POST.get("version"))
    except ValueError:
        return None


def _after_action(request, pk: int, message: str, *, deleted: bool = False):
    """htmx gets the changed row (or nothing, for a deleted one); a plain POST is redirected back."""
    if is_htmx(request):
        if deleted:
            return HttpResponse("")
        context = {"task": page_selectors.task_detail(actor=request.user, task_id=pk),
                   **row_context(request, safe_next(request, reverse("tasks:list")))}
        template = "customers/_task_row.html" if request.POST.get("row") == "customer" else "tasks/_row.html"
        if template.startswith("customers"):
            context["statuses"] = selectors.task_statuses(request.user)
        response = render(request, template, context)
        response.content += panels.after_row_html(request, context["task"]).encode()  # L2: the proposal
        response["HX-Trigger"] = "badge-changed"
        return response
    messages.success(request, message)
    return redirect(safe_next(request, reverse("tasks:list")))


@task_module
@require_POST
def task_complete(request, pk: int):
    task = services.task_complete(actor=request.user, task_id=pk, version=_version(request))
    return _after_action(request, pk, _("“%(title)s” completed.") % {"title": task.title})


@task_module
@require_POST
def task_reopen(request, pk: int):
    task = services.task_reopen(actor=request.user, task_id=pk, version=_version(request))
    return _after_action(request, pk, _("“%(title)s” reopened.") % {"title": task.title})


@task_module
@require_POST
def task_set_status(request, pk: int):
    """D11: change the status in place (the customer profile's per-row select)."""
    page_selectors.task_detail(actor=request.user, task_id=pk)  # an invisible task is a 404 before a bad status
    task = services.task_set_status(actor=request.user, task_id=pk, status_id=request.POST.get("status"),
                                    version=_version(request))
    return _after_action(request, pk, _("Status of “%(title)s” is now %(status)s.")
                         % {"title": task.title, "status": task.status.name})


@task_module
@require_POST
def task_reassign(request, pk: int):
    ids = parse_id_list(request.POST.getlist("assignees"))
    if ids is None:
        raise FieldErrors.single("assignees", _("Choose people of your organization."))
    task = services.task_reassign(actor=request.user, task_id=pk, assignee_ids=ids, version=_version(request))
    return _after_action(request, pk, _("“%(title)s” reassigned.") % {"title": task.title})


@task_module
@require_POST
def task_reschedule_view(request, pk: int):
    """A3: "+1 day" and "next week" (``step``), or the date typed (``due_date``), in one step."""
    try:
        due_date = parse_date(request.POST.get("due_date"))
    except DateError as exc:
        raise FieldErrors.single("due_date", str(exc)) from None
    task = task_reschedule(actor=request.user, task_id=pk, step=request.POST.get("step"), due_date=due_date,
                           version=_version(request))
    return _after_action(request, pk, _("“%(title)s” is now due %(date)s.")
                         % {"title": task.title, "date": date_format(task.due_date, "j M Y")})


@task_module
@require_POST
def task_delete(request, pk: int):
    task = page_selectors.task_detail(actor=request.user, task_id=pk)
    services.task_delete(actor=request.user, task_id=pk, version=_version(request))
    return _after_action(request, pk, _("“%(title)s” deleted.") % {"title": task.title}, deleted=True)
