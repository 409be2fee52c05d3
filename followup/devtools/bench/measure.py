"""``followup bench``, part two: measure the pages that must stay fast.

Every request runs in process with ``django.test.Client`` on ONE database connection (the
request signals that would close it are disconnected while measuring), many times, because a
plan that goes bad after a few executions only shows up that way. Where a page is not there
yet (404), its selector is measured instead and the row says so. The plain Django page of
``bench.baseline`` is measured first, in the same run, so the report can give Followup's
ratio to it whatever the machine's speed that hour.
"""

import math
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.core import signals
from django.db import close_old_connections, connection
from django.db.models import Count
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from followup.accounts.models import Organization, Role, User
from followup.devtools.bench.baseline import PLAIN_URL
from followup.devtools.bench.generate import Sizes, rare_word
from followup.devtools.names import COMMON_WORD
from followup.tasks.models import Task, TaskAssignment

BASELINE_NAME = "Plain Django page, My pending (baseline)"
MY_PENDING_NAME = "My pending, first page (HTML)"


@dataclass
class Result:
    name: str
    target_ms: float
    median_ms: float = 0.0
    p95_ms: float = 0.0
    runs: int = 0
    sql_ms: float = 0.0  # median time spent in SQL per request (measured in separate runs)
    queries: int = 0
    measured: str = "page"  # "page" (the URL through the whole stack) or "selector" (URL not there yet)
    url: str = ""
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.runs > 0 and self.p95_ms < self.target_ms


@dataclass
class Explained:
    name: str
    sql: str
    plan: str
    seq_scan: bool
    note: str = ""


@dataclass
class Case:
    name: str
    target_ms: float
    user: User
    url: str
    selector: Callable[[], object]
    explain: bool = True
    note: str = ""


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]


class _OneConnection:
    """Keep Django from closing the connection between requests while measuring."""

    def __enter__(self):
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
        return self

    def __exit__(self, *exc):
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def backend_id() -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_backend_pid()")
            return f"pid {cur.fetchone()[0]}"
    connection.ensure_connection()
    return f"connection {id(connection.connection):x}"


