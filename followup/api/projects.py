"""API endpoints of projects (J1): list, create, read, edit, and the project's tasks. A project's
ETag is its version: an edit sends it back (``version`` or If-Match) and a stale one is 409."""

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status

from followup.api import project_schemas as s
from followup.api.auth import everyone
from followup.api.common import BODY_ERRORS, EDIT_ERRORS, ERRORS, Id, PageQuery, page_out
from followup.api.concurrency import required_version, set_etag
from followup.api.task_schemas import TaskPageOut, task_item_out
from followup.projects import selectors, services

router = Router(auth=everyone(), tags=["projects"])


def _detail(request: HttpRequest, project_id: int, response: HttpResponse) -> dict:
    project = selectors.project_detail(actor=request.auth, project_id=project_id)
    set_etag(response, project.version)
    done, total = selectors.project_progress(project=project)
    return s.project_detail_out(project, done=done, total=total)


@router.get("/projects", response={200: s.ProjectPageOut, **ERRORS})
def project_list(request, query: Query[PageQuery]):
    """J1: the projects you may see, with done / all task counts."""
    page = selectors.project_list(actor=request.auth, page=query.page, size=query.size)
    return page_out(request, page, [s.project_out(p, done=p.task_done, total=p.task_total) for p in page.items])


@router.post("/projects", response={201: s.ProjectDetailOut, **BODY_ERRORS})
def project_create(request, payload: s.ProjectIn, response: HttpResponse):
    project = services.project_create(actor=request.auth, **payload.fields())
    return Status(201, _detail(request, project.pk, response))


@router.get("/projects/{project_id}", response={200: s.ProjectDetailOut, **ERRORS})
def project_detail(request, project_id: Id, response: HttpResponse):
    """The project; its ETag is its version, for If-Match."""
    return _detail(request, project_id, response)


@router.patch("/projects/{project_id}", response={200: s.ProjectDetailOut, **EDIT_ERRORS})
def project_update(request, project_id: Id, payload: s.ProjectPatchIn, response: HttpResponse):
    """J1, J4: owner, members, company managers and task operators change a project. Send the
    version you read (body ``version`` or If-Match); if someone saved it since, the answer is 409."""
    fields = payload.sent()
    version = required_version(request, fields.pop("version", None))
    services.project_update(actor=request.auth, project_id=project_id, version=version, **fields)
    return _detail(request, project_id, response)


@router.get("/projects/{project_id}/tasks", response={200: TaskPageOut, **ERRORS})
def project_task_list(request, project_id: Id, query: Query[PageQuery]):
    """J1: the project's tasks you may see, pending ones first."""
    project = selectors.project_detail(actor=request.auth, project_id=project_id)
    page = selectors.project_tasks(actor=request.auth, project=project, page=query.page, size=query.size)
    return page_out(request, page, [task_item_out(t) for t in page.items])
