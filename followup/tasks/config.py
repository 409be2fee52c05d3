"""L5, L6: an organization's task statuses and types, written through these services by every
screen (Settings, the API, the Django admin), so their rules hold however a row is changed.

Statuses:

* Exactly one status is the default for new tasks, and it is active and in the open category;
  a partial unique index (``taskstatus_one_default``) backs the "at most one" half in the
  database.
* A status that tasks use keeps its category: a task's ``is_pending`` and its assignments'
  copies follow the category, and a category change would silently complete or reopen every
  one of them. An administrator makes a new status and moves the tasks instead
  (``followup.tasks.status_moves``).
* There is always an active status of the done category, or no task could be completed.

Both statuses and types can be retired (``is_active=False``): they are no longer offered, and
the tasks that have one keep it (``clean_task_values`` accepts a retired value a task already
has). Neither is ever deleted here: tasks point at them.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from followup.accounts.access import ensure_admin
from followup.accounts.models import User
from followup.core.exceptions import FieldErrors
from followup.core.fetch import visible_or_not_found
from followup.core.naming import clean_name, save_unique
from followup.core.ordering import move_in_order, next_position, offset_to
from followup.tasks.models import StatusCategory, Task, TaskStatus, TaskType

UNCHANGED = object()
NAME_MAX = TaskStatus._meta.get_field("name").max_length

#: The colours a status may have (its dot and tag); the names are the CSS classes' suffixes.
STATUS_COLOURS = [
    ("slate", gettext_lazy("Slate")), ("blue", gettext_lazy("Blue")), ("indigo", gettext_lazy("Indigo")),
    ("violet", gettext_lazy("Violet")), ("green", gettext_lazy("Green")), ("teal", gettext_lazy("Teal")),
    ("amber", gettext_lazy("Amber")), ("orange", gettext_lazy("Orange")), ("red", gettext_lazy("Red")),
    ("gray", gettext_lazy("Gray")),
]
#: The icons a task type may have.
TYPE_ICONS = [
    ("task", gettext_lazy("Task")), ("mail", gettext_lazy("E-mail")), ("phone", gettext_lazy("Phone")),
    ("offer", gettext_lazy("Offer")), ("project", gettext_lazy("Project")), ("meeting", gettext_lazy("Meeting")),
    ("video", gettext_lazy("Video call")), ("visit", gettext_lazy("Visit")), ("document", gettext_lazy("Document")),
]


def _tasks_with_status(status: TaskStatus) -> int:
    return Task.objects.filter(status_id=status.pk).count() if status.pk else 0


def _another_active_done(status: TaskStatus) -> bool:
    return TaskStatus.objects.filter(organization_id=status.organization_id, category=StatusCategory.DONE,
                                     is_active=True).exclude(pk=status.pk).exists()


def task_status_check(status: TaskStatus) -> None:
    """Refuse a status that would break one of the rules above, naming the field."""
    errors: dict[str, list[str]] = {}
    if status.is_default and not status.is_active:
        errors["is_active"] = [_("The default status for new tasks must be active.")]
    if status.is_default and status.category != StatusCategory.OPEN:
        errors["is_default"] = [_("The default status for new tasks must be in the open category.")]
    before = TaskStatus.objects.filter(pk=status.pk).first() if status.pk is not None else None
    if before is not None and before.is_default and not status.is_default:
        errors["is_default"] = [_("Make another status the default first: one status must be the default.")]
    if before is not None and before.category != status.category:
        used = _tasks_with_status(before)
        if used:
            errors["category"] = [ngettext(
                "%(n)s task has this status, so its category cannot change. Make a new status in the "
                "other category and move the task to it.",
                "%(n)s tasks have this status, so its category cannot change. Make a new status in the "
                "other category and move the tasks to it.", used) % {"n": used}]
    was_done = before is not None and before.is_active and before.category == StatusCategory.DONE
    still_done = status.is_active and status.category == StatusCategory.DONE
    if was_done and not still_done and not _another_active_done(status):
        errors.setdefault("category" if status.is_active else "is_active", []).append(
            _("This is the last active status of the done category: tasks could not be completed without it."))
    if errors:
        raise FieldErrors(errors)


def task_status_save(*, status: TaskStatus) -> TaskStatus:
    """Save a new or changed status; making it the default takes the mark from the old one."""
    task_status_check(status)
    with transaction.atomic():
        if status.is_default:
            # Lock the organization's statuses so two saves cannot both become the default.
            others = TaskStatus.objects.select_for_update().filter(organization_id=status.organization_id)
            list(others)
            others.filter(is_default=True).exclude(pk=status.pk).update(is_default=False)
        return save_unique(status, taken=_("There is a status of this name already."))


def _name(raw, errors: dict) -> str:
    return clean_name(raw, limit=NAME_MAX, empty=_("Give it a name."), errors=errors)


def _choice(raw, choices, field: str, message, errors: dict) -> str:
    value = raw if isinstance(raw, str) else ""
    if value not in {key for key, _label in choices}:
        errors[field] = [str(message)]
    return value


def _flag(raw, field: str, errors: dict) -> bool:
    if not isinstance(raw, bool):
        errors[field] = [_("Answer true or false.")]
        return False
    return raw


STATUS_READERS = {
    "name": _name,
    "category": lambda raw, errors: _choice(raw, StatusCategory.choices, "category",
                                            _("Choose one of the categories."), errors),
    "color": lambda raw, errors: _choice(raw, STATUS_COLOURS, "color", _("Choose one of the colours."), errors),
    "is_default": lambda raw, errors: _flag(raw, "is_default", errors),
    "is_active": lambda raw, errors: _flag(raw, "is_active", errors),
}


TYPE_READERS = {
    "name": _name,
    "icon": lambda raw, errors: _choice(raw, TYPE_ICONS, "icon", _("Choose one of the icons."), errors),
    "is_active": lambda raw, errors: _flag(raw, "is_active", errors),
}


def status_get(*, actor: User, status_id) -> TaskStatus:
    return visible_or_not_found(TaskStatus.objects.filter(organization_id=actor.organization_id), status_id,
                                _("Status not found."))


def task_status_add(*, actor: User, name: str, category: str, color: str = "slate",
                    is_default: bool = False) -> TaskStatus:
    """L6: a new status at the end of the list."""
    ensure_admin(actor)
    errors: dict[str, list[str]] = {}
    status = TaskStatus(
        organization_id=actor.organization_id, name=_name(name, errors),
        category=STATUS_READERS["category"](category, errors), color=STATUS_READERS["color"](color, errors),
        is_default=_flag(is_default, "is_default", errors),
        position=next_position(TaskStatus.objects.filter(organization_id=actor.organization_id)),
    )
    if errors:
        raise FieldErrors(errors)
    return task_status_save(status=status)


def _position(raw, errors: dict):
    if raw is UNCHANGED:
        return UNCHANGED
    if not isinstance(raw, int) or isinstance(raw, bool) or raw < 0:
        errors["position"] = [_("Give the place in the list as a number, 0 for the top.")]
        return UNCHANGED
    return raw


def _siblings(row):
    """The rows ``row`` is ordered among: its organization's statuses, or types."""
    return type(row).objects.filter(organization_id=row.organization_id)


