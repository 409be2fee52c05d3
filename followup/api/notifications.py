"""Notification endpoints (J2, D1): the list, the unread count (the red dot), mark read."""

from django.utils.translation import gettext as _
from ninja import Query, Router

from followup.api import notification_schemas as s
from followup.api.auth import everyone
from followup.api.common import BODY_ERRORS, ERRORS, page_out
from followup.core.exceptions import FieldErrors
from followup.notifications import selectors, services

router = Router(auth=everyone(), tags=["Notifications"])


@router.get("/notifications", response={200: s.NotificationPageOut, **ERRORS})
def notification_list(request, query: Query[s.NotificationListQuery]):
    """Your notifications, newest first."""
    page = selectors.notification_list(user=request.auth, unread_only=query.unread, page=query.page, size=query.size)
    return page_out(request, page, [s.notification_out(n) for n in page.items])


@router.get("/notifications/unread-count", response={200: s.UnreadCountOut, **ERRORS})
def unread_count(request):
    """D1: how many unread notifications you have (the red dot)."""
    return {"unread": selectors.unread_count(request.auth)}


@router.post("/notifications/read", response={200: s.MarkedOut, **BODY_ERRORS})
def mark_read(request, payload: s.MarkReadIn):
    """Mark some of your notifications (ids) or all of them read; others' ids are ignored."""
    if not payload.all and not payload.ids:
        raise FieldErrors.single("ids", _("Give the ids to mark read, or all=true."))
    n = services.notifications_mark_read(actor=request.auth, ids=None if payload.all else payload.ids)
    return {"marked": n}
