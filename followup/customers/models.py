"""Customers: people and companies the team owes work to."""

from django.conf import settings
from django.db import models
from django.db.models import F
from django.db.models.functions import ExtractDay, ExtractMonth
from django.utils.translation import gettext_lazy as _

from followup.core.models import LinkTarget


class CustomerKind(models.TextChoices):
    PERSON = "person", _("Person")
    COMPANY = "company", _("Company")


class Stage(models.TextChoices):
    """The customer's lifecycle stage; automation rules (D8) react when it changes."""

    LEAD = "lead", _("Lead")
    PROSPECT = "prospect", _("Prospect")
    CUSTOMER = "customer", _("Customer")
    CHURNED = "churned", _("Churned")


class Customer(LinkTarget):
    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="customers")
    kind = models.CharField(_("kind"), max_length=10, choices=CustomerKind.choices, default=CustomerKind.PERSON)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="owned_customers",
    )
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.LEAD)
    company = models.ForeignKey(
        "self", verbose_name=_("company"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="contacts", limit_choices_to={"kind": CustomerKind.COMPANY},
    )
    birthday = models.DateField(_("birthday"), null=True, blank=True)
    contract_end_date = models.DateField(_("contract end date"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=20_000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        indexes = [
            models.Index(fields=["organization", "name", "id"], name="customer_org_name"),
            # A1: a date trigger's run finds the day's birthdays (any year) and contract ends by index.
            models.Index(F("organization"), ExtractMonth("birthday"), ExtractDay("birthday"),
                         name="customer_birthday_md", condition=models.Q(birthday__isnull=False)),
            models.Index(fields=["organization", "contract_end_date"], name="customer_contract_end",
                         condition=models.Q(contract_end_date__isnull=False)),
        ]

    def __str__(self):
        return self.name


class StageChange(models.Model):
    """Who moved a customer from which lifecycle stage to which, and when: the customer's
    history shows it (C4), and automation on stage changes (D8) starts from it."""

    # Served by stagechange_customer_time, which starts with it (one index write less a row).
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="stage_changes", db_index=False)
    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    old = models.CharField(_("old stage"), max_length=16, choices=Stage.choices)
    new = models.CharField(_("new stage"), max_length=16, choices=Stage.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    # The changes made together (one edit, or one bulk move): what ``events.stage_entered``
    # announces, so that automation finds a bulk move's customers with one indexed query.
    batch_key = models.CharField(max_length=32, blank=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        indexes = [models.Index(fields=["customer", "-created_at"], name="stagechange_customer_time")]

    def __str__(self):
        return f"{self.customer_id}: {self.old} → {self.new}"
