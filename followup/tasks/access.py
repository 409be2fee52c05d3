"""Who may see and change a task: the one place the visibility rule lives (J3, J4, D2).

Every fetcher starts from the actor's organization, so an id of another organization is a
``NotFound`` by construction. Views, the API and the batch actions all go through here.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.exceptions import NotAllowed
from followup.core.fetch import visible_or_not_found
from followup.tasks.models import Task, TaskAssignment

TaskSubscription = Task.subscribers.through


def tasks_of_organization(actor: User) -> QuerySet[Task]:
    if not actor.organization_id or not actor.organization.tasks_enabled:
        return Task.objects.none()
    return Task.objects.filter(organization_id=actor.organization_id)


def visibility_q(actor: User) -> Q | None:
    """J3, J8: participants (owner, co-owner, assignees, subscribers) see a task; so does everyone in the
    organization when it is unassigned (D2). ``None`` means "every task of the organization"
    (company managers, administrators and task operators, J4)."""
    if actor.sees_all_tasks or actor.edits_all_tasks:
        return None
    # A correlated EXISTS probes the (task, user) unique index once per task: 0.1 ms for one
    # task, where ``id IN (SELECT task_id ...)`` read all of a member's assignments (~16 ms).
    assigned_to_me = Exists(TaskAssignment.objects.filter(task_id=OuterRef("pk"), user_id=actor.pk))
    # The subscription table's (task, user) unique index serves this probe the same way.
    subscribed = Exists(TaskSubscription.objects.filter(task_id=OuterRef("pk"), user_id=actor.pk))
    return (Q(owner_id=actor.pk) | Q(co_owner_id=actor.pk) | Q(assignee_count=0) | Q(assigned_to_me)
            | Q(subscribed))


def tasks_visible_to(actor: User) -> QuerySet[Task]:
    qs = tasks_of_organization(actor)
    rule = visibility_q(actor)
    return qs if rule is None else qs.filter(rule)


def task_get(*, actor: User, task_id: int, queryset: QuerySet[Task] | None = None) -> Task:
    """The task if the actor may see it; ``NotFound`` otherwise, whatever the reason."""
    qs = queryset if queryset is not None else tasks_visible_to(actor)
    return visible_or_not_found(qs, task_id, _("Task not found."))


def task_get_for_update(*, actor: User, task_id: int) -> Task:
    return task_get(actor=actor, task_id=task_id, queryset=tasks_visible_to(actor).select_for_update())


def can_edit(actor: User, task: Task) -> bool:
    """Owner, co-owner and assignees edit their task; anyone in the organization may pick up an
    unassigned one; task operators, managers and administrators edit every task (J4)."""
    if actor.edits_all_tasks or task.assignee_count == 0:
        return True
    if actor.pk in (task.owner_id, task.co_owner_id):
        return True
    return TaskAssignment.objects.filter(task_id=task.pk, user_id=actor.pk).exists()


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
