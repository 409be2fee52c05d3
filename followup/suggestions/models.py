"""L2: the next task a task type proposes, and the proposals made to the people who completed one."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NextTask(models.Model):
    """L2: "after a task of type T is done, propose a task of type N, titled X, due in D days"
    (at most one per type; configured in Settings → Next tasks)."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    after_type = models.OneToOneField("tasks.TaskType", verbose_name=_("after a task of type"),
                                      on_delete=models.CASCADE, related_name="next_task")
    next_type = models.ForeignKey("tasks.TaskType", verbose_name=_("propose a task of type"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("title"), max_length=200, help_text=_("May use {customer} and {title}."))
    delay_days = models.PositiveSmallIntegerField(_("due in days"), default=1)

    class Meta:
        verbose_name = _("next task")
        verbose_name_plural = _("next tasks")

    def __str__(self):
        return self.title


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DISMISSED = "dismissed", _("Dismissed")


class Suggestion(models.Model):
    """L2: a proposed next task for the user who completed ``source_task``; accepting it makes
    ``created_task`` (once: the row is locked and remembers it)."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suggestions")
    source_task = models.ForeignKey("tasks.Task", on_delete=models.CASCADE, related_name="suggestions")
    customer = models.ForeignKey("customers.Customer", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="+")
    task_type = models.ForeignKey("tasks.TaskType", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    title = models.CharField(_("title"), max_length=200)
    due_date = models.DateField(_("due date"))
    status = models.CharField(max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.PENDING)
    created_task = models.ForeignKey("tasks.Task", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # One proposal per completed task and person: completing it again after a reopening
            # does not ask twice.
            models.UniqueConstraint(fields=["source_task", "user"], name="suggestion_once_per_task"),
        ]
        indexes = [models.Index(fields=["user", "-created_at"], name="suggestion_user_pending",
                                condition=models.Q(status="pending"))]

    def __str__(self):
        return self.title
