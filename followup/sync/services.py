"""A2: every write of the sync app: change-log rows and resync epochs, in the caller's transaction.

The log is written set-based: a bulk run of ten thousand tasks or a customer's deletion with its
tasks is one ``INSERT ... SELECT`` from a query, or from a list of ids passed as one parameter
(``core.sqlrows``), never a row at a time.
"""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import F, Max, Q, QuerySet
from django.utils import timezone

from followup.core.sqlrows import ids_table
from followup.sync.horizon import xid_limit
from followup.sync.models import Change, Epoch, Floor

CHUNK = 10_000  # ids a statement, passed as one parameter (``core.sqlrows``)
KEPT = dt.timedelta(days=30)  # a phone away longer than this syncs again from 0


def _xid_sql() -> str:
    """The writing transaction's id (PostgreSQL 13+); SQLite serializes its writers, so 0."""
    return "pg_current_xact_id()::text::bigint" if connection.vendor == "postgresql" else "0"


def changes_record(*, organization_id: int, kind: str, ids: Iterable[int] | QuerySet) -> None:
    """A2: log that these objects of ``kind`` changed or are about to go. ``ids`` is a list of
    ids, or a queryset of the objects (then one ``INSERT ... SELECT``; for a deletion it must
    be evaluated before the rows go, which the receivers do by announcing before ``delete()``)."""
    table = connection.ops.quote_name(Change._meta.db_table)
    columns = f"INSERT INTO {table} (organization_id, kind, object_id, xid, created_at)"
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        if isinstance(ids, QuerySet):
            try:
                sql, params = ids.order_by().values(changed_id=F("pk")).query.sql_with_params()
            except EmptyResultSet:  # filtered by an empty list of ids: nothing to log
                return
            cursor.execute(f"{columns} SELECT %s, %s, q.changed_id, {_xid_sql()}, %s FROM ({sql}) q",
                           [organization_id, kind, now, *params])
            return
        ids = list(dict.fromkeys(ids))
        for start in range(0, len(ids), CHUNK):
            rows, params = ids_table(ids[start:start + CHUNK])
            cursor.execute(f"{columns} SELECT %s, %s, r.id, {_xid_sql()}, %s FROM ({rows}) r",
                           [organization_id, kind, now, *params])


def resync_require(*, user_ids: Iterable[int]) -> None:
    """A2: these people's visibility changed wholesale (a role): their copies must be rebuilt
    from cursor 0, so the epoch their cursors carry grows and older cursors answer 410."""
    user_ids = list(user_ids)
    Epoch.objects.bulk_create([Epoch(user_id=pk) for pk in user_ids], ignore_conflicts=True)
    Epoch.objects.filter(user_id__in=user_ids).update(epoch=F("epoch") + 1)


def changes_prune(*, kept: dt.timedelta = KEPT) -> int:
    """A2: drop log rows older than ``kept``, organization by organization, and raise each one's
    ``Floor`` to the last row dropped; returns how many went. Only final rows are dropped, up to
    a position in the log's order, so the rows left are exactly those after the floor."""
    cutoff, limit, dropped = timezone.now() - kept, xid_limit(), 0
    old = Change.objects.filter(created_at__lt=cutoff, xid__lt=limit)
    for organization_id in old.order_by().values_list("organization_id", flat=True).distinct():
        with transaction.atomic():
            mine = old.filter(organization_id=organization_id)
            xid = mine.aggregate(m=Max("xid"))["m"]
            change_id = mine.filter(xid=xid).aggregate(m=Max("id"))["m"]
            dropped += Change.objects.filter(organization_id=organization_id).filter(
                Q(xid__lt=xid) | Q(xid=xid, id__lte=change_id)).delete()[0]
            Floor.objects.update_or_create(organization_id=organization_id,
                                           defaults={"xid": xid, "change_id": change_id})
    return dropped
