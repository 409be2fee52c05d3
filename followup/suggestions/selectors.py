"""L2: the reads of the proposal panels, the Settings page and the API."""

from dataclasses import dataclass

from django.db.models import QuerySet

from followup.accounts.models import User
from followup.core.compiled import CompiledRows
from followup.core.fetch import visible_or_not_found
from followup.core.pagination import Page, paginate
from followup.suggestions.access import NOT_FOUND, suggestions_of, suggestions_of_user
from followup.suggestions.models import NextTask, Suggestion, SuggestionStatus
from followup.tasks.models import Task, TaskType

PANEL_LIMIT = 20  # a batch of 500 completions lists the newest; the API pages through all


def _listed(qs: QuerySet[Suggestion]) -> QuerySet[Suggestion]:
    return qs.select_related("task_type", "customer", "source_task")


def _open_of(organization_id: int, user_id: int) -> QuerySet[Suggestion]:
    return suggestions_of_user(organization_id, user_id).filter(status=SuggestionStatus.PENDING)


_ANY_OPEN = CompiledRows(
    lambda organization_id, user_id: _open_of(organization_id, user_id).order_by().values_list("pk")[:1],
    "organization_id", "user_id")


def suggestions_pending(*, actor: User, limit: int = PANEL_LIMIT) -> list[Suggestion]:
    """The actor's open proposals, newest first, by the partial index. Every task list asks, and
    most people have none open most of the time: a bare probe, compiled once, answers that, where
    the query with its three joins cost the list more to compile than to run (issue 16 §1); a
    second query loads them when there are some."""
    if not _ANY_OPEN.rows(organization_id=actor.organization_id, user_id=actor.pk):
        return []
    return list(_listed(_open_of(actor.organization_id, actor.pk))[:limit])


def suggestions_for_task(*, actor: User, task: Task) -> list[Suggestion]:
    """The actor's proposal after ``task``, whatever became of it (the task page says so)."""
    return list(_listed(suggestions_of(actor).filter(source_task=task)).select_related("created_task"))


def suggestion_list(*, actor: User, status: str | None, page: int, size: int) -> Page[Suggestion]:
    """The API's list: the actor's proposals, newest first, one query a page."""
    qs = suggestions_of(actor)
    if status:
        qs = qs.filter(status=status)
    return paginate(_listed(qs), number=page, size=size)


@dataclass
class TypeRow:
    type: TaskType
    rule: NextTask | None


def next_tasks_overview(*, actor: User) -> list[TypeRow]:
    """Every task type of the organization with its next task, if any (two queries)."""
    types = list(TaskType.objects.filter(organization_id=actor.organization_id).order_by("position", "id"))
    rules = {r.after_type_id: r for r in NextTask.objects.filter(organization_id=actor.organization_id)
             .select_related("next_type")}
    return [TypeRow(t, rules.get(t.pk)) for t in types]


def suggestion_get(*, actor: User, suggestion_id) -> Suggestion:
    """One of the actor's suggestions (another person's or organization's: ``NotFound``)."""
    return visible_or_not_found(_listed(suggestions_of(actor)), suggestion_id, NOT_FOUND)
