"""C4: the customer profile's History tab merges tasks created, completed and reopened, notes, chat
messages on tasks and deals, deal changes and the customer's stage changes, newest first,
paginated, only what the viewer may see, in a bounded number of queries."""

import datetime as dt
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from followup.chat.models import Attachment, Message
from followup.chat.services import message_post
from followup.customers.models import StageChange
from followup.customers.services import customer_update
from followup.customers.timeline import customer_timeline
from followup.deals.models import Deal, DealChange
from followup.deals.services import deal_create, deal_mark_won, deal_set_stage
from followup.deals.tests.test_services import sid
from followup.sharing.models import Level
from followup.sharing.services import share_set
from followup.tasks.models import HistoryEntry, Note, StatusCategory, TaskStatus
from followup.tasks.services import note_add, task_complete, task_reopen, task_set_status, task_update


@pytest.fixture
def alice(world, login):
    return login(world.alice)


def history(client, customer, **params):
    return client.get(reverse("customers:history", args=[customer.pk]), params).content.decode()


def spread(rows, start):
    """Give rows distinct times, the last one newest, so the order under test is the times'."""
    for i, row in enumerate(rows):
        type(row).objects.filter(pk=row.pk).update(created_at=start + dt.timedelta(minutes=i))


def deal_message(world, deal, body="About the price", author=None):
    return Message.objects.create(organization=world.org, content_type=ContentType.objects.get_for_model(Deal),
                                  object_id=deal.pk, author=author or world.bob, body=body)


def test_everything_is_merged_newest_first(world):
    customer = world.customer()
    task = world.task("Call back", customer=customer)
    note = note_add(actor=world.alice, task_id=task.pk, body="Left a voicemail")
    message = message_post(actor=world.alice, kind="task", object_id=task.pk, body="Who calls?")
    deal = deal_create(actor=world.bob, customer_id=customer.pk, title="Renewal")
    deal_set_stage(actor=world.bob, deal_id=deal.pk, stage_id=sid(world, "Proposal"))
    talk = deal_message(world, deal)
    customer_update(actor=world.bob, customer_id=customer.pk, stage="prospect")
    task_complete(actor=world.alice, task_id=task.pk)
    won = deal_mark_won(actor=world.carol, deal_id=deal.pk)
    customer_update(actor=world.carol, customer_id=customer.pk, stage="customer")
    start = timezone.now() - dt.timedelta(days=1)
    created, staged, closed = DealChange.objects.filter(deal=won).order_by("id")
    prospect, signed = StageChange.objects.order_by("id")
    spread([task, note, message, created, staged, talk, prospect], start)
    HistoryEntry.objects.filter(task=task, action="completed").update(created_at=start + dt.timedelta(minutes=7))
    spread([closed, signed], start + dt.timedelta(minutes=8))

    entries = customer_timeline(actor=world.alice, customer=customer).items
    assert [(e.kind, e.actor.username) for e in entries] == [
        ("stage_change", "carol"), ("deal_change", "carol"), ("task_completed", "alice"), ("stage_change", "bob"),
        ("message", "bob"), ("deal_change", "bob"), ("deal_change", "bob"), ("message", "alice"), ("note", "alice"),
        ("task_created", "alice")]
    assert [e.subject and e.subject.title for e in entries] == [
        None, "Renewal", "Call back", None, "Renewal", "Renewal", "Renewal", "Call back", "Call back", "Call back"]
    assert [(e.item.old, e.item.new) for e in entries if e.kind == "stage_change"] == [
        ("prospect", "customer"), ("lead", "prospect")]


def test_page_shows_the_lines_with_links(world, alice):
    customer = world.customer()
    task = world.task("Call back", customer=customer)
    note_add(actor=world.bob, task_id=task.pk, body="Spoke to the CFO")
    deal = deal_create(actor=world.alice, customer_id=customer.pk, title="Renewal")
    deal_set_stage(actor=world.alice, deal_id=deal.pk, stage_id=sid(world, "Negotiation"))
    html = history(alice, customer)
    assert "Spoke to the CFO" in html and "added a note" in html
    assert "moved the deal from “Qualification” to “Negotiation”" in html
    assert f'href="/deals/{deal.pk}/"' in html and f'href="/tasks/{task.pk}/"' in html
    assert 'aria-current="page">History' in html


