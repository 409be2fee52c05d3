"""``followup bench``, part one (b): the customers' deals and the chat on tasks and deals,
set-based (issue 16 §6), so that the customer history (C4), which shows both, is measured with
them present.

Two customers in three have one deal (in the organization's default sales process, at one of its
stages, a fifth won and a fifth lost) with its "created" change; every customer's first task
has two chat messages, and every deal one. The ids are derived from the row numbers, as in
``bench.generate``.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from followup.deals.models import DEFAULT_CURRENCY, Deal, SalesStage
from followup.devtools.bench.sqlparts import next_id, reset_sequence, series, sql_pick, time_minus_days
from followup.tasks.models import Task

TASK_NOTES = ["Called, no answer: trying again tomorrow.", "Spoke to them: they want the offer by Friday."]
DEAL_NOTE = "Sent the price list; waiting for their budget."


def insert_activity(org_id: int, cbase: int, tbase: int, customers: int, now) -> int:
    """Deals, their changes and the chat messages; returns the number of deals."""
    dbase = next_id("deals_deal")
    stages = list(SalesStage.objects.filter(process__organization_id=org_id).order_by("process_id", "position", "id")
                  .values_list("process_id", "id"))
    process = stages[0][0] if stages else None
    stage_ids = [pk for process_id, pk in stages if process_id == process]
    stage = (f"CASE i % {len(stage_ids)} " + " ".join(f"WHEN {n} THEN {pk}" for n, pk in enumerate(stage_ids))
             + " END") if stage_ids else "NULL"
    with connection.cursor() as cur:
        cur.execute(f"""
            {series(customers)}
            INSERT INTO deals_deal (id, organization_id, customer_id, title, amount, currency, process_id, stage_id,
                                    status, owner_id, created_at, updated_at)
            SELECT {dbase} + i, {org_id}, c.id, 'Renewal for ' || c.name, 100 * (1 + (i * 37) % 100),
                   '{DEFAULT_CURRENCY}', {process or "NULL"}, {stage},
                   CASE i % 5 WHEN 0 THEN 'won' WHEN 1 THEN 'lost' ELSE 'open' END, c.owner_id,
                   {time_minus_days(now, 'i % 300')}, {time_minus_days(now, 'i % 30')}
            FROM g JOIN customers_customer c ON c.id = {cbase} + i
            WHERE i % 3 < 2
        """)  # noqa: S608 - every value is a number or a word of ours
        reset_sequence("deals_deal")
        cur.execute(f"""
            INSERT INTO deals_dealchange (deal_id, actor_id, action, old, new, created_at)
            SELECT id, owner_id, 'created', '', '', created_at FROM deals_deal WHERE organization_id = {org_id}
        """)  # noqa: S608
        # One "created" change a deal. Counted here: Python's sqlite3 says -1 for an INSERT that
        # starts with WITH (the one above).
        deals = cur.rowcount
        _insert_messages(cur, org_id, tbase, customers, now)
    return deals


def _insert_messages(cur, org_id: int, tbase: int, customers: int, now) -> None:
    # Task number i is for customer (37 i) mod C (``bench.generate``): i < C is each one's first.
    task_type, deal_type = (ContentType.objects.get_for_model(m).pk for m in (Task, Deal))
    cur.execute(f"""
        INSERT INTO chat_message (organization_id, content_type_id, object_id, author_id, body, created_at)
        SELECT t.organization_id, {task_type}, t.id, t.owner_id, {sql_pick("k.n", TASK_NOTES)},
               {time_minus_days(now, '(t.id % 80) + 2 - k.n')}
        FROM tasks_task t JOIN (SELECT 0 AS n UNION ALL SELECT 1) k ON 1 = 1
        WHERE t.organization_id = {org_id} AND t.id - {tbase} < {customers}
    """)  # noqa: S608
    cur.execute(f"""
        INSERT INTO chat_message (organization_id, content_type_id, object_id, author_id, body, created_at)
        SELECT organization_id, {deal_type}, id, owner_id, '{DEAL_NOTE}', updated_at
        FROM deals_deal WHERE organization_id = {org_id}
    """)  # noqa: S608


def delete_activity(cur, org_id: int) -> None:
    """Remove what ``insert_activity`` made (and any other deal or message of the organization), in
    plain SQL before the customers they point at: the ORM would visit them one by one."""
    cur.execute(f"DELETE FROM chat_message WHERE organization_id = {org_id}")  # noqa: S608
    deals = f"SELECT id FROM deals_deal WHERE organization_id = {org_id}"  # noqa: S608
    cur.execute(f"DELETE FROM deals_dealchange WHERE deal_id IN ({deals})")  # noqa: S608
    cur.execute(f"DELETE FROM deals_deal WHERE organization_id = {org_id}")  # noqa: S608
