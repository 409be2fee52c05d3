"""The calendar benchmark (L9): the month view of a person with 2,000 tasks in the month, that
is the events endpoint over the six weeks a month view shows, through the whole stack (session,
middleware, API, the one query). Target: p95 under 100 ms.

The bench organization has one member with ``n`` tasks spread over the month, every third with
a time and a duration, plus tasks of a colleague in the same days that the query must skip.
Rows are bulk-inserted with the invariants the task services keep (assignment copies, counts).
"""

import calendar
import datetime as dt
import math
import time
from collections.abc import Callable

from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from followup.accounts.models import Organization, User
from followup.accounts.services import organization_create, user_create
from followup.calendars.selectors import calendar_events
from followup.customers.models import Customer
from followup.devtools.bench.measure import Case, Result, _OneConnection, measure
from followup.tasks.models import Task, TaskAssignment
from followup.tasks.status import default_status

SLUG = "bench-calendar"
TARGET_MS = 100.0


def bench_delete(log: Callable[[str], None] = print) -> None:
    """The tasks go first: their statuses are protected while a task has one."""
    org = Organization.objects.filter(slug=SLUG).first()
    if org is None:
        return
    with transaction.atomic():
        Task.objects.filter(organization=org).delete()
        org.delete()
    log("Removed the calendar bench organization.")


def _tasks_for(org: Organization, user: User, customer: Customer, n: int, first: dt.date) -> None:
    status = default_status(org.pk)
    days = calendar.monthrange(first.year, first.month)[1]
    tasks = []
    for i in range(n):
        day = first + dt.timedelta(days=i % days)
        timed = i % 3 == 0
        due_at = dt.datetime.combine(day, dt.time(8 + i % 10, 0), tzinfo=dt.UTC) if timed else None
        tasks.append(Task(organization=org, title=f"Calendar task {i}", customer=customer, owner=user, status=status,
                          is_pending=True, due_date=day, due_at=due_at, duration_minutes=60 if timed else None,
                          assignee_count=1))
    Task.objects.bulk_create(tasks, batch_size=1_000)
    TaskAssignment.objects.bulk_create(
        [TaskAssignment(organization=org, task=t, user=user, is_pending=True, due_date=t.due_date) for t in tasks],
        batch_size=1_000)


def generate(n: int, log: Callable[[str], None] = print) -> tuple[User, dt.date]:
    bench_delete(log)
    first = timezone.localdate().replace(day=1)
    with transaction.atomic():
        org = organization_create(name="Calendar Bench", slug=SLUG)
        member = user_create(organization=org, username="bench-calendar-member", first_name="Mia")
        colleague = user_create(organization=org, username="bench-calendar-colleague", first_name="Colin")
        customer = Customer.objects.create(organization=org, name="Bench customer")
        _tasks_for(org, member, customer, n, first)
        _tasks_for(org, colleague, customer, n, first)
    with connection.cursor() as cur:  # fresh rows: give the planner their statistics, as autovacuum would
        for table in ("tasks_task", "tasks_taskassignment"):
            cur.execute(f"ANALYZE {table}")
    log(f"Made {n:,} tasks in {first:%B %Y} for {member.username} (and as many for a colleague).")
    return User.objects.select_related("organization").get(pk=member.pk), first


def month_view(first: dt.date) -> tuple[dt.date, dt.date]:
    """The six weeks a month view of ``first``'s month shows, Monday to Sunday."""
    start = first - dt.timedelta(days=first.weekday())
    return start, start + dt.timedelta(days=42)


def cpu_p95_ms(user: User, url: str, runs: int) -> float:
    """The p95 of this process's CPU time per request: on a machine other work keeps busy, the
    wall-clock figures include waiting for a core, this does not (the database's own time is in
    the report's SQL column)."""
    client = Client()
    client.force_login(user)
    times = []
    for _ in range(runs):
        started = time.process_time()
        client.get(url)
        times.append((time.process_time() - started) * 1000)
    times.sort()
    return round(times[max(0, math.ceil(0.95 * len(times)) - 1)], 2)


def run(*, n: int, runs: int, log: Callable[[str], None] = print) -> tuple[Result, float]:
    """The wall-clock figures of ``bench.measure`` and the CPU p95, of the month view's events."""
    member, first = generate(n, log)
    start, end = month_view(first)
    case = Case(
        name=f"Calendar month view, {n:,} tasks (events JSON)", target_ms=TARGET_MS, user=member,
        url=f"/api/v1/calendar/events?start={start}&end={end}",
        selector=lambda: calendar_events(actor=member, person_ids=[member.pk], start=start, end=end),
    )
    with _OneConnection():
        return measure(case, runs=runs), cpu_p95_ms(member, case.url, runs)
