"""§4: everything a person reads is in their language: notifications and e-mails are worded for
each recipient, and a new organization's names in its own language."""

from followup.accounts.services import organization_create
from followup.deals.models import SalesProcess
from followup.notifications.delivery import deliver_outbox
from followup.notifications.models import Event, Notification
from followup.tasks.models import TaskStatus, TaskType
from followup.tasks.services import task_complete, task_update


def speaks(user, language):
    user.language = language
    user.save(update_fields=["language"])


def test_each_recipient_reads_the_notification_in_their_language(world):
    speaks(world.bob, "pl")
    speaks(world.carol, "en")
    task = world.task("Oferta", actor=world.bob, assignees=[world.alice])
    task_update(actor=world.bob, task_id=task.pk, subscriber_ids=[world.carol.pk])

    task_complete(actor=world.alice, task_id=task.pk)

    bob = Notification.objects.get(recipient=world.bob, event=Event.TASK_COMPLETED)
    carol = Notification.objects.get(recipient=world.carol, event=Event.TASK_COMPLETED)
    assert carol.title == "Alice Archer completed “Oferta”"
    assert bob.title != carol.title and "Oferta" in bob.title and "completed" not in bob.title


def test_the_email_is_in_the_recipients_language(world, smtp_inbox):
    speaks(world.bob, "pl")
    task = world.task("Oferta", actor=world.bob, assignees=[world.alice])
    deliver_outbox()

    task_complete(actor=world.alice, task_id=task.pk)
    deliver_outbox()

    [mail] = [m for m in smtp_inbox.messages if m["to"] == ["bob@example.com"]]
    assert "Choose which e-mails you get" not in mail["body"] and "Oferta" in mail["subject"]


def test_the_change_lines_are_in_the_recipients_language(world):
    speaks(world.bob, "pl")
    task = world.task("Call", actor=world.bob, assignees=[world.alice])

    task_update(actor=world.alice, task_id=task.pk, title="Call today")

    detail = Notification.objects.get(recipient=world.bob, event=Event.TASK_UPDATED).detail
    assert detail.startswith("Tytuł: Call → Call today")


def test_a_polish_organization_starts_with_polish_names(db):
    org = organization_create(name="Nowak", slug="nowak", language="pl")

    statuses = set(TaskStatus.objects.filter(organization=org).values_list("name", flat=True))
    assert "Nierozpoczęte" in statuses and "Not Started" not in statuses
    assert TaskType.objects.filter(organization=org, name="Telefon").exists()
    assert "Sales" not in SalesProcess.objects.filter(organization=org).values_list("name", flat=True)
