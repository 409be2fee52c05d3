"""Idempotency-Key: a retried create returns the first answer instead of a second object."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from followup.chat.models import Message
from followup.core.models import IdempotentRequest
from followup.customers.models import Customer
from followup.deals.models import Deal
from followup.memos.models import Memo
from followup.memos.services import memo_create
from followup.projects.models import Project
from followup.reminders.models import Reminder
from followup.tasks.models import Note, Task

KEY = {"Idempotency-Key": "3f1c2a8e-retry-1"}


def new_task(world, **overrides):
    return {"title": "Call ACME", "customer_id": world.customer().pk, "assignee_ids": [world.alice.pk],
            "priority": "high", "due_date": "2030-05-04", **overrides}


def test_a_retried_task_create_returns_the_first_answer(world, api):
    alice = api(world.alice)
    body = new_task(world)

    first = alice.post("tasks", body, headers=KEY)
    again = alice.post("tasks", body, headers=KEY)

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Task.objects.filter(title="Call ACME").count() == 1


def test_without_a_key_a_repeat_makes_a_second_task(world, api):
    alice = api(world.alice)
    body = new_task(world)

    alice.post("tasks", body)
    alice.post("tasks", body)

    assert Task.objects.filter(title="Call ACME").count() == 2


def test_the_same_key_with_another_body_is_refused_naming_the_key(world, api):
    alice = api(world.alice)
    alice.post("tasks", new_task(world), headers=KEY)

    r = alice.post("tasks", new_task(world, title="Something else"), headers=KEY)

    assert r.status_code == 422 and "Idempotency-Key" in r.json()["errors"]
    assert not Task.objects.filter(title="Something else").exists()


def test_keys_are_per_user(world, api):
    body = new_task(world, assignee_ids=[])

    api(world.alice).post("tasks", body, headers=KEY)
    r = api(world.bob).post("tasks", body, headers=KEY)

    assert r.status_code == 201 and "Idempotent-Replayed" not in r
    assert Task.objects.filter(title="Call ACME").count() == 2


def test_a_validation_error_is_replayed_too(world, api):
    alice = api(world.alice)

    first = alice.post("tasks", {"title": ""}, headers=KEY)
    again = alice.post("tasks", {"title": ""}, headers=KEY)

    assert first.status_code == again.status_code == 422 and again.json() == first.json()


def test_a_refused_token_does_not_use_up_the_key(world, api, client):
    body = new_task(world)
    client.post("/api/v1/tasks", body, content_type="application/json",
                headers={"Authorization": "Bearer fu_wrong", **KEY})

    r = api(world.alice).post("tasks", body, headers=KEY)

    assert r.status_code == 201 and Task.objects.filter(title="Call ACME").count() == 1


def test_a_key_is_forgotten_after_24_hours(world, api):
    alice = api(world.alice)
    body = new_task(world)
    alice.post("tasks", body, headers=KEY)
    IdempotentRequest.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))

    r = alice.post("tasks", body, headers=KEY)

    assert "Idempotent-Replayed" not in r and Task.objects.filter(title="Call ACME").count() == 2


def test_a_key_that_is_too_long_is_refused(world, api):
    r = api(world.alice).post("tasks", new_task(world), headers={"Idempotency-Key": "k" * 201})

    assert r.status_code == 422 and "Idempotency-Key" in r.json()["errors"]
    assert not Task.objects.exists()


def sent_memo(world):
    return memo_create(actor=world.alice, title="Pricing", recipient_id=world.bob.pk, send=True)


CREATES = {
    # what is posted (by Alice unless the memo's recipient Bob must), and which rows count the objects
    "customers": (lambda w: ("customers", {"name": "Nowak"}), Customer.objects.filter(name="Nowak")),
    "notes": (lambda w: (f"tasks/{w.task().pk}/notes", {"body": "Called"}), Note.objects.all()),
    "memos": (lambda w: ("memos", {"title": "Idea", "recipient_id": w.bob.pk}), Memo.objects.filter(title="Idea")),
    "projects": (lambda w: ("projects", {"name": "Launch"}), Project.objects.filter(name="Launch")),
    "deals": (lambda w: ("deals", {"customer_id": w.customer().pk, "title": "Renewal"}),
              Deal.objects.filter(title="Renewal")),
    "reminders": (lambda w: ("reminders", {"target_type": "task", "target_id": w.task().pk,
                                           "remind_at": (timezone.now() + dt.timedelta(hours=1)).isoformat()}),
                  Reminder.objects.all()),
    "memo task": (lambda w: (f"memos/{sent_memo(w).pk}/create-task", {"title": "Do it", "due_date": "2030-01-02"}),
                  Task.objects.filter(title="Do it")),
    "memo project": (lambda w: (f"memos/{sent_memo(w).pk}/create-project", {"name": "From memo"}),
                     Project.objects.filter(name="From memo")),
}


@pytest.mark.parametrize("kind", CREATES)
def test_every_create_is_idempotent(world, api, kind):
    make, rows = CREATES[kind]
    path, body = make(world)
    person = api(world.bob if kind.startswith("memo ") else world.alice)

    first = person.post(path, body, headers=KEY)
    again = person.post(path, body, headers=KEY)

    assert first.status_code == 201, first.content
    assert again.json() == first.json() and rows.count() == 1


def test_a_retried_multipart_message_posts_once(world, client):
    from followup.accounts.services import api_token_create

    task = world.task()
    token = api_token_create(user=world.alice, name="t")[1]
    headers = {"Authorization": f"Bearer {token}", **KEY}

    for _ in range(2):
        r = client.post(f"/api/v1/tasks/{task.pk}/messages",
                        {"body": "Offer", "files": [SimpleUploadedFile("offer.txt", b"price list")]}, headers=headers)
        assert r.status_code == 201, r.content

    assert Message.objects.filter(body="Offer").count() == 1
