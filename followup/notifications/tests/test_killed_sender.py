"""A worker killed while it sends the outbox: nothing lost, nothing sent twice, and the rest delivered
within a minute; a live worker stuck past its lease keeps its e-mails (issue 13 §3.4).

Real processes on the test database: a ``followup worker`` that is SIGKILLed and a ``followup
scheduler`` (its outbox sweep and its dead-worker job do the recovery), sending to a real SMTP
server (aiosmtpd) that answers slowly. The server counts a message only when it answers "250" to
a sender still connected, as a real server would have delivered it.
"""

import asyncio
import collections
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from followup.core.tests.processes import PROJECT_DIR, child_process_env
from followup.notifications.delivery import LEASE, deliver_outbox
from followup.notifications.models import OutboxEmail, OutboxStatus
from followup.notifications.tasks import deliver_outbox_task

N = 20
STALLED = "Outbox 03"  # the server takes longer than a lease over this one
KILLED_ON = "Outbox 06"  # the worker is killed while the server reads this one
STALL_SECONDS = LEASE.total_seconds() + 5


class SlowInbox:
    def __init__(self):
        self.accepted: list[tuple[str, float]] = []
        self.arriving = collections.defaultdict(threading.Event)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        subject = message_from_bytes(envelope.content, policy=policy.default)["subject"]
        self.arriving[subject].set()
        await asyncio.sleep({STALLED: STALL_SECONDS, KILLED_ON: 3.0}.get(subject, 0.1))
        # A sender that died meanwhile cancels this coroutine (aiosmtpd): it never hears the 250.
        self.accepted.append((subject, time.time()))
        return "250 Message accepted for delivery"

    def subjects(self) -> collections.Counter:
        return collections.Counter(subject for subject, _at in self.accepted)


@pytest.fixture
def slow_smtp(smtp_server):
    inbox = SlowInbox()
    return inbox, smtp_server(inbox)


def start(tmp_path, name: str, *args: str, port: int) -> subprocess.Popen:
    env = {**child_process_env(), "FOLLOWUP_EMAIL_HOST": "127.0.0.1", "FOLLOWUP_EMAIL_PORT": str(port),
           "FOLLOWUP_EMAIL_TLS": "false", "FOLLOWUP_EMAIL_USER": "", "FOLLOWUP_EMAIL_PASSWORD": ""}
    log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
    return subprocess.Popen([sys.executable, "-m", "followup.cli", *args], cwd=PROJECT_DIR, env=env,
                            stdout=log, stderr=subprocess.STDOUT)


def log_of(tmp_path, name: str) -> str:
    return (tmp_path / f"{name}.log").read_text()


@pytest.mark.django_db(transaction=True)
def test_killed_worker_e_mails_are_sent_once_within_a_minute_and_a_live_ones_are_never_taken(slow_smtp, tmp_path):
    inbox, port = slow_smtp
    OutboxEmail.objects.bulk_create([
        OutboxEmail(to=f"person{i}@example.com", subject=f"Outbox {i:02}", body="Hello",
                    next_attempt_at=timezone.now() - timedelta(seconds=1))
        for i in range(1, N + 1)
    ])
    job = deliver_outbox_task.enqueue()
    worker = start(tmp_path, "worker", "worker", "--interval", "0.2", "--no-startup-delay", port=port)
    scheduler = None
    try:
        assert inbox.arriving[STALLED].wait(60), log_of(tmp_path, "worker")
        stalled_at = time.time()
        # The worker claimed the whole batch and is stuck on one e-mail. A scheduler starts (its
        # outbox sweep runs at once and every 15 s) and, once the worker's lease has run out, this
        # test delivers too: neither may take an e-mail from a sender that is alive.
        scheduler = start(tmp_path, "scheduler", "scheduler", "--interval", "0.5", port=port)
        time.sleep(max(0.0, stalled_at + LEASE.total_seconds() + 1 - time.time()))
        assert OutboxEmail.objects.filter(status=OutboxStatus.SENDING, lease_until__lt=timezone.now()).count() == N - 2
        assert deliver_outbox() == 0
        assert worker.poll() is None and inbox.subjects() == {"Outbox 01": 1, "Outbox 02": 1}

        # The stall ends; the worker goes on and is killed in the middle of an e-mail.
        assert inbox.arriving[KILLED_ON].wait(STALL_SECONDS + 30), log_of(tmp_path, "worker")
        worker.send_signal(signal.SIGKILL)
        killed_at = time.time()
        worker.wait(timeout=10)

        deadline = killed_at + 60
        while len(inbox.subjects()) < N and time.time() < deadline:
            time.sleep(0.2)
        subjects = inbox.subjects()
        assert set(subjects) == {f"Outbox {i:02}" for i in range(1, N + 1)}, log_of(tmp_path, "scheduler")
        assert set(subjects.values()) == {1}, subjects
        assert max(at for _subject, at in inbox.accepted) - killed_at < 60
        assert set(OutboxEmail.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}
        # The killed worker's task row does not stay RUNNING: the scheduler marks it failed.
        while DBTaskResult.objects.get(pk=job.id).status == "RUNNING" and time.time() < deadline:
            time.sleep(0.2)
        row = DBTaskResult.objects.get(pk=job.id)
        assert (row.status, row.exception_class_path) == ("FAILED", "followup.core.worker.WorkerLost")
        assert scheduler.poll() is None
    finally:
        for proc in (worker, scheduler):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=30)
