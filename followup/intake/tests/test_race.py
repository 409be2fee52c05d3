"""D9 under real concurrency (PostgreSQL, a live server whose threads each hold a connection):
200 submissions of one form, 100 keys each sent twice at once, make exactly 100 customers and
100 tasks; and two submissions with one e-mail at the same moment make one customer."""

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from followup.customers.models import Customer
from followup.tasks.models import Task

pytestmark = pytest.mark.postgres


def post(url: str, key: str, body: dict) -> int:
    headers = {"Content-Type": "application/json", **({"Idempotency-Key": key} if key else {})}
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_200_concurrent_submissions_with_100_keys_make_100_customers_and_tasks(contact, live_server, settings):
    settings.FOLLOWUP_FORM_SUBMISSIONS_PER_MINUTE = 1_000
    url = f"{live_server.url}/f/{contact.slug}"
    jobs = [(f"key-{i}", {"name": f"Visitor {i}", "email": f"v{i}@example.org"}) for i in range(100)] * 2
    with ThreadPoolExecutor(max_workers=20) as pool:
        codes = list(pool.map(lambda job: post(url, *job), jobs))
    assert set(codes) == {201}
    assert Customer.objects.filter(name__startswith="Visitor ").count() == 100
    assert Task.objects.filter(origin_id=contact.pk).count() == 100


def test_one_e_mail_sent_twice_at_once_without_keys_makes_one_customer(contact, live_server, settings):
    settings.FOLLOWUP_FORM_SUBMISSIONS_PER_MINUTE = 1_000
    url = f"{live_server.url}/f/{contact.slug}"
    with ThreadPoolExecutor(max_workers=10) as pool:
        codes = list(pool.map(lambda i: post(url, "", {"name": f"Zoe {i}", "email": "zoe@example.org"}), range(10)))
    assert set(codes) == {201}
    assert Customer.objects.filter(email="zoe@example.org").count() == 1
