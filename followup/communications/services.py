"""A5: log how a call or e-mail about a task went — and, in the same step, complete the task."""

from django.db import transaction
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.communications.models import Communication, Outcome
from followup.core.exceptions import FieldErrors
from followup.core.limits import max_length, too_long
from followup.tasks.access import task_get
from followup.tasks.services import task_complete


def communication_log(*, actor: User, task_id: int, outcome: str, note: str = "", complete: bool = False,
                      version: int | None = None) -> Communication:
    """A5: anyone who sees the task may log an outcome (reached, no answer, left a message,
    e-mailed) with a note; it belongs to the task's customer (a task without one has nobody to
    call). ``complete`` also completes the task, in the same transaction."""
    note = (note or "").strip()
    errors: dict[str, list[str]] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = [_("Choose how it went.")]
    if long := too_long(note, max_length(Communication, "note")):
        errors["note"] = long
    with transaction.atomic():
        task = task_get(actor=actor, task_id=task_id)
        if task.customer_id is None:
            errors["task"] = [_("This task has no customer to call or write to.")]
        if errors:
            raise FieldErrors(errors)
        entry = Communication.objects.create(organization_id=task.organization_id, customer_id=task.customer_id,
                                             task=task, author=actor, outcome=outcome, note=note)
        if complete and task.is_pending:
            task_complete(actor=actor, task_id=task.pk, version=version)
    return entry
