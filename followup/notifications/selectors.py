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
