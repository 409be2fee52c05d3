"""L9: the events endpoint gives the tasks of the people shown in [start, end), as the widget wants them."""

import datetime as dt

import pytest

from followup.accounts.services import api_token_create
from followup.tasks.services import task_complete

DAY = dt.date(2026, 12, 2)
WEEK = {"start": "2026-11-30", "end": "2026-12-07"}


def test_a_task_without_a_time_is_an_all_day_item_on_its_due_date(world, calendar_of):
    task = world.task("Send the offer", due_date=DAY)
    events = calendar_of(world.alice).events(**WEEK).json()["events"]
    assert events == [{
        "task_id": task.pk, "person_id": world.alice.pk, "title": "Send the offer", "all_day": True,
        "start": "2026-12-02", "end": "2026-12-03", "version": 1, "editable": True, "done": False,
        "url": f"/tasks/{task.pk}/",
    }]


def test_a_timed_task_occupies_its_slot_in_my_time_zone(world, calendar_of):
    world.alice.time_zone = "Europe/Warsaw"
    world.alice.save()
    world.task("Meet ACME", due_date=DAY, due_time=dt.time(9, 30), duration_minutes=90)
    body = calendar_of(world.alice).events(**WEEK).json()
    assert body["time_zone"] == "Europe/Warsaw" and body["truncated"] is False
    event = body["events"][0]
    assert (event["all_day"], event["start"], event["end"]) == (False, "2026-12-02T09:30:00", "2026-12-02T11:00:00")


def test_a_timed_task_without_a_duration_takes_half_an_hour(world, calendar_of):
    world.task("Call", due_date=DAY, due_time=dt.time(14, 0))
    event = calendar_of(world.alice).events(**WEEK).json()["events"][0]
    assert event["end"] == "2026-12-02T14:30:00"


def test_only_tasks_due_in_the_range_are_given(world, calendar_of):
    world.task("Before", due_date=dt.date(2026, 11, 20))
    world.task("Inside", due_date=DAY)
    world.task("After", due_date=dt.date(2026, 12, 20))
    titles = [e["title"] for e in calendar_of(world.alice).events(**WEEK).json()["events"]]
    assert titles == ["Inside"]


def test_completed_tasks_are_shown_done_and_cannot_be_moved(world, calendar_of):
    task = world.task("Done already", due_date=DAY)
    task_complete(actor=world.alice, task_id=task.pk)
    event = calendar_of(world.alice).events(**WEEK).json()["events"][0]
    assert event["done"] and not event["editable"]


def test_my_calendar_leaves_out_tasks_of_others(world, calendar_of):
    world.task("Bob's", actor=world.bob, due_date=DAY)
    world.task("Mine", due_date=DAY)
    assert [e["title"] for e in calendar_of(world.alice).events(**WEEK).json()["events"]] == ["Mine"]


def test_a_company_manager_shows_several_people_each_with_their_own_items(world, calendar_of):
    shared = world.task("Team visit", assignees=[world.alice, world.bob], due_date=DAY)
    world.task("Bob alone", actor=world.bob, due_date=DAY)
    events = calendar_of(world.carol).events(**WEEK, person=[world.alice.pk, world.bob.pk]).json()["events"]
    assert sorted((e["title"], e["person_id"]) for e in events) == sorted([
        ("Team visit", world.alice.pk), ("Team visit", world.bob.pk), ("Bob alone", world.bob.pk),
    ])
    assert {e["editable"] for e in events if e["task_id"] == shared.pk} == {True}


def test_asking_for_one_person_gives_only_their_copy_of_a_shared_task(world, calendar_of):
    world.task("Team visit", assignees=[world.alice, world.bob], due_date=DAY)
    events = calendar_of(world.carol).events(**WEEK, person=[world.bob.pk]).json()["events"]
    assert [e["person_id"] for e in events] == [world.bob.pk]


def test_a_member_cannot_show_someone_elses_calendar(world, calendar_of):
    world.task("Bob's", actor=world.bob, due_date=DAY)
    assert calendar_of(world.alice).events(**WEEK, person=[world.bob.pk]).status_code == 404


def test_a_person_of_another_organization_shows_nothing(world, calendar_of):
    world.task("Globex work", actor=world.mallory, due_date=DAY)
    r = calendar_of(world.carol).events(**WEEK, person=[world.mallory.pk])
    assert r.status_code == 200 and r.json()["events"] == []
    assert b"Globex work" not in r.content


@pytest.mark.parametrize(("params", "field"), [
    ({"start": "2026-12-07", "end": "2026-11-30"}, "end"),
    ({"start": "2026-01-01", "end": "2026-06-01"}, "end"),
    ({"start": "yesterday", "end": "2026-12-07"}, "start"),
    ({"start": "2026-02-30", "end": "2026-03-07"}, "start"),
    ({"end": "2026-12-07"}, "start"),
])
def test_a_bad_range_is_named(world, calendar_of, params, field):
    r = calendar_of(world.alice).events(**params)
    assert r.status_code == 422
    assert field in r.json()["errors"]


def test_the_task_module_switched_off_hides_the_calendar(world, calendar_of):
    world.org.tasks_enabled = False
    world.org.save()
    assert calendar_of(world.alice).events(**WEEK).status_code == 404


def test_a_phone_app_reads_it_with_a_token(world, client):
    world.task("Mine", due_date=DAY)
    token = api_token_create(user=world.alice, name="phone")[1]
    r = client.get("/api/v1/calendar/events", WEEK, headers={"Authorization": f"Bearer {token}"})
    assert [e["title"] for e in r.json()["events"]] == ["Mine"]


@pytest.mark.parametrize("n", [5, 60])
def test_the_events_are_one_query_whatever_their_number(world, calendar_of, django_assert_num_queries, n):
    customer = world.customer()
    for i in range(n):
        world.task(f"Task {i}", customer=customer, assignees=[world.alice, world.bob], due_date=DAY)
    carol = calendar_of(world.carol)
    # session, user (organization joined), the events
    with django_assert_num_queries(3):
        r = carol.events(**WEEK, person=[world.alice.pk, world.bob.pk])
    assert len(r.json()["events"]) == 2 * n


def test_the_answer_says_when_it_is_not_complete(world, calendar_of, monkeypatch):
    from followup.calendars import selectors

    monkeypatch.setattr(selectors, "MAX_EVENTS", 2)
    world.tasks(3, due_date=DAY)
    body = calendar_of(world.alice).events(**WEEK).json()
    assert len(body["events"]) == 2 and body["truncated"] is True


def test_a_task_due_the_day_before_the_range_is_left_out_and_one_due_late_in_my_evening_moves_to_its_day(
        world, calendar_of):
    world.alice.time_zone = "America/New_York"
    world.alice.save()
    world.task("Sunday", due_date=dt.date(2026, 11, 29))
    late = world.task("Monday 21:00 in New York", due_date=dt.date(2026, 11, 30), due_time=dt.time(21, 0))
    world.alice.time_zone = "Europe/Warsaw"  # the viewer moved: 21:00 in New York is 03:00 Tuesday here
    world.alice.save()
    events = calendar_of(world.alice).events(start="2026-11-30", end="2026-12-01").json()["events"]
    assert events == []
    events = calendar_of(world.alice).events(start="2026-12-01", end="2026-12-02").json()["events"]
    assert [(e["task_id"], e["start"]) for e in events] == [(late.pk, "2026-12-01T03:00:00")]
