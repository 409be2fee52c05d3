"""Writes of auto-flow rules (D8) for the Settings pages and the API: administrators only (L8),
every field checked and each problem named at once (C3)."""

import string

from django.db import transaction
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.automation.checks import clean_assignment, ensure_admin, of_organization, setting_get, whole_number
from followup.automation.models import StageRule
from followup.core.exceptions import FieldErrors
from followup.customers.models import CustomerKind, Stage
from followup.deals.models import SalesStage
from followup.tasks.models import Priority, TaskType

RULE_FIELDS = (
    "name", "is_active", "stage", "deal_stage_id", "only_owner_id", "only_kind", "title", "task_type_id", "priority",
    "due_in_days", "due_in_hours", "skip_weekends", "description", "assign_to", "assign_user_id",
    "assign_department_id", "assign_team_id",
)
PLACEHOLDERS = {"customer", "stage", "owner"}
NAME_MAX = StageRule._meta.get_field("name").max_length
TITLE_MAX = StageRule._meta.get_field("title").max_length


def rule_get(*, actor: User, rule_id) -> StageRule:
    return setting_get(StageRule, actor=actor, pk=rule_id, not_found=_("Rule not found."))


def _placeholders_problem(title: str) -> str | None:
    try:
        used = {name for _text, name, _spec, _conv in string.Formatter().parse(title) if name is not None}
    except ValueError:
        return _("Close every { with a }.")
    unknown = used - PLACEHOLDERS
    if unknown:
        return _("Unknown placeholder {%(name)s}: use {customer}, {stage} or {owner}.") % {"name": sorted(unknown)[0]}
    return None


def _clean(actor: User, values: dict) -> dict:
    errors: dict[str, list[str]] = {}
    clean = {"name": (values.get("name") or "").strip(), "title": (values.get("title") or "").strip(),
             "description": values.get("description") or "", "is_active": bool(values.get("is_active", True)),
             "skip_weekends": bool(values.get("skip_weekends"))}
    if not clean["name"]:
        errors["name"] = [_("Name the rule.")]
    elif len(clean["name"]) > NAME_MAX:
        errors["name"] = [_("Keep the name under %(n)s characters.") % {"n": NAME_MAX}]
    if not clean["title"]:
        errors["title"] = [_("Give the task a title.")]
    elif len(clean["title"]) > TITLE_MAX:
        errors["title"] = [_("Keep the title under %(n)s characters.") % {"n": TITLE_MAX}]
    elif problem := _placeholders_problem(clean["title"]):
        errors["title"] = [problem]
    clean.update(_clean_stage(actor, values, errors))
    clean["only_kind"] = values.get("only_kind") or ""
    if clean["only_kind"] not in ("", *CustomerKind.values):
        errors["only_kind"] = [_("Choose person or company.")]
    try:
        clean["priority"] = int(values.get("priority") or Priority.MEDIUM)
    except (TypeError, ValueError):
        clean["priority"] = None
    if clean["priority"] not in Priority.values:
        errors["priority"] = [_("Choose Low, Medium, High or Urgent.")]
    clean["due_in_days"] = whole_number(values, "due_in_days", 0, 365, errors)
    clean["due_in_hours"] = whole_number(values, "due_in_hours", 0, 24 * 30, errors)
    clean["task_type_id"] = of_organization(TaskType, actor, values.get("task_type_id"), "task_type_id",
                                    _("Choose one of the organization's task types."), errors)
    person = _("Choose a person of your organization.")
    clean["only_owner_id"] = of_organization(User, actor, values.get("only_owner_id"), "only_owner_id", person, errors)
    clean.update(clean_assignment(actor, values, errors))
    if errors:
        raise FieldErrors(errors)
    return clean


def _clean_stage(actor: User, values: dict, errors: dict) -> dict:
    """D8: a customer's lifecycle stage or a stage of one of the organization's sales
    processes (by id), exactly one of them."""
    stage, deal_stage = values.get("stage") or "", values.get("deal_stage_id")
    if stage and deal_stage not in (None, ""):
        errors["stage"] = [_("Choose a customer stage or a deal stage, not both.")]
    elif stage and stage not in Stage.values:
        errors["stage"] = [_("Choose one of the stages.")]
    elif not stage and deal_stage in (None, ""):
        errors["stage"] = [_("Choose the stage whose entry fires the rule.")]
    deal_stage_id = None
    if deal_stage not in (None, "") and "stage" not in errors:
        try:
            deal_stage_id = SalesStage.objects.get(pk=int(deal_stage),
                                                   process__organization_id=actor.organization_id).pk
        except (SalesStage.DoesNotExist, TypeError, ValueError, OverflowError):
            errors["deal_stage_id"] = [_("Choose a stage of one of the organization's sales processes.")]
    return {"stage": stage, "deal_stage_id": deal_stage_id}


def rule_create(*, actor: User, **values) -> StageRule:
    """D8: a new rule acts on customers who enter its stage from now on."""
    ensure_admin(actor)
    _refuse_unknown(values)
    return StageRule.objects.create(organization_id=actor.organization_id, author=actor, **_clean(actor, values))


def rule_update(*, actor: User, rule_id, **values) -> StageRule:
    """Change any of ``RULE_FIELDS``; fields left out stay as they are."""
    _refuse_unknown(values)
    with transaction.atomic():
        rule = rule_get(actor=actor, rule_id=rule_id)
        current = {f: getattr(rule, f) for f in RULE_FIELDS}
        for field, value in _clean(actor, {**current, **values}).items():
            setattr(rule, field, value)
        rule.save()
    return rule


def rule_delete(*, actor: User, rule_id) -> None:
    """The tasks it made stay; their page then no longer names the rule."""
    rule_get(actor=actor, rule_id=rule_id).delete()


def _refuse_unknown(values: dict) -> None:
    unknown = set(values) - set(RULE_FIELDS)
    if unknown:
        raise FieldErrors({name: [_("Unknown field.")] for name in sorted(unknown)})
