"""An attachment's file leaves the disk when its row is deleted, and only once that deletion is
committed: a delete that rolls back keeps the file its row still names.

A signal, because attachments are deleted by Django's collector when their message goes, and
messages when the task, memo, project or deal they are about goes (``followup.core.models.LinkTarget``),
on every path: one delete, a batch, a customer's cascade, an organization's removal."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from followup.chat.models import Attachment
from followup.chat.services import stored_file_remove


@receiver(post_delete, sender=Attachment, dispatch_uid="chat-attachment-file")
def attachment_file_remove(sender, instance: Attachment, using: str, **kwargs) -> None:
    path = instance.file.name
    if path:
        transaction.on_commit(lambda: stored_file_remove(path), using=using)
