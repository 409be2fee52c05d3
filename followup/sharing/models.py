"""L7: what one person shares of their tasks and calendar with another; B1: their feed URLs.

A ``Grant`` with no task type is the level for every type; one with a type overrides it for
that type (seed 004: projects full, leave read-only, the rest not shared). Per-type rows may
say "none" to carve a type out of an all-types grant; an all-types "none" is no row at all.
Written only by ``followup.sharing.services``; read by ``followup.tasks.access``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    """Ordered: each level includes the ones below it."""

    NONE = 0, _("None")
    BUSY = 1, _("Free/busy")
    READ = 2, _("Read-only")
    FULL = 3, _("Full access")


class Grant(models.Model):
    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    grantor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shares_given")
    grantee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shares_received")
    task_type = models.ForeignKey("tasks.TaskType", verbose_name=_("task type"), null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField(_("access"), choices=Level.choices, default=Level.NONE)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sharing grant")
        verbose_name_plural = _("sharing grants")
        constraints = [
            models.UniqueConstraint(fields=["grantor", "grantee"], condition=models.Q(task_type__isnull=True),
                                    name="grant_one_for_all_types"),
            models.UniqueConstraint(fields=["grantor", "grantee", "task_type"], name="grant_one_per_type"),
            models.CheckConstraint(condition=~models.Q(grantor=models.F("grantee")), name="grant_not_to_self"),
        ]
        indexes = [models.Index(fields=["grantee", "grantor"], name="grant_by_grantee")]


class CalendarFeed(models.Model):
    """B1: a person's secret feed URL. Only a hash of the token is stored (like API tokens): the
    URL is shown once, when made; regenerating replaces the token, revoking removes the row."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token_hash = models.CharField(max_length=64, unique=True)
    include_details = models.BooleanField(
        _("include customer names and descriptions"), default=False,
        help_text=_("The feed goes to a third-party calendar: leave them out unless you need them there."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
