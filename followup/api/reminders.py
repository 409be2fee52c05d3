"""Reminder endpoints (J6): my reminders, set one on a task, memo, project, deal or customer,
deactivate one."""

import datetime as dt
from typing import Literal

from ninja import Query, Router, Status
from pydantic import Field

from followup.api import schemas as s
from followup.api.auth import everyone
from followup.api.tasks import ERRORS
from followup.reminders import selectors, services
from followup.reminders.models import Reminder
from followup.reminders.targets import KINDS

router = Router(auth=everyone(), tags=["Reminders"])

TargetType = Literal["task", "customer", "memo", "project", "deal"]
_MODEL_KIND = {k.model.lower(): k.name for k in KINDS.values()}


class ReminderListQuery(s.PageQuery):
    active: bool = Field(False, description="Only the active ones that have not fired yet.")


class ReminderIn(s.In):
    target_type: TargetType = Field(description="What the reminder is about: task, customer, memo, project or deal.")
    target_id: s.Id
    remind_at: dt.datetime = Field(
        description="ISO 8601. Without an offset it is read in your time zone; stored in UTC.")
    note: str = Field("", max_length=500)


class ReminderOut(s.Out):
    id: int
    target_type: str
    target_id: int
    target_label: str
    url: str
    remind_at: dt.datetime
    note: str
    is_active: bool
    fired_at: dt.datetime | None
    created_at: dt.datetime


class ReminderPageOut(s.Out):
    items: list[ReminderOut]
    page: int
    size: int
    has_next: bool
    next: str | None


def reminder_out(r: Reminder) -> dict:
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_id(r.content_type_id)  # cached per process
    return {
        "id": r.pk, "target_type": _MODEL_KIND.get(f"{ct.app_label}.{ct.model}", ct.model), "target_id": r.object_id,
        "target_label": r.target_label, "url": r.target_url, "remind_at": r.remind_at, "note": r.note,
        "is_active": r.is_active, "fired_at": r.fired_at, "created_at": r.created_at,
    }


@router.get("/reminders", response={200: ReminderPageOut, **ERRORS})
def reminder_list(request, query: Query[ReminderListQuery]):
    """J6: all my reminders, latest time first."""
    page = selectors.reminder_list(user=request.auth, page=query.page, size=query.size, active_only=query.active)
    return s.page_out(request, page, [reminder_out(r) for r in page.items])


@router.post("/reminders", response={201: ReminderOut, **ERRORS})
def reminder_create(request, payload: ReminderIn):
    """J6: remind me of an object I can see; an object of another organization is a 404."""
    from django.utils import timezone

    remind_at = payload.remind_at
    if timezone.is_naive(remind_at):
        remind_at = timezone.make_aware(remind_at, timezone.get_current_timezone())
    reminder = services.reminder_create(actor=request.auth, target_type=payload.target_type,
                                        target_id=payload.target_id, remind_at=remind_at, note=payload.note)
    return Status(201, reminder_out(reminder))


@router.post("/reminders/{reminder_id}/deactivate", response={200: ReminderOut, **ERRORS})
def reminder_deactivate(request, reminder_id: s.Id):
    """J6: switch one of my reminders off."""
    return reminder_out(services.reminder_deactivate(actor=request.auth, reminder_id=reminder_id))
