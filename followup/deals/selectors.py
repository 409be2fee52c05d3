"""Reads of deals (J18): the list with its filters, one deal with its memos, tasks and changes,
the sales processes a deal form offers, and a customer's deals for the profile."""

from django.db.models import Case, QuerySet, Value, When

from followup.accounts.models import User
from followup.core.pagination import Page, paginate
from followup.deals.access import deal_get, deals_visible_to
from followup.deals.models import DEFAULT_CURRENCY, Deal, DealChange, DealStatus, SalesProcess
from followup.memos.access import memos_visible_to
from followup.memos.models import Memo
from followup.tasks.access import tasks_visible_to
from followup.tasks.models import Task


def _with_people(qs: QuerySet[Deal]) -> QuerySet[Deal]:
    return qs.select_related("customer", "owner", "process")


def deal_list(*, actor: User, status: str | None = None, customer_id: int | None = None, page: int = 1,
              size: int | None = None) -> Page[Deal]:
    """Newest first, optionally of one status or one customer. Queries: deals with their
    customer, owner and process (one query)."""
    qs = deals_visible_to(actor)
    if status:
        qs = qs.filter(status=DealStatus(status))
    if customer_id:
        qs = qs.filter(customer_id=customer_id)
    return paginate(_with_people(qs).order_by("-created_at", "-id"), number=page, size=size)


def currency_default(organization_id: int) -> str:
    """The currency a new deal starts in: that of the organization's latest deal (a team sells in
    its own currency), or EUR for its first."""
    latest = Deal.objects.filter(organization_id=organization_id).order_by("-created_at", "-id")
    return latest.values_list("currency", flat=True).first() or DEFAULT_CURRENCY


def deal_detail(*, actor: User, deal_id: int) -> Deal:
    return deal_get(actor=actor, deal_id=deal_id, queryset=_with_people(deals_visible_to(actor)))


def deal_memos(*, actor: User, deal: Deal, limit: int = 100) -> list[Memo]:
    return list(memos_visible_to(actor).filter(deal_id=deal.pk).select_related("author", "recipient")
                .order_by("-updated_at")[:limit])


def deal_tasks(*, actor: User, deal: Deal, limit: int = 100) -> list[Task]:
    return list(tasks_visible_to(actor).filter(deal_id=deal.pk).select_related("status")
                .order_by("-is_pending", "due_date", "id")[:limit])


def deal_changes(*, deal: Deal, limit: int = 100) -> list[DealChange]:
    """The deal's stage and status changes, newest first, with who made them."""
    return list(deal.changes.select_related("actor").order_by("-created_at", "-id")[:limit])


def sales_processes(actor: User) -> list[SalesProcess]:
    """The pipelines a deal form offers, each with its stages."""
    return list(SalesProcess.objects.filter(organization_id=actor.organization_id).order_by("name", "id"))


def sales_process_for_form(actor: User, process_id) -> SalesProcess | None:
    """The process whose stages the form's stage field lists: the one chosen, if it is the
    organization's; ``None`` otherwise (the field is then empty)."""
    try:
        return SalesProcess.objects.get(pk=int(process_id), organization_id=actor.organization_id)
    except (SalesProcess.DoesNotExist, TypeError, ValueError, OverflowError):
        return None


def customer_deals(*, actor: User, customer_id: int, limit: int = 20) -> Page:
    """The customer profile's deals: open ones first, then the newest; ``has_next`` tells the
    card to link to the full list."""
    closed = Case(When(status=DealStatus.OPEN, then=Value(0)), default=Value(1))
    qs = deals_visible_to(actor).filter(customer_id=customer_id)
    return paginate(qs.order_by(closed, "-created_at", "-id"), number=1, size=limit)