def pick_people(org: Organization) -> tuple[User, User, int]:
    """A member with a typical (median) number of pending tasks, the company manager, and one of
    the member's pending tasks for the detail page."""
    loads = list(
        TaskAssignment.objects.filter(organization=org, is_pending=True, user__role=Role.MEMBER)
        .values("user_id").annotate(n=Count("id")).order_by("n", "user_id")
    )
    member_id = loads[len(loads) // 2]["user_id"] if loads else None
    member = User.objects.select_related("organization").get(
        pk=member_id) if member_id else User.objects.filter(organization=org, role=Role.MEMBER).first()
    manager = User.objects.select_related("organization").get(organization=org, username="bench-manager")
    task = (TaskAssignment.objects.filter(user=member, is_pending=True).order_by("due_date", "task_id")
            .values_list("task_id", flat=True).first())
    return member, manager, task


def cases(org: Organization, sizes: Sizes) -> list[Case]:
    from followup.customers.selectors import customer_detail, customer_list
    from followup.customers.timeline import customer_timeline
    from followup.tasks.selectors import (
        TaskFilters,
        TaskView,
        pending_count,
        task_detail,
        task_history,
        task_list,
        task_notes,
    )

    member, manager, task_id = pick_people(org)
    rare = rare_word(sizes)
    customer_id = Task.objects.filter(pk=task_id).values_list("customer_id", flat=True).first()

    def detail():
        task = task_detail(actor=member, task_id=task_id)
        return task, task_notes(task=task), task_history(task=task)

    def history():
        return customer_timeline(actor=member, customer=customer_detail(actor=member, customer_id=customer_id))

    return [
        Case(BASELINE_NAME, 20, member, PLAIN_URL,
             lambda: task_list(actor=member, view=TaskView.MY_PENDING), explain=False,
             note="not Followup: the plain page the 2x bar is measured against"),
        Case(MY_PENDING_NAME, 20, member, "/tasks/",
             lambda: task_list(actor=member, view=TaskView.MY_PENDING)),
        Case("All pending, overdue (HTML, manager)", 20, manager, "/tasks/all_pending/?overdue=1",
             lambda: task_list(actor=manager, view=TaskView.ALL_PENDING, filters=TaskFilters(overdue=True))),
        Case(f"Search, rare word '{rare}' (HTML, manager)", 30, manager, f"/tasks/all_pending/?q={rare}",
             lambda: task_list(actor=manager, view=TaskView.ALL_PENDING, filters=TaskFilters(q=rare))),
        Case(f"Search, common word '{COMMON_WORD}' (HTML, manager)", 30, manager,
             f"/tasks/all_pending/?q={COMMON_WORD}",
             lambda: task_list(actor=manager, view=TaskView.ALL_PENDING, filters=TaskFilters(q=COMMON_WORD)),
             note="a short word in a quarter of all titles"),
        Case("Header count (pending_count)", 3, member, "", lambda: pending_count(member)),
        Case("Header count (GET /api/v1/counts)", 3, member, "/api/v1/counts", lambda: pending_count(member)),
        Case("Task detail (HTML)", 20, member, f"/tasks/{task_id}/", detail, explain=False),
        Case("API GET /api/v1/tasks?view=my_pending", 20, member, "/api/v1/tasks?view=my_pending",
             lambda: task_list(actor=member, view=TaskView.MY_PENDING)),
        Case("Customer list (HTML)", 20, member, "/customers/", lambda: customer_list(actor=member)),
        Case("Customer history (HTML, C4)", 20, member, f"/customers/{customer_id}/history/", history,
             note="the customer of the task above: its tasks, notes, chat and deals in one timeline"),
    ]


def _prepare_detail(org: Organization) -> None:
    """Give the measured task a few notes and history entries, as a real one would have."""
    from followup.tasks.services import note_add, task_update

    member, _manager, task_id = pick_people(org)
    if task_id and not Task.objects.get(pk=task_id).notes.exists():
        for body in ("Left a voicemail.", "Asked for the price list.", "Meeting agreed for next week."):
            note_add(actor=member, task_id=task_id, body=body)
        task_update(actor=member, task_id=task_id, priority=3)


class _SqlTimer:
    """Adds up the time spent executing SQL (and fetching the rows the cursor returns)."""

    def __init__(self):
        self.seconds = 0.0
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


def measure(case: Case, runs: int, warmup: int = 3) -> Result:
    result = Result(name=case.name, target_ms=case.target_ms, url=case.url, note=case.note)
    client = Client()
    client.force_login(case.user)
    problem = ""
    if case.url:
        try:
            status = client.get(case.url).status_code
            problem = "" if status == 200 else f"{case.url} answered {status}"
        except Exception as exc:  # noqa: BLE001 - a page being written right now may fail to import
            problem = f"{case.url} failed ({type(exc).__name__}: {exc})"
    use_page = bool(case.url) and not problem
    if not use_page:
        result.measured = "selector"
        if problem:
            result.note = "; ".join(filter(None, [f"{problem}: selector measured instead", result.note]))

    def once():
        if use_page:
            response = client.get(case.url)
            if response.status_code != 200:
                raise RuntimeError(f"{case.url} answered {response.status_code}")
            return response
        return case.selector()

    for _ in range(warmup):
        once()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        once()
        times.append((time.perf_counter() - started) * 1000)
    result.runs = runs
    result.median_ms = round(statistics.median(times), 2)
    result.p95_ms = round(_percentile(times, 0.95), 2)
    sql_times = []
    for _ in range(5):
        timer = _SqlTimer()
        with connection.execute_wrapper(timer):
            once()
        sql_times.append(timer.seconds * 1000)
        result.queries = timer.count
    result.sql_ms = round(statistics.median(sql_times), 2)
    return result


_TASK_TABLES = re.compile(r"\b(tasks_task|tasks_taskassignment|customers_customer)\b")


def explain_case(case: Case) -> list[Explained]:
    """EXPLAIN (ANALYZE on PostgreSQL) of each query of the case that reads tasks or customers."""
    with CaptureQueriesContext(connection) as captured:
        case.selector()
    found = []
    for query in captured.captured_queries:
        sql = query["sql"]
        if not sql.lstrip("( ").upper().startswith("SELECT") or not _TASK_TABLES.search(sql):
            continue
        with connection.cursor() as cur:
            if connection.vendor == "postgresql":
                cur.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) " + sql)
                plan = "\n".join(row[0] for row in cur.fetchall())
                seq = bool(re.search(r"Seq Scan on (tasks_task|tasks_taskassignment)\b", plan))
            else:
                cur.execute("EXPLAIN QUERY PLAN " + sql)
                plan = "\n".join(str(row[-1]) for row in cur.fetchall())
                seq = bool(re.search(r"SCAN (tasks_task|tasks_taskassignment|U\d)\b(?! USING)", plan))
        note = ""
        if seq and "ORDER BY" not in sql.upper() and re.search(r"LIMIT \d+\s*$", sql):
            note = ("an unordered probe under a LIMIT: the scan stops as soon as it has that many matches, "
                    "which for a common word is after a few thousand rows")
        found.append(Explained(case.name, sql, plan, seq, note))
    return found


def run_measurements(org: Organization, sizes: Sizes, runs: int,
                     log: Callable[[str], None] = print) -> tuple[list[Result], list[Explained], dict]:
    _prepare_detail(org)
    all_cases = cases(org, sizes)
    results, plans = [], []
    with _OneConnection(), override_settings(ROOT_URLCONF="followup.devtools.bench.baseline"):
        before = backend_id()
        for case in all_cases:
            results.append(measure(case, runs))
            log(f"  {case.name}: median {results[-1].median_ms} ms, p95 {results[-1].p95_ms} ms")
        after = backend_id()
        for case in all_cases:
            if case.explain:
                plans.extend(explain_case(case))
    return results, plans, {"before": before, "after": after, "same": before == after}
