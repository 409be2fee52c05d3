"""API of auto-flow rules (D8) and the bulk stage move of customers. Administrators only for
rules (L8); thin: the rules live in ``followup.automation``."""

import datetime as dt
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Status

from followup.api import common as c
from followup.api import task_schemas as ts
from followup.api.auth import everyone
from followup.automation import rules, selectors
from followup.automation.models import AssignTo, RuleRun, StageRule
from followup.automation.stage_rules import rule_run_for_current, rule_would_create
from followup.core.exceptions import FieldErrors
from followup.customers.access import customers_of
from followup.customers.models import CustomerKind, Stage
from followup.customers.selectors import customer_search
from followup.customers.stages import customers_move_to_stage

router = Router(auth=everyone(), tags=["automation"])

StageName = Literal[tuple(Stage.values)]
StageOrNone = Literal[("", *Stage.values)]
KindName = Literal[("", *CustomerKind.values)]
AssignToName = Literal[tuple(AssignTo.values)]


class RuleIn(c.In):
    name: str = Field(max_length=120)
    stage: StageOrNone = Field("", description="The customers' lifecycle stage whose entry fires the rule;"
                                                " empty for a deal rule.")
    deal_stage_id: c.Id | None = Field(None, description="Or the stage of a sales process (by id) whose entry by a"
                                                         " deal fires the rule; for a deal rule \"owner\" is the"
                                                         " deal's owner.")
    title: str = Field(max_length=200, description="The task's title; may use {customer}, {stage} and {owner}.")
    is_active: bool = Field(True, description="A paused rule makes no tasks.")
    only_owner_id: c.Id | None = Field(None, description="Only customers owned by this person.")
    only_kind: KindName = Field("", description="Only people or only companies; empty: both.")
    task_type_id: c.Id | None = None
    priority: ts.PriorityName = "medium"
    due_in_days: int = Field(0, ge=0, le=365)
    due_in_hours: int = Field(0, ge=0, le=720, description="A delay in hours gives the task a due time.")
    skip_weekends: bool = False
    description: str = Field("", max_length=20_000)
    assign_to: AssignToName = AssignTo.CUSTOMER_OWNER
    assign_user_id: c.Id | None = Field(None, description="For assign_to=fixed.")
    assign_department_id: c.Id | None = Field(None, description="For round_robin and least_loaded.")
    assign_team_id: c.Id | None = Field(None, description="For team_round_robin and team_least_loaded.")


class RulePatchIn(c.In):
    """Send only the fields to change."""

    name: str = Field(None, max_length=120)
    stage: StageOrNone = None
    deal_stage_id: c.Id | None = None
    title: str = Field(None, max_length=200)
    is_active: bool = None
    only_owner_id: c.Id | None = None
    only_kind: KindName = None
    task_type_id: c.Id | None = None
    priority: ts.PriorityName = None
    due_in_days: int = Field(None, ge=0, le=365)
    due_in_hours: int = Field(None, ge=0, le=720)
    skip_weekends: bool = None
    description: str = Field(None, max_length=20_000)
    assign_to: AssignToName = None
    assign_user_id: c.Id | None = None
    assign_department_id: c.Id | None = None
    assign_team_id: c.Id | None = None


class RuleOut(c.Out):
    id: int
    name: str
    stage: str
    deal_stage_id: int | None
    title: str
    is_active: bool
    only_owner_id: int | None
    only_kind: str
    task_type_id: int | None
    priority: ts.PriorityName
    due_in_days: int
    due_in_hours: int
    skip_weekends: bool
    description: str
    assign_to: str
    assign_user_id: int | None
    assign_department_id: int | None
    assign_team_id: int | None
    author: c.UserRef | None
    created_at: dt.datetime


class RulePageOut(c.Out):
    items: list[RuleOut]
    page: int
    size: int
    has_next: bool
    next: str | None


class PreviewOut(c.Out):
    would_create: int = Field(description="Tasks a run for the customers (or open deals) now in the stage would make.")


class RunOut(c.Out):
    id: int
    trigger: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    made: int
    error: str


class CustomersBulkIn(c.In):
    action: Literal["move_stage"]
    customer_ids: list[c.Id] | None = Field(None, min_length=1, max_length=1000,
                                            description="Up to 1,000 customers; or send `matching` instead.")
    matching: str | None = Field(None, max_length=200, description=(
        "Instead of ids: every customer whose name, e-mail or phone contains this text; \"\" is every"
        " customer of the organization (a hundred thousand move in one request)."))
    stage: StageName


class CustomersBulkOut(c.Out):
    action: str
    moved: int