def test_page_says_who_moved_the_customer_between_which_stages(world, alice):
    customer = world.customer()
    customer_update(actor=world.bob, customer_id=customer.pk, stage="prospect")
    customer_update(actor=world.oscar, customer_id=customer.pk, stage="churned")
    world.oscar.delete()
    lines = [" ".join(re.sub(r"<[^>]+>", " ", line).split())
             for line in re.findall(r'class="feed-line">(.*?)</div>', history(alice, customer), re.S)]
    assert lines == [
        "Someone moved the customer from Prospect to Churned", "Bob Baker moved the customer from Lead to Prospect"]


def test_message_text_is_escaped_and_files_are_named(world, alice):
    customer = world.customer()
    task = world.task(customer=customer)
    message = message_post(actor=world.bob, kind="task", object_id=task.pk, body="<script>alert(1)</script>")
    Attachment.objects.create(message=message, file="chat/x/offer.pdf", name="offer <v2>.pdf", size=2048,
                              content_type="application/pdf", sha256="0" * 64)
    html = history(alice, customer)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "offer &lt;v2&gt;.pdf" in html and "/chat/attachments/" in html


def test_files_of_deal_messages_link_to_their_download(world, alice):
    customer = world.customer()
    deal = deal_create(actor=world.alice, customer_id=customer.pk, title="Renewal")
    message = deal_message(world, deal, body="Contract attached")
    file = Attachment.objects.create(message=message, file="chat/x/contract.pdf", name="contract.pdf", size=10,
                                     content_type="application/pdf", sha256="0" * 64)
    html = history(alice, customer)
    assert f'href="/chat/attachments/{file.pk}/" download>contract.pdf</a>' in html
    assert "wrote in the chat" in html and "Deal</span>" in html


def test_only_what_the_viewer_may_see(world, login):
    customer = world.customer()
    private = world.task("Bob's private call", actor=world.bob, assignees=[world.bob], customer=customer)
    note_add(actor=world.bob, task_id=private.pk, body="Secret note")
    message_post(actor=world.bob, kind="task", object_id=private.pk, body="Secret message")
    world.task("Alice's call", customer=customer)
    customer_update(actor=world.bob, customer_id=customer.pk, stage="prospect")
    alice_sees = history(login(world.alice), customer)
    assert "Alice&#x27;s call" in alice_sees
    assert "Bob&#x27;s private call" not in alice_sees and "Secret" not in alice_sees
    assert "moved the customer from Lead to Prospect" in alice_sees  # the customer is the whole organization's
    carol_sees = history(login(world.carol), customer)  # a company manager sees every task (J3)
    assert "Bob&#x27;s private call" in carol_sees and "Secret note" in carol_sees


def test_each_shape_of_the_rule_sees_its_own_lines(world, login):
    """Issue 16 §1: the History's keys are compiled once per shape of the visibility rule (every
    task; a participant's), and a reader shared with (L7) is read the plain way: each sees what
    its rule lets it, one after the other in one process, whatever was compiled for another."""
    customer = world.customer()
    private = world.task("Bob's private call", actor=world.bob, assignees=[world.bob], customer=customer)
    note_add(actor=world.bob, task_id=private.pk, body="Secret note")
    world.task("Alice's call", customer=customer)
    reader, outsider = world.user("reader"), world.user("outsider")
    share_set(actor=world.bob, grantee_id=reader.pk, level=Level.READ)
    seen = {person.username: history(login(person), customer)
            for person in (world.alice, world.carol, reader, outsider, world.bob, world.alice)}
    for who, sees_private in (("carol", True), ("reader", True), ("bob", True), ("alice", False), ("outsider", False)):
        assert ("Secret note" in seen[who]) is sees_private, who
    assert "Alice&#x27;s call" in seen["alice"] and "Alice&#x27;s call" not in seen["outsider"]


