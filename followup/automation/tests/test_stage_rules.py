"""D8 auto-flow: a customer entering a stage gets each active rule's task, made in the background."""

import datetime as dt

from django.utils import timezone

from followup.automation.models import AssignTo, PendingEvent, RuleRun, StageRule
from followup.automation.queue import events_process
from followup.automation.stage_rules import rule_current_customers, rule_run_for_current
from followup.customers.models import CustomerKind, Stage
from followup.customers.services import customer_update
from followup.customers.stages import customers_move_to_stage
from followup.notifications.models import Event, Notification
from followup.tasks.models import HistoryAction, HistoryEntry, Source, Task


def move(world, customer, stage=Stage.PROSPECT, actor=None):
    customer_update(actor=actor or world.alice, customer_id=customer.pk, stage=stage)


def test_a_customer_entering_the_stage_gets_the_rules_task(world, rule):
    r = rule()
    customer = world.customer("Elena Marsh", owner=world.bob)

    move(world, customer)
    assert not Task.objects.filter(customer=customer).exists()  # made by the worker, not in the request
    events_process()

    task = Task.objects.get(customer=customer)
    assert task.title == "Call Elena Marsh" and task.owner == world.adam
    assert task.source == Source.AUTOMATION and task.origin_id == r.pk
    assert list(task.assignees.all()) == [world.bob]
    assert HistoryEntry.objects.filter(task=task, action=HistoryAction.CREATED).exists()
    assert Notification.objects.filter(recipient=world.bob, event=Event.TASK_CREATED).exists()


def test_the_due_date_counts_from_the_stage_change(world, rule):
    rule(due_in_days=3)
    customer = world.customer()

    move(world, customer)
    events_process()

    assert Task.objects.get(customer=customer).due_date == timezone.localdate() + dt.timedelta(days=3)


def test_an_event_is_acted_on_once(world, rule):
    rule()
    customer = world.customer()
    move(world, customer)

    events_process()
    events_process()

    assert Task.objects.filter(customer=customer).count() == 1
    assert PendingEvent.objects.get().processed_at is not None


def test_a_paused_rule_makes_nothing(world, rule):
    rule(is_active=False)
    customer = world.customer()

    move(world, customer)
    events_process()

    assert not Task.objects.filter(customer=customer).exists()


def test_a_rule_made_after_the_stage_change_does_not_act_on_it(world, rule):
    rule(name="Old rule")
    customer = world.customer()
    move(world, customer)
    rule(name="New rule", title="Send {customer} a brochure")

    events_process()

    assert [t.title for t in Task.objects.filter(customer=customer)] == [f"Call {customer.name}"]


def test_another_stage_leaves_the_rule_alone(world, rule):
    rule(stage=Stage.CUSTOMER)
    customer = world.customer()

    move(world, customer, Stage.PROSPECT)
    events_process()

    assert not Task.objects.filter(customer=customer).exists()
    assert not PendingEvent.objects.exists()  # nothing to do, nothing recorded


def test_conditions_on_kind_and_owner(world, rule):
    rule(only_kind=CustomerKind.COMPANY, only_owner=world.bob)
    person = world.customer("Person", owner=world.bob)
    company = world.customer("Company", kind=CustomerKind.COMPANY, owner=world.bob)
    others = world.customer("Not Bob's", kind=CustomerKind.COMPANY, owner=world.alice)

    for c in (person, company, others):
        move(world, c)
    events_process()

    assert list(Task.objects.values_list("customer__name", flat=True)) == ["Company"]


def test_bulk_move_makes_a_task_per_customer_round_robin_with_history_and_one_digest(world, rule):
    rule(assign_to=AssignTo.ROUND_ROBIN, assign_department=world.sales, title="Welcome {customer} ({stage})")
    customers = [world.customer(f"Bulk {i}") for i in range(30)]

    moved = customers_move_to_stage(actor=world.alice, customer_ids=[c.pk for c in customers], stage=Stage.PROSPECT)
    events_process()

    assert moved == 30
    tasks = Task.objects.filter(source=Source.AUTOMATION)
    assert tasks.count() == 30 and tasks.filter(title="Welcome Bulk 7 (Prospect)").exists()
    per_person = {u.username: Task.objects.filter(assignments__user=u).count() for u in (world.alice, world.bob)}
    assert per_person == {"alice": 15, "bob": 15}
    assert HistoryEntry.objects.filter(task__in=tasks, action=HistoryAction.CREATED).count() == 30
    digest = Notification.objects.filter(recipient=world.alice, event=Event.TASK_ASSIGNED)
    assert [n.title for n in digest] == ["The rule “Prospect → call within 2 days” gave you 15 new tasks"]


def test_bulk_move_records_each_customers_old_stage(world):
    lead, churned = world.customer("A"), world.customer("B", stage=Stage.CHURNED)

    customers_move_to_stage(actor=world.alice, customer_ids=[lead.pk, churned.pk], stage=Stage.CUSTOMER)

    changes = {c.customer.name: (c.old, c.new) for c in lead.stage_changes.model.objects.all()}
    assert changes == {"A": ("lead", "customer"), "B": ("churned", "customer")}


def test_bulk_move_ignores_another_organizations_customers(world):
    theirs = world.customer("Theirs", organization=world.other_org)

    assert customers_move_to_stage(actor=world.alice, customer_ids=[theirs.pk], stage=Stage.CUSTOMER) == 0
    theirs.refresh_from_db()
    assert theirs.stage == Stage.LEAD


def test_preview_counts_and_run_for_current_acts_on_those_already_in_the_stage(world, rule):
    for i in range(3):
        world.customer(f"Already {i}", stage=Stage.PROSPECT)
    r = rule()

    assert rule_current_customers(r).count() == 3
    run = rule_run_for_current(rule=r)

    assert run.made == 3 and run.trigger == RuleRun.Trigger.MANUAL
    assert Task.objects.filter(origin_id=r.pk).count() == 3


def test_a_rule_whose_author_left_logs_the_failure(world, rule):
    r = rule()
    world.adam.is_active = False
    world.adam.save()

    move(world, world.customer())
    events_process()

    run = RuleRun.objects.get(rule=r)
    assert run.made == 0 and "no longer active" in run.error
    assert not Task.objects.filter(source=Source.AUTOMATION).exists()


def test_the_task_page_names_the_rule(world, rule, login):
    rule(name="Qualified → call within 2 days")
    customer = world.customer(owner=world.alice)
    move(world, customer)
    events_process()
    task = Task.objects.get(customer=customer)

    html = login(world.alice).get(f"/tasks/{task.pk}/").content.decode()

    assert "Created by the rule “Qualified → call within 2 days”" in html


def test_stage_rules_survive_a_deleted_rule_on_the_task_page(world, rule, login):
    r = rule()
    customer = world.customer(owner=world.alice)
    move(world, customer)
    events_process()
    task = Task.objects.get(customer=customer)
    StageRule.objects.filter(pk=r.pk).delete()

    assert login(world.alice).get(f"/tasks/{task.pk}/").status_code == 200
