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
    from followup.api.common import In

    class Body(In):
        tags: list[str] = []
        labels: dict[str, str] = {}

    assert Body.model_validate({"tags": ["fine"], "labels": {"a": "b"}}).rejected == []
    for bad in ({"tags": ["ok", "b\x00d"]}, {"labels": {"k": "v\x00"}}, {"labels": {"k\x00": "v"}}):
        assert [e["type"] for e in Body.model_validate(bad).rejected] == ["nul_character"]


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


@pytest.mark.parametrize(("path", "body"), [("memos", {"title": "a\x00b"}), ("projects", {"name": "a\x00b"})])
def test_api_memo_and_project_bodies_refuse_a_nul_character_and_unknown_fields(world, api, path, body):  # noqa: F811
    client = api(world.alice)
    r = client.post(path, body)
    assert r.status_code == 422 and "NUL" in r.json()["errors"][next(iter(body))][0]
    assert client.post(path, {"titel": "typo"}).json()["errors"]["titel"] == ["Unknown field."]


def test_htmx_form_with_a_nul_character_gets_a_toast(world, login):
    task = world.task()
    r = login(world.alice).post(f"/tasks/{task.pk}/notes/", {"body": "a\x00b"}, headers={"HX-Request": "true"})
    assert r.status_code == 200 and r["HX-Reswap"] == "none" and "toast-error" in r.content.decode()
    assert not task.notes.exists()


def test_nul_page_is_shown_to_the_logged_in_user(world, login):
    r = login(world.alice).get("/tasks/", {"q": "\x00"})
    assert r.status_code == 400 and world.alice.initials in r.content.decode()


def test_too_big_form_to_the_api_is_the_apis_413(world, api, settings):  # noqa: F811
    from followup.deals.services import deal_create

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    deal = deal_create(actor=world.alice, customer_id=world.customer().pk, title="Renewal")
    client = api(world.alice)
    r = client.client.post(f"/api/v1/deals/{deal.pk}/messages", {"body": "x" * 5000},
                           headers=client._headers(None))
    assert r.status_code == 413 and r.json() == {"errors": {"body": ["The request body is too large."]}}
