"""Projects (J1): a named collection of tasks with an owner and members."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from followup.core.models import LinkTarget


class ProjectStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELED = "canceled", _("Canceled")


class Project(LinkTarget):
    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="projects")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=20_000)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), null=True,
                              on_delete=models.SET_NULL, related_name="owned_projects")
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("members"), blank=True,
                                     related_name="projects")
    subscribers = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("subscribers"), blank=True,
                                         related_name="subscribed_projects")
    status = models.CharField(_("status"), max_length=16, choices=ProjectStatus.choices, default=ProjectStatus.OPEN)
    memo = models.ForeignKey("memos.Memo", verbose_name=_("memo"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="projects")
    # Optimistic concurrency (followup.core.concurrency); a database default, so adding the
    # column does not rewrite the table on PostgreSQL.
    version = models.PositiveIntegerField(default=1, db_default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        indexes = [models.Index(fields=["organization", "status", "-updated_at"], name="project_org_status")]

    def __str__(self):
        return self.name
