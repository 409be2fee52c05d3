"""The offline-sync benchmark (A2): a phone's full copy of 10,000 visible tasks from cursor 0,
then an incremental sync of 1,000 changes, each page through the whole HTTP stack (token
authentication, the endpoint, JSON), timed one by one.

It makes its own organization (slug ``bench-sync``): one member who is assigned every task, the
tasks made set-based (``tasks_create_for_customers``, which logs them like any other writer),
and the changes made one by one through ``task_update`` (the path a phone's or a colleague's
edit takes). The organization is removed at the end.
"""

import datetime as dt
import statistics
import time
from dataclasses import dataclass, field

from django.db import connection
from django.test import Client

from followup.accounts.models import Organization, User
from followup.accounts.services import api_token_create, organization_create
from followup.customers.models import Customer
from followup.sync.models import Change
from followup.tasks.bulk_create import Blueprint, tasks_create_for_customers
from followup.tasks.models import HistoryEntry, Note, Source, Task, TaskAssignment
from followup.tasks.services import task_update

SLUG = "bench-sync"


@dataclass
class Run:
    name: str
    objects: int = 0
    page_ms: list[float] = field(default_factory=list)

    def line(self) -> str:
        ms = sorted(self.page_ms)
        p95 = ms[max(0, round(0.95 * len(ms)) - 1)]
        return (f"{self.name}: {self.objects:,} objects in {len(ms)} pages, {sum(ms) / 1000:.2f} s in all; "
                f"page median {statistics.median(ms):.0f} ms, p95 {p95:.0f} ms, max {ms[-1]:.0f} ms")


def purge() -> None:
    """Plain ``DELETE``s, children before parents (the ORM's collector would load every row)."""
    org = Organization.objects.filter(slug=SLUG).first()
    if org is None:
        return
    for rows in (Change.objects.filter(organization=org), Note.objects.filter(task__organization=org),
                 HistoryEntry.objects.filter(task__organization=org), TaskAssignment.objects.filter(organization=org),
                 Task.objects.filter(organization=org), Customer.objects.filter(organization=org)):
        rows._raw_delete(rows.db)
    org.delete()


def setup(tasks: int) -> User:
    purge()
    org = organization_create(name="Bench Sync", slug=SLUG)
    member = User.objects.create(organization=org, username=f"{SLUG}-member", first_name="Mobile")
    customers = Customer.objects.bulk_create(
        [Customer(organization=org, name=f"Customer {i:05d}", owner=member) for i in range(tasks)], batch_size=2_000)
    tasks_create_for_customers(actor=member, pairs=[(c.pk, member.pk) for c in customers],
                               blueprint=Blueprint(title="Call {customer}", due_date=dt.date.today()),
                               source=Source.API, origin_id=0, origin_label="bench")
    return member


def sync(client: Client, token: str, cursor: str, size: int, name: str) -> tuple[Run, str]:
    """Page from ``cursor`` until ``has_more`` is false; returns the timings and the last cursor."""
    run = Run(name)
    while True:
        started = time.perf_counter()
        response = client.get("/api/v1/sync", {"cursor": cursor, "size": size},
                              headers={"Authorization": f"Bearer {token}"})
        run.page_ms.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"sync answered {response.status_code}: {response.content[:200]!r}")
        body = response.json()
        run.objects += sum(len(v) for v in body["changed"].values()) + sum(len(v) for v in body["deleted"].values())
        cursor = body["cursor"]
        if not body["has_more"]:
            return run, cursor


def run(*, tasks: int = 10_000, changes: int = 1_000, size: int = 500, log=print) -> list[str]:
    log(f"making {tasks:,} tasks on {connection.vendor}…")
    member = setup(tasks)
    token = api_token_create(user=member, name="bench")[1]
    client = Client()
    full, cursor = sync(client, token, "0", size, f"full sync from cursor 0 (page size {size})")
    log(f"changing {changes:,} tasks…")
    for task_id in Task.objects.filter(organization_id=member.organization_id).order_by("?").values_list(
            "pk", flat=True)[:changes]:
        task_update(actor=member, task_id=task_id, title="Changed on the desktop")
    incremental, _cursor = sync(client, token, cursor, size, f"incremental sync of {changes:,} changes")
    purge()
    return [f"database: {connection.vendor}", full.line(), incremental.line()]
