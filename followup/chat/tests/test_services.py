"""Posting in a thread: who may, who is told (in the application and by e-mail), what is refused."""

import pytest

from followup.chat.models import Attachment, Message
from followup.chat.services import message_post
from followup.chat.tests.conftest import MZ_BYTES
from followup.core.exceptions import FieldErrors, NotFound
from followup.memos.models import Memo, MemoStatus
from followup.notifications.delivery import deliver_outbox
from followup.notifications.models import Event, Notification
from followup.projects.models import Project


def _memo(world, *, status=MemoStatus.SENT, **kwargs):
    return Memo.objects.create(organization=world.org, author=world.alice, recipient=world.bob, title="Budget",
                               status=status, **kwargs)


def _clear_outbox(inbox):
    """Other events (the task's creation) send their own e-mails first."""
    deliver_outbox()
    inbox.messages.clear()


def test_participant_posts_a_message_on_a_task(world):
    task = world.task(assignees=[world.alice])
    message = message_post(actor=world.alice, kind="task", object_id=task.pk, body="Called, no answer")
    assert message.target == task and message.author == world.alice and message.body == "Called, no answer"


def test_participants_are_notified_but_not_the_author(world):
    task = world.task(assignees=[world.alice, world.bob])
    message_post(actor=world.alice, kind="task", object_id=task.pk, body="Hi")
    notified = Notification.objects.filter(event=Event.TASK_COMMENTED)
    assert [n.recipient for n in notified] == [world.bob]
    assert notified[0].url == f"/tasks/{task.pk}/#chat"


def test_participants_get_an_email_with_the_message_and_a_link(world, smtp_inbox):
    task = world.task("Call ACME", assignees=[world.alice, world.bob])
    _clear_outbox(smtp_inbox)
    message_post(actor=world.alice, kind="task", object_id=task.pk, body="They want a new offer")
    assert deliver_outbox() == 1
    [mail] = smtp_inbox.messages
    assert mail["to"] == ["bob@example.com"]
    assert mail["subject"] == "Alice Archer wrote in “Call ACME”"
    assert "They want a new offer" in mail["body"]
    assert f"http://127.0.0.1:8000/tasks/{task.pk}/#chat" in mail["body"]


def test_attachment_names_are_listed_in_the_email(world, smtp_inbox, upload):
    task = world.task(assignees=[world.alice, world.bob])
    _clear_outbox(smtp_inbox)
    message_post(actor=world.alice, kind="task", object_id=task.pk, files=[upload("offer.pdf")])
    deliver_outbox()
    assert "Attached: offer.pdf" in smtp_inbox.messages[0]["body"]


def test_someone_who_cannot_see_the_task_cannot_post(world):
    task = world.task(assignees=[world.alice])
    other = world.user("dave")
    with pytest.raises(NotFound):
        message_post(actor=other, kind="task", object_id=task.pk, body="Hello?")


def test_other_organization_gets_not_found(world):
    task = world.task()
    with pytest.raises(NotFound):
        message_post(actor=world.mallory, kind="task", object_id=task.pk, body="Hi")


def test_unknown_kind_is_not_found(world):
    with pytest.raises(NotFound):
        message_post(actor=world.alice, kind="customer", object_id=1, body="Hi")


def test_empty_message_is_refused_naming_the_body(world):
    task = world.task()
    with pytest.raises(FieldErrors) as err:
        message_post(actor=world.alice, kind="task", object_id=task.pk, body="   ")
    assert "body" in err.value.errors


def test_file_is_stored_under_media_chat_with_its_detected_type(world, upload, settings):
    task = world.task()
    message = message_post(actor=world.alice, kind="task", object_id=task.pk, files=[upload("offer.pdf")])
    [attachment] = message.attachments.all()
    assert attachment.file.name.startswith(f"chat/{world.org.pk}/") and attachment.file.name.endswith("/offer.pdf")
    assert attachment.content_type == "application/pdf"
    assert (settings.MEDIA_ROOT / attachment.file.name).exists()


