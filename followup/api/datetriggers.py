"""API of date triggers (A1) and escalations (A6): administrators only (L8); thin, the rules
live in ``followup.datetriggers`` and ``followup.escalations``."""

import datetime as dt
from typing import Literal

from ninja import Field, Query, Router, Status

from followup.api import common as c
from followup.api import task_schemas as ts
from followup.api.auth import everyone
from followup.automation.models import AssignTo
from followup.datetriggers import selectors, services
from followup.datetriggers.firing import trigger_create_passed
from followup.datetriggers.models import DateTrigger, TriggerRun, WatchedDate
from followup.escalations import services as escalations
from followup.escalations.models import EscalationRule

router = Router(auth=everyone(), tags=["automation"])

FieldName = Literal[tuple(WatchedDate.values)]
AssignToName = Literal[tuple(AssignTo.values)]


class TriggerIn(c.In):
    name: str = Field(max_length=120)
    field: FieldName = Field(WatchedDate.BIRTHDAY, description="The customer's date: birthdays fire every year.")
    days_before: int = Field(0, ge=0, le=365, description="The task is made (and due) this many days before.")
    title: str = Field(max_length=200, description="The task's title; may use {customer} and {owner}.")
    is_active: bool = Field(True, description="A paused trigger makes no tasks.")
    task_type_id: c.Id | None = None
    priority: ts.PriorityName = "medium"
    description: str = Field("", max_length=20_000)
    assign_to: AssignToName = AssignTo.CUSTOMER_OWNER
    assign_user_id: c.Id | None = Field(None, description="For assign_to=fixed.")
    assign_department_id: c.Id | None = Field(None, description="For round_robin and least_loaded.")
    assign_team_id: c.Id | None = Field(None, description="For team_round_robin and team_least_loaded.")


class TriggerPatchIn(c.In):
    """Send only the fields to change."""

    name: str = Field(None, max_length=120)
    field: FieldName = None
    days_before: int = Field(None, ge=0, le=365)
    title: str = Field(None, max_length=200)
    is_active: bool = None
    task_type_id: c.Id | None = None
    priority: ts.PriorityName = None
    description: str = Field(None, max_length=20_000)
    assign_to: AssignToName = None
    assign_user_id: c.Id | None = None
    assign_department_id: c.Id | None = None
    assign_team_id: c.Id | None = None


class TriggerOut(c.Out):
    id: int
    name: str
    field: str
    days_before: int
    title: str
    is_active: bool
    task_type_id: int | None
    priority: ts.PriorityName
    description: str
    assign_to: str
    assign_user_id: int | None
    assign_department_id: int | None
    assign_team_id: int | None
    author: c.UserRef | None
    created_at: dt.datetime


class TriggerPageOut(c.Out):
    items: list[TriggerOut]
    page: int
    size: int
    has_next: bool
    next: str | None


class PassedOut(c.Out):
    customer_id: int
    name: str
    occurrence: dt.date


class TriggerPreviewOut(c.Out):
    passed_count: int = Field(description="Dates still ahead whose trigger day passed: POST /create-passed makes them.")
    passed: list[PassedOut] = Field(description="The first 50 of them.")


class TriggerRunOut(c.Out):
    id: int
    kind: str
    first_occurrence: dt.date
    last_occurrence: dt.date
    started_at: dt.datetime
    finished_at: dt.datetime | None
    made: int
    error: str


class EscalationIn(c.In):
    overdue_hours: int = Field(ge=1, le=24 * 365, description="Overdue by this many hours.")
    task_type_id: c.Id | None = Field(None, description="Only tasks of this type; empty: every type.")


class EscalationPatchIn(c.In):
    is_active: bool = Field(description="false pauses the threshold.")


class EscalationOut(c.Out):
    id: int
    overdue_hours: int
    task_type_id: int | None
    is_active: bool


def trigger_out(trigger: DateTrigger) -> dict:
    fields = {f: getattr(trigger, f) for f in services.TRIGGER_FIELDS}
    fields["priority"] = ts.PRIORITY_NAMES[trigger.priority]
    return {"id": trigger.pk, **fields, "author": c.user_ref(trigger.author), "created_at": c.utc(trigger.created_at)}


def run_out(run: TriggerRun) -> dict:
    return {"id": run.pk, "kind": run.kind, "first_occurrence": run.first_occurrence,
            "last_occurrence": run.last_occurrence, "started_at": c.utc(run.started_at),
            "finished_at": c.utc(run.finished_at), "made": run.made, "error": run.error}


