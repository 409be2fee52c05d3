"""PostgreSQL stops and starts under a web server, a worker and the scheduler: all carry on (issue 13 §3.1, §3.2).

The test makes a PostgreSQL cluster of its own (``private_postgres``), migrates it, and starts
gunicorn, ``followup worker`` and ``followup scheduler`` on it. Three clients keep writing tasks
through the API (each notifies someone, so the worker has e-mail to deliver), reading the API and
reading a page. The cluster is stopped for a few seconds and started again. Bar: no process dies,
every answer while the database is down is a 503 with ``Retry-After`` (JSON under /api/, the
branded page elsewhere), every answer before and after it is a success, and every write that
was acknowledged (201) is in the database afterwards; the worker and the scheduler work again.
"""

import json
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import date, timedelta

import psycopg
import pytest

from followup.core.tests.private_postgres import free_port, private_cluster_or_skip, wait_until
from followup.core.tests.processes import PROJECT_DIR, child_process_env

pytestmark = pytest.mark.postgres

SETUP = textwrap.dedent("""
    import json
    import django
    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from followup.accounts.services import api_token_create, organization_create, user_create
    from followup.customers.models import Customer

    org = organization_create(name="Outage Ltd", slug="outage")
    alice = user_create(organization=org, username="alice", email="alice@example.com", password="x-Outage-2026")
    bob = user_create(organization=org, username="bob", email="bob@example.com")
    customer = Customer.objects.create(organization=org, name="ACME")
    _token, raw = api_token_create(user=alice, name="outage test")
    session = SessionStore()
    session.update({SESSION_KEY: str(alice.pk), BACKEND_SESSION_KEY: "followup.accounts.backends.FollowupBackend",
                    HASH_SESSION_KEY: alice.get_session_auth_hash()})
    session.create()
    print(json.dumps({"token": raw, "session": session.session_key, "bob": bob.pk, "customer": customer.pk}))
""")


@dataclass
class Answer:
    kind: str
    started: float
    ended: float
    status: int
    retry_after: str | None = None
    content_type: str = ""
    body: str = ""
    title: str = ""


@dataclass
class Traffic:
    base: str
    token: str
    session: str
    bob: int
    customer: int
    answers: list[Answer] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def request(self, kind: str, path: str, *, data: dict | None = None, title: str = "") -> None:
        headers = {"Authorization": f"Bearer {self.token}"} if path.startswith("/api/") else {
            "Cookie": f"sessionid={self.session}"}
        body = None
        if data is not None:
            body = json.dumps(data).encode()
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        started = time.time()
        try:
            with urllib.request.urlopen(request, timeout=15) as response:
                status, head, text = response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            status, head, text = error.code, error.headers, error.read().decode()
        except OSError as error:  # the server itself did not answer: that is a failure too
            status, head, text = 0, {}, repr(error)
        self.answers.append(Answer(kind, started, time.time(), status, head.get("Retry-After"),
                                   head.get("Content-Type", ""), text[:20_000], title))

    def loop(self, kind: str) -> None:
        n = 0
        while not self.stop.is_set():
            n += 1
            if kind == "write":
                title = f"Outage task {threading.get_ident()}-{n}"
                self.request(kind, "/api/v1/tasks", title=title, data={
                    "title": title, "customer_id": self.customer, "assignee_ids": [self.bob], "priority": "medium",
                    "due_date": (date.today() + timedelta(days=3)).isoformat()})
            elif kind == "api":
                self.request(kind, "/api/v1/tasks?view=all_pending")
            else:
                self.request(kind, "/tasks/all_pending/")
            time.sleep(0.05)

    def successes(self, since: float = 0.0) -> int:
        return sum(1 for a in self.answers if a.started >= since and 200 <= a.status < 300)


def followup(*args: str) -> list[str]:
    return [sys.executable, "-m", "followup.cli", *args]


@pytest.fixture
def cluster():
    cluster = private_cluster_or_skip()
    yield cluster
    cluster.remove()


