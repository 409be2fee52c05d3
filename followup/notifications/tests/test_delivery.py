"""Who may send an outbox e-mail (issue 13 §3.4), and a write whose delivery job cannot be enqueued (§3.3)."""

import logging
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from followup.accounts.services import api_token_create
from followup.core.models import ProcessHeartbeat
from followup.notifications import delivery
from followup.notifications.jobs import outbox_sweep
from followup.notifications.models import OutboxEmail, OutboxStatus
from followup.tasks.models import Task


def claimed(*, by: str, lease_seconds: float, subject: str = "Claimed") -> OutboxEmail:
    """An e-mail that sender ``by`` claimed, its lease ending ``lease_seconds`` from now (negative: past)."""
    now = timezone.now()
    return OutboxEmail.objects.create(to="bob@example.com", subject=subject, body="Hi", status=OutboxStatus.SENDING,
                                      next_attempt_at=now, lease_until=now + timedelta(seconds=lease_seconds),
                                      claimed_by=by)


def beating(name: str, *, seconds_ago: float) -> None:
    at = timezone.now() - timedelta(seconds=seconds_ago)
    ProcessHeartbeat.objects.create(name=name, kind="worker", host="test", pid=1, started_at=at, beat_at=at)


def test_a_live_senders_e_mail_is_not_taken_over_when_its_lease_has_run_out(db, smtp_inbox):
    beating("worker-alive", seconds_ago=2)
    claimed(by="worker-alive", lease_seconds=-60)

    assert delivery.deliver_outbox() == 0 and smtp_inbox.messages == []


def test_a_dead_senders_e_mail_is_taken_over_once_its_lease_has_run_out(db, smtp_inbox):
    beating("worker-killed", seconds_ago=60)
    claimed(by="worker-killed", lease_seconds=-1)

    assert delivery.deliver_outbox() == 1
    assert [m["subject"] for m in smtp_inbox.messages] == ["Claimed"]


def test_a_dead_senders_e_mail_waits_for_its_lease(db, smtp_inbox):
    beating("worker-killed", seconds_ago=60)
    claimed(by="worker-killed", lease_seconds=10)

    assert delivery.deliver_outbox() == 0


def test_an_e_mail_claimed_without_a_heartbeat_is_taken_over_when_the_lease_runs_out(db, smtp_inbox):
    claimed(by="call-0123456789abcdef", lease_seconds=-1, subject="Expired")
    claimed(by="call-fedcba9876543210", lease_seconds=10, subject="Leased")

    assert delivery.deliver_outbox() == 1
    assert [m["subject"] for m in smtp_inbox.messages] == ["Expired"]


def test_a_claim_names_its_sender_and_leases_for_twenty_seconds(db):
    email = claimed(by="", lease_seconds=-1)
    OutboxEmail.objects.filter(pk=email.pk).update(status=OutboxStatus.PENDING)

    rows = delivery._claim(10, sender="worker-me")

    email.refresh_from_db()
    assert [r.pk for r in rows] == [email.pk] and email.claimed_by == "worker-me"
    assert timedelta(seconds=19) < email.lease_until - timezone.now() <= delivery.LEASE


def test_renewing_extends_the_lease_and_drops_e_mails_another_sender_took(db):
    mine, taken = claimed(by="worker-me", lease_seconds=2), claimed(by="worker-other", lease_seconds=20)

    rows, _next_renewal = delivery._renew([mine, taken], sender="worker-me")

    mine.refresh_from_db()
    assert rows == [mine] and mine.lease_until - timezone.now() > timedelta(seconds=19)


@contextmanager
def queue_table_unavailable():
    """The task queue's table is renamed away, as when its database is in trouble."""
    table = DBTaskResult._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table} RENAME TO {table}_away")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {table}_away RENAME TO {table}")


@pytest.mark.django_db(transaction=True)
def test_a_committed_write_succeeds_when_its_delivery_cannot_be_enqueued(world, smtp_inbox, caplog):
    client = Client()
    token = api_token_create(user=world.alice, name="test")[1]
    customer = world.customer()
    body = {"title": "Call ACME", "customer_id": customer.pk, "assignee_ids": [world.bob.pk], "priority": "high",
            "due_date": str(timezone.localdate())}

    with caplog.at_level(logging.WARNING, logger="followup.outbox"), queue_table_unavailable():
        r = client.post("/api/v1/tasks", body, content_type="application/json",
                            headers={"Authorization": f"Bearer {token}"})

    assert r.status_code == 201, r.content
    assert Task.objects.filter(title="Call ACME").exists()
    assert any("could not enqueue the outbox delivery" in m for m in caplog.messages)
    # The e-mail to bob was committed with the task, and the outbox sweep delivers it.
    assert OutboxEmail.objects.filter(to="bob@example.com", status=OutboxStatus.PENDING).count() == 1
    outbox_sweep()
    assert [m["to"] for m in smtp_inbox.messages] == [["bob@example.com"]]
