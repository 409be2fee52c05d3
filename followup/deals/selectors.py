"""Reads of deals (J18): the list, one deal with its memos and tasks."""

from followup.accounts.models import User
from followup.core.pagination import Page, paginate
from followup.deals.access import deal_get, deals_visible_to
from followup.deals.models import Deal
from followup.memos.access import memos_visible_to
from followup.memos.models import Memo
from followup.tasks.access import tasks_visible_to
from followup.tasks.models import Task


def deal_list(*, actor: User, page: int = 1, size: int | None = None) -> Page[Deal]:
    """Queries: deals with their customer."""
    qs = deals_visible_to(actor).select_related("customer", "owner").order_by("-created_at", "-id")
    return paginate(qs, number=page, size=size)


def deal_detail(*, actor: User, deal_id: int) -> Deal:
    return deal_get(actor=actor, deal_id=deal_id, queryset=deals_visible_to(actor).select_related("customer"))


def deal_memos(*, actor: User, deal: Deal, limit: int = 100) -> list[Memo]:
    return list(memos_visible_to(actor).filter(deal_id=deal.pk).select_related("author", "recipient")
                .order_by("-updated_at")[:limit])


def deal_tasks(*, actor: User, deal: Deal, limit: int = 100) -> list[Task]:
    return list(tasks_visible_to(actor).filter(deal_id=deal.pk).select_related("status")
                .order_by("-is_pending", "due_date", "id")[:limit])
