"""The four task lists (D2, A4, J9), the batch bar (D10) and the header badge (D1)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from followup.accounts.selectors import person_label
from followup.core.exceptions import FieldErrors
from followup.core.parsing import parse_id_list, parse_paging
from followup.core.web import safe_next
from followup.tasks import bulk, panels, selectors
from followup.tasks.filter_options import filter_options
from followup.tasks.forms import parse_filters
from followup.tasks.models import Priority
from followup.tasks.selectors import TaskView
from followup.tasks.views.common import row_context, task_module


def _tabs():
    return [
        (TaskView.MY_PENDING, _("My pending")),
        (TaskView.UNASSIGNED, _("Unassigned")),
        (TaskView.ALL_PENDING, _("All pending")),
        (TaskView.COMPLETED, _("Completed")),
    ]


@task_module
def task_list(request, view: str = TaskView.MY_PENDING):
    """D2, A4, J9. Queries: session, user+organization, header count, tasks, assignees, statuses,
    types; and the filtered assignee's name when there is one. The people pickers (filter bar,
    batch bar, reassign dialog) load their choices as the user types (issue 13 §1.1)."""
    if view not in TaskView._value2member_map_:
        raise Http404(_("Unknown task list."))
    view = TaskView(view)
    filters, problems = parse_filters(request.GET)
    number, size = parse_paging(request.GET)
    page = selectors.task_list(actor=request.user, view=view, filters=filters, page=number, size=size)
    selectors.with_parent_titles(page.items)
    statuses, types = filter_options(request.user)
    return render(request, "tasks/list.html", {
        "view": view,
        "tabs": _tabs(),
        "filters": filters,
        "problems": problems,
        "page": page,
        "statuses": statuses,
        "types": types,
        "assignee_filter_label": person_label(actor=request.user, person_id=filters.assignee_id),
        # A date that could not be read is shown as typed, next to the message saying why.
        "filter_dates": {name: request.GET.get(name, "") if name in problems else getattr(filters, name)
                         for name in ("due_from", "due_to")},
        "priorities": Priority.choices,
        "panels": panels.task_list_html(request),
        **row_context(request, request.get_full_path()),
        "filters_active": any(k in request.GET for k in (
            "q", "type", "status", "priority", "assignee", "due_from", "due_to", "overdue", "all")),
    })


@task_module
@require_POST
def tasks_bulk(request):
    """D10: batch complete, reopen, delete or reassign the checked rows (all or nothing)."""
    action = request.POST.get("action", "")
    ids = parse_id_list(request.POST.getlist("task_ids"))
    if ids is None:
        raise FieldErrors.single("task_ids", _("Check at least one task."))
    assignee_ids = None
    if action == "reassign":
        assignee_ids = parse_id_list([request.POST.get("assignee", "")])
        if assignee_ids is None:
            raise FieldErrors.single("assignee_ids", _("Choose who gets the tasks."))
    n = bulk.tasks_bulk(actor=request.user, action=action, task_ids=ids, assignee_ids=assignee_ids)
    text = {
        "complete": ngettext("%(n)s task completed.", "%(n)s tasks completed.", n),
        "reopen": ngettext("%(n)s task reopened.", "%(n)s tasks reopened.", n),
        "delete": ngettext("%(n)s task deleted.", "%(n)s tasks deleted.", n),
        "reassign": ngettext("%(n)s task reassigned.", "%(n)s tasks reassigned.", n),
    }[action]
    messages.success(request, text % {"n": n})
    return redirect(safe_next(request, reverse("tasks:list")))


@task_module
def reassign_dialog(request):
    """The task list's reassign dialog, fetched when first opened (issue 16 §2: not on every page)."""
    return render(request, "tasks/_reassign_dialog.html", {"here": safe_next(request, reverse("tasks:list"))})


@task_module
def badge(request):
    """The header count alone, refreshed by htmx after an in-place action."""
    return render(request, "tasks/_badge.html")
