"""A2: one page of a person's sync: a full copy from cursor 0, then the changes since a cursor.

A change page reads the log after the cursor, in (``xid``, ``id``) order, and answers each
object in it with its current state if the person may see it now, or a tombstone if not (it
was deleted, or left their view: reassigned away, a subscription dropped). A tombstone names
only an id, and a client drops it if it holds it. On PostgreSQL only rows of transactions
older than the oldest one of this database still running are served: those are final, so a
cursor past them never skips a change that commits later. SQLite serializes its writers, so its ids are
already in commit order.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Max, Q

from followup.accounts.models import User
from followup.sync.cursor import Cursor, cursor_parse
from followup.sync.horizon import xid_limit
from followup.sync.models import Change, Epoch, Floor
from followup.sync.payloads import ORDER, SOURCES

PAGE_SIZE = 500
PAGE_MAX = 2_000


class ResyncRequired(Exception):
    """The cursor is of an older epoch, or older than the kept log: start again from 0 (410)."""


@dataclass
class SyncPage:
    cursor: str
    has_more: bool
    reset: bool = False  # the first page of a full copy: drop the local copy first
    changed: dict[str, list[dict]] = field(default_factory=lambda: {kind: [] for kind in ORDER})
    deleted: dict[str, list[int]] = field(default_factory=lambda: {kind: [] for kind in ORDER})


def _epoch(user: User) -> int:
    return Epoch.objects.filter(user_id=user.pk).values_list("epoch", flat=True).first() or 0


def _floor(user: User) -> tuple[int, int]:
    """How far the log was pruned (``services.changes_prune``): a cursor before it is too old."""
    floor = Floor.objects.filter(organization_id=user.organization_id).values_list("xid", "change_id").first()
    return floor or (0, 0)


def _start(user: User, epoch: int) -> Cursor:
    """A full copy's position: every final change so far is in the copy, which is read after
    (and so is every pruned one: the position is never before the floor)."""
    if connection.vendor == "postgresql":
        return Cursor(epoch, xid_limit(), 0, ORDER[0])
    last = Change.objects.filter(organization_id=user.organization_id).aggregate(m=Max("id"))["m"] or 0
    xid, change_id = max((0, last), _floor(user))
    return Cursor(epoch, xid, change_id, ORDER[0])


def sync_page(*, user: User, cursor: str | None, size: int = PAGE_SIZE) -> SyncPage:
    """A2: the page after ``cursor`` (``0``: the first page of a full copy)."""
    size = max(1, min(size, PAGE_MAX))
    epoch = _epoch(user)
    position = cursor_parse(cursor)
    if position is None:
        page = _copy_page(user, _start(user, epoch), size)
        page.reset = True
        return page
    if position.epoch != epoch or (position.xid, position.change_id) < _floor(user):
        raise ResyncRequired
    if position.copying is not None:
        return _copy_page(user, position, size)
    return _change_page(user, position, size)


def _copy_page(user: User, position: Cursor, size: int) -> SyncPage:
    """Up to ``size`` objects of the kind being copied, by id; then the next kind; at the end
    the cursor is the log position the copy began at (``has_more``: what changed meanwhile)."""
    source = SOURCES[position.copying]
    rows = source.rows(source.visible(user).filter(pk__gt=position.last_id).order_by("pk")[:size])
    if len(rows) == size:
        following = Cursor(position.epoch, position.xid, position.change_id, position.copying, rows[-1]["id"])
    else:
        following = position.next_kind()
    page = SyncPage(cursor=following.encode(), has_more=True)
    page.changed[source.kind] = rows
    return page


def _change_page(user: User, position: Cursor, size: int) -> SyncPage:
    """Up to ``size`` final log rows after ``position``; each object in them once, as it is now
    or as a tombstone. ``xid >= x AND (xid > x OR id > i)`` is the row comparison written so
    that the (organization, xid, id) index serves it as a range."""
    rows = list(
        Change.objects.filter(organization_id=user.organization_id, xid__lt=xid_limit(), xid__gte=position.xid)
        .filter(Q(xid__gt=position.xid) | Q(id__gt=position.change_id))
        .order_by("xid", "id").values_list("xid", "id", "kind", "object_id")[:size]
    )
    if not rows:
        return SyncPage(cursor=position.encode(), has_more=False)
    last_xid, last_id = rows[-1][0], rows[-1][1]
    page = SyncPage(cursor=Cursor(position.epoch, last_xid, last_id).encode(), has_more=len(rows) == size)
    for kind in ORDER:
        ids = list(dict.fromkeys(object_id for _x, _i, k, object_id in rows if k == kind))
        if ids:
            source = SOURCES[kind]
            found = {row["id"]: row for row in source.rows(source.visible(user).filter(pk__in=ids))}
            page.changed[kind] = [found[pk] for pk in ids if pk in found]
            page.deleted[kind] = [pk for pk in ids if pk not in found]
    return page
