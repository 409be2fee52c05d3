"""Reads of reminders: the list of all my reminders (J6)."""

from django.contrib.contenttypes.models import ContentType

from followup.accounts.models import User
from followup.core.pagination import Page, paginate
from followup.reminders.models import Reminder


def reminder_list(*, user: User, page: int = 1, size: int | None = None, active_only: bool = False,
                  target=None) -> Page:
    """The user's reminders (all of them, or those on ``target``), latest time first: one query a
    page (the target's name and URL are stored on the reminder)."""
    qs = Reminder.objects.filter(owner_id=user.pk, organization_id=user.organization_id)
    if target is not None:
        qs = qs.filter(content_type=ContentType.objects.get_for_model(target), object_id=target.pk)
    if active_only:
        qs = qs.filter(is_active=True, fired_at__isnull=True)
    return paginate(qs.order_by("-remind_at", "-id"), number=page, size=size)


def upcoming_reminders_on(*, user: User, target) -> list[Reminder]:
    """The user's reminders on one object that have yet to fire, soonest first (the "Remind me"
    box of the object's page)."""
    ct = ContentType.objects.get_for_model(target)
    return list(Reminder.objects.filter(owner_id=user.pk, content_type=ct, object_id=target.pk, is_active=True,
                                        fired_at__isnull=True).order_by("remind_at", "id")[:20])
