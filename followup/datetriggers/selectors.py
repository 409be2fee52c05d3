"""Reads of date triggers (A1) for their pages and the API."""

from django.db.models import Max, QuerySet

from followup.accounts.models import User
from followup.automation.checks import ensure_admin
from followup.core.pagination import Page, paginate
from followup.datetriggers.firing import passed_unfired
from followup.datetriggers.models import DateTrigger, TriggerRun

PREVIEW_ROWS = 50


def trigger_list(*, actor: User, page: int = 1, size: int | None = None) -> Page[DateTrigger]:
    """The organization's triggers with their last run. Queries: the count and one page."""
    ensure_admin(actor)
    triggers: QuerySet[DateTrigger] = (
        DateTrigger.objects.filter(organization_id=actor.organization_id)
        .select_related("author", "assign_user", "assign_department", "assign_team", "task_type")
        .annotate(last_run_at=Max("runs__started_at"))
        .order_by("name", "id")
    )
    return paginate(triggers, number=page, size=size)


def trigger_runs(*, trigger: DateTrigger, limit: int = 50) -> list[TriggerRun]:
    return list(trigger.runs.order_by("-started_at", "-id")[:limit])


def trigger_preview(*, trigger: DateTrigger) -> dict:
    """A1's preview: the occurrences whose trigger day has passed and that no run acted on
    (how many, and the first ``PREVIEW_ROWS`` of them). Queries: two."""
    passed = passed_unfired(trigger)
    rows = list(passed.values("pk", "name", "occurrence")[:PREVIEW_ROWS])
    return {"count": len(rows) if len(rows) < PREVIEW_ROWS else passed.count(), "rows": rows}
