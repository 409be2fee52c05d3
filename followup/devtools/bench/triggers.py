"""``followup bench_triggers``: A1 at scale. N customers (100,000) with birthdays and contract
end dates spread over the year, a birthday trigger and a contract-end trigger (round-robin over a
department of 20); it times (1) a day's scheduled run of both triggers, which finds the day's
customers with one indexed query each, and (2) the worst case, a birthday trigger catching up on
a whole year of missed days, which makes a task for every customer.

It makes its own organization (slug ``bench-triggers``) and removes it at the end.
"""

import datetime as dt
import time
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from followup.accounts.models import Organization, Role, User
from followup.accounts.services import department_create, organization_create
from followup.automation.models import AssignTo
from followup.customers.models import Customer
from followup.datetriggers.firing import trigger_run_scheduled
from followup.datetriggers.models import DateTrigger, TriggerFire, TriggerRun, WatchedDate
from followup.notifications.models import Notification, OutboxEmail
from followup.tasks.models import HistoryEntry, Task, TaskAssignment

SLUG = "bench-triggers"
MEMBERS = 20


@dataclass
class Figures:
    customers: int
    daily_s: float
    daily_tasks: int
    catch_up_s: float
    catch_up_tasks: int

    def lines(self) -> list[str]:
        return [
            f"database: {connection.vendor}; customers: {self.customers:,}",
            f"a day's scheduled run (birthday + contract end triggers): {self.daily_s:.2f} s,"
            f" {self.daily_tasks:,} tasks (target: under 10 s)",
            f"a year of catching up (birthday trigger): {self.catch_up_s:.2f} s, {self.catch_up_tasks:,} tasks"
            f" = {self.catch_up_tasks / self.catch_up_s:,.0f} tasks/s",
        ]


def purge() -> None:
    """Remove the bench's organization, its many rows with plain ``DELETE``s, children first."""
    org = Organization.objects.filter(slug=SLUG).first()
    if org is None:
        return
    for rows in (TriggerFire.objects.filter(trigger__organization=org), TriggerRun.objects.filter(
            trigger__organization=org), HistoryEntry.objects.filter(task__organization=org),
            TaskAssignment.objects.filter(organization=org), Notification.objects.filter(organization=org),
            OutboxEmail.objects.filter(organization=org), Task.objects.filter(organization=org),
            Customer.objects.filter(organization=org)):
        rows._raw_delete(rows.db)
    org.delete()


def setup(customers: int, today: dt.date) -> tuple[DateTrigger, DateTrigger]:
    purge()
    org = organization_create(name="Bench Triggers", slug=SLUG)
    admin = User.objects.create(organization=org, username=f"{SLUG}-admin", role=Role.ADMIN)
    team = department_create(organization=org, name="Service")
    User.objects.bulk_create([User(organization=org, username=f"{SLUG}-{i}", department=team)
                              for i in range(MEMBERS)])
    for start in range(0, customers, 10_000):
        Customer.objects.bulk_create([
            Customer(organization=org, name=f"Customer {i:06d}", owner=admin,
                     birthday=dt.date(1960 + i % 45, 1, 1) + dt.timedelta(days=i % 365),
                     contract_end_date=today + dt.timedelta(days=i % 730))
            for i in range(start, min(customers, start + 10_000))], batch_size=2_000)
    made_at = timezone.now() - dt.timedelta(days=1)
    common = {"organization": org, "author": admin, "assign_to": AssignTo.ROUND_ROBIN, "assign_department": team}
    birthday = DateTrigger.objects.create(name="Birthday call", title="Birthday call: {customer}", **common)
    lease = DateTrigger.objects.create(name="Lease end", title="Lease ends in 30 days: {customer}",
                                       field=WatchedDate.CONTRACT_END, days_before=30, **common)
    DateTrigger.objects.filter(organization=org).update(created_at=made_at)
    return fresh(birthday), fresh(lease)


def fresh(trigger: DateTrigger) -> DateTrigger:
    return DateTrigger.objects.select_related("organization", "author").get(pk=trigger.pk)


def run(customers: int = 100_000) -> Figures:
    today = timezone.now().date()
    birthday, lease = setup(customers, today)
    started = time.perf_counter()
    daily = trigger_run_scheduled(birthday).made + trigger_run_scheduled(lease).made
    daily_s = time.perf_counter() - started
    DateTrigger.objects.filter(pk=birthday.pk).update(checked_through=today - dt.timedelta(days=364))
    started = time.perf_counter()
    caught_up = trigger_run_scheduled(fresh(birthday)).made
    catch_up_s = time.perf_counter() - started
    purge()
    return Figures(customers=customers, daily_s=daily_s, daily_tasks=daily, catch_up_s=catch_up_s,
                   catch_up_tasks=caught_up)
