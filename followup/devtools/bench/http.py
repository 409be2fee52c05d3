"""``followup bench_http``: requests per second of My pending next to its plain twin, both served
by gunicorn with 2 workers on loopback (issue 16 §3: Followup's req/s at least 0.8× the twin's).

A small driver instead of ``wrk`` (not installed everywhere): ``connections`` threads, each with
its own ``http.client`` connection (kept alive where the server allows it; gunicorn's sync
workers close it after each answer, and the connection reopens), asking for one URL as fast as
answers come, for ``seconds``. Followup's page and the twin take turns for ``rounds`` rounds so
both see the same minutes of a machine that other people share; the ratio of each round and
their median are reported.
"""

import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.test import Client

from followup.accounts.models import User

READY_SECONDS = 60
#: Issue 16 §3: My pending's req/s at least this share of the plain page's.
THROUGHPUT_BAR = 0.8


@dataclass
class Rate:
    url: str
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    bytes: int = 0

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


@dataclass
class Pair:
    page: Rate
    twin: Rate

    @property
    def ratio(self) -> float:
        return round(self.page.per_second / self.twin.per_second, 2) if self.twin.per_second else 0.0


@dataclass
class Throughput:
    pairs: list[Pair] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return statistics.median(p.ratio for p in self.pairs) if self.pairs else 0.0

    @property
    def holds(self) -> bool:
        return self.ratio >= THROUGHPUT_BAR


def session_cookie(user: User) -> str:
    """A signed-in session of ``user`` stored in the database, which the workers read."""
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn serving ``followup.devtools.bench.wsgi`` until the ``with`` block ends."""

    def __init__(self, host: str, port: int, workers: int):
        self.host, self.port, self.workers = host, port, workers
        self.process: subprocess.Popen | None = None

    def __enter__(self):
        argv = [sys.executable, "-m", "gunicorn", "followup.devtools.bench.wsgi:application",
                "--workers", str(self.workers), "--bind", f"{self.host}:{self.port}", "--keep-alive", "5",
                "--error-logfile", "-", "--log-level", "warning"]
        self.process = subprocess.Popen(argv, env=os.environ.copy())
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start-up (exit code {self.process.returncode})")
            try:
                with socket.create_connection((self.host, self.port), 0.2):
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer on {self.host}:{self.port} within {READY_SECONDS} s")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def drive(host: str, port: int, url: str, cookie: str, *, seconds: float, connections: int) -> Rate:
    """Ask for ``url`` from ``connections`` threads for ``seconds``; count the 200 answers."""
    rate = Rate(url)
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def worker():
        conn = http.client.HTTPConnection(host, port, timeout=30)
        done = failed = size = 0
        while time.perf_counter() < stop_at:
            try:
                conn.request("GET", url, headers={"Cookie": cookie})
                response = conn.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException):
                conn.close()
                failed += 1
                continue
            if response.status == 200:
                done, size = done + 1, len(body)
            else:
                failed += 1
        conn.close()
        with lock:
            rate.requests += done
            rate.errors += failed
            rate.bytes = rate.bytes or size

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rate.seconds = time.perf_counter() - started
    return rate


def measure(*, user: User, page_url: str, twin_url: str, seconds: float, rounds: int, connections: int,
            workers: int = 2, host: str = "127.0.0.1", log: Callable[[str], None] = print) -> Throughput:
    """Start gunicorn, warm both URLs up, then alternate them for ``rounds`` rounds."""
    cookie = session_cookie(user)
    result = Throughput()
    with Server(host, free_port(host), workers) as server:
        for url in (page_url, twin_url):
            drive(host, server.port, url, cookie, seconds=1, connections=connections)
        for number in range(1, rounds + 1):
            page = drive(host, server.port, page_url, cookie, seconds=seconds, connections=connections)
            twin = drive(host, server.port, twin_url, cookie, seconds=seconds, connections=connections)
            pair = Pair(page, twin)
            result.pairs.append(pair)
            log(f"  round {number}: {page.per_second:.1f} req/s ({page.errors} errors, {page.bytes:,} bytes) "
                f"vs twin {twin.per_second:.1f} req/s ({twin.errors} errors, {twin.bytes:,} bytes): {pair.ratio}x")
    return result
