"""D3 under concurrency (PostgreSQL): a note added while its task is being deleted. ``note_add``
locks the task's row, so it waits for the delete and then finds no task (404) instead of writing
a note whose task is gone (an IntegrityError at commit, a 500)."""

import threading
import time

import pytest
from django.db import connection, transaction

from followup.core.exceptions import NotFound
from followup.tasks.models import Note, Task
from followup.tasks.services import note_add, task_delete

pytestmark = pytest.mark.postgres

WAITS_ON_ME = "SELECT count(*) FROM pg_locks WHERE NOT granted AND pg_backend_pid() = ANY(pg_blocking_pids(pid))"


def _until_someone_waits_on_me(seconds=10.0) -> bool:
    deadline = time.monotonic() + seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(WAITS_ON_ME)
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.02)
    return False


def test_a_note_added_while_the_task_is_deleted_is_a_not_found(transactional_db, world):
    task = world.task("Call back", assignees=[world.alice, world.bob])
    deleting = threading.Event()
    outcome = {}

    def delete():
        try:
            with transaction.atomic():
                task_delete(actor=world.alice, task_id=task.pk)
                deleting.set()
                outcome["note waited"] = _until_someone_waits_on_me()
        finally:
            deleting.set()
            connection.close()

    def note():
        try:
            deleting.wait(10)
            note_add(actor=world.bob, task_id=task.pk, body="Left a message")
            outcome["note"] = "added"
        except Exception as exc:  # noqa: BLE001 - the assertion names it
            outcome["note"] = type(exc).__name__
        finally:
            connection.close()

    threads = [threading.Thread(target=delete), threading.Thread(target=note)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert outcome == {"note waited": True, "note": NotFound.__name__}
    assert not Task.objects.filter(pk=task.pk).exists()
    assert not Note.objects.exists()
