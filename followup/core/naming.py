"""Names that administrators give things (departments, teams, statuses, stages, ...): one way to
tidy and check one, and one way to save a row whose name must be unique in its scope, so every
"give it a name" and "there is one of this name already" reads the same."""

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from followup.core.exceptions import FieldErrors


def clean_name(raw, *, limit: int, empty: str, errors: dict, field: str = "name") -> str:
    """``raw`` with its runs of spaces made one; an empty or too long name adds its message to
    ``errors[field]``."""
    name = " ".join((raw or "").split()) if isinstance(raw, str) else ""
    if not name:
        errors[field] = [empty]
    elif len(name) > limit:
        errors[field] = [_("Keep the name under %(n)s characters.") % {"n": limit}]
    return name


def save_unique(row: models.Model, *, taken: str, field: str = "name", **save) -> models.Model:
    """Save ``row`` in a savepoint; a unique constraint it breaks is the field error ``taken``."""
    try:
        with transaction.atomic():
            row.save(**save)
    except IntegrityError:
        raise FieldErrors.single(field, taken) from None
    return row
