"""Reminders fire exactly once with several processes, and survive a worker killed mid-batch."""

import collections
import signal
import subprocess
import sys
import textwrap
import time
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from followup.core.tests.processes import PROJECT_DIR, child_process_env
from followup.customers.models import Customer
from followup.notifications.models import Notification, OutboxEmail, OutboxStatus
from followup.reminders.models import Reminder

# MODE=fire: wait for a start time on stdin, then fire due reminders in batches until none is left.
# MODE=worker: fire a batch, deliver the outbox, again, until every reminder is fired and every
# e-mail sent. LEASE shortens the outbox lease so a restarted worker takes over a dead one's e-mails.
CHILD = textwrap.dedent("""
    import os, sys, time
    from datetime import timedelta
    import django
    django.setup()
    from followup.notifications import delivery
    delivery.LEASE = timedelta(seconds=float(os.environ.get("LEASE", "300")))
    from followup.notifications.models import OutboxEmail
    from followup.reminders.models import Reminder
    from followup.reminders.services import reminders_fire_batch

    batch = int(os.environ.get("BATCH", "50"))
    print("ready", flush=True)
    if os.environ["MODE"] == "fire":
        start = float(sys.stdin.readline())
        time.sleep(max(0.0, start - time.time()))
        total = 0
        while n := reminders_fire_batch(batch=batch):
            total += n
        print(total, flush=True)
    else:
        deadline = time.time() + 120
        while time.time() < deadline:
            fired = reminders_fire_batch(batch=batch)
            sent = delivery.deliver_outbox(batch=20)
            if not fired and not sent:
                if not Reminder.objects.filter(fired_at__isnull=True).exists() and not (
                        OutboxEmail.objects.exclude(status="sent").exists()):
                    break
                time.sleep(0.2)
        print("done", flush=True)
""")


def start(mode, **env):
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD], cwd=PROJECT_DIR,
        env={**child_process_env(), "MODE": mode, **{k: str(v) for k, v in env.items()}},
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    return proc


def ready(proc):
    line = proc.stdout.readline().strip()
    assert line == "ready", proc.stderr.read()


def due_reminders(world, n):
    """``n`` reminders due a minute ago, each on its own customer, titled by its number."""
    customers = Customer.objects.bulk_create([Customer(organization=world.org, name=f"C{i}") for i in range(n)])
    ct = ContentType.objects.get_for_model(Customer)
    at = timezone.now() - timedelta(minutes=1)
    return Reminder.objects.bulk_create([
        Reminder(organization=world.org, owner=world.alice, content_type=ct, object_id=c.pk, target_label=f"R{i:04}",
                 target_url=f"/customers/{c.pk}/", remind_at=at)
        for i, c in enumerate(customers)
    ])


def notifications_per_reminder() -> collections.Counter:
    return collections.Counter(Notification.objects.values_list("title", flat=True))


@pytest.mark.django_db(transaction=True)
def test_two_processes_firing_at_once_fire_each_reminder_once(world):
    due_reminders(world, 400)
    procs = [start("fire", BATCH=10) for _ in range(2)]
    for proc in procs:
        ready(proc)
    start_at = time.time() + 0.5
    for proc in procs:
        proc.stdin.write(f"{start_at}\n")
        proc.stdin.flush()
    fired = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        fired.append(int(out.split()[-1]))

    assert sum(fired) == 400
    counts = notifications_per_reminder()
    assert len(counts) == 400 and set(counts.values()) == {1}
    assert OutboxEmail.objects.count() == 400
    assert not Reminder.objects.filter(fired_at__isnull=True).exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_batch_then_restarted_delivers_every_reminder_once(world, smtp_inbox, settings):
    n = 1000
    due_reminders(world, n)
    smtp = {"FOLLOWUP_EMAIL_HOST": settings.EMAIL_HOST, "FOLLOWUP_EMAIL_PORT": settings.EMAIL_PORT, "LEASE": 1}

    worker = start("worker", **smtp)
    ready(worker)
    deadline = time.time() + 60
    while len(smtp_inbox.messages) < 200 and time.time() < deadline:
        time.sleep(0.01)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)
    fired_when_killed = Reminder.objects.filter(fired_at__isnull=False).count()
    assert 0 < fired_when_killed < n, "the kill must land in the middle of the batch"

    restarted = start("worker", **smtp)
    ready(restarted)
    out, err = restarted.communicate(timeout=120)
    assert restarted.returncode == 0 and "done" in out, err

    # Reminder -> notification + outbox e-mail: exactly once each, in one transaction.
    counts = notifications_per_reminder()
    assert len(counts) == n and set(counts.values()) == {1}
    assert OutboxEmail.objects.count() == n
    assert set(OutboxEmail.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}
    # SMTP: every e-mail arrived. An e-mail sent in the instant between the server's "250" and
    # the worker marking it sent can arrive twice (at most one per killed worker, which had one
    # e-mail in flight); none is lost.
    subjects = collections.Counter(m["subject"] for m in smtp_inbox.messages)
    assert set(subjects) == {f"Reminder: R{i:04}" for i in range(n)}
    assert sum(subjects.values()) - n <= 1, [s for s, k in subjects.items() if k > 1]
