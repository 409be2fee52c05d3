"""J12 under concurrency: two performers complete the last two subtasks at the same moment
(real threads, real transactions). Each locks the main task before looking at its subtasks, so
whichever commits second sees the other's subtask done: the main task completes exactly once."""

import datetime as dt
import threading

from django.db import connection

from followup.tasks.models import HistoryAction, Task
from followup.tasks.services import subtask_create, task_complete


def test_simultaneous_last_subtasks_complete_the_team_task_once(transactional_db, world):
    parent = world.task("Launch", actor=world.carol, assignees=[world.alice, world.bob])
    subs = {
        u: subtask_create(actor=u, parent_id=parent.pk, title=f"Part of {u.username}", assignee_ids=[u.pk],
                          due_date=dt.date.today())
        for u in (world.alice, world.bob)
    }
    start = threading.Barrier(2)
    errors = []

    def complete(user):
        try:
            start.wait()
            task_complete(actor=user, task_id=subs[user].pk)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=complete, args=(u,)) for u in subs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    parent = Task.objects.get(pk=parent.pk)
    assert not parent.is_pending
    assert parent.history.filter(action=HistoryAction.COMPLETED).count() == 1
