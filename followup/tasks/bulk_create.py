"""Many tasks at once, one per customer, set-based: D8's bulk stage change of a hundred thousand
customers, A1's date triggers.

A chunk of customers is one ``INSERT ... SELECT`` of the tasks from a ``VALUES`` list of
(customer, assignee) joined to the customers, returning the new ids, and two multi-row inserts
of their assignments and history; at the end each assignee gets one digest
notification and e-mail for the whole run instead of one per task (J2). Tasks so made are the
same rows as those of ``task_create``: the lists, visibility, history and search see them alike.
The title may name the customer (``{customer}``) and its owner (``{owner}``), filled in by SQL.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from followup.accounts.models import User
from followup.customers.models import Customer
from followup.notifications.models import Event
from followup.notifications.services import notify
from followup.tasks import hooks
from followup.tasks.models import HistoryAction, HistoryEntry, Priority, Task, TaskAssignment
from followup.tasks.status import default_status

CHUNK = 2_000  # 5 parameters a row at most: 10,000 a statement, under SQLite's 32,766
TITLE_MAX = Task._meta.get_field("title").max_length


@dataclass(frozen=True)
class Blueprint:
    """What every task of a run shares; ``title`` may hold ``{customer}`` and ``{owner}``."""

    title: str
    due_date: dt.date
    due_at: dt.datetime | None = None
    priority: int = Priority.MEDIUM
    type_id: int | None = None
    description: str = ""
    duration_minutes: int | None = None


def _title_sql(template: str) -> tuple[str, list[str]]:
    """The title as an SQL expression over the customer ``c`` and its owner ``o``; literal parts
    are parameters, so nothing a user typed becomes SQL."""
    owner = ("COALESCE(NULLIF(TRIM(COALESCE(o.first_name, '') || ' ' || COALESCE(o.last_name, '')), ''),"
             " o.username, '')")
    parts, params, rest = [], [], template
    while rest:
        at = min((i for i in (rest.find("{customer}"), rest.find("{owner}")) if i >= 0), default=-1)
        if at < 0:
            parts.append("%s")
            params.append(rest)
            break
        if at:
            parts.append("%s")
            params.append(rest[:at])
        name = "{customer}" if rest.startswith("{customer}", at) else "{owner}"
        parts.append("c.name" if name == "{customer}" else owner)
        rest = rest[at + len(name):]
    return f"SUBSTR({' || '.join(parts) or '%s'}, 1, {TITLE_MAX})", params or [""]


def _values(pairs: list[tuple[int, int | None]]) -> tuple[str, list]:
    rows = ", ".join(["(CAST(%s AS BIGINT), CAST(%s AS BIGINT))"] * len(pairs))
    return f"a(customer_id, user_id) AS (VALUES {rows})", [v for pair in pairs for v in pair]


def tasks_create_for_customers(*, actor: User, pairs: list[tuple[int, int | None]], blueprint: Blueprint,
                               source: str, origin_id: int, origin_label) -> int:
    """Create one task per (customer id, assignee id or ``None`` for unassigned) in ``pairs``,
    owned by ``actor``, in the caller's transaction. ``origin_label`` names what made them in
    the digest ("the rule “Qualified → call”"; lazy, to be worded in each assignee's language).
    Returns how many were made."""
    status = default_status(actor.organization_id)
    made = 0
    for start in range(0, len(pairs), CHUNK):
        made += _chunk(actor, pairs[start:start + CHUNK], blueprint, source, origin_id, status)
    _digest(actor, pairs, source, origin_id, origin_label)
    return made


def _chunk(actor, pairs, blueprint: Blueprint, source: str, origin_id: int, status) -> int:
    """One chunk: the tasks come back with their ids (``RETURNING``), so the assignments and the
    history are plain multi-row inserts, with no look-up in the (large) tasks table."""
    qn = connection.ops.quote_name
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    due_at = connection.ops.adapt_datetimefield_value(blueprint.due_at) if blueprint.due_at else None
    cte, cte_params = _values(pairs)
    title, title_params = _title_sql(blueprint.title)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH {cte} INSERT INTO {qn(Task._meta.db_table)} (organization_id, title, customer_id, owner_id,"
            " assignee_count, priority, status_id, is_pending, type_id, due_date, due_at, duration_minutes,"
            " description, source, origin_id, version, created_at, updated_at)"
            f" SELECT c.organization_id, {title}, c.id, %s, CASE WHEN a.user_id IS NULL THEN 0 ELSE 1 END,"
            " %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 1, %s, %s"
            f" FROM a JOIN {qn(Customer._meta.db_table)} c ON c.id = a.customer_id"
            f" LEFT JOIN {qn(User._meta.db_table)} o ON o.id = c.owner_id WHERE c.organization_id = %s"
            " RETURNING id, customer_id",
            [*cte_params, *title_params, actor.pk, blueprint.priority, status.pk, status.is_pending,
             blueprint.type_id, blueprint.due_date, due_at, blueprint.duration_minutes, blueprint.description,
             source, origin_id, now, now, actor.organization_id],
        )
        made = cursor.fetchall()
        hooks.tasks_changed.announce(organization_id=actor.organization_id, task_ids=[pk for pk, _c in made])
        user_of = dict(pairs)
        assigned = [(task_id, user_of[customer_id]) for task_id, customer_id in made if user_of[customer_id]]
        _insert_rows(cursor, TaskAssignment, ("organization_id", "task_id", "user_id", "is_pending", "due_date"),
                     [(actor.organization_id, task_id, user_id, status.is_pending, blueprint.due_date)
                      for task_id, user_id in assigned])
        _insert_rows(cursor, HistoryEntry, ("task_id", "actor_id", "action", "changes", "created_at"),
                     [(task_id, actor.pk, HistoryAction.CREATED, "[]", now) for task_id, _customer in made])
    return len(made)


def _insert_rows(cursor, model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """One multi-row ``INSERT ... VALUES`` (a chunk stays under SQLite's limit of parameters)."""
    if not rows:
        return
    qn = connection.ops.quote_name
    marks = "(" + ", ".join(["%s"] * len(columns)) + ")"
    cursor.execute(
        f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(c) for c in columns)}) VALUES "
        + ", ".join([marks] * len(rows)),
        [value for row in rows for value in row],
    )


def _digest(actor: User, pairs, source: str, origin_id: int, origin_label: str) -> None:
    """J2: one notification (and e-mail) per assignee for the whole run."""
    counts: dict[int, int] = {}
    for _customer, user_id in pairs:
        if user_id is not None:
            counts[user_id] = counts.get(user_id, 0) + 1
    people = User.objects.filter(pk__in=counts, is_active=True)
    for person in people:
        n = counts[person.pk]
        notify(event=Event.TASK_ASSIGNED, recipients=[person], actor=None, url=reverse("tasks:list"),
               title=lambda n=n: ngettext("%(origin)s gave you %(n)s new task", "%(origin)s gave you %(n)s new tasks",
                                          n) % {"origin": str(origin_label), "n": n})
