"""L6: an organization's task statuses, written through one service by every screen (the admin
today, the Settings area next), so their rules hold however a status is changed.

Exactly one status is the default for new tasks, and it is active and in the open category;
a partial unique index (``taskstatus_one_default``) backs the "at most one" half in the database.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from followup.core.exceptions import FieldErrors
from followup.tasks.models import StatusCategory, TaskStatus


def task_status_check(status: TaskStatus) -> None:
    """Refuse a status that would break the one-default rule, naming the field."""
    errors: dict[str, list[str]] = {}
    if status.is_default and not status.is_active:
        errors["is_active"] = [_("The default status for new tasks must be active.")]
    if status.is_default and status.category != StatusCategory.OPEN:
        errors["is_default"] = [_("The default status for new tasks must be in the open category.")]
    was_default = status.pk is not None and TaskStatus.objects.filter(pk=status.pk, is_default=True).exists()
    if was_default and not status.is_default:
        errors["is_default"] = [_("Make another status the default first: one status must be the default.")]
    if errors:
        raise FieldErrors(errors)


def task_status_save(*, status: TaskStatus) -> TaskStatus:
    """Save a new or changed status; making it the default takes the mark from the old one."""
    task_status_check(status)
    with transaction.atomic():
        if status.is_default:
            # Lock the organization's statuses so two saves cannot both become the default.
            others = TaskStatus.objects.select_for_update().filter(organization_id=status.organization_id)
            list(others)
            others.filter(is_default=True).exclude(pk=status.pk).update(is_default=False)
        status.save()
    return status
