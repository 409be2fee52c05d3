"""Idempotency-Key on an edit: a retried PATCH gets the first answer instead of a 409 from its own
edit (its version is stale by then); the same key with another body or version is refused."""

from followup.tasks.models import HistoryAction, Task

KEY = {"Idempotency-Key": "edit-7c1e-retry"}


def _edit(world):
    task = world.task("Call ACME")
    return task, f"tasks/{task.pk}", {"title": "Call ACME back", "version": task.version}


def test_a_retried_patch_replays_the_first_answer(world, api):
    task, path, body = _edit(world)
    alice = api(world.alice)

    first = alice.patch(path, body, headers=KEY)
    again = alice.patch(path, body, headers=KEY)

    assert first.status_code == again.status_code == 200
    assert again.json() == first.json() and again["ETag"] == first["ETag"] == f'"{task.version + 1}"'
    assert again["Idempotent-Replayed"] == "true"
    assert Task.objects.get(pk=task.pk).version == task.version + 1
    assert task.history.filter(action=HistoryAction.UPDATED).count() == 1


def test_without_a_key_the_retry_meets_its_own_edit(world, api):
    _task, path, body = _edit(world)
    alice = api(world.alice)
    alice.patch(path, body)
    assert alice.patch(path, body).status_code == 409


def test_the_same_key_with_another_body_is_refused_naming_the_key(world, api):
    task, path, body = _edit(world)
    alice = api(world.alice)
    alice.patch(path, body, headers=KEY)

    r = alice.patch(path, {**body, "title": "Something else"}, headers=KEY)

    assert r.status_code == 422 and "Idempotency-Key" in r.json()["errors"]
    assert Task.objects.get(pk=task.pk).title == "Call ACME back"


def test_the_same_key_on_another_version_is_refused(world, api):
    task, path, body = _edit(world)
    alice = api(world.alice)
    del body["version"]
    alice.patch(path, body, headers={**KEY, "If-Match": f'"{task.version}"'})

    r = alice.patch(path, body, headers={**KEY, "If-Match": f'"{task.version + 1}"'})

    assert r.status_code == 422 and "Idempotency-Key" in r.json()["errors"]


def test_a_stale_patch_is_replayed_as_the_409_it_got(world, api):
    task, path, body = _edit(world)
    alice = api(world.alice)
    alice.patch(path, {"priority": "high", "version": task.version})

    first = alice.patch(path, body, headers=KEY)
    again = alice.patch(path, body, headers=KEY)

    assert first.status_code == again.status_code == 409 and again.json() == first.json()


def test_a_key_used_for_a_post_does_not_answer_a_patch(world, api):
    task, path, body = _edit(world)
    alice = api(world.alice)
    alice.post(f"{path}/complete", {}, headers=KEY)

    r = alice.patch(path, {**body, "version": Task.objects.get(pk=task.pk).version}, headers=KEY)

    assert r.status_code == 200 and "Idempotent-Replayed" not in r
