"""A1 and A6 over the API: CRUD, per-field errors, 403 for non-administrators, 404 across
organizations, the preview and its create-passed, retries, query counts."""

import datetime as dt

from django.utils import timezone

from followup.datetriggers.models import DateTrigger
from followup.escalations.models import EscalationRule
from followup.tasks.models import Source, Task

BODY = {"name": "Birthday call", "field": "birthday", "days_before": 3, "title": "Call {customer}",
        "assign_to": "round_robin"}


def test_create_read_update_delete(world, api):
    adam = api(world.adam)
    r = adam.post("date-triggers", {**BODY, "assign_department_id": world.sales.pk, "priority": "high"})
    assert r.status_code == 201, r.json()
    body = r.json()
    assert body["days_before"] == 3 and body["priority"] == "high" and body["author"]["id"] == world.adam.pk
    assert adam.get(f"date-triggers/{body['id']}").json()["title"] == "Call {customer}"
    r = adam.patch(f"date-triggers/{body['id']}", {"is_active": False, "field": "contract_end_date"})
    assert r.status_code == 200 and r.json()["is_active"] is False and r.json()["field"] == "contract_end_date"
    assert adam.delete(f"date-triggers/{body['id']}").status_code == 204
    assert not DateTrigger.objects.exists()


def test_every_bad_field_is_named(world, api):
    r = api(world.adam).post("date-triggers", {**BODY, "title": "Call {client}", "assign_to": "round_robin",
                                               "task_type_id": 999_999})
    assert r.status_code == 422
    assert set(r.json()["errors"]) >= {"title", "task_type_id", "assign_department_id"}
    r = api(world.adam).post("date-triggers", {**BODY, "days_before": 400, "field": "name"})
    assert r.status_code == 422 and set(r.json()["errors"]) >= {"days_before", "field"}


def test_members_and_managers_get_403_and_others_404(world, api):
    assert api(world.carol).get("date-triggers").status_code == 403
    assert api(world.alice).post("date-triggers", BODY).status_code == 403
    theirs = DateTrigger.objects.create(organization=world.other_org, author=world.mallory, name="x", title="x")
    assert api(world.adam).get(f"date-triggers/{theirs.pk}").status_code == 404
    assert api(world.adam).post(f"date-triggers/{theirs.pk}/create-passed").status_code == 404


def test_preview_lists_passed_dates_and_creates_them_once(world, api):
    today = timezone.now().date()
    soon = world.customer("Soon", birthday=(today + dt.timedelta(days=1)).replace(year=1990), owner=world.alice)
    adam = api(world.adam)
    trigger_id = adam.post("date-triggers", {**BODY, "assign_to": "customer_owner"}).json()["id"]
    preview = adam.get(f"date-triggers/{trigger_id}/preview").json()
    assert preview["passed_count"] == 1 and preview["passed"][0]["customer_id"] == soon.pk
    assert adam.post(f"date-triggers/{trigger_id}/create-passed").json()["made"] == 1
    assert adam.post(f"date-triggers/{trigger_id}/create-passed").json()["made"] == 0
    assert adam.get(f"date-triggers/{trigger_id}/preview").json()["passed_count"] == 0
    task = Task.objects.get(source=Source.DATE_TRIGGER, origin_id=trigger_id)
    assert task.title == "Call Soon" and list(task.assignees.all()) == [world.alice]
    assert [run["made"] for run in adam.get(f"date-triggers/{trigger_id}/runs").json()] == [0, 1]


def test_a_retried_create_makes_one_trigger(world, api):
    adam = api(world.adam)
    first = adam.post("date-triggers", {**BODY, "assign_to": "unassigned"}, headers={"Idempotency-Key": "k-1"})
    again = adam.post("date-triggers", {**BODY, "assign_to": "unassigned"}, headers={"Idempotency-Key": "k-1"})
    assert first.status_code == again.status_code == 201 and first.json()["id"] == again.json()["id"]
    assert DateTrigger.objects.count() == 1


def test_list_runs_constant_queries(world, api, django_assert_max_num_queries):
    for i in range(10):
        DateTrigger.objects.create(organization=world.org, author=world.adam, name=f"T{i}", title="x")
    adam = api(world.adam)
    adam.get("date-triggers")
    with django_assert_max_num_queries(6):  # token, user + organization, the count, the page
        items = adam.get("date-triggers").json()["items"]
    assert len(items) == 10


def test_escalation_thresholds(world, api, django_assert_max_num_queries):
    adam = api(world.adam)
    r = adam.post("escalations", {"overdue_hours": 48})
    assert r.status_code == 201 and r.json()["task_type_id"] is None
    again = adam.post("escalations", {"overdue_hours": 48})
    assert again.status_code == 422 and "overdue_hours" in again.json()["errors"]
    assert adam.post("escalations", {"overdue_hours": 0}).status_code == 422
    assert adam.post("escalations", {"overdue_hours": 4, "task_type_id": 999_999}).status_code == 422
    with django_assert_max_num_queries(4):
        assert [e["overdue_hours"] for e in adam.get("escalations").json()] == [48]
    assert api(world.carol).get("escalations").status_code == 403
    theirs = EscalationRule.objects.create(organization=world.other_org, overdue_hours=1)
    assert adam.delete(f"escalations/{theirs.pk}").status_code == 404
    assert adam.delete(f"escalations/{r.json()['id']}").status_code == 204
