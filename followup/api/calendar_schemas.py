"""What the calendar endpoints (``followup.api.calendar``, L9) take and answer.

Times are wall-clock times in the caller's time zone (``time_zone`` in the answer), as a
calendar shows them: ``2026-05-04T09:30:00``. An all-day item has dates: ``end`` is the day
after (exclusive), as in iCalendar."""

import datetime as dt

from ninja import Schema
from pydantic import Field

from followup.api import common as c


class EventsQuery(Schema):
    start: c.Date = Field(description="The first day (ISO 8601 date).")
    end: c.Date = Field(description="The day after the last (exclusive); at most 62 days after start.")
    person: list[c.Id] = Field(
        default_factory=list, description="Whose tasks (repeat for several people); yourself if left out.")


class EventOut(c.Out):
    task_id: int
    person_id: int = Field(description="The assignee on whose calendar this item is.")
    title: str
    all_day: bool
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date
    version: int = Field(description="The task's version, to send back when moving it.")
    editable: bool = Field(description="Whether you may move it.")
    done: bool
    url: str


class EventsOut(c.Out):
    time_zone: str
    events: list[EventOut]
    truncated: bool = Field(description="More than 5,000 items: ask for fewer days or people.")


class MoveIn(c.In):
    version: int | None = Field(None, ge=1, le=c.MAX_ID, description="The version you read; or send If-Match.")
    all_day: bool = False
    start: c.DateTime | c.Date = Field(
        description="Where the task goes: a date for an all-day item, else a wall-clock time in your zone.")
    end: c.DateTime | None = Field(None, description="The end of its slot (a resize); left out, the duration stays.")


class MovedOut(c.Out):
    task_id: int
    version: int
    due_date: dt.date
    due_at: dt.datetime | None
    duration_minutes: int | None
