"""API of task templates (L3) and post-sale templates (L4)."""

import datetime as dt

import pytest

from followup.deals.models import SalesProcess
from followup.deals.services import deal_create
from followup.tasks.models import Source, Task
from followup.tasktemplates.models import PostSale, TaskTemplate

TEMPLATE = {"name": "Onboarding", "skip_weekends": False, "items": [
    {"title": "Welcome call", "delay_days": 1, "priority": "high"},
    {"title": "Send the guide", "delay_days": 3},
    {"title": "Kick-off meeting", "delay_days": 7, "assign_to": "unassigned"},
]}


def test_administrator_creates_reads_changes_and_deletes_a_template(world, api):
    adam = api(world.adam)

    r = adam.post("task-templates", TEMPLATE)
    assert r.status_code == 201, r.content
    body = r.json()
    assert [(i["title"], i["delay_days"], i["priority"], i["assign_to"]) for i in body["items"]] == [
        ("Welcome call", 1, "high", "customer_owner"), ("Send the guide", 3, "medium", "customer_owner"),
        ("Kick-off meeting", 7, "medium", "unassigned")]
    template_id = body["id"]
    assert adam.get(f"task-templates/{template_id}").json()["name"] == "Onboarding"
    r = adam.patch(f"task-templates/{template_id}", {"skip_weekends": True})
    assert r.status_code == 200 and r.json()["skip_weekends"] and len(r.json()["items"]) == 3
    assert adam.delete(f"task-templates/{template_id}").status_code == 204
    assert adam.get(f"task-templates/{template_id}").status_code == 404


@pytest.mark.parametrize("who", ["alice", "carol", "oscar"])
def test_only_administrators_manage_templates_everyone_reads_them(world, api, who):
    template_id = api(world.adam).post("task-templates", TEMPLATE).json()["id"]
    them = api(getattr(world, who))
    assert them.post("task-templates", TEMPLATE).status_code == 403
    assert them.patch(f"task-templates/{template_id}", {"name": "Mine"}).status_code == 403
    assert them.delete(f"task-templates/{template_id}").status_code == 403
    assert them.get("task-templates").status_code == 200
    assert them.get(f"task-templates/{template_id}").json()["name"] == "Onboarding"


def test_every_bad_field_is_named_at_once(world, api):
    r = api(world.adam).post("task-templates", {"name": "", "items": [
        {"title": "Fine"}, {"title": "Round-robin", "assign_to": "round_robin", "task_type_id": 999_999}]})

    assert r.status_code == 422
    assert set(r.json()["errors"]) >= {"name", "items.1.assign_department_id", "items.1.task_type_id"}
    r = api(world.adam).post("task-templates", {"name": "No lines", "items": []})
    assert r.status_code == 422 and "items" in r.json()["errors"]


def test_another_organizations_template_or_target_is_404(world, api):
    theirs = TaskTemplate.objects.create(organization=world.other_org, name="Theirs")
    ours = api(world.adam).post("task-templates", TEMPLATE).json()["id"]
    their_customer = world.customer("Initech", organization=world.other_org)

    assert api(world.adam).get(f"task-templates/{theirs.pk}").status_code == 404
    assert api(world.adam).patch(f"task-templates/{theirs.pk}", {"name": "Mine"}).status_code == 404
    assert api(world.adam).delete(f"task-templates/{theirs.pk}").status_code == 404
    assert api(world.alice).post(f"task-templates/{theirs.pk}/apply",
                                 {"customer_id": world.customer().pk}).status_code == 404
    assert api(world.alice).post(f"task-templates/{ours}/apply", {"customer_id": their_customer.pk}).status_code == 404
    assert api(world.mallory).post(f"task-templates/{ours}/apply",
                                   {"customer_id": their_customer.pk}).status_code == 404


