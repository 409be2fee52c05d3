"""What goes in and out of the API, and the functions that turn our rows into it.

Input schemas forbid unknown fields (a typo in a PATCH must not be silently ignored). In
partial-update schemas a field that may not be empty has a ``None`` default but a non-null type:
leaving it out keeps the value, sending ``null`` is an error naming the field.

Outputs are built by the ``*_out`` functions from exactly the columns the selectors load (a list
row never touches a deferred column, which would cost a query per row); the ``*Out`` schemas
document them in OpenAPI. Datetimes are ISO 8601 in UTC, dates ISO.
"""

import datetime as dt
from typing import Annotated, Literal

from django.conf import settings
from ninja import Schema
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from followup.accounts.models import User
from followup.core.dates import impossible_iso_date
from followup.core.limits import max_length
from followup.core.middleware import NUL
from followup.core.pagination import MAX_PAGE_NUMBER, Page
from followup.customers.models import Customer
from followup.tasks.models import HistoryEntry, Note, Priority, Task, TaskStatus, TaskType

MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PageNumber = Annotated[int, Field(ge=1, le=MAX_PAGE_NUMBER)]
PageSize = Annotated[int, Field(ge=1, le=100)]

def _a_real_day(value):
    """Issue 13 §1.13: "2026-02-30" is refused as a day that does not exist, not as a bad format."""
    message = impossible_iso_date(value)
    if message:
        raise PydanticCustomError("date_impossible", "{message}", {"message": message})
    return value


Date = Annotated[dt.date, BeforeValidator(_a_real_day)]

PRIORITY_NAMES = {Priority.LOW: "low", Priority.MEDIUM: "medium", Priority.HIGH: "high", Priority.URGENT: "urgent"}
PRIORITY_VALUES = {name: value for value, name in PRIORITY_NAMES.items()}
PriorityName = Literal["low", "medium", "high", "urgent"]
PRIORITY_DOC = "One of low, medium, high, urgent."
TaskViewName = Literal["my_pending", "unassigned", "all_pending", "completed"]
TaskSortName = Literal["due", "-due", "priority", "-priority"]
StatusCategoryName = Literal["open", "in_progress", "done", "canceled"]
CustomerKindName = Literal["person", "company"]
StageName = Literal["lead", "prospect", "customer", "churned"]
DealActionName = Literal["created", "stage", "won", "lost", "reopened"]  # deals.models.DealAction
BulkActionName = Literal["complete", "reopen", "delete", "reassign"]


class In(Schema):
    """Every request body: unknown fields are refused, and so is text with a NUL character (which
    PostgreSQL cannot store), wherever it sits in the body."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul_character(cls, value):
        if NUL in _texts(value):
            raise PydanticCustomError("nul_character", "Text cannot contain the NUL character.")
        return value


def _texts(value) -> str:
    """All the text in a field's value, joined (a string, or strings in a list or mapping)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple | set):
        return "".join(_texts(v) for v in value)
    if isinstance(value, dict):
        return "".join(_texts(k) + _texts(v) for k, v in value.items())
    return ""


# --- Inputs -----------------------------------------------------------------------------


class TaskCreateIn(In):
    title: str = Field(max_length=max_length(Task, "title"))
    customer_id: Id | None = Field(description="The customer the task is for (required).")
    assignee_ids: list[Id] = Field(
        max_length=50, description="Who does it: one person, several (a team task), or [] for an unassigned task.",
    )
    priority: PriorityName = Field(description=PRIORITY_DOC)
    due_date: Date = Field(description="YYYY-MM-DD.")
    status_id: Id | None = Field(None, description="Default: the organization's default status (Not Started).")
    type_id: Id | None = None
    due_time: dt.time | None = Field(None, description="HH:MM in your time zone; a task with a time is in calendars.")
    duration_minutes: int | None = Field(None, ge=1, le=7 * 24 * 60, description="Needs due_time.")
    description: str = Field("", max_length=max_length(Task, "description"))
    subscriber_ids: list[Id] = Field(
        [], max_length=50, description="J8: people who see the task and are told when it is created and completed.",
    )


class TaskPatchIn(In):
    """Send only the fields to change, and the version you read (or an If-Match header)."""

    version: int | None = Field(None, ge=1, le=MAX_ID, description="The version you read; or send If-Match.")
    title: str = Field(None, max_length=max_length(Task, "title"))
    customer_id: Id | None = None
    assignee_ids: list[Id] = Field(None, max_length=50)
    priority: PriorityName = Field(None, description=PRIORITY_DOC)
    due_date: Date = None
    status_id: Id | None = None
    type_id: Id | None = None
    due_time: dt.time | None = None
    duration_minutes: int | None = Field(None, ge=1, le=7 * 24 * 60)
    description: str | None = Field(None, max_length=max_length(Task, "description"))
    subscriber_ids: list[Id] = Field(None, max_length=50, description="J8: who follows the task; [] for nobody.")


