"""API of auto-flow rules (D8) and the bulk stage move."""

import pytest

from followup.automation.models import StageRule
from followup.automation.queue import events_process
from followup.customers.models import Stage
from followup.tasks.models import Source, Task

RULE = {"name": "Prospect → call", "stage": "prospect", "title": "Call {customer}", "due_in_days": 2,
        "priority": "high", "assign_to": "customer_owner"}


def test_administrator_creates_a_rule_that_then_acts(world, api):
    adam = api(world.adam)

    r = adam.post("automation-rules", RULE)
    assert r.status_code == 201, r.content
    assert r.json()["priority"] == "high" and r.json()["author"]["username"] == "adam"
    customer = world.customer("Elena Marsh", owner=world.alice)
    r = api(world.alice).post("customers/bulk", {"action": "move_stage", "customer_ids": [customer.pk],
                                                 "stage": "prospect"})
    assert r.json() == {"action": "move_stage", "moved": 1}
    events_process()

    task = Task.objects.get(customer=customer)
    assert task.title == "Call Elena Marsh" and task.source == Source.AUTOMATION and task.priority == 3


@pytest.mark.parametrize("who", ["alice", "carol", "oscar"])
def test_only_administrators_manage_rules(world, api, who):
    assert api(getattr(world, who)).post("automation-rules", RULE).status_code == 403
    assert api(getattr(world, who)).get("automation-rules").status_code == 403


def test_every_bad_field_is_named_at_once(world, api):
    r = api(world.adam).post("automation-rules", {
        **RULE, "name": "", "title": "Call {client}", "assign_to": "round_robin", "task_type_id": 999_999})

    assert r.status_code == 422
    assert set(r.json()["errors"]) >= {"name", "title", "assign_department_id", "task_type_id"}


def test_a_rule_of_another_organization_is_404(world, api):
    theirs = StageRule.objects.create(organization=world.other_org, author=world.mallory, stage=Stage.PROSPECT,
                                      name="Theirs", title="x")

    assert api(world.adam).get(f"automation-rules/{theirs.pk}").status_code == 404
    assert api(world.adam).patch(f"automation-rules/{theirs.pk}", {"is_active": False}).status_code == 404


def test_preview_then_run_for_the_customers_already_in_the_stage(world, api):
    adam = api(world.adam)
    for i in range(3):
        world.customer(f"Already {i}", stage=Stage.PROSPECT)
    rule_id = adam.post("automation-rules", RULE).json()["id"]

    assert adam.get(f"automation-rules/{rule_id}/preview").json() == {"would_create": 3}
    run = adam.post(f"automation-rules/{rule_id}/run")
    assert run.status_code == 201 and run.json()["made"] == 3
    assert [r["made"] for r in adam.get(f"automation-rules/{rule_id}/runs").json()] == [3]


def test_pause_with_patch(world, api):
    adam = api(world.adam)
    rule_id = adam.post("automation-rules", RULE).json()["id"]

    r = adam.patch(f"automation-rules/{rule_id}", {"is_active": False})

    assert r.status_code == 200 and r.json()["is_active"] is False
    api(world.alice).post("customers/bulk", {"action": "move_stage", "customer_ids": [world.customer().pk],
                                             "stage": "prospect"})
    events_process()
    assert not Task.objects.filter(source=Source.AUTOMATION).exists()


def test_bulk_move_refuses_an_unknown_stage(world, api):
    r = api(world.alice).post("customers/bulk", {"action": "move_stage", "customer_ids": [1], "stage": "gold"})
    assert r.status_code == 422 and "stage" in str(r.json())


def test_rule_list_runs_constant_queries(world, api, django_assert_max_num_queries):
    adam = api(world.adam)
    for i in range(5):
        adam.post("automation-rules", {**RULE, "name": f"Rule {i}"})
    assert adam.get("me").status_code == 200
    # token (+ its last use), the page of rules with their run counts
    with django_assert_max_num_queries(4):
        assert len(adam.get("automation-rules").json()["items"]) == 5


def test_a_deal_stage_rule_by_the_stages_id(world, api):
    """D8: ``deal_stage_id`` instead of ``stage``; another organization's stage is a 422 on that field."""
    from followup.deals.models import SalesStage

    proposal = SalesStage.objects.get(process__organization=world.org, name="Proposal")
    theirs = SalesStage.objects.filter(process__organization=world.other_org).first()
    adam = api(world.adam)
    body = {**RULE, "stage": "", "deal_stage_id": proposal.pk}

    r = adam.post("automation-rules", body)
    assert r.status_code == 201 and r.json()["deal_stage_id"] == proposal.pk and r.json()["stage"] == ""
    r = adam.post("automation-rules", {**body, "deal_stage_id": theirs.pk})
    assert r.status_code == 422 and "deal_stage_id" in r.content.decode()


def test_a_retried_create_makes_one_rule(world, api):
    adam = api(world.adam)
    first = adam.post("automation-rules", RULE, headers={"Idempotency-Key": "rule-1"})
    again = adam.post("automation-rules", RULE, headers={"Idempotency-Key": "rule-1"})

    assert first.status_code == again.status_code == 201 and first.json() == again.json()
    assert StageRule.objects.count() == 1


def test_rules_and_the_bulk_move_are_in_the_openapi_document(world, api):
    """D8, issue 14 item 12: documented, with the forms' ``fields`` under its JSON name."""
    doc = api(world.adam).get("openapi.json").json()
    paths = doc["paths"]
    for path in ("/api/v1/automation-rules", "/api/v1/automation-rules/{rule_id}",
                 "/api/v1/automation-rules/{rule_id}/preview", "/api/v1/automation-rules/{rule_id}/run",
                 "/api/v1/automation-rules/{rule_id}/runs", "/api/v1/customers/bulk"):
        assert path in paths, path
    schemas = doc["components"]["schemas"]
    assert "deal_stage_id" in schemas["RuleIn"]["properties"]
    assert "fields" in schemas["FormIn"]["properties"] and "form_fields" not in schemas["FormIn"]["properties"]
    assert "fields" in schemas["FormOut"]["properties"]


def test_bulk_move_of_every_customer_a_search_finds(world, api):
    for name in ("Vans Ltd", "Vans GmbH", "Trucks SA"):
        world.customer(name)
    world.customer("Vans Globex", organization=world.other_org)
    alice = api(world.alice)

    r = alice.post("customers/bulk", {"action": "move_stage", "matching": "vans", "stage": "prospect"})

    assert r.status_code == 200 and r.json()["moved"] == 2
    both = alice.post("customers/bulk", {"action": "move_stage", "matching": "", "customer_ids": [1],
                                         "stage": "prospect"})
    assert both.status_code == 422 and "customer_ids" in both.json()["errors"]
    neither = alice.post("customers/bulk", {"action": "move_stage", "stage": "prospect"})
    assert neither.status_code == 422 and "customer_ids" in neither.json()["errors"]


def test_pause_and_resume_endpoints(world, api):
    adam = api(world.adam)
    rule_id = adam.post("automation-rules", RULE).json()["id"]

    assert adam.post(f"automation-rules/{rule_id}/pause").json()["is_active"] is False
    assert adam.post(f"automation-rules/{rule_id}/resume").json()["is_active"] is True
    assert api(world.alice).post(f"automation-rules/{rule_id}/pause").status_code == 403
