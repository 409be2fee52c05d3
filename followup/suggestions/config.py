"""L2: administrators set, per task type, the next task its completion proposes (Settings →
Next tasks and the API). Every field is checked and each problem named at once (C3)."""

from django.db import transaction
from django.utils.translation import gettext as _

from followup.accounts.access import ensure_admin
from followup.accounts.models import User
from followup.core.exceptions import FieldErrors
from followup.core.fetch import visible_or_not_found
from followup.suggestions.models import NextTask
from followup.tasks.models import TaskType

TITLE_MAX = NextTask._meta.get_field("title").max_length
DELAY_MAX = 365
PLACEHOLDERS = ("{customer}", "{title}")


def _type(actor: User, type_id) -> TaskType:
    return visible_or_not_found(TaskType.objects.filter(organization_id=actor.organization_id), type_id,
                                _("Task type not found."))


def _clean(actor: User, *, next_type_id, title, delay_days) -> tuple[TaskType | None, str, int, dict]:
    errors: dict[str, list[str]] = {}
    next_type = None
    if next_type_id not in (None, ""):
        next_type = TaskType.objects.filter(organization_id=actor.organization_id, is_active=True,
                                            pk=next_type_id if str(next_type_id).isdigit() else None).first()
        if next_type is None:
            errors["next_type_id"] = [_("Choose one of the organization's task types.")]
    title = (title or "").strip()
    if not title:
        errors["title"] = [_("Name the proposed task.")]
    elif len(title) > TITLE_MAX:
        errors["title"] = [_("At most %(n)s characters.") % {"n": TITLE_MAX}]
    try:
        delay = int(delay_days)
        if not 0 <= delay <= DELAY_MAX:
            raise ValueError
    except (TypeError, ValueError):
        delay = 0
        errors["delay_days"] = [_("Enter a whole number of days from 0 to %(n)s.") % {"n": DELAY_MAX}]
    return next_type, title, delay, errors


def next_task_set(*, actor: User, type_id, next_type_id, title, delay_days) -> NextTask:
    """L2: after a task of type ``type_id`` is done, propose ``title`` of ``next_type_id`` due in
    ``delay_days`` (``{customer}`` and ``{title}`` are filled in from the completed task)."""
    ensure_admin(actor)
    after = _type(actor, type_id)
    next_type, title, delay, errors = _clean(actor, next_type_id=next_type_id, title=title, delay_days=delay_days)
    if errors:
        raise FieldErrors(errors)
    with transaction.atomic():
        rule, _made = NextTask.objects.update_or_create(
            after_type=after,
            defaults={"organization_id": actor.organization_id, "next_type": next_type, "title": title,
                      "delay_days": delay},
        )
    return rule


def next_task_clear(*, actor: User, type_id) -> None:
    """L2: completing a task of this type proposes nothing any more (pending proposals stay)."""
    ensure_admin(actor)
    NextTask.objects.filter(after_type=_type(actor, type_id)).delete()
