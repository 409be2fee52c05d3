"""D8: administrators build, preview, run and pause auto-flow rules in the browser."""

import pytest

from followup.accounts.teams import team_create
from followup.automation.models import AssignTo, RuleRun, StageRule
from followup.customers.models import Stage
from followup.tasks.models import Task

FORM = {"name": "Prospect → call", "stage": "prospect", "title": "Call {customer}", "priority": "2",
        "due_in_days": "2", "due_in_hours": "0", "assign_to": "customer_owner", "is_active": "on"}


def test_an_administrator_creates_a_rule(world, login):
    r = login(world.adam).post("/automation/rules/new/", FORM)

    rule = StageRule.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/automation/rules/{rule.pk}/"
    assert rule.author == world.adam and rule.stage == Stage.PROSPECT


def test_bad_fields_are_named_and_kept(world, login):
    r = login(world.adam).post("/automation/rules/new/", {**FORM, "name": "", "title": "Call {client}",
                                                          "due_in_days": "many"})

    html = r.content.decode()
    assert r.status_code == 422 and not StageRule.objects.exists()
    assert "Name the rule." in html and "Unknown placeholder {client}" in html and "Call {client}" in html


def test_a_rule_over_a_team_is_made_in_the_form_and_told_in_words(world, login):
    """B2: the form offers the organization's teams (not another's); the rule's page says the team."""
    inbound = team_create(actor=world.adam, name="Inbound", member_ids=[world.alice.pk])
    team_create(actor=world.user("max", organization=world.other_org, role="admin"), name="Theirs")
    client = login(world.adam)
    form = client.get("/automation/rules/new/").content.decode()
    assert 'name="assign_team_id"' in form and ">Inbound</option>" in form and "Theirs" not in form

    r = client.post("/automation/rules/new/", {**FORM, "assign_to": "team_round_robin", "assign_team_id": inbound.pk})

    rule = StageRule.objects.get()
    assert r.status_code == 302 and (rule.assign_to, rule.assign_team) == (AssignTo.TEAM_ROUND_ROBIN, inbound)
    assert "Round-robin over a team: Inbound" in client.get(r["Location"]).content.decode()


def test_a_team_kind_without_a_team_is_named_at_the_team_field(world, login):
    r = login(world.adam).post("/automation/rules/new/", {**FORM, "assign_to": "team_least_loaded"})

    html = r.content.decode()
    assert r.status_code == 422 and not StageRule.objects.exists()
    assert '<p class="field-error" id="err-assign_team_id">Choose the team whose members take turns.</p>' in html


@pytest.mark.parametrize("who", ["alice", "carol", "oscar"])
def test_members_and_managers_get_403(world, login, who):
    assert login(getattr(world, who)).get("/automation/rules/").status_code == 403


def test_preview_names_the_count_and_runs_on_request(world, login, rule):
    r = rule()
    for i in range(2):
        world.customer(f"In stage {i}", stage=Stage.PROSPECT, owner=world.alice)
    client = login(world.adam)

    assert "Create 2 tasks now" in client.get(f"/automation/rules/{r.pk}/").content.decode()
    client.post(f"/automation/rules/{r.pk}/run/")

    assert Task.objects.filter(origin_id=r.pk).count() == 2
    assert RuleRun.objects.get(rule=r).made == 2


def test_pause_and_resume(world, login, rule):
    r = rule()
    client = login(world.adam)

    client.post(f"/automation/rules/{r.pk}/toggle/")
    r.refresh_from_db()
    assert r.is_active is False
    client.post(f"/automation/rules/{r.pk}/toggle/")
    r.refresh_from_db()
    assert r.is_active is True


def test_another_organizations_rule_is_404(world, login):
    theirs = StageRule.objects.create(organization=world.other_org, author=world.mallory, stage=Stage.PROSPECT,
                                      name="Theirs", title="x")
    assert login(world.adam).get(f"/automation/rules/{theirs.pk}/").status_code == 404


def test_rule_list_runs_constant_queries(world, login, rule, django_assert_max_num_queries):
    inbound = team_create(actor=world.adam, name="Inbound")
    for i in range(10):  # half over the department, half over a team
        rule(name=f"Rule {i}", **({"assign_department": world.sales} if i % 2 else
                                  {"assign_to": AssignTo.TEAM_ROUND_ROBIN, "assign_team": inbound}))
    client = login(world.adam)
    client.get("/automation/rules/")
    # session, user + organization, header count, notifications dot, the page of rules, its
    # count for the pager
    with django_assert_max_num_queries(8):
        html = client.get("/automation/rules/").content.decode()
    assert html.count('class="rule-item') == 10 and html.count("Round-robin over a team: Inbound") == 5


def test_rules_and_forms_are_pages_of_the_settings_navigation(world, login):
    """L5, L8: administrators find rules and forms among the other settings."""
    html = login(world.adam).get("/settings/people/").content.decode()
    assert 'href="/automation/rules/"' in html and 'href="/automation/forms/"' in html

    html = login(world.adam).get("/automation/rules/").content.decode()
    assert 'href="/automation/rules/" class="active" aria-current="page"' in html


def test_a_rule_on_a_deal_stage_is_picked_from_the_processes_stages(world, login):
    """D8: the stage picker lists the sales processes' stages beside the lifecycle stages."""
    from followup.deals.models import SalesStage

    proposal = SalesStage.objects.get(process__organization=world.org, name="Proposal")
    adam = login(world.adam)
    assert f'value="deal:{proposal.pk}"' in adam.get("/automation/rules/new/").content.decode()

    r = adam.post("/automation/rules/new/", {**FORM, "stage": f"deal:{proposal.pk}"})

    rule = StageRule.objects.get()
    assert r.status_code == 302 and rule.deal_stage == proposal and rule.stage == ""
    html = adam.get(f"/automation/rules/{rule.pk}/edit/").content.decode()
    assert f'value="deal:{proposal.pk}" selected' in html
    assert "When a deal enters <strong>Proposal</strong>" in adam.get(f"/automation/rules/{rule.pk}/").content.decode()
