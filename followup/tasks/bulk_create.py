"""Many tasks at once, one per customer, set-based: D8's bulk stage change of a hundred thousand
customers, A1's date triggers.

A chunk of customers is one ``INSERT ... SELECT`` of the tasks from the (customer, assignee)
rows (``core.sqlrows``: two array parameters on PostgreSQL, one JSON text on SQLite) joined to
the customers, returning the new ids, and two more ``INSERT ... SELECT`` of their assignments
and history from those ids; at the end each assignee gets one digest
notification and e-mail for the whole run instead of one per task (J2). Tasks so made are the
same rows as those of ``task_create``: the lists, visibility, history and search see them alike.
The title may name the customer (``{customer}``) and its owner (``{owner}``), filled in by SQL.
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice

from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from followup.accounts.models import User
from followup.core.sqlrows import ids_table, rows_table
from followup.customers.models import Customer
from followup.notifications.models import Event
from followup.notifications.services import notify
from followup.tasks import hooks
from followup.tasks.models import HistoryAction, HistoryEntry, Priority, Task, TaskAssignment
from followup.tasks.status import default_status

CHUNK = 10_000  # rows a statement; a few parameters each, whatever the size (``core.sqlrows``)
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


def tasks_create_for_customers(*, actor: User, pairs: Iterable[tuple[int, int | None]], blueprint: Blueprint,
                               source: str, origin_id: int, origin_label) -> int:
    """Create one task per (customer id, assignee id or ``None`` for unassigned) in ``pairs``,
    owned by ``actor``, in the caller's transaction. ``pairs`` may be a generator: it is read a
    chunk at a time, so a run of any size holds one chunk in memory. ``origin_label`` names what
    made them in the digest ("the rule “Qualified → call”"; lazy, to be worded in each
    assignee's language). Returns how many were made."""
    status = default_status(actor.organization_id)
    made, counts, pairs = 0, Counter(), iter(pairs)
    while chunk := list(islice(pairs, CHUNK)):
        made += _chunk(actor, chunk, blueprint, source, origin_id, status)
        counts.update(user_id for _customer, user_id in chunk if user_id is not None)
    _digest(counts, origin_label)
    return made


def _chunk(actor, pairs, blueprint: Blueprint, source: str, origin_id: int, status) -> int:
    """One chunk: the tasks come back with their ids (``RETURNING``), so the assignments and the
    history are ``INSERT ... SELECT`` from those ids, with no look-up in the (large) tasks
    table; each statement takes its rows as a few parameters (``rows_table``), however many."""
    qn = connection.ops.quote_name
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    due_at = connection.ops.adapt_datetimefield_value(blueprint.due_at) if blueprint.due_at else None
    wanted, wanted_params = rows_table([("customer_id", "bigint"), ("user_id", "bigint")], pairs)
    title, title_params = _title_sql(blueprint.title)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {qn(Task._meta.db_table)} (organization_id, title, customer_id, owner_id,"
            " assignee_count, priority, status_id, is_pending, type_id, due_date, due_at, duration_minutes,"
            " description, source, origin_id, version, created_at, updated_at)"
            f" SELECT c.organization_id, {title}, c.id, %s, CASE WHEN a.user_id IS NULL THEN 0 ELSE 1 END,"
            " %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 1, %s, %s"
            f" FROM ({wanted}) a JOIN {qn(Customer._meta.db_table)} c ON c.id = a.customer_id"
            f" LEFT JOIN {qn(User._meta.db_table)} o ON o.id = c.owner_id WHERE c.organization_id = %s"
            " RETURNING id, customer_id",
            [*title_params, actor.pk, blueprint.priority, status.pk, status.is_pending, blueprint.type_id,
             blueprint.due_date, due_at, blueprint.duration_minutes, blueprint.description, source, origin_id,
             now, now, *wanted_params, actor.organization_id],
        )
        made = cursor.fetchall()
        if not made:
            return 0
        task_ids = [pk for pk, _customer in made]
        hooks.tasks_changed.announce(organization_id=actor.organization_id, task_ids=task_ids)
        user_of = dict(pairs)
        assigned = [(task_id, user_of[customer_id]) for task_id, customer_id in made if user_of[customer_id]]
        if assigned:
            rows, rows_params = rows_table([("task_id", "bigint"), ("user_id", "bigint")], assigned)
            cursor.execute(
                f"INSERT INTO {qn(TaskAssignment._meta.db_table)} (organization_id, task_id, user_id, is_pending,"
                f" due_date) SELECT %s, r.task_id, r.user_id, %s, %s FROM ({rows}) r",
                [actor.organization_id, status.is_pending, blueprint.due_date, *rows_params],
            )
        created, created_params = ids_table(task_ids)
        cursor.execute(
            f"INSERT INTO {qn(HistoryEntry._meta.db_table)} (task_id, actor_id, action, changes, created_at)"
            f" SELECT r.id, %s, %s, %s, %s FROM ({created}) r",
            [actor.pk, HistoryAction.CREATED, "[]", now, *created_params],
        )
    return len(made)


def _digest(counts: Counter, origin_label) -> None:
    """J2: one notification (and e-mail) per assignee for the whole run."""
    people = User.objects.filter(pk__in=counts, is_active=True)
    for person in people:
        n = counts[person.pk]
        notify(event=Event.TASK_ASSIGNED, recipients=[person], actor=None, url=reverse("tasks:list"),
               title=lambda n=n: ngettext("%(origin)s gave you %(n)s new task", "%(origin)s gave you %(n)s new tasks",
                                          n) % {"origin": str(origin_label), "n": n})
