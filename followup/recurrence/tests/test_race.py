"""B3's bar: completing an occurrence twice at once (two requests, real threads and transactions,
on SQLite and PostgreSQL) creates one next occurrence."""

import datetime as dt
import threading

from django.db import connection

from followup.recurrence.models import Occurrence
from followup.recurrence.services import occurrence_next
from followup.tasks.models import Source, Task
from followup.tasks.services import task_complete


def _at_once(n, work):
    start = threading.Barrier(n)
    errors = []

    def run(i):
        try:
            start.wait()
            work(i)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return errors


def test_two_completions_at_once_make_one_next_occurrence(transactional_db, world, repeating):
    task, series = repeating("FREQ=WEEKLY;BYDAY=MO", due_date=dt.date(2027, 3, 22))
    people = [world.alice, world.alice]
    errors = _at_once(2, lambda i: task_complete(actor=people[i], task_id=task.pk))
    assert errors == []
    made = Task.objects.filter(source=Source.RECURRENCE, origin_id=series.pk)
    assert [t.due_date for t in made] == [dt.date(2027, 3, 29)]


def test_two_next_occurrence_makers_at_once_make_one(transactional_db, world, repeating):
    """Even without the task's row lock (another path closing the task), the series' lock and
    the unique constraints keep it to one."""
    task, series = repeating("FREQ=DAILY", due_date=dt.date(2027, 6, 1))
    task = Task.objects.get(pk=task.pk)
    errors = _at_once(4, lambda i: occurrence_next(task=task))
    assert errors == []
    assert Occurrence.objects.filter(series=series).count() == 2
