"""D8, auto-flow: when customers enter a lifecycle stage, each active rule for that stage makes
its task for each of them, through the task services (one task: ``task_create``; many: the
set-based ``tasks_create_for_customers``), so history, notifications and visibility are those of
a task made by hand. The task is owned by the rule's author and records the rule as its origin.

A rule acts on customers who enter its stage after it was made; those already there are for
an administrator to include explicitly (``rule_run_for_current``, from the rule's preview).
"""

import zoneinfo
from collections.abc import Iterable, Iterator
from itertools import chain, islice

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from followup.automation.assignment import assign_stream
from followup.automation.deal_rules import deal_rule_make_tasks, rule_current_deals
from followup.automation.due import due_after
from followup.automation.models import RuleRun, StageRule
from followup.core.exceptions import FieldErrors
from followup.core.sqlrows import ids_in
from followup.core.text import lazy_format
from followup.customers.models import Customer, StageChange
from followup.tasks.bulk_create import Blueprint, tasks_create_for_customers
from followup.tasks.models import Source
from followup.tasks.services import task_create

CHUNK = 10_000  # customers read at a time


def rules_for_stage(*, organization_id: int, stage: str, made_before=None) -> QuerySet[StageRule]:
    rules = StageRule.objects.filter(organization_id=organization_id, stage=stage, is_active=True)
    if made_before is not None:
        rules = rules.filter(created_at__lte=made_before)
    return rules.select_related("author", "author__organization").order_by("id")


def rule_customers(rule: StageRule, customers: QuerySet[Customer]) -> QuerySet[Customer]:
    """The customers among ``customers`` that the rule's conditions admit."""
    customers = customers.filter(organization_id=rule.organization_id)
    if rule.only_owner_id:
        customers = customers.filter(owner_id=rule.only_owner_id)
    if rule.only_kind:
        customers = customers.filter(kind=rule.only_kind)
    return customers


def rule_current_customers(rule: StageRule) -> QuerySet[Customer]:
    """Who is in the rule's stage now (the preview counts them)."""
    return rule_customers(rule, Customer.objects.filter(stage=rule.stage))


def _title(rule: StageRule) -> str:
    return rule.title.replace("{stage}", str(rule.stage_label))


def _person_name(user) -> str:
    return user.display_name if user is not None else ""


def rule_make_tasks(rule: StageRule, chunks: Iterable[QuerySet[Customer]], *, trigger: str) -> RuleRun:
    """Make the rule's task for each customer of ``chunks`` (querysets of at most a few thousand
    customers each, read one after the other: a run of any size holds one in memory); the run is
    logged, failure included (the caller's transaction then rolls the tasks back, and the error
    stays in the log)."""
    run = RuleRun.objects.create(rule=rule, trigger=trigger, started_at=timezone.now())
    author = rule.author
    if author is None or not author.is_active:
        run.error = _("The rule's author is no longer active: give the rule to someone else.")
    else:
        rows = (row for chunk in chunks
                for row in rule_customers(rule, chunk).order_by("pk").values_list("pk", "owner_id"))
        pairs = assign_stream(rule, organization_id=rule.organization_id, customers=rows)
        first = list(islice(pairs, 2))
        due_date, due_at = due_after(now=timezone.now(), time_zone=author.time_zone, days=rule.due_in_days,
                                     hours=rule.due_in_hours, skip_weekends=rule.skip_weekends)
        if len(first) == 1:
            _one_task(rule, author, first[0], due_date, due_at)
            run.made = 1
        elif first:
            run.made = tasks_create_for_customers(
                actor=author, pairs=chain(first, pairs), source=Source.AUTOMATION, origin_id=rule.pk,
                origin_label=lazy_format(gettext_lazy("The rule “%(name)s”"), name=rule.name),
                blueprint=Blueprint(title=_title(rule), due_date=due_date, due_at=due_at, priority=rule.priority,
                                    type_id=rule.task_type_id, description=rule.description),
            )
    run.finished_at = timezone.now()
    run.save(update_fields=["made", "error", "finished_at"])
    return run


def _in_chunks(customers: QuerySet[Customer]) -> Iterator[QuerySet[Customer]]:
    """``customers`` a chunk at a time, by primary key (each chunk one indexed range)."""
    after = 0
    while ids := list(customers.filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)[:CHUNK]):
        yield Customer.objects.filter(ids_in(Customer, ids))
        after = ids[-1]


def _moved_in_chunks(batch_key: str) -> Iterator[QuerySet[Customer]]:
    """The customers of one (bulk) stage change, a chunk at a time, in the order of their stage
    change rows: each chunk is a range of the (batch key, id) index, so no plan depends on how
    fresh the table's statistics are after a move of a hundred thousand rows."""
    after = 0
    while rows := list(StageChange.objects.filter(batch_key=batch_key, pk__gt=after).order_by("pk")
                       .values_list("pk", "customer_id")[:CHUNK]):
        yield Customer.objects.filter(ids_in(Customer, [customer for _pk, customer in rows]))
        after = rows[-1][0]


def _one_task(rule: StageRule, author, pair, due_date, due_at) -> None:
    customer = Customer.objects.select_related("owner").get(pk=pair[0])
    title = _title(rule).replace("{customer}", customer.name).replace("{owner}", _person_name(customer.owner))
    zone = zoneinfo.ZoneInfo(author.time_zone or "UTC")
    due_time = timezone.localtime(due_at, timezone=zone).time() if due_at else None
    task_create(
        actor=author, title=title[:200], customer_id=customer.pk, assignee_ids=[pair[1]] if pair[1] else [],
        due_date=due_date, due_time=due_time, priority=rule.priority, type_id=rule.task_type_id,
        description=rule.description, source=Source.AUTOMATION, origin_id=rule.pk,
    )


def stage_entered_handle(payload: dict, *, announced_at) -> int:
    """The worker's half of a ``stage_entered`` announcement: every rule made before it acts."""
    made = 0
    for rule in rules_for_stage(organization_id=payload["organization_id"], stage=payload["stage"],
                                made_before=announced_at):
        made += rule_make_tasks(rule, _moved_in_chunks(payload["batch_key"]), trigger=RuleRun.Trigger.STAGE).made
    return made


def rule_would_create(rule: StageRule) -> int:
    """The preview: how many tasks a run for the customers (or deals) now in the stage makes."""
    return (rule_current_deals(rule) if rule.is_deal_rule else rule_current_customers(rule)).count()


def rule_run_for_current(*, rule: StageRule) -> RuleRun:
    """The preview's "create them now": the rule acts on the customers (or open deals) already
    in its stage (the caller checks that an administrator asked)."""
    if not rule.is_active:
        raise FieldErrors.single("is_active", _("The rule is paused: switch it on first."))
    if rule.is_deal_rule:
        return deal_rule_make_tasks(rule, rule_current_deals(rule), trigger=RuleRun.Trigger.MANUAL)
    return rule_make_tasks(rule, _in_chunks(Customer.objects.filter(stage=rule.stage)), trigger=RuleRun.Trigger.MANUAL)
