"""Dates as people type them (issue 13 §1.13, C2).

A date field is a text field with a calendar beside it (``static/followup/datepicker.js``),
not an ``<input type=date>``: the browser draws that one in its own locale (mm/dd/yyyy for an
American Chrome) whatever language the user reads Followup in, and it silently empties a day
that does not exist, so "2026-02-30" used to come back as "Choose a due date".

The format follows the active language, day first as the pages show dates ("6 Nov 2026"):
English ``06/11/2026``, Polish ``06.11.2026``. ISO ``2026-11-06`` is accepted in every
language (it is what the API speaks), and so are one-digit days and months and any of
``/ . -`` between day, month and year. A day that does not exist is named as such
("30 February 2026 does not exist."), so the form can keep what was typed and say why.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.dates import MONTHS_ALT
from django.utils.translation import get_language
from django.utils.translation import gettext as _


@dataclass(frozen=True, slots=True)
class DateFormat:
    separator: str
    placeholder: str  # what the empty field shows, in the language's own letters


FORMATS = {
    "en": DateFormat("/", "DD/MM/YYYY"),
    "pl": DateFormat(".", "DD.MM.RRRR"),
}
DEFAULT = FORMATS["en"]

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")


class DateError(ValueError):
    """Text that is not a date; ``str()`` is the message to show under the field."""


def active_format() -> DateFormat:
    return FORMATS.get((get_language() or "en").split("-")[0], DEFAULT)


def format_date(value: dt.date | None) -> str:
    """A date as the active language types it: ``06/11/2026``; "" for none."""
    if value is None:
        return ""
    sep = active_format().separator
    return f"{value.day:02}{sep}{value.month:02}{sep}{value.year:04}"


def impossible_date(year: int, month: int, day: int) -> str:
    """Why this day, month and year are no date: "30 February 2026 does not exist."."""
    if not 1 <= month <= 12:
        return _("There is no month %(month)s: enter a month from 1 to 12.") % {"month": month}
    return _("%(day)s %(month)s %(year)s does not exist.") % {"day": day, "month": MONTHS_ALT[month], "year": year}


def parse_date(raw) -> dt.date | None:
    """The date typed in ``raw`` (the active language's format or ISO), ``None`` for blank text,
    or ``DateError`` saying what is wrong with it."""
    raw = (raw or "").strip() if isinstance(raw, str) else raw
    if raw in (None, ""):
        return None
    if not isinstance(raw, str):
        raise DateError(_("Enter a date as %(format)s.") % {"format": active_format().placeholder})
    if match := _ISO.fullmatch(raw):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DAY_FIRST.fullmatch(raw):
        day, month, year = (int(g) for g in match.groups())
    else:
        raise DateError(_("Enter a date as %(format)s.") % {"format": active_format().placeholder})
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(impossible_date(year, month, day)) from None


def impossible_iso_date(raw) -> str | None:
    """For the API, which speaks ISO only: the message for ``2026-02-30`` (a well-formed day
    that does not exist), ``None`` for anything else."""
    if isinstance(raw, str) and (match := _ISO.fullmatch(raw.strip())):
        year, month, day = (int(g) for g in match.groups())
        try:
            dt.date(year, month, day)
        except ValueError:
            return impossible_date(year, month, day)
    return None
