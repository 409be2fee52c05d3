"""Reminders (J6): "remind me about this task, memo, project, deal or customer at that time"."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Reminder(models.Model):
    """Fired once, by the scheduler, when ``remind_at`` (UTC) has passed: ``fired_at`` records it,
    which is also what makes a second scheduler process skip it."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    target_label = models.CharField(_("about"), max_length=300, blank=True)
    target_url = models.CharField(max_length=500, blank=True)
    remind_at = models.DateTimeField(_("remind at"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    fired_at = models.DateTimeField(_("fired at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-remind_at", "-id"]
        indexes = [
            models.Index(fields=["remind_at"], name="reminder_due",
                         condition=models.Q(is_active=True, fired_at__isnull=True)),
            models.Index(fields=["owner", "-remind_at"], name="reminder_owner_time"),
            models.Index(fields=["content_type", "object_id"], name="reminder_target"),
        ]

    def __str__(self):
        return self.target_label or f"{self.content_type_id}:{self.object_id}"
