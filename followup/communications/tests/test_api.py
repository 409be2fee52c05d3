"""A5 over the API: POST tasks/{id}/communications, and the entry in customers/{id}/timeline."""

from followup.communications.models import Communication
from followup.tasks.models import Task


def test_log_a_call_and_find_it_in_the_customers_timeline(world, api):
    task = world.task("Call Elena", customer=world.customer("Elena Marsh"))
    alice = api(world.alice)

    r = alice.post(f"tasks/{task.pk}/communications", {"outcome": "no_answer", "note": "Try at 5"})
    timeline = alice.get(f"customers/{task.customer_id}/timeline").json()["items"]

    assert r.status_code == 201 and r.json()["outcome"] == "no_answer" and r.json()["customer_id"] == task.customer_id
    logged = next(e for e in timeline if e["kind"] == "communication")
    assert (logged["outcome"], logged["text"], logged["subject"]["id"]) == ("no_answer", "Try at 5", task.pk)


def test_log_and_complete_in_one_request(world, api):
    task = world.task()

    api(world.alice).post(f"tasks/{task.pk}/communications", {"outcome": "reached", "complete": True})

    assert not Task.objects.get(pk=task.pk).is_pending


def test_bad_input_is_named(world, api):
    task = world.task()

    r = api(world.alice).post(f"tasks/{task.pk}/communications", {"outcome": "shouted"})

    assert r.status_code == 422 and "outcome" in r.json()["errors"] and not Communication.objects.exists()


def test_a_retried_log_with_a_key_makes_one_entry(world, api):
    task = world.task()
    key = {"Idempotency-Key": "log-1"}

    for _ in range(2):
        api(world.alice).post(f"tasks/{task.pk}/communications", {"outcome": "emailed"}, headers=key)

    assert Communication.objects.count() == 1


def test_another_organizations_task_is_404(world, api):
    task = world.task()

    assert api(world.mallory).post(f"tasks/{task.pk}/communications", {"outcome": "reached"}).status_code == 404
