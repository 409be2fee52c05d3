"""J2 "due soon": the people of a task with a time are told shortly before it falls due, once."""

import datetime as dt

from django.utils import timezone

from followup.notifications.models import Event, Notification
from followup.tasks.due_soon import tasks_due_soon_notify
from followup.tasks.services import task_complete, task_update

LEAD = dt.timedelta(minutes=60)


def timed_task(world, minutes_from_now, **kwargs):
    due = timezone.now() + dt.timedelta(minutes=minutes_from_now)
    return world.task(due_date=due.date(), due_time=due.time().replace(microsecond=0), **kwargs)


def due_soon_titles(user):
    return list(Notification.objects.filter(recipient=user, event=Event.TASK_DUE_SOON).values_list("title", flat=True))


def test_assignee_is_told_once(world):
    timed_task(world, 30, actor=world.bob, assignees=[world.alice])
    assert tasks_due_soon_notify(lead=LEAD) == 1
    assert tasks_due_soon_notify(lead=LEAD) == 0
    [title] = due_soon_titles(world.alice)
    assert "Call back" in title and "due in" in title


def test_task_due_later_or_done_is_not_told(world):
    timed_task(world, 180)
    done = timed_task(world, 20)
    task_complete(actor=world.alice, task_id=done.id)
    assert tasks_due_soon_notify(lead=LEAD) == 0


def test_rescheduled_task_is_told_again_about_its_new_time(world):
    task = timed_task(world, 30, actor=world.bob, assignees=[world.alice])
    tasks_due_soon_notify(lead=LEAD)
    later = timezone.localtime(timezone.now() + dt.timedelta(minutes=45))
    task_update(actor=world.bob, task_id=task.id, due_date=later.date(), due_time=later.time().replace(microsecond=0))
    assert tasks_due_soon_notify(lead=LEAD) == 1
    assert len(due_soon_titles(world.alice)) == 2


def test_unassigned_task_tells_its_owner(world):
    timed_task(world, 10, actor=world.bob, assignees=[])
    tasks_due_soon_notify(lead=LEAD)
    assert len(due_soon_titles(world.bob)) == 1
