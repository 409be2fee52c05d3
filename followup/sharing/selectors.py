"""Every read of sharing (L7): who I share with and how, who shares with me, and busy slots.

``busy_slots`` is what the calendar (L9), the free/busy feed (B1) and the API's free/busy view
call: a slot says only who is busy from when to when, never which task, so it is the one
place a free/busy grant shows anything.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, Exists, OuterRef, Q, Value, When

from followup.accounts.models import User
from followup.sharing.models import CalendarFeed, Grant, Level
from followup.tasks.access import sees_busy_of, shares_received, tasks_of_organization, visibility_q
from followup.tasks.models import StatusCategory, TaskAssignment, TaskType

#: A timed task without a duration occupies this much of the calendar.
DEFAULT_SLOT = dt.timedelta(minutes=30)
#: How far back a slot may start and still reach into the asked window.
LONGEST_SLOT = dt.timedelta(days=1)


@dataclass(frozen=True)
class Slot:
    """L7 free/busy: a person is busy from ``start`` to ``end`` (UTC)."""

    person_id: int
    start: dt.datetime
    end: dt.datetime


@dataclass
class Share:
    """How one person shares with another: an all-types level and per-type exceptions."""

    person: User
    level: int = Level.NONE
    per_type: dict[int, int] = field(default_factory=dict)


def _visible_flag(viewer: User):
    rule = visibility_q(viewer)
    if rule is None:
        return Value(True)
    return Case(When(rule, then=Value(True)), default=Value(False), output_field=BooleanField())


def busy_slots(viewer: User, owner_ids, start: dt.datetime, end: dt.datetime) -> list[Slot]:
    """L7, L9: when each of ``owner_ids`` is busy between ``start`` and ``end``, as far as the
    viewer may know: timed tasks (owned, co-owned or assigned) that are not canceled, from
    people who share at free/busy or more, their own, or ones the viewer sees anyway.
    Queries: the tasks, their assignees among the people, the viewer's grants (if any)."""
    people = {int(i) for i in owner_ids}
    if not people:
        return []
    assigned = Exists(TaskAssignment.objects.filter(task_id=OuterRef("pk"), user_id__in=people))
    rows = list(
        tasks_of_organization(viewer)
        .filter(Q(owner_id__in=people) | Q(co_owner_id__in=people) | Q(assigned),
                due_at__lt=end, due_at__gte=start - LONGEST_SLOT)
        .exclude(status__category=StatusCategory.CANCELED)
        .annotate(visible=_visible_flag(viewer))
        .values_list("pk", "due_at", "duration_minutes", "type_id", "owner_id", "co_owner_id", "visible")
        .order_by("due_at", "pk")
    )
    assignees: dict[int, set[int]] = {}
    if rows:
        pairs = TaskAssignment.objects.filter(task_id__in=[r[0] for r in rows], user_id__in=people)
        for task_id, user_id in pairs.values_list("task_id", "user_id"):
            assignees.setdefault(task_id, set()).add(user_id)
    shares = shares_received(viewer, people)
    slots = []
    for pk, due_at, minutes, type_id, owner_id, co_owner_id, visible in rows:
        finish = due_at + (dt.timedelta(minutes=minutes) if minutes else DEFAULT_SLOT)
        if finish <= start:
            continue
        for person in sorted(({owner_id, co_owner_id} | assignees.get(pk, set())) & people):
            if sees_busy_of(viewer, shares, person, type_id, visible=visible):
                slots.append(Slot(person_id=person, start=due_at, end=finish))
    return slots


def _shares(grants, person_attr: str) -> list[Share]:
    by_person: dict[int, Share] = {}
    for grant in grants:
        person = getattr(grant, person_attr)
        share = by_person.setdefault(person.pk, Share(person=person))
        if grant.task_type_id is None:
            share.level = grant.level
        else:
            share.per_type[grant.task_type_id] = grant.level
    return sorted(by_person.values(), key=lambda s: (s.person.display_name.lower(), s.person.pk))


def shares_given(actor: User) -> list[Share]:
    """L7: with whom the actor shares and how (one query)."""
    return _shares(Grant.objects.filter(grantor=actor).select_related("grantee"), "grantee")


def shares_to_me(actor: User) -> list[Share]:
    """L7: who shares with the actor and how (one query)."""
    return _shares(Grant.objects.filter(grantee=actor, grantor__is_active=True).select_related("grantor"), "grantor")


def share_types(actor: User) -> list[TaskType]:
    return list(TaskType.objects.filter(organization_id=actor.organization_id, is_active=True))


def feed_of(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def hash_feed_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def feed_for_token(raw: str) -> CalendarFeed | None:
    """B1: the feed of an active person whose organization has tasks, or ``None`` (a 404)."""
    return (CalendarFeed.objects.select_related("user__organization")
            .filter(token_hash=hash_feed_token(raw or ""), user__is_active=True,
                    user__organization__tasks_enabled=True).first())
