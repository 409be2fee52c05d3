"""The calendar's reads (L9): the events of some people's tasks in a range of days, in one query.

A task belongs on the calendar of each of its assignees. One with a time (``due_at``) occupies
its slot, ``duration_minutes`` long (``DEFAULT_MINUTES`` when it has none); one without a time is
an all-day item on its due date. Times are given as wall-clock times in the viewer's time zone
(the widget shows them as they are), with that zone named beside them.
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.exceptions import FieldErrors
from followup.tasks.access import tasks_visible_to

DEFAULT_MINUTES = 30
MAX_DAYS = 62  # a month view spans six weeks; two months at most
MAX_EVENTS = 5_000


@dataclass(frozen=True)
class CalendarEvent:
    task_id: int
    person_id: int
    title: str
    all_day: bool
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date
    version: int
    editable: bool
    done: bool
    url: str


def check_range(start: dt.date, end: dt.date) -> None:
    if end <= start:
        raise FieldErrors.single("end", _("The end must be after the start."))
    if (end - start).days > MAX_DAYS:
        raise FieldErrors.single("end", _("Ask for at most %(n)s days at once.") % {"n": MAX_DAYS})


def calendar_events(*, actor: User, person_ids: list[int], start: dt.date, end: dt.date) -> list[CalendarEvent]:
    """L9: the tasks of ``person_ids`` (checked by ``access.people_to_show``) due in [start, end)
    that the actor may see. One query: a task of two people shown is two rows, one per person.
    The range is widened by a day each side, since a timed task's day in the viewer's zone can
    differ from its due date in its author's."""
    check_range(start, end)
    rows = (
        tasks_visible_to(actor)
        .filter(assignments__user_id__in=person_ids,
                due_date__gte=start - dt.timedelta(days=1), due_date__lt=end + dt.timedelta(days=1))
        .order_by("due_date", "due_at", "id")
        .values("id", "title", "due_date", "due_at", "duration_minutes", "version", "owner_id", "co_owner_id",
                "assignee_count", "is_pending", person=F("assignments__user_id"))[:MAX_EVENTS]
    )
    zone = zoneinfo.ZoneInfo(actor.time_zone or "UTC")
    task_url = reverse("tasks:detail", args=[0]).replace("/0/", "/{}/")
    return [_event(actor, row, zone, task_url) for row in rows]


def _may_move(actor: User, row: dict) -> bool:
    """``followup.tasks.access.can_edit`` read from the row (the person shown is an assignee), so
    no query per event; the move endpoint asks the real rule again."""
    return row["is_pending"] and (
        actor.edits_all_tasks or row["assignee_count"] == 0 or row["person"] == actor.pk
        or actor.pk in (row["owner_id"], row["co_owner_id"])
    )


def _event(actor: User, row: dict, zone: zoneinfo.ZoneInfo, task_url: str) -> CalendarEvent:
    if row["due_at"] is None:
        start, end, all_day = row["due_date"], row["due_date"] + dt.timedelta(days=1), True
    else:
        start = row["due_at"].astimezone(zone).replace(tzinfo=None)
        end, all_day = start + dt.timedelta(minutes=row["duration_minutes"] or DEFAULT_MINUTES), False
    return CalendarEvent(
        task_id=row["id"], person_id=row["person"], title=row["title"], all_day=all_day, start=start, end=end,
        version=row["version"], editable=_may_move(actor, row), done=not row["is_pending"],
        url=task_url.format(row["id"]),
    )
