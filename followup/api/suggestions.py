"""API of next-task suggestions (L2): my proposals, accept (edited first or not) and dismiss;
and, for administrators, the next task of each task type. Thin: ``followup.suggestions`` decides."""

import datetime as dt
from typing import Literal

from ninja import Field, Query, Router, Status

from followup.api import common as c
from followup.api.auth import everyone
from followup.suggestions import config, selectors, services
from followup.suggestions.models import NextTask, Suggestion, SuggestionStatus

router = Router(auth=everyone(), tags=["suggestions"])

StatusName = Literal[("", *SuggestionStatus.values)]


class SuggestionListQuery(c.PageQuery):
    status: StatusName = Field("pending", description="pending (default), accepted, dismissed, or empty for all.")


class SuggestionOut(c.Out):
    id: int
    title: str
    due_date: dt.date
    type_id: int | None
    customer: c.CustomerRef | None
    source_task_id: int
    source_task_title: str
    status: str
    created_task_id: int | None = Field(description="The task accepting made.")
    created_at: dt.datetime


SuggestionPageOut = c.page_of(SuggestionOut, "SuggestionPageOut")


class AcceptIn(c.In):
    """Leave a field out to take the proposal's value ("edit first" sends the changed ones)."""

    title: str = Field(None, max_length=200)
    due_date: c.Date = None
    type_id: c.Id = None
    assignee_ids: list[c.Id] = Field(None, max_length=50, description="Default: only me.")


class NextTaskIn(c.In):
    next_type_id: c.Id | None = Field(None, description="The proposed task's type (null: none).")
    title: str = Field(max_length=200, description="May use {customer} and {title} (the completed task's).")
    delay_days: int = Field(1, ge=0, le=365)


class NextTaskOut(c.Out):
    type_id: int
    next_type_id: int | None
    title: str
    delay_days: int


def suggestion_out(s: Suggestion) -> dict:
    return {
        "id": s.pk, "title": s.title, "due_date": s.due_date, "type_id": s.task_type_id,
        "customer": c.customer_ref(s.customer) if s.customer_id else None, "source_task_id": s.source_task_id,
        "source_task_title": s.source_task.title, "status": s.status, "created_task_id": s.created_task_id,
        "created_at": c.utc(s.created_at),
    }


def _one(request, suggestion_id: int) -> dict:
    return suggestion_out(selectors.suggestion_get(actor=request.auth, suggestion_id=suggestion_id))


@router.get("/suggestions", response={200: SuggestionPageOut, **c.ERRORS})
def suggestion_list(request, query: Query[SuggestionListQuery]):
    """L2: the next tasks proposed to me after I completed tasks, newest first."""
    page = selectors.suggestion_list(actor=request.auth, status=query.status or None, page=query.page,
                                     size=query.size)
    return c.page_out(request, page, [suggestion_out(s) for s in page.items])


@router.post("/suggestions/{suggestion_id}/accept", response={200: SuggestionOut, **c.BODY_ERRORS})
def suggestion_accept(request, suggestion_id: c.Id, payload: AcceptIn | None = None):
    """L2: create the proposed task (``source=suggestion``); accepting again answers the same task."""
    fields = payload.sent() if payload is not None else {}
    services.suggestion_accept(actor=request.auth, suggestion_id=suggestion_id, **fields)
    return _one(request, suggestion_id)


@router.post("/suggestions/{suggestion_id}/dismiss", response={200: SuggestionOut, **c.BODY_ERRORS})
def suggestion_dismiss(request, suggestion_id: c.Id):
    """L2: no next task this time."""
    services.suggestion_dismiss(actor=request.auth, suggestion_id=suggestion_id)
    return _one(request, suggestion_id)


def next_task_out(rule: NextTask) -> dict:
    return {"type_id": rule.after_type_id, "next_type_id": rule.next_type_id, "title": rule.title,
            "delay_days": rule.delay_days}


@router.put("/task-types/{type_id}/next-task", response={200: NextTaskOut, **c.BODY_ERRORS})
def next_task_set(request, type_id: c.Id, payload: NextTaskIn):
    """L2 (administrators): what completing a task of this type proposes."""
    return next_task_out(config.next_task_set(actor=request.auth, type_id=type_id, **payload.model_dump()))


@router.delete("/task-types/{type_id}/next-task", response={204: None, **c.ERRORS})
def next_task_clear(request, type_id: c.Id):
    """L2 (administrators): completing a task of this type proposes nothing any more."""
    config.next_task_clear(actor=request.auth, type_id=type_id)
    return Status(204, None)
