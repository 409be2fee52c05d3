"""Customer endpoints: list with search, create, read, edit (a stage change is recorded), a
customer's tasks and its history (C1, C4, D7)."""

import datetime as dt
from typing import Literal

from ninja import Field, Query, Router, Status

from followup.api import schemas as s
from followup.api.auth import everyone, task_module
from followup.api.tasks import ERRORS
from followup.customers import selectors, services
from followup.customers.access import customer_get
from followup.customers.timeline import DEAL_CHANGE, KINDS, MESSAGE, NOTE, STAGE_CHANGE, Entry, customer_timeline
from followup.tasks.selectors import customer_tasks

router = Router(auth=everyone(), tags=["customers"])


class SubjectRef(s.Out):
    type: Literal["task", "deal"]
    id: int
    title: str


class FileRef(s.Out):
    id: int
    name: str
    size: int


class DealChangeRef(s.Out):
    action: s.DealActionName
    old: str
    new: str


class StageChangeRef(s.Out):
    """The customer's own lifecycle stage, from ``old`` to ``new``."""

    old: s.StageName
    new: s.StageName


class TimelineEntryOut(s.Out):
    kind: Literal[KINDS]
    at: dt.datetime
    actor: s.UserRef | None
    subject: SubjectRef | None = Field(description="The task or deal the entry is about.")
    text: str = Field(description="The note's or message's text; empty for the other kinds.")
    files: list[FileRef] = Field(description="A message's attachments.")
    change: DealChangeRef | StageChangeRef | None = Field(
        description="For deal_change (the deal's stage or status) and stage_change (the customer's stage): "
                    "from what to what.")


class TimelinePageOut(s.Out):
    items: list[TimelineEntryOut]
    page: int
    size: int
    has_next: bool
    next: str | None


def _change_out(e: Entry) -> dict | None:
    """From what to what, for a deal's change or the customer's stage change."""
    if e.kind == DEAL_CHANGE:
        return {"action": e.item.action, "old": e.item.old, "new": e.item.new}
    if e.kind == STAGE_CHANGE:
        return {"old": e.item.old, "new": e.item.new}
    return None


def timeline_entry_out(e: Entry) -> dict:
    subject = None
    if e.subject is not None:
        subject = {"type": "deal" if e.subject_is_deal else "task", "id": e.subject.pk, "title": e.subject.title}
    return {
        "kind": e.kind, "at": s.utc(e.at), "actor": s.user_ref(e.actor), "subject": subject,
        "text": e.item.body if e.kind in (NOTE, MESSAGE) else "",
        "files": [{"id": a.pk, "name": a.name, "size": a.size} for a in e.item.attachments.all()]
        if e.kind == MESSAGE else [],
        "change": _change_out(e),
    }


@router.get("/customers", response={200: s.CustomerPageOut, **ERRORS})
def customer_list(request, query: Query[s.CustomerListQuery]):
    """C1: the customers of your organization by name, searchable by name, e-mail or phone."""
    page = selectors.customer_list(actor=request.auth, q=query.q, page=query.page, size=query.size)
    return s.page_out(request, page, [s.customer_out(c) for c in page.items])


@router.post("/customers", response={201: s.CustomerOut, **ERRORS})
def customer_create(request, payload: s.CustomerIn):
    customer = services.customer_create(actor=request.auth, **payload.model_dump(exclude_unset=True))
    return Status(201, s.customer_out(selectors.customer_detail(actor=request.auth, customer_id=customer.pk)))


@router.get("/customers/{customer_id}", response={200: s.CustomerOut, **ERRORS})
def customer_detail(request, customer_id: s.Id):
    return s.customer_out(selectors.customer_detail(actor=request.auth, customer_id=customer_id))


@router.patch("/customers/{customer_id}", response={200: s.CustomerOut, **ERRORS})
def customer_update(request, customer_id: s.Id, payload: s.CustomerPatchIn):
    """Change some fields; the others stay as they are."""
    services.customer_update(actor=request.auth, customer_id=customer_id, **payload.model_dump(exclude_unset=True))
    return s.customer_out(selectors.customer_detail(actor=request.auth, customer_id=customer_id))


@router.get("/customers/{customer_id}/tasks", response={200: s.TaskPageOut, **ERRORS}, auth=task_module())
def customer_task_list(request, customer_id: s.Id, query: Query[s.CustomerTasksQuery]):
    """C4, D7: the customer's tasks you may see, pending ones first."""
    customer = customer_get(actor=request.auth, customer_id=customer_id)
    page = customer_tasks(actor=request.auth, customer=customer, include_closed=query.all,
                          page=query.page, size=query.size)
    return s.page_out(request, page, [s.task_item_out(t) for t in page.items])


@router.get("/customers/{customer_id}/timeline", response={200: TimelinePageOut, **ERRORS})
def customer_timeline_list(request, customer_id: s.Id, query: Query[s.PageQuery]):
    """C4: the customer's history that you may see, newest first: tasks created and completed,
    notes, chat messages on its tasks and deals, its deals' stage and status changes, and its own
    stage changes."""
    customer = customer_get(actor=request.auth, customer_id=customer_id)
    page = customer_timeline(actor=request.auth, customer=customer, page=query.page, size=query.size)
    return s.page_out(request, page, [timeline_entry_out(e) for e in page.items])
