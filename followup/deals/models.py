"""Deals: sales opportunities of a customer in a sales process (L4 builds on this), and the
record of each deal's stage and status changes that the customer's history shows (C4)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from followup.core.models import LinkTarget

STAGE_MAX = 80
# The currencies a deal's amount may be in (ISO 4217 codes), the most used in our markets first.
CURRENCIES = ["EUR", "PLN", "USD", "GBP", "CHF", "CZK", "DKK", "HUF", "NOK", "RON", "SEK", "UAH", "CAD", "AUD", "JPY"]
DEFAULT_CURRENCY = "EUR"


def validate_stages(value) -> None:
    """The stages of a process: a list of distinct, non-empty names that fit ``Deal.stage``."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValidationError(_("List the stages as names, like [\"Qualification\", \"Proposal\"]."))
    if any(len(v) > STAGE_MAX for v in value):
        raise ValidationError(_("A stage name can be at most %(n)s characters long.") % {"n": STAGE_MAX})
    if len(set(value)) != len(value):
        raise ValidationError(_("Name each stage once."))


class SalesProcess(models.Model):
    """A pipeline of stages; the stage names are an ordered list."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="sales_processes")
    name = models.CharField(_("name"), max_length=120)
    stages = models.JSONField(_("stages"), default=list, validators=[validate_stages])

    class Meta:
        verbose_name = _("sales process")
        verbose_name_plural = _("sales processes")
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="salesprocess_unique_name")]

    def __str__(self):
        return self.name


class DealStatus(models.TextChoices):
    OPEN = "open", _("Open")
    WON = "won", _("Won")
    LOST = "lost", _("Lost")


class Deal(LinkTarget):
    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="deals")
    customer = models.ForeignKey("customers.Customer", verbose_name=_("customer"), on_delete=models.CASCADE,
                                 related_name="deals")
    title = models.CharField(_("title"), max_length=200)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, default=0)
    currency = models.CharField(_("currency"), max_length=3, default=DEFAULT_CURRENCY,
                                help_text=_("The ISO 4217 code of the amount's currency, like EUR or PLN."))
    process = models.ForeignKey(SalesProcess, verbose_name=_("sales process"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="deals")
    stage = models.CharField(_("stage"), max_length=STAGE_MAX, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=DealStatus.choices, default=DealStatus.OPEN)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="owned_deals")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("deal")
        verbose_name_plural = _("deals")
        indexes = [models.Index(fields=["organization", "status", "-created_at"], name="deal_org_status")]

    def __str__(self):
        return self.title

    @property
    def stage_position(self) -> int:
        """Where the deal is in its pipeline (0 for the first stage), -1 off the pipeline."""
        stages = self.process.stages if self.process_id else []
        return stages.index(self.stage) if self.stage in stages else -1


class DealAction(models.TextChoices):
    CREATED = "created", _("created the deal")
    STAGE = "stage", _("moved the deal to another stage")
    WON = "won", _("marked the deal as won")
    LOST = "lost", _("marked the deal as lost")
    REOPENED = "reopened", _("reopened the deal")


class DealChange(models.Model):
    """Who moved a deal from which stage or status to which, and when (C4: the customer's history).
    ``old`` and ``new`` are stage names for ``stage``, status values for the others."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=16, choices=DealAction.choices)
    old = models.CharField(max_length=STAGE_MAX, blank=True)
    new = models.CharField(max_length=STAGE_MAX, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("deal change")
        verbose_name_plural = _("deal changes")
        indexes = [models.Index(fields=["deal", "-created_at", "-id"], name="dealchange_deal_time")]
