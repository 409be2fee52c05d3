"""L3 under real concurrency (PostgreSQL): the same apply sent many times at once with one
Idempotency-Key makes one set of tasks; each answer is that set."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from followup.accounts.services import api_token_create
from followup.api.tests.test_idempotency_race import post
from followup.deals.services import deal_create
from followup.tasks.models import Source, Task
from followup.tasktemplates.services import template_create

pytestmark = pytest.mark.postgres


def test_ten_simultaneous_applies_with_one_key_make_one_set(world, live_server):
    template = template_create(actor=world.adam, name="Onboarding", items=[
        {"title": "Welcome call", "delay_days": 1}, {"title": "Send the guide", "delay_days": 3},
        {"title": "Kick-off meeting", "delay_days": 7}])
    deal = deal_create(actor=world.alice, customer_id=world.customer(owner=world.alice).pk, title="Fleet")
    token = api_token_create(user=world.alice, name="race")[1]
    url = f"{live_server.url}/api/v1/task-templates/{template.pk}/apply"

    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(lambda _i: post(url, token, "deal-fleet-onboarding", {"deal_id": deal.pk}),
                                range(10)))

    assert {status for status, _body in answers} == {201}
    assert len({tuple(t["id"] for t in body["tasks"]) for _status, body in answers}) == 1
    assert Task.objects.filter(deal=deal, source=Source.TEMPLATE).count() == 3
