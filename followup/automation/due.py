"""When an automatic task is due: N days (or hours) from now, in its owner's time zone,
optionally counting working days only."""

import datetime as dt
import zoneinfo

SATURDAY = 5


def _next_working_day(day: dt.date) -> dt.date:
    while day.weekday() >= SATURDAY:
        day += dt.timedelta(days=1)
    return day


def due_after(*, now: dt.datetime, time_zone: str, days: int = 0, hours: int = 0,
              skip_weekends: bool = False) -> tuple[dt.date, dt.datetime | None]:
    """The due date, and the due time in UTC when the delay is given in hours (a task with a
    time occupies a calendar slot; one given in days is due some time that day)."""
    local = now.astimezone(zoneinfo.ZoneInfo(time_zone or "UTC"))
    if hours:
        at = local + dt.timedelta(days=days, hours=hours)
        if skip_weekends and at.weekday() >= SATURDAY:
            at = dt.datetime.combine(_next_working_day(at.date()), at.timetz())
        return at.date(), at.astimezone(dt.UTC)
    day = local.date()
    if not skip_weekends:
        return day + dt.timedelta(days=days), None
    day = _next_working_day(day)
    for _ in range(days):
        day = _next_working_day(day + dt.timedelta(days=1))
    return day, None
