"""Automation's rows: who gets automatic tasks (B2), auto-flow rules (D8), their runs, and the
queue of announcements waiting to be acted on."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from followup.customers.models import CustomerKind, Stage
from followup.tasks.models import Priority


class AssignTo(models.TextChoices):
    """B2: who an automatic task goes to."""

    FIXED = "fixed", _("A fixed person")
    CUSTOMER_OWNER = "customer_owner", _("The customer's owner")
    ROUND_ROBIN = "round_robin", _("Round-robin over a department")
    LEAST_LOADED = "least_loaded", _("The least loaded member of a department")
    TEAM_ROUND_ROBIN = "team_round_robin", _("Round-robin over a team")
    TEAM_LEAST_LOADED = "team_least_loaded", _("The least loaded member of a team")
    UNASSIGNED = "unassigned", _("Nobody (the Unassigned list)")


# B2: the kinds that share work among a pool of people, by the pool they need.
DEPARTMENT_KINDS = frozenset({AssignTo.ROUND_ROBIN, AssignTo.LEAST_LOADED})
TEAM_KINDS = frozenset({AssignTo.TEAM_ROUND_ROBIN, AssignTo.TEAM_LEAST_LOADED})
LEAST_LOADED_KINDS = frozenset({AssignTo.LEAST_LOADED, AssignTo.TEAM_LEAST_LOADED})


class Assignment(models.Model):
    """The assignment rule of whatever makes tasks automatically (a rule, a template's item, a form,
    a date trigger): ``assign_user`` for a fixed person, ``assign_department`` or ``assign_team``
    for the pooled kinds."""

    assign_to = models.CharField(_("assign to"), max_length=24, choices=AssignTo.choices,
                                 default=AssignTo.CUSTOMER_OWNER)
    assign_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    assign_department = models.ForeignKey("accounts.Department", verbose_name=_("department"), null=True,
                                          blank=True, on_delete=models.SET_NULL, related_name="+")
    assign_team = models.ForeignKey("accounts.Team", verbose_name=_("team"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        abstract = True


class AssignmentCursor(models.Model):
    """B2: where round-robin over a pool of people stands (the last person given a task), kept
    in the database so that it is fair across processes and restarts."""

    pool = models.CharField(max_length=64, unique=True)  # "department:7", "team:3"
    last_user_id = models.PositiveBigIntegerField(null=True)


class StageRule(Assignment):
    """D8: "when a customer enters lifecycle stage S, or a deal enters stage S of its sales
    process (optionally: owned by X, a person/company), create task T". A rule has ``stage``
    (a customer rule) or ``deal_stage`` (a deal rule, by the stage's id, so that renaming the
    stage keeps the rule), never both; for a deal rule "owner" is the deal's owner."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=120)
    is_active = models.BooleanField(_("active"), default=True, help_text=_("A paused rule makes no tasks."))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True,
                               on_delete=models.SET_NULL, related_name="+")
    stage = models.CharField(_("when a customer enters"), max_length=16, choices=Stage.choices, blank=True)
    deal_stage = models.ForeignKey("deals.SalesStage", verbose_name=_("when a deal enters"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   help_text=_("A deleted stage leaves the rule idle."))
    only_owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("only customers owned by"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    only_kind = models.CharField(_("only customers who are"), max_length=10, choices=CustomerKind.choices,
                                 blank=True)
    title = models.CharField(_("task title"), max_length=200,
                             help_text=_("May use {customer}, {stage} and {owner}."))
    task_type = models.ForeignKey("tasks.TaskType", verbose_name=_("type"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices, default=Priority.MEDIUM)
    due_in_days = models.PositiveSmallIntegerField(_("due in days"), default=0)
    due_in_hours = models.PositiveSmallIntegerField(_("due in hours"), default=0)
    skip_weekends = models.BooleanField(_("skip weekends"), default=False)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("auto-flow rule")
        verbose_name_plural = _("auto-flow rules")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["organization", "stage"], name="stagerule_org_stage",
                                condition=models.Q(is_active=True)),
                   models.Index(fields=["deal_stage"], name="stagerule_deal_stage",
                                condition=models.Q(is_active=True, deal_stage__isnull=False))]

    def __str__(self):
        return self.name

    @property
    def is_deal_rule(self) -> bool:
        return not self.stage

    @property
    def stage_label(self) -> str:
        """What the rule's stage is called now (a deal stage by its current name)."""
        if self.stage:
            return str(Stage(self.stage).label)
        return self.deal_stage.name if self.deal_stage_id else _("a removed stage")


class RuleRun(models.Model):
    """A rule's run log: when it ran, why, what it made and what failed."""

    class Trigger(models.TextChoices):
        STAGE = "stage", _("Customers entered the stage")
        MANUAL = "manual", _("Run by hand for the customers already in the stage")
        DEAL_STAGE = "deal", _("Deals entered the stage")

    rule = models.ForeignKey(StageRule, on_delete=models.CASCADE, related_name="runs")
    trigger = models.CharField(max_length=8, choices=Trigger.choices)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True)
    made = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["rule", "-started_at"], name="rulerun_rule_time")]


class PendingEvent(models.Model):
    """An announcement recorded in the transaction that made it, waiting for a worker: a worker
    that dies mid-way leaves it pending (its work rolled back), so it is acted on exactly once."""

    organization_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=24)
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField()
    not_before = models.DateTimeField()  # retries back off
    processed_at = models.DateTimeField(null=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["not_before"], name="pendingevent_waiting",
                                condition=models.Q(processed_at__isnull=True))]
