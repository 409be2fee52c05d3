"""D10: batch actions on checked tasks, all or nothing.

Each task goes through the same service as a single action (``followup.tasks.services``), so
the permission checks, history and notifications are those of one task at a time.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.exceptions import FieldErrors, NotFound
from followup.tasks.models import Task
from followup.tasks.services import task_complete, task_delete, task_reassign, task_reopen

BULK_ACTIONS = {
    "complete": lambda actor, task_id, **_kw: task_complete(actor=actor, task_id=task_id),
    "reopen": lambda actor, task_id, **_kw: task_reopen(actor=actor, task_id=task_id),
    "delete": lambda actor, task_id, **_kw: task_delete(actor=actor, task_id=task_id),
    "reassign": lambda actor, task_id, assignee_ids, **_kw: task_reassign(
        actor=actor, task_id=task_id, assignee_ids=assignee_ids),
}


def tasks_bulk(*, actor: User, action: str, task_ids: list[int], assignee_ids: list[int] | None = None) -> int:
    """D10: apply one action to every checked task, all or nothing: if one task may not be
    changed, none is, and the error names it."""
    if action not in BULK_ACTIONS:
        raise FieldErrors.single("action", _("Choose one of: %(a)s.") % {"a": ", ".join(BULK_ACTIONS)})
    ids = list(dict.fromkeys(task_ids or []))
    if not ids:
        raise FieldErrors.single("task_ids", _("Check at least one task."))
    if len(ids) > 500:
        raise FieldErrors.single("task_ids", _("At most 500 tasks at once."))
    if action == "reassign" and assignee_ids is None:
        raise FieldErrors.single("assignee_ids", _("Choose who gets the tasks."))
    with transaction.atomic():
        gone_with_main = _subtasks_of_listed(ids) if action == "delete" else set()
        for task_id in ids:
            if task_id in gone_with_main:
                continue
            try:
                BULK_ACTIONS[action](actor, task_id, assignee_ids=assignee_ids)
            except NotFound:
                raise FieldErrors.single("task_ids", _("Task %(id)s was not found.") % {"id": task_id}) from None
    return len(ids)


def _subtasks_of_listed(ids: list[int]) -> set[int]:
    """The checked subtasks whose main task is checked too: deleting the main task removes them."""
    return set(Task.objects.filter(pk__in=ids, parent_id__in=ids).values_list("pk", flat=True))
