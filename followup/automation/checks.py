"""The checks that every administrator's automation setting shares (L8, B2, C3): who may
manage it, a whole number in bounds, a row of the actor's organization, and an assignment
rule, and the administrator's fetch of one setting. Public, so that the forms (D9,
``followup.intake``), the rules, the date triggers and the escalations check alike."""

from django.utils.translation import gettext as _

from followup.accounts.models import Department, Role, Team, User
from followup.automation.models import DEPARTMENT_KINDS, TEAM_KINDS, AssignTo
from followup.core.exceptions import NotAllowed
from followup.core.fetch import visible_or_not_found


def ensure_admin(actor: User) -> None:
    """L8: settings, rules, templates and forms are for administrators."""
    if actor.role != Role.ADMIN:
        raise NotAllowed(_("Only administrators manage automation."))


def setting_get(model, *, actor: User, pk, not_found: str):
    """One of the organization's automation settings (a rule, trigger, escalation or form) for
    an administrator: 403 for anyone else, 404 for another organization's or a missing one."""
    ensure_admin(actor)
    return visible_or_not_found(model.objects.filter(organization_id=actor.organization_id), pk, not_found)


def of_organization(model, actor: User, value, field: str, message: str, errors: dict, **extra):
    """The id of ``model``'s row ``value`` in the actor's organization, or ``None`` (empty, or
    wrong: then ``errors[field]`` says ``message``)."""
    if value in (None, ""):
        return None
    try:
        return model.objects.get(pk=int(value), organization_id=actor.organization_id, **extra).pk
    except (model.DoesNotExist, TypeError, ValueError, OverflowError):
        errors[field] = [message]
        return None


def whole_number(values: dict, field: str, low: int, high: int, errors: dict) -> int:
    """``values[field]`` as a whole number from ``low`` to ``high`` (blank is 0)."""
    try:
        number = int(values.get(field) or 0)
    except (TypeError, ValueError):
        number = -1
    if not low <= number <= high:
        errors[field] = [_("Enter a whole number from %(low)s to %(high)s.") % {"low": low, "high": high}]
    return number


def clean_assignment(actor: User, values: dict, errors: dict) -> dict:
    """B2: the "assign to" of ``values``, with the person, department or team it needs, as the
    ``Assignment`` fields (only the one the kind uses is kept); problems go to ``errors`` by field."""
    kind = values.get("assign_to") or AssignTo.CUSTOMER_OWNER
    if kind not in AssignTo.values:
        errors["assign_to"] = [_("Choose how the tasks are assigned.")]
    user_id = of_organization(User, actor, values.get("assign_user_id"), "assign_user_id",
                              _("Choose an active person of your organization."), errors, is_active=True)
    department_id = of_organization(Department, actor, values.get("assign_department_id"), "assign_department_id",
                                    _("Choose one of the organization's departments."), errors)
    team_id = of_organization(Team, actor, values.get("assign_team_id"), "assign_team_id",
                              _("Choose one of the organization's teams."), errors)
    if kind == AssignTo.FIXED and user_id is None and "assign_user_id" not in errors:
        errors["assign_user_id"] = [_("Choose who gets the tasks.")]
    if kind in DEPARTMENT_KINDS and department_id is None and "assign_department_id" not in errors:
        errors["assign_department_id"] = [_("Choose the department whose members take turns.")]
    if kind in TEAM_KINDS and team_id is None and "assign_team_id" not in errors:
        errors["assign_team_id"] = [_("Choose the team whose members take turns.")]
    return {"assign_to": kind, "assign_user_id": user_id if kind == AssignTo.FIXED else None,
            "assign_department_id": department_id if kind in DEPARTMENT_KINDS else None,
            "assign_team_id": team_id if kind in TEAM_KINDS else None}
