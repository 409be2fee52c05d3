"""Deals: sales opportunities of a customer in a sales process (L4 builds on this), and the
record of each deal's stage and status changes that the customer's history shows (C4)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from followup.core.models import LinkTarget

STAGE_MAX = 80
# The currencies a deal's amount may be in (ISO 4217 codes), the most used in our markets first.
CURRENCIES = ["EUR", "PLN", "USD", "GBP", "CHF", "CZK", "DKK", "HUF", "NOK", "RON", "SEK", "UAH", "CAD", "AUD", "JPY"]
DEFAULT_CURRENCY = "EUR"


class SalesProcess(models.Model):
    """A pipeline of stages (``stages``, in order). Written through ``followup.deals.processes``."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="sales_processes")
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("sales process")
        verbose_name_plural = _("sales processes")
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="salesprocess_unique_name")]

    def __str__(self):
        return self.name


class SalesStage(models.Model):
    """One stage of a sales process. Deals (and, later, automation rules, D8) point at a stage
    by its id, so renaming a stage or moving it in the pipeline changes nothing for them; a
    stage that deals are at cannot be deleted (``PROTECT``) until they move on."""

    process = models.ForeignKey(SalesProcess, on_delete=models.CASCADE, related_name="stages")
    name = models.CharField(_("name"), max_length=STAGE_MAX)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["process", "name"], name="salesstage_unique_name")]

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
    stage = models.ForeignKey(SalesStage, verbose_name=_("stage"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="deals")
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
    def stage_name(self) -> str:
        return self.stage.name if self.stage_id else ""


class DealAction(models.TextChoices):
    CREATED = "created", _("created the deal")
    STAGE = "stage", _("moved the deal to another stage")
    WON = "won", _("marked the deal as won")
    LOST = "lost", _("marked the deal as lost")
    REOPENED = "reopened", _("reopened the deal")


class DealChange(models.Model):
    """Who moved a deal from which stage or status to which, and when (C4: the customer's history).
    ``old`` and ``new`` are stage names (as they were called then) for ``stage``, status values
    for the others."""

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
