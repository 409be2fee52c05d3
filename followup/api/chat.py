"""Chat endpoints (J5, J19): the message thread of a task, memo, project or deal, and file downloads.

``GET {tasks|memos|projects|deals}/{id}/messages`` pages the thread newest first (no totals; follow
``next``). ``POST`` the same path as ``multipart/form-data`` (or ``application/x-www-form-urlencoded``
for text only) with a ``body`` field and any number of ``files`` parts. ``GET attachments/{id}``
downloads a file as an attachment. Whoever cannot see the object gets 404.
"""

import datetime as dt

from django.http import HttpRequest
from django.urls import reverse
from ninja import File, Form, Path, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import BaseModel

from followup.api import schemas as s
from followup.api.auth import everyone, task_module
from followup.chat import selectors, services, targets
from followup.chat.middleware import oversized_upload_names, refused_upload_names
from followup.chat.models import Attachment, Message
from followup.chat.views import attachment_response

router = Router(tags=["Chat"])

ERRORS = {401: s.DetailOut, 403: s.DetailOut, 404: s.DetailOut, 413: s.FieldErrorsOut, 422: s.FieldErrorsOut}


class AttachmentOut(s.Out):
    id: int
    name: str
    size: int
    content_type: str
    sha256: str
    url: str


class MessageOut(s.Out):
    id: int
    body: str
    author: s.UserRef | None
    created_at: dt.datetime
    attachments: list[AttachmentOut]


class MessagePageOut(s.Out):
    items: list[MessageOut]
    page: int
    size: int
    has_next: bool
    next: str | None


class Paging(Schema):
    page: s.PageNumber = 1
    size: s.PageSize = 25


class MessageForm(BaseModel):
    body: str = ""


def attachment_out(request: HttpRequest, a: Attachment) -> dict:
    return {
        "id": a.pk, "name": a.name, "size": a.size, "content_type": a.content_type, "sha256": a.sha256,
        "url": request.build_absolute_uri(reverse("api:chat_attachment", args=[a.pk])),
    }


def message_out(request: HttpRequest, m: Message) -> dict:
    return {
        "id": m.pk, "body": m.body, "author": s.user_ref(m.author), "created_at": s.utc(m.created_at),
        "attachments": [attachment_out(request, a) for a in m.attachments.all()],
    }


LIST_DOC = "J5: the thread, newest first, one page at a time (two queries whatever the page size)."
POST_DOC = ("J5: write in the thread: multipart/form-data with `body` and `files` (each at most "
            "FOLLOWUP_MAX_UPLOAD_MB; images, PDF, text, CSV, office documents, checked by content). "
            "The participants are notified in the application and by e-mail.")


def _thread_routes(kind: str, *, auth: list, list_doc: str = LIST_DOC) -> None:
    """``GET`` and ``POST /{kind}s/{<kind>_id}/messages``: the thread of one object, and a new
    message in it. Whoever cannot see the object (its own app's rule, ``chat.targets``) gets 404.
    The path parameter keeps its kind's name (``task_id``, ``deal_id``, ...) and each operation its
    own id, so the OpenAPI description reads as if every pair were written out."""
    param = f"{kind}_id"
    path = f"/{kind}s/{{{param}}}/messages"
    ObjectId = Path[s.Id, {"alias": param}]  # the id, named in the path as its kind names it

    @router.get(path, response={200: MessagePageOut, **ERRORS}, auth=auth, description=list_doc,
                operation_id=f"followup_api_chat_{kind}_messages", summary=f"Messages of a {kind}")
    def thread(request, object_id: ObjectId, paging: Query[Paging]):
        target = targets.target_get(actor=request.auth, kind=kind, object_id=object_id)
        page = selectors.message_list(target=target, page=paging.page, size=paging.size)
        return s.page_out(request, page, [message_out(request, m) for m in page.items])

    @router.post(path, response={201: MessageOut, **ERRORS}, auth=auth, description=POST_DOC,
                 operation_id=f"followup_api_chat_{kind}_message_post", summary=f"Write in a {kind}'s chat")
    def post(request, object_id: ObjectId, payload: Form[MessageForm], files: File[list[UploadedFile]] = None):
        message = services.message_post(actor=request.auth, kind=kind, object_id=object_id, body=payload.body,
                                        files=files, names_with_paths=refused_upload_names(request),
                                        names_too_big=oversized_upload_names(request))
        return Status(201, message_out(request, message))


_thread_routes("task", auth=task_module())
_thread_routes("memo", auth=everyone(), list_doc=LIST_DOC + " J19: company management reads memo chats.")
_thread_routes("project", auth=everyone())
_thread_routes("deal", auth=everyone())


@router.get("/attachments/{attachment_id}", url_name="chat_attachment", auth=everyone(),
            response={200: None, **ERRORS})
def attachment_download(request, attachment_id: s.Id):
    """J5: download a chat file (Content-Disposition: attachment, nosniff); 404 for whoever cannot
    see its object."""
    return attachment_response(selectors.attachment_get(actor=request.auth, attachment_id=attachment_id))
