"""Task endpoints: the four lists with the A4 filters, one task, its actions, notes, history,
batches (the task types and statuses are in ``task_config``). Thin: parse, call one service or
selector, shape the answer. Every one of them answers 404 when the task module is off (D12)."""

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status

from followup.api import task_schemas as s
from followup.api.auth import task_module
from followup.api.common import BODY_ERRORS, EDIT_ERRORS, ERRORS, Id, StaleOut, page_out
from followup.api.concurrency import if_match_version, required_version, sent_version, tagged
from followup.recurrence.services import task_create_repeating, task_update_repeating
from followup.tasks import bulk, page_selectors, selectors, services
from followup.tasks.access import task_get
from followup.tasks.models import Source
from followup.tasks.selectors import TaskFilters, TaskSort, TaskView
from followup.tasks.validation import TaskLinks

router = Router(auth=task_module(), tags=["tasks"])


def _detail(request: HttpRequest, task_id: int, response: HttpResponse) -> dict:
    return tagged(response, page_selectors.task_detail(actor=request.auth, task_id=task_id), s.task_detail_out)


@router.get("/counts", response={200: s.CountsOut, **ERRORS})
def counts(request):
    """D1: the header badge, the number of my pending tasks."""
    return {"my_pending": selectors.pending_count(request.auth)}


@router.get("/tasks", response={200: s.TaskPageOut, **ERRORS})
def task_list(request, filters: Query[s.TaskListQuery]):
    """D2, A4, J9: one page of My pending, Unassigned, All pending or Completed, without totals.

    Fetch the next page from ``next`` until it is null."""
    page = selectors.task_list(
        actor=request.auth,
        view=TaskView(filters.view),
        filters=TaskFilters(
            q=filters.q, type_id=filters.type, status_id=filters.status,
            priority=s.priority_value(filters.priority),
            assignee_id=filters.assignee, due_from=filters.due_from, due_to=filters.due_to,
            overdue=filters.overdue, include_closed=filters.all, sort=TaskSort(filters.sort),
        ),
        page=filters.page,
        size=filters.size,
    )
    return page_out(request, page, [s.task_item_out(t) for t in page.items])


@router.post("/tasks", response={201: s.TaskDetailOut, **BODY_ERRORS})
def task_create(request, payload: s.TaskCreateIn, response: HttpResponse):
    """C2, C3: create a task. Every missing or invalid field is named in ``errors``.
    B3: with ``recurrence`` it repeats (``{"rrule": "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"}``)."""
    fields = payload.fields()
    fields["priority"] = s.priority_value(fields["priority"])
    subscribers = TaskLinks(subscriber_ids=fields.pop("subscriber_ids"))
    recurrence = fields.pop("recurrence")
    task = task_create_repeating(actor=request.auth, rrule=recurrence.rrule if recurrence else None, **fields,
                                 source=Source.API, links=subscribers)
    return Status(201, _detail(request, task.pk, response))


@router.post("/tasks/bulk", response={200: s.BulkOut, **BODY_ERRORS})
def tasks_bulk(request, payload: s.BulkIn):
    """D10: complete, reopen, delete or reassign several tasks, all or nothing."""
    count = bulk.tasks_bulk(
        actor=request.auth, action=payload.action, task_ids=payload.task_ids, assignee_ids=payload.assignee_ids,
    )
    return {"action": payload.action, "count": count}


@router.get("/tasks/{task_id}", response={200: s.TaskDetailOut, **ERRORS})
def task_detail(request, task_id: Id, response: HttpResponse):
    """D3, A3: one task with everything. The ETag is its version, for If-Match."""
    return _detail(request, task_id, response)


@router.patch("/tasks/{task_id}", response={200: s.TaskDetailOut, **EDIT_ERRORS})
def task_update(request, task_id: Id, payload: s.TaskPatchIn, response: HttpResponse):
    """D4: change some fields. Send the version you read (body ``version`` or ``If-Match``);
    if someone saved the task since, the answer is 409 and nothing changes. B3: ``recurrence``
    changes the repetition from this task on ("this and following"); ``null`` stops it."""
    fields = payload.sent()
    version = required_version(request, fields.pop("version", None))
    if "priority" in fields:
        fields["priority"] = s.priority_value(fields["priority"])
    if "description" in fields and fields["description"] is None:
        fields["description"] = ""
    if "recurrence" in fields:
        recurrence = fields.pop("recurrence")
        task_update_repeating(actor=request.auth, task_id=task_id, version=version,
                              rrule=recurrence.rrule if recurrence else None, **fields)
    else:
        services.task_update(actor=request.auth, task_id=task_id, version=version, **fields)
    return _detail(request, task_id, response)


