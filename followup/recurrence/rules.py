"""B3: RRULE text in, checked; the next date out. Expanded with ``python-dateutil`` on naive local
date-times (the owner's wall clock), so daylight-saving changes never move the time of day.

Only what makes sense for a task is accepted: FREQ DAILY, WEEKLY, MONTHLY or YEARLY, with
INTERVAL, BYDAY, BYMONTHDAY, BYMONTH (yearly rules only), COUNT, UNTIL and WKST. The limits are
also what keeps dateutil quick: it looks for the next date period by period up to the year 9999,
whatever UNTIL says, so a rule that never comes round (the 30th of February) must be one that
steps by years (BYMONTH only with YEARLY, no BYSETPOS, no numbered BYDAY beside BYMONTHDAY):
about 8,000 steps, not millions.
"""

import datetime as dt
import re
from dataclasses import dataclass

from dateutil.rrule import rrule, rrulestr
from django.utils.translation import gettext as _

from followup.core.exceptions import FieldErrors

FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ALLOWED_PARTS = {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH", "COUNT", "UNTIL", "WKST"}
MAX_LENGTH = 500


MAX_INTERVAL, MAX_COUNT = 999, 10_000
HORIZON = dt.timedelta(days=3653)  # a rule must give a date within ten years of its start
_DAY = "(MO|TU|WE|TH|FR|SA|SU)"
# What each part may hold (a list part: each comma-separated item); anything else is refused
# before dateutil sees it, so no input can make it fail or search for a date for long.
_VALUES = {
    "FREQ": re.compile("(DAILY|WEEKLY|MONTHLY|YEARLY)"),
    "INTERVAL": re.compile(r"[1-9]\d{0,2}"),
    "COUNT": re.compile(r"[1-9]\d{0,3}|10000"),
    "UNTIL": re.compile(r"\d{8}(T\d{6})?"),
    "WKST": re.compile(_DAY),
}
_ITEMS = {
    "BYDAY": re.compile(rf"([+-]?[1-5])?{_DAY}"),
    "BYMONTHDAY": re.compile(r"-?(3[01]|[12]\d|[1-9])"),
    "BYMONTH": re.compile(r"1[0-2]|[1-9]"),
}


def _pieces(text: str) -> list[tuple[str, str]]:
    pairs = []
    for piece in text.split(";"):
        name, _sep, value = piece.partition("=")
        pairs.append((name.strip().upper(), value.strip().upper()))
    return pairs


def parts_of(text: str) -> dict[str, str]:
    """``"FREQ=WEEKLY;BYDAY=MO"`` → ``{"FREQ": "WEEKLY", "BYDAY": "MO"}`` (no checks: see ``clean_rrule``)."""
    return dict(_pieces(text))


def _value_ok(name: str, value: str) -> bool:
    if name in _ITEMS:
        return all(_ITEMS[name].fullmatch(item) for item in value.split(","))
    return bool(_VALUES[name].fullmatch(value))


_LONGEST_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _a_day_exists(parts: dict[str, str]) -> bool:
    """Some (BYMONTH, BYMONTHDAY) pair is a real day (the 30th of February is none), checked
    here because dateutil would look for one until the year 9999."""
    if "BYMONTH" not in parts or "BYMONTHDAY" not in parts:
        return True
    months = [int(m) for m in parts["BYMONTH"].split(",")]
    days = [abs(int(d)) for d in parts["BYMONTHDAY"].split(",")]
    return any(d <= _LONGEST_MONTH[m - 1] for m in months for d in days)


def _problem(text: str) -> str | None:
    if not text:
        return _("Write the rule, e.g. FREQ=WEEKLY;INTERVAL=2;BYDAY=MO.")
    if len(text) > MAX_LENGTH:
        return _("The rule is too long (at most %(n)s characters).") % {"n": MAX_LENGTH}
    pieces = _pieces(text)
    parts = dict(pieces)
    unknown = sorted(set(parts) - ALLOWED_PARTS)
    if unknown:
        return _("Unknown part of the rule: %(parts)s.") % {"parts": ", ".join(unknown)}
    if len(parts) != len(pieces):
        return _("Give each part of the rule once.")
    return _value_problem(parts) or _combination_problem(parts)


def _value_problem(parts: dict[str, str]) -> str | None:
    if parts.get("FREQ") not in FREQUENCIES:
        return _("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY.")
    if "UNTIL" in parts and not _value_ok("UNTIL", parts["UNTIL"]):
        return _("UNTIL is a date in your own time zone, without Z (e.g. UNTIL=20271231).")
    if "INTERVAL" in parts and not _value_ok("INTERVAL", parts["INTERVAL"]):
        return _("INTERVAL must be a whole number from 1 to %(max)s.") % {"max": MAX_INTERVAL}
    if "COUNT" in parts and not _value_ok("COUNT", parts["COUNT"]):
        return _("COUNT must be a whole number from 1 to %(max)s.") % {"max": MAX_COUNT}
    bad = [name for name, value in parts.items() if not _value_ok(name, value)]
    if bad:
        return _("The value of %(part)s is not valid.") % {"part": bad[0]}
    return None


def _combination_problem(parts: dict[str, str]) -> str | None:
    if "COUNT" in parts and "UNTIL" in parts:
        return _("Give COUNT or UNTIL, not both.")
    if "BYMONTH" in parts and parts["FREQ"] != "YEARLY":
        return _("BYMONTH goes with FREQ=YEARLY only.")
    numbered = any(d[:1] in "+-123456789" for d in parts.get("BYDAY", "").split(",") if d)
    if numbered and parts["FREQ"] not in ("MONTHLY", "YEARLY"):
        return _("BYDAY with a number (like 1MO) goes with FREQ=MONTHLY or YEARLY only.")
    if numbered and "BYMONTHDAY" in parts:
        return _("BYDAY with a number (like 1MO) cannot go with BYMONTHDAY.")
    if not _a_day_exists(parts):
        return _("No month of BYMONTH has a day of BYMONTHDAY.")
    return None


def clean_rrule(text: str | None, *, field: str = "recurrence") -> str:
    """The rule as stored (upper case, without an ``RRULE:`` prefix), or ``FieldErrors`` on ``field``."""
    text = (text or "").strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    text = ";".join(f"{k}={v}" for k, v in _pieces(text)) if text else ""
    problem = _problem(text)
    if problem is None:
        try:
            expand(text, dt.datetime(2000, 1, 1))
        except (ValueError, TypeError, OverflowError):
            problem = _("This is not a valid repeat rule (RFC 5545 RRULE), e.g. FREQ=WEEKLY;BYDAY=MO.")
    if problem is not None:
        raise FieldErrors.single(field, problem)
    return text


def ensure_has_dates(text: str, start: dt.datetime, *, field: str = "recurrence") -> None:
    """A rule that never comes round (the 30th of February) is refused when the series starts:
    its dates are looked for only up to ten years ahead, with COUNT and UNTIL set aside."""
    endless = ";".join(f"{k}={v}" for k, v in _pieces(text) if k not in ("COUNT", "UNTIL"))
    horizon = (start + HORIZON).strftime("%Y%m%dT%H%M%S")
    if expand(f"{endless};UNTIL={horizon}", start).after(start) is None:
        raise FieldErrors.single(field, _("This rule gives no date in the ten years after the task's due date."))


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
