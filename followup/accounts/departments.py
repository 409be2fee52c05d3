"""J13, A6: departments and their heads, as administrators keep them in Settings.

The head of a department is the co-owner of the tasks its members make for themselves (J13)
and the supervisor an overdue task escalates to (A6), so a head must be an active person of
the organization. Deleting a department leaves its members without one (never deletes them).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from followup.accounts.access import department_get, ensure_admin, person_get
from followup.accounts.models import Department, User
from followup.core.exceptions import FieldErrors, NotFound
from followup.core.naming import clean_name, save_unique

NAME_MAX = Department._meta.get_field("name").max_length


def _name(raw, errors: dict) -> str:
    return clean_name(raw, limit=NAME_MAX, empty=_("Give the department a name."), errors=errors)


def _head(actor: User, raw, errors: dict) -> User | None:
    if raw in (None, ""):
        return None
    try:
        return person_get(actor=actor, user_id=raw, queryset=User.objects.filter(
            organization_id=actor.organization_id, is_active=True))
    except NotFound:
        errors["head_id"] = [_("Choose an active person of your organization.")]
        return None


def _save(department: Department) -> Department:
    return save_unique(department, taken=_("There is a department of this name already."))


def department_add(*, actor: User, name: str, head_id: int | None = None) -> Department:
    """A new department, optionally with its head."""
    ensure_admin(actor)
    errors: dict[str, list[str]] = {}
    department = Department(organization_id=actor.organization_id, name=_name(name, errors),
                            head=_head(actor, head_id, errors))
    if errors:
        raise FieldErrors(errors)
    return _save(department)


UNCHANGED = object()


def department_update(*, actor: User, department_id: int, name=UNCHANGED, head_id=UNCHANGED) -> Department:
    """Rename a department or give it another head (``head_id=None``: no head)."""
    ensure_admin(actor)
    department = department_get(actor=actor, department_id=department_id)
    errors: dict[str, list[str]] = {}
    if name is not UNCHANGED:
        department.name = _name(name, errors)
    if head_id is not UNCHANGED:
        department.head = _head(actor, head_id, errors)
    if errors:
        raise FieldErrors(errors)
    return _save(department)


def department_delete(*, actor: User, department_id: int) -> int:
    """Delete a department; returns how many people it had (they now have none)."""
    ensure_admin(actor)
    with transaction.atomic():
        department = department_get(actor=actor, department_id=department_id)
        members = User.objects.filter(department=department).update(department=None)
        department.delete()
    return members
