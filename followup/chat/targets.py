"""What a chat can hang on: a task, a memo, a project or a deal, and who may see it.

The visibility rule stays in each object's own app: ``task_get``, ``memo_get``, ``project_get``
and ``deal_get`` of their ``access`` modules (J3, J15, J19); the chat only maps a kind to them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.chat.models import Message
from followup.core.exceptions import NotAllowed, NotFound
from followup.deals.access import deal_get
from followup.deals.models import Deal
from followup.memos.access import memo_get
from followup.memos.models import Memo, MemoStatus
from followup.projects.access import project_get
from followup.projects.models import Project
from followup.tasks.access import ensure_can_note, task_get
from followup.tasks.models import Task


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[Model]
    fetch: Callable[[User, int], Model]
    participants: Callable[[Model], list[User]]
    label: Callable[[Model], str]
    url_name: str
    ensure_may_write: Callable[[User, Model], None] = lambda actor, obj: None


def _task_people(task: Task) -> list[User]:
    return [task.owner, task.co_owner, *task.assignees.all(), *task.subscribers.all()]


def _memo_people(memo: Memo) -> list[User]:
    people = [memo.author]
    if memo.status != MemoStatus.DRAFT:
        people += [memo.recipient, *memo.subscribers.all()]
    return people


def _project_people(project: Project) -> list[User]:
    return [project.owner, *project.members.all(), *project.subscribers.all()]


def _deal_people(deal: Deal) -> list[User]:
    """The owner and everyone who has written in the deal's thread, in one query. A deal has no
    assignees or subscribers, so the conversation itself says who takes part in it."""
    writers = Message.objects.filter(content_type=ContentType.objects.get_for_model(Deal), object_id=deal.pk)
    return list(User.objects.filter(Q(pk=deal.owner_id) | Q(pk__in=writers.values("author_id"))))


KINDS: dict[str, Kind] = {
    "task": Kind("task", Task, lambda actor, pk: task_get(actor=actor, task_id=pk), _task_people,
                 lambda t: t.title, "tasks:detail", ensure_can_note),
    "memo": Kind("memo", Memo, lambda actor, pk: memo_get(actor=actor, memo_id=pk), _memo_people,
                 lambda m: m.title, "memos:detail"),
    "project": Kind("project", Project, lambda actor, pk: project_get(actor=actor, project_id=pk), _project_people,
                    lambda p: p.name, "projects:detail"),
    "deal": Kind("deal", Deal, lambda actor, pk: deal_get(actor=actor, deal_id=pk), _deal_people,
                 lambda d: d.title, "deals:detail"),
}
KIND_OF_MODEL = {kind.model: kind for kind in KINDS.values()}


def kind_get(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise NotFound(_("Unknown kind of conversation.")) from None


def target_get(*, actor: User, kind: str, object_id: int) -> Model:
    """The task, memo, project or deal if the actor may see it; ``NotFound`` otherwise, whatever the reason."""
    if not actor.is_authenticated or not actor.organization_id:
        raise NotFound()
    return kind_get(kind).fetch(actor, object_id)


def target_get_for_writing(*, actor: User, kind: str, object_id: int) -> Model:
    """``target_get``, then the object's own rule for writing in its thread: a task shared
    read-only (L7) is seen but not talked in, as it is not noted on (D3)."""
    target = target_get(actor=actor, kind=kind, object_id=object_id)
    kind_get(kind).ensure_may_write(actor, target)
    return target


def may_write(actor: User, obj: Model) -> bool:
    """Whether ``target_get_for_writing`` would let the actor write in the thread of ``obj``
    (already fetched, so seen): the thread shows its form only then."""
    try:
        kind_of(obj).ensure_may_write(actor, obj)
    except NotAllowed:
        return False
    return True


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
