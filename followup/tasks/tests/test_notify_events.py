"""J2: participants hear of every event on a task — edits, notes, deletion — in the application
and by e-mail, never about their own action, and a burst of one person's edits is one notice."""

import datetime as dt

from django.utils import timezone

from followup.notifications.delivery import deliver_outbox
from followup.notifications.models import Event, Notification, OutboxEmail
from followup.notifications.services import email_preferences_set
from followup.tasks.services import note_add, task_delete, task_reassign, task_update


def notices(user, event=None):
    qs = Notification.objects.filter(recipient=user).order_by("id")
    if event:
        qs = qs.filter(event=event)
    return list(qs)


def send_waiting_emails():
    """The fold window passes: every waiting e-mail becomes due, and the worker sends it."""
    OutboxEmail.objects.update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))
    return deliver_outbox()


def bob_owned_task(world, **kwargs):
    """Bob (the owner) gives Alice a task, so Alice's edits are news to Bob."""
    return world.task(actor=world.bob, assignees=[world.alice], **kwargs)


def test_editing_the_title_tells_the_owner_what_changed(world):
    task = bob_owned_task(world, title="Call back")

    task_update(actor=world.alice, task_id=task.pk, title="Call back about the offer")

    [notice] = notices(world.bob, Event.TASK_UPDATED)
    assert notice.title == "Alice Archer changed “Call back about the offer”"
    assert "Title: Call back → Call back about the offer" in notice.detail


def test_editing_due_date_priority_and_description_each_notify(world):
    task = bob_owned_task(world)

    task_update(actor=world.alice, task_id=task.pk, due_date=dt.date(2030, 1, 2), priority=3,
                description="Bring the contract")

    [notice] = notices(world.bob, Event.TASK_UPDATED)
    assert "Due date:" in notice.detail and "2030-01-02" in notice.detail
    assert "Priority: Medium → High" in notice.detail
    assert "Description changed" in notice.detail


def test_the_actor_is_never_told_of_their_own_edit(world):
    task = bob_owned_task(world)

    task_update(actor=world.alice, task_id=task.pk, title="New title")

    assert notices(world.alice, Event.TASK_UPDATED) == []


def test_subscribers_hear_of_edits(world):
    task = bob_owned_task(world)
    task_update(actor=world.bob, task_id=task.pk, subscriber_ids=[world.carol.pk])

    task_update(actor=world.alice, task_id=task.pk, title="Renamed")

    assert [n.actor for n in notices(world.carol, Event.TASK_UPDATED)][-1] == world.alice


def test_reassigning_tells_the_person_taken_off_and_the_owner(world):
    task = bob_owned_task(world)

    task_reassign(actor=world.alice, task_id=task.pk, assignee_ids=[world.oscar.pk])

    assert "Assigned to: Alice Archer → Oscar Ortiz" in notices(world.bob, Event.TASK_UPDATED)[0].detail
    assert len(notices(world.oscar, Event.TASK_REASSIGNED)) == 1
    assert notices(world.oscar, Event.TASK_UPDATED) == []


def test_a_note_tells_the_tasks_people(world):
    task = bob_owned_task(world)

    note_add(actor=world.alice, task_id=task.pk, body="Customer asked for a discount")

    [notice] = notices(world.bob, Event.TASK_NOTE)
    assert notice.title == f"Alice Archer added a note to “{task.title}”"
    assert notice.detail == "Customer asked for a discount"


def test_a_deletion_notice_survives_the_deletion(world):
    task = bob_owned_task(world, title="Send the quote")

    task_delete(actor=world.bob, task_id=task.pk)

    [notice] = notices(world.alice, Event.TASK_DELETED)
    assert notice.title == "Bob Baker deleted “Send the quote”"
    assert notice.url == "" and notice.object_id is None


def test_a_burst_of_edits_by_one_person_is_one_notice_and_one_email(world, smtp_inbox):
    task = bob_owned_task(world, title="Call back")
    deliver_outbox()  # Alice's "new task" e-mail

    task_update(actor=world.alice, task_id=task.pk, title="Call back today")
    task_update(actor=world.alice, task_id=task.pk, priority=4)
    task_update(actor=world.alice, task_id=task.pk, due_date=dt.date(2030, 5, 6))

    [notice] = notices(world.bob, Event.TASK_UPDATED)
    assert notice.detail.count("\n") == 2
    assert deliver_outbox() == 0  # the e-mail waits for the burst to end
    assert send_waiting_emails() == 1
    [mail] = [m for m in smtp_inbox.messages if "changed" in m["subject"]]
    assert mail["to"] == ["bob@example.com"]
    for line in ("Title: Call back → Call back today", "Priority: Medium → Urgent", "2030-05-06"):
        assert line in mail["body"]


def test_an_edit_after_the_email_went_out_is_a_new_notice(world, smtp_inbox):
    task = bob_owned_task(world)
    task_update(actor=world.alice, task_id=task.pk, title="First")
    send_waiting_emails()

    task_update(actor=world.alice, task_id=task.pk, title="Second")

    assert len(notices(world.bob, Event.TASK_UPDATED)) == 2


def test_edits_by_two_people_do_not_fold_together(world):
    task = world.task(actor=world.carol, assignees=[world.alice, world.bob])

    task_update(actor=world.alice, task_id=task.pk, title="By Alice")
    task_update(actor=world.bob, task_id=task.pk, title="By Bob")

    assert len(notices(world.carol, Event.TASK_UPDATED)) == 2


def test_an_opted_out_kind_is_not_emailed(world, smtp_inbox):
    email_preferences_set(actor=world.bob, wanted=[e for e in Event.values if e != Event.TASK_UPDATED])
    task = bob_owned_task(world)

    task_update(actor=world.alice, task_id=task.pk, title="Quiet change")

    assert len(notices(world.bob, Event.TASK_UPDATED)) == 1
    send_waiting_emails()
    assert not [m for m in smtp_inbox.messages if "changed" in m["subject"]]
