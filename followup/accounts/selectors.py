"""Reads of people: the account pages, the people pickers, and checking chosen people."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from followup.accounts.models import NAME_COLUMNS, ApiToken, PersonNames, User
from followup.core.combobox import LIMIT, Choice
from followup.core.exceptions import FieldErrors

SEARCH_WORDS = 4  # "Elena Mar" is two words; a longer text is no name


@dataclass(frozen=True, slots=True)
class Person(PersonNames):
    """A user as a people picker shows them: five columns, no model instance."""

    pk: int
    username: str
    first_name: str
    last_name: str
    email: str


_COLUMNS = (*NAME_COLUMNS, "email")


def people_matching(qs: QuerySet[User], text: str) -> QuerySet[User]:
    """Users of ``qs`` each of whose words is in their first or last name, username or e-mail:
    "elena mar" finds Elena Marsh, and so does "marsh"."""
    for word in text.split()[:SEARCH_WORDS]:
        qs = qs.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word)
                       | Q(username__icontains=word) | Q(email__icontains=word))
    return qs


def _active_people(actor: User) -> QuerySet[User]:
    if actor.organization_id is None:  # a platform superuser chooses nobody's colleagues
        return User.objects.none()
    return User.objects.filter(organization_id=actor.organization_id, is_active=True)


def person_choices(people, *, actor: User) -> list[Choice]:
    """People as combobox options: their name, their e-mail beneath, "(me)" for the actor."""
    return [Choice(p.pk, p.display_name, detail=p.email, note=_("(me)") if p.pk == actor.pk else "") for p in people]


def people_search(*, actor: User, q: str = "", queryset: QuerySet[User] | None = None,
                  limit: int = LIMIT) -> list[Person]:
    """Issue 13 §1.1: the people picker's answer: at most ``limit`` active people of the actor's
    organization (or of ``queryset``, a narrower set such as a memo's possible recipients)
    matching ``q``, by name. One query."""
    qs = people_matching(_active_people(actor) if queryset is None else queryset, q)
    rows = qs.order_by("first_name", "last_name", "id").values_list(*_COLUMNS)[:limit]
    return [Person(*row) for row in rows]


def people_of(*, organization_id: int) -> list[Person]:
    """Every active user of an organization, by name: the Settings pages (administrators only)
    that hand a leaver's tasks on or fill a team. Pages for everyone use ``people_search``."""
    rows = (User.objects.filter(organization_id=organization_id, is_active=True)
            .order_by("first_name", "last_name", "id").values_list(*_COLUMNS))
    return [Person(*row) for row in rows]


def people_named(*, actor: User, ids) -> list[Choice]:
    """The people already chosen in a form (ids as posted or stored), in that order, as the
    picker's chips show them. Only active people of the actor's organization: any other id
    is dropped here and refused by the service. One query, none without ids."""
    wanted = []
    for raw in ids or []:
        try:
            value = int(raw)
        except (TypeError, ValueError):
            continue
        if 0 < value < 2**63 and value not in wanted:
            wanted.append(value)
    if not wanted:
        return []
    by_id = {row[0]: Person(*row) for row in _active_people(actor).filter(pk__in=wanted).values_list(*_COLUMNS)}
    return [Choice(pk, by_id[pk].display_name) for pk in wanted if pk in by_id]


def person_label(*, actor: User, person_id) -> str:
    """The name a single people picker shows for its chosen id; "" for none or a stranger."""
    chosen = people_named(actor=actor, ids=[person_id] if person_id not in (None, "") else [])
    return chosen[0].label if chosen else ""


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
