"""Deleting what chat messages, reminders and notifications point at (through content type and
id) removes them too, and the attachments' files once the deletion is committed: on every path
that deletes a task (one, a batch, the web page, the API), for a main task's subtasks, for memos,
projects and customers. A delete that rolls back keeps the rows and the file."""

import datetime as dt
import os

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone

from followup.accounts.services import api_token_create
from followup.api.tests.conftest import Api
from followup.chat.models import Attachment, Message
from followup.chat.services import message_post
from followup.core.exceptions import NotAllowed
from followup.deals.services import deal_create
from followup.memos.services import memo_create
from followup.notifications.models import Notification
from followup.projects.services import project_create
from followup.reminders.models import Reminder
from followup.reminders.services import reminder_create
from followup.tasks.bulk import tasks_bulk
from followup.tasks.models import Task
from followup.tasks.services import subtask_create, task_delete

LINKED = (Message, Reminder, Notification)


def _linked(world, target, kind: str, upload) -> str:
    """A message with a file (which notifies the other participants) and a reminder, all about
    ``target``; returns the path of the file on disk."""
    message = message_post(actor=world.alice, kind=kind, object_id=target.pk, body="See the offer", files=[upload()])
    reminder_create(actor=world.alice, target_type=kind, target_id=target.pk,
                    remind_at=timezone.now() + dt.timedelta(days=1))
    path = message.attachments.all()[0].file.path
    assert os.path.exists(path) and set(_left(target)) == {"Message", "Reminder", "Notification"}
    return path


def _left(target) -> dict[str, int]:
    """How many rows of each kind still point at ``target`` (whose row may be gone)."""
    ct = ContentType.objects.get_for_model(type(target))
    counts = {m.__name__: m.objects.filter(content_type=ct, object_id=target.pk).count() for m in LINKED}
    return {name: n for name, n in counts.items() if n}


def _team_task(world):
    return world.task(assignees=[world.alice, world.bob])


def _api(user) -> Api:
    return Api(Client(), api_token_create(user=user, name="cleanup")[1])


