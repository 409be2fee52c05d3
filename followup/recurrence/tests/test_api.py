"""B3 in the API: ``recurrence`` on tasks — create, read, change "this and following", stop —
with per-field errors, organization isolation and idempotent retries."""

import datetime as dt

import pytest

from followup.recurrence.models import Series
from followup.tasks.models import Source, Task


def _body(world, **extra):
    return {"title": "Weekly report", "customer_id": world.customer().pk, "assignee_ids": [world.alice.pk],
            "priority": "medium", "due_date": "2027-03-22", "due_time": "09:00", **extra}


def test_create_a_repeating_task_and_read_its_rule(world, api):
    r = api(world.alice).post("tasks", _body(world, recurrence={"rrule": "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"}))
    assert r.status_code == 201, r.json()
    rec = r.json()["recurrence"]
    assert rec["rrule"] == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO" and rec["text"] == "Every 2 weeks on Monday"
    assert rec["starts_on"] == "2027-03-22" and rec["repeating"] is True


def test_a_one_off_task_has_no_recurrence(world, api):
    r = api(world.alice).post("tasks", _body(world))
    assert r.status_code == 201 and r.json()["recurrence"] is None


def test_completing_through_the_api_makes_the_next(world, api):
    alice = api(world.alice)
    task_id = alice.post("tasks", _body(world, recurrence={"rrule": "FREQ=DAILY"})).json()["id"]
    assert alice.post(f"tasks/{task_id}/complete").status_code == 200
    made = Task.objects.get(source=Source.RECURRENCE)
    assert made.due_date == dt.date(2027, 3, 23)
    assert alice.get(f"tasks/{made.pk}").json()["recurrence"]["text"] == "Every day"


@pytest.mark.parametrize("rrule", ["FREQ=HOURLY", "FREQ=WEEKLY;BYDAY=XX", "nonsense", "FREQ=DAILY;UNTIL=20270101Z"])
def test_a_bad_rule_is_a_field_error_and_makes_nothing(world, api, rrule):
    r = api(world.alice).post("tasks", _body(world, recurrence={"rrule": rrule}))
    assert r.status_code == 422 and list(r.json()["errors"]) == ["recurrence"]
    assert not Task.objects.exists()


def test_rule_and_task_errors_are_reported_together(world, api):
    r = api(world.alice).post("tasks", _body(world, assignee_ids=[world.mallory.pk],
                                             recurrence={"rrule": "FREQ=HOURLY"}))
    assert r.status_code == 422 and {"recurrence", "assignee_ids"} <= set(r.json()["errors"])


def test_an_empty_or_misshapen_recurrence_is_a_field_error(world, api):
    for recurrence in ({"rrule": ""}, {"rule": "FREQ=DAILY"}, "FREQ=DAILY"):
        r = api(world.alice).post("tasks", _body(world, recurrence=recurrence))
        assert r.status_code == 422 and "recurrence" in r.json()["errors"], recurrence


def test_patch_changes_this_and_following(world, api):
    alice = api(world.alice)
    task = alice.post("tasks", _body(world, recurrence={"rrule": "FREQ=WEEKLY;BYDAY=MO"})).json()
    r = alice.patch(f"tasks/{task['id']}", {"version": task["version"], "recurrence": {"rrule": "FREQ=MONTHLY"}})
    assert r.status_code == 200, r.json()
    assert r.json()["recurrence"]["text"] == "Every month on day 22"
    assert Series.objects.filter(ended_at__isnull=False).count() == 1


def test_patch_null_stops_repeating(world, api):
    alice = api(world.alice)
    task = alice.post("tasks", _body(world, recurrence={"rrule": "FREQ=DAILY"})).json()
    r = alice.patch(f"tasks/{task['id']}", {"version": task["version"], "recurrence": None})
    assert r.status_code == 200 and r.json()["recurrence"]["repeating"] is False


def test_patch_with_a_bad_rule_changes_nothing(world, api):
    alice = api(world.alice)
    task = alice.post("tasks", _body(world, recurrence={"rrule": "FREQ=DAILY"})).json()
    r = alice.patch(f"tasks/{task['id']}", {"version": task["version"], "title": "New",
                                            "recurrence": {"rrule": "FREQ=SECONDLY"}})
    assert r.status_code == 422 and "recurrence" in r.json()["errors"]
    assert Task.objects.get(pk=task["id"]).title == "Weekly report"


def test_another_organizations_task_is_404(world, api):
    task = api(world.alice).post("tasks", _body(world, recurrence={"rrule": "FREQ=DAILY"})).json()
    r = api(world.mallory).patch(f"tasks/{task['id']}", {"version": task["version"], "recurrence": None})
    assert r.status_code == 404
    assert Series.objects.get().ended_at is None


def test_a_retried_create_makes_one_task_and_one_series(world, api):
    alice = api(world.alice)
    body = _body(world, recurrence={"rrule": "FREQ=DAILY"})
    first = alice.post("tasks", body, headers={"Idempotency-Key": "repeat-1"})
    again = alice.post("tasks", body, headers={"Idempotency-Key": "repeat-1"})
    assert first.status_code == again.status_code == 201 and first.json()["id"] == again.json()["id"]
    assert Task.objects.count() == 1 and Series.objects.count() == 1


def test_openapi_documents_recurrence(world, client):
    schema = client.get("/api/v1/openapi.json").json()
    create = schema["components"]["schemas"]["TaskCreateIn"]["properties"]
    assert "recurrence" in create
    assert "RRULE" in schema["components"]["schemas"]["RecurrenceIn"]["properties"]["rrule"]["description"]
