"""The task page (D3, A3): every field, subtasks (J7, J10, J12), notes and the history."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from followup.core.combobox import Choice
from followup.core.dates import DateError, parse_date
from followup.core.exceptions import FieldErrors
from followup.core.parsing import parse_id_list
from followup.tasks import page_selectors, panels, selectors, services, team
from followup.tasks.access import can_delete, can_edit, can_note, may_set_status
from followup.tasks.origins import origin_text
from followup.tasks.views.common import task_module


def _subtask_context(request, task) -> dict:
    """J7, J10, J12: the subtasks, their progress, each performer's share on a team task, and
    whether this user may set the task's status directly."""
    subtasks = page_selectors.task_subtasks(task=task)
    performers = list(task.assignees.all())
    by_performer = [
        (p, [s for s in subtasks if any(a.pk == p.pk for a in s.assignees.all())]) for p in performers
    ] if task.is_team_task else []
    done, total = page_selectors.subtask_progress(subtasks)
    return {
        "subtasks": subtasks, "subtasks_done": done, "subtasks_total": total, "by_performer": by_performer,
        "performers": performers, "may_set_status": may_set_status(request.user, task),
        "may_add_subtask": task.parent_id is None, "may_add_subtask_here": team.may_add_subtask(request.user, task),
    }


def _permissions(request, task) -> dict:
    """D3, L7: what this user may do here, by the rules the services apply (``tasks.access``),
    so a read-only grantee sees no button or form that would be refused."""
    may_edit = can_edit(request.user, task)
    return {"may_edit": may_edit, "may_delete": can_delete(request.user, task),
            "may_note": may_edit or can_note(request.user, task)}


_LINKS = (  # D3: kind, the words before the title, the page it links to, its icon
    ("parent", gettext_lazy("Main task"), "tasks:detail", "tasks"),
    ("project", gettext_lazy("Project"), "projects:detail", "projects"),
    ("memo", gettext_lazy("Memo"), "memos:detail", "memos"),
    ("deal", gettext_lazy("Deal"), "deals:detail", "deals"),
)


def _links(request, task) -> list[dict]:
    """D3: the main task, project, memo and deal the task belongs to, as links."""
    found = page_selectors.task_links(actor=request.user, task=task)
    return [
        {"kind": kind, "label": label, "title": found[kind][1], "url": reverse(url_name, args=[found[kind][0]]),
         "icon": icon}
        for kind, label, url_name, icon in _LINKS if kind in found
    ]


def _detail_page(request, pk: int, *, note_error=None, note_body: str = "", status: int = 200,
                 subtask_form: dict | None = None):
    task = page_selectors.task_detail(actor=request.user, task_id=pk)
    return render(request, "tasks/detail.html", {
        "task": task,
        "links": _links(request, task),
        **_subtask_context(request, task),
        **_permissions(request, task),
        "subtask_form": subtask_form or {"data": {"assignee": str(request.user.pk)}, "errors": {}},
        "notes": page_selectors.task_notes(task=task),
        "history": page_selectors.task_history(task=task),
        "origin": origin_text(task),
        "panels": panels.task_page_html(request, task),
        "essentials_panels": panels.task_essentials_html(request, task),
        "communication_panels": panels.task_communication_html(request, task),
        "aside_panels": panels.task_aside_html(request, task),
        "today": selectors.today_for(request.user),
        "assignees_chosen": [Choice(p.pk, p.display_name) for p in task.assignees.all()],
        "note_error": note_error,
        "note_body": note_body,
    }, status=status)


@task_module
def task_detail(request, pk: int):
    """D3, A3: every field, notes and the modification record."""
    return _detail_page(request, pk)


@task_module
@require_POST
def note_add(request, pk: int):
    body = request.POST.get("body", "")
    try:
        services.note_add(actor=request.user, task_id=pk, body=body)
    except FieldErrors as exc:
        return _detail_page(request, pk, note_error=exc.errors.get("body"), note_body=body, status=422)
    messages.success(request, _("Note added."))
    return redirect("tasks:detail", pk=pk)


@task_module
@require_POST
def subtask_add(request, pk: int):
    """J10: add a subtask for yourself or another performer of the main task."""
    data = {k: request.POST.get(k, "") for k in ("title", "assignee", "due_date")}
    errors: dict[str, list[str]] = {}
    try:
        due_date = parse_date(data["due_date"])
    except DateError as exc:
        due_date, errors["due_date"] = None, [str(exc)]
    assignee_ids = parse_id_list([data["assignee"]])
    if assignee_ids is None:
        errors["assignee"] = [_("Choose one of the task's performers.")]
    if not errors:
        try:
            services.subtask_create(actor=request.user, parent_id=pk, title=data["title"],
                                    assignee_ids=assignee_ids, due_date=due_date)
        except FieldErrors as exc:
            errors = {{"assignees": "assignee"}.get(k, k): v for k, v in exc.errors.items()}
    if errors:
        return _detail_page(request, pk, subtask_form={"data": data, "errors": errors}, status=422)
    messages.success(request, _("Subtask added."))
    return redirect("tasks:detail", pk=pk)
