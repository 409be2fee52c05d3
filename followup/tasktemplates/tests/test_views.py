"""Settings › Task templates (administrators only), the "Apply template" box of the customer,
deal and project pages, and the post-sale templates of a sales process."""

import pytest
from django.urls import reverse

from followup.deals.models import SalesProcess
from followup.deals.services import deal_create
from followup.projects.services import project_create
from followup.tasks.models import Source, Task
from followup.tasktemplates.models import PostSale, TaskTemplate


def line(n, **fields):
    base = {"title": "", "task_type_id": "", "priority": "2", "delay_days": "0", "description": "",
            "assign_to": "customer_owner", "assign_user_id": "", "assign_department_id": "",
            "assign_team_id": ""}
    return {f"item-{n}-{k}": v for k, v in {**base, **fields}.items()}


def test_an_administrator_makes_a_template_in_settings(world, login):
    client = login(world.adam)
    assert client.get(reverse("tasktemplates:new")).status_code == 200

    r = client.post(reverse("tasktemplates:new"), {"name": "Onboarding", "skip_weekends": "on",
                                                   **line(0, title="Welcome call", delay_days="1"),
                                                   **line(1, title="Check in", delay_days="30"), **line(2)})

    assert r.status_code == 302
    template = TaskTemplate.objects.get(organization=world.org, name="Onboarding")
    assert template.skip_weekends and [i.title for i in template.items.all()] == ["Welcome call", "Check in"]
    page = client.get(reverse("tasktemplates:list"))
    assert "Onboarding" in page.content.decode() and "Post-sale care" in page.content.decode()


def test_a_line_over_a_team(world, login):
    """B2: a template's line may go round-robin over a team; one without its team says so at that line."""
    from followup.accounts.teams import team_create

    inbound = team_create(actor=world.adam, name="Inbound", member_ids=[world.alice.pk])
    client = login(world.adam)
    assert 'name="item-0-assign_team_id"' in client.get(reverse("tasktemplates:new")).content.decode()

    r = client.post(reverse("tasktemplates:new"), {
        "name": "Leads", **line(0, title="Call", assign_to="team_least_loaded"),
        **line(1, title="Write", assign_to="team_round_robin", assign_team_id=str(inbound.pk))})
    assert r.status_code == 422 and 'id="err-item-0-assign_team_id"' in r.content.decode()
    assert 'id="err-item-1-assign_team_id"' not in r.content.decode()

    client.post(reverse("tasktemplates:new"), {"name": "Leads", **line(0, title="Write", assign_to="team_round_robin",
                                                                          assign_team_id=str(inbound.pk))})
    assert TaskTemplate.objects.get(name="Leads").items.get().assign_team == inbound


def test_bad_fields_are_shown_next_to_their_line(world, login):
    client = login(world.adam)
    r = client.post(reverse("tasktemplates:new"), {"name": "", **line(0, title="Call", delay_days="soon"),
                                                   **line(1, title="Round", assign_to="round_robin")})

    assert r.status_code == 422
    html = r.content.decode()
    assert 'id="err-name"' in html and 'id="err-item-0-delay_days"' in html
    assert 'id="err-item-1-assign_department_id"' in html and 'value="Round"' in html


def test_edit_and_delete(world, login, three_tasks):
    template = three_tasks()
    client = login(world.adam)
    assert "Kick-off meeting" in client.get(reverse("tasktemplates:edit", args=[template.pk])).content.decode()

    client.post(reverse("tasktemplates:edit", args=[template.pk]), {"name": "Renamed", **line(0, title="One")})
    template.refresh_from_db()
    assert template.name == "Renamed" and template.items.count() == 1
    client.post(reverse("tasktemplates:delete", args=[template.pk]))
    assert not TaskTemplate.objects.filter(pk=template.pk).exists()


@pytest.mark.parametrize("who", ["alice", "carol", "oscar"])
def test_others_cannot_reach_the_settings_pages(world, login, who, three_tasks):
    template = three_tasks()
    client = login(getattr(world, who))
    assert client.get(reverse("tasktemplates:list")).status_code == 403
    assert client.get(reverse("tasktemplates:edit", args=[template.pk])).status_code == 403


def test_another_organizations_template_is_404(world, login):
    theirs = TaskTemplate.objects.create(organization=world.other_org, name="Theirs")
    assert login(world.adam).get(reverse("tasktemplates:edit", args=[theirs.pk])).status_code == 404


