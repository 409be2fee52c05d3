"""Bad input gets a 4xx naming the field, never a 500, and nothing is half-saved."""

import pytest

from followup.customers.models import Customer
from followup.tasks.models import Note, Task


def valid_task(world):
    return {
        "title": "Call ACME", "customer_id": world.customer().id, "assignee_ids": [world.alice.id],
        "priority": "high", "due_date": "2026-05-04",
    }


CREATE_CASES = [
    # (what is wrong, overrides, field named in the answer)
    ("over-long title", {"title": "x" * 201}, "title"),
    ("empty title", {"title": "   "}, "title"),
    ("title of wrong type", {"title": 42}, "title"),
    ("unknown priority", {"priority": "critical"}, "priority"),
    ("priority as a number", {"priority": 4}, "priority"),
    ("impossible date", {"due_date": "2026-02-30"}, "due_date"),
    ("date in another format", {"due_date": "04/05/2026"}, "due_date"),
    ("date far in the past", {"due_date": "1970-01-01"}, "due_date"),
    ("impossible time", {"due_time": "25:61"}, "due_time"),
    ("duration without time", {"duration_minutes": 30}, "duration_minutes"),
    ("negative duration", {"due_time": "10:00", "duration_minutes": -5}, "duration_minutes"),
    ("over-long description", {"description": "x" * 20_001}, "description"),
    ("non-existent customer", {"customer_id": 987654}, "customer_id"),
    ("customer id as text", {"customer_id": "ACME"}, "customer_id"),
    ("assignees not a list", {"assignee_ids": 5}, "assignee_ids"),
    ("non-existent assignee", {"assignee_ids": [987654]}, "assignee_ids"),
    ("negative assignee id", {"assignee_ids": [-1]}, "assignee_ids"),
    ("non-existent status", {"status_id": 987654}, "status_id"),
    ("non-existent type", {"type_id": 987654}, "type_id"),
    ("id beyond 64 bits", {"type_id": 2**70}, "type_id"),
    ("unknown field", {"colour": "red"}, "colour"),
]


@pytest.mark.parametrize(("case", "overrides", "field"), CREATE_CASES, ids=[c[0] for c in CREATE_CASES])
def test_bad_new_task_names_the_field_and_saves_nothing(world, api, case, overrides, field):
    body = {**valid_task(world), **overrides}
    r = api(world.alice).post("tasks", body)
    assert r.status_code == 422, r.content
    errors = r.json()["errors"]
    assert field in errors, errors
    assert all(isinstance(m, str) and m for m in errors[field])
    assert not Task.objects.exists()


@pytest.mark.parametrize(("field", "value", "message"), [
    ("due_date", "2026-02-30", "30 February 2026 does not exist."),
    ("due_date", "2026-13-01", "There is no month 13: enter a month from 1 to 12."),
    ("due_date", "04/05/2026", "Enter a valid date (YYYY-MM-DD)."),
])
def test_an_impossible_date_is_named_as_such(world, api, field, value, message):
    """Issue 13 §1.13: the API speaks ISO dates and says what is wrong with one."""
    r = api(world.alice).post("tasks", {**valid_task(world), field: value})
    assert r.status_code == 422 and r.json()["errors"][field] == [message]


def test_malformed_json_is_400_naming_the_body(world, api):
    r = api(world.alice).post("tasks", raw='{"title": "x",')
    assert r.status_code == 400
    assert r.json() == {"errors": {"body": ["The request body is not valid JSON."]}}


def test_body_that_is_not_an_object_is_refused(world, api):
    r = api(world.alice).post("tasks", raw="[1, 2]")
    assert r.status_code == 422 and "body" in r.json()["errors"]


def test_body_that_is_not_utf8_is_400(world, api):
    r = api(world.alice).post("tasks", raw=b"\xff\xfe{")
    assert r.status_code == 400 and "body" in r.json()["errors"]


PATCH_CASES = [
    ("null title", {"title": None}, "title"),
    ("over-long title", {"title": "y" * 500}, "title"),
    ("null priority", {"priority": None}, "priority"),
    ("unknown priority", {"priority": "asap"}, "priority"),
    ("null due date", {"due_date": None}, "due_date"),
    ("impossible date", {"due_date": "2026-13-01"}, "due_date"),
    ("null assignees", {"assignee_ids": None}, "assignee_ids"),
    ("null customer", {"customer_id": None}, "customer_id"),
    ("version as text", {"version": "one"}, "version"),
    ("typo in a field name", {"prioirty": "low"}, "prioirty"),
]