def escalation_out(rule: EscalationRule) -> dict:
    return {"id": rule.pk, "overdue_hours": rule.overdue_hours, "task_type_id": rule.task_type_id,
            "is_active": rule.is_active}


def _given(payload) -> dict:
    given = payload.model_dump(exclude_unset=True)
    if given.get("priority") is not None:
        given["priority"] = ts.PRIORITY_VALUES[given["priority"]]
    return given


@router.get("/date-triggers", response={200: TriggerPageOut, **c.ERRORS})
def triggers_list(request, query: Query[c.PageQuery]):
    """A1: the organization's date triggers."""
    page = selectors.trigger_list(actor=request.auth, page=query.page, size=query.size)
    return c.page_out(request, page, [trigger_out(t) for t in page.items])


@router.post("/date-triggers", response={201: TriggerOut, **c.BODY_ERRORS})
def triggers_create(request, payload: TriggerIn):
    """A1: acts on every date whose trigger day is today or later; passed ones are in ``/preview``."""
    return Status(201, trigger_out(services.trigger_save(actor=request.auth, **_given(payload))))


@router.get("/date-triggers/{trigger_id}", response={200: TriggerOut, **c.ERRORS})
def triggers_detail(request, trigger_id: c.Id):
    return trigger_out(services.trigger_get(actor=request.auth, trigger_id=trigger_id))


@router.patch("/date-triggers/{trigger_id}", response={200: TriggerOut, **c.BODY_ERRORS})
def triggers_update(request, trigger_id: c.Id, payload: TriggerPatchIn):
    """Change a trigger; ``is_active: false`` pauses it."""
    return trigger_out(services.trigger_save(actor=request.auth, trigger_id=trigger_id, **_given(payload)))


@router.delete("/date-triggers/{trigger_id}", response={204: None, **c.ERRORS})
def triggers_delete(request, trigger_id: c.Id):
    services.trigger_delete(actor=request.auth, trigger_id=trigger_id)
    return Status(204, None)


@router.get("/date-triggers/{trigger_id}/preview", response={200: TriggerPreviewOut, **c.ERRORS})
def triggers_preview(request, trigger_id: c.Id):
    """The dates still ahead whose trigger day has passed (made before the trigger or the date)."""
    preview = selectors.trigger_preview(trigger=services.trigger_get(actor=request.auth, trigger_id=trigger_id))
    return {"passed_count": preview["count"], "passed": [
        {"customer_id": r["pk"], "name": r["name"], "occurrence": r["occurrence"]} for r in preview["rows"]]}


@router.post("/date-triggers/{trigger_id}/create-passed", response={201: TriggerRunOut, **c.ERRORS})
def triggers_create_passed(request, trigger_id: c.Id):
    """Make the tasks the preview lists (each once, however often it is called)."""
    trigger = services.trigger_get(actor=request.auth, trigger_id=trigger_id)
    return Status(201, run_out(trigger_create_passed(trigger)))


@router.get("/date-triggers/{trigger_id}/runs", response={200: list[TriggerRunOut], **c.ERRORS})
def triggers_runs(request, trigger_id: c.Id):
    """The trigger's run log, newest first (the last 50)."""
    trigger = services.trigger_get(actor=request.auth, trigger_id=trigger_id)
    return [run_out(run) for run in selectors.trigger_runs(trigger=trigger)]


@router.get("/escalations", response={200: list[EscalationOut], **c.ERRORS})
def escalations_list(request):
    """A6: the organization's thresholds."""
    return [escalation_out(r) for r in escalations.escalation_list(actor=request.auth)]


@router.post("/escalations", response={201: EscalationOut, **c.BODY_ERRORS})
def escalations_create(request, payload: EscalationIn):
    """A6: a pending task overdue by ``overdue_hours`` is told to its assignees' supervisors, once."""
    return Status(201, escalation_out(escalations.escalation_create(actor=request.auth, **payload.model_dump())))


@router.patch("/escalations/{rule_id}", response={200: EscalationOut, **c.BODY_ERRORS})
def escalations_update(request, rule_id: c.Id, payload: EscalationPatchIn):
    """Pause (``is_active: false``) or resume a threshold."""
    return escalation_out(escalations.escalation_set_active(actor=request.auth, rule_id=rule_id,
                                                            is_active=payload.is_active))


@router.delete("/escalations/{rule_id}", response={204: None, **c.ERRORS})
def escalations_delete(request, rule_id: c.Id):
    escalations.escalation_delete(actor=request.auth, rule_id=rule_id)
    return Status(204, None)
