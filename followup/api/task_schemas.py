"""What the task endpoints (``followup.api.tasks``) take and answer, and the functions that turn
task rows into it. The names of priorities, lists, sorts, categories, sources and history actions
come from the models' choices."""

import datetime as dt

from django.conf import settings
from ninja import Schema
from pydantic import Field

from followup.api import common as c
from followup.api.concurrency import Version
from followup.api.recurrence_schemas import (
    RECURRENCE_CREATE_DOC,
    RECURRENCE_PATCH_DOC,
    RecurrenceIn,
    RecurrenceOut,
    recurrence_out,
)
from followup.core.limits import max_length
from followup.tasks.bulk import BULK_ACTIONS
from followup.tasks.models import (
    HistoryAction,
    HistoryEntry,
    Note,
    Priority,
    Source,
    StatusCategory,
    Task,
    TaskStatus,
    TaskType,
)
from followup.tasks.selectors import TaskSort, TaskView
from followup.tasks.validation import DESCRIPTION_MAX, TITLE_MAX

PRIORITY_NAMES = {p.value: p.name.lower() for p in Priority}
PRIORITY_VALUES = {name: value for value, name in PRIORITY_NAMES.items()}
PriorityName = c.names_of(PRIORITY_NAMES.values())
PRIORITY_DOC = "One of " + ", ".join(PRIORITY_NAMES.values()) + "."
TaskViewName = c.names_of(TaskView)
TaskSortName = c.names_of(TaskSort)
StatusCategoryName = c.names_of(StatusCategory.values)
BulkActionName = c.names_of(BULK_ACTIONS)
SourceName = c.names_of(Source.values)
HistoryActionName = c.names_of(HistoryAction.values)
IdList = list[c.Id]
DURATION_MAX = 7 * 24 * 60


def priority_value(name: str | None) -> int | None:
    """The stored number of a priority's name; ``None`` for none (the service then names the field)."""
    return PRIORITY_VALUES.get(name)


# --- Inputs -----------------------------------------------------------------------------


class TaskCreateIn(c.In):
    title: str = Field(min_length=1, max_length=TITLE_MAX)
    customer_id: c.Id = Field(description="The customer the task is for.")
    assignee_ids: IdList = Field(
        max_length=50, description="Who does it: one person, several (a team task), or [] for an unassigned task.",
    )
    priority: PriorityName = Field(description=PRIORITY_DOC)
    due_date: c.Date = Field(description="YYYY-MM-DD.")
    status_id: c.Id = Field(None, description="Leave out for the organization's default status (Not Started).")
    type_id: c.Id | None = None
    due_time: c.Time | None = Field(None, description="HH:MM in your time zone; a task with a time is in calendars.")
    duration_minutes: int | None = Field(None, ge=1, le=DURATION_MAX, description="Needs due_time.")
    description: str = Field("", max_length=DESCRIPTION_MAX)
    subscriber_ids: IdList = Field(
        [], max_length=50, description="J8: people who see the task and are told when it is created and completed.",
    )
    recurrence: RecurrenceIn | None = Field(None, description=RECURRENCE_CREATE_DOC)


class TaskPatchIn(c.In):
    """Send only the fields to change, and the version you read (or an If-Match header). A field
    that a task always has (title, customer, priority, due date, status) cannot be set to null."""

    version: Version = None
    title: str = Field(None, min_length=1, max_length=TITLE_MAX)
    customer_id: c.Id = None
    assignee_ids: IdList = Field(None, max_length=50)
    priority: PriorityName = Field(None, description=PRIORITY_DOC)
    due_date: c.Date = None
    status_id: c.Id = None
    type_id: c.Id | None = None
    due_time: c.Time | None = None
    duration_minutes: int | None = Field(None, ge=1, le=DURATION_MAX)
    description: str | None = Field(None, max_length=DESCRIPTION_MAX, description="null empties it.")
    subscriber_ids: IdList = Field(None, max_length=50, description="J8: who follows the task; [] for nobody.")
    recurrence: RecurrenceIn | None = Field(None, description=RECURRENCE_PATCH_DOC)


class SubtaskIn(c.In):
    """J10: a subtask for yourself or another performer of the main task."""

    title: str = Field(min_length=1, max_length=TITLE_MAX)
    assignee_ids: IdList = Field(None, max_length=50, description="Performers of the main task; default: you.")
    due_date: c.Date = Field(description="YYYY-MM-DD.")
    priority: PriorityName = Field("medium", description=PRIORITY_DOC)
    description: str = Field("", max_length=DESCRIPTION_MAX)


class VersionIn(c.In):
    version: Version = None


class ReassignIn(VersionIn):
    assignee_ids: IdList = Field(max_length=50, description="[] makes the task unassigned.")


class StatusIn(VersionIn):
    status_id: c.Id


