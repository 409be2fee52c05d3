"""Rows the whole application shares: the scheduler's record of periodic jobs."""

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
