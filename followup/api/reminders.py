"""Reminder endpoints (J6): my reminders, set one on a task, memo, project, deal or customer,
move (snooze) or deactivate one."""

import datetime as dt

from django.utils import timezone
from ninja import Query, Router, Status

from followup.api import reminder_schemas as s
from followup.api.auth import everyone
from followup.api.common import BODY_ERRORS, ERRORS, Id, page_out
from followup.reminders import selectors, services
from followup.reminders.targets import KINDS, kind_get

router = Router(auth=everyone(), tags=["Reminders"])


@router.get("/reminders", response={200: s.ReminderPageOut, **ERRORS})
def reminder_list(request, query: Query[s.ReminderListQuery]):
    """J6: all my reminders, latest time first."""
    page = selectors.reminder_list(user=request.auth, page=query.page, size=query.size, active_only=query.active)
    return page_out(request, page, [s.reminder_out(r) for r in page.items])


def _aware(remind_at: dt.datetime | None) -> dt.datetime | None:
    """A time without an offset is read in the user's time zone (the request activated it)."""
    if remind_at is not None and timezone.is_naive(remind_at):
        return timezone.make_aware(remind_at, timezone.get_current_timezone())
    return remind_at


def _create(request, *, target_type: str, target_id: int, payload: s.ReminderAtIn):
    reminder = services.reminder_create(actor=request.auth, target_type=target_type, target_id=target_id,
                                        remind_at=_aware(payload.remind_at), note=payload.note)
    return Status(201, s.reminder_out(reminder))


@router.post("/reminders", response={201: s.ReminderOut, **BODY_ERRORS})
def reminder_create(request, payload: s.ReminderIn):
    """J6: remind me of an object I can see; an object of another organization is a 404."""
    return _create(request, target_type=payload.target_type, target_id=payload.target_id, payload=payload)


def _object_routes(kind: str, plural: str) -> None:
    """``GET`` and ``POST /{plural}/{id}/reminders``: my reminders on one object, and a new one.
    The object must be one the caller can see (else 404), checked by the kind's own access rule."""

    @router.get(f"/{plural}/{{object_id}}/reminders", response={200: s.ReminderPageOut, **ERRORS},
                operation_id=f"{kind}_reminder_list", summary=f"My reminders on a {kind}")
    def object_reminder_list(request, object_id: Id, query: Query[s.ReminderListQuery]):
        target = kind_get(kind).get(actor=request.auth, object_id=object_id)
        page = selectors.reminder_list(user=request.auth, page=query.page, size=query.size,
                                       active_only=query.active, target=target)
        return page_out(request, page, [s.reminder_out(r) for r in page.items])

    @router.post(f"/{plural}/{{object_id}}/reminders", response={201: s.ReminderOut, **BODY_ERRORS},
                 operation_id=f"{kind}_reminder_create", summary=f"Remind me of a {kind}")
    def object_reminder_create(request, object_id: Id, payload: s.ReminderAtIn):
        return _create(request, target_type=kind, target_id=object_id, payload=payload)


for _kind in KINDS:
    _object_routes(_kind, f"{_kind}s")


@router.post("/reminders/{reminder_id}/reschedule", response={200: s.ReminderOut, **BODY_ERRORS})
def reminder_reschedule(request, reminder_id: Id, payload: s.WhenIn):
    """Snooze: move one of my reminders to ``remind_at``; a fired or deactivated one fires again then."""
    return s.reminder_out(services.reminder_reschedule(actor=request.auth, reminder_id=reminder_id,
                                                       remind_at=_aware(payload.remind_at)))


@router.post("/reminders/{reminder_id}/deactivate", response={200: s.ReminderOut, **ERRORS})
def reminder_deactivate(request, reminder_id: Id):
    """J6: switch one of my reminders off."""
    return s.reminder_out(services.reminder_deactivate(actor=request.auth, reminder_id=reminder_id))
