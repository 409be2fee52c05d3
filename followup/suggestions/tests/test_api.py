"""L2 over the API: GET /suggestions, POST accept (edited first) and dismiss, next task per type."""

import pytest

from followup.suggestions.models import NextTask, Suggestion
from followup.tasks.models import Source, Task
from followup.tasks.services import task_complete


@pytest.fixture
def proposed(world, email_task):
    task_complete(actor=world.alice, task_id=email_task().pk)
    return Suggestion.objects.get()


def test_completing_over_the_api_lists_the_proposal(world, api, email_task, types):
    task = email_task()
    alice = api(world.alice)

    alice.post(f"tasks/{task.pk}/complete")
    body = alice.get("suggestions").json()

    (item,) = body["items"]
    assert item["title"] == "Call ACME Corp" and item["type_id"] == types["phone"].pk
    assert item["source_task_id"] == task.pk and item["status"] == "pending" and item["created_task_id"] is None


def test_accept_makes_the_task(world, api, proposed):
    r = api(world.alice).post(f"suggestions/{proposed.pk}/accept")

    task = Task.objects.get(source=Source.SUGGESTION)
    assert r.status_code == 200 and r.json()["created_task_id"] == task.pk and r.json()["status"] == "accepted"
    assert task.origin_id == proposed.pk and task.owner == world.alice


def test_accept_edited_first(world, api, proposed, types):
    r = api(world.alice).post(f"suggestions/{proposed.pk}/accept", {
        "title": "Call Jan", "due_date": "2031-01-06", "type_id": types["meeting"].pk, "assignee_ids": [world.bob.pk]})

    task = Task.objects.get(pk=r.json()["created_task_id"])
    assert (task.title, task.due_date.isoformat(), task.type_id) == ("Call Jan", "2031-01-06", types["meeting"].pk)
    assert list(task.assignees.all()) == [world.bob]


def test_accepting_twice_or_retrying_with_a_key_makes_one_task(world, api, proposed):
    alice = api(world.alice)
    key = {"Idempotency-Key": "accept-1"}

    first = alice.post(f"suggestions/{proposed.pk}/accept", headers=key)
    retried = alice.post(f"suggestions/{proposed.pk}/accept", headers=key)
    again = alice.post(f"suggestions/{proposed.pk}/accept")

    assert first.json()["created_task_id"] == retried.json()["created_task_id"] == again.json()["created_task_id"]
    assert Task.objects.filter(source=Source.SUGGESTION).count() == 1


def test_bad_overrides_name_every_field(world, api, proposed):
    r = api(world.alice).post(f"suggestions/{proposed.pk}/accept", {"title": "", "due_date": "2031-02-30"})

    assert r.status_code == 422 and {"title", "due_date"} <= set(r.json()["errors"])
    assert not Task.objects.filter(source=Source.SUGGESTION).exists()


def test_dismiss(world, api, proposed):
    r = api(world.alice).post(f"suggestions/{proposed.pk}/dismiss")

    assert r.status_code == 200 and r.json()["status"] == "dismissed"
    assert api(world.alice).get("suggestions").json()["items"] == []
    assert [i["id"] for i in api(world.alice).get("suggestions", status="dismissed").json()["items"]] == [proposed.pk]


@pytest.mark.parametrize("who", ["bob", "mallory"])
def test_another_persons_suggestion_is_404(world, api, proposed, who):
    other = api(getattr(world, who))

    assert other.post(f"suggestions/{proposed.pk}/accept").status_code == 404
    assert other.post(f"suggestions/{proposed.pk}/dismiss").status_code == 404
    assert other.get("suggestions").json()["items"] == []


@pytest.mark.parametrize("n", [1, 20])
def test_the_list_runs_constant_queries(world, api, email_task, n, django_assert_max_num_queries):
    for i in range(n):
        task_complete(actor=world.alice, task_id=email_task(f"Offer {i}").pk)
    alice = api(world.alice)
    alice.get("suggestions")

    # the token's user + organization, the page of suggestions (with type, customer and task)
    with django_assert_max_num_queries(3):
        r = alice.get("suggestions", size=50)
    assert len(r.json()["items"]) == n


def test_an_administrator_sets_and_clears_a_next_task(world, api, types):
    adam = api(world.adam)

    r = adam.client.put(f"/api/v1/task-types/{types['offer'].pk}/next-task",
                        {"next_type_id": types["phone"].pk, "title": "Ask about {title}", "delay_days": 2},
                        content_type="application/json", headers=adam.headers)
    assert r.status_code == 200 and NextTask.objects.get(after_type=types["offer"]).delay_days == 2
    assert adam.delete(f"task-types/{types['offer'].pk}/next-task").status_code == 204
    assert not NextTask.objects.filter(after_type=types["offer"]).exists()


def test_members_may_not_set_next_tasks(world, api, types):
    assert api(world.alice).delete(f"task-types/{types['mail'].pk}/next-task").status_code == 403
