"""Reads of the chat: a thread's messages, page by page, and one attachment to download."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.chat import targets
from followup.chat.models import Attachment, Message
from followup.core.exceptions import NotFound
from followup.core.fetch import visible_or_not_found
from followup.core.pagination import Page, paginate


def message_list(*, target: Model, page: int = 1, size: int | None = None) -> Page[Message]:
    """The thread of a task, memo, project or deal, newest first. Two queries whatever the page size:
    the messages with their authors, and their attachments."""
    qs = (
        Message.objects.filter(content_type=ContentType.objects.get_for_model(target), object_id=target.pk)
        .select_related("author")
        .prefetch_related("attachments")
        .order_by("-created_at", "-id")
    )
    return paginate(qs, number=page, size=size)


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
