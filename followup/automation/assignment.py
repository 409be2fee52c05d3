"""B2: who an automatic task goes to: a fixed person, the customer's owner, round-robin over a
department or a team, the least loaded member of either, or nobody (the Unassigned list).

Round-robin keeps its place in ``AssignmentCursor``, locked for the length of the caller's
transaction, so two processes making tasks at once take turns and members' counts never differ
by more than one; a deactivated member is skipped. Least-loaded gives each task to the member
with the fewest pending tasks, ties broken in round-robin order.
"""

import heapq
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from django.db import IntegrityError, transaction
from django.db.models import Count

from followup.accounts.models import Team, User
from followup.accounts.teams import team_members
from followup.automation.models import DEPARTMENT_KINDS, LEAST_LOADED_KINDS, TEAM_KINDS, AssignmentCursor, AssignTo
from followup.tasks.bulk_create import CHUNK as STREAM_CHUNK
from followup.tasks.models import TaskAssignment

# (customer id, its owner's id) in, (customer id, assignee id or None) out.
Customer = tuple[int, int | None]
Pair = tuple[int, int | None]


def assign(spec, *, organization_id: int, customers: Sequence[Customer]) -> list[Pair]:
    """The assignee of a task for each customer, by ``spec``'s rule (an ``Assignment`` row)."""
    kind = spec.assign_to
    if kind == AssignTo.FIXED:
        person = _active(organization_id, [spec.assign_user_id])
        return [(c, spec.assign_user_id if person else None) for c, _owner in customers]
    if kind == AssignTo.CUSTOMER_OWNER:
        active = _active(organization_id, {owner for _c, owner in customers})
        return [(c, owner if owner in active else None) for c, owner in customers]
    if kind in DEPARTMENT_KINDS | TEAM_KINDS:
        pool, members = _pool(spec, organization_id)
        if not members:
            return [(c, None) for c, _owner in customers]
        pick = _least_loaded if kind in LEAST_LOADED_KINDS else _round_robin
        return list(zip((c for c, _owner in customers), pick(pool, members, len(customers)), strict=True))
    return [(c, None) for c, _owner in customers]


def assign_stream(spec, *, organization_id: int, customers: Iterable[Customer]) -> Iterator[Pair]:
    """``assign`` a chunk at a time, for a run of any size in bounded memory: round-robin and
    least-loaded carry on from one chunk to the next (the cursor stays locked, and the load
    counts the tasks of the chunks before). The chunks are the bulk task creator's own
    (``tasks.bulk_create.CHUNK``): it writes one chunk's tasks before it asks for the next, so
    least-loaded sees them; a chunk of another size would be assigned before its forerunner's
    tasks were written."""
    customers = iter(customers)
    while chunk := list(islice(customers, STREAM_CHUNK)):
        yield from assign(spec, organization_id=organization_id, customers=chunk)


def _pool(spec, organization_id: int) -> tuple[str, list[int]]:
    """The cursor's key and the active members (by id) of the department or team ``spec`` shares
    work among; no members when it names none (say, the department or team was deleted)."""
    if spec.assign_to in TEAM_KINDS:
        key, team_id = f"team:{spec.assign_team_id}", spec.assign_team_id
        people = team_members(Team(pk=team_id)) if team_id is not None else User.objects.none()
    else:
        key, department_id = f"department:{spec.assign_department_id}", spec.assign_department_id
        people = (User.objects.filter(department_id=department_id, is_active=True).order_by("pk")
                  if department_id is not None else User.objects.none())
    return key, list(people.filter(organization_id=organization_id).values_list("pk", flat=True))


def _active(organization_id: int, ids) -> set[int]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return set()
    return set(User.objects.filter(organization_id=organization_id, is_active=True, pk__in=wanted)
               .values_list("pk", flat=True))


def _locked_cursor(pool: str) -> AssignmentCursor:
    """The pool's cursor, locked until the caller's transaction ends (made on first use)."""
    try:
        with transaction.atomic():
            AssignmentCursor.objects.get_or_create(pool=pool)
    except IntegrityError:
        pass  # another process made it at the same moment
    return AssignmentCursor.objects.select_for_update().get(pool=pool)


def _rotation(members: list[int], last: int | None) -> list[int]:
    """The members in turn, starting after the last one given a task."""
    after = [m for m in members if last is not None and m > last]
    return after + [m for m in members if m not in after]


def _round_robin(pool: str, members: list[int], n: int) -> list[int]:
    cursor = _locked_cursor(pool)
    order = _rotation(members, cursor.last_user_id)
    picks = [order[i % len(order)] for i in range(n)]
    if picks:
        cursor.last_user_id = picks[-1]
        cursor.save(update_fields=["last_user_id"])
    return picks


def _least_loaded(pool: str, members: list[int], n: int) -> list[int]:
    cursor = _locked_cursor(pool)
    load = dict(TaskAssignment.objects.filter(user_id__in=members, is_pending=True)
                .values("user_id").annotate(n=Count("id")).values_list("user_id", "n"))
    rank = {m: i for i, m in enumerate(_rotation(members, cursor.last_user_id))}
    heap = [(load.get(m, 0), rank[m], m) for m in members]
    heapq.heapify(heap)
    picks = []
    for _ in range(n):
        count, turn, member = heapq.heappop(heap)
        picks.append(member)
        heapq.heappush(heap, (count + 1, turn + len(members), member))
    if picks:
        cursor.last_user_id = picks[-1]
        cursor.save(update_fields=["last_user_id"])
    return picks
