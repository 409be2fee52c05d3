"""Whose calendar an actor may show (L9), the one rule the page, the events endpoint and the
person switcher share.

A calendar shows the tasks of people whose tasks the actor may already see: their own, for
company managers and administrators (J3) everyone's in the organization, and those of the
people who share with the actor (L7; at free/busy, only their busy slots, see ``selectors``).
"""

from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.exceptions import FieldErrors, NotFound
from followup.sharing.selectors import shares_to_me
from followup.tasks.access import shares_received

MAX_PEOPLE = 20


def people_to_choose(actor: User) -> list[User]:
    """The people the switcher offers, the actor first."""
    if not actor.sees_all_tasks:
        return [actor, *(share.person for share in shares_to_me(actor))] if actor.receives_shares else [actor]
    others = (User.objects.filter(organization_id=actor.organization_id, is_active=True)
              .exclude(pk=actor.pk).order_by("first_name", "last_name", "username"))
    return [actor, *others]


def people_to_show(actor: User, person_ids: list[int] | None) -> list[int]:
    """The ids asked for, checked without a query: the actor's own calendar by default; anyone
    else's only for someone who sees every task of the organization, whose events query is
    bounded by the organization anyway, so an id of another organization shows nothing, or who
    was shared with by them (L7: one query, only for someone shared with). A person the actor
    may not show is a ``NotFound``, as for any record they may not know of."""
    ids = list(dict.fromkeys(person_ids or [actor.pk]))
    if len(ids) > MAX_PEOPLE:
        raise FieldErrors.single("person", _("Show at most %(n)s people at once.") % {"n": MAX_PEOPLE})
    if not actor.sees_all_tasks and ids != [actor.pk] and not set(ids) <= {actor.pk, *_sharing_with(actor)}:
        raise NotFound(_("Person not found."))
    return ids


def _sharing_with(actor: User) -> set[int]:
    """L7: the people who share their calendar with the actor, at free/busy or more."""
    return {grantor for grantor, levels in shares_received(actor).levels.items() if any(levels.values())}
