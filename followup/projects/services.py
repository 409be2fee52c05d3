"""Writes of projects (J1, J17): create, edit, and add a task to a project."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from followup.accounts.models import User
from followup.accounts.selectors import org_users
from followup.core.concurrency import ensure_current
from followup.core.exceptions import FieldErrors
from followup.core.limits import max_length, too_long
from followup.projects.access import ensure_can_edit, project_get, projects_visible_to
from followup.projects.models import Project, ProjectStatus
from followup.tasks.models import Task
from followup.tasks.services import task_create
from followup.tasks.validation import TaskLinks

NAME_MAX = max_length(Project, "name")
DESCRIPTION_MAX = max_length(Project, "description")
STALE = gettext_lazy("This project was changed by someone else (now version %(v)s). Reload and try again.")


def _clean_name(name, errors: dict) -> str:
    name = (name or "").strip()
    if not name:
        errors["name"] = [_("Give the project a name.")]
    elif long := too_long(name, NAME_MAX):
        errors["name"] = long
    return name


def _people(actor: User, ids, field: str, errors: dict) -> list[User]:
    try:
        return org_users(actor, ids, field)
    except FieldErrors as exc:
        errors.update(exc.errors)
        return []


def project_create(*, actor: User, name: str | None, description: str = "", member_ids: list[int] | None = None,
                   subscriber_ids: list[int] | None = None, status: str = ProjectStatus.OPEN,
                   memo_id: int | None = None) -> Project:
    """J1: the creator owns the project; members and subscribers are people of the organization."""
    errors: dict[str, list[str]] = {}
    name = _clean_name(name, errors)
    members = _people(actor, member_ids, "member_ids", errors)
    subscribers = _people(actor, subscriber_ids, "subscriber_ids", errors)
    if long := too_long(description, DESCRIPTION_MAX):
        errors["description"] = long
    if status not in ProjectStatus.values:
        errors["status"] = [_("Choose one of: %(v)s.") % {"v": ", ".join(ProjectStatus.values)}]
    if errors:
        raise FieldErrors(errors)
    with transaction.atomic():
        project = Project.objects.create(organization_id=actor.organization_id, owner=actor, name=name,
                                         description=description or "", status=status, memo_id=memo_id)
        project.members.set(members)
        project.subscribers.set(subscribers)
    return project


def project_update(*, actor: User, project_id: int, version: int | None = None, name: str | None = None,
                   description: str | None = None, status: str | None = None, member_ids: list[int] | None = None,
                   subscriber_ids: list[int] | None = None) -> Project:
    """J1, J4: owner, members, company managers and task operators edit a project; an edit of an
    older ``version`` than the project's is refused (``StaleEdit``)."""
    with transaction.atomic():
        project = project_get(actor=actor, project_id=project_id,
                              queryset=projects_visible_to(actor).select_for_update())
        ensure_current(project, version, STALE)
        ensure_can_edit(actor, project)
        errors: dict[str, list[str]] = {}
        if name is not None:
            project.name = _clean_name(name, errors)
        if status is not None and status not in ProjectStatus.values:
            errors["status"] = [_("Choose one of: %(v)s.") % {"v": ", ".join(ProjectStatus.values)}]
        members = _people(actor, member_ids, "member_ids", errors) if member_ids is not None else None
        subscribers = _people(actor, subscriber_ids, "subscriber_ids", errors) if subscriber_ids is not None else None
        if description is not None and (long := too_long(description, DESCRIPTION_MAX)):
            errors["description"] = long
        if errors:
            raise FieldErrors(errors)
        if description is not None:
            project.description = description
        if status is not None:
            project.status = status
        project.version += 1
        project.save()
        if members is not None:
            project.members.set(members)
        if subscribers is not None:
            project.subscribers.set(subscribers)
    return project


def project_task_create(*, actor: User, project_id: int, title: str | None, due_date: dt.date | None,
                        assignee_ids: list[int] | None = None, customer_id: int | None = None,
                        description: str = "") -> Task:
    """J1: add a task to a project (anyone who may edit the project); a customer is optional."""
    project = project_get(actor=actor, project_id=project_id)
    ensure_can_edit(actor, project)
    return task_create(actor=actor, title=title, customer_id=customer_id, assignee_ids=assignee_ids or [],
                       due_date=due_date, description=description, require_customer=False,
                       links=TaskLinks(project_id=project.pk))
