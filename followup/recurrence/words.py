"""B3: a rule in words for the task page — "Every 2 weeks on Monday", "Co 2 tygodnie w poniedziałek".

The RRULE text is what is stored; this describes the daily, weekly, monthly and yearly rules with
an interval, weekdays, a day of the month and an end. A rule with parts it does not know how to
say (BYSETPOS, ordinal weekdays like ``1MO``) is shown as its text, so nothing is misdescribed.
"""

import datetime as dt

from django.utils.dates import MONTHS_ALT
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

from followup.core.dates import format_date
from followup.recurrence.rules import WEEKDAYS, parts_of

# The weekday as it follows "on" ("on %(days)s"); Polish says the preposition with each day
# ("w poniedziałek i we wtorek") and leaves the template bare.
ON_DAY = dict(zip(WEEKDAYS, (
    pgettext_lazy("on weekday", "Monday"), pgettext_lazy("on weekday", "Tuesday"),
    pgettext_lazy("on weekday", "Wednesday"), pgettext_lazy("on weekday", "Thursday"),
    pgettext_lazy("on weekday", "Friday"), pgettext_lazy("on weekday", "Saturday"),
    pgettext_lazy("on weekday", "Sunday"),
), strict=True))


def _every(freq: str, n: int) -> str:
    if freq == "DAILY":
        return ngettext("Every day", "Every %(n)s days", n) % {"n": n}
    if freq == "WEEKLY":
        return ngettext("Every week", "Every %(n)s weeks", n) % {"n": n}
    if freq == "MONTHLY":
        return ngettext("Every month", "Every %(n)s months", n) % {"n": n}
    return ngettext("Every year", "Every %(n)s years", n) % {"n": n}


def _and(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def _on(freq: str, parts: dict[str, str], start: dt.date) -> str | None:
    """The "on ..." part; ``None`` when the rule holds something this cannot say."""
    days = [d for d in parts.get("BYDAY", "").split(",") if d]
    if any(d not in WEEKDAYS for d in days) or "BYSETPOS" in parts:
        return None
    if freq == "WEEKLY":
        return _("on %(days)s") % {"days": _and([str(ON_DAY[d]) for d in days or [WEEKDAYS[start.weekday()]]])}
    if days or ("BYMONTH" in parts and freq != "YEARLY"):
        return None
    if freq == "MONTHLY":
        monthdays = parts.get("BYMONTHDAY", str(start.day)).split(",")
        return _("on day %(days)s") % {"days": _and(monthdays)}
    if freq == "YEARLY":
        if "BYMONTHDAY" in parts or "BYMONTH" in parts:
            return None
        return _("on %(day)s %(month)s") % {"day": start.day, "month": MONTHS_ALT[start.month]}
    return "" if "BYMONTHDAY" not in parts and "BYMONTH" not in parts else None


def _end(parts: dict[str, str]) -> str:
    if "COUNT" in parts:
        n = int(parts["COUNT"])
        return ngettext("%(n)s time", "%(n)s times", n) % {"n": n}
    if "UNTIL" in parts:
        until = dt.datetime.strptime(parts["UNTIL"][:8], "%Y%m%d").date()
        return _("until %(date)s") % {"date": format_date(until)}
    return ""


def describe(text: str, start: dt.date) -> str:
    """The rule in the active language; ``start`` is the first occurrence (what a weekly rule
    without BYDAY, or a monthly one without BYMONTHDAY, repeats)."""
    parts = parts_of(text)
    freq, n = parts.get("FREQ", ""), int(parts.get("INTERVAL", "1") or 1)
    on = _on(freq, parts, start)
    if on is None:
        return _("Repeats by the rule %(rule)s") % {"rule": text}
    words = " ".join(w for w in (_every(freq, n), on) if w)
    end = _end(parts)
    return _("%(rule)s, %(end)s") % {"rule": words, "end": end} if end else words
