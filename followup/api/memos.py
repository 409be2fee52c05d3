"""API endpoints of memos (J14–J18, J20): list with a status filter, create, read, edit, send,
review, postpone, and the task or project made from a memo. Thin: parse, call one service or
selector, shape the answer. A memo you may not see answers 404, like one of another organization.
Its ETag is its version: an edit sends it back (``version`` or If-Match) and a stale one is 409."""

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status

from followup.api import memo_schemas as s
from followup.api.auth import everyone
from followup.api.common import BODY_ERRORS, EDIT_ERRORS, ERRORS, Id, page_out
from followup.api.concurrency import required_version, tagged
from followup.memos import selectors, services

router = Router(auth=everyone(), tags=["memos"])


def _detail(request: HttpRequest, memo_id: int, response: HttpResponse) -> dict:
    return tagged(response, selectors.memo_detail(actor=request.auth, memo_id=memo_id), s.memo_detail_out)


@router.get("/memos", response={200: s.MemoPageOut, **ERRORS})
def memo_list(request, query: Query[s.MemoListQuery]):
    """J14, J20: the memos you may see, newest change first, each with the tasks made from it."""
    page = selectors.memo_list(actor=request.auth, status=query.status, page=query.page, size=query.size)
    return page_out(request, page, [s.memo_out(m) for m in page.items])


@router.post("/memos", response={201: s.MemoDetailOut, **BODY_ERRORS})
def memo_create(request, payload: s.MemoIn, response: HttpResponse):
    """J14, J15, J18: a draft only you see, or (``send``) a memo the recipient and subscribers are told of."""
    memo = services.memo_create(actor=request.auth, **payload.fields())
    return Status(201, _detail(request, memo.pk, response))


@router.get("/memos/{memo_id}", response={200: s.MemoDetailOut, **ERRORS})
def memo_detail(request, memo_id: Id, response: HttpResponse):
    """The memo; its ETag is its version, for If-Match."""
    return _detail(request, memo_id, response)


@router.patch("/memos/{memo_id}", response={200: s.MemoDetailOut, **EDIT_ERRORS})
def memo_update(request, memo_id: Id, payload: s.MemoPatchIn, response: HttpResponse):
    """J16: the author edits until the memo is reviewed (then 403). Send the version you read
    (body ``version`` or If-Match); if someone saved the memo since, the answer is 409."""
    fields = payload.sent()
    version = required_version(request, fields.pop("version", None))
    services.memo_update(actor=request.auth, memo_id=memo_id, version=version, **fields)
    return _detail(request, memo_id, response)


def _step(path: str, service, doc: str) -> None:
    """``POST /memos/{memo_id}/<path>``: one step of a memo's life, answered with the memo."""

    @router.post(f"/memos/{{memo_id}}/{path}", response={200: s.MemoDetailOut, **ERRORS},
                 operation_id=f"followup_api_memos_memo_{path}", summary=f"Memo {path}", description=doc)
    def step(request, memo_id: Id, response: HttpResponse):
        service(actor=request.auth, memo_id=memo_id)
        return _detail(request, memo_id, response)


_step("send", services.memo_send, "J14: send a draft; the recipient and subscribers are told.")
_step("review", services.memo_review, "J16: the recipient marks it reviewed; the author is told.")
_step("postpone", services.memo_postpone, "J16: the recipient puts it off for later.")


@router.post("/memos/{memo_id}/create-task", response={201: s.TaskLinkOut, **BODY_ERRORS})
def memo_create_task(request, memo_id: Id, payload: s.MemoTaskIn):
    """J17: a task from the memo; its author and subscribers subscribe to the task."""
    task = services.memo_task_create(actor=request.auth, memo_id=memo_id, **payload.fields())
    return Status(201, s.task_link_out(task))


@router.post("/memos/{memo_id}/create-project", response={201: s.ProjectRefOut, **BODY_ERRORS})
def memo_create_project(request, memo_id: Id, payload: s.MemoProjectIn):
    """J17: a project from the memo; its author and subscribers subscribe to the project."""
    project = services.memo_project_create(actor=request.auth, memo_id=memo_id, **payload.fields())
    return Status(201, {"id": project.pk, "name": project.name})
