"""B3 in the UI: the Repeat control of New Task and edit, the "Repeats" card and "Stop repeating"."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from followup.recurrence.models import Series
from followup.recurrence.selectors import task_repetition
from followup.tasks.models import Task
from followup.tasks.services import task_complete

DUE = dt.date(2027, 3, 22)  # a Monday


def _new(client, customer, **repeat):
    return client.post(reverse("tasks:new"), {
        "title": "Weekly report", "customer": customer.pk, "assignees": [client.user_pk], "priority": "2",
        "status": "", "due_date": DUE.isoformat(), "description": "", **repeat})


def _edit(client, task, **repeat):
    return client.post(reverse("tasks:edit", args=[task.pk]), {
        "title": task.title, "customer": task.customer_id, "assignees": [a.pk for a in task.assignees.all()],
        "priority": "2", "status": task.status_id, "type": "", "due_date": task.due_date.isoformat(),
        "due_time": "", "duration_minutes": "", "description": "", "version": task.version, **repeat})


def _alice(world, login):
    client = login(world.alice)
    client.user_pk = world.alice.pk
    return client


def test_new_task_form_offers_the_repeat_control(world, login):
    html = _alice(world, login).get(reverse("tasks:new")).content.decode()
    assert 'name="repeat"' in html and 'value="WEEKLY"' in html and 'name="repeat_days"' in html
    assert 'name="repeat_scope"' not in html  # only a repeating task asks "this or following"


def test_new_repeating_task_starts_a_series(world, login):
    response = _new(_alice(world, login), world.customer(), repeat="WEEKLY", repeat_every="2",
                    repeat_days=["MO"], repeat_ends="count", repeat_count="10")
    assert response.status_code == 302
    series = Series.objects.get()
    assert series.rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;COUNT=10"
    assert series.start_date == DUE and series.title == "Weekly report"


def test_new_task_that_does_not_repeat_makes_no_series(world, login):
    assert _new(_alice(world, login), world.customer(), repeat="").status_code == 302
    assert not Series.objects.exists()


def test_bad_repeat_input_is_named_per_field_and_nothing_is_made(world, login):
    response = _new(_alice(world, login), world.customer(), repeat="WEEKLY", repeat_every="0",
                    repeat_ends="until", repeat_until="31/02/2027")
    html = response.content.decode()
    assert response.status_code == 422
    assert 'id="err-repeat_every"' in html and 'id="err-repeat_until"' in html
    assert not Task.objects.exists() and not Series.objects.exists()


def test_repeat_errors_come_with_the_task_fields_errors(world, login):
    response = _new(_alice(world, login), world.customer(), title="", repeat="HOURLY")
    html = response.content.decode()
    assert 'id="err-title"' in html and 'id="err-repeat"' in html


def test_task_page_shows_the_rule_in_words_and_stop_repeating(world, login, repeating):
    task, _series = repeating("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO")
    html = login(world.alice).get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert "Every 2 weeks on Monday" in html and "Stop repeating" in html


def test_task_page_is_in_polish_too(world, login, repeating):
    task, _series = repeating("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO")
    world.alice.language = "pl"
    world.alice.save(update_fields=["language"])
    html = login(world.alice).get(reverse("tasks:detail", args=[task.pk]), HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert "Co 2 tygodnie w poniedziałek" in html


def test_stop_repeating_ends_the_series(world, login, repeating):
    task, series = repeating()
    response = login(world.alice).post(reverse("recurrence:stop", args=[task.pk]))
    assert response.status_code == 302
    series.refresh_from_db()
    assert series.ended_at is not None
    task_complete(actor=world.alice, task_id=task.pk)
    assert Series.objects.get().occurrences.count() == 1


def test_stop_repeating_of_another_organization_is_404(world, login, repeating):
    task, series = repeating()
    assert login(world.mallory).post(reverse("recurrence:stop", args=[task.pk])).status_code == 404
    series.refresh_from_db()
    assert series.ended_at is None


def test_edit_this_task_only_refuses_a_new_rule(world, login, repeating):
    task, series = repeating("FREQ=WEEKLY;BYDAY=MO")
    response = _edit(_alice(world, login), task, repeat="DAILY", repeat_scope="this")
    assert response.status_code == 422 and 'id="err-repeat"' in response.content.decode()


def test_edit_this_task_only_keeps_the_series(world, login, repeating):
    task, series = repeating("FREQ=WEEKLY;BYDAY=MO")
    response = _edit(_alice(world, login), task, repeat="WEEKLY", repeat_days=["MO"], repeat_scope="this")
    assert response.status_code == 302
    assert task_repetition(task.pk).series == series and task_repetition(task.pk).is_live


def test_edit_this_and_following_starts_the_new_rule_here(world, login, repeating):
    task, old = repeating("FREQ=WEEKLY;BYDAY=MO")
    response = _edit(_alice(world, login), task, repeat="WEEKLY", repeat_days=["TU", "TH"],
                     repeat_scope="following")
    assert response.status_code == 302
    old.refresh_from_db()
    new = task_repetition(task.pk).series
    assert old.ended_at is not None and new.rrule == "FREQ=WEEKLY;BYDAY=TU,TH"


def test_edit_this_and_following_to_no_repeat_stops(world, login, repeating):
    task, series = repeating()
    assert _edit(_alice(world, login), task, repeat="", repeat_scope="following").status_code == 302
    series.refresh_from_db()
    assert series.ended_at is not None


def test_edit_page_shows_the_current_rule(world, login, repeating):
    task, _series = repeating("FREQ=WEEKLY;INTERVAL=3;BYDAY=FR")
    html = login(world.alice).get(reverse("tasks:edit", args=[task.pk])).content.decode()
    assert '<option value="WEEKLY" selected>' in html and 'value="3"' in html
    assert 'value="FR" checked' in html and 'name="repeat_scope"' in html


def test_repeating_task_page_runs_constant_queries(world, login, repeating, django_assert_max_num_queries):
    task, _series = repeating()
    client = login(world.alice)
    client.get(reverse("tasks:detail", args=[task.pk]))
    # The task page's queries (10, see tasks' test_collab_views) and one for the occurrence and
    # its series, which the task's own query says it has (tasks.panels.annotate).
    with django_assert_max_num_queries(11):
        client.get(reverse("tasks:detail", args=[task.pk]))


def test_a_task_that_never_repeated_asks_for_no_series(world, login):
    """B3 on the task page: whether the task is an occurrence comes with the task (one EXISTS in its
    query, tasks.panels.annotate), so a task that never repeated costs no query for its card."""
    task = world.task()
    client = login(world.alice)
    client.get(reverse("tasks:detail", args=[task.pk]))
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert "Repeats" not in html
    assert not any("recurrence_occurrence" in q["sql"] and "EXISTS" not in q["sql"].upper()
                   for q in queries.captured_queries)
