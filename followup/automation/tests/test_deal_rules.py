"""D8 for deals: a deal entering a stage of its sales process gets each active rule's task,
made in the background, tied to the deal; the stage is named by id, so a rename keeps the rule."""

import pytest

from followup.automation.models import AssignTo, PendingEvent, RuleRun
from followup.automation.queue import events_process
from followup.automation.rules import rule_create
from followup.automation.stage_rules import rule_run_for_current, rule_would_create
from followup.core.exceptions import FieldErrors
from followup.customers.models import CustomerKind
from followup.deals.models import SalesProcess
from followup.deals.processes import stage_delete, stage_rename
from followup.deals.services import deal_create, deal_set_stage
from followup.tasks.models import Source, Task


@pytest.fixture
def stages(world):
    """The default sales process's stages of Acme: Qualification, Needs analysis, Proposal, ..."""
    return list(SalesProcess.objects.get(organization=world.org).stages.order_by("position"))


@pytest.fixture
def deal_rule(world, stages):
    def _deal_rule(at=None, **fields):
        values = {"name": "Proposal → follow up", "title": "Follow up {customer} at {stage} ({owner})",
                  "deal_stage_id": (at or stages[2]).pk, "due_in_days": 2, "assign_to": AssignTo.CUSTOMER_OWNER,
                  **fields}
        return rule_create(actor=world.adam, **values)
    return _deal_rule


def a_deal(world, owner=None, **customer_fields):
    customer = world.customer("Elena Marsh", **customer_fields)
    return deal_create(actor=owner or world.alice, customer_id=customer.pk, title="Fleet of 12 vans")


def test_a_deal_entering_the_stage_gets_the_rules_task(world, stages, deal_rule):
    rule = deal_rule()
    deal = a_deal(world)

    deal_set_stage(actor=world.alice, deal_id=deal.pk, stage_id=stages[2].pk)
    assert not Task.objects.exists()  # the worker makes it, not the request
    events_process()

    task = Task.objects.get()
    assert task.title == "Follow up Elena Marsh at Proposal (Alice Archer)"
    assert task.deal_id == deal.pk and task.customer_id == deal.customer_id
    assert task.source == Source.AUTOMATION and task.origin_id == rule.pk and task.owner == world.adam
    assert list(task.assignees.all()) == [world.alice]  # the deal's owner
    assert RuleRun.objects.get().trigger == RuleRun.Trigger.DEAL_STAGE


def test_another_stage_and_no_rule_record_nothing(world, stages, deal_rule):
    deal_rule()
    deal = a_deal(world)
    deal_set_stage(actor=world.alice, deal_id=deal.pk, stage_id=stages[1].pk)

    events_process()
    assert not Task.objects.exists() and not PendingEvent.objects.exists()


def test_a_deal_made_at_the_stage_fires_it(world, stages, deal_rule):
    deal_rule(at=stages[0])

    a_deal(world)
    events_process()

    assert Task.objects.count() == 1


def test_a_renamed_stage_keeps_its_rules(world, stages, deal_rule):
    deal_rule(title="{stage}: {customer}")
    stage_rename(actor=world.adam, stage_id=stages[2].pk, name="Offer sent")
    deal = a_deal(world)

    deal_set_stage(actor=world.alice, deal_id=deal.pk, stage_id=stages[2].pk)
    events_process()

    assert Task.objects.get().title == "Offer sent: Elena Marsh"


def test_deals_moved_off_a_deleted_stage_enter_the_new_one(world, stages, deal_rule):
    deal_rule()
    deals = [a_deal(world) for _ in range(3)]
    for deal in deals:
        deal_set_stage(actor=world.alice, deal_id=deal.pk, stage_id=stages[1].pk)

    stage_delete(actor=world.adam, stage_id=stages[1].pk, move_to_id=stages[2].pk)
    events_process()

    assert sorted(Task.objects.values_list("deal_id", flat=True)) == sorted(d.pk for d in deals)


def test_conditions_on_the_deals_owner_and_the_customers_kind(world, stages, deal_rule):
    deal_rule(only_owner_id=world.bob.pk, only_kind=CustomerKind.COMPANY, assign_to=AssignTo.FIXED,
              assign_user_id=world.adam.pk)
    alices = a_deal(world, kind=CustomerKind.COMPANY)
    bobs_person = a_deal(world, owner=world.bob, kind=CustomerKind.PERSON)
    bobs_company = a_deal(world, owner=world.bob, kind=CustomerKind.COMPANY)

    for deal, who in ((alices, world.alice), (bobs_person, world.bob), (bobs_company, world.bob)):
        deal_set_stage(actor=who, deal_id=deal.pk, stage_id=stages[2].pk)
    events_process()

    task = Task.objects.get()
    assert task.deal_id == bobs_company.pk and list(task.assignees.all()) == [world.adam]


def test_preview_and_run_for_the_open_deals_already_at_the_stage(world, stages, deal_rule):
    deal = a_deal(world)
    deal_set_stage(actor=world.alice, deal_id=deal.pk, stage_id=stages[2].pk)
    rule = deal_rule()  # made after the move: it does not act by itself

    events_process()
    assert rule_would_create(rule) == 1 and not Task.objects.exists()
    assert rule_run_for_current(rule=rule).made == 1
    assert Task.objects.get().deal_id == deal.pk


def test_a_stage_of_another_organization_or_both_kinds_of_stage_are_refused(world, deal_rule):
    theirs = SalesProcess.objects.get(organization=world.other_org).stages.first()
    with pytest.raises(FieldErrors) as caught:
        deal_rule(at=theirs)
    assert "deal_stage_id" in caught.value.errors
    with pytest.raises(FieldErrors) as caught:
        deal_rule(stage="prospect")
    assert caught.value.errors["stage"] == ["Choose a customer stage or a deal stage, not both."]
    with pytest.raises(FieldErrors) as caught:
        rule_create(actor=world.adam, name="x", title="x")
    assert caught.value.errors["stage"] == ["Choose the stage whose entry fires the rule."]
