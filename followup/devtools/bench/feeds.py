"""The calendar-feed benchmark (B1): one person with 2,000 tasks (half with a time, a tenth
with a customer and a description), their feed fetched through the whole Django stack (URL,
middleware, view) as a calendar client polls it: the first fetch (every event rendered), then
fetches of the full body (events cached) and conditional fetches answered 304. Target: p95 of
the full fetch under 100 ms."""

import datetime as dt
import statistics
import time
from dataclasses import dataclass, field

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from followup.accounts.models import Organization
from followup.accounts.services import organization_create, user_create
from followup.customers.models import Customer
from followup.sharing.feeds import RENDERED
from followup.sharing.services import feed_regenerate, share_set
from followup.tasks.models import Task, TaskAssignment
from followup.tasks.status import default_status

SLUG = "bench-feeds"


@dataclass
class Figures:
    tasks: int
    first_ms: float = 0.0
    full_ms: list[float] = field(default_factory=list)
    not_modified_ms: list[float] = field(default_factory=list)
    busy_ms: list[float] = field(default_factory=list)
    size_kb: float = 0.0

    @staticmethod
    def p95(values: list[float]) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    def lines(self) -> list[str]:
        def row(name, values):
            return f"  {name:<28} median {statistics.median(values):7.1f} ms   p95 {self.p95(values):7.1f} ms"
        verdict = "ok" if self.p95(self.full_ms) < 100 else "SLOW"
        return [f"Feeds bench: a feed of {self.tasks:,} tasks ({self.size_kb:,.0f} KB)",
                f"  {'first fetch (all rendered)':<28} {self.first_ms:7.1f} ms",
                row("full fetch (target p95 100)", self.full_ms) + f"   {verdict}",
                row("unchanged (304)", self.not_modified_ms),
                row("busy feed (shared, 2,000)", self.busy_ms)]


def bench_delete() -> None:
    """Tasks first: their statuses are protected from a cascade that reaches them first."""
    Task.objects.filter(organization__slug=SLUG).delete()
    Organization.objects.filter(slug=SLUG).delete()


def _people(tasks: int):
    bench_delete()
    org = organization_create(name="Feeds Bench", slug=SLUG)
    owner = user_create(organization=org, username="feeds-bench-owner", password=None, email="owner@bench.invalid",
                        first_name="Fiona", last_name="Feeds", time_zone="Europe/Warsaw")
    viewer = user_create(organization=org, username="feeds-bench-viewer", password=None,
                         email="viewer@bench.invalid", first_name="Victor", last_name="Viewer")
    customer = Customer.objects.create(organization=org, name="Bench Customer Ltd")
    status = default_status(org.pk, "open")
    today = timezone.localdate()
    rows = [Task(organization=org, title=f"Bench task {i}", owner=owner, status=status, assignee_count=1,
                 due_date=today + dt.timedelta(days=i % 120),
                 due_at=(timezone.now() + dt.timedelta(days=i % 120, hours=i % 8)) if i % 2 else None,
                 duration_minutes=45 if i % 2 else None, customer=customer if i % 10 == 0 else None,
                 description="Bring the signed offer." if i % 10 == 0 else "") for i in range(tasks)]
    created = Task.objects.bulk_create(rows, batch_size=500)
    TaskAssignment.objects.bulk_create([TaskAssignment(organization=org, task=t, user=owner, due_date=t.due_date)
                                        for t in created], batch_size=500)
    share_set(actor=owner, grantee_id=viewer.pk, level=1)
    return owner, viewer


def _timed(client: Client, url: str, **headers) -> tuple[float, object]:
    start = time.perf_counter()
    response = client.get(url, headers=headers)
    return (time.perf_counter() - start) * 1000, response


def run(*, tasks: int = 2000, runs: int = 50) -> Figures:
    owner, viewer = _people(tasks)
    client = Client()
    _feed, raw = feed_regenerate(user=owner, include_details=True)
    _feed, viewer_raw = feed_regenerate(user=viewer)
    url = reverse("sharing:feed_tasks", args=[raw])
    busy_url = reverse("sharing:feed_busy", args=[viewer_raw])
    RENDERED.clear()
    figures = Figures(tasks=tasks)
    figures.first_ms, response = _timed(client, url)
    figures.size_kb = len(response.content) / 1024
    etag = response["ETag"]
    for _ in range(runs):
        figures.full_ms.append(_timed(client, url)[0])
        figures.not_modified_ms.append(_timed(client, url, if_none_match=etag)[0])
        figures.busy_ms.append(_timed(client, busy_url)[0])
    return figures
