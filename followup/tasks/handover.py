"""L8: a leaver's open tasks go to a successor, or to the Unassigned list, in one step.

Each task goes through ``task_reassign``, as if an administrator had reassigned it by hand: its
version grows, its history records the change ("Lea Long → Sam Stone"), the successor is told
they were given it and its other people that it changed (J2; the leaver, deactivated, is told
nothing). On a team task only the leaver's place changes: the other performers stay. Main
tasks go first, so that a successor who takes over a performer's place may then take over
their subtasks too (J10: a subtask goes to performers of its main task).
"""

from django.db import transaction

from followup.accounts.models import User
from followup.core.exceptions import FieldErrors
from followup.tasks.models import Task, TaskAssignment
from followup.tasks.services import task_reassign


def open_tasks_of(user: User):
    """The pending tasks someone is assigned to: what a hand-over moves."""
    return Task.objects.filter(organization_id=user.organization_id, is_pending=True, assignments__user=user)


def tasks_hand_over(*, actor: User, leaver: User, successor: User | None) -> int:
    """Give ``leaver``'s place on each of their open tasks to ``successor`` (``None``: nobody,
    so a task they did alone becomes unassigned). Returns how many tasks changed."""
    tasks = list(open_tasks_of(leaver).order_by("parent_id", "pk").values_list("pk", "parent_id"))
    tasks.sort(key=lambda row: (row[1] is not None, row[0]))  # main tasks first, then subtasks
    people = TaskAssignment.objects.filter(task_id__in=[pk for pk, _parent in tasks], user__is_active=True)
    assignees: dict[int, list[int]] = {}
    for task_id, user_id in people.order_by("pk").values_list("task_id", "user_id"):
        assignees.setdefault(task_id, []).append(user_id)
    with transaction.atomic():
        for task_id, parent_id in tasks:
            others = [u for u in assignees.get(task_id, []) if u != leaver.pk]
            wanted = others if successor is None or successor.pk in others else [*others, successor.pk]
            try:
                with transaction.atomic():
                    task_reassign(actor=actor, task_id=task_id, assignee_ids=wanted)
            except FieldErrors:
                if parent_id is None:
                    raise
                # The successor is no performer of this subtask's main task: it keeps its other people.
                task_reassign(actor=actor, task_id=task_id, assignee_ids=others)
    return len(tasks)
