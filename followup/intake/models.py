"""Forms (D9): what an administrator builds, what visitors send, and the counters that keep a
client from flooding a form."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from followup.automation.models import Assignment
from followup.customers.models import Stage
from followup.tasks.models import Priority


class CustomerField(models.TextChoices):
    """The customer fields a form's field may fill."""

    NAME = "name", _("Name")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone")
    COMPANY = "company", _("Company")
    BIRTHDAY = "birthday", _("Birthday")
    NOTES = "notes", _("Notes")


class Form(Assignment):
    """D9: a public form at ``/f/<slug>``. ``fields`` is the ordered list of
    ``{"field": <CustomerField>, "label": str, "required": bool}``; a submission finds or makes a
    customer, may move a new one to ``stage`` (which fires the auto-flow rules), and, when
    ``make_task``, makes a task assigned by the inherited assignment rule (B2)."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("address"), max_length=60, unique=True)
    is_active = models.BooleanField(_("accepting submissions"), default=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True,
                               on_delete=models.SET_NULL, related_name="+")
    intro = models.TextField(_("introduction"), blank=True)
    fields = models.JSONField(_("fields"), default=list)
    thank_you = models.TextField(_("thank-you message"), blank=True)
    consent_text = models.TextField(_("consent checkbox"), blank=True,
                                    help_text=_("Leave empty for no consent checkbox."))
    stage = models.CharField(_("move new customers to"), max_length=16, choices=Stage.choices, blank=True)
    make_task = models.BooleanField(_("create a task"), default=False)
    task_title = models.CharField(_("task title"), max_length=200, blank=True, help_text=_("May use {customer}."))
    task_type = models.ForeignKey("tasks.TaskType", verbose_name=_("type"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices, default=Priority.MEDIUM)
    due_in_days = models.PositiveSmallIntegerField(_("due in days"), default=1)
    allowed_origins = models.TextField(_("websites that may embed it"), blank=True,
                                       help_text=_("One origin a line, such as https://www.example.com."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("form")
        verbose_name_plural = _("forms")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["organization", "name"], name="form_org_name")]

    def __str__(self):
        return self.name

    @property
    def origins(self) -> list[str]:
        return [line.strip().rstrip("/") for line in self.allowed_origins.splitlines() if line.strip()]


class Submission(models.Model):
    """What a visitor sent, and what it made: the customer's History shows it (C4)."""

    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="submissions")
    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    customer = models.ForeignKey("customers.Customer", on_delete=models.CASCADE, related_name="+")
    new_customer = models.BooleanField(default=False)
    data = models.JSONField(default=dict)
    consent = models.BooleanField(default=False)
    task = models.ForeignKey("tasks.Task", null=True, on_delete=models.SET_NULL, related_name="+")
    client = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["form", "-created_at", "-id"], name="submission_form_time"),
                   models.Index(fields=["customer", "-created_at"], name="submission_customer_time")]


class SubmissionCounter(models.Model):
    """How many submissions a client sent a form in one minute: the rate limit, shared by every
    web process because it is a row, not process memory."""

    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="+")
    client = models.CharField(max_length=64)
    minute = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["form", "client", "minute"], name="submissioncounter_once")]

    @property
    def answers(self) -> list[tuple[str, str]]:
        """(label, value) of what was sent, in the form's order, by the form's labels."""
        labels = {spec["field"]: spec.get("label") or spec["field"] for spec in self.form.fields}
        return [(labels.get(name) or str(CustomerField(name).label), value) for name, value in self.data.items()]
