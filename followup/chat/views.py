"""The chat in the browser: the thread page, posting (htmx append, plain POST fallback), and
downloads that check visibility and never let the browser render the file."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from followup.chat import selectors, services, targets
from followup.chat.files import max_upload_bytes
from followup.chat.middleware import oversized_upload_names, refused_upload_names
from followup.core.pagination import parse_page_number
from followup.core.responses import is_htmx
from followup.core.web import domain_errors, safe_next


@login_required
@domain_errors
@require_GET
def thread(request, kind: str, object_id: int):
    """J5: the whole thread of one object, page by page (newest page first). Queries: session,
    user, header badge, the object, messages with authors, attachments."""
    target = targets.target_get(actor=request.user, kind=kind, object_id=object_id)
    size = parse_page_number(request.GET.get("size")) if request.GET.get("size") else None
    page = selectors.message_list(target=target, page=parse_page_number(request.GET.get("page")), size=size)
    return render(request, "chat/thread.html", {
        "kind": kind, "target": target, "page": page, "chat_messages": list(reversed(page.items)),
        "label": targets.target_label(target), "target_url": targets.target_url(target),
        "max_upload_mb": max_upload_bytes() // (1024 * 1024), "next": request.get_full_path(),
        "may_write": targets.may_write(request.user, target),
    })


@login_required
@domain_errors
@require_POST
def post(request, kind: str, object_id: int):
    """J5: write in the thread. htmx gets the new message to append; a plain POST goes back to the
    object's page (``next``) at its chat."""
    message = services.message_post(
        actor=request.user, kind=kind, object_id=object_id,
        body=request.POST.get("body", ""), files=request.FILES.getlist("files"),
        names_with_paths=refused_upload_names(request), names_too_big=oversized_upload_names(request),
    )
    if is_htmx(request):
        return render(request, "chat/_message.html", {"message": message})
    flash.success(request, _("Message sent."))
    fallback = targets.target_url(message.target)
    return redirect(safe_next(request, fallback).split("#")[0] + "#chat")


@login_required
@domain_errors
@require_GET
def attachment(request, attachment_id: int):
    """J5: download a file of a message, only for those who see its object (404 otherwise). Always
    as an attachment with the detected type and ``nosniff``, so a browser never runs it."""
    found = selectors.attachment_get(actor=request.user, attachment_id=attachment_id)
    return attachment_response(found)


def attachment_response(found) -> FileResponse:
    try:
        handle = default_storage.open(found.file.name, "rb")
    except FileNotFoundError:
        raise Http404(_("File not found.")) from None
    response = FileResponse(handle, as_attachment=True, filename=found.name, content_type=found.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
