"""What the reminder endpoints (``followup.api.reminders``) take and answer (J6). The kinds of
object a reminder can be about come from ``followup.reminders.targets``."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from pydantic import Field

from followup.api import common as c
from followup.reminders.models import Reminder
from followup.reminders.services import NOTE_MAX
from followup.reminders.targets import KINDS

TargetType = c.names_of(KINDS)
_MODEL_KIND = {k.model_class._meta.label_lower: k.name for k in KINDS.values()}


class ReminderListQuery(c.PageQuery):
    active: bool = Field(False, description="Only the active ones that have not fired yet.")


class WhenIn(c.In):
    remind_at: c.DateTime = Field(
        description="ISO 8601 (2026-05-04T09:30). Without an offset it is read in your time zone; stored in UTC.")


class ReminderAtIn(WhenIn):
    note: str = Field("", max_length=NOTE_MAX)


class ReminderIn(ReminderAtIn):
    target_type: TargetType = Field(description="What the reminder is about: " + ", ".join(KINDS) + ".")
    target_id: c.Id


class ReminderOut(c.Out):
    id: int
    target_type: TargetType
    target_id: int
    target_label: str
    url: str
    remind_at: dt.datetime
    note: str
    is_active: bool
    fired_at: dt.datetime | None
    created_at: dt.datetime


ReminderPageOut = c.page_of(ReminderOut, "ReminderPageOut")


def reminder_out(r: Reminder) -> dict:
    ct = ContentType.objects.get_for_id(r.content_type_id)  # cached per process
    return {
        "id": r.pk, "target_type": _MODEL_KIND[f"{ct.app_label}.{ct.model}"], "target_id": r.object_id,
        "target_label": r.target_label, "url": r.target_url, "remind_at": c.utc(r.remind_at), "note": r.note,
        "is_active": r.is_active, "fired_at": c.utc(r.fired_at), "created_at": c.utc(r.created_at),
    }