def _web(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


DELETE_PATHS = {
    "service": lambda world, ids: [task_delete(actor=world.alice, task_id=i) for i in ids],
    "batch": lambda world, ids: tasks_bulk(actor=world.alice, action="delete", task_ids=ids),
    "web page": lambda world, ids: [_web(world.alice).post(f"/tasks/{i}/delete/") for i in ids],
    "web batch": lambda world, ids: _web(world.alice).post("/tasks/bulk/", {"action": "delete", "task_ids": ids}),
    "api": lambda world, ids: [_api(world.alice).delete(f"tasks/{i}") for i in ids],
    "api batch": lambda world, ids: _api(world.alice).post("tasks/bulk", {"action": "delete", "task_ids": ids}),
}


@pytest.mark.parametrize("delete", DELETE_PATHS.values(), ids=DELETE_PATHS.keys())
def test_every_task_delete_path_removes_what_points_at_the_task(world, upload, delete,
                                                                django_capture_on_commit_callbacks):
    tasks = [_team_task(world), _team_task(world)]
    paths = [_linked(world, t, "task", upload) for t in tasks]
    with django_capture_on_commit_callbacks(execute=True):
        delete(world, [t.pk for t in tasks])
    assert not Task.objects.filter(pk__in=[t.pk for t in tasks]).exists()
    assert [_left(t) for t in tasks] == [{}, {}]
    assert not Attachment.objects.exists()
    assert not any(os.path.exists(p) or os.path.exists(os.path.dirname(p)) for p in paths)


def test_a_main_tasks_subtasks_are_cleaned_with_it(world, upload, django_capture_on_commit_callbacks):
    main = _team_task(world)
    sub = subtask_create(actor=world.alice, parent_id=main.pk, title="Draft", assignee_ids=[world.bob.pk],
                         due_date=dt.date(2030, 1, 1))
    path = _linked(world, sub, "task", upload)
    with django_capture_on_commit_callbacks(execute=True):
        task_delete(actor=world.alice, task_id=main.pk)
    assert _left(sub) == {} and not os.path.exists(path)


def test_a_batch_may_hold_a_main_task_and_its_subtask(world, upload, django_capture_on_commit_callbacks):
    main = _team_task(world)
    sub = subtask_create(actor=world.alice, parent_id=main.pk, title="Draft", assignee_ids=[world.bob.pk],
                         due_date=dt.date(2030, 1, 1))
    path = _linked(world, sub, "task", upload)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks_bulk(actor=world.alice, action="delete", task_ids=[main.pk, sub.pk]) == 2
    assert not Task.objects.filter(pk__in=[main.pk, sub.pk]).exists()
    assert _left(sub) == {} and not os.path.exists(path)


def test_a_batch_that_rolls_back_keeps_the_rows_and_the_file(world, upload, django_capture_on_commit_callbacks):
    mine = _team_task(world)
    path = _linked(world, mine, "task", upload)
    before = _left(mine)
    bobs = world.task(actor=world.bob, assignees=[world.bob, world.alice])
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(NotAllowed):
        tasks_bulk(actor=world.alice, action="delete", task_ids=[mine.pk, bobs.pk])
    assert Task.objects.filter(pk=mine.pk).exists()
    assert _left(mine) == before and os.path.exists(path)


def test_deleting_a_memo_or_a_project_removes_what_points_at_it(world, upload, django_capture_on_commit_callbacks):
    memo = memo_create(actor=world.alice, title="Budget", recipient_id=world.bob.pk, send=True)
    project = project_create(actor=world.alice, name="Launch", member_ids=[world.bob.pk])
    paths = [_linked(world, memo, "memo", upload), _linked(world, project, "project", upload)]
    with django_capture_on_commit_callbacks(execute=True):
        memo.delete()
        project.delete()
    assert _left(memo) == {} and _left(project) == {}
    assert not any(os.path.exists(p) for p in paths)


def test_deleting_a_customer_cleans_its_tasks_and_deals_and_its_own_reminders(
        world, upload, django_capture_on_commit_callbacks):
    task = _team_task(world)
    customer = task.customer
    deal = deal_create(actor=world.alice, customer_id=customer.pk, title="Renewal")
    path = _linked(world, task, "task", upload)
    for kind, target in (("customer", customer), ("deal", deal)):
        reminder_create(actor=world.alice, target_type=kind, target_id=target.pk,
                        remind_at=timezone.now() + dt.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        customer.delete()
    assert [_left(task), _left(customer), _left(deal)] == [{}, {}, {}] and not os.path.exists(path)


def test_other_objects_keep_their_rows(world, upload, django_capture_on_commit_callbacks):
    doomed, kept = _team_task(world), _team_task(world)
    _linked(world, doomed, "task", upload)
    path = _linked(world, kept, "task", upload)
    before = _left(kept)
    with django_capture_on_commit_callbacks(execute=True):
        task_delete(actor=world.alice, task_id=doomed.pk)
    assert _left(kept) == before and os.path.exists(path)


def test_the_file_goes_when_the_delete_commits(transactional_db, world, upload):
    task = _team_task(world)
    path = _linked(world, task, "task", upload)
    assert _web(world.alice).post(f"/tasks/{task.pk}/delete/").status_code == 302
    assert _left(task) == {} and not os.path.exists(path)


def test_the_file_stays_when_the_delete_rolls_back(transactional_db, world, upload):
    mine = _team_task(world)
    path = _linked(world, mine, "task", upload)
    before = _left(mine)
    bobs = world.task(actor=world.bob, assignees=[world.bob, world.alice])
    r = _api(world.alice).post("tasks/bulk", {"action": "delete", "task_ids": [mine.pk, bobs.pk]})
    assert r.status_code == 403
    assert _left(mine) == before and os.path.exists(path)
