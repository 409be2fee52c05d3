"""Every error of the API is shaped here, once.

* ``FieldErrors`` and schema validation errors -> 422 ``{"errors": {"field": ["message"]}}``,
  where ``field`` is the name the client sent (``customer_id``, not the service's ``customer``).
  One answer names every bad field (C3): the schema's and, for the fields the schema found good,
  the service's (``every_error_at_once``).
* a body that is not JSON (or a multipart form that cannot be read) -> 400
  ``{"errors": {"body": ["..."]}}``.
* ``NotFound`` -> 404, ``NotAllowed`` -> 403, ``StaleEdit`` -> 409 with the current ``version``,
  all as ``{"detail": "..."}``; a missing or wrong credential -> 401.

Messages go through gettext, so pydantic's English messages are replaced by ours, chosen by
the error's type.
"""

import functools
import json
import logging

from django.core.exceptions import RequestDataTooBig
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from followup.api.common import In
from followup.core.exceptions import ConfigurationMissing, FieldErrors, NotAllowed, NotFound, StaleEdit
from followup.core.middleware import nul_message, too_big_message

log = logging.getLogger(__name__)

# Services name a relation after the thing ("customer"); the API's fields are ids ("customer_id").
SERVICE_FIELD_TO_API = {
    "customer": "customer_id",
    "assignees": "assignee_ids",
    "status": "status_id",
    "type": "type_id",
    "owner": "owner_id",
    "company": "company_id",
}

BODY_PARAM = "payload"  # every endpoint names its body parameter so; it is not part of a field name


class MalformedBody(Exception):
    """The request body is not a JSON document."""


