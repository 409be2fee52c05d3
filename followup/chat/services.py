"""Writes of the chat (J5, J19): post a message, with files, to a task, memo, project or deal."""

import os
import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.chat import targets
from followup.chat.files import clean_name, inspect_upload
from followup.chat.models import Attachment, Message
from followup.core.exceptions import FieldErrors
from followup.core.limits import max_length, too_long
from followup.notifications.models import Event
from followup.notifications.services import notify

BODY_MAX = max_length(Message, "body")
FILES_MAX = 10


def _clean(body: str, files: list, names_with_paths: list[str], names_too_big: list[str]) -> tuple[str, list[dict]]:
    for raw in names_with_paths:
        clean_name(raw)  # raises, naming the file
    for raw in names_too_big:
        raise FieldErrors.single("files", _("“%(name)s” is too large; files may be at most %(max)s MB.") % {
            "name": raw[:80], "max": settings.FOLLOWUP_MAX_UPLOAD_MB})
    body = (body or "").strip()
    errors: dict[str, list[str]] = {}
    if long := too_long(body, BODY_MAX):
        errors["body"] = long
    if len(files) > FILES_MAX:
        errors["files"] = [_("Attach at most %(n)s files to one message.") % {"n": FILES_MAX}]
    if not body and not files:
        errors["body"] = [_("Write a message or attach a file.")]
    if errors:
        raise FieldErrors(errors)
    return body, [inspect_upload(f) for f in files]


def _store(*, organization_id: int, upload, name: str) -> str:
    """Save under chat/<organization>/<random>/<name> in MEDIA_ROOT (never the static root)."""
    upload.seek(0)
    return default_storage.save(f"chat/{organization_id}/{secrets.token_hex(16)}/{name}", upload)


def stored_file_remove(path: str) -> None:
    """Remove an attachment's file and the random directory ``_store`` made for it alone."""
    default_storage.delete(path)
    try:
        os.rmdir(os.path.dirname(default_storage.path(path)))
    except (NotImplementedError, OSError):  # a storage without local paths, or a directory not empty
        pass


def message_post(
    *, actor: User, kind: str, object_id: int, body: str = "", files: list | None = None,
    names_with_paths: list[str] | None = None, names_too_big: list[str] | None = None,
) -> Message:
    """J5, J19: anyone who may see the object writes in its thread, except through a read-only
    share (L7). Files are checked by content and size before anything is written; the
    participants (never the author) are notified in the application and by e-mail, in the same
    transaction (J2). ``names_with_paths`` are upload names the request parser had to cut,
    ``names_too_big`` files it stopped reading at the size limit (``followup.chat.middleware``):
    any of them refuses the message."""
    files = list(files or [])
    target = targets.target_get_for_writing(actor=actor, kind=kind, object_id=object_id)
    body, checked = _clean(body, files, list(names_with_paths or []), list(names_too_big or []))
    stored: list[str] = []
    try:
        with transaction.atomic():
            message = Message.objects.create(
                organization_id=actor.organization_id, content_type=ContentType.objects.get_for_model(target),
                object_id=target.pk, author=actor, body=body,
            )
            attachments = []
            for upload, info in zip(files, checked, strict=True):
                path = _store(organization_id=actor.organization_id, upload=upload, name=info["name"])
                stored.append(path)
                attachments.append(Attachment(message=message, file=path, **info))
            Attachment.objects.bulk_create(attachments)
            _announce(actor=actor, target=target, message=message, attachments=attachments)
    except BaseException:
        for path in stored:  # the message rolled back: its files go too
            stored_file_remove(path)
        raise
    message.author = actor
    message._prefetched_objects_cache = {"attachments": attachments}
    return message


def _announce(*, actor: User, target, message: Message, attachments: list[Attachment]) -> None:
    label = targets.target_label(target)

    def body() -> str:
        lines = [message.body[:2000]] if message.body else []
        return "\n".join(lines + [_("Attached: %(name)s") % {"name": a.name} for a in attachments])

    notify(
        event=Event.TASK_COMMENTED, recipients=targets.target_participants(target), actor=actor,
        title=lambda: _("%(who)s wrote in “%(what)s”") % {"who": actor.display_name, "what": label},
        url=targets.target_url(target) + "#chat", target=target, email_body=body,
    )
