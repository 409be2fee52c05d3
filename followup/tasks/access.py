"""Who may see and change a task: the one place the visibility rule lives (J3, J4, D2, L7).

Every fetcher starts from the actor's organization, so an id of another organization is a
``NotFound`` by construction. Views, the API, the batch actions, the calendar and the feeds all
go through here. Collaboration (participants, unassigned tasks, company managers, task
operators) and sharing (L7 grants, ``followup.sharing.models``) are one rule: a grant at
read-only or more adds the grantor's tasks of that type to what the actor sees; full access
adds editing; free/busy adds nothing here but a busy slot (``sees_busy_of``), so such tasks
never reach a list, a search, a notification or an export.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.exceptions import NotAllowed, NotFound
from followup.core.fetch import checked_id, visible_or_not_found
from followup.sharing.models import Grant, Level
from followup.tasks.models import Task, TaskAssignment

TaskSubscription = Task.subscribers.through


def tasks_of_organization(actor: User) -> QuerySet[Task]:
    if not has_tasks(actor):
        return Task.objects.none()
    return organization_tasks(actor.organization_id)


def organization_tasks(organization_id: int) -> QuerySet[Task]:
    """Every task of the organization: the ground every visibility rule narrows (for a reader
    whose organization has tasks switched on, ``tasks_of_organization``)."""
    return Task.objects.filter(organization_id=organization_id)


def has_tasks(actor: User) -> bool:
    return bool(actor.organization_id and actor.organization.tasks_enabled)


def visibility_q(actor: User, shares: "Shares | None" = None) -> Q | None:
    """J3, J8: participants (owner, co-owner, assignees, subscribers) see a task; so does everyone in the
    organization when it is unassigned (D2), and whoever its people share it with at read-only
    or more (L7). ``None`` means "every task of the organization" (company managers,
    administrators and task operators, J4). ``shares``: the actor's grants, when already read."""
    if actor.sees_every_task:
        return None
    # L7: only for someone who was shared with (a flag loaded with the user), so that
    # everyone else's lists keep their plans and query counts.
    rule = _participant_q(actor.pk)
    if not actor.receives_shares:
        return rule
    return rule | _shared_q(shares if shares is not None else shares_received(actor), Level.READ)


def _participant_q(user_id: int) -> Q:
    # A correlated EXISTS probes the (task, user) unique index once per task: 0.1 ms for one
    # task, where ``id IN (SELECT task_id ...)`` read all of a member's assignments (~16 ms).
    assigned_to_me = Exists(TaskAssignment.objects.filter(task_id=OuterRef("pk"), user_id=user_id))
    # The subscription table's (task, user) unique index serves this probe the same way.
    subscribed = Exists(TaskSubscription.objects.filter(task_id=OuterRef("pk"), user_id=user_id))
    return (Q(owner_id=user_id) | Q(co_owner_id=user_id) | Q(assignee_count=0) | Q(assigned_to_me)
            | Q(subscribed))


def _shared_q(shares: "Shares", level: int) -> Q:
    """L7: the tasks some grantor shares at ``level`` or more, for their type, as plain
    predicates on the task (the grants are read first, in one small query): a correlated
    lookup of the grant table for every task made a common-word search three times slower."""
    by_types: dict[tuple, list[int]] = {}
    for grantor_id, levels in shares.levels.items():
        by_types.setdefault(_types_at(levels, level), []).append(grantor_id)
    rule = Q(pk__in=[])
    for (everything, types), grantors in by_types.items():
        if not everything and not types:
            continue
        assigned = Exists(TaskAssignment.objects.filter(task_id=OuterRef("pk"), user_id__in=grantors))
        people = Q(owner_id__in=grantors) | Q(co_owner_id__in=grantors) | Q(assigned)
        rule |= people & (~Q(type_id__in=types) if everything else Q(type_id__in=types))
    return rule


def _types_at(levels: dict[int | None, int], level: int) -> tuple[bool, frozenset]:
    """(True, the types left out) when the all-types grant reaches ``level``, else (False, the
    types that do)."""
    if levels.get(None, Level.NONE) >= level:
        return True, frozenset(t for t, lv in levels.items() if t is not None and lv < level)
    return False, frozenset(t for t, lv in levels.items() if t is not None and lv >= level)


