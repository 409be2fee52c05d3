"""L2: completing a task of a type with a next task proposes it; accepting makes the task once."""

import datetime as dt
import threading

import pytest
from django.db import connection

from followup.core.exceptions import FieldErrors, NotFound
from followup.suggestions.models import NextTask, Suggestion, SuggestionStatus
from followup.suggestions.services import suggestion_accept, suggestion_dismiss
from followup.tasks.bulk import tasks_bulk
from followup.tasks.models import Source, Task
from followup.tasks.origins import origin_text
from followup.tasks.selectors import today_for
from followup.tasks.services import task_complete, task_reopen, task_set_status


def test_a_new_organization_proposes_a_call_after_an_email(world, types):
    rule = NextTask.objects.get(after_type=types["mail"])

    assert rule.next_type == types["phone"] and rule.delay_days == 1 and rule.title == "Call {customer}"


def test_completing_an_email_task_proposes_a_phone_call_to_whoever_completed_it(world, types, email_task):
    task = email_task()

    task_complete(actor=world.alice, task_id=task.pk)

    s = Suggestion.objects.get()
    assert (s.user, s.source_task, s.customer, s.task_type) == (world.alice, task, task.customer, types["phone"])
    assert s.title == "Call ACME Corp" and s.due_date == today_for(world.alice) + dt.timedelta(days=1)
    assert s.status == SuggestionStatus.PENDING


def test_a_type_without_a_next_task_proposes_nothing(world, types):
    task = world.task(type_id=types["meeting"].pk)

    task_complete(actor=world.alice, task_id=task.pk)

    assert not Suggestion.objects.exists()


def test_canceling_proposes_nothing(world, email_task):
    task = email_task()
    canceled = task.organization.task_statuses.get(category="canceled")

    task_set_status(actor=world.alice, task_id=task.pk, status_id=canceled.pk)

    assert not Suggestion.objects.exists()


def test_completing_again_after_a_reopening_does_not_ask_twice(world, email_task):
    task = email_task()
    task_complete(actor=world.alice, task_id=task.pk)
    task_reopen(actor=world.alice, task_id=task.pk)

    task_complete(actor=world.alice, task_id=task.pk)

    assert Suggestion.objects.count() == 1


def test_batch_completion_proposes_once_per_completed_task(world, email_task):
    tasks = [email_task(f"Offer {i}") for i in range(3)]

    tasks_bulk(actor=world.alice, action="complete", task_ids=[t.pk for t in tasks])

    assert sorted(Suggestion.objects.values_list("source_task_id", flat=True)) == sorted(t.pk for t in tasks)


def test_accepting_makes_the_task_for_the_customer_owned_by_the_accepter(world, types, email_task):
    done = email_task()
    task_complete(actor=world.alice, task_id=done.pk)
    s = Suggestion.objects.get()

    task = suggestion_accept(actor=world.alice, suggestion_id=s.pk)

    assert (task.title, task.customer, task.owner, task.type) == ("Call ACME Corp", done.customer, world.alice,
                                                                  types["phone"])
    assert (task.source, task.origin_id, task.due_date) == (Source.SUGGESTION, s.pk, s.due_date)
    assert list(task.assignees.all()) == [world.alice]
    assert origin_text(task) == "Proposed after completing “Send the offer”"
    s.refresh_from_db()
    assert s.status == SuggestionStatus.ACCEPTED and s.created_task == task


def test_edit_first_overrides_title_date_type_and_assignees(world, types, email_task):
    task_complete(actor=world.alice, task_id=email_task().pk)
    s = Suggestion.objects.get()

    task = suggestion_accept(actor=world.alice, suggestion_id=s.pk, title="Visit them", due_date=dt.date(2031, 1, 6),
                             type_id=types["meeting"].pk, assignee_ids=[world.bob.pk])

    assert (task.title, task.due_date, task.type) == ("Visit them", dt.date(2031, 1, 6), types["meeting"])
    assert list(task.assignees.all()) == [world.bob] and task.owner == world.alice


def test_accepting_twice_makes_one_task(world, email_task):
    task_complete(actor=world.alice, task_id=email_task().pk)
    s = Suggestion.objects.get()

    first = suggestion_accept(actor=world.alice, suggestion_id=s.pk)
    again = suggestion_accept(actor=world.alice, suggestion_id=s.pk, title="Other")

    assert first.pk == again.pk and Task.objects.filter(source=Source.SUGGESTION).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_accepts_at_once_make_one_task(world, email_task):
    task_complete(actor=world.alice, task_id=email_task().pk)
    s = Suggestion.objects.get()
    start = threading.Barrier(2)
    made = []

    def accept():
        try:
            start.wait()
            made.append(suggestion_accept(actor=world.alice, suggestion_id=s.pk).pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)

    assert len(made) == 2 and made[0] == made[1]
    assert Task.objects.filter(source=Source.SUGGESTION).count() == 1


def test_bad_overrides_are_named_and_make_nothing(world, email_task):
    task_complete(actor=world.alice, task_id=email_task().pk)
    s = Suggestion.objects.get()

    with pytest.raises(FieldErrors) as exc:
        suggestion_accept(actor=world.alice, suggestion_id=s.pk, title="  ", type_id=999_999)

    assert {"title", "type"} <= set(exc.value.errors)
    s.refresh_from_db()
    assert s.status == SuggestionStatus.PENDING and not Task.objects.filter(source=Source.SUGGESTION).exists()


def test_dismissing_then_accepting_is_refused(world, email_task):
    task_complete(actor=world.alice, task_id=email_task().pk)
    s = Suggestion.objects.get()

    suggestion_dismiss(actor=world.alice, suggestion_id=s.pk)
    suggestion_dismiss(actor=world.alice, suggestion_id=s.pk)

    with pytest.raises(FieldErrors):
        suggestion_accept(actor=world.alice, suggestion_id=s.pk)
    assert Suggestion.objects.get().status == SuggestionStatus.DISMISSED


@pytest.mark.parametrize("who", ["bob", "mallory"])
def test_another_persons_suggestion_is_not_found(world, email_task, who):
    task_complete(actor=world.alice, task_id=email_task().pk)
    s = Suggestion.objects.get()

    with pytest.raises(NotFound):
        suggestion_accept(actor=getattr(world, who), suggestion_id=s.pk)
    with pytest.raises(NotFound):
        suggestion_dismiss(actor=getattr(world, who), suggestion_id=s.pk)
