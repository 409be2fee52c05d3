"""Rows the whole application shares: the scheduler's record of periodic jobs, and what every
object that chat messages, reminders and notifications point at has in common."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledJob(models.Model):
    """One periodic job of :mod:`followup.core.scheduler` and when it is due next.

    Several scheduler processes may run at once; each due run is claimed with a conditional
    ``UPDATE ... WHERE name = %s AND next_run_at <= now``, so exactly one of them wins it.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    next_run_at = models.DateTimeField(_("next run at"))
    last_run_at = models.DateTimeField(_("last run at"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    run_count = models.PositiveBigIntegerField(_("runs"), default=0)

    class Meta:
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProcessHeartbeat(models.Model):
    """A long-running process (a ``followup worker`` or ``followup scheduler``) that says every few
    seconds that it is alive (:mod:`followup.core.liveness`). Work a process claimed (an outbox
    e-mail, a background task) is taken over from it only once its heartbeat has stopped, so a
    live process never has its work done twice and a killed one's is picked up within seconds."""

    name = models.CharField(_("name"), max_length=64, primary_key=True)
    kind = models.CharField(_("kind"), max_length=20)
    host = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("process id"))
    started_at = models.DateTimeField(_("started at"))
    beat_at = models.DateTimeField(_("last heartbeat"), db_index=True)

    class Meta:
        verbose_name = _("process heartbeat")
        verbose_name_plural = _("process heartbeats")

    def __str__(self):
        return self.name


class LinkTarget(models.Model):
    """An object that rows of other apps point at through (content_type, object_id): chat
    messages (J5), reminders (J6) and notifications (J2). A database cannot cascade such a link,
    so these relations let Django's deletion collector do it: deleting the object, one at a time,
    in a batch, or by a cascade from its customer, removes the rows about it too (and the
    attachments' files, after commit: ``followup.chat.signals``). No column is added."""

    linked_messages = GenericRelation("chat.Message")
    linked_reminders = GenericRelation("reminders.Reminder")
    linked_notifications = GenericRelation("notifications.Notification")

    class Meta:
        abstract = True


class IdempotentRequest(models.Model):
    """A request made with an ``Idempotency-Key`` and the answer it got (``core.idempotency``):
    a retry with the same key in the same scope gets this answer again instead of a second
    object. ``status_code`` is set in the transaction of the request itself, so a stored row is
    always a finished one. Kept 24 hours."""

    scope = models.CharField(max_length=120)  # who asked: "user:42", or a public form's "form:7"
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=500)
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64)  # SHA-256 of what was sent
    status_code = models.PositiveSmallIntegerField(null=True)
    content_type = models.CharField(max_length=200, blank=True)
    headers = models.JSONField(default=dict)
    body = models.BinaryField(default=b"")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "method", "path", "key"], name="idempotent_request_unique"),
        ]
        indexes = [models.Index(fields=["created_at"], name="idempotent_request_age")]

    def __str__(self):
        return f"{self.scope} {self.method} {self.path} {self.key}"
