"""Issue 13 §1.1, issue 16 §2: no page lists every person of the organization. Each form shows
the people and customer already chosen, and its pickers find the rest as the user types; the
forms still post plain ids."""

import pytest
from django.urls import reverse

from followup.deals.services import deal_create
from followup.memos.services import memo_create
from followup.projects.services import project_create


@pytest.fixture
def crowd(world):
    for i in range(30):
        world.user(f"colleague{i:02}", first_name="Colleague", last_name=f"No{i:02}")


def pages(world):
    task = world.task("Call back", assignees=[world.alice, world.bob])
    customer = task.customer
    deal = deal_create(actor=world.alice, customer_id=customer.pk, title="Renewal")
    memo = memo_create(actor=world.alice, title="Budget", recipient_id=world.bob.pk, subscriber_ids=[world.carol.pk])
    project = project_create(actor=world.alice, name="Fair", member_ids=[world.bob.pk])
    return [
        reverse("tasks:new"), reverse("tasks:edit", args=[task.pk]), reverse("tasks:list"),
        reverse("tasks:view", args=["all_pending"]), reverse("tasks:detail", args=[task.pk]),
        reverse("customers:new"), reverse("customers:edit", args=[customer.pk]),
        reverse("deals:list"), reverse("deals:edit", args=[deal.pk]),
        reverse("memos:new"), reverse("memos:edit", args=[memo.pk]), reverse("memos:make_task", args=[memo.pk]),
        reverse("memos:make_project", args=[memo.pk]),
        reverse("projects:list"), reverse("projects:detail", args=[project.pk]),
        reverse("projects:edit", args=[project.pk]),
    ]


def test_no_page_lists_the_organizations_people(world, login, crowd):
    client = login(world.alice)
    for url in pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "No17" not in response.content.decode(), url


def test_edit_pages_show_the_chosen_people_as_chips(world, login):
    task = world.task("Call back", assignees=[world.alice, world.bob])
    html = login(world.alice).get(reverse("tasks:edit", args=[task.pk])).content.decode()
    assert html.count('class="combo-chip"') == 2
    assert f'<input type="hidden" name="assignees" value="{world.bob.pk}">' in html


def test_a_failed_new_task_keeps_the_chosen_people_and_customer(world, login):
    customer = world.customer("Zebra Ltd")
    response = login(world.alice).post(reverse("tasks:new"), {
        "title": "", "customer": customer.pk, "customer_label": "Zebra Ltd", "priority": "2",
        "assignees": [world.bob.pk, world.carol.pk], "subscribers": [world.oscar.pk], "due_date": "01/07/2026"})
    html = response.content.decode()
    assert response.status_code == 422
    assert [f'name="assignees" value="{u.pk}"' in html for u in (world.bob, world.carol)] == [True, True]
    assert f'name="subscribers" value="{world.oscar.pk}"' in html and ">Oscar Ortiz</span>" in html
    assert f'name="customer" value="{customer.pk}"' in html and 'value="Zebra Ltd"' in html
    assert 'value="01/07/2026"' in html


def test_a_stranger_posted_as_assignee_is_refused_and_not_shown(world, login):
    response = login(world.alice).post(reverse("tasks:new"), {
        "title": "Call", "customer": world.customer().pk, "priority": "2",
        "assignees": [world.mallory.pk], "due_date": "01/07/2026"})
    html = response.content.decode()
    assert response.status_code == 422 and 'id="err-assignees"' in html and "Mallory" not in html


def test_the_filter_bar_shows_the_filtered_persons_name(world, login):
    html = login(world.carol).get(reverse("tasks:view", args=["all_pending"]), {"assignee": world.bob.pk})
    html = html.content.decode()
    assert f'name="assignee" value="{world.bob.pk}"' in html and 'value="Bob Baker"' in html