class SubtaskIn(In):
    """J10: a subtask for yourself or another performer of the main task."""

    title: str = Field(max_length=max_length(Task, "title"))
    assignee_ids: list[Id] | None = Field(
        None, max_length=50, description="Performers of the main task; default: you.",
    )
    due_date: Date = Field(description="YYYY-MM-DD.")
    priority: PriorityName = Field("medium", description=PRIORITY_DOC)
    description: str = Field("", max_length=max_length(Task, "description"))


class VersionIn(In):
    version: int | None = Field(None, ge=1, le=MAX_ID, description="Optional: refuse (409) if the task changed.")


class ReassignIn(VersionIn):
    assignee_ids: list[Id] = Field(max_length=50, description="[] makes the task unassigned.")


class StatusIn(VersionIn):
    status_id: Id


class BulkIn(In):
    action: BulkActionName
    task_ids: list[Id] = Field(min_length=1, max_length=500)
    assignee_ids: list[Id] | None = Field(None, max_length=50, description="Required for reassign.")


class NoteIn(In):
    body: str = Field(max_length=max_length(Note, "body"))


class CustomerIn(In):
    name: str = Field(max_length=max_length(Customer, "name"))
    kind: CustomerKindName = "person"
    email: str = Field("", max_length=max_length(Customer, "email"))
    phone: str = Field("", max_length=max_length(Customer, "phone"))
    owner_id: Id | None = Field(None, description="Default: you.")
    stage: StageName = "lead"
    company_id: Id | None = None
    birthday: Date | None = None
    contract_end_date: Date | None = None
    notes: str = Field("", max_length=max_length(Customer, "notes"))


class CustomerPatchIn(In):
    name: str = Field(None, max_length=max_length(Customer, "name"))
    kind: CustomerKindName = None
    email: str = Field(None, max_length=max_length(Customer, "email"))
    phone: str = Field(None, max_length=max_length(Customer, "phone"))
    owner_id: Id | None = None
    stage: StageName = None
    company_id: Id | None = None
    birthday: Date | None = None
    contract_end_date: Date | None = None
    notes: str = Field(None, max_length=max_length(Customer, "notes"))


class TaskListQuery(Schema):
    view: TaskViewName = Field("my_pending", description="D2: which of the four lists.")
    q: str = Field("", max_length=200, description="Words in the title or the customer's name, e-mail or phone.")
    type: Id | None = Field(None, description="Task type id.")
    status: Id | None = Field(None, description="Task status id.")
    priority: PriorityName | None = None
    assignee: Id | None = Field(None, description="User id.")
    due_from: Date | None = None
    due_to: Date | None = None
    overdue: bool = False
    all: bool = Field(False, description="Include completed and canceled tasks (J9).")
    sort: TaskSortName = "due"
    page: PageNumber = 1
    size: PageSize = Field(default_factory=lambda: min(settings.PAGE_SIZE, 100))


class PageQuery(Schema):
    page: PageNumber = 1
    size: PageSize = Field(default_factory=lambda: min(settings.PAGE_SIZE, 100))


class CustomerListQuery(PageQuery):
    q: str = Field("", max_length=200, description="Words in the name, e-mail or phone.")


class CustomerTasksQuery(PageQuery):
    all: bool = Field(True, description="Include completed and canceled tasks; false lists only pending ones.")


# --- Outputs ----------------------------------------------------------------------------
# Plain pydantic models, not ninja Schemas: the answers are built as dicts, and ninja's Schema
# wraps every nested value in a getter, which made validating a 25-row page several times slower.


class Out(BaseModel):
    pass


class UserRef(Out):
    id: int
    username: str
    name: str


class CustomerRef(Out):
    id: int
    name: str
    email: str
    phone: str


class StatusRef(Out):
    id: int
    name: str
    category: StatusCategoryName
    color: str


class StatusOut(StatusRef):
    is_default: bool
    position: int


class TypeRef(Out):
    id: int
    name: str
    icon: str


class TypeOut(TypeRef):
    position: int


class TaskItemOut(Out):
    id: int
    title: str
    customer: CustomerRef | None
    assignees: list[UserRef]
    is_team_task: bool
    priority: PriorityName
    status: StatusRef
    is_pending: bool
    type: TypeRef | None
    due_date: dt.date
    due_at: dt.datetime | None = Field(description="UTC; set when the task has a time.")
    completed_at: dt.datetime | None
    owner_id: int | None
    co_owner_id: int | None
    parent_id: int | None
    project_id: int | None
    deal_id: int | None
    memo_id: int | None
    source: str
    version: int


class TaskDetailOut(TaskItemOut):
    description: str
    owner: UserRef | None
    co_owner: UserRef | None
    subscribers: list[UserRef]
    completed_by: UserRef | None
    duration_minutes: int | None
    created_at: dt.datetime
    updated_at: dt.datetime


class TaskPageOut(Out):
    items: list[TaskItemOut]
    page: int
    size: int
    has_next: bool
    next: str | None


class CustomerOut(Out):
    id: int
    kind: CustomerKindName
    name: str
    email: str
    phone: str
    owner: UserRef | None
    stage: StageName
    company_id: int | None
    birthday: dt.date | None
    contract_end_date: dt.date | None
    notes: str
    created_at: dt.datetime
    updated_at: dt.datetime


