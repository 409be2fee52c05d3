"""Who may reach a task template: administrators manage them (L8); everyone of the organization
applies them (L3). Another organization's template is a 404."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.automation.checks import ensure_admin
from followup.core.fetch import visible_or_not_found
from followup.tasktemplates.models import TaskTemplate


def templates_of(actor: User) -> QuerySet[TaskTemplate]:
    return TaskTemplate.objects.filter(organization_id=actor.organization_id)


def template_for_use(*, actor: User, template_id) -> TaskTemplate:
    """A template to apply, with its lines."""
    return visible_or_not_found(templates_of(actor).prefetch_related("items"), template_id,
                                _("Template not found."))


def template_for_admin(*, actor: User, template_id) -> TaskTemplate:
    """A template to change (administrators only)."""
    ensure_admin(actor)
    return template_for_use(actor=actor, template_id=template_id)