def _update(row, given: dict, readers: dict, save):
    """Set each field in ``given`` through its reader in ``readers`` (which names what it cannot
    read), then save with ``save`` and move the row to ``given["position"]`` if there is one."""
    errors: dict[str, list[str]] = {}
    position = _position(given.pop("position", UNCHANGED), errors)
    for name, raw in given.items():
        setattr(row, name, readers[name](raw, errors))
    if errors:
        raise FieldErrors(errors)
    with transaction.atomic():
        save(row)
        if position is not UNCHANGED:
            move_in_order(_siblings(row), row.pk, offset_to(_siblings(row), row.pk, position))
    row.refresh_from_db()
    return row


def _given(**fields) -> dict:
    return {name: value for name, value in fields.items() if value is not UNCHANGED}


def _move(row, offset: int) -> bool:
    with transaction.atomic():
        return move_in_order(_siblings(row), row.pk, offset)


def task_status_update(*, actor: User, status_id: int, name=UNCHANGED, category=UNCHANGED, color=UNCHANGED,
                       is_default=UNCHANGED, is_active=UNCHANGED, position=UNCHANGED) -> TaskStatus:
    """L6: rename, recolour, retire or bring back a status, make it the default, move it to
    ``position`` in the list, or (while no task has it) change its category. What is not passed
    stays."""
    ensure_admin(actor)
    return _update(status_get(actor=actor, status_id=status_id),
                   _given(name=name, category=category, color=color, is_default=is_default, is_active=is_active,
                          position=position),
                   STATUS_READERS, lambda row: task_status_save(status=row))


def task_status_move(*, actor: User, status_id: int, offset: int) -> bool:
    """Move a status up (negative ``offset``) or down the list the forms and filters show."""
    ensure_admin(actor)
    return _move(status_get(actor=actor, status_id=status_id), offset)


def type_get(*, actor: User, type_id) -> TaskType:
    return visible_or_not_found(TaskType.objects.filter(organization_id=actor.organization_id), type_id,
                                _("Task type not found."))


def task_type_save(*, task_type: TaskType) -> TaskType:
    """Save a new or changed type (the Django admin's way in too); a second one of a name is a field error."""
    return save_unique(task_type, taken=_("There is a task type of this name already."))


def task_type_add(*, actor: User, name: str, icon: str = "task") -> TaskType:
    """L5: a new task type at the end of the list."""
    ensure_admin(actor)
    errors: dict[str, list[str]] = {}
    task_type = TaskType(
        organization_id=actor.organization_id, name=_name(name, errors),
        icon=TYPE_READERS["icon"](icon, errors),
        position=next_position(TaskType.objects.filter(organization_id=actor.organization_id)),
    )
    if errors:
        raise FieldErrors(errors)
    return task_type_save(task_type=task_type)


def task_type_update(*, actor: User, type_id: int, name=UNCHANGED, icon=UNCHANGED, is_active=UNCHANGED,
                     position=UNCHANGED) -> TaskType:
    """L5: rename a type, change its icon, retire it or bring it back (its tasks keep it), or
    move it to ``position`` in the list. What is not passed stays."""
    ensure_admin(actor)
    return _update(type_get(actor=actor, type_id=type_id),
                   _given(name=name, icon=icon, is_active=is_active, position=position),
                   TYPE_READERS, lambda row: task_type_save(task_type=row))


def task_type_move(*, actor: User, type_id: int, offset: int) -> bool:
    """Move a type up (negative ``offset``) or down the list the forms and filters show."""
    ensure_admin(actor)
    return _move(type_get(actor=actor, type_id=type_id), offset)
