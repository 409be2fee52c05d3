"""A1's bars: once per occurrence (twice in a row, after downtime), yearly birthdays with
29 February, the organization's time zone, the preview of passed days."""

import datetime as dt

import pytest

from followup.datetriggers.firing import passed_unfired, trigger_create_passed, trigger_run_scheduled
from followup.datetriggers.models import TriggerFire, WatchedDate
from followup.datetriggers.tests.conftest import at, fresh
from followup.tasks.models import Source, Task

pytestmark = pytest.mark.django_db
DEC = dt.date(2026, 12, 2)


def made(trigger):
    return Task.objects.filter(source=Source.DATE_TRIGGER, origin_id=trigger.pk)


def test_birthday_fires_on_the_day_once_with_the_title_and_owner(world, trigger):
    anna = world.customer("Anna", birthday=dt.date(1980, 12, 2), owner=world.alice)
    world.customer("Ben", birthday=dt.date(1980, 12, 3))
    t = trigger(DEC)
    assert trigger_run_scheduled(t, now=at(DEC)).made == 1
    assert trigger_run_scheduled(fresh(t), now=at(DEC, 15)).made == 0
    task = made(t).get()
    assert (task.title, task.customer_id, task.due_date, task.owner_id) == ("Call Anna: birthday", anna.pk, DEC,
                                                                           world.adam.pk)
    assert list(task.assignees.all()) == [world.alice]


def test_days_before_and_catching_up_after_three_days_down(world, trigger):
    for day in range(2, 9):
        world.customer(f"C{day}", birthday=dt.date(1990, 12, day + 7))
    t = trigger(DEC, days_before=7)
    assert trigger_run_scheduled(t, now=at(DEC)).made == 1  # 9 December
    # down on the 3rd, 4th and 5th; the run of the 6th makes the 10th..13th once
    assert trigger_run_scheduled(fresh(t), now=at(DEC + dt.timedelta(days=4))).made == 4
    assert trigger_run_scheduled(fresh(t), now=at(DEC + dt.timedelta(days=4), 18)).made == 0
    assert sorted(made(t).values_list("customer__name", flat=True)) == ["C2", "C3", "C4", "C5", "C6"]


def test_29_february_fires_every_year(world, trigger):
    leap = world.customer("Leap", birthday=dt.date(1996, 2, 29))
    t = trigger(dt.date(2027, 1, 1))
    days = [dt.date(2027, 2, 28), dt.date(2028, 2, 28), dt.date(2028, 2, 29), dt.date(2029, 2, 28)]
    runs = [trigger_run_scheduled(fresh(t), now=at(day)).made for day in days]
    assert runs == [1, 0, 1, 1]
    assert sorted(TriggerFire.objects.filter(customer=leap).values_list("occurrence", flat=True)) == [
        dt.date(2027, 2, 28), dt.date(2028, 2, 29), dt.date(2029, 2, 28)]


def test_contract_end_fires_once_not_yearly(world, trigger):
    world.customer("Lease", contract_end_date=dt.date(2026, 12, 31))
    t = trigger(DEC, field=WatchedDate.CONTRACT_END, days_before=29)
    assert trigger_run_scheduled(t, now=at(DEC)).made == 1
    assert trigger_run_scheduled(fresh(t), now=at(dt.date(2027, 12, 2))).made == 0


def test_days_are_the_organizations(world, trigger):
    world.org.time_zone = "Pacific/Auckland"  # UTC+13 in December
    world.org.save()
    world.customer("Kiwi", birthday=dt.date(1985, 12, 3))
    t = trigger(DEC)
    # 12:00 UTC on the 2nd is already 01:00 on the 3rd in Auckland
    assert trigger_run_scheduled(t, now=at(DEC, 12)).made == 1


def test_a_new_trigger_leaves_passed_days_to_the_preview(world, trigger):
    world.customer("Soon", birthday=dt.date(1980, 12, 4))  # trigger day 27 November: passed
    world.customer("Later", birthday=dt.date(1980, 12, 12))  # trigger day 2 December: today
    t = trigger(DEC, days_before=10)
    assert trigger_run_scheduled(t, now=at(DEC)).made == 1
    assert [(c.name, c.occurrence) for c in passed_unfired(fresh(t), now=at(DEC))] == [("Soon", dt.date(2026, 12, 4))]
    assert trigger_create_passed(fresh(t), now=at(DEC)).made == 1
    assert trigger_create_passed(fresh(t), now=at(DEC)).made == 0
    assert not passed_unfired(fresh(t), now=at(DEC)).exists()
    assert made(t).count() == 2


def test_other_organizations_customers_are_not_touched(world, trigger):
    world.customer("Theirs", organization=world.other_org, birthday=dt.date(1980, 12, 2))
    assert trigger_run_scheduled(trigger(DEC), now=at(DEC)).made == 0


def test_an_inactive_author_is_logged_and_caught_up_later(world, trigger):
    world.customer("Anna", birthday=dt.date(1980, 12, 2))
    t = trigger(DEC)
    world.adam.is_active = False
    world.adam.save()
    assert trigger_run_scheduled(fresh(t), now=at(DEC)).error
    world.adam.is_active = True
    world.adam.save()
    assert trigger_run_scheduled(fresh(t), now=at(DEC + dt.timedelta(days=1))).made == 1


def test_a_resumed_trigger_does_not_make_the_paused_days(world, trigger):
    from django.utils import timezone

    from followup.datetriggers.services import trigger_save

    today = timezone.now().date()
    world.customer("Missed", birthday=(today - dt.timedelta(days=3)).replace(year=1980))
    world.customer("Today", birthday=today.replace(year=1980))
    t = trigger(today - dt.timedelta(days=30), is_active=False)
    trigger_save(actor=world.adam, trigger_id=t.pk, is_active=True)
    assert trigger_run_scheduled(fresh(t)).made == 1
    assert list(made(t).values_list("customer__name", flat=True)) == ["Today"]


def test_a_runs_queries_do_not_grow_with_the_customers(world, trigger, django_assert_max_num_queries):
    t = trigger(DEC)
    for i in range(40):
        world.customer(f"C{i}", birthday=dt.date(1980, 12, 2) if i % 2 else dt.date(1980, 6, 1), owner=world.alice)
    # the run log, the claim, the claimed customers, the assignees, one chunk of tasks, one digest, the watermark
    with django_assert_max_num_queries(17):
        assert trigger_run_scheduled(t, now=at(DEC)).made == 20
