"""Whose calendar an actor may show (L9), the one rule the page, the events endpoint and the
person switcher share.

Today a calendar shows the tasks of people whose tasks the actor may already see: their own,
and for company managers and administrators (J3) everyone's in the organization. Sharing (L7)
will widen ``people_to_show`` and ``people_to_choose`` with its grants; both callers stay as they are.
"""

from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.exceptions import FieldErrors, NotFound

MAX_PEOPLE = 20


def people_to_choose(actor: User) -> list[User]:
    """The people the switcher offers, the actor first."""
    if not actor.sees_all_tasks:
        return [actor]
    others = (User.objects.filter(organization_id=actor.organization_id, is_active=True)
              .exclude(pk=actor.pk).order_by("first_name", "last_name", "username"))
    return [actor, *others]


def people_to_show(actor: User, person_ids: list[int] | None) -> list[int]:
    """The ids asked for, checked without a query: the actor's own calendar by default; anyone
    else's only for someone who sees every task of the organization, whose events query is
    bounded by the organization anyway, so an id of another organization shows nothing. A person
    the actor may not show is a ``NotFound``, as for any record they may not know of."""
    ids = list(dict.fromkeys(person_ids or [actor.pk]))
    if len(ids) > MAX_PEOPLE:
        raise FieldErrors.single("person", _("Show at most %(n)s people at once.") % {"n": MAX_PEOPLE})
    if not actor.sees_all_tasks and ids != [actor.pk]:
        raise NotFound(_("Person not found."))
    return ids
