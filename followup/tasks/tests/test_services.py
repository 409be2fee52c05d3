import datetime as dt

import pytest

from followup.core.exceptions import FieldErrors, NotAllowed, NotFound, StaleEdit
from followup.tasks.bulk import tasks_bulk
from followup.tasks.models import HistoryAction, StatusCategory, Task, TaskAssignment
from followup.tasks.selectors import TaskFilters, TaskView, pending_count, task_list
from followup.tasks.services import (
    note_add,
    task_complete,
    task_create,
    task_delete,
    task_reassign,
    task_reopen,
    task_update,
)


def titles(page):
    return [t.title for t in page.items]


def test_new_task_gets_default_status_not_started(world):
    task = world.task()
    assert task.status.name == "Not Started"
    assert task.is_pending


def test_missing_fields_are_each_named(world):
    with pytest.raises(FieldErrors) as err:
        task_create(actor=world.alice, title="", customer_id=None, assignee_ids=[], due_date=None,
                    require_assignee=True)
    assert set(err.value.errors) == {"title", "customer", "assignees", "due_date"}


def test_customer_of_other_organization_is_refused(world):
    foreign = world.customer(organization=world.other_org)
    with pytest.raises(FieldErrors) as err:
        world.task(customer=foreign)
    assert "customer" in err.value.errors
    assert not Task.objects.filter(title="Call back").exists()


def test_assignee_of_other_organization_is_refused(world):
    with pytest.raises(FieldErrors) as err:
        world.task(assignees=[world.mallory])
    assert "assignees" in err.value.errors


def test_complete_sets_completed_by_and_leaves_my_pending(world):
    task = world.task()
    task_complete(actor=world.alice, task_id=task.id)
    task.refresh_from_db()
    assert task.status.category == StatusCategory.DONE
    assert task.completed_by == world.alice and task.completed_at
    assert pending_count(world.alice) == 0
    assert titles(task_list(actor=world.alice, view=TaskView.COMPLETED)) == ["Call back"]


def test_reopen_brings_task_back(world):
    task = world.task()
    task_complete(actor=world.alice, task_id=task.id)
    task_reopen(actor=world.alice, task_id=task.id)
    task.refresh_from_db()
    assert task.is_pending and task.completed_at is None
    assert pending_count(world.alice) == 1


def test_stale_version_is_refused_and_changes_nothing(world):
    task = world.task()
    task_update(actor=world.alice, task_id=task.id, version=1, title="First")
    with pytest.raises(StaleEdit):
        task_update(actor=world.alice, task_id=task.id, version=1, title="Second")
    task.refresh_from_db()
    assert task.title == "First" and task.version == 2


def test_edit_records_who_changed_what(world):
    task = world.task()
    task_update(actor=world.alice, task_id=task.id, title="Send offer", priority=4)
    entry = task.history.filter(action=HistoryAction.UPDATED).get()
    assert {"field": "title", "old": "Call back", "new": "Send offer"} in entry.changes
    assert {"field": "priority", "old": "Medium", "new": "Urgent"} in entry.changes
    assert entry.actor == world.alice


def test_due_date_change_moves_assignment_copy(world):
    task = world.task()
    new_date = dt.date.today() + dt.timedelta(days=3)
    task_update(actor=world.alice, task_id=task.id, due_date=new_date)
    assert TaskAssignment.objects.get(task=task).due_date == new_date


def test_reassign_to_nobody_makes_task_unassigned(world):
    task = world.task()
    task_reassign(actor=world.alice, task_id=task.id, assignee_ids=[])
    assert titles(task_list(actor=world.bob, view=TaskView.UNASSIGNED)) == ["Call back"]
    assert pending_count(world.alice) == 0


def test_member_cannot_see_a_task_they_do_not_take_part_in(world):
    task = world.task(actor=world.bob, assignees=[world.bob])
    with pytest.raises(NotFound):
        task_complete(actor=world.alice, task_id=task.id)
    assert titles(task_list(actor=world.alice, view=TaskView.ALL_PENDING)) == []


def test_member_sees_unassigned_task(world):
    world.task(actor=world.bob, assignees=[])
    assert titles(task_list(actor=world.alice, view=TaskView.ALL_PENDING)) == ["Call back"]


