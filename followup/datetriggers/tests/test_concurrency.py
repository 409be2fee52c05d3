"""A1: two scheduler runs at the same moment make each task exactly once (PostgreSQL: real
concurrent transactions on the fire records' unique key)."""

import datetime as dt
import threading

import pytest
from django.db import connection

from followup.automation.models import AssignTo
from followup.datetriggers.firing import trigger_run_scheduled
from followup.datetriggers.models import DateTrigger
from followup.datetriggers.tests.conftest import at, fresh
from followup.tasks.models import Source, Task

DEC = dt.date(2026, 12, 2)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_make_each_task_once():
    from conftest import Builders

    world = Builders()
    for i in range(300):
        world.customer(f"C{i}", birthday=dt.date(1970 + i % 40, 12, 2), owner=world.alice)
    trigger = DateTrigger.objects.create(organization=world.org, author=world.adam, name="Birthday",
                                         title="Call {customer}", assign_to=AssignTo.ROUND_ROBIN,
                                         assign_department=world.sales)
    DateTrigger.objects.filter(pk=trigger.pk).update(created_at=at(DEC, 1))
    made, start = [], threading.Barrier(2)

    def worker():
        try:
            mine = fresh(trigger)
            start.wait()
            made.append(trigger_run_scheduled(mine, now=at(DEC)).made)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)

    assert sorted(made) == [0, 300]
    assert Task.objects.filter(source=Source.DATE_TRIGGER, origin_id=trigger.pk).count() == 300
