"""Input that would break the database answers with a message naming the field, never a 500:
text with a NUL character (PostgreSQL cannot store it) and page numbers past any real page."""

import pytest

from followup.api.tests.conftest import api  # noqa: F401
from followup.tasks.models import Task

LIST_PAGES = ["/tasks/", "/tasks/completed/", "/customers/", "/deals/", "/memos/", "/projects/", "/reminders/",
              "/notifications/"]


def test_form_value_with_a_nul_character_is_refused_naming_the_field(world, login):
    task = world.task()
    r = login(world.alice).post(f"/tasks/{task.pk}/notes/", {"body": "left a\x00voicemail"})
    assert r.status_code == 400 and "“body”" in r.content.decode()
    assert not task.notes.exists()


def test_query_value_with_a_nul_character_is_refused(world, login):
    r = login(world.alice).get("/tasks/", {"q": "call\x00"})
    assert r.status_code == 400 and "“q”" in r.content.decode()


def test_api_json_text_with_a_nul_character_is_a_422_naming_the_field(world, api):  # noqa: F811
    customer = world.customer()
    r = api(world.alice).post("tasks", {"title": "Call\x00back", "customer_id": customer.pk, "priority": "medium",
                                        "assignee_ids": [world.alice.pk], "due_date": "2026-12-01"})
    assert r.status_code == 422, r.content
    assert list(r.json()["errors"]) == ["title"] and "NUL" in r.json()["errors"]["title"][0]
    assert not Task.objects.exists()


def test_every_body_schema_refuses_a_nul_character_inside_lists_and_mappings_too():
    from pydantic import ValidationError

    from followup.api.schemas import In

    class Body(In):
        tags: list[str] = []
        labels: dict[str, str] = {}

    assert Body(tags=["fine"], labels={"a": "b"}).tags == ["fine"]
    for bad in ({"tags": ["ok", "b\x00d"]}, {"labels": {"k": "v\x00"}}, {"labels": {"k\x00": "v"}}):
        with pytest.raises(ValidationError, match="nul_character|NUL"):
            Body(**bad)


def test_api_query_with_a_nul_character_is_a_422(world, api):  # noqa: F811
    r = api(world.alice).get("tasks", q="a\x00b")
    assert r.status_code == 422 and "q" in r.json()["errors"]


@pytest.mark.parametrize("path", LIST_PAGES)
def test_a_page_number_past_any_page_shows_an_empty_page(world, login, path):
    r = login(world.carol).get(path, {"page": "99999999999999999999"})
    assert r.status_code == 200


def test_customer_history_page_number_past_any_page(world, login):
    customer = world.customer()
    r = login(world.carol).get(f"/customers/{customer.pk}/history/", {"page": "99999999999999999999"})
    assert r.status_code == 200


def test_api_page_number_past_the_limit_names_the_field(world, api):  # noqa: F811
    r = api(world.alice).get("tasks", page=10**20)
    assert r.status_code == 422 and "page" in r.json()["errors"]
