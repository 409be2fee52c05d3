"""Subtasks, subscribers and the team-task rule through the API (J7, J8, J10, J12, J13)."""

import datetime as dt

import pytest

from followup.tasks.services import subtask_create

SIZES = [10, 100]
TODAY = dt.date.today().isoformat()


def warm(client):
    assert client.get("me").status_code == 200


def _team_task(world):
    return world.task("Launch", actor=world.carol, assignees=[world.alice, world.bob])


def test_detail_shows_co_owner_subscribers_and_links(world, api):
    dave = world.user("dave", first_name="Dave")
    task = world.task(actor=world.alice, assignees=[world.alice])
    alice = api(world.alice)
    r = alice.patch(f"tasks/{task.id}", {"version": 1, "subscriber_ids": [dave.pk]})
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["co_owner"]["username"] == "bob" and body["co_owner_id"] == world.bob.pk
    assert [u["username"] for u in body["subscribers"]] == ["dave"]
    assert body["parent_id"] is None and body["project_id"] is None
    assert body["deal_id"] is None and body["memo_id"] is None


def test_patch_with_subscriber_of_another_organization_names_the_field(world, api):
    task = world.task(actor=world.alice, assignees=[world.alice])
    r = api(world.alice).patch(f"tasks/{task.id}", {"version": 1, "subscriber_ids": [world.mallory.pk]})
    assert r.status_code == 422 and "subscribers" in r.json()["errors"]


def test_subscriber_reads_the_task(world, api):
    dave = world.user("dave")
    task = world.task(actor=world.alice, assignees=[world.alice])
    assert api(dave).get(f"tasks/{task.id}").status_code == 404
    api(world.alice).patch(f"tasks/{task.id}", {"version": 1, "subscriber_ids": [dave.pk]})
    assert api(dave).get(f"tasks/{task.id}").status_code == 200


def test_post_subtask_defaults_to_me(world, api):
    parent = _team_task(world)
    r = api(world.alice).post(f"tasks/{parent.id}/subtasks", {"title": "Slides", "due_date": TODAY})
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["parent_id"] == parent.id and [u["username"] for u in body["assignees"]] == ["alice"]
    assert body["customer"]["id"] == parent.customer_id


def test_post_subtask_for_a_non_performer_names_assignees(world, api):
    parent = _team_task(world)
    r = api(world.alice).post(f"tasks/{parent.id}/subtasks",
                              {"title": "Slides", "due_date": TODAY, "assignee_ids": [world.oscar.pk]})
    assert r.status_code == 422 and "assignee_ids" in r.json()["errors"]


def test_post_subtask_without_title_names_title(world, api):
    parent = _team_task(world)
    r = api(world.alice).post(f"tasks/{parent.id}/subtasks", {"title": " ", "due_date": TODAY})
    assert r.status_code == 422 and "title" in r.json()["errors"]


def test_subtasks_of_another_organization_are_404(world, api):
    parent = _team_task(world)
    assert api(world.mallory).get(f"tasks/{parent.id}/subtasks").status_code == 404
    r = api(world.mallory).post(f"tasks/{parent.id}/subtasks", {"title": "x", "due_date": TODAY})
    assert r.status_code == 404


def test_performer_completing_team_task_gets_403_with_reason(world, api):
    parent = _team_task(world)
    r = api(world.alice).post(f"tasks/{parent.id}/complete")
    assert r.status_code == 403 and "team task" in r.json()["detail"]


def test_last_subtask_done_completes_the_team_task(world, api):
    parent = _team_task(world)
    alice, bob = api(world.alice), api(world.bob)
    a = alice.post(f"tasks/{parent.id}/subtasks", {"title": "A", "due_date": TODAY}).json()
    b = bob.post(f"tasks/{parent.id}/subtasks", {"title": "B", "due_date": TODAY}).json()
    alice.post(f"tasks/{a['id']}/complete")
    bob.post(f"tasks/{b['id']}/complete")
    assert alice.get(f"tasks/{parent.id}").json()["is_pending"] is False
    alice.post(f"tasks/{a['id']}/reopen")
    assert alice.get(f"tasks/{parent.id}").json()["is_pending"] is True


@pytest.mark.parametrize("n", SIZES)
def test_subtasks_run_constant_queries(world, api, django_assert_max_num_queries, n):
    parent = _team_task(world)
    for i in range(n):
        subtask_create(actor=world.alice, parent_id=parent.pk, title=f"Part {i}",
                       assignee_ids=[world.alice.pk, world.bob.pk], due_date=dt.date.today())
    alice = api(world.alice)
    warm(alice)
    # token, main task (visibility), subtasks (customer, status, type joined), assignees prefetch
    with django_assert_max_num_queries(4):
        r = alice.get(f"tasks/{parent.id}/subtasks")
    assert len(r.json()) == n


@pytest.mark.parametrize("n", SIZES)
def test_detail_with_many_subscribers_runs_constant_queries(world, api, django_assert_max_num_queries, n):
    people = [world.user(f"sub{i}") for i in range(n)]
    task = world.task(actor=world.alice, assignees=[world.alice])
    task.subscribers.set(people)
    alice = api(world.alice)
    warm(alice)
    # token, task (customer, status, type joined), assignees, its people and subscribers in one,
    # its recurrence (B3)
    with django_assert_max_num_queries(5):
        r = alice.get(f"tasks/{task.id}")
    assert len(r.json()["subscribers"]) == n


def test_task_created_for_oneself_through_the_api_gets_the_head_as_co_owner(world, api):
    customer = world.customer()
    r = api(world.alice).post("tasks", {"title": "Call", "customer_id": customer.pk, "assignee_ids": [world.alice.pk],
                                        "priority": "medium", "due_date": TODAY})
    assert r.status_code == 201 and r.json()["co_owner"]["username"] == "bob"


def test_list_items_carry_links_and_co_owner(world, api):
    parent = _team_task(world)
    subtask_create(actor=world.alice, parent_id=parent.pk, title="Slides", assignee_ids=[world.alice.pk],
                   due_date=dt.date.today())
    items = api(world.alice).get("tasks", view="my_pending").json()["items"]
    sub = next(i for i in items if i["title"] == "Slides")
    assert sub["parent_id"] == parent.pk and sub["co_owner_id"] == world.bob.pk
    assert {"project_id", "deal_id", "memo_id"} <= set(sub)
