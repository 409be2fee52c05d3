"""L5, L6: the organization's task types and statuses. Everyone reads them (the forms' choices);
administrators add and change them (403 for everyone else, whatever the body). Every write goes
through ``followup.tasks.config``, as Settings' pages do; ``position`` moves a row to that place
(0 is the top) of the list every form and filter shows."""

from ninja import Query, Router, Schema, Status
from pydantic import Field

from followup.api import common as c
from followup.api import task_schemas as s
from followup.api.auth import administrators, task_module
from followup.api.common import BODY_ERRORS, ERRORS
from followup.tasks import config, selectors
from followup.tasks.models import TaskStatus, TaskType

router = Router(auth=task_module(), tags=["task settings"])

IconName = c.names_of([key for key, _label in config.TYPE_ICONS])
ColourName = c.names_of([key for key, _label in config.STATUS_COLOURS])
POSITION_DOC = "The row's place in the list, 0 being the top."


class TaskTypeOut(s.TypeOut):
    is_active: bool = Field(description="A retired type (false) is no longer offered; tasks that have it keep it.")


class TaskStatusOut(s.StatusOut):
    is_active: bool = Field(description="A retired status (false) is no longer offered; tasks that have it keep it.")


class ListQuery(Schema):
    include_retired: bool = Field(False, description="Also list retired rows.")


class TaskTypeIn(c.In):
    name: str = Field(min_length=1, max_length=60)
    icon: IconName = "task"


class TaskTypePatchIn(c.In):
    """Send only what changes."""

    name: str = Field(None, max_length=60)
    icon: IconName = None
    is_active: bool = None
    position: int = Field(None, ge=0, le=10_000, description=POSITION_DOC)


class TaskStatusIn(c.In):
    name: str = Field(min_length=1, max_length=60)
    category: s.StatusCategoryName
    color: ColourName = "slate"
    is_default: bool = Field(False, description="Make it the default for new tasks (it must be open).")


class TaskStatusPatchIn(c.In):
    """Send only what changes. The category of a status that tasks have cannot change."""

    name: str = Field(None, max_length=60)
    category: s.StatusCategoryName = None
    color: ColourName = None
    is_default: bool = None
    is_active: bool = None
    position: int = Field(None, ge=0, le=10_000, description=POSITION_DOC)


def type_out(task_type: TaskType) -> dict:
    return {**s.type_out(task_type, full=True), "is_active": task_type.is_active}


def status_out(status: TaskStatus) -> dict:
    return {**s.status_out(status, full=True), "is_active": status.is_active}


@router.get("/task-types", response={200: list[TaskTypeOut], **ERRORS})
def task_types(request, query: Query[ListQuery]):
    """L5: the organization's task types, in order (active ones unless ``include_retired``)."""
    return [type_out(t) for t in selectors.task_types(request.auth, active_only=not query.include_retired)]


@router.post("/task-types", auth=administrators(), response={201: TaskTypeOut, **BODY_ERRORS})
def task_type_create(request, payload: TaskTypeIn):
    """Administrators add a type at the end of the list."""
    return Status(201, type_out(config.task_type_add(actor=request.auth, name=payload.name, icon=payload.icon)))


@router.patch("/task-types/{type_id}", auth=administrators(), response={200: TaskTypeOut, **BODY_ERRORS})
def task_type_update(request, type_id: c.Id, payload: TaskTypePatchIn):
    """Rename, change the icon, retire (``is_active: false``), bring back or move a type."""
    return type_out(config.task_type_update(actor=request.auth, type_id=type_id,
                                            **payload.sent()))


@router.get("/task-statuses", response={200: list[TaskStatusOut], **ERRORS})
def task_statuses(request, query: Query[ListQuery]):
    """L6, J11: the organization's statuses in order, each with its category."""
    return [status_out(t) for t in selectors.task_statuses(request.auth, active_only=not query.include_retired)]


@router.post("/task-statuses", auth=administrators(), response={201: TaskStatusOut, **BODY_ERRORS})
def task_status_create(request, payload: TaskStatusIn):
    """Administrators add a status at the end of the list; ``is_default`` takes the mark."""
    return Status(201, status_out(config.task_status_add(actor=request.auth, **payload.fields())))


@router.patch("/task-statuses/{status_id}", auth=administrators(), response={200: TaskStatusOut, **BODY_ERRORS})
def task_status_update(request, status_id: c.Id, payload: TaskStatusPatchIn):
    """Rename, recolour, make the default, retire, bring back or move a status, or change the
    category of one no task has."""
    return status_out(config.task_status_update(actor=request.auth, status_id=status_id,
                                                **payload.sent()))
