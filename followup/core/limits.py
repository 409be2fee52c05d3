"""Length limits (issue 13 §1.12): one number for each text a person types.

The number is the model field's ``max_length``, text fields included (Django keeps it there
for forms without a database constraint), so the page's ``maxlength`` (the ``field_max``
template tag), the service's check, the API schema and Django admin's form all read the same
one. Before, the task title's input allowed 250 characters and the server refused over 200.
"""

from django.db import models
from django.utils.translation import gettext as _


def max_length(model: type[models.Model], field: str) -> int:
    return model._meta.get_field(field).max_length


def too_long(text: str, limit: int) -> list[str] | None:
    """The field's error when ``text`` is longer than ``limit``, else ``None``."""
    if len(text or "") > limit:
        return [_("Enter at most %(n)s characters.") % {"n": limit}]
    return None
