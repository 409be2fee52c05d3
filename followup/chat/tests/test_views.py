"""The chat in the browser: the thread on the task page, posting with htmx or a plain form,
uploads refused over HTTP, downloads that check visibility, and constant query counts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from followup.chat.models import Message
from followup.chat.selectors import message_list
from followup.chat.services import message_post
from followup.chat.tests.conftest import MZ_BYTES, PDF_BYTES
from followup.memos.models import Memo, MemoStatus
from followup.projects.models import Project


def _post_url(kind, pk):
    return reverse("chat:post", args=[kind, pk])


def test_task_page_shows_the_thread_with_author_initials_and_local_time(world, login):
    world.alice.time_zone = "Europe/Warsaw"
    world.alice.save()
    task = world.task()
    message = message_post(actor=world.alice, kind="task", object_id=task.pk, body="Hello")
    Message.objects.filter(pk=message.pk).update(created_at="2026-01-15T10:00:00Z")
    r = login(world.alice).get(reverse("tasks:detail", args=[task.pk]))
    html = r.content.decode()
    assert 'id="chat"' in html and "Hello" in html and ">AA<" in html
    assert "15 Jan 2026, 11:00" in html  # 10:00 UTC shown in Warsaw time


def test_message_text_is_escaped(world, login):
    task = world.task()
    message_post(actor=world.alice, kind="task", object_id=task.pk, body="<script>alert(1)</script>")
    html = login(world.alice).get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_htmx_post_answers_the_new_message_to_append(world, login):
    task = world.task()
    r = login(world.alice).post(_post_url("task", task.pk), {"body": "On my way"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and 'class="chat-message"' in r.content.decode() and "On my way" in r.content.decode()


def test_plain_post_goes_back_to_the_page_at_the_chat(world, login):
    task = world.task()
    here = reverse("tasks:detail", args=[task.pk])
    r = login(world.alice).post(_post_url("task", task.pk), {"body": "Done", "next": here})
    assert r.status_code == 302 and r["Location"] == here + "#chat"
    assert Message.objects.get().body == "Done"


def test_post_with_a_file_lists_it_with_its_size(world, login):
    task = world.task()
    pdf = SimpleUploadedFile("offer.pdf", PDF_BYTES)
    r = login(world.alice).post(_post_url("task", task.pk), {"body": "", "files": [pdf]}, HTTP_HX_REQUEST="true")
    html = r.content.decode()
    assert "offer.pdf" in html and f"{len(PDF_BYTES)} B" in html


def test_disguised_executable_is_refused_with_a_message(world, login):
    task = world.task()
    exe = SimpleUploadedFile("evil.pdf", MZ_BYTES)
    r = login(world.alice).post(_post_url("task", task.pk), {"body": "x", "files": [exe]}, HTTP_HX_REQUEST="true")
    assert r["HX-Reswap"] == "none" and "“evil.pdf” was refused" in r.content.decode()
    assert not Message.objects.exists()


def test_file_over_the_limit_is_refused_with_a_message(world, login, settings):
    settings.FOLLOWUP_MAX_UPLOAD_MB = 1
    task = world.task()
    big = SimpleUploadedFile("big.txt", b"a" * (1024 * 1024 + 10))
    client = login(world.alice)
    r = client.post(_post_url("task", task.pk), {"body": "x", "files": [big], "next": "/"}, follow=True)
    assert "files may be at most 1 MB" in r.content.decode() and not Message.objects.exists()


def test_path_traversal_file_name_is_refused(world, login):
    """Django cuts ``../../etc/passwd`` to ``passwd`` while parsing; the chat still refuses it."""
    task = world.task()
    body = (
        b"--B\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\nhi\r\n"
        b"--B\r\nContent-Disposition: form-data; name=\"files\"; filename=\"../../etc/passwd\"\r\n"
        b"Content-Type: text/plain\r\n\r\nroot:x:0:0\r\n--B--\r\n"
    )
    r = login(world.alice).generic("POST", _post_url("task", task.pk), body,
                                   content_type="multipart/form-data; boundary=B", HTTP_HX_REQUEST="true")
    assert "contains a path" in r.content.decode() and not Message.objects.exists()


def test_outsider_cannot_post(world, login):
    task = world.task(assignees=[world.alice])
    r = login(world.user("dave")).post(_post_url("task", task.pk), {"body": "Hi"})
    assert r.status_code == 404


def test_download_is_an_attachment_with_nosniff(world, login):
    task = world.task()
    message = message_post(actor=world.alice, kind="task", object_id=task.pk,
                           files=[SimpleUploadedFile("offer.pdf", PDF_BYTES)])
    a = message.attachments.all()[0]
    r = login(world.alice).get(reverse("chat:attachment", args=[a.pk]))
    assert r.status_code == 200 and b"".join(r.streaming_content) == PDF_BYTES
    assert r["Content-Disposition"] == 'attachment; filename="offer.pdf"'
    assert r["X-Content-Type-Options"] == "nosniff" and r["Content-Type"] == "application/pdf"


def test_download_by_someone_who_cannot_see_the_task_is_404(world, login):
    task = world.task(assignees=[world.alice])
    message = message_post(actor=world.alice, kind="task", object_id=task.pk,
                           files=[SimpleUploadedFile("offer.pdf", PDF_BYTES)])
    url = reverse("chat:attachment", args=[message.attachments.all()[0].pk])
    assert login(world.user("dave")).get(url).status_code == 404


def test_download_from_another_organization_is_404(world, login):
    task = world.task()
    message = message_post(actor=world.alice, kind="task", object_id=task.pk,
                           files=[SimpleUploadedFile("offer.pdf", PDF_BYTES)])
    url = reverse("chat:attachment", args=[message.attachments.all()[0].pk])
    assert login(world.mallory).get(url).status_code == 404


def test_company_manager_reads_a_memo_thread(world, login):
    """J19."""
    memo = Memo.objects.create(organization=world.org, author=world.alice, recipient=world.bob, title="Budget",
                               status=MemoStatus.SENT)
    message_post(actor=world.alice, kind="memo", object_id=memo.pk, body="Please approve")
    r = login(world.carol).get(reverse("chat:thread", args=["memo", memo.pk]))
    assert r.status_code == 200 and "Please approve" in r.content.decode()


@pytest.mark.parametrize("n", [10, 100])
def test_thread_page_runs_constant_queries(world, login, django_assert_max_num_queries, n):
    task = world.task()
    for i in range(n):
        message_post(actor=world.alice, kind="task", object_id=task.pk, body=f"Message {i}",
                     files=[SimpleUploadedFile(f"f{i}.txt", b"hello")] if i % 3 == 0 else None)
    client = login(world.alice)
    url = reverse("chat:thread", args=["task", task.pk]) + "?size=100"
    # session, user+organization, header badge and dot, the task, messages with authors, attachments
    with django_assert_max_num_queries(8):
        r = client.get(url)
    assert r.content.decode().count('class="chat-message"') == n


@pytest.mark.parametrize("kind", ["task", "memo", "project"])
def test_thread_and_post_of_another_organization_are_404(world, login, kind):
    objects = {
        "task": lambda: world.task(),
        "memo": lambda: Memo.objects.create(organization=world.org, author=world.alice, recipient=world.bob,
                                            title="Budget", status=MemoStatus.SENT),
        "project": lambda: Project.objects.create(organization=world.org, name="Launch", owner=world.alice),
    }
    obj = objects[kind]()
    client = login(world.mallory)
    assert client.get(reverse("chat:thread", args=[kind, obj.pk])).status_code == 404
    assert client.post(_post_url(kind, obj.pk), {"body": "mine"}).status_code == 404
    assert not Message.objects.exists()


def test_unknown_kind_is_404(world, login):
    assert login(world.alice).get("/chat/customer/1/").status_code == 404


def test_long_thread_shows_the_latest_messages_and_a_link_to_older_ones(world, login):
    task = world.task()
    for i in range(51):
        message_post(actor=world.alice, kind="task", object_id=task.pk, body=f"Message number {i}")
    html = login(world.alice).get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert "Message number 50" in html and "Message number 0<" not in html
    assert reverse("chat:thread", args=["task", task.pk]) + "?page=2" in html


def test_memo_page_shows_its_chat_to_company_management(world, login):
    """J19."""
    memo = Memo.objects.create(organization=world.org, author=world.alice, recipient=world.bob, title="Budget",
                               status=MemoStatus.SENT)
    message_post(actor=world.alice, kind="memo", object_id=memo.pk, body="Numbers attached")
    html = login(world.carol).get(reverse("memos:detail", args=[memo.pk])).content.decode()
    assert 'id="chat"' in html and "Numbers attached" in html


def test_project_page_shows_its_chat(world, login):
    project = Project.objects.create(organization=world.org, name="Launch", owner=world.alice)
    message_post(actor=world.alice, kind="project", object_id=project.pk, body="Kick-off Monday")
    html = login(world.alice).get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert 'id="chat"' in html and "Kick-off Monday" in html


def test_a_thread_without_files_reads_no_attachments(world, django_assert_num_queries):
    """Issue 16 §1: each message says whether it has files (an EXISTS in the messages' query), so
    the files are read only for those that have some, and a thread without any costs one query."""
    task = world.task()
    for i in range(3):
        message_post(actor=world.alice, kind="task", object_id=task.pk, body=f"Message {i}")
    with django_assert_num_queries(1):
        page = message_list(target=task)
        assert [list(m.attachments.all()) for m in page.items] == [[], [], []]
    message_post(actor=world.alice, kind="task", object_id=task.pk, body="With a file",
                 files=[SimpleUploadedFile("notes.txt", b"hello")])
    with django_assert_num_queries(2):
        page = message_list(target=task)
        assert [[a.name for a in m.attachments.all()] for m in page.items] == [["notes.txt"], [], [], []]
