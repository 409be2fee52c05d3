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


class ConfigurationMissing(DomainError):
    """The organization lacks something a page needs, such as an active status to give a new task
    (issue 13 §1.3). Not the user's input and not theirs to fix, so it is not a ``FieldErrors``
    (which forms show next to a field): pages show what is missing and who can fix it
    (``followup.core.web``), the API answers 422 naming ``field`` as before.

    ``admin_url`` is the URL name of the Django admin page where an administrator fixes it."""

    def __init__(self, *, field: str, problem, fix, admin_url: str = "admin:index"):
        super().__init__(str(problem))
        self.field, self.problem, self.fix, self.admin_url = field, str(problem), str(fix), admin_url


class StaleEdit(DomainError):
    """Someone else saved the object since the actor loaded it (optimistic concurrency)."""


    def __init__(self, *, current: int, message):
        """``message`` names the kind of object, with ``%(v)s`` for its current version."""
        super().__init__(str(message) % {"v": current})
        self.current = current
