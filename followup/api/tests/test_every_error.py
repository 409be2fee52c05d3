"""C3: one answer names every bad field, the schema's and the service's together; a field that
has a default takes it when left out, and ``null`` for it is refused naming it; nothing of a
refused request is saved."""

import datetime as dt

import pytest

from followup.customers.models import Customer
from followup.deals.models import Deal
from followup.memos.models import Memo
from followup.notifications.models import Notification
from followup.projects.models import Project
from followup.reminders.models import Reminder
from followup.tasks.models import Note, Task

NOWHERE = 987654


def valid_task(world):
    return {"title": "Call ACME", "customer_id": world.customer().id, "assignee_ids": [world.alice.id],
            "priority": "high", "due_date": "2026-05-04"}


def test_an_empty_new_task_names_every_required_field(world, api):
    r = api(world.alice).post("tasks", {})
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"title", "customer_id", "assignee_ids", "priority", "due_date"}


def test_a_new_task_of_blanks_and_nulls_names_every_field_in_one_answer(world, api):
    body = {"title": "", "customer_id": None, "assignee_ids": [], "priority": None, "due_date": None}
    r = api(world.alice).post("tasks", body)
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"title", "customer_id", "priority", "due_date"}


def test_schema_errors_and_service_errors_come_in_one_answer(world, api):
    body = {"title": "Call", "customer_id": NOWHERE, "assignee_ids": [NOWHERE], "priority": "critical",
            "due_date": "2026-02-30", "status_id": NOWHERE, "type_id": NOWHERE}
    r = api(world.alice).post("tasks", body)
    assert r.status_code == 422
    errors = r.json()["errors"]
    assert set(errors) == {"customer_id", "assignee_ids", "priority", "due_date", "status_id", "type_id"}
    assert errors["customer_id"] == ["Choose an existing customer."]
    assert errors["priority"] == ["Choose one of: 'low', 'medium', 'high' or 'urgent'."]
    assert not Task.objects.exists()


def test_a_refused_new_task_leaves_nothing_behind_not_even_a_notification(world, api):
    body = {**valid_task(world), "assignee_ids": [world.bob.id], "description": "x" * 20_001}
    r = api(world.alice).post("tasks", body)
    assert r.status_code == 422 and list(r.json()["errors"]) == ["description"]
    assert not Task.objects.exists()
    assert not Notification.objects.exists()


def test_null_status_is_refused_naming_it(world, api):
    r = api(world.alice).post("tasks", {**valid_task(world), "status_id": None})
    assert r.status_code == 422
    assert r.json()["errors"] == {"status_id": ["This field cannot be null."]}
    assert not Task.objects.exists()


def test_a_status_left_out_is_the_default_not_started(world, api):
    r = api(world.alice).post("tasks", valid_task(world))
    assert r.status_code == 201, r.content
    assert r.json()["status"]["name"] == "Not Started"


@pytest.mark.parametrize("field", ["title", "priority", "due_date", "customer_id", "assignee_ids", "description"])
def test_null_for_a_field_a_new_task_needs_is_refused_naming_it(world, api, field):
    r = api(world.alice).post("tasks", {**valid_task(world), field: None})
    assert r.status_code == 422
    assert field in r.json()["errors"]


def test_an_edit_names_the_schemas_and_the_services_bad_fields_together(world, api):
    task = world.task()
    r = api(world.alice).patch(f"tasks/{task.id}", {"version": 1, "title": None, "customer_id": NOWHERE,
                                                     "status_id": None})
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"title", "customer_id", "status_id"}
    task.refresh_from_db()
    assert task.title == "Call back" and task.version == 1


def test_a_partly_bad_edit_changes_nothing(world, api):
    task = world.task()
    r = api(world.alice).patch(f"tasks/{task.id}", {"version": 1, "title": "Changed", "priority": "asap"})
    assert r.status_code == 422 and list(r.json()["errors"]) == ["priority"]
    task.refresh_from_db()
    assert task.title == "Call back" and task.version == 1


def test_an_edit_of_another_organizations_task_is_404_even_with_bad_fields(world, api):
    task = world.task()
    r = api(world.mallory).patch(f"tasks/{task.id}", {"version": 1, "priority": "asap"})
    assert r.status_code == 404


def test_a_new_customer_names_every_bad_field_at_once(world, api):
    r = api(world.alice).post("customers", {"name": "", "kind": None, "owner_id": NOWHERE, "email": "nope"})
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"name", "kind", "owner_id", "email"}
    assert not Customer.objects.filter(organization=world.org).exists()


def test_a_new_customer_left_without_kind_and_stage_takes_the_defaults(world, api):
    r = api(world.alice).post("customers", {"name": "Elena"})
    assert r.status_code == 201
    assert (r.json()["kind"], r.json()["stage"], r.json()["owner"]["id"]) == ("person", "lead", world.alice.id)


def test_a_new_deal_names_every_bad_field_at_once(world, api):
    r = api(world.alice).post("deals", {"customer_id": NOWHERE, "title": "", "amount": -1, "stage": None})
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"customer_id", "title", "amount", "stage"}
    assert not Deal.objects.exists()


def test_a_new_memo_names_every_bad_field_at_once(world, api):
    r = api(world.alice).post("memos", {"title": "", "recipient_id": NOWHERE, "send": None, "deal_id": NOWHERE})
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"title", "recipient_id", "send", "deal_id"}
    assert not Memo.objects.exists()


def test_a_memo_edit_refuses_null_instead_of_ignoring_it(world, api):
    memo = Memo.objects.create(organization=world.org, author=world.alice, title="Plan", recipient=world.bob)
    r = api(world.alice).patch(f"memos/{memo.id}", {"version": memo.version, "title": None, "recipient_id": None})
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"title", "recipient_id"}


def test_a_new_project_names_every_bad_field_at_once(world, api):
    r = api(world.alice).post("projects", {"name": "", "member_ids": [NOWHERE], "status": None})
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"name", "member_ids", "status"}
    assert not Project.objects.exists()


def test_a_new_reminder_names_every_bad_field_at_once(world, api):
    task = world.task()
    r = api(world.alice).post(f"tasks/{task.id}/reminders", {"remind_at": 0, "note": None})
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"remind_at", "note"}
    assert not Reminder.objects.exists()


def test_a_note_of_null_is_refused_naming_body(world, api):
    task = world.task()
    r = api(world.alice).post(f"tasks/{task.id}/notes", {"body": None})
    assert r.status_code == 422 and r.json()["errors"] == {"body": ["This field cannot be null."]}
    assert not Note.objects.exists()


def test_a_subtask_names_the_schemas_and_the_services_bad_fields_together(world, api):
    task = world.task()
    r = api(world.alice).post(f"tasks/{task.id}/subtasks", {"title": "Part", "due_date": "1999-01-01",
                                                             "priority": None, "assignee_ids": [NOWHERE]})
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"due_date", "priority", "assignee_ids"}
    assert Task.objects.count() == 1


def test_due_dates_of_tasks_still_refuse_the_past_beyond_2000(world, api):
    r = api(world.alice).post("tasks", {**valid_task(world), "due_date": dt.date(1999, 12, 31).isoformat()})
    assert r.status_code == 422 and list(r.json()["errors"]) == ["due_date"]
