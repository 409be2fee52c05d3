"""New Task (D5–D7, C2, C3) and the edit page (D4): the task form in both its uses."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.accounts.selectors import people_named
from followup.core.exceptions import FieldErrors, NotAllowed, StaleEdit
from followup.core.parsing import parse_int
from followup.core.web import safe_next
from followup.customers.access import customer_get
from followup.customers.selectors import customer_name
from followup.tasks import extensions, page_selectors, selectors, services
from followup.tasks.access import is_main_team_task
from followup.tasks.forms import TaskForm, parse_source
from followup.tasks.models import Priority
from followup.tasks.status import default_status
from followup.tasks.validation import TaskLinks, TaskValues, clean_task_values
from followup.tasks.views.common import task_module


def _form_context(request, form: TaskForm, **extra):
    """The pickers show what is chosen (the page lists nobody else: issue 13 §1.1): the typed
    customer text kept from the post, or the chosen customer's name, and the chosen people.
    On the edit page the task's retired status or type stays on offer."""
    task = extra.get("task")
    customer_label = form["customer_label"]
    if form["customer"] and not customer_label:
        customer_label = customer_name(actor=request.user, customer_id=form["customer"])
    return {
        "form": form,
        "customer_label": customer_label,
        "assignees_chosen": people_named(actor=request.user, ids=form.data.get("assignees")),
        "subscribers_chosen": people_named(actor=request.user, ids=form.data.get("subscribers")),
        "statuses": selectors.task_statuses(request.user, keep=task.status_id if task else None),
        "types": selectors.task_types(request.user, keep=task.type_id if task else None),
        "priorities": Priority.choices,
        "form_sections": extensions.render_form_sections(
            request, task=task, data=request.POST if request.method == "POST" else None, errors=form.errors),
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
        cleaned, extra_errors = extensions.clean_form_sections(request, task=None, data=request.POST)
        if form.errors or extra_errors:
            _check_only(request, form, require_assignee=True)
            form.merge(extra_errors)
        else:
            v = form.values
            try:
                task = extensions.save_with_sections(request, cleaned, lambda: services.task_create(
                    actor=request.user, title=v["title"], customer_id=v["customer_id"],
                    assignee_ids=v["assignee_ids"], due_date=v["due_date"], priority=v["priority"],
                    status_id=v["status_id"], description=v["description"], source=source,
                    require_assignee=True, links=TaskLinks(subscriber_ids=v["subscriber_ids"]),
                ))
            except FieldErrors as exc:
                form.merge(exc.errors)
            else:
                messages.success(request, _("Task “%(title)s” created.") % {"title": task.title})
                return redirect(safe_next(request, reverse("tasks:list")))
        status = 422
    else:
        initial = {"priority": str(Priority.MEDIUM), "assignees": [str(request.user.pk)],
                   "status": str(default_status(request.user.organization_id).pk)}
        try:
            customer_id = parse_int(request.GET.get("customer"))
        except ValueError:
            customer_id = None
        if customer_id:
            customer = customer_get(actor=request.user, customer_id=customer_id)
            initial["customer"], initial["customer_label"] = str(customer.pk), customer.name
        form = TaskForm(initial=initial)
        status = 200
    return render(request, "tasks/new.html", _form_context(
        request, form, source=source, next=safe_next(request, "")), status=status)


@task_module
def task_edit(request, pk: int):
    """D4: every editable field, with the version the user loaded (a stale one is refused)."""
    task = page_selectors.task_detail(actor=request.user, task_id=pk)
    stale = False
    status = 200
    if request.method == "POST":
        form = TaskForm(request.POST)
        # J8: subscribers are chosen on the New Task and edit forms (and by the API).
        subscriber_ids = list(dict.fromkeys(form.data["subscribers"]))
        cleaned, extra_errors = extensions.clean_form_sections(request, task=task, data=request.POST)
        if form.errors or extra_errors:
            _check_only(request, form, require_assignee=False)
            form.merge(extra_errors)
        else:
            v = form.values
            try:
                extensions.save_with_sections(request, cleaned, lambda: services.task_update(
                    actor=request.user, task_id=task.pk, version=form.version,
                    title=v["title"], customer_id=v["customer_id"], assignee_ids=v["assignee_ids"],
                    priority=v["priority"], status_id=v["status_id"], type_id=v["type_id"],
                    due_date=v["due_date"], due_time=v["due_time"], duration_minutes=v["duration_minutes"],
                    description=v["description"], subscriber_ids=subscriber_ids,
                ))
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
            "status": str(task.status_id), "type": str(task.type_id or ""), "due_date": task.due_date,
            "due_time": _local_time(task), "duration_minutes": str(task.duration_minutes or ""),
            "description": task.description, "version": str(task.version),
            "subscribers": [str(u.pk) for u in task.subscriber_list],
        })
    return render(request, "tasks/edit.html", _form_context(
        request, form, task=task, stale=stale, next=safe_next(request, "")), status=status)


def _local_time(task) -> str:
    return timezone.localtime(task.due_at).strftime("%H:%M") if task.due_at else ""
