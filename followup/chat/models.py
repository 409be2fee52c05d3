"""Chat (J5, J19): a message thread on every task, memo, project and deal, with file attachments.

A message points at its object through a content type and id: every kind shares one table
and one index, ``(content_type, object_id, created_at, id)``, which serves a thread's page in order.
Attachments are files under ``MEDIA_ROOT/chat/<organization>/<random>/``, never under the
static root; they are served only by ``followup.chat.views.attachment_download``, which checks
that the downloader may see the object.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Message(models.Model):
    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True,
                               on_delete=models.SET_NULL, related_name="chat_messages")
    body = models.TextField(_("message"), blank=True, max_length=10_000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            models.Index(fields=["content_type", "object_id", "-created_at", "-id"], name="chatmessage_thread"),
        ]

    def __str__(self):
        return self.body[:60]


class Attachment(models.Model):
    """A file of a message. ``content_type`` was detected from the file's bytes, not its name."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(max_length=300)
    name = models.CharField(_("file name"), max_length=160)
    size = models.PositiveBigIntegerField(_("size"))
    content_type = models.CharField(_("content type"), max_length=120)
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self):
        return self.name
