"""What the deal endpoints (``followup.api.deals``) take and answer (J18). Statuses and the
actions of a deal's recorded changes come from the models."""

import datetime as dt
from decimal import Decimal

from pydantic import Field

from followup.api import common as c
from followup.deals.models import STAGE_MAX, Deal, DealAction, DealChange, DealStatus
from followup.deals.services import TITLE_MAX

DealStatusName = c.names_of(DealStatus.values)
DealActionName = c.names_of(DealAction.values)


class DealIn(c.In):
    customer_id: c.Id
    title: str = Field(min_length=1, max_length=TITLE_MAX)
    amount: c.Amount = Decimal(0)
    process_id: c.Id | None = Field(None, description="Leave out for the organization's first sales process.")
    stage: str = Field("", max_length=STAGE_MAX, description="A stage of the process; leave out for its first.")
    owner_id: c.Id | None = Field(None, description="Leave out for you; null for nobody.")


class DealPatchIn(c.In):
    """Send only the fields to change. A new ``process_id`` without ``stage`` starts at its first stage."""

    title: str = Field(None, min_length=1, max_length=TITLE_MAX)
    amount: c.Amount = None
    process_id: c.Id | None = None
    stage: str = Field(None, max_length=STAGE_MAX)
    owner_id: c.Id | None = None


class StageIn(c.In):
    stage: str = Field(min_length=1, max_length=STAGE_MAX)


class DealListQuery(c.PageQuery):
    status: DealStatusName | None = None
    customer: c.Id | None = Field(None, description="Customer id.")


class ProcessRef(c.Out):
    id: int
    name: str
    stages: list[str]


class DealOut(c.Out):
    id: int
    title: str
    customer: c.CustomerRef
    amount: Decimal
    process: ProcessRef | None
    stage: str
    status: DealStatusName
    owner: c.UserRef | None
    created_at: dt.datetime
    updated_at: dt.datetime


DealPageOut = c.page_of(DealOut, "DealPageOut")


class DealChangeOut(c.Out):
    id: int
    action: DealActionName
    action_label: str
    actor: c.UserRef | None
    old: str = Field(description="The stage before (stage), or the status before (won, lost, reopened).")
    new: str
    created_at: dt.datetime


def deal_out(d: Deal) -> dict:
    p = d.process if d.process_id else None
    return {
        "id": d.pk, "title": d.title, "amount": d.amount, "stage": d.stage, "status": d.status,
        "customer": c.customer_ref(d.customer),
        "process": {"id": p.pk, "name": p.name, "stages": list(p.stages)} if p else None,
        "owner": c.user_ref(d.owner) if d.owner_id else None,
        "created_at": c.utc(d.created_at), "updated_at": c.utc(d.updated_at),
    }


def change_out(change: DealChange) -> dict:
    return {"id": change.pk, "action": change.action, "action_label": str(change.get_action_display()),
            "actor": c.user_ref(change.actor), "old": change.old, "new": change.new,
            "created_at": c.utc(change.created_at)}
