"""API endpoints of deals (J18): list with status and customer filters, create, read, edit,
move to a stage, won / lost / reopen, and the deal's recorded changes. Thin: every rule is in
``followup.deals.services``."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Field, Query, Router, Status

from followup.api import schemas as s
from followup.api.auth import everyone
from followup.api.tasks import ERRORS
from followup.core.limits import max_length
from followup.deals import selectors, services
from followup.deals.models import Deal, DealChange

router = Router(auth=everyone(), tags=["deals"])

DealStatusName = Literal["open", "won", "lost"]


class DealIn(s.In):
    customer_id: s.Id
    title: str = Field(..., max_length=max_length(Deal, "title"))
    amount: Decimal = Field(Decimal(0), ge=0, max_digits=14, decimal_places=2)
    process_id: s.Id | None = Field(None, description="Default: the organization's first sales process.")
    stage: str = Field("", max_length=80, description="A stage of the process; default: its first.")
    owner_id: s.Id | None = Field(None, description="Default: you.")


class DealPatchIn(s.In):
    """Send only the fields to change. A new ``process_id`` without ``stage`` starts at its first stage."""

    title: str = Field(None, max_length=max_length(Deal, "title"))
    amount: Decimal = Field(None, ge=0, max_digits=14, decimal_places=2)
    process_id: s.Id | None = None
    stage: str = Field(None, max_length=80)
    owner_id: s.Id | None = None


class StageIn(s.In):
    stage: str = Field(max_length=80)


class DealListQuery(s.PageQuery):
    status: DealStatusName | None = None
    customer: s.Id | None = Field(None, description="Customer id.")


class ProcessRef(s.Out):
    id: int
    name: str
    stages: list[str]


class DealOut(s.Out):
    id: int
    title: str
    customer: s.CustomerRef
    amount: Decimal
    process: ProcessRef | None
    stage: str
    status: DealStatusName
    owner: s.UserRef | None
    created_at: dt.datetime
    updated_at: dt.datetime


class DealPageOut(s.Out):
    items: list[DealOut]
    page: int
    size: int
    has_next: bool
    next: str | None


class DealChangeOut(s.Out):
    id: int
    action: s.DealActionName
    action_label: str
    actor: s.UserRef | None
    old: str = Field(description="The stage before (stage), or the status before (won, lost, reopened).")
    new: str
    created_at: dt.datetime


def deal_out(d: Deal) -> dict:
    c, p = d.customer, d.process if d.process_id else None
    return {
        "id": d.pk, "title": d.title, "amount": d.amount, "stage": d.stage, "status": d.status,
        "customer": {"id": c.pk, "name": c.name, "email": c.email, "phone": c.phone},
        "process": {"id": p.pk, "name": p.name, "stages": list(p.stages)} if p else None,
        "owner": s.user_ref(d.owner) if d.owner_id else None,
        "created_at": s.utc(d.created_at), "updated_at": s.utc(d.updated_at),
    }


def change_out(c: DealChange) -> dict:
    return {"id": c.pk, "action": c.action, "action_label": str(c.get_action_display()), "actor": s.user_ref(c.actor),
            "old": c.old, "new": c.new, "created_at": s.utc(c.created_at)}


def _one(request, deal_id: int) -> dict:
    return deal_out(selectors.deal_detail(actor=request.auth, deal_id=deal_id))


@router.get("/deals", response={200: DealPageOut, **ERRORS})
def deal_list(request, query: Query[DealListQuery]):
    """Newest first; ``status`` and ``customer`` narrow the list."""
    page = selectors.deal_list(actor=request.auth, status=query.status, customer_id=query.customer,
                               page=query.page, size=query.size)
    return s.page_out(request, page, [deal_out(d) for d in page.items])


@router.post("/deals", response={201: DealOut, **ERRORS})
def deal_create(request, payload: DealIn):
    fields = payload.model_dump(exclude_unset=True)
    deal = services.deal_create(actor=request.auth, **fields)
    return Status(201, _one(request, deal.pk))


@router.get("/deals/{deal_id}", response={200: DealOut, **ERRORS})
def deal_detail(request, deal_id: s.Id):
    return _one(request, deal_id)


@router.patch("/deals/{deal_id}", response={200: DealOut, **ERRORS})
def deal_update(request, deal_id: s.Id, payload: DealPatchIn):
    """Change some fields; a stage must be one of the deal's (new) process."""
    services.deal_update(actor=request.auth, deal_id=deal_id, **payload.model_dump(exclude_unset=True))
    return _one(request, deal_id)


@router.post("/deals/{deal_id}/stage", response={200: DealOut, **ERRORS})
def deal_stage(request, deal_id: s.Id, payload: StageIn):
    """Move an open deal to another stage of its process."""
    services.deal_set_stage(actor=request.auth, deal_id=deal_id, stage=payload.stage)
    return _one(request, deal_id)


@router.post("/deals/{deal_id}/won", response={200: DealOut, **ERRORS})
def deal_won(request, deal_id: s.Id):
    services.deal_mark_won(actor=request.auth, deal_id=deal_id)
    return _one(request, deal_id)


@router.post("/deals/{deal_id}/lost", response={200: DealOut, **ERRORS})
def deal_lost(request, deal_id: s.Id):
    services.deal_mark_lost(actor=request.auth, deal_id=deal_id)
    return _one(request, deal_id)


@router.post("/deals/{deal_id}/reopen", response={200: DealOut, **ERRORS})
def deal_reopen(request, deal_id: s.Id):
    """A won or lost deal is open again."""
    services.deal_reopen(actor=request.auth, deal_id=deal_id)
    return _one(request, deal_id)


@router.get("/deals/{deal_id}/changes", response={200: list[DealChangeOut], **ERRORS})
def deal_changes(request, deal_id: s.Id):
    """Who changed the deal's stage or status, from what to what, newest first (at most 100)."""
    deal = selectors.deal_detail(actor=request.auth, deal_id=deal_id)
    return [change_out(c) for c in selectors.deal_changes(deal=deal)]