def test_other_customers_and_organizations_stay_out(world, alice):
    customer = world.customer()
    other = world.customer("Other Co")
    world.task("Other's task", customer=other)
    deal_create(actor=world.alice, customer_id=other.pk, title="Other's deal")
    customer_update(actor=world.alice, customer_id=other.pk, stage="prospect")
    foreign = world.customer("Globex", organization=world.other_org)
    deal_create(actor=world.mallory, customer_id=foreign.pk, title="Foreign deal")
    customer_update(actor=world.mallory, customer_id=foreign.pk, stage="churned")
    html = history(alice, customer)
    assert "Other&#x27;s" not in html and "moved the customer" not in html
    assert alice.get(reverse("customers:history", args=[foreign.pk])).status_code == 404


def test_pages_follow_each_other_without_gaps(world):
    customer = world.customer()
    tasks = world.tasks(7, customer=customer)
    spread(tasks, timezone.now() - dt.timedelta(days=1))
    first = customer_timeline(actor=world.alice, customer=customer, size=4)
    second = customer_timeline(actor=world.alice, customer=customer, page=2, size=4)
    assert first.has_next and not second.has_next
    assert [e.subject.title for e in first.items + second.items] == [f"Task {i}" for i in range(6, -1, -1)]


def test_without_the_task_module_the_profile_is_the_history(world, alice):
    customer = world.customer()
    deal_create(actor=world.alice, customer_id=customer.pk, title="Renewal")
    world.org.tasks_enabled = False
    world.org.save()
    html = alice.get(reverse("customers:detail", args=[customer.pk])).content.decode()
    assert "created the deal" in html and "/tasks/new/" not in html


def test_empty_history_says_so(world, alice):
    assert "Nothing has happened yet" in history(alice, world.customer())


@pytest.mark.parametrize("size", [10, 50])
def test_history_runs_a_bounded_number_of_queries(world, alice, django_assert_max_num_queries, size):
    customer = world.customer()
    for i in range(size // 5 + 1):
        task = world.task(f"Task {i}", customer=customer, assignees=[world.alice, world.bob])
        note_add(actor=world.bob, task_id=task.pk, body=f"Note {i}")
        message_post(actor=world.alice, kind="task", object_id=task.pk, body=f"Message {i}")
        task_complete(actor=world.alice, task_id=task.pk)
        deal = deal_create(actor=world.bob, customer_id=customer.pk, title=f"Deal {i}")
        deal_message(world, deal, body=f"Deal talk {i}")
        customer_update(actor=world.bob, customer_id=customer.pk, stage="prospect" if i % 2 == 0 else "lead")
    assert Note.objects.count() * 7 > size
    # session, user + organization, header count, customer, deals card, the page's keys (one
    # UNION), notes, messages, their attachments, deal changes, stage changes, the completions
    # and reopenings (history entries), tasks, deals
    with django_assert_max_num_queries(14):
        html = history(alice, customer, size=size)
    assert html.count('class="feed-item') == size and "moved the customer" in html


def test_a_completion_later_reopened_stays_in_the_history(world):
    customer = world.customer("Reopen Ltd")
    task = world.task("Send the contract", customer=customer)
    task_complete(actor=world.alice, task_id=task.pk)
    task_reopen(actor=world.bob, task_id=task.pk)
    task_complete(actor=world.alice, task_id=task.pk)

    kinds = [e.kind for e in customer_timeline(actor=world.alice, customer=customer).items]

    assert kinds == ["task_completed", "task_reopened", "task_completed", "task_created"]


def test_completing_through_a_status_change_or_an_edit_is_a_completion(world):
    customer = world.customer("Status Ltd")
    done = TaskStatus.objects.get(organization=world.org, category=StatusCategory.DONE)
    first, second = world.task("By status", customer=customer), world.task("By edit", customer=customer)

    task_set_status(actor=world.alice, task_id=first.pk, status_id=done.pk)
    task_update(actor=world.alice, task_id=second.pk, status_id=done.pk)

    entries = customer_timeline(actor=world.alice, customer=customer).items
    completed = [e.subject.title for e in entries if e.kind == "task_completed"]
    assert sorted(completed) == ["By edit", "By status"]
    assert all(e.actor == world.alice for e in entries if e.kind == "task_completed")


def test_the_reopening_is_named_on_the_history_tab(world, alice):
    customer = world.customer("Tab Ltd")
    task = world.task("Call", customer=customer)
    task_complete(actor=world.alice, task_id=task.pk)
    task_reopen(actor=world.alice, task_id=task.pk)

    assert "reopened the task" in history(alice, customer)
