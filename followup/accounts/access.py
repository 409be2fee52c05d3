"""L8: settings are for administrators only. The check, and the fetchers of the rows an
administrator manages (people, departments, teams), each starting from the actor's organization
so that another organization's id is a ``NotFound`` by construction."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from followup.accounts.models import Department, Team, User
from followup.core.exceptions import NotAllowed
from followup.core.fetch import visible_or_not_found


def ensure_admin(actor: User) -> None:
    """L8: members, task operators and company managers may not change the organization's settings."""
    if not (actor.is_active and actor.organization_id and actor.is_org_admin):
        raise NotAllowed(_("Only administrators may change the organization’s settings."))


def person_get(*, actor: User, user_id, queryset: QuerySet[User] | None = None) -> User:
    """A person of the actor's organization (active or not)."""
    qs = queryset if queryset is not None else User.objects.filter(organization_id=actor.organization_id)
    return visible_or_not_found(qs, user_id, _("Person not found."))


def department_get(*, actor: User, department_id) -> Department:
    return visible_or_not_found(Department.objects.filter(organization_id=actor.organization_id),
                                department_id, _("Department not found."))


def team_get(*, actor: User, team_id) -> Team:
    return visible_or_not_found(Team.objects.filter(organization_id=actor.organization_id),
                                team_id, _("Team not found."))
