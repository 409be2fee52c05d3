"""GET customers/{id}/timeline (C4): the customer's history as the profile shows it, newest
first, only what the caller may see, 404 for another organization, constant queries."""

import datetime as dt

import pytest
from django.utils import timezone

from followup.chat.services import message_post
from followup.customers.models import StageChange
from followup.customers.services import customer_update
from followup.deals.services import deal_create, deal_set_stage
from followup.deals.tests.test_services import sid
from followup.tasks.services import note_add


def test_timeline_lists_notes_messages_and_deal_changes(world, api):
    customer = world.customer()
    task = world.task("Call back", customer=customer)
    note_add(actor=world.alice, task_id=task.pk, body="Voicemail")
    message_post(actor=world.bob, kind="task", object_id=task.pk, body="I'll call")
    deal = deal_create(actor=world.alice, customer_id=customer.pk, title="Renewal")
    deal_set_stage(actor=world.alice, deal_id=deal.pk, stage_id=sid(world, "Proposal"))
    r = api(world.alice).get(f"customers/{customer.pk}/timeline")
    assert r.status_code == 200
    items = r.json()["items"]
    assert sorted(i["kind"] for i in items) == ["deal_change", "deal_change", "message", "note", "task_created"]
    stage = next(i for i in items if i["change"] and i["change"]["action"] == "stage")
    assert stage["change"] == {"action": "stage", "old": "Qualification", "new": "Proposal"}
    assert stage["subject"] == {"type": "deal", "id": deal.pk, "title": "Renewal"}
    note = next(i for i in items if i["kind"] == "note")
    assert (note["text"], note["actor"]["username"], note["subject"]["type"]) == ("Voicemail", "alice", "task")


def test_timeline_shows_the_customers_stage_changes_newest_first(world, api):
    customer = world.customer()
    note_add(actor=world.alice, task_id=world.task(customer=customer).pk, body="Voicemail")
    customer_update(actor=world.bob, customer_id=customer.pk, stage="prospect")
    customer_update(actor=world.carol, customer_id=customer.pk, stage="customer")
    older = timezone.now() - dt.timedelta(hours=1)
    StageChange.objects.filter(new="prospect").update(created_at=older)  # behind the note and the task
    r = api(world.alice).get(f"customers/{customer.pk}/timeline")
    assert r.status_code == 200
    items = r.json()["items"]
    assert [i["kind"] for i in items] == ["stage_change", "note", "task_created", "stage_change"]
    assert [(i["actor"]["username"], i["change"]) for i in items if i["kind"] == "stage_change"] == [
        ("carol", {"old": "prospect", "new": "customer"}), ("bob", {"old": "lead", "new": "prospect"})]
    assert (items[0]["subject"], items[0]["text"], items[0]["files"]) == (None, "", [])


def test_timeline_hides_tasks_the_caller_may_not_see(world, api):
    customer = world.customer()
    private = world.task("Private", actor=world.bob, assignees=[world.bob], customer=customer)
    note_add(actor=world.bob, task_id=private.pk, body="Secret")
    assert api(world.alice).get(f"customers/{customer.pk}/timeline").json()["items"] == []
    assert len(api(world.carol).get(f"customers/{customer.pk}/timeline").json()["items"]) == 2


def test_timeline_of_another_organizations_customer_is_404(world, api):
    foreign = world.customer(organization=world.other_org)
    assert api(world.alice).get(f"customers/{foreign.pk}/timeline").status_code == 404


@pytest.mark.parametrize("n", [10, 50])
def test_timeline_runs_constant_queries(world, api, django_assert_max_num_queries, n):
    customer = world.customer()
    for i in range(n // 4 + 1):
        task = world.task(f"Task {i}", customer=customer)
        note_add(actor=world.bob, task_id=task.pk, body=f"Note {i}")
        message_post(actor=world.alice, kind="task", object_id=task.pk, body=f"Message {i}")
        deal_create(actor=world.bob, customer_id=customer.pk, title=f"Deal {i}")
        customer_update(actor=world.bob, customer_id=customer.pk, stage="prospect" if i % 2 == 0 else "lead")
    alice = api(world.alice)
    assert alice.get("me").status_code == 200
    # token (user, organization), customer, the page's keys (one UNION), notes, messages, their
    # attachments, deal changes, stage changes, tasks, deals
    with django_assert_max_num_queries(10):
        r = alice.get(f"customers/{customer.pk}/timeline", size=n)
    items = r.json()["items"]
    assert len(items) == n and r.json()["has_next"] and "stage_change" in {i["kind"] for i in items}
