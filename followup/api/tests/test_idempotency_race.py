"""Idempotency-Key under real concurrency: 200 requests, 100 keys each sent twice at once, to a
live server whose threads each hold their own PostgreSQL connection."""

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from followup.accounts.services import api_token_create
from followup.tasks.models import Task

pytestmark = pytest.mark.postgres


def post(url: str, token: str, key: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST", headers={
        "Authorization": f"Bearer {token}", "Idempotency-Key": key, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def test_200_concurrent_requests_with_100_keys_make_100_tasks(world, live_server):
    token = api_token_create(user=world.alice, name="race")[1]
    customer = world.customer()
    url = f"{live_server.url}/api/v1/tasks"
    jobs = [(f"key-{i}", {"title": f"Race {i}", "customer_id": customer.pk, "assignee_ids": [world.alice.pk],
                          "priority": "medium", "due_date": "2030-01-01"}) for i in range(100)] * 2

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda job: (job[0], post(url, token, *job)), jobs))

    assert {status for _key, (status, _body) in answers} == {201}
    ids_by_key: dict[str, set[int]] = {}
    for key, (_status, body) in answers:
        ids_by_key.setdefault(key, set()).add(body["id"])
    assert all(len(ids) == 1 for ids in ids_by_key.values())
    assert Task.objects.filter(title__startswith="Race ").count() == 100
