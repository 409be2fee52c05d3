"""A1 and A6 in Settings: administrators build triggers and thresholds; errors by field."""

import datetime as dt

import pytest
from django.utils import timezone

from followup.accounts.teams import team_create
from followup.automation.models import AssignTo
from followup.datetriggers.models import DateTrigger
from followup.escalations.models import EscalationRule
from followup.tasks.models import Task

FORM = {"name": "Birthday call", "field": "birthday", "days_before": "2", "title": "Call {customer}",
        "priority": "2", "assign_to": "customer_owner", "is_active": "on"}


def test_an_administrator_creates_a_trigger_and_sees_the_preview(world, login):
    today = timezone.now().date()
    world.customer("Soon", birthday=(today + dt.timedelta(days=1)).replace(year=1990), owner=world.alice)
    client = login(world.adam)
    r = client.post("/automation/date-triggers/new/", FORM)
    trigger = DateTrigger.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/automation/date-triggers/{trigger.pk}/"
    html = client.get(r["Location"]).content.decode()
    assert "Soon" in html and "Create 1 task now" in html
    client.post(f"/automation/date-triggers/{trigger.pk}/create-passed/")
    assert Task.objects.filter(origin_id=trigger.pk).count() == 1
    task = Task.objects.get(origin_id=trigger.pk)
    assert "Created by the date trigger “Birthday call”" in client.get(f"/tasks/{task.pk}/").content.decode()


def test_bad_fields_are_named_and_kept(world, login):
    r = login(world.adam).post("/automation/date-triggers/new/", {**FORM, "name": "", "title": "Hi {client}",
                                                                  "days_before": "soon"})
    html = r.content.decode()
    assert r.status_code == 422 and not DateTrigger.objects.exists()
    assert "Name the trigger." in html and "Unknown placeholder {client}" in html and "Hi {client}" in html


def test_edit_and_delete(world, login):
    client = login(world.adam)
    client.post("/automation/date-triggers/new/", FORM)
    trigger = DateTrigger.objects.get()
    assert client.get(f"/automation/date-triggers/{trigger.pk}/edit/").status_code == 200
    client.post(f"/automation/date-triggers/{trigger.pk}/edit/", {**FORM, "days_before": "30",
                                                                  "field": "contract_end_date"})
    trigger.refresh_from_db()
    assert (trigger.days_before, trigger.field, trigger.is_active) == (30, "contract_end_date", True)
    client.post(f"/automation/date-triggers/{trigger.pk}/delete/")
    assert not DateTrigger.objects.exists()


@pytest.mark.parametrize("who", ["alice", "carol", "oscar"])
@pytest.mark.parametrize("url", ["/automation/date-triggers/", "/automation/escalations/"])
def test_members_and_managers_get_403(world, login, who, url):
    assert login(getattr(world, who)).get(url).status_code == 403


def test_another_organizations_trigger_is_404(world, login):
    theirs = DateTrigger.objects.create(organization=world.other_org, author=world.mallory, name="x", title="x")
    assert login(world.adam).get(f"/automation/date-triggers/{theirs.pk}/").status_code == 404


def test_trigger_list_runs_constant_queries(world, login, django_assert_max_num_queries):
    inbound = team_create(actor=world.adam, name="Inbound")
    for i in range(10):  # half over the department, half over a team (B2)
        DateTrigger.objects.create(organization=world.org, author=world.adam, name=f"T{i}", title="x",
                                   **({"assign_department": world.sales} if i % 2 else
                                      {"assign_to": AssignTo.TEAM_LEAST_LOADED, "assign_team": inbound}))
    client = login(world.adam)
    client.get("/automation/date-triggers/")
    with django_assert_max_num_queries(8):
        html = client.get("/automation/date-triggers/").content.decode()
    assert html.count('class="rule-item') == 10 and html.count("The least loaded member of a team: Inbound") == 5


def test_escalation_thresholds_in_settings(world, login, django_assert_max_num_queries):
    client = login(world.adam)
    assert client.post("/automation/escalations/", {"amount": "2", "unit": "days"}).status_code == 302
    r = client.post("/automation/escalations/", {"amount": "2", "unit": "days"})
    assert r.status_code == 422 and "This threshold exists already." in r.content.decode()
    r = client.post("/automation/escalations/", {"amount": "lots", "unit": "hours"})
    assert r.status_code == 422 and "Enter a whole number" in r.content.decode()
    with django_assert_max_num_queries(8):
        html = client.get("/automation/escalations/").content.decode()
    assert "2 days" in html
    rule = EscalationRule.objects.get()
    assert rule.overdue_hours == 48
    client.post(f"/automation/escalations/{rule.pk}/toggle/")
    rule.refresh_from_db()
    assert rule.is_active is False and "Paused" in client.get("/automation/escalations/").content.decode()
    client.post(f"/automation/escalations/{rule.pk}/delete/")
    assert not EscalationRule.objects.exists()


def test_the_organizations_time_zone_is_set_in_general_settings(world, login):
    client = login(world.adam)
    assert 'value="Europe/Warsaw"' in client.get("/settings/").content.decode()
    r = client.post("/settings/time-zone/", {"time_zone": "Europe/Warsaw"})
    world.org.refresh_from_db()
    assert r.status_code == 302 and world.org.time_zone == "Europe/Warsaw"
    r = client.post("/settings/time-zone/", {"time_zone": "Mars/Olympus"}, HTTP_REFERER="/settings/")
    world.org.refresh_from_db()
    assert r.status_code == 302 and world.org.time_zone == "Europe/Warsaw"
    assert login(world.carol).post("/settings/time-zone/", {"time_zone": "UTC"}).status_code == 403
