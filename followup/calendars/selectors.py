"""The calendar's reads (L9): the events of some people's tasks in a range of days, in one query.

A task belongs on the calendar of each of its assignees. One with a time (``due_at``) occupies
its slot, ``duration_minutes`` long (``DEFAULT_MINUTES`` when it has none); one without a time is
an all-day item on its due date. Times are given as wall-clock times in the viewer's time zone
(the widget shows them as they are), with that zone named beside them.
"""

import datetime as dt
import zoneinfo
from typing import NamedTuple, TypedDict

from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.exceptions import FieldErrors
from followup.core.web import page_url_base
from followup.sharing.models import Level
from followup.sharing.selectors import busy_slots
from followup.tasks.access import Shares, shares_received, tasks_visible_to

DEFAULT_MINUTES = 30
MAX_DAYS = 62  # a month view spans six weeks; two months at most
MAX_EVENTS = 5_000  # the answer says when it stopped there ("truncated")


class CalendarEvent(TypedDict):
    """One item, JSON-ready (ISO text for dates and times): built once, as the answer wants it,
    because a month of 2,000 tasks must be answered under 100 ms (L9)."""

    task_id: int
    person_id: int
    title: str
    all_day: bool
    start: str
    end: str
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
        # On the assignment's copy of the due date, which the index assignment_user_day serves
        # (tasks migration 0012): the person's days are read, not the whole organization's.
        .filter(assignments__user_id__in=person_ids, assignments__due_date__gte=start - dt.timedelta(days=1),
                assignments__due_date__lt=end + dt.timedelta(days=1))
        .order_by("assignments__due_date", "assignments__task_id")  # the index's order: no sort
        .values_list(*_COLUMNS)[:MAX_EVENTS]
    )
    zone = zoneinfo.ZoneInfo(actor.time_zone or "UTC")
    task_url = page_url_base("tasks:detail") + "{}/"
    shares = shares_received(actor)  # L7: full access moves a grantor's tasks too (no query without)
    viewer = _Viewer(actor.pk, actor.edits_all_tasks, zone, task_url, start, end, shares)
    events = [event for event in map(viewer.event, rows) if event is not None]
    return events + _busy_events(actor, person_ids, start, end, zone)


def _busy_events(actor: User, person_ids: list[int], start: dt.date, end: dt.date, zone) -> list[CalendarEvent]:
    """L7: a free/busy share shows as "Busy" blocks, with no task behind them (``task_id`` 0, no
    link): only for people shared with the actor, and only their tasks the actor does not see."""
    others = [pk for pk in person_ids if pk != actor.pk]
    if not others or actor.sees_all_tasks or not actor.receives_shares:
        return []
    first = dt.datetime.combine(start, dt.time(), zone)
    slots = busy_slots(actor, others, first, dt.datetime.combine(end, dt.time(), zone), hidden_only=True)
    busy = _("Busy")
    return [{"task_id": 0, "person_id": slot.person_id, "title": busy, "all_day": False,
             "start": slot.start.astimezone(zone).replace(tzinfo=None).isoformat(),
             "end": slot.end.astimezone(zone).replace(tzinfo=None).isoformat(),
             "version": 0, "editable": False, "done": False, "url": ""} for slot in slots]


# What an event is made of, read as plain tuples: 2,000 of them in a month must stay cheap (L9 bar).
_COLUMNS = ("id", "title", "due_date", "due_at", "duration_minutes", "version", "owner_id", "co_owner_id",
            "assignee_count", "is_pending", "assignments__user_id", "type_id")


class _Viewer(NamedTuple):
    """Who looks, at which days, with which shares, read once: ``request.user`` is a lazy
    object, costly to ask 2,000 times."""

    pk: int
    edits_all_tasks: bool
    zone: zoneinfo.ZoneInfo
    task_url: str
    first: dt.date
    end: dt.date
    shares: Shares

    def event(self, row: tuple) -> CalendarEvent | None:
        """The row as the viewer's item, or ``None`` when it falls outside their days in their zone."""
        task_id, title, due_date, due_at, minutes, version, _owner, _co_owner, _count, pending, person, _type = row
        if due_at is None:
            start, end, all_day, day = due_date, due_date + dt.timedelta(days=1), True, due_date
        else:
            start = due_at.astimezone(self.zone).replace(tzinfo=None)
            end, all_day, day = start + dt.timedelta(minutes=minutes or DEFAULT_MINUTES), False, start.date()
        if not self.first <= day < self.end:
            return None
        return {
            "task_id": task_id, "person_id": person, "title": title, "all_day": all_day,
            "start": start.isoformat(), "end": end.isoformat(), "version": version,
            "editable": pending and _may_move(self, row), "done": not pending, "url": self.task_url.format(task_id),
        }


def _may_move(viewer: _Viewer, row: tuple) -> bool:
    """``followup.tasks.access.can_edit`` read from the row (the person shown is an assignee), so
    no query per event; the move endpoint asks the real rule again."""
    owner, co_owner, assignee_count, person, type_id = row[6], row[7], row[8], row[10], row[11]
    return (viewer.edits_all_tasks or assignee_count == 0 or person == viewer.pk
            or viewer.pk in (owner, co_owner)
            or any(viewer.shares.level(p, type_id) >= Level.FULL for p in (person, owner, co_owner) if p))
