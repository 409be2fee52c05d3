"""A6's bars: each task told to the right supervisors once per threshold, by e-mail too (real SMTP)."""

import datetime as dt

import pytest
from django.db.models import Q
from django.utils import timezone

from followup.escalations.firing import escalations_run
from followup.escalations.models import EscalationRule
from followup.notifications.delivery import deliver_outbox
from followup.notifications.models import Event, Notification
from followup.tasks.models import TaskType

pytestmark = pytest.mark.django_db
TODAY = timezone.now().date()


def told(task):
    """Who was told about ``task``: by a notification of its own, or in a batch's list."""
    return sorted(Notification.objects.filter(event=Event.TASK_ESCALATED).filter(
        Q(object_id=task.pk) | Q(detail__contains=f"/tasks/{task.pk}/")).values_list("recipient__username", flat=True))


def rule(world, hours=48, **fields):
    return EscalationRule.objects.create(organization=world.org, overdue_hours=hours, **fields)


def test_the_department_head_is_told_once_by_e_mail(world, smtp_inbox):
    rule(world)
    task = world.task("Send the offer", actor=world.alice, due_date=TODAY - dt.timedelta(days=3))
    assert escalations_run() == 1
    assert escalations_run() == 0
    assert told(task) == ["bob"]
    deliver_outbox()
    [mail] = [m for m in smtp_inbox.messages if "Overdue" in m["subject"]]
    assert mail["to"] == ["bob@example.com"] and "Send the offer" in mail["subject"]
    assert f"/tasks/{task.pk}/" in mail["body"]


def test_not_yet_late_enough_waits(world):
    rule(world, hours=72)
    world.task(due_date=TODAY - dt.timedelta(days=2))
    assert escalations_run() == 0


def test_managers_for_unassigned_tasks_and_for_the_head_s_own(world):
    rule(world)
    unassigned = world.task("Nobody's", assignees=[], due_date=TODAY - dt.timedelta(days=5))
    heads_own = world.task("Bob's", actor=world.bob, due_date=TODAY - dt.timedelta(days=5))
    escalations_run()
    assert told(unassigned) == ["carol"] and told(heads_own) == ["carol"]


def test_a_managers_own_late_task_goes_to_the_other_managers(world):
    rule(world)
    dora = world.user("dora", role="manager")
    task = world.task("Carol's", actor=world.carol, due_date=TODAY - dt.timedelta(days=5))
    escalations_run()
    assert told(task) == [dora.username]


def test_once_per_threshold_and_per_type(world):
    call = TaskType.objects.create(organization=world.org, name="Call back", position=99)
    rule(world, hours=24)
    rule(world, hours=24 * 4, task_type=call)
    typed = world.task("Typed", due_date=TODAY - dt.timedelta(days=6), type_id=call.pk)
    plain = world.task("Plain", due_date=TODAY - dt.timedelta(days=6))
    assert escalations_run() == 3
    assert escalations_run() == 0
    assert told(typed) == ["bob", "bob"] and told(plain) == ["bob"]


def test_a_timed_task_is_late_from_its_time_and_completed_ones_never(world):
    rule(world, hours=2)
    now = timezone.now()
    late = world.task("Timed", due_date=TODAY, due_time=None)
    late.due_at = now - dt.timedelta(hours=3)
    late.save(update_fields=["due_at"])
    done = world.task("Done", due_date=TODAY - dt.timedelta(days=9))
    done.is_pending = False
    done.save(update_fields=["is_pending"])
    assert escalations_run(now=now) == 1
    assert told(late) == ["bob"] and told(done) == []


def test_other_organizations_tasks_are_theirs(world):
    rule(world)
    world.task(actor=world.mallory, due_date=TODAY - dt.timedelta(days=5))
    assert escalations_run() == 0


def test_one_notification_per_supervisor_for_many_tasks(world, smtp_inbox, django_assert_max_num_queries):
    rule(world)
    tasks = [world.task(f"Late {i}", due_date=TODAY - dt.timedelta(days=4)) for i in range(30)]
    with django_assert_max_num_queries(20):
        assert escalations_run() == 30
    [note] = Notification.objects.filter(event=Event.TASK_ESCALATED)
    assert note.recipient == world.bob and note.title == "30 tasks of your people are overdue by more than 2 days"
    assert all(told(t) == ["bob"] for t in tasks)
    deliver_outbox()
    [mail] = [m for m in smtp_inbox.messages if "overdue" in m["subject"]]
    assert mail["to"] == ["bob@example.com"] and f"/tasks/{tasks[-1].pk}/" in mail["body"]
