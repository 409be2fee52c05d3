"""B3: RRULE text in, checked; the next date out. Expanded with ``python-dateutil`` on naive local
date-times (the owner's wall clock), so daylight-saving changes never move the time of day.

Only what makes sense for a task is accepted: FREQ DAILY, WEEKLY, MONTHLY or YEARLY, with
INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, COUNT, UNTIL and WKST.
"""

import datetime as dt
from dataclasses import dataclass

from dateutil.rrule import rrule, rrulestr
from django.utils.translation import gettext as _

from followup.core.exceptions import FieldErrors

FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ALLOWED_PARTS = {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "COUNT", "UNTIL", "WKST"}
MAX_LENGTH = 500


def parts_of(text: str) -> dict[str, str]:
    """``"FREQ=WEEKLY;BYDAY=MO"`` → ``{"FREQ": "WEEKLY", "BYDAY": "MO"}`` (no checks: see ``clean_rrule``)."""
    parts = {}
    for piece in text.split(";"):
        name, _sep, value = piece.partition("=")
        parts[name.strip().upper()] = value.strip().upper()
    return parts


def _problem(text: str) -> str | None:
    if not text:
        return _("Write the rule, e.g. FREQ=WEEKLY;INTERVAL=2;BYDAY=MO.")
    if len(text) > MAX_LENGTH:
        return _("The rule is too long (at most %(n)s characters).") % {"n": MAX_LENGTH}
    parts = parts_of(text)
    unknown = sorted(set(parts) - ALLOWED_PARTS)
    if unknown:
        return _("Unknown part of the rule: %(parts)s.") % {"parts": ", ".join(unknown)}
    if parts.get("FREQ") not in FREQUENCIES:
        return _("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY.")
    if "COUNT" in parts and "UNTIL" in parts:
        return _("Give COUNT or UNTIL, not both.")
    if parts.get("UNTIL", "").endswith("Z"):
        return _("UNTIL is a date in your own time zone, without Z (e.g. UNTIL=20271231).")
    return None


def clean_rrule(text: str | None, *, field: str = "recurrence") -> str:
    """The rule as stored (upper case, without an ``RRULE:`` prefix), or ``FieldErrors`` on ``field``."""
    text = (text or "").strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    text = ";".join(f"{k}={v}" for k, v in parts_of(text).items()) if text else ""
    problem = _problem(text)
    if problem is None:
        try:
            expand(text, dt.datetime(2000, 1, 1))
        except (ValueError, TypeError, OverflowError):
            problem = _("This is not a valid repeat rule (RFC 5545 RRULE), e.g. FREQ=WEEKLY;BYDAY=MO.")
    if problem is not None:
        raise FieldErrors.single(field, problem)
    return text


def expand(text: str, start: dt.datetime) -> rrule:
    """The rule on a naive local start (DTSTART is the first occurrence, as RFC 5545 says)."""
    return rrulestr(text, dtstart=start)


def next_date(*, text: str, start: dt.datetime, after: dt.date, not_before: dt.date) -> dt.date | None:
    """The first date of the rule after ``after`` that is not before ``not_before`` (today, so a
    late completion does not bring a pile of missed, already overdue occurrences); ``None`` when
    the rule has ended (COUNT or UNTIL)."""
    rule = expand(text, start)
    after_dt = dt.datetime.combine(after, start.time())
    floor = max(after_dt, dt.datetime.combine(not_before, dt.time.min))
    found = rule.after(floor, inc=floor != after_dt)
    return found.date() if found is not None else None


@dataclass
class Choice:
    """What the Repeat control says: none/daily/weekly/monthly/yearly, every N, the weekdays of a
    weekly rule, and the end (never, on a date, after N times)."""

    freq: str = ""
    interval: int = 1
    days: tuple[str, ...] = ()
    until: dt.date | None = None
    count: int | None = None

    def rrule(self) -> str:
        """The RRULE text of the choice ("" for no repetition)."""
        if not self.freq:
            return ""
        parts = [f"FREQ={self.freq}"]
        if self.interval > 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.freq == "WEEKLY" and self.days:
            parts.append("BYDAY=" + ",".join(d for d in WEEKDAYS if d in self.days))
        if self.until is not None:
            parts.append(f"UNTIL={self.until:%Y%m%d}T235959")
        elif self.count is not None:
            parts.append(f"COUNT={self.count}")
        return ";".join(parts)

    @classmethod
    def of(cls, text: str) -> "Choice":
        """The control's values for a stored rule (parts the control does not show are dropped)."""
        if not text:
            return cls()
        parts = parts_of(text)
        until = parts.get("UNTIL")
        return cls(
            freq=parts.get("FREQ", ""), interval=int(parts.get("INTERVAL", "1")),
            days=tuple(d for d in parts.get("BYDAY", "").split(",") if d in WEEKDAYS),
            until=dt.datetime.strptime(until[:8], "%Y%m%d").date() if until else None,
            count=int(parts["COUNT"]) if "COUNT" in parts else None,
        )
