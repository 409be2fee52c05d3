"""Project pages (J1): list with a create form, the project with its tasks, progress and an
Add task form, and the edit page. Thin: parse, call one service or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup.accounts.selectors import people_named
from followup.core.concurrency import form_version
from followup.core.dates import DateError, parse_date
from followup.core.exceptions import FieldErrors, StaleEdit
from followup.core.parsing import parse_id_list, parse_paging
from followup.core.web import domain_errors
from followup.projects import selectors, services
from followup.projects.access import can_edit, ensure_can_edit
from followup.projects.models import ProjectStatus


def _ids(request, name: str) -> list[int]:
    ids = parse_id_list(request.POST.getlist(name))
    if ids is None:
        raise FieldErrors.single(name, _("Choose people of your organization."))
    return ids


def _list_page(request, *, values: dict, errors: dict, status=200):
    number, size = parse_paging(request.GET)
    return render(request, "projects/list.html", {
        "page": selectors.project_list(actor=request.user, page=number, size=size),
        "values": values, "errors": errors,
        "members_chosen": people_named(actor=request.user, ids=values["member_ids"]),
    }, status=status)


@login_required
@domain_errors
def project_list(request):
    """Queries: session, user+organization, header count, projects with task counts; the chosen
    members' names after an error (the picker loads the rest as the user types)."""
    if request.method == "POST":
        values = {"name": request.POST.get("name", ""), "description": request.POST.get("description", ""),
                  "member_ids": [str(v) for v in request.POST.getlist("member_ids")]}
        try:
            project = services.project_create(actor=request.user, name=values["name"],
                                              description=values["description"],
                                              member_ids=_ids(request, "member_ids"))
        except FieldErrors as exc:
            return _list_page(request, values=values, errors=exc.errors, status=422)
        messages.success(request, _("Project created."))
        return redirect("projects:detail", pk=project.pk)
    return _list_page(request, values={"name": "", "description": "", "member_ids": []}, errors={})


def _detail_page(request, pk: int, *, values: dict, errors: dict, status=200):
    project = selectors.project_detail(actor=request.user, project_id=pk)
    number, size = parse_paging(request.GET)
    done, total = selectors.project_progress(project=project)
    return render(request, "projects/detail.html", {
        "project": project, "page": selectors.project_tasks(actor=request.user, project=project, page=number,
                                                            size=size),
        "done": done, "total": total, "percent": round(100 * done / total) if total else 0,
        "can_edit": can_edit(request.user, project), "values": values, "errors": errors,
        "assignees_chosen": people_named(actor=request.user, ids=values["assignee_ids"]),
    }, status=status)


@login_required
@domain_errors
def project_detail(request, pk: int):
    return _detail_page(request, pk, values={"title": "", "due_date": "", "assignee_ids": []}, errors={})


@login_required
@require_POST
@domain_errors
def project_add_task(request, pk: int):
    """J1: add a task to the project."""
    values = {"title": request.POST.get("title", ""), "due_date": request.POST.get("due_date", ""),
              "assignee_ids": [str(v) for v in request.POST.getlist("assignee_ids")]}
    try:
        try:
            due = parse_date(values["due_date"])
        except DateError as exc:
            raise FieldErrors.single("due_date", str(exc)) from None
        services.project_task_create(actor=request.user, project_id=pk, title=values["title"], due_date=due,
                                     assignee_ids=_ids(request, "assignee_ids"))
    except FieldErrors as exc:
        return _detail_page(request, pk, values=values, errors=exc.errors, status=422)
    messages.success(request, _("Task added to the project."))
    return redirect("projects:detail", pk=pk)


@login_required
@domain_errors
def project_edit(request, pk: int):
    """J1, J4: owner, members, company managers and task operators edit a project. The form
    carries the version it was loaded with; if someone saved the project since, the user's input
    is kept with a warning (409) and saving again overwrites the newer version knowingly."""
    project = selectors.project_detail(actor=request.user, project_id=pk)
    stale = ""
    if request.method == "POST":
        values = {"name": request.POST.get("name", ""), "description": request.POST.get("description", ""),
                  "status": request.POST.get("status", ""),
                  "member_ids": [str(v) for v in request.POST.getlist("member_ids")],
                  "subscriber_ids": [str(v) for v in request.POST.getlist("subscriber_ids")],
                  "version": request.POST.get("version", "")}
        try:
            services.project_update(actor=request.user, project_id=pk, version=form_version(values["version"]),
                                    name=values["name"], description=values["description"], status=values["status"],
                                    member_ids=_ids(request, "member_ids"),
                                    subscriber_ids=_ids(request, "subscriber_ids"))
        except FieldErrors as exc:
            errors, status = exc.errors, 422
        except StaleEdit as exc:
            errors, status, stale = {}, 409, str(exc)
            values["version"] = str(exc.current)
        else:
            messages.success(request, _("Project saved."))
            return redirect("projects:detail", pk=pk)
    else:
        ensure_can_edit(request.user, project)
        values = {"name": project.name, "description": project.description, "status": project.status,
                  "member_ids": [str(u.pk) for u in project.members.all()],
                  "subscriber_ids": [str(u.pk) for u in project.subscribers.all()], "version": str(project.version)}
        errors, status = {}, 200
    return render(request, "projects/edit.html", {
        "project": project, "values": values, "errors": errors, "stale": stale, "statuses": ProjectStatus.choices,
        "members_chosen": people_named(actor=request.user, ids=values["member_ids"]),
        "subscribers_chosen": people_named(actor=request.user, ids=values["subscriber_ids"]),
    }, status=status)
