"""B2 over the API: ``assign_team_id`` for the team kinds wherever an assignment rule is written
(auto-flow rules, date triggers, forms, task templates' lines), with the same per-field errors."""

import pytest

from followup.accounts.teams import team_create
from followup.automation.queue import events_process
from followup.tasks.models import Source, Task

RULE = {"name": "Prospect → call", "stage": "prospect", "title": "Call {customer}"}
TRIGGER = {"name": "Birthday call", "field": "birthday", "days_before": 3, "title": "Call {customer}"}
FORM = {"name": "Contact us", "fields": [{"field": "name", "required": True}, {"field": "email", "required": True}],
        "make_task": True, "task_title": "Reply to {customer}"}
TEMPLATE = {"name": "Onboarding", "items": [{"title": "Welcome call", "delay_days": 1}]}
# endpoint: (a body without its assignment, where the assignment's fields go and are named)
ENDPOINTS = {"automation-rules": (RULE, ""), "date-triggers": (TRIGGER, ""), "forms": (FORM, ""),
             "task-templates": (TEMPLATE, "items.0.")}


def with_assignment(endpoint: str, **assignment) -> dict:
    body, nested = ENDPOINTS[endpoint]
    if nested:
        return {**body, "items": [{**body["items"][0], **assignment}]}
    return {**body, **assignment}


def assignment_of(endpoint: str, body: dict) -> dict:
    fields = body["items"][0] if ENDPOINTS[endpoint][1] else body
    return {f: fields[f] for f in ("assign_to", "assign_department_id", "assign_team_id")}


@pytest.fixture
def inbound(world):
    return team_create(actor=world.adam, name="Inbound", member_ids=[world.alice.pk, world.carol.pk])


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("kind", ["team_round_robin", "team_least_loaded"])
def test_a_team_assignment_round_trips(world, api, inbound, endpoint, kind):
    adam = api(world.adam)

    r = adam.post(endpoint, with_assignment(endpoint, assign_to=kind, assign_team_id=inbound.pk))

    assert r.status_code == 201, r.json()
    expected = {"assign_to": kind, "assign_department_id": None, "assign_team_id": inbound.pk}
    assert assignment_of(endpoint, r.json()) == expected
    assert assignment_of(endpoint, adam.get(f"{endpoint}/{r.json()['id']}").json()) == expected


@pytest.mark.parametrize("endpoint", ["automation-rules", "date-triggers", "forms"])
def test_patching_to_a_department_forgets_the_team(world, api, inbound, endpoint):
    adam = api(world.adam)
    made = adam.post(endpoint, with_assignment(endpoint, assign_to="team_round_robin", assign_team_id=inbound.pk))

    r = adam.patch(f"{endpoint}/{made.json()['id']}", {"assign_to": "round_robin",
                                                       "assign_department_id": world.sales.pk})

    assert r.status_code == 200, r.json()
    assert assignment_of(endpoint, r.json()) == {"assign_to": "round_robin", "assign_department_id": world.sales.pk,
                                                 "assign_team_id": None}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_another_organizations_team_is_a_422_naming_the_field(world, api, endpoint):
    theirs = team_create(actor=world.user("max", organization=world.other_org, role="admin"), name="Theirs")

    r = api(world.adam).post(endpoint, with_assignment(endpoint, assign_to="team_round_robin",
                                                       assign_team_id=theirs.pk))

    assert r.status_code == 422
    assert r.json()["errors"] == {
        f"{ENDPOINTS[endpoint][1]}assign_team_id": ["Choose one of the organization's teams."]}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_team_kind_without_a_team_is_a_422_naming_the_field(world, api, endpoint):
    r = api(world.adam).post(endpoint, with_assignment(endpoint, assign_to="team_least_loaded",
                                                       assign_department_id=world.sales.pk))

    assert r.status_code == 422
    assert r.json()["errors"] == {
        f"{ENDPOINTS[endpoint][1]}assign_team_id": ["Choose the team whose members take turns."]}


def test_a_rule_over_a_team_gives_its_members_the_tasks_in_turn(world, api, inbound):
    """B2, D8: four customers enter the stage; Alice and Carol (the team) get two each, Bob
    (Sales, not in the team) none."""
    api(world.adam).post("automation-rules", {**RULE, "assign_to": "team_round_robin", "assign_team_id": inbound.pk})
    customers = [world.customer(f"Lead {i}").pk for i in range(4)]

    api(world.alice).post("customers/bulk", {"action": "move_stage", "customer_ids": customers, "stage": "prospect"})
    events_process()

    assignees = [t.assignees.get().username for t in Task.objects.filter(source=Source.AUTOMATION).order_by("id")]
    assert sorted(assignees) == ["alice", "alice", "carol", "carol"]


def test_the_rule_list_runs_constant_queries_with_teams(world, api, inbound, django_assert_max_num_queries):
    adam = api(world.adam)
    for i in range(5):
        adam.post("automation-rules", {**RULE, "name": f"Rule {i}", "assign_to": "team_round_robin",
                                       "assign_team_id": inbound.pk})
    assert adam.get("me").status_code == 200
    # token (+ its last use), the page of rules with their run counts (as without teams)
    with django_assert_max_num_queries(4):
        assert [r["assign_team_id"] for r in adam.get("automation-rules").json()["items"]] == [inbound.pk] * 5
