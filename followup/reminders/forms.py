"""Parse the reminder form: the date and time are entered in the user's time zone."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from followup.core.dates import DateError, parse_date
from followup.core.exceptions import FieldErrors
from followup.core.parsing import parse_time


def parse_local_datetime(raw: str | None, *, field: str = "remind_at") -> dt.datetime:
    """``2026-11-24T15:30`` (an ``<input type=datetime-local>``) in the active time zone -> aware."""
    raw = (raw or "").strip()
    if not raw:
        raise FieldErrors.single(field, _("Enter the date and time of the reminder."))
    try:
        value = dt.datetime.fromisoformat(raw)
    except ValueError as exc:
        raise FieldErrors.single(field, _("Enter a valid date and time.")) from exc
    if timezone.is_naive(value):
        value = timezone.make_aware(value, timezone.get_current_timezone())
    return value


def parse_typed_datetime(date_raw: str | None, time_raw: str | None, *, field: str = "remind_at") -> dt.datetime:
    """The Remind me box (issue 13 §1.13): a date typed in the user's format (or chosen in the
    calendar) and a time, read in the active time zone. A day that does not exist is named."""
    if not (date_raw or "").strip() and not (time_raw or "").strip():
        raise FieldErrors.single(field, _("Enter the date and time of the reminder."))
    try:
        day = parse_date(date_raw)
    except DateError as exc:
        raise FieldErrors.single(field, str(exc)) from None
    if day is None:
        raise FieldErrors.single(field, _("Enter the date of the reminder."))
    try:
        at = parse_time(time_raw)
    except ValueError:
        raise FieldErrors.single(field, _("Enter a time as HH:MM.")) from None
    if at is None:
        raise FieldErrors.single(field, _("Enter the time of the reminder."))
    return timezone.make_aware(dt.datetime.combine(day, at), timezone.get_current_timezone())


DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


def quick_moments(now: dt.datetime) -> list[tuple[str, dt.datetime]]:
    """One-click times for reminders, as (label, local datetime) in the user's time zone
    (``now`` is local): computed here, not in the browser, whose zone may differ."""
    tomorrow_9 = (now + dt.timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
    monday_9 = (now + dt.timedelta(days=7 - now.weekday())).replace(hour=9, minute=0, second=0, microsecond=0)
    in_an_hour = (now + dt.timedelta(hours=1)).replace(second=0, microsecond=0)
    return [(_("In an hour"), in_an_hour), (_("Tomorrow 9:00"), tomorrow_9), (_("Next Monday 9:00"), monday_9)]


def quick_times(now: dt.datetime) -> list[tuple[str, str]]:
    """The same, as (label, ``2026-11-24T09:00``) for the Move buttons of the reminder list."""
    return [(label, when.strftime(DATETIME_LOCAL)) for label, when in quick_moments(now)]


def parse_target_id(raw: str | None) -> int:
    try:
        value = int(raw or "")
    except ValueError as exc:
        raise FieldErrors.single("target_id", _("Choose what to be reminded of.")) from exc
    if value < 1 or value > 2**63 - 1:
        raise FieldErrors.single("target_id", _("Choose what to be reminded of."))
    return value
