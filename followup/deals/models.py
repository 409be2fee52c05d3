"""Deals: sales opportunities of a customer in a sales process (L4 builds on this)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SalesProcess(models.Model):
    """A pipeline of stages; the stage names are an ordered list."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="sales_processes")
    name = models.CharField(_("name"), max_length=120)
    stages = models.JSONField(_("stages"), default=list)

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


class Deal(models.Model):
    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="deals")
    customer = models.ForeignKey("customers.Customer", verbose_name=_("customer"), on_delete=models.CASCADE,
                                 related_name="deals")
    title = models.CharField(_("title"), max_length=200)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, default=0)
    process = models.ForeignKey(SalesProcess, verbose_name=_("sales process"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="deals")
    stage = models.CharField(_("stage"), max_length=80, blank=True)
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
