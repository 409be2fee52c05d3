"""B3: the next occurrence keeps the project and deal of the one closed, and its subtasks, open again."""

import datetime as dt
import zoneinfo

import pytest

from followup.deals.services import deal_create
from followup.projects.services import project_create
from followup.recurrence.models import Occurrence
from followup.recurrence.tests.test_race import _at_once
from followup.tasks.models import Source, Task
from followup.tasks.services import subtask_create, task_complete
from followup.tasks.validation import TaskLinks

MONDAY = dt.date(2027, 3, 22)


def _next(task):
    return Task.objects.get(pk=Occurrence.objects.get(previous__task=task).task_id)


def _subtasks(task):
    return [(s.title, [u.username for u in s.assignees.all()], s.due_date, s.is_pending)
            for s in Task.objects.filter(parent=task).prefetch_related("assignees").order_by("due_date", "pk")]


@pytest.fixture
def linked(world, repeating):
    """A weekly task of Alice's in her project "Launch" and deal "Renewal"."""
    customer = world.customer()
    project = project_create(actor=world.alice, name="Launch")
    deal = deal_create(actor=world.alice, customer_id=customer.pk, title="Renewal")
    task, series = repeating(customer=customer, links=TaskLinks(project_id=project.pk, deal_id=deal.pk))
    return task, series, project, deal


def test_the_next_occurrence_keeps_the_project_and_deal(world, linked):
    task, series, project, deal = linked
    task_complete(actor=world.alice, task_id=task.pk)
    made = _next(task)
    assert (made.project_id, made.deal_id) == (project.pk, deal.pk)
    assert (series.project_id, series.deal_id) == (project.pk, deal.pk)


def test_a_deleted_deal_is_left_out_of_the_next(world, linked):
    task, _series, project, deal = linked
    deal.delete()
    task_complete(actor=world.alice, task_id=task.pk)
    assert (_next(task).project_id, _next(task).deal_id) == (project.pk, None)


def test_subtasks_come_back_open_with_their_people_and_dates(world, repeating):
    task, _series = repeating(assignees=[world.alice, world.bob])
    first = subtask_create(actor=world.alice, parent_id=task.pk, title="Prepare figures",
                           assignee_ids=[world.alice.pk], due_date=MONDAY - dt.timedelta(days=1))
    subtask_create(actor=world.bob, parent_id=task.pk, title="Book the room", assignee_ids=[world.bob.pk],
                   due_date=MONDAY)
    task_complete(actor=world.alice, task_id=first.pk)
    task_complete(actor=world.alice, task_id=task.pk)
    made = _next(task)
    assert _subtasks(made) == [
        ("Prepare figures", ["alice"], dt.date(2027, 3, 28), True),
        ("Book the room", ["bob"], dt.date(2027, 3, 29), True),
    ]
    assert {s.source for s in Task.objects.filter(parent=made)} == {Source.RECURRENCE}
    assert len(_subtasks(task)) == 2  # the closed occurrence keeps its own


def test_a_subtask_at_a_time_of_day_comes_back_at_that_time(world, repeating):
    """The time is the owner's local time, so a subtask at 09:30 in Warsaw is at 09:30 there
    next week too, when summer time has begun (28 March 2027) in between."""
    world.alice.time_zone = "Europe/Warsaw"
    world.alice.save(update_fields=["time_zone"])
    task, _series = repeating()
    subtask_create(actor=world.alice, parent_id=task.pk, title="Call the printer", assignee_ids=[world.alice.pk],
                   due_date=MONDAY, due_time=dt.time(9, 30), duration_minutes=15)
    task_complete(actor=world.alice, task_id=task.pk)
    again = Task.objects.get(parent=_next(task))
    warsaw = again.due_at.astimezone(zoneinfo.ZoneInfo("Europe/Warsaw"))
    assert (warsaw.time(), again.duration_minutes) == (dt.time(9, 30), 15)


def test_a_team_task_that_completes_itself_brings_the_next_with_its_subtasks(world, repeating):
    task, _series = repeating(assignees=[world.alice, world.bob])
    mine = subtask_create(actor=world.alice, parent_id=task.pk, title="My part", assignee_ids=[world.alice.pk],
                          due_date=MONDAY)
    bobs = subtask_create(actor=world.bob, parent_id=task.pk, title="Bob's part", assignee_ids=[world.bob.pk],
                          due_date=MONDAY)
    task_complete(actor=world.alice, task_id=mine.pk)
    task_complete(actor=world.bob, task_id=bobs.pk)  # J12: the last one completes the main task
    made = _next(task)
    assert made.is_pending
    assert [title for title, _people, _due, pending in _subtasks(made) if pending] == ["My part", "Bob's part"]


def test_a_subtask_whose_person_left_is_dropped_and_the_next_is_still_made(world, repeating):
    task, _series = repeating(assignees=[world.alice, world.bob])
    subtask_create(actor=world.alice, parent_id=task.pk, title="Mine", assignee_ids=[world.alice.pk], due_date=MONDAY)
    subtask_create(actor=world.bob, parent_id=task.pk, title="Bob's", assignee_ids=[world.bob.pk], due_date=MONDAY)
    world.bob.is_active = False
    world.bob.save(update_fields=["is_active"])
    task_complete(actor=world.alice, task_id=task.pk)
    assert [title for title, *_rest in _subtasks(_next(task))] == ["Mine"]


def test_two_completions_at_once_copy_the_subtasks_once(transactional_db, world, repeating):
    task, series = repeating(assignees=[world.alice, world.bob])
    subtask_create(actor=world.alice, parent_id=task.pk, title="Mine", assignee_ids=[world.alice.pk], due_date=MONDAY)
    errors = _at_once(2, lambda i: task_complete(actor=world.alice, task_id=task.pk))
    assert errors == []
    made = Task.objects.filter(source=Source.RECURRENCE, origin_id=series.pk)
    assert made.count() == 1
    assert [title for title, *_rest in _subtasks(made.get())] == ["Mine"]


def test_the_migration_gives_existing_series_the_project_and_deal_of_their_latest_task(world, linked):
    import importlib

    from django.apps import apps

    from followup.recurrence.models import Series

    migration = importlib.import_module("followup.recurrence.migrations.0002_series_project_deal")
    task, series, project, deal = linked
    Series.objects.filter(pk=series.pk).update(project=None, deal=None)
    migration.carry_from_latest_occurrence(apps, None)
    assert Series.objects.filter(pk=series.pk).values_list("project_id", "deal_id").get() == (project.pk, deal.pk)
