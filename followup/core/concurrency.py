"""Optimistic concurrency, shared by every object people edit at the same time (tasks, memos,
projects): each row carries a ``version`` that every write bumps; an edit names the version its
author saw, and a row that has moved on since refuses it with ``StaleEdit`` (409 in the API, a
"reload" message in the form) instead of silently overwriting the newer change.
"""

from django.utils.translation import gettext as _

from followup.core.exceptions import FieldErrors, StaleEdit


def ensure_current(obj, version: int | None, message) -> None:
    """Refuse an edit made on an older ``version`` than ``obj`` (locked by the caller) holds now,
    with ``message`` (naming the kind of object, ``%(v)s`` for the current version). ``None``
    means the caller named no version, as the task list's one-click actions may."""
    if version is not None and obj.version != version:
        raise StaleEdit(current=obj.version, message=message)


def form_version(raw: str | None) -> int:
    """The version an edit form carried in its hidden field. A form without one (a page from
    before versions, or a forged post) could overwrite blindly, so it is refused instead."""
    raw = (raw or "").strip()
    if not raw.isdecimal() or len(raw) > 18:
        raise FieldErrors.single("version", _("Reload the page and try again."))
    return int(raw)
