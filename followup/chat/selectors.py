"""Reads of the chat: a thread's messages, page by page, and one attachment to download."""

from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, prefetch_related_objects
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.chat import targets
from followup.chat.models import Attachment, Message
from followup.core.compiled import CompiledModels
from followup.core.exceptions import NotFound
from followup.core.fetch import visible_or_not_found
from followup.core.pagination import Page, clamp_page_size, page_of, paginate, parse_page_number
from followup.core.prefetch import give_prefetched, has_rows


def _thread(content_type_id: int, object_id: int):
    return (
        Message.objects.filter(content_type_id=content_type_id, object_id=object_id)
        .select_related("author")
        .annotate(has_files=has_rows(Attachment, "message", Message))
        .order_by("-created_at", "-id")
    )


@lru_cache(maxsize=8)
def _first_page(size: int) -> CompiledModels:
    """A thread's first ``size`` messages (and one more), compiled once per process: the page of
    every task, memo, project and deal shows it (issue 16 §1, the task page)."""
    return CompiledModels(lambda content_type_id, object_id: _thread(content_type_id, object_id)[:size + 1],
                          "content_type_id", "object_id")


def message_list(*, target: Model, page: int = 1, size: int | None = None) -> Page[Message]:
    """The thread of a task, memo, project or deal, newest first. Two queries whatever the page size:
    the messages with their authors (each saying whether it has files), and the files of those
    that have some; one when none has (most threads: issue 16 §1, the task page)."""
    content_type_id = ContentType.objects.get_for_model(target).pk
    size = clamp_page_size(size)
    if parse_page_number(page) == 1:
        found = page_of(_first_page(size).models(content_type_id=content_type_id, object_id=target.pk),
                        number=1, size=size)
    else:
        found = paginate(_thread(content_type_id, target.pk), number=page, size=size)
    with_files = [message for message in found.items if message.has_files]
    prefetch_related_objects(with_files, "attachments")
    for message in found.items:
        if not message.has_files:
            give_prefetched(message, "attachments", [])
    return found


def attachment_get(*, actor: User, attachment_id: int) -> Attachment:
    """An attachment whose object the actor may see (J5); ``NotFound`` otherwise, whatever the reason."""
    attachment = visible_or_not_found(
        Attachment.objects.select_related("message", "message__content_type")
        .filter(message__organization_id=actor.organization_id),
        attachment_id, _("File not found."),
    )
    message = attachment.message
    kind = targets.KIND_OF_MODEL.get(message.content_type.model_class())
    if kind is None:
        raise NotFound(_("File not found."))
    try:
        targets.target_get(actor=actor, kind=kind.name, object_id=message.object_id)
    except NotFound:
        raise NotFound(_("File not found.")) from None
    return attachment
