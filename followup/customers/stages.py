"""D8, C4: moving customers between lifecycle stages, one at a time or a hundred thousand at once.

Every move leaves a ``StageChange`` row (who, from, to, when: the History tab shows it) and is
announced as ``events.stage_entered`` in the same transaction, with a batch key that finds the
move's rows, so automation reacts to an edit, an API call, a form or a bulk move alike.
"""

import uuid

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.exceptions import FieldErrors
from followup.core.sqlrows import ids_table
from followup.customers import events
from followup.customers.access import customers_of
from followup.customers.models import Customer, Stage, StageChange

BULK_CHUNK = 10_000


def new_batch_key() -> str:
    return uuid.uuid4().hex


def stage_change_record(*, actor: User | None, customer: Customer, old: str) -> StageChange:
    """Record that ``actor`` moved ``customer`` from ``old`` to its current stage and announce
    it, inside the caller's transaction: the one place a single stage change passes."""
    change = StageChange.objects.create(customer=customer, organization_id=customer.organization_id, actor=actor,
                                        old=old, new=customer.stage, batch_key=new_batch_key())
    events.stage_entered.announce(organization_id=customer.organization_id, stage=customer.stage,
                                  batch_key=change.batch_key, count=1, actor_id=actor.pk if actor else None)
    return change


def customers_move_to_stage(*, actor: User, customer_ids: list[int] | None = None, stage: str,
                            everyone_matching=None) -> int:
    """D8: move the chosen customers (ids, or every customer of the queryset
    ``everyone_matching``) to ``stage`` in set-based statements, chunk by chunk: one ``UPDATE``
    and one ``INSERT ... SELECT`` of stage changes per chunk, one announcement for the whole
    move. Customers already in the stage are left alone. Returns how many moved."""
    if stage not in Stage.values:
        raise FieldErrors.single("stage", _("Choose one of the stages."))
    chosen = customers_of(actor)
    if customer_ids is not None:
        chosen = chosen.filter(pk__in=customer_ids)
    elif everyone_matching is not None:
        # one WHERE of both filters, not ``pk IN (subquery)``: right after an import of a hundred
        # thousand customers the planner's statistics can make that self-join quadratic
        chosen = chosen & everyone_matching
    else:
        raise FieldErrors.single("customer_ids", _("Choose the customers to move."))
    batch_key, moved = new_batch_key(), 0
    with transaction.atomic():
        ids = list(chosen.exclude(stage=stage).order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BULK_CHUNK):
            moved += _move_chunk(actor, ids[start:start + BULK_CHUNK], stage, batch_key)
        if moved:
            events.stage_entered.announce(organization_id=actor.organization_id, stage=stage, batch_key=batch_key,
                                          count=moved, actor_id=actor.pk)
    return moved


def _move_chunk(actor: User, ids: list[int], stage: str, batch_key: str) -> int:
    """One chunk: the stage changes are written from the rows before the update, so each keeps
    its customer's old stage; the ids are one parameter (``core.sqlrows``), however many."""
    qn = connection.ops.quote_name
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    chosen, chosen_params = ids_table(ids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {qn(StageChange._meta.db_table)} (customer_id, organization_id, actor_id, old, new,"
            f" created_at, batch_key) SELECT id, organization_id, %s, stage, %s, %s, %s"
            f" FROM {qn(Customer._meta.db_table)} WHERE id IN ({chosen}) AND stage <> %s",
            [actor.pk, stage, now, batch_key, *chosen_params, stage],
        )
        cursor.execute(
            f"UPDATE {qn(Customer._meta.db_table)} SET stage = %s, updated_at = %s WHERE id IN ({chosen})"
            " AND stage <> %s",
            [stage, now, *chosen_params, stage],
        )
        moved = cursor.rowcount
    events.customers_changed.announce(organization_id=actor.organization_id, customer_ids=ids)
    return moved