class JsonParser(Parser):
    """Ninja's parser, raising one exception we can recognise when the body is not JSON."""

    def parse_body(self, request: HttpRequest):
        try:
            return json.loads(request.body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise MalformedBody(str(exc)) from exc


def _message(error: dict) -> str:
    """Our translated message for one pydantic error."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if error.get("input", "") is None and kind not in ("model_attributes_type", "dict_type", "model_type"):
        return _("This field cannot be null.")
    if kind == "extra_forbidden":
        return _("Unknown field.")
    if kind == "nul_character":
        return nul_message()
    if kind == "string_too_long":
        return _("Enter at most %(n)s characters.") % {"n": ctx.get("max_length")}
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return _("This field cannot be blank.")
    if kind == "string_too_short":
        return _("Enter at least %(n)s characters.") % {"n": ctx.get("min_length")}
    if kind == "too_short":
        return _("Give at least %(n)s items.") % {"n": ctx.get("min_length")}
    if kind == "too_long":
        return _("Give at most %(n)s items.") % {"n": ctx.get("max_length")}
    if kind == "string_type":
        return _("Enter text.")
    if kind in ("literal_error", "enum"):
        return _("Choose one of: %(choices)s.") % {"choices": ctx.get("expected", "")}
    if kind.startswith("int_") or kind == "int_type":
        return _("Enter a whole number.")
    if kind in ("greater_than_equal", "greater_than"):
        return _("Enter a number of at least %(n)s.") % {"n": ctx.get("ge", ctx.get("gt"))}
    if kind in ("less_than_equal", "less_than"):
        return _("Enter a number of at most %(n)s.") % {"n": ctx.get("le", ctx.get("lt"))}
    if kind == "date_impossible":  # common.Date: "30 February 2026 does not exist."
        return ctx.get("message", "")
    if kind.startswith("datetime_"):
        return _("Enter a valid date and time (ISO 8601).")
    if kind.startswith("date_"):
        return _("Enter a valid date (YYYY-MM-DD).")
    if kind.startswith("time_"):
        return _("Enter a valid time (HH:MM).")
    if kind.startswith("bool_"):
        return _("Enter true or false.")
    if kind == "list_type":
        return _("Enter a list.")
    if kind in ("model_attributes_type", "dict_type", "model_type"):
        return _("Send a JSON object.")
    return _("Enter a valid value.")


def _field(loc: tuple) -> str:
    """("body", "payload", "assignee_ids", 0) -> "assignee_ids"; ("query", "size") -> "size"."""
    parts = list(loc)
    source = parts.pop(0) if parts else "body"
    if source == "body" and parts and parts[0] == BODY_PARAM:
        parts.pop(0)
    names = [p for p in parts if isinstance(p, str)]
    return names[0] if names else "body"


def api_names(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    """A service's errors under the names the client sent."""
    return {SERVICE_FIELD_TO_API.get(field, field): messages for field, messages in errors.items()}


def field_errors_body(errors: dict[str, list[str]]) -> dict:
    return {"errors": api_names(errors)}


def schema_errors(errors: list[dict], *, loc_of=_field) -> dict[str, list[str]]:
    """Pydantic's errors as ``{field: [message, ...]}``, each message once."""
    found: dict[str, list[str]] = {}
    for error in errors:
        messages = found.setdefault(loc_of(tuple(error.get("loc") or ())), [])
        message = _message(error)
        if message not in messages:
            messages.append(message)
    return found


class NamedFieldErrors(FieldErrors):
    """Field errors already under the names the client sent (not mapped again)."""


class _DryRunDone(Exception):
    """Raised at the end of a dry run, to roll it back."""


def every_error_at_once(view):
    """C3: one answer names every bad field. When the body has fields its schema refuses, the
    view runs anyway with the good ones (``In.rejected``), as a dry run in a transaction that is
    always rolled back, so that the service names what is wrong with those too (a customer that
    does not exist, a due date out of range); the answer is 422 with both, the schema's message
    first for a field both name, and nothing is saved. A 404, 403 or 409 of the dry run is the
    answer instead, as it would be for a good body. A request with uploaded files is not dry-run
    (their files would be stored): its answer names the schema's errors. Installed on every
    operation (``api.py``)."""

    @functools.wraps(view)
    def run(request, *args, **values):
        bodies = [v for v in values.values() if isinstance(v, In) and v.rejected]
        if not bodies:
            return view(request, *args, **values)
        refused: dict[str, list[str]] = {}
        for body in bodies:
            refused.update(schema_errors(body.rejected, loc_of=lambda loc: _field(("body", *loc))))
        if request.FILES:
            # Files would be stored before the rollback: a dry run must leave nothing behind.
            raise NamedFieldErrors(refused)
        found: dict[str, list[str]] = {}
        try:
            with transaction.atomic():
                view(request, *args, **values)
                raise _DryRunDone
        except _DryRunDone:
            pass
        except FieldErrors as exc:
            found = api_names(exc.errors)
        except (NotFound, NotAllowed, StaleEdit, Http404):
            raise
        except Exception:  # noqa: BLE001 - the schema's errors are the answer; the log tells of the bug
            log.warning("The dry run of %s with a partly bad body failed", request.path, exc_info=True)
        raise NamedFieldErrors({**refused, **{f: m for f, m in found.items() if f not in refused}})

    return run


def install(api: NinjaAPI) -> None:
    """Register the handlers on ``api``; called once where the API is built."""

    def respond(request, data, status: int) -> HttpResponse:
        return api.create_response(request, data, status=status)

    @api.exception_handler(FieldErrors)
    def field_errors(request, exc: FieldErrors):
        return respond(request, field_errors_body(exc.errors), 422)

    @api.exception_handler(NamedFieldErrors)
    def named_field_errors(request, exc: NamedFieldErrors):
        return respond(request, {"errors": exc.errors}, 422)

    @api.exception_handler(ConfigurationMissing)
    def configuration_missing(request, exc: ConfigurationMissing):
        """§1.3: what the organization lacks, named on the field it stops (as before it had a type)."""
        return respond(request, field_errors_body({exc.field: [f"{exc.problem} {exc.fix}"]}), 422)

    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        return respond(request, {"errors": schema_errors(exc.errors)}, 422)

    @api.exception_handler(NotFound)
    def not_found(request, exc: NotFound):
        return respond(request, {"detail": str(exc)}, 404)

    @api.exception_handler(Http404)
    def http_404(request, exc: Http404):
        return respond(request, {"detail": _("Not found.")}, 404)

    @api.exception_handler(NotAllowed)
    def not_allowed(request, exc: NotAllowed):
        return respond(request, {"detail": str(exc)}, 403)

    @api.exception_handler(StaleEdit)
    def stale_edit(request, exc: StaleEdit):
        return respond(request, {"detail": str(exc), "version": exc.current}, 409)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc: AuthenticationError):
        response = respond(
            request, {"detail": _("Sign in, or send a personal access token as 'Authorization: Bearer fu_…'.")}, 401,
        )
        response["WWW-Authenticate"] = 'Bearer realm="followup"'
        return response

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        cause = exc.__cause__
        if isinstance(cause, MalformedBody):
            return respond(request, {"errors": {"body": [_("The request body is not valid JSON.")]}}, 400)
        if isinstance(cause, RequestDataTooBig):
            return respond(request, {"errors": {"body": [too_big_message()]}}, 413)
        return respond(request, {"detail": str(exc)}, exc.status_code)

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc: RequestDataTooBig):
        return respond(request, {"errors": {"body": [too_big_message()]}}, 413)
