"""API endpoints of memos (J14–J18, J20): list with a status filter, create, read, edit, send,
review, postpone, and the task or project made from a memo. Thin: parse, call one service or
selector, shape the answer. A memo you may not see answers 404, like one of another organization.
Its ETag is its version: an edit sends it back (``version`` or If-Match) and a stale one is 409."""

import datetime as dt
from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Status

from followup.api import schemas as s
from followup.api.auth import everyone
from followup.api.concurrency import Version, required_version, set_etag
from followup.api.tasks import EDIT_ERRORS, ERRORS
from followup.core.limits import max_length
from followup.memos import selectors, services
from followup.memos.models import Memo
from followup.projects.models import Project
from followup.tasks.models import Task

router = Router(auth=everyone(), tags=["memos"])

MemoStatusName = Literal["draft", "sent", "postponed", "reviewed"]


class MemoListQuery(s.PageQuery):
    status: MemoStatusName | None = Field(None, description="Only memos in this status.")


class MemoIn(s.In):
    title: str = Field(..., max_length=max_length(Memo, "title"))
    body: str = Field("", max_length=max_length(Memo, "body"))
    recipient_id: s.Id
    subscriber_ids: list[s.Id] = Field(default_factory=list, max_length=200)
    deal_id: s.Id | None = None
    send: bool = Field(False, description="Send at once instead of saving a draft (J15).")


class MemoPatchIn(s.In):
    version: Version = None
    title: str | None = Field(None, max_length=max_length(Memo, "title"))
    body: str | None = Field(None, max_length=max_length(Memo, "body"))
    recipient_id: s.Id | None = None
    subscriber_ids: list[s.Id] | None = Field(None, max_length=200)


class MemoTaskIn(s.In):
    title: str = Field(..., max_length=max_length(Task, "title"))
    description: str = Field("", max_length=max_length(Task, "description"))
    due_date: s.Date
    assignee_ids: list[s.Id] = Field(default_factory=list, max_length=200)


class MemoProjectIn(s.In):
    name: str = Field(..., max_length=max_length(Project, "name"))
    description: str = Field("", max_length=max_length(Project, "description"))
    member_ids: list[s.Id] = Field(default_factory=list, max_length=200)


class TaskLinkOut(s.Out):
    id: int
    title: str
    status: str
    status_category: str


class MemoOut(s.Out):
    id: int
    title: str
    body: str
    status: MemoStatusName
    author: s.UserRef | None
    recipient: s.UserRef | None
    deal_id: int | None
    tasks: list[TaskLinkOut]
    sent_at: dt.datetime | None
    reviewed_at: dt.datetime | None
    updated_at: dt.datetime
    version: int


class MemoDetailOut(MemoOut):
    subscribers: list[s.UserRef]


class MemoPageOut(s.Out):
    items: list[MemoOut]
    page: int
    size: int
    has_next: bool
    next: str | None


class ProjectRefOut(s.Out):
    id: int
    name: str


def memo_out(memo: Memo) -> dict:
    return {
        "id": memo.pk, "title": memo.title, "body": memo.body, "status": memo.status,
        "author": s.user_ref(memo.author), "recipient": s.user_ref(memo.recipient), "deal_id": memo.deal_id,
        "tasks": [{"id": t.pk, "title": t.title, "status": t.status.name, "status_category": t.status.category}
                  for t in memo.visible_tasks],
        "sent_at": memo.sent_at, "reviewed_at": memo.reviewed_at, "updated_at": memo.updated_at,
        "version": memo.version,
    }


def _detail(request: HttpRequest, memo_id: int, response: HttpResponse) -> dict:
    memo = selectors.memo_detail(actor=request.auth, memo_id=memo_id)
    set_etag(response, memo.version)
    return {**memo_out(memo), "subscribers": [s.user_ref(u) for u in memo.subscribers.all()]}


@router.get("/memos", response={200: MemoPageOut, **ERRORS})
def memo_list(request, query: Query[MemoListQuery]):
    """J14, J20: the memos you may see, newest change first, each with the tasks made from it."""
    page = selectors.memo_list(actor=request.auth, status=query.status, page=query.page, size=query.size)
    return s.page_out(request, page, [memo_out(m) for m in page.items])


@router.post("/memos", response={201: MemoDetailOut, **ERRORS})
def memo_create(request, payload: MemoIn, response: HttpResponse):
    """J14, J15, J18: a draft only you see, or (``send``) a memo the recipient and subscribers are told of."""
    memo = services.memo_create(actor=request.auth, **payload.model_dump())
    return Status(201, _detail(request, memo.pk, response))


@router.get("/memos/{memo_id}", response={200: MemoDetailOut, **ERRORS})
def memo_detail(request, memo_id: s.Id, response: HttpResponse):
    """The memo; its ETag is its version, for If-Match."""
    return _detail(request, memo_id, response)


@router.patch("/memos/{memo_id}", response={200: MemoDetailOut, **EDIT_ERRORS})
def memo_update(request, memo_id: s.Id, payload: MemoPatchIn, response: HttpResponse):
    """J16: the author edits until the memo is reviewed (then 403). Send the version you read
    (body ``version`` or If-Match); if someone saved the memo since, the answer is 409."""
    fields = payload.model_dump(exclude_unset=True)
    version = required_version(request, fields.pop("version", None))
    services.memo_update(actor=request.auth, memo_id=memo_id, version=version, **fields)
    return _detail(request, memo_id, response)


@router.post("/memos/{memo_id}/send", response={200: MemoDetailOut, **ERRORS})
def memo_send(request, memo_id: s.Id, response: HttpResponse):
    services.memo_send(actor=request.auth, memo_id=memo_id)
    return _detail(request, memo_id, response)


@router.post("/memos/{memo_id}/review", response={200: MemoDetailOut, **ERRORS})
def memo_review(request, memo_id: s.Id, response: HttpResponse):
    """J16: the recipient marks it reviewed; the author is told."""
    services.memo_review(actor=request.auth, memo_id=memo_id)
    return _detail(request, memo_id, response)


@router.post("/memos/{memo_id}/postpone", response={200: MemoDetailOut, **ERRORS})
def memo_postpone(request, memo_id: s.Id, response: HttpResponse):
    services.memo_postpone(actor=request.auth, memo_id=memo_id)
    return _detail(request, memo_id, response)


@router.post("/memos/{memo_id}/create-task", response={201: TaskLinkOut, **ERRORS})
def memo_create_task(request, memo_id: s.Id, payload: MemoTaskIn):
    """J17: a task from the memo; its author and subscribers subscribe to the task."""
    task = services.memo_task_create(actor=request.auth, memo_id=memo_id, **payload.model_dump())
    return Status(201, {"id": task.pk, "title": task.title, "status": task.status.name,
                        "status_category": task.status.category})


@router.post("/memos/{memo_id}/create-project", response={201: ProjectRefOut, **ERRORS})
def memo_create_project(request, memo_id: s.Id, payload: MemoProjectIn):
    """J17: a project from the memo; its author and subscribers subscribe to the project."""
    project = services.memo_project_create(actor=request.auth, memo_id=memo_id, **payload.model_dump())
    return Status(201, {"id": project.pk, "name": project.name})
