from followup.notifications.delivery import deliver_outbox
from followup.notifications.models import Event, Notification, OutboxEmail, OutboxStatus
from followup.notifications.selectors import unread_count
from followup.notifications.services import email_preferences_set, notifications_mark_read, notify


def test_notify_writes_in_app_notification_and_email(world, smtp_inbox):
    task = world.task()
    notify(event=Event.TASK_COMPLETED, recipients=[world.bob, world.alice], actor=world.alice,
           title="Alice completed 'Call back'", url=f"/tasks/{task.pk}/", target=task)
    assert unread_count(world.bob) == 1 and unread_count(world.alice) == 0
    assert deliver_outbox() == 1
    [mail] = smtp_inbox.messages
    assert mail["to"] == ["bob@example.com"]
    assert mail["subject"] == "Alice completed 'Call back'"
    assert f"http://127.0.0.1:8000/tasks/{task.pk}/" in mail["body"]
    assert mail["body"].rstrip().endswith("Choose which e-mails you get: http://127.0.0.1:8000/notifications/settings/")


def test_opted_out_event_sends_no_email(world, smtp_inbox):
    email_preferences_set(actor=world.bob, wanted=[e for e in Event.values if e != Event.TASK_COMPLETED])
    notify(event=Event.TASK_COMPLETED, recipients=[world.bob], actor=world.alice, title="Done")
    assert Notification.objects.filter(recipient=world.bob).count() == 1
    assert deliver_outbox() == 0 and smtp_inbox.messages == []


def test_failed_delivery_is_retried_later(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens on the discard port
    notify(event=Event.TASK_COMPLETED, recipients=[world.bob], actor=world.alice, title="Done")
    assert deliver_outbox() == 0
    email = OutboxEmail.objects.get()
    assert email.status == OutboxStatus.PENDING and email.attempts == 1 and email.sent_at is None
    assert "Connection" in email.last_error or "refused" in email.last_error.lower()


def test_mark_read_clears_the_dot(world):
    notify(event=Event.TASK_ASSIGNED, recipients=[world.bob], actor=world.alice, title="New task")
    assert notifications_mark_read(actor=world.bob) == 1
    assert unread_count(world.bob) == 0
