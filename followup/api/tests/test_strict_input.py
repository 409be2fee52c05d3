"""§1.15: schemas refuse what they should (numbers as dates and times, JSON values of the wrong
type, a form whose ``files`` are text), a malformed multipart body is a JSON 400, and every
answer an operation can give is in the OpenAPI document."""

import datetime as dt
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from followup.chat.models import Message
from followup.customers.models import Stage
from followup.deals.models import DealAction
from followup.reminders.models import Reminder
from followup.tasks.models import Priority, Task


def valid_task(world):
    return {"title": "Call ACME", "customer_id": world.customer().id, "assignee_ids": [world.alice.id],
            "priority": "high", "due_date": "2026-05-04"}


@pytest.mark.parametrize("when", [0, 1_700_000_000, "0", "1700000000", True, "tomorrow"])
def test_a_reminder_time_that_is_not_iso_text_is_refused_naming_it(world, api, when):
    task = world.task()
    r = api(world.alice).post(f"tasks/{task.id}/reminders", {"remind_at": when})
    assert r.status_code == 422, r.content
    assert r.json()["errors"] == {"remind_at": ["Enter a valid date and time (ISO 8601)."]}
    assert not Reminder.objects.exists()


def test_a_reminder_of_an_object_named_in_the_body_refuses_a_number_as_its_time(world, api):
    task = world.task()
    r = api(world.alice).post("reminders", {"target_type": "task", "target_id": task.id, "remind_at": 0})
    assert r.status_code == 422 and list(r.json()["errors"]) == ["remind_at"]


def test_moving_a_reminder_to_a_number_is_refused(world, api):
    task = world.task()
    reminder = api(world.alice).post(f"tasks/{task.id}/reminders", {"remind_at": "2030-01-01T09:00"}).json()
    r = api(world.alice).post(f"reminders/{reminder['id']}/reschedule", {"remind_at": 0})
    assert r.status_code == 422 and list(r.json()["errors"]) == ["remind_at"]
    assert Reminder.objects.get().remind_at.year == 2030


@pytest.mark.parametrize("param", ["due_from", "due_to"])
@pytest.mark.parametrize("value", ["0", "20260504", "1e9"])
def test_a_due_range_that_is_not_a_date_is_refused_naming_it(world, api, param, value):
    r = api(world.alice).get("tasks", **{param: value})
    assert r.status_code == 422
    assert r.json()["errors"] == {param: ["Enter a valid date (YYYY-MM-DD)."]}


def test_a_due_range_of_real_dates_still_filters(world, api):
    world.task(due_date=dt.date(2026, 5, 4))
    r = api(world.alice).get("tasks", due_from="2026-05-01", due_to="2026-05-31")
    assert r.status_code == 200 and len(r.json()["items"]) == 1


@pytest.mark.parametrize(("field", "value"), [
    ("due_date", 0), ("due_date", 20260504), ("due_time", 3600), ("customer_id", True), ("customer_id", "1"),
    ("assignee_ids", ["1"]), ("title", 5), ("type_id", 1.0), ("duration_minutes", "30"),
])
def test_a_json_value_of_the_wrong_type_is_refused_not_converted(world, api, field, value):
    r = api(world.alice).post("tasks", {**valid_task(world), "due_time": "10:00", field: value})
    assert r.status_code == 422, r.content
    assert list(r.json()["errors"]) == [field]
    assert not Task.objects.exists()


def test_a_boolean_of_the_wrong_type_is_refused(world, api):
    r = api(world.alice).post("notifications/read", {"ids": [1], "all": "yes"})
    assert r.status_code == 422 and list(r.json()["errors"]) == ["all"]


def _multipart(parts: list[tuple[str, str]], boundary="xyz") -> bytes:
    lines = []
    for name, value in parts:
        lines += [f"--{boundary}", f'Content-Disposition: form-data; name="{name}"', "", value]
    return ("\r\n".join([*lines, f"--{boundary}--", ""])).encode()


def test_a_message_whose_files_are_a_number_is_refused_naming_files(world, api, client):
    task = world.task()
    r = client.post(f"/api/v1/tasks/{task.id}/messages", _multipart([("body", "null"), ("files", "0")]),
                    content_type="multipart/form-data; boundary=xyz", headers=api(world.alice).headers)
    assert r.status_code == 422
    assert r.json()["errors"] == {"files": ["Send each file as a file part of multipart/form-data."]}
    assert not Message.objects.exists()


def test_a_message_with_a_bad_field_and_a_file_stores_no_file(world, api, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    task = world.task()
    note = SimpleUploadedFile("notes.txt", b"Call at 10.", content_type="text/plain")
    r = client.post(f"/api/v1/tasks/{task.id}/messages", {"body": "x" * 10_001, "files": [note]},
                    headers=api(world.alice).headers)
    assert r.status_code == 422 and list(r.json()["errors"]) == ["body"]
    assert not Message.objects.exists()
    assert not (tmp_path / "media").exists() or not any((tmp_path / "media").rglob("*.txt"))


def test_a_message_with_an_unknown_form_field_is_refused_naming_it(world, api, client):
    task = world.task()
    r = client.post(f"/api/v1/tasks/{task.id}/messages", {"body": "Hello", "colour": "red"},
                    headers=api(world.alice).headers)
    assert r.status_code == 422 and r.json()["errors"] == {"colour": ["Unknown field."]}
    assert not Message.objects.exists()


@pytest.mark.parametrize("content_type", ["multipart/form-data", "multipart/form-data; boundary="])
def test_a_malformed_multipart_body_is_a_json_400_without_a_traceback(world, api, client, caplog, content_type):
    task = world.task()
    with caplog.at_level(logging.INFO):
        r = client.post(f"/api/v1/tasks/{task.id}/messages", b"garbage", content_type=content_type,
                        headers=api(world.alice).headers)
    assert r.status_code == 400
    assert r["Content-Type"].startswith("application/json")
    assert list(r.json()["errors"]) == ["body"]
    assert not [record for record in caplog.records if record.exc_info]


# --- The OpenAPI document ---------------------------------------------------------------


@pytest.fixture
def operations(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    return [(method.upper(), path, op) for path, item in paths.items() for method, op in item.items()]


def test_every_operation_documents_401_403_404_and_422(operations):
    missing = [(m, p) for m, p, op in operations if not {"401", "403", "404", "422"} <= set(op["responses"])]
    assert missing == []


def test_every_operation_with_a_body_documents_400_and_413(operations):
    with_body = [(m, p, op) for m, p, op in operations if "requestBody" in op]
    assert len(with_body) > 20
    missing = [(m, p) for m, p, op in with_body if not {"400", "413"} <= set(op["responses"])]
    assert missing == []


def test_every_edit_that_takes_a_version_documents_409(client, db, operations):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]

    def takes_version(op):
        body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
        ref = body.get("$ref", "").rsplit("/", 1)[-1]
        return "version" in schemas.get(ref, {}).get("properties", {})

    task_delete = ("DELETE", "/api/v1/tasks/{task_id}")
    edits = [(m, p, op) for m, p, op in operations if takes_version(op) or (m, p) == task_delete]
    assert len(edits) >= 6
    assert [(m, p) for m, p, op in edits if "409" not in op["responses"]] == []


def test_the_names_in_the_schemas_are_the_models_choices(client, db):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert schemas["TaskCreateIn"]["properties"]["priority"]["enum"] == [p.name.lower() for p in Priority]
    assert schemas["CustomerOut"]["properties"]["stage"]["enum"] == list(Stage.values)
    assert schemas["DealChangeOut"]["properties"]["action"]["enum"] == list(DealAction.values)
