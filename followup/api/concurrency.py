"""Optimistic concurrency over HTTP, for every editable object (tasks, memos, projects): a GET
answers with ``ETag: "<version>"``; an edit sends that version back, in the body's ``version`` or
as ``If-Match``, and a stale one is answered 409 by ``followup.api.errors``."""

import re
from typing import Annotated

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from pydantic import Field

from followup.api.common import MAX_ID
from followup.core.exceptions import FieldErrors

IF_MATCH = re.compile(r'^\s*(?:W/)?"?(\d{1,18})"?\s*$')
# The ``version`` of an edit's body; the field is optional because If-Match may carry it instead.
Version = Annotated[
    int | None, Field(ge=1, le=MAX_ID, description="The version you read (the ETag); or send If-Match."),
]


def if_match_version(request: HttpRequest) -> int | None:
    """The version of an ``If-Match: "3"`` header (the ETag of a GET), if any."""
    raw = request.headers.get("If-Match")
    if raw is None:
        return None
    match = IF_MATCH.match(raw)
    if match is None:
        raise FieldErrors.single("version", _('If-Match must be the ETag you read, like "3".'))
    return int(match.group(1))


def sent_version(request: HttpRequest, body_version: int | None) -> int | None:
    """The version the client read: the body's, else If-Match's, else ``None``."""
    return body_version if body_version is not None else if_match_version(request)


def required_version(request: HttpRequest, body_version: int | None) -> int:
    """An edit of fields must name the version it was made on, so it never overwrites blindly."""
    version = sent_version(request, body_version)
    if version is None:
        raise FieldErrors.single("version", _("Send the version you read, in the body or as an If-Match header."))
    return version


def set_etag(response: HttpResponse, version: int) -> None:
    response["ETag"] = f'"{version}"'


def tagged(response: HttpResponse, obj, out) -> dict:
    """``out(obj)``, the answer about an editable object, with its version as the ETag."""
    set_etag(response, obj.version)
    return out(obj)