@pytest.mark.parametrize(("case", "overrides", "field"), PATCH_CASES, ids=[c[0] for c in PATCH_CASES])
def test_bad_patch_names_the_field_and_changes_nothing(world, api, case, overrides, field):
    task = world.task()
    r = api(world.alice).patch(f"tasks/{task.id}", {"version": 1, "title": "Changed", **overrides})
    assert r.status_code == 422, r.content
    assert field in r.json()["errors"]
    task.refresh_from_db()
    assert task.title == "Call back" and task.version == 1 and task.assignee_count == 1


def test_patch_with_malformed_if_match_names_version(world, api):
    task = world.task()
    r = api(world.alice).patch(f"tasks/{task.id}", {"title": "x"}, headers={"If-Match": "yesterday"})
    assert r.status_code == 422 and "version" in r.json()["errors"]


LIST_CASES = [
    ({"view": "mine"}, "view"),
    ({"priority": "critical"}, "priority"),
    ({"sort": "title"}, "sort"),
    ({"size": 101}, "size"),
    ({"size": 0}, "size"),
    ({"page": "last"}, "page"),
    ({"due_from": "2026-02-30"}, "due_from"),
    ({"overdue": "perhaps"}, "overdue"),
    ({"assignee": "bob"}, "assignee"),
    ({"q": "x" * 201}, "q"),
]


@pytest.mark.parametrize(("params", "field"), LIST_CASES, ids=[c[1] for c in LIST_CASES])
def test_bad_list_parameter_names_it(world, api, params, field):
    r = api(world.alice).get("tasks", **params)
    assert r.status_code == 422
    assert field in r.json()["errors"]


def test_task_id_that_is_not_a_number_is_422_naming_it(world, api):
    r = api(world.alice).get("tasks/abc")
    assert r.status_code == 422 and "task_id" in r.json()["errors"]


def test_bulk_with_unknown_action_names_it(world, api):
    task = world.task()
    r = api(world.alice).post("tasks/bulk", {"action": "archive", "task_ids": [task.id]})
    assert r.status_code == 422 and "action" in r.json()["errors"]


def test_bulk_without_tasks_names_task_ids(world, api):
    r = api(world.alice).post("tasks/bulk", {"action": "complete", "task_ids": []})
    assert r.status_code == 422 and "task_ids" in r.json()["errors"]


def test_bulk_with_non_existent_task_changes_nothing(world, api):
    task = world.task()
    r = api(world.alice).post("tasks/bulk", {"action": "complete", "task_ids": [task.id, 987654]})
    assert r.status_code == 422 and "task_ids" in r.json()["errors"]
    task.refresh_from_db()
    assert task.is_pending


def test_over_long_note_names_body(world, api):
    task = world.task()
    r = api(world.alice).post(f"tasks/{task.id}/notes", {"body": "x" * 10_001})
    assert r.status_code == 422 and "body" in r.json()["errors"]
    assert not Note.objects.exists()


def test_reassign_to_someone_of_another_organization_changes_nothing(world, api):
    task = world.task()
    r = api(world.alice).post(f"tasks/{task.id}/reassign", {"assignee_ids": [world.mallory.id]})
    assert r.status_code == 422 and "assignee_ids" in r.json()["errors"]
    assert list(task.assignees.all()) == [world.alice]


CUSTOMER_CASES = [
    ({"name": "x" * 201}, "name"),
    ({"name": ""}, "name"),
    ({"name": "A", "kind": "robot"}, "kind"),
    ({"name": "A", "stage": "won"}, "stage"),
    ({"name": "A", "email": "nope"}, "email"),
    ({"name": "A", "phone": "1" * 41}, "phone"),
    ({"name": "A", "birthday": "1990-02-30"}, "birthday"),
    ({"name": "A", "owner_id": 987654}, "owner_id"),
]


@pytest.mark.parametrize(("body", "field"), CUSTOMER_CASES, ids=[c[1] for c in CUSTOMER_CASES])
def test_bad_customer_names_the_field_and_saves_nothing(world, api, body, field):
    r = api(world.alice).post("customers", body)
    assert r.status_code == 422
    assert field in r.json()["errors"]
    assert not Customer.objects.filter(organization=world.org).exists()
