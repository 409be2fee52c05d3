"""In-application notifications and the e-mail outbox (J2, D1).

Both are rows written in the same transaction as the change that causes them, so nothing is
announced for a change that rolled back and nothing is lost when a process dies: a worker
delivers the outbox afterwards (``followup.notifications.delivery``).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    """Every kind of thing a participant can be told about; users choose which they get by e-mail."""

    TASK_CREATED = "task_created", _("A task was created")
    TASK_ASSIGNED = "task_assigned", _("A task was assigned to me")
    TASK_REASSIGNED = "task_reassigned", _("A task was reassigned")
    TASK_STATUS = "task_status", _("A task's status changed")
    TASK_COMPLETED = "task_completed", _("A task was completed")
    TASK_COMMENTED = "task_commented", _("Someone wrote in a chat")
    TASK_DUE_SOON = "task_due_soon", _("A task is due soon")
    TASK_UPDATED = "task_updated", _("A task was changed")
    TASK_NOTE = "task_note", _("A note was added to a task")
    TASK_DELETED = "task_deleted", _("A task was deleted")
    MEMO_SENT = "memo_sent", _("A memo was sent to me")
    MEMO_REVIEWED = "memo_reviewed", _("My memo was reviewed")
    REMINDER_DUE = "reminder_due", _("A reminder is due")
    TASK_ESCALATED = "task_escalated", _("A task of my people is overdue")


class Notification(models.Model):
    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    # Served by notification_recipient_time, which starts with it (one index write less a row).
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications",
                                  db_index=False)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    event = models.CharField(max_length=24, choices=Event.choices)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=500, blank=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # J2: what changed (one line each), and the key under which a burst of one person's changes
    # to one object folds into this notification (``services.notify``).
    detail = models.TextField(blank=True)
    fold_key = models.CharField(max_length=80, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_time"),
            models.Index(fields=["recipient"], name="notification_unread",
                         condition=models.Q(read_at__isnull=True)),
        ]

    def __str__(self):
        return self.title


class EmailOptOut(models.Model):
    """A user who does not want e-mail for one kind of event (everyone gets every kind by default)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_opt_outs")
    event = models.CharField(max_length=24, choices=Event.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "event"], name="emailoptout_unique")]


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutboxEmail(models.Model):
    """One e-mail to send. Claimed by a sender (``claimed_by``: a process's heartbeat name) with a
    short lease that the sender renews; a sender that dies mid-batch leaves its e-mails to be
    picked up again once both its lease and its heartbeat have run out
    (``followup.notifications.delivery``)."""

    organization = models.ForeignKey("accounts.Organization", null=True, on_delete=models.CASCADE, related_name="+")
    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    status = models.CharField(max_length=8, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    lease_until = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=64, blank=True, db_default="")  # db_default: notify_rows inserts in SQL
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The notification this e-mail tells of, while it may still fold more changes in (J2).
    notification = models.ForeignKey(Notification, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", db_index=False)

    class Meta:
        indexes = [
            models.Index(fields=["next_attempt_at"], name="outbox_due",
                         condition=models.Q(status__in=["pending", "sending"])),
        ]

    def __str__(self):
        return f"{self.to}: {self.subject}"
