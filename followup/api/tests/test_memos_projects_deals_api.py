"""Memo, project and deal endpoints: rules, 404s, 422s with field names, constant queries."""

import datetime as dt

import pytest

from followup.deals.services import deal_create
from followup.memos import services
from followup.projects.services import project_create, project_task_create

SIZES = [10, 100]
DUE = dt.date(2030, 1, 1)


def warm(client):
    assert client.get("me").status_code == 200


def sent_memo(world, **kwargs):
    return services.memo_create(actor=world.alice, title="Pricing", recipient_id=world.bob.pk, send=True, **kwargs)


def test_create_draft_then_send(world, api):
    alice = api(world.alice)
    r = alice.post("memos", {"title": "Idea", "recipient_id": world.bob.pk, "subscriber_ids": [world.oscar.pk]})
    assert r.status_code == 201 and r.json()["status"] == "draft"
    memo_id = r.json()["id"]
    assert api(world.bob).get(f"memos/{memo_id}").status_code == 404
    assert alice.post(f"memos/{memo_id}/send").json()["status"] == "sent"
    assert api(world.bob).get(f"memos/{memo_id}").status_code == 200


def test_bad_memo_input_names_the_fields(world, api):
    r = api(world.alice).post("memos", {"title": "", "recipient_id": world.oscar.pk})
    assert r.status_code == 422
    assert {"title", "recipient_id"} <= set(r.json()["errors"])


def test_missing_recipient_is_422(world, api):
    r = api(world.alice).post("memos", {"title": "x"})
    assert r.status_code == 422 and "recipient_id" in r.json()["errors"]


def test_memo_of_another_organization_is_404(world, api):
    memo = sent_memo(world)
    mallory = api(world.mallory)
    assert mallory.get(f"memos/{memo.pk}").status_code == 404
    assert mallory.patch(f"memos/{memo.pk}", {"title": "x", "version": 1}).status_code == 404
    assert mallory.post(f"memos/{memo.pk}/review").status_code == 404


def test_patch_after_review_is_403(world, api):
    memo = sent_memo(world)
    reviewed = api(world.bob).post(f"memos/{memo.pk}/review").json()
    assert reviewed["status"] == "reviewed"
    r = api(world.alice).patch(f"memos/{memo.pk}", {"title": "Changed", "version": reviewed["version"]})
    assert r.status_code == 403


def test_status_filter(world, api):
    sent_memo(world)
    services.memo_create(actor=world.alice, title="Draft", recipient_id=world.bob.pk)
    r = api(world.alice).get("memos", status="draft")
    assert [m["title"] for m in r.json()["items"]] == ["Draft"]


def test_unknown_status_filter_is_422(world, api):
    assert api(world.alice).get("memos", status="lost").status_code == 422


def test_create_task_from_memo_subscribes_author(world, api):
    memo = sent_memo(world, subscriber_ids=[world.oscar.pk])
    r = api(world.bob).post(f"memos/{memo.pk}/create-task", {"title": "Do it", "due_date": "2030-01-02"})
    assert r.status_code == 201
    listed = api(world.alice).get("memos").json()["items"][0]
    assert listed["tasks"][0]["id"] == r.json()["id"] and listed["tasks"][0]["status_category"] == "open"


def test_create_task_from_memo_without_due_date_is_422(world, api):
    memo = sent_memo(world)
    r = api(world.bob).post(f"memos/{memo.pk}/create-task", {"title": "Do it"})
    assert r.status_code == 422 and "due_date" in r.json()["errors"]


def test_create_project_from_memo(world, api):
    memo = sent_memo(world)
    r = api(world.bob).post(f"memos/{memo.pk}/create-project", {"name": "Pricing"})
    assert r.status_code == 201
    assert api(world.alice).get(f"projects/{r.json()['id']}").status_code == 200  # subscriber now


@pytest.mark.parametrize("n", SIZES)
def test_memo_list_runs_constant_queries(world, api, django_assert_max_num_queries, n):
    for i in range(n):
        memo = sent_memo(world)
        services.memo_task_create(actor=world.alice, memo_id=memo.pk, title=f"T{i}", due_date=DUE)
    alice = api(world.alice)
    warm(alice)
    # token (user, organization), memos (author, recipient, deal joined), their visible tasks with status
    with django_assert_max_num_queries(3):
        r = alice.get("memos", size=n)
    assert len(r.json()["items"]) == n


def test_project_crud_and_bad_input(world, api):
    alice = api(world.alice)
    assert alice.post("projects", {"name": "", "member_ids": [world.mallory.pk]}).status_code == 422
    r = alice.post("projects", {"name": "Launch", "member_ids": [world.bob.pk]})
    assert r.status_code == 201
    pid = r.json()["id"]
    assert alice.patch(f"projects/{pid}", {"status": "done", "version": 1}).json()["status"] == "done"
    assert alice.patch(f"projects/{pid}", {"status": "finished", "version": 2}).status_code == 422
    assert api(world.mallory).get(f"projects/{pid}").status_code == 404
    assert api(world.mallory).get(f"projects/{pid}/tasks").status_code == 404


def test_invisible_project_is_404(world, api):
    project = project_create(actor=world.alice, name="Secret")
    assert api(world.bob).get(f"projects/{project.pk}").status_code == 404


@pytest.mark.parametrize("n", SIZES)
def test_project_list_runs_constant_queries(world, api, django_assert_max_num_queries, n):
    for i in range(n):
        project_create(actor=world.alice, name=f"P{i}")
    alice = api(world.alice)
    warm(alice)
    # token, projects with owner and task counts
    with django_assert_max_num_queries(2):
        r = alice.get("projects", size=n)
    assert len(r.json()["items"]) == n


@pytest.mark.parametrize("n", SIZES)
def test_project_tasks_run_constant_queries(world, api, django_assert_max_num_queries, n):
    project = project_create(actor=world.alice, name="P")
    for i in range(n):
        project_task_create(actor=world.alice, project_id=project.pk, title=f"T{i}", due_date=DUE,
                            assignee_ids=[world.alice.pk, world.bob.pk])
    alice = api(world.alice)
    warm(alice)
    # token, the project, its tasks (customer, status, type joined), assignees
    with django_assert_max_num_queries(6):
        r = alice.get(f"projects/{project.pk}/tasks", size=n)
    assert len(r.json()["items"]) == n


def test_deal_create_and_bad_input(world, api):
    alice = api(world.alice)
    r = alice.post("deals", {"customer_id": world.customer().pk, "title": "Renewal", "amount": "120.50"})
    assert r.status_code == 201 and r.json()["amount"] == "120.50"
    bad = alice.post("deals", {"customer_id": world.customer(organization=world.other_org).pk, "title": "",
                               "amount": "-1"})
    assert bad.status_code == 422
    assert api(world.mallory).get(f"deals/{r.json()['id']}").status_code == 404


@pytest.mark.parametrize("n", SIZES)
def test_deal_list_runs_constant_queries(world, api, django_assert_max_num_queries, n):
    customer = world.customer()
    for i in range(n):
        deal_create(actor=world.alice, customer_id=customer.pk, title=f"D{i}")
    alice = api(world.alice)
    warm(alice)
    # token, deals with customer, owner, process and stage, the processes' stages
    with django_assert_max_num_queries(3):
        r = alice.get("deals", size=n)
    assert len(r.json()["items"]) == n
