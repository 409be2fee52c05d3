"""A1, date triggers: "N days before a customer's birthday / contract end date, create task T",
their run log, and one fire record per (trigger, customer, occurrence) that makes each task
happen exactly once, however many schedulers run and however late they catch up."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from followup.automation.models import Assignment
from followup.tasks.models import Priority


class WatchedDate(models.TextChoices):
    """The customer's date fields a trigger may watch; birthdays come back every year."""

    BIRTHDAY = "birthday", _("Birthday")
    CONTRACT_END = "contract_end_date", _("Contract end date")


YEARLY = {WatchedDate.BIRTHDAY}


class DateTrigger(Assignment):
    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=120)
    is_active = models.BooleanField(_("active"), default=True, help_text=_("A paused trigger makes no tasks."))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True,
                               on_delete=models.SET_NULL, related_name="+")
    field = models.CharField(_("date"), max_length=32, choices=WatchedDate.choices, default=WatchedDate.BIRTHDAY)
    days_before = models.PositiveSmallIntegerField(_("days before"), default=0)
    title = models.CharField(_("task title"), max_length=200, help_text=_("May use {customer} and {owner}."))
    task_type = models.ForeignKey("tasks.TaskType", verbose_name=_("type"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices, default=Priority.MEDIUM)
    description = models.TextField(_("description"), blank=True, max_length=20_000)
    # The last trigger day (in the organization's time zone) a run covered; the next run covers
    # from it to today, so a scheduler that was down catches up. Empty: from the day it was made.
    checked_through = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("date trigger")
        verbose_name_plural = _("date triggers")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name

    @property
    def yearly(self) -> bool:
        return self.field in YEARLY


class TriggerRun(models.Model):
    """A trigger's run log: when it ran, for which occurrences, what it made, what failed."""

    class Kind(models.TextChoices):
        SCHEDULED = "scheduled", _("On schedule")
        MANUAL = "manual", _("From the preview, for days already passed")

    trigger = models.ForeignKey(DateTrigger, on_delete=models.CASCADE, related_name="runs")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    first_occurrence = models.DateField()
    last_occurrence = models.DateField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True)
    made = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["trigger", "-started_at"], name="triggerrun_trigger_time")]


class TriggerFire(models.Model):
    """One occurrence acted on: inserted with ON CONFLICT DO NOTHING, so of two runs at once
    exactly one claims it and makes its task."""

    trigger = models.ForeignKey(DateTrigger, on_delete=models.CASCADE, related_name="fires")
    run = models.ForeignKey(TriggerRun, on_delete=models.CASCADE, related_name="fires")
    customer = models.ForeignKey("customers.Customer", on_delete=models.CASCADE, related_name="date_fires")
    occurrence = models.DateField()
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["trigger", "customer", "occurrence"],
                                               name="triggerfire_once")]
        indexes = [models.Index(fields=["run"], name="triggerfire_run")]
