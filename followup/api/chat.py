"""Chat endpoints (J5, J19): the message thread of a task, memo, project or deal, and file downloads.

``GET {tasks|memos|projects|deals}/{id}/messages`` pages the thread newest first (no totals; follow
``next``). ``POST`` the same path as ``multipart/form-data`` (or ``application/x-www-form-urlencoded``
for text only) with a ``body`` field and any number of ``files`` parts. ``GET attachments/{id}``
downloads a file as an attachment. Whoever cannot see the object gets 404.
"""

from ninja import File, Form, Path, Query, Router, Status
from ninja.files import UploadedFile

from followup.api import chat_schemas as s
from followup.api.auth import everyone, task_module
from followup.api.common import BODY_ERRORS, ERRORS, Id, PageQuery, page_out
from followup.chat import selectors, services, targets
from followup.chat.middleware import oversized_upload_names, refused_upload_names
from followup.chat.views import attachment_response

router = Router(tags=["Chat"])


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
    ObjectId = Path[Id, {"alias": param}]  # the id, named in the path as its kind names it

    @router.get(path, response={200: s.MessagePageOut, **ERRORS}, auth=auth, description=list_doc,
                operation_id=f"followup_api_chat_{kind}_messages", summary=f"Messages of a {kind}")
    def thread(request, object_id: ObjectId, paging: Query[PageQuery]):
        target = targets.target_get(actor=request.auth, kind=kind, object_id=object_id)
        page = selectors.message_list(target=target, page=paging.page, size=paging.size)
        return page_out(request, page, [s.message_out(request, m) for m in page.items])

    @router.post(path, response={201: s.MessageOut, **BODY_ERRORS}, auth=auth, description=POST_DOC,
                 operation_id=f"followup_api_chat_{kind}_message_post", summary=f"Write in a {kind}'s chat")
    def post(request, object_id: ObjectId, payload: Form[s.MessageForm], files: File[list[UploadedFile]] = None):
        s.refuse_other_form_fields(request)
        message = services.message_post(actor=request.auth, kind=kind, object_id=object_id, body=payload.body,
                                        files=files, names_with_paths=refused_upload_names(request),
                                        names_too_big=oversized_upload_names(request))
        return Status(201, s.message_out(request, message))


_thread_routes("task", auth=task_module())
_thread_routes("memo", auth=everyone(), list_doc=LIST_DOC + " J19: company management reads memo chats.")
_thread_routes("project", auth=everyone())
_thread_routes("deal", auth=everyone())


@router.get("/attachments/{attachment_id}", url_name="chat_attachment", auth=everyone(),
            response={200: None, **ERRORS})
def attachment_download(request, attachment_id: Id):
    """J5: download a chat file (Content-Disposition: attachment, nosniff); 404 for whoever cannot
    see its object."""
    return attachment_response(selectors.attachment_get(actor=request.auth, attachment_id=attachment_id))
