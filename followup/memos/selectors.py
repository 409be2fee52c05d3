"""Reads of memos: the list (J20), one memo, the people a memo can go to."""

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.exceptions import FieldErrors
from followup.core.pagination import Page, paginate
from followup.memos.access import memo_get, memos_visible_to
from followup.memos.models import Memo, MemoStatus
from followup.memos.services import memo_recipients  # noqa: F401 - a read, shared with the service's check
from followup.tasks.access import tasks_visible_to


def _tasks_prefetch(actor: User) -> Prefetch:
    """J20: the tasks made from each memo that the actor may see, with their status (one query)."""
    return Prefetch("tasks", queryset=tasks_visible_to(actor).select_related("status").only(
        "id", "title", "memo_id", "status__name", "status__category").order_by("id"), to_attr="visible_tasks")


def memo_list(*, actor: User, status: str | None = None, page: int = 1, size: int | None = None) -> Page[Memo]:
    """J14, J20: the memos the actor may see, newest change first. Queries: memos (people and
    deal joined), their tasks with status."""
    qs: QuerySet[Memo] = memos_visible_to(actor)
    if status:
        if status not in MemoStatus.values:
            raise FieldErrors.single("status", _("Choose one of: %(v)s.") % {"v": ", ".join(MemoStatus.values)})
        qs = qs.filter(status=status)
    qs = qs.select_related("author", "recipient", "deal").order_by("-updated_at", "-id")
    return paginate(qs.prefetch_related(_tasks_prefetch(actor)), number=page, size=size)


def memo_detail(*, actor: User, memo_id: int) -> Memo:
    qs = memos_visible_to(actor).select_related("author", "recipient", "deal", "deal__customer")
    memo = memo_get(actor=actor, memo_id=memo_id,
                    queryset=qs.prefetch_related("subscribers", _tasks_prefetch(actor), "projects"))
    return memo
