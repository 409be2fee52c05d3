"""A2: GET /api/v1/sync, a full copy from 0 then the changes since, with tombstones.

Real transactions (``transactional_db``): on PostgreSQL the endpoint serves only changes of
transactions that are over, and a test's own wrapping transaction would never be."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from followup.accounts.models import Role
from followup.accounts.people import person_update
from followup.accounts.switches import organization_switch
from followup.customers.services import customer_create, customer_delete, customer_update
from followup.reminders.services import reminder_create
from followup.sync.models import Change, Kind
from followup.sync.services import changes_prune
from followup.sync.tests.conftest import server_ids
from followup.tasks.services import note_add, task_delete, task_reassign, task_update

pytestmark = pytest.mark.usefixtures("transactional_db")


def test_a_full_copy_holds_what_the_person_sees_and_nothing_else(world, phone):
    mine = world.task(actor=world.alice)
    bobs = world.task(actor=world.bob)
    world.task(actor=world.mallory)
    reminder = reminder_create(actor=world.alice, target_type="task", target_id=mine.pk,
                               remind_at=timezone.now() + dt.timedelta(days=1))

    alice = phone(world.alice).sync()

    assert alice.ids(Kind.TASK) == {mine.pk} == server_ids(world.alice, Kind.TASK)
    assert bobs.pk not in alice.ids(Kind.TASK)
    assert alice.ids(Kind.CUSTOMER) == server_ids(world.alice, Kind.CUSTOMER)
    assert alice.ids(Kind.REMINDER) == {reminder.pk}


def test_a_full_copy_comes_in_pages(world, phone):
    world.tasks(5)

    alice = phone(world.alice, size=2).sync()

    assert len(alice.ids(Kind.TASK)) == 5
    assert alice.pages >= 4


def test_an_edit_and_a_note_come_with_the_next_sync(world, phone):
    task = world.task()
    alice = phone(world.alice).sync()

    task_update(actor=world.alice, task_id=task.pk, title="Call again")
    note_add(actor=world.alice, task_id=task.pk, body="No answer")
    alice.sync()

    got = alice.copy[Kind.TASK][task.pk]
    assert got["title"] == "Call again"
    assert [n["body"] for n in got["notes"]] == ["No answer"]
    assert got["version"] == 2


def test_a_deleted_task_comes_as_a_tombstone(world, phone):
    task = world.task()
    alice = phone(world.alice).sync()

    task_delete(actor=world.alice, task_id=task.pk)
    alice.sync()

    assert task.pk not in alice.ids(Kind.TASK)


def test_a_task_reassigned_away_leaves_the_copy_and_comes_back_with_its_notes(world, phone):
    task = world.task(actor=world.bob, assignees=[world.alice])
    note_add(actor=world.bob, task_id=task.pk, body="Ask for Wile")
    alice = phone(world.alice).sync()
    # Bob owns it, so he still sees it; alice does not once she is no longer assigned.
    task_reassign(actor=world.bob, task_id=task.pk, assignee_ids=[world.bob.pk])
    alice.sync()
    assert task.pk not in alice.ids(Kind.TASK)

    task_reassign(actor=world.bob, task_id=task.pk, assignee_ids=[world.alice.pk])
    alice.sync()

    assert [n["body"] for n in alice.copy[Kind.TASK][task.pk]["notes"]] == ["Ask for Wile"]


def test_a_deleted_customer_takes_its_tasks_out_of_the_copy(world, phone):
    customer = customer_create(actor=world.alice, name="ACME")
    task = world.task(customer=customer)
    alice = phone(world.alice).sync()
    assert customer.pk in alice.ids(Kind.CUSTOMER)

    customer_delete(actor=world.alice, customer_id=customer.pk)
    alice.sync()

    assert customer.pk not in alice.ids(Kind.CUSTOMER)
    assert task.pk not in alice.ids(Kind.TASK)


def test_a_renamed_customer_is_one_change(world, phone):
    customer = customer_create(actor=world.alice, name="ACME")
    world.tasks(3, customer=customer)
    alice = phone(world.alice).sync()

    customer_update(actor=world.alice, customer_id=customer.pk, name="ACME Ltd")
    r = alice.api.get("sync", cursor=alice.cursor)

    body = r.json()
    assert [c["name"] for c in body["changed"]["customer"]] == ["ACME Ltd"]
    assert body["changed"]["task"] == [] and not body["has_more"]


def test_nothing_new_keeps_the_cursor(world, phone):
    world.task()
    alice = phone(world.alice).sync()
    cursor = alice.cursor

    r = alice.api.get("sync", cursor=cursor)

    assert r.json()["cursor"] == cursor
    assert r.json()["has_more"] is False


def test_another_organizations_changes_never_reach_the_copy(world, phone):
    alice = phone(world.alice).sync()
    theirs = world.task(actor=world.mallory)
    task_update(actor=world.mallory, task_id=theirs.pk, title="Secret")

    r = alice.api.get("sync", cursor=alice.cursor)

    assert b"Secret" not in r.content
    assert r.json()["deleted"]["task"] == []


def test_a_new_role_answers_410_and_the_copy_is_rebuilt(world, phone):
    bobs = world.task(actor=world.bob)
    alice = phone(world.alice).sync()
    assert bobs.pk not in alice.ids(Kind.TASK)

    person_update(actor=world.adam, user_id=world.alice.pk, role=Role.MANAGER)
    r = alice.api.get("sync", cursor=alice.cursor)
    assert r.status_code == 410
    assert r.json()["cursor"] == "0"
    alice.sync()

    assert bobs.pk in alice.ids(Kind.TASK)


def test_a_cursor_that_is_no_cursor_is_named(world, phone):
    alice = phone(world.alice)

    for bad in ("abc", "i1.2", "c0.0.0.9.0", "i" + "9" * 40):
        r = alice.api.get("sync", cursor=bad)
        assert r.status_code in (400, 422), bad
        assert "cursor" in r.json()["errors"], bad


def test_a_size_out_of_range_is_named(world, phone):
    r = phone(world.alice).api.get("sync", size=0)

    assert r.status_code in (400, 422)
    assert "size" in r.json()["errors"]


def test_a_copy_page_takes_the_same_queries_for_5_or_50_tasks(world, phone, django_assert_num_queries):
    world.tasks(50)
    alice = phone(world.alice)
    alice.page()  # the customers
    # token, epoch, the log's floor, the tasks, their assignees, their notes
    with django_assert_num_queries(6):
        alice.page()


def test_a_change_page_takes_constant_queries(world, phone, django_assert_num_queries):
    tasks = world.tasks(40)
    alice = phone(world.alice).sync()
    for t in tasks:
        task_update(actor=world.alice, task_id=t.pk, title="Renamed")
    customer_create(actor=world.alice, name="New")
    # token, epoch, the log's floor, (PostgreSQL: the oldest running transaction), the log, the
    # customers, the tasks, their assignees, their notes
    with django_assert_num_queries(8 + (connection.vendor == "postgresql")):
        body = alice.page()

    assert len(body["changed"]["task"]) == 40


def test_turning_the_task_module_off_answers_410_then_a_copy_without_tasks(world, phone):
    world.task()
    alice = phone(world.alice).sync()
    assert alice.ids(Kind.TASK)

    organization_switch(actor=world.adam, tasks_enabled=False)
    assert alice.api.get("sync", cursor=alice.cursor).status_code == 410
    alice.sync()

    assert alice.ids(Kind.TASK) == set()


def test_a_cursor_older_than_the_kept_log_answers_410(world, phone):
    task = world.task()
    alice = phone(world.alice).sync()
    task_update(actor=world.alice, task_id=task.pk, title="Changed while the phone was away")
    Change.objects.update(created_at=timezone.now() - dt.timedelta(days=31))

    assert changes_prune() >= 2
    assert alice.api.get("sync", cursor=alice.cursor).status_code == 410
    alice.sync()

    assert alice.copy[Kind.TASK][task.pk]["title"] == "Changed while the phone was away"


def test_pruning_keeps_recent_changes_and_their_cursors(world, phone):
    task = world.task()
    Change.objects.update(created_at=timezone.now() - dt.timedelta(days=31))
    changes_prune()
    alice = phone(world.alice).sync()
    task_update(actor=world.alice, task_id=task.pk, title="Fresh")

    changes_prune()
    alice.sync()

    assert alice.resyncs == 0
    assert alice.copy[Kind.TASK][task.pk]["title"] == "Fresh"
