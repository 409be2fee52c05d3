"""What the notification endpoints (``followup.api.notifications``) take and answer (J2, D1).
Events come from the model."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from pydantic import Field

from followup.api import common as c
from followup.notifications.models import Event, Notification

EventName = c.names_of(Event.values)


class NotificationListQuery(c.PageQuery):
    unread: bool = Field(False, description="Only the unread ones.")


class MarkReadIn(c.In):
    ids: list[c.Id] = Field(None, max_length=500, description="Which notifications; or send all=true.")
    all: bool = Field(False, description="Mark every notification of yours read.")


class NotificationOut(c.Out):
    id: int
    event: EventName
    title: str
    url: str = Field(description="The object's page, relative to the site.")
    actor_id: int | None
    actor_name: str | None
    target_type: str | None = Field(description="app_label.model of the object, e.g. tasks.task.")
    target_id: int | None
    created_at: dt.datetime
    read_at: dt.datetime | None


NotificationPageOut = c.page_of(NotificationOut, "NotificationPageOut")


class UnreadCountOut(c.Out):
    unread: int


class MarkedOut(c.Out):
    marked: int


def notification_out(n: Notification) -> dict:
    ct = None
    if n.content_type_id:
        ct_obj = ContentType.objects.get_for_id(n.content_type_id)  # cached per process
        ct = f"{ct_obj.app_label}.{ct_obj.model}"
    return {
        "id": n.pk, "event": n.event, "title": n.title, "url": n.url, "actor_id": n.actor_id,
        "actor_name": n.actor.display_name if n.actor_id else None, "target_type": ct, "target_id": n.object_id,
        "created_at": c.utc(n.created_at), "read_at": c.utc(n.read_at),
    }
