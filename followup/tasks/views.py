"""The DM Hub task module in the browser (D1–D5, D10, A4): lists, New Task, detail, edit, actions.

Views are thin: they read input with ``followup.tasks.forms``, call one service or selector and
render. Every action is a plain POST that redirects back; when htmx sends it, the answer is the
changed table row instead, so the page updates in place.
"""

import functools
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from followup.accounts.views import domain_errors, safe_next
from followup.core.exceptions import FieldErrors, NotAllowed, StaleEdit
from followup.core.responses import is_htmx
from followup.customers.access import customer_get
from followup.tasks import selectors, services
from followup.tasks.access import manages
from followup.tasks.forms import (
    TaskForm,
    parse_date,
    parse_filters,
    parse_id_list,
    parse_int,
    parse_paging,
    parse_source,
)
from followup.tasks.models import Priority
from followup.tasks.selectors import TaskView
from followup.tasks.team import is_main_team_task
from followup.tasks.validation import TaskValues, clean_task_values


def task_module(view):
    """Signed-in users of an organization whose task module is on (D12); 404 otherwise."""

    @login_required
    @domain_errors
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        org = request.user.organization
        if org is None or not org.tasks_enabled:
            raise Http404(_("The task module is switched off for your organization."))
        return view(request, *args, **kwargs)

    return wrapper


def _row_context(request, here: str) -> dict:
    """What every task row needs besides the task: the page to return to and today's date."""
    return {
        "here": here,
        "here_q": quote(here, safe=""),
        "today": selectors.today_for(request.user),
    }


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
    types, people (filter bar and reassign dialog)."""
    if view not in TaskView._value2member_map_:
        raise Http404(_("Unknown task list."))
    view = TaskView(view)
    filters, problems = parse_filters(request.GET)
    number, size = parse_paging(request.GET)
    page = selectors.task_list(actor=request.user, view=view, filters=filters, page=number, size=size)
    selectors.with_parent_titles(page.items)
    return render(request, "tasks/list.html", {
        "view": view,
        "tabs": _tabs(),
        "filters": filters,
        "problems": problems,
        "page": page,
        "statuses": selectors.task_statuses(request.user),
        "types": selectors.task_types(request.user),
        "people": selectors.organization_people(request.user),
        "priorities": Priority.choices,
        **_row_context(request, request.get_full_path()),
        "filters_active": any(k in request.GET for k in (
            "q", "type", "status", "priority", "assignee", "due_from", "due_to", "overdue", "all")),
    })


def _form_context(request, form: TaskForm, **extra):
    customer_label = form["customer_label"]
    if form["customer"] and not customer_label:
        try:
            customer_label = customer_get(actor=request.user, customer_id=form["customer"]).name
        except Exception:  # noqa: BLE001 - an unknown id simply shows no name; the field error says why
            customer_label = ""
    return {
        "form": form,
        "customer_label": customer_label,
        "people": selectors.organization_people(request.user),
        "statuses": selectors.task_statuses(request.user),
        "types": selectors.task_types(request.user),
        "priorities": Priority.choices,
        **extra,
    }


def _check_only(request, form: TaskForm, *, require_assignee: bool) -> None:
    """When some fields could not be read, still report every other field's problem at once."""
    v = form.values
    try:
        clean_task_values(
            actor=request.user,
            raw=TaskValues(
                title=v["title"], customer_id=v["customer_id"], assignee_ids=v["assignee_ids"],
                due_date=v["due_date"], priority=v["priority"], status_id=v["status_id"], type_id=v["type_id"],
                due_time=v["due_time"], duration_minutes=v["duration_minutes"], description=v["description"],
            ),
            require_assignee=require_assignee,
        )
    except FieldErrors as exc:
        form.merge(exc.errors)


@task_module
def task_new(request):
    """D5–D7, C2, C3: the New Task form with exactly the seed's fields."""
    source = parse_source(request.GET.get("source") or request.POST.get("source"))
    if request.method == "POST":
        form = TaskForm(request.POST)
        if form.errors:
            _check_only(request, form, require_assignee=True)
        else:
            v = form.values
            try:
                task = services.task_create(
                    actor=request.user, title=v["title"], customer_id=v["customer_id"],
                    assignee_ids=v["assignee_ids"], due_date=v["due_date"], priority=v["priority"],
                    status_id=v["status_id"], description=v["description"], source=source,
                    require_assignee=True,
                )
            except FieldErrors as exc:
                form.merge(exc.errors)
            else:
                messages.success(request, _("Task “%(title)s” created.") % {"title": task.title})
                return redirect(safe_next(request, reverse("tasks:list")))
        status = 422
    else:
        initial = {"priority": str(Priority.MEDIUM), "assignees": [str(request.user.pk)],
                   "status": str(services.default_status(request.user.organization_id).pk)}
        try:
            customer_id = parse_int(request.GET.get("customer"))
        except ValueError:
            customer_id = None
        if customer_id:
            initial["customer"] = str(customer_get(actor=request.user, customer_id=customer_id).pk)
        form = TaskForm(initial=initial)
        status = 200
    return render(request, "tasks/new.html", _form_context(
        request, form, source=source, next=safe_next(request, "")), status=status)


