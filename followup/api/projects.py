"""API endpoints of projects (J1): list, create, read, edit, and the project's tasks. A project's
ETag is its version: an edit sends it back (``version`` or If-Match) and a stale one is 409."""

import datetime as dt
from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Status

from followup.api import schemas as s
from followup.api.auth import everyone
from followup.api.concurrency import Version, required_version, set_etag
from followup.api.tasks import EDIT_ERRORS, ERRORS
from followup.core.limits import max_length
from followup.projects import selectors, services
from followup.projects.models import Project

router = Router(auth=everyone(), tags=["projects"])

ProjectStatusName = Literal["open", "in_progress", "done", "canceled"]


class ProjectIn(s.In):
    name: str = Field(..., max_length=max_length(Project, "name"))
    description: str = Field("", max_length=max_length(Project, "description"))
    member_ids: list[s.Id] = Field(default_factory=list, max_length=200)
    subscriber_ids: list[s.Id] = Field(default_factory=list, max_length=200)
    status: ProjectStatusName = "open"


class ProjectPatchIn(s.In):
    version: Version = None
    name: str | None = Field(None, max_length=max_length(Project, "name"))
    description: str | None = Field(None, max_length=max_length(Project, "description"))
    member_ids: list[s.Id] | None = Field(None, max_length=200)
    subscriber_ids: list[s.Id] | None = Field(None, max_length=200)
    status: ProjectStatusName | None = None


class ProjectOut(s.Out):
    id: int
    name: str
    description: str
    status: ProjectStatusName
    owner: s.UserRef | None
    memo_id: int | None
    updated_at: dt.datetime
    version: int


class ProjectItemOut(ProjectOut):
    tasks_done: int
    tasks_total: int


class ProjectDetailOut(ProjectOut):
    members: list[s.UserRef]
    subscribers: list[s.UserRef]
    tasks_done: int
    tasks_total: int


class ProjectPageOut(s.Out):
    items: list[ProjectItemOut]
    page: int
    size: int
    has_next: bool
    next: str | None


def project_out(p: Project) -> dict:
    return {"id": p.pk, "name": p.name, "description": p.description, "status": p.status,
            "owner": s.user_ref(p.owner), "memo_id": p.memo_id, "updated_at": p.updated_at,
            "version": p.version}


def _detail(request: HttpRequest, project_id: int, response: HttpResponse) -> dict:
    project = selectors.project_detail(actor=request.auth, project_id=project_id)
    set_etag(response, project.version)
    done, total = selectors.project_progress(project=project)
    return {**project_out(project), "members": [s.user_ref(u) for u in project.members.all()],
            "subscribers": [s.user_ref(u) for u in project.subscribers.all()], "tasks_done": done,
            "tasks_total": total}


@router.get("/projects", response={200: ProjectPageOut, **ERRORS})
def project_list(request, query: Query[s.PageQuery]):
    """J1: the projects you may see, with done / all task counts."""
    page = selectors.project_list(actor=request.auth, page=query.page, size=query.size)
    return s.page_out(request, page, [
        {**project_out(p), "tasks_done": p.task_done, "tasks_total": p.task_total} for p in page.items])


@router.post("/projects", response={201: ProjectDetailOut, **ERRORS})
def project_create(request, payload: ProjectIn, response: HttpResponse):
    project = services.project_create(actor=request.auth, **payload.model_dump())
    return Status(201, _detail(request, project.pk, response))


@router.get("/projects/{project_id}", response={200: ProjectDetailOut, **ERRORS})
def project_detail(request, project_id: s.Id, response: HttpResponse):
    """The project; its ETag is its version, for If-Match."""
    return _detail(request, project_id, response)


@router.patch("/projects/{project_id}", response={200: ProjectDetailOut, **EDIT_ERRORS})
def project_update(request, project_id: s.Id, payload: ProjectPatchIn, response: HttpResponse):
    """J1, J4: owner, members, company managers and task operators change a project. Send the
    version you read (body ``version`` or If-Match); if someone saved it since, the answer is 409."""
    fields = payload.model_dump(exclude_unset=True)
    version = required_version(request, fields.pop("version", None))
    services.project_update(actor=request.auth, project_id=project_id, version=version, **fields)
    return _detail(request, project_id, response)


@router.get("/projects/{project_id}/tasks", response={200: s.TaskPageOut, **ERRORS})
def project_task_list(request, project_id: s.Id, query: Query[s.PageQuery]):
    """J1: the project's tasks you may see, pending ones first."""
    project = selectors.project_detail(actor=request.auth, project_id=project_id)
    page = selectors.project_tasks(actor=request.auth, project=project, page=query.page, size=query.size)
    return s.page_out(request, page, [s.task_item_out(t) for t in page.items])
