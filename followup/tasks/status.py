"""Status moves of a task and how a team task follows its subtasks (J11, J12).

A move keeps ``is_pending``, the completion stamp and the assignment copies in step with the
status's category, records it (D3) and announces it (J8). A subtask's move then lets its main
task follow: the two functions call each other, which is why they live together here.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.exceptions import ConfigurationMissing
from followup.tasks import events, hooks
from followup.tasks.access import is_main_team_task
from followup.tasks.history import history_record
from followup.tasks.models import HistoryAction, StatusCategory, Task, TaskAssignment, TaskStatus


def default_status(organization_id: int, category: str = StatusCategory.OPEN) -> TaskStatus:
    """The status a task gets when created (the default one) or moved into ``category``."""
    qs = TaskStatus.objects.filter(organization_id=organization_id, category=category, is_active=True)
    status = qs.order_by("-is_default", "position", "id").first()
    if status is None:
        raise ConfigurationMissing(
            field="status",
            problem=_("Your organization has no active task status in the category “%(c)s”, which this needs.")
            % {"c": StatusCategory(category).label},
            fix=_("An administrator of your organization can add one, or bring one back, under "
                  "Settings → Task statuses."),
            admin_url="setup:task_statuses",
        )
    return status


def apply_status(task: Task, status: TaskStatus, actor: User | None) -> None:
    """Keep ``is_pending`` and the completion stamp in step with the status category."""
    was_done = task.status.category == StatusCategory.DONE if task.status_id else False
    task.status = status
    task.is_pending = status.is_pending
    if status.category == StatusCategory.DONE and not was_done:
        task.completed_at = timezone.now()
        task.completed_by = actor
    elif status.category != StatusCategory.DONE:
        task.completed_at = None
        task.completed_by = None


def save_new_version(task: Task) -> None:
    """Save an edit: the version grows (optimistic concurrency) and the assignment rows' copies
    of ``is_pending`` and ``due_date`` (which the My pending index reads) follow; the change is
    announced (A2)."""
    task.version += 1
    task.save()
    TaskAssignment.objects.filter(task=task).update(is_pending=task.is_pending, due_date=task.due_date)
    hooks.tasks_changed.announce(organization_id=task.organization_id, task_ids=[task.pk])


def history_action(old_category: str, new_category: str, action: str) -> str:
    """A status change that completes a task, or makes a done one pending again, is recorded as
    a completion or a reopening (the customer's History is built from these entries, C4)."""
    if new_category == StatusCategory.DONE and old_category != StatusCategory.DONE:
        return HistoryAction.COMPLETED
    if old_category == StatusCategory.DONE and new_category != StatusCategory.DONE:
        return HistoryAction.REOPENED
    return action


CLOSED = (StatusCategory.DONE, StatusCategory.CANCELED)


def announce_if_closed(task: Task, actor: User | None, old_category: str) -> None:
    """L2, B3: tell the apps above that the task was completed or canceled (once per move)."""
    if task.status.category in CLOSED and old_category not in CLOSED:
        hooks.task_closed.announce(task=task, actor=actor, category=task.status.category)


def change_status(task: Task, target: TaskStatus, actor: User | None, action: str) -> None:
    """Move to ``target`` with its history entry and notifications; then the main task follows (J12)."""
    old_name, old_category = task.status.name, task.status.category
    apply_status(task, target, actor)
    save_new_version(task)
    history_record(task, actor, history_action(old_category, target.category, action),
                   [{"field": "status", "old": old_name, "new": target.name}])
    events.task_status_changed(task, actor, old_category)
    announce_if_closed(task, actor, old_category)
    if task.parent_id is not None:
        sync_team_task(parent_id=task.parent_id, actor=actor)


def sync_team_task(*, parent_id: int, actor: User | None) -> None:
    """J12: a team task becomes done when every performer has at least one subtask and all its
    subtasks are done, and opens again when one of them is pending again. The history names
    the user whose change triggered it."""
    parent = Task.objects.select_for_update().get(pk=parent_id)
    if not is_main_team_task(parent):
        return
    subtasks = Task.objects.filter(parent_id=parent.pk)
    any_pending = subtasks.filter(is_pending=True).exists()
    if parent.is_pending and not any_pending:
        covered = set(TaskAssignment.objects.filter(task__parent_id=parent.pk).values_list("user_id", flat=True))
        performers = set(TaskAssignment.objects.filter(task_id=parent.pk).values_list("user_id", flat=True))
        if performers and performers <= covered:
            change_status(parent, default_status(parent.organization_id, StatusCategory.DONE), actor,
                          HistoryAction.COMPLETED)
    elif parent.status.category == StatusCategory.DONE and any_pending:
        change_status(parent, default_status(parent.organization_id, StatusCategory.OPEN), actor,
                      HistoryAction.REOPENED)
