"""The task pages' part of collaboration: subtasks on the detail page (J7, J10, J12),
subscribers on the edit page (J8), a subtask's main task in the list."""

import datetime as dt

import pytest
from django.urls import reverse

from followup.tasks.models import StatusCategory, Task, TaskStatus
from followup.tasks.services import subtask_create

TODAY = dt.date.today().isoformat()


def _team_task(world):
    return world.task("Launch", actor=world.carol, assignees=[world.alice, world.bob])


def _sub(world, parent, actor, assignee, title="Part"):
    return subtask_create(actor=actor, parent_id=parent.pk, title=title, assignee_ids=[assignee.pk],
                          due_date=dt.date.today())


def test_detail_shows_subtasks_with_progress(world, login):
    parent = _team_task(world)
    _sub(world, parent, world.alice, world.alice, "Slides")
    html = login(world.alice).get(reverse("tasks:detail", args=[parent.pk])).content.decode()
    assert "Slides" in html and "0/1 done" in html


def test_team_task_shows_each_performers_subtasks(world, login):
    parent = _team_task(world)
    _sub(world, parent, world.alice, world.alice, "Slides")
    html = login(world.alice).get(reverse("tasks:detail", args=[parent.pk])).content.decode()
    assert "Bob Baker" in html and "no subtask yet" in html


def test_performer_sees_no_complete_button_on_team_task(world, login):
    parent = _team_task(world)
    html = login(world.alice).get(reverse("tasks:detail", args=[parent.pk])).content.decode()
    assert reverse("tasks:complete", args=[parent.pk]) not in html


def test_add_subtask_form_creates_it_for_another_performer(world, login):
    parent = _team_task(world)
    r = login(world.alice).post(reverse("tasks:subtask_add", args=[parent.pk]),
                                {"title": "Budget", "assignee": world.bob.pk, "due_date": TODAY})
    assert r.status_code == 302
    sub = Task.objects.get(parent=parent)
    assert sub.title == "Budget" and list(sub.assignees.all()) == [world.bob]


def test_add_subtask_form_names_the_bad_field(world, login):
    parent = _team_task(world)
    r = login(world.alice).post(reverse("tasks:subtask_add", args=[parent.pk]),
                                {"title": "", "assignee": world.bob.pk, "due_date": "soon"})
    assert r.status_code == 422
    html = r.content.decode()
    assert "Enter a date as DD/MM/YYYY." in html and not Task.objects.filter(parent=parent).exists()


def test_add_subtask_for_a_non_performer_is_refused_with_a_message(world, login):
    parent = _team_task(world)
    r = login(world.alice).post(reverse("tasks:subtask_add", args=[parent.pk]),
                                {"title": "Budget", "assignee": world.oscar.pk, "due_date": TODAY})
    assert r.status_code == 422 and "Choose among the main task" in r.content.decode()


def test_add_subtask_to_another_organization_task_is_404(world, login):
    parent = _team_task(world)
    r = login(world.mallory).post(reverse("tasks:subtask_add", args=[parent.pk]),
                                  {"title": "x", "assignee": world.mallory.pk, "due_date": TODAY})
    assert r.status_code == 404


def test_member_not_participating_gets_404_on_the_page(world, login):
    dave = world.user("dave")
    task = world.task(actor=world.bob, assignees=[world.bob])
    assert login(dave).get(reverse("tasks:detail", args=[task.pk])).status_code == 404


def test_edit_page_sets_subscribers(world, login):
    dave = world.user("dave", first_name="Dave", last_name="Dunn")
    task = world.task(actor=world.alice, assignees=[world.alice])
    client = login(world.alice)
    assert "Subscribers" in client.get(reverse("tasks:edit", args=[task.pk])).content.decode()
    r = client.post(reverse("tasks:edit", args=[task.pk]), {
        "title": task.title, "customer": task.customer_id, "assignees": [world.alice.pk], "priority": "2",
        "status": task.status_id, "due_date": TODAY, "version": task.version, "subscribers": [dave.pk],
    })
    assert r.status_code == 302
    assert list(task.subscribers.all()) == [dave]
    assert "Dave Dunn" in client.get(reverse("tasks:detail", args=[task.pk])).content.decode()


