"""Team tasks and subtasks (J7, J10, J12), the co-owner rule (J13), subscribers (J8),
visibility (J3) and task notifications (J2)."""

import datetime as dt

import pytest

from followup.core.exceptions import FieldErrors, NotAllowed, NotFound
from followup.notifications.delivery import deliver_outbox
from followup.notifications.models import Event, Notification
from followup.tasks.access import task_get
from followup.tasks.bulk import tasks_bulk
from followup.tasks.models import HistoryAction, StatusCategory, Task
from followup.tasks.services import (
    subtask_create,
    task_complete,
    task_reassign,
    task_reopen,
    task_update,
)
from followup.tasks.validation import TaskLinks


def _fresh(task):
    return Task.objects.select_related("status").get(pk=task.pk)


def _team_task(world):
    """Owned by carol, performed by alice and bob."""
    return world.task("Launch", actor=world.carol, assignees=[world.alice, world.bob])


def _sub(world, parent, actor, assignee, title="Part"):
    return subtask_create(actor=actor, parent_id=parent.pk, title=title, assignee_ids=[assignee.pk],
                          due_date=dt.date.today())


# --- J13 ---------------------------------------------------------------------------------


def test_task_for_oneself_gets_department_head_as_co_owner(world):
    task = world.task(actor=world.alice, assignees=[world.alice])
    assert task.co_owner == world.bob


def test_head_creating_for_themself_gets_no_co_owner(world):
    task = world.task(actor=world.bob, assignees=[world.bob])
    assert task.co_owner is None


def test_task_for_someone_else_gets_no_co_owner(world):
    task = world.task(actor=world.alice, assignees=[world.bob])
    assert task.co_owner is None


def test_co_owner_sees_and_edits_the_task(world):
    stranger = world.user("sam", department=world.sales)
    task = world.task(actor=stranger, assignees=[stranger])
    task_update(actor=world.bob, task_id=task.pk, title="Call back soon")
    assert _fresh(task).title == "Call back soon"


# --- J8 ----------------------------------------------------------------------------------


def test_subscriber_sees_the_task(world):
    dave = world.user("dave")
    task = world.task(actor=world.bob, assignees=[world.bob], links=TaskLinks(subscriber_ids=[dave.pk]))
    assert task_get(actor=dave, task_id=task.pk).pk == task.pk


def test_member_not_participating_gets_404(world):
    dave = world.user("dave")
    task = world.task(actor=world.bob, assignees=[world.bob])
    with pytest.raises(NotFound):
        task_get(actor=dave, task_id=task.pk)


def test_other_organization_gets_404_even_when_subscribed_by_id(world):
    task = world.task(actor=world.bob, assignees=[world.bob])
    with pytest.raises(FieldErrors) as err:
        task_update(actor=world.bob, task_id=task.pk, subscriber_ids=[world.mallory.pk])
    assert "subscribers" in err.value.errors


def test_subscribers_are_set_by_task_update_and_recorded(world):
    dave = world.user("dave", first_name="Dave", last_name="Dunn")
    task = world.task(actor=world.bob, assignees=[world.bob])
    task_update(actor=world.bob, task_id=task.pk, subscriber_ids=[dave.pk])
    assert list(task.subscribers.all()) == [dave]
    entry = task.history.filter(action=HistoryAction.UPDATED).get()
    assert entry.changes == [{"field": "subscribers", "old": "", "new": "Dave Dunn"}]


def test_subscriber_is_emailed_when_task_is_created_and_completed(world, smtp_inbox):
    dave = world.user("dave")
    task = world.task("Call back", actor=world.bob, assignees=[world.bob], links=TaskLinks(subscriber_ids=[dave.pk]))
    task_complete(actor=world.bob, task_id=task.pk)
    assert deliver_outbox() == 2
    subjects = sorted(m["subject"] for m in smtp_inbox.messages if m["to"] == ["dave@example.com"])
    assert subjects == ["Bob Baker completed “Call back”", "Bob Baker created “Call back”"]
    assert all(f"/tasks/{task.pk}/" in m["body"] for m in smtp_inbox.messages)


# --- Notifications -----------------------------------------------------------------------


def test_assignees_are_notified_of_a_new_task_but_not_the_actor(world):
    world.task(actor=world.alice, assignees=[world.alice, world.bob])
    assert list(Notification.objects.values_list("recipient__username", "event")) == [("bob", Event.TASK_CREATED)]


def test_new_assignee_is_notified_of_reassignment(world):
    task = world.task(actor=world.alice, assignees=[world.alice])
    task_reassign(actor=world.alice, task_id=task.pk, assignee_ids=[world.oscar.pk])
    note = Notification.objects.get(recipient=world.oscar)
    assert note.event == Event.TASK_REASSIGNED and note.url == f"/tasks/{task.pk}/"


def test_owner_is_notified_when_assignee_completes(world):
    task = world.task(actor=world.carol, assignees=[world.alice])
    task_complete(actor=world.alice, task_id=task.pk)
    note = Notification.objects.get(recipient=world.carol, event=Event.TASK_COMPLETED)
    assert note.title == "Alice Archer completed “Call back”"


