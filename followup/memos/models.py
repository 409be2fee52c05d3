"""Memos (J14–J20): a note from a user to a department head or company manager."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from followup.core.models import LinkTarget


class MemoStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    POSTPONED = "postponed", _("Postponed")
    REVIEWED = "reviewed", _("Reviewed")


class Memo(LinkTarget):
    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="memos")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True,
                               on_delete=models.SET_NULL, related_name="authored_memos")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("to"), null=True,
                                  on_delete=models.SET_NULL, related_name="received_memos")
    subscribers = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("subscribers"), blank=True,
                                         related_name="subscribed_memos")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True, max_length=20_000)
    status = models.CharField(_("status"), max_length=12, choices=MemoStatus.choices, default=MemoStatus.DRAFT)
    deal = models.ForeignKey("deals.Deal", verbose_name=_("deal"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="memos")
    # Optimistic concurrency (followup.core.concurrency); a database default, so adding the
    # column does not rewrite the table on PostgreSQL.
    version = models.PositiveIntegerField(default=1, db_default=1)
    sent_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("memo")
        verbose_name_plural = _("memos")
        indexes = [
            models.Index(fields=["recipient", "status", "-updated_at"], name="memo_recipient_status"),
            models.Index(fields=["author", "-updated_at"], name="memo_author"),
        ]

    def __str__(self):
        return self.title
