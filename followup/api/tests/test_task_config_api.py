"""L5, L6 in the API: everyone reads the task types and statuses; administrators add and change
them (members, task operators and managers get 403 whatever they send); every bad field is a
422 naming it; another organization's id is a 404."""

import pytest

from followup.tasks.models import Task, TaskStatus, TaskType


def status_id(world, name):
    return TaskStatus.objects.get(organization=world.org, name=name).pk


def type_id(world, name):
    return TaskType.objects.get(organization=world.org, name=name).pk


def test_an_administrator_adds_a_type_at_the_end(world, api):
    r = api(world.adam).post("task-types", {"name": "Visit", "icon": "visit"})
    assert r.status_code == 201
    body = r.json()
    assert (body["name"], body["icon"], body["position"], body["is_active"]) == ("Visit", "visit", 6, True)
    assert [t["name"] for t in api(world.alice).get("task-types").json()][-1] == "Visit"


@pytest.mark.parametrize("who", ["alice", "oscar", "carol"])
def test_everyone_else_gets_403_for_every_write_even_with_a_bad_body(world, api, who):
    client = api(getattr(world, who))
    assert client.post("task-types", {"name": "Visit"}).status_code == 403
    assert client.post("task-types", {"bogus": 1}).status_code == 403
    assert client.patch(f"task-types/{type_id(world, 'Offer')}", {"name": "Quote"}).status_code == 403
    assert client.post("task-statuses", {"name": "Waiting", "category": "open"}).status_code == 403
    assert client.patch(f"task-statuses/{status_id(world, 'Completed')}", {"name": "Done"}).status_code == 403
    assert client.get("task-types").status_code == 200
    assert not TaskType.objects.filter(name__in=["Visit", "Quote"]).exists()


def test_every_bad_field_is_named(world, api):
    r = api(world.adam).post("task-statuses", {"name": "x" * 61, "category": "later", "color": "plaid"})
    assert r.status_code == 422 and set(r.json()["errors"]) == {"name", "category", "color"}
    r = api(world.adam).post("task-types", {"name": "E-mail"})
    assert r.status_code == 422 and "already" in r.json()["errors"]["name"][0]
    r = api(world.adam).patch(f"task-types/{type_id(world, 'Offer')}", {"name": None})
    assert r.status_code == 422 and "name" in r.json()["errors"]


def test_another_organizations_row_is_404(world, api):
    theirs_type = TaskType.objects.filter(organization=world.other_org).first()
    theirs_status = TaskStatus.objects.filter(organization=world.other_org).first()
    assert api(world.adam).patch(f"task-types/{theirs_type.pk}", {"name": "Mine"}).status_code == 404
    assert api(world.adam).patch(f"task-statuses/{theirs_status.pk}", {"name": "Mine"}).status_code == 404
    assert TaskType.objects.get(pk=theirs_type.pk).name != "Mine"


def test_patch_renames_retires_and_moves_a_type(world, api):
    offer = type_id(world, "Offer")
    r = api(world.adam).patch(f"task-types/{offer}", {"name": "Quote", "is_active": False, "position": 0})
    assert r.status_code == 200 and (r.json()["name"], r.json()["is_active"], r.json()["position"]) == (
        "Quote", False, 0)
    assert "Quote" not in [t["name"] for t in api(world.alice).get("task-types").json()]
    listed = api(world.alice).get("task-types", include_retired="true").json()
    assert listed[0]["name"] == "Quote"


def test_a_new_default_status_takes_the_mark(world, api):
    r = api(world.adam).post("task-statuses", {"name": "Inbox", "category": "open", "is_default": True})
    assert r.status_code == 201 and r.json()["is_default"]
    defaults = [s["name"] for s in api(world.alice).get("task-statuses").json() if s["is_default"]]
    assert defaults == ["Inbox"]


def test_a_used_status_keeps_its_category_with_a_reason(world, api):
    in_progress = status_id(world, "In Progress")
    world.task("Call", status_id=in_progress)
    r = api(world.adam).patch(f"task-statuses/{in_progress}", {"category": "done"})
    assert r.status_code == 422 and "cannot change" in r.json()["errors"]["category"][0]
    r = api(world.adam).patch(f"task-statuses/{in_progress}", {"is_active": False, "name": "Working"})
    assert r.status_code == 200 and not r.json()["is_active"]
    assert Task.objects.get(title="Call").status_id == in_progress


def test_the_default_status_cannot_be_retired(world, api):
    r = api(world.adam).patch(f"task-statuses/{status_id(world, 'Not Started')}", {"is_active": False})
    assert r.status_code == 422 and "is_active" in r.json()["errors"]


def test_with_the_task_module_off_the_endpoints_are_gone(world, api):
    world.org.tasks_enabled = False
    world.org.save()
    assert api(world.adam).get("task-types").status_code == 404
    assert api(world.adam).post("task-types", {"name": "Visit"}).status_code == 404


@pytest.mark.parametrize("n", [2, 20])
def test_the_lists_run_constant_queries(world, api, django_assert_max_num_queries, n):
    for i in range(n):
        TaskType.objects.create(organization=world.org, name=f"Kind {i}", position=10 + i)
    client = api(world.alice)
    client.get("me")
    # token (user, organization), the rows
    with django_assert_max_num_queries(2):
        assert len(client.get("task-types").json()) == 6 + n
    with django_assert_max_num_queries(2):
        client.get("task-statuses")
