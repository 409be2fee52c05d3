"""Chat endpoints (J5, J19): the message thread of a task, memo or project, and file downloads.

``GET {tasks|memos|projects}/{id}/messages`` pages the thread newest first (no totals; follow
``next``). ``POST`` the same path as ``multipart/form-data`` with a ``body`` field and any number
of ``files`` parts (or as a JSON ``{"body": "..."}`` for text only). ``GET attachments/{id}``
downloads a file as an attachment. Whoever cannot see the object gets 404.
"""

import datetime as dt

from django.http import HttpRequest
from django.urls import reverse
from ninja import File, Form, Query, Router, Schema, Status
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


def _list(request, kind: str, object_id: int, paging: Paging) -> dict:
    target = targets.target_get(actor=request.auth, kind=kind, object_id=object_id)
    page = selectors.message_list(target=target, page=paging.page, size=paging.size)
    return s.page_out(request, page, [message_out(request, m) for m in page.items])


def _post(request, kind: str, object_id: int, body: str, files: list | None):
    message = services.message_post(actor=request.auth, kind=kind, object_id=object_id, body=body, files=files,
                                    names_with_paths=refused_upload_names(request),
                                    names_too_big=oversized_upload_names(request))
    return Status(201, message_out(request, message))


LIST_DOC = "J5: the thread, newest first, one page at a time (two queries whatever the page size)."
POST_DOC = ("J5: write in the thread: multipart/form-data with `body` and `files` (each at most "
            "FOLLOWUP_MAX_UPLOAD_MB; images, PDF, text, CSV, office documents, checked by content). "
            "The participants are notified in the application and by e-mail.")


@router.get("/tasks/{task_id}/messages", response={200: MessagePageOut, **ERRORS}, auth=task_module(),
            description=LIST_DOC)
def task_messages(request, task_id: s.Id, paging: Query[Paging]):
    return _list(request, "task", task_id, paging)


@router.post("/tasks/{task_id}/messages", response={201: MessageOut, **ERRORS}, auth=task_module(),
             description=POST_DOC)
def task_message_post(request, task_id: s.Id, payload: Form[MessageForm], files: File[list[UploadedFile]] = None):
    return _post(request, "task", task_id, payload.body, files)


@router.get("/memos/{memo_id}/messages", response={200: MessagePageOut, **ERRORS}, auth=everyone(),
            description=LIST_DOC + " J19: company management reads memo chats.")
def memo_messages(request, memo_id: s.Id, paging: Query[Paging]):
    return _list(request, "memo", memo_id, paging)


@router.post("/memos/{memo_id}/messages", response={201: MessageOut, **ERRORS}, auth=everyone(),
             description=POST_DOC)
def memo_message_post(request, memo_id: s.Id, payload: Form[MessageForm], files: File[list[UploadedFile]] = None):
    return _post(request, "memo", memo_id, payload.body, files)


@router.get("/projects/{project_id}/messages", response={200: MessagePageOut, **ERRORS}, auth=everyone(),
            description=LIST_DOC)
def project_messages(request, project_id: s.Id, paging: Query[Paging]):
    return _list(request, "project", project_id, paging)


@router.post("/projects/{project_id}/messages", response={201: MessageOut, **ERRORS}, auth=everyone(),
             description=POST_DOC)
def project_message_post(request, project_id: s.Id, payload: Form[MessageForm],
                         files: File[list[UploadedFile]] = None):
    return _post(request, "project", project_id, payload.body, files)


@router.get("/attachments/{attachment_id}", url_name="chat_attachment", auth=everyone(),
            response={200: None, **ERRORS})
def attachment_download(request, attachment_id: s.Id):
    """J5: download a chat file (Content-Disposition: attachment, nosniff); 404 for whoever cannot
    see its object."""
    return attachment_response(selectors.attachment_get(actor=request.auth, attachment_id=attachment_id))
