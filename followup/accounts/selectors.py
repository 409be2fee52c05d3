"""Reads of people: the account pages, the people pickers, and checking chosen people."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from followup.accounts.models import ApiToken, PersonNames, User
from followup.core.exceptions import FieldErrors


@dataclass(frozen=True, slots=True)
class Person(PersonNames):
    """A user as a people picker shows them: four columns, no model instance. A picker lists
    everyone in the organization (200 people on the benchmark's), and building that many
    ``User`` objects cost milliseconds of every task list page."""

    pk: int
    username: str
    first_name: str
    last_name: str


def people_of(*, organization_id: int) -> list[Person]:
    """The active users of an organization, by name: who a task or customer can be given to."""
    rows = (
        User.objects.filter(organization_id=organization_id, is_active=True)
        .order_by("first_name", "last_name", "id")
        .values_list("id", "username", "first_name", "last_name")
    )
    return [Person(*row) for row in rows]


def api_tokens_of(*, user: User) -> list[ApiToken]:
    """The profile page's token list (never the secret: only its prefix is stored in clear)."""
    return list(ApiToken.objects.filter(user=user).order_by("-created_at", "-id"))


def org_users(actor: User, ids, field: str) -> list[User]:
    """Active people of the actor's organization with these ids; any other id is a field error."""
    try:
        wanted = {int(i) for i in (ids or [])}
    except (TypeError, ValueError):
        raise FieldErrors.single(field, _("Choose people of your organization.")) from None
    users = list(User.objects.filter(organization_id=actor.organization_id, is_active=True, pk__in=wanted))
    if len(users) != len(wanted):
        raise FieldErrors.single(field, _("Choose people of your organization."))
    return users
