"""Chat endpoints: list and post on tasks, memos and projects (multipart for files), downloads."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from followup.chat.models import Message
from followup.chat.services import message_post
from followup.chat.tests.conftest import MZ_BYTES, PDF_BYTES
from followup.memos.models import Memo, MemoStatus
from followup.notifications.models import Event, Notification
from followup.projects.models import Project


def test_post_text_and_a_file_to_a_task(world, api):
    task = world.task(assignees=[world.alice, world.bob])
    r = api(world.alice).post(f"/api/v1/tasks/{task.pk}/messages",
                              {"body": "Offer attached", "files": [SimpleUploadedFile("offer.pdf", PDF_BYTES)]})
    assert r.status_code == 201, r.content
    data = r.json()
    assert data["body"] == "Offer attached" and data["author"]["username"] == "alice"
    [a] = data["attachments"]
    assert a["name"] == "offer.pdf" and a["content_type"] == "application/pdf" and a["size"] == len(PDF_BYTES)
    assert Notification.objects.filter(event=Event.TASK_COMMENTED, recipient=world.bob).exists()


def test_list_messages_of_a_task_newest_first(world, api):
    task = world.task()
    for body in ("first", "second"):
        message_post(actor=world.alice, kind="task", object_id=task.pk, body=body)
    data = api(world.alice).get(f"/api/v1/tasks/{task.pk}/messages").json()
    assert [m["body"] for m in data["items"]] == ["second", "first"] and data["has_next"] is False


def test_empty_message_gets_a_field_error(world, api):
    task = world.task()
    r = api(world.alice).post(f"/api/v1/tasks/{task.pk}/messages", {"body": ""})
    assert r.status_code == 422 and "body" in r.json()["errors"]


def test_disguised_executable_gets_a_field_error(world, api):
    task = world.task()
    r = api(world.alice).post(f"/api/v1/tasks/{task.pk}/messages",
                              {"body": "x", "files": [SimpleUploadedFile("evil.pdf", MZ_BYTES)]})
    assert r.status_code == 422 and "was refused" in r.json()["errors"]["files"][0]


def test_other_organizations_task_is_404(world, api):
    task = world.task()
    assert api(world.mallory).get(f"/api/v1/tasks/{task.pk}/messages").status_code == 404
    assert api(world.mallory).post(f"/api/v1/tasks/{task.pk}/messages", {"body": "x"}).status_code == 404


def test_memo_thread_for_company_management(world, api):
    memo = Memo.objects.create(organization=world.org, author=world.alice, recipient=world.bob, title="Budget",
                               status=MemoStatus.SENT)
    r = api(world.carol).post(f"/api/v1/memos/{memo.pk}/messages", {"body": "Approved"})
    assert r.status_code == 201
    assert [m["body"] for m in api(world.carol).get(f"/api/v1/memos/{memo.pk}/messages").json()["items"]] == [
        "Approved"]


def test_project_thread_is_404_for_an_outsider(world, api):
    project = Project.objects.create(organization=world.org, name="Launch", owner=world.bob)
    assert api(world.alice).get(f"/api/v1/projects/{project.pk}/messages").status_code == 404


def test_attachment_download_and_404_for_outsider(world, api):
    task = world.task(assignees=[world.alice])
    message = message_post(actor=world.alice, kind="task", object_id=task.pk,
                           files=[SimpleUploadedFile("offer.pdf", PDF_BYTES)])
    pk = message.attachments.all()[0].pk
    r = api(world.alice).get(f"/api/v1/attachments/{pk}")
    assert r.status_code == 200 and r["Content-Disposition"].startswith("attachment;")
    assert r["X-Content-Type-Options"] == "nosniff"
    assert api(world.user("dave")).get(f"/api/v1/attachments/{pk}").status_code == 404


@pytest.mark.parametrize("n", [10, 100])
def test_message_list_runs_constant_queries(world, api, django_assert_max_num_queries, n):
    task = world.task()
    for i in range(n):
        message_post(actor=world.alice, kind="task", object_id=task.pk, body=f"m{i}",
                     files=[SimpleUploadedFile(f"f{i}.txt", b"hello")] if i % 2 else None)
    client = api(world.alice)
    # token + user, token last-used, the task, messages with authors, attachments
    with django_assert_max_num_queries(6):
        r = client.get(f"/api/v1/tasks/{task.pk}/messages?size=100")
    assert len(r.json()["items"]) == n


def test_every_chat_endpoint_answers_404_for_another_organization(world, api):
    memo = Memo.objects.create(organization=world.org, author=world.alice, recipient=world.bob, title="Budget",
                               status=MemoStatus.SENT)
    project = Project.objects.create(organization=world.org, name="Launch", owner=world.alice)
    task = world.task()
    message = message_post(actor=world.alice, kind="task", object_id=task.pk,
                           files=[SimpleUploadedFile("offer.pdf", PDF_BYTES)])
    client = api(world.mallory)
    for path in (f"tasks/{task.pk}/messages", f"memos/{memo.pk}/messages", f"projects/{project.pk}/messages"):
        assert client.get(f"/api/v1/{path}").status_code == 404, path
        assert client.post(f"/api/v1/{path}", {"body": "mine"}).status_code == 404, path
    assert client.get(f"/api/v1/attachments/{message.attachments.all()[0].pk}").status_code == 404
    assert Message.objects.count() == 1


def test_file_over_the_limit_gets_a_field_error_naming_it(world, api, settings):
    settings.FOLLOWUP_MAX_UPLOAD_MB = 1
    task = world.task()
    big = SimpleUploadedFile("huge.txt", b"a" * (1024 * 1024 + 1))
    r = api(world.alice).post(f"/api/v1/tasks/{task.pk}/messages", {"body": "x", "files": [big]})
    assert r.status_code == 422
    assert r.json()["errors"]["files"] == ["“huge.txt” is too large; files may be at most 1 MB."]
    assert not (settings.MEDIA_ROOT / "chat").exists()
