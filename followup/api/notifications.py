"""Notification endpoints (J2, D1): the list, the unread count (the red dot), mark read."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from ninja import Query, Router
from pydantic import Field, model_validator

from followup.api import schemas as s
from followup.api.auth import everyone
from followup.api.tasks import ERRORS
from followup.core.exceptions import FieldErrors
from followup.notifications import selectors, services
from followup.notifications.models import Notification

router = Router(auth=everyone(), tags=["Notifications"])


class NotificationListQuery(s.PageQuery):
    unread: bool = Field(False, description="Only the unread ones.")


class NotificationOut(s.Out):
    id: int
    event: str
    title: str
    url: str = Field(description="The object's page, relative to the site.")
    actor_id: int | None
    actor_name: str | None
    target_type: str | None = Field(description="app_label.model of the object, e.g. tasks.task.")
    target_id: int | None
    created_at: dt.datetime
    read_at: dt.datetime | None


class NotificationPageOut(s.Out):
    items: list[NotificationOut]
    page: int
    size: int
    has_next: bool
    next: str | None


class UnreadCountOut(s.Out):
    unread: int


class MarkReadIn(s.In):
    ids: list[s.Id] | None = Field(None, max_length=500, description="Which notifications; or send all=true.")
    all: bool = Field(False, description="Mark every notification of yours read.")

    @model_validator(mode="after")
    def _one_of(self):
        if not self.all and not self.ids:
            raise FieldErrors.single("ids", _("Give the ids to mark read, or all=true."))
        return self


class MarkedOut(s.Out):
    marked: int


def notification_out(n: Notification) -> dict:
    ct = None
    if n.content_type_id:
        ct_obj = ContentType.objects.get_for_id(n.content_type_id)  # cached per process
        ct = f"{ct_obj.app_label}.{ct_obj.model}"
    return {
        "id": n.pk, "event": n.event, "title": n.title, "url": n.url, "actor_id": n.actor_id,
        "actor_name": n.actor.display_name if n.actor_id else None, "target_type": ct, "target_id": n.object_id,
        "created_at": n.created_at, "read_at": n.read_at,
    }


@router.get("/notifications", response={200: NotificationPageOut, **ERRORS})
def notification_list(request, query: Query[NotificationListQuery]):
    """Your notifications, newest first."""
    page = selectors.notification_list(user=request.auth, unread_only=query.unread, page=query.page, size=query.size)
    return s.page_out(request, page, [notification_out(n) for n in page.items])


@router.get("/notifications/unread-count", response={200: UnreadCountOut, **ERRORS})
def unread_count(request):
    """D1: how many unread notifications you have (the red dot)."""
    return {"unread": selectors.unread_count(request.auth)}


@router.post("/notifications/read", response={200: MarkedOut, **ERRORS})
def mark_read(request, payload: MarkReadIn):
    """Mark some of your notifications (ids) or all of them read; others' ids are ignored."""
    n = services.notifications_mark_read(actor=request.auth, ids=None if payload.all else payload.ids)
    return {"marked": n}