def test_apply_from_a_deal_page(world, login, three_tasks, django_assert_num_queries):
    template = three_tasks()
    deal = deal_create(actor=world.alice, customer_id=world.customer(owner=world.alice).pk, title="Fleet")
    client = login(world.alice)
    page = client.get(reverse("deals:detail", args=[deal.pk])).content.decode()
    assert reverse("tasktemplates:choices") in page

    with django_assert_num_queries(3):  # session, user, templates
        box = client.get(reverse("tasktemplates:choices"), {"deal_id": deal.pk, "next": f"/deals/{deal.pk}/"})
    assert "Onboarding (3 tasks)" in box.content.decode()
    r = client.post(reverse("tasktemplates:apply"), {"template_id": template.pk, "deal_id": deal.pk,
                                                      "next": f"/deals/{deal.pk}/"})
    assert r.status_code == 302 and r["Location"] == f"/deals/{deal.pk}/"
    assert Task.objects.filter(deal=deal, source=Source.TEMPLATE).count() == 3
    task = Task.objects.filter(deal=deal).first()
    assert "Created from the template “Onboarding”" in client.get(
        reverse("tasks:detail", args=[task.pk])).content.decode()


def test_the_box_sent_twice_makes_one_set(world, login, three_tasks):
    template = three_tasks()
    customer = world.customer()
    client = login(world.alice)
    box = client.get(reverse("tasktemplates:choices"), {"customer_id": customer.pk}).content.decode()
    key = box.split('name="idempotency_key" value="')[1].split('"')[0]
    sent = {"template_id": template.pk, "customer_id": customer.pk, "idempotency_key": key}

    first = client.post(reverse("tasktemplates:apply"), sent)
    again = client.post(reverse("tasktemplates:apply"), sent)

    assert first.status_code == again.status_code == 302 and again["Idempotent-Replayed"] == "true"
    assert Task.objects.filter(customer=customer, source=Source.TEMPLATE).count() == 3


def test_apply_to_a_customer_and_a_project_and_a_bad_one(world, login, three_tasks):
    template = three_tasks()
    client = login(world.alice)
    customer = world.customer()
    box = reverse("tasktemplates:choices")
    assert box in client.get(reverse("customers:detail", args=[customer.pk])).content.decode()
    client.post(reverse("tasktemplates:apply"), {"template_id": template.pk, "customer_id": customer.pk})
    assert Task.objects.filter(customer=customer, source=Source.TEMPLATE).count() == 3
    project = project_create(actor=world.alice, name="Relaunch")
    assert box in client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    client.post(reverse("tasktemplates:apply"), {"template_id": template.pk, "project_id": project.pk})
    assert Task.objects.filter(project=project).count() == 3
    theirs = world.customer("Initech", organization=world.other_org)
    r = client.post(reverse("tasktemplates:apply"), {"template_id": template.pk, "customer_id": theirs.pk})
    assert r.status_code == 404


def test_post_sale_templates_in_the_sales_process_page(world, login, three_tasks):
    template = three_tasks()
    process = SalesProcess.objects.filter(organization=world.org).first()
    client = login(world.adam)
    assert reverse("tasktemplates:post_sale", args=[process.pk]) in client.get(
        reverse("setup:process", args=[process.pk])).content.decode()
    form = client.get(reverse("tasktemplates:post_sale", args=[process.pk])).content.decode()
    assert "Post-sale care" in form and "Onboarding" in form

    r = client.post(reverse("tasktemplates:post_sale", args=[process.pk]),
                    {"won_template_id": "", "lost_template_id": template.pk})
    assert r.status_code == 302
    post_sale = PostSale.objects.get(process=process)
    assert post_sale.won_template_id is None and post_sale.lost_template_id == template.pk
    assert login(world.alice).post(reverse("tasktemplates:post_sale", args=[process.pk]), {}).status_code == 403


def test_the_settings_list_makes_the_same_queries_for_one_template_or_many(world, login, three_tasks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(world.adam)
    three_tasks(name="First")
    client.get(reverse("tasktemplates:list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("tasktemplates:list"))
    for i in range(5):
        three_tasks(name=f"More {i}")
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("tasktemplates:list"))
    assert page.content.decode().count('class="setting-row"') == 7
    assert len(many) == len(few) <= 8


def test_a_lines_fixed_person_is_named_in_its_picker_and_nobody_else_is_listed(world, login):
    """B2, issue 16 §2: a line's person is a people picker holding the chosen name, so the page
    does not list every active person (who are found as one types)."""
    client = login(world.adam)
    client.post(reverse("tasktemplates:new"), {"name": "Handover", **line(0, title="Call", assign_to="fixed",
                                                                         assign_user_id=str(world.bob.pk))})
    template = TaskTemplate.objects.get(organization=world.org, name="Handover")
    html = client.get(reverse("tasktemplates:edit", args=[template.pk])).content.decode()
    assert f'name="item-0-assign_user_id" value="{world.bob.pk}"' in html
    assert 'id="id_item_0_user" type="text" value="Bob Baker"' in html
    assert "Carol Cole" not in html
