"""What the chat endpoints (``followup.api.chat``) take and answer (J5, J19)."""

import datetime as dt

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from pydantic import ConfigDict, Field

from followup.api import common as c
from followup.chat.models import Attachment, Message
from followup.chat.services import BODY_MAX
from followup.core.exceptions import FieldErrors


class MessageForm(c.In):
    """The text fields of a multipart message (its files are the ``files`` parts). Form values
    are text, so this input is not strict about JSON types."""

    model_config = ConfigDict(strict=False)

    body: str = Field("", max_length=BODY_MAX)


def refuse_other_form_fields(request: HttpRequest) -> None:
    """The form may carry ``body`` and ``files`` parts only, and ``files`` must be files: a text
    part named ``files`` (``files=0``) or an unknown field is refused, naming it, as an unknown
    field of a JSON body is (ninja's form reading would pass over both)."""
    errors = {}
    for name in request.POST:
        if name == "files":
            errors["files"] = [_("Send each file as a file part of multipart/form-data.")]
        elif name not in MessageForm.model_fields and name != "csrfmiddlewaretoken":
            errors[name] = [_("Unknown field.")]
    if errors:
        raise FieldErrors(errors)


class AttachmentOut(c.Out):
    id: int
    name: str
    size: int
    content_type: str
    sha256: str
    url: str


class MessageOut(c.Out):
    id: int
    body: str
    author: c.UserRef | None
    created_at: dt.datetime
    attachments: list[AttachmentOut]


MessagePageOut = c.page_of(MessageOut, "MessagePageOut")


def attachment_out(request: HttpRequest, a: Attachment) -> dict:
    return {
        "id": a.pk, "name": a.name, "size": a.size, "content_type": a.content_type, "sha256": a.sha256,
        "url": request.build_absolute_uri(reverse("api:chat_attachment", args=[a.pk])),
    }


def message_out(request: HttpRequest, m: Message) -> dict:
    return {
        "id": m.pk, "body": m.body, "author": c.user_ref(m.author), "created_at": c.utc(m.created_at),
        "attachments": [attachment_out(request, a) for a in m.attachments.all()],
    }
