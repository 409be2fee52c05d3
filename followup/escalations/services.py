"""Writes of escalation thresholds (A6) for Settings and the API: administrators only (L8)."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.automation.checks import ensure_admin, of_organization, setting_get, whole_number
from followup.core.exceptions import FieldErrors
from followup.escalations.models import EscalationRule
from followup.tasks.models import TaskType

MAX_HOURS = 24 * 365


def escalation_list(*, actor: User) -> list[EscalationRule]:
    """The organization's thresholds, shortest first. Queries: one."""
    ensure_admin(actor)
    return list(EscalationRule.objects.filter(organization_id=actor.organization_id).select_related("task_type")
                .order_by("overdue_hours", "task_type__name", "id"))


def escalation_create(*, actor: User, overdue_hours, task_type_id=None) -> EscalationRule:
    """A6: tasks (of one type, or of every type) overdue by ``overdue_hours`` are escalated."""
    ensure_admin(actor)
    errors: dict[str, list[str]] = {}
    hours = whole_number({"overdue_hours": overdue_hours}, "overdue_hours", 1, MAX_HOURS, errors)
    type_id = of_organization(TaskType, actor, task_type_id, "task_type_id",
                      _("Choose one of the organization's task types."), errors)
    if errors:
        raise FieldErrors(errors)
    try:
        with transaction.atomic():
            return EscalationRule.objects.create(organization_id=actor.organization_id, task_type_id=type_id,
                                                 overdue_hours=hours)
    except IntegrityError:
        raise FieldErrors.single("overdue_hours", _("This threshold exists already.")) from None


def escalation_get(*, actor: User, rule_id) -> EscalationRule:
    return setting_get(EscalationRule, actor=actor, pk=rule_id, not_found=_("Escalation not found."))


def escalation_set_active(*, actor: User, rule_id, is_active: bool) -> EscalationRule:
    """Pause or resume a threshold; a resumed one also tells of the tasks that passed it meanwhile."""
    rule = escalation_get(actor=actor, rule_id=rule_id)
    rule.is_active = bool(is_active)
    rule.save(update_fields=["is_active"])
    return rule


def escalation_delete(*, actor: User, rule_id) -> None:
    escalation_get(actor=actor, rule_id=rule_id).delete()
