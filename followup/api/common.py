"""What the schemas of every resource share: ids and paging, the base classes of inputs and
outputs, ISO dates and times, the names of a model's choices, pages and error bodies.

Inputs (``In``) are strict: unknown fields are refused (a typo in a PATCH must not be silently
ignored), and so are values of the wrong JSON type (``"customer_id": true`` is not customer 1,
``"remind_at": 0`` is not 1970) and text with a NUL character. A field that may not be empty
has a non-null type: if it has a default, leaving it out takes the default and sending ``null``
is refused, naming the field (C3).

When an input has bad fields, ``In`` still builds the body from its good fields and keeps the
errors (``rejected``), so that ``followup.api.errors.every_error_at_once`` can ask the service
about the good ones as well and answer every bad field in one response (C3).

Outputs are plain pydantic models, built as dicts by each resource's ``*_out`` functions from
exactly the columns its selectors load; datetimes are ISO 8601 in UTC, dates ISO.
"""

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.conf import settings
from ninja import Schema
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    Strict,
    ValidationError,
    create_model,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from followup.accounts.models import User
from followup.core.dates import impossible_iso_date
from followup.core.middleware import NUL
from followup.core.pagination import MAX_PAGE_NUMBER, Page

MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PageNumber = Annotated[int, Field(ge=1, le=MAX_PAGE_NUMBER)]
PageSize = Annotated[int, Field(ge=1, le=100)]


def names_of(values: Iterable[str]) -> Any:
    """The ``Literal`` type of these names, e.g. ``names_of(Stage.values)``: a schema's choices
    come from the model's, so a new choice reaches the API and its OpenAPI description at once."""
    return Literal[tuple(values)]


def _iso(kind: str, pattern: str):
    """Text in ISO 8601 only: pydantic would also read a number (or a string of digits) as
    seconds since 1970, so ``"remind_at": 0`` or ``due_to=0`` would mean 1 January 1970. A
    well-formed day that does not exist is named as such (issue 13 §1.13): "2026-02-30" answers
    "30 February 2026 does not exist.", not a complaint about the format."""
    shape = re.compile(pattern)

    def check(value):
        if isinstance(value, str) and shape.match(value):
            if impossible := impossible_iso_date(value[:10]):
                raise PydanticCustomError("date_impossible", "{message}", {"message": impossible})
            return value
        if isinstance(value, getattr(dt, kind)) or value is None:
            return value
        raise PydanticCustomError(f"{kind}_parsing", "Enter an ISO 8601 {kind}.", {"kind": kind})

    return BeforeValidator(check)


Date = Annotated[dt.date, Strict(False), _iso("date", r"^\d{4}-\d{2}-\d{2}$")]
DateTime = Annotated[dt.datetime, Strict(False), _iso("datetime", r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")]
Time = Annotated[dt.time, Strict(False), _iso("time", r"^\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$")]
Amount = Annotated[Decimal, Strict(False), Field(ge=0, max_digits=14, decimal_places=2)]


class In(BaseModel):
    """Every request body; see the module's docstring."""

    model_config = ConfigDict(extra="forbid", strict=True)
    _rejected: list[dict] = PrivateAttr(default_factory=list)

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul_character(cls, value):
        if NUL in _texts(value):
            raise PydanticCustomError("nul_character", "Text cannot contain the NUL character.")
        return value

    @model_validator(mode="wrap")
    @classmethod
    def _keep_the_good_fields(cls, data, handler):
        try:
            return handler(data)
        except ValidationError as exc:
            if not isinstance(data, dict) or any(not e["loc"] for e in exc.errors()):
                raise
            return cls._partial(data, exc.errors())

    @classmethod
    def _partial(cls, data: dict, errors: list[dict]) -> "In":
        """The body with its good fields validated, the bad ones ``None``, and the errors kept."""
        bad = {e["loc"][0] for e in errors}
        body = cls.model_construct()
        for name, value in data.items():
            if name in cls.model_fields and name not in bad:
                cls.__pydantic_validator__.validate_assignment(body, name, value)
        for name in cls.model_fields:
            body.__dict__.setdefault(name, None)
        body._rejected = errors
        return body

    @property
    def rejected(self) -> list[dict]:
        """Pydantic's errors for the bad fields; empty for a valid body."""
        return self._rejected

    def fields(self) -> dict:
        """Every field, sent or default, as the service takes it."""
        return {name: getattr(self, name) for name in type(self).model_fields}

    def sent(self) -> dict:
        """The fields the client sent and the required ones, for a service whose own defaults
        apply to what was left out (and for a partial update)."""
        return {name: getattr(self, name) for name, field in type(self).model_fields.items()
                if name in self.model_fields_set or field.is_required()}


def _texts(value) -> str:
    """All the text in a field's value, joined (a string, or strings in a list or mapping)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple | set):
        return "".join(_texts(v) for v in value)
    if isinstance(value, dict):
        return "".join(_texts(k) + _texts(v) for k, v in value.items())
    return ""


class PageQuery(Schema):
    page: PageNumber = 1
    size: PageSize = Field(default_factory=lambda: min(settings.PAGE_SIZE, 100))


class Out(BaseModel):
    """Every answer. Plain pydantic, not ninja's Schema: the answers are built as dicts, and
    ninja's Schema wraps every nested value in a getter, which made validating a 25-row page
    several times slower."""


def page_of(item: type[Out], name: str) -> type[Out]:
    """The schema of one page of ``item``: ``items``, the page's number and size, and ``next``."""
    return create_model(
        name, __base__=Out, items=(list[item], ...), page=(int, ...), size=(int, ...), has_next=(bool, ...),
        next=(str | None, Field(description="This URL for the next page, or null on the last one.")),
    )


def page_out(request, page: Page, items: list[dict]) -> dict:
    """A page without totals; ``next`` is this URL with the next page number, or null."""
    next_url = None
    if page.has_next:
        params = request.GET.copy()
        params["page"] = str(page.next_number)
        params["size"] = str(page.size)
        next_url = request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
    return {"items": items, "page": page.number, "size": page.size, "has_next": page.has_next, "next": next_url}


class UserRef(Out):
    id: int
    username: str
    name: str


def user_ref(user: User | None) -> dict | None:
    if user is None:
        return None
    return {"id": user.pk, "username": user.username, "name": user.display_name}


class CustomerRef(Out):
    id: int
    name: str
    email: str
    phone: str


def customer_ref(customer) -> dict:
    """A customer as tasks and deals name it (the columns their selectors load)."""
    return {"id": customer.pk, "name": customer.name, "email": customer.email, "phone": customer.phone}


def utc(value: dt.datetime | None) -> dt.datetime | None:
    return value.astimezone(dt.UTC) if value is not None else None


class FieldErrorsOut(Out):
    errors: dict[str, list[str]]


class DetailOut(Out):
    detail: str


class StaleOut(Out):
    detail: str
    version: int


# What each kind of operation may answer besides its success (followup.api.errors shapes them):
# 401 without a valid credential, 403 when not allowed (or a session without CSRF), 404 for what
# the caller cannot see, 422 for bad parameters or fields; an operation that reads a body also
# 400 for a body that is not JSON (or a malformed form) and 413 for one too large; an edit 409
# when the version it sends is stale.
ERRORS = {401: DetailOut, 403: DetailOut, 404: DetailOut, 422: FieldErrorsOut}
BODY_ERRORS = {**ERRORS, 400: FieldErrorsOut, 413: FieldErrorsOut}
EDIT_ERRORS = {**BODY_ERRORS, 409: StaleOut}