def test_manager_sees_every_task(world):
    world.task(actor=world.bob, assignees=[world.bob])
    assert titles(task_list(actor=world.carol, view=TaskView.ALL_PENDING)) == ["Call back"]


def test_other_organization_gets_not_found(world):
    task = world.task()
    with pytest.raises(NotFound):
        task_update(actor=world.mallory, task_id=task.id, title="x")


def test_assignee_cannot_delete_task_of_owner(world):
    task = world.task(actor=world.bob, assignees=[world.alice])
    with pytest.raises(NotAllowed):
        task_delete(actor=world.alice, task_id=task.id)
    task_delete(actor=world.oscar, task_id=task.id)
    assert not Task.objects.filter(pk=task.pk).exists()


def test_bulk_complete_is_all_or_nothing(world):
    mine = world.task("Mine")
    foreign = world.task(actor=world.mallory, customer=world.customer(organization=world.other_org))
    with pytest.raises(FieldErrors):
        tasks_bulk(actor=world.alice, action="complete", task_ids=[mine.id, foreign.id])
    mine.refresh_from_db()
    assert mine.is_pending


def test_bulk_reassign(world):
    a, b = world.tasks(2)
    assert tasks_bulk(actor=world.alice, action="reassign", task_ids=[a.id, b.id], assignee_ids=[world.bob.id]) == 2
    assert pending_count(world.bob) == 2 and pending_count(world.alice) == 0


def test_team_task_has_several_assignees(world):
    task = world.task(assignees=[world.alice, world.bob])
    assert task.is_team_task


def test_search_matches_title_and_customer_fields(world):
    acme = world.customer("Zebra Industries", email="hello@zebra.example", phone="+48 600 100 200")
    world.task("Send quote", customer=acme)
    world.task("Unrelated")
    for text in ("quote", "zebra", "600 100", "ZEBRA.example"):
        page = task_list(actor=world.alice, view=TaskView.MY_PENDING, filters=TaskFilters(q=text))
        assert titles(page) == ["Send quote"], text


def test_overdue_filter(world):
    world.task("Late", due_date=dt.date.today() - dt.timedelta(days=2))
    world.task("Later", due_date=dt.date.today() + dt.timedelta(days=2))
    page = task_list(actor=world.alice, view=TaskView.MY_PENDING, filters=TaskFilters(overdue=True))
    assert titles(page) == ["Late"]


def test_show_all_includes_completed(world):
    task = world.task()
    task_complete(actor=world.alice, task_id=task.id)
    assert titles(task_list(actor=world.alice, view=TaskView.MY_PENDING)) == []
    page = task_list(actor=world.alice, view=TaskView.MY_PENDING, filters=TaskFilters(include_closed=True))
    assert titles(page) == ["Call back"]


def test_note_needs_text(world):
    task = world.task()
    with pytest.raises(FieldErrors):
        note_add(actor=world.alice, task_id=task.id, body="  ")
    note_add(actor=world.alice, task_id=task.id, body="Left a voicemail")
    assert task.notes.get().body == "Left a voicemail"


def test_due_time_is_stored_in_utc(world):
    world.alice.time_zone = "Europe/Warsaw"
    world.alice.save()
    task = world.task(due_date=dt.date(2026, 7, 1), due_time=dt.time(10, 0))
    assert task.due_at == dt.datetime(2026, 7, 1, 8, 0, tzinfo=dt.UTC)


def test_links_of_another_organization_are_refused(world):
    from followup.tasks.validation import TaskLinks

    foreign = world.task(actor=world.mallory, customer=world.customer(organization=world.other_org))
    with pytest.raises(FieldErrors) as err:
        world.task(links=TaskLinks(parent_id=foreign.id, subscriber_ids=[world.mallory.id]))
    assert set(err.value.errors) == {"parent", "subscribers"}


def test_subtask_with_subscribers(world):
    from followup.tasks.validation import TaskLinks

    main = world.task("Main")
    sub = world.task("Sub", links=TaskLinks(parent_id=main.id, subscriber_ids=[world.carol.id]))
    assert sub.parent == main and list(sub.subscribers.all()) == [world.carol]
