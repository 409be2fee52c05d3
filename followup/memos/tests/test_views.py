"""Memo, project and deal pages: J15, J16, J17, J18, J20, 404s, escaping and constant queries."""

import datetime as dt

import pytest
from django.urls import reverse

from followup.accounts.models import Role
from followup.deals.services import deal_create
from followup.memos import services
from followup.memos.models import Memo
from followup.projects.services import project_create
from followup.tasks.models import Task
from followup.tasks.services import task_complete

DUE = dt.date(2030, 1, 1)


def sent_memo(world, **kwargs):
    return services.memo_create(actor=world.alice, title="Pricing", body="Body text", recipient_id=world.bob.pk,
                                send=True, **kwargs)


def test_new_memo_page_saves_a_draft(world, login):
    r = login(world.alice).post("/memos/new/", {"title": "Idea", "recipient_id": world.bob.pk, "draft": "1"})
    assert r.status_code == 302
    assert Memo.objects.get().status == "draft"


def test_new_memo_with_bad_recipient_names_the_field(world, login):
    r = login(world.alice).post("/memos/new/", {"title": "Idea", "recipient_id": world.oscar.pk, "send": "1"})
    assert r.status_code == 422
    assert b"err-recipient_id" in r.content


def test_draft_page_is_404_for_the_recipient(world, login):
    memo = services.memo_create(actor=world.alice, title="Idea", recipient_id=world.bob.pk)
    assert login(world.bob).get(f"/memos/{memo.pk}/").status_code == 404


def test_memo_of_another_organization_is_404(world, login):
    memo = sent_memo(world)
    assert login(world.mallory).get(f"/memos/{memo.pk}/").status_code == 404


def test_recipient_reviews_from_the_page(world, login):
    memo = sent_memo(world)
    assert login(world.bob).post(f"/memos/{memo.pk}/review/").status_code == 302
    memo.refresh_from_db()
    assert memo.status == "reviewed"


def test_edit_page_is_refused_after_review(world, login):
    memo = sent_memo(world)
    services.memo_review(actor=world.bob, memo_id=memo.pk)
    client = login(world.alice)
    assert client.get(f"/memos/{memo.pk}/edit/").status_code == 403
    assert b'href="/memos/%d/edit/"' % memo.pk not in client.get(f"/memos/{memo.pk}/").content


def test_task_form_is_prefilled_with_the_memo(world, login):
    memo = sent_memo(world)
    r = login(world.bob).get(f"/memos/{memo.pk}/task/")
    assert b'value="Pricing"' in r.content and b"Body text" in r.content


def test_task_form_subscribes_author_and_subscribers(world, login):
    memo = sent_memo(world, subscriber_ids=[world.oscar.pk])
    r = login(world.bob).post(f"/memos/{memo.pk}/task/", {"title": "Edited title", "description": "d",
                                                          "due_date": "2030-01-01"})
    assert r.status_code == 302
    task = Task.objects.get(memo=memo)
    assert task.title == "Edited title"
    assert set(task.subscribers.values_list("pk", flat=True)) == {world.alice.pk, world.oscar.pk}


def test_project_form_subscribes_author_and_subscribers(world, login):
    memo = sent_memo(world, subscriber_ids=[world.oscar.pk])
    r = login(world.bob).post(f"/memos/{memo.pk}/project/", {"name": "Pricing project"})
    assert r.status_code == 302
    project = memo.projects.get()
    assert set(project.subscribers.values_list("pk", flat=True)) == {world.alice.pk, world.oscar.pk}


def test_memo_from_a_deal_shows_view_deal(world, login):
    deal = deal_create(actor=world.alice, customer_id=world.customer().pk, title="Renewal")
    client = login(world.alice)
    assert b"/memos/new/?deal=%d" % deal.pk in client.get(f"/deals/{deal.pk}/").content
    r = client.post(f"/memos/new/?deal={deal.pk}", {"title": "About renewal", "recipient_id": world.bob.pk,
                                                      "deal_id": deal.pk, "send": "1"})
    memo = Memo.objects.get()
    assert r.status_code == 302 and memo.deal == deal
    page = client.get(f"/memos/{memo.pk}/").content.decode()
    assert f'href="/deals/{deal.pk}/"' in page and "View deal" in page


def test_memo_list_view_task_button_has_status_colour_and_tooltip(world, login):
    memo = sent_memo(world)
    task = services.memo_task_create(actor=world.alice, memo_id=memo.pk, title="Do", due_date=DUE)
    task_complete(actor=world.alice, task_id=task.pk)
    task.refresh_from_db()
    page = login(world.alice).get("/memos/").content.decode()
    assert (f'class="btn btn-sm memo-task memo-task-done" href="/tasks/{task.pk}/" title="{task.status.name}"'
            in page)


def test_memo_title_is_escaped(world, login):
    services.memo_create(actor=world.alice, title="<script>x</script>", recipient_id=world.bob.pk)
    page = login(world.alice).get("/memos/").content.decode()
    assert "<script>x</script>" not in page and "&lt;script&gt;" in page


@pytest.mark.parametrize("n", [10, 100])
def test_memo_list_page_runs_constant_queries(world, login, django_assert_max_num_queries, n):
    for i in range(n):
        memo = sent_memo(world)
        services.memo_task_create(actor=world.alice, memo_id=memo.pk, title=f"T{i}", due_date=DUE)
    client = login(world.alice)
    client.get("/memos/")
    # session, user (+organization), header count, memos (people, deal joined), their tasks with status
    with django_assert_max_num_queries(5):
        r = client.get(f"/memos/?size={n}")
    assert r.content.count(b"View task") == n


