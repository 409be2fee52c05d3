"""The chat on a deal (J5): who is told of a message, the thread on the deal page, the API's
deals/{id}/messages, uploads checked like everywhere else, 404 for another organization, and
bounded queries."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from followup.chat.models import Message
from followup.chat.services import message_post
from followup.chat.targets import target_participants
from followup.chat.tests.conftest import MZ_BYTES, PDF_BYTES
from followup.deals.services import deal_create
from followup.notifications.delivery import deliver_outbox
from followup.notifications.models import Event, Notification


def bobs_deal(world, title="Renewal"):
    """A deal alice created for bob, who owns it."""
    return deal_create(actor=world.alice, customer_id=world.customer().pk, title=title, owner_id=world.bob.pk)


def messages_url(deal) -> str:
    return f"/api/v1/deals/{deal.pk}/messages"


def told(event=Event.TASK_COMMENTED) -> list[str]:
    return sorted(n.recipient.username for n in Notification.objects.filter(event=event))


def test_a_message_tells_the_owner_in_the_application_and_by_email(world, smtp_inbox):
    deal = bobs_deal(world)
    deliver_outbox()
    smtp_inbox.messages.clear()
    message_post(actor=world.alice, kind="deal", object_id=deal.pk, body="They asked for 5% off")
    [n] = Notification.objects.filter(event=Event.TASK_COMMENTED)
    assert n.recipient == world.bob and n.url == f"/deals/{deal.pk}/#chat"
    assert deliver_outbox() == 1
    [mail] = smtp_inbox.messages
    assert mail["to"] == ["bob@example.com"] and mail["subject"] == "Alice Archer wrote in “Renewal”"
    assert "They asked for 5% off" in mail["body"] and f"/deals/{deal.pk}/#chat" in mail["body"]


def test_everyone_who_wrote_in_the_thread_hears_of_the_next_message(world):
    deal = bobs_deal(world)
    message_post(actor=world.carol, kind="deal", object_id=deal.pk, body="What is the margin?")
    Notification.objects.all().delete()
    message_post(actor=world.alice, kind="deal", object_id=deal.pk, body="Twelve percent")
    assert told() == ["bob", "carol"]


def test_the_owner_writing_tells_the_others_but_not_himself(world):
    deal = bobs_deal(world)
    message_post(actor=world.alice, kind="deal", object_id=deal.pk, body="Sent the offer")
    Notification.objects.all().delete()
    message_post(actor=world.bob, kind="deal", object_id=deal.pk, body="Thanks")
    assert told() == ["alice"]


def test_participants_are_read_in_one_query(world, django_assert_num_queries):
    deal = bobs_deal(world)
    for who in (world.alice, world.carol, world.oscar, world.alice):
        message_post(actor=who, kind="deal", object_id=deal.pk, body="Hi")
    with django_assert_num_queries(1):
        people = target_participants(deal)
    assert sorted(u.username for u in people) == ["alice", "bob", "carol", "oscar"]


def test_a_deal_without_an_owner_has_only_its_writers_as_participants(world):
    deal = deal_create(actor=world.alice, customer_id=world.customer().pk, title="Renewal", owner_id=None)
    message_post(actor=world.carol, kind="deal", object_id=deal.pk, body="Who owns this?")
    assert [u.username for u in target_participants(deal)] == ["carol"]


def test_deal_page_shows_the_thread_and_its_form(world, login):
    deal = bobs_deal(world)
    message_post(actor=world.bob, kind="deal", object_id=deal.pk, body="Call them on Monday")
    html = login(world.alice).get(reverse("deals:detail", args=[deal.pk])).content.decode()
    assert 'id="chat"' in html and "Call them on Monday" in html
    assert f'action="{reverse("chat:post", args=["deal", deal.pk])}"' in html


def test_plain_post_from_the_deal_page_goes_back_to_its_chat(world, login):
    deal = bobs_deal(world)
    here = reverse("deals:detail", args=[deal.pk])
    r = login(world.alice).post(reverse("chat:post", args=["deal", deal.pk]), {"body": "Done", "next": here})
    assert r.status_code == 302 and r["Location"] == here + "#chat"
    assert Message.objects.get().target == deal


def test_api_posts_and_lists_the_thread_newest_first(world, api):
    deal = bobs_deal(world)
    client = api(world.carol)
    r = client.post(messages_url(deal), {"body": "Offer attached", "files": [SimpleUploadedFile("o.pdf", PDF_BYTES)]})
    assert r.status_code == 201, r.content
    assert r.json()["attachments"][0]["content_type"] == "application/pdf"
    client.post(messages_url(deal), {"body": "Signed?"})
    assert [m["body"] for m in client.get(messages_url(deal)).json()["items"]] == ["Signed?", "Offer attached"]
    assert told() == ["bob", "bob"]  # each message, never carol herself


def test_another_organizations_deal_thread_is_404_on_the_api(world, api):
    deal = bobs_deal(world)
    client = api(world.mallory)
    assert client.get(messages_url(deal)).status_code == 404
    assert client.post(messages_url(deal), {"body": "mine"}).status_code == 404
    assert not Message.objects.exists()


def test_another_organizations_deal_thread_is_404_on_the_pages(world, login):
    deal = bobs_deal(world)
    client = login(world.mallory)
    assert client.get(reverse("deals:detail", args=[deal.pk])).status_code == 404
    assert client.get(reverse("chat:thread", args=["deal", deal.pk])).status_code == 404
    assert client.post(reverse("chat:post", args=["deal", deal.pk]), {"body": "mine"}).status_code == 404
    assert not Message.objects.exists()


def test_a_deal_file_downloads_for_the_organization_and_is_404_for_another(world, login):
    deal = bobs_deal(world)
    message = message_post(actor=world.bob, kind="deal", object_id=deal.pk,
                           files=[SimpleUploadedFile("contract.pdf", PDF_BYTES)])
    url = reverse("chat:attachment", args=[message.attachments.all()[0].pk])
    r = login(world.oscar).get(url)
    assert r.status_code == 200 and b"".join(r.streaming_content) == PDF_BYTES
    assert r["Content-Disposition"] == 'attachment; filename="contract.pdf"'
    assert r["X-Content-Type-Options"] == "nosniff"
    assert login(world.mallory).get(url).status_code == 404


@pytest.mark.parametrize(("name", "content", "error"), [
    ("evil.pdf", MZ_BYTES, "“evil.pdf” was refused"),
    ("huge.txt", b"a" * (1024 * 1024 + 1), "“huge.txt” is too large; files may be at most 1 MB."),
])
def test_uploads_on_a_deal_are_checked_like_everywhere_else(world, api, settings, name, content, error):
    settings.FOLLOWUP_MAX_UPLOAD_MB = 1
    deal = bobs_deal(world)
    r = api(world.alice).post(messages_url(deal), {"body": "x", "files": [SimpleUploadedFile(name, content)]})
    assert r.status_code == 422 and error in r.json()["errors"]["files"][0]
    assert not Message.objects.exists() and not (settings.MEDIA_ROOT / "chat").exists()


def test_a_path_in_an_upload_name_is_refused_on_a_deal_page(world, login):
    """Django cuts ``../../etc/passwd`` to ``passwd`` while parsing; the chat still refuses it."""
    deal = bobs_deal(world)
    body = (
        b"--B\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\nhi\r\n"
        b"--B\r\nContent-Disposition: form-data; name=\"files\"; filename=\"../../etc/passwd\"\r\n"
        b"Content-Type: text/plain\r\n\r\nroot:x:0:0\r\n--B--\r\n"
    )
    r = login(world.alice).generic("POST", reverse("chat:post", args=["deal", deal.pk]), body,
                                   content_type="multipart/form-data; boundary=B", HTTP_HX_REQUEST="true")
    assert "contains a path" in r.content.decode() and not Message.objects.exists()


def write(world, deal, n: int) -> None:
    for i in range(n):
        message_post(actor=world.alice if i % 2 else world.carol, kind="deal", object_id=deal.pk, body=f"Note {i}",
                     files=[SimpleUploadedFile(f"f{i}.txt", b"hello")] if i % 3 == 0 else None)


@pytest.mark.parametrize("n", [10, 50])
def test_deal_messages_endpoint_runs_bounded_queries(world, api, django_assert_max_num_queries, n):
    deal = bobs_deal(world)
    write(world, deal, n)
    client = api(world.alice)
    # token + user, token last used, the deal, messages with authors, attachments
    with django_assert_max_num_queries(5):
        r = client.get(messages_url(deal) + "?size=100")
    assert len(r.json()["items"]) == n


@pytest.mark.parametrize("n", [10, 50])
def test_deal_page_with_its_thread_runs_bounded_queries(world, login, django_assert_max_num_queries, n):
    deal = bobs_deal(world)
    write(world, deal, n)
    client = login(world.alice)
    # session, user, the deal, its process's stages, its changes, memos, tasks, header count, messages with
    # authors, attachments
    with django_assert_max_num_queries(10):
        html = client.get(reverse("deals:detail", args=[deal.pk])).content.decode()
    assert html.count('class="chat-message"') == n
