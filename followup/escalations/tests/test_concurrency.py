"""A6: two schedulers escalating at the same moment tell each task's supervisor once (PostgreSQL)."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from followup.escalations.firing import escalations_run
from followup.escalations.models import Escalated, EscalationRule


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_escalate_each_task_once():
    from conftest import Builders

    world = Builders()
    customer = world.customer()
    for i in range(120):
        world.task(f"Late {i}", customer=customer, due_date=timezone.now().date() - dt.timedelta(days=5))
    EscalationRule.objects.create(organization=world.org, overdue_hours=24)
    counts, start = [], threading.Barrier(2)

    def worker():
        try:
            start.wait()
            counts.append(escalations_run())
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)

    assert sum(counts) == 120 and Escalated.objects.count() == 120
