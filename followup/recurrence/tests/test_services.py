"""B3: completing or canceling an occurrence makes the next one, once, on the rule's next date."""

import datetime as dt
import zoneinfo

import pytest

from followup.core.exceptions import FieldErrors
from followup.recurrence.models import Occurrence, Series
from followup.recurrence.services import series_split, series_start, series_stop
from followup.tasks.models import Source, StatusCategory, Task, TaskStatus
from followup.tasks.origins import origin_text
from followup.tasks.services import task_complete, task_reopen, task_set_status

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def _next(task):
    return Task.objects.get(pk=Occurrence.objects.get(previous__task=task).task_id)


def _local(task):
    return task.due_at.astimezone(WARSAW)


def test_completing_an_occurrence_makes_the_next_on_the_rule_date(world, repeating):
    task, series = repeating("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO")
    task_complete(actor=world.alice, task_id=task.pk)
    made = _next(task)
    assert made.due_date == dt.date(2027, 4, 5)
    assert (made.source, made.origin_id, made.title) == (Source.RECURRENCE, series.pk, "Weekly call")
    assert list(made.assignees.all()) == [world.alice]
    assert made.customer_id == task.customer_id


def test_nine_oclock_stays_nine_across_the_spring_change(world, repeating):
    # Warsaw moves from UTC+1 to UTC+2 on Sunday 28 March 2027.
    task, _series = repeating("FREQ=WEEKLY;BYDAY=MO", due_date=dt.date(2027, 3, 22))
    task_complete(actor=world.alice, task_id=task.pk)
    made = _next(task)
    assert made.due_date == dt.date(2027, 3, 29)
    assert _local(made).time() == dt.time(9, 0)
    assert (task.due_at.hour, made.due_at.hour) == (8, 7)  # in UTC


def test_nine_oclock_stays_nine_across_the_autumn_change(world, repeating):
    # Warsaw moves back to UTC+1 on Sunday 31 October 2027.
    task, _series = repeating("FREQ=DAILY", due_date=dt.date(2027, 10, 30))
    task_complete(actor=world.alice, task_id=task.pk)
    first = _next(task)
    task_complete(actor=world.alice, task_id=first.pk)
    second = _next(first)
    assert [first.due_date, second.due_date] == [dt.date(2027, 10, 31), dt.date(2027, 11, 1)]
    assert {_local(t).time() for t in (task, first, second)} == {dt.time(9, 0)}
    assert (first.due_at.hour, second.due_at.hour) == (8, 8)  # 31 Oct is already UTC+1


def test_canceling_an_occurrence_also_makes_the_next(world, repeating):
    task, _series = repeating()
    canceled = TaskStatus.objects.get(organization=world.org, category=StatusCategory.CANCELED)
    task_set_status(actor=world.alice, task_id=task.pk, status_id=canceled.pk)
    assert _next(task).due_date == dt.date(2027, 3, 29)


def test_reopening_and_completing_again_makes_no_second_next(world, repeating):
    task, series = repeating()
    task_complete(actor=world.alice, task_id=task.pk)
    task_reopen(actor=world.alice, task_id=task.pk)
    task_complete(actor=world.alice, task_id=task.pk)
    assert Task.objects.filter(source=Source.RECURRENCE, origin_id=series.pk).count() == 1


def test_a_rule_with_a_count_ends_after_that_many(world, repeating):
    task, series = repeating("FREQ=DAILY;COUNT=2", due_date=dt.date(2027, 5, 3))
    task_complete(actor=world.alice, task_id=task.pk)
    task_complete(actor=world.alice, task_id=_next(task).pk)
    assert Occurrence.objects.filter(series=series).count() == 2


def test_a_late_completion_skips_to_the_first_date_from_today(world, repeating):
    today = dt.datetime.now(WARSAW).date()
    task, _series = repeating("FREQ=DAILY", due_date=today - dt.timedelta(days=10))
    task_complete(actor=world.alice, task_id=task.pk)
    assert _next(task).due_date == today


def test_a_monthly_rule_on_the_31st_skips_short_months(world, repeating):
    task, _series = repeating("FREQ=MONTHLY", due_date=dt.date(2027, 1, 31))
    task_complete(actor=world.alice, task_id=task.pk)
    assert _next(task).due_date == dt.date(2027, 3, 31)


def test_stop_repeating_makes_no_next(world, repeating):
    task, series = repeating()
    series_stop(actor=world.alice, task_id=task.pk)
    task_complete(actor=world.alice, task_id=task.pk)
    assert Series.objects.get(pk=series.pk).ended_at is not None
    assert not Occurrence.objects.filter(previous__task=task).exists()


def test_this_and_following_ends_the_old_series_and_starts_a_new_one(world, repeating):
    task, old = repeating("FREQ=WEEKLY;BYDAY=MO")
    task_complete(actor=world.alice, task_id=task.pk)
    second = _next(task)
    new = series_split(actor=world.alice, task_id=second.pk, rrule="FREQ=WEEKLY;BYDAY=FR")
    old.refresh_from_db()
    assert old.ended_at is not None
    assert (new.start_date, new.rrule) == (dt.date(2027, 3, 29), "FREQ=WEEKLY;BYDAY=FR")
    task_complete(actor=world.alice, task_id=second.pk)
    third = _next(second)
    assert (third.due_date, third.origin_id) == (dt.date(2027, 4, 2), new.pk)


def test_a_bad_rule_is_a_field_error(world):
    task = world.task()
    for text in ("FREQ=HOURLY", "FREQ=WEEKLY;BYDAY=XX", "BANANA", "FREQ=DAILY;COUNT=2;UNTIL=20270101", ""):
        with pytest.raises(FieldErrors) as caught:
            series_start(actor=world.alice, task_id=task.pk, rrule=text)
        assert list(caught.value.errors) == ["recurrence"], text


def test_a_task_of_another_organization_cannot_be_made_to_repeat(world):
    from followup.core.exceptions import NotFound

    task = world.task()
    with pytest.raises(NotFound):
        series_start(actor=world.mallory, task_id=task.pk, rrule="FREQ=DAILY")


def test_the_task_page_says_what_made_the_task(world, repeating):
    task, _series = repeating("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO")
    task_complete(actor=world.alice, task_id=task.pk)
    assert origin_text(_next(task)) == "Repeats: Every 2 weeks on Monday"


def test_a_retired_type_and_a_leaver_are_dropped_from_the_next(world, repeating):
    from followup.accounts.models import User
    from followup.tasks.config import task_type_update
    from followup.tasks.models import TaskType

    call = TaskType.objects.filter(organization=world.org).first()
    task, _series = repeating(type_id=call.pk, assignees=[world.alice, world.bob])
    task_type_update(actor=world.adam, type_id=call.pk, is_active=False)
    User.objects.filter(pk=world.bob.pk).update(is_active=False)
    task_complete(actor=world.alice, task_id=task.pk)
    made = _next(task)
    assert made.type_id is None and list(made.assignees.all()) == [world.alice]


def test_an_owner_who_left_ends_the_repetition_without_refusing_the_completion(world, repeating):
    from followup.accounts.models import User

    task, _series = repeating(assignees=[world.bob])
    User.objects.filter(pk=world.alice.pk).update(is_active=False)
    task_complete(actor=world.bob, task_id=task.pk)
    assert not Task.objects.get(pk=task.pk).is_pending
    assert not Occurrence.objects.filter(previous__task=task).exists()
