"""The task field rules (C2, C3): one function checks every field and reports each problem
under its own name, for the New Task form, the edit form and the API alike."""

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field, replace

from django.utils import timezone
from django.utils.translation import gettext as _

from followup.accounts.models import User
from followup.core.exceptions import FieldErrors
from followup.core.limits import max_length, too_long
from followup.customers.models import Customer
from followup.deals.models import Deal
from followup.memos.models import Memo
from followup.projects.models import Project
from followup.tasks.models import Priority, Task, TaskStatus, TaskType

TITLE_MAX = max_length(Task, "title")
DESCRIPTION_MAX = max_length(Task, "description")
MAX_ASSIGNEES = 50


@dataclass(frozen=True)
class TaskValues:
    """Task fields as typed values, before the rules are checked."""

    title: str | None = None
    customer_id: int | None = None
    assignee_ids: list[int] | None = None
    due_date: dt.date | None = None
    priority: int | None = Priority.MEDIUM
    status_id: int | None = None
    type_id: int | None = None
    due_time: dt.time | None = None
    duration_minutes: int | None = None
    description: str = ""

    @classmethod
    def of_task(cls, task: Task, assignee_ids: list[int], zone: zoneinfo.ZoneInfo) -> "TaskValues":
        return cls(
            title=task.title, customer_id=task.customer_id, assignee_ids=assignee_ids,
            due_date=task.due_date, priority=task.priority, status_id=task.status_id,
            type_id=task.type_id, due_time=task.due_at.astimezone(zone).time() if task.due_at else None,
            duration_minutes=task.duration_minutes, description=task.description,
        )

    def replace(self, **changes) -> "TaskValues":
        return replace(self, **changes)


@dataclass
class CleanTask:
    title: str
    customer: Customer | None
    assignees: list[User]
    due_date: dt.date
    priority: int
    status: TaskStatus | None
    type: TaskType | None
    due_time: dt.time | None
    duration_minutes: int | None
    description: str
    errors: dict[str, list[str]] = field(default_factory=dict)


def _org_row(model, organization_id: int, pk, **extra):
    try:
        return model.objects.get(pk=int(pk), organization_id=organization_id, **extra)
    except (model.DoesNotExist, TypeError, ValueError):
        return None


def _clean_assignees(organization_id: int, ids, errors: dict) -> list[User]:
    try:
        wanted = list(dict.fromkeys(int(i) for i in ids or []))
    except (TypeError, ValueError):
        errors["assignees"] = [_("Choose people of your organization.")]
        return []
    if len(wanted) > MAX_ASSIGNEES:
        errors["assignees"] = [_("At most %(n)s people can share a task.") % {"n": MAX_ASSIGNEES}]
        return []
    users = list(User.objects.filter(pk__in=wanted, organization_id=organization_id, is_active=True))
    if len(users) != len(wanted):
        errors["assignees"] = [_("Choose people of your organization.")]
    return sorted(users, key=lambda u: wanted.index(u.pk))


def _setting_row(model, organization_id: int, pk, kept_pk: int | None):
    """A status or type of the organization that is active, or the retired one the task has
    already (L5, L6: retiring keeps the tasks that have it intact, edits included)."""
    row = _org_row(model, organization_id, pk)
    if row is not None and not row.is_active and row.pk != kept_pk:
        return None
    return row


def clean_task_values(
    *, actor: User, raw: TaskValues, require_customer: bool = True, require_assignee: bool = False,
    current: Task | None = None,
) -> CleanTask:
    """Check every field; raise ``FieldErrors`` naming each bad one, or return the rows.
    ``current`` is the task being changed, whose retired status or type may stay."""
    org = actor.organization_id
    errors: dict[str, list[str]] = {}
    title = (raw.title or "").strip()
    if not title:
        errors["title"] = [_("Enter a title.")]
    elif long := too_long(title, TITLE_MAX):
        errors["title"] = long

    customer = None
    if raw.customer_id in (None, ""):
        if require_customer:
            errors["customer"] = [_("Choose a customer.")]
    else:
        customer = _org_row(Customer, org, raw.customer_id)
        if customer is None:
            errors["customer"] = [_("Choose an existing customer.")]

    assignees = _clean_assignees(org, raw.assignee_ids, errors)
    if require_assignee and not assignees and "assignees" not in errors:
        errors["assignees"] = [_("Choose who the task is assigned to.")]

    if raw.priority not in Priority.values:
        errors["priority"] = [_("Choose Low, Medium, High or Urgent.")]

    status = None
    if raw.status_id not in (None, ""):
        status = _setting_row(TaskStatus, org, raw.status_id, current.status_id if current else None)
        if status is None:
            errors["status"] = [_("Choose one of the organization's statuses.")]

    task_type = None
    if raw.type_id not in (None, ""):
        task_type = _setting_row(TaskType, org, raw.type_id, current.type_id if current else None)
        if task_type is None:
            errors["type"] = [_("Choose one of the organization's task types.")]

    if raw.due_date is None:
        errors["due_date"] = [_("Choose a due date.")]
    elif not dt.date(2000, 1, 1) <= raw.due_date <= timezone.now().date() + dt.timedelta(days=365 * 20):
        errors["due_date"] = [_("Choose a due date between 2000 and twenty years from now.")]

    if raw.duration_minutes is not None and not 0 < raw.duration_minutes <= 24 * 60 * 7:
        errors["duration_minutes"] = [_("A duration is between 1 minute and 7 days.")]
    if raw.duration_minutes is not None and raw.due_time is None:
        errors["duration_minutes"] = [_("A duration needs a due time.")]

    description = raw.description or ""
    if long := too_long(description, DESCRIPTION_MAX):
        errors["description"] = long

    if errors:
        raise FieldErrors(errors)
    return CleanTask(
        title=title, customer=customer, assignees=assignees, due_date=raw.due_date,
        priority=raw.priority, status=status, type=task_type, due_time=raw.due_time,
        duration_minutes=raw.duration_minutes, description=description,
    )


@dataclass(frozen=True)
class TaskLinks:
    """What a task belongs to or came from, and who follows it (J1, J8, J17, L4)."""

    parent_id: int | None = None
    project_id: int | None = None
    deal_id: int | None = None
    memo_id: int | None = None
    subscriber_ids: list[int] = field(default_factory=list)


@dataclass
class CleanLinks:
    parent: Task | None
    project_id: int | None
    deal_id: int | None
    memo_id: int | None
    subscribers: list[User]


def clean_task_links(*, actor: User, links: TaskLinks) -> CleanLinks:
    """Every linked row must belong to the actor's organization; each bad one is named."""
    org = actor.organization_id
    errors: dict[str, list[str]] = {}
    found = {}
    for name, model, pk in (("parent", Task, links.parent_id), ("project", Project, links.project_id),
                            ("deal", Deal, links.deal_id), ("memo", Memo, links.memo_id)):
        found[name] = None if pk in (None, "") else _org_row(model, org, pk)
        if pk not in (None, "") and found[name] is None:
            errors[name] = [_("Choose an existing one of your organization.")]
    subscribers = _clean_assignees(org, links.subscriber_ids, errors)
    if "assignees" in errors:
        errors["subscribers"] = errors.pop("assignees")
    if errors:
        raise FieldErrors(errors)
    return CleanLinks(
        parent=found["parent"], project_id=links.project_id or None, deal_id=links.deal_id or None,
        memo_id=links.memo_id or None, subscribers=subscribers,
    )