class CustomerPageOut(Out):
    items: list[CustomerOut]
    page: int
    size: int
    has_next: bool
    next: str | None


class NoteOut(Out):
    id: int
    body: str
    author: UserRef | None
    created_at: dt.datetime


class ChangeOut(Out):
    field: str
    old: str
    new: str


class HistoryOut(Out):
    id: int
    action: str
    action_label: str
    actor: UserRef | None
    changes: list[ChangeOut]
    created_at: dt.datetime


class OrganizationOut(Out):
    id: int
    name: str
    slug: str
    tasks_enabled: bool


class DepartmentOut(Out):
    id: int
    name: str


class MeOut(Out):
    id: int
    username: str
    name: str
    email: str
    role: str
    time_zone: str
    organization: OrganizationOut
    department: DepartmentOut | None
    pending_count: int


class CountsOut(Out):
    my_pending: int


class BulkOut(Out):
    action: BulkActionName
    count: int


class FieldErrorsOut(Out):
    errors: dict[str, list[str]]


class DetailOut(Out):
    detail: str


class StaleOut(Out):
    detail: str
    version: int


# --- Rows to outputs --------------------------------------------------------------------


def utc(value: dt.datetime | None) -> dt.datetime | None:
    return value.astimezone(dt.UTC) if value is not None else None


def user_ref(user: User | None) -> dict | None:
    if user is None:
        return None
    return {"id": user.pk, "username": user.username, "name": user.display_name}


def status_out(status: TaskStatus, *, full: bool = False) -> dict:
    out = {"id": status.pk, "name": status.name, "category": status.category, "color": status.color}
    if full:
        out.update(is_default=status.is_default, position=status.position)
    return out


def type_out(task_type: TaskType | None, *, full: bool = False) -> dict | None:
    if task_type is None:
        return None
    out = {"id": task_type.pk, "name": task_type.name, "icon": task_type.icon}
    if full:
        out["position"] = task_type.position
    return out


def task_item_out(task: Task) -> dict:
    """A list row: only the columns of ``tasks.selectors.LIST_COLUMNS`` and the prefetched assignees."""
    customer = task.customer if task.customer_id else None
    return {
        "id": task.pk,
        "title": task.title,
        "customer": (
            {"id": customer.pk, "name": customer.name, "email": customer.email, "phone": customer.phone}
            if customer else None
        ),
        "assignees": [user_ref(u) for u in task.assignees.all()],
        "is_team_task": task.is_team_task,
        "priority": PRIORITY_NAMES[task.priority],
        "status": status_out(task.status),
        "is_pending": task.is_pending,
        "type": type_out(task.type if task.type_id else None),
        "due_date": task.due_date,
        "due_at": utc(task.due_at),
        "completed_at": utc(task.completed_at),
        "owner_id": task.owner_id,
        "co_owner_id": task.co_owner_id,
        "parent_id": task.parent_id,
        "project_id": task.project_id,
        "deal_id": task.deal_id,
        "memo_id": task.memo_id,
        "source": task.source,
        "version": task.version,
    }


def task_detail_out(task: Task) -> dict:
    return {
        **task_item_out(task),
        "description": task.description,
        "owner": user_ref(task.owner),
        "co_owner": user_ref(task.co_owner),
        "subscribers": [user_ref(u) for u in getattr(task, "subscriber_list", None) or []],
        "completed_by": user_ref(task.completed_by),
        "duration_minutes": task.duration_minutes,
        "created_at": utc(task.created_at),
        "updated_at": utc(task.updated_at),
    }


def customer_out(customer: Customer) -> dict:
    return {
        "id": customer.pk,
        "kind": customer.kind,
        "name": customer.name,
        "email": customer.email,
        "phone": customer.phone,
        "owner": user_ref(customer.owner) if customer.owner_id else None,
        "stage": customer.stage,
        "company_id": customer.company_id,
        "birthday": customer.birthday,
        "contract_end_date": customer.contract_end_date,
        "notes": customer.notes,
        "created_at": utc(customer.created_at),
        "updated_at": utc(customer.updated_at),
    }


def note_out(note: Note) -> dict:
    return {"id": note.pk, "body": note.body, "author": user_ref(note.author), "created_at": utc(note.created_at)}


def history_out(entry: HistoryEntry) -> dict:
    return {
        "id": entry.pk,
        "action": entry.action,
        "action_label": str(entry.get_action_display()),
        "actor": user_ref(entry.actor),
        "changes": [
            {"field": str(c.get("field", "")), "old": str(c.get("old", "")), "new": str(c.get("new", ""))}
            for c in entry.changes or []
        ],
        "created_at": utc(entry.created_at),
    }


def page_out(request, page: Page, items: list[dict]) -> dict:
    """A page without totals; ``next`` is this URL with the next page number, or null."""
    next_url = None
    if page.has_next:
        params = request.GET.copy()
        params["page"] = str(page.next_number)
        params["size"] = str(page.size)
        next_url = request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
    return {"items": items, "page": page.number, "size": page.size, "has_next": page.has_next, "next": next_url}
