"""L9: dragging or resizing a task on the calendar edits it through the task's own rules:
permissions, optimistic concurrency and the history (D3)."""

import datetime as dt
import zoneinfo

from followup.tasks.models import HistoryAction, HistoryEntry, Task

DAY = dt.date(2026, 12, 2)


def _task(world, **kwargs):
    return world.task("Meet ACME", due_date=DAY, **kwargs)


def test_dragging_an_all_day_task_to_another_day_changes_its_due_date_in_the_history(world, calendar_of):
    task = _task(world)
    r = calendar_of(world.alice).move(task.pk, {"version": 1, "all_day": True, "start": "2026-12-04"})
    assert r.status_code == 200 and r.json()["version"] == 2 and r["ETag"] == '"2"'
    task.refresh_from_db()
    assert (task.due_date, task.due_at) == (dt.date(2026, 12, 4), None)
    entry = HistoryEntry.objects.filter(task=task, action=HistoryAction.UPDATED).get()
    assert entry.actor == world.alice
    assert [c["field"] for c in entry.changes] == ["due_date"]


def test_dropping_a_task_on_a_slot_gives_it_that_time_in_my_zone(world, calendar_of):
    world.alice.time_zone = "Europe/Warsaw"
    world.alice.save()
    task = _task(world)
    r = calendar_of(world.alice).move(
        task.pk, {"version": 1, "start": "2026-12-03T10:00:00", "end": "2026-12-03T11:30:00"})
    assert r.status_code == 200
    task.refresh_from_db()
    assert task.due_date == dt.date(2026, 12, 3)
    assert task.due_at == dt.datetime(2026, 12, 3, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Warsaw"))
    assert task.duration_minutes == 90


def test_moving_a_timed_task_without_an_end_keeps_its_duration(world, calendar_of):
    task = _task(world, due_time=dt.time(9, 0), duration_minutes=45)
    calendar_of(world.alice).move(task.pk, {"version": 1, "start": "2026-12-05T15:15:00"})
    task.refresh_from_db()
    assert (task.due_date, task.due_at.time(), task.duration_minutes) == (dt.date(2026, 12, 5), dt.time(15, 15), 45)


def test_resizing_changes_only_the_duration(world, calendar_of):
    task = _task(world, due_time=dt.time(9, 0), duration_minutes=30)
    calendar_of(world.alice).move(task.pk, {"version": 1, "start": "2026-12-02T09:00:00", "end": "2026-12-02T10:00:00"})
    entry = HistoryEntry.objects.filter(task=task, action=HistoryAction.UPDATED).get()
    assert [(c["field"], c["new"]) for c in entry.changes] == [("duration_minutes", "60")]


def test_dropping_a_timed_task_on_the_all_day_row_drops_its_time_and_duration(world, calendar_of):
    task = _task(world, due_time=dt.time(9, 0), duration_minutes=30)
    calendar_of(world.alice).move(task.pk, {"version": 1, "all_day": True, "start": "2026-12-02"})
    task.refresh_from_db()
    assert (task.due_at, task.duration_minutes) == (None, None)


def test_a_move_made_on_an_old_version_is_refused_and_changes_nothing(world, calendar_of):
    task = _task(world)
    alice = calendar_of(world.alice)
    assert alice.move(task.pk, {"version": 1, "all_day": True, "start": "2026-12-03"}).status_code == 200
    r = alice.move(task.pk, {"version": 1, "all_day": True, "start": "2026-12-09"})
    assert r.status_code == 409 and r.json()["version"] == 2
    task.refresh_from_db()
    assert task.due_date == dt.date(2026, 12, 3)


def test_the_version_may_come_as_if_match(world, calendar_of):
    task = _task(world)
    r = calendar_of(world.alice).move(task.pk, {"all_day": True, "start": "2026-12-03"}, **{"If-Match": '"1"'})
    assert r.status_code == 200


def test_a_move_without_a_version_is_refused(world, calendar_of):
    task = _task(world)
    r = calendar_of(world.alice).move(task.pk, {"all_day": True, "start": "2026-12-03"})
    assert r.status_code == 422 and "version" in r.json()["errors"]


def test_an_end_before_the_start_is_named(world, calendar_of):
    task = _task(world)
    r = calendar_of(world.alice).move(
        task.pk, {"version": 1, "start": "2026-12-03T10:00:00", "end": "2026-12-03T09:00:00"})
    assert r.status_code == 422 and list(r.json()["errors"]) == ["end"]


def test_a_slot_longer_than_a_week_is_named_as_the_end(world, calendar_of):
    task = _task(world)
    r = calendar_of(world.alice).move(
        task.pk, {"version": 1, "start": "2026-12-01T10:00:00", "end": "2026-12-20T09:00:00"})
    assert r.status_code == 422 and list(r.json()["errors"]) == ["end"]


def test_a_timed_move_needs_a_time(world, calendar_of):
    task = _task(world)
    r = calendar_of(world.alice).move(task.pk, {"version": 1, "start": "2026-12-03"})
    assert r.status_code == 422 and list(r.json()["errors"]) == ["start"]


def test_a_bad_start_is_named_with_the_other_bad_fields(world, calendar_of):
    task = _task(world)
    r = calendar_of(world.alice).move(task.pk, {"version": 1, "start": "soon", "all_day": "yes"})
    assert r.status_code == 422 and {"start", "all_day"} <= set(r.json()["errors"])
    assert Task.objects.get(pk=task.pk).version == 1


def test_a_task_i_cannot_see_is_not_found(world, calendar_of):
    task = world.task("Bob's", actor=world.bob, due_date=DAY)
    r = calendar_of(world.alice).move(task.pk, {"version": 1, "all_day": True, "start": "2026-12-03"})
    assert r.status_code == 404


def test_a_task_of_another_organization_is_not_found(world, calendar_of):
    task = world.task("Globex", actor=world.mallory, due_date=DAY)
    r = calendar_of(world.carol).move(task.pk, {"version": 1, "all_day": True, "start": "2026-12-03"})
    assert r.status_code == 404


def test_a_subscriber_sees_the_task_but_may_not_move_it(world, calendar_of):
    from followup.tasks.validation import TaskLinks

    task = world.task("Bob's", actor=world.bob, due_date=DAY, links=TaskLinks(subscriber_ids=[world.alice.pk]))
    r = calendar_of(world.alice).move(task.pk, {"version": 1, "all_day": True, "start": "2026-12-03"})
    assert r.status_code == 403
    assert Task.objects.get(pk=task.pk).due_date == DAY


def test_a_company_manager_moves_a_task_on_someone_elses_calendar(world, calendar_of):
    task = world.task("Bob's", actor=world.bob, due_date=DAY)
    r = calendar_of(world.carol).move(task.pk, {"version": 1, "all_day": True, "start": "2026-12-03"})
    assert r.status_code == 200
    assert HistoryEntry.objects.filter(task=task, action=HistoryAction.UPDATED).get().actor == world.carol


def test_a_retried_move_with_its_idempotency_key_answers_as_the_first_and_records_once(world, calendar_of):
    task = _task(world)
    alice = calendar_of(world.alice)
    body = {"version": 1, "all_day": True, "start": "2026-12-04"}
    first = alice.move(task.pk, body, **{"Idempotency-Key": "drag-1"})
    again = alice.move(task.pk, body, **{"Idempotency-Key": "drag-1"})
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert HistoryEntry.objects.filter(task=task, action=HistoryAction.UPDATED).count() == 1


def test_a_move_costs_what_an_edit_of_the_task_costs(world, calendar_of, django_assert_max_num_queries):
    task = _task(world)
    alice = calendar_of(world.alice)
    # 23 on SQLite and PostgreSQL: session, user, then ``task_update``'s own (the task locked
    # with its visibility rule, its assignees, status and customer for the snapshot and the
    # rules, the save, the assignments' due date, the history entry, the change's notifications
    # to the co-owner); nothing of its own: the calendar adds no query to an edit
    with django_assert_max_num_queries(23):
        assert alice.move(task.pk, {"version": 1, "all_day": True, "start": "2026-12-04"}).status_code == 200