def _subtask_context(request, task) -> dict:
    """J7, J10, J12: the subtasks, their progress, each performer's share on a team task, and
    whether this user may set the task's status directly."""
    subtasks = selectors.task_subtasks(task=task)
    performers = list(task.assignees.all())
    by_performer = [
        (p, [s for s in subtasks if any(a.pk == p.pk for a in s.assignees.all())]) for p in performers
    ] if task.is_team_task else []
    done, total = selectors.subtask_progress(subtasks)
    return {
        "subtasks": subtasks, "subtasks_done": done, "subtasks_total": total, "by_performer": by_performer,
        "performers": performers, "may_set_status": not is_main_team_task(task) or manages(request.user, task),
        "may_add_subtask": task.parent_id is None,
    }


def _detail_page(request, pk: int, *, note_error=None, note_body: str = "", status: int = 200,
                 subtask_form: dict | None = None):
    task = selectors.task_detail(actor=request.user, task_id=pk)
    return render(request, "tasks/detail.html", {
        "task": task,
        **_subtask_context(request, task),
        "subtask_form": subtask_form or {"data": {"assignee": str(request.user.pk)}, "errors": {}},
        "notes": selectors.task_notes(task=task),
        "history": selectors.task_history(task=task),
        "today": selectors.today_for(request.user),
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
    except ValueError:
        due_date, errors["due_date"] = None, [_("Enter a date as YYYY-MM-DD.")]
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


@task_module
def task_edit(request, pk: int):
    """D4: every editable field, with the version the user loaded (a stale one is refused)."""
    task = selectors.task_detail(actor=request.user, task_id=pk)
    stale = False
    status = 200
    subscriber_set = {str(u.pk) for u in task.subscriber_list}
    if request.method == "POST":
        # J8: subscribers are chosen here (and by the API), not on the New Task form.
        subscriber_set = {s for s in request.POST.getlist("subscribers") if s}
        form = TaskForm(request.POST)
        if form.errors:
            _check_only(request, form, require_assignee=False)
        else:
            v = form.values
            try:
                services.task_update(
                    actor=request.user, task_id=task.pk, version=form.version,
                    title=v["title"], customer_id=v["customer_id"], assignee_ids=v["assignee_ids"],
                    priority=v["priority"], status_id=v["status_id"], type_id=v["type_id"],
                    due_date=v["due_date"], due_time=v["due_time"], duration_minutes=v["duration_minutes"],
                    description=v["description"], subscriber_ids=sorted(subscriber_set),
                )
            except FieldErrors as exc:
                form.merge(exc.errors)
            except NotAllowed as exc:
                if not is_main_team_task(task):
                    raise
                form.merge({"status": [str(exc)]})  # J12: a performer may edit the rest of a team task
            except StaleEdit as exc:
                # Keep what the user typed; the next save is a deliberate overwrite of the newer version.
                stale = str(exc)
                form.data["version"] = str(exc.current)
                status = 409
            else:
                messages.success(request, _("Task saved."))
                return redirect(safe_next(request, reverse("tasks:detail", args=[task.pk])))
        if status == 200:
            status = 422
    else:
        form = TaskForm(initial={
            "title": task.title, "customer": str(task.customer_id or ""),
            "customer_label": task.customer.name if task.customer_id else "",
            "assignees": [str(u.pk) for u in task.assignees.all()], "priority": str(task.priority),
            "status": str(task.status_id), "type": str(task.type_id or ""), "due_date": task.due_date.isoformat(),
            "due_time": _local_time(task), "duration_minutes": str(task.duration_minutes or ""),
            "description": task.description, "version": str(task.version),
        })
    return render(request, "tasks/edit.html", _form_context(
        request, form, task=task, stale=stale, subscriber_set=subscriber_set, next=safe_next(request, "")),
        status=status)


def _local_time(task) -> str:
    return timezone.localtime(task.due_at).strftime("%H:%M") if task.due_at else ""


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
        context = {"task": selectors.task_detail(actor=request.user, task_id=pk),
                   **_row_context(request, safe_next(request, reverse("tasks:list")))}
        template = "customers/_task_row.html" if request.POST.get("row") == "customer" else "tasks/_row.html"
        if template.startswith("customers"):
            context["statuses"] = selectors.task_statuses(request.user)
        response = render(request, template, context)
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
    selectors.task_detail(actor=request.user, task_id=pk)  # an invisible task is a 404 before a bad status
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
def task_delete(request, pk: int):
    task = selectors.task_detail(actor=request.user, task_id=pk)
    services.task_delete(actor=request.user, task_id=pk, version=_version(request))
    return _after_action(request, pk, _("“%(title)s” deleted.") % {"title": task.title}, deleted=True)


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
    n = services.tasks_bulk(actor=request.user, action=action, task_ids=ids, assignee_ids=assignee_ids)
    text = {
        "complete": ngettext("%(n)s task completed.", "%(n)s tasks completed.", n),
        "reopen": ngettext("%(n)s task reopened.", "%(n)s tasks reopened.", n),
        "delete": ngettext("%(n)s task deleted.", "%(n)s tasks deleted.", n),
        "reassign": ngettext("%(n)s task reassigned.", "%(n)s tasks reassigned.", n),
    }[action]
    messages.success(request, text % {"n": n})
    return redirect(safe_next(request, reverse("tasks:list")))


@task_module
def badge(request):
    """The header count alone, refreshed by htmx after an in-place action."""
    return render(request, "tasks/_badge.html")
