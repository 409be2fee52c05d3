"""The one way a permission-checked fetcher turns an id into a row: visible, or ``NotFound``."""

from django.db.models import Model, QuerySet

from followup.core.exceptions import NotFound

# The widest id any of our tables can hold (a signed 64-bit primary key).
ID_LIMIT = 2**63


def visible_or_not_found(queryset: QuerySet, object_id, message: str) -> Model:
    """The row with this id in ``queryset`` (already narrowed to what the actor may see), or
    ``NotFound`` with ``message``: a missing row, another organization's, one the actor may not
    see and an id that is no id (text, ``None``, a number beyond any column) look the same, so
    an id reveals nothing."""
    pk = checked_id(object_id, message)
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist:
        raise NotFound(message) from None


def checked_id(object_id, message: str) -> int:
    """``object_id`` as an id any of our tables could hold, or ``NotFound`` with ``message``."""
    try:
        pk = int(object_id)
    except (TypeError, ValueError):
        raise NotFound(message) from None
    if not -ID_LIMIT < pk < ID_LIMIT:
        raise NotFound(message)
    return pk
