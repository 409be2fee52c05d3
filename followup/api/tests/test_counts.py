"""``GET /api/v1/counts`` (D1), served by a plain Django view in front of its Ninja operation
(issue 16 §5): the same answers, authentication and OpenAPI entry, in fewer steps."""

import pytest
from django.test import Client
from django.urls import resolve

from followup.api import counts
from followup.api.tests.conftest import PREFIX


def test_the_plain_view_serves_the_url():
    assert resolve(PREFIX + "counts").func is counts.counts


def test_bearer_token_counts_my_pending(world, api):
    world.task(assignees=[world.alice])
    world.task(assignees=[world.alice, world.bob])
    r = api(world.alice).get("counts")
    assert r.status_code == 200
    assert r.json() == {"my_pending": 2}
    assert r["Content-Type"].startswith("application/json")


def test_session_counts_my_pending(world):
    world.task(assignees=[world.bob])
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.bob)
    assert browser.get(PREFIX + "counts").json() == {"my_pending": 1}


def test_without_credentials_is_the_apis_401(world):
    r = Client().get(PREFIX + "counts")
    assert r.status_code == 401
    assert r["WWW-Authenticate"] == 'Bearer realm="followup"'
    assert "Bearer" in r.json()["detail"]


def test_a_wrong_token_is_401_even_with_a_session(world):
    browser = Client()
    browser.force_login(world.alice)
    assert browser.get(PREFIX + "counts", headers={"Authorization": "Bearer fu_wrong"}).status_code == 401


def test_task_module_off_is_404_with_the_reason(world, api):
    world.org.tasks_enabled = False
    world.org.save()
    r = api(world.alice).get("counts")
    assert r.status_code == 404
    assert r.json()["detail"]


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_only_get(world, api, method):
    browser = Client()
    browser.force_login(world.alice)
    r = getattr(browser, method)(PREFIX + "counts")
    assert r.status_code == 405
    assert r["Allow"] == "GET"


def test_openapi_keeps_the_entry(client, db):
    spec = client.get(PREFIX + "openapi.json").json()
    operation = spec["paths"]["/api/v1/counts"]["get"]
    assert operation["responses"]["200"]
    assert {"BearerToken", "Session"} <= {name for item in operation["security"] for name in item}


def test_queries_token_then_count(world, api, django_assert_num_queries):
    alice = api(world.alice)
    assert alice.get("me").status_code == 200
    with django_assert_num_queries(2):  # the token (user and organization joined), the count
        assert alice.get("counts").status_code == 200


def test_queries_session(world, django_assert_num_queries):
    browser = Client()
    browser.force_login(world.alice)
    browser.get(PREFIX + "counts")
    with django_assert_num_queries(3):  # the session, its user (organization joined), the count
        assert browser.get(PREFIX + "counts").status_code == 200
