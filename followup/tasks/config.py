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

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from followup.accounts.access import ensure_admin
from followup.accounts.models import User
from followup.core.exceptions import FieldErrors
from followup.core.fetch import visible_or_not_found
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
    try:
        with transaction.atomic():
            if status.is_default:
                # Lock the organization's statuses so two saves cannot both become the default.
                others = TaskStatus.objects.select_for_update().filter(organization_id=status.organization_id)
                list(others)
                others.filter(is_default=True).exclude(pk=status.pk).update(is_default=False)
            status.save()
    except IntegrityError:
        raise FieldErrors.single("name", _("There is a status of this name already.")) from None
    return status


def _name(raw, errors: dict) -> str:
    name = " ".join((raw or "").split())
    if not name:
        errors["name"] = [_("Give it a name.")]
    elif len(name) > NAME_MAX:
        errors["name"] = [_("Keep the name under %(n)s characters.") % {"n": NAME_MAX}]
    return name


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
        category=_choice(category, StatusCategory.choices, "category", _("Choose one of the categories."), errors),
        color=_choice(color, STATUS_COLOURS, "color", _("Choose one of the colours."), errors),
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


def _place(queryset, row, position) -> None:
    """Move ``row`` to ``position`` (0 is the top) of ``queryset``'s list, if one was given."""
    if position is not UNCHANGED:
        move_in_order(queryset, row.pk, offset_to(queryset, row.pk, position))


def task_status_update(*, actor: User, status_id: int, name=UNCHANGED, category=UNCHANGED, color=UNCHANGED,
                       is_default=UNCHANGED, is_active=UNCHANGED, position=UNCHANGED) -> TaskStatus:
    """L6: rename, recolour, retire or bring back a status, make it the default, move it to
    ``position`` in the list, or (while no task has it) change its category. What is not passed
    stays."""
    ensure_admin(actor)
    status = status_get(actor=actor, status_id=status_id)
    errors: dict[str, list[str]] = {}
    position = _position(position, errors)
    if name is not UNCHANGED:
        status.name = _name(name, errors)
    if category is not UNCHANGED:
        status.category = _choice(category, StatusCategory.choices, "category",
                                  _("Choose one of the categories."), errors)
    if color is not UNCHANGED:
        status.color = _choice(color, STATUS_COLOURS, "color", _("Choose one of the colours."), errors)
    if is_default is not UNCHANGED:
        status.is_default = _flag(is_default, "is_default", errors)
    if is_active is not UNCHANGED:
        status.is_active = _flag(is_active, "is_active", errors)
    if errors:
        raise FieldErrors(errors)
    with transaction.atomic():
        task_status_save(status=status)
        _place(TaskStatus.objects.filter(organization_id=status.organization_id), status, position)
    status.refresh_from_db()
    return status


def task_status_move(*, actor: User, status_id: int, offset: int) -> bool:
    """Move a status up (negative ``offset``) or down the list the forms and filters show."""
    ensure_admin(actor)
    with transaction.atomic():
        status = status_get(actor=actor, status_id=status_id)
        return move_in_order(TaskStatus.objects.filter(organization_id=status.organization_id), status.pk, offset)


def type_get(*, actor: User, type_id) -> TaskType:
    return visible_or_not_found(TaskType.objects.filter(organization_id=actor.organization_id), type_id,
                                _("Task type not found."))


def task_type_save(*, task_type: TaskType) -> TaskType:
    """Save a new or changed type (the Django admin's way in too); a second one of a name is a field error."""
    try:
        with transaction.atomic():
            task_type.save()
    except IntegrityError:
        raise FieldErrors.single("name", _("There is a task type of this name already.")) from None
    return task_type


def task_type_add(*, actor: User, name: str, icon: str = "task") -> TaskType:
    """L5: a new task type at the end of the list."""
    ensure_admin(actor)
    errors: dict[str, list[str]] = {}
    task_type = TaskType(
        organization_id=actor.organization_id, name=_name(name, errors),
        icon=_choice(icon, TYPE_ICONS, "icon", _("Choose one of the icons."), errors),
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
    task_type = type_get(actor=actor, type_id=type_id)
    errors: dict[str, list[str]] = {}
    position = _position(position, errors)
    if name is not UNCHANGED:
        task_type.name = _name(name, errors)
    if icon is not UNCHANGED:
        task_type.icon = _choice(icon, TYPE_ICONS, "icon", _("Choose one of the icons."), errors)
    if is_active is not UNCHANGED:
        task_type.is_active = _flag(is_active, "is_active", errors)
    if errors:
        raise FieldErrors(errors)
    with transaction.atomic():
        task_type_save(task_type=task_type)
        _place(TaskType.objects.filter(organization_id=task_type.organization_id), task_type, position)
    task_type.refresh_from_db()
    return task_type


def task_type_move(*, actor: User, type_id: int, offset: int) -> bool:
    """Move a type up (negative ``offset``) or down the list the forms and filters show."""
    ensure_admin(actor)
    with transaction.atomic():
        task_type = type_get(actor=actor, type_id=type_id)
        return move_in_order(TaskType.objects.filter(organization_id=task_type.organization_id), task_type.pk, offset)
