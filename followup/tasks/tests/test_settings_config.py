"""L5, L6 in Settings: task types and statuses added, renamed, reordered and retired through
``tasks.config``; retiring keeps the tasks that have one intact (edits included); a status that
tasks use keeps its category, and its tasks move to another status instead, in batches."""

import pytest

from followup.core.exceptions import FieldErrors, NotAllowed, NotFound
from followup.tasks import config
from followup.tasks.jobs import task_status_moves
from followup.tasks.models import HistoryEntry, StatusMove, Task, TaskAssignment, TaskStatus, TaskType
from followup.tasks.selectors import task_statuses, task_types
from followup.tasks.services import task_reassign, task_update
from followup.tasks.status_moves import status_move_step, status_move_task, task_status_replace


def status(world, name):
    return TaskStatus.objects.get(organization=world.org, name=name)


def names(rows):
    return [r.name for r in rows]


def test_a_new_type_goes_to_the_end_of_the_list(world):
    config.task_type_add(actor=world.adam, name="  Site   visit ", icon="visit")
    assert names(task_types(world.alice))[-1] == "Site visit"


def test_a_type_name_is_checked(world):
    for name, message in (("", "Give it a name"), ("x" * 61, "under 60"), ("E-mail", "already")):
        with pytest.raises(FieldErrors) as exc:
            config.task_type_add(actor=world.adam, name=name)
        assert message in exc.value.errors["name"][0]


def test_an_unknown_icon_is_named(world):
    with pytest.raises(FieldErrors) as exc:
        config.task_type_add(actor=world.adam, name="Visit", icon="rocket")
    assert list(exc.value.errors) == ["icon"]


def test_only_administrators_change_types_and_statuses(world):
    phone = TaskType.objects.get(organization=world.org, name="Phone call")
    for actor in (world.alice, world.carol, world.oscar):
        with pytest.raises(NotAllowed):
            config.task_type_update(actor=actor, type_id=phone.pk, name="Call")
        with pytest.raises(NotAllowed):
            config.task_status_add(actor=actor, name="Waiting", category="open")


def test_another_organizations_type_or_status_is_not_found(world):
    theirs = TaskType.objects.filter(organization=world.other_org).first()
    with pytest.raises(NotFound):
        config.task_type_update(actor=world.adam, type_id=theirs.pk, name="Mine now")
    with pytest.raises(NotFound):
        config.task_status_move(actor=world.adam, status_id=status(world, "Completed").pk + 10**6, offset=1)


def test_moving_a_type_reorders_every_list(world):
    meeting = TaskType.objects.get(organization=world.org, name="Meeting")
    config.task_type_move(actor=world.adam, type_id=meeting.pk, offset=-1)
    config.task_type_move(actor=world.adam, type_id=meeting.pk, offset=-1)
    assert names(task_types(world.alice))[:5] == ["E-mail", "Phone call", "Meeting", "Offer", "Project"]
    first = TaskType.objects.get(organization=world.org, name="E-mail")
    assert config.task_type_move(actor=world.adam, type_id=first.pk, offset=-1) is False  # the top stays


def test_a_retired_type_is_no_longer_offered_and_its_tasks_keep_it(world):
    phone = TaskType.objects.get(organization=world.org, name="Phone call")
    task = world.task("Call back", type_id=phone.pk)
    config.task_type_update(actor=world.adam, type_id=phone.pk, is_active=False)
    assert "Phone call" not in names(task_types(world.alice))
    assert "Phone call" in names(task_types(world.alice, keep=phone.pk))
    task_update(actor=world.alice, task_id=task.pk, title="Call back soon", type_id=phone.pk)
    task.refresh_from_db()
    assert (task.title, task.type) == ("Call back soon", phone)
    with pytest.raises(FieldErrors) as exc:
        world.task("New call", type_id=phone.pk)
    assert list(exc.value.errors) == ["type"]


def test_a_task_with_a_retired_status_can_still_be_edited_and_reassigned(world):
    waiting = config.task_status_add(actor=world.adam, name="Waiting", category="in_progress")
    task = world.task("Call back", status_id=waiting.pk)
    config.task_status_update(actor=world.adam, status_id=waiting.pk, is_active=False)
    task_update(actor=world.alice, task_id=task.pk, title="Call back later", status_id=waiting.pk)
    task_reassign(actor=world.alice, task_id=task.pk, assignee_ids=[world.bob.pk])
    task.refresh_from_db()
    assert (task.title, task.status, list(task.assignees.all())) == ("Call back later", waiting, [world.bob])
    assert "Waiting" not in names(task_statuses(world.alice))


def test_an_unused_status_may_change_category(world):
    waiting = config.task_status_add(actor=world.adam, name="Waiting", category="open", color="amber")
    config.task_status_update(actor=world.adam, status_id=waiting.pk, category="in_progress", name="On hold")
    waiting.refresh_from_db()
    assert (waiting.name, waiting.category, waiting.color) == ("On hold", "in_progress", "amber")


def test_a_used_status_keeps_its_category_and_says_what_to_do(world):
    in_progress = status(world, "In Progress")
    world.task("Call back", status_id=in_progress.pk)
    with pytest.raises(FieldErrors) as exc:
        config.task_status_update(actor=world.adam, status_id=in_progress.pk, category="done")
    assert "1 task has this status" in exc.value.errors["category"][0]
    assert "Make a new status" in exc.value.errors["category"][0]
    assert status(world, "In Progress").category == "in_progress"


def test_the_last_done_status_stays_active_and_done(world):
    completed = status(world, "Completed")
    for change in ({"is_active": False}, {"category": "canceled"}):
        with pytest.raises(FieldErrors) as exc:
            config.task_status_update(actor=world.adam, status_id=completed.pk, **change)
        assert "last active status of the done category" in " ".join(m for ms in exc.value.errors.values() for m in ms)
    config.task_status_add(actor=world.adam, name="Won", category="done")
    config.task_status_update(actor=world.adam, status_id=completed.pk, is_active=False)


