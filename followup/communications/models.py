"""A5: the outcome of a call or e-mail made while processing a task, logged as a communication
entry of the task's customer (shown on the task page and the customer's History, C4)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    REACHED = "reached", _("Reached")
    NO_ANSWER = "no_answer", _("No answer")
    LEFT_MESSAGE = "left_message", _("Left a message")
    EMAILED = "emailed", _("E-mailed")


class Communication(models.Model):
    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    customer = models.ForeignKey("customers.Customer", on_delete=models.CASCADE, related_name="communications")
    task = models.ForeignKey("tasks.Task", on_delete=models.CASCADE, related_name="communications")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    note = models.TextField(_("note"), blank=True, max_length=10_000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("communication")
        verbose_name_plural = _("communications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["customer", "-created_at"], name="communication_customer_time")]

    def __str__(self):
        return self.get_outcome_display()

    @property
    def is_call(self) -> bool:
        return self.outcome != Outcome.EMAILED
