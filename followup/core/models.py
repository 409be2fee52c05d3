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