class BulkIn(c.In):
    action: BulkActionName
    task_ids: IdList = Field(min_length=1, max_length=500)
    assignee_ids: IdList = Field(None, max_length=50, description="Required for reassign.")


class NoteIn(c.In):
    body: str = Field(min_length=1, max_length=max_length(Note, "body"))


class TaskListQuery(Schema):
    view: TaskViewName = Field("my_pending", description="D2: which of the four lists.")
    q: str = Field("", max_length=200, description="Words in the title or the customer's name, e-mail or phone.")
    type: c.Id | None = Field(None, description="Task type id.")
    status: c.Id | None = Field(None, description="Task status id.")
    priority: PriorityName | None = None
    assignee: c.Id | None = Field(None, description="User id.")
    due_from: c.Date | None = Field(None, description="YYYY-MM-DD.")
    due_to: c.Date | None = Field(None, description="YYYY-MM-DD.")
    overdue: bool = False
    all: bool = Field(False, description="Include completed and canceled tasks (J9).")
    sort: TaskSortName = "due"
    page: c.PageNumber = 1
    size: c.PageSize = Field(default_factory=lambda: min(settings.PAGE_SIZE, 100))


# --- Outputs ----------------------------------------------------------------------------


class StatusRef(c.Out):
    id: int
    name: str
    category: StatusCategoryName
    color: str


class StatusOut(StatusRef):
    is_default: bool
    position: int


class TypeRef(c.Out):
    id: int
    name: str
    icon: str


class TypeOut(TypeRef):
    position: int


class TaskItemOut(c.Out):
    id: int
    title: str
    customer: c.CustomerRef | None
    assignees: list[c.UserRef]
    is_team_task: bool
    priority: PriorityName
    status: StatusRef
    is_pending: bool
    type: TypeRef | None
    due_date: c.Date
    due_at: dt.datetime | None = Field(description="UTC; set when the task has a time.")
    completed_at: dt.datetime | None
    owner_id: int | None
    co_owner_id: int | None
    parent_id: int | None
    project_id: int | None
    deal_id: int | None
    memo_id: int | None
    source: SourceName
    version: int


class TaskDetailOut(TaskItemOut):
    description: str
    owner: c.UserRef | None
    co_owner: c.UserRef | None
    subscribers: list[c.UserRef]
    completed_by: c.UserRef | None
    duration_minutes: int | None
    created_at: dt.datetime
    updated_at: dt.datetime
    recurrence: RecurrenceOut | None = Field(description="B3: the series the task is an occurrence of, or null.")


TaskPageOut = c.page_of(TaskItemOut, "TaskPageOut")


class NoteOut(c.Out):
    id: int
    body: str
    author: c.UserRef | None
    created_at: dt.datetime


class ChangeOut(c.Out):
    field: str
    old: str
    new: str


class HistoryOut(c.Out):
    id: int
    action: HistoryActionName
    action_label: str
    actor: c.UserRef | None
    changes: list[ChangeOut]
    created_at: dt.datetime


class CountsOut(c.Out):
    my_pending: int


class BulkOut(c.Out):
    action: BulkActionName
    count: int


# --- Rows to outputs --------------------------------------------------------------------


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
    return {
        "id": task.pk,
        "title": task.title,
        "customer": c.customer_ref(task.customer) if task.customer_id else None,
        "assignees": [c.user_ref(u) for u in task.assignees.all()],
        "is_team_task": task.is_team_task,
        "priority": PRIORITY_NAMES[task.priority],
        "status": status_out(task.status),
        "is_pending": task.is_pending,
        "type": type_out(task.type if task.type_id else None),
        "due_date": task.due_date,
        "due_at": c.utc(task.due_at),
        "completed_at": c.utc(task.completed_at),
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
        "owner": c.user_ref(task.owner),
        "co_owner": c.user_ref(task.co_owner),
        "subscribers": [c.user_ref(u) for u in getattr(task, "subscriber_list", None) or []],
        "completed_by": c.user_ref(task.completed_by),
        "duration_minutes": task.duration_minutes,
        "created_at": c.utc(task.created_at),
        "updated_at": c.utc(task.updated_at),
        "recurrence": recurrence_out(task.pk),
    }


def note_out(note: Note) -> dict:
    return {"id": note.pk, "body": note.body, "author": c.user_ref(note.author), "created_at": c.utc(note.created_at)}


def history_out(entry: HistoryEntry) -> dict:
    return {
        "id": entry.pk,
        "action": entry.action,
        "action_label": str(entry.get_action_display()),
        "actor": c.user_ref(entry.actor),
        "changes": [
            {"field": str(change.get("field", "")), "old": str(change.get("old", "")),
             "new": str(change.get("new", ""))}
            for change in entry.changes or []
        ],
        "created_at": c.utc(entry.created_at),
    }
