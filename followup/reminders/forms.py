"""Parse the reminder form: the date and time are entered in the user's time zone."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from followup.core.exceptions import FieldErrors


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


DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


def quick_times(now: dt.datetime) -> list[tuple[str, str]]:
    """One-click times for the reminder form, as (label, ``datetime-local`` value) in the user's
    time zone (``now`` is local): computed here, not in the browser, whose zone may differ."""
    tomorrow_9 = (now + dt.timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
    monday_9 = (now + dt.timedelta(days=7 - now.weekday())).replace(hour=9, minute=0, second=0, microsecond=0)
    in_an_hour = (now + dt.timedelta(hours=1)).replace(second=0, microsecond=0)
    return [(_("In an hour"), in_an_hour.strftime(DATETIME_LOCAL)),
            (_("Tomorrow 9:00"), tomorrow_9.strftime(DATETIME_LOCAL)),
            (_("Next Monday 9:00"), monday_9.strftime(DATETIME_LOCAL))]


def parse_target_id(raw: str | None) -> int:
    try:
        value = int(raw or "")
    except ValueError as exc:
        raise FieldErrors.single("target_id", _("Choose what to be reminded of.")) from exc
    if value < 1 or value > 2**63 - 1:
        raise FieldErrors.single("target_id", _("Choose what to be reminded of."))
    return value
