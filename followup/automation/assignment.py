"""B2: who an automatic task goes to: a fixed person, the customer's owner, round-robin over a
department, its least loaded member, or nobody (the Unassigned list).

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

from followup.accounts.models import User
from followup.automation.models import AssignmentCursor, AssignTo
from followup.tasks.models import TaskAssignment

# (customer id, its owner's id) in, (customer id, assignee id or None) out.
Customer = tuple[int, int | None]
Pair = tuple[int, int | None]
STREAM_CHUNK = 10_000


def assign(spec, *, organization_id: int, customers: Sequence[Customer]) -> list[Pair]:
    """The assignee of a task for each customer, by ``spec``'s rule (an ``Assignment`` row)."""
    kind = spec.assign_to
    if kind == AssignTo.FIXED:
        person = _active(organization_id, [spec.assign_user_id])
        return [(c, spec.assign_user_id if person else None) for c, _owner in customers]
    if kind == AssignTo.CUSTOMER_OWNER:
        active = _active(organization_id, {owner for _c, owner in customers})
        return [(c, owner if owner in active else None) for c, owner in customers]
    if kind in (AssignTo.ROUND_ROBIN, AssignTo.LEAST_LOADED):
        members = list(User.objects.filter(organization_id=organization_id, department_id=spec.assign_department_id,
                                           is_active=True).order_by("pk").values_list("pk", flat=True))
        if not members:
            return [(c, None) for c, _owner in customers]
        pick = _round_robin if kind == AssignTo.ROUND_ROBIN else _least_loaded
        return list(zip((c for c, _owner in customers), pick(f"department:{spec.assign_department_id}", members,
                                                                len(customers)), strict=True))
    return [(c, None) for c, _owner in customers]


def assign_stream(spec, *, organization_id: int, customers: Iterable[Customer]) -> Iterator[Pair]:
    """``assign`` a chunk at a time, for a run of any size in bounded memory: round-robin and
    least-loaded carry on from one chunk to the next (the cursor stays locked, and the load
    counts the tasks of the chunks before)."""
    customers = iter(customers)
    while chunk := list(islice(customers, STREAM_CHUNK)):
        yield from assign(spec, organization_id=organization_id, customers=chunk)


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
