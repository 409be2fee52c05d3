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
from followup.sync.models import Change, Epoch
from followup.sync.payloads import ORDER, SOURCES

PAGE_SIZE = 500
PAGE_MAX = 2_000


class ResyncRequired(Exception):
    """The cursor is of an older epoch: the client must start again from 0 (410)."""


@dataclass
class SyncPage:
    cursor: str
    has_more: bool
    reset: bool = False  # the first page of a full copy: drop the local copy first
    changed: dict[str, list[dict]] = field(default_factory=lambda: {kind: [] for kind in ORDER})
    deleted: dict[str, list[int]] = field(default_factory=lambda: {kind: [] for kind in ORDER})


def _epoch(user: User) -> int:
    return Epoch.objects.filter(user_id=user.pk).values_list("epoch", flat=True).first() or 0


# The oldest transaction of this database still running, as a 64-bit id (pg_stat_activity
# gives 32 bits: the epoch is the snapshot's, one less if the id wrapped); else the next id to
# come. Transactions of other databases of the cluster are left out, so that their long runs
# (a dump, another application) do not hold the sync back; so is the reader's own.
OLDEST_RUNNING_SQL = """
    WITH s AS (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS xmax)
    SELECT COALESCE(MIN(((s.xmax >> 32) << 32) + a.backend_xid::text::bigint
                        - CASE WHEN a.backend_xid::text::bigint > (s.xmax & 4294967295) THEN 4294967296 ELSE 0 END),
                    MIN(s.xmax))
    FROM s LEFT JOIN pg_stat_activity a
      ON a.datname = current_database() AND a.backend_xid IS NOT NULL AND a.pid <> pg_backend_pid()
"""


def _xid_limit() -> int:
    """Rows with an ``xid`` below this are final: their transactions are over (or are ours)."""
    if connection.vendor != "postgresql":
        return 1
    with connection.cursor() as cursor:
        cursor.execute(OLDEST_RUNNING_SQL)
        return cursor.fetchone()[0]


def _start(user: User, epoch: int) -> Cursor:
    """A full copy's position: every final change so far is in the copy, which is read after."""
    if connection.vendor == "postgresql":
        return Cursor(epoch, _xid_limit(), 0, ORDER[0])
    last = Change.objects.filter(organization_id=user.organization_id).aggregate(m=Max("id"))["m"] or 0
    return Cursor(epoch, 0, last, ORDER[0])


def sync_page(*, user: User, cursor: str | None, size: int = PAGE_SIZE) -> SyncPage:
    """A2: the page after ``cursor`` (``0``: the first page of a full copy)."""
    size = max(1, min(size, PAGE_MAX))
    epoch = _epoch(user)
    position = cursor_parse(cursor)
    if position is None:
        page = _copy_page(user, _start(user, epoch), size)
        page.reset = True
        return page
    if position.epoch != epoch:
        raise ResyncRequired
    if position.copying is not None:
        return _copy_page(user, position, size)
    return _change_page(user, position, size)


def _copy_page(user: User, position: Cursor, size: int) -> SyncPage:
    """Up to ``size`` objects of the kind being copied, by id; then the next kind; at the end
    the cursor is the log position the copy began at (``has_more``: what changed meanwhile)."""
    source = SOURCES[position.copying]
    objects = list(source.visible(user).filter(pk__gt=position.last_id).order_by("pk")[:size])
    if len(objects) == size:
        following = Cursor(position.epoch, position.xid, position.change_id, position.copying, objects[-1].pk)
    else:
        following = position.next_kind()
    page = SyncPage(cursor=following.encode(), has_more=True)
    page.changed[source.kind] = [source.out(o) for o in objects]
    return page


def _change_page(user: User, position: Cursor, size: int) -> SyncPage:
    rows = list(
        Change.objects.filter(organization_id=user.organization_id, xid__lt=_xid_limit(), xid__gte=position.xid)
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
            found = {o.pk: o for o in source.visible(user).filter(pk__in=ids)}
            page.changed[kind] = [source.out(found[pk]) for pk in ids if pk in found]
            page.deleted[kind] = [pk for pk in ids if pk not in found]
    return page