def test_web_worker_and_scheduler_carry_on_through_a_database_restart(cluster, tmp_path):
    env = {**child_process_env(), "DATABASE_URL": cluster.url, "FOLLOWUP_DATA_DIR": str(tmp_path),
           "FOLLOWUP_SECRET_KEY": "outage-test-secret-key-not-for-production", "FOLLOWUP_CONN_MAX_AGE": "60"}
    subprocess.run(followup("migrate", "-v", "0"), env=env, cwd=PROJECT_DIR, check=True, timeout=300)
    made = json.loads(subprocess.run([sys.executable, "-c", SETUP], env=env, cwd=PROJECT_DIR, check=True,
                                     capture_output=True, text=True, timeout=120).stdout)
    port = free_port()
    logs = {name: open(tmp_path / f"{name}.log", "w+") for name in ("web", "worker", "scheduler")}  # noqa: SIM115
    procs = {
        "web": subprocess.Popen([sys.executable, "-m", "gunicorn", "followup.wsgi", "--workers", "2", "--bind",
                                 f"127.0.0.1:{port}", "--no-control-socket", "--error-logfile", "-"],
                                env=env, cwd=PROJECT_DIR, stdout=logs["web"], stderr=subprocess.STDOUT),
        "worker": subprocess.Popen(followup("worker", "--interval", "0.2", "--no-startup-delay"),
                                   env=env, cwd=PROJECT_DIR, stdout=logs["worker"], stderr=subprocess.STDOUT),
        "scheduler": subprocess.Popen(followup("scheduler", "--interval", "0.5"),
                                      env=env, cwd=PROJECT_DIR, stdout=logs["scheduler"], stderr=subprocess.STDOUT),
    }
    traffic = Traffic(base=f"http://127.0.0.1:{port}", token=made["token"], session=made["session"],
                      bob=made["bob"], customer=made["customer"])
    threads = [threading.Thread(target=traffic.loop, args=(kind,), daemon=True) for kind in ("write", "api", "page")]
    try:
        assert wait_until(lambda: _answers(port), timeout=60), "gunicorn did not start"
        for thread in threads:
            thread.start()
        assert wait_until(lambda: traffic.successes() >= 30, timeout=60), _statuses(traffic.answers)

        down_from = time.time()
        cluster.stop()
        down_at = time.time()
        time.sleep(4)
        up_from = time.time()
        cluster.start()
        up_at = time.time()
        assert wait_until(lambda: traffic.successes(since=up_at + 2) >= 30, timeout=60), _statuses(traffic.answers)
        traffic.stop.set()
        for thread in threads:
            thread.join(timeout=30)

        # 0 deaths: every process still runs, and gunicorn never had to replace one of its workers.
        assert {name: proc.poll() for name, proc in procs.items()} == {"web": None, "worker": None, "scheduler": None}
        assert _log(logs["web"]).count("Booting worker") == 2, _log(logs["web"])

        answers = traffic.answers
        assert {a.status for a in answers} <= {200, 201, 503}, _statuses(answers)
        before = [a for a in answers if a.ended < down_from]
        during = [a for a in answers if a.started > down_at and a.ended < up_from]
        after = [a for a in answers if a.started > up_at + 2]
        assert before and {a.status for a in before} <= {200, 201}
        assert after and {a.status for a in after} <= {200, 201}
        assert {a.kind for a in during} == {"write", "api", "page"} and {a.status for a in during} == {503}
        for answer in (a for a in answers if a.status == 503):
            assert answer.retry_after == "5"
            if answer.kind == "page":
                assert answer.content_type.startswith("text/html") and "Followup is back in a moment" in answer.body
            else:
                assert answer.content_type == "application/json" and "database" in json.loads(answer.body)["detail"]

        # Every acknowledged write is there; the worker delivers the e-mails of the writes made after the restart.
        acknowledged = {a.title for a in answers if a.kind == "write" and a.status == 201}
        with psycopg.connect(cluster.url.replace("postgres://", "postgresql://")) as db:
            titles = {row[0] for row in db.execute("SELECT title FROM tasks_task")}
            assert acknowledged and acknowledged <= titles
            assert wait_until(lambda: _unsent_since(db, up_at) == 0, timeout=60), _log(logs["worker"])
            assert db.execute("SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'"
                              " AND started_at < now() - interval '5 seconds'").fetchone()[0] == 0
            assert wait_until(lambda: _jobs_run_since(db, up_at) >= 1, timeout=30), _log(logs["scheduler"])
        for name in ("worker", "scheduler"):
            assert "the database is back" in _log(logs[name]), _log(logs[name])
    finally:
        traffic.stop.set()
        for proc in procs.values():
            proc.terminate()
        for proc in procs.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        for log in logs.values():
            log.close()


def _answers(port: int) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2).close()
        return True
    except OSError:
        return False


def _unsent_since(db, since: float) -> int:
    return db.execute("SELECT count(*) FROM notifications_outboxemail WHERE status <> 'sent'"
                      " AND created_at > to_timestamp(%s)", [since]).fetchone()[0]


def _jobs_run_since(db, since: float) -> int:
    return db.execute("SELECT count(*) FROM core_scheduledjob WHERE last_run_at > to_timestamp(%s)",
                      [since]).fetchone()[0]


def _log(handle) -> str:
    handle.flush()
    handle.seek(0)
    return handle.read()


def _statuses(answers: list[Answer]) -> str:
    return "\n".join(f"{a.kind} {a.started:.2f}-{a.ended:.2f} {a.status} {a.body[:200]!r}" for a in answers[-60:])
