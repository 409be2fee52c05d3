"""Reads of auto-flow rules for their pages and the API."""

from django.db.models import Count, Max, QuerySet

from followup.accounts.models import User
from followup.automation.checks import ensure_admin
from followup.automation.models import RuleRun, StageRule
from followup.core.pagination import Page, paginate


def rule_list(*, actor: User, page: int = 1, size: int | None = None) -> Page[StageRule]:
    """The organization's rules with their last run and what they made. Queries: one page."""
    ensure_admin(actor)
    rules: QuerySet[StageRule] = (
        StageRule.objects.filter(organization_id=actor.organization_id)
        .select_related("author", "assign_user", "assign_department", "assign_team", "only_owner", "deal_stage")
        .annotate(run_count=Count("runs"), last_run_at=Max("runs__started_at"))
        .order_by("name", "id")
    )
    return paginate(rules, number=page, size=size)


def rule_runs(*, rule: StageRule, limit: int = 50) -> list[RuleRun]:
    return list(rule.runs.order_by("-started_at", "-id")[:limit])