def test_project_page_adds_a_task(world, login):
    project = project_create(actor=world.alice, name="Launch")
    client = login(world.alice)
    r = client.post(f"/projects/{project.pk}/tasks/", {"title": "First", "due_date": "2030-01-01"})
    assert r.status_code == 302
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert "First" in page and "0 of 1 tasks done" in page


def test_project_add_task_without_title_names_the_field(world, login):
    project = project_create(actor=world.alice, name="Launch")
    r = login(world.alice).post(f"/projects/{project.pk}/tasks/", {"title": "", "due_date": "2030-01-01"})
    assert r.status_code == 422 and b"err-title" in r.content


def test_project_of_another_organization_is_404(world, login):
    project = project_create(actor=world.alice, name="Launch")
    assert login(world.mallory).get(f"/projects/{project.pk}/").status_code == 404


def test_project_list_creates_a_project(world, login):
    r = login(world.alice).post("/projects/", {"name": "Launch", "member_ids": [world.bob.pk]})
    assert r.status_code == 302


@pytest.mark.parametrize("n", [10, 100])
def test_project_list_page_runs_constant_queries(world, login, django_assert_max_num_queries, n):
    for i in range(n):
        project_create(actor=world.alice, name=f"P{i}")
    client = login(world.alice)
    client.get("/projects/")
    # session, user, header count, projects (owner, task counts); the members picker searches
    with django_assert_max_num_queries(4):
        r = client.get(f"/projects/?size={n}")
    assert r.content.count(b'class="task-title"') == n


def test_deal_list_creates_a_deal_and_names_bad_fields(world, login):
    client = login(world.alice)
    bad = client.post("/deals/", {"customer_id": "", "title": "", "amount": "abc"})
    assert bad.status_code == 422
    assert all(f"err-{f}".encode() in bad.content for f in ("customer_id", "title", "amount"))
    ok = client.post("/deals/", {"customer_id": world.customer().pk, "title": "Renewal", "amount": "10"})
    assert ok.status_code == 302


@pytest.mark.parametrize("n", [10, 100])
def test_deal_list_page_runs_constant_queries(world, login, django_assert_max_num_queries, n):
    customer = world.customer()
    for i in range(n):
        deal_create(actor=world.alice, customer_id=customer.pk, title=f"D{i}")
    client = login(world.alice)
    client.get("/deals/")
    # session, user, header count, deals (customer, owner), the form's currency; the form's
    # customer picker searches as one types
    with django_assert_max_num_queries(5):
        r = client.get(f"/deals/?size={n}")
    assert r.content.count(b'class="task-title"') == n


def _edit_memo(client, memo, version, title):
    return client.post(f"/memos/{memo.pk}/edit/", {"title": title, "recipient_id": memo.recipient_id,
                                                   "body": "Typed text", "version": version})


def test_edit_form_carries_the_version_it_was_loaded_with(world, login):
    memo = services.memo_create(actor=world.alice, title="Idea", recipient_id=world.bob.pk)
    page = login(world.alice).get(f"/memos/{memo.pk}/edit/").content.decode()
    assert '<input type="hidden" name="version" value="1">' in page


def test_stale_memo_edit_warns_and_keeps_what_the_user_typed(world, login):
    memo = services.memo_create(actor=world.alice, title="Idea", recipient_id=world.bob.pk)
    client = login(world.alice)
    assert _edit_memo(client, memo, 1, "From the first tab").status_code == 302
    r = _edit_memo(client, memo, 1, "From the second tab")
    page = r.content.decode()
    assert r.status_code == 409 and "Changed by someone else." in page
    assert 'value="From the second tab"' in page and "Typed text" in page
    assert '<input type="hidden" name="version" value="2">' in page
    assert Memo.objects.get(pk=memo.pk).title == "From the first tab"


def test_saving_again_after_the_warning_overwrites_knowingly(world, login):
    memo = services.memo_create(actor=world.alice, title="Idea", recipient_id=world.bob.pk)
    client = login(world.alice)
    _edit_memo(client, memo, 1, "From the first tab")
    assert _edit_memo(client, memo, 2, "From the second tab").status_code == 302
    assert Memo.objects.get(pk=memo.pk).title == "From the second tab"


def test_memo_edit_without_a_version_is_refused(world, login):
    memo = services.memo_create(actor=world.alice, title="Idea", recipient_id=world.bob.pk)
    r = _edit_memo(login(world.alice), memo, "", "Blind")
    assert r.status_code == 422 and "Reload the page and try again." in r.content.decode()
    assert Memo.objects.get(pk=memo.pk).title == "Idea"


def test_the_to_picker_offers_only_department_heads_and_company_managers(world, login):
    """Issue 13 §1.1, J14: the memo's recipient is searched among those who may receive it."""
    world.user("mia", role=Role.MANAGER, first_name="Mia", last_name="Manager", organization=world.other_org)
    html = login(world.alice).get(reverse("memos:recipients"), {"q": ""}).content.decode()
    labels = [part.split('"')[0] for part in html.split('data-label="')[1:]]
    assert labels == ["Bob Baker", "Carol Cole"]  # bob heads Sales; carol is the company manager
    assert "Mallory" not in html and "Mia" not in html
    html = login(world.alice).get(reverse("memos:recipients"), {"q": "alice"}).content.decode()
    assert "No department head or company manager matches “alice”." in html
