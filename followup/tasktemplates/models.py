"""Task templates (L3): a named set of task lines, and which template a sales process applies
when a deal is won or lost (L4)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from followup.automation.models import Assignment
from followup.tasks.models import Priority


class TaskTemplate(models.Model):
    """L3: applied in one step, it makes one task per line, due ``delay_days`` after that day."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=120)
    skip_weekends = models.BooleanField(_("skip weekends"), default=False,
                                        help_text=_("Count only working days in the delays."))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True,
                               on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("task template")
        verbose_name_plural = _("task templates")
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="tasktemplate_unique_name")]

    def __str__(self):
        return self.name


class TemplateItem(Assignment):
    """One task of a template: what it is, who gets it (B2) and how many days after applying it is due."""

    template = models.ForeignKey(TaskTemplate, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("task title"), max_length=200)
    task_type = models.ForeignKey("tasks.TaskType", verbose_name=_("type"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices, default=Priority.MEDIUM)
    delay_days = models.PositiveSmallIntegerField(_("due after days"), default=0)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("template task")
        verbose_name_plural = _("template tasks")
        ordering = ["position", "id"]

    def __str__(self):
        return self.title


class PostSale(models.Model):
    """L4: the templates a sales process applies to a deal when it is won and when it is lost."""

    process = models.OneToOneField("deals.SalesProcess", on_delete=models.CASCADE, related_name="post_sale")
    won_template = models.ForeignKey(TaskTemplate, verbose_name=_("when a deal is won"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    lost_template = models.ForeignKey(TaskTemplate, verbose_name=_("when a deal is lost"), null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("post-sale templates")
        verbose_name_plural = _("post-sale templates")
