"""What automation does when the apps below announce something: record it for the worker
(``queue``) — never act inside the announcing request — and say what made automatic tasks."""

from django.utils.translation import gettext as _

from followup.automation import deal_rules, queue, stage_rules
from followup.automation.models import StageRule
from followup.customers import events as customer_events
from followup.deals import events as deal_events
from followup.tasks import origins
from followup.tasks.models import Source

STAGE_ENTERED = "stage_entered"
DEAL_STAGE_ENTERED = "deal_stage_entered"


def on_stage_entered(*, organization_id: int, stage: str, batch_key: str, count: int, actor_id) -> None:
    """D8: recorded only when a rule for that stage exists (most stage changes have none)."""
    if stage_rules.rules_for_stage(organization_id=organization_id, stage=stage).exists():
        queue.event_record(kind=STAGE_ENTERED, organization_id=organization_id,
                           payload={"organization_id": organization_id, "stage": stage, "batch_key": batch_key,
                                    "count": count, "actor_id": actor_id})


def on_deal_stage_entered(*, organization_id: int, stage_id: int, deal_ids: list[int], actor_id) -> None:
    """D8: deals entered a stage of their process; recorded only when a rule for it exists."""
    if deal_rules.rules_for_deal_stage(organization_id=organization_id, stage_id=stage_id).exists():
        queue.event_record(kind=DEAL_STAGE_ENTERED, organization_id=organization_id,
                           payload={"organization_id": organization_id, "stage_id": stage_id, "deal_ids": deal_ids,
                                    "actor_id": actor_id})


def describe_rule(rule_id: int) -> str | None:
    name = StageRule.objects.filter(pk=rule_id).values_list("name", flat=True).first()
    return _("Created by the rule “%(name)s”") % {"name": name} if name is not None else None


def connect() -> None:
    customer_events.stage_entered.connect(on_stage_entered)
    queue.handles(STAGE_ENTERED)(stage_rules.stage_entered_handle)
    deal_events.deal_stage_entered.connect(on_deal_stage_entered)
    queue.handles(DEAL_STAGE_ENTERED)(deal_rules.deal_stage_entered_handle)
    origins.register(Source.AUTOMATION, describe_rule)
