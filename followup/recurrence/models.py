"""B3: a series of recurring tasks and which task is which of its occurrences.

The rule is RFC 5545 RRULE text (``FREQ=WEEKLY;INTERVAL=2;BYDAY=MO``), its start a local date
and time of day: the wall clock of the series' owner, whose time zone ``task_create`` applies
to every occurrence, so a 9:00 task stays at 9:00 across daylight-saving changes.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from followup.tasks.models import Priority


class Series(models.Model):
    """The rule and the template every occurrence is made from (the task's own fields, its
    project and deal). Subtasks are not in the template: the next occurrence copies those of the
    occurrence just closed (``services.occurrence_next``), as performers add them along the way."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), null=True,
                              on_delete=models.SET_NULL, related_name="+")
    rrule = models.CharField(_("repeat rule (RFC 5545 RRULE)"), max_length=500)
    start_date = models.DateField(_("first occurrence"))
    start_time = models.TimeField(_("time of day"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    task_type = models.ForeignKey("tasks.TaskType", verbose_name=_("type"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices, default=Priority.MEDIUM)
    assignees = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("assigned to"), blank=True,
                                       related_name="+")
    customer = models.ForeignKey("customers.Customer", verbose_name=_("customer"), null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="+")
    # What the task belongs to: the same work recurs for the same project and deal (J1, L4).
    project = models.ForeignKey("projects.Project", verbose_name=_("project"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    deal = models.ForeignKey("deals.Deal", verbose_name=_("deal"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    description = models.TextField(_("description"), blank=True, max_length=20_000)
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), null=True, blank=True)
    ended_at = models.DateTimeField(_("stopped at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recurring series")
        verbose_name_plural = _("recurring series")

    def __str__(self):
        return f"{self.title} ({self.rrule})"


class Occurrence(models.Model):
    """One task of a series, on its scheduled local date. The two unique constraints are what
    make "completing an occurrence creates the next one" happen once: an occurrence has at most
    one successor, and a series at most one task per date."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="occurrences")
    task = models.OneToOneField("tasks.Task", on_delete=models.CASCADE, related_name="+")
    starts_on = models.DateField(_("scheduled for"))
    previous = models.OneToOneField("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["series", "starts_on"], name="occurrence_one_per_date"),
        ]
