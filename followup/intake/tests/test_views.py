"""D9 in the browser's pages: administrators build forms at /automation/forms/."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from followup.intake.models import Form
from followup.intake.submit import form_submit

POSTED = {"name": "Contact us", "slug": "", "use_name": "on", "required_name": "on", "use_email": "on",
          "label_email": "Your e-mail", "required_email": "on", "make_task": "on", "task_title": "Reply to {customer}",
          "priority": "2", "due_in_days": "1", "assign_to": "customer_owner", "stage": "lead", "is_active": "on"}


@pytest.mark.parametrize("who", ["alice", "carol", "bob"])
def test_only_administrators_reach_the_forms(world, login, who):
    assert login(getattr(world, who)).get("/automation/forms/").status_code == 403


def test_an_administrator_builds_a_form(world, login):
    response = login(world.adam).post("/automation/forms/new/", POSTED)
    form = Form.objects.get()
    assert response.status_code == 302
    assert (form.slug, form.author, form.organization) == ("contact-us", world.adam, world.org)
    assert form.fields == [{"field": "name", "label": "Name", "required": True},
                           {"field": "email", "label": "Your e-mail", "required": True}]


def test_a_form_whose_task_goes_to_the_least_loaded_of_a_team(world, login):
    """B2, D9: Alice has a pending task, Carol none: the submission's task is Carol's."""
    from followup.accounts.teams import team_create
    from followup.tasks.models import Task

    inbound = team_create(actor=world.adam, name="Inbound", member_ids=[world.alice.pk, world.carol.pk])
    world.task(assignees=[world.alice])
    client = login(world.adam)
    assert ">Inbound</option>" in client.get("/automation/forms/new/").content.decode()
    client.post("/automation/forms/new/", {**POSTED, "assign_to": "team_least_loaded", "assign_team_id": inbound.pk})

    form_submit(form_id=Form.objects.get().pk, values={"name": "Zoe Zimmer", "email": "zoe@example.org"})

    assert list(Task.objects.get(title="Reply to Zoe Zimmer").assignees.all()) == [world.carol]


def test_a_form_without_e_mail_or_phone_is_refused_per_field(world, login):
    response = login(world.adam).post("/automation/forms/new/", {**POSTED, "use_email": "", "allowed_origins": "x"})
    assert response.status_code == 422
    assert set(response.context["errors"]) == {"fields", "allowed_origins"}


def test_a_taken_address_is_refused(world, login, make_form):
    make_form(slug="contact-us")
    response = login(world.adam).post("/automation/forms/new/", POSTED)
    assert list(response.context["errors"]) == ["slug"]


def test_an_administrator_edits_a_form(world, login, contact):
    login(world.adam).post(f"/automation/forms/{contact.pk}/edit/", {**POSTED, "name": "Write to us",
                                                                     "slug": "write"})
    contact.refresh_from_db()
    assert (contact.name, contact.slug) == ("Write to us", "write")


def test_another_organizations_form_is_a_404(world, login, contact):
    mallory_admin = world.user("max", organization=world.other_org, role="admin")
    assert login(mallory_admin).get(f"/automation/forms/{contact.pk}/").status_code == 404


def test_the_list_takes_the_same_queries_for_many_forms(world, login, make_form):
    client = login(world.adam)
    make_form(slug="one")
    with CaptureQueriesContext(connection) as one:
        client.get("/automation/forms/")
    for i in range(5):
        make_form(slug=f"more-{i}")
    with CaptureQueriesContext(connection) as six:
        client.get("/automation/forms/")
    assert len(six) == len(one)  # session, user, the page of forms with their counts


def test_the_submissions_page_lists_what_visitors_sent(world, login, contact):
    form_submit(form_id=contact.pk, values={"name": "Zoe Zimmer", "email": "zoe@example.org"})
    page = login(world.adam).get(f"/automation/forms/{contact.pk}/").content.decode()
    assert "Zoe Zimmer" in page and "/f/contact-us" in page and "&lt;iframe" in page


def test_deleting_a_form_keeps_its_customers(world, login, contact):
    form_submit(form_id=contact.pk, values={"name": "Zoe Zimmer", "email": "zoe@example.org"})
    login(world.adam).post(f"/automation/forms/{contact.pk}/delete/")
    assert not Form.objects.exists()
    assert world.org.customers.filter(email="zoe@example.org").exists()
