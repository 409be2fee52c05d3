"""Reads for the notification badge, page and API."""

from followup.accounts.models import User
from followup.core.pagination import Page, paginate
from followup.notifications.models import Notification


def unread_count(user: User) -> int:
    """D1: the red dot on the avatar (an index-only count of the partial unread index)."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


def notification_list(*, user: User, unread_only: bool = False, page: int = 1, size: int | None = None) -> Page:
    qs = Notification.objects.filter(recipient_id=user.pk).select_related("actor")
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return paginate(qs.order_by("-created_at", "-id"), number=page, size=size)


def email_preferences(user: User) -> list[tuple[str, str, bool]]:
    """Every kind of event with its label and whether the user wants it by e-mail."""
    from followup.notifications.models import EmailOptOut, Event

    opted_out = set(EmailOptOut.objects.filter(user_id=user.pk).values_list("event", flat=True))
    return [(value, label, value not in opted_out) for value, label in Event.choices]


def notification_url(*, user: User, notification_id: int) -> str | None:
    """The link of one of the user's notifications, or None when it is not theirs."""
    return (Notification.objects.filter(pk=notification_id, recipient_id=user.pk)
            .values_list("url", flat=True).first())
