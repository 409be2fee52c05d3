"""A3, A5: processing a task from its page — log a call's outcome (on the customer's History too),
complete in the same step, reschedule in one step, reassign in one step."""

import datetime as dt

import pytest

from followup.communications.models import Communication, Outcome
from followup.communications.services import communication_log
from followup.core.exceptions import FieldErrors, NotFound
from followup.sharing.models import Level
from followup.sharing.services import share_set
from followup.tasks.models import HistoryEntry
from followup.tasks.reschedule import rescheduled_date
from followup.tasks.selectors import today_for


def test_a_logged_call_belongs_to_the_tasks_customer(world):
    task = world.task("Call Elena", customer=world.customer("Elena Marsh", phone="+48 600 100 200"))

    entry = communication_log(actor=world.alice, task_id=task.pk, outcome=Outcome.NO_ANSWER, note="Try after 5")

    assert (entry.customer, entry.task, entry.author, entry.note) == (task.customer, task, world.alice, "Try after 5")
    assert entry.is_call


def test_logging_and_completing_in_one_step(world):
    task = world.task()

    communication_log(actor=world.alice, task_id=task.pk, outcome=Outcome.REACHED, complete=True)

    task.refresh_from_db()
    assert not task.is_pending and Communication.objects.count() == 1


def test_a_bad_outcome_and_a_task_without_a_customer_are_named(world):
    task = world.task(require_customer=False)

    with pytest.raises(FieldErrors) as exc:
        communication_log(actor=world.alice, task_id=task.pk, outcome="shouted", note="x" * 10_001)

    assert set(exc.value.errors) == {"outcome", "note", "task"}
    assert not Communication.objects.exists()


def test_a_task_one_may_not_see_is_not_found(world):
    task = world.task(actor=world.bob, assignees=[world.bob])

    with pytest.raises(NotFound):
        communication_log(actor=world.mallory, task_id=task.pk, outcome=Outcome.REACHED)


def test_the_log_form_on_the_task_page_shows_up_on_the_customers_history(world, login):
    task = world.task("Call Elena", customer=world.customer("Elena Marsh"))
    client = login(world.alice)

    page = client.get(f"/tasks/{task.pk}/").content.decode()
    r = client.post(f"/communications/tasks/{task.pk}/log/", {"outcome": "left_message", "note": "Voicemail",
                                                               "next": f"/tasks/{task.pk}/"})

    assert "Log the outcome" in page and f'/customers/{task.customer_id}/history/?embed=1' in page
    assert r.status_code == 302 and r["Location"] == f"/tasks/{task.pk}/"
    history = client.get(f"/customers/{task.customer_id}/history/").content.decode()
    assert "logged a call:" in history and "Left a message" in history and "Voicemail" in history
    embedded = client.get(f"/customers/{task.customer_id}/history/?embed=1").content.decode()
    assert "Voicemail" in embedded and "<nav" not in embedded.split("embedded-feed")[0]


def test_a_logged_call_on_a_task_one_may_not_see_stays_off_ones_history(world, login):
    customer = world.customer("Elena Marsh")
    secret = world.task("Private call", actor=world.bob, assignees=[world.bob], customer=customer)
    communication_log(actor=world.bob, task_id=secret.pk, outcome=Outcome.REACHED, note="Hush")

    assert "Hush" not in login(world.alice).get(f"/customers/{customer.pk}/history/").content.decode()


def test_the_log_form_names_a_missing_outcome(world, login):
    task = world.task()

    r = login(world.alice).post(f"/communications/tasks/{task.pk}/log/", {"note": "?"}, follow=True)

    assert "Choose how it went." in r.content.decode() and not Communication.objects.exists()


def test_another_organizations_task_is_404_for_the_log(world, login):
    task = world.task()

    assert login(world.mallory).post(f"/communications/tasks/{task.pk}/log/", {"outcome": "reached"}).status_code == 404


