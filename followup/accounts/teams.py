"""B2: teams, the named groups of people that assignment rules share work among.

The automation engine reads a team's members (``team_members``) for round-robin and
least-loaded assignment; Settings (and the admin) write teams only through these functions.
A person may belong to several teams. Deactivating someone keeps their memberships (they come
back if the person is reactivated); ``team_members`` leaves deactivated people out.
"""

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from followup.accounts.access import ensure_admin, team_get
from followup.accounts.models import Team, User
from followup.core.exceptions import FieldErrors
from followup.core.naming import clean_name, save_unique

NAME_MAX = Team._meta.get_field("name").max_length
MEMBERS_MAX = 500
UNCHANGED = object()


def _name(raw, errors: dict) -> str:
    return clean_name(raw, limit=NAME_MAX, empty=_("Give the team a name."), errors=errors)


def _members(actor: User, ids, errors: dict, *, keep: set[int] = frozenset()) -> list[User]:
    """Active people of the organization; people already in the team (``keep``) may stay
    even if they were deactivated since."""
    try:
        wanted = {int(i) for i in (ids or [])}
    except (TypeError, ValueError, OverflowError):
        errors["member_ids"] = [_("Choose people of your organization.")]
        return []
    if len(wanted) > MEMBERS_MAX:
        errors["member_ids"] = [_("A team can have at most %(n)s members.") % {"n": MEMBERS_MAX}]
        return []
    people = list(User.objects.filter(organization_id=actor.organization_id, pk__in=wanted))
    if len(people) != len(wanted) or any(not p.is_active and p.pk not in keep for p in people):
        errors["member_ids"] = [_("Choose active people of your organization.")]
    return people


def _save(team: Team, members: list[User] | None) -> Team:
    with transaction.atomic():
        save_unique(team, taken=_("There is a team of this name already."))
        if members is not None:
            team.members.set(members)
    return team


def team_create(*, actor: User, name: str, member_ids: list[int] | None = None) -> Team:
    """A new team of active people of the actor's organization."""
    ensure_admin(actor)
    errors: dict[str, list[str]] = {}
    team = Team(organization_id=actor.organization_id, name=_name(name, errors))
    members = _members(actor, member_ids, errors)
    if errors:
        raise FieldErrors(errors)
    return _save(team, members)


def team_update(*, actor: User, team_id: int, name=UNCHANGED, member_ids=UNCHANGED) -> Team:
    """Rename a team or set its members (the whole list); what is not passed stays."""
    ensure_admin(actor)
    team = team_get(actor=actor, team_id=team_id)
    errors: dict[str, list[str]] = {}
    if name is not UNCHANGED:
        team.name = _name(name, errors)
    members = None
    if member_ids is not UNCHANGED:
        current = set(team.members.values_list("pk", flat=True))
        members = _members(actor, member_ids, errors, keep=current)
    if errors:
        raise FieldErrors(errors)
    return _save(team, members)


def team_delete(*, actor: User, team_id: int) -> None:
    ensure_admin(actor)
    team_get(actor=actor, team_id=team_id).delete()


def team_members(team: Team) -> QuerySet[User]:
    """The team's active members in a stable order (by id): what round-robin walks through."""
    return team.members.filter(is_active=True).order_by("pk")
