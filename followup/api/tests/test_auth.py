"""Who may call the API: tokens, sessions with CSRF, and the task module switch (D12)."""

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from followup.accounts.models import ApiToken
from followup.api.tests.conftest import PREFIX, Api


def test_token_auth_works(world, api):
    r = api(world.alice).get("me")
    assert r.status_code == 200
    assert r.json()["username"] == "alice"


def test_no_credentials_is_401_json(world, client):
    r = client.get(PREFIX + "tasks")
    assert r.status_code == 401
    assert "detail" in r.json()


def test_wrong_token_is_401(world, client):
    r = Api(client, "fu_not-a-real-token").get("me")
    assert r.status_code == 401


def test_token_without_prefix_is_401(world, client):
    r = Api(client, "something-else").get("me")
    assert r.status_code == 401


def test_revoked_token_is_401(world, api):
    alice = api(world.alice)
    assert alice.get("me").status_code == 200
    ApiToken.objects.filter(user=world.alice).delete()
    assert alice.get("me").status_code == 401


def test_token_of_deactivated_user_is_401(world, api):
    alice = api(world.alice)
    world.alice.is_active = False
    world.alice.save()
    assert alice.get("me").status_code == 401


def test_token_is_stored_hashed(world, api):
    api(world.alice)
    token = ApiToken.objects.get(user=world.alice)
    raw = api(world.alice).headers["Authorization"].removeprefix("Bearer ")
    assert raw not in token.token_hash and len(token.token_hash) == 64


def test_wrong_token_is_401_even_with_a_session(world, client):
    client.force_login(world.alice)
    r = Api(client, "fu_wrong").get("me")
    assert r.status_code == 401


def test_session_auth_reads(world, client):
    client.force_login(world.alice)
    r = client.get(PREFIX + "me")
    assert r.status_code == 200
    assert r.json()["username"] == "alice"


def test_session_post_without_csrf_token_is_refused(world):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.alice)
    r = browser.post(PREFIX + f"tasks/{world.task().id}/notes", {"body": "hi"}, content_type="application/json")
    assert r.status_code == 403
    assert "CSRF" in r.json()["detail"]


def test_session_patch_without_csrf_token_is_refused(world):
    task = world.task()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.alice)
    r = browser.patch(PREFIX + f"tasks/{task.id}", {"title": "Hacked", "version": 1}, content_type="application/json")
    assert r.status_code == 403
    task.refresh_from_db()
    assert task.title == "Call back"


def test_session_post_with_csrf_token_works(world):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.alice)
    secret = _get_new_csrf_string()  # what the csrftoken cookie of any page holds
    browser.cookies["csrftoken"] = secret
    r = browser.post(
        PREFIX + f"tasks/{world.task().id}/notes", {"body": "hi"}, content_type="application/json",
        headers={"X-CSRFToken": secret},
    )
    assert r.status_code == 201


def test_unauthenticated_post_is_401_not_csrf_error(world):
    browser = Client(enforce_csrf_checks=True)
    r = browser.post(PREFIX + "tasks", {}, content_type="application/json")
    assert r.status_code == 401


@pytest.mark.parametrize("path", ["tasks", "counts", "task-types", "task-statuses"])
def test_task_module_off_hides_task_endpoints(world, api, path):
    world.org.tasks_enabled = False
    world.org.save()
    assert api(world.alice).get(path).status_code == 404


def test_task_module_off_hides_a_task(world, api):
    task = world.task()
    world.org.tasks_enabled = False
    world.org.save()
    assert api(world.alice).get(f"tasks/{task.id}").status_code == 404


def test_task_module_off_refuses_new_tasks(world, api):
    customer = world.customer()
    world.org.tasks_enabled = False
    world.org.save()
    r = api(world.alice).post("tasks", {
        "title": "x", "customer_id": customer.id, "assignee_ids": [], "priority": "low", "due_date": "2026-05-01",
    })
    assert r.status_code == 404


def test_task_module_off_keeps_me_and_customers(world, api):
    world.org.tasks_enabled = False
    world.org.save()
    alice = api(world.alice)
    assert alice.get("me").json()["organization"]["tasks_enabled"] is False
    assert alice.get("customers").status_code == 200


def test_openapi_is_served(world, client):
    r = client.get(PREFIX + "openapi.json")
    assert r.status_code == 200
    schema = r.json()
    assert schema["info"]["title"] == "Followup API"
    assert "/api/v1/tasks/{task_id}" in schema["paths"]


def test_docs_page_is_served(world, client):
    r = client.get(PREFIX + "docs")
    assert r.status_code == 200
