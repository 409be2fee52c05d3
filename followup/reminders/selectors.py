"""Reads of reminders: the list of all my reminders (J6), and mine on one object."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from followup.accounts.models import User
from followup.core.pagination import Page, paginate
from followup.reminders.models import Reminder

PENDING = Q(is_active=True, fired_at__isnull=True)


def _mine(user: User, target=None) -> QuerySet[Reminder]:
    """The user's reminders, or only those on ``target``."""
    qs = Reminder.objects.filter(owner_id=user.pk, organization_id=user.organization_id)
    if target is not None:
        qs = qs.filter(content_type=ContentType.objects.get_for_model(target), object_id=target.pk)
    return qs


def reminder_list(*, user: User, page: int = 1, size: int | None = None, active_only: bool = False,
                  target=None) -> Page:
    """The user's reminders (all of them, or those on ``target``), latest time first: one query a
    page (the target's name and URL are stored on the reminder)."""
    qs = _mine(user, target)
    if active_only:
        qs = qs.filter(PENDING)
    return paginate(qs.order_by("-remind_at", "-id"), number=page, size=size)


def upcoming_reminders_on(*, user: User, target) -> list[Reminder]:
    """The user's reminders on one object that have yet to fire, soonest first (the "Remind me"
    box of the object's page)."""
    return list(_mine(user, target).filter(PENDING).order_by("remind_at", "id")[:20])