@router.delete("/tasks/{task_id}", response={204: None, **ERRORS, 409: StaleOut})
def task_delete(request, task_id: Id):
    """D4: delete a task (its owner, co-owner or a task operator). If-Match is honoured."""
    services.task_delete(actor=request.auth, task_id=task_id, version=if_match_version(request))
    return Status(204, None)


def _step(path: str, service, doc: str) -> None:
    """``POST /tasks/{task_id}/<path>``: complete or reopen, with the version you read if you like."""

    @router.post(f"/tasks/{{task_id}}/{path}", response={200: s.TaskDetailOut, **EDIT_ERRORS},
                 operation_id=f"followup_api_tasks_task_{path}", summary=f"Task {path}", description=doc)
    def step(request, task_id: Id, response: HttpResponse, payload: s.VersionIn | None = None):
        version = sent_version(request, payload.version if payload else None)
        service(actor=request.auth, task_id=task_id, version=version)
        return _detail(request, task_id, response)


_step("complete", services.task_complete, "D4: mark the task done.")
_step("reopen", services.task_reopen, "D4: mark a completed or canceled task incomplete again.")


@router.post("/tasks/{task_id}/reassign", response={200: s.TaskDetailOut, **EDIT_ERRORS})
def task_reassign(request, task_id: Id, payload: s.ReassignIn, response: HttpResponse):
    """D4: give the task to other people; ``[]`` makes it unassigned."""
    services.task_reassign(
        actor=request.auth, task_id=task_id, assignee_ids=payload.assignee_ids,
        version=sent_version(request, payload.version),
    )
    return _detail(request, task_id, response)


@router.post("/tasks/{task_id}/status", response={200: s.TaskDetailOut, **EDIT_ERRORS})
def task_set_status(request, task_id: Id, payload: s.StatusIn, response: HttpResponse):
    """D11: move the task to one of the organization's statuses."""
    services.task_set_status(
        actor=request.auth, task_id=task_id, status_id=payload.status_id,
        version=sent_version(request, payload.version),
    )
    return _detail(request, task_id, response)


@router.get("/tasks/{task_id}/notes", response={200: list[s.NoteOut], **ERRORS})
def task_notes(request, task_id: Id):
    """D3: the task's notes, newest first (at most 200)."""
    task = task_get(actor=request.auth, task_id=task_id)
    return [s.note_out(n) for n in page_selectors.task_notes(task=task)]


@router.post("/tasks/{task_id}/notes", response={201: s.NoteOut, **BODY_ERRORS})
def note_add(request, task_id: Id, payload: s.NoteIn):
    """D3: add a note; anyone who sees the task may."""
    note = services.note_add(actor=request.auth, task_id=task_id, body=payload.body)
    return Status(201, s.note_out(note))


@router.get("/tasks/{task_id}/history", response={200: list[s.HistoryOut], **ERRORS})
def task_history(request, task_id: Id):
    """D3: the modification record, newest first (at most 200): who changed which field from what to what."""
    task = task_get(actor=request.auth, task_id=task_id)
    return [s.history_out(e) for e in page_selectors.task_history(task=task)]


@router.get("/tasks/{task_id}/subtasks", response={200: list[s.TaskItemOut], **ERRORS})
def task_subtasks(request, task_id: Id):
    """J7, J10: the task's subtasks, oldest first, each with its status and assignees."""
    task = task_get(actor=request.auth, task_id=task_id)
    return [s.task_item_out(t) for t in page_selectors.task_subtasks(task=task)]


@router.post("/tasks/{task_id}/subtasks", response={201: s.TaskDetailOut, **BODY_ERRORS})
def subtask_create(request, task_id: Id, payload: s.SubtaskIn, response: HttpResponse):
    """J10: add a subtask for yourself (the default) or another performer of the main task.
    J12: a team task completes itself when every performer has a subtask and all are done."""
    task = services.subtask_create(
        actor=request.auth, parent_id=task_id, title=payload.title,
        assignee_ids=payload.assignee_ids if payload.assignee_ids is not None else [request.auth.pk],
        due_date=payload.due_date, priority=s.priority_value(payload.priority),
        description=payload.description, source=Source.API,
    )
    return Status(201, _detail(request, task.pk, response))