@pytest.mark.parametrize(("due", "step", "expected"), [
    (dt.date(2030, 5, 6), "day", dt.date(2030, 5, 7)),
    (dt.date(2030, 5, 6), "week", dt.date(2030, 5, 13)),
    (dt.date(2020, 1, 1), "day", dt.date(2026, 3, 3)),  # overdue: from today
])
def test_reschedule_steps_count_from_the_later_of_today_and_the_due_date(due, step, expected):
    assert rescheduled_date(due=due, today=dt.date(2026, 3, 2), step=step) == expected


def test_plus_one_day_from_the_task_page(world, login):
    task = world.task(due_date=today_for(world.alice))

    r = login(world.alice).post(f"/tasks/{task.pk}/reschedule/", {"step": "day", "version": task.version,
                                                                   "next": f"/tasks/{task.pk}/"})

    task.refresh_from_db()
    assert r.status_code == 302 and task.due_date == today_for(world.alice) + dt.timedelta(days=1)
    assert HistoryEntry.objects.filter(task=task, changes__0__field="due_date").exists()


def test_reschedule_to_a_date_in_the_users_format_and_a_bad_one(world, login):
    task = world.task()
    client = login(world.alice)

    client.post(f"/tasks/{task.pk}/reschedule/", {"due_date": "06/01/2031"})
    r = client.post(f"/tasks/{task.pk}/reschedule/", {"due_date": "31/02/2031"}, follow=True)

    task.refresh_from_db()
    assert task.due_date == dt.date(2031, 1, 6)
    assert "31 February 2031 does not exist." in r.content.decode()


def test_a_stale_reschedule_changes_nothing(world, login):
    task = world.task(due_date=dt.date(2030, 5, 6))

    login(world.alice).post(f"/tasks/{task.pk}/reschedule/", {"step": "week", "version": task.version - 1 or 99})

    task.refresh_from_db()
    assert task.due_date == dt.date(2030, 5, 6)


def test_the_task_page_offers_reassigning_with_the_current_people_chosen(world, login):
    task = world.task(assignees=[world.alice, world.bob])

    html = login(world.alice).get(f"/tasks/{task.pk}/").content.decode()

    assert f'action="/tasks/{task.pk}/reassign/"' in html
    assert f'name="assignees" value="{world.bob.pk}"' in html


def test_the_task_page_with_its_customer_runs_bounded_queries(world, login, django_assert_max_num_queries):
    task = world.task(customer=world.customer("Elena Marsh", phone="+48 600 100 200"))
    client = login(world.alice)
    client.get(f"/tasks/{task.pk}/")

    # The log form and the customer's history (loaded afterwards) cost the page no query.
    with django_assert_max_num_queries(14):
        client.get(f"/tasks/{task.pk}/")


@pytest.mark.parametrize("n", [1, 10])
def test_the_embedded_history_runs_constant_queries(world, login, n, django_assert_max_num_queries):
    customer = world.customer("Elena Marsh")
    for i in range(n):
        task = world.task(f"Call {i}", customer=customer)
        communication_log(actor=world.alice, task_id=task.pk, outcome=Outcome.REACHED, note=f"Said {i}")
    client = login(world.alice)
    client.get(f"/customers/{customer.pk}/history/?embed=1")

    # session, user + organization, the customer, the keys' UNION, then one query per kind on
    # the page (tasks created, communications, their tasks)
    with django_assert_max_num_queries(9):
        client.get(f"/customers/{customer.pk}/history/?embed=1&size=10")


def test_a_read_only_reader_logs_a_call_but_is_not_offered_to_complete(world, login):
    """L7: whoever sees the task may log a call; "Complete the task too" only for who may complete
    it (the service refused it, and the call with it, for a read-only grant)."""
    task = world.task("Call Elena", actor=world.bob, assignees=[world.bob],
                      customer=world.customer("Elena Marsh", phone="+48 600 100 200"))
    share_set(actor=world.bob, grantee_id=world.alice.pk, level=Level.READ)
    alices = login(world.alice).get(f"/tasks/{task.pk}/").content.decode()
    assert 'name="outcome"' in alices and 'name="complete"' not in alices
    bobs = login(world.bob).get(f"/tasks/{task.pk}/").content.decode()
    assert 'name="outcome"' in bobs and 'name="complete"' in bobs
