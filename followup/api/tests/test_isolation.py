"""Tenant isolation: every endpoint that takes an id answers 404 for an id of another
organization. The routes come from the API's own OpenAPI description, so an endpoint added
later is walked too; one that needs a body gets it from bodies() (the test says which one is missing)."""

import pytest

from followup.api.api import api as ninja_api
from followup.api.tests.conftest import PREFIX
from followup.tasks.models import Task, TaskStatus

ID_PARAMS = ("{task_id}", "{customer_id}")


def id_routes():
    routes = []
    for path, operations in ninja_api.get_openapi_schema()["paths"].items():
        if any(p in path for p in ID_PARAMS):
            routes += [(method.upper(), path.removeprefix(PREFIX)) for method in operations]
    return sorted(routes)


def bodies(world):
    """What a valid request from alice would send, so that only the id can make it fail."""
    status = TaskStatus.objects.filter(organization=world.org).first()
    return {
        ("PATCH", "tasks/{task_id}"): {"version": 1, "title": "Mine now"},
        ("POST", "tasks/{task_id}/complete"): {},
        ("POST", "tasks/{task_id}/reopen"): {},
        ("POST", "tasks/{task_id}/reassign"): {"assignee_ids": [world.alice.id]},
        ("POST", "tasks/{task_id}/status"): {"status_id": status.id},
        ("POST", "tasks/{task_id}/notes"): {"body": "Mine now"},
        ("POST", "tasks/{task_id}/subtasks"): {"title": "Mine now", "due_date": "2030-01-01"},
        ("PATCH", "customers/{customer_id}"): {"name": "Mine now"},
        ("POST", "calendar/tasks/{task_id}/move"): {"version": 1, "all_day": True, "start": "2030-01-01"},
    }


def test_the_walk_covers_the_id_endpoints():
    assert len(id_routes()) >= 12
    assert ("DELETE", "tasks/{task_id}") in id_routes()


@pytest.mark.parametrize("who", ["alice", "carol", "oscar", "adam"])
def test_every_id_endpoint_answers_404_for_another_organization(world, api, who):
    foreign_customer = world.customer("Globex Inc", organization=world.other_org)
    foreign_task = world.task("Secret", actor=world.mallory, customer=foreign_customer, assignees=[world.mallory])
    client = api(getattr(world, who))
    sample = bodies(world)
    for method, template in id_routes():
        path = template.replace("{task_id}", str(foreign_task.id)).replace("{customer_id}", str(foreign_customer.id))
        if method == "GET":
            r = client.get(path)
        elif method == "DELETE":
            r = client.delete(path)
        else:
            send = client.post if method == "POST" else client.patch
            r = send(path, sample.get((method, template), {}))
        if r.status_code == 422:
            pytest.fail(f"{method} {template}: add a valid body to bodies() so that only the id can fail ({r.json()})")
        assert r.status_code == 404, f"{method} {template} answered {r.status_code}: {r.content[:200]}"
    foreign_task.refresh_from_db()
    foreign_customer.refresh_from_db()
    assert foreign_task.title == "Secret" and foreign_task.is_pending and foreign_task.version == 1
    assert foreign_customer.name == "Globex Inc"
    assert not foreign_task.notes.exists()


def test_nonexistent_ids_answer_404(world, api):
    alice = api(world.alice)
    assert alice.get("tasks/987654").status_code == 404
    assert alice.get("customers/987654").status_code == 404
    assert alice.post("tasks/987654/complete").status_code == 404


def test_task_of_another_organization_is_not_in_any_list(world, api):
    world.task("Secret", actor=world.mallory, assignees=[])
    carol = api(world.carol)
    for view in ("my_pending", "unassigned", "all_pending", "completed"):
        assert carol.get("tasks", view=view, all="true").json()["items"] == []


def test_create_with_ids_of_another_organization_saves_nothing(world, api):
    foreign = world.customer("Globex Inc", organization=world.other_org)
    r = api(world.alice).post("tasks", {
        "title": "x", "customer_id": foreign.id, "assignee_ids": [world.mallory.id],
        "priority": "low", "due_date": "2026-05-04",
    })
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"customer_id", "assignee_ids"}
    assert not Task.objects.filter(title="x").exists()


def test_filter_by_assignee_of_another_organization_finds_nothing(world, api):
    world.task("Secret", actor=world.mallory, assignees=[world.mallory])
    r = api(world.carol).get("tasks", view="all_pending", assignee=world.mallory.id)
    assert r.json()["items"] == []
