"""Writes of task templates (L3) for Settings and the API: administrators only (L8), every
field checked and each problem named at once (C3), a line's problems as ``items.<n>.<field>``."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.automation.checks import clean_assignment, ensure_admin, of_organization, whole_number
from followup.automation.models import AssignTo
from followup.core.exceptions import FieldErrors
from followup.core.limits import too_long
from followup.tasks.models import Priority, TaskType
from followup.tasks.validation import DESCRIPTION_MAX
from followup.tasktemplates.access import template_for_admin
from followup.tasktemplates.models import TaskTemplate, TemplateItem

ITEM_FIELDS = ("title", "task_type_id", "priority", "delay_days", "description", "assign_to", "assign_user_id",
               "assign_department_id", "assign_team_id")
TEMPLATE_FIELDS = ("name", "skip_weekends", "items")
NAME_MAX = TaskTemplate._meta.get_field("name").max_length
TITLE_MAX = TemplateItem._meta.get_field("title").max_length
MAX_ITEMS = 30
MAX_DELAY = 365


def _clean_item(actor: User, raw: dict, kept_type_ids: set[int]) -> tuple[dict, dict]:
    errors: dict[str, list[str]] = {}
    unknown = set(raw) - set(ITEM_FIELDS)
    for name in sorted(unknown):
        errors[name] = [_("Unknown field.")]
    item = {"title": (raw.get("title") or "").strip(), "description": raw.get("description") or ""}
    if long := too_long(item["description"], DESCRIPTION_MAX):
        errors["description"] = long
    if not item["title"]:
        errors["title"] = [_("Give the task a title.")]
    elif len(item["title"]) > TITLE_MAX:
        errors["title"] = [_("Keep the title under %(n)s characters.") % {"n": TITLE_MAX}]
    try:
        item["priority"] = int(raw.get("priority") or Priority.MEDIUM)
    except (TypeError, ValueError):
        item["priority"] = None
    if item["priority"] not in Priority.values:
        errors["priority"] = [_("Choose Low, Medium, High or Urgent.")]
    item["delay_days"] = whole_number(raw, "delay_days", 0, MAX_DELAY, errors)
    item["task_type_id"] = _task_type(actor, raw.get("task_type_id"), kept_type_ids, errors)
    item.update(clean_assignment(actor, {"assign_to": AssignTo.CUSTOMER_OWNER, **raw}, errors))
    return item, errors


def _task_type(actor: User, value, kept_type_ids: set[int], errors: dict) -> int | None:
    """An active type of the organization, or a retired one the template has already (L6:
    retiring a type keeps what uses it intact, edits included)."""
    pk = of_organization(TaskType, actor, value, "task_type_id", _("Choose one of the organization's task types."),
                         errors)
    if pk is not None and pk not in kept_type_ids and not TaskType.objects.filter(pk=pk, is_active=True).exists():
        errors["task_type_id"] = [_("Choose one of the organization's task types.")]
        return None
    return pk


def _clean(actor: User, values: dict, kept_type_ids: frozenset[int] = frozenset()) -> dict:
    unknown = set(values) - set(TEMPLATE_FIELDS)
    errors: dict[str, list[str]] = {name: [_("Unknown field.")] for name in sorted(unknown)}
    clean = {"name": (values.get("name") or "").strip(), "skip_weekends": bool(values.get("skip_weekends"))}
    if not clean["name"]:
        errors["name"] = [_("Name the template.")]
    elif len(clean["name"]) > NAME_MAX:
        errors["name"] = [_("Keep the name under %(n)s characters.") % {"n": NAME_MAX}]
    raw_items = values.get("items") or []
    if not isinstance(raw_items, list | tuple) or not all(isinstance(i, dict) for i in raw_items):
        errors["items"] = [_("Send the tasks as a list.")]
        raw_items = []
    if not raw_items and "items" not in errors:
        errors["items"] = [_("Add at least one task.")]
    elif len(raw_items) > MAX_ITEMS:
        errors["items"] = [_("A template holds at most %(n)s tasks.") % {"n": MAX_ITEMS}]
    clean["items"] = []
    for n, raw in enumerate(raw_items[:MAX_ITEMS]):
        item, item_errors = _clean_item(actor, raw, kept_type_ids)
        clean["items"].append(item)
        errors.update({f"items.{n}.{name}": messages for name, messages in item_errors.items()})
    if errors:
        raise FieldErrors(errors)
    return clean


def _unique_name_problem() -> FieldErrors:
    return FieldErrors.single("name", _("Another template has this name."))


def _save(template: TaskTemplate, clean: dict) -> TaskTemplate:
    template.name, template.skip_weekends = clean["name"], clean["skip_weekends"]
    try:
        with transaction.atomic():
            template.save()
    except IntegrityError:
        raise _unique_name_problem() from None
    template.items.all().delete()
    TemplateItem.objects.bulk_create([TemplateItem(template=template, position=n, **item)
                                      for n, item in enumerate(clean["items"])])
    return template


def template_create(*, actor: User, **values) -> TaskTemplate:
    """L3: a new template of the actor's organization."""
    ensure_admin(actor)
    clean = _clean(actor, values)
    with transaction.atomic():
        return _save(TaskTemplate(organization_id=actor.organization_id, author=actor), clean)


def template_update(*, actor: User, template_id, **values) -> TaskTemplate:
    """Change any of ``TEMPLATE_FIELDS``; fields left out stay; ``items`` replaces every line
    (tasks already made from the template stay as they are)."""
    with transaction.atomic():
        template = template_for_admin(actor=actor, template_id=template_id)
        current = {"name": template.name, "skip_weekends": template.skip_weekends,
                   "items": [template_item_values(i) for i in template.items.all()]}
        kept = frozenset(i["task_type_id"] for i in current["items"] if i["task_type_id"])
        return _save(template, _clean(actor, {**current, **values}, kept))


def template_delete(*, actor: User, template_id) -> None:
    """The tasks it made stay; a sales process that applied it applies nothing instead."""
    template_for_admin(actor=actor, template_id=template_id).delete()


def template_item_values(item: TemplateItem) -> dict:
    return {f: getattr(item, f) for f in ITEM_FIELDS}
