"""Domain errors raised by services and mapped once to a form error, JSON body or status.

Views and API endpoints never build error responses by hand: they let these propagate to
``followup.api.errors`` (JSON) or catch ``FieldErrors`` to show them next to form fields.
"""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """What a service refuses; each subclass is mapped to one answer (422, 404, 403, 409)."""


class FieldErrors(DomainError):
    """Input that breaks a rule, with a message per field: ``{"due_date": ["..."]}``."""


    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = {field: [str(m) for m in messages] for field, messages in errors.items()}

    @classmethod
    def single(cls, field: str, message) -> "FieldErrors":
        return cls({field: [str(message)]})


class NotFound(DomainError):
    """The object does not exist, or the actor may not know it exists (other organization)."""


    def __init__(self, message=None):
        super().__init__(str(message or _("Not found.")))


class NotAllowed(DomainError):
    """The actor sees the object but may not do this to it."""


    def __init__(self, message=None):
        super().__init__(str(message or _("You are not allowed to do this.")))


class StaleEdit(DomainError):
    """Someone else saved the object since the actor loaded it (optimistic concurrency)."""


    def __init__(self, *, current: int, message):
        """``message`` names the kind of object, with ``%(v)s`` for its current version."""
        super().__init__(str(message) % {"v": current})
        self.current = current
