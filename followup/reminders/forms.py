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


def parse_target_id(raw: str | None) -> int:
    try:
        value = int(raw or "")
    except ValueError as exc:
        raise FieldErrors.single("target_id", _("Choose what to be reminded of.")) from exc
    if value < 1 or value > 2**63 - 1:
        raise FieldErrors.single("target_id", _("Choose what to be reminded of."))
    return value
