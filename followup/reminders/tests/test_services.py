import datetime as dt

import pytest
from django.utils import timezone

from followup.core.exceptions import FieldErrors, NotFound
from followup.memos.models import Memo
from followup.notifications.delivery import deliver_outbox
from followup.notifications.models import Event, Notification, OutboxEmail
from followup.notifications.services import email_preferences_set, email_text
from followup.reminders.models import Reminder
from followup.reminders.services import (
    reminder_create,
    reminder_deactivate,
    reminders_fire_batch,
    reminders_fire_due,
    reminders_follow,
)


def in_(minutes: float) -> dt.datetime:
    return timezone.now() + dt.timedelta(minutes=minutes)


def remind(world, user=None, *, minutes=-1.0, target=None, kind="task", note=""):
    user = user or world.alice
    target = target or world.task(actor=user)
    return reminder_create(actor=user, target_type=kind, target_id=target.pk, remind_at=in_(minutes), note=note)


def test_reminder_on_a_task_stores_its_name_and_link(world):
    task = world.task("Call ACME")
    reminder = remind(world, target=task, minutes=30)
    assert reminder.target_label == "Call ACME" and reminder.target_url == f"/tasks/{task.pk}/"
    assert reminder.is_active and reminder.fired_at is None and reminder.owner == world.alice


def test_reminder_time_is_stored_in_utc(world):
    warsaw = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    reminder = reminder_create(actor=world.alice, target_type="customer", target_id=world.customer().pk,
                               remind_at=warsaw)
    reminder.refresh_from_db()
    assert reminder.remind_at == dt.datetime(2026, 12, 1, 8, 30, tzinfo=dt.UTC)


def test_reminder_on_a_customer(world):
    customer = world.customer("Globex Ltd")
    reminder = remind(world, target=customer, kind="customer")
    assert reminder.target_label == "Globex Ltd" and reminder.target_url == f"/customers/{customer.pk}/"


def test_reminder_on_a_memo(world):
    memo = Memo.objects.create(organization=world.org, author=world.alice, recipient=world.bob, title="Budget")
    assert remind(world, target=memo, kind="memo").target_label == "Budget"


def test_reminder_on_a_task_i_cannot_see_is_not_found(world):
    task = world.task(actor=world.bob, assignees=[world.bob])
    with pytest.raises(NotFound):
        remind(world, world.alice, target=task)


def test_reminder_on_another_organizations_customer_is_not_found(world):
    with pytest.raises(NotFound):
        remind(world, world.mallory, target=world.customer(), kind="customer")


def test_unknown_target_type_names_the_field(world):
    with pytest.raises(FieldErrors) as e:
        remind(world, kind="planet")
    assert "target_type" in e.value.errors


def test_missing_time_names_the_field(world):
    with pytest.raises(FieldErrors) as e:
        reminder_create(actor=world.alice, target_type="task", target_id=world.task().pk, remind_at=None)
    assert "remind_at" in e.value.errors


def test_too_long_note_names_the_field(world):
    with pytest.raises(FieldErrors) as e:
        remind(world, note="x" * 501)
    assert "note" in e.value.errors


def test_due_reminder_fires_once_with_notification_and_email(world, smtp_inbox):
    reminder = remind(world, note="Ask about the renewal")
    assert reminders_fire_due() == 1
    assert reminders_fire_due() == 0
    [n] = Notification.objects.filter(recipient=world.alice)
    assert n.event == Event.REMINDER_DUE and n.url == reminder.target_url and n.object_id == reminder.object_id
    deliver_outbox()
    [mail] = smtp_inbox.messages
    assert mail["to"] == ["alice@example.com"] and "Call back" in mail["subject"]
    assert "Ask about the renewal" in mail["body"] and f"/tasks/{reminder.object_id}/" in mail["body"]


@pytest.mark.parametrize("note", ["", "Bring the signed contract\nand the invoice"])
def test_fired_email_text_written_in_sql_is_the_text_notify_writes(world, note):
    """Firing writes the e-mail with INSERT ... SELECT; it must read exactly like every other e-mail."""
    reminder = remind(world, note=note)
    reminders_fire_due()
    [mail] = OutboxEmail.objects.all()
    title = f"Reminder: {reminder.target_label}"
    assert (mail.subject, mail.to) == (title, "alice@example.com")
    assert mail.body == email_text(title=title, detail=note, url=reminder.target_url)


def test_reminder_without_a_label_is_about_a_dash(world):
    reminder = remind(world)
    Reminder.objects.filter(pk=reminder.pk).update(target_label="")
    reminders_fire_due()
    assert Notification.objects.get().title == "Reminder: —"


def test_reminder_of_a_deactivated_user_fires_without_telling_anyone(world):
    remind(world)
    type(world.alice).objects.filter(pk=world.alice.pk).update(is_active=False)
    assert reminders_fire_due() == 1
    assert not Notification.objects.exists() and not OutboxEmail.objects.exists()


