"""D8 for deals: when deals enter a stage of their sales process, each active rule for that
stage (named by the stage's id) makes its task for each of them, through ``task_create``, tied
to the deal and its customer, owned by the rule's author, its origin the rule. A deal rule's
"owner" is the deal's owner: the condition, the ``{owner}`` placeholder and "assign to the
owner" alike. Deals move one at a time (or a stage's deals when it is deleted), so one service
call per task keeps history, notifications and visibility exactly as for a task made by hand.
"""

import zoneinfo

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.automation.assignment import assign
from followup.automation.due import due_after
from followup.automation.models import RuleRun, StageRule
from followup.deals.models import Deal, DealStatus
from followup.tasks.models import Source
from followup.tasks.services import task_create
from followup.tasks.validation import TaskLinks


def rules_for_deal_stage(*, organization_id: int, stage_id: int, made_before=None) -> QuerySet[StageRule]:
    rules = StageRule.objects.filter(organization_id=organization_id, deal_stage_id=stage_id, is_active=True)
    if made_before is not None:
        rules = rules.filter(created_at__lte=made_before)
    return rules.select_related("author", "author__organization", "deal_stage").order_by("id")


def rule_deals(rule: StageRule, deals: QuerySet[Deal]) -> QuerySet[Deal]:
    """The deals among ``deals`` that the rule's conditions admit (a deal that entered the
    stage gets its task even if it moved on before the worker came)."""
    deals = deals.filter(organization_id=rule.organization_id)
    if rule.only_owner_id:
        deals = deals.filter(owner_id=rule.only_owner_id)
    if rule.only_kind:
        deals = deals.filter(customer__kind=rule.only_kind)
    return deals


def rule_current_deals(rule: StageRule) -> QuerySet[Deal]:
    """The open deals at the rule's stage now (the preview counts them)."""
    return rule_deals(rule, Deal.objects.filter(stage_id=rule.deal_stage_id, status=DealStatus.OPEN))


def _title(rule: StageRule, deal: Deal) -> str:
    owner = deal.owner.display_name if deal.owner is not None else ""
    title = rule.title.replace("{stage}", rule.stage_label).replace("{customer}", deal.customer.name)
    return title.replace("{owner}", owner)[:200]


def deal_rule_make_tasks(rule: StageRule, deals: QuerySet[Deal], *, trigger: str) -> RuleRun:
    """Make the rule's task for each admitted deal; the run is logged, failure included."""
    run = RuleRun.objects.create(rule=rule, trigger=trigger, started_at=timezone.now())
    author = rule.author
    if author is None or not author.is_active:
        run.error = _("The rule's author is no longer active: give the rule to someone else.")
    else:
        chosen = list(rule_deals(rule, deals).select_related("customer", "owner").order_by("pk"))
        pairs = assign(rule, organization_id=rule.organization_id, customers=[(d.pk, d.owner_id) for d in chosen])
        due_date, due_at = due_after(now=timezone.now(), time_zone=author.time_zone, days=rule.due_in_days,
                                     hours=rule.due_in_hours, skip_weekends=rule.skip_weekends)
        zone = zoneinfo.ZoneInfo(author.time_zone or "UTC")
        due_time = timezone.localtime(due_at, timezone=zone).time() if due_at else None
        for deal, (_deal_id, assignee) in zip(chosen, pairs, strict=True):
            task_create(actor=author, title=_title(rule, deal), customer_id=deal.customer_id,
                        assignee_ids=[assignee] if assignee else [], due_date=due_date, due_time=due_time,
                        priority=rule.priority, type_id=rule.task_type_id, description=rule.description,
                        source=Source.AUTOMATION, origin_id=rule.pk, links=TaskLinks(deal_id=deal.pk))
        run.made = len(chosen)
    run.finished_at = timezone.now()
    run.save(update_fields=["made", "error", "finished_at"])
    return run


def deal_stage_entered_handle(payload: dict, *, announced_at) -> int:
    """The worker's half of a ``deal_stage_entered`` announcement: every rule made before it acts."""
    moved = Deal.objects.filter(pk__in=payload["deal_ids"])
    made = 0
    for rule in rules_for_deal_stage(organization_id=payload["organization_id"], stage_id=payload["stage_id"],
                                     made_before=announced_at):
        made += deal_rule_make_tasks(rule, moved, trigger=RuleRun.Trigger.DEAL_STAGE).made
    return made
