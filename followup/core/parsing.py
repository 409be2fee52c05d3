"""Turning strings from forms and query strings into typed values.

These only read; they decide no business rule. Each raises ``ValueError`` (or returns ``None``)
for what it cannot read, so that the caller names the field: a bad time or a non-number id
becomes a message under its field, never a 500. Dates, which people type in their own
format, are read by ``followup.core.dates``.
"""

import datetime as dt

from followup.core.pagination import clamp_page_size, parse_page_number


def parse_int(raw, *, empty=None):
    """An int, ``empty`` for a blank value, or raise ValueError."""
    raw = (raw or "").strip() if isinstance(raw, str) else raw
    if raw in (None, ""):
        return empty
    value = int(raw)
    if not -(2**62) < value < 2**62:
        raise ValueError(raw)
    return value


def parse_time(raw):
    raw = (raw or "").strip()
    return dt.time.fromisoformat(raw) if raw else None


def parse_id_list(values) -> list[int] | None:
    """Ids from repeated form fields; ``None`` when one is not a number."""
    try:
        return [int(v) for v in values if str(v).strip()]
    except (TypeError, ValueError):
        return None


def parse_paging(params) -> tuple[int, int]:
    try:
        size = clamp_page_size(parse_int(params.get("size")))
    except (TypeError, ValueError):
        size = clamp_page_size(None)
    return parse_page_number(params.get("page")), size