def test_status_change_notifies_participants(world):
    task = world.task(actor=world.carol, assignees=[world.alice])
    task_complete(actor=world.alice, task_id=task.pk)
    task_reopen(actor=world.carol, task_id=task.pk)
    assert Notification.objects.filter(recipient=world.alice, event=Event.TASK_STATUS).count() == 1


# --- J10: subtasks -----------------------------------------------------------------------


def test_performer_creates_subtask_for_another_performer(world):
    parent = _team_task(world)
    sub = _sub(world, parent, world.alice, world.bob)
    assert sub.parent_id == parent.pk and list(sub.assignees.all()) == [world.bob]


def test_subtask_inherits_the_customer(world):
    parent = _team_task(world)
    assert _sub(world, parent, world.alice, world.alice).customer_id == parent.customer_id


def test_subtask_assignee_must_be_a_performer(world):
    parent = _team_task(world)
    with pytest.raises(FieldErrors) as err:
        _sub(world, parent, world.alice, world.oscar)
    assert "assignees" in err.value.errors


def test_subtask_needs_an_assignee(world):
    parent = _team_task(world)
    with pytest.raises(FieldErrors) as err:
        subtask_create(actor=world.alice, parent_id=parent.pk, title="x", assignee_ids=[], due_date=dt.date.today())
    assert "assignees" in err.value.errors


def test_subtask_of_a_subtask_is_refused(world):
    parent = _team_task(world)
    sub = _sub(world, parent, world.alice, world.alice)
    with pytest.raises(FieldErrors) as err:
        _sub(world, sub, world.alice, world.alice)
    assert "parent" in err.value.errors


def test_subtask_of_another_organization_task_is_404(world):
    parent = _team_task(world)
    with pytest.raises(NotFound):
        _sub(world, parent, world.mallory, world.mallory)


# --- J12 ---------------------------------------------------------------------------------


def test_team_task_completes_when_every_performer_has_done_subtasks(world):
    parent = _team_task(world)
    a, b = _sub(world, parent, world.alice, world.alice), _sub(world, parent, world.bob, world.bob)
    task_complete(actor=world.alice, task_id=a.pk)
    assert _fresh(parent).is_pending
    task_complete(actor=world.bob, task_id=b.pk)
    parent = _fresh(parent)
    assert parent.status.category == StatusCategory.DONE and parent.completed_by == world.bob
    entry = parent.history.filter(action=HistoryAction.COMPLETED).get()
    assert entry.actor == world.bob


def test_team_task_stays_open_while_a_performer_has_no_subtask(world):
    parent = _team_task(world)
    task_complete(actor=world.alice, task_id=_sub(world, parent, world.alice, world.alice).pk)
    assert _fresh(parent).is_pending


def test_team_task_reopens_when_a_subtask_is_reopened(world):
    parent = _team_task(world)
    a, b = _sub(world, parent, world.alice, world.alice), _sub(world, parent, world.bob, world.bob)
    task_complete(actor=world.alice, task_id=a.pk)
    task_complete(actor=world.bob, task_id=b.pk)
    task_reopen(actor=world.alice, task_id=a.pk)
    parent = _fresh(parent)
    assert parent.is_pending and parent.status.category == StatusCategory.OPEN
    assert parent.history.filter(action=HistoryAction.REOPENED).get().actor == world.alice


def test_performer_may_not_complete_team_task_directly(world):
    parent = _team_task(world)
    with pytest.raises(NotAllowed) as err:
        task_complete(actor=world.alice, task_id=parent.pk)
    assert "team task" in str(err.value)


def test_performer_may_not_complete_team_task_in_a_batch(world):
    parent = _team_task(world)
    with pytest.raises(NotAllowed):
        tasks_bulk(actor=world.alice, action="complete", task_ids=[parent.pk])
    assert _fresh(parent).is_pending


def test_owner_may_complete_team_task(world):
    parent = _team_task(world)
    task_complete(actor=world.carol, task_id=parent.pk)
    assert not _fresh(parent).is_pending


def test_performer_may_still_edit_team_task_title(world):
    parent = _team_task(world)
    task_update(actor=world.alice, task_id=parent.pk, title="Launch v2")
    assert _fresh(parent).title == "Launch v2"


def test_people_added_by_an_edit_are_notified_of_the_assignment(world):
    task = world.task(actor=world.alice, assignees=[world.alice])
    task_update(actor=world.alice, task_id=task.pk, assignee_ids=[world.alice.pk, world.oscar.pk])
    note = Notification.objects.get(recipient=world.oscar)
    assert note.event == Event.TASK_REASSIGNED and note.title == "Alice Archer assigned “Call back” to you"


def test_subtask_reassigned_outside_the_performers_is_refused(world):
    parent = _team_task(world)
    sub = _sub(world, parent, world.alice, world.alice)
    with pytest.raises(FieldErrors) as err:
        task_reassign(actor=world.alice, task_id=sub.pk, assignee_ids=[world.oscar.pk])
    assert "assignees" in err.value.errors