@dataclass(frozen=True)
class Shares:
    """The grants one person received: ``{grantor: {type id, or None for all types: level}}``."""

    levels: dict[int, dict[int | None, int]]

    def level(self, grantor_id: int, type_id: int | None) -> int:
        by_type = self.levels.get(grantor_id, {})
        return by_type.get(type_id, by_type.get(None, Level.NONE))


def shares_received(actor: User, grantor_ids=None) -> Shares:
    """What others share with the actor (from ``grantor_ids`` only, when given): one query, none
    for someone nobody shares with."""
    if not actor.receives_shares:
        return Shares({})
    qs = Grant.objects.filter(grantee_id=actor.pk, organization_id=actor.organization_id)
    if grantor_ids is not None:
        qs = qs.filter(grantor_id__in=list(grantor_ids))
    levels: dict[int, dict[int | None, int]] = {}
    for grantor_id, type_id, level in qs.values_list("grantor_id", "task_type_id", "level"):
        levels.setdefault(grantor_id, {})[type_id] = level
    return Shares(levels)


def sees_busy_of(actor: User, shares: Shares, person_id: int, type_id: int | None, *, visible: bool) -> bool:
    """L7: whether a task of ``person_id`` shows as a busy slot to the actor: their own, one the
    actor sees anyway (``visible``), or one its person shares at free/busy or more."""
    return person_id == actor.pk or visible or shares.level(person_id, type_id) >= Level.BUSY


def _people(task: Task) -> set[int]:
    return ({task.owner_id, task.co_owner_id} | assignee_ids(task)) - {None}


def _grantors_at(actor: User, task: Task, level: int, shares: Shares | None = None) -> set[int]:
    """The task's people whose grant gives the actor ``level`` or more on it (``shares``: the
    actor's grants, when already read)."""
    if not actor.receives_shares:
        return set()
    people = _people(task)
    shares = shares if shares is not None else shares_received(actor, people)
    return {person for person in people if shares.level(person, task.type_id) >= level}


def tasks_visible_to(actor: User) -> QuerySet[Task]:
    shape = rule_shape(actor)
    if shape is not None:
        return tasks_visible_by_shape(shape, actor.organization_id, actor.pk)
    qs = tasks_of_organization(actor)
    rule = visibility_q(actor)
    return qs if rule is None else qs.filter(rule)


def rule_shape(actor: User) -> str | None:
    """What the SQL of the actor's rule depends on besides the organization's and the actor's
    ids: "every" task of the organization (J4) or the "participant"'s (J3, J8, D2). ``None``: on
    more (the grants someone was shared with, L7), or there are no tasks to see. A query holding
    the rule may be compiled once per shape (``core.compiled``, the customer's History) from
    ``tasks_visible_by_shape``, which is what ``tasks_visible_to`` itself returns."""
    if not has_tasks(actor):
        return None
    if actor.sees_every_task:
        return "every"
    return None if actor.receives_shares else "participant"


def tasks_visible_by_shape(shape: str, organization_id: int, user_id: int) -> QuerySet[Task]:
    """The tasks a reader of this ``rule_shape`` sees, from the ids alone."""
    qs = organization_tasks(organization_id)
    return qs if shape == "every" else qs.filter(_participant_q(user_id))


def task_get(*, actor: User, task_id: int, queryset: QuerySet[Task] | None = None) -> Task:
    """The task if the actor may see it; ``NotFound`` otherwise, whatever the reason."""
    qs = queryset if queryset is not None else tasks_visible_to(actor)
    return visible_or_not_found(qs, task_id, _("Task not found."))


def sees_loaded_task(actor: User, task: Task, *, subscriber_ids: set[int]) -> bool:
    """``visibility_q`` decided for one task of the actor's organization whose assignees are
    loaded (prefetched) and whose subscribers are ``subscriber_ids``: the task page reads them
    anyway, and testing them here saves compiling the rule's probes for one row (issue 16 §1, the
    task page's checked fetch). The same rule: ``test_visibility_forms`` holds both forms equal
    for every kind of reader."""
    if actor.sees_every_task or task.assignee_count == 0:
        return True
    if actor.pk in (task.owner_id, task.co_owner_id) or actor.pk in subscriber_ids or actor.pk in assignee_ids(task):
        return True
    return bool(_grantors_at(actor, task, Level.READ))


