"""``followup bench_automation``: D8 at scale. A bulk stage change of N customers (100,000 by
default) under one rule assigning round-robin over a department of 20 people, from the move to
the last task (tasks, assignments, history, the assignees' digests), against a plain-Django twin
that writes the same rows with ``bulk_create`` and nothing else (no rule, no assignment rule, no
notifications), measured in the same run on the same database.

It makes its own organization (slug ``bench-automation``) and removes it again at the end, so it
can run on any database; on a database shared with ``followup bench`` it leaves that data alone.
"""

import gc
import resource
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from followup.accounts.models import Organization, Role, User
from followup.accounts.services import department_create, organization_create
from followup.automation.models import AssignTo, StageRule
from followup.automation.queue import events_process
from followup.customers.models import Customer, Stage, StageChange
from followup.customers.stages import customers_move_to_stage
from followup.notifications.models import Notification, OutboxEmail
from followup.tasks.models import HistoryAction, HistoryEntry, Source, Task, TaskAssignment
from followup.tasks.status import default_status

SLUG = "bench-automation"
MEMBERS = 20


@dataclass
class Figures:
    customers: int
    tasks: int
    move_s: float
    tasks_s: float
    plain_s: float
    start_rss_mb: float
    peak_rss_mb: float

    @property
    def total_s(self) -> float:
        return self.move_s + self.tasks_s

    @property
    def per_second(self) -> float:
        return self.tasks / self.total_s if self.total_s else 0.0

    def lines(self) -> list[str]:
        return [
            f"database: {connection.vendor}; customers moved: {self.customers:,}; tasks made: {self.tasks:,}",
            f"bulk stage change (UPDATE + stage changes): {self.move_s:.2f} s",
            f"rule's tasks (tasks, assignments, history, digests): {self.tasks_s:.2f} s",
            f"total {self.total_s:.2f} s = {self.per_second:,.0f} tasks/s (target: 5,000/s on PostgreSQL)",
            f"plain Django twin (bulk_create of the same tasks, assignments and history): {self.plain_s:.2f} s "
            f"= {self.tasks / self.plain_s:,.0f} tasks/s; Followup / plain = {self.total_s / self.plain_s:.2f}x",
            f"memory: {self.start_rss_mb:.0f} MB resident before the run, peak {self.peak_rss_mb:.0f} MB during it"
            f" (+{max(0.0, self.peak_rss_mb - self.start_rss_mb):.0f} MB)",
        ]


def purge() -> None:
    """Remove the bench's organization. Its hundred thousand rows go with plain ``DELETE``s (the
    ORM's collector would load every row first), children before parents."""
    org = Organization.objects.filter(slug=SLUG).first()
    if org is None:
        return
    for rows in (HistoryEntry.objects.filter(task__organization=org), TaskAssignment.objects.filter(organization=org),
                 Notification.objects.filter(organization=org), OutboxEmail.objects.filter(organization=org),
                 StageChange.objects.filter(organization=org), Task.objects.filter(organization=org),
                 Customer.objects.filter(organization=org)):
        rows._raw_delete(rows.db)
    org.delete()


def setup(customers: int) -> tuple[User, StageRule]:
    """A fresh organization: an administrator, a department of 20, N customers in Lead."""
    purge()
    org = organization_create(name="Bench Automation", slug=SLUG)
    admin = User.objects.create(organization=org, username=f"{SLUG}-admin", role=Role.ADMIN, is_staff=True)
    team = department_create(organization=org, name="Inside sales")
    User.objects.bulk_create([User(organization=org, username=f"{SLUG}-{i}", first_name=f"Member {i}",
                                   department=team) for i in range(MEMBERS)])
    for start in range(0, customers, 10_000):
        Customer.objects.bulk_create([Customer(organization=org, name=f"Customer {i:06d}", owner=admin)
                                      for i in range(start, min(customers, start + 10_000))], batch_size=2_000)
    rule = StageRule.objects.create(organization=org, author=admin, name="Prospect → call", stage=Stage.PROSPECT,
                                    title="Call {customer}", due_in_days=2, assign_to=AssignTo.ROUND_ROBIN,
                                    assign_department=team)
    return admin, rule


def plain_twin(admin: User, rule: StageRule) -> float:
    """The same rows written the plain way, in a transaction rolled back afterwards. It pays
    what a commit would (PostgreSQL checks its deferred foreign keys then: ``SET CONSTRAINTS
    ALL IMMEDIATE`` runs them before the rollback), and the dead rows it leaves are vacuumed
    away, so that the measured run does not pay for them either."""
    status = default_status(admin.organization_id)
    members = list(User.objects.filter(department=rule.assign_department).values_list("pk", flat=True))
    started = time.perf_counter()
    with transaction.atomic():
        rows = list(Customer.objects.filter(organization_id=admin.organization_id).values_list("pk", "name"))
        due = timezone.localdate()
        tasks = Task.objects.bulk_create([
            Task(organization_id=admin.organization_id, title=f"Call {name}", customer_id=pk, owner=admin,
                 assignee_count=1, status=status, is_pending=True, due_date=due, source=Source.AUTOMATION)
            for pk, name in rows], batch_size=2_000)
        TaskAssignment.objects.bulk_create([
            TaskAssignment(organization_id=admin.organization_id, task_id=t.pk, user_id=members[i % len(members)],
                           is_pending=True, due_date=due) for i, t in enumerate(tasks)], batch_size=2_000)
        HistoryEntry.objects.bulk_create([HistoryEntry(task_id=t.pk, actor=admin, action=HistoryAction.CREATED)
                                          for t in tasks], batch_size=2_000)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    _vacuum()
    return elapsed


def _vacuum() -> None:
    """Clear the dead rows of the previous step (VACUUM cannot run inside a transaction, as in a
    test; there the step's few rows need no clearing)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        for model in (Task, TaskAssignment, HistoryEntry):
            cursor.execute(f"VACUUM {connection.ops.quote_name(model._meta.db_table)}")


def _resident_mb(field: str) -> float:
    """``VmRSS`` (now) or ``VmHWM`` (the peak) of this process, in MB, from Linux's /proc."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak() -> None:
    """Start the kernel's peak (``VmHWM``) again from the present size, so that it measures the
    run alone and not the twin before it. Memory is measured this way, not by tracing Python's
    allocations, because a tracer slows the very run that is being timed."""
    gc.collect()
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:  # not Linux: the process's peak so far stands
        pass


def run(customers: int = 100_000) -> Figures:
    reverse("tasks:list")  # a worker has its URLs loaded long before its first event
    admin, rule = setup(customers)
    plain = plain_twin(admin, rule)
    _reset_peak()
    start_rss = _resident_mb("VmRSS")
    started = time.perf_counter()
    moved = customers_move_to_stage(actor=admin, stage=Stage.PROSPECT,
                                    everyone_matching=Customer.objects.filter(organization_id=admin.organization_id))
    moved_at = time.perf_counter()
    events_process()
    done = time.perf_counter()
    peak_rss = _resident_mb("VmHWM")
    made = Task.objects.filter(source=Source.AUTOMATION, origin_id=rule.pk).count()
    figures = Figures(customers=moved, tasks=made, move_s=moved_at - started, tasks_s=done - moved_at,
                      plain_s=plain, start_rss_mb=start_rss, peak_rss_mb=peak_rss)
    purge()
    return figures
