"""A6, escalations: "a task overdue by this long is told to its assignees' supervisors", per
organization or per task type, and one record per (task, threshold) so each is told once."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EscalationRule(models.Model):
    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    task_type = models.ForeignKey("tasks.TaskType", verbose_name=_("task type"), null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="+",
                                  help_text=_("Empty: tasks of every type."))
    overdue_hours = models.PositiveIntegerField(_("overdue by (hours)"))
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        ordering = ["overdue_hours", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "task_type", "overdue_hours"], name="escalation_unique"),
            models.UniqueConstraint(fields=["organization", "overdue_hours"], condition=models.Q(task_type=None),
                                    name="escalation_unique_all_types"),
        ]


class Escalated(models.Model):
    """A task that passed a threshold and whose supervisors were told (once)."""

    rule = models.ForeignKey(EscalationRule, on_delete=models.CASCADE, related_name="escalated")
    task = models.ForeignKey("tasks.Task", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["rule", "task"], name="escalated_once")]
        indexes = [models.Index(fields=["rule", "created_at"], name="escalated_rule_time")]
