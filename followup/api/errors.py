"""Every error of the API is shaped here, once.

* ``FieldErrors`` and schema validation errors -> 422 ``{"errors": {"field": ["message"]}}``,
  where ``field`` is the name the client sent (``customer_id``, not the service's ``customer``).
* a body that is not JSON -> 400 ``{"errors": {"body": ["..."]}}``.
* ``NotFound`` -> 404, ``NotAllowed`` -> 403, ``StaleEdit`` -> 409 with the current ``version``,
  all as ``{"detail": "..."}``; a missing or wrong credential -> 401.

Messages go through gettext, so pydantic's English messages are replaced by ours, chosen by
the error's type.
"""

import json

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from followup.core.exceptions import FieldErrors, NotAllowed, NotFound, StaleEdit
from followup.core.middleware import nul_message, too_big_message

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
    if kind == "extra_forbidden":
        return _("Unknown field.")
    if kind == "nul_character":
        return nul_message()
    if kind == "string_too_long":
        return _("Enter at most %(n)s characters.") % {"n": ctx.get("max_length")}
    if kind == "string_too_short":
        return _("Enter at least %(n)s characters.") % {"n": ctx.get("min_length")}
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
    if kind == "date_impossible":  # schemas.Date: "30 February 2026 does not exist."
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


def field_errors_body(errors: dict[str, list[str]]) -> dict:
    return {"errors": {SERVICE_FIELD_TO_API.get(field, field): messages for field, messages in errors.items()}}


def install(api: NinjaAPI) -> None:
    """Register the handlers on ``api``; called once where the API is built."""

    def respond(request, data, status: int) -> HttpResponse:
        return api.create_response(request, data, status=status)

    @api.exception_handler(FieldErrors)
    def field_errors(request, exc: FieldErrors):
        return respond(request, field_errors_body(exc.errors), 422)

    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        errors: dict[str, list[str]] = {}
        for error in exc.errors:
            messages = errors.setdefault(_field(tuple(error.get("loc") or ())), [])
            message = _message(error)
            if message not in messages:
                messages.append(message)
        return respond(request, {"errors": errors}, 422)

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
