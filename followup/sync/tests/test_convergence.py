"""A2's bar: whatever interleaving of creates, edits, deletes, reassignments, notes, customer
changes and role changes happens between a phone's sync pages, a phone that applies every page
ends with exactly what the server lets its person see; on PostgreSQL also with writers running
at the same time in other connections, and with a change that commits late."""

import datetime as dt
import random
import threading
import time

import pytest
from django.db import IntegrityError, OperationalError, connection, transaction

from followup.accounts.models import Role
from followup.accounts.people import person_update
from followup.core.exceptions import FieldErrors, NotAllowed, NotFound
from followup.customers.models import Customer
from followup.customers.services import customer_create, customer_delete, customer_update
from followup.reminders.services import reminder_create
from followup.sync.payloads import ORDER
from followup.sync.tests.conftest import server_ids
from followup.tasks.models import Task
from followup.tasks.services import note_add, task_complete, task_create, task_delete, task_reassign, task_update

pytestmark = pytest.mark.usefixtures("transactional_db")
REFUSED = (FieldErrors, NotAllowed, NotFound)


class Writer:
    """Random changes by random people of the organization, each through its service."""

    def __init__(self, world, seed: int):
        self.world, self.rng = world, random.Random(seed)
        self.people = [world.alice, world.bob, world.carol, world.oscar]

    def _task(self) -> Task | None:
        ids = list(Task.objects.filter(organization=self.world.org).values_list("pk", flat=True))
        return Task.objects.filter(pk=self.rng.choice(ids)).first() if ids else None  # may go meanwhile

    def _customer(self) -> Customer | None:
        ids = list(Customer.objects.filter(organization=self.world.org).values_list("pk", flat=True))
        return Customer.objects.filter(pk=self.rng.choice(ids)).first() if ids else None

    def _create(self, actor):
        customer = self._customer() or customer_create(actor=actor, name="First")
        task_create(actor=actor, title=f"T{self.rng.randrange(1000)}", customer_id=customer.pk,
                    assignee_ids=[u.pk for u in self.rng.sample(self.people, self.rng.randrange(0, 3))],
                    due_date=dt.date.today())

    def step(self) -> None:
        actor = self.rng.choice(self.people)
        task = self._task()
        action = self.rng.choice(["create", "create", "edit", "reassign", "note", "complete", "delete",
                                  "customer", "customer_edit", "customer_delete", "reminder"])
        try:
            if action == "create" or task is None:
                self._create(actor)
            elif action == "edit":
                task_update(actor=actor, task_id=task.pk, title=f"Edited {self.rng.randrange(1000)}")
            elif action == "reassign":
                task_reassign(actor=actor, task_id=task.pk,
                              assignee_ids=[u.pk for u in self.rng.sample(self.people, self.rng.randrange(0, 3))])
            elif action == "note":
                note_add(actor=actor, task_id=task.pk, body="A note")
            elif action == "complete":
                task_complete(actor=actor, task_id=task.pk)
            elif action == "delete":
                task_delete(actor=actor, task_id=task.pk)
            elif action == "customer":
                customer_create(actor=actor, name=f"C{self.rng.randrange(1000)}")
            elif action == "customer_edit" and (customer := self._customer()):
                customer_update(actor=actor, customer_id=customer.pk, name=f"Renamed {self.rng.randrange(1000)}")
            elif action == "customer_delete" and self.rng.random() < 0.3 and (customer := self._customer()):
                customer_delete(actor=actor, customer_id=customer.pk)
            elif action == "reminder":
                reminder_create(actor=actor, target_type="task", target_id=task.pk,
                                remind_at=dt.datetime(2031, 1, 1, tzinfo=dt.UTC))
        except REFUSED:
            pass  # not theirs to change: the service said no, and nothing was written
        except (OperationalError, IntegrityError) as exc:
            # Two writers collided (a deadlock; a note on a task deleted that moment): PostgreSQL
            # rolled one back whole, log rows included.
            if "deadlock" not in str(exc) and "foreign key" not in str(exc):
                raise


def assert_in_step(world, phones):
    for user, device in phones:
        device.sync()
        for kind in ORDER:
            assert device.ids(kind) == server_ids(user, kind), (user.username, kind)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_interleaved_changes_and_pages_converge(world, phone, seed):
    writer = Writer(world, seed)
    phones = [(u, phone(u, size=3)) for u in (world.alice, world.bob, world.carol)]
    for _ in range(120):
        if writer.rng.random() < 0.35:
            _user, device = writer.rng.choice(phones)
            device.page()  # one page, maybe in the middle of a full copy
        elif writer.rng.random() < 0.03:
            person_update(actor=world.adam, user_id=world.alice.pk,
                          role=writer.rng.choice([Role.MEMBER, Role.MANAGER]))
            world.alice.refresh_from_db()
        else:
            writer.step()

    assert_in_step(world, phones)
    for user, device in phones:
        assert phone(user).sync().copy == device.copy  # what a fresh full copy holds, field for field


def _in_thread(fn):
    errors = []

    def run():
        try:
            fn()
        except Exception as exc:  # noqa: BLE001 - reported to the test below
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_concurrent_writers_converge_on_postgresql(world, phone):
    phones = [(u, phone(u, size=5)) for u in (world.alice, world.bob)]
    threads = [_in_thread(lambda seed=seed: [Writer(world, seed).step() for _ in range(40)]) for seed in (7, 8, 9)]
    while any(t.is_alive() for t, _e in threads):
        for _user, device in phones:
            device.page()
    for t, errors in threads:
        t.join()
        assert not errors, errors

    assert_in_step(world, phones)


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_change_that_commits_late_is_not_skipped(world, phone):
    """An older transaction's change commits after a younger one's: the cursor waits for it."""
    early, late = world.task(), world.task()
    alice = phone(world.alice).sync()
    started, release = threading.Event(), threading.Event()

    def slow_edit():
        with transaction.atomic():
            task_update(actor=world.alice, task_id=early.pk, title="Slow")
            started.set()
            release.wait(10)

    thread, errors = _in_thread(slow_edit)
    started.wait(10)
    task_update(actor=world.alice, task_id=late.pk, title="Quick")  # commits first, with a later id
    alice.sync()
    release.set()
    thread.join()
    time.sleep(0.05)
    alice.sync()

    assert not errors
    assert alice.copy["task"][early.pk]["title"] == "Slow"
    assert alice.copy["task"][late.pk]["title"] == "Quick"
