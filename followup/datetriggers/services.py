"""Writes of date triggers (A1) for the Settings pages and the API: administrators only (L8),
each problem named per field (C3). The firing itself is in ``firing``."""

import string

from django.db import transaction
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.automation.checks import clean_assignment, ensure_admin, of_organization, setting_get, whole_number
from followup.core.exceptions import FieldErrors
from followup.datetriggers.firing import org_today
from followup.datetriggers.models import DateTrigger, WatchedDate
from followup.tasks.models import Priority, TaskType

TRIGGER_FIELDS = (
    "name", "is_active", "field", "days_before", "title", "task_type_id", "priority", "description",
    "assign_to", "assign_user_id", "assign_department_id", "assign_team_id",
)
PLACEHOLDERS = {"customer", "owner"}
NAME_MAX = DateTrigger._meta.get_field("name").max_length
TITLE_MAX = DateTrigger._meta.get_field("title").max_length
DESCRIPTION_MAX = DateTrigger._meta.get_field("description").max_length


def trigger_get(*, actor: User, trigger_id) -> DateTrigger:
    return setting_get(DateTrigger, actor=actor, pk=trigger_id, not_found=_("Date trigger not found."))


def describe_trigger(trigger_id: int) -> str | None:
    """The task page's "Created by ..." line (``followup.tasks.origins``)."""
    name = DateTrigger.objects.filter(pk=trigger_id).values_list("name", flat=True).first()
    return _("Created by the date trigger “%(name)s”") % {"name": name} if name is not None else None


def _title_problem(title: str) -> str | None:
    try:
        used = {name for _text, name, _spec, _conv in string.Formatter().parse(title) if name is not None}
    except ValueError:
        return _("Close every { with a }.")
    unknown = used - PLACEHOLDERS
    if unknown:
        return _("Unknown placeholder {%(name)s}: use {customer} or {owner}.") % {"name": sorted(unknown)[0]}
    return None


def _text(values: dict, field: str, limit: int, empty: str | None, errors: dict) -> str:
    text = (values.get(field) or "").strip()
    if empty and not text:
        errors[field] = [empty]
    elif len(text) > limit:
        errors[field] = [_("Keep it under %(n)s characters.") % {"n": limit}]
    return text


def _clean(actor: User, values: dict) -> dict:
    errors: dict[str, list[str]] = {}
    clean = {
        "name": _text(values, "name", NAME_MAX, _("Name the trigger."), errors),
        "title": _text(values, "title", TITLE_MAX, _("Give the task a title."), errors),
        "description": _text(values, "description", DESCRIPTION_MAX, None, errors),
        "is_active": bool(values.get("is_active", True)),
        "field": values.get("field") or WatchedDate.BIRTHDAY,
        "days_before": whole_number(values, "days_before", 0, 365, errors),
    }
    if "title" not in errors and (problem := _title_problem(clean["title"])):
        errors["title"] = [problem]
    if clean["field"] not in WatchedDate.values:
        errors["field"] = [_("Choose the birthday or the contract end date.")]
    try:
        clean["priority"] = int(values.get("priority") or Priority.MEDIUM)
    except (TypeError, ValueError):
        clean["priority"] = None
    if clean["priority"] not in Priority.values:
        errors["priority"] = [_("Choose Low, Medium, High or Urgent.")]
    clean["task_type_id"] = of_organization(TaskType, actor, values.get("task_type_id"), "task_type_id",
                                    _("Choose one of the organization's task types."), errors)
    clean.update(clean_assignment(actor, values, errors))
    if errors:
        raise FieldErrors(errors)
    return clean


def trigger_save(*, actor: User, trigger_id=None, **values) -> DateTrigger:
    """Make a trigger (no ``trigger_id``) or change one (fields left out stay as they are).
    A1: a new trigger acts on every date whose trigger day is today or later; those already
    passed wait in its preview."""
    ensure_admin(actor)
    if unknown := sorted(set(values) - set(TRIGGER_FIELDS)):
        raise FieldErrors({name: [_("Unknown field.")] for name in unknown})
    with transaction.atomic():
        trigger = DateTrigger(organization_id=actor.organization_id, author=actor) if trigger_id is None \
            else trigger_get(actor=actor, trigger_id=trigger_id)
        current = {f: getattr(trigger, f) for f in TRIGGER_FIELDS}
        for field, value in _clean(actor, {**current, **values}).items():
            setattr(trigger, field, value)
        if trigger.pk and trigger.is_active and not current["is_active"]:
            trigger.checked_through = org_today(trigger)  # resumed: the paused days go to the preview
        trigger.save()
    return trigger


def trigger_delete(*, actor: User, trigger_id) -> None:
    """The tasks it made stay; their page then no longer names the trigger."""
    trigger_get(actor=actor, trigger_id=trigger_id).delete()
