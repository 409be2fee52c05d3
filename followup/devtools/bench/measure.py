"""``followup bench``, part two: measure the pages that must stay fast, each next to its plain twin.

Every request runs in process with ``django.test.Client`` on ONE database connection (the
request signals that would close it are disconnected while measuring), many times, because a
plan that goes bad after a few executions only shows up that way. Where a page is not there
yet (404), its selector is measured instead and the row says so. Issue 16 §6: each page and
its plain Django twin (``bench.twins``) are requested in turn, one after the other, so both
see the same hour of the machine; the whole set is measured in several rounds (three by
default) and a ratio counts when it holds in most of them.
"""

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.core import signals
from django.db import close_old_connections, connection
from django.test import Client, override_settings

from followup.accounts.models import Organization
from followup.devtools.bench.cases import Case, cases, prepare_detail
from followup.devtools.bench.explain import Explained, explain_case
from followup.devtools.bench.generate import Sizes

#: Issue 16: every page's median and p95 at most this many times its twin's.
RATIO_BAR = 1.5


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
    bytes: int = 0  # the page's weight (the response body)
    twin_url: str = ""
    twin_median_ms: float = 0.0
    twin_p95_ms: float = 0.0
    twin_bytes: int = 0

    @property
    def ok(self) -> bool:
        return self.runs > 0 and self.p95_ms < self.target_ms

    @property
    def ratios(self) -> tuple[float, float] | None:
        """(median, p95) over the twin's, when the page was measured beside one."""
        if not self.twin_median_ms or self.measured != "page":
            return None
        return round(self.median_ms / self.twin_median_ms, 2), round(self.p95_ms / self.twin_p95_ms, 2)

    @property
    def within_bar(self) -> bool | None:
        ratios = self.ratios
        return None if ratios is None else max(ratios) <= RATIO_BAR


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


def _getter(client: Client, url: str) -> Callable[[], object]:
    def get():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        return response
    return get


def _probe(client: Client, url: str) -> str:
    """Why the page cannot be measured ("" when it can)."""
    try:
        status = client.get(url).status_code
    except Exception as exc:  # noqa: BLE001 - a page being written right now may fail to import
        return f"{url} failed ({type(exc).__name__}: {exc})"
    return "" if status == 200 else f"{url} answered {status}"


def _summary(times: list[float]) -> tuple[float, float]:
    return round(statistics.median(times), 2), round(_percentile(times, 0.95), 2)


def measure(case: Case, runs: int, warmup: int = 3) -> Result:
    """Time the page (or its selector) ``runs`` times, its twin's request right after each."""
    result = Result(name=case.name, target_ms=case.target_ms, url=case.url, note=case.note)
    client = Client()
    client.force_login(case.user)
    problem = _probe(client, case.url) if case.url else ""
    use_page = bool(case.url) and not problem
    if not use_page:
        result.measured = "selector"
        if problem:
            result.note = "; ".join(filter(None, [f"{problem}: selector measured instead", result.note]))
    once = _getter(client, case.url) if use_page else case.selector
    twin = _getter(client, case.twin_url) if use_page and case.twin_url else None
    for _ in range(warmup):
        once()
        twin and twin()
    times, twin_times = [], []
    for _ in range(runs):
        started = time.perf_counter()
        once()
        times.append((time.perf_counter() - started) * 1000)
        if twin:
            started = time.perf_counter()
            twin()
            twin_times.append((time.perf_counter() - started) * 1000)
    result.runs = runs
    result.median_ms, result.p95_ms = _summary(times)
    if twin:
        result.twin_url = case.twin_url
        result.twin_median_ms, result.twin_p95_ms = _summary(twin_times)
        result.twin_bytes = len(twin().content)
    if use_page:
        result.bytes = len(once().content)
    sql_times = []
    for _ in range(5):
        timer = _SqlTimer()
        with connection.execute_wrapper(timer):
            once()
        sql_times.append(timer.seconds * 1000)
        result.queries = timer.count
    result.sql_ms = round(statistics.median(sql_times), 2)
    return result


def run_measurements(org: Organization, sizes: Sizes, runs: int, rounds: int = 3,
                     log: Callable[[str], None] = print) -> tuple[list[list[Result]], list[Explained], dict]:
    """Every case, ``rounds`` times over (round 1 of all cases, then round 2, ...): one list of
    results per round, the query plans, and whether one connection served it all."""
    prepare_detail(org)
    all_cases = cases(org, sizes)
    results, plans = [], []
    with _OneConnection(), override_settings(ROOT_URLCONF="followup.devtools.bench.twins"):
        before = backend_id()
        for number in range(1, rounds + 1):
            log(f" Round {number} of {rounds}:")
            results.append([])
            for case in all_cases:
                result = measure(case, runs)
                results[-1].append(result)
                twin = f" (twin {result.twin_median_ms} / {result.twin_p95_ms} ms)" if result.twin_url else ""
                log(f"  {case.name}: median {result.median_ms} ms, p95 {result.p95_ms} ms{twin}")
        after = backend_id()
        for case in all_cases:
            if case.explain:
                plans.extend(explain_case(case))
    return results, plans, {"before": before, "after": after, "same": before == after}
