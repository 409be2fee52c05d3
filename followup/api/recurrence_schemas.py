"""B3: the ``recurrence`` of a task in the API — RFC 5545 RRULE text in, the rule and its words out."""

import datetime as dt

from ninja import Schema
from pydantic import BaseModel, ConfigDict, Field

from followup.recurrence.rules import MAX_LENGTH
from followup.recurrence.selectors import task_repetition

RRULE_DOC = (
    "RFC 5545 RRULE text, e.g. FREQ=WEEKLY;INTERVAL=2;BYDAY=MO. FREQ is DAILY, WEEKLY, MONTHLY or "
    "YEARLY; INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, WKST and one of COUNT or UNTIL (a date in "
    "your time zone, e.g. UNTIL=20271231) may follow. The task's due date (and time) is the first "
    "occurrence; completing or canceling an occurrence creates the next one, once."
)


class RecurrenceIn(BaseModel):
    """Plain pydantic, not ``common.In``: nested in a task body, its errors must reach the body's."""

    model_config = ConfigDict(extra="forbid", strict=True)
    rrule: str = Field(min_length=1, max_length=MAX_LENGTH, description=RRULE_DOC)


class RecurrenceOut(Schema):
    series_id: int
    rrule: str
    text: str = Field(description="The rule in words, in your language: “Every 2 weeks on Monday”.")
    starts_on: dt.date = Field(description="The series' first occurrence.")
    repeating: bool = Field(description="False once the series was stopped (or split at a later task).")


RECURRENCE_CREATE_DOC = "B3: repeat the task by this rule; leave out (or null) for a one-off task."
RECURRENCE_PATCH_DOC = (
    "B3: from this task on (“this and following”), repeat by this rule: the task's old series, if any, "
    "ends before it. null stops repeating; leave out to keep the repetition as it is."
)


def recurrence_out(task_id: int) -> dict | None:
    repetition = task_repetition(task_id)
    if repetition is None:
        return None
    series = repetition.series
    return {"series_id": series.pk, "rrule": series.rrule, "text": repetition.words,
            "starts_on": series.start_date, "repeating": repetition.is_live}
