"""The calendar's one write (L9): dragging a task to another slot or day, or resizing it.

It is an edit of the task's due date, time and duration through
``followup.tasks.services.task_update``, so the task's rules apply unchanged: who may edit it,
optimistic concurrency (a stale ``version`` is a ``StaleEdit``) and the history entry (D3).
"""

import datetime as dt
import zoneinfo

from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.exceptions import FieldErrors
from followup.tasks.models import Task
from followup.tasks.services import task_update


def _wall_clock(actor: User, moment: dt.datetime) -> dt.datetime:
    """A time the widget sent is the actor's wall-clock time; one with an offset is converted to it."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(zoneinfo.ZoneInfo(actor.time_zone or "UTC")).replace(tzinfo=None)


def _timed_fields(actor: User, start: dt.datetime, end: dt.datetime | None) -> dict:
    start = _wall_clock(actor, start).replace(second=0, microsecond=0)
    fields = {"due_date": start.date(), "due_time": start.time()}
    if end is not None:
        minutes = int((_wall_clock(actor, end) - start).total_seconds() // 60)
        if minutes <= 0:
            raise FieldErrors.single("end", _("The end must be after the start."))
        fields["duration_minutes"] = minutes
    return fields


def calendar_move(*, actor: User, task_id: int, version: int, start: dt.date | dt.datetime,
                  end: dt.datetime | None = None, all_day: bool = False) -> Task:
    """L9: put the task at ``start``. All-day: due on that day, without a time or duration.
    Timed: due at that wall-clock time in the actor's zone; with ``end``, the duration is the
    slot's length (a resize), without it the duration stays (a move)."""
    if all_day:
        day = start.date() if isinstance(start, dt.datetime) else start
        fields = {"due_date": day, "due_time": None, "duration_minutes": None}
    elif not isinstance(start, dt.datetime):
        raise FieldErrors.single("start", _("A timed task needs a start time."))
    else:
        fields = _timed_fields(actor, start, end)
    try:
        return task_update(actor=actor, task_id=task_id, version=version, **fields)
    except FieldErrors as exc:
        raise _in_calendar_terms(exc) from exc


# The task's rules name its fields; the calendar's caller sent a start and an end.
_FIELD_OF = {"due_date": "start", "due_time": "start", "duration_minutes": "end"}


def _in_calendar_terms(exc: FieldErrors) -> FieldErrors:
    errors: dict[str, list[str]] = {}
    for field, messages in exc.errors.items():
        errors.setdefault(_FIELD_OF.get(field, field), []).extend(messages)
    return FieldErrors(errors)