def test_disguised_executable_is_refused_and_nothing_is_saved(world, upload):
    task = world.task()
    with pytest.raises(FieldErrors) as err:
        message_post(actor=world.alice, kind="task", object_id=task.pk, body="see file",
                     files=[upload("evil.pdf", MZ_BYTES)])
    assert "evil.pdf" in err.value.errors["files"][0]
    assert not Message.objects.exists() and not Attachment.objects.exists()


def test_file_over_the_limit_is_refused(world, upload, settings):
    settings.FOLLOWUP_MAX_UPLOAD_MB = 1
    task = world.task()
    with pytest.raises(FieldErrors) as err:
        message_post(actor=world.alice, kind="task", object_id=task.pk,
                     files=[upload("big.txt", b"a" * (2 * 1024 * 1024))])
    assert "at most 1 MB" in err.value.errors["files"][0]


def test_path_traversal_name_is_refused(world, upload):
    task = world.task()
    with pytest.raises(FieldErrors) as err:
        message_post(actor=world.alice, kind="task", object_id=task.pk, files=[upload("passwd", b"root")],
                     names_with_paths=["../../etc/passwd"])
    assert "contains a path" in err.value.errors["files"][0]


def test_company_manager_writes_in_a_memo_chat(world):
    """J19: company management sees memo chats."""
    memo = _memo(world)
    message_post(actor=world.carol, kind="memo", object_id=memo.pk, body="Approved")
    assert {n.recipient for n in Notification.objects.filter(event=Event.TASK_COMMENTED)} == {world.alice, world.bob}


def test_memo_subscriber_is_notified(world):
    memo = _memo(world)
    dave = world.user("dave")
    memo.subscribers.add(dave)
    message_post(actor=world.bob, kind="memo", object_id=memo.pk, body="Noted")
    assert {n.recipient for n in Notification.objects.filter(event=Event.TASK_COMMENTED)} == {world.alice, dave}


def test_draft_memo_chat_is_the_authors_alone(world):
    """J15: only the author sees a draft, so only the author may write in its chat."""
    memo = _memo(world, status=MemoStatus.DRAFT)
    with pytest.raises(NotFound):
        message_post(actor=world.bob, kind="memo", object_id=memo.pk, body="Hi")


def test_project_member_posts_and_owner_is_notified(world):
    project = Project.objects.create(organization=world.org, name="Launch", owner=world.bob)
    project.members.add(world.alice)
    message_post(actor=world.alice, kind="project", object_id=project.pk, body="Slides ready")
    assert [n.recipient for n in Notification.objects.filter(event=Event.TASK_COMMENTED)] == [world.bob]


def test_outsider_cannot_post_in_a_project(world):
    project = Project.objects.create(organization=world.org, name="Launch", owner=world.bob)
    with pytest.raises(NotFound):
        message_post(actor=world.alice, kind="project", object_id=project.pk, body="Hi")


def test_task_subscriber_writes_and_the_assignee_is_notified(world):
    """J8: subscribers see the task, so they take part in its chat."""
    dave = world.user("dave")
    task = world.task(assignees=[world.alice])
    task.subscribers.add(dave)
    message_post(actor=dave, kind="task", object_id=task.pk, body="Following this")
    assert world.alice in {n.recipient for n in Notification.objects.filter(event=Event.TASK_COMMENTED)}


def test_participant_who_opted_out_of_chat_email_is_told_in_the_application_only(world, smtp_inbox):
    from followup.notifications.services import email_preferences_set

    email_preferences_set(actor=world.bob, wanted=[e for e in Event.values if e != Event.TASK_COMMENTED])
    task = world.task(assignees=[world.alice, world.bob])
    _clear_outbox(smtp_inbox)
    message_post(actor=world.alice, kind="task", object_id=task.pk, body="Quiet please")
    assert Notification.objects.filter(event=Event.TASK_COMMENTED, recipient=world.bob).exists()
    assert deliver_outbox() == 0 and smtp_inbox.messages == []
