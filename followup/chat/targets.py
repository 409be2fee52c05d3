"""What a chat can hang on: a task, a memo or a project, and who may see it.

The visibility rule stays in each object's own app: tasks through ``followup.tasks.access``,
memos and projects through ``followup.memos.access.memo_get`` and
``followup.projects.access.project_get``. Until those modules exist, a conservative stand-in
below applies J3/J15/J19 (participants and company management; a draft memo only to its author).
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.exceptions import NotFound
from followup.memos.models import Memo, MemoStatus
from followup.projects.models import Project
from followup.tasks.access import task_get
from followup.tasks.models import Task


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[Model]
    fetch: Callable[[User, int], Model]
    participants: Callable[[Model], list[User]]
    label: Callable[[Model], str]
    url_name: str


def _foreign_fetcher(module: str, function: str, id_arg: str, fallback: Callable[[User, int], Model]):
    """The other app's permission-checked fetcher, looked up at call time (it may land later)."""

    def fetch(actor: User, object_id: int) -> Model:
        try:
            found = getattr(importlib.import_module(module), function, None)
        except ImportError:
            found = None
        if found is None:
            return fallback(actor, object_id)
        return found(actor=actor, **{id_arg: object_id})

    return fetch


def _oversees(actor: User) -> bool:
    """J19, J4: company management and task operators see every memo and project."""
    return actor.sees_all_tasks or actor.edits_all_tasks


def _memo_fallback(actor: User, memo_id: int) -> Memo:
    qs = Memo.objects.filter(organization_id=actor.organization_id)
    mine = Q(author_id=actor.pk)
    sent = ~Q(status=MemoStatus.DRAFT)  # J15: a draft is its author's alone
    if not _oversees(actor):
        sent &= Q(recipient_id=actor.pk) | Q(subscribers=actor.pk)
    try:
        return qs.filter(mine | sent).distinct().get(pk=int(memo_id))
    except (Memo.DoesNotExist, TypeError, ValueError):
        raise NotFound(_("Memo not found.")) from None


def _project_fallback(actor: User, project_id: int) -> Project:
    qs = Project.objects.filter(organization_id=actor.organization_id)
    if not _oversees(actor):
        qs = qs.filter(Q(owner_id=actor.pk) | Q(members=actor.pk) | Q(subscribers=actor.pk)).distinct()
    try:
        return qs.get(pk=int(project_id))
    except (Project.DoesNotExist, TypeError, ValueError):
        raise NotFound(_("Project not found.")) from None


def _task_people(task: Task) -> list[User]:
    return [task.owner, task.co_owner, *task.assignees.all(), *task.subscribers.all()]


def _memo_people(memo: Memo) -> list[User]:
    people = [memo.author]
    if memo.status != MemoStatus.DRAFT:
        people += [memo.recipient, *memo.subscribers.all()]
    return people


def _project_people(project: Project) -> list[User]:
    return [project.owner, *project.members.all(), *project.subscribers.all()]


KINDS: dict[str, Kind] = {
    "task": Kind("task", Task, lambda actor, pk: task_get(actor=actor, task_id=pk), _task_people,
                 lambda t: t.title, "tasks:detail"),
    "memo": Kind("memo", Memo, _foreign_fetcher("followup.memos.access", "memo_get", "memo_id", _memo_fallback),
                 _memo_people, lambda m: m.title, "memos:detail"),
    "project": Kind("project", Project,
                    _foreign_fetcher("followup.projects.access", "project_get", "project_id", _project_fallback),
                    _project_people, lambda p: p.name, "projects:detail"),
}
KIND_OF_MODEL = {kind.model: kind for kind in KINDS.values()}


def kind_get(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise NotFound(_("Unknown kind of conversation.")) from None


def target_get(*, actor: User, kind: str, object_id: int) -> Model:
    """The task, memo or project if the actor may see it; ``NotFound`` otherwise, whatever the reason."""
    if not actor.is_authenticated or not actor.organization_id:
        raise NotFound()
    return kind_get(kind).fetch(actor, object_id)


def kind_of(obj: Model) -> Kind:
    return KIND_OF_MODEL[type(obj)]


def target_url(obj: Model) -> str:
    kind = kind_of(obj)
    try:
        return reverse(kind.url_name, args=[obj.pk])
    except NoReverseMatch:  # the object's page is not there yet: the chat's own page stands in
        return reverse("chat:thread", args=[kind.name, obj.pk])


def target_label(obj: Model) -> str:
    return kind_of(obj).label(obj)


def target_participants(obj: Model) -> list[User]:
    """J2, J5: everyone taking part in the object, to be told about a new message."""
    return [u for u in kind_of(obj).participants(obj) if u is not None]