def rule_out(rule: StageRule) -> dict:
    fields = {f: getattr(rule, f) for f in rules.RULE_FIELDS}
    fields["priority"] = ts.PRIORITY_NAMES[rule.priority]
    return {"id": rule.pk, **fields, "author": c.user_ref(rule.author), "created_at": c.utc(rule.created_at)}


def run_out(run: RuleRun) -> dict:
    return {"id": run.pk, "trigger": run.trigger, "started_at": c.utc(run.started_at),
            "finished_at": c.utc(run.finished_at), "made": run.made, "error": run.error}


def _given(payload) -> dict:
    """What was sent, with the priority's name turned into its value."""
    given = payload.model_dump(exclude_unset=True)
    if given.get("priority") is not None:
        given["priority"] = ts.PRIORITY_VALUES[given["priority"]]
    return given


@router.get("/automation-rules", response={200: RulePageOut, **c.ERRORS})
def rules_list(request, query: Query[c.PageQuery]):
    """D8: the organization's auto-flow rules."""
    page = selectors.rule_list(actor=request.auth, page=query.page, size=query.size)
    return c.page_out(request, page, [rule_out(r) for r in page.items])


@router.post("/automation-rules", response={201: RuleOut, **c.BODY_ERRORS})
def rules_create(request, payload: RuleIn):
    """D8: a rule acts on customers who enter its stage from now on (see ``/preview`` and ``/run``)."""
    return Status(201, rule_out(rules.rule_create(actor=request.auth, **_given(payload))))


@router.get("/automation-rules/{rule_id}", response={200: RuleOut, **c.ERRORS})
def rules_detail(request, rule_id: c.Id):
    return rule_out(rules.rule_get(actor=request.auth, rule_id=rule_id))


@router.patch("/automation-rules/{rule_id}", response={200: RuleOut, **c.BODY_ERRORS})
def rules_update(request, rule_id: c.Id, payload: RulePatchIn):
    """Change a rule; ``is_active: false`` pauses it."""
    return rule_out(rules.rule_update(actor=request.auth, rule_id=rule_id, **_given(payload)))


@router.delete("/automation-rules/{rule_id}", response={204: None, **c.ERRORS})
def rules_delete(request, rule_id: c.Id):
    rules.rule_delete(actor=request.auth, rule_id=rule_id)
    return Status(204, None)


@router.get("/automation-rules/{rule_id}/preview", response={200: PreviewOut, **c.ERRORS})
def rules_preview(request, rule_id: c.Id):
    """How many tasks the rule would make now for the customers already in its stage."""
    rule = rules.rule_get(actor=request.auth, rule_id=rule_id)
    return {"would_create": rule_would_create(rule)}


@router.post("/automation-rules/{rule_id}/run", response={201: RunOut, **c.ERRORS})
def rules_run(request, rule_id: c.Id):
    """Make the rule's tasks for the customers already in its stage (a new rule does not by itself)."""
    rule = rules.rule_get(actor=request.auth, rule_id=rule_id)
    return Status(201, run_out(rule_run_for_current(rule=rule)))


@router.post("/automation-rules/{rule_id}/pause", response={200: RuleOut, **c.ERRORS})
def rules_pause(request, rule_id: c.Id):
    """A paused rule makes no tasks (the same as ``PATCH {"is_active": false}``)."""
    return rule_out(rules.rule_update(actor=request.auth, rule_id=rule_id, is_active=False))


@router.post("/automation-rules/{rule_id}/resume", response={200: RuleOut, **c.ERRORS})
def rules_resume(request, rule_id: c.Id):
    """The rule acts again on the stage changes that follow."""
    return rule_out(rules.rule_update(actor=request.auth, rule_id=rule_id, is_active=True))


@router.get("/automation-rules/{rule_id}/runs", response={200: list[RunOut], **c.ERRORS})
def rules_runs(request, rule_id: c.Id):
    """The rule's run log, newest first (the last 50)."""
    rule = rules.rule_get(actor=request.auth, rule_id=rule_id)
    return [run_out(run) for run in selectors.rule_runs(rule=rule)]


@router.post("/customers/bulk", response={200: CustomersBulkOut, **c.BODY_ERRORS})
def customers_bulk(request, payload: CustomersBulkIn):
    """D8: move customers to a stage at once, by id or every one a search finds (the rules for
    that stage then act in the background, their tasks made set-based)."""
    if (payload.customer_ids is None) == (payload.matching is None):
        raise FieldErrors.single("customer_ids", _("Send customer_ids or matching, one of them."))
    if payload.matching is not None:
        chosen = {"everyone_matching": customer_search(customers_of(request.auth), payload.matching)}
    else:
        chosen = {"customer_ids": payload.customer_ids}
    moved = customers_move_to_stage(actor=request.auth, stage=payload.stage, **chosen)
    return {"action": payload.action, "moved": moved}
