"""L8: what an administrator changes about a person in Settings: role, department, whether
they may still sign in. (Their name, e-mail, time zone and password are their own, on the
profile page.)

The organization always keeps one active administrator: nobody can demote or deactivate the
last one, so Settings can never lock everyone out. ``is_staff`` follows the role, so an
administrator, and only an administrator, reaches the Django admin.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from followup.accounts import events
from followup.accounts.access import department_get, ensure_admin, person_get
from followup.accounts.models import Department, Role, User
from followup.core.exceptions import FieldErrors, NotFound

UNCHANGED = object()


def _other_active_admins(user: User) -> bool:
    return User.objects.filter(organization_id=user.organization_id, role=Role.ADMIN, is_active=True) \
        .exclude(pk=user.pk).exists()


def _locked_person(actor: User, user_id) -> User:
    # Locking the organization's administrators makes "the last one" a question two
    # simultaneous demotions cannot both answer "no".
    list(User.objects.select_for_update().filter(organization_id=actor.organization_id, role=Role.ADMIN))
    return person_get(actor=actor, user_id=user_id)


def person_update(*, actor: User, user_id: int, role=UNCHANGED, department_id=UNCHANGED) -> User:
    """Change a person's role or department (``department_id=None``: none); every bad field
    is named at once."""
    ensure_admin(actor)
    with transaction.atomic():
        user = _locked_person(actor, user_id)
        old_role, errors = user.role, {}
        if role is not UNCHANGED:
            if role not in Role.values:
                errors["role"] = [_("Choose one of the roles.")]
            elif user.role == Role.ADMIN and role != Role.ADMIN and user.is_active and not _other_active_admins(user):
                errors["role"] = [_("The organization needs an administrator: make someone else one first.")]
            else:
                user.role = role
                user.is_staff = role == Role.ADMIN
        if department_id is not UNCHANGED:
            user.department = department_or_error(actor, department_id, errors)
        if errors:
            raise FieldErrors(errors)
        user.save(update_fields=["role", "is_staff", "department"])
        if user.role != old_role:
            events.visibility_changed.announce(user_ids=[user.pk])  # A2: a role decides what one sees
    return user


def department_or_error(actor: User, raw, errors: dict) -> Department | None:
    if raw in (None, ""):
        return None
    try:
        return department_get(actor=actor, department_id=raw)
    except NotFound:
        errors["department_id"] = [_("Choose a department of your organization.")]
        return None


def user_deactivate(*, actor: User, user_id: int) -> tuple[User, list[Department]]:
    """The account part of a leaver's deactivation: they can no longer sign in (sessions and API
    tokens stop working at once, since both check ``is_active``), and departments they headed
    have no head until an administrator names one; returns those departments. Their tasks are
    handed over by ``followup.setup.people.person_deactivate``, which calls this."""
    ensure_admin(actor)
    user = _locked_person(actor, user_id)
    if user.pk == actor.pk:
        raise FieldErrors.single("user", _("You cannot deactivate yourself: ask another administrator."))
    if not user.is_active:
        raise FieldErrors.single("user", _("%(name)s is deactivated already.") % {"name": user.display_name})
    if user.role == Role.ADMIN and not _other_active_admins(user):
        raise FieldErrors.single("user", _("The organization needs an administrator: make someone else one first."))
    headed = list(Department.objects.filter(head=user))
    Department.objects.filter(head=user).update(head=None)
    user.is_active = False
    user.save(update_fields=["is_active"])
    return user, headed


def user_reactivate(*, actor: User, user_id: int) -> User:
    """A deactivated person may sign in again, with their role, department and teams as they were."""
    ensure_admin(actor)
    with transaction.atomic():
        user = _locked_person(actor, user_id)
        if user.is_active:
            raise FieldErrors.single("user", _("%(name)s is active already.") % {"name": user.display_name})
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user