def test_a_new_default_takes_the_mark(world):
    inbox = config.task_status_add(actor=world.adam, name="Inbox", category="open", is_default=True)
    assert list(TaskStatus.objects.filter(organization=world.org, is_default=True)) == [inbox]
    assert world.task("Fresh").status == inbox


def test_a_flag_that_is_no_boolean_is_named(world):
    with pytest.raises(FieldErrors) as exc:
        config.task_status_update(actor=world.adam, status_id=status(world, "Completed").pk, is_active="yes")
    assert list(exc.value.errors) == ["is_active"]


def test_moving_a_few_tasks_to_a_new_status_happens_at_once_with_history(world):
    in_progress = status(world, "In Progress")
    tasks = [world.task(f"T{i}", status_id=in_progress.pk, assignees=[world.alice]) for i in range(3)]
    move = task_status_replace(actor=world.adam, status_id=in_progress.pk,
                               new={"name": "Done by customer", "category": "done", "color": "green"})
    assert move.finished_at is not None and (move.total, move.moved) == (3, 3)
    target = status(world, "Done by customer")
    for task in tasks:
        task.refresh_from_db()
        assert (task.status, task.is_pending, task.completed_by, task.version) == (target, False, world.adam, 2)
    assert not TaskAssignment.objects.filter(task__in=tasks, is_pending=True).exists()
    entry = HistoryEntry.objects.filter(task=tasks[0]).order_by("-id").first()
    assert (entry.action, entry.actor, entry.changes) == ("completed", world.adam, [
        {"field": "status", "old": "In Progress", "new": "Done by customer"}])
    assert not status(world, "In Progress").is_active


def test_the_default_status_moves_only_to_an_open_one_which_becomes_the_default(world):
    default = status(world, "Not Started")
    with pytest.raises(FieldErrors) as exc:
        task_status_replace(actor=world.adam, status_id=default.pk, target_id=status(world, "In Progress").pk)
    assert "open category" in exc.value.errors["target_id"][0]
    world.task("Call back")
    task_status_replace(actor=world.adam, status_id=default.pk, new={"name": "New", "category": "open"})
    new = status(world, "New")
    assert new.is_default and not status(world, "Not Started").is_active
    assert world.task("Another").status == new


def test_a_move_needs_a_target_of_the_organization(world):
    in_progress = status(world, "In Progress")
    foreign = TaskStatus.objects.filter(organization=world.other_org).first()
    for target in (None, foreign.pk, in_progress.pk):
        with pytest.raises(FieldErrors) as exc:
            task_status_replace(actor=world.adam, status_id=in_progress.pk, target_id=target)
        assert list(exc.value.errors) == ["target_id"]
    assert status(world, "In Progress").is_active  # nothing changed


def _large_move(world, monkeypatch, n=12, inline=5):
    """A move of more tasks than move at once (``INLINE_LIMIT`` made small), left to the background."""
    import followup.tasks.status_moves as moves

    in_progress = status(world, "In Progress")
    customer = world.customer()
    for i in range(n):
        world.task(f"T{i}", customer=customer, status_id=in_progress.pk)
    monkeypatch.setattr(moves, "INLINE_LIMIT", inline)
    return task_status_replace(actor=world.adam, status_id=in_progress.pk, target_id=status(world, "Completed").pk)


def test_many_tasks_move_in_the_background_in_batches(world, monkeypatch):
    move = _large_move(world, monkeypatch)
    assert move.finished_at is None and move.moved == 0  # the request only retired the status
    assert status_move_step(move.pk, batch=5) and StatusMove.objects.get(pk=move.pk).moved == 5
    status_move_task.call(move.pk)  # the worker's job: the remaining batches
    move.refresh_from_db()
    assert move.finished_at is not None and move.moved == 12
    assert not Task.objects.filter(status__name="In Progress", organization=world.org).exists()
    assert HistoryEntry.objects.filter(action="completed", actor=world.adam).count() == 12
    assert status_move_step(move.pk) is False


def test_the_scheduler_finishes_a_move_no_worker_finished_and_repeats_nothing(world, monkeypatch):
    move = _large_move(world, monkeypatch)
    status_move_step(move.pk, batch=5)  # then the worker died
    assert "moved 7 tasks" in task_status_moves()
    assert "moved 0 tasks" in task_status_moves()
    assert HistoryEntry.objects.filter(action="completed", actor=world.adam).count() == 12
    move.refresh_from_db()
    assert move.finished_at is not None


def test_a_status_whose_tasks_are_moving_cannot_be_moved_twice(world, monkeypatch):
    move = _large_move(world, monkeypatch)
    with pytest.raises(FieldErrors) as exc:
        task_status_replace(actor=world.adam, status_id=move.source_id, target_id=status(world, "Canceled").pk)
    assert "being moved already" in exc.value.errors["target_id"][0]


def test_a_team_task_completes_when_its_last_subtask_moves_to_done(world):
    from followup.tasks.services import subtask_create

    main = world.task("Team offer", actor=world.carol, assignees=[world.alice, world.bob])
    in_progress = status(world, "In Progress")
    for who in (world.alice, world.bob):
        subtask_create(actor=who, parent_id=main.pk, title=f"Part of {who.username}", assignee_ids=[who.pk],
                       due_date=main.due_date)
    Task.objects.filter(parent=main).update(status=in_progress)
    task_status_replace(actor=world.adam, status_id=in_progress.pk, target_id=status(world, "Completed").pk)
    main.refresh_from_db()
    assert not main.is_pending