def test_a_member_applies_a_template_to_a_deal_and_a_retry_makes_no_second_set(world, api):
    template_id = api(world.adam).post("task-templates", TEMPLATE).json()["id"]
    customer = world.customer("Elena Marsh", owner=world.alice)
    deal = deal_create(actor=world.alice, customer_id=customer.pk, title="Fleet renewal")
    alice = api(world.alice)

    first = alice.post(f"task-templates/{template_id}/apply", {"deal_id": deal.pk},
                       headers={"Idempotency-Key": "apply-1"})
    again = alice.post(f"task-templates/{template_id}/apply", {"deal_id": deal.pk},
                       headers={"Idempotency-Key": "apply-1"})

    assert first.status_code == 201, first.content
    assert again.status_code == 201 and again.json() == first.json()
    today = dt.date.today()
    assert [(t["title"], t["due_date"], t["deal_id"], t["source"]) for t in first.json()["tasks"]] == [
        ("Welcome call", str(today + dt.timedelta(days=1)), deal.pk, Source.TEMPLATE),
        ("Send the guide", str(today + dt.timedelta(days=3)), deal.pk, Source.TEMPLATE),
        ("Kick-off meeting", str(today + dt.timedelta(days=7)), deal.pk, Source.TEMPLATE)]
    assert Task.objects.filter(deal=deal).count() == 3


def test_apply_needs_exactly_one_target(world, api):
    template_id = api(world.adam).post("task-templates", TEMPLATE).json()["id"]
    r = api(world.alice).post(f"task-templates/{template_id}/apply", {})
    assert r.status_code == 422 and set(r.json()["errors"]) == {"target"}
    r = api(world.alice).post(f"task-templates/{template_id}/apply", {"customer_id": "x"})
    assert r.status_code == 422 and "customer_id" in r.json()["errors"]


def test_template_list_runs_constant_queries(world, api, django_assert_num_queries):
    adam = api(world.adam)
    for i in range(5):
        adam.post("task-templates", {**TEMPLATE, "name": f"Template {i}"})
    adam.get("task-templates")  # warm the token cache

    with django_assert_num_queries(3):  # the token, the page of templates, their lines
        r = adam.get("task-templates")
    assert r.status_code == 200 and len(r.json()["items"]) == 6  # with the default "Post-sale care"


def test_apply_queries_grow_with_the_lines_only(world, api, django_assert_max_num_queries):
    """Each line is one ``task_create`` (about a dozen queries: validation, the task, its
    assignments, history, notifications, the sync change log); the rest is the token, the
    template and the answer."""
    template_id = api(world.adam).post("task-templates", TEMPLATE).json()["id"]
    customer = world.customer()
    alice = api(world.alice)
    alice.get("me")

    with django_assert_max_num_queries(6 + 13 * len(TEMPLATE["items"])):
        assert alice.post(f"task-templates/{template_id}/apply", {"customer_id": customer.pk}).status_code == 201


def test_post_sale_templates_of_a_sales_process(world, api):
    process = SalesProcess.objects.filter(organization=world.org).first()
    template_id = api(world.adam).post("task-templates", TEMPLATE).json()["id"]
    adam = api(world.adam)

    assert adam.get(f"sales-processes/{process.pk}/post-sale").json()["won_template_id"] == \
        PostSale.objects.get(process=process).won_template_id
    r = adam.patch(f"sales-processes/{process.pk}/post-sale", {"lost_template_id": template_id})
    assert r.status_code == 200 and r.json()["lost_template_id"] == template_id
    r = adam.patch(f"sales-processes/{process.pk}/post-sale", {"won_template_id": 999_999})
    assert r.status_code == 422 and set(r.json()["errors"]) == {"won_template_id"}
    other = SalesProcess.objects.filter(organization=world.other_org).first()
    assert adam.get(f"sales-processes/{other.pk}/post-sale").status_code == 404
    assert api(world.alice).get(f"sales-processes/{process.pk}/post-sale").status_code == 403