def task_get_before_the_rule(*, actor: User, task_id: int, fetch: Callable[[int, int], list[Task]]) -> Task:
    """The task of the actor's organization with this id, the visibility rule not yet applied:
    only for a reader that loads the task's people next and then calls ``ensure_sees_loaded_task``
    (the task page). ``fetch(organization_id, task_id)`` reads it from ``organization_tasks``."""
    not_found = _("Task not found.")
    pk = checked_id(task_id, not_found)
    found = fetch(actor.organization_id, pk) if has_tasks(actor) else []
    if not found:
        raise NotFound(not_found)
    return found[0]


def ensure_sees_loaded_task(actor: User, task: Task, *, subscriber_ids: set[int]) -> None:
    """``NotFound``, as ``task_get`` says it, unless the actor sees the loaded task."""
    if not sees_loaded_task(actor, task, subscriber_ids=subscriber_ids):
        raise NotFound(_("Task not found."))


def task_get_for_update(*, actor: User, task_id: int) -> Task:
    return task_get(actor=actor, task_id=task_id, queryset=tasks_visible_to(actor).select_for_update())


def assignee_ids(task: Task) -> set[int]:
    """The task's assignees: those a page prefetched already (the task page asks what its user may
    do without a query more), else one query."""
    prefetched = getattr(task, "_prefetched_objects_cache", {}).get("assignees")
    if prefetched is not None:
        return {u.pk for u in prefetched}
    return set(TaskAssignment.objects.filter(task_id=task.pk).values_list("user_id", flat=True))


def _edits_as_participant(actor: User, task: Task) -> bool:
    if actor.edits_all_tasks or task.assignee_count == 0:
        return True
    if actor.pk in (task.owner_id, task.co_owner_id):
        return True
    return actor.pk in assignee_ids(task)


def can_edit(actor: User, task: Task, shares: Shares | None = None) -> bool:
    """Owner, co-owner and assignees edit their task; anyone in the organization may pick up an
    unassigned one; task operators, managers and administrators edit every task (J4); so does
    whoever one of its people gave full access (L7). ``shares``: the actor's grants, read once
    for a page of rows (``shares_received``); without it, one query for someone shared with."""
    return _edits_as_participant(actor, task) or bool(_grantors_at(actor, task, Level.FULL, shares))


def ensure_keeps_grantors(actor: User, task: Task, assignee_ids) -> None:
    """L7: full access edits and completes a grantor's task but does not take it from them: who
    edits only by a grant must leave every such grantor who is assigned among the assignees."""
    if _edits_as_participant(actor, task):
        return
    assigned = set(TaskAssignment.objects.filter(task_id=task.pk).values_list("user_id", flat=True))
    if not (_grantors_at(actor, task, Level.FULL) & assigned) <= set(assignee_ids):
        raise NotAllowed(_("Full access lets you edit this task, not reassign it away from the person who shared it."))


def can_note(actor: User, task: Task) -> bool:
    """D3, L7: anyone who sees a task may add a note (and write in its chat), except through a
    read-only grant. The task page asks this to show the forms; ``ensure_can_note`` refuses."""
    if not actor.receives_shares or visibility_q(actor) is None or can_edit(actor, task):
        return True
    return tasks_of_organization(actor).filter(_participant_q(actor.pk), pk=task.pk).exists()


def ensure_can_note(actor: User, task: Task) -> None:
    if not can_note(actor, task):
        raise NotAllowed(_("This task is shared with you read-only."))


def ensure_can_edit(actor: User, task: Task) -> None:
    if not can_edit(actor, task):
        raise NotAllowed(_("Only the task's owner, co-owner, assignees or a task operator may change it."))


def can_delete(actor: User, task: Task) -> bool:
    return actor.edits_all_tasks or actor.pk in (task.owner_id, task.co_owner_id)


def ensure_can_delete(actor: User, task: Task) -> None:
    if not can_delete(actor, task):
        raise NotAllowed(_("Only the task's owner, co-owner or a task operator may delete it."))


def manages(actor: User, task: Task) -> bool:
    """The owner and co-owner (and task operators, J4): who runs a team task."""
    return actor.edits_all_tasks or actor.pk in (task.owner_id, task.co_owner_id)


def is_main_team_task(task: Task) -> bool:
    return task.parent_id is None and task.is_team_task


def may_set_status(actor: User, task: Task) -> bool:
    """J12, the one rule: a main team task completes itself from its subtasks, so only those who
    manage it may set its status directly. Read from the task's own columns, so a list row can
    ask it without a query."""
    return not is_main_team_task(task) or manages(actor, task)
