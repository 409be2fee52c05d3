"""Team tasks and their subtasks (J7, J10, J12): the checks the task services apply.

A team task has several performers (assignees). Each performer adds subtasks for themself or
for another performer; the main task then completes itself when every performer has a subtask
and all of them are done (``status.sync_team_task``), so its performers may not set its
status directly: only its owner or co-owner (or a task operator, J4) may.
"""

from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.exceptions import FieldErrors, NotAllowed
from followup.tasks.access import assignee_ids, manages, may_set_status
from followup.tasks.models import Task


def ensure_may_set_status(actor: User, task: Task) -> None:
    """J12 (``access.may_set_status``) for the UI, the API and the batch actions, with its reason."""
    if not may_set_status(actor, task):
        raise NotAllowed(_(
            "“%(title)s” is a team task: it is completed when all its subtasks are done. "
            "Only its owner or co-owner may set its status."
        ) % {"title": task.title})


def performer_ids(task: Task) -> set[int]:
    return assignee_ids(task)


def may_add_subtask(actor: User, parent: Task) -> bool:
    """J10: performers add subtasks to a main task, and so do its owner and co-owner (not a
    colleague it is shared with, L7). The task page asks this to show the form."""
    if parent.parent_id is not None:
        return False
    return parent.assignee_count == 0 or manages(actor, parent) or actor.pk in performer_ids(parent)


def ensure_may_add_subtask(actor: User, parent: Task) -> None:
    """``may_add_subtask``, with its reason."""
    if parent.parent_id is not None:
        raise FieldErrors.single("parent", _("A subtask cannot have subtasks of its own."))
    if not may_add_subtask(actor, parent):
        raise NotAllowed(_("Only the task's performers, owner or co-owner may add subtasks to it."))


def check_subtask_assignees(parent: Task, users: list[User]) -> None:
    """J10: a subtask goes to performers of its main task (when the main task has any)."""
    performers = performer_ids(parent)
    if performers and any(u.pk not in performers for u in users):
        raise FieldErrors.single("assignees", _("Choose among the main task's performers."))
