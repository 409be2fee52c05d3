"""The task and deal services announce closings once, for the apps above (L2, B3, L4)."""

import pytest

from followup.deals import events as deal_events
from followup.deals.services import deal_create, deal_mark_lost, deal_mark_won, deal_reopen
from followup.tasks import hooks
from followup.tasks.models import StatusCategory, TaskStatus
from followup.tasks.services import task_complete, task_reopen, task_set_status, task_update


@pytest.fixture
def heard():
    """What ``task_closed`` and ``deal_closed`` announced during the test."""
    said = []

    def on_task(*, task, actor, category):
        said.append(("task", task.title, category))

    def on_deal(*, deal, actor, outcome):
        said.append(("deal", deal.title, outcome))

    hooks.task_closed.connect(on_task)
    deal_events.deal_closed.connect(on_deal)
    yield said
    hooks.task_closed._receivers.remove(on_task)
    deal_events.deal_closed._receivers.remove(on_deal)


def test_completing_announces_once(world, heard):
    task = world.task("Call")

    task_complete(actor=world.alice, task_id=task.pk)
    task_complete(actor=world.alice, task_id=task.pk)

    assert heard == [("task", "Call", StatusCategory.DONE)]


def test_cancelling_by_status_and_by_edit_announces(world, heard):
    canceled = TaskStatus.objects.get(organization=world.org, category=StatusCategory.CANCELED)
    first, second = world.task("One"), world.task("Two")

    task_set_status(actor=world.alice, task_id=first.pk, status_id=canceled.pk)
    task_update(actor=world.alice, task_id=second.pk, status_id=canceled.pk)

    assert [h[1] for h in heard] == ["One", "Two"]


def test_reopening_announces_nothing(world, heard):
    task = world.task("Call")
    task_complete(actor=world.alice, task_id=task.pk)
    heard.clear()

    task_reopen(actor=world.alice, task_id=task.pk)

    assert heard == []


def test_winning_and_losing_a_deal_announce_it(world, heard):
    deal = deal_create(actor=world.alice, customer_id=world.customer().pk, title="Renewal")

    deal_mark_won(actor=world.alice, deal_id=deal.pk)
    deal_reopen(actor=world.alice, deal_id=deal.pk)
    deal_mark_lost(actor=world.alice, deal_id=deal.pk)

    assert heard == [("deal", "Renewal", "won"), ("deal", "Renewal", "lost")]
