"""Team tasks and their subtasks (J7, J10, J12): the checks the task services apply.

A team task has several performers (assignees). Each performer adds subtasks for themself or
for another performer; the main task then completes itself when every performer has a subtask
and all of them are done (``status.sync_team_task``), so its performers may not set its
status directly: only its owner or co-owner (or a task operator, J4) may.
"""

from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.exceptions import FieldErrors, NotAllowed
from followup.tasks.access import manages, may_set_status
from followup.tasks.models import Task, TaskAssignment


def ensure_may_set_status(actor: User, task: Task) -> None:
    """J12 (``access.may_set_status``) for the UI, the API and the batch actions, with its reason."""
    if not may_set_status(actor, task):
        raise NotAllowed(_(
            "“%(title)s” is a team task: it is completed when all its subtasks are done. "
            "Only its owner or co-owner may set its status."
        ) % {"title": task.title})


def performer_ids(task: Task) -> set[int]:
    return set(TaskAssignment.objects.filter(task_id=task.pk).values_list("user_id", flat=True))


def ensure_may_add_subtask(actor: User, parent: Task) -> None:
    """J10: performers add subtasks, and so do the owner and co-owner."""
    if parent.parent_id is not None:
        raise FieldErrors.single("parent", _("A subtask cannot have subtasks of its own."))
    if parent.assignee_count == 0 or manages(actor, parent):
        return
    if actor.pk not in performer_ids(parent):
        raise NotAllowed(_("Only the task's performers, owner or co-owner may add subtasks to it."))


def check_subtask_assignees(parent: Task, users: list[User]) -> None:
    """J10: a subtask goes to performers of its main task (when the main task has any)."""
    performers = performer_ids(parent)
    if performers and any(u.pk not in performers for u in users):
        raise FieldErrors.single("assignees", _("Choose among the main task's performers."))