def test_edit_page_names_a_bad_subscriber(world, login):
    task = world.task(actor=world.alice, assignees=[world.alice])
    r = login(world.alice).post(reverse("tasks:edit", args=[task.pk]), {
        "title": task.title, "customer": task.customer_id, "assignees": [world.alice.pk], "priority": "2",
        "status": task.status_id, "due_date": TODAY, "version": task.version, "subscribers": [world.mallory.pk],
    })
    assert r.status_code == 422 and 'id="err-subscribers"' in r.content.decode()


def test_list_shows_a_subtasks_main_task(world, login):
    parent = _team_task(world)
    _sub(world, parent, world.alice, world.alice, "Slides")
    html = login(world.alice).get(reverse("tasks:list")).content.decode()
    assert "Subtask of Launch" in html


@pytest.mark.parametrize("n", [10, 100])
def test_detail_with_subtasks_runs_constant_queries(world, login, django_assert_max_num_queries, n):
    parent = _team_task(world)
    for i in range(n):
        subtask_create(actor=world.alice, parent_id=parent.pk, title=f"Part {i}",
                       assignee_ids=[world.alice.pk, world.bob.pk], due_date=dt.date.today())
    client = login(world.alice)
    client.get(reverse("tasks:detail", args=[parent.pk]))
    # session, user + organization, header count, task, its people (assignees, subscribers, owner:
    # one query), notes, history, subtasks, their assignees, chat messages: none per subtask (and
    # none for whether it repeats: the task's own query says, tasks.panels.annotate).
    with django_assert_max_num_queries(10):
        r = client.get(reverse("tasks:detail", args=[parent.pk]))
    assert r.content.decode().count('class="subtask') >= n


def test_detail_without_subtasks_does_not_ask_for_them(world, login, django_assert_num_queries):
    """Most tasks have no subtask: the task's own query says so (an EXISTS probe), and the page
    then runs no subtask query (issue 16 §1); a subtask added shows on the next load."""
    parent = _team_task(world)
    client = login(world.alice)
    client.get(reverse("tasks:detail", args=[parent.pk]))
    # As above, without the subtasks and their assignees.
    with django_assert_num_queries(8):
        r = client.get(reverse("tasks:detail", args=[parent.pk]))
    assert '<li class="subtask' not in r.content.decode()
    subtask_create(actor=world.alice, parent_id=parent.pk, title="Slides", assignee_ids=[world.alice.pk],
                   due_date=dt.date.today())
    assert "Slides" in client.get(reverse("tasks:detail", args=[parent.pk])).content.decode()


def test_team_task_row_offers_no_complete_button_to_a_performer(world, login):
    parent = _team_task(world)
    html = login(world.alice).get(reverse("tasks:list")).content.decode()
    assert f'formaction="{reverse("tasks:complete", args=[parent.pk])}"' not in html
    assert "Completes itself when every performer" in html


def test_team_task_row_offers_the_complete_button_to_its_owner(world, login):
    parent = _team_task(world)
    html = login(world.carol).get(reverse("tasks:view", args=["all_pending"])).content.decode()
    assert f'formaction="{reverse("tasks:complete", args=[parent.pk])}"' in html


def test_owner_sees_the_complete_button_on_team_task(world, login):
    parent = _team_task(world)
    html = login(world.carol).get(reverse("tasks:detail", args=[parent.pk])).content.decode()
    assert reverse("tasks:complete", args=[parent.pk]) in html


def test_performer_changing_team_task_status_on_edit_page_gets_a_field_message(world, login):
    parent = _team_task(world)
    done = TaskStatus.objects.filter(organization=world.org, category=StatusCategory.DONE).first()
    r = login(world.alice).post(reverse("tasks:edit", args=[parent.pk]), {
        "title": parent.title, "customer": parent.customer_id, "assignees": [world.alice.pk, world.bob.pk],
        "priority": "2", "status": done.pk, "due_date": TODAY, "version": parent.version,
    })
    assert r.status_code == 422 and "team task" in r.content.decode()
    assert Task.objects.get(pk=parent.pk).is_pending