def test_fired_reminder_records_when(world):
    reminder = remind(world)
    reminders_fire_due()
    reminder.refresh_from_db()
    assert reminder.fired_at is not None and reminder.is_active


def test_future_reminder_does_not_fire(world):
    remind(world, minutes=10)
    assert reminders_fire_due() == 0 and not Notification.objects.exists()


def test_deactivated_reminder_does_not_fire(world):
    reminder = remind(world)
    reminder_deactivate(actor=world.alice, reminder_id=reminder.pk)
    assert reminders_fire_due() == 0


def test_only_the_owner_can_deactivate(world):
    reminder = remind(world)
    with pytest.raises(NotFound):
        reminder_deactivate(actor=world.bob, reminder_id=reminder.pk)


def test_opted_out_owner_gets_the_notification_but_no_email(world):
    email_preferences_set(actor=world.alice, wanted=[])
    remind(world)
    reminders_fire_due()
    assert Notification.objects.filter(recipient=world.alice).count() == 1 and not OutboxEmail.objects.exists()


def test_firing_goes_in_batches(world):
    task = world.task()
    for _ in range(5):
        remind(world, target=task)
    assert reminders_fire_batch(batch=2) == 2
    assert reminders_fire_due(batch=2) == 3
    assert Reminder.objects.filter(fired_at__isnull=True).count() == 0


def test_batch_of_reminders_writes_rows_in_constant_queries(world, django_assert_max_num_queries):
    task = world.task()
    for _ in range(50):
        remind(world, target=task)
    # savepoint, claim, mark fired, change log (A2), notifications, outbox e-mails, delivery job, release
    with django_assert_max_num_queries(8):
        assert reminders_fire_batch(batch=100) == 50


def test_follow_fires_a_reminder_that_falls_due_within_the_window(world):
    remind(world, minutes=1.5 / 60)  # 1.5 s from now
    assert reminders_follow(window=dt.timedelta(seconds=5), poll=0.1) == 1


def test_follow_returns_at_once_when_nothing_is_due_soon(world):
    remind(world, minutes=10)
    started = timezone.now()
    assert reminders_follow(window=dt.timedelta(seconds=5)) == 0
    assert timezone.now() - started < dt.timedelta(seconds=1)


def test_scheduler_job_fires_due_reminders_every_five_seconds(world):
    from followup.core import scheduler
    from followup.reminders import jobs

    remind(world)
    job = scheduler.registered_jobs()["reminders_fire"]
    assert job.every == dt.timedelta(seconds=5)
    assert jobs.reminders_fire() == "fired 1 reminder(s)"



def test_reschedule_arms_a_fired_reminder_again_and_it_fires_once_more(world):
    from followup.reminders.services import reminder_reschedule

    reminder = remind(world)
    reminders_fire_due()
    reminder_reschedule(actor=world.alice, reminder_id=reminder.pk, remind_at=in_(-0.1))
    reminder.refresh_from_db()
    assert reminder.is_active and reminder.fired_at is None
    assert reminders_fire_due() == 1 and reminders_fire_due() == 0
    assert Notification.objects.filter(recipient=world.alice, event=Event.REMINDER_DUE).count() == 2


def test_reschedule_reactivates_a_deactivated_reminder_at_the_new_time(world):
    from followup.reminders.services import reminder_reschedule

    reminder = remind(world, minutes=30)
    reminder_deactivate(actor=world.alice, reminder_id=reminder.pk)
    later = in_(120)
    reminder_reschedule(actor=world.alice, reminder_id=reminder.pk, remind_at=later)
    reminder.refresh_from_db()
    assert reminder.is_active and reminder.remind_at == later
    assert reminders_fire_due() == 0


def test_reschedule_is_for_the_owner_only_and_names_a_missing_time(world):
    from followup.reminders.services import reminder_reschedule

    reminder = remind(world)
    for other in (world.bob, world.mallory):
        with pytest.raises(NotFound):
            reminder_reschedule(actor=other, reminder_id=reminder.pk, remind_at=in_(10))
    with pytest.raises(FieldErrors) as exc:
        reminder_reschedule(actor=world.alice, reminder_id=reminder.pk, remind_at=None)
    assert "remind_at" in exc.value.errors


def test_reschedule_refuses_an_object_the_owner_can_no_longer_see(world):
    from followup.reminders.services import reminder_reschedule
    from followup.tasks.services import task_reassign

    task = world.task(actor=world.bob, assignees=[world.alice, world.bob])
    reminder = remind(world, target=task)
    task_reassign(actor=world.bob, task_id=task.pk, assignee_ids=[world.bob.pk])
    with pytest.raises(NotFound):
        reminder_reschedule(actor=world.alice, reminder_id=reminder.pk, remind_at=in_(10))
