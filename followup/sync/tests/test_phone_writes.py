"""A2: a phone's offline edits go through the normal API. ``Idempotency-Key`` makes a replayed
create one object; ``If-Match`` with the version the phone synced makes a replayed or stale edit
a 409 that changes nothing, never an overwrite."""

import pytest

from followup.sync.models import Kind
from followup.tasks.models import Task
from followup.tasks.services import task_update

pytestmark = pytest.mark.usefixtures("transactional_db")


def test_a_replayed_offline_create_makes_one_task(world, phone):
    alice = phone(world.alice).sync()
    customer_id = next(iter(alice.ids(Kind.CUSTOMER)), None) or world.customer().pk
    body = {"title": "Made offline", "customer_id": customer_id, "assignee_ids": [world.alice.pk],
            "priority": "high", "due_date": "2030-05-04"}
    key = {"Idempotency-Key": "phone-7f3a-0001"}

    first = alice.api.post("tasks", body, headers=key)
    again = alice.api.post("tasks", body, headers=key)  # the answer was lost on the way: sent again
    alice.sync()

    assert first.status_code == again.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    assert Task.objects.filter(title="Made offline").count() == 1
    assert [t["title"] for t in alice.copy[Kind.TASK].values()].count("Made offline") == 1


def test_an_offline_edit_with_the_synced_version_applies_once(world, phone):
    task = world.task()
    alice = phone(world.alice).sync()
    version = alice.copy[Kind.TASK][task.pk]["version"]

    first = alice.api.patch(f"tasks/{task.pk}", {"title": "Edited offline"}, headers={"If-Match": f'"{version}"'})
    replay = alice.api.patch(f"tasks/{task.pk}", {"title": "Edited offline"}, headers={"If-Match": f'"{version}"'})
    alice.sync()

    assert first.status_code == 200
    assert replay.status_code == 409  # the version moved on: the replay changes nothing
    assert alice.copy[Kind.TASK][task.pk]["version"] == version + 1


def test_an_offline_edit_over_someone_elses_newer_one_is_refused(world, phone):
    task = world.task(assignees=[world.alice, world.bob])
    alice = phone(world.alice).sync()
    version = alice.copy[Kind.TASK][task.pk]["version"]
    task_update(actor=world.bob, task_id=task.pk, version=version, title="Bob's title")

    r = alice.api.patch(f"tasks/{task.pk}", {"title": "Alice's offline title"}, headers={"If-Match": f'"{version}"'})
    alice.sync()

    assert r.status_code == 409
    assert alice.copy[Kind.TASK][task.pk]["title"] == "Bob's title"
