"""The task page (D3, A2): what the task belongs to, linked; the essentials before the rest."""

import datetime as dt

from django.urls import reverse

from followup.deals.services import deal_create
from followup.memos.services import memo_create
from followup.projects.services import project_create
from followup.tasks.services import task_create
from followup.tasks.validation import TaskLinks


def linked_task(world, *, memo_recipient=None, send_memo=True):
    """A task of alice's with a main task, a project, a memo and a deal."""
    customer = world.customer("Harbor Logistics", phone="+48 600 100 200", email="office@harbor.example")
    parent = world.task("Onboarding", customer=customer)
    project = project_create(actor=world.alice, name="Spring review", member_ids=[world.alice.pk])
    deal = deal_create(actor=world.alice, customer_id=customer.pk, title="Fleet renewal")
    memo = memo_create(actor=world.alice, title="Discount policy", recipient_id=(memo_recipient or world.bob).pk,
                       send=send_memo)
    task = task_create(
        actor=world.alice, title="Send the price list", customer_id=customer.pk, assignee_ids=[world.alice.pk],
        due_date=dt.date.today(), links=TaskLinks(parent_id=parent.pk, project_id=project.pk, deal_id=deal.pk,
                                                  memo_id=memo.pk),
    )
    return task, {"parent": parent, "project": project, "deal": deal, "memo": memo}


def test_task_page_links_its_main_task_project_memo_and_deal(world, login):
    task, linked = linked_task(world)
    html = login(world.alice).get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert f'href="{reverse("tasks:detail", args=[linked["parent"].pk])}" data-link="parent">Onboarding</a>' in html
    assert f'href="{reverse("projects:detail", args=[linked["project"].pk])}" data-link="project">Spring review' in html
    assert f'href="{reverse("memos:detail", args=[linked["memo"].pk])}" data-link="memo">Discount policy</a>' in html
    assert f'href="{reverse("deals:detail", args=[linked["deal"].pk])}" data-link="deal">Fleet renewal</a>' in html


def test_task_page_does_not_name_a_memo_the_reader_may_not_see(world, login):
    """bob's memo to carol is not alice's to read, though she is the task's assignee."""
    task, linked = linked_task(world)
    memo = memo_create(actor=world.bob, title="Private pricing note", recipient_id=world.carol.pk, send=True)
    type(task).objects.filter(pk=task.pk).update(memo=memo)
    html = login(world.alice).get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert "Private pricing note" not in html and 'data-link="memo"' not in html
    assert 'data-link="deal"' in html  # the others stay


def test_task_without_links_shows_none(world, login):
    html = login(world.alice).get(reverse("tasks:detail", args=[world.task().pk])).content.decode()
    assert "data-link=" not in html


def test_linked_task_page_runs_bounded_queries(world, login, django_assert_max_num_queries):
    task, _ = linked_task(world)
    client = login(world.alice)
    client.get(reverse("tasks:detail", args=[task.pk]))
    # session, user + organization, the task, its people (assignees, subscribers, owner: one
    # query), one small query per link (main task, project, memo, deal), subtasks, notes, history,
    # header count, chat messages (whether it repeats, B3, comes with the task).
    with django_assert_max_num_queries(13):
        client.get(reverse("tasks:detail", args=[task.pk]))


def test_essentials_come_before_the_description(world, login):
    """A2: on a phone the page is one column in this order, so due, customer and the call and
    e-mail buttons are on the first screen, before description, subtasks, notes and chat."""
    task, _ = linked_task(world)
    html = login(world.alice).get(reverse("tasks:detail", args=[task.pk])).content.decode()
    essentials = html.index('class="card task-essentials"')
    assert essentials < html.index('class="due') < html.index('href="tel:+48%20600%20100%20200"')
    assert html.index('href="mailto:office@harbor.example"') < html.index("<h2>Description</h2>")
