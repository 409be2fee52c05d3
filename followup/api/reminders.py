"""Reminder endpoints (J6): my reminders, set one on a task, memo, project, deal or customer,
deactivate one."""

import datetime as dt
from typing import Literal

from django.utils import timezone
from ninja import Query, Router, Status
from pydantic import Field

from followup.api import schemas as s
from followup.api.auth import everyone
from followup.api.tasks import ERRORS
from followup.core.limits import max_length
from followup.reminders import selectors, services
from followup.reminders.models import Reminder
from followup.reminders.targets import KINDS, kind_get

router = Router(auth=everyone(), tags=["Reminders"])

TargetType = Literal["task", "customer", "memo", "project", "deal"]
_MODEL_KIND = {k.model_class._meta.label_lower: k.name for k in KINDS.values()}


class ReminderListQuery(s.PageQuery):
    active: bool = Field(False, description="Only the active ones that have not fired yet.")


class WhenIn(s.In):
    remind_at: dt.datetime = Field(
        description="ISO 8601. Without an offset it is read in your time zone; stored in UTC.")


class ReminderAtIn(WhenIn):
    note: str = Field("", max_length=max_length(Reminder, "note"))


class ReminderIn(ReminderAtIn):
    target_type: TargetType = Field(description="What the reminder is about: task, customer, memo, project or deal.")
    target_id: s.Id


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


def _aware(remind_at: dt.datetime) -> dt.datetime:
    """A time without an offset is read in the user's time zone (the request activated it)."""
    if timezone.is_naive(remind_at):
        return timezone.make_aware(remind_at, timezone.get_current_timezone())
    return remind_at


def _create(request, *, target_type: str, target_id: int, payload: ReminderAtIn):
    reminder = services.reminder_create(actor=request.auth, target_type=target_type, target_id=target_id,
                                        remind_at=_aware(payload.remind_at), note=payload.note)
    return Status(201, reminder_out(reminder))


@router.post("/reminders", response={201: ReminderOut, **ERRORS})
def reminder_create(request, payload: ReminderIn):
    """J6: remind me of an object I can see; an object of another organization is a 404."""
    return _create(request, target_type=payload.target_type, target_id=payload.target_id, payload=payload)


def _object_routes(kind: str, plural: str) -> None:
    """``GET`` and ``POST /{plural}/{id}/reminders``: my reminders on one object, and a new one.
    The object must be one the caller can see (else 404), checked by the kind's own access rule."""

    @router.get(f"/{plural}/{{object_id}}/reminders", response={200: ReminderPageOut, **ERRORS},
                operation_id=f"{kind}_reminder_list", summary=f"My reminders on a {kind}")
    def object_reminder_list(request, object_id: s.Id, query: Query[ReminderListQuery]):
        target = kind_get(kind).get(actor=request.auth, object_id=object_id)
        page = selectors.reminder_list(user=request.auth, page=query.page, size=query.size,
                                       active_only=query.active, target=target)
        return s.page_out(request, page, [reminder_out(r) for r in page.items])

    @router.post(f"/{plural}/{{object_id}}/reminders", response={201: ReminderOut, **ERRORS},
                 operation_id=f"{kind}_reminder_create", summary=f"Remind me of a {kind}")
    def object_reminder_create(request, object_id: s.Id, payload: ReminderAtIn):
        return _create(request, target_type=kind, target_id=object_id, payload=payload)


for _kind in KINDS:
    _object_routes(_kind, f"{_kind}s")


@router.post("/reminders/{reminder_id}/reschedule", response={200: ReminderOut, **ERRORS})
def reminder_reschedule(request, reminder_id: s.Id, payload: WhenIn):
    """Snooze: move one of my reminders to ``remind_at``; a fired or deactivated one fires again then."""
    return reminder_out(services.reminder_reschedule(actor=request.auth, reminder_id=reminder_id,
                                                     remind_at=_aware(payload.remind_at)))


@router.post("/reminders/{reminder_id}/deactivate", response={200: ReminderOut, **ERRORS})
def reminder_deactivate(request, reminder_id: s.Id):
    """J6: switch one of my reminders off."""
    return reminder_out(services.reminder_deactivate(actor=request.auth, reminder_id=reminder_id))
